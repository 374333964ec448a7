"""Feature extraction copes with any input: empty, Latin, long documents."""
from __future__ import annotations

import pytest

from marsad.ner.tagger import load_tagger


@pytest.fixture(scope="module")
def tagger():
    return load_tagger()


@pytest.mark.parametrize("tokens", [
    [],
    [""],
    ["Reuters", "said", "on", "Monday", "."],
    ["ـــ", "\u064b\u064c", "٢٠٢٤", "«", "»", "\x00"],
    ["ﻻ", "ﷲ", "بِسْمِ", "ورامسفيلد", "للصين"],
])
def test_features_and_tagging_handle_odd_input(tagger, tokens):
    feats = tagger.features.sentence(tokens)
    assert len(feats) == len(tokens)
    assert all(isinstance(f, str) for row in feats for f in row)
    assert len(tagger.tag(tokens)) == len(tokens)


def test_ten_thousand_token_input(tagger):
    tokens = ("أعلن الرئيس بوتين في موسكو أن شركة غازبروم ستزيد صادراتها إلى أوروبا ، " * 800).split()[:10_000]
    labels = tagger.tag(tokens)
    assert len(labels) == 10_000
    assert labels.count("O") < 10_000


def test_word_features_are_the_same_for_every_occurrence(tagger):
    first = tagger.features.word("واشنطن")
    assert tagger.features.word("واشنطن") == first and first.stem == tagger.features.stem("واشنطن")


def test_clitic_stripped_gazetteer_match(tagger):
    norm, prefix, stem = tagger.features.analyse("وواشنطن")
    assert (prefix, stem) == ("و", "واشنطن")
