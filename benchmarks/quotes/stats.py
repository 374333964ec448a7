"""Quotes on SaudiNewsNet: how many per article by kind, the share with a speaker entity, carried over or unnamed,
with an addressee or a source, and the quotes stage's own speed.

    .venv/bin/python benchmarks/quotes/stats.py ../shared/corpus/saudinewsnet [--articles 2000]
    .venv/bin/python benchmarks/quotes/stats.py ../shared/corpus/saudinewsnet --draw 50 [--seed 20261203]

Articles: every k-th of the corpus (k = corpus size / articles), through the shipped pipeline up to the entities;
then the quotes stage alone is timed over them all (one process, one core). With --draw, that many quotes drawn
at random (from 400 of the articles) are printed with the words before them, for checking by hand.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from marsad import load_pipeline
from marsad.document import Document, Source
from marsad.quotes.stage import QuoteStage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: the shared sample
from saudinewsnet_sample import every_kth  # noqa: E402

DRAWN_ARTICLES = 400  # the articles quotes are drawn from
CONTEXT_CHARS = 60  # shown before the cue (--context)


def sample(corpus: Path, n: int) -> list[str]:
    return [a.get("content") or "" for a in every_kth(corpus, n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--draw", type=int, help="print this many quotes drawn at random, for a check by hand")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--context", type=int, default=CONTEXT_CHARS, help="characters shown before each cue")
    args = parser.parse_args()
    if args.draw:
        draw(sample(args.corpus, args.articles), args.draw, args.seed, args.context)
        return
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
          "unnamed speaker (words only) | no speaker | addressee | source | stage alone |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {len(docs):,} | {len(quotes):,} | {len(quotes) / len(docs):.2f} | {kinds['direct']:,} | {kinds['indirect']:,} "
          f"| {kinds['mixed']:,} | {sum(q.speaker is not None for q in quotes) / n:.2f} "
          f"| {sum(q.carried for q in quotes) / n:.2f} "
          f"| {sum(q.speaker is None and q.speaker_text is not None for q in quotes) / n:.2f} "
          f"| {sum(q.speaker is None and q.speaker_text is None for q in quotes) / n:.2f} "
          f"| {sum(q.addressee is not None for q in quotes) / n:.2f} | {sum(q.source is not None for q in quotes) / n:.2f} "
          f"| {len(docs) / seconds:,.0f} articles/s |")


def draw(bodies: list[str], n: int, seed: int, context: int) -> None:
    pipeline = load_pipeline()
    rng = random.Random(seed)
    found = []
    for i in rng.sample(range(len(bodies)), min(len(bodies), DRAWN_ARTICLES)):
        doc = pipeline(Document(Source("text"), raw=bodies[i]))
        names = {e.id: e.name for e in doc.entities}
        found += [(q, doc, names) for q in doc.quotes]
    rng.shuffle(found)
    for k, (q, doc, names) in enumerate(found[:n], 1):
        t = doc.text
        before = t[max(0, q.cue.start - context):q.cue.start].replace("\n", " ")
        print(f"{k}. [{q.kind}] speaker={names.get(q.speaker)} speaker_text={q.speaker_text} carried={q.carried} "
              f"addressee={names.get(q.addressee)} source={q.source}")
        print(f"   …{before}⟦{t[q.cue.start:q.cue.end]}⟧{t[q.cue.end:q.start][:80]}")
        print(f"   said: {t[q.start:q.end][:160]}{'…' if q.end - q.start > 160 else ''} || then: {t[q.end:q.end + 25]!r}")


if __name__ == "__main__":
    main()
