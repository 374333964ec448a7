"""The Spark runner: the same stages under PySpark, for corpora that outgrow one machine (the `spark` extra).

    marsad spark analyze INPUT... --out DIR [--master local[2]] [--published DAY] [--config marsad.toml]
    spark-submit --master yarn "$(python -c 'import marsad.serve.submit as m; print(m.__file__)')" INPUT... --out DIR

The driver cuts the inputs into parts (ingest.split_inputs: a WARC, HTML or text file each, streamed; a JSON Lines
file in pieces of --part-mb); each part is a task. A task builds the pipeline once per Python worker, from the typed
config (scale/local.pipeline_for), and reads its part as `marsad analyze` would. The inputs must be paths every
executor can read (a shared file system). What comes out, under DIR:

    records/           JSON Lines records, in input order across the part files (marsad ingest --records reads the
                       folder), equal to what `marsad analyze` prints for the same input
    tables/NAME/       Parquet tables: articles, entities, mentions, quotes, dates (as `marsad export` types them) and
                       events (the GDELT-style columns, then marsad's), read by DuckDB, pandas and Spark

A document that fails is a record with its warnings; a path that cannot be read is a line on stderr; either makes
the exit status 1, never a failed job.
"""
from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import PipelineConfig
from ..document import Document
from ..export.events import COLUMNS as EVENT_COLUMNS, column_type, event_rows
from ..export.tables import TABLES
from ..ingest import InputError, Part, read_part, split_inputs
from ..record import dumps, to_record
from .local import pipeline_for

PART_BYTES = 32 << 20  # a JSON Lines file is read in pieces of this size, one task each
TABLE_COLUMNS = {**{name: t.columns for name, t in TABLES.items()},
                 "events": tuple((c, column_type(c)) for c in EVENT_COLUMNS)}
LOCAL_SETTINGS = {  # a local master: no UI, loopback only (stack notes: the defaults fail or cost here)
    "spark.ui.enabled": "false", "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.shuffle.partitions": "8", "spark.ui.showConsoleProgress": "false",
}


@dataclass(frozen=True, slots=True)
class Analysed:
    """What a task returns for one item of its part."""
    order: tuple[int, int]  # (the part's number, the item's place in it)
    record: str | None  # the record as `marsad analyze` prints it; none for an unreadable path or a failed write
    failed: bool
    warned: bool
    error: str | None  # a path that could not be read, a record that could not be written
    rows: dict[str, list[tuple]] | None  # each table's rows, in its column order


@dataclass(frozen=True, slots=True)
class Summary:
    articles: int  # records written
    failed: int  # records of a failed document, and documents whose record could not be written
    warned: int
    errors: tuple[str, ...]  # paths that could not be read, records that could not be written


def table_rows(doc: Document) -> dict[str, list[tuple]]:
    """A document's rows of every table."""
    out = {name: [tuple(row[c] for c, _ in t.columns) for row in t.rows(doc)] for name, t in TABLES.items()}
    out["events"] = [tuple(row[c] for c in EVENT_COLUMNS) for row in event_rows(doc)]
    return out


def analyse_part(config: PipelineConfig, published: str | None, parts: Iterable[tuple[int, Part]]) -> Iterator[Analysed]:
    """Run in a task: the items of each part, analysed by this worker's pipeline."""
    pipeline = pipeline_for(config)
    for number, part in parts:
        for k, item in enumerate(read_part(part)):
            if isinstance(item, InputError):
                yield Analysed((number, k), None, False, False, f"cannot open {item.path}: {item.message}", None)
                continue
            item.published = item.published or published
            try:
                doc = pipeline(item)  # (a stage that raises is a warning of the record already)
                yield Analysed((number, k), dumps(to_record(doc)), doc.failed, bool(doc.warnings), None,
                               table_rows(doc))
            except Exception as err:  # a record that cannot be written: said, and the task goes on
                where = f"{item.source.path}:{item.source.line}" if item.source.line else item.source.path
                yield Analysed((number, k), None, True, True, f"{where}: no record ({type(err).__name__}: {err})",
                               None)


def _spark_type(kind: str):
    from pyspark.sql import types

    return {"string": types.StringType(), "int64": types.LongType(), "float64": types.DoubleType(),
            "bool": types.BooleanType()}[kind]


def session(master: str | None = None):
    """A SparkSession: the one spark-submit made, or a new one on `master` (local[*] when none is given)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("marsad")
    if master is not None or "PYSPARK_GATEWAY_PORT" not in os.environ:  # (spark-submit starts the JVM and says so)
        master = master or "local[*]"
        builder = builder.master(master)
        if master.startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # (else workers run the system python3)
            os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
            for key, value in LOCAL_SETTINGS.items():
                builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def analyze(paths: list[str], out: Path, *, config: PipelineConfig | None = None, published: str | None = None,
            master: str | None = None, part_bytes: int = PART_BYTES, spark=None) -> Summary:
    """Analyse the inputs on Spark into `out` (replaced if it holds an earlier run's output)."""
    from pyspark import StorageLevel
    from pyspark.sql import types

    config = config or PipelineConfig()
    spark = spark or session(master)
    found = list(split_inputs(paths, part_bytes))
    parts = [(n, p) for n, p in enumerate(x for x in found if isinstance(x, Part))]
    errors = [f"cannot open {x.path}: {x.message}" for x in found if isinstance(x, InputError)]
    if out.exists():
        shutil.rmtree(out)
    sc = spark.sparkContext
    analysed = sc.parallelize(parts, max(1, len(parts))).mapPartitions(
        functools.partial(analyse_part, config, published)).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # (parallelize keeps the parts in order across partitions, and a task keeps its own: the part files of
        # records are in input order without a sort)
        analysed.filter(lambda a: a.record is not None).map(lambda a: a.record).saveAsTextFile(str(out / "records"))
        for name, columns in TABLE_COLUMNS.items():
            schema = types.StructType([types.StructField(c, _spark_type(kind), True) for c, kind in columns])
            rows = analysed.flatMap(lambda a, name=name: a.rows[name] if a.rows else [])
            spark.createDataFrame(rows, schema).write.parquet(str(out / "tables" / name))
        counts = analysed.map(lambda a: (a.record is not None, a.failed, a.warned)).collect()
        errors += analysed.filter(lambda a: a.error is not None).map(lambda a: a.error).collect()
    finally:
        analysed.unpersist()
    return Summary(sum(r for r, _, _ in counts), sum(f for _, f, _ in counts), sum(r and w for r, _, w in counts),
                   tuple(errors))
