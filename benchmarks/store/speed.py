"""The store's speed: storing records already analysed (records/s, size per 1,000 articles), and search latency.

    .venv/bin/marsad analyze DAY.jsonl > records.jsonl
    .venv/bin/python benchmarks/store/speed.py put records.jsonl --db /tmp/bench.db    # or --db postgresql://…
    .venv/bin/python benchmarks/store/speed.py search --db /tmp/bench.db [--queries 200] [--seed 20261203]

`put` stores the records in batches of 250 (as marsad ingest does, one transaction each; with --jobs, worker processes
make the rows of the next batch while one is written) into a new, empty store and reports the rate and the store's
size; `search` runs queries drawn from the stored titles (one to three words, and
two-word phrases in quotes) and reports p50/p95/p99 of their latency, snippets included.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import time
from pathlib import Path

from marsad.store import Stored, is_server, open_store
from marsad.store.analyser import term_spans
from marsad.store.ingest import put_all


def put(records: Path, db: str, jobs: int) -> None:
    if not is_server(db):
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    store = open_store(db)
    if store.counts()["articles"]:
        raise SystemExit(f"{db}: give an empty store")
    rows = [json.loads(line) for line in records.open(encoding="utf-8") if line.strip()]
    gc.freeze()  # (the input held in memory is the benchmark's, not the store's: the collector need not walk it)
    start = time.perf_counter()
    put_all(((r, Stored(r["text"], {"title": r["title"]})) for r in rows), store, {"bench": True}, jobs=jobs)
    seconds = time.perf_counter() - start
    if is_server(db):
        size = store.query("SELECT pg_database_size(current_database())")[0][0]
    else:
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = os.path.getsize(db)
    store.close()
    print(f"| {len(rows):,} records | {len(rows) / seconds:,.0f} records/s | {size / len(rows) * 1000 / 2**20:,.1f} MiB "
          f"per 1,000 articles |")


def draw_queries(store, n: int, seed: int) -> list[str]:
    """`n` queries drawn from the stored titles: one to three of a title's words, or two of them as a phrase."""
    titles = [t for (t,) in store.query("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY n")]
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < n:
        title = rng.choice(titles)
        words = [title[s:e] for _, s, e in term_spans(title) if e - s > 2]
        if len(words) < 3:
            continue
        kind = rng.random()
        if kind < 0.5:
            queries.append(" ".join(rng.sample(words, rng.randint(1, 3))))
        else:
            k = rng.randrange(len(words) - 1)
            queries.append(f'"{words[k]} {words[k + 1]}"')
    return queries


def search(db: str, n: int, seed: int) -> None:
    store = open_store(db)
    queries = draw_queries(store, n, seed)
    times, found = [], 0
    for q in queries:
        start = time.perf_counter()
        found += bool(store.search(q))
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    cuts = statistics.quantiles(times, n=100)
    print(f"| {len(queries)} queries | {found} with results | p50 {cuts[49]:.1f} ms | p95 {cuts[94]:.1f} ms "
          f"| p99 {cuts[98]:.1f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["put", "search"])
    parser.add_argument("records", nargs="?", type=Path)
    parser.add_argument("--db", required=True, help="an SQLite file or a postgresql:// URL")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=1, help="put: processes that make the rows (marsad ingest --records --jobs)")
    parser.add_argument("--seed", type=int, default=20261203)
    args = parser.parse_args()
    if args.what == "put":
        put(args.records, args.db, args.jobs)
    else:
        search(args.db, args.queries, args.seed)


if __name__ == "__main__":
    main()
