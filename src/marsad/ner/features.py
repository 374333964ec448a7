"""CRF features for Arabic NER, computed once per word type and cached.

A token's features are the concatenation of its own word-type features and
smaller sets from its neighbours (±2), plus per-sentence gazetteer spans
(multi-token B/I matches on clitic-stripped folded tokens) and, on the second
pass, what the first pass found elsewhere in the same document.

Everything a word type contributes is computed from the word alone, so it is
memoised (`FeatureExtractor.word`): tagging cost is then a few list
concatenations per token.
"""
from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from marsad.text.clitics import split_clitics
from marsad.text.normalise import fold

WINDOW = 2  # neighbours on each side that contribute features
MAX_GAZ_TOKENS = 5  # longest gazetteer entry matched
CACHE_LIMIT = 500_000  # word types kept in the feature cache
RANK_BANDS = ((1_000, "top1k"), (10_000, "top10k"), (50_000, "top50k"), (150_000, "top150k"))
ARABIC = re.compile(r"[\u0621-\u064a]")
LATIN = re.compile(r"[A-Za-z]")
DIGIT = re.compile(r"\d")
PUNCT = re.compile(r"^[^\w]+$")
# Parts of the cached per-type features (FeatureExtractor.word)
OWN, PREV, NEXT, PREV2, NEXT2, KEY = range(6)
GAZ_PROCLITICS = frozenset("وفبل")  # single proclitics tried before a gazetteer name


