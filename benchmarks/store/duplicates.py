"""Near-duplicate clusters over SaudiNewsNet, their cost, and a sample of found pairs for a person to judge.

    .venv/bin/python benchmarks/store/duplicates.py ../shared/corpus/saudinewsnet [--pairs 40] [--seed 20261203]
        [--out /tmp/dups/pairs.md]
    .venv/bin/python benchmarks/store/duplicates.py --db marsad.db [--pairs 40] [--seed S]    # what a store found

Reads every day zip of the folder in date order, signs each article's body (marsad.store.duplicates.signature of
marsad.store.analyser.terms of `content`; the title is left out, as the store leaves it out: each outlet writes its
own), adds the signatures to one DuplicateIndex in that order and joins the pairs it reports into clusters.
Prints the counts, the largest clusters, the time per article of signing and of adding, and the distribution of the
found pairs' similarities; writes a seeded sample of found pairs (an article and an earlier one it matched) with
both titles, sources, the similarity and the head and tail of both texts, for reading "same story or not".
With --db, the clusters a store made as it ingested (signed from the cleaned text): each article after the first of
its cluster paired with the earlier one of the cluster most like it.
"""
from __future__ import annotations

import argparse
import json
import random
import time
import zipfile
from collections import Counter
from pathlib import Path

from marsad.store import open_store
from marsad.store.analyser import terms
from marsad.store.duplicates import THRESHOLD, DuplicateIndex, signature, similarity

HEAD_CHARS = 400
TAIL_CHARS = 200
TOP_CLUSTERS = 8
BINS = (THRESHOLD, *(b for b in (0.75, 0.8, 0.85, 0.9, 0.95, 1.0) if b > THRESHOLD))  # lower edges of the histogram


def read_corpus(folder: Path) -> list[dict]:
    articles = []
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            articles.extend(json.loads(z.read(z.namelist()[0])))
    return articles


