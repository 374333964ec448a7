"""The store, on SQLite and on PostgreSQL: idempotent and resumable ingests, every layer stored, Arabic search,
entities across articles, bad input."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.config import PipelineConfig
from marsad.store import StoreError, open_store
from marsad.store.ingest import ingest
from marsad.store import Stored
from marsad.store.schema import SCHEMA_VERSION

from ..conftest import day_jsonl, saudinewsnet_day
from .conftest import cluster_folder, empty_store, new_database, start_cluster, stop_cluster, with_database

ARTICLES = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 SaudiNewsNet articles as JSON Lines."""
    return day_jsonl(tmp_path_factory.mktemp("corpus") / "day.jsonl", ARTICLES)


def marsad(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=cwd)


def snapshot(url) -> dict[str, list]:
    """Every table's rows, with the article's id in place of its row number: equal for equal stores."""
    store = open_store(str(url))
    ids = dict(store.query("SELECT n, id FROM articles"))
    out = {"articles": sorted((*row[:-1], ids[row[-1]]) for row in store.query(
        "SELECT id, url, input_id, published, title, outlet, body_hash, record, cluster FROM articles"))}
    for table in ("entities", "mentions", "quotes", "events", "dates"):
        out[table] = sorted((ids[row[0]], *row[1:]) for row in store.query(f"SELECT * FROM {table}"))
    full_text = ("SELECT rowid, title, body FROM articles_fts" if store.dialect == "sqlite"
                 else "SELECT n, doc::text FROM articles_fts")
    out["fts"] = sorted((ids[row[0]], *row[1:]) for row in store.query(full_text))
    store.close()
    return out


def another(url: str, folder, name: str) -> str:
    """A second, empty store of the same engine as `url`."""
    if url.startswith("postgresql:"):
        return new_database(_server(url))
    return str(folder / f"{name}.db")


def copy_store(url: str, folder) -> str:
    if url.startswith("postgresql:"):
        import psycopg

        server = _server(url)
        name = "c" + os.urandom(6).hex()
        with psycopg.connect(server, autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name} TEMPLATE {_database(url)}")  # (names of ours)
        return with_database(server, name)
    copy = folder / "copy.db"
    shutil.copy(url, copy)
    return str(copy)


def _database(url: str) -> str:
    return url.split("?")[0].rsplit("/", 1)[1]


def _server(url: str) -> str:
    return url.replace(f"/{_database(url)}?", "/postgres?")


@pytest.fixture(scope="module")
def stored(corpus, engine, tmp_path_factory, request):
    url = empty_store(engine, tmp_path_factory.mktemp("store"), request)
    store = open_store(url)
    summary = ingest([str(corpus)], store, PipelineConfig())
    store.close()
    assert (summary.read, summary.stored, summary.already) == (ARTICLES, ARTICLES, 0)
    return url


def test_every_layer_is_stored_and_the_records_come_back(stored):
    store = open_store(stored)
    counts = store.counts()
    records = list(store.records())
    store.close()
    assert counts["articles"] == ARTICLES and counts["entities"] > ARTICLES and counts["quotes"] > 0
    assert counts["mentions"] >= counts["entities"] and counts["dates"] > 0
    assert counts["events"] == sum(len(r["events"]) for r in records)
    assert [r["source"]["input_id"] for r in records] == [f"snn-{k}" for k in range(ARTICLES)]


def test_ingesting_again_by_another_path_or_file_stores_nothing_new(stored, corpus, tmp_path):
    before = snapshot(stored)
    run = marsad("ingest", str(corpus), "--db", stored)
    assert run.returncode == 0 and f"0 stored, {ARTICLES} already there" in run.stderr
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(corpus, other / "copy.jsonl")
    relative = os.path.relpath(other / "copy.jsonl", tmp_path)
    run = marsad("ingest", relative, "--db", stored, cwd=tmp_path)
    assert run.returncode == 0 and f"0 stored, {ARTICLES} already there" in run.stderr
    assert snapshot(stored) == before


def test_the_same_text_file_under_two_names_is_one_article(store_url, tmp_path):
    text = saudinewsnet_day()[0]["content"]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    run = marsad("ingest", "a.txt", "./b.txt", "--db", store_url, "--published", "2015-07-21", cwd=tmp_path)
    assert run.returncode == 0 and "1 stored" in run.stderr and "1 duplicates" in run.stderr


