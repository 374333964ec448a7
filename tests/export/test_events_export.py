"""`marsad export events`: GDELT 2.0 event columns then marsad's, loadable by pandas as GDELT is."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from marsad import analyze
from marsad.export.events import COLUMNS, GDELT_COLUMNS, cell, event_rows, split_actor, write_tsv
from marsad.record import dumps, to_record

from ..conftest import EXAMPLE

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def example_records(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("records") / "example.jsonl"
    doc = analyze(EXAMPLE.read_text(encoding="utf-8"), published="2023-11-29")
    path.write_text(dumps(to_record(doc)) + "\n", encoding="utf-8")
    return str(path)


def export(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", "export", "events", *args], capture_output=True,
                          input=stdin)


def test_gdelt_has_its_61_event_columns_in_its_order():
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[:2] == ("GlobalEventID", "Day")
    assert GDELT_COLUMNS[25:31] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL") and COLUMNS[:61] == GDELT_COLUMNS


def test_the_example_loads_with_pandas_as_gdelt_does(example_records):
    run = export(example_records)
    assert run.returncode == 0, run.stderr.decode()
    table = pd.read_csv(io.BytesIO(run.stdout), sep="\t", dtype={"EventCode": str, "EventBaseCode": str,
                                                                  "EventRootCode": str})
    assert list(table.columns) == list(COLUMNS) and len(table) >= 6
    meeting = table[table.TriggerText == "التقى"].iloc[0]
    assert (meeting.Day, meeting.EventCode, meeting.EventRootCode, meeting.QuadClass) == (20231129, "040", "04", 1)
    assert (meeting.Actor1Code, meeting.Actor1CountryCode, meeting.Actor1Type1Code) == ("RUSGOV", "RUS", "GOV")
    assert (meeting.Actor2Code, meeting.Actor2Type1Code, meeting.Actor1Name) == ("CHNMIL", "MIL", "VLADIMIR PUTIN")
    assert meeting.IsRootEvent == 1 and meeting.GoldsteinScale == 1.0 and meeting.PloverType == "CONSULT"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert meeting.TriggerText in text and meeting.SentenceText.startswith("التقى الرئيس الروسي")
    visit = table[table.TriggerText == "زار"].iloc[0]  # «وقد زار شي موسكو في مارس 2023»: a month, no day
    assert pd.isna(visit.Day) and (visit.MonthYear, visit.Year, visit.DateValue) == (202303, 2023, "2023-03")
    assert (visit.Actor2Geo_FullName, visit.Actor2Geo_Type) == ("Moscow", 4) and visit.Actor2Geo_Lat > 55
    assert table.GlobalEventID.is_unique and table.GlobalEventID.dtype.kind == "i"


def test_gdelt_columns_only_without_a_header(example_records):
    run = export(example_records, "--columns", "gdelt", "--no-header")
    table = pd.read_csv(io.BytesIO(run.stdout), sep="\t", header=None, names=list(GDELT_COLUMNS),
                        dtype={"EventCode": str})
    assert table.shape[1] == 61 and "040" in set(table.EventCode)


def test_jsonl_rows_are_typed_and_ids_stable(example_records):
    first, again = export(example_records, "--format", "jsonl"), export(example_records, "--format", "jsonl")
    assert first.stdout == again.stdout
    rows = [json.loads(line) for line in first.stdout.decode().splitlines()]
    assert list(rows[0]) == list(COLUMNS)
    assert all(isinstance(r["GlobalEventID"], int) and r["Negated"] in (0, 1) for r in rows)
    assert all(r["TriggerText"] and r["SentenceStart"] <= r["TriggerStart"] < r["SentenceEnd"] for r in rows)


def test_observed_leaves_out_denied_and_reported_events():
    doc = analyze("عنوان\n\nقال المتحدث إن الرئيس الإيراني حسن روحاني التقى بالرئيس الروسي فلاديمير بوتين أمس.",
                  published="2015-07-21")
    assert [r["Reported"] for r in event_rows(doc)] == [1]
    assert list(event_rows(doc, observed_only=True)) == []


def test_bad_lines_are_reported_and_the_rest_exported(example_records, tmp_path):
    mixed = tmp_path / "mixed.jsonl"
    good = open(example_records, encoding="utf-8").read()
    mixed.write_text('{"schema": "other/1"}\nnot json\n' + good + "[1, 2]\n", encoding="utf-8")
    run = export(str(mixed), str(tmp_path / "missing.jsonl"))
    assert run.returncode == 1
    err = run.stderr.decode()
    assert "mixed.jsonl:1" in err and "mixed.jsonl:2" in err and "mixed.jsonl:4" in err and "missing.jsonl" in err
    assert len(pd.read_csv(io.BytesIO(run.stdout), sep="\t")) >= 6


def test_records_from_stdin(example_records):
    run = export("-", stdin=open(example_records, "rb").read())
    assert run.returncode == 0 and run.stdout.count(b"\n") >= 7


@pytest.mark.parametrize("code, expected", [
    ("RUSGOVMIL", {"CountryCode": "RUS", "Type1Code": "GOV", "Type2Code": "MIL"}),
    ("UNO", {"KnownGroupCode": "UNO"}),
    ("IMGREB", {"Type1Code": "IMG", "Type2Code": "REB"}),
    ("WST", {"CountryCode": "WST"}),
    ("NATO", {"KnownGroupCode": "NATO"}),
    (None, {}),
])
def test_an_actor_code_in_gdelt_columns(code, expected):
    assert {k: v for k, v in split_actor(code).items() if v} == expected


@pytest.mark.parametrize("value, expected", [
    (None, ""), (-2.0, "-2.0"), ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("@SUM(A1)", "'@SUM(A1)"),
    ("سطر\tثان\nثالث", "سطر ثان ثالث"), ("قال «نعم»", "قال «نعم»"),
])
def test_a_cell_is_one_line_and_never_a_formula(value, expected):
    assert cell(value) == expected


def test_quote_marks_in_a_cell_survive_the_round_trip():
    row = dict.fromkeys(COLUMNS)
    row.update({"SentenceText": '"قال" الوزير "نعم"', "GlobalEventID": 1})
    out = io.StringIO()
    assert write_tsv([row], out) == 1
    table = pd.read_csv(io.StringIO(out.getvalue()), sep="\t")
    assert table.SentenceText[0] == '"قال" الوزير "نعم"'
