#!/usr/bin/env python3
"""SaudiNewsNet's zipped daily JSON arrays to JSON Lines, one article a line.

    python scripts/saudinewsnet_to_jsonl.py ../shared/corpus/saudinewsnet/*.zip -o saudinewsnet.jsonl
    python scripts/saudinewsnet_to_jsonl.py DAY.zip DAY2.zip --each 400 -o slice.jsonl   # the first 400 of each day

Each zip holds one JSON array of {source, url, date_extracted, title, author, content};
every article is written as it is, plus an `id` (`<member>#<index>`, stable across runs).
One member is loaded at a time. U+2028/U+2029 are escaped so that any line splitter is safe.
"""
from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TextIO


def articles(zip_path: str) -> Iterator[dict]:
    with zipfile.ZipFile(zip_path) as archive:
        for member in sorted(archive.namelist()):
            if not member.endswith(".json"):
                continue
            with archive.open(member) as stream:
                records = json.load(stream)
            stem = PurePosixPath(member).stem
            for index, record in enumerate(records):
                yield {"id": f"{stem}#{index}", **record}


def write_jsonl(zip_paths: list[str], out: TextIO, each: int | None = None) -> int:
    count = 0
    for zip_path in zip_paths:
        for k, record in enumerate(articles(zip_path)):
            if each is not None and k >= each:
                break
            line = json.dumps(record, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
            out.write(line + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("zips", nargs="+", help="SaudiNewsNet daily .zip files")
    parser.add_argument("-o", "--output", help="JSON Lines file to write (default: stdout)")
    parser.add_argument("--each", type=int, help="only the first N articles of each zip")
    args = parser.parse_args(argv)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as out:
            count = write_jsonl(args.zips, out, args.each)
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
        count = write_jsonl(args.zips, sys.stdout, args.each)
    print(f"{count} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
