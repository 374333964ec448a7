"""Build the data bundle (.devdata/) that scripts/train_neural_ner.py trains on, away from marsad.

    nice -n 10 .venv/bin/python scripts/prepare_neural_ner_data.py [--shared ../shared] [--out .devdata]

Runs here (it needs marsad); the training script then needs only numpy and
torch. Every token is encoded by `marsad.ner.neural.Encoder`, the code the
numpy tagger runs at inference time. Writes:
  .devdata/data.npz   token features, char ids per word type, tags, sentence
                      table, int8 word2vec vectors (+ per-row fp16 scales),
                      the word vocabulary (utf-8, newline-joined)
  .devdata/meta.json  vocabularies, tag set, corpora, licences, resource hashes
Corpora (../shared/data/ner/): ANERcorp CAMeL train.txt (dev = its last 10%,
`dev_split` in scripts/ner_corpora.py), the Wojood sample (train+val+test, mapped by
`read_wojood` in scripts/ner_corpora.py) and NewsFANE Gold minus ANERcorp test (mapped
by read_newsfane; sentences sharing a five-word sequence with dev are flagged so
dev runs can drop them). Never the ANERcorp test split.
Word vectors: build/ner/w2v.model (scripts/train_clusters.py; Hindawi
public-domain books), the TOP_WORDS most frequent words plus every word the
training corpora contain; `dev_ok` marks the words a dev run may use (words
found only in the dev split are unknown there, as test-only words are).
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from marsad.ner.features import Lexicons
from marsad.ner.neural import CLUSTER_SIZES, COLUMNS, MAX_CHARS, Encoder, pad_chars, sha256_of_resource
from marsad.text.word_forms import strip_article
from ner_corpora import dev_split, read_anercorp, read_newsfane, read_wojood, shares_words_with

ROOT = Path(__file__).resolve().parent.parent
TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
CORPORA = ["anercorp-train", "anercorp-dev", "wojood", "newsfane"]
TOP_WORDS = 100_000
MIN_CHAR_COUNT = 3
SPECIALS = ["<pad>", "<unk>"]
LICENCES = {
    "anercorp-train": "ANERcorp CAMeL split: free for research use; cite Benajiba et al. 2007 and Obeid et al. 2020",
    "anercorp-dev": "ANERcorp CAMeL split: free for research use; cite Benajiba et al. 2007 and Obeid et al. 2020",
    "wojood": "Wojood public sample: MIT",
    "newsfane": "NewsFANE Gold: CC BY-SA 3.0 (carries over to a model trained on it); cite Alotaibi & Lee 2014",
    "word2vec": "word2vec on the Hindawi public-domain books (public domain)",
    "resources": "clusters (public domain books), gazetteer: see scripts/build_ner_gazetteer.py",
}


def log(msg: str) -> None:
    print(msg, flush=True)


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row symmetric int8: row ~ q * scale (scale fp16, as shipped)."""
    scale = (np.abs(vectors).max(axis=1) / 127.0).astype(np.float16)
    safe = np.where(scale > 0, scale.astype(np.float32), 1.0)
    q = np.clip(np.rint(vectors / safe[:, None]), -127, 127).astype(np.int8)
    return q, scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--w2v", type=Path, default=ROOT / "build" / "ner" / "w2v.model")
    parser.add_argument("--out", type=Path, default=ROOT / ".devdata")
    parser.add_argument("--top-words", type=int, default=TOP_WORDS)
    args = parser.parse_args()
    t0 = time.time()

    ner = args.shared / "data" / "ner"
    train, dev = dev_split(read_anercorp(ner / "anercorp-camel" / "train.txt"))
    wojood = [s for part in ("train", "val", "test") for s in read_wojood(ner / "wojood-sample" / f"{part}.txt")]
    newsfane = read_newsfane(ner / "newsfane-gold" / "newsfane-gold-minus-anercorp-test.txt")
    news_dev = shares_words_with(newsfane, dev)
    corpora = [(0, train), (1, dev), (2, wojood), (3, newsfane)]
    log(f"read corpora {time.time() - t0:.0f}s: train {len(train)}, dev {len(dev)}, wojood {len(wojood)}, "
        f"newsfane {len(newsfane)} ({sum(news_dev)} overlap dev)")

    lex = Lexicons.load()
    gaz_types = sorted({k for kinds in lex.gazetteer.values() for k in kinds})
    probe = Encoder(lex, SPECIALS, SPECIALS, SPECIALS, gaz_types)

    # --- vocabularies -------------------------------------------------------------
    from gensim.models import Word2Vec

    wv = Word2Vec.load(str(args.w2v)).wv
    in_w2v = wv.key_to_index
    forms_train: set[str] = set()  # forms of the corpora a dev run trains on
    forms_dev: set[str] = set()
    char_counts: Counter = Counter()
    prefixes: Counter = Counter()
    for cid, sents in corpora:
        for s in sents:
            for tok in s.tokens:
                w = probe.analyse(tok)
                norm, prefix, stem = w.norm, w.prefix, w.stem
                forms = {norm, stem, strip_article(stem)}
                (forms_dev if cid == 1 else forms_train).update(forms)
                if cid != 1:
                    char_counts.update(norm)
                    prefixes[prefix] += 1
    top = wv.index_to_key[:args.top_words]
    top_set = set(top)
    extra = sorted(((forms_train | forms_dev) - top_set) & in_w2v.keys(), key=in_w2v.get)
    words = SPECIALS + top + extra
    dev_ok = np.array([True, True] + [True] * len(top) + [w in forms_train for w in extra], dtype=bool)
    chars = SPECIALS + sorted(c for c, n in char_counts.items() if n >= MIN_CHAR_COUNT)
    prefix_list = SPECIALS + sorted(p for p in prefixes if p)
    log(f"vocabularies {time.time() - t0:.0f}s: words {len(words)} ({len(extra)} beyond the top "
        f"{args.top_words}, {int((~dev_ok).sum())} dev-only), chars {len(chars)}, prefixes {prefix_list[2:]}")

    vectors = np.zeros((len(words), wv.vector_size), dtype=np.float32)
    for i, w in enumerate(words[2:], start=2):
        vectors[i] = wv[w]
    emb_q, emb_scale = quantise(vectors)

    # --- encode every sentence ----------------------------------------------------------
    enc = Encoder(lex, words, chars, prefix_list, gaz_types)
    feats, tok_type, tags, offsets, corpus, news_overlap = [], [], [], [0], [], []
    types: dict[tuple[int, ...], int] = {}
    unknown_tags: Counter = Counter()
    tag_index = {t: i for i, t in enumerate(TAGS)}
    for cid, sents in corpora:
        for si, s in enumerate(sents):
            f, c = enc.encode(s.tokens)
            feats.append(f)
            tok_type += [types.setdefault(ids, len(types)) for ids in c]
            for t in s.tags:
                if t not in tag_index:
                    unknown_tags[t] += 1
                tags.append(tag_index.get(t, 0))
            offsets.append(offsets[-1] + len(s.tokens))
            corpus.append(cid)
            news_overlap.append(cid == 3 and news_dev[si])
    if unknown_tags:
        log(f"tags mapped to O: {dict(unknown_tags)}")
    feats_arr = np.concatenate(feats).astype(np.int32)
    type_chars = pad_chars(list(types)).astype(np.int16)
    unk_rate = float(np.mean(feats_arr[np.array(corpus).repeat(np.diff(offsets)) <= 1, 0] == 1))
    log(f"encoded {len(tags)} tokens, {len(types)} char types {time.time() - t0:.0f}s; "
        f"ANERcorp word unknown rate {unk_rate:.3f}")

    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out / "data.npz",
        feats=feats_arr, tok_type=np.array(tok_type, dtype=np.int32), type_chars=type_chars,
        tags=np.array(tags, dtype=np.int8), offsets=np.array(offsets, dtype=np.int64),
        corpus=np.array(corpus, dtype=np.int8), news_dev_overlap=np.array(news_overlap, dtype=bool),
        emb_q=emb_q, emb_scale=emb_scale, dev_ok=dev_ok,
        vocab_words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
    )
    meta = {
        "columns": list(COLUMNS), "tags": TAGS, "corpora": CORPORA, "chars": chars, "prefixes": prefix_list,
        "gaz_types": gaz_types, "cluster_sizes": list(CLUSTER_SIZES), "max_chars": MAX_CHARS,
        "n_words": len(words), "n_shapes": 7, "n_bands": 5, "emb_dim": int(wv.vector_size),
        "sentences": {name: int(sum(1 for c in corpus if c == i)) for i, name in enumerate(CORPORA)},
        "newsfane_dev_overlap": int(sum(news_overlap)),
        "licences": LICENCES,
        "resources_sha256": {name: sha256_of_resource(name) for name in ("gazetteer.tsv.gz", "clusters.tsv.gz")},
        "word_vectors": f"{args.w2v.name}: top {args.top_words} + corpus words, int8 per row",
    }
    (args.out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.iterdir()) / 1e6
    log(f"wrote {args.out} ({size:.1f} MB) {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
