"""The shipped NER model loads offline from package resources and tags real Arabic text."""
from __future__ import annotations

import pytest

import itertools

import numpy as np
import pycrfsuite

from marsad.ner import scoring
from marsad.ner.crf import LinearCRF, viterbi
from marsad.ner.features import document_hints
from marsad.ner.tagger import load_tagger, repair_iob

TYPES = {"PERSON", "ORG", "GPE", "LOC", "MISC"}
SENTENCE = "قال وزير الدفاع الأمريكي دونالد رامسفيلد في واشنطن إن الولايات المتحدة لن تنسحب من العراق .".split()


def _spans(tokens, labels):
    out, i = [], 0
    while i < len(labels):
        if labels[i].startswith("B-"):
            j = i + 1
            while j < len(labels) and labels[j] == "I-" + labels[i][2:]:
                j += 1
            out.append((labels[i][2:], " ".join(tokens[i:j])))
            i = j
        else:
            i += 1
    return out


def test_model_loads_offline_and_tags_real_sentence(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the NER model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    load_tagger.cache_clear()
    tagger = load_tagger()
    labels = tagger.tag(SENTENCE)
    assert len(labels) == len(SENTENCE)
    assert all(lab == "O" or (lab[:2] in ("B-", "I-") and lab[2:] in TYPES) for lab in labels)
    spans = _spans(SENTENCE, labels)
    assert ("GPE", "واشنطن") in spans
    assert ("GPE", "العراق") in spans
    assert any(kind == "PERSON" and "رامسفيلد" in text for kind, text in spans)


def test_tag_sentences_keeps_document_shape():
    tagger = load_tagger()
    doc = [SENTENCE, "وأضاف رامسفيلد أن القوات باقية .".split(), []]
    labels = tagger.tag_sentences(doc)
    assert [len(x) for x in labels] == [len(s) for s in doc]


def test_natural_locations_are_loc_not_gpe():
    tagger = load_tagger()
    tokens = "عبرت السفينة البحر الأحمر متجهة إلى مصر .".split()
    spans = _spans(tokens, tagger.tag(tokens))
    assert ("GPE", "مصر") in spans
    assert all(kind != "GPE" for kind, text in spans if text.startswith("البحر"))


def test_model_card_names_training_data_and_licences():
    tagger = load_tagger()
    assert any("ANERcorp" in d for d in tagger.meta["trained_on"])
    assert any("Benajiba" in lic for lic in tagger.meta["licence"])


@pytest.mark.parametrize("labels,expected", [
    (["I-ORG", "I-ORG"], ["B-ORG", "I-ORG"]),
    (["B-PERS", "I-ORG"], ["B-PERS", "B-ORG"]),
    (["O", "B-LOC", "I-LOC"], ["O", "B-LOC", "I-LOC"]),
])
def test_repair_iob(labels, expected):
    assert repair_iob(labels) == expected


def _crfsuite(tagger) -> list[pycrfsuite.Tagger]:
    models = []
    for model in tagger._model_bytes:
        models.append(pycrfsuite.Tagger())
        models[-1].open_inmemory(model)
    return models


def _by_crfsuite(tagger, models, sentences):
    """Both passes as crfsuite decodes them, from the feature strings it was trained on."""
    features = [tagger.features.sentence(s) for s in sentences]
    first = [models[0].tag(x) if x else [] for x in features]
    hints = document_hints([[tagger.features.stem(t) for t in s] for s in sentences], first)
    return [models[1].tag([f + h for f, h in zip(x, hs)]) if x else [] for x, hs in zip(features, hints)]


def test_the_weights_read_from_the_model_file_are_crfsuites():
    tagger = load_tagger()
    for model, data in zip(_crfsuite(tagger), tagger._model_bytes):
        crf = LinearCRF.from_crfsuite(data)
        info = model.info()
        assert crf.labels == model.labels()
        row = {a: i for i, a in enumerate(crf.attributes)}
        assert {a for a, _ in info.state_features} == set(crf.attributes)
        for (attribute, label), weight in info.state_features.items():
            assert crf.state[row[attribute], crf.labels.index(label)] == pytest.approx(weight, abs=1e-6)
        for (a, b), weight in info.transitions.items():
            assert crf.transition[crf.labels.index(a), crf.labels.index(b)] == pytest.approx(weight, abs=1e-6)


def test_viterbi_finds_the_best_path_of_every_sentence_at_once():
    rng = np.random.default_rng(7)
    transition = rng.normal(size=(4, 4))
    lengths = [3, 1, 4, 2, 4]
    scores = rng.normal(size=(sum(lengths), 4))
    got = viterbi(scores, lengths, transition).tolist()
    at = 0
    for n in lengths:
        own = scores[at:at + n]
        paths = sorted(itertools.product(range(4), repeat=n),
                       key=lambda p: -(own[range(n), p].sum() + sum(transition[a, b] for a, b in zip(p, p[1:]))))
        assert tuple(got[at:at + n]) == paths[0]
        at += n
    assert viterbi(np.zeros((0, 4)), [], transition).tolist() == []


def test_numpy_decoding_gives_crfsuites_labels_on_real_sentences(snn_articles, monkeypatch):
    """Both passes over the sentences of 40 SaudiNewsNet articles, the table of word types starting over on the
    way: the labels crfsuite's own decoding gives."""
    from marsad import analyze

    monkeypatch.setattr(scoring, "FORMS_KEPT", 3000)
    load_tagger.cache_clear()
    tagger = load_tagger()
    models = _crfsuite(tagger)
    tokens = 0
    for article in snn_articles[:40]:
        doc = analyze(article["content"])
        sentences = [[doc.span_text(t) for t in doc.tokens if s.start <= t.start < s.end] for s in doc.sentences]
        assert tagger.raw_document(sentences) == _by_crfsuite(tagger, models, sentences)
        tokens += sum(map(len, sentences))
    assert tokens > 10_000
    assert len(tagger.scorer._index) <= 3000
    load_tagger.cache_clear()
