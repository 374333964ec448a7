"""How the memory of `marsad analyze` grows with the corpus: the process's RSS when its 1,000th, 10,000th, … record
comes out.

    .venv/bin/python benchmarks/scale/memory.py /tmp/speed/all.jsonl [--at 1000 10000 27644] [--jobs 1]

Reads the records from the command's stdout as they come and samples the RSS of its process tree (benchmarks/scale/
runners.py: RSS and PSS) at each mark; also when the first record came out (start-up included).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runners import tree_memory  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--at", type=int, nargs="+", default=[1_000, 10_000, 27_644])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "analyze", str(args.corpus), "--jobs", str(args.jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    marks = sorted(args.at)
    print("| records out | s | articles/s | RSS of the tree MiB | PSS of the tree MiB |\n|---:|---:|---:|---:|---:|")
    n = 0
    for _ in proc.stdout:
        n += 1
        if n == 1 or (marks and n >= marks[0]):
            seconds = time.perf_counter() - began
            rss, pss = tree_memory(proc.pid)
            print(f"| {n:,} | {seconds:.1f} | {n / seconds:.1f} | {rss / 2**20:,.0f} | {pss / 2**20:,.0f} |", flush=True)
            while marks and n >= marks[0]:
                marks.pop(0)
    proc.wait()


if __name__ == "__main__":
    main()
