"""An article over 1 MB is analysed whole, with a warning that says so, and its record stays valid."""

import marsad
from marsad.record import validate_record

# From the example article (Sada El Balad, 2023-11-29).
SENTENCE = "وقد زار شي موسكو في مارس 2023 لتوطيد الروابط، وسافر بوتين إلى بكين في شهر فبراير الماضي "


def test_a_single_line_article_over_one_megabyte():
    raw = "عنوان\n" + SENTENCE * (1_100_000 // len(SENTENCE))
    record = marsad.to_record(marsad.analyze(raw))
    assert any("over 1,000,000" in w and "analysed as one" in w for w in record["warnings"])
    assert len(record["text"]) > 1_000_000
    validate_record(record)
    names = {e["name_en"] for e in record["entities"]}
    assert {"Moscow", "Beijing"} <= names
    last = record["entities"][0]["mentions"][-1]
    assert record["text"][last["start"]:last["end"]] == last["text"]
