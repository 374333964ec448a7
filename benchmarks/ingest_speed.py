"""Articles/s and peak RSS of ingest + clean + segment (and + tokens) on SaudiNewsNet, one core.

    .venv/bin/python benchmarks/ingest_speed.py ../shared/corpus/saudinewsnet [--limit N]

Converts the zipped daily JSON arrays to one JSON Lines file (not timed), then
reads it through marsad.ingest and runs a pipeline of those stages in this process.
Prints a Markdown table row for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.ingest import read_inputs
from marsad.pipeline import Pipeline
from marsad.text.clean import clean
from marsad.text.segment import segment, tokenize

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--tokens", action="store_true", help="also run the tokenizer stage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "saudinewsnet.jsonl"
        subprocess.run([sys.executable, str(ROOT / "scripts/saudinewsnet_to_jsonl.py"), *sorted(map(str, args.corpus.glob("*.zip"))),
                        "-o", str(jsonl)], check=True)
        pipeline = Pipeline([clean, segment, tokenize] if args.tokens else [clean, segment])
        count = chars = 0
        start = time.perf_counter()
        for doc in pipeline.run(read_inputs([str(jsonl)])):
            count += 1
            chars += len(doc.text)
        seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    what = "ingest + clean + segment" + (" + tokens" if args.tokens else "")
    print(f"| {what} | {count:,} | {seconds:.1f} s | {count / seconds:,.0f} | {chars / seconds / 1e6:.2f} M chars/s | "
          f"{rss_mb:.0f} MB | {platform.processor() or platform.machine()}, Python {platform.python_version()} |")


if __name__ == "__main__":
    main()
