"""Plain text files: one file, one article, decoded strictly."""
from __future__ import annotations

import codecs
import hashlib
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ingest.decode import decode_text

ARABIC = "التقى الرئيس الروسي فلاديمير بوتين بالجنرال تشانج يوشيا اليوم الأربعاء.\nوقال: «أقصد الفضاء».\n"


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda s: s.encode("utf-8"), id="utf-8"),
        pytest.param(lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(lambda s: s.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(lambda s: s.encode("utf-16-be"), id="utf-16-be-no-bom"),
        pytest.param(lambda s: s.encode("cp1256"), id="cp1256"),
    ],
)
def test_text_encodings_round_trip_to_the_same_arabic(tmp_path, read_one, encode):
    data = encode(ARABIC)
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    doc = read_one(path)
    assert doc.raw == ARABIC
    assert not doc.failed
    assert doc.source.format == "text" and doc.source.path == str(path)
    assert doc.raw_digest == hashlib.sha256(data).hexdigest()


def test_text_cp1256_is_not_read_as_latin_mojibake(tmp_path, read_one):
    path = tmp_path / "legacy.txt"
    path.write_bytes("وزير الخارجية السعودي".encode("cp1256"))
    doc = read_one(path)
    assert doc.raw == "وزير الخارجية السعودي"
    assert "Ç" not in doc.raw and "á" not in doc.raw
    assert any("Windows-1256" in w for w in doc.warnings)


def test_text_latin_legacy_bytes_are_flagged_not_guessed(tmp_path, read_one):
    path = tmp_path / "german.txt"
    path.write_bytes("Mädchen und Straße in München".encode("cp1252"))
    doc = read_one(path)
    assert doc.failed
    assert "ن" not in doc.raw  # ä read through cp1256 would be نون
    assert "\ufffd" in doc.raw


def test_text_empty_file_is_a_warning_not_a_failure(tmp_path, read_one):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    doc = read_one(path)
    assert doc.raw == "" and doc.warnings == ["empty input"] and not doc.failed


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), id="png"),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), id="zip"),
        pytest.param(bytes([7, 1, 2, 3, 200, 17, 0, 5]) * 100, id="control-bytes"),
    ],
)
def test_text_binary_input_named_txt_is_a_failure_with_empty_raw(tmp_path, read_one, data):
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    doc = read_one(path)
    assert doc.raw == "" and doc.failed
    assert any(w.startswith("binary input") for w in doc.warnings)


def test_text_nul_bytes_become_replacement_characters(tmp_path, read_one):
    path = tmp_path / "nul.txt"
    path.write_bytes("قال\x00 الوزير".encode())
    doc = read_one(path)
    assert doc.raw == "قال\ufffd الوزير"
    assert "NUL characters replaced by U+FFFD" in doc.warnings and not doc.failed


def test_text_encoded_lone_surrogate_becomes_replacement_character(tmp_path, read_one):
    path = tmp_path / "surrogate.txt"
    path.write_bytes("بوتين".encode() + b"\xed\xa0\x80" + " والصين".encode())
    doc = read_one(path)
    assert doc.raw == "بوتين\ufffd والصين"
    assert "lone surrogates replaced by U+FFFD" in doc.warnings


def test_text_twenty_megabyte_single_line_is_read_flat(tmp_path, read_one):
    line = ("بوتين والصين " * 870_000).encode()  # 20 MB, no newline
    assert len(line) > 20_000_000
    path = tmp_path / "huge.txt"
    path.write_bytes(line)
    tracemalloc.start()
    try:
        doc = read_one(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.raw) > 10_000_000 and not doc.failed
    assert peak < 5 * len(line)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_crashes_and_never_leaves_nul_or_surrogates(data):
    decoded = decode_text(data)
    assert "\x00" not in decoded.text
    assert not any("\ud800" <= ch <= "\udfff" for ch in decoded.text)
    if decoded.encoding is None:
        assert decoded.text == "" and any(i.failure for i in decoded.issues)


_PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t\r ")


@settings(max_examples=300, deadline=None)
@given(st.text(_PRINTABLE, min_size=1, max_size=200).filter(lambda s: not s.startswith(("\ufeff", "%PDF-", "GIF8"))))
def test_decode_utf8_text_round_trips(text):
    decoded = decode_text(text.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.text == text


@pytest.mark.parametrize("text", ["1\n2\n3\n", "\nx\ny\nz", "a", "ID3 tags", "RIFF", "\t\t\tمرحبا"])
def test_text_short_utf8_is_not_mistaken_for_utf16_or_binary(text):
    decoded = decode_text(text.encode())
    assert (decoded.text, decoded.encoding, decoded.issues) == (text, "utf-8", [])
