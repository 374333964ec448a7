import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.normalise import fold


@pytest.mark.parametrize("written, folded", [
    ("أحمــد", "احمد"),          # tatweel, hamza on alef
    ("إلهام", "الهام"),
    ("آسيا", "اسيا"),
    ("الصينيّة", "الصينيه"),      # shadda, teh marbuta
    ("مصطفى", "مصطفي"),          # alef maqsura
    ("مُحَمَّدٌ", "محمد"),        # diacritics
    ("٢٠٢٣", "2023"),            # Eastern Arabic digits
    ("۱۴۰۲", "1402"),            # Persian digits
    ("ﻻ", "لا"),                 # presentation form: one glyph, two letters
])
def test_fold_variants(written, folded):
    assert fold(written) == folded


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
