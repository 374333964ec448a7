"""The HTTP API over a store, read only (FastAPI, `/api/v1`, OpenAPI at `/api/v1/openapi.json`).

    add_api(app, "marsad.db")            # on a FastAPI app (serve/app.py makes the one `marsad serve` runs)
    GET /api/v1/articles?q=أعلنت&from=2015-07-01&collapse=true    # search, a page at a time (`next` is the cursor)
    GET /api/v1/articles/{id}                                      # one article's record; …/copies: its story's
    GET /api/v1/entities?name=بوتين                                # entities by name; /api/v1/entities/{key}: one
    GET /api/v1/quotes?speaker=Q7747 · /api/v1/events?root=04 · /api/v1/clusters
    GET /api/v1/events/export?root=04&format=tsv                   # any list, streamed as JSON Lines or TSV

Each worker thread keeps its own connection to the store. What a client sends is checked by FastAPI (422 with
what is wrong); a store that fails is a 503 with its message, never a traceback.
"""
from __future__ import annotations

import base64
import binascii
import csv
import dataclasses
import io
import json
import threading
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from typing import Annotated, Generic, Optional, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel

from ..export.events import cell
from ..store import Hit, Store, StoreError, browse, open_store
from ..store.analyser import MAX_QUERY_CHARS

PAGE = 20
MAX_PAGE = 100
MAX_OFFSET = 10_000  # pages past this are not served: narrow the search
EXPORT_CHUNK = 5_000  # rows read at a time (each chunk runs its listing's query again, from its offset)
MAX_EXPORT = 50_000  # rows of one export: past it, narrow the listing
EXPORTS_AT_ONCE = 2  # exports served at the same time; another is told to come back (429)
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "MISC")
MAX_ID_CHARS = 200

Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    next: Optional[str]  # the cursor of the next page, or none at the end


class Problem(BaseModel):
    detail: str  # what is wrong, in words


ERRORS = {503: {"model": Problem, "description": "The store failed (its message says how)"},
          413: {"model": Problem, "description": "A request with a body"},
          414: {"model": Problem, "description": "A request's address too long"}}
NOT_FOUND = {404: {"model": Problem, "description": "Not in the store"}, **ERRORS}
STREAMED = {200: {"description": "Every row, one a line", "content": {"application/x-ndjson": {},
                                                                       "text/tab-separated-values": {}}},
            429: {"model": Problem, "description": "Too many exports at once"}, **ERRORS}


class Format(str, Enum):
    jsonl = "jsonl"
    tsv = "tsv"


Day = Annotated[Optional[date], Query(description="A publication day, YYYY-MM-DD.")]
Key = Annotated[Optional[str], Query(max_length=MAX_ID_CHARS, description="An entity's key: a KB id, or name:TYPE:NAME.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Cursor = Annotated[Optional[str], Query(max_length=40, pattern=r"^[A-Za-z0-9_-]+$",
                                        description="`next` of the page before (any other is a 422).")]
Root = Annotated[Optional[str], Query(pattern=r"^[0-2][0-9]$", description="A CAMEO root code.")]


@dataclasses.dataclass(frozen=True)
class ArticleQuery:
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS,
                            description='Words (all must match) and "phrases in quotes".')]
    date_from: Annotated[Optional[date], Query(alias="from")] = None
    date_to: Annotated[Optional[date], Query(alias="to")] = None
    outlet: Annotated[Optional[str], Query(max_length=MAX_ID_CHARS)] = None
    entity: Key = None
    root: Root = None
    quote_by: Key = None
    collapse: bool = False

    def fetch(self, store: Store, limit: int, offset: int) -> list[Hit]:
        return store.search(self.q, date_from=_day(self.date_from), date_to=_day(self.date_to), outlet=self.outlet,
                            entity=self.entity, root=self.root, quote_by=self.quote_by, collapse=self.collapse,
                            limit=limit, offset=offset)


@dataclasses.dataclass(frozen=True)
class EntityQuery:
    name: Annotated[Optional[str], Query(max_length=MAX_ID_CHARS, description="A part of the Arabic or English name.")] = None
    type: Annotated[Optional[str], Query(pattern="^(" + "|".join(ENTITY_TYPES) + ")$")] = None

    def fetch(self, store: Store, limit: int, offset: int) -> list[browse.EntityHit]:
        return browse.find_entities(store, self.name, type=self.type, limit=limit, offset=offset)


