"""The same input through one process, `--jobs 2` and Spark local[2]: articles/s and the peak memory of the whole
process tree (every process it started, summed: the JVM and Spark's Python workers included).

    .venv/bin/python benchmarks/scale/runners.py /tmp/speed/2000.jsonl [--spark-part-mb 2]

Each run's records go to a temporary folder; the tree's RSS is read from /proc every 0.2 s. Also times Spark on a
one-article input: its fixed cost per job (session start, tasks, writing the tables).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE_S = 0.2


def tree_memory(root: int) -> tuple[int, int]:
    """The resident memory of `root` and all its descendants, in bytes: RSS summed (a page shared after fork counts
    in every process), and PSS summed (a shared page split between the processes that share it: what the tree
    really holds)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(name))
        except (OSError, IndexError, ValueError):
            continue
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                sizes = {k: int(v.split()[0]) * 1024 for k, v in (line.split(":", 1) for line in f if ":" in line)
                         if k in ("Rss", "Pss")}
        except (OSError, ValueError):
            continue
        rss += sizes.get("Rss", 0)
        pss += sizes.get("Pss", 0)
    return rss, pss


def run(command: list[str]) -> tuple[float, int, int, int]:
    """Wall seconds, the peak RSS and PSS of the tree, the exit status."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = tree_memory(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(SAMPLE_S)
    return time.perf_counter() - began, peak_rss, peak_pss, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--spark-part-mb", type=float, default=2)
    parser.add_argument("--only", nargs="+", help="the runners whose names start so (\"1 process\" \"--jobs 2\")")
    args = parser.parse_args()
    articles = sum(1 for line in args.corpus.open(encoding="utf-8") if line.strip())
    marsad = [sys.executable, "-m", "marsad"]
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        one.write_text(args.corpus.open(encoding="utf-8").readline(), encoding="utf-8")
        runs = {
            "1 process": marsad + ["analyze", str(args.corpus)],
            "--jobs 2": marsad + ["analyze", str(args.corpus), "--jobs", "2"],
            "Spark local[2]": marsad + ["spark", "analyze", str(args.corpus), "--out", f"{tmp}/spark", "--master",
                                        "local[2]", "--part-mb", str(args.spark_part_mb)],
            "Spark local[2], 1 article": marsad + ["spark", "analyze", str(one), "--out", f"{tmp}/spark1", "--master",
                                                   "local[2]"],
        }
        print("| runner | articles | wall s | articles/s | peak RSS of the tree MiB | peak PSS of the tree MiB |\n"
              "|---|---:|---:|---:|---:|---:|")
        for name, command in runs.items():
            if args.only and not any(name.startswith(o) for o in args.only):
                continue
            seconds, rss, pss, status = run(command)
            n = 1 if "1 article" in name else articles
            print(f"| {name} | {n:,} | {seconds:.1f} | {n / seconds:.1f} | {rss / 2**20:,.0f} | {pss / 2**20:,.0f} |"
                  + ("" if status in (0, 1) else f" (exit {status})"), flush=True)


if __name__ == "__main__":
    main()
