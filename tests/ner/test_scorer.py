"""The entity-level scorer counts as seqeval's default (non-strict IOB2) mode does."""
from __future__ import annotations

import pytest

from marsad.evaluate.ner import entities, map_labels, read_conll, score

# Hand-made case. Gold: PERS رامسفيلد, LOC واشنطن, ORG وزارة الدفاع, PERS جورج بوش.
CONLL = """\
قال O
رامسفيلد B-PERS
في O
واشنطن B-LOC
إن O
وزارة B-ORG
الدفاع I-ORG
. O

التقى O
جورج B-PERS
بوش I-PERS
. O
"""
# Predicted: PERS right; LOC right; ORG cut short (wrong span); the I- after O opens a chunk
# (seqeval's default), typed PERS over بوش only (wrong span); an extra MISC.
PREDICTED = [
    ["O", "B-PERSON", "O", "B-GPE", "O", "B-ORG", "O", "B-MISC"],
    ["O", "O", "I-PERSON", "O"],
]


@pytest.fixture()
def conll_file(tmp_path):
    path = tmp_path / "case.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


def test_scorer_counts_match_seqeval_on_hand_made_case(conll_file):
    sentences = read_conll(conll_file)
    assert [len(s.tokens) for s in sentences] == [8, 4]
    counts = score([s.tags for s in sentences], [map_labels(p) for p in PREDICTED])
    assert sum(counts.gold.values()) == 4
    assert sum(counts.pred.values()) == 5
    assert sum(counts.tp.values()) == 2  # رامسفيلد PERS, واشنطن LOC
    p, r, f = counts.micro()
    assert (round(p, 4), round(r, 4)) == (0.4, 0.5)
    assert counts.per_type()["LOC"][2] == 1.0
    seqeval = pytest.importorskip("seqeval.metrics")
    gold = [s.tags for s in sentences]
    pred = [map_labels(x) for x in PREDICTED]
    assert f == pytest.approx(seqeval.f1_score(gold, pred))
    assert p == pytest.approx(seqeval.precision_score(gold, pred))


@pytest.mark.parametrize("labels", [
    ["B-PER", "I-PER", "O", "B-LOC"],
    ["I-PER", "I-PER", "B-PER", "I-LOC"],
    ["O", "I-ORG", "B-ORG", "I-ORG", "I-PER"],
    [],
])
def test_entities_equal_seqeval_get_entities(labels):
    get_entities = pytest.importorskip("seqeval.metrics.sequence_labeling").get_entities
    assert entities(labels) == get_entities(labels)


def test_marsad_types_map_onto_anercorp():
    assert map_labels(["B-PERSON", "I-PERSON", "B-GPE", "B-LOC", "I-ORG", "O"]) == \
        ["B-PERS", "I-PERS", "B-LOC", "B-LOC", "I-ORG", "O"]
