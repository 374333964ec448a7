"""WARC archives: HTML responses become documents with their target URLs; the rest is skipped and counted."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.ingest import IngestStats, InputError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "ingest-sada-elbalad-page.html"
SECOND = "<html><head><title>خبر ثان</title></head><body><article><p>قال وزير الخارجية إن المحادثات كانت مثمرة وبناءة، وإن الجانبين اتفقا على مواصلة التشاور.</p></article></body></html>"


def _response(writer, url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "marsad tests"}))
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.elbalad.news")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://www.elbalad.news/6034588", "request", http_headers=request))
        writer.write_record(_response(writer, "https://www.elbalad.news/6034588", FIXTURE.read_bytes()))
        writer.write_record(_response(writer, "https://www.elbalad.news/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"))
        writer.write_record(_response(writer, "https://www.elbalad.news/gone", b"<html>gone</html>", status="404 Not Found"))
        writer.write_record(_response(writer, "https://www.youm7.com/story/1", SECOND.encode("cp1256"), "text/html; charset=windows-1256"))


@pytest.mark.parametrize("name, gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_html_responses_become_documents_with_urls(tmp_path, read_all, name, gzip):
    path = tmp_path / name
    write_warc(path, gzip)
    stats = IngestStats()
    docs = read_all(path, stats=stats)
    assert [d.source.url for d in docs] == ["https://www.elbalad.news/6034588", "https://www.youm7.com/story/1"]
    first, second = docs
    assert first.source.format == "warc" and first.source.path == str(path)
    assert first.source.input_id.startswith("<urn:uuid:")
    assert first.raw.startswith("التقى الرئيس الروسي") and first.outlet == "صدى البلد"
    assert "قال وزير الخارجية" in second.raw and second.outlet == "اليوم السابع" and not second.failed
    assert stats.skipped == {
        "warc warcinfo record": 1,
        "warc request record": 1,
        "warc response that is not HTML": 1,
        "warc response with HTTP status 404": 1,
    }
    assert stats.documents == {"warc": 2}


def test_warc_that_is_not_a_warc_is_an_input_error(tmp_path, read_all):
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n")
    (item,) = read_all(path)
    assert isinstance(item, InputError) and item.path == str(path)


def test_arc_gz_response_is_read(tmp_path, read_all):
    import gzip

    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + SECOND.encode()
    info = b"1 0 marsad\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://t.arc 0.0.0.0 20150721000000 text/plain %d\n%s\n" % (len(info), info)
    arc += b"http://www.youm7.com/story/1 1.2.3.4 20150721000000 text/html %d\n%s\n" % (len(http), http)
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(arc))
    (doc,) = read_all(path)
    assert doc.source.url == "http://www.youm7.com/story/1" and "قال وزير الخارجية" in doc.raw


def test_an_uncompressed_warc_cut_in_the_middle_of_a_page_is_a_failure_with_its_reason(tmp_path, read_all):
    # a WARC cut in half gave a record with an empty body and exit 0, «empty body» its only word
    whole = tmp_path / "whole.warc"
    with whole.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(_response(writer, "https://www.youm7.com/story/1", SECOND.encode()))
        writer.write_record(_response(writer, "https://www.elbalad.news/6034588", FIXTURE.read_bytes()))
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:len(data) - len(FIXTURE.read_bytes()) // 2])
    first, second = read_all(cut)
    assert not first.failed and first.raw
    assert second.failed and second.source.url == "https://www.elbalad.news/6034588"
    assert any(w.startswith("WARC record truncated: ") and "bytes are missing" in w for w in second.warnings)
