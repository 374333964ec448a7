"""JSON Lines: one article a line, streamed; a bad line is a record that says so."""
from __future__ import annotations

import gzip
import json
import tracemalloc

from marsad.ingest import InputError

SAUDI_LINE = {
    "source": "alriyadh",
    "url": "http://www.alriyadh.com/1068542",
    "date_extracted": "2015-07-21 02:51:32",
    "title": "أمير الرياض يستقبل السفير",
    "author": "الرياض - واس",
    "content": "استقبل صاحب السمو الملكي أمير منطقة الرياض في مكتبه اليوم السفير.",
}


def _write_lines(path, lines: list[bytes]) -> None:
    path.write_bytes(b"\n".join(lines) + b"\n")


def _dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def test_jsonl_mixed_batch_keeps_every_record_in_order(tmp_path, read_all):
    path = tmp_path / "batch.jsonl"
    _write_lines(
        path,
        [
            _dump({"id": "a1", "text": "قال الوزير إن الاجتماع مهم.", "title": "اجتماع", "published": "2023-11-29"}),
            b'{"id": "a2", "text": "broken',  # bad JSON
            _dump({"id": "a3", "title": "no body"}),
            b'{"id": "a4", "text": "\\u0628\\ud800\\u062a"}',  # lone surrogate escape
            b"",  # blank: not an article
            _dump({"id": 5, "content": "The minister said the meeting mattered.", "date": "2024-01-02T10:00:00Z"}),
            _dump(SAUDI_LINE),
        ],
    )
    docs = read_all(path)
    assert [d.source.line for d in docs] == [1, 2, 3, 4, 6, 7]
    assert [d.source.input_id for d in docs] == ["a1", None, "a3", "a4", "5", None]
    assert [d.failed for d in docs] == [False, True, False, False, False, False]

    ok, broken, empty, surrogate, english, saudi = docs
    assert ok.raw == "قال الوزير إن الاجتماع مهم." and ok.title == "اجتماع" and ok.published == "2023-11-29"
    assert ok.warnings == []
    assert broken.raw == "" and any(w.startswith("line 2: not valid JSON") for w in broken.warnings)
    assert empty.raw == "" and empty.title == "no body" and any("no article text" in w for w in empty.warnings)
    assert surrogate.raw == "ب\ufffdت" and "lone surrogates replaced by U+FFFD" in surrogate.warnings
    assert english.raw.startswith("The minister") and english.published == "2024-01-02"
    assert saudi.outlet == "الرياض" and saudi.published == "2015-07-21"
    assert saudi.title == SAUDI_LINE["title"] and saudi.raw == SAUDI_LINE["content"]
    assert saudi.source.url == SAUDI_LINE["url"] and saudi.source.format == "jsonl"
    assert len({d.raw_digest for d in docs}) == len(docs)


def test_jsonl_splits_on_newline_only_not_on_u2028(tmp_path, read_all):
    path = tmp_path / "sep.jsonl"
    _write_lines(path, [_dump({"text": "سطر\u2028ثان\u2029ثالث\x85رابع"}), _dump({"text": "التالي"})])
    docs = read_all(path)
    assert [d.raw for d in docs] == ["سطر\u2028ثان\u2029ثالث\x85رابع", "التالي"]


def test_jsonl_gzip_and_crlf_and_bom(tmp_path, read_all):
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(b"\xef\xbb\xbf" + _dump({"text": "أ"}) + b"\r\n" + _dump({"text": "ب"}) + b"\r\n"))
    assert [d.raw for d in read_all(path)] == ["أ", "ب"]


def test_jsonl_wrong_shapes_are_flagged(tmp_path, read_all):
    path = tmp_path / "shapes.jsonl"
    _write_lines(path, [b"[1, 2]", b'{"text": 42}', b'{"text": "x", "published": "yesterday"}', b"\xff\xfe{}"])
    array, number, date, bad_utf8 = read_all(path)
    assert array.failed and "not a JSON object" in array.warnings[0]
    assert number.failed and "'text' is int" in " ".join(number.warnings)
    assert not date.failed and date.published is None and "not a YYYY-MM-DD date" in date.warnings[0]
    assert bad_utf8.failed


def test_jsonl_unknown_outlet_is_kept_and_url_domain_is_used(tmp_path, read_all):
    path = tmp_path / "outlets.jsonl"
    _write_lines(
        path,
        [
            _dump({"text": "x", "outlet": "Some Local Paper"}),
            _dump({"text": "x", "url": "https://www.elbalad.news/6034588"}),
            _dump({"text": "x", "source": "okaz"}),
        ],
    )
    assert [d.outlet for d in read_all(path)] == ["Some Local Paper", "صدى البلد", "عكاظ"]


def test_jsonl_twenty_megabyte_line_is_streamed(tmp_path, read_all):
    body = "قال الوزير " * 1_000_000
    line = _dump({"id": "big", "text": body})
    assert len(line) > 20_000_000
    path = tmp_path / "huge.jsonl"
    _write_lines(path, [line, _dump({"id": "small", "text": "ب"})])
    tracemalloc.start()
    try:
        docs = read_all(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.source.input_id for d in docs] == ["big", "small"] and docs[0].raw == body
    assert peak < 5 * len(line)


def test_jsonl_truncated_gzip_keeps_records_then_reports_the_path(tmp_path, read_all):
    data = gzip.compress(b"".join(_dump({"text": f"مقال {i} " * 50}) + b"\n" for i in range(200)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read_all(path)
    assert isinstance(items[-1], InputError) and items[-1].path == str(path)
    assert 0 < len(items) - 1 < 200
    assert all(not isinstance(d, InputError) and not d.failed for d in items[:-1])
