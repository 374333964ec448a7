"""Arabic word forms for matching, one definition each: the letter test, proclitics, the article,
the first forms of a word, offsets back to the text, and the particles of names.

Every analysis matches words on their matching form (`normalise.fold`). A
proclitic (و ف ب ل ك س) comes off only when what remains is a better-attested
word than the whole form: `بوتين` is not و + تين and `لبنان` is not ل + بنان.
`لل` is ل + ال, so `للصين` gives the stem `الصين`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..document import Token
from ..resources import data_rows
from .lexicon import word_counts
from .normalise import DROPPED, fold

FORMS_KEPT = 30_000  # distinct word forms each per-form cache keeps (this one and the stages'): past it a cache
# starts over or drops its oldest, so memory stays flat however long the run (the first 1,000 articles fill one);
# 100,000 ran 8% faster and took 170 MB more (BENCHMARKS.md, issue 13)

# --- letters -----------------------------------------------------------------
ARABIC_LETTER = re.compile("[\u0621-\u064a]")  # the letters of the matching form, hamza to yeh


def has_arabic_letter(text: str) -> bool:
    return ARABIC_LETTER.search(text) is not None


def is_arabic_script(ch: str) -> bool:
    """Any character of the Arabic blocks: Persian and Urdu letters and presentation forms too."""
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc"


# --- proclitics and the article ----------------------------------------------
ARTICLE = "ال"
AND_PREFIX = "و"  # the conjunction a name most often carries (وبوتين)
CONJUNCTIONS = (AND_PREFIX, "ف")
PREPOSITIONS = ("ب", "ل", "ك")
FUTURE = "س"
IMPERFECT_PREFIXES = frozenset("يتنا")
PROCLITIC_LETTERS = frozenset(CONJUNCTIONS + PREPOSITIONS)  # one letter that may stand before a name
# A conjunction and a preposition together, then each alone: the groups tried before a name, longest first.
PROCLITIC_GROUPS = (*(c + p for c in CONJUNCTIONS for p in PREPOSITIONS), *CONJUNCTIONS, *PREPOSITIONS)
MIN_STEM_LETTERS = 2  # لا، ما، هو are words; one letter is not
NISBA_ENDINGS = ("ي", "يه")  # الوطني، الخيريه (ة folded to ه)
LIKE = "ك"
RARE_WORD = 100  # a whole form seen fewer times than this in prose may carry a proclitic before a name


def is_nisba(form: str) -> bool:
    """A definite nisba adjective («الوطني», «الخيريه» with ة folded to ه)."""
    return form.startswith(ARTICLE) and len(form) > 4 and form.endswith(NISBA_ENDINGS)


def strip_article(form: str) -> str:
    """The form without a leading ال (unchanged when it has none)."""
    return form[len(ARTICLE):] if form.startswith(ARTICLE) else form


def article_stem(form: str) -> str | None:
    """What follows a leading ال when that is a stem (MIN_STEM_LETTERS or more), else None."""
    if form.startswith(ARTICLE) and len(form) - len(ARTICLE) >= MIN_STEM_LETTERS:
        return form[len(ARTICLE):]
    return None


def toggle_article(form: str) -> str:
    """The other form of a word: without its ال, or with one added."""
    stem = article_stem(form)
    return stem if stem is not None else ARTICLE + form


def attestation(form: str) -> int:
    """How well a matching form is attested as a whole word (prose counts, with a floor for listed names)."""
    return word_counts().get(form, 0)


def _decompositions(form: str) -> list[tuple[str, str]]:
    """Every (prefix, stem) the proclitic grammar allows, the unsplit form first."""
    out = [("", form)]
    for conj in ("", *CONJUNCTIONS):
        if conj and not form.startswith(conj):
            continue
        rest = form[len(conj):]
        if conj:
            out.append((conj, rest))
        if rest.startswith("لل"):
            out.append((conj + "ل", "ا" + rest[1:]))
        for prep in PREPOSITIONS:
            if rest.startswith(prep):
                out.append((conj + prep, rest[1:]))
        if rest.startswith(FUTURE) and rest[1:2] in IMPERFECT_PREFIXES:
            out.append((conj + FUTURE, rest[1:]))
    return [(p, s) for p, s in out if len(s) >= MIN_STEM_LETTERS]


@lru_cache(maxsize=FORMS_KEPT)
def split_clitics(form: str) -> tuple[str, str]:
    """(prefix, stem) of a matching form: the best-attested stem wins, the whole form on ties."""
    best = ("", form)
    best_count = attestation(form)
    for prefix, stem in _decompositions(form)[1:]:
        count = attestation(stem)
        if count > best_count:
            best, best_count = (prefix, stem), count
    return best


class Forms(NamedTuple):
    """The matching forms of one token: `norm`, its proclitics and its stem."""

    norm: str
    prefix: str
    stem: str




class TokenForms(dict):
    """Surface -> (norm, prefix, stem), analysed on first sight and remembered: a hit is one dict look-up.

    The values are plain tuples, which the garbage collector stops tracking; a cache of objects it
    tracks costs every full collection a walk over hundreds of thousands of them.
    """

    def __missing__(self, surface: str) -> tuple[str, str, str]:
        norm = fold(surface)
        if len(norm) > 2 and ARABIC_LETTER.match(norm):
            prefix, stem = split_clitics(norm)
            forms = (norm, prefix, stem)
        else:
            forms = (norm, "", norm)
        if len(self) >= FORMS_KEPT:
            self.clear()
        self[surface] = forms
        return forms


token_forms = TokenForms()  # token_forms["والصين"] -> ("والصين", "و", "الصين"), as Token's norm, prefix, stem


# --- the first word of a name -------------------------------------------------
@dataclass(slots=True, frozen=True)
class FirstForm:
    """A matching form of a name's first token and how many matching-form letters precede it."""

    form: str
    skip: int  # letters of the token's matching form left out of the mention (the proclitic)


