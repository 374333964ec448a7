"""marsad's dates stage and dateparser on the same list of real Arabic date expressions (tests/dates/expressions.tsv).

    .venv/bin/pip install -e '.[bench]'    # dateparser
    .venv/bin/python benchmarks/dates/compare.py

For each row, marsad passes when its first date over the expression has the expected value and grain (or, for a
`none` row, when no date covers it). dateparser (`search_dates`, languages ar, the row's reference as RELATIVE_BASE,
dates from the past preferred) passes when one of the dates it finds in the sentence has the expected value at the
row's grain (a week by its ISO week); it gives no grain, so vague and duration rows pass when it finds nothing that
overlaps the expression, and `none` rows when it finds nothing there. Prints a Markdown table by grain.
"""
from __future__ import annotations

import csv
import datetime as dt
import warnings
from collections import Counter
from pathlib import Path

from marsad import load_pipeline
from marsad.document import Document, Source

LIST = Path(__file__).resolve().parents[2] / "tests" / "dates" / "expressions.tsv"
NO_VALUE = ("vague", "duration", "none")


def rows() -> list[dict]:
    with open(LIST, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def marsad_passes(pipeline, row: dict) -> bool:
    doc = Document(Source("text"), raw="عنوان\n\n" + row["sentence"])
    doc.published = row["reference"] or None
    doc = pipeline(doc)
    at = doc.text.find(row["expression"])
    found = [d for d in doc.dates if d.start < at + len(row["expression"]) and at < d.end]
    if row["grain"] == "none":
        return not found
    return bool(found) and (found[0].value, found[0].grain) == (row["value"] or None, row["grain"])


def as_grain(d: dt.datetime, grain: str) -> str:
    if grain == "week":
        year, week, _ = d.date().isocalendar()
        return f"{year}-W{week:02d}"
    return {"day": d.date().isoformat(), "month": d.strftime("%Y-%m"), "year": d.strftime("%Y")}.get(grain, "")


def dateparser_passes(row: dict) -> bool:
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past"}
    if row["reference"]:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(row["reference"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(row["sentence"], languages=["ar"], settings=settings) or []
    covering = [(text, d) for text, d in found if text in row["expression"] or row["expression"] in text]
    if row["grain"] in NO_VALUE:
        return not covering
    return any(as_grain(d, row["grain"]) == row["value"] for _, d in covering)


def main() -> None:
    pipeline = load_pipeline()
    totals: Counter = Counter()
    passed = {"marsad": Counter(), "dateparser": Counter()}
    for row in rows():
        totals[row["grain"]] += 1
        passed["marsad"][row["grain"]] += marsad_passes(pipeline, row)
        passed["dateparser"][row["grain"]] += dateparser_passes(row)
    print("| grain | rows | marsad | dateparser |\n|---|---|---|---|")
    for grain in (*sorted(g for g in totals if g not in NO_VALUE), *NO_VALUE):
        if totals[grain]:
            print(f"| {grain} | {totals[grain]} | {passed['marsad'][grain]} | {passed['dateparser'][grain]} |")
    n = sum(totals.values())
    print(f"| **all** | {n} | {sum(passed['marsad'].values())} ({sum(passed['marsad'].values()) / n:.2f}) "
          f"| {sum(passed['dateparser'].values())} ({sum(passed['dateparser'].values()) / n:.2f}) |")


if __name__ == "__main__":
    main()
