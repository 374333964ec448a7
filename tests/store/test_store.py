"""The embedded store: idempotent and resumable ingests, every layer stored, Arabic search, bad input."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from marsad.config import PipelineConfig
from marsad.store import StoreError, open_store
from marsad.store.ingest import ingest
from marsad.store.sqlite import SCHEMA_VERSION

from ..conftest import saudinewsnet_day

ARTICLES = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 SaudiNewsNet articles as JSON Lines (read from ../shared for the test, never copied into the repo)."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps({"id": f"snn-{k}", "text": a["content"], "title": a["title"],
                         "published": a["date_extracted"][:10]}, ensure_ascii=False)
             for k, a in enumerate(saudinewsnet_day()[:ARTICLES])]
    (folder / "day.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "day.jsonl"


def marsad(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=cwd)


def snapshot(path) -> dict[str, list]:
    """Every table's rows, with the article's id in place of its row number: equal for equal stores."""
    db = sqlite3.connect(path)
    ids = dict(db.execute("SELECT n, id FROM articles"))
    out = {"articles": sorted(db.execute("SELECT id, url, input_id, published, title, outlet, body_hash, record"
                                         " FROM articles"))}
    for table in ("entities", "mentions", "quotes", "events", "dates"):
        out[table] = sorted((ids[row[0]], *row[1:]) for row in db.execute(f"SELECT * FROM {table}"))
    out["fts"] = sorted(db.execute("SELECT a.id, f.title, f.body FROM articles_fts f JOIN articles a ON a.n = f.rowid"))
    db.close()
    return out


@pytest.fixture(scope="module")
def stored(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "marsad.db"
    store = open_store(str(path))
    summary = ingest([str(corpus)], store, PipelineConfig())
    store.close()
    assert (summary.read, summary.stored, summary.already) == (ARTICLES, ARTICLES, 0)
    return path


def test_every_layer_is_stored_and_the_records_come_back(stored, corpus):
    store = open_store(str(stored))
    counts = store.counts()
    records = list(store.records())
    store.close()
    assert counts["articles"] == ARTICLES and counts["entities"] > ARTICLES and counts["quotes"] > 0
    assert counts["mentions"] >= counts["entities"] and counts["dates"] > 0
    assert counts["events"] == sum(len(r["events"]) for r in records)
    assert [r["source"]["input_id"] for r in records] == [f"snn-{k}" for k in range(ARTICLES)]


def test_ingesting_again_by_another_path_or_file_stores_nothing_new(stored, corpus, tmp_path):
    before = snapshot(stored)
    run = marsad("ingest", str(corpus), "--db", str(stored))
    assert run.returncode == 0 and f"0 stored, {ARTICLES} already there" in run.stderr
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(corpus, other / "copy.jsonl")
    relative = os.path.relpath(other / "copy.jsonl", tmp_path)
    run = marsad("ingest", relative, "--db", str(stored), cwd=tmp_path)
    assert run.returncode == 0 and f"0 stored, {ARTICLES} already there" in run.stderr
    assert snapshot(stored) == before


def test_the_same_text_file_under_two_names_is_one_article(tmp_path):
    text = saudinewsnet_day()[0]["content"]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "m.db"
    run = marsad("ingest", "a.txt", "./b.txt", "--db", str(db), "--published", "2015-07-21", cwd=tmp_path)
    assert run.returncode == 0 and "1 stored" in run.stderr and "1 duplicates" in run.stderr


def test_an_ingest_killed_half_way_goes_on_and_ends_equal_to_an_uninterrupted_one(stored, corpus, tmp_path):
    big = tmp_path / "big.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    extra = [json.dumps(dict(json.loads(line), id=f"again-{k}"), ensure_ascii=False) for k, line in enumerate(lines)]
    big.write_text("\n".join(lines + extra * 3) + "\n", encoding="utf-8")  # 240 articles, two batches and more
    killed = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(big), "--db", str(killed)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            db = sqlite3.connect(killed, timeout=1)
            n = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            db.close()
        except sqlite3.Error:
            continue
        if n >= 100:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    run = marsad("ingest", str(big), "--db", str(killed))
    assert run.returncode == 0, run.stderr
    whole = tmp_path / "whole.db"
    assert marsad("ingest", str(big), "--db", str(whole)).returncode == 0
    assert snapshot(killed) == snapshot(whole)


@pytest.mark.parametrize("query, written", [
    ("اعلنت", "أعلنت"),  # hamza folded
    ("قال", "وقال"),  # a proclitic
    ("أَعْلَنَتْ", "أعلنت"),  # diacritics in the query
    ("أعـــلنت", "أعلنت"),  # tatweel
])
def test_a_query_finds_the_word_however_it_is_written(stored, query, written):
    store = open_store(str(stored))
    hits = store.search(query, limit=100)
    text_of = {r["id"]: r["text"] for r in store.records()}
    store.close()
    assert hits
    assert any(written in text_of[h.article][h.start:h.end] for h in hits)
    assert all(text_of[h.article][h.start:h.end] == h.snippet for h in hits)


def test_a_phrase_in_quotes_is_a_phrase(stored):
    store = open_store(str(stored))
    phrase = store.search('"وزير الخارجية"', limit=100)
    words = store.search("وزير الخارجية", limit=100)
    text_of = {r["id"]: r["text"] for r in store.records()}
    store.close()
    assert phrase and len(phrase) <= len(words)
    assert all("وزير الخارجية" in text_of[h.article] or "وزير خارجية" in text_of[h.article] for h in phrase)


def test_filters_narrow_the_results(stored):
    store = open_store(str(stored))
    everything = store.search("في", limit=1000)
    outlet = everything[0].outlet
    assert all(h.outlet == outlet for h in store.search("في", outlet=outlet, limit=1000))
    assert store.search("في", date_from="2015-07-22", limit=1000) == []
    assert len(store.search("في", date_to="2015-07-21", limit=1000)) == len(everything)
    named = store.db.execute("SELECT kb_id FROM entities WHERE kb_id IS NOT NULL LIMIT 1").fetchone()[0]
    with_entity = store.search("في", entity=named, limit=1000)
    store.close()
    assert 0 < len(with_entity) <= len(everything)


@pytest.mark.parametrize("query", [
    "ا" * 10_000, "!!! ... ؟؟؟", '"وزير الخارجية', 'NEAR(a b)', "*", '"', "') ; DROP TABLE articles;--", "",
])
def test_hostile_or_odd_queries_give_results_or_none_never_an_error(stored, query):
    store = open_store(str(stored))
    store.search(query)
    assert store.counts()["articles"] == ARTICLES
    store.close()


def test_a_hostile_title_is_stored_as_text(tmp_path):
    line = json.dumps({"id": "x", "title": "'); DROP TABLE articles;--", "text": "قال الوزير إن الاجتماع انتهى."},
                      ensure_ascii=False)
    (tmp_path / "x.jsonl").write_text(line + "\n", encoding="utf-8")
    db = tmp_path / "m.db"
    assert marsad("ingest", str(tmp_path / "x.jsonl"), "--db", str(db), "--published", "2015-07-21").returncode == 0
    store = open_store(str(db))
    assert [r["title"] for r in store.records()] == ["'); DROP TABLE articles;--"]
    assert [h.title for h in store.search("DROP")] == ["'); DROP TABLE articles;--"]
    store.close()


def test_a_file_that_is_no_store_and_a_newer_store_are_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is no database" * 100)
    with pytest.raises(StoreError, match="not a marsad store"):
        open_store(str(junk))
    run = marsad("search", "قال", "--db", str(junk))
    assert run.returncode == 2 and "not a marsad store" in run.stderr and "Traceback" not in run.stderr
    newer = tmp_path / "newer.db"
    open_store(str(newer)).close()
    db = sqlite3.connect(newer)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer marsad"):
        open_store(str(newer))


def test_two_ingests_into_one_file_at_once_store_each_article_once(corpus, tmp_path):
    db = tmp_path / "m.db"
    procs = [subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    store = open_store(str(db))
    assert store.counts()["articles"] == ARTICLES
    store.close()


def test_reanalysis_replaces_records_and_keeps_the_articles(stored, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(stored, copy)
    before = snapshot(copy)
    run = marsad("ingest", "--reanalyse", "--db", str(copy))
    assert run.returncode == 0 and f"{ARTICLES} stored" in run.stderr
    after = snapshot(copy)
    assert [a[0] for a in after["articles"]] == [a[0] for a in before["articles"]]
    assert after == before  # the same pipeline gives the same records


def test_entities_across_articles_are_one_per_knowledge_base_id(stored):
    store = open_store(str(stored))
    found = store.entities(limit=1000)
    total = store.db.execute("SELECT sum(mentions), count(DISTINCT kb_id) FROM entities").fetchone()
    store.close()
    keys = [e.key for e in found]
    assert len(keys) == len(set(keys))
    assert sum(e.mentions for e in found) == total[0]
    assert sum(1 for e in found if e.kb_id) == total[1]
    assert all(1 <= e.articles <= ARTICLES and e.first_seen <= e.last_seen for e in found)
    top = found[0]
    assert top.mentions == max(e.mentions for e in found) and top.together


def test_an_unlinked_name_of_two_countries_is_two_entities(tmp_path):
    store = open_store(str(tmp_path / "m.db"))
    record = {"id": "a", "source": {"format": "text", "path": None, "line": None, "input_id": None, "url": None},
              "published": "2015-07-21", "title": None, "outlet": None, "body_hash": "h", "text": "سالم وسالم",
              "entities": [], "quotes": [], "events": [], "dates": []}
    from marsad.store.sqlite import Stored
    for k, country in enumerate(["SAU", "EGY", None]):
        r = dict(record, id=f"a{k}", entities=[{"id": "e1", "type": "PERSON", "name": "سالم", "kb_id": None,
                                                "country": country, "mentions": [{"start": 0, "end": 4}]}])
        store.put([(r, Stored("سالم", {}))], {"test": True})
    names = sorted(e.key for e in store.entities())
    store.close()
    assert names == ["name:PERSON:سالم:", "name:PERSON:سالم:EGY", "name:PERSON:سالم:SAU"]
