import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.segment import find_tokens
from marsad.text.normalise import fold
from marsad.text.word_forms import (NAME_PARTICLES, PATRONYMIC, PROCLITIC_GROUPS, article_stem, first_forms,
                                    has_arabic_letter, is_arabic_script, source_offset, split_clitics, strip_article,
                                    toggle_article, token_forms)


@pytest.mark.parametrize("word, prefix, stem", [
    ("والصين", "و", "الصين"),
    ("للصين", "ل", "الصين"),      # لل = ل + ال
    ("وبالصين", "وب", "الصين"),
    ("لروسيا", "ل", "روسيا"),
    ("وبوتين", "و", "بوتين"),
    ("لليبيا", "ل", "ليبيا"),
    ("سيقول", "س", "يقول"),
    ("وقال", "و", "قال"),
])
def test_split_clitics_splits_a_prefix_off_a_known_word(word, prefix, stem):
    assert split_clitics(fold(word)) == (prefix, fold(stem))


@pytest.mark.parametrize("word", ["بوتين", "لبنان", "بكين", "فرنسا", "وزير", "كتاب", "بلاد", "ليبيا", "بيروت"])
def test_split_clitics_keeps_words_that_only_begin_like_a_clitic(word):
    assert split_clitics(fold(word)) == ("", fold(word))


def test_split_clitics_never_leaves_a_one_letter_stem():
    assert split_clitics("بل") == ("", "بل")


def test_token_forms_split_arabic_words_only():
    assert token_forms["والصين"] == (fold("والصين"), "و", fold("الصين"))
    assert token_forms["Washington"] == ("Washington", "", "Washington")
    assert token_forms["٢٠٢٣"] == ("2023", "", "2023")


def test_proclitic_groups_are_tried_longest_first():
    assert PROCLITIC_GROUPS[:6] == ("وب", "ول", "وك", "فب", "فل", "فك")
    assert set(PROCLITIC_GROUPS[6:]) == {"و", "ف", "ب", "ل", "ك"}


@pytest.mark.parametrize("form, stripped, stem, toggled", [
    ("الصين", "صين", "صين", "صين"),
    ("روسيا", "روسيا", None, "الروسيا"),
    ("الم", "م", None, "الالم"),       # ال + one letter is no stem
    ("ال", "", None, "الال"),
])
def test_article_helpers(form, stripped, stem, toggled):
    assert strip_article(form) == stripped
    assert article_stem(form) == stem
    assert toggle_article(form) == toggled


def first_form_texts(text: str) -> list[tuple[str, str]]:
    """Each first form of the one token of `text`, with the words of `text` it leaves for the mention."""
    tok = find_tokens(text)[0]
    return [(f.form, text[source_offset(text, tok.start, tok.end, f.skip):tok.end]) for f in first_forms(tok)]


def test_first_forms_leave_the_proclitic_outside_the_mention():
    forms = dict(first_form_texts("لتشانج"))
    assert forms["تشانج"] == "تشانج"
    assert dict(first_form_texts("وبكين"))["بكين"] == "بكين"


def test_first_forms_keep_the_token_of_li_plus_article():
    assert dict(first_form_texts("للصين"))[fold("الصين")] == "للصين"  # the article's alef is not written


def test_source_offset_keeps_diacritics_on_the_proclitic():
    text = "وَبوتين"
    tok = find_tokens(text)[0]
    assert text[source_offset(text, tok.start, tok.end, 1):] == "بوتين"


@given(st.text(alphabet="وبلكفالصينَُـ ", max_size=12))
def test_source_offset_stays_inside_the_token(text):
    for tok in find_tokens(text):
        for form in first_forms(tok):
            assert tok.start <= source_offset(text, tok.start, tok.end, form.skip) <= tok.end


def test_letter_tests():
    assert has_arabic_letter("The minister قال") and not has_arabic_letter("Only Latin 123")
    assert is_arabic_script("پ") and is_arabic_script("ﻻ") and not is_arabic_script("a")
    assert not has_arabic_letter("پ")  # a Persian letter is not in the matching form's alphabet


def test_name_particles():
    assert {fold(w) for w in ("بن", "عبد", "أبو", "آل")} <= PATRONYMIC
    assert {"فون", "دي", "سان"} <= NAME_PARTICLES and PATRONYMIC <= NAME_PARTICLES
    assert "فون" not in PATRONYMIC
