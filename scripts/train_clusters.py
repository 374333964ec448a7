"""Learn the word clusters that the NER tagger uses as distributional features.

    nice -n 5 .venv/bin/python scripts/train_clusters.py [--shared ../shared] [--workers 2]

Reads the public-domain Hindawi books (../shared/data/unlabelled/
hindawi-public-domain.txt.xz, 15.7 M words; never SaudiNewsNet), folds every
word with marsad.text.normalise.fold, trains word2vec (gensim, CBOW, 100
dimensions) and clusters the vectors of the most frequent words with k-means at
three granularities (K_LEVELS). Each word also gets clusters for its
clitic-stripped stem at look-up time (see marsad.ner.features).

Output: src/marsad/resources/ner/clusters.tsv.gz (word TAB c1 TAB c2 TAB c3),
public domain like its source text. Intermediate files go to build/ner/.
Takes about 10 minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import gzip
import lzma
import re
import time
from pathlib import Path

import numpy as np

from marsad.text.normalise import fold

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "ner"
OUT = ROOT / "src" / "marsad" / "resources" / "ner" / "clusters.tsv.gz"
TOKEN = re.compile(r"[\u0621-\u064a\u0660-\u0669]+|\d+|[A-Za-z]+")
K_LEVELS = (64, 256, 1024)  # coarse to fine, like Brown-cluster prefixes
MAX_WORDS = 150_000  # most frequent words that get a cluster
MIN_COUNT = 5  # word2vec vocabulary threshold


def tokenised_corpus(source: Path, target: Path) -> Path:
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with lzma.open(source, "rt", encoding="utf-8") as f, open(tmp, "w", encoding="utf-8") as out:
        for line in f:
            words = TOKEN.findall(fold(line))
            if len(words) >= 3:
                out.write(" ".join(words) + "\n")
    tmp.rename(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()

    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence
    from sklearn.cluster import MiniBatchKMeans

    t0 = time.time()
    corpus = tokenised_corpus(args.shared / "data/unlabelled/hindawi-public-domain.txt.xz",
                              BUILD / "hindawi.tok.txt")
    print(f"corpus ready {time.time() - t0:.0f}s", flush=True)
    model_path = BUILD / "w2v.model"
    if model_path.exists():
        model = Word2Vec.load(str(model_path))
    else:
        model = Word2Vec(LineSentence(str(corpus)), vector_size=100, window=5, min_count=MIN_COUNT,
                         sg=0, workers=args.workers, epochs=args.epochs, seed=13)
        model.save(str(model_path))
    print(f"word2vec vocab {len(model.wv)} {time.time() - t0:.0f}s", flush=True)

    words = model.wv.index_to_key[:MAX_WORDS]
    vectors = np.asarray([model.wv[w] for w in words], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    labels = []
    for k in K_LEVELS:
        km = MiniBatchKMeans(n_clusters=k, batch_size=4096, n_init=1, max_iter=100, random_state=13)
        labels.append(km.fit_predict(vectors))
        print(f"k-means k={k} {time.time() - t0:.0f}s", flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        for i, w in enumerate(words):
            out.write(w + "\t" + "\t".join(str(lab[i]) for lab in labels) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB) {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
