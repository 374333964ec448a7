"""The web page (server-rendered, over the TestClient): every view answers in Arabic, right to left; article text is
escaped wherever it lands; the headers keep a script out; no route reads a file a client names."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote, unquote

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from hypothesis import given, settings, strategies as st

from marsad.serve.app import create_app
from marsad.serve.web.markup import pieces
from marsad.store import open_store

from .conftest import HOSTILE


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def hostile(db):
    store = open_store(db, read_only=True)
    found = next(r for r in store.records() if r["source"]["input_id"] == "hostile")
    store.close()
    return found


class Tags(HTMLParser):
    """The tags and attributes of a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def views(client, hostile) -> dict[str, str]:
    obama = client.get("/api/v1/entities", params={"name": "obama"}).json()["items"][0]["key"]
    return {"home": "/", "search": "/search?q=أوباما", "article": f"/article/{hostile['id']}",
            "entity": f"/entity/{obama}", "events": "/events"}


def test_every_view_is_arabic_right_to_left_with_its_headers(client, hostile):
    for name, path in views(client, hostile).items():
        r = client.get(path)
        assert r.status_code == 200, name
        assert '<html lang="ar" dir="rtl">' in r.text
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        scripts = [a for t, a in tags(r.text) if t == "script"]
        assert all(a.get("src", "").startswith("/static/") or a.get("type") == "application/json" for a in scripts)
        assert not any(k.startswith("on") or k == "style" for _, a in tags(r.text) for k in a), name
        assert not re.search(r"(src|href)=\"(https?:)?//", r.text), name  # (nothing from another host)


def test_hostile_markup_in_an_article_renders_as_text_in_every_view(client, hostile):
    for name, path in views(client, hostile).items():
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, name
        assert not any(t == "img" for t, _ in tags(html)), name
        assert not any(a.get("href", "").startswith("javascript:") for _, a in tags(html)), name
    article = client.get(f"/article/{hostile['id']}").text
    assert article.count(str(escape(HOSTILE))) >= 3  # (the title, the text and its quotes)


def test_the_article_marks_mentions_quotes_triggers_and_dates_on_its_own_words(client, hostile):
    html = client.get(f"/article/{hostile['id']}").text
    marked = tags(html)
    obama = next(e for e in hostile["entities"] if e["name_en"] == "Barack Obama")
    links = [a for t, a in marked if t == "a" and a.get("class") == "ent ent-PERSON"]
    assert sum(unquote(a["href"]) == f"/entity/{obama['kb_id']}" for a in links) >= len(obama["mentions"])
    assert any(t == "span" and a.get("class") == "quote" for t, a in marked)
    assert '<span class="speaker-tag" id="quote-0"' in html and "باراك أوباما</span>" in html
    assert any(t == "mark" and a.get("id") == "event-0" for t, a in marked)
    assert any(t == "time" and a.get("class") == "date" for t, a in marked)


def test_the_search_view_highlights_facets_and_pages_with_htmx(client):
    html = client.get("/search", params={"q": "الاتفاق"}).text
    assert "<mark>" in html and 'class="facets"' in html and "المنافذ" in html
    page = client.get("/search", params={"q": "في"}).text
    cursor = re.search(r'hx-get="/search\?([^"]+)"', page)
    assert cursor
    more = client.get("/search?" + cursor.group(1).replace("&amp;", "&"), headers={"HX-Request": "true"})
    assert more.status_code == 200 and more.text.lstrip().startswith('<li class="hit">')
    assert client.get("/search", params={"q": "في"}, headers={"HX-Request": "true"}).text.lstrip().startswith(
        '<div class="results">')


def test_the_entity_view_carries_its_network_as_data(client, hostile):
    html = client.get(views(client, hostile)["entity"]).text
    assert '<div id="network"' in html and 'id="network-data"' in html
    block = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block  # (tojson escapes it: the block cannot end early)


@pytest.mark.parametrize("path", ["/static/../pyproject.toml", "/static/%2e%2e/api.py", "/static//etc/passwd",
                                  "/static/vendor/../../app.py", "/static/templates/base.html"])
