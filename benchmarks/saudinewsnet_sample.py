"""The SaudiNewsNet sample the stats benchmarks share: every k-th article of the 16 daily files, and those articles
run through the shipped pipeline up to the stages a benchmark times."""
from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

from marsad import load_pipeline
from marsad.document import Document, Source


def every_kth(corpus: Path, n: int) -> list[dict]:
    """n articles, every k-th of the corpus (k = corpus size / n), in file order."""
    articles = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            articles += json.loads(z.read(z.namelist()[0]))
    step = max(1, len(articles) // n)
    return articles[::step][:n]


def analysed_without(articles: Iterable[dict], timed: Iterable[str]) -> list[Document]:
    """The articles, each with its `date_extracted` day as the publication date, through every shipped stage but
    the `timed` ones."""
    left_out = set(timed)
    before = [s for s in load_pipeline().stages if s.name not in left_out]
    docs = []
    for article in articles:
        doc = Document(Source("text"), raw=article.get("content") or "")
        doc.published = (article.get("date_extracted") or "")[:10] or None
        for stage in before:
            doc = stage(doc)
        docs.append(doc)
    return docs
