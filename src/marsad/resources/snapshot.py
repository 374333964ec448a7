"""Loaded models and lexicons kept between processes, so that a process starts in a fraction of the time.

Building the tagger, the knowledge base and the word lists from the shipped files is most of a one-article run
(BENCHMARKS.md, issue 13). A loader marked `@snapshot.loader` runs once per process, like `lru_cache(maxsize=1)`;
the first process to build its value also pickles it into the cache folder, and later processes read that instead.

- The folder: `$MARSAD_CACHE`, else `$XDG_CACHE_HOME/marsad`, else `~/.cache/marsad`; `MARSAD_CACHE=off` reads
  and writes nothing.
- Each snapshot lies under a fingerprint of the installed package (the size and modification time of every file
  in it, the Python version): edited code, a rebuilt lexicon or a retrained model is never read from an old one,
  and only the newest few fingerprints are kept.
- Only files the current user owns, in a folder only they can write, are read (a pickle runs code when loaded). A
  snapshot that cannot be read or written costs a warning and a rebuild, never the run.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parents[1]  # src/marsad
OFF = "off"
KEPT = 4  # fingerprints kept (other installs, older code): the newest
T = TypeVar("T")


def cache_root() -> Path | None:
    """The folder snapshots go in, or None when they are switched off."""
    chosen = os.environ.get("MARSAD_CACHE")
    if chosen:
        return None if chosen == OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "marsad"


@functools.lru_cache(maxsize=1)
def fingerprint(package: Path = PACKAGE) -> str:
    """A digest of every file of the package (path, size, modification time) and of the Python version."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=12)
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = os.stat(path)
            digest.update(f"{os.path.relpath(path, package)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def loader(build: Callable[[], T]) -> Callable[[], T]:
    """`build` run at most once per process (an lru_cache: `cache_clear()` forgets this process's value) and at most
    once per installed package: its value is pickled into the cache folder and read from there by later processes."""
    name = f"{build.__module__}.{build.__qualname__}"

    @functools.lru_cache(maxsize=1)
    @functools.wraps(build)
    def load() -> T:
        return _read_or_build(name, build)

    return load


def _read_or_build(name: str, build: Callable[[], T]) -> T:
    try:
        root = cache_root()
        path = None if root is None else root / "snapshots" / fingerprint() / f"{name}.pickle"
    except Exception as err:  # noqa: BLE001 - no home folder, an unreadable package file: no snapshot
        log.warning("no snapshot of %s (%s: %s)", name, type(err).__name__, err)
        path = None
    if path is None:
        return build()
    if path.exists():
        try:
            if _trusted(path):
                with path.open("rb") as f:
                    return pickle.load(f)
            log.warning("snapshot %s: not the current user's own, or writable by others: not read", path)
        except Exception as err:  # noqa: BLE001 - a truncated or stale file: build anew
            log.warning("snapshot %s unreadable (%s: %s): rebuilt", path, type(err).__name__, err)
    value = build()
    _write(path, value)
    _prune(path.parent.parent)
    return value


def _trusted(path: Path) -> bool:
    if not hasattr(os, "getuid"):
        return True
    uid = os.getuid()
    for p in (path, path.parent, path.parent.parent):
        info = p.stat()
        if info.st_uid != uid or info.st_mode & 0o022:
            return False
    return True


def _write(path: Path, value: object) -> None:
    try:
        path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # whole or absent: another process may be reading
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception as err:  # noqa: BLE001 - a read-only home, a full disk: the value is still returned
        log.warning("snapshot %s not written (%s: %s)", path, type(err).__name__, err)


def _prune(snapshots: Path) -> None:
    """Remove all but the KEPT newest fingerprints' folders."""
    try:
        folders = sorted((p for p in snapshots.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in folders[KEPT:]:
        shutil.rmtree(old, ignore_errors=True)
