"""The one application `marsad serve` runs: the HTTP API (serve/api.py) and the page (serve/web/) over a store opened
read only, behind headers that keep article text inert (a Content-Security-Policy with no inline script) and limits on
what a request may carry.

    app = create_app("marsad.db")        # uvicorn.run(app, host="127.0.0.1")
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response

from ..store import open_store
from .api import add_api
from .web.page import add_page

MAX_URL = 16_384  # characters of a request's path and query, percent-encoded (a query of 1,000 Arabic letters is 6,000)
MAX_BODY = 0  # the server reads nothing but GET: a request with a body is refused
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                               " connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none';"
                               " frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def create_app(url: str) -> FastAPI:
    """The API and the page over the store `url` (checked once here: a missing or older store is refused)."""
    open_store(url, read_only=True).close()
    app = FastAPI(title="marsad", version="1", openapi_url="/api/v1/openapi.json", docs_url=None,
                  redoc_url=None)  # (their pages load scripts from another host)
    add_page(app, add_api(app, url))
    app.add_middleware(GZipMiddleware, minimum_size=1_000)

    @app.middleware("http")
    async def guard(request: Request, call_next) -> Response:
        target = request.url.path + "?" + request.url.query
        if len(target) > MAX_URL:
            response: Response = JSONResponse({"detail": f"the request's address is over {MAX_URL} characters"}, 414)
        elif "\x00" in request.scope["path"] or b"%00" in request.scope["query_string"]:
            response = JSONResponse({"detail": [{"type": "value_error", "loc": ["query"], "input": None,  # (as FastAPI says it)
                                                 "msg": "a NUL character (%00) is in no article, name or query"}]}, 422)
        elif int(request.headers.get("content-length") or 0) > MAX_BODY or "transfer-encoding" in request.headers:
            response = JSONResponse({"detail": "this server takes no request body"}, 413)
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app
