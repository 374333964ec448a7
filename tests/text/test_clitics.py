import pytest

from marsad.text.clitics import split_clitics
from marsad.text.normalise import fold


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
