"""The HTTP API over a store (FastAPI TestClient), read only."""
from __future__ import annotations

import csv
import io
import json
import urllib.request

import pytest

from fastapi.testclient import TestClient

from marsad.serve.app import create_app
from marsad.store import StoreError, open_store

from .conftest import served


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def test_search_pages_through_every_result_once(client):
    first = client.get("/api/v1/articles", params={"q": "في", "limit": 7})
    assert first.status_code == 200
    seen, page = [], first.json()
    while True:
        seen += [h["article"] for h in page["items"]]
        if page["next"] is None:
            break
        page = client.get("/api/v1/articles", params={"q": "في", "limit": 7, "cursor": page["next"]}).json()
    everything = client.get("/api/v1/articles", params={"q": "في", "limit": 100}).json()["items"]
    assert seen == [h["article"] for h in everything] and len(seen) == len(set(seen)) > 7


def test_a_hit_carries_its_snippet_and_offsets_into_the_record(client):
    hit = client.get("/api/v1/articles", params={"q": "أعلنت"}).json()["items"][0]
    record = client.get(f"/api/v1/articles/{hit['article']}").json()
    assert record["text"][hit["start"]:hit["end"]] == hit["snippet"]
    assert all(record["text"][s:e] for s, e in hit["highlights"])


def test_entities_across_articles(client):
    people = client.get("/api/v1/entities", params={"type": "PERSON", "limit": 5}).json()["items"]
    assert people and all(p["type"] == "PERSON" for p in people)
    assert people == sorted(people, key=lambda p: -p["mentions"])


def _all(client, path, params, limit=7):
    """Every item of a listing, page by page through its cursor."""
    items, cursor = [], None
    while True:
        page = client.get(path, params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items


def test_entities_are_found_by_a_part_of_their_arabic_or_english_name(client):
    arabic = client.get("/api/v1/entities", params={"name": "أوباما"}).json()["items"]
    english = client.get("/api/v1/entities", params={"name": "obama"}).json()["items"]
    assert arabic and arabic[0]["name_en"] == "Barack Obama"
    assert arabic[0]["key"] in [e["key"] for e in english]
    assert client.get("/api/v1/entities", params={"name": "%"}).json()["items"] == []  # (no wildcard reaches SQL)


def test_an_entity_page_holds_its_roles_days_quotes_network_and_events(client):
    obama = client.get("/api/v1/entities", params={"name": "obama"}).json()["items"][0]
    page = client.get(f"/api/v1/entities/{obama['key']}").json()
    assert page["entity"]["key"] == obama["key"] and page["entity"]["articles"] == obama["articles"]
    assert sum(d["count"] for d in page["days"]) == obama["mentions"]
    assert any("الرئيس الأمريكي" in r["value"] for r in page["roles"])
    assert page["quotes"] and all(q["speaker"] == obama["key"] for q in page["quotes"])
    days = [q["published"] for q in page["quotes"]]
    assert days == sorted(days, reverse=True)
    together = {n["key"] for n in page["together"]}
    assert "m:gpe:USA" in together and obama["key"] not in together
    assert all(k["source"] in together and k["target"] in together for k in page["links"])
    assert client.get("/api/v1/entities/name:PERSON:لا أحد").status_code == 404


def test_an_unlinked_entity_has_a_page_by_its_name(client):
    unlinked = next(e for e in client.get("/api/v1/entities", params={"limit": 100}).json()["items"]
                    if e["kb_id"] is None)
    page = client.get(f"/api/v1/entities/{unlinked['key']}").json()
    assert page["entity"]["name"] == unlinked["name"] and page["entity"]["mentions"] == unlinked["mentions"]


def test_quotes_by_speaker_words_and_days_slice_to_their_text(client, db):
    store = open_store(db, read_only=True)
    everything = _all(client, "/api/v1/quotes", {})
    assert len(everything) == store.counts()["quotes"]
    for q in everything[:40]:
        assert store.record(q["article"])["text"][q["start"]:q["end"]] == q["text"]
    store.close()
    worded = client.get("/api/v1/quotes", params={"words": "الاتفاق"}).json()["items"]
    assert worded and all("الاتفاق" in q["text"] for q in worded)
    assert client.get("/api/v1/quotes", params={"from": "2016-01-01"}).json()["items"] == []


def test_events_by_root_actor_and_entity(client):
    everything = _all(client, "/api/v1/events", {}, limit=50)
    assert everything
    root = everything[0]["root"]
    by_root = _all(client, "/api/v1/events", {"root": root}, limit=50)
    assert len(by_root) == sum(e["root"] == root for e in everything)
    actor = next(e["source"]["code"] for e in everything if e["source"]["code"])
    by_actor = client.get("/api/v1/events", params={"actor": actor[:3], "limit": 100}).json()["items"]
    assert by_actor and all(actor[:3] in ((e["source"]["code"] or "")[:3], (e["target"]["code"] or "")[:3])
                            for e in by_actor)
    kerry = client.get("/api/v1/entities", params={"name": "كيري"}).json()["items"][0]["key"]
    met = client.get("/api/v1/events", params={"entity": kerry}).json()["items"]
    assert any(e["cameo"].startswith("04") and kerry in (e["source"]["key"], e["target"]["key"]) for e in met)
    timeline = client.get("/api/v1/events/timeline").json()["days"]
    assert sum(d["events"] for d in timeline) == len(everything)
    for p in client.get("/api/v1/events/places").json()["places"]:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and p["events"] >= 1


def test_clusters_and_copies(client):
    for c in client.get("/api/v1/clusters", params={"limit": 5}).json()["items"]:
        copies = client.get(f"/api/v1/articles/{c['first']}/copies").json()["items"]
        assert len(copies) == c["size"] and copies[0]["id"] == c["first"]
    one = client.get("/api/v1/articles", params={"q": "في", "limit": 1}).json()["items"][0]["article"]
    assert client.get(f"/api/v1/articles/{one}/copies").json()["items"][0]["id"] == one


def test_facets_count_the_matches(client):
    facets = client.get("/api/v1/articles/facets", params={"q": "في"}).json()
    hits = _all(client, "/api/v1/articles", {"q": "في"}, limit=100)
    assert facets["hits"] == len(hits) == sum(d["count"] for d in facets["days"])
    assert facets["entities"] and facets["entities"][0]["articles"] <= len(hits)


@pytest.mark.parametrize("path, params", [
    ("/api/v1/articles", {"q": "في"}),
    ("/api/v1/entities", {"type": "PERSON"}),
    ("/api/v1/quotes", {}),
    ("/api/v1/events", {}),
    ("/api/v1/clusters", {}),
])
def test_an_export_streams_every_row_of_its_listing_as_jsonl_and_tsv(client, path, params):
    listed = _all(client, path, params, limit=100)
    lines = client.get(path + "/export", params=params).text.split("\n")
    assert [json.loads(line) for line in lines if line] == json.loads(json.dumps(listed))
    tsv = client.get(path + "/export", params={**params, "format": "tsv"})
    rows = list(csv.reader(io.StringIO(tsv.text), delimiter="\t"))
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert len(rows) == len(listed) + (1 if listed else 0)


def test_an_export_keeps_a_spreadsheet_from_running_a_formula(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/quotes/export", params={"format": "tsv"}).text),
                               delimiter="\t"))
    assert rows and not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values() if v)


