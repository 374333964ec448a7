"""The HTTP API over a store (FastAPI TestClient), read only."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from fastapi.testclient import TestClient

from marsad.config import PipelineConfig
from marsad.serve.api import create_app
from marsad.store import StoreError, open_store
from marsad.store.ingest import ingest

from ..conftest import day_jsonl

ARTICLES = 30


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api")
    store = open_store(str(folder / "m.db"))
    ingest([str(day_jsonl(folder / "day.jsonl", ARTICLES))], store, PipelineConfig())
    store.close()
    return str(folder / "m.db")


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


@pytest.mark.parametrize("path, params", [
    ("/api/v1/articles", {}),  # no query
    ("/api/v1/articles", {"q": "ا" * 5000}),
    ("/api/v1/articles", {"q": "قال", "limit": 0}),
    ("/api/v1/articles", {"q": "قال", "from": "yesterday"}),
    ("/api/v1/articles", {"q": "قال", "root": "4"}),
    ("/api/v1/articles", {"q": "قال", "cursor": "not-ours"}),
    ("/api/v1/entities", {"type": "DROP TABLE"}),
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
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/entities"} <= set(schema["paths"])


def test_the_api_never_writes_the_store_and_refuses_an_older_one(db, tmp_path):
    app_store = open_store(db, read_only=True)
    with pytest.raises(StoreError):
        with app_store.transaction():
            app_store.execute("DELETE FROM meta")
    app_store.close()
    with pytest.raises(StoreError, match="no marsad store"):
        create_app(str(tmp_path / "none.db"))


def test_marsad_serve_answers_on_loopback(db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/entities?limit=1", timeout=5) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
                time.sleep(0.2)
        assert len(body["items"]) == 1
    finally:
        proc.terminate()
        proc.wait(timeout=30)
