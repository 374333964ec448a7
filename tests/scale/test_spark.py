"""The Spark runner in local mode: on a WARC and 200 SaudiNewsNet articles its records equal `marsad analyze`'s (and --jobs
2's), record for record and in order; its Parquet tables hold what `marsad export` writes; a broken input is a record
or a line, never a failed job. Skipped only where Java or pyspark is missing."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import saudinewsnet_day
from ..ingest.test_warc import write_warc

pyspark = pytest.importorskip("pyspark", reason="the spark extra installs pyspark")
if shutil.which("java") is None:
    pytest.skip("no Java: Spark needs a JVM (Java 17 is on the dev and CI machines)", allow_module_level=True)
ARTICLES = 200
WARC_PAGES = 2  # the HTML responses of the test WARC (the rest of its records are skipped)


def marsad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A WARC of two pages, then 200 articles in the order of SaudiNewsNet's first day with a broken line among them,
    then a text file (a folder's files are read in name order)."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps({"id": f"snn-{k}", "text": a["content"], "title": a["title"], "url": a["url"],
                         "date_extracted": a["date_extracted"], "source": a["source"]}, ensure_ascii=False)
             for k, a in enumerate(saudinewsnet_day()[:ARTICLES])]
    lines.insert(57, '{"id": "broken", "text": ')
    (folder / "day.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", gzip=True)
    (folder / "note.txt").write_text("عنوان قصير\n\n" + saudinewsnet_day()[ARTICLES]["content"], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def single(corpus) -> list[str]:
    run = marsad("analyze", str(corpus), "--published", "2015-07-21")
    assert run.returncode == 1  # (the broken line)
    return run.stdout.splitlines()


@pytest.fixture(scope="module")
def spark_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark") / "out"
    run = marsad("spark", "analyze", str(corpus), "--out", str(out), "--master", "local[2]", "--part-mb", "0.4",
                 "--published", "2015-07-21")
    return run, out


def test_spark_gives_the_records_of_one_process_in_order(single, spark_run):
    run, out = spark_run
    assert run.returncode == 1, run.stderr  # (the broken line: a failed record, not a failed job)
    parts = sorted((out / "records").glob("part-*"))
    assert len(parts) >= 5  # (the WARC a task, the JSON Lines file in pieces, a task each)
    got = [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(got) == WARC_PAGES + ARTICLES + 2
    assert got == single
    assert json.loads(got[0])["source"]["format"] == "warc"
    broken = json.loads(got[WARC_PAGES + 57])
    assert broken["warnings"] and "not valid JSON" in broken["warnings"][0]
    assert f"{WARC_PAGES + ARTICLES + 2} articles, 1 failed" in run.stderr


def test_jobs_2_gives_the_same_records(corpus, single):
    run = marsad("analyze", str(corpus), "--published", "2015-07-21", "--jobs", "2")
    assert run.stdout.splitlines() == single


def test_the_tables_are_what_marsad_export_writes(single, spark_run, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    _, out = spark_run
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(single) + "\n", encoding="utf-8")
    for name in ("articles", "entities", "mentions", "quotes", "dates"):
        exported = tmp_path / f"{name}.parquet"
        assert marsad("export", name, str(records), "--format", "parquet", "-o", str(exported)).returncode == 0
        ours = duckdb.sql(f"SELECT * FROM read_parquet('{out}/tables/{name}/*.parquet') ORDER BY ALL").fetchall()
        theirs = duckdb.sql(f"SELECT * FROM read_parquet('{exported}') ORDER BY ALL").fetchall()
        assert ours == theirs, name
        kinds = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{out}/tables/{name}/*.parquet')").fetchall()
        assert [k[1] for k in kinds] == [k[1] for k in duckdb.sql(f"DESCRIBE SELECT * FROM '{exported}'").fetchall()]
    events = duckdb.sql(f"SELECT count(*), count(DISTINCT GlobalEventID) FROM '{out}/tables/events/*.parquet'")
    n, distinct = events.fetchall()[0]
    assert n == distinct == sum(len(json.loads(r)["events"]) for r in single)


def test_marsad_ingest_reads_the_records_folder(spark_run, tmp_path):
    _, out = spark_run
    db = tmp_path / "m.db"
    run = marsad("ingest", "--records", str(out / "records"), "--db", str(db))
    assert run.returncode == 0 and f"{WARC_PAGES + ARTICLES + 2} stored" in run.stderr, run.stderr


def test_an_unreadable_path_is_a_line_and_exit_1(tmp_path):
    run = marsad("spark", "analyze", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "out"),
                 "--master", "local[1]")
    assert run.returncode == 1 and "cannot open" in run.stderr and "Traceback" not in run.stderr


def test_spark_submit_runs_the_packaged_entry_point(corpus, single, tmp_path):
    import pyspark
    from marsad.serve import submit

    home = Path(pyspark.__file__).parent
    spark_submit = home / "bin" / "spark-submit"
    if not spark_submit.exists():
        pytest.skip("this pyspark has no bin/spark-submit")
    out = tmp_path / "out"
    run = subprocess.run([str(spark_submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                          "--conf", "spark.driver.host=127.0.0.1", "--conf", f"spark.pyspark.python={sys.executable}",
                          "--conf", f"spark.pyspark.driver.python={sys.executable}", submit.__file__,
                          str(corpus / "day.jsonl"), "--out", str(out), "--published", "2015-07-21"],
                         capture_output=True, text=True, env={**os.environ, "SPARK_HOME": str(home)})
    got = [line for p in sorted((out / "records").glob("part-*")) for line in p.read_text(encoding="utf-8").splitlines()]
    assert got == single[WARC_PAGES:WARC_PAGES + ARTICLES + 1], run.stderr[-2000:]  # (the JSON Lines file alone)
