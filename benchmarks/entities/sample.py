"""Choose the articles of the hand-checked entity set from SaudiNewsNet, reproducibly.

    .venv/bin/python benchmarks/entities/sample.py ../shared/corpus/saudinewsnet [--n 30] [--seed 20261201]
    .venv/bin/python benchmarks/entities/sample.py ../shared/corpus/saudinewsnet --seed 20261202 \
        --exclude benchmarks/entities/annotations.jsonl benchmarks/entities/development-ids.txt   # the held-out set

Rule: every article of the 16 daily files whose content has 300 to 4,000 characters (the
annotatable middle: about 10 % are shorter, 10 % longer), shuffled with the seed; then one
article per outlet in turn (outlets in a shuffled order), so that every outlet and kind of
news (national, world, economy, sport, local) is in the set, until N articles; articles
named in the --exclude files (JSON Lines with "id", or one id a line) are passed over. Prints one
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


def excluded_ids(paths: list[Path]) -> set[str]:
    ids = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                ids.add(json.loads(line)["id"] if line.startswith("{") else line)
    return ids


def sample(corpus: Path, n: int, seed: int, exclude: set[str] = frozenset()) -> list[tuple[str, dict]]:
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
                article = by_outlet[outlet].pop()
                if article[0] not in exclude:
                    chosen.append(article)
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[], help="files naming articles to pass over")
    args = parser.parse_args()
    for article_id, record in sample(args.corpus, args.n, args.seed, excluded_ids(args.exclude)):
        print(f"{article_id}\t{record['source']}\t{record['title']}")


if __name__ == "__main__":
    main()
