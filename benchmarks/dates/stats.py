"""Dates on SaudiNewsNet: how many per article by grain, the share with a value, and the dates stage's own speed.

    .venv/bin/python benchmarks/dates/stats.py ../shared/corpus/saudinewsnet [--articles 2000]
    .venv/bin/python benchmarks/dates/stats.py ../shared/corpus/saudinewsnet --draw 60 [--seed 20261215]

Articles: every k-th of the corpus (k = corpus size / articles), each with its `date_extracted` day as the
publication date, through the shipped pipeline up to the quotes; then the dates stage alone is timed over them all
(one process, one core). With --draw, that many dates drawn at random are printed with their sentence, publication
date and value, for checking by hand.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from marsad.dates.stage import dates
from marsad.document import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: the shared sample
from saudinewsnet_sample import analysed_without, every_kth  # noqa: E402

GRAINS = ("day", "week", "month", "year", "vague", "duration")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--draw", type=int, help="print this many dates drawn at random, for a check by hand")
    parser.add_argument("--seed", type=int, default=20261215)
    args = parser.parse_args()
    docs = analysed_without(every_kth(args.corpus, args.articles), ["dates"])
    start = time.perf_counter()
    for doc in docs:
        dates(doc)
    seconds = time.perf_counter() - start
    if args.draw:
        draw(docs, args.draw, args.seed)
        return
    found = [d for doc in docs for d in doc.dates]
    grains = Counter(d.grain for d in found)
    print("| articles | dates | per article | " + " | ".join(GRAINS) + " | with a value | stage alone |")
    print("|---" * (len(GRAINS) + 5) + "|")
    print(f"| {len(docs):,} | {len(found):,} | {len(found) / len(docs):.2f} | "
          + " | ".join(f"{grains[g]:,}" for g in GRAINS)
          + f" | {sum(d.value is not None for d in found) / (len(found) or 1):.2f} | {len(docs) / seconds:,.0f} articles/s |")


def draw(docs: list[Document], n: int, seed: int) -> None:
    found = [(doc, d) for doc in docs for d in doc.dates]
    for k, (doc, d) in enumerate(random.Random(seed).sample(found, min(n, len(found))), 1):
        sentence = next((s for s in doc.sentences if s.start <= d.start < s.end), d)
        text = doc.text[sentence.start:sentence.end].replace("\n", " ")
        at = d.start - sentence.start
        print(f"{k}. published {doc.published}: «{doc.span_text(d)}» → {d.value} ({d.grain})")
        print(f"   {text[max(0, at - 200):at]}⟦{doc.span_text(d)}⟧{text[at + d.end - d.start:][:120]}")


if __name__ == "__main__":
    main()
