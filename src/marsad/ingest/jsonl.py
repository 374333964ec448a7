"""JSON Lines to Documents, one line at a time: memory follows the longest line, not the file.

Lines are split on b"\\n" only: JSON written with ensure_ascii=False may hold
U+2028, which str.splitlines() would break on.
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator

from ..document import Document, Source, digest
from ..text.outlets import outlet_name
from .published import published_day
from .decode import Issue, add_issues, sanitise

TEXT_FIELDS = ("text", "content")
DATE_FIELDS = ("published", "date", "date_extracted")
OUTLET_FIELDS = ("outlet", "source")


def read_jsonl(lines: Iterable[bytes], path: str) -> Iterator[Document]:
    """One Document per non-blank line, in order; a broken line gives a record that says so."""
    for number, line in enumerate(lines, 1):
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        if not line or line.isspace():
            continue
        yield read_line(line, path, number)
        del line  # the next line is read before this one would otherwise be freed


def read_line(line: bytes, path: str, number: int) -> Document:
    """One line, its newline included or not: json.loads ignores the trailing white space."""
    raw_digest = digest(memoryview(line)[: len(line) - _newline_length(line)])
    doc = Document(source=Source(format="jsonl", path=path, line=number), raw_digest=raw_digest)
    text, issue = _decode_line(line, number)
    if issue:
        doc.warn(issue.message, failure=issue.failure)
    try:
        record = json.loads(text)
        del text
    except json.JSONDecodeError as err:
        doc.warn(f"line {number}: not valid JSON ({err.msg} at column {err.colno})", failure=True)
        return doc
    except RecursionError:
        doc.warn(f"line {number}: JSON nested too deeply to read", failure=True)
        return doc
    if not isinstance(record, dict):
        doc.warn(f"line {number}: not a JSON object but {type(record).__name__}", failure=True)
        return doc
    fields = _Fields(record, number)
    doc.source.input_id = fields.string("id", scalar=True)
    doc.source.url = fields.string("url")
    body = fields.first_string(TEXT_FIELDS)
    if body is None or not body.strip():
        doc.warn(f"line {number}: no article text (no 'text' or 'content')")
    doc.raw = body or ""
    doc.title = (fields.string("title") or "").strip() or None
    doc.published = _published(fields, doc, number)
    doc.outlet = outlet_name(fields.first_string(OUTLET_FIELDS, nested="name"), doc.source.url)
    add_issues(doc, fields.issues)
    return doc


class _Fields:
    """Typed access to one record's fields; wrong types and bad characters become issues."""

    def __init__(self, record: dict, number: int) -> None:
        self.record = record
        self.number = number
        self.issues: list[Issue] = []

    def string(self, name: str, *, scalar: bool = False, nested: str | None = None) -> str | None:
        value = self.record.get(name)
        if value is None:
            return None
        if nested and isinstance(value, dict):
            value = value.get(nested)
            if value is None:
                return None
        if scalar and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.issues.append(Issue(f"line {self.number}: '{name}' is {type(value).__name__}, not a string", failure=name in TEXT_FIELDS))
            return None
        value, issues = sanitise(value)
        self.issues.extend(issues)
        return value

    def first_string(self, names: tuple[str, ...], *, nested: str | None = None) -> str | None:
        for name in names:
            value = self.string(name, nested=nested)
            if value:
                return value
        return None


def _published(fields: _Fields, doc: Document, number: int) -> str | None:
    for name in DATE_FIELDS:
        value = fields.record.get(name)
        if value in (None, ""):
            continue
        day = published_day(value)
        if day is None:
            doc.warn(f"line {number}: '{name}' is not a YYYY-MM-DD date: {str(value)[:40]!r}")
        return day
    return None


def _newline_length(line: bytes) -> int:
    if line.endswith(b"\r\n"):
        return 2
    return 1 if line.endswith((b"\n", b"\r")) else 0


def _decode_line(line: bytes, number: int) -> tuple[str, Issue | None]:
    try:
        return line.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:  # encoded surrogates only: sanitise() turns them into U+FFFD later
        return line.decode("utf-8", "surrogatepass"), None
    except UnicodeDecodeError as err:
        issue = Issue(f"line {number}: invalid UTF-8 at byte {err.start}, replaced by U+FFFD", failure=True)
        return line.decode("utf-8", "replace"), issue
