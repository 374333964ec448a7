"""Score the numpy neural NER tagger on the dev split and time it on one core.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python scripts/eval_neural_ner.py \
        [--model DIR]   # DIR holds neural-ner.npz + neural-ner.json; default: the shipped resources

Dev = the last 10% of ANERcorp CAMeL train.txt (`dev_split` in scripts/ner_corpora.py);
scored on ANERcorp types (the tagger's raw labels) with marsad.evaluate.ner.
A model trained with --final has seen dev: its dev score is not a dev score.
Speed: tokens/s over the dev sentences in pseudo-documents of DOC_SENTENCES,
first with empty caches (cold), then again (warm word-type caches).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from marsad.evaluate.ner import DOC_SENTENCES, documents, score
from marsad.ner.neural import MODEL_JSON, MODEL_NPZ, NeuralTagger, load_neural_tagger
from ner_corpora import dev_split, read_anercorp

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--batch-tokens", type=int, default=4096)
    args = parser.parse_args()
    _, dev = dev_split(read_anercorp(args.shared / "data" / "ner" / "anercorp-camel" / "train.txt"))

    def fresh() -> NeuralTagger:
        if args.model is None:
            load_neural_tagger.cache_clear()
            return load_neural_tagger()
        meta = json.loads((args.model / MODEL_JSON).read_text(encoding="utf-8"))
        with np.load(args.model / MODEL_NPZ) as w:
            weights = {k: w[k] for k in w.files}
        return NeuralTagger(weights, meta, batch_tokens=args.batch_tokens)

    tagger = fresh()
    docs = documents(dev)
    n_tokens = sum(len(s.tokens) for s in dev)
    t0 = time.perf_counter()
    pred = [labs for doc in docs for labs in tagger.raw_tags([s.tokens for s in doc])]
    cold = n_tokens / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for doc in docs:
        tagger.raw_tags([s.tokens for s in doc])
    warm = n_tokens / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    tagger.raw_tags([s.tokens for s in dev])
    whole = n_tokens / (time.perf_counter() - t0)
    counts = score([s.tags for s in dev], pred)
    p, r, f = counts.micro()
    print(counts.table())
    print(f"dev micro P {p:.4f} R {r:.4f} F1 {f:.4f}; {n_tokens} tokens; tokens/s per {DOC_SENTENCES}-sentence "
          f"document: cold {cold:,.0f}, warm {warm:,.0f}; all dev in one call (warm) {whole:,.0f}")
    print(f"model: {tagger.meta.get('config')}, shipped {tagger.meta.get('shipped')}")


if __name__ == "__main__":
    main()
