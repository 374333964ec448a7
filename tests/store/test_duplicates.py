"""Near-duplicates on SaudiNewsNet: copies of one story under another masthead or with a sentence added are found,
another story built on the same template is not."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from marsad.store.analyser import terms
from marsad.store.duplicates import THRESHOLD, DuplicateIndex, signature, similarity

from ..conftest import saudinewsnet_day

DAY = "2015-07-21"
FORECAST_MADINA = 1125  # the day's weather forecast of the Presidency of Meteorology, in al-Madina
FORECAST_WEEAM = 1967  # the same forecast in al-Weeam, under its own title
FORECAST_WEEAM_NIGHT = 1876  # al-Weeam's forecast of the night before: the same template, title and outlet
PASSPORTS = 1035  # an SPA story of al-Jazirah on the passport office's figures

MASTHEAD = "جدة - «المرصد» - خاص:"
ADDED_SENTENCE = "وأضاف المتحدث أن الجهات المعنية ستواصل متابعة الحالة وتقديم المستجدات أولا بأول عبر حساباتها الرسمية."


def body(n: int) -> str:
    return saudinewsnet_day(DAY)[n]["content"]


def sign(text: str) -> bytes:
    sig = signature(terms(text))
    assert sig is not None
    return sig


def with_masthead(text: str) -> str:
    return f"{MASTHEAD}\n{text}"


def with_sentence_added(text: str) -> str:
    first, _, rest = text.partition(".")
    return f"{first}. {ADDED_SENTENCE} {rest}"


def found_after(first: str, second: str) -> list[int]:
    index = DuplicateIndex()
    assert index.add(1, sign(first)) == []
    return index.add(2, sign(second))


@pytest.mark.parametrize("edit", [with_masthead, with_sentence_added])
def test_duplicates_edited_copy_is_found(edit):
    assert found_after(body(PASSPORTS), edit(body(PASSPORTS))) == [1]


def test_duplicates_copy_in_another_outlet_is_found():
    assert found_after(body(FORECAST_MADINA), body(FORECAST_WEEAM)) == [1]


def test_duplicates_another_forecast_on_the_same_template_is_not_found():
    assert found_after(body(FORECAST_WEEAM_NIGHT), body(FORECAST_WEEAM)) == []
    assert similarity(sign(body(FORECAST_WEEAM_NIGHT)), sign(body(FORECAST_WEEAM))) < THRESHOLD


def test_duplicates_different_story_of_the_day_is_not_found():
    assert found_after(body(PASSPORTS), body(FORECAST_WEEAM)) == []


def test_duplicates_every_earlier_copy_is_returned_sorted():
    index = DuplicateIndex()
    text = body(PASSPORTS)
    index.add(7, sign(text))
    index.add(3, sign(with_masthead(text)))
    index.add(5, sign(body(FORECAST_WEEAM)))
    assert index.add(9, sign(with_sentence_added(text))) == [3, 7]
    assert len(index) == 4


def test_duplicates_short_text_has_no_signature():
    assert signature(terms("وزير الخارجية يصل إلى الرياض في زيارة رسمية")) is None
    assert signature([]) is None


def test_duplicates_signature_is_the_same_twice_and_in_another_process():
    words = terms(body(PASSPORTS))
    sig = signature(words)
    assert sig == signature(list(words))
    code = ("import json, sys; from marsad.store.duplicates import signature; "
            "sys.stdout.write(signature(json.load(sys.stdin)).hex())")
    other = subprocess.run([sys.executable, "-c", code], input=json.dumps(words), capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert bytes.fromhex(other.stdout) == sig


def test_duplicates_identical_signatures_have_similarity_one():
    sig = sign(body(FORECAST_WEEAM))
    assert similarity(sig, sig) == 1.0
