"""Quotes on SaudiNewsNet: how many per article by kind, the share with a speaker entity, carried over or unnamed,
and the quotes stage's own speed.

    .venv/bin/python benchmarks/quotes.py ../shared/corpus/saudinewsnet [--articles 2000]

Articles: every k-th of the corpus (k = corpus size / articles), through the shipped pipeline up to the entities;
then the quotes stage alone is timed over them all (one process, one core).
"""
from __future__ import annotations

import argparse
import json
import time
import zipfile
from collections import Counter
from pathlib import Path

from marsad import load_pipeline
from marsad.document import Document, Source
from marsad.quotes.stage import QuoteStage


def sample(corpus: Path, n: int) -> list[str]:
    bodies = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            bodies += [a.get("content") or "" for a in json.loads(z.read(z.namelist()[0]))]
    step = max(1, len(bodies) // n)
    return bodies[::step][:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    pipeline = load_pipeline()
    before = [s for s in pipeline.stages if s.name != "quotes"]
    docs = []
    for body in sample(args.corpus, args.articles):
        doc = Document(Source("text"), raw=body)
        for stage in before:
            doc = stage(doc)
        docs.append(doc)
    stage = QuoteStage()
    start = time.perf_counter()
    for doc in docs:
        stage(doc)
    seconds = time.perf_counter() - start
    kinds = Counter(q.kind for d in docs for q in d.quotes)
    quotes = [q for d in docs for q in d.quotes]
    n = len(quotes) or 1
    print("| articles | quotes | per article | direct | indirect | mixed | speaker entity | carried over | "
          "unnamed speaker (words only) | no speaker | stage alone |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {len(docs):,} | {len(quotes):,} | {len(quotes) / len(docs):.2f} | {kinds['direct']:,} | {kinds['indirect']:,} "
          f"| {kinds['mixed']:,} | {sum(q.speaker is not None for q in quotes) / n:.2f} "
          f"| {sum(q.carried for q in quotes) / n:.2f} "
          f"| {sum(q.speaker is None and q.speaker_text is not None for q in quotes) / n:.2f} "
          f"| {sum(q.speaker is None and q.speaker_text is None for q in quotes) / n:.2f} "
          f"| {len(docs) / seconds:,.0f} articles/s |")


if __name__ == "__main__":
    main()
