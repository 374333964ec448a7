"""The embedded store: one SQLite file (stdlib sqlite3, WAL), every layer of the record in tables, and FTS5 over the
analysed title and body (store/analyser.py).

    store = SqliteStore("marsad.db")
    store.put([record, …], made_by={"marsad": "0.1", "tagger": "crf"})   # one transaction; stored ids skipped
    store.search('"وزير الخارجية" بوتين', outlet="عكاظ")

Plain SQL with a schema-version row, not an ORM with migrations: the two stores differ where it matters (FTS5
against tsvector), the statements are few and read as what they do, and nothing is installed for SQLite. A store of
a newer schema is refused; an older one is upgraded by the steps of MIGRATIONS, in one transaction.
"""
from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..events.codebook import codebook
from .analyser import Query, parse_query, term_spans, terms

SCHEMA_VERSION = 1
OPEN_RETRY_S = 0.05
BUSY_MS = 30_000  # how long a writer waits for another's transaction (two ingests into one file take turns)
SNIPPET_CHARS = 160  # around the first matching word
MAX_LIMIT = 1_000
CO_OCCURRING = 5  # entities listed as seen with another
CHECKPOINT_PAGES = 16_000  # WAL pages (64 MiB) between checkpoints: fewer, longer copies into the file while ingesting
RAW_LEVEL = 1  # zlib level of the stored input: a third of its size, at a fifth of level 6's time

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, input_id TEXT, source_path TEXT, source_format TEXT NOT NULL,
    published TEXT, title TEXT, outlet TEXT, language TEXT, body_hash TEXT NOT NULL,
    raw BLOB NOT NULL,
    given TEXT NOT NULL,
    record TEXT NOT NULL,
    made_by TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE TABLE entities (
    article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
    eid TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, kb_id TEXT, country TEXT, actor TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, eid)
);
CREATE INDEX entities_kb_id ON entities (kb_id);
CREATE INDEX entities_name ON entities (name);
CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
    eid TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions (article);
