"""The one serialiser: Document <-> the record of ../shared/docs/output-contract.md (schema marsad.article/1).

    record = to_record(doc)       # what `marsad analyze` prints
    doc = from_record(record)     # a stored record as a Document again; to_record(doc) == record
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .document import (SCHEMA, Actor, DateExpression, Document, Entity, Event, Mention, Quote, Section, Sentence, Source,
                       Span)
from .events.codebook import codebook



class RecordError(ValueError):
    """A record this marsad cannot read back: another schema, or offsets that do not fit its text."""


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
        "byline": doc.byline,
        "language": doc.language,
        "wire_sources": list(doc.wire_sources),
        "text": text,
        "sections": [{"heading": s.heading, "start": s.start, "end": s.end} for s in doc.sections],
        "sentences": [{"start": s.start, "end": s.end} for s in doc.sentences],
        "entities": [_entity(e, text) for e in doc.entities],
        "quotes": [_quote(q, text) for q in doc.quotes],
        "events": [_event(e, text) for e in doc.events],
        "dates": [{"start": d.start, "end": d.end, "text": text[d.start:d.end], "value": d.value, "grain": d.grain}
                  for d in doc.dates],
        "warnings": list(doc.warnings),
    }


def _quote(q: Quote, text: str) -> dict:
    return {
        "start": q.start, "end": q.end, "text": text[q.start:q.end], "kind": q.kind,
        "cue": {"start": q.cue.start, "end": q.cue.end, "text": text[q.cue.start:q.cue.end]} if q.cue else None,
        "speaker": q.speaker, "speaker_text": q.speaker_text, "addressee": q.addressee, "source": q.source,
        "carried": q.carried,
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
        "former_roles": list(e.former_roles),
        "honorifics": list(e.honorifics),
        "mentions": [{"start": m.start, "end": m.end, "text": text[m.start:m.end]} for m in e.mentions],
    }


def from_record(record: dict) -> Document:
    """The Document a record was made from, with every layer the record holds (not tokens or paragraphs,
    which the record does not keep: run the stages that provide them again)."""
    if record.get("schema") != SCHEMA:
        raise RecordError(f"not a {SCHEMA} record (schema: {record.get('schema')!r})")
    text = record["text"]
    src = record["source"]
    doc = Document(
        source=Source(format=src["format"], path=src["path"], line=src["line"], input_id=src["input_id"], url=src["url"]),
        text=text,
        body_hash=record["body_hash"],
        published=record["published"],
        title=record["title"],
        outlet=record["outlet"],
        byline=record.get("byline"),
        language=record.get("language"),  # (records of marsad 0.1 before the language stage have none)
        wire_sources=list(record["wire_sources"]),
        sections=[Section(s["start"], s["end"], s["heading"]) for s in record["sections"]],
        sentences=[Sentence(s["start"], s["end"]) for s in record["sentences"]],
        entities=[_entity_from(e, text) for e in record["entities"]],
        quotes=[_quote_from(q, text) for q in record["quotes"]],
        dates=[_date_from(d, text) for d in record.get("dates") or []],
        events=[_event_from(e, text) for e in record.get("events") or []],
        warnings=list(record["warnings"]),
        stored_id=record["id"],
    )
    return doc


def _event(e: Event, text: str) -> dict:
    code = codebook()[e.code]
    return {
        "cameo": e.code, "root": code.root, "plover": code.plover, "label": code.name,
        "quad_class": code.quad_class, "goldstein": code.goldstein,
        "source": {"entity": e.source.entity, "actor": e.source.actor},
        "target": {"entity": e.target.entity, "actor": e.target.actor},
        "date": {"value": e.date_value, "text": text[e.date_span.start:e.date_span.end] if e.date_span else None,
                 **({"start": e.date_span.start, "end": e.date_span.end} if e.date_span else {})},
        "place": e.place,
        "trigger": {"start": e.trigger.start, "end": e.trigger.end, "text": text[e.trigger.start:e.trigger.end]},
        "sentence": {"start": e.sentence.start, "end": e.sentence.end},
        "negated": e.negated, "reported": e.reported, "confidence": e.confidence,
    }


def _event_from(e: dict, text: str) -> Event:
    if not isinstance(e, dict) or not all(k in e for k in ("cameo", "source", "target", "trigger", "sentence")):
        raise RecordError(f"event {str(e)[:60]} lacks a field of the schema (cameo, source, target, trigger, sentence)")
    trigger = e["trigger"]
    if text[trigger["start"]:trigger["end"]] != trigger["text"]:
        raise RecordError(f"event trigger {trigger['text'][:40]!r} is not the text at [{trigger['start']}, {trigger['end']})")
    date = e.get("date") or {}
    return Event(e["cameo"], Actor(e["source"]["entity"], e["source"]["actor"]),
                 Actor(e["target"]["entity"], e["target"]["actor"]),
                 trigger=Span(trigger["start"], trigger["end"]),
                 sentence=Span(e["sentence"]["start"], e["sentence"]["end"]),
                 date_value=date.get("value"),
                 date_span=Span(date["start"], date["end"]) if "start" in date else None,
                 place=e.get("place"), negated=bool(e.get("negated")), reported=bool(e.get("reported")),
                 confidence=float(e.get("confidence", 0.5)))


def _date_from(d: dict, text: str) -> DateExpression:
    if text[d["start"]:d["end"]] != d["text"]:
        raise RecordError(f"date {d['text'][:40]!r} is not the text at [{d['start']}, {d['end']})")
    return DateExpression(d["start"], d["end"], d["value"], d["grain"])


def _quote_from(q: dict, text: str) -> Quote:
    if text[q["start"]:q["end"]] != q["text"]:
        raise RecordError(f"quote {q['text'][:40]!r} is not the text at [{q['start']}, {q['end']})")
    cue = q.get("cue")
    return Quote(q["start"], q["end"], q["kind"], cue=Span(cue["start"], cue["end"]) if cue else None,
                 speaker=q["speaker"], speaker_text=q["speaker_text"], addressee=q["addressee"], source=q["source"],
                 carried=bool(q.get("carried")))


def _entity_from(e: dict, text: str) -> Entity:
    for m in e["mentions"]:
        if text[m["start"]:m["end"]] != m["text"]:
            raise RecordError(f"entity {e['id']}: mention {m['text']!r} is not the text at [{m['start']}, {m['end']})")
    coordinates = e["coordinates"]
    return Entity(e["id"], e["type"], e["name"], [Mention(m["start"], m["end"]) for m in e["mentions"]],
                  name_en=e["name_en"], kb_id=e["kb_id"], wikidata=e["wikidata"], country=e["country"],
                  actor=e["actor"], coordinates=(coordinates[0], coordinates[1]) if coordinates else None,
                  roles=list(e["roles"]), former_roles=list(e.get("former_roles", ())),
                  honorifics=list(e.get("honorifics", ())))


def dumps(record: dict, *, indent: int | None = None) -> str:
    """JSON for one record; U+2028/U+2029 escaped so that a JSON Lines reader never splits inside a record."""
    out = json.dumps(record, ensure_ascii=False, indent=indent)
    return out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@lru_cache(maxsize=1)
def record_schema() -> dict:
    """The JSON Schema of the record, shipped in the package."""
    return json.loads(resources.files("marsad.resources").joinpath("schema/article.schema.json").read_text("utf-8"))


def validate_record(record: dict) -> None:
    """Raise jsonschema.ValidationError unless the record fits the schema, its formats (dates) included."""
    import jsonschema

    jsonschema.validate(record, record_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
