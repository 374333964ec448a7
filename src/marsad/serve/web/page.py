"""The right-to-left web page over a store, rendered on the server (Jinja2, autoescaped; htmx for the search and its
next pages; a vendored cytoscape.js draws an entity's network). Views: search, article, entity, events.

Nothing a client sends names a file: the static files are read once from the package, by a fixed list.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from importlib import resources
from urllib.parse import quote, urlencode
from typing import Annotated, Optional

from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from ...events.codebook import codebook
from ...resources import data_rows
from ...store import Store, browse
from ...store.analyser import MAX_QUERY_CHARS
from ..api import MAX_ID_CHARS, _cursor, _offset
from .markup import pieces

PAGE = 20
STATIC = {  # name -> media type: all the page serves besides itself
    "marsad.css": "text/css", "icon.svg": "image/svg+xml", "marsad.js": "text/javascript", "world.svg": "image/svg+xml",
    "vendor/htmx.min.js": "text/javascript", "vendor/cytoscape.min.js": "text/javascript",
}
TYPE_NAMES = {"PERSON": "شخص", "ORG": "مؤسسة", "GPE": "بلد أو مدينة", "LOC": "موقع", "MISC": "أخرى"}
KIND_NAMES = {"direct": "مباشر", "indirect": "غير مباشر", "mixed": "مختلط"}
CHART_W, CHART_H = 600, 120  # the viewBox of a bar chart


@lru_cache(maxsize=1)
def root_names() -> dict[str, tuple[str, str]]:
    """CAMEO root -> (Arabic name, English name)."""
    book = codebook()
    return {root: (name, book[root].name.capitalize() if root in book else "") for root, name in
            data_rows("events/roots-ar.tsv")}


def entity_key(entity: dict) -> str:
    """The key a record's entity has across the store (store/browse.py)."""
    return entity.get("kb_id") or f"name:{entity['type']}:{entity['name']}"


def bars(days: Sequence[browse.Tally]) -> list[dict]:
    """A bar per day in a CHART_W × CHART_H box (x grows leftwards in the page's reading order: the oldest first on
    the right)."""
    if not days:
        return []
    top = max(d.count for d in days) or 1
    width = CHART_W / len(days)
    out = []
    for i, (day, n) in enumerate((d.value, d.count) for d in days):
        h = max(1.0, (CHART_H - 16) * n / top)
        out.append({"x": round(CHART_W - (i + 1) * width + 1, 1), "w": round(max(1.0, width - 2), 1),
                    "y": round(CHART_H - 14 - h, 1), "h": round(h, 1), "day": day, "n": n,
                    "label": i in (0, len(days) - 1) or len(days) <= 8})
    return out


def grid(cells: Sequence[browse.DayRoot]) -> dict:
    """Events per day and root as a grid: its days, its roots and each cell's count and shade (0–4)."""
    days = sorted({c.day for c in cells})
    roots = sorted({c.root for c in cells})
    counts = {(c.day, c.root): c.events for c in cells}
    top = max((c.events for c in cells), default=1)
    return {"days": days, "roots": [(r, root_names().get(r, (r, ""))) for r in roots],
            "cells": {(d, r): (counts.get((d, r), 0), math.ceil(4 * counts.get((d, r), 0) / top))
                      for d in days for r in roots}}


def dots(places: Sequence[browse.Place]) -> list[dict]:
    """The map's dots (x = longitude, y = minus latitude), sized by the square root of their events."""
    top = max((p.events for p in places), default=1)
    return [{"key": p.key, "name": p.name, "x": round(p.lon, 2), "y": round(-p.lat, 2), "n": p.events,
             "r": round(1 + 5 * math.sqrt(p.events / top), 2)} for p in places]


def network(page: browse.EntityPage) -> dict:
    """An entity's network as cytoscape.js elements (read by static/marsad.js from a JSON block)."""
    nodes = [{"data": {"id": page.entity.key, "label": page.entity.name, "type": page.entity.type, "centre": 1}}]
    nodes += [{"data": {"id": n.key, "label": n.name, "type": n.type, "weight": n.articles}} for n in page.together]
    edges = [{"data": {"source": page.entity.key, "target": n.key, "weight": n.articles}} for n in page.together]
    edges += [{"data": {"source": k.source, "target": k.target, "weight": k.articles}} for k in page.links]
    return {"nodes": nodes, "edges": edges}


def qs(*given: dict, **params) -> str:
    """A query string of the values given (none and false left out)."""
    merged: dict = {}
    for d in given:
        merged.update(d)
    merged.update(params)
    return urlencode({k: ("true" if v is True else v) for k, v in merged.items() if v not in (None, False, "")})