def test_no_route_reads_a_file_a_client_names(client, path):
    assert client.get(path).status_code == 404


def test_the_static_files_are_served(client):
    for name in ("marsad.css", "marsad.js", "world.svg", "vendor/htmx.min.js", "vendor/cytoscape.min.js"):
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and len(r.content) > 500, name


def test_limits_on_what_a_request_carries(client):
    assert client.get("/search", params={"q": "ا" * 3000}).status_code in (414, 422)
    assert client.get("/api/v1/articles", params={"q": "x" * 20_000}).status_code == 414
    assert client.request("GET", "/api/v1/entities", content=b"x" * 10).status_code == 413
    assert client.get("/article/" + "x" * 300).status_code == 422


def test_an_unknown_article_or_entity_is_a_page_that_says_so(client):
    for path in ("/article/nothing-here", "/entity/name:PERSON:لا أحد"):
        r = client.get(path)
        assert r.status_code == 404 and 'dir="rtl"' in r.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["mention", "quote", "trigger", "date"]), st.integers(0, 60),
                          st.integers(1, 30)), max_size=12))
def test_pieces_cover_the_text_once_and_keep_each_fact_on_its_words(spans):
    text = "قال الرئيس إن الاتفاق جيد، وأضاف أنه سيزور الرياض يوم الثلاثاء."
    record = {"text": text, "entities": [], "quotes": [], "events": [], "dates": []}
    for kind, start, length in spans:
        span = {"start": start, "end": min(len(text), start + length)}
        if kind == "mention":
            record["entities"].append({"mentions": [span]})
        elif kind == "quote":
            record["quotes"].append(span)
        elif kind == "trigger":
            record["events"].append({"trigger": span})
        else:
            record["dates"].append(span)
    out = pieces(record)
    assert "".join(p.text for p in out) == text
    for p in out:
        for mark in (p.mention, p.quote, p.trigger, p.date):
            assert mark is None or mark.start <= p.start and p.start + len(p.text) <= mark.end


def test_records_that_say_odd_things_still_render(tmp_path, db):
    """Records stored as they are (--records): a role that is no string, a coordinate too large for a float, an id
    with a slash. Every view answers, and the links keep the id in one path segment."""
    from marsad.store.ingest import store_records

    source = open_store(db, read_only=True)
    record = next(r for r in source.records() if r["source"]["input_id"] == "hostile")
    source.close()
    odd = json.loads(json.dumps(record))
    odd["id"] = "../../api/v1/entities/export"
    odd["source"]["url"] = None
    odd["entities"][0]["roles"] = [["not", "a", "string"], "رئيس"]
    odd["entities"][1]["coordinates"] = [1e999, 5.0]
    records = tmp_path / "odd.jsonl"
    records.write_text(json.dumps(odd, ensure_ascii=False) + "\n", encoding="utf-8")
    store = open_store(str(tmp_path / "odd.db"))
    store_records([str(records)], store)
    store.close()
    client = TestClient(create_app(str(tmp_path / "odd.db")))
    key = odd["entities"][0]["kb_id"] or f"name:{odd['entities'][0]['type']}:{odd['entities'][0]['name']}"
    for path in ("/search?q=أوباما", "/article/" + quote(odd["id"], safe=""), "/entity/" + quote(key, safe=""),
                 "/events", "/"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert not any(a.get("href", "").startswith("/article/../") for _, a in tags(r.text)), path
    assert client.get("/api/v1/quotes", params={"words": "الاتفاق"}).status_code == 200


def test_an_unlinked_entitys_key_filters_the_search_and_its_facets(client):
    unlinked = next(e for e in client.get("/api/v1/entities", params={"limit": 100}).json()["items"]
                    if e["kb_id"] is None)
    word = unlinked["name"].split()[0]
    hits = client.get("/api/v1/articles", params={"q": word, "entity": unlinked["key"], "limit": 100}).json()["items"]
    facets = client.get("/api/v1/articles/facets", params={"q": word, "entity": unlinked["key"]}).json()
    assert hits and facets["hits"] == len(hits) == unlinked["articles"]
