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


def tree_rss(root: int) -> int:
    """The resident memory of `root` and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(name))
            rss[int(name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, the peak RSS of the tree, the exit status."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(SAMPLE_S)
    return time.perf_counter() - began, peak, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--spark-part-mb", type=float, default=2)
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
        print(f"| runner | articles | wall s | articles/s | peak RSS of the tree MiB |\n|---|---:|---:|---:|---:|")
        for name, command in runs.items():
            seconds, peak, status = run(command)
            n = 1 if "1 article" in name else articles
            print(f"| {name} | {n:,} | {seconds:.1f} | {n / seconds:.1f} | {peak / 2**20:,.0f} |"
                  + ("" if status in (0, 1) else f" (exit {status})"), flush=True)


if __name__ == "__main__":
    main()
