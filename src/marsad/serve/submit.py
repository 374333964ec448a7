"""The file spark-submit runs (absolute imports only: it runs as a script, not as a module of the package).

    spark-submit --master yarn --archives marsad-env.tar.gz#env --conf spark.pyspark.python=./env/bin/python \
        "$(python -c 'import marsad.serve.submit as m; print(m.__file__)')" INPUT... --out DIR
"""
import sys

from marsad.serve.cli import app

if __name__ == "__main__":
    sys.exit(app(["spark", "analyze", *sys.argv[1:]]))
