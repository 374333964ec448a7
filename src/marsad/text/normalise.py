"""Arabic matching form with an offset map back to the original text.

The matching form folds spelling variation that Arabic news text is full of
(alef and hamza seats, teh marbuta, alef maqsura, tatweel, diacritics, Eastern
Arabic digits, presentation forms). It is used for matching only: `Document.text`
is never replaced by it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(slots=True, frozen=True)
class Normalised:
    """A matching form and, for each of its characters, the index of the original character."""

    form: str
    offsets: tuple[int, ...]
    source_length: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the matching form back to the original text."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else self.source_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


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


def normalise(text: str) -> Normalised:
    """Build the matching form of `text` with its offset map."""
    if not PRESENTATION_FORMS.search(text):
        offsets = tuple(i for i, ch in enumerate(text) if ch not in DROPPED)
        return Normalised(fold(text), offsets, len(text))
    out: list[str] = []
    offsets_list: list[int] = []
    for i, ch in enumerate(text):
        folded = fold(ch)
        out.append(folded)
        offsets_list.extend([i] * len(folded))
    return Normalised("".join(out), tuple(offsets_list), len(text))
