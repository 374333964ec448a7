"""Build the word-frequency lexicon shipped in the package.

    .venv/bin/python scripts/build_lexicon.py [--shared ../shared]

Counts the matching forms (marsad.text.normalise.fold) of the Arabic words in
the public-domain Hindawi books (../shared/data/unlabelled/) and keeps those
seen at least MIN_COUNT times; name tokens from ../shared/data/kb/ (person-name
lists, world-city names) and from the package's knowledge base, which old books
rarely hold, get at least NAME_FLOOR.
The clitic splitter uses it to tell a proclitic (و + الصين) from a word that
begins with the same letter (بوتين, لبنان).
Output: src/marsad/resources/lexicon/words.tsv.gz (word TAB count); see its
header for the sources and their licences.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import lzma
import re
from collections import Counter
from pathlib import Path

from marsad.kb import load_kb
from marsad.text.normalise import fold

MIN_COUNT = 3  # rarer forms are mostly typos and OCR noise
NAME_FLOOR = 50  # a listed name outranks a rare word read off its letters after a clitic
HEADER = ("# word\tcount -- Hindawi public-domain books; name tokens from Wikidata (CC0) via "
          "arabic-name-romanizer and NETransliteration-COLING2018 (MIT), world-cities (CC BY 4.0), "
          "the marsad knowledge base (see resources/kb/ATTRIBUTION.md)\n")
WORD = re.compile(r"[\u0621-\u064a]{2,}")
ROOT = Path(__file__).resolve().parent.parent


def name_tokens(kb: Path) -> set[str]:
    """Single-word matching forms of listed person names and world-city and country names."""
    names: set[str] = set()
    for line in (kb / "person-names/names-arab-countries.tsv").read_text(encoding="utf-8").split("\n")[1:]:
        names.add(line.split("\t")[0])
    for line in (kb / "person-names/wikidata-name-tokens-en-ar.tsv").read_text(encoding="utf-8").split("\n")[1:]:
        names.add(line.split("\t")[1] if "\t" in line else "")
    with open(kb / "world-cities/world-cities.csv", encoding="utf-8-sig", newline="") as rows:
        for row in csv.DictReader(rows):
            names.update(row["CountryNameAr"].split() + row["CityNameAr"].split())
    for entry in load_kb().entries:
        for name in (entry.name, *entry.variants):
            names.update(name.split())
    return {f for f in (fold(n) for n in names) if WORD.fullmatch(f)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    source = args.shared / "data/unlabelled/hindawi-public-domain.txt.xz"
    with lzma.open(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            counts.update(WORD.findall(fold(line)))
    for token in name_tokens(args.shared / "data/kb"):
        counts[token] = max(counts[token], NAME_FLOOR)
    out = ROOT / "src/marsad/resources/lexicon/words.tsv.gz"
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        body = "".join(f"{w}\t{c}\n" for w, c in sorted(counts.items()) if c >= MIN_COUNT)
        raw.write((HEADER + body).encode())
    print(f"{sum(c >= MIN_COUNT for c in counts.values())} words -> {out}")


if __name__ == "__main__":
    main()
