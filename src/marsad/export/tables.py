"""The layers of records as flat tables with typed columns: articles, entities, mentions, quotes, dates (events have
their GDELT-style table in export/events.py), written as JSON Lines, CSV or Parquet (pyarrow, the `export` extra).

    rows = TABLES["quotes"].rows(doc)           # dicts, keys in the table's column order
    write(rows, TABLES["quotes"], "parquet", open("quotes.parquet", "wb"))
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from ..document import Document
from .events import cell

Row = dict[str, object]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, type): string | int64 | float64 | bool
    rows: Callable[[Document], Iterator[Row]]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


def _articles(doc: Document) -> Iterator[Row]:
    src = doc.source
    yield {"article": doc.id, "url": src.url, "input_id": src.input_id, "source_format": src.format,
           "source_path": src.path, "published": doc.published, "title": doc.title, "outlet": doc.outlet,
           "byline": doc.byline, "language": doc.language, "wire_sources": "|".join(doc.wire_sources) or None,
           "body_hash": doc.body_hash, "characters": len(doc.text), "entities": len(doc.entities),
           "quotes": len(doc.quotes), "events": len(doc.events), "dates": len(doc.dates),
           "warnings": " | ".join(doc.warnings) or None}


def _entities(doc: Document) -> Iterator[Row]:
    for e in doc.entities:
        yield {"article": doc.id, "entity": e.id, "type": e.type, "name": e.name, "name_en": e.name_en,
               "kb_id": e.kb_id, "wikidata": e.wikidata, "country": e.country, "actor": e.actor,
               "latitude": e.coordinates[0] if e.coordinates else None,
               "longitude": e.coordinates[1] if e.coordinates else None,
               "roles": "|".join(e.roles) or None, "mentions": len(e.mentions)}


def _mentions(doc: Document) -> Iterator[Row]:
    for e in doc.entities:
        for m in e.mentions:
            yield {"article": doc.id, "entity": e.id, "kb_id": e.kb_id, "type": e.type, "start": m.start,
                   "end": m.end, "text": doc.text[m.start:m.end]}


def _quotes(doc: Document) -> Iterator[Row]:
    names = {e.id: e for e in doc.entities}
    for k, q in enumerate(doc.quotes):
        speaker = names.get(q.speaker) if q.speaker else None
        yield {"article": doc.id, "quote": k, "kind": q.kind, "start": q.start, "end": q.end,
               "text": doc.text[q.start:q.end], "cue": doc.span_text(q.cue) if q.cue else None,
               "speaker": q.speaker, "speaker_name": speaker.name if speaker else None,
               "speaker_kb_id": speaker.kb_id if speaker else None, "speaker_text": q.speaker_text,
               "addressee": q.addressee, "source": q.source, "carried": q.carried, "published": doc.published}


def _dates(doc: Document) -> Iterator[Row]:
    for k, d in enumerate(doc.dates):
        yield {"article": doc.id, "date": k, "start": d.start, "end": d.end, "text": doc.text[d.start:d.end],
               "value": d.value, "grain": d.grain}


S, I, F, B = "string", "int64", "float64", "bool"
TABLES = {t.name: t for t in (
    Table("articles", (("article", S), ("url", S), ("input_id", S), ("source_format", S), ("source_path", S),
                       ("published", S), ("title", S), ("outlet", S), ("byline", S), ("language", S),
                       ("wire_sources", S), ("body_hash", S), ("characters", I), ("entities", I), ("quotes", I),
                       ("events", I), ("dates", I), ("warnings", S)), _articles),
    Table("entities", (("article", S), ("entity", S), ("type", S), ("name", S), ("name_en", S), ("kb_id", S),
                       ("wikidata", S), ("country", S), ("actor", S), ("latitude", F), ("longitude", F),
                       ("roles", S), ("mentions", I)), _entities),
    Table("mentions", (("article", S), ("entity", S), ("kb_id", S), ("type", S), ("start", I), ("end", I),
                       ("text", S)), _mentions),
    Table("quotes", (("article", S), ("quote", I), ("kind", S), ("start", I), ("end", I), ("text", S), ("cue", S),
                     ("speaker", S), ("speaker_name", S), ("speaker_kb_id", S), ("speaker_text", S),
                     ("addressee", S), ("source", S), ("carried", B), ("published", S)), _quotes),
    Table("dates", (("article", S), ("date", I), ("start", I), ("end", I), ("text", S), ("value", S),
                    ("grain", S)), _dates),
)}


def write(rows: Iterable[Row], table: Table, format: str, out: IO) -> int:
    """Rows to `out` (text for jsonl and csv, binary for parquet); the count."""
    if format == "parquet":
        return _parquet(rows, table, out)
    n = 0
    if format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.names)
        for row in rows:
            writer.writerow([cell(row[c]) for c in table.names])
            n += 1
        return n
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
                  + "\n")
        n += 1
    return n


PARQUET_BATCH = 10_000  # rows a Parquet row group holds: memory stays bounded by it, not by the corpus


def _parquet(rows: Iterable[Row], table: Table, out: IO) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError("Parquet needs pyarrow: pip install 'marsad[export]'") from None
    types = {S: pa.string(), I: pa.int64(), F: pa.float64(), B: pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in table.columns])
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[Row] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        n += len(batch)
    return n
