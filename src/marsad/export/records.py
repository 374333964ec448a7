"""Records read back from JSON Lines files (what `marsad analyze` writes), one Document a line, streamed.

    for item in read_records(["records.jsonl", "-", "out/records/"]):   # a folder: its files in name order
        if isinstance(item, BadRecord): ...   # a line that is no record of this schema: where, and why
"""
from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from ..document import Document
from ..record import RecordError, from_record


@dataclass(frozen=True, slots=True)
class BadRecord:
    where: str  # «records.jsonl:12»
    message: str


def record_files(paths: Iterable[str]) -> Iterator[str]:
    """The paths, a folder giving its files in name order (Spark's part files; its _SUCCESS and .crc left out)."""
    for path in paths:
        if os.path.isdir(path):
            yield from sorted(os.path.join(path, name) for name in os.listdir(path)
                              if not name.startswith(("_", ".")) and os.path.isfile(os.path.join(path, name)))
        else:
            yield path


def read_records(paths: Iterable[str]) -> Iterator[Document | BadRecord]:
    for path in record_files(paths):
        try:
            stream = _open(path)
        except OSError as err:
            yield BadRecord(path, err.strerror or str(err))
            continue
        try:
            yield from _records(stream, path)
        except (OSError, EOFError, UnicodeDecodeError) as err:  # a truncated .gz, bytes that are no UTF-8
            yield BadRecord(path, f"unreadable after this point: {err}")
        finally:
            if stream is not sys.stdin:
                stream.close()


def _open(path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _records(stream: IO[str], path: str) -> Iterator[Document | BadRecord]:
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise RecordError("a line holds no JSON object")
            yield from_record(record)
        except (ValueError, KeyError, TypeError) as err:  # json.JSONDecodeError and RecordError are ValueErrors
            yield BadRecord(where, f"missing field {err}" if isinstance(err, KeyError) else str(err)[:200])