def _bigger(corpus, folder):
    """240 articles: the corpus and three renamed copies of it, four batches and less."""
    big = folder / "big.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    extra = [json.dumps(dict(json.loads(line), id=f"again-{k}"), ensure_ascii=False) for k, line in enumerate(lines)]
    big.write_text("\n".join(lines + extra * 3) + "\n", encoding="utf-8")
    return big


def _wait_for(url: str, articles: int, proc: subprocess.Popen) -> int:
    """Wait until the store holds `articles` or more; how many it holds."""
    deadline = time.monotonic() + 120
    n = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        try:
            store = open_store(url)
            n = store.counts()["articles"]
            store.close()
        except StoreError:
            continue
        if n >= articles:
            break
    return n


def test_an_ingest_killed_half_way_goes_on_and_ends_equal_to_an_uninterrupted_one(corpus, store_url, tmp_path):
    big = _bigger(corpus, tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(big), "--db", store_url, "--batch", "30"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    held = _wait_for(store_url, 100, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < held < 4 * ARTICLES and held % 30 == 0  # (killed half-way, with whole batches stored)
    run = marsad("ingest", str(big), "--db", store_url, "--batch", "30")
    assert run.returncode == 0, run.stderr
    whole = another(store_url, tmp_path, "whole")
    assert marsad("ingest", str(big), "--db", whole).returncode == 0
    assert snapshot(store_url) == snapshot(whole)


@pytest.mark.parametrize("query, written", [
    ("اعلنت", "أعلنت"),  # hamza folded
    ("قال", "وقال"),  # a proclitic
    ("أَعْلَنَتْ", "أعلنت"),  # diacritics in the query
    ("أعـــلنت", "أعلنت"),  # tatweel
])
def test_a_query_finds_the_word_however_it_is_written(stored, query, written):
    store = open_store(stored)
    hits = store.search(query, limit=100)
    text_of = {r["id"]: r["text"] for r in store.records()}
    store.close()
    assert hits
    assert any(written in text_of[h.article][h.start:h.end] for h in hits)
    assert all(text_of[h.article][h.start:h.end] == h.snippet for h in hits)


def test_a_phrase_in_quotes_is_a_phrase(stored):
    store = open_store(stored)
    phrase = store.search('"وزير الخارجية"', limit=100)
    words = store.search("وزير الخارجية", limit=100)
    text_of = {r["id"]: r["text"] for r in store.records()}
    store.close()
    assert phrase and len(phrase) <= len(words)
    assert all("وزير الخارجية" in text_of[h.article] or "وزير خارجية" in text_of[h.article] for h in phrase)


def test_both_engines_find_the_same_articles(corpus, tmp_path, request):
    found = {}
    for engine in ("sqlite", "postgresql"):
        url = empty_store(engine, tmp_path, request)
        store = open_store(url)
        ingest([str(corpus)], store, PipelineConfig())
        found[engine] = [sorted(h.article for h in store.search(q, limit=1000))
                         for q in ("أعلنت", "وقال", '"وزير الخارجية"', "السعودية الرياض")]
        store.close()
    assert found["sqlite"] == found["postgresql"] and all(found["sqlite"])


def test_filters_narrow_the_results(stored):
    store = open_store(stored)
    everything = store.search("في", limit=1000)
    outlet = everything[0].outlet
    assert all(h.outlet == outlet for h in store.search("في", outlet=outlet, limit=1000))
    assert store.search("في", date_from="2015-07-22", limit=1000) == []
    assert len(store.search("في", date_to="2015-07-21", limit=1000)) == len(everything)
    named = store.query("SELECT kb_id FROM entities WHERE kb_id IS NOT NULL LIMIT 1")[0][0]
    with_entity = store.search("في", entity=named, limit=1000)
    speaker = store.query("SELECT e.name FROM quotes q JOIN entities e ON e.article = q.article AND e.eid = q.speaker"
                          " LIMIT 1")[0][0]
    quoting = store.search("في", quote_by=speaker, limit=1000)
    roots = store.query("SELECT root FROM events LIMIT 1")
    store.close()
    assert 0 < len(with_entity) <= len(everything)
    assert 0 < len(quoting) <= len(everything)
    assert roots  # (the day's articles have events)


@pytest.mark.parametrize("query", [
    "ا" * 10_000, "!!! ... ؟؟؟", '"وزير الخارجية', 'NEAR(a b)', "*", '"', "') ; DROP TABLE articles;--", "",
    "a:* & !b | (c <-> d)", "'\\'", "%s %(x)s ?",
])
def test_hostile_or_odd_queries_give_results_or_none_never_an_error(stored, query):
    store = open_store(stored)
    store.search(query)
    store.search(query, entity=query, outlet=query, quote_by=query, collapse=True)
    assert store.counts()["articles"] == ARTICLES
    store.close()


def test_a_hostile_title_is_stored_as_text(store_url, tmp_path):
    line = json.dumps({"id": "x", "title": "'); DROP TABLE articles;--", "text": "قال الوزير إن الاجتماع انتهى."},
                      ensure_ascii=False)
    (tmp_path / "x.jsonl").write_text(line + "\n", encoding="utf-8")
    assert marsad("ingest", str(tmp_path / "x.jsonl"), "--db", store_url, "--published", "2015-07-21").returncode == 0
    store = open_store(store_url)
    assert [r["title"] for r in store.records()] == ["'); DROP TABLE articles;--"]
    assert [h.title for h in store.search("DROP")] == ["'); DROP TABLE articles;--"]
    store.close()


def test_a_file_that_is_no_store_is_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is no database" * 100)
    with pytest.raises(StoreError, match="not a marsad store"):
        open_store(str(junk))
    run = marsad("search", "قال", "--db", str(junk))
    assert run.returncode == 2 and "not a marsad store" in run.stderr and "Traceback" not in run.stderr
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="no marsad store"):
        open_store(str(other))


def test_a_store_of_a_newer_schema_is_refused(store_url):
    store = open_store(store_url)
    with store.transaction():
        store.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    store.close()
    with pytest.raises(StoreError, match="newer marsad"):
        open_store(store_url)
    run = marsad("ingest", "x.jsonl", "--db", store_url)
    assert run.returncode == 2 and "newer marsad" in run.stderr and "Traceback" not in run.stderr


def test_an_unreachable_server_is_a_clear_error(tmp_path):
    url = f"postgresql://marsad@/none?host={tmp_path}"  # (no server listens there)
    with pytest.raises(StoreError, match="cannot reach the PostgreSQL server"):
        open_store(url)
    run = marsad("search", "قال", "--db", url)
    assert run.returncode == 2 and "cannot reach" in run.stderr and "Traceback" not in run.stderr


def test_two_ingests_into_one_store_at_once_store_each_article_once(corpus, store_url):
    procs = [subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", store_url],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    store = open_store(store_url)
    assert store.counts()["articles"] == ARTICLES
    store.close()


def test_reanalysis_replaces_records_and_keeps_the_articles(stored, tmp_path):
    copy = copy_store(stored, tmp_path)
    before = snapshot(copy)
    run = marsad("ingest", "--reanalyse", "--db", copy)
    assert run.returncode == 0 and f"{ARTICLES} stored" in run.stderr
    after = snapshot(copy)
    assert [a[0] for a in after["articles"]] == [a[0] for a in before["articles"]]
    assert after == before  # the same pipeline gives the same records


def test_entities_across_articles_are_one_per_knowledge_base_id(stored):
    store = open_store(stored)
    found = store.entities(limit=1000)
    total = store.query("SELECT sum(mentions), count(DISTINCT kb_id) FROM entities")[0]
    store.close()
    keys = [e.key for e in found]
    assert len(keys) == len(set(keys))
    assert sum(e.mentions for e in found) == total[0]
    assert sum(1 for e in found if e.kb_id) == total[1]
    assert all(1 <= e.articles <= ARTICLES and e.first_seen <= e.last_seen for e in found)
    top = found[0]
    assert top.mentions == max(e.mentions for e in found) and top.together
    assert any(e.roles for e in found if e.type == "PERSON")


def _record(k: int, **fields) -> dict:
    return {"id": f"a{k}", "source": {"format": "text", "path": None, "line": None, "input_id": None, "url": None},
            "published": "2015-07-21", "title": None, "outlet": None, "body_hash": "h", "text": "سالم وسالم",
            "entities": [], "quotes": [], "events": [], "dates": [], **fields}


def test_an_unlinked_name_of_two_countries_is_two_entities(store_url):
    store = open_store(store_url)
    for k, country in enumerate(["SAU", "EGY", None]):
        r = _record(k, entities=[{"id": "e1", "type": "PERSON", "name": "سالم", "kb_id": None, "country": country,
                                  "roles": ["الوزير"], "mentions": [{"start": 0, "end": 4}]}])
        store.put([(r, Stored("سالم", {}))], {"test": True})
    names = sorted(e.key for e in store.entities())
    roles = {e.roles for e in store.entities()}
    store.close()
    assert names == ["name:PERSON:سالم:", "name:PERSON:سالم:EGY", "name:PERSON:سالم:SAU"]
    assert roles == {("الوزير",)}


def test_a_record_without_its_later_layers_is_stored(store_url):
    """A record of an older marsad, before quotes, events and dates."""
    store = open_store(store_url)
    old = _record(0)
    for layer in ("quotes", "events", "dates"):
        del old[layer]
    assert store.put([(old, Stored(old["text"], {}))], {"marsad": "0.0"}) == 1
    counts = store.counts()
    store.close()
    assert (counts["articles"], counts["quotes"], counts["events"]) == (1, 0, 0)


def test_a_server_that_goes_away_mid_ingest_stops_it_clearly_and_a_rerun_ends_equal(corpus, tmp_path):
    folder = cluster_folder()
    try:
        server = start_cluster(folder)
        url, whole = new_database(server), new_database(server)
        big = _bigger(corpus, tmp_path)
        proc = subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(big), "--db", url, "--batch", "30"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        held = _wait_for(url, 60, proc)
        stop_cluster(folder, "immediate")
        message = proc.communicate(timeout=120)[1]
        assert 0 < held < 4 * ARTICLES
        assert proc.returncode == 1 and "server went away" in message and "Traceback" not in message, message
        start_cluster(folder)
        run = marsad("ingest", str(big), "--db", url, "--batch", "30")
        assert run.returncode == 0 and "already there" in run.stderr, run.stderr
        assert marsad("ingest", str(big), "--db", whole).returncode == 0
        assert snapshot(url) == snapshot(whole)
    finally:
        stop_cluster(folder)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs mount: a disk that fills (needs root and mount, as on the dev and CI machines)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("a small disk needs root and mount")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_full_disk_stops_the_ingest_clearly_and_leaves_the_store_consistent(corpus, small_disk, tmp_path):
    big = _bigger(corpus, tmp_path)
    db = small_disk / "m.db"
    run = marsad("ingest", str(big), "--db", str(db), "--batch", "30")
    assert run.returncode == 1 and "disk is full" in run.stderr and "Traceback" not in run.stderr, run.stderr
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    held = check.execute("SELECT count(*) FROM articles").fetchone()[0]
    check.close()
    assert 0 < held < 4 * ARTICLES and held % 30 == 0
    moved = tmp_path / "moved.db"
    for part in small_disk.glob("m.db*"):  # (the same store, its write-ahead log with it, on a disk with room)
        shutil.copy(part, tmp_path / part.name.replace("m.db", "moved.db"))
    assert marsad("ingest", str(big), "--db", str(moved), "--batch", "30").returncode == 0
    whole = tmp_path / "whole.db"
    assert marsad("ingest", str(big), "--db", str(whole)).returncode == 0
    assert snapshot(moved) == snapshot(whole)


def test_a_read_only_disk_is_a_clear_error(corpus, small_disk):
    db = small_disk / "m.db"
    open_store(str(db)).close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    run = marsad("ingest", str(corpus), "--db", str(db))
    assert run.returncode in (1, 2) and "Traceback" not in run.stderr
    assert "read-only" in run.stderr or "readonly" in run.stderr or "cannot be written" in run.stderr, run.stderr


def test_a_damaged_store_file_is_a_clear_error(stored, tmp_path):
    if not stored.endswith(".db"):
        pytest.skip("a file of the SQLite store")
    damaged = tmp_path / "damaged.db"
    shutil.copy(stored, damaged)
    data = bytearray(damaged.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 40_000] = os.urandom(40_000)
    damaged.write_bytes(bytes(data))
    run = marsad("search", "قال", "--db", str(damaged))
    run2 = marsad("export", "articles", "--db", str(damaged), "--format", "jsonl")
    for r in (run, run2):
        assert r.returncode != 0 and "Traceback" not in r.stderr and "damaged" in r.stderr, r.stderr


def test_a_store_of_the_first_schema_is_upgraded(corpus, tmp_path):
    """Made as marsad's first store made them (schema 1: no roles, no near-duplicates), then opened."""
    source = open_store(str(tmp_path / "now.db"))
    ingest([str(corpus)], source, PipelineConfig())
    rows = source.query("SELECT n, id, url, input_id, source_path, source_format, published, title, outlet, language,"
                        " body_hash, raw, given, record, made_by FROM articles ORDER BY n")
    children = {t: source.query(f"SELECT * FROM {t}") for t in ("mentions", "quotes", "events", "dates")}
    entities = source.query("SELECT article, eid, type, name, name_en, kb_id, country, actor, mentions FROM entities")
    fts = source.query("SELECT rowid, title, body FROM articles_fts")
    source.close()
    old = tmp_path / "old.db"
    db = sqlite3.connect(old)
    db.executescript((Path(__file__).parent / "schema-v1.sql").read_text(encoding="utf-8"))
    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    db.executemany(f"INSERT INTO articles VALUES ({','.join('?' * 15)})", rows)
    db.executemany(f"INSERT INTO entities VALUES ({','.join('?' * 9)})", entities)
    for table, values in children.items():
        if values:
            db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(values[0]))})", values)
    db.executemany("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", fts)
    db.commit()
    db.close()
    assert snapshot(old) == snapshot(tmp_path / "now.db")


