"""The Arabic matching form: spelling variation folded, for matching only.

The matching form folds spelling variation that Arabic news text is full of
(alef and hamza seats, teh marbuta, alef maqsura, tatweel, diacritics, Eastern
Arabic digits, presentation forms). It is used for matching only: `Document.text`
is never replaced by it: a match maps back to the text through the offsets of
its tokens (and `word_forms.source_offset` within a token).
"""
from __future__ import annotations

import re
import unicodedata

# Characters removed from the matching form.
TATWEEL = "\u0640"
DIACRITICS = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD),
                                        *range(0x06DF, 0x06E5), 0x06E7, 0x06E8, *range(0x06EA, 0x06EE)])
DROPPED = DIACRITICS | {TATWEEL, "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"}

# One character in, one character out.
FOLD = {
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",  # آ أ إ ٱ -> ا
    "\u0629": "\u0647",  # ة -> ه
    "\u0649": "\u064a",  # ى -> ي
    "\u06cc": "\u064a", "\u06a9": "\u0643",  # Persian yeh and keheh
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
}
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
DROPPED_RE = re.compile("[" + "".join(sorted(DROPPED)) + "]")
LETTER_FOLDS = tuple((a, b) for a, b in FOLD.items() if not a.isdigit())
DIGITS = str.maketrans({a: b for a, b in FOLD.items() if a.isdigit()})
EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def _expand_presentation(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


def fold(text: str) -> str:
    """The matching form alone, for lexicon keys, tokens and queries.

    Made of C-speed passes (regex, str.replace): str.translate with a dict
    costs a Python-level lookup per character.
    """
    if PRESENTATION_FORMS.search(text):
        text = PRESENTATION_FORMS.sub(_expand_presentation, text)
    if DROPPED_RE.search(text):
        text = DROPPED_RE.sub("", text)
    for a, b in LETTER_FOLDS:
        if a in text:
            text = text.replace(a, b)
    if EASTERN_DIGIT.search(text):
        text = text.translate(DIGITS)
    return text
