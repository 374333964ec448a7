"""Paths: files by extension, folders in sorted order, stdin sniffed, unopenable paths as InputError."""
from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from marsad.ingest import InputError
from marsad.ingest.paths import format_for

PAGE = "<html><body><article><p>قال وزير الخارجية إن المحادثات كانت مثمرة وبناءة.</p></article></body></html>"


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("a.txt", "text"), ("a", "text"), ("a.md", "text"), ("A.HTML", "html"), ("a.htm", "html"),
        ("a.jsonl", "jsonl"), ("a.jsonl.gz", "jsonl"), ("a.warc.gz", "warc"), ("a.arc.gz", "warc"), ("a.txt.gz", "text"),
    ],
)
def test_format_for_extension(name, fmt):
    assert format_for(name) == fmt


def test_missing_path_is_an_input_error_and_reading_goes_on(tmp_path, read_all):
    good = tmp_path / "good.txt"
    good.write_text("نص")
    missing = tmp_path / "missing.txt"
    items = read_all(missing, good)
    assert items[0] == InputError(str(missing), "No such file or directory")
    assert items[1].raw == "نص"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_an_input_error(tmp_path, read_all):
    path = tmp_path / "secret.txt"
    path.write_text("نص")
    path.chmod(0)
    (item,) = read_all(path)
    assert isinstance(item, InputError) and item.message == "Permission denied"


def test_permission_denied_is_an_input_error_also_as_root(tmp_path, read_all, monkeypatch):
    from marsad.ingest import paths

    def refuse(path, mode="r"):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(paths, "open", refuse, raising=False)
    (item,) = read_all(tmp_path / "secret.txt")
    assert item == InputError(str(tmp_path / "secret.txt"), "Permission denied")


def test_dangling_symlink_is_an_input_error(tmp_path, read_all):
    path = tmp_path / "dangling.txt"
    path.symlink_to(tmp_path / "nowhere")
    (item,) = read_all(path)
    assert isinstance(item, InputError) and item.path == str(path)


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path, read_all):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("ز")
    (tmp_path / "b" / "a.html").write_text(PAGE)
    (tmp_path / "a.txt").write_text("أ")
    (tmp_path / "c.jsonl").write_text('{"text": "ج1"}\n{"text": "ج2"}\n')
    (tmp_path / ".hidden.txt").write_text("مخفي")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("مخفي")
    docs = read_all(tmp_path)
    assert [os.path.relpath(d.source.path, tmp_path) for d in docs] == ["a.txt", "b/a.html", "b/z.txt", "c.jsonl", "c.jsonl"]
    assert [d.source.format for d in docs] == ["text", "html", "text", "jsonl", "jsonl"]
    assert docs[1].raw.startswith("قال وزير الخارجية")


def test_gzip_is_undone_whatever_the_extension(tmp_path, read_one):
    path = tmp_path / "article.txt"
    path.write_bytes(gzip.compress("قال الوزير".encode()))
    assert read_one(path).raw == "قال الوزير"


@pytest.mark.parametrize(
    "data, fmt, raws",
    [
        ("\n  " + json.dumps({"text": "أ"}) + "\n" + json.dumps({"text": "ب"}) + "\n", "jsonl", ["أ", "ب"]),
        ("  \n" + PAGE, "html", ["قال وزير الخارجية إن المحادثات كانت مثمرة وبناءة."]),
        ("قال الوزير\n{ليس JSON}\n", "text", ["قال الوزير\n{ليس JSON}\n"]),
        ("", "text", [""]),
    ],
    ids=["jsonl", "html", "text", "empty"],
)
def test_stdin_is_sniffed(read_all, data, fmt, raws):
    docs = read_all("-", stdin=io.BytesIO(data.encode()))
    assert [d.source.format for d in docs] == [fmt] * len(raws)
    assert [d.raw for d in docs] == raws
    assert all(d.source.path == "-" for d in docs)


def test_stdin_gzipped_jsonl(read_all):
    data = gzip.compress((json.dumps({"text": "أ"}) + "\n").encode())
    (doc,) = read_all("-", stdin=io.BytesIO(data))
    assert doc.source.format == "jsonl" and doc.raw == "أ"


def test_stdin_long_jsonl_is_replayed_from_its_first_byte(read_all):
    lines = [json.dumps({"id": i, "text": "نص " * 5000}) for i in range(40)]
    docs = read_all("-", stdin=io.BufferedReader(io.BytesIO("\n".join(lines).encode())))
    assert [d.source.input_id for d in docs] == [str(i) for i in range(40)]
    assert not any(d.failed for d in docs)


SADA_PAGE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "ingest-sada-elbalad-page.html")


def test_a_page_saved_as_txt_is_read_as_html_with_a_warning(tmp_path, read_one):
    # a saved page named .txt gave the title «<!DOCTYPE html>» and 390 entities
    path = tmp_path / "page.txt"
    path.write_bytes(open(SADA_PAGE, "rb").read())
    doc = read_one(path)
    assert doc.source.format == "html" and doc.title.startswith("الفضاء والأسلحة الجديدة")
    assert "<" not in doc.raw
    assert "read as HTML, which the file holds, not as plain text, which its name suggests" in doc.warnings


def test_json_lines_saved_as_json_are_read_as_json_lines_with_a_warning(tmp_path, read_all):
    path = tmp_path / "articles.json"
    lines = [{"id": "a", "text": "قال الوزير إن المحادثات كانت مثمرة."}, {"id": "b", "text": "وأضاف أن الجولة المقبلة قريبة."}]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    docs = read_all(path)
    assert [(d.source.format, d.source.input_id, d.raw) for d in docs] == [("jsonl", x["id"], x["text"]) for x in lines]
    assert all("read as JSON Lines, which the file holds, not as plain text, which its name suggests" in d.warnings
               for d in docs)


def test_a_file_whose_name_and_content_agree_gets_no_warning(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_text("عنوان\n\nقال الوزير إن المحادثات كانت مثمرة.", encoding="utf-8")
    assert read_one(path).warnings == []
    gz = tmp_path / "page.txt.gz"
    gz.write_bytes(gzip.compress(PAGE.encode()))
    assert read_one(gz).source.format == "html"