CREATE TABLE quotes (
    article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE, k INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind TEXT NOT NULL,
    speaker TEXT, speaker_text TEXT, addressee TEXT, source TEXT,
    PRIMARY KEY (article, k)
);
CREATE TABLE events (
    article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE, k INTEGER NOT NULL,
    cameo TEXT NOT NULL, root TEXT NOT NULL,
    source_entity TEXT, source_actor TEXT, target_entity TEXT, target_actor TEXT,
    date_value TEXT, place TEXT, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
    negated INTEGER NOT NULL, reported INTEGER NOT NULL, confidence REAL NOT NULL,
    PRIMARY KEY (article, k)
);
CREATE INDEX events_root ON events (root);
CREATE TABLE dates (
    article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE, k INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, value TEXT, grain TEXT NOT NULL,
    PRIMARY KEY (article, k)
);
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, tokenize = 'unicode61');
"""
MIGRATIONS: dict[int, str] = {}  # version -> the SQL that brings a store of version - 1 to it
TABLES = ("articles", "entities", "mentions", "quotes", "events", "dates")


class StoreError(RuntimeError):
    """A store this marsad cannot use: not a database, a newer schema, a disk that refuses writes."""


@dataclass(frozen=True, slots=True)
class Stored:
    """An article's input as read, kept to analyse it again: the raw text and the fields its input gave before any
    analysis (a JSON Lines title, a page's publication date)."""
    raw: str
    fields: dict


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity across the collection."""
    key: str  # its knowledge-base id, or «name:TYPE:NAME» for an unlinked one
    kb_id: str | None
    type: str
    name: str
    name_en: str | None
    mentions: int
    articles: int
    first_seen: str | None  # publication days
    last_seen: str | None
    together: tuple[tuple[str, int], ...]  # the names seen in most of its articles, with how many


@dataclass(frozen=True, slots=True)
class Hit:
    article: str  # the article's id
    title: str | None
    outlet: str | None
    published: str | None
    score: float  # bm25: lower is better
    snippet: str
    start: int  # the snippet's offsets into the article's text
    end: int
    highlights: tuple[tuple[int, int], ...]  # offsets of the matching words, into the article's text


class SqliteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        deadline = time.monotonic() + BUSY_MS / 1000
        while True:
            try:
                self.db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
                self.db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")  # (WAL: a killed process loses no committed batch)
                self.db.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
                self.db.execute("PRAGMA foreign_keys = ON")
                self._prepare()
                return
            except sqlite3.OperationalError as err:
                self.db.close()
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: cannot open the store ({err})") from None
                time.sleep(OPEN_RETRY_S)  # another process makes the store; «PRAGMA journal_mode» waits for no lock
            except sqlite3.DatabaseError as err:
                self.db.close()
                raise StoreError(f"{self.path}: not a marsad store ({err})") from None

    def _version(self) -> int:
        return int(self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    def _tables(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _prepare(self) -> None:
        tables = self._tables()
        if not tables:
            with self.transaction():
                if not self._tables():  # (another process may have made it while this one waited for the lock)
                    for statement in _statements(SCHEMA):
                        self.db.execute(statement)
                    self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            tables = self._tables()
        if "meta" not in tables:
            raise StoreError(f"{self.path}: an SQLite file that is no marsad store (no meta table)")
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer marsad (schema {version}; this one reads up to "
                             f"{SCHEMA_VERSION}): upgrade marsad")
        if version < SCHEMA_VERSION:
            with self.transaction():
                version = self._version()  # (another process may have upgraded it meanwhile)
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in _statements(MIGRATIONS[step]):
                        self.db.execute(statement)
                self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def transaction(self):
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    # --- writing -------------------------------------------------------------------------------------------
    def stored(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` the store holds."""
        ids = list(ids)
        found: set[str] = set()
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def put(self, records: Sequence[tuple[dict, Stored]], made_by: dict, replace: bool = False) -> int:
        """Store records with their input in one transaction; those already stored are left as they are (or
        replaced with `replace`). Returns how many were written."""
        written = 0
        made = json.dumps(made_by, sort_keys=True)
        with self.transaction():
            for record, raw in records:
                row = self.db.execute("SELECT n FROM articles WHERE id = ?", (record["id"],)).fetchone()
                if row is not None:
                    if not replace:
                        continue
                    self.db.execute("DELETE FROM articles_fts WHERE rowid = ?", (row[0],))
                    self.db.execute("DELETE FROM articles WHERE n = ?", (row[0],))
                self._insert(record, raw, made)
                written += 1
        return written

    def _insert(self, record: dict, given: Stored, made_by: str) -> None:
        src = record["source"]
        text = record["text"]
        cursor = self.db.execute(
            "INSERT INTO articles (id, url, input_id, source_path, source_format, published, title, outlet, language,"
            " body_hash, raw, given, record, made_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record["id"], src.get("url"), src.get("input_id"), src.get("path"), src["format"], record["published"],
             record["title"], record["outlet"], record.get("language"), record["body_hash"],
             zlib.compress(given.raw.encode("utf-8", "surrogatepass"), RAW_LEVEL), json.dumps(given.fields, ensure_ascii=False),
             json.dumps(record, ensure_ascii=False), made_by))
        n = cursor.lastrowid
        self.db.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(n, e["id"], e["type"], e["name"], e.get("name_en"), e.get("kb_id"), e.get("country"), e.get("actor"),
              len(e["mentions"])) for e in record["entities"]])
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?)",
                            [(n, e["id"], m["start"], m["end"]) for e in record["entities"] for m in e["mentions"]])
        self.db.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(n, k, q["start"], q["end"], q["kind"], q.get("speaker"), q.get("speaker_text"), q.get("addressee"),
              q.get("source")) for k, q in enumerate(record["quotes"])])
        book = codebook()
        self.db.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(n, k, e["cameo"], book[e["cameo"]].root if e["cameo"] in book else e.get("root"),
              e["source"]["entity"], e["source"]["actor"], e["target"]["entity"], e["target"]["actor"],
              (e.get("date") or {}).get("value"), e.get("place"), e["trigger"]["start"], e["trigger"]["end"],
              int(bool(e.get("negated"))), int(bool(e.get("reported"))), float(e.get("confidence", 0.5)))
             for k, e in enumerate(record.get("events") or [])])
        self.db.executemany("INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?)",
                            [(n, k, d["start"], d["end"], d.get("value"), d["grain"])
                             for k, d in enumerate(record.get("dates") or [])])
        self.db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                        (n, " ".join(terms(record["title"] or "")), " ".join(terms(text))))

    # --- reading -------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # (names are ours)

    def records(self) -> Iterable[dict]:
        for (record,) in self.db.execute("SELECT record FROM articles ORDER BY n"):
            yield json.loads(record)

    def inputs(self) -> Iterable[tuple[dict, Stored]]:
        """(record, input) of every stored article, for analysing them again."""
        for record, raw, given in self.db.execute("SELECT record, raw, given FROM articles ORDER BY n"):
            yield json.loads(record), Stored(zlib.decompress(raw).decode("utf-8", "surrogatepass"), json.loads(given))

    def entities(self, *, limit: int = 50, type: str | None = None) -> list[EntitySummary]:
        """The collection's entities (of one `type`, if given), the most mentioned first: one per knowledge-base id;
        an unlinked name merged across articles by its type and name only where no two countries conflict (else one
        per country); with the entities of any type seen in most of the same articles."""
        rows = self.db.execute(
            "SELECT e.kb_id, e.type, e.name, e.name_en, e.country, e.article, e.mentions, a.published"
            " FROM entities e JOIN articles a ON a.n = e.article").fetchall()
        countries: dict[tuple[str, str], set[str]] = {}
        for kb_id, kind, name, _, country, *_ in rows:
            if kb_id is None and country:
                countries.setdefault((kind, name), set()).add(country)
        groups: dict[str, dict] = {}
        for kb_id, kind, name, name_en, country, article, mentions, published in rows:
            if kb_id is not None:
                key = kb_id
            elif len(countries.get((kind, name), ())) > 1:
                key = f"name:{kind}:{name}:{country or ''}"  # (two countries for one name: not one thing)
            else:
                key = f"name:{kind}:{name}"
            g = groups.setdefault(key, {"key": key, "kb_id": kb_id, "type": kind, "name": name, "name_en": name_en,
                                        "mentions": 0, "articles": set(), "days": []})
            g["mentions"] += mentions
            g["articles"].add(article)
            if published:
                g["days"].append(published)
        ranked = sorted((g for g in groups.values() if type is None or g["type"] == type),
                        key=lambda g: (-g["mentions"], g["key"]))[:max(1, min(limit, MAX_LIMIT))]
        by_article: dict[int, set[str]] = {}
        for g in groups.values():
            for article in g["articles"]:
                by_article.setdefault(article, set()).add(g["key"])
        out = []
        for g in ranked:
            together: dict[str, int] = {}
            for article in g["articles"]:
                for other in by_article[article] - {g["key"]}:
                    together[other] = together.get(other, 0) + 1
            top = sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:CO_OCCURRING]
            out.append(EntitySummary(g["key"], g["kb_id"], g["type"], g["name"], g["name_en"], g["mentions"],
                                     len(g["articles"]), min(g["days"], default=None), max(g["days"], default=None),
                                     tuple((groups[k]["name"], n) for k, n in top)))
        return out

    def search(self, query: str | Query, *, date_from: str | None = None, date_to: str | None = None,
               outlet: str | None = None, entity: str | None = None, root: str | None = None,
               quote_by: str | None = None, limit: int = 20, offset: int = 0) -> list[Hit]:
        """Articles matching the query (every word and phrase, analysed as the index is), best first (bm25), with
        the filters; `entity` and `quote_by` take a knowledge-base id or a name."""
        q = query if isinstance(query, Query) else parse_query(query)
        if q.empty:
            return []
        where, params = ["articles_fts MATCH ?"], [q.fts5()]
        if date_from:
            where.append("a.published >= ?")
            params.append(date_from)
        if date_to:
            where.append("a.published <= ?")
            params.append(date_to + "\uffff")  # (a day's prefix takes in the whole day)
        if outlet:
            where.append("a.outlet = ?")
            params.append(outlet)
        if entity:
            where.append("EXISTS (SELECT 1 FROM entities e WHERE e.article = a.n AND (e.kb_id = ? OR e.name = ?))")
            params += [entity, entity]
        if root:
            where.append("EXISTS (SELECT 1 FROM events v WHERE v.article = a.n AND v.root = ?)")
            params.append(root)
        if quote_by:
            where.append("EXISTS (SELECT 1 FROM quotes q JOIN entities e ON e.article = q.article AND e.eid = q.speaker"
                         " WHERE q.article = a.n AND (e.kb_id = ? OR e.name = ?))")
            params += [quote_by, quote_by]
        params += [max(1, min(limit, MAX_LIMIT)), max(0, offset)]
        rows = self.db.execute(
            "SELECT a.id, a.title, a.outlet, a.published, json_extract(a.record, '$.text'), bm25(articles_fts) AS score"
            " FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid"
            f" WHERE {' AND '.join(where)} ORDER BY score, a.n LIMIT ? OFFSET ?", params).fetchall()
        wanted = q.all_terms()
        return [Hit(aid, title, outlet, published, score, *_snippet(text, wanted))
                for aid, title, outlet, published, text, score in rows]


def _snippet(text: str, wanted: set[str]) -> tuple[str, int, int, tuple[tuple[int, int], ...]]:
    """The text around the first matching word, with the offsets of the snippet and of the words in it."""
    hits = [(s, e) for term, s, e in term_spans(text) if term in wanted]
    if not hits:
        start, end = 0, min(len(text), SNIPPET_CHARS)
    else:
        start = max(0, hits[0][0] - SNIPPET_CHARS // 4)
        end = min(len(text), start + SNIPPET_CHARS)
    return text[start:end], start, end, tuple((s, e) for s, e in hits if start <= s and e <= end)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on an error: a batch is stored whole or not at all."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, err, tb) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")
