#!/usr/bin/env python3
"""The four views of the page as PNG files for docs/ and the README, over a store (Debian's chromium, driven by
Playwright; fonts-noto-core draws the Arabic).

    .venv/bin/python scripts/screenshots.py --db /tmp/speed/full.db --out docs/

The views: a search (facets and highlighted snippets), an article with several quotes and events (its mentions, quotes,
triggers and dates marked), the most quoted person's page (roles, days, quotes, network) and the events view.
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from marsad.store import open_store

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def views(db: str) -> dict[str, str]:
    store = open_store(db, read_only=True)
    article = store.query(
        "SELECT a.id FROM articles a WHERE length(a.record) < 40000 AND"
        " (SELECT count(*) FROM quotes q WHERE q.article = a.n AND q.speaker IS NOT NULL) >= 3 AND"
        " (SELECT count(*) FROM events v WHERE v.article = a.n) >= 2 ORDER BY a.n LIMIT 1")[0][0]
    speaker = store.query(
        "SELECT e.kb_id, count(*) AS c FROM quotes q JOIN entities e ON e.article = q.article AND e.eid = q.speaker"
        " WHERE e.type = 'PERSON' AND e.kb_id IS NOT NULL GROUP BY e.kb_id ORDER BY c DESC LIMIT 1")[0][0]
    store.close()
    return {"search": "/search?q=" + urllib.parse.quote("وزير الخارجية") + "&collapse=true",
            "article": f"/article/{article}", "entity": "/entity/" + urllib.parse.quote(speaker, safe=""),
            "events": "/events"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", args.db, "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json").close()
                break
            except OSError:
                time.sleep(0.1)
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="ar")
            for name, path in views(args.db).items():
                page.goto(f"http://127.0.0.1:{port}{path}")
                if name == "entity":
                    page.wait_for_selector("#network[data-drawn]")
                page.screenshot(path=str(args.out / f"{name}.png"), full_page=name == "events")
                print(args.out / f"{name}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