def first_forms(tok: Token) -> tuple[FirstForm, ...]:
    """The token as written, then without a proclitic group; a split the prose counts disfavour is not tried,
    nor ك "like" before a word without ال («كسرت» "broke" is no ك + Sirte; «كالرياض» is like Riyadh)."""
    return first_forms_of(tok.norm, tok.prefix, tok.stem)


@lru_cache(maxsize=FORMS_KEPT)
def first_forms_of(norm: str, prefix: str, stem: str) -> tuple[FirstForm, ...]:
    """first_forms of a token given by its matching form, proclitics and stem (cached)."""
    out = [FirstForm(norm, 0)]
    if prefix and stem != norm and not (prefix.endswith(LIKE) and not stem.startswith(ARTICLE)):
        skip = len(prefix) if norm == prefix + stem else 0  # ل + لصين -> الصين keeps the token
        out.append(FirstForm(stem, skip))
    whole = attestation(norm)
    for group in PROCLITIC_GROUPS:
        rest = norm[len(group):]
        if not norm.startswith(group) or len(rest) < MIN_STEM_LETTERS:
            continue
        if group.endswith(LIKE) and not rest.startswith(ARTICLE):
            continue
        if group.endswith("ل") and rest.startswith("ل"):
            out.append(FirstForm(ARTICLE + rest[1:], 0))  # للصين
        if whole <= attestation(rest) or whole < RARE_WORD:
            out.append(FirstForm(rest, len(group)))
    seen: set[str] = set()
    return tuple(f for f in out if not (f.form in seen or seen.add(f.form)))


def source_offset(text: str, start: int, end: int, letters: int) -> int:
    """Index in `text` after `letters` matching-form letters of the token at [start, end)."""
    if letters <= 0:
        return start
    seen = 0
    for i in range(start, end):
        if text[i] in DROPPED:
            continue
        seen += 1
        if seen == letters:
            j = i + 1
            while j < end and text[j] in DROPPED:  # diacritics on the proclitic stay with it
                j += 1
            return j
    return start


# --- word lists ----------------------------------------------------------------
def folded_word_lists(relative: str) -> dict[str, frozenset[str]]:
    """A shipped `list<TAB>word` file as folded word sets by list name."""
    lists: dict[str, set[str]] = defaultdict(set)
    for name, word in data_rows(relative):
        lists[name].add(fold(word))
    return {name: frozenset(words) for name, words in lists.items()}


_NAME_WORDS = folded_word_lists("text/name-particles.tsv")
PATRONYMIC = _NAME_WORDS["patronymic"]  # the links of a name chain: بن، عبد، أبو …
FILIATION = _NAME_WORDS["filiation"]  # بن، ابن، بنت: the words before a father's name
NAME_PARTICLES = PATRONYMIC | _NAME_WORDS["particle"]  # never a surname on their own: also دي، فون، سان …
