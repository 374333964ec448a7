"""The words of reported speech: cue verbs and participles (with the gender they agree with), and the
complementizers أن/إن that open an indirect clause. Lists in `resources/quotes/`."""
from __future__ import annotations

from collections.abc import Sequence
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
RELAY = _WORDS["relay"]  # «ونقلت الوكالة عن …»: the subject passes on what the speaker after عن said
FROM = _WORDS["from"]
FROM_PRONOUN = {**dict.fromkeys(_WORDS["from_m"], "m"), **dict.fromkeys(_WORDS["from_f"], "f")}  # «عنه», «عنها»
SAYING = _WORDS["saying"]  # «قوله»
KIN = _WORDS["kin"]  # «والدة», «محامي»: before a name, someone else speaks
STATEMENT = _WORDS["statement"]  # «البيان»: a document speaks for the body that issued it
SOURCE = _WORDS["source"]  # «حسبما», «بحسب», «وفقا»
SOURCE_FORMS = SOURCE | {c + w for c in CONJUNCTIONS for w in SOURCE}  # «وبحسب»
SOURCE_FILLER = _WORDS["source_filler"]
SOURCE_NOUN = _WORDS["source_noun"]
ADDRESS = _WORDS["address"]  # «رسالة», «اتصال»: the addressee follows إلى, مع or ل
TO = _WORDS["to"]
CLAUSE_ONLY = _WORDS["clause_only"]
NOUN_BEFORE = _WORDS["noun_before"]
HONORIFIC_PRONOUN = _WORDS["honorific_pronoun"]  # «سموه»: the last speaker
TOPIC = _WORDS["topic"]  # «وعن …», «وحول …»: a name after them is no subject  # «عدم ذكر»: a cue form after them is a verbal noun  # «بين»: a cue only before its clause


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str  # «قال» for قالت، يقول، قائلا …
    gender: str  # m | f: of the speaker the form agrees with
    participle: bool = False  # «مضيفا»: no subject of its own


@lru_cache(maxsize=1)
def _cues() -> dict[str, Cue]:
    return {fold(form): Cue(lemma, gender, part == "participle") for form, lemma, gender, part in data_rows("quotes/cues.tsv")}


@lru_cache(maxsize=1)
def _cue_forms() -> dict[str, Cue]:
    """Every cue form, also with و or ف written onto it («وقال»)."""
    cues = _cues()
    with_conjunction = {c + form: cue for form, cue in cues.items() for c in CONJUNCTIONS if len(c + form) > 3}
    return {**with_conjunction, **cues}


def without_conjunction(norm: str) -> str:
    return norm[1:] if norm[:1] in CONJUNCTIONS and len(norm) > 3 else norm


def cue_of(token: Token) -> Cue | None:
    """The speech cue a token is («وقال», «مضيفا», «أكدت»), or None."""
    return cue_of_form(token.norm)


def cues_in(tokens: Sequence[Token]) -> dict[int, Cue]:
    """The cue tokens of a text, by index, in their context: none after «عدم» or «دون» («الذي فضل عدم ذكر اسمه»: a
    verbal noun)."""
    forms = _cue_forms()
    out = {}
    for c, tok in enumerate(tokens):
        cue = forms.get(tok.norm)
        if cue is not None and not (c > 0 and tokens[c - 1].norm in NOUN_BEFORE):
            out[c] = cue
    return out


def cue_of_form(norm: str) -> Cue | None:
    return _cue_forms().get(norm)


def relays(cue: Cue) -> bool:
    """«نقل»: the subject passes on what the speaker after «عن» said."""
    return fold(cue.lemma) in RELAY


def clause_only(token: Token) -> bool:
    """«وبين»: a cue only when its clause follows (after nothing but a name)."""
    return without_conjunction(token.norm) in CLAUSE_ONLY


def is_from(token: Token) -> bool:
    """«عن», «عنه», «عنها»: where a relayed speaker is named."""
    return token.norm in FROM or token.norm in FROM_PRONOUN


def is_source_word(token: Token) -> bool:
    """«حسبما», «وبحسب», «وفقا»: a word that credits who passed something on."""
    return token.norm in SOURCE_FORMS


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
