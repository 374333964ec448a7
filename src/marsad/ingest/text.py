"""A plain text file to a Document: one file, one article, decoded strictly."""
from __future__ import annotations

from ..document import Document, Source, digest
from .decode import add_issues, decode_text


def read_text(data: bytes, path: str) -> Document:
    doc = Document(source=Source(format="text", path=path), raw_digest=digest(data))
    decoded = decode_text(data)
    add_issues(doc, decoded.issues)
    doc.raw = decoded.text
    return doc
