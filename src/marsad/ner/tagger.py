"""The shipped Arabic NER tagger: a two-pass CRF over cached word-type features.

    from marsad.ner.tagger import load_tagger
    tagger = load_tagger()
    tagger.tag(["قال", "الرئيس", "بوتين", "في", "موسكو"])
    # ['O', 'O', 'B-PERSON', 'O', 'B-GPE']
    tagger.tag_sentences(document_sentences)   # whole document: the second pass sees it all

Labels are IOB2 with types PERSON, ORG, GPE, LOC, MISC. The CRF is trained on
ANERcorp's types (PERS, LOC, ORG, MISC); its LOC spans are split into GPE
(countries, cities, states: the gazetteer says so, or nothing says otherwise)
and LOC (regions, seas, mountains, rivers: the gazetteer or a geographic head
word says so). Pass 1 tags each sentence; pass 2 re-tags with features saying
how pass 1 tagged the same stems elsewhere in the document.
Model files: resources/ner/ (see MODEL_CARD.md there). Nothing is downloaded.
"""
from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import pycrfsuite

from ..text.word_forms import folded_word_lists
from .features import FeatureConfig, FeatureExtractor, Lexicons, document_hints

MODEL_META = "ner-model.json"
TYPE_NAMES = {"PERS": "PERSON", "ORG": "ORG", "MISC": "MISC", "LOC": "GPE"}
# Head words that make a location natural or regional rather than a state or city.
LOC_HEADS = folded_word_lists("ner/cue-words.tsv")["loc_head"]
GPE_KINDS = {"GPE_COUNTRY", "GPE_CITY", "GPE_KB"}
LOC_KINDS = {"LOC_REGION", "LOC_KB"}


@dataclass(slots=True)
class DecodeConfig:
    """O_THRESHOLD: a token the Viterbi path leaves O becomes an entity when P(O) is below it
    (recall-oriented decoding; 0 switches it off)."""

    o_threshold: float = 0.0


def repair_iob(labels: list[str]) -> list[str]:
    """I-X that does not continue an X span becomes B-X."""
    out = list(labels)
    for i, lab in enumerate(out):
        if lab.startswith("I-") and (i == 0 or out[i - 1][2:] != lab[2:]):
            out[i] = "B-" + lab[2:]
    return out


STATE_FEATURE = re.compile(r"^\s*\(\d+\) (.*) --> \S+: ", re.M)  # «  (0) w=مصر --> B-LOC: 1.23» in a model dump


def model_attributes(model: pycrfsuite.Tagger) -> set[str]:
    """The attributes a CRF model has state-feature weights for, read from its text dump (Tagger.info()
    parses the same dump in Python, five times slower)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.txt")
        model.dump(path)
        with open(path, encoding="utf-8") as f:
            dump = f.read()
    start = dump.find("STATE_FEATURES = {")
    end = dump.find("\n}", start)
    return set(STATE_FEATURE.findall(dump, start, end)) if start >= 0 else set()


class CRFTagger:
    """Pass-1 and (optional) pass-2 CRF models with their feature extractor."""

    def __init__(self, pass1: bytes, pass2: bytes | None, lex: Lexicons, config: FeatureConfig,
                 decode: DecodeConfig | None = None, meta: dict | None = None):
        self.lex = lex
        self.decode = decode or DecodeConfig()
        self.meta = meta or {}
        self._model_bytes = (pass1, pass2)  # crfsuite reads these buffers in place: keep them alive
        self._pass1 = pycrfsuite.Tagger()
        self._pass1.open_inmemory(pass1)
        self._pass2 = None
        if pass2 is not None:
            self._pass2 = pycrfsuite.Tagger()
            self._pass2.open_inmemory(pass2)
        self._labels = self._pass1.labels()
        known: set[str] = set()
        for model in (self._pass1, self._pass2):
            if model is not None:
                known.update(model_attributes(model))
        self.features = FeatureExtractor(lex, config, frozenset(known))

    # --- raw CRF labels (ANERcorp types) -------------------------------------
    def _run(self, model: pycrfsuite.Tagger, xseq: list[list[str]]) -> list[str]:
        if not xseq:
            return []
        labels = model.tag(xseq)
        threshold = self.decode.o_threshold
        if threshold > 0:
            changed = False
            for t, lab in enumerate(labels):
                if lab == "O" and model.marginal("O", t) < threshold:
                    best = max((y for y in self._labels if y != "O"), key=lambda y: model.marginal(y, t))
                    labels[t] = best
                    changed = True
            if changed:
                labels = repair_iob(labels)
        return labels

    def raw_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        xs = [self.features.sentence(toks) for toks in sentences]
        first = [self._run(self._pass1, x) for x in xs]
        if self._pass2 is None:
            return first
        hints = document_hints(self.features, sentences, first)
        # pass-2 features are pass-1 features plus the document hints (as FeatureExtractor.sentence builds them)
        return [self._run(self._pass2, [f + h for f, h in zip(x, hs)] if any(hs) else x)
                for x, hs in zip(xs, hints)]

    # --- public API ------------------------------------------------------------
    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 labels (PERSON, ORG, GPE, LOC, MISC) for one sentence on its own."""
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 labels for every sentence of one document."""
        sentences = [list(s) for s in sentences]
        raw = self.raw_document(sentences)
        return [self._marsad_types(toks, labs) for toks, labs in zip(sentences, raw)]

    def _marsad_types(self, tokens: list[str], labels: list[str]) -> list[str]:
        out = list(labels)
        i = 0
        while i < len(out):
            lab = out[i]
            if lab == "O":
                i += 1
                continue
            j = i + 1
            while j < len(out) and out[j] == "I-" + lab[2:]:
                j += 1
            kind = lab[2:]
            name = TYPE_NAMES.get(kind, kind)
            if kind == "LOC" and self._is_natural_location(tokens[i:j]):
                name = "LOC"
            out[i] = "B-" + name
            for k in range(i + 1, j):
                out[k] = "I-" + name
            i = j
        return out

    def _is_natural_location(self, tokens: list[str]) -> bool:
        stems = [self.features.stem(t) for t in tokens]
        kinds = set(self.lex.gazetteer.get(tuple(stems), ()))
        if not kinds and len(stems) == 1:
            kinds = set(self.features.gaz_types(stems[0]))
        if kinds & GPE_KINDS:
            return False
        if kinds & LOC_KINDS:
            return True
        return stems[0] in LOC_HEADS


def _read_resource(name: str) -> bytes:
    return (resources.files("marsad.resources") / "ner" / name).read_bytes()


@functools.lru_cache(maxsize=1)
def load_tagger() -> CRFTagger:
    """The shipped tagger, loaded once from package resources."""
    meta = json.loads(_read_resource(MODEL_META))
    config = FeatureConfig(**meta["features"])
    pass2 = _read_resource(meta["pass2"]) if meta.get("pass2") else None
    return CRFTagger(_read_resource(meta["pass1"]), pass2, Lexicons.load(), config,
                     DecodeConfig(**meta.get("decode", {})), meta)
