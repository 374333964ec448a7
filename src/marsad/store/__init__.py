"""The collection: stored records, searched, joined and exported. `open_store(url)` gives the store a URL names:
a path or `sqlite:///path` for the embedded SQLite file (the default, `./marsad.db` or $MARSAD_DB)."""
from __future__ import annotations

from .sqlite import SqliteStore, StoreError


def open_store(url: str) -> SqliteStore:
    if url.startswith(("postgresql:", "postgres:")):
        raise StoreError(f"{url.split('@')[-1]}: the PostgreSQL store is not built yet; use an SQLite file")
    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    return SqliteStore(path)


__all__ = ["SqliteStore", "StoreError", "open_store"]
