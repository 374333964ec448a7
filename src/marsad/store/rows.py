"""A record as the store's rows, made without the store: the article's row, its layers' rows, its search terms and
its near-duplicate signature. Pure, so that worker processes may make them while the store writes.

    rows = prepare(record, Stored(raw, fields), made_by='{"marsad": "0.1"}', dialect="sqlite")
    store.put_rows([rows, …])
"""
from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass

from ..events.codebook import codebook
from .analyser import terms
from .duplicates import signature

RAW_LEVEL = 1  # zlib level of the stored input: a third of its size, at a fifth of level 6's time
ENTITIES = "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
MENTIONS = "INSERT INTO mentions VALUES (?, ?, ?, ?)"
QUOTES = "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
EVENTS = "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
DATES = "INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?)"


@dataclass(frozen=True, slots=True)
class Stored:
    """An article's input as read, kept to analyse it again: the raw text and the fields its input gave before any
    analysis (a JSON Lines title, a page's publication date)."""
    raw: str
    fields: dict


@dataclass(frozen=True, slots=True)
class Rows:
    """One record's rows, the article's number left out (the store gives it when it inserts them)."""
    id: str
    article: tuple  # the columns of `articles` after n and cluster, in ARTICLE_COLUMNS order
    signature: bytes | None
    layers: tuple[tuple[str, list[tuple]], ...]  # (statement, rows without the article's number)
    title_terms: list[str]
    body_terms: list[str]


ARTICLE_COLUMNS = ("id", "url", "input_id", "source_path", "source_format", "published", "title", "outlet",
                   "language", "body_hash", "raw", "given", "record", "made_by", "signature")


def prepare(record: dict, given: Stored, made_by: str) -> Rows:
    """The rows of `record` (any record of the schema: a layer it lacks has no rows)."""
    src = record["source"]
    body = terms(record["text"])
    sig = signature(body)
    entities = record.get("entities") or []
    book = codebook()
    layers = (
        (ENTITIES, [(e["id"], e["type"], e["name"], e.get("name_en"), e.get("kb_id"), e.get("country"),
                     e.get("actor"), len(e["mentions"]), json.dumps(e.get("roles") or [], ensure_ascii=False),
                     *coordinates(e)) for e in entities]),
        (MENTIONS, [(e["id"], m["start"], m["end"]) for e in entities for m in e["mentions"]]),
        (QUOTES, [(k, q["start"], q["end"], q["kind"], q.get("speaker"), q.get("speaker_text"), q.get("addressee"),
                   q.get("source")) for k, q in enumerate(record.get("quotes") or [])]),
        (EVENTS, [(k, e["cameo"], book[e["cameo"]].root if e["cameo"] in book else e.get("root"),
                   e["source"]["entity"], e["source"]["actor"], e["target"]["entity"], e["target"]["actor"],
                   (e.get("date") or {}).get("value"), e.get("place"), e["trigger"]["start"], e["trigger"]["end"],
                   int(bool(e.get("negated"))), int(bool(e.get("reported"))), float(e.get("confidence", 0.5)))
                  for k, e in enumerate(record.get("events") or [])]),
        (DATES, [(k, d["start"], d["end"], d.get("value"), d["grain"]) for k, d in enumerate(record.get("dates") or [])]),
    )
    article = (record["id"], src.get("url"), src.get("input_id"), src.get("path"), src["format"], record["published"],
               record["title"], record["outlet"], record.get("language"), record["body_hash"],
               zlib.compress(given.raw.encode("utf-8", "surrogatepass"), RAW_LEVEL),
               dumps(given.fields), dumps(record), made_by, sig)
    return Rows(record["id"], article, sig, layers, terms(record["title"] or ""), body)


def dumps(value: object) -> str:
    """JSON both engines' JSON functions read: a number too large for a float (which Python writes as Infinity, and
    neither SQLite nor PostgreSQL reads) becomes null."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(value), ensure_ascii=False)


def _finite(value: object) -> object:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def coordinates(entity: dict) -> tuple[float | None, float | None]:
    """A place's latitude and longitude, or none."""
    where = entity.get("coordinates")
    try:
        lat, lon = (float(where[0]), float(where[1])) if where and len(where) == 2 else (None, None)
    except (TypeError, ValueError):
        return None, None
    return (lat, lon) if lat is not None and -90 <= lat <= 90 and -180 <= lon <= 180 else (None, None)


def prepare_pair(pair: tuple[dict, Stored], made_by: str) -> Rows:
    return prepare(pair[0], pair[1], made_by)
