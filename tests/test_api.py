"""The Python API's arguments: what it accepts, and the clear errors for what it does not."""
from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

import marsad
from marsad.record import dumps, to_record, validate_record

TEXT = "قال وزير الخارجية إن المحادثات كانت مثمرة."


@pytest.mark.parametrize("given", [dt.date(2023, 11, 29), dt.datetime(2023, 11, 29, 14, 5), "2023-11-29"])
def test_published_as_a_date_or_its_iso_form(given):
    # a `date` object made the record impossible to serialise
    record = to_record(marsad.analyze(TEXT, published=given))
    assert record["published"] == "2023-11-29"
    validate_record(record)
    assert '"published": "2023-11-29"' in dumps(record)


@pytest.mark.parametrize("given", ["2023-13-45", "29/11/2023", "20231129", "yesterday", 20231129])
def test_a_published_value_that_is_no_date_is_a_clear_error(given):
    # the API accepted published="2023-13-45", and the schema let it through
    with pytest.raises(ValueError, match="is not a date in the form YYYY-MM-DD"):
        marsad.analyze(TEXT, published=given)


@pytest.mark.parametrize("given, hint", [(None, "not NoneType"), (b"\xd9\x82\xd8\xa7\xd9\x84", "decode bytes first"),
                                         (42, "not int")])
def test_an_article_that_is_no_text_is_a_clear_error(given, hint):
    # analyze(None) raised a bare TypeError from deep inside cleaning
    with pytest.raises(TypeError, match=f"marsad.analyze needs the article as a str.*{hint}"):
        marsad.analyze(given)


def test_the_schema_checks_dates_as_dates():
    record = to_record(marsad.analyze(TEXT, published="2023-11-29"))
    record["published"] = "2023-13-45"
    with pytest.raises(jsonschema.ValidationError, match="is not a 'date'"):
        validate_record(record)
