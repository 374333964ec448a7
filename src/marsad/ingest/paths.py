"""From the paths on the command line to input units: files by format (their name's, unless what they hold
says otherwise), folders walked, stdin sniffed."""
from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_LIMIT = 1 << 20  # stdin bytes read while looking for the first non-blank character
_WHITESPACE = b" \t\r\n\x0b\x0c"
_EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".arc": "warc",
}


@dataclass(slots=True, frozen=True)
class InputFile:
    path: str
    format: str  # text | html | jsonl | warc


@dataclass(slots=True, frozen=True)
class Unreadable:
    path: str
    message: str


def format_for(path: str) -> str:
    """By extension, ignoring a trailing .gz: a.jsonl.gz is JSON Lines; anything unknown is text."""
    name = path.lower()
    for suffix in (".gz", ".gzip"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return _EXTENSIONS.get(os.path.splitext(name)[1], "text")


def expand(path: str) -> Iterator[InputFile | Unreadable]:
    """A file, or every non-hidden file under a folder in sorted order."""
    if os.path.isdir(path):
        yield from _walk(path, set())
    else:
        yield InputFile(path, format_for(path))


def _walk(folder: str, seen: set[str]) -> Iterator[InputFile | Unreadable]:
    real = os.path.realpath(folder)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as err:
        yield Unreadable(folder, err.strerror or str(err))
        return
    for name in names:
        child = os.path.join(folder, name)
        if os.path.isdir(child):
            yield from _walk(child, seen)
        else:
            yield InputFile(child, format_for(child))


def open_input(path: str) -> BinaryIO:
    """Opened for bytes; gzip is undone here, by its magic, for every format.

    WARCs too: warcio wants one gzip member per record, and refuses a .warc.gz
    compressed as a whole; read front to back, both are the same stream.
    """
    stream = open(path, "rb")  # noqa: SIM115 - the caller closes it
    if stream.peek(2)[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def sniff_stream(stream: BinaryIO) -> tuple[str, BinaryIO]:
    """A stream's format from its first non-blank bytes, and a stream that still starts at byte 0.

    `{` means JSON Lines, `<` HTML, `WARC/` a WARC, anything else text; gzip is undone first.
    """
    head = _read_head(stream)
    rest: BinaryIO = io.BufferedReader(_Replay(head, stream))
    if head.startswith(GZIP_MAGIC):
        inner = gzip.GzipFile(fileobj=rest, mode="rb")
        return sniff_stream(inner)  # type: ignore[arg-type]
    start = head.lstrip(b"\xef\xbb\xbf" + _WHITESPACE)
    if start.startswith(b"WARC/"):
        return "warc", rest
    if start.startswith(b"{"):
        return "jsonl", rest
    if start.startswith(b"<"):
        return "html", rest
    return "text", rest


def _read_head(stream: BinaryIO) -> bytes:
    head = b""
    read = getattr(stream, "read1", stream.read)
    while len(head) < SNIFF_LIMIT and len(head.lstrip(b"\xef\xbb\xbf" + _WHITESPACE)) < 5:
        chunk = read(65536)
        if not chunk:
            break
        head += chunk
    return head


class _Replay(io.RawIOBase):
    """The sniffed head again, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._read = getattr(rest, "read1", rest.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
