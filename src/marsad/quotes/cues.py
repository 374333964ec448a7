"""The words of reported speech: cue verbs and participles (with the gender they agree with), and the
complementizers أن/إن that open an indirect clause. Lists in `resources/quotes/`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..document import Token
from ..resources import data_rows
from ..text.normalise import fold
from ..text.word_forms import folded_word_lists

CONJUNCTIONS = ("و", "ف")  # «وقال», «فأضاف»

_WORDS = folded_word_lists("quotes/words.tsv")
COMPLEMENTIZERS = _WORDS["complementizer"]
NOT_SPEECH = _WORDS["not_speech"]  # «بعد أن», «دون أن»
ON_CLAUSE = _WORDS["on_clause"]  # «أكد على أهمية …»: the lemmas whose clause may open with على
ON = _WORDS["on"]
RELATIVE = _WORDS["relative"]  # «…، الذي قال»
NOT_SUBJECT = _WORDS["not_subject"]  # «لاحقا», «في وقت سابق»: no one named between a cue and the words said


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str  # «قال» for قالت، يقول، قائلا …
    gender: str  # m | f: of the speaker the form agrees with


@lru_cache(maxsize=1)
def _cues() -> dict[str, Cue]:
    return {fold(form): Cue(lemma, gender) for form, lemma, gender in data_rows("quotes/cues.tsv")}


def without_conjunction(norm: str) -> str:
    return norm[1:] if norm[:1] in CONJUNCTIONS and len(norm) > 3 else norm


def cue_of(token: Token) -> Cue | None:
    """The speech cue a token is («وقال», «مضيفا», «أكدت»), or None."""
    cues = _cues()
    return cues.get(token.norm) or cues.get(without_conjunction(token.norm))


def opens_clause(token: Token, cue: Cue) -> bool:
    """أن/إن, or على after a cue of emphasis («أكد على أهمية …»)."""
    return is_complementizer(token) or (token.norm in ON and fold(cue.lemma) in ON_CLAUSE)


def is_complementizer(token: Token) -> bool:
    """أن/إن or one of their pronoun forms («وأن», «بأنه», «إنها»)."""
    return token.norm in COMPLEMENTIZERS or without_conjunction(token.norm) in COMPLEMENTIZERS


def cue_start(token: Token) -> int:
    """Where the cue word begins: after a و or ف written onto it («وقال»)."""
    cues = _cues()
    return token.start + 1 if token.norm not in cues and without_conjunction(token.norm) in cues else token.start
