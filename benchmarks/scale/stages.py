"""Where the full pipeline's time goes, stage by stage, on real articles (one process, records written as JSON).

    .venv/bin/python benchmarks/scale/stages.py /tmp/speed/all.jsonl [--limit 3000] [--cprofile 25]

Reads the first --limit articles of a JSON Lines file (not timed), builds the default pipeline (timed: start-up),
then analyses them, timing each stage, and the record's serialisation, with perf_counter. Prints articles/s, the
peak RSS, and a Markdown table of each step's seconds and share. --cprofile N adds the N functions of most
cumulative time under cProfile (a second run; cProfile's own overhead skews it).
"""
from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import resource
import time
from collections import Counter
from pathlib import Path

from marsad.config import PipelineConfig
from marsad.ingest import read_inputs
from marsad.pipeline import load_pipeline
from marsad.record import dumps, to_record


def timed_run(pipeline, docs) -> tuple[Counter, float]:
    spent: Counter = Counter()
    began = time.perf_counter()
    for doc in docs:
        for stage in pipeline.stages:
            t = time.perf_counter()
            doc = stage(doc)
            spent[stage.name] += time.perf_counter() - t
        t = time.perf_counter()
        dumps(to_record(doc))
        spent["record (to_record + dumps)"] += time.perf_counter() - t
    return spent, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument("--cprofile", type=int, default=0)
    args = parser.parse_args()
    docs = list(itertools.islice(read_inputs([str(args.corpus)]), args.limit))
    began = time.perf_counter()
    pipeline = load_pipeline(PipelineConfig())
    startup = time.perf_counter() - began
    spent, total = timed_run(pipeline, docs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs):,} articles in {total:.1f} s: {len(docs) / total:.1f} articles/s; pipeline built in "
          f"{startup:.2f} s; peak RSS {rss:.0f} MB\n")
    print("| step | s | share |\n|---|---:|---:|")
    for name, seconds in spent.most_common():
        print(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")
    if args.cprofile:
        docs = list(itertools.islice(read_inputs([str(args.corpus)]), args.limit))
        profile = cProfile.Profile()
        profile.enable()
        timed_run(pipeline, docs)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.cprofile)


if __name__ == "__main__":
    main()
