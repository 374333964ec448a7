"""Paragraphs, sentences and tokens of the cleaned text, all as offsets into it."""
from __future__ import annotations

import re

from ..document import Document, Paragraph, Sentence, Token
from ..stage import stage
from .language import ARABIC
from .word_forms import token_forms

MARKS = "\u064B-\u065F\u0670\u0640\u06D6-\u06ED"
TOKEN = re.compile(rf"\d+(?:[.,٫٬/:]\d+)+|[\w{MARKS}]+|\S")  # decimals and dates, words (letters, digits, marks), marks
PARAGRAPH = re.compile(r"[^\n]+")

SENTENCE_END = re.compile(r"[.!?؟…]+[\"'»”’)\]]*")
QUOTE_CHARS = "«»“”„\""
QUOTE_MARK = re.compile(f"[{QUOTE_CHARS}]")
OPENERS = "«“„\""
CLOSERS = "»”\"“"
MAX_QUOTED_SENTENCE = 600  # a quote longer than this is split like running text
ABBREVIATION_BEFORE_DOT = re.compile(r"(?:^|[\s(])(?:[^\W\d_]|[^\W\d_]\.[^\W\d_]|ص\.ب|إلخ|الخ|ت|هـ|م)$")
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")  # left-to-right, right-to-left and Arabic letter marks


@stage(requires=("text",), provides=("paragraphs", "sentences"))
def segment(doc: Document) -> Document:
    """Add paragraphs and sentences to a cleaned document."""
    text = doc.text
    doc.paragraphs = [Paragraph(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
    doc.sentences = [s for p in doc.paragraphs for s in split_sentences(text, p.start, p.end)]
    return doc


@stage(requires=("paragraphs", "language"), provides=("tokens",))
def tokenize(doc: Document) -> Document:
    """Add the tokens that the Arabic analyses (entities, quotes, events) read: those of the Arabic paragraphs."""
    doc.tokens = [t for p in doc.paragraphs if p.language in (ARABIC, None) for t in find_tokens(doc.text, p.start, p.end)]
    return doc


def find_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words, numbers and single punctuation marks, with their matching forms."""
    tokens = []
    append, forms = tokens.append, token_forms
    for m in TOKEN.finditer(text, start, len(text) if end is None else end):
        append(Token(m.start(), m.end(), *forms[m.group()]))
    return tokens


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of matched quote marks within one paragraph («…», “…”, "…", and mixed pairs such as "…”)."""
    regions = []
    opened = None
    for m in QUOTE_MARK.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if opened is None:
            if ch in OPENERS or (ch == "”" and any(c in CLOSERS for c in text[i + 1:end])):
                opened = i
        elif ch in CLOSERS or ch == "»":
            regions.append((opened, i + 1))
            opened = None
        elif ch == "«":
            opened = i
    return regions


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of one paragraph: split after . ! ? ؟ … but not inside quotes, numbers or abbreviations."""
    quoted = [r for r in quote_regions(text, start, end) if r[1] - r[0] <= MAX_QUOTED_SENTENCE]
    sentences = []
    begin = start
    for m in SENTENCE_END.finditer(text, start, end):
        if not _is_boundary(text, m, quoted):
            continue
        _append_trimmed(sentences, text, begin, m.end())
        begin = m.end()
    _append_trimmed(sentences, text, begin, end)
    return sentences


def _is_boundary(text: str, m: re.Match, quoted: list[tuple[int, int]]) -> bool:
    pos = m.start()
    if any(a < pos and m.end() < b for a, b in quoted):
        return False
    if m.group() == ".":
        after = pos + 1
        while after < len(text) and text[after] in DIRECTION_MARKS:
            after += 1
        if after < len(text) and text[after].isdigit() and pos > 0 and text[pos - 1].isdigit():
            return False  # 3.5, 29.11.2023, «28.\u200f20» (a right-to-left mark inside the number)
        if ABBREVIATION_BEFORE_DOT.search(text, max(0, pos - 6), pos):
            return False  # د. U.S. ص.ب.
    nxt = m.end()
    return nxt >= len(text) or not text[nxt].isalnum()


def _append_trimmed(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(start, end))
