"""What the API and the page read (store/browse.py), on both engines, over the same 60 SaudiNewsNet articles: the
same answers from SQLite and PostgreSQL, each consistent with the stored records."""
from __future__ import annotations

import pytest

from marsad.config import PipelineConfig
from marsad.store import browse, open_store
from marsad.store.ingest import ingest

from ..conftest import day_jsonl
from .conftest import empty_store

ARTICLES = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return day_jsonl(tmp_path_factory.mktemp("corpus") / "day.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def answers(corpus, tmp_path_factory, request):
    """What each engine answers, and the records it holds."""
    out = {}
    for engine in ("sqlite", "postgresql"):
        url = empty_store(engine, tmp_path_factory.mktemp(engine), request)
        store = open_store(url)
        ingest([str(corpus)], store, PipelineConfig())
        top = browse.find_entities(store, limit=5)
        out[engine] = {
            "records": {r["id"]: r for r in store.records()},
            "top": top,
            "named": browse.find_entities(store, "saud", limit=10),
            "page": browse.entity_page(store, top[0].key),
            "quotes": browse.quotes(store, limit=500),
            "worded": browse.quotes(store, words="المملكة", limit=50),
            "events": browse.events(store, limit=500),
            "timeline": browse.timeline(store),
            "places": browse.places(store),
            "facets": browse.facets(store, "في"),
            "clusters": browse.clusters(store),
        }
        store.close()
    return out


def test_both_engines_give_the_same_answers(answers):
    sqlite, postgresql = answers["sqlite"], answers["postgresql"]
    for key in ("top", "named", "page", "quotes", "worded", "events", "timeline", "clusters"):
        assert sqlite[key] == postgresql[key], key
    assert {(p.key, p.events) for p in sqlite["places"]} == {(p.key, p.events) for p in postgresql["places"]}
    assert sqlite["facets"].hits == postgresql["facets"].hits
    assert set(sqlite["facets"].outlets) == set(postgresql["facets"].outlets)


def test_answers_agree_with_the_records(answers):
    got = answers["sqlite"]
    records = got["records"]
    for q in got["quotes"]:
        assert records[q.article]["text"][q.start:q.end] == q.text
    assert len(got["quotes"]) == sum(len(r["quotes"]) for r in records.values())
    assert all("المملكة" in q.text or "مملكة" in q.text for q in got["worded"])
    for v in got["events"]:
        trigger = records[v.article]["events"][v.k]["trigger"]
        assert (v.trigger_start, v.trigger_end) == (trigger["start"], trigger["end"])
    assert sum(d.events for d in got["timeline"]) == len(got["events"])
    page = got["page"]
    mentions = sum(len(e["mentions"]) for r in records.values() for e in r["entities"]
                   if (e.get("kb_id") or f"name:{e['type']}:{e['name']}") == page.entity.key)
    assert page.entity.mentions == mentions == sum(d.count for d in page.days)
    assert all(n.articles <= page.entity.articles for n in page.together)
    assert [e.mentions for e in got["top"]] == sorted((e.mentions for e in got["top"]), reverse=True)
    assert all("saud" in (e.name_en or "").lower() or "saud" in e.name for e in got["named"])
