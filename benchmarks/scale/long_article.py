"""One very long article: the texts of a JSON Lines corpus joined into one text of --mb megabytes (UTF-8), analysed
in one process, each stage timed with perf_counter; the peak RSS after each size.

    .venv/bin/python benchmarks/scale/long_article.py /tmp/speed/all.jsonl --mb 0.5 2 20

Sizes run from the smallest up in the same process (the pipeline is built once, not timed); each article is read
as `marsad analyze` reads a text file.
"""
from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from marsad.config import PipelineConfig
from marsad.ingest import read_inputs
from marsad.pipeline import load_pipeline
from marsad.record import dumps, to_record


def joined_text(corpus: Path, megabytes: float) -> str:
    texts, size = [], 0
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("content") or ""
            texts.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= megabytes * 2**20:
                break
    return "\n\n".join(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 2, 20])
    args = parser.parse_args()
    pipeline = load_pipeline(PipelineConfig())
    header = False
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in sorted(args.mb):
            path = Path(tmp) / f"{megabytes}.txt"
            path.write_text(joined_text(args.corpus, megabytes), encoding="utf-8")
            doc = next(iter(read_inputs([str(path)])))
            doc.published = "2015-07-21"
            spent = {}
            for stage in pipeline.stages:
                began = time.perf_counter()
                doc = stage(doc)
                spent[stage.name] = time.perf_counter() - began
            began = time.perf_counter()
            dumps(to_record(doc))
            spent["record"] = time.perf_counter() - began
            if not header:
                print("| MB | characters | " + " | ".join(spent) + " | all s | peak RSS MiB |")
                print("|---:|---:|" + "---:|" * (len(spent) + 2))
                header = True
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"| {megabytes:g} | {len(doc.text):,} | " + " | ".join(f"{s:.2f}" for s in spent.values())
                  + f" | {sum(spent.values()):.1f} | {rss:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
