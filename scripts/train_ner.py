"""Train, select and ship marsad's Arabic NER model (two-pass CRF).

Prerequisites (resources they write are shipped in src/marsad/resources/ner/):
    nice -n 5 .venv/bin/python scripts/train_clusters.py          # word clusters from public-domain books
    .venv/bin/python scripts/build_ner_gazetteer.py               # external gazetteer (never from NER data)

Selection on the dev split (the last 10% of ANERcorp CAMeL train.txt), one
line per run appended to build/ner/experiments.tsv:
    nice -n 5 .venv/bin/python scripts/train_ner.py dev --name base
    nice -n 5 .venv/bin/python scripts/train_ner.py dev --name +pass2 --second-pass
    nice -n 5 .venv/bin/python scripts/train_ner.py dev --name +wojood --second-pass --extra wojood
    (flags: --no-clusters --no-gazetteer --no-char-ngrams --no-context-clusters --no-bigrams
     --c1 --c2 --iterations --o-threshold --try-o-thresholds --extra wojood,newsfane,wikifane,aqmar
     --jobs N: train pass 1 and the jackknife folds in N processes)
    many runs in parallel: bash scripts/ner_sweep.sh CONFIGS (see there)
    What was tried, with dev figures: benchmarks/ner_ablation.md.

Ship (train on train + dev with the selected flags, write the model files and
score the test split once); the shipped model (selected on dev, 73.3):
    nice -n 5 .venv/bin/python scripts/train_ner.py final --second-pass --no-char-ngrams --c1 0.03 --c2 0.05 --jobs 2

Data: ../shared/data/ner/ (ANERcorp CAMeL train; optionally the Wojood sample,
NewsFANE Gold, WikiFANE Gold and AQMAR mapped by scripts/ner_corpora.py). Never the test split for
training or selection, never SaudiNewsNet. NewsFANE sentences sharing a
five-word sequence with the dev split are dropped in dev runs (NewsFANE shares
text with ANERcorp).
The second pass is trained on pass-1 labels predicted by K-fold jackknifing,
so its features look at training time as they will at run time.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pycrfsuite

from marsad.evaluate.ner import documents, score
from marsad.ner.iob import Sentence
from marsad.ner.features import FeatureConfig, FeatureExtractor, Lexicons, document_hints
from marsad.ner.tagger import CRFTagger, DecodeConfig
from ner_corpora import (dev_split, read_anercorp, read_aqmar, read_newsfane, read_wikifane, read_wojood,
                         shares_words_with)

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "ner"
RESOURCES = ROOT / "src" / "marsad" / "resources" / "ner"
JACKKNIFE_FOLDS = 4
CARRIES_OVER = "CC BY-SA 3.0, which carries over to this model"
EXTRA_CARDS = {  # --extra source -> what the model card says of its data and licence
    "wojood": ("Wojood public sample (train, val, test), PERS/ORG/GPE/LOC mapped", "Wojood sample: MIT"),
    "newsfane": ("NewsFANE Gold minus ANERcorp-test overlap, types mapped", f"NewsFANE Gold: {CARRIES_OVER}"),
    "wikifane": ("WikiFANE Gold (Alotaibi & Lee, COLING 2014), clitics re-attached, fine classes mapped",
                 f"WikiFANE Gold: {CARRIES_OVER}"),
    "aqmar": ("AQMAR (Mohit et al., EACL 2012), PER/LOC/ORG/MIS* mapped", f"AQMAR: {CARRIES_OVER}"),
}


def without_overlap(sentences: list[Sentence], held_out: list[Sentence]) -> list[Sentence]:
    return [s for s, shared in zip(sentences, shares_words_with(sentences, held_out)) if not shared]


def train_crf(xy: list[tuple[list[list[str]], list[str]]], args, path: Path) -> bytes:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in xy:
        trainer.append(x, y)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path.read_bytes()


def pass1_xy(fx: FeatureExtractor, docs: list[list[Sentence]]):
    return [(fx.sentence(s.tokens), s.tags) for doc in docs for s in doc]


def pass2_xy(fx: FeatureExtractor, docs: list[list[Sentence]], predicted: list[list[list[str]]]):
    xy = []
    for doc, pred in zip(docs, predicted):
        hints = document_hints([[fx.stem(t) for t in s.tokens] for s in doc], pred)
        xy += [(fx.sentence(s.tokens, h), s.tags) for s, h in zip(doc, hints)]
    return xy


_STATE: dict = {}  # set before forking workers: extractor, documents, args


def _fit(job: tuple[str, list[int]]) -> str:
    """Worker: train a pass-1 CRF on the documents with the given indices (features built here)."""
    path, indices = job
    fx, docs, args = _STATE["fx"], _STATE["docs"], _STATE["args"]
    train_crf(pass1_xy(fx, [docs[i] for i in indices]), args, Path(path))
    return path


def train_model(train_docs: list[list[Sentence]], extra: list[Sentence], args, lex: Lexicons,
                config: FeatureConfig, tag: str) -> tuple[bytes, bytes | None]:
    """Pass-1 model on everything; pass-2 model on jackknifed pass-1 labels.

    The pass-1 model and the JACKKNIFE_FOLDS fold models are independent: with
    --jobs > 1 they train in parallel worker processes (fork).
    """
    import multiprocessing

    fx = FeatureExtractor(lex, config)
    all_docs = train_docs + documents(extra)
    t0 = time.time()
    everything = list(range(len(all_docs)))
    jobs = [(str(BUILD / f"{tag}.pass1.crfsuite"), everything)]
    if args.second_pass:
        for k in range(JACKKNIFE_FOLDS):
            jobs.append((str(BUILD / f"{tag}.fold{k}.crfsuite"), [i for i in everything if i % JACKKNIFE_FOLDS != k]))
    BUILD.mkdir(parents=True, exist_ok=True)
    _STATE.update(fx=fx, docs=all_docs, args=args)
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(min(args.jobs, len(jobs))) as pool:
            paths = pool.map(_fit, jobs, chunksize=1)
    else:
        paths = [_fit(job) for job in jobs]
    models = [Path(p).read_bytes() for p in paths]
    log(f"  pass 1{' and folds' if args.second_pass else ''} trained {time.time() - t0:.0f}s")
    if not args.second_pass:
        return models[0], None
    predicted: list[list[list[str]]] = [None] * len(all_docs)  # type: ignore[list-item]
    for k in range(JACKKNIFE_FOLDS):
        tagger = CRFTagger(models[k + 1], None, lex, config, DecodeConfig(0.0))
        for i in range(k, len(all_docs), JACKKNIFE_FOLDS):
            predicted[i] = tagger.raw_document([s.tokens for s in all_docs[i]])
    pass2 = train_crf(pass2_xy(fx, all_docs, predicted), args, BUILD / f"{tag}.pass2.crfsuite")
    log(f"  pass 2 trained {time.time() - t0:.0f}s")
    return models[0], pass2


def evaluate(tagger: CRFTagger, sentences: list[Sentence]):
    predicted = []
    for doc in documents(sentences):
        predicted += tagger.raw_document([s.tokens for s in doc])
    return score([s.tags for s in sentences], predicted)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["dev", "final"])
    parser.add_argument("--name", default="run")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--second-pass", action="store_true")
    parser.add_argument("--extra", default="", help="comma-separated: wojood, newsfane, wikifane, aqmar")
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--o-threshold", type=float, default=0.0)
    parser.add_argument("--jobs", type=int, default=1, help="parallel CRF trainings (pass 1 and folds)")
    parser.add_argument("--try-o-thresholds", type=lambda v: [float(x) for x in v.split(",") if x],
                        default=[0.0, 0.6, 0.75], help="dev mode: also score these decoding thresholds")
    for flag in ("clusters", "gazetteer", "char-ngrams", "context-clusters", "bigrams"):
        parser.add_argument(f"--no-{flag}", action="store_true")
    args = parser.parse_args()
    random.seed(13)

    config = FeatureConfig(clusters=not args.no_clusters, gazetteer=not args.no_gazetteer,
                           char_ngrams=not args.no_char_ngrams, context_clusters=not args.no_context_clusters,
                           bigrams=not args.no_bigrams)
    decode = DecodeConfig(args.o_threshold)
    ner = args.shared / "data" / "ner"
    train_all = read_anercorp(ner / "anercorp-camel" / "train.txt")
    train, dev = dev_split(train_all)
    if args.mode == "final":
        train, held = train_all, read_anercorp(ner / "anercorp-camel" / "test.txt")
    else:
        held = dev
    extra: list[Sentence] = []
    sources = [s for s in args.extra.split(",") if s]
    unknown = set(sources) - set(EXTRA_CARDS)
    if unknown:
        parser.error(f"unknown --extra source(s): {', '.join(sorted(unknown))}")
    if "wojood" in sources:
        for part in ("train", "val", "test"):
            extra += read_wojood(ner / "wojood-sample" / f"{part}.txt")
    if "newsfane" in sources:
        extra += without_overlap(read_newsfane(ner / "newsfane-gold" / "newsfane-gold-minus-anercorp-test.txt"),
                                 dev if args.mode == "dev" else [])
    if "wikifane" in sources:
        extra += read_wikifane(ner / "wikifane-gold" / "WikiFANE_Gold_2014_500K.txt")
    if "aqmar" in sources:
        extra += read_aqmar(ner / "aqmar")
    lex = Lexicons.load()
    log(f"{args.mode} {args.name}: train {len(train)} sentences, extra {len(extra)}, held-out {len(held)}")
    t0 = time.time()
    pass1, pass2 = train_model(documents(train), extra, args, lex, config, f"{args.mode}-{args.name}")
    train_s = time.time() - t0
    thresholds = [args.o_threshold] if args.mode == "final" else sorted({args.o_threshold, *args.try_o_thresholds})
    results = []
    for threshold in thresholds:
        tagger = CRFTagger(pass1, pass2, lex, config, DecodeConfig(threshold))
        counts = evaluate(tagger, held)
        results.append((threshold, counts))
    # speed on one core, fresh feature cache
    tagger = CRFTagger(pass1, pass2, lex, config, decode)
    n_tokens = sum(len(s.tokens) for s in held)
    t1 = time.perf_counter()
    for doc in documents(held):
        tagger.raw_document([s.tokens for s in doc])
    speed = n_tokens / (time.perf_counter() - t1)
    BUILD.mkdir(parents=True, exist_ok=True)
    flags = " ".join(sys.argv[2:])
    for threshold, counts in results:
        p, r, f = counts.micro()
        per_type = {t: round(v[2], 4) for t, v in counts.per_type().items()}
        print(counts.table())
        print(f"{args.mode} {args.name} o<{threshold}: micro P {p:.4f} R {r:.4f} F1 {f:.4f} {per_type} "
              f"{speed:,.0f} tokens/s, trained in {train_s:.0f}s", flush=True)
        with open(BUILD / "experiments.tsv", "a", encoding="utf-8") as out:
            out.write(f"{time.strftime('%H:%M')}\t{args.mode}\t{args.name}\t{flags} o<{threshold}\t{p:.4f}\t{r:.4f}"
                      f"\t{f:.4f}\t{json.dumps(per_type)}\t{speed:.0f}\t{train_s:.0f}\n")
    if args.mode == "final":
        ship(pass1, pass2, config, decode, args, sources, f, per_type, speed)


def ship(pass1: bytes, pass2: bytes | None, config: FeatureConfig, decode: DecodeConfig, args,
         sources: list[str], test_f1: float, per_type: dict, speed: float) -> None:
    RESOURCES.mkdir(parents=True, exist_ok=True)
    (RESOURCES / "ner-pass1.crfsuite").write_bytes(pass1)
    if pass2 is not None:
        (RESOURCES / "ner-pass2.crfsuite").write_bytes(pass2)
    data = ["ANERcorp CAMeL train.txt (all of it: train + dev)"]
    licences = ["ANERcorp: free for research use; cite Benajiba et al. 2007 and Obeid et al. 2020"]
    for source in sources:
        what, licence = EXTRA_CARDS[source]
        data.append(what)
        licences.append(licence)
    meta = {
        "name": "marsad-ner-crf",
        "pass1": "ner-pass1.crfsuite",
        "pass2": "ner-pass2.crfsuite" if pass2 is not None else None,
        "features": asdict(config),
        "decode": asdict(decode),
        "training": {"c1": args.c1, "c2": args.c2, "iterations": args.iterations,
                     "second_pass": args.second_pass, "jackknife_folds": JACKKNIFE_FOLDS,
                     "command": "scripts/train_ner.py " + " ".join(sys.argv[1:])},
        "trained_on": data,
        "licence": licences,
        "distributional_data": "word clusters from Hindawi public-domain books (public domain)",
        "test": {"file": "ANERcorp CAMeL test.txt", "micro_f1": round(test_f1, 4), "per_type_f1": per_type,
                 "tokens_per_s": round(speed)},
        "labels": "IOB2 PERSON ORG GPE LOC MISC (CRF trained on PERS ORG LOC MISC; LOC split by gazetteer)",
    }
    (RESOURCES / "ner-model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"shipped to {RESOURCES}")


if __name__ == "__main__":
    main()
