"""Evaluation gate: the shipped taggers keep their ANERcorp CAMeL test scores (floors in golden/baseline-scores.json)."""
from __future__ import annotations

import hashlib

import pytest

from marsad.config import TaggerKind
from marsad.evaluate.ner import evaluate_ner

from ..conftest import BASELINE, SHARED

GATES = BASELINE["ner"]


@pytest.mark.parametrize("name", GATES)
def test_tagger_micro_f1_stays_above_its_floor(name):
    gate = GATES[name]
    path = SHARED / gate["file"]
    if not path.exists():
        pytest.skip(f"{path} not present")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == gate["sha256"], f"{path} changed: measure its floor again"
    report = evaluate_ner(path, TaggerKind(gate["tagger"]))
    last = report.splitlines()[-1]
    assert last.startswith("micro F1 ")
    assert float(last.split()[-1]) >= gate["floor"], report
