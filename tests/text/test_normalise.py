import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.normalise import fold, normalise


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


def test_normalise_maps_back_to_the_original_words():
    text = "قال أحمــد: «مُحَمَّد» ٢٠٢٣"
    n = normalise(text)
    start = n.form.index("محمد")
    a, b = n.source_span(start, start + len("محمد"))
    assert text[a:b] == "مُحَمَّد"
    assert text[slice(*n.source_span(n.form.index("2023"), len(n.form)))] == "٢٠٢٣"


def test_normalise_expands_presentation_forms_with_offsets():
    n = normalise("ﻻ بد")
    assert n.form == "لا بد"
    assert n.offsets[:2] == (0, 0)


@given(st.text())
def test_normalise_offsets_always_point_inside_the_text(text):
    n = normalise(text)
    assert len(n.offsets) == len(n.form)
    assert all(0 <= i < len(text) for i in n.offsets)
    assert list(n.offsets) == sorted(n.offsets)
    assert n.form == fold(text)