def test_a_wire_copy_with_another_masthead_joins_the_cluster_and_searches_collapse_it(corpus, store_url, tmp_path):
    first = json.loads(corpus.read_text(encoding="utf-8").splitlines()[0])
    copy = dict(first, id="copy", title="عنوان آخر", text="صحيفة أخرى - الرياض\n" + first["text"])
    both = tmp_path / "both.jsonl"
    both.write_text(corpus.read_text(encoding="utf-8") + json.dumps(copy, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    store = open_store(store_url)
    ingest([str(both)], store, PipelineConfig())
    ids = {r["source"]["input_id"]: r["id"] for r in store.records()}
    clusters = store.clusters()
    word = next(t for t in first["text"].split() if len(t) > 5)
    plain = [h for h in store.search(word, limit=1000) if h.cluster == ids["snn-0"]]
    folded = [h for h in store.search(word, collapse=True, limit=1000) if h.cluster == ids["snn-0"]]
    counts = store.counts()
    store.close()
    assert [ids["snn-0"], ids["copy"]] in clusters
    assert len(plain) == 2 and len(folded) == 1 and folded[0].copies == 2
    assert counts["stories"] <= counts["articles"] - 1


def test_records_of_marsad_analyze_are_stored_as_they_are(stored, corpus, store_url, tmp_path):
    records = tmp_path / "records.jsonl"
    assert marsad("export", "articles", "--db", stored).returncode == 0  # (the store reads back)
    source = open_store(stored)
    lines = [json.dumps(r, ensure_ascii=False) for r in source.records()]
    source.close()
    older = json.loads(lines[0])
    for layer in ("events", "dates"):
        del older[layer]  # (a record of a marsad before events and dates)
    older["id"] = "older"
    records.write_text("\n".join(lines + [json.dumps(older, ensure_ascii=False), "{not json", lines[1]]) + "\n",
                       encoding="utf-8")
    run = marsad("ingest", "--records", str(records), "--db", store_url)
    assert run.returncode == 1 and "Traceback" not in run.stderr  # (one line was no record: named, the rest stored)
    assert f"{ARTICLES + 2} articles read, {ARTICLES + 1} stored, 0 already there, 1 duplicates" in run.stderr
    assert "records.jsonl:62" in run.stderr
    mine = snapshot(store_url)
    theirs = snapshot(stored)
    assert [a for a in mine["articles"] if a[0] != "older"] == theirs["articles"]
    for table in ("entities", "mentions", "quotes", "events", "dates"):
        assert [r for r in mine[table] if r[0] != "older"] == theirs[table]
    run = marsad("ingest", "--records", str(records), "--db", store_url)
    assert f"0 stored, {ARTICLES + 1} already there" in run.stderr


def test_records_stored_by_two_processes_make_the_same_store(stored, tmp_path):
    source = open_store(stored)
    lines = [json.dumps(r, ensure_ascii=False) for r in source.records()]
    source.close()
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, two = another(stored, tmp_path, "one"), another(stored, tmp_path, "two")
    assert marsad("ingest", "--records", str(records), "--db", one, "--batch", "7").returncode == 0
    assert marsad("ingest", "--records", str(records), "--db", two, "--batch", "7", "--jobs", "2").returncode == 0
    assert snapshot(one) == snapshot(two)
