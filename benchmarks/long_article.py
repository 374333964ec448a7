"""Time and memory per character for one article of 1 KB to 20 MB: the whole pipeline should stay linear.

    .venv/bin/python benchmarks/long_article.py ../shared/corpus/saudinewsnet [--sizes 1e3 1e4 1e5 1e6 5e6 2e7]

Each article is made of consecutive distinct SaudiNewsNet bodies joined by line breaks (real text, no block
repeated, so cleaning keeps it all), cut to the size in characters, and analysed in a fresh process
(`marsad.analyze`, the shipped pipeline, models loaded before the clock starts). Printed per size: seconds,
microseconds per character, entities, the process's peak RSS and each stage's seconds.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path


def article(corpus: Path, size: int) -> str:
    parts, total = [], 0
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for a in json.loads(z.read(z.namelist()[0])):
                body = (a.get("content") or "").strip()
                if body:
                    parts.append(body)
                    total += len(body) + 1
                    if total >= size:
                        return "عنوان المقال\n\n" + "\n".join(parts)[:size]
    raise SystemExit(f"the corpus holds fewer than {size:,} characters")


def one(corpus: Path, size: int) -> dict:
    from marsad import Document, PipelineConfig, Source, load_pipeline

    text = article(corpus, size)
    pipeline = load_pipeline(PipelineConfig())
    pipeline(Document(Source(format="text"), raw="قال الوزير إن الاجتماع كان مثمرا."))  # models loaded before the clock
    doc = Document(Source(format="text"), raw=text)
    stages = {}
    start = time.perf_counter()
    for stage in pipeline.stages:  # as marsad.analyze runs them, each timed
        began = time.perf_counter()
        doc = stage(doc)
        stages[stage.name] = time.perf_counter() - began
    seconds = time.perf_counter() - start
    return {"chars": len(doc.text), "seconds": seconds, "entities": len(doc.entities), "stages": stages,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1e3, 1e4, 1e5, 1e6, 5e6, 2e7])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.corpus, args.one)))
        return
    print("| size | characters in text | seconds | µs per character | entities | peak RSS | seconds by stage |")
    print("|---|---|---|---|---|---|---|")
    for size in map(int, args.sizes):
        run = subprocess.run([sys.executable, __file__, str(args.corpus), "--one", str(size)],
                             capture_output=True, text=True, check=True)
        r = json.loads(run.stdout.strip().splitlines()[-1])
        stages = ", ".join(f"{name} {s:.2f}" for name, s in r["stages"].items())
        print(f"| {size:,} | {r['chars']:,} | {r['seconds']:.2f} | {r['seconds'] * 1e6 / r['chars']:.1f} | "
              f"{r['entities']:,} | {r['peak_mb']:.0f} MB | {stages} |", flush=True)


if __name__ == "__main__":
    main()
