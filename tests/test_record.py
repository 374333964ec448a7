import json

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

import marsad
from marsad.config import EntityConfig, TaggerKind
from marsad.ner.entities import EntityStage
from marsad.pipeline import Pipeline
from marsad.record import RecordError, dumps, from_record, to_record, validate_record
from marsad.text.language import identify_language
from marsad.text.segment import segment, tokenize


def test_example_record_validates_and_round_trips(example_text):
    record = marsad.to_record(marsad.analyze(example_text, published="2023-11-29"))
    validate_record(record)
    assert json.loads(dumps(record)) == record
    assert record["schema"] == "marsad.article/1"
    assert record["published"] == "2023-11-29"
    for key in ("wire_sources", "sections", "sentences", "entities", "quotes", "events", "dates", "warnings"):
        assert isinstance(record[key], list)


def test_a_record_becomes_the_document_again(example_text):
    record = to_record(marsad.analyze(example_text, published="2023-11-29"))
    doc = from_record(json.loads(dumps(record)))
    assert doc.id == record["id"] and doc.body_hash == record["body_hash"]
    assert to_record(doc) == record


def test_a_rebuilt_document_runs_the_later_stages_again(example_text):
    record = to_record(marsad.analyze(example_text, published="2023-11-29"))
    later = Pipeline([segment, identify_language, tokenize, EntityStage(EntityConfig(tagger=TaggerKind.crf))],
                     given=("text", "sections", "sentences", "wire_sources"))
    assert to_record(later(from_record(record))) == record


@pytest.mark.parametrize("change, message", [
    ({"schema": "marsad.article/0"}, "not a marsad.article/1 record"),
    ({"events": [{"start": 0, "end": 1}]}, "lacks a field of the schema"),
])
def test_a_record_of_another_shape_is_refused(example_text, change, message):
    record = {**to_record(marsad.analyze(example_text)), **change}
    with pytest.raises(RecordError, match=message):
        from_record(record)


def test_a_mention_that_is_not_its_text_is_refused(example_text):
    record = to_record(marsad.analyze(example_text))
    record["entities"][0]["mentions"][0]["text"] = "غيره"
    with pytest.raises(RecordError, match="is not the text at"):
        from_record(record)


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
    record = marsad.to_record(marsad.analyze(raw))
    _check_spans(record)
    validate_record(record)
    assert json.loads(dumps(record)) == record
    assert to_record(from_record(record)) == record


ARABIC_PIECES = st.sampled_from(["قال", "الرئيس", "بوتين", "«", "»", "\"", "”", ".", "؟", "\n", "\n\n", " ", "ـ", "َ",
                                 "٢٠٢٣", "رئيس التحرير", "اقرأ أيضا", "شارك", "...المزيد", "والصين", "لتشانج", "د."])


@settings(max_examples=150, deadline=None)
@given(st.lists(ARABIC_PIECES, max_size=60).map("".join))
def test_arabic_shaped_input_gives_valid_spans(raw):
    _check_spans(marsad.to_record(marsad.analyze(raw)))
