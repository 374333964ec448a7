"""Are the records of N SaudiNewsNet articles byte-identical between a git revision and the working tree?

    .venv/bin/python benchmarks/records_unchanged.py ../shared/corpus/saudinewsnet --base REV [--articles 2000]
    .venv/bin/python benchmarks/records_unchanged.py ../shared/corpus/saudinewsnet --save before.jsonl
    .venv/bin/python benchmarks/records_unchanged.py ../shared/corpus/saudinewsnet --against before.jsonl

The check for a change that must not change behaviour (a refactor). The sample
is every k-th article of the corpus's days, in order, written to one JSON Lines
file that every run names by the same relative path (a record's id hashes it). `--base` runs
`marsad analyze` from a temporary `git worktree` of REV, `--against` reads the
records an earlier run saved. Prints how many records are identical and, for
the others, their ids and the fields that differ; exits 1 when any differs.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWN_DIFFERENCES = 10


def sample(corpus: Path, articles: int, out: Path) -> int:
    """Every k-th article of the corpus (all days, in order), as JSON Lines; the number written."""
    everything = out.with_suffix(".all.jsonl")
    subprocess.run([sys.executable, str(ROOT / "scripts/saudinewsnet_to_jsonl.py"),
                    *sorted(map(str, corpus.glob("*.zip"))), "-o", str(everything)], check=True)
    lines = everything.read_bytes().split(b"\n")
    lines = [line for line in lines if line]
    everything.unlink()
    stride = max(1, len(lines) // articles)
    chosen = lines[::stride][:articles]
    out.write_bytes(b"".join(line + b"\n" for line in chosen))
    return len(chosen)


def analyse(source_root: Path, jsonl: Path, jobs: int) -> list[bytes]:
    """Records of `marsad analyze` run from the checkout at `source_root` (its src/ first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(source_root / "src")}
    run = subprocess.run([sys.executable, "-m", "marsad", "analyze", jsonl.name, "--jobs", str(jobs)],
                         cwd=jsonl.parent, env=env, capture_output=True)
    if run.returncode not in (0, 1):  # 1: some input had a failure, which is part of the behaviour
        sys.exit(f"marsad analyze failed in {source_root}:\n{run.stderr.decode(errors='replace')}")
    return [line for line in run.stdout.split(b"\n") if line]


def records_at(rev: str, jsonl: Path, jobs: int, scratch: Path) -> list[bytes]:
    tree = scratch / "base"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), rev], check=True)
    try:
        return analyse(tree, jsonl, jobs)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)


def differences(before: list[bytes], after: list[bytes]) -> list[str]:
    if len(before) != len(after):
        return [f"{len(before)} records before, {len(after)} after"]
    out = []
    for old, new in zip(before, after):
        if old == new:
            continue
        a, b = json.loads(old), json.loads(new)
        fields = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        out.append(f"{a.get('source', {}).get('input_id') or a.get('id')}: {', '.join(fields) or 'bytes only'}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--base", help="git revision to compare the working tree with")
    what.add_argument("--against", type=Path, help="records saved by an earlier --save")
    what.add_argument("--save", type=Path, help="only write the working tree's records here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        jsonl = scratch / "saudinewsnet-sample.jsonl"
        count = sample(args.corpus, args.articles, jsonl)
        after = analyse(ROOT, jsonl, args.jobs)
        if args.save:
            args.save.write_bytes(b"".join(line + b"\n" for line in after))
            print(f"{len(after)} records of {count} articles written to {args.save}")
            return
        if args.base:
            before = records_at(args.base, jsonl, args.jobs, scratch)
        else:
            before = [line for line in args.against.read_bytes().split(b"\n") if line]
    diff = differences(before, after)
    print(f"{len(after) - len(diff)} of {len(after)} records byte-identical ({count} articles sampled)")
    for line in diff[:SHOWN_DIFFERENCES]:
        print("  differs:", line)
    if len(diff) > SHOWN_DIFFERENCES:
        print(f"  ... and {len(diff) - SHOWN_DIFFERENCES} more")
    sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
