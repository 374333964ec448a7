"""The HTTP API over a store, read only (FastAPI, `/api/v1`, OpenAPI at `/api/v1/openapi.json`).

    app = create_app("marsad.db")        # uvicorn.run(app) — or `marsad serve --db marsad.db`
    GET /api/v1/articles?q=أعلنت&from=2015-07-01&collapse=true    # search, a page at a time (`next` is the cursor)
    GET /api/v1/articles/{id}                                      # one article's record
    GET /api/v1/entities?type=PERSON                               # entities across articles

Each worker thread keeps its own connection to the store. What a client sends is checked by FastAPI (422 with
what is wrong); a store that fails is a 503 with its message, never a traceback.
"""
from __future__ import annotations

import base64
import binascii
import threading
from datetime import date
from typing import Annotated, Optional

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..store import Hit, Store, StoreError, open_store
from ..store.analyser import MAX_QUERY_CHARS
from ..store.base import EntitySummary

PAGE = 20
MAX_PAGE = 100
MAX_OFFSET = 10_000  # pages past this are not served: narrow the search
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "MISC")
MAX_ID_CHARS = 200


class ArticlePage(BaseModel):
    items: list[Hit]
    next: Optional[str]  # the cursor of the next page, or none at the end


class EntityList(BaseModel):
    items: list[EntitySummary]


def create_app(url: str) -> FastAPI:
    """The API over the store `url`, opened read only (checked once here: a missing or older store is refused)."""
    open_store(url, read_only=True).close()
    local = threading.local()

    def store() -> Store:
        held = getattr(local, "store", None)
        if held is None:
            held = local.store = open_store(url, read_only=True)
        return held

    app = FastAPI(title="marsad", version="1", openapi_url="/api/v1/openapi.json", docs_url="/api/v1/docs",
                  redoc_url=None)

    @app.exception_handler(StoreError)
    def store_failed(request: Request, err: StoreError) -> JSONResponse:
        local.store = None  # (a connection that failed is opened again by the next request)
        return JSONResponse({"detail": str(err)}, status_code=503)

    @app.get("/api/v1/articles", response_model=ArticlePage, summary="Search articles")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS,
                                description='Words (all must match) and "phrases in quotes".')],
        date_from: Annotated[Optional[date], Query(alias="from")] = None,
        date_to: Annotated[Optional[date], Query(alias="to")] = None,
        outlet: Annotated[Optional[str], Query(max_length=MAX_ID_CHARS)] = None,
        entity: Annotated[Optional[str], Query(max_length=MAX_ID_CHARS, description="A KB id or a name.")] = None,
        root: Annotated[Optional[str], Query(pattern=r"^[0-2][0-9]$", description="A CAMEO root code.")] = None,
        quote_by: Annotated[Optional[str], Query(max_length=MAX_ID_CHARS)] = None,
        collapse: bool = False,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
        cursor: Annotated[Optional[str], Query(max_length=40)] = None,
    ) -> ArticlePage:
        offset = _offset(cursor)
        hits = store().search(q, date_from=date_from and date_from.isoformat(),
                              date_to=date_to and date_to.isoformat(), outlet=outlet, entity=entity, root=root,
                              quote_by=quote_by, collapse=collapse, limit=limit + 1, offset=offset)
        more = len(hits) > limit and offset + limit < MAX_OFFSET
        return ArticlePage(items=hits[:limit], next=_cursor(offset + limit) if more else None)

    @app.get("/api/v1/articles/{article_id}", summary="One article's record")
    def article(article_id: Annotated[str, Path(max_length=MAX_ID_CHARS)]) -> dict:
        record = store().record(article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        return record

    @app.get("/api/v1/entities", response_model=EntityList, summary="Entities across articles")
    def entities(
        type: Annotated[Optional[str], Query(pattern="^(" + "|".join(ENTITY_TYPES) + ")$")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
    ) -> EntityList:
        return EntityList(items=store().entities(limit=limit, type=type))

    return app


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
    if not 0 <= offset < MAX_OFFSET:
        raise HTTPException(422, "cursor: not one this API gave (take `next` from the last page)")
    return offset
