"""The store's tables, one schema for SQLite and PostgreSQL: the same tables and columns, with each engine's word
for a row number, bytes and the full-text index. Versioned by a row of `meta`; MIGRATIONS bring an older store up.

    statements("sqlite")    # the CREATE statements of a new store
"""
from __future__ import annotations

SCHEMA_VERSION = 3
TABLES = ("articles", "entities", "mentions", "quotes", "events", "dates")

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    n {row_number},
    id TEXT NOT NULL UNIQUE,
    url TEXT, input_id TEXT, source_path TEXT, source_format TEXT NOT NULL,
    published TEXT, title TEXT, outlet TEXT, language TEXT, body_hash TEXT NOT NULL,
    raw {bytes} NOT NULL,
    given TEXT NOT NULL,
    record TEXT NOT NULL,
    made_by TEXT NOT NULL,
    signature {bytes},
    cluster BIGINT
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE INDEX articles_cluster ON articles (cluster);
CREATE TABLE entities (
    article BIGINT NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
    eid TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, kb_id TEXT, country TEXT, actor TEXT,
    mentions INTEGER NOT NULL,
    roles TEXT NOT NULL,
    lat REAL, lon REAL,
    PRIMARY KEY (article, eid)
);
CREATE INDEX entities_kb_id ON entities (kb_id);
CREATE INDEX entities_name ON entities (name);
CREATE TABLE mentions (
    article BIGINT NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
    eid TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions (article);
CREATE TABLE quotes (
    article BIGINT NOT NULL REFERENCES articles (n) ON DELETE CASCADE, k INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind TEXT NOT NULL,
    speaker TEXT, speaker_text TEXT, addressee TEXT, source TEXT,
    PRIMARY KEY (article, k)
);
CREATE TABLE events (
    article BIGINT NOT NULL REFERENCES articles (n) ON DELETE CASCADE, k INTEGER NOT NULL,
    cameo TEXT NOT NULL, root TEXT NOT NULL,
    source_entity TEXT, source_actor TEXT, target_entity TEXT, target_actor TEXT,
    date_value TEXT, place TEXT, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
    negated INTEGER NOT NULL, reported INTEGER NOT NULL, confidence REAL NOT NULL,
    PRIMARY KEY (article, k)
);
CREATE INDEX events_root ON events (root);
CREATE INDEX events_place ON events (article, place);
CREATE TABLE dates (
    article BIGINT NOT NULL REFERENCES articles (n) ON DELETE CASCADE, k INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, value TEXT, grain TEXT NOT NULL,
    PRIMARY KEY (article, k)
);
"""

_FULL_TEXT = {
    # the analysed title and body (store/analyser.py), ranked by bm25
    "sqlite": "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, tokenize = 'ascii')",
    # the same terms as a tsvector (the title's weighted A), and trigrams of names for finding an entity by part of it
    "postgresql": """
CREATE TABLE articles_fts (n BIGINT PRIMARY KEY REFERENCES articles (n) ON DELETE CASCADE, doc TSVECTOR NOT NULL);
CREATE INDEX articles_fts_doc ON articles_fts USING gin (doc);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX entities_name_trgm ON entities USING gin (name gin_trgm_ops);
CREATE INDEX entities_name_en_trgm ON entities USING gin (name_en gin_trgm_ops)
""",
}

_TYPES = {  # (row numbers are given by the one writer at a time: max + 1, the same in both engines)
    "sqlite": {"row_number": "INTEGER PRIMARY KEY", "bytes": "BLOB"},
    "postgresql": {"row_number": "BIGINT PRIMARY KEY", "bytes": "BYTEA"},
}

# version -> the statements that bring a store of version - 1 to it, in the engine's words (store/base.py then
# fills what they add from the stored records)
MIGRATIONS = {
    2: """
ALTER TABLE entities ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN signature {bytes};
ALTER TABLE articles ADD COLUMN cluster BIGINT;
CREATE INDEX articles_cluster ON articles (cluster)
""",
    3: """
ALTER TABLE entities ADD COLUMN lat REAL;
ALTER TABLE entities ADD COLUMN lon REAL;
CREATE INDEX events_place ON events (article, place)
""",
}


def statements(dialect: str) -> list[str]:
    """The statements that make a new store."""
    return split((_TABLES + ";" + _FULL_TEXT[dialect]).format(**_TYPES[dialect]))


def migration(dialect: str, version: int) -> list[str]:
    return split(MIGRATIONS[version].format(**_TYPES[dialect]))


def split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
