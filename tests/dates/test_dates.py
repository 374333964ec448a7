"""The dates stage on the list of real date expressions (`expressions.tsv`, its rules in `GUIDELINES.md`), on the
example article, and on bad input."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import load_pipeline
from marsad.document import Document, Source

from ..conftest import EXAMPLE

HERE = Path(__file__).resolve().parent


def rows() -> list[dict]:
    with open(HERE / "expressions.tsv", encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline()


def analysed(pipeline, text: str, published: str | None) -> Document:
    doc = Document(Source("text"), raw="عنوان\n\n" + text)
    doc.published = published
    return pipeline(doc)


def test_the_list_is_long_enough_and_covers_every_grain():
    grains = {r["grain"] for r in rows()}
    assert len(rows()) >= 150 and grains >= {"day", "week", "month", "year", "vague", "duration", "none"}


@pytest.mark.parametrize("row", rows(), ids=lambda r: f"{r['id']}:{r['expression']}")
def test_an_expression_of_the_list(pipeline, row):
    doc = analysed(pipeline, row["sentence"], row["reference"] or None)
    at = doc.text.find(row["expression"])
    assert at >= 0
    span = (at, at + len(row["expression"]))
    found = [d for d in doc.dates if d.start < span[1] and span[0] < d.end]
    if row["grain"] == "none":
        assert not found, [(doc.span_text(d), d.value) for d in found]
        return
    assert [(d.value, d.grain) for d in found][:1] == [(row["value"] or None, row["grain"])], \
        [(doc.span_text(d), d.value, d.grain) for d in found]


def test_the_example_articles_dates(pipeline):
    doc = analysed(pipeline, EXAMPLE.read_text(encoding="utf-8"), "2023-11-29")
    assert {(doc.span_text(d), d.value) for d in doc.dates} == {
        ("اليوم الأربعاء", "2023-11-29"), ("مارس 2023", "2023-03"), ("شهر فبراير الماضي", "2023-02"),
        ("العام الماضي", "2022"), ("في السنوات الأخيرة", None), ("في وقت سابق", None)}


@pytest.mark.parametrize("text", [
    " ".join(["كلمة"] * 3000),  # a sentence of 3,000 words with no punctuation
    "32 مارس 2015 و30 فبراير 2016",  # days out of range
    "عام 99999 و15/13/2015",  # a year and a month out of range
    "25 شوال 1600هـ",  # a Hijri date the converter cannot handle
    "١٥/1/٢٠١٥ و15 يناير ٢٠١٥",  # Eastern and Western digits in one date
    "أمس " * 2000,
])
def test_bad_input_gives_no_crash_and_a_warning_where_a_value_is_dropped(pipeline, text):
    doc = analysed(pipeline, text, "2015-07-21")
    assert not doc.failed
    for d in doc.dates:
        assert 0 <= d.start < d.end <= len(doc.text)
        if "مارس 2015" in doc.span_text(d):
            assert d.value is None and any("no calendar day" in w for w in doc.warnings)


def test_mixed_digits_read_as_one_date(pipeline):
    doc = analysed(pipeline, "١٥/1/٢٠١٥ و15 يناير ٢٠١٥", "2015-07-21")
    assert [d.value for d in doc.dates] == ["2015-01-15", "2015-01-15"]


def test_an_expression_does_not_run_across_paragraphs(pipeline):
    # 2015-07-22 (Al-Yaum): «والحربُ الأهلية اللبنانيةُ لمدة\n\n15 عاماً»
    doc = analysed(pipeline, "والحربُ الأهلية اللبنانيةُ لمدة\n\n15 عاماً من الدمار.", "2015-07-22")
    assert all("\n" not in doc.span_text(d) for d in doc.dates)


def test_no_publication_date_keeps_relative_dates_without_a_value(pipeline):
    doc = analysed(pipeline, "وقال الوزير أمس إن الاجتماع عقد في 15 يناير 2015.", None)
    assert [(d.value, d.grain) for d in doc.dates] == [(None, "day"), ("2015-01-15", "day")]
    assert any("no publication date" in w for w in doc.warnings)


def test_the_stage_is_linear_in_the_text():
    # 20,000 relative dates: a quadratic stage would take minutes here
    from marsad.dates.grammar import find_dates
    doc = load_pipeline()(Document(Source("text"), raw="عنوان\n\n" + "أمس واليوم " * 10000))
    assert len(find_dates(doc.tokens, dt.date(2015, 7, 21))) == 20000


DATE_WORDS = ["15", "2015", "1436", "هـ", "م", "/", "-", "(", ")", "،", "يناير", "كانون", "الثاني", "أيلول", "سبتمبر",
              "شوال", "رمضان", "ذو", "الحجة", "الموافق", "يوم", "اليوم", "الأربعاء", "أمس", "أول", "من", "غدا", "بعد",
              "قبل", "منذ", "ثلاثة", "أيام", "يومين", "الأسبوع", "الماضي", "المقبل", "هذا", "العام", "عام", "شهر",
              "لمدة", "في", "السنوات", "الأخيرة", "مساء", "الثاني", "الأيام", "كامل", "صلاة", "الجمعة", "لعام"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=40), st.sampled_from([None, "2015-07-21", "2024-02-29"]))
def test_any_run_of_date_words_gives_dates_inside_the_text(words, published):
    from marsad.dates.stage import dates
    from marsad.text.segment import segment, tokenize
    from marsad.text.language import identify_language

    doc = Document(Source("text"), text="عنوان الخبر " + " ".join(words), published=published)
    doc = dates(tokenize(identify_language(segment(doc))))
    for d in doc.dates:
        assert 0 <= d.start < d.end <= len(doc.text) and d.grain in {"day", "week", "month", "year", "vague", "duration"}
