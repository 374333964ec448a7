"""Snapshots of loaded resources (marsad.resources.snapshot): read back by later processes, never stale, never
fatal."""
from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from marsad.resources import snapshot
from tests.conftest import day_jsonl

built: list[int] = []


def expensive() -> dict:
    built.append(1)
    return {"words": ["قال", "أضاف"], "counts": (3, 4)}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "cache"))
    built.clear()
    return tmp_path / "cache"


def snapshots(cache) -> list:
    return sorted(cache.glob("snapshots/*/*.pickle"))


def test_built_once_then_read_by_a_later_process(cache):
    load = snapshot.loader(expensive)
    first = load()
    assert load() is first and len(built) == 1
    assert [p.name for p in snapshots(cache)] == ["tests.scale.test_snapshot.expensive.pickle"]
    load.cache_clear()  # as a new process would: its value from the file
    assert load() == first and len(built) == 1


def test_new_code_or_data_is_never_read_from_an_old_snapshot(cache, monkeypatch, tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "lexicon.tsv").write_text("قال\t3\n", encoding="utf-8")
    before = snapshot.fingerprint.__wrapped__(package)
    os.utime(package / "lexicon.tsv", ns=(1, 1))
    assert snapshot.fingerprint.__wrapped__(package) != before

    load = snapshot.loader(expensive)
    for k in range(snapshot.KEPT + 2):
        monkeypatch.setattr(snapshot, "fingerprint", lambda k=k: f"print{k:02}")
        load.cache_clear()
        load()
        assert len(built) == k + 1  # each fingerprint builds its own
    assert len(list((cache / "snapshots").iterdir())) == snapshot.KEPT


def test_switched_off(monkeypatch, tmp_path):
    monkeypatch.setenv("MARSAD_CACHE", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    built.clear()
    load = snapshot.loader(expensive)
    load()
    load.cache_clear()
    load()
    assert len(built) == 2 and not list(tmp_path.iterdir())


def test_a_broken_or_foreign_snapshot_is_rebuilt(cache, caplog):
    load = snapshot.loader(expensive)
    load()
    [path] = snapshots(cache)
    path.write_bytes(b"\x80\x05not a pickle")
    load.cache_clear()
    with caplog.at_level(logging.WARNING):
        assert load()["counts"] == (3, 4)
    assert len(built) == 2 and "unreadable" in caplog.text
    path.chmod(0o666)  # writable by anyone: whoever wrote it could run code in this process
    load.cache_clear()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        load()
    assert len(built) == 3 and "not read" in caplog.text
    load.cache_clear()
    load()
    assert len(built) == 3  # the rebuilt file is the user's own again


def test_an_unwritable_cache_costs_a_warning_not_the_value(tmp_path, monkeypatch, caplog):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("MARSAD_CACHE", str(blocked))  # a file where the folder should be
    built.clear()
    with caplog.at_level(logging.WARNING):
        assert snapshot.loader(expensive)()["words"] == ["قال", "أضاف"]
    assert "not written" in caplog.text


def test_records_are_the_same_built_or_read(tmp_path):
    """The shipped pipeline over 20 SaudiNewsNet articles: with no snapshot, building them, and reading them."""
    articles = day_jsonl(tmp_path / "in.jsonl", 20)
    cache = tmp_path / "cache"

    def run(setting: str) -> str:
        env = {**os.environ, "MARSAD_CACHE": setting}
        return subprocess.run([sys.executable, "-m", "marsad", "analyze", str(articles)], env=env, check=True,
                              capture_output=True, text=True).stdout

    off = run("off")
    assert run(str(cache)) == off
    assert {p.name.split(".")[-2] for p in snapshots(cache)} >= {"load_kb", "load_tagger", "word_counts"}
    assert run(str(cache)) == off
    assert len(off.splitlines()) == 20
