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

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import pycrfsuite

from ..resources import snapshot
from ..text.word_forms import folded_word_lists
from .crf import LinearCRF, viterbi
from .features import FeatureConfig, FeatureExtractor, Lexicons, document_hints, stem_hints
from .scoring import TypeScorer

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


class CRFTagger:
    """Pass-1 and (optional) pass-2 CRF models with their feature extractor. They decode with numpy (ner/crf.py,
    ner/scoring.py); crfsuite decodes only when an O-threshold asks for its marginals."""

    def __init__(self, pass1: bytes, pass2: bytes | None, lex: Lexicons, config: FeatureConfig,
                 decode: DecodeConfig | None = None, meta: dict | None = None):
        self.lex = lex
        self.decode = decode or DecodeConfig()
        self.meta = meta or {}
        self._model_bytes = (pass1, pass2)
        models = [LinearCRF.from_crfsuite(m) for m in self._model_bytes if m is not None]
        self.features = FeatureExtractor(lex, config, frozenset(a for m in models for a in m.attributes))
        self.scorer = TypeScorer(models, self.features)
        self._crfsuite: list[pycrfsuite.Tagger] = []

    def raw_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The CRF's own labels (ANERcorp types) of every sentence of one document."""
        if self.decode.o_threshold > 0:
            return self._with_marginals(sentences)
        doc = self.scorer.document(sentences)
        first = self._viterbi(doc.state[:, 0], doc.lengths, 0)
        if len(self.scorer.transitions) == 1:
            return first
        second = doc.state[:, 1]
        self.scorer.add_hints(second, [s for sentence in doc.stems for s in sentence], stem_hints(doc.stems, first))
        return self._viterbi(second, doc.lengths, 1)

    def _viterbi(self, state, lengths: list[int], model: int) -> list[list[str]]:
        names = self.scorer.labels
        best = viterbi(state, lengths, self.scorer.transitions[model]).tolist()
        out, at = [], 0
        for n in lengths:
            out.append([names[k] for k in best[at:at + n]])
            at += n
        return out

    # --- crfsuite's decoding, with an O-threshold --------------------------------
    def _with_marginals(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        if not self._crfsuite:
            for model in self._model_bytes:
                if model is not None:  # crfsuite reads these buffers in place: self._model_bytes keeps them alive
                    tagger = pycrfsuite.Tagger()
                    tagger.open_inmemory(model)
                    self._crfsuite.append(tagger)
        xs = [self.features.sentence(toks) for toks in sentences]
        first = [self._run(self._crfsuite[0], x) for x in xs]
        if len(self._crfsuite) == 1:
            return first
        hints = document_hints([[self.features.stem(t) for t in toks] for toks in sentences], first)
        # pass-2 features are pass-1 features plus the document hints (as FeatureExtractor.sentence builds them)
        return [self._run(self._crfsuite[1], [f + h for f, h in zip(x, hs)] if any(hs) else x)
                for x, hs in zip(xs, hints)]

    def _run(self, model: pycrfsuite.Tagger, xseq: list[list[str]]) -> list[str]:
        if not xseq:
            return []
        labels = model.tag(xseq)
        threshold = self.decode.o_threshold
        changed = False
        for t, lab in enumerate(labels):
            if lab == "O" and model.marginal("O", t) < threshold:
                best = max((y for y in model.labels() if y != "O"), key=lambda y: model.marginal(y, t))
                labels[t] = best
                changed = True
        return repair_iob(labels) if changed else labels

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
        stems = [self.features.analyse(t).stem for t in tokens]
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


@snapshot.loader
def load_tagger() -> CRFTagger:
    """The shipped tagger, loaded once from package resources."""
    meta = json.loads(_read_resource(MODEL_META))
    config = FeatureConfig(**meta["features"])
    pass2 = _read_resource(meta["pass2"]) if meta.get("pass2") else None
    return CRFTagger(_read_resource(meta["pass1"]), pass2, Lexicons.load(), config,
                     DecodeConfig(**meta.get("decode", {})), meta)