def segment(value: object) -> str:
    """A value as one segment of a path: every character that could end it or climb out of it is escaped."""
    return quote(str(value), safe="")


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("marsad.serve.web", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["segment"] = segment
    env.globals.update(qs=qs, TYPE_NAMES=TYPE_NAMES, KIND_NAMES=KIND_NAMES, root_names=root_names, entity_key=entity_key)
    return env


def add_page(app: FastAPI, store: Callable[[], Store]) -> None:
    """The page's routes on `app`, reading the store through `store()`."""
    env = _environment()
    files = {name: resources.files(__package__).joinpath(f"static/{name}").read_bytes() for name in STATIC}

    def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("q", "")
        return HTMLResponse(env.get_template(name).render(request=request, **context), status_code=status)

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in files:
            raise HTTPException(404, "no such file")
        return Response(files[name], media_type=STATIC[name], headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        s = store()
        return render(request, "home.html", counts=s.counts(), people=browse.find_entities(s, type="PERSON", limit=12),
                      orgs=browse.find_entities(s, type="ORG", limit=12),
                      places=browse.find_entities(s, type="GPE", limit=12), stories=browse.clusters(s, limit=10))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
               date_from: Annotated[Optional[date], Query(alias="from")] = None,
               date_to: Annotated[Optional[date], Query(alias="to")] = None,
               outlet: Annotated[Optional[str], Query(max_length=MAX_ID_CHARS)] = None,
               entity: Annotated[Optional[str], Query(max_length=MAX_ID_CHARS)] = None,
               collapse: bool = False, cursor: Annotated[Optional[str], Query(max_length=40)] = None) -> HTMLResponse:
        s = store()
        offset = _offset(cursor)
        filters = {"from": date_from and date_from.isoformat(), "to": date_to and date_to.isoformat(),
                   "outlet": outlet or None, "entity": entity or None, "collapse": collapse or None}
        hits = s.search(q, date_from=filters["from"], date_to=filters["to"], outlet=outlet or None,
                        entity=entity or None, collapse=collapse, limit=PAGE + 1, offset=offset) if q.strip() else []
        more = _cursor(offset + PAGE) if len(hits) > PAGE else None
        context = {"q": q, "filters": filters, "hits": hits[:PAGE], "next": more, "offset": offset}
        if request.headers.get("HX-Request") and cursor:  # (the next page of results, appended by htmx)
            return render(request, "_hits.html", **context)
        facets = browse.facets(s, q, date_from=filters["from"], date_to=filters["to"], outlet=outlet or None,
                               entity=entity or None)
        entity_name = next((e.name for e in facets.entities if e.key == entity), entity)
        context.update(facets=facets, days_chart=bars(facets.days), entity_name=entity_name)
        return render(request, "_results.html" if request.headers.get("HX-Request") else "search.html", **context)

    @app.get("/article/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: Annotated[str, Path(max_length=MAX_ID_CHARS)]) -> HTMLResponse:
        s = store()
        record = s.record(article_id)
        if record is None:
            return render(request, "missing.html", 404, what=f"لا مقال بالمعرّف {article_id}")
        entities = record.get("entities") or []
        by_id = {e["id"]: e for e in entities}
        copies = [c for c in browse.cluster(s, article_id) if c.id != article_id]
        return render(request, "article.html", record=record, pieces=pieces(record), entities=entities,
                      by_id=by_id, copies=copies)

    @app.get("/entity/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity(request: Request, key: Annotated[str, Path(max_length=MAX_ID_CHARS)]) -> HTMLResponse:
        page = browse.entity_page(store(), key)
        if page is None:
            return render(request, "missing.html", 404, what=f"لا كيان بالمفتاح {key}")
        return render(request, "entity.html", page=page, days_chart=bars(page.days), network=network(page))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events(request: Request, root: Annotated[Optional[str], Query(pattern=r"^([0-2][0-9])?$")] = None,
               place: Annotated[Optional[str], Query(max_length=MAX_ID_CHARS)] = None,
               date_from: Annotated[Optional[date], Query(alias="from")] = None,
               date_to: Annotated[Optional[date], Query(alias="to")] = None,
               cursor: Annotated[Optional[str], Query(max_length=40)] = None) -> HTMLResponse:
        s = store()
        offset = _offset(cursor)
        days = {"date_from": date_from and date_from.isoformat(), "date_to": date_to and date_to.isoformat()}
        found = browse.events(s, root=root or None, place=place or None, limit=PAGE + 1, offset=offset, **days)
        more = _cursor(offset + PAGE) if len(found) > PAGE else None
        return render(request, "events.html", root=root or "", place=place or "", days=days, found=found[:PAGE],
                      next=more, grid=grid(browse.timeline(s, **days)),
                      dots=dots(browse.places(s, root=root or None, **days)))
