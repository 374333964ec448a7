"""WARC (and ARC) archives to Documents, one record at a time.

Only HTML responses are articles; every other record is skipped and counted
under its reason in the caller's `IngestStats`.
"""
from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from ..document import Document, Source, digest
from .html import read_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
SIGNATURES = (b"WARC/", b"filedesc://")  # a WARC record, an ARC file header
ARCHIVE_SNIFF_BYTES = 4096


class WarcReadError(Exception):
    """The archive itself cannot be read (not a WARC, truncated, corrupt)."""


def read_warc(stream: BinaryIO, path: str, skipped: Counter[str]) -> Iterator[Document]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    _check_archive(stream)
    done = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            reason = _skip_reason(record)
            if reason:
                skipped[reason] += 1
                continue
            yield _read_response(record, path)
            done += 1
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
        where = f"after {done} documents" if done else "at its first record"
        raise WarcReadError(f"WARC unreadable {where}: {' '.join(str(err).split())}") from err


def _check_archive(stream: BinaryIO) -> None:
    """warcio reads any five-word first line as an ARC header: look for the real signatures first."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return
    head = peek(ARCHIVE_SNIFF_BYTES)[:ARCHIVE_SNIFF_BYTES]
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error as err:
            raise WarcReadError(f"not a WARC file: bad gzip data ({err})") from err
    if not head.lstrip(b"\r\n").startswith(SIGNATURES):
        raise WarcReadError("not a WARC or ARC file")


def _skip_reason(record) -> str | None:
    if record.rec_type != "response":
        return f"warc {record.rec_type} record"
    http = record.http_headers
    if http is None:
        return "warc response without HTTP headers"
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        return f"warc response with HTTP status {status or '?'}"
    if _media_type(http.get_header("Content-Type")) not in HTML_TYPES:
        return "warc response that is not HTML"
    return None


def _read_response(record, path: str) -> Document:
    headers = record.rec_headers
    source = Source(
        format="warc",
        path=path,
        input_id=headers.get_header("WARC-Record-ID"),
        url=headers.get_header("WARC-Target-URI"),
    )
    try:
        payload = record.content_stream().read()
    except Exception as err:  # noqa: BLE001 - a bad chunked/gzip body spoils this record only
        doc = Document(source=source, raw_digest=digest(b""))
        doc.warn(f"WARC payload could not be decoded: {type(err).__name__}: {err}", failure=True)
        return doc
    doc = read_html(payload, source, charset=_charset(record.http_headers.get_header("Content-Type")))
    missing = getattr(record.raw_stream, "limit", 0)  # what the record's Content-Length promised and the file lacks
    if missing:
        doc.warn(f"WARC record truncated: {missing:,} of its {record.length:,} bytes are missing", failure=True)
    return doc


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
