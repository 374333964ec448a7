"""`marsad export articles|entities|mentions|quotes|dates`: typed tables from record files or a store."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from marsad import analyze
from marsad.export.tables import TABLES
from marsad.record import dumps, to_record

from ..conftest import EXAMPLE

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    folder = tmp_path_factory.mktemp("records")
    doc = analyze(EXAMPLE.read_text(encoding="utf-8"), published="2023-11-29")
    (folder / "example.jsonl").write_text(dumps(to_record(doc)) + "\n", encoding="utf-8")
    return folder / "example.jsonl", doc


def export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", "export", *args], capture_output=True)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_table_in_every_format_has_its_columns_and_rows(example, tmp_path, table):
    path, doc = example
    expected = sum(1 for _ in TABLES[table].rows(doc))
    assert expected > 0
    run = export(table, str(path))
    rows = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert run.returncode == 0 and len(rows) == expected and list(rows[0]) == list(TABLES[table].names)
    csv = pd.read_csv(io.BytesIO(export(table, str(path), "--format", "csv").stdout))
    assert list(csv.columns) == list(TABLES[table].names) and len(csv) == expected
    out = tmp_path / f"{table}.parquet"
    assert export(table, str(path), "--format", "parquet", "--out", str(out)).returncode == 0
    frame = pd.read_parquet(out)
    assert list(frame.columns) == list(TABLES[table].names) and len(frame) == expected
    for name, kind in TABLES[table].columns:
        if kind == "int64":
            assert frame[name].dtype.kind == "i", name


def test_mentions_and_quotes_slice_to_their_text(example):
    path, doc = example
    for table in ("mentions", "quotes", "dates"):
        for row in TABLES[table].rows(doc):
            assert doc.text[row["start"]:row["end"]] == row["text"]
    speakers = {r["speaker_name"] for r in TABLES["quotes"].rows(doc)}
    assert "فلاديمير بوتين" in speakers


def test_a_store_exports_what_it_holds(example, tmp_path):
    path, _ = example
    db = tmp_path / "m.db"
    text = tmp_path / "a.txt"
    text.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(text), "--db", str(db), "--published",
                          "2023-11-29"], capture_output=True)
    assert run.returncode == 0
    from_store = export("entities", "--db", str(db))
    from_file = export("entities", str(path))
    strip = [{k: v for k, v in json.loads(line).items() if k != "article"} for line in from_store.stdout.decode().splitlines()]
    assert strip == [{k: v for k, v in json.loads(line).items() if k != "article"}
                     for line in from_file.stdout.decode().splitlines()]
    assert export("events", "--db", str(db)).stdout.count(b"\n") >= 8


def test_parquet_needs_a_file_and_sources_are_needed():
    assert export("articles", "x.jsonl", "--format", "parquet").returncode == 2
    assert export("articles").returncode == 2
    assert export("articles", "--format", "xml", "x").returncode == 2


def test_duckdb_reads_every_parquet_table_with_its_types(example, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    path, _ = example
    kinds = {"string": "VARCHAR", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN"}
    tables = dict(TABLES)
    for name in tables:
        assert export(name, str(path), "--format", "parquet", "--out", str(tmp_path / f"{name}.parquet")).returncode == 0
    assert export("events", str(path), "--format", "parquet", "--out", str(tmp_path / "events.parquet")).returncode == 0
    db = duckdb.connect()
    for name, table in tables.items():
        described = db.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(tmp_path / f"{name}.parquet")]).fetchall()
        assert [(c, t) for c, t, *_ in described] == [(c, kinds[k]) for c, k in table.columns]
    events = db.execute("SELECT EventCode, GoldsteinScale, TriggerStart FROM read_parquet(?)",
                        [str(tmp_path / "events.parquet")]).fetchall()
    assert len(events) >= 8 and all(isinstance(c, str) and isinstance(g, float) and isinstance(t, int)
                                    for c, g, t in events)
    assert any(code.startswith("0") for code, _, _ in events)  # (codes keep their leading zero)
