"""CRF features for Arabic NER, computed once per word type and cached.

A token's features are the concatenation of its own word-type features and
smaller sets from its neighbours (±2, `WordFeatures`), plus per-sentence gazetteer spans
(multi-token B/I matches on clitic-stripped folded tokens) and, on the second
pass, what the first pass found elsewhere in the same document.

Everything a word type contributes is computed from the word alone, so it is
memoised (`FeatureExtractor.word`): tagging cost is then a few list
concatenations per token.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..resources import data_columns
from ..text.normalise import fold
from ..text.word_forms import FORMS_KEPT, ARABIC_LETTER, PROCLITIC_LETTERS, Forms, article_stem, split_clitics, strip_article

MAX_GAZ_TOKENS = 5  # longest gazetteer entry matched
RANK_BANDS = ((1_000, "top1k"), (10_000, "top10k"), (50_000, "top50k"), (150_000, "top150k"))
LATIN = re.compile(r"[A-Za-z]")
DIGIT = re.compile(r"\d")
PUNCT = re.compile(r"^[^\w]+$")
# Single proclitics tried before a name the gazetteer knows; ك is not, as when the shipped models were trained.
GAZ_PROCLITICS = PROCLITIC_LETTERS - {"ك"}


@dataclass(slots=True)
class ClusterInfo:
    """A word's k-means cluster ids at three sizes (64, 256, 1024) and its frequency rank."""

    c64: str
    c256: str
    c1024: str
    rank: int


class WordFeatures(NamedTuple):
    """What one word type contributes: to its own token, to its neighbours at -1/+1 and -2/+2, and its forms."""

    own: tuple[str, ...]
    prev: tuple[str, ...]  # for the token after it
    next: tuple[str, ...]  # for the token before it
    prev2: tuple[str, ...]
    next2: tuple[str, ...]
    norm: str
    stem: str


