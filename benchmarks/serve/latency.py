"""The API's and the page's latency under concurrent clients, and the weight of each view.

    .venv/bin/python benchmarks/serve/latency.py --db /tmp/speed/full.db [--clients 4] [--seconds 60]

Starts `marsad serve` on loopback over the store, then `--clients` threads, each on its own keep-alive connection,
send requests for `--seconds`, each drawn at random from four kinds: an article search through the API
(/api/v1/articles?q=…, queries drawn from the stored titles as benchmarks/store/speed.py draws them), an entity
through the API (/api/v1/entities/{key}, one of the 1,000 most mentioned), and the same two as pages (/search?q=…,
facets included, and /entity/{key}). Reports p50/p95/p99 per kind, requests per second and errors (any status but
200, or a failed connection). Then the weight of each view (a search for الرياض, an article of median size, the
most mentioned person, the events): its HTML and the files it loads, as sent (gzip) and unpacked.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from speed import draw_queries  # noqa: E402

from marsad.store import browse, open_store  # noqa: E402

KINDS = ("api search", "api entity", "page search", "page entity")


def start(db: str) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(proc.stderr.read())
            time.sleep(0.05)
    print(f"marsad serve answered {time.perf_counter() - began:.2f} s after it was started")
    return proc, port


def paths(db: str, seed: int) -> dict[str, list[str]]:
    store = open_store(db, read_only=True)
    queries = [urllib.parse.quote(q) for q in draw_queries(store, 500, seed)]
    keys = [urllib.parse.quote(e.key, safe="") for e in browse.find_entities(store, limit=1_000)]
    store.close()
    return {"api search": [f"/api/v1/articles?q={q}" for q in queries],
            "api entity": [f"/api/v1/entities/{k}" for k in keys],
            "page search": [f"/search?q={q}" for q in queries],
            "page entity": [f"/entity/{k}" for k in keys]}


def load(port: int, choices: dict[str, list[str]], clients: int, seconds: float, seed: int) -> None:
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        rng = random.Random(seed + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < deadline:
            kind = rng.choice(KINDS)
            path = rng.choice(choices[kind])
            began = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    errors.append(f"{r.status} {path}")
            except (OSError, http.client.HTTPException) as err:
                errors.append(f"{err} {path}")
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            times[kind].append((time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = sum(len(v) for v in times.values())
    print(f"\n{clients} clients, {seconds:.0f} s: {total:,} requests ({total / seconds:.1f}/s), {len(errors)} errors")
    print("| request | n | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|")
    for kind in KINDS:
        cuts = statistics.quantiles(times[kind], n=100)
        print(f"| {kind} | {len(times[kind]):,} | {cuts[49]:.0f} | {cuts[94]:.0f} | {cuts[98]:.0f} |")
    for e in errors[:10]:
        print("error:", e)


def fetch(port: int, path: str) -> tuple[bytes, int]:
    """A file as sent (gzip asked for) and its size unpacked."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    r = conn.getresponse()
    body = r.read()
    plain = gzip.decompress(body) if r.getheader("Content-Encoding") == "gzip" else body
    return plain, len(body)


def weights(port: int, db: str) -> None:
    store = open_store(db, read_only=True)
    article = store.query("SELECT id FROM articles ORDER BY length(record) LIMIT 1 OFFSET"
                          " (SELECT count(*) / 2 FROM articles)")[0][0]
    key = browse.find_entities(store, type="PERSON", limit=1)[0].key
    store.close()
    print("\n| view | HTML KiB (sent / unpacked) | with its CSS, JS and images KiB (sent / unpacked) |\n|---|---:|---:|")
    for name, path in (("search (20 hits)", "/search?q=" + urllib.parse.quote("الرياض")), ("article (median size)", f"/article/{article}"),
                       ("entity", "/entity/" + urllib.parse.quote(key, safe="")), ("events", "/events")):
        html, sent = fetch(port, path)
        files = set(re.findall(rb'(?:src|href)="(/static/[^"]+)"', html))
        extra = [fetch(port, f.decode()) for f in files]
        print(f"| {name} | {sent / 1024:.0f} / {len(html) / 1024:.0f} | {(sent + sum(s for _, s in extra)) / 1024:.0f}"
              f" / {(len(html) + sum(len(b) for b, _ in extra)) / 1024:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args()
    proc, port = start(args.db)
    try:
        load(port, paths(args.db, args.seed), args.clients, args.seconds, args.seed)
        weights(port, args.db)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