class Clusters:
    """Union-find over article numbers."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, n: int) -> int:
        parent = self.parent
        parent.setdefault(n, n)
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for n in self.parent:
            out.setdefault(self.find(n), []).append(n)
        return sorted(out.values(), key=len, reverse=True)


def flat(text: str) -> str:
    return " ".join(text.split())


def excerpt(text: str) -> str:
    text = flat(text)
    if len(text) <= HEAD_CHARS + TAIL_CHARS:
        return text
    return f"{text[:HEAD_CHARS]} … {text[-TAIL_CHARS:]}"


def describe(label: str, a: dict) -> list[str]:
    return [f"**{label}** {a['source']}, {a['date_extracted']}: {flat(a['title'] or '(no title)')}", "",
            f"<{a['url']}>", "", f"> {excerpt(a.get('content') or '')}", ""]


def write_sample(path: Path, articles: list[dict], pairs: list[tuple[int, int, float]]) -> None:
    lines = [f"# {len(pairs)} found duplicate pairs (similarity ≥ {THRESHOLD}): same story or not?", ""]
    for k, (n, m, sim) in enumerate(pairs, 1):
        lines += [f"## {k}. similarity {sim:.2f} (articles {m} and {n})", "", "- [ ] same story", ""]
        lines += describe("Added earlier:", articles[m]) + describe("Added later:", articles[n])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def histogram(sims: list[float]) -> str:
    counts = [sum(lo <= s < hi for s in sims) for lo, hi in zip(BINS, BINS[1:])] + [sum(s >= BINS[-1] for s in sims)]
    labels = [f"[{lo:.2f}, {hi:.2f})" for lo, hi in zip(BINS, BINS[1:])] + ["1.00"]
    return "\n".join(f"  {label:>13}  {c:>6,}" for label, c in zip(labels, counts))


def from_store(args: argparse.Namespace) -> None:
    store = open_store(args.db)
    rows = store.query("SELECT n, cluster, signature, outlet, published, title, url, record FROM articles ORDER BY n")
    store.close()
    articles = {n: {"source": outlet, "date_extracted": published, "title": title, "url": url,
                    "content": json.loads(record)["text"], "sig": sig and bytes(sig), "cluster": cluster}
                for n, cluster, sig, outlet, published, title, url, record in rows}
    members: dict[int, list[int]] = {}
    for n, a in articles.items():
        members.setdefault(a["cluster"], []).append(n)
    groups = sorted((g for g in members.values() if len(g) > 1), key=len, reverse=True)
    pairs = []
    for g in groups:
        for k, n in enumerate(g[1:], 1):
            sim, m = max((similarity(articles[n]["sig"], articles[m]["sig"]), m) for m in g[:k])
            pairs.append((n, m, sim))
    print(f"articles                 {len(articles):,}")
    print(f"stories                  {len(members):,}")
    print(f"clusters of 2 or more    {len(groups):,}, holding {sum(map(len, groups)):,} articles")
    print(f"cluster sizes            {dict(sorted(Counter(map(len, groups)).items()))}")
    print(f"similarity of each copy to the closest earlier one:\n{histogram([p[2] for p in pairs])}")
    lo, hi = args.between
    pairs = [p for p in pairs if lo <= p[2] < hi]
    sample = random.Random(args.seed).sample(range(len(pairs)), min(args.pairs, len(pairs)))
    write_sample(args.out, articles, [pairs[k] for k in sorted(sample)])
    print(f"{len(sample)} pairs written to {args.out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--db", help="a store: the clusters it made")
    parser.add_argument("--pairs", type=int, default=40, help="found pairs to write for reading")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--out", type=Path, default=Path("/tmp/dups/pairs.md"))
    parser.add_argument("--between", type=float, nargs=2, default=(0.0, 1.01), metavar=("LO", "HI"),
                        help="with --db: sample only pairs of similarity in [LO, HI)")
    args = parser.parse_args()
    if args.db:
        from_store(args)
        return
    if args.corpus is None:
        parser.error("give the corpus folder, or --db")

    articles = read_corpus(args.corpus)
    bodies = [terms(a.get("content") or "") for a in articles]  # analysed before the clocks: the store has them

    start = time.perf_counter()
    sigs = [signature(t) for t in bodies]
    sign_s = time.perf_counter() - start

    index, clusters, pairs = DuplicateIndex(), Clusters(), []
    start = time.perf_counter()
    for n, sig in enumerate(sigs):
        if sig is None:
            continue
        for m in index.add(n, sig):
            clusters.join(n, m)
            pairs.append((n, m))
    add_s = time.perf_counter() - start

    signed = len(index)
    groups = [g for g in clusters.groups() if len(g) > 1]
    sims = [similarity(sigs[n], sigs[m]) for n, m in pairs]
    print(f"articles                 {len(articles):,}")
    print(f"with a signature         {signed:,} ({len(articles) - signed:,} under the minimum length)")
    print(f"found pairs              {len(pairs):,}")
    print(f"clusters of 2 or more    {len(groups):,}, holding {sum(map(len, groups)):,} articles")
    print(f"cluster sizes            {dict(sorted(Counter(map(len, groups)).items()))}")
    print("largest clusters:")
    for g in groups[:TOP_CLUSTERS]:
        first = articles[min(g)]
        print(f"  {len(g):>4}  {first['source']}: {flat(first['title'] or '(no title)')[:70]}")
    print(f"signature                {sign_s / len(articles) * 1e3:.3f} ms an article")
    print(f"add (query + insert)     {add_s / signed * 1e3:.3f} ms an article with a signature")
    print(f"similarity of the found pairs:\n{histogram(sims)}")

    sample = random.Random(args.seed).sample(range(len(pairs)), min(args.pairs, len(pairs)))
    write_sample(args.out, articles, [(*pairs[k], sims[k]) for k in sorted(sample)])
    print(f"{len(sample)} pairs written to {args.out}")


if __name__ == "__main__":
    main()