@lru_cache(maxsize=1)
def read_gazetteer() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The external gazetteer (resources/ner/gazetteer.tsv.gz): token tuple -> kinds, read once per process."""
    kinds: dict[str, tuple[str, ...]] = {}  # one tuple for each combination of kinds
    return {tuple(form.split(" ")): kinds.setdefault(k, tuple(k.split(",")))
            for form, k in zip(*data_columns("ner/gazetteer.tsv.gz", 2))}


@dataclass(slots=True)
class Lexicons:
    """Distributional clusters and the external gazetteer, as shipped in resources/ner/."""

    clusters: dict[str, tuple[str, str, str, int]]  # word -> the fields of its ClusterInfo, as read
    gazetteer: dict[tuple[str, ...], tuple[str, ...]]  # token tuple -> types
    gaz_first: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def load(cls) -> Lexicons:
        words, *ids = data_columns("ner/clusters.tsv.gz", 4)  # by frequency rank: a word, its clusters at 64, 256
        c64, c256, c1024 = (map(sys.intern, column) for column in ids)  # and 1024 (a few thousand ids, shared)
        clusters = dict(zip(words, zip(c64, c256, c1024, range(len(words)))))
        gazetteer = read_gazetteer()
        return cls(clusters, gazetteer, frozenset(k[0] for k in gazetteer))

    def cluster(self, norm: str, stem: str) -> ClusterInfo | None:
        """The clusters of a word, else of its stem, else of the stem without ال."""
        clusters = self.clusters
        row = clusters.get(norm) or clusters.get(stem) or clusters.get(strip_article(stem))
        return ClusterInfo(*row) if row else None


@dataclass(slots=True)
class FeatureConfig:
    """Switches for feature groups, so that ablations run from the training script."""

    clusters: bool = True
    gazetteer: bool = True
    char_ngrams: bool = True
    context_clusters: bool = True
    bigrams: bool = True


def shape(word: str) -> str:
    if not word:
        return "empty"
    if PUNCT.match(word):
        return "punct"
    if DIGIT.search(word):
        return "digit" if not ARABIC_LETTER.search(word) else "mixdigit"
    if LATIN.search(word):
        return "latin"
    if ARABIC_LETTER.search(word):
        return "arabic"
    return "other"


def rank_band(rank: int | None) -> str:
    if rank is None:
        return "oov"
    for limit, name in RANK_BANDS:
        if rank < limit:
            return name
    return "oov"


class FeatureExtractor:
    """Turns token sequences into crfsuite feature lists (strings, binary)."""

    def __init__(self, lex: Lexicons, config: FeatureConfig | None = None, known: frozenset[str] | None = None):
        """`known`: the attributes a trained model has weights for; others are dropped (speed only)."""
        self.lex = lex
        self.config = config or FeatureConfig()
        self.known = known
        self._cache: dict[str, tuple] = {}  # token -> the fields of its WordFeatures

    # --- word level -------------------------------------------------------
    def analyse(self, token: str) -> Forms:
        """The folded word, its proclitic and its stem, as the tagger's features see them."""
        norm = fold(token)
        prefix, stem = split_clitics(norm)
        if not prefix and norm[:1] in GAZ_PROCLITICS and len(norm) > 4 and not self.gaz_types(norm):
            # names the books never attest (ورامسفيلد): split when the gazetteer knows the rest
            rest = norm[1:]
            if self.gaz_types(rest):
                prefix, stem = norm[0], rest
        return Forms(norm, prefix, stem or norm)

    def gaz_types(self, stem: str) -> tuple[str, ...]:
        kinds = self.lex.gazetteer.get((stem,))
        if kinds is None and (bare := article_stem(stem)) is not None:
            kinds = self.lex.gazetteer.get((bare,))
        return kinds or ()

    def word(self, token: str) -> WordFeatures:
        """The features a word type contributes."""
        return WordFeatures(*self._parts(token))

    def stem(self, token: str) -> str:
        """The stem the features of a word type are built on."""
        return self._parts(token)[-1]

    def _parts(self, token: str) -> tuple:
        """The fields of `WordFeatures`, in order, computed once per word type.

        The cache holds plain tuples, which the garbage collector stops tracking:
        hundreds of thousands of tracked objects would cost every full collection.
        """
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        result = self.type_features(token)
        if len(self._cache) >= FORMS_KEPT:
            self._cache.clear()
        self._cache[token] = result
        return result

    def type_features(self, token: str) -> tuple:
        """The fields of `WordFeatures` of one word type, computed afresh (not cached)."""
        own, ctx, far, norm, stem = self.base_features(token)
        keep = self._keep
        return (keep(own), keep("-1:" + f for f in ctx), keep("+1:" + f for f in ctx),
                keep("-2:" + f for f in far), keep("+2:" + f for f in far), norm, stem)

    def base_features(self, token: str) -> tuple[list[str], list[str], list[str], str, str]:
        """What a word type gives its own token, its neighbours at ±1 and at ±2 (before the «-1:», «+1:», «-2:»,
        «+2:» of each side), its folded form and its stem; every feature, known to a model or not."""
        cfg = self.config
        norm, prefix, stem = self.analyse(token)
        sh = shape(norm)
        info = self.lex.cluster(norm, stem)
        band = rank_band(info.rank if info else None)
        gaz = self.gaz_types(stem) if cfg.gazetteer else ()
        base = article_stem(stem) or stem
        own = [
            "bias", "w=" + norm, "s=" + stem, "p=" + prefix, "sh=" + sh, "band=" + band,
            "al=" + str(stem.startswith("ال")), "len=" + str(min(len(base), 8)),
        ]
        for n in (1, 2, 3):
            own.append(f"suf{n}={base[-n:]}")
            own.append(f"pre{n}={base[:n]}")
        if cfg.clusters and info:
            own += ["c1=" + info.c64, "c2=" + info.c256, "c3=" + info.c1024]
        for g in gaz:
            own.append("g=" + g)
            own.append(f"g={g}|{band}")
        if cfg.char_ngrams and sh == "arabic" and len(base) > 3:
            padded = f"<{base}>"
            own += ["ng=" + padded[i:i + 3] for i in range(len(padded) - 2)]
        ctx = ["w=" + norm, "s=" + stem, "sh=" + sh]
        if cfg.context_clusters and cfg.clusters and info:
            ctx += ["c2=" + info.c256, "c3=" + info.c1024]
        ctx += ["g=" + g for g in gaz]
        far = ["s=" + stem]
        if cfg.context_clusters and cfg.clusters and info:
            far.append("c2=" + info.c256)
        return own, ctx, far, norm, stem

    def _keep(self, feats) -> tuple[str, ...]:
        if self.known is None:
            return tuple(feats)
        return tuple(filter(self.known.__contains__, feats))

    # --- sentence level ---------------------------------------------------
    def may_start_entry(self, stem: str) -> bool:
        """Whether a token of this stem may begin a gazetteer entry of several tokens."""
        first = self.lex.gaz_first
        return stem in first or strip_article(stem) in first

    def gazetteer_matches(self, stems: Sequence[str], norms: Sequence[str],
                          starts: Sequence[bool] | None = None) -> list[tuple[int, int, tuple[str, ...]]]:
        """Gazetteer entries of several tokens in a sentence, as (first token, length, kinds), the longest first
        at each place, left to right. `starts`: which tokens may begin one (`may_start_entry`)."""
        if starts is None:
            starts = [self.may_start_entry(s) for s in stems]
        gaz = self.lex.gazetteer
        n = len(stems)
        found = []
        after = 0
        for i in [k for k, may in enumerate(starts) if may]:
            if i < after:
                continue
            stem, bare = stems[i], strip_article(stems[i])
            for length in range(min(MAX_GAZ_TOKENS, n - i), 1, -1):
                kinds = gaz.get((stem, *norms[i + 1:i + length]))
                if kinds is None:
                    kinds = gaz.get((bare, *norms[i + 1:i + length]))
                if kinds:
                    found.append((i, length, kinds))
                    after = i + length
                    break
        return found

    def gazetteer_spans(self, stems: Sequence[str], norms: Sequence[str]) -> list[list[str]]:
        """B-/I- gazetteer labels of each token (`gazetteer_matches`)."""
        labels: list[list[str]] = [[] for _ in stems]
        for i, length, kinds in self.gazetteer_matches(stems, norms):
            for k in kinds:
                labels[i].append("B-" + k)
                for j in range(i + 1, i + length):
                    labels[j].append("I-" + k)
        return labels

    def sentence(self, tokens: Sequence[str], doc_hints: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """crfsuite feature lists for one sentence. `doc_hints[i]` are second-pass features of token i."""
        cfg = self.config
        n = len(tokens)
        if not n:
            return []
        own, prev, nxt, prev2, next2, norms, stems = zip(*(self._parts(t) for t in tokens))
        spans = self.gazetteer_spans(stems, norms) if cfg.gazetteer else None
        out: list[list[str]] = []
        for i in range(n):
            feats = list(own[i])
            feats += prev[i - 1] if i > 0 else ("-1:EDGE",)
            feats += nxt[i + 1] if i + 1 < n else ("+1:EDGE",)
            if i > 1:
                feats += prev2[i - 2]
            if i + 2 < n:
                feats += next2[i + 2]
            if cfg.bigrams:
                prev_w = stems[i - 1] if i > 0 else "<s>"
                next_w = stems[i + 1] if i + 1 < n else "</s>"
                feats.append("b-=" + prev_w + "|" + stems[i])
                feats.append("b+=" + stems[i] + "|" + next_w)
            if spans is not None:
                feats += ["G:" + g for g in spans[i]]
                if i > 0:
                    feats += ["-1G:" + g for g in spans[i - 1]]
                if i + 1 < n:
                    feats += ["+1G:" + g for g in spans[i + 1]]
            if doc_hints is not None:
                feats += doc_hints[i]
            out.append(feats)
        return out


def stem_hints(stems: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]) -> dict[str, list[str]]:
    """Second-pass features: how the first pass tagged the same stem elsewhere in the document.

    For every stem the first pass put inside an entity of type T (position B or I),
    each occurrence of that stem in the document gets `D=T` and `D=B-T`/`D=I-T`,
    and, when the same stem also appeared untagged, `Dmix`. Stems shorter than
    three letters are ignored. `stems`: the stems of each sentence's tokens (`FeatureExtractor.stem`).
    """
    seen: dict[str, set[str]] = {}
    untagged: set[str] = set()
    for sentence, labs in zip(stems, labels):
        for stem, lab in zip(sentence, labs):
            if lab != "O":
                seen.setdefault(stem, set()).add(lab)
            else:
                untagged.add(stem)
    hints = {}
    for stem, labs in seen.items():
        if len(stem) >= 3:
            hints[stem] = [f for lab in sorted(labs) for f in ("D=" + lab, "D=" + lab[2:])]
            if stem in untagged:
                hints[stem].append("Dmix")
    return hints


def document_hints(stems: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """The second-pass features of every token of each sentence (`stem_hints`)."""
    hints = stem_hints(stems, labels)
    return [[hints.get(stem, []) for stem in sentence] for sentence in stems]
