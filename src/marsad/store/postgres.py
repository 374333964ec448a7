"""The server store: PostgreSQL through psycopg 3, the same tables as the SQLite file, with a tsvector of the same
analysed terms (store/analyser.py) in place of FTS5, built here as a literal so that PostgreSQL's own parser and
dictionaries never touch them, and trigram indexes on entity names.

    store = PostgresStore("postgresql://marsad@localhost/news")
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from .analyser import Query
from .base import Store, StoreError

LOCK = 0x6D61727361  # the advisory lock writers take in turn («marsa»), as SQLite's one writer at a time
MAX_POSITION = 16_383  # PostgreSQL's largest word position in a tsvector
MAX_VECTOR_BYTES = 900_000  # under PostgreSQL's 1 MB a tsvector: the terms of a longer article past this are left out
MAX_POSITIONS = 256  # positions PostgreSQL keeps per lexeme


class PostgresStore(Store):
    dialect = "postgresql"
    text_of_record = "(a.record::json ->> 'text')"

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.read_only = read_only
        try:
            import psycopg
        except ImportError:
            raise StoreError("the PostgreSQL store needs psycopg: pip install 'marsad[postgres]'") from None
        self._faults = (psycopg.OperationalError, psycopg.InterfaceError)
        self.where = url.rsplit("@", 1)[-1]  # (no password in messages)
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10,
                                      options="-c default_transaction_read_only=on" if read_only else None)
        except self._faults as err:
            raise StoreError(f"{self.where}: cannot reach the PostgreSQL server ({_first_line(err)})") from None
        except psycopg.ProgrammingError as err:  # a URL psycopg cannot read
            raise StoreError(f"{self.where}: not a PostgreSQL URL ({_first_line(err)})") from None
        self._prepare()

    def _run(self, sql: str, params: Sequence):
        return self.db.execute(_marks(sql), params)

    def _run_many(self, sql: str, rows: Iterable[Sequence]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(_marks(sql), rows)

    def _explain(self, err: Exception) -> str:
        return f"{self.where}: the PostgreSQL server went away ({_first_line(err)})"

    def transaction(self):
        return _Transaction(self)

    def close(self) -> None:
        self.db.close()

    def _tables(self) -> set[str]:
        return {r[0] for r in self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    full_text_insert = "INSERT INTO articles_fts VALUES (?, ?::tsvector)"

    def _full_text_row(self, n: int, title: list[str], body: list[str]) -> tuple:
        return n, _vector(title, body)

    def _match(self, q: Query) -> tuple[str, str, list, str]:
        return ("articles_fts f JOIN articles a ON a.n = f.n CROSS JOIN (SELECT CAST(? AS tsquery) AS q) w",
                "f.doc @@ w.q", [_tsquery(q)], "-ts_rank_cd(f.doc, w.q)")


def _lexeme(term: str) -> str:
    """A term as a tsvector or tsquery literal takes it: quoted, as it is."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _vector(title: list[str], body: list[str]) -> str:
    """The tsvector literal of an article's terms with their positions (the body's after the title's; the title's
    weighted A)."""
    positions: dict[str, list[str]] = {}
    size = 0
    for k, term in enumerate(title + body, 1):
        where = positions.get(term)
        if where is None:
            size += len(term.encode()) + 8
            if size > MAX_VECTOR_BYTES:
                continue
            where = positions[term] = []
        if len(where) < MAX_POSITIONS:
            where.append(f"{min(k, MAX_POSITION)}{'A' if k <= len(title) else ''}")
    return " ".join(f"{_lexeme(t)}:{','.join(p)}" for t, p in positions.items())


def _tsquery(q: Query) -> str:
    parts = [" <-> ".join(map(_lexeme, p)) for p in q.phrases] + [_lexeme(w) for w in q.words]
    return " & ".join(f"({p})" for p in parts)


@lru_cache(maxsize=256)
def _marks(sql: str) -> str:
    """The statement with psycopg's %s for each ? (the statements are ours and hold no other ? or %)."""
    return sql.replace("?", "%s")


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


class _Transaction:
    """BEGIN … COMMIT with the writers' lock held, or ROLLBACK on an error."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store.execute("BEGIN")
        self.store.execute("SELECT pg_advisory_xact_lock(?)", (LOCK,))

    def __exit__(self, kind, err, tb) -> None:
        if kind is None:
            self.store.execute("COMMIT")
        elif not self.store.db.closed and not self.store.db.broken:
            self.store.db.execute("ROLLBACK")
