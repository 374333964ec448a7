import json

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

import marsad
from marsad.record import dumps, record_schema


def test_example_record_validates_and_round_trips(example_text):
    record = marsad.analyze(example_text, published="2023-11-29").to_record()
    jsonschema.validate(record, record_schema())
    assert json.loads(dumps(record)) == record
    assert record["schema"] == "marsad.article/1"
    assert record["published"] == "2023-11-29"
    for key in ("wire_sources", "sections", "sentences", "entities", "quotes", "events", "dates", "warnings"):
        assert isinstance(record[key], list)


def test_copies_of_one_story_share_a_body_hash_but_not_an_id(example_text):
    a = marsad.analyze(example_text)
    b = marsad.analyze(example_text.replace("أحمــد", "أحمد") + "\n\n")
    assert a.body_hash == b.body_hash
    assert a.id != b.id  # with no url or path, the id hashes the raw bytes
    assert marsad.analyze(example_text).id == a.id
    c = marsad.analyze("عنوان آخر\n\n" + a.text)
    assert c.body_hash == a.body_hash


def test_dumps_escapes_line_separators_so_jsonl_stays_one_line():
    line = dumps({"text": "a\u2028b\u2029c"})
    assert "\u2028" not in line and "\n" not in line
    assert json.loads(line)["text"] == "a\u2028b\u2029c"


def _check_spans(record: dict) -> None:
    text = record["text"]
    spans = [*record["sentences"], *record["sections"]]
    spans += [m for e in record["entities"] for m in e["mentions"]]
    for span in spans:
        assert 0 <= span["start"] <= span["end"] <= len(text)
        if "text" in span:
            assert text[span["start"]:span["end"]] == span["text"]
    for s in record["sections"]:
        assert s["heading"] is None or text[s["start"]:].startswith(s["heading"])


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_unicode_input_gives_valid_spans_and_a_valid_record(raw):
    record = marsad.analyze(raw).to_record()
    _check_spans(record)
    jsonschema.validate(record, record_schema())
    assert json.loads(dumps(record)) == record


ARABIC_PIECES = st.sampled_from(["قال", "الرئيس", "بوتين", "«", "»", "\"", "”", ".", "؟", "\n", "\n\n", " ", "ـ", "َ",
                                 "٢٠٢٣", "رئيس التحرير", "اقرأ أيضا", "شارك", "...المزيد", "والصين", "لتشانج", "د."])


@settings(max_examples=150, deadline=None)
@given(st.lists(ARABIC_PIECES, max_size=60).map("".join))
def test_arabic_shaped_input_gives_valid_spans(raw):
    _check_spans(marsad.analyze(raw).to_record())