@dataclass(slots=True)
class Lexicons:
    """Distributional clusters and the external gazetteer, as shipped in resources/ner/."""

    clusters: dict[str, tuple[str, str, str, int]]  # word -> (c64, c256, c1024, rank)
    gazetteer: dict[tuple[str, ...], tuple[str, ...]]  # token tuple -> types
    gaz_first: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def load(cls) -> Lexicons:
        base = resources.files("marsad.resources") / "ner"
        clusters: dict[str, tuple[str, str, str, int]] = {}
        with gzip.open(base.joinpath("clusters.tsv.gz").open("rb"), "rt", encoding="utf-8") as f:
            for rank, line in enumerate(f):
                cols = line.rstrip("\n").split("\t")
                clusters[cols[0]] = (cols[1], cols[2], cols[3], rank)
        gazetteer: dict[tuple[str, ...], tuple[str, ...]] = {}
        with gzip.open(base.joinpath("gazetteer.tsv.gz").open("rb"), "rt", encoding="utf-8") as f:
            for line in f:
                form, kinds = line.rstrip("\n").split("\t")
                gazetteer[tuple(form.split(" "))] = tuple(kinds.split(","))
        return cls(clusters, gazetteer, frozenset(k[0] for k in gazetteer))


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
        return "digit" if not ARABIC.search(word) else "mixdigit"
    if LATIN.search(word):
        return "latin"
    if ARABIC.search(word):
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
        self._cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    # --- word level -------------------------------------------------------
    def analyse(self, token: str) -> tuple[str, str, str]:
        """(folded word, proclitic, stem) of a token."""
        norm = fold(token)
        prefix, stem = split_clitics(norm)
        if not prefix and norm[:1] in GAZ_PROCLITICS and len(norm) > 4 and not self.gaz_types(norm):
            # names the books never attest (ورامسفيلد): split when the gazetteer knows the rest
            rest = norm[1:]
            if self.gaz_types(rest):
                prefix, stem = norm[0], rest
        return norm, prefix, stem or norm

    def gaz_types(self, stem: str) -> tuple[str, ...]:
        kinds = self.lex.gazetteer.get((stem,))
        if kinds is None and stem.startswith("ال") and len(stem) > 3:
            kinds = self.lex.gazetteer.get((stem[2:],))
        return kinds or ()

    def word(self, token: str) -> tuple[tuple[str, ...], ...]:
        """Features of a word type: index 0 for the token itself, 1..WINDOW for neighbours."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        cfg = self.config
        norm, prefix, stem = self.analyse(token)
        sh = shape(norm)
        clusters = self.lex.clusters
        info = clusters.get(norm) or clusters.get(stem)
        if info is None and stem.startswith("ال"):
            info = clusters.get(stem[2:])
        band = rank_band(info[3] if info else None)
        gaz = self.gaz_types(stem) if cfg.gazetteer else ()
        base = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
        own = [
            "bias", "w=" + norm, "s=" + stem, "p=" + prefix, "sh=" + sh, "band=" + band,
            "al=" + str(stem.startswith("ال")), "len=" + str(min(len(base), 8)),
        ]
        for n in (1, 2, 3):
            own.append(f"suf{n}={base[-n:]}")
            own.append(f"pre{n}={base[:n]}")
        if cfg.clusters and info:
            own += ["c1=" + info[0], "c2=" + info[1], "c3=" + info[2]]
        for g in gaz:
            own.append("g=" + g)
            own.append(f"g={g}|{band}")
        if cfg.char_ngrams and sh == "arabic" and len(base) > 3:
            padded = f"<{base}>"
            own += ["ng=" + padded[i:i + 3] for i in range(len(padded) - 2)]
        ctx = ["w=" + norm, "s=" + stem, "sh=" + sh]
        if cfg.context_clusters and cfg.clusters and info:
            ctx += ["c2=" + info[1], "c3=" + info[2]]
        ctx += ["g=" + g for g in gaz]
        far = ["s=" + stem]
        if cfg.context_clusters and cfg.clusters and info:
            far.append("c2=" + info[1])
        keep = self._keep
        result = (keep(own), keep("-1:" + f for f in ctx), keep("+1:" + f for f in ctx),
                  keep("-2:" + f for f in far), keep("+2:" + f for f in far), (norm, stem))
        if len(self._cache) < CACHE_LIMIT:
            self._cache[token] = result
        return result

    def _keep(self, feats) -> tuple[str, ...]:
        if self.known is None:
            return tuple(feats)
        return tuple(filter(self.known.__contains__, feats))

    # --- sentence level ---------------------------------------------------
    def gazetteer_spans(self, stems: Sequence[str], norms: Sequence[str]) -> list[list[str]]:
        """B-/I- gazetteer labels for multi-token matches (longest match first)."""
        n = len(stems)
        labels: list[list[str]] = [[] for _ in range(n)]
        gaz = self.lex.gazetteer
        first = self.lex.gaz_first
        i = 0
        while i < n:
            matched = 0
            if stems[i] in first or (stems[i].startswith("ال") and stems[i][2:] in first):
                for length in range(min(MAX_GAZ_TOKENS, n - i), 1, -1):
                    key = (stems[i], *norms[i + 1:i + length])
                    kinds = gaz.get(key)
                    if kinds is None and stems[i].startswith("ال"):
                        kinds = gaz.get((stems[i][2:], *norms[i + 1:i + length]))
                    if kinds:
                        for k in kinds:
                            labels[i].append("B-" + k)
                            for j in range(i + 1, i + length):
                                labels[j].append("I-" + k)
                        matched = length
                        break
            i += matched or 1
        return labels

    def sentence(self, tokens: Sequence[str], doc_hints: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """crfsuite feature lists for one sentence. `doc_hints[i]` are second-pass features of token i."""
        cfg = self.config
        words = [self.word(t) for t in tokens]
        n = len(words)
        spans = self.gazetteer_spans([w[KEY][1] for w in words], [w[KEY][0] for w in words]) if cfg.gazetteer else None
        out: list[list[str]] = []
        for i in range(n):
            feats = list(words[i][OWN])
            feats += words[i - 1][PREV] if i > 0 else ("-1:EDGE",)
            feats += words[i + 1][NEXT] if i + 1 < n else ("+1:EDGE",)
            if i > 1:
                feats += words[i - 2][PREV2]
            if i + 2 < n:
                feats += words[i + 2][NEXT2]
            if cfg.bigrams:
                prev_w = words[i - 1][KEY][1] if i > 0 else "<s>"
                next_w = words[i + 1][KEY][1] if i + 1 < n else "</s>"
                feats.append("b-=" + prev_w + "|" + words[i][KEY][1])
                feats.append("b+=" + words[i][KEY][1] + "|" + next_w)
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


def document_hints(extractor: FeatureExtractor, sentences: Sequence[Sequence[str]],
                   labels: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """Second-pass features: how the first pass tagged the same stem elsewhere in the document.

    For every stem the first pass put inside an entity of type T (position B or I),
    each occurrence of that stem in the document gets `D=T` and `D=B-T`/`D=I-T`,
    and, when the same stem also appeared untagged, `Dmix`. Stems shorter than
    three letters and very frequent words are ignored.
    """
    seen: dict[str, set[str]] = {}
    untagged: set[str] = set()
    stems_doc = []
    for toks, labs in zip(sentences, labels):
        stems = []
        for tok, lab in zip(toks, labs):
            w = extractor.word(tok)
            stem = w[KEY][1]
            stems.append(stem)
            if lab != "O":
                seen.setdefault(stem, set()).add(lab)
            else:
                untagged.add(stem)
        stems_doc.append(stems)
    out = []
    for stems in stems_doc:
        sent_hints = []
        for stem in stems:
            hints: list[str] = []
            labs = seen.get(stem)
            if labs and len(stem) >= 3:
                for lab in labs:
                    hints.append("D=" + lab)
                    hints.append("D=" + lab[2:])
                if stem in untagged:
                    hints.append("Dmix")
            sent_hints.append(hints)
        out.append(sent_hints)
    return out
