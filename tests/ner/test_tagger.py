"""The shipped NER model loads offline from package resources and tags real Arabic text."""
from __future__ import annotations

import pytest

from marsad.ner.tagger import load_tagger, model_attributes, repair_iob

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


def test_the_attributes_read_from_the_dump_are_those_the_model_weighs():
    tagger = load_tagger()
    for model in (tagger._pass1, tagger._pass2):
        assert model_attributes(model) == {attr for attr, _ in model.info().state_features}
