-- The schema of the first marsad store (version 1), to test its upgrade.
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
