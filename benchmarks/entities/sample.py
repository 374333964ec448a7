"""Choose the articles of the hand-checked entity set from SaudiNewsNet, reproducibly.

    .venv/bin/python benchmarks/entities/sample.py ../shared/corpus/saudinewsnet [--n 30] [--seed 20261201]

Rule: every article of the 16 daily files whose content has 300 to 4,000 characters (the
annotatable middle: about 10 % are shorter, 10 % longer), shuffled with the seed; then one
article per outlet in turn (outlets in a shuffled order), so that every outlet and kind of
news (national, world, economy, sport, local) is in the set, until N articles. Prints one
id (`<day>#<index>`, as scripts/saudinewsnet_to_jsonl.py names them) per line, with outlet
and title.
"""
from __future__ import annotations

import argparse
import json
import random
import zipfile
from collections import defaultdict
from pathlib import Path, PurePosixPath

MIN_CHARS, MAX_CHARS = 300, 4000


def articles(corpus: Path):
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                if member.endswith(".json"):
                    stem = PurePosixPath(member).stem
                    for index, record in enumerate(json.loads(archive.read(member))):
                        yield f"{stem}#{index}", record


def sample(corpus: Path, n: int, seed: int) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    by_outlet: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for article_id, record in articles(corpus):
        if MIN_CHARS <= len(record.get("content") or "") <= MAX_CHARS:
            by_outlet[record["source"]].append((article_id, record))
    outlets = sorted(by_outlet)
    rng.shuffle(outlets)
    for outlet in outlets:
        rng.shuffle(by_outlet[outlet])
    chosen: list[tuple[str, dict]] = []
    while len(chosen) < n and any(by_outlet.values()):
        for outlet in outlets:
            if by_outlet[outlet] and len(chosen) < n:
                chosen.append(by_outlet[outlet].pop())
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    for article_id, record in sample(args.corpus, args.n, args.seed):
        print(f"{article_id}\t{record['source']}\t{record['title']}")


if __name__ == "__main__":
    main()
