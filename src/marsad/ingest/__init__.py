"""Readers: text, HTML, JSON Lines and WARC inputs to Documents, streamed.

    for item in read_inputs(["a.txt", "dir/", "-", "x.jsonl", "y.warc.gz"]):
        ...  # a Document, or an InputError for a path that cannot be opened at all

Every article comes out as a Document whose `raw` is the body as extracted
(not yet cleaned), also when it could not be decoded or parsed: then its
warnings say why and `failed` is set. JSON Lines and WARC are read one record
at a time, so memory follows the largest article, not the input.
"""
from __future__ import annotations

import codecs
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from ..document import Document, Source
from .html import read_html
from .jsonl import read_jsonl, read_line
from .paths import GZIP_MAGIC, InputFile, Unreadable, expand, open_input, sniff_stream
from .text import read_text
from .warc import WarcReadError, read_warc

__all__ = ["IngestStats", "InputError", "Part", "read_inputs", "read_part", "split_inputs"]

STDIN = "-"
FORMAT_NAMES = {"text": "plain text", "html": "HTML", "jsonl": "JSON Lines", "warc": "WARC"}


class InputError(Exception):
    """A path that cannot be opened or read at all: no record, one line on stderr."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InputError) and (self.path, self.message) == (other.path, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.message))


@dataclass(slots=True)
class IngestStats:
    """Counters for the run's summary: documents read per format, records skipped by reason, paths that failed."""

    documents: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    errors: int = 0


def read_inputs(paths: Iterable[str], *, stats: IngestStats | None = None, stdin: BinaryIO | None = None) -> Iterator[Document | InputError]:
    """Documents in input order; `-` reads `stdin` (default: sys.stdin's bytes)."""
    stats = stats if stats is not None else IngestStats()
    for path in paths:
        for item in _read_path(path, stats, stdin):
            if isinstance(item, InputError):
                stats.errors += 1
            else:
                stats.documents[item.source.format] += 1
            yield item


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of the input one task reads: a whole file, or lines [start, end) in bytes of a JSON Lines file, whose
    first line is line `first_line` of the file."""
    path: str
    start: int = 0
    end: int | None = None  # none: the whole file, read as read_inputs reads it
    first_line: int = 1


def split_inputs(paths: Iterable[str], part_bytes: int) -> Iterator[Part | InputError]:
    """The parts of the inputs, in input order: a file each (WARC, HTML, text, compressed), a plain JSON Lines file
    in pieces of about `part_bytes`, cut after a newline (the file read once, to count its lines)."""
    for path in paths:
        for unit in expand(path):
            if isinstance(unit, Unreadable):
                yield InputError(unit.path, unit.message)
            elif unit.format != "jsonl":
                yield Part(unit.path)
            else:
                try:
                    yield from _line_parts(unit.path, part_bytes)
                except OSError as err:
                    yield InputError(unit.path, _reason(err))


def _line_parts(path: str, part_bytes: int) -> Iterator[Part]:
    with open(path, "rb") as stream:
        if stream.peek(2)[:2] == GZIP_MAGIC:
            yield Part(path)
            return
        start, first, at, line = 0, 1, 0, 1  # the part being cut begins at byte `start`, line `first`
        for raw in stream:
            at += len(raw)
            line += 1
            if at - start >= part_bytes:
                yield Part(path, start, at, first)
                start, first = at, line
        if at > start or start == 0:
            yield Part(path, start, at, first)


def read_part(part: Part, stats: IngestStats | None = None) -> Iterator[Document | InputError]:
    """The documents of one part, as read_inputs would read them."""
    if part.end is None:
        yield from read_inputs([part.path], stats=stats)
        return
    try:
        with open(part.path, "rb") as stream:
            stream.seek(part.start)
            number, at = part.first_line, part.start
            for line in stream:
                at += len(line)
                if number == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8):]
                if line and not line.isspace():
                    yield read_line(line, part.path, number)
                number += 1
                if at >= part.end:
                    break
    except OSError as err:
        yield InputError(part.path, _reason(err))


def _read_path(path: str, stats: IngestStats, stdin: BinaryIO | None) -> Iterator[Document | InputError]:
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            fmt, sniffed = sniff_stream(stream)
            yield from _read_stream(sniffed, STDIN, fmt, stats)
        except (OSError, EOFError, zlib.error, WarcReadError) as err:
            yield InputError(STDIN, _reason(err))
        return
    for unit in expand(path):
        if isinstance(unit, Unreadable):
            yield InputError(unit.path, unit.message)
            continue
        yield from _read_file(unit, stats)


def _read_file(unit: InputFile, stats: IngestStats) -> Iterator[Document | InputError]:
    try:
        stream = open_input(unit.path)
    except OSError as err:
        yield InputError(unit.path, _reason(err))
        return
    try:
        with stream:
            fmt, sniffed = sniff_stream(stream)
            if fmt == "text" or fmt == unit.format:
                yield from _read_stream(sniffed, unit.path, unit.format, stats)
                return
            note = (f"read as {FORMAT_NAMES[fmt]}, which the file holds, "
                    f"not as {FORMAT_NAMES[unit.format]}, which its name suggests")
            for doc in _read_stream(sniffed, unit.path, fmt, stats):
                doc.warn(note)
                yield doc
    except (OSError, EOFError, zlib.error, WarcReadError) as err:
        yield InputError(unit.path, _reason(err))


def _read_stream(stream: BinaryIO, path: str, fmt: str, stats: IngestStats) -> Iterator[Document]:
    if fmt == "jsonl":
        yield from read_jsonl(stream, path)
    elif fmt == "warc":
        yield from read_warc(stream, path, stats.skipped)
    elif fmt == "html":
        yield read_html(stream.read(), Source(format="html", path=path))
    else:
        yield read_text(stream.read(), path)


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err) or type(err).__name__
