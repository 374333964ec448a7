"""Tagging speed of a shipped NER tagger on a CoNLL file, one process, one core.

    .venv/bin/python benchmarks/ner_speed.py ../shared/data/ner/anercorp-camel/test.txt [--tagger crf|neural]

Loads the lexicon and the model first (not timed), then tags the file twice in
documents of 15 sentences: "cold" computes every word type's features for the
first time, "warm" finds them cached, as a long stream does. Prints one
Markdown table row for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import time

from marsad.config import DEFAULT_TAGGER, TaggerKind
from marsad.evaluate.ner import documents, read_conll
from marsad.ner.taggers import load
from marsad.text.lexicon import word_counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conll")
    parser.add_argument("--tagger", type=TaggerKind, default=DEFAULT_TAGGER)
    args = parser.parse_args()
    sentences = read_conll(args.conll)
    tokens = sum(len(s.tokens) for s in sentences)
    word_counts()
    tagger = load(args.tagger)
    speeds = []
    for _ in ("cold", "warm"):
        start = time.perf_counter()
        for doc in documents(sentences):
            tagger.tag_sentences([s.tokens for s in doc])
        speeds.append(tokens / (time.perf_counter() - start))
    threads = os.environ.get("OMP_NUM_THREADS", "unset")
    print(f"| {args.tagger.value} | {tokens:,} | {speeds[0]:,.0f} | {speeds[1]:,.0f} | "
          f"{platform.machine()}, Python {platform.python_version()}, OMP_NUM_THREADS={threads} |")


if __name__ == "__main__":
    main()