@dataclasses.dataclass(frozen=True)
class QuoteQuery:
    speaker: Key = None
    words: Annotated[Optional[str], Query(max_length=MAX_QUERY_CHARS, description="Words the quote holds.")] = None
    date_from: Annotated[Optional[date], Query(alias="from")] = None
    date_to: Annotated[Optional[date], Query(alias="to")] = None

    def fetch(self, store: Store, limit: int, offset: int) -> list[browse.Quote]:
        return browse.quotes(store, speaker=self.speaker, words=self.words, date_from=_day(self.date_from),
                             date_to=_day(self.date_to), limit=limit, offset=offset)


@dataclasses.dataclass(frozen=True)
class EventQuery:
    entity: Key = None
    actor: Annotated[Optional[str], Query(pattern=r"^[A-Z]{3,12}$", description="A CAMEO actor code or its start.")] = None
    code: Annotated[Optional[str], Query(pattern=r"^[0-2][0-9]{1,3}$", description="A CAMEO event code.")] = None
    root: Root = None
    place: Key = None
    date_from: Annotated[Optional[date], Query(alias="from")] = None
    date_to: Annotated[Optional[date], Query(alias="to")] = None

    def fetch(self, store: Store, limit: int, offset: int) -> list[browse.Event]:
        return browse.events(store, entity=self.entity, actor=self.actor, code=self.code, root=self.root,
                             place=self.place, date_from=_day(self.date_from), date_to=_day(self.date_to),
                             limit=limit, offset=offset)


@dataclasses.dataclass(frozen=True)
class ClusterQuery:
    min_size: Annotated[int, Query(ge=2, le=1_000)] = 2

    def fetch(self, store: Store, limit: int, offset: int) -> list[browse.Cluster]:
        return browse.clusters(store, min_size=self.min_size, limit=limit, offset=offset)


class Timeline(BaseModel):
    days: list[browse.DayRoot]


class Places(BaseModel):
    places: list[browse.Place]


class Copies(BaseModel):
    items: list[browse.Copy]