@pytest.mark.parametrize("path, params", [
    ("/api/v1/articles", {}),  # no query
    ("/api/v1/articles", {"q": "ا" * 1001}),
    ("/api/v1/articles", {"q": "قال", "limit": 0}),
    ("/api/v1/articles", {"q": "قال", "from": "yesterday"}),
    ("/api/v1/articles", {"q": "قال", "root": "4"}),
    ("/api/v1/articles", {"q": "قال", "cursor": "not-ours"}),
    ("/api/v1/entities", {"type": "DROP TABLE"}),
    ("/api/v1/events", {"actor": "sau%"}),
    ("/api/v1/events", {"code": "9999"}),
    ("/api/v1/quotes", {"from": "2015-13-01"}),
    ("/api/v1/quotes", {"limit": 101}),
    ("/api/v1/clusters", {"min_size": 1}),
    ("/api/v1/events/export", {"format": "xlsx"}),
    ("/api/v1/entities/" + "x" * 300, {}),
])
def test_what_a_client_gets_wrong_is_a_422_with_a_message(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422 and r.json()["detail"]


@pytest.mark.parametrize("q", ['"', "NEAR(", "*", "') ; DROP TABLE articles;--", "!!!", "%s ?"])
def test_odd_queries_give_results_or_none(client, q):
    r = client.get("/api/v1/articles", params={"q": q, "collapse": True})
    assert r.status_code == 200 and isinstance(r.json()["items"], list)


def test_an_unknown_article_is_a_404(client):
    r = client.get("/api/v1/articles/" + "x" * 50)
    assert r.status_code == 404 and "no article" in r.json()["detail"]


def test_the_openapi_schema_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/entities", "/api/v1/entities/{key}",
            "/api/v1/quotes", "/api/v1/events", "/api/v1/clusters", "/api/v1/events/timeline",
            "/api/v1/events/places", "/api/v1/articles/facets", "/api/v1/quotes/export"} <= set(schema["paths"])


def test_the_api_never_writes_the_store_and_refuses_an_older_one(db, tmp_path):
    app_store = open_store(db, read_only=True)
    with pytest.raises(StoreError):
        with app_store.transaction():
            app_store.execute("DELETE FROM meta")
    app_store.close()
    with pytest.raises(StoreError, match="no marsad store"):
        create_app(str(tmp_path / "none.db"))


def test_marsad_serve_answers_on_loopback(db):
    with served(db) as url, urllib.request.urlopen(url + "/api/v1/entities?limit=1", timeout=5) as r:
        assert len(json.loads(r.read())["items"]) == 1


def test_exports_at_once_are_bounded_and_a_dropped_one_frees_its_place(client, db):
    from marsad.serve.api import EXPORTS_AT_ONCE, Format, QuoteQuery, _export, _Once

    slots = client.app.state.exporting
    for _ in range(EXPORTS_AT_ONCE):
        slots.acquire()
    refused = client.get("/api/v1/quotes/export")
    assert refused.status_code == 429 and refused.headers["retry-after"]
    slots.release()
    assert client.get("/api/v1/quotes/export").status_code == 200  # (read to its end: its place is given back)
    slots.acquire()  # (as the route does for a client that is gone before the first row)
    unread = _export(QuoteQuery(), db, Format.jsonl, _Once(slots.release))
    del unread
    slots.release()  # (the last place held by hand)
    with pytest.raises(ValueError):  # (every place is free again: one more release is one too many)
        slots.release()


def test_a_nul_in_a_request_is_a_422_on_every_route(client):
    for path in ("/api/v1/articles/%00", "/api/v1/entities?name=%00", "/article/%00", "/search?q=x&outlet=a%00"):
        r = client.get(path)
        assert r.status_code == 422 and "NUL" in r.json()["detail"][0]["msg"], path
