"""A small store for the API, page and browser tests: a SaudiNewsNet day and one hostile article whose text, title and
outlet hold markup that must render as text."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest

from marsad.config import PipelineConfig
from marsad.store import open_store
from marsad.store.ingest import ingest

from ..conftest import day_jsonl

ARTICLES = 30
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)>'
HOSTILE_ARTICLE = {
    "id": "hostile", "title": f"عنوان {HOSTILE}", "source": f"منفذ {HOSTILE}", "published": "2015-07-21",
    "url": "javascript:alert(1)",
    "text": (f"قال الرئيس الأمريكي باراك أوباما في واشنطن يوم الثلاثاء إن «{HOSTILE} الاتفاق مع إيران جيد». "
             f"وأضاف أوباما أن {HOSTILE} لن يغير شيئا في سياسة الولايات المتحدة.\n\n"
             "والتقى وزير الخارجية الأمريكي جون كيري نظيره الإيراني محمد جواد ظريف في فيينا."),
}


@pytest.fixture(scope="session")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    corpus = day_jsonl(folder / "day.jsonl", ARTICLES)
    with corpus.open("a", encoding="utf-8") as out:
        out.write(json.dumps(HOSTILE_ARTICLE, ensure_ascii=False) + "\n")
    store = open_store(str(folder / "m.db"))
    ingest([str(corpus)], store, PipelineConfig())
    store.close()
    return str(folder / "m.db")


@contextmanager
def served(db: str):
    """`marsad serve` over `db` on a free loopback port, once it answers: its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/api/v1/openapi.json", timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
