"""Events on SaudiNewsNet: how many per article by CAMEO root, the share negated, reported and with both actors, and
the speed of the dates and events stages alone.

    .venv/bin/python benchmarks/events/stats.py ../shared/corpus/saudinewsnet [--articles 2000]
    .venv/bin/python benchmarks/events/stats.py ../shared/corpus/saudinewsnet --draw 100 [--seed 20261216]
    .venv/bin/python benchmarks/events/stats.py ../shared/corpus/saudinewsnet --scaling

Articles: every k-th of the corpus, each with its `date_extracted` day as the publication date, through the shipped
pipeline up to the quotes; then dates and events alone are timed over them all (one process, one core). With
--draw, that many events drawn at random are printed with their sentence, for checking by hand. With --scaling, the
articles' words are run as one sentence with no punctuation of 1,000 to 64,000 words, to show the time per word
stays flat (the stages are linear in the text's length).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from marsad import load_pipeline
from marsad.document import Document
from marsad.events.codebook import codebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: the shared sample
from saudinewsnet_sample import analysed_without, every_kth  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--draw", type=int, help="print this many events drawn at random, for a check by hand")
    parser.add_argument("--seed", type=int, default=20261216)
    parser.add_argument("--scaling", action="store_true", help="time one unpunctuated sentence of growing length")
    args = parser.parse_args()
    if args.scaling:
        scaling(every_kth(args.corpus, args.articles))
        return
    stages = load_pipeline().stages
    timed = [s for s in stages if s.name in ("dates", "events")]
    docs = analysed_without(every_kth(args.corpus, args.articles), [s.name for s in timed])
    start = time.perf_counter()
    for doc in docs:
        for stage in timed:
            doc = stage(doc)
    seconds = time.perf_counter() - start
    if args.draw:
        draw(docs, args.draw, args.seed)
        return
    found = [e for doc in docs for e in doc.events]
    n = len(found) or 1
    roots = Counter(codebook()[e.code].root for e in found)
    print("| articles | events | per article | both actors | negated | reported | dates + events alone |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {len(docs):,} | {len(found):,} | {len(found) / len(docs):.2f} "
          f"| {sum(e.source.actor is not None and e.target.actor is not None for e in found) / n:.2f} "
          f"| {sum(e.negated for e in found) / n:.2f} | {sum(e.reported for e in found) / n:.2f} "
          f"| {len(docs) / seconds:,.0f} articles/s |")
    print("\n| root | events |\n|---|---|")
    for root, count in sorted(roots.items()):
        print(f"| {root} {codebook()[root].name.lower()} | {count:,} |")


def scaling(articles: list[dict]) -> None:
    """Dates and events on one sentence of n words, the corpus's words with every punctuation mark removed."""
    words = [w for a in articles for w in re.sub(r"[^\w\s]", " ", a.get("content") or "").split()]
    stages = load_pipeline().stages
    timed = [s for s in stages if s.name in ("dates", "events")]
    print("| words | dates | events | dates + events | per 1,000 words |\n|---|---|---|---|---|")
    for n in (1_000, 4_000, 16_000, 64_000):
        [doc] = analysed_without([{"content": " ".join(words[:n]), "date_extracted": "2015-07-21"}],
                                 [s.name for s in timed])
        start = time.perf_counter()
        for stage in timed:
            doc = stage(doc)
        seconds = time.perf_counter() - start
        print(f"| {n:,} | {len(doc.dates):,} | {len(doc.events):,} | {seconds * 1000:,.0f} ms "
              f"| {seconds * 1e6 / n:,.0f} ms |")


def draw(docs: list[Document], n: int, seed: int) -> None:
    found = [(doc, e) for doc in docs for e in doc.events]
    for k, (doc, e) in enumerate(random.Random(seed).sample(found, min(n, len(found))), 1):
        names = {x.id: x.name for x in doc.entities}
        text = doc.text[e.sentence.start:e.sentence.end].replace("\n", " ")
        at = e.trigger.start - e.sentence.start
        print(f"{k}. {e.code} {codebook()[e.code].name} | source={names.get(e.source.entity)} ({e.source.actor}) "
              f"target={names.get(e.target.entity)} ({e.target.actor}) negated={e.negated} reported={e.reported}")
        print(f"   {text[max(0, at - 220):at]}⟦{doc.span_text(e.trigger)}⟧{text[at + e.trigger.end - e.trigger.start:][:160]}")


if __name__ == "__main__":
    main()
