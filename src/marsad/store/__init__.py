"""The collection: stored records, searched, joined and exported. `open_store(url)` gives the store a URL names:
a path or `sqlite:///path` for the embedded SQLite file (the default, `./marsad.db` or $MARSAD_DB), or
`postgresql://user@host/db` for a PostgreSQL server (the `postgres` extra)."""
from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..export.records import BadRecord
from ..record import RecordError, from_record
from .base import Hit, Store, Stored, StoreError


def is_server(url: str) -> bool:
    return url.startswith(("postgresql:", "postgres:"))


def open_store(url: str, read_only: bool = False) -> Store:
    """The store `url` names; `read_only` never makes, upgrades or writes it."""
    if is_server(url):
        from .postgres import PostgresStore

        return PostgresStore(url, read_only)
    from .sqlite import SqliteStore

    return SqliteStore(url.removeprefix("sqlite:///").removeprefix("sqlite://"), read_only)


def stored_records(url: str) -> Iterator[Document | BadRecord]:
    """The records of a store, as Documents (a stored record this marsad cannot read: a BadRecord)."""
    store = open_store(url)
    try:
        for record in store.records():
            try:
                yield from_record(record)
            except (RecordError, KeyError, TypeError) as err:
                yield BadRecord(f"{url}:{record.get('id')}", str(err)[:200])
    finally:
        store.close()


__all__ = ["Hit", "Store", "Stored", "StoreError", "is_server", "open_store", "stored_records"]
