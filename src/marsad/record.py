"""The one serialiser: Document -> the record of ../shared/docs/output-contract.md (schema marsad.article/1)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .document import SCHEMA, Document, Entity


def to_record(doc: Document) -> dict:
    text = doc.text
    src = doc.source
    return {
        "schema": SCHEMA,
        "id": doc.id,
        "body_hash": doc.body_hash,
        "source": {"path": src.path, "line": src.line, "input_id": src.input_id, "url": src.url, "format": src.format},
        "published": doc.published,
        "title": doc.title,
        "outlet": doc.outlet,
        "wire_sources": list(doc.wire_sources),
        "text": text,
        "sections": [{"heading": s.heading, "start": s.start, "end": s.end} for s in doc.sections],
        "sentences": [{"start": s.start, "end": s.end} for s in doc.sentences],
        "entities": [_entity(e, text) for e in doc.entities],
        "quotes": [],  # layers of later stages
        "events": [],
        "dates": [],
        "warnings": list(doc.warnings),
    }


def _entity(e: Entity, text: str) -> dict:
    return {
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "name_en": e.name_en,
        "kb_id": e.kb_id,
        "wikidata": e.wikidata,
        "country": e.country,
        "actor": e.actor,
        "coordinates": list(e.coordinates) if e.coordinates else None,
        "roles": list(e.roles),
        "mentions": [{"start": m.start, "end": m.end, "text": text[m.start:m.end]} for m in e.mentions],
    }


def dumps(record: dict, *, indent: int | None = None) -> str:
    """JSON for one record; U+2028/U+2029 escaped so that a JSON Lines reader never splits inside a record."""
    out = json.dumps(record, ensure_ascii=False, indent=indent)
    return out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@lru_cache(maxsize=1)
def record_schema() -> dict:
    """The JSON Schema of the record, shipped in the package."""
    return json.loads(resources.files("marsad.resources").joinpath("schema/article.schema.json").read_text("utf-8"))