def add_api(app: FastAPI, url: str) -> Callable[[], Store]:
    """The API's routes on `app`; returns how a request reaches the store (one read-only connection per thread)."""
    local = threading.local()

    def store() -> Store:
        held = getattr(local, "store", None)
        if held is None:
            held = local.store = open_store(url, read_only=True)
        return held

    exporting = app.state.exporting = threading.BoundedSemaphore(EXPORTS_AT_ONCE)

    @app.exception_handler(StoreError)
    def store_failed(request: Request, err: StoreError) -> JSONResponse:
        local.store = None  # (a connection that failed is opened again by the next request)
        return JSONResponse({"detail": str(err)}, status_code=503)

    def listing(path: str, query: type, model: type, summary: str) -> None:
        """GET `path` (a page of `model` rows and the next cursor) and `path`/export (all of them, streamed)."""

        def page(filters=Depends(query), limit: Limit = PAGE, cursor: Cursor = None):
            offset = _offset(cursor)
            rows = filters.fetch(store(), limit + 1, offset)
            more = len(rows) > limit and offset + limit < MAX_OFFSET
            return {"items": rows[:limit], "next": _cursor(offset + limit) if more else None}

        def export(filters=Depends(query), format: Format = Format.jsonl) -> StreamingResponse:
            kind = "application/x-ndjson" if format is Format.jsonl else "text/tab-separated-values"
            name = path.rsplit("/", 1)[-1]
            if not exporting.acquire(blocking=False):
                raise HTTPException(429, f"{EXPORTS_AT_ONCE} exports are running: try again when one ends",
                                    headers={"Retry-After": "10"})
            return StreamingResponse(_export(filters, url, format, _Once(exporting.release)),
                                     media_type=f"{kind}; charset=utf-8",
                                     headers={"Content-Disposition": f'attachment; filename="{name}.{format.value}"'})

        app.get(path, response_model=Page[model], summary=summary, responses=ERRORS)(page)
        app.get(path + "/export", summary=summary + ": all of them, streamed as JSON Lines or TSV",
                response_class=StreamingResponse, responses=STREAMED)(export)

    listing("/api/v1/articles", ArticleQuery, Hit, "Search articles")
    listing("/api/v1/entities", EntityQuery, browse.EntityHit, "Entities by name and type, the most mentioned first")
    listing("/api/v1/quotes", QuoteQuery, browse.Quote, "Quotes by speaker, words and days, the newest first")
    listing("/api/v1/events", EventQuery, browse.Event, "Events by actor, code, place and days, the newest first")
    listing("/api/v1/clusters", ClusterQuery, browse.Cluster, "Stories told by several articles, the most copied first")

    @app.get("/api/v1/articles/facets", response_model=browse.Facets, summary="What a search's best matches hold",
             responses=ERRORS)
    def facets(filters: Annotated[ArticleQuery, Depends()]) -> browse.Facets:
        return browse.facets(store(), filters.q, date_from=_day(filters.date_from), date_to=_day(filters.date_to),
                             outlet=filters.outlet, entity=filters.entity, root=filters.root, quote_by=filters.quote_by)

    @app.get("/api/v1/articles/{article_id}", summary="One article's record", responses=NOT_FOUND)
    def article(article_id: Annotated[str, Path(max_length=MAX_ID_CHARS)]) -> dict:
        record = store().record(article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        return record

    @app.get("/api/v1/articles/{article_id}/copies", response_model=Copies, summary="The articles of its story",
             responses=NOT_FOUND)
    def copies(article_id: Annotated[str, Path(max_length=MAX_ID_CHARS)]) -> Copies:
        found = browse.cluster(store(), article_id)
        if not found:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        return Copies(items=found)

    @app.get("/api/v1/events/timeline", response_model=Timeline, summary="Events per day and CAMEO root",
             responses=ERRORS)
    def timeline(date_from: Annotated[Optional[date], Query(alias="from")] = None,
                 date_to: Annotated[Optional[date], Query(alias="to")] = None) -> Timeline:
        return Timeline(days=browse.timeline(store(), date_from=_day(date_from), date_to=_day(date_to)))

    @app.get("/api/v1/events/places", response_model=Places, summary="Where events happen", responses=ERRORS)
    def places(root: Root = None, date_from: Annotated[Optional[date], Query(alias="from")] = None,
               date_to: Annotated[Optional[date], Query(alias="to")] = None) -> Places:
        return Places(places=browse.places(store(), root=root, date_from=_day(date_from), date_to=_day(date_to)))

    @app.get("/api/v1/entities/{key:path}", response_model=browse.EntityPage, summary="One entity across articles",
             responses=NOT_FOUND)
    def entity(key: Annotated[str, Path(max_length=MAX_ID_CHARS)]) -> browse.EntityPage:
        found = browse.entity_page(store(), key)
        if found is None:
            raise HTTPException(404, f"no entity {key!r} in the store")
        return found

    return store


class _Once:
    """A release that happens once: when the export ends, or when its stream is dropped unread (a client that left
    before the first row)."""

    def __init__(self, release: Callable[[], None]) -> None:
        self._release: Callable[[], None] | None = release

    def __call__(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            release()

    __del__ = __call__


def _export(filters, url: str, format: Format, done: Callable[[], None]) -> Iterator[str]:
    """Every row of a listing, a chunk at a time, on a connection of its own (the response outlives the request's);
    `done` when it ends, or the client leaves."""
    try:
        store = open_store(url, read_only=True)
    except BaseException:
        done()
        raise
    try:
        columns = None
        for offset in range(0, MAX_EXPORT, EXPORT_CHUNK):
            rows = filters.fetch(store, min(EXPORT_CHUNK, MAX_EXPORT - offset), offset)
            out = io.StringIO()
            writer = csv.writer(out, delimiter="\t", lineterminator="\n")
            for row in map(dataclasses.asdict, rows):
                if format is Format.jsonl:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    continue
                flat = _flat(row)
                if columns is None:
                    columns = list(flat)
                    writer.writerow(columns)
                writer.writerow([cell(flat.get(c)) for c in columns])
            yield out.getvalue()
            if len(rows) < EXPORT_CHUNK:
                break
    finally:
        store.close()
        done()


def _flat(row: dict, prefix: str = "") -> dict:
    """A row's nested values as columns: source.name → source_name; lists as JSON."""
    out = {}
    for k, v in row.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}_"))
        else:
            out[prefix + k] = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple)) else v
    return out


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o{offset}".encode()).decode().rstrip("=")


def _offset(cursor: str | None) -> int:
    """The offset a cursor holds; 422 for one this API did not give."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        offset = int(text[1:]) if text[:1] == "o" else -1
    except (binascii.Error, UnicodeDecodeError, ValueError):
        offset = -1
    if not 0 <= offset < MAX_OFFSET:  # (said as FastAPI says what a client gets wrong)
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "cursor"), "input": cursor,
                                       "msg": "not a cursor this API gave (take `next` from the last page)"}])
    return offset
