"""The embedded store: one SQLite file (stdlib sqlite3, WAL), with FTS5 over the analysed title and body.

    store = SqliteStore("marsad.db")
    store.put([(record, Stored(raw, fields)), …], made_by={"marsad": "0.1", "tagger": "crf"})
    store.search('"وزير الخارجية" بوتين', outlet="عكاظ")
"""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from .analyser import Query
from .base import Store, StoreError

OPEN_RETRY_S = 0.05
BUSY_MS = 30_000  # how long a writer waits for another's transaction (two ingests into one file take turns)
CHECKPOINT_PAGES = 16_000  # WAL pages (64 MiB) between checkpoints: fewer, longer copies into the file while ingesting


class SqliteStore(Store):
    dialect = "sqlite"
    _faults = (sqlite3.DatabaseError,)  # the disk's and the file's (OperationalError among them)
    text_of_record = "json_extract(a.record, '$.text')"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.where = self.path = str(path)
        self.read_only = read_only
        if read_only and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no marsad store there (marsad ingest makes one)")
        deadline = time.monotonic() + BUSY_MS / 1000
        while True:
            try:
                self.db = (sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True,
                                           timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
                           if read_only else sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None))
                self.db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
                if not read_only:
                    self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")  # (WAL: a killed process loses no committed batch)
                self.db.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
                self.db.execute("PRAGMA foreign_keys = ON")
                self.db.execute("PRAGMA cache_size = -65536")
                self._prepare()
                return
            except (sqlite3.OperationalError, StoreError) as err:
                self.db.close()
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: cannot open the store ({err}{_why(self.path)})") from None
                time.sleep(OPEN_RETRY_S)  # another process makes the store; «PRAGMA journal_mode» waits for no lock
            except sqlite3.DatabaseError as err:
                self.db.close()
                raise StoreError(f"{self.path}: not a marsad store ({err})") from None

    def _run(self, sql: str, params: Sequence):
        return self.db.execute(sql, params)

    def _run_many(self, sql: str, rows: Iterable[Sequence]) -> None:
        self.db.executemany(sql, rows)

    def _explain(self, err: Exception) -> str:
        if isinstance(err, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
            raise err  # (a bug's, not the disk's)
        message = str(err)
        if "malformed" in message or "not a database" in message:
            return f"{self.path}: the store file is damaged ({message})"
        if "full" in message:
            return f"{self.path}: the disk is full ({message})"
        if "readonly" in message or "read-only" in message:
            return f"{self.path}: the store cannot be written ({message})"
        return f"{self.path}: {message}"

    def transaction(self):
        return _Transaction(self)

    def close(self) -> None:
        self.db.close()

    def _tables(self) -> set[str]:
        return {r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    full_text_insert = "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)"

    def _full_text_row(self, n: int, title: list[str], body: list[str]) -> tuple:
        return n, " ".join(title), " ".join(body)

    def _unindex(self, n: int) -> None:
        self.execute("DELETE FROM articles_fts WHERE rowid = ?", (n,))

    def _match(self, q: Query) -> tuple[str, str, list, str]:
        return ("articles_fts JOIN articles a ON a.n = articles_fts.rowid", "articles_fts MATCH ?", [q.fts5()],
                "bm25(articles_fts)")


def _why(path: str) -> str:
    """What keeps a store from opening, where the file system tells."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        return f"; no folder {folder}"
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        return "; the store cannot be written there: a read-only disk or file"
    return ""


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on an error: a batch is stored whole or not at all, and writers take
    turns."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, err, tb) -> None:
        try:
            if kind is None:
                self.store.execute("COMMIT")
        finally:
            if self.store.db.in_transaction:
                self.store.db.execute("ROLLBACK")
