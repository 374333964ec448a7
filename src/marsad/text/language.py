"""The language of each paragraph and of the body: Arabic analyses run on Arabic paragraphs only.

A paragraph written in Arabic letters without the letters of Persian, Urdu and the other languages
written in Arabic script (پ چ ژ گ ک ی ے ٹ ڈ ڑ ں ھ …) is Arabic at once; any other paragraph is
classified by CLD2 (pycld2: its tables are in its wheel; it loads in milliseconds and a few MB
where py3langid takes 0.6 s and 120 MB; the candidates are measured in BENCHMARKS.md). A paragraph
too short to judge («(CNN)», a name, a date line) takes the language of the body around it. The
body's language is the one of most of its characters.

    doc = identify_language(segment(clean(doc)))
    doc.language                    # "ar", "fa", "en" … (None for an empty body)
    [p.language for p in doc.paragraphs]
"""
from __future__ import annotations

import re
from collections import Counter

import pycld2

from ..document import Document
from ..stage import stage

ARABIC = "ar"
UNDETERMINED = "und"  # ISO 639-2: letters in a language CLD2 cannot name
OLD_CODES = {"iw": "he", "in": "id", "jw": "jv"}  # CLD2 still writes Hebrew, Indonesian and Javanese the old way
# Letters of Persian, Urdu, Pashto, Kurdish, Uyghur … that Arabic does not use (Arabic news writes گ rarely, in
# foreign names: CLD2 then decides)
OTHER_ARABIC_SCRIPT = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06d2\u0679\u0688\u0691\u06ba\u06be\u06c1"
                                 "\u06c0\u06d5\u0695\u06b5\u06ce\u06c6\u06c7\u06c8\u06cb\u0681\u0685\u0693\u0696\u069a"
                                 "\u06bc\u06d0\u06ad]")
ARABIC_SCRIPT = "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc"
ARABIC_SCRIPT_LETTER = re.compile(f"[{ARABIC_SCRIPT}]")
NON_ARABIC_SCRIPT_LETTER = re.compile(rf"[^\W\d_{ARABIC_SCRIPT}]")
LETTER = re.compile(r"[^\W\d_]")
ARABIC_SHARE = 0.5  # a paragraph with at least this share of its letters in Arabic script is read by script
MIN_LETTERS = 20  # a paragraph with fewer letters is too short to classify: it takes the body's language
SHORT_PREFIX = 200  # characters in which a paragraph that is not short shows MIN_LETTERS letters
NOT_PROSE = re.compile(r"\S+@\S+|\S*://\S+|www\.\S+|@\w+")  # a writer's e-mail, a link, a handle: no language


def language_of(text: str) -> str | None:
    """ISO 639 code of a piece of text ("ar" for any Arabic, "und" when CLD2 cannot tell); None without letters."""
    others = len(NON_ARABIC_SCRIPT_LETTER.findall(text))  # few or none in Arabic text: cheap to count
    if not others and not ARABIC_SCRIPT_LETTER.search(text):
        return None
    arabic_script = not others or len(ARABIC_SCRIPT_LETTER.findall(text)) >= others * ARABIC_SHARE / (1 - ARABIC_SHARE)
    if arabic_script and not OTHER_ARABIC_SCRIPT.search(text):
        return ARABIC
    code = _cld2(text)
    if code is None:
        return ARABIC if arabic_script else UNDETERMINED
    return OLD_CODES.get(code, code)


def _cld2(text: str) -> str | None:
    """CLD2's language for the text, None when it cannot tell."""
    try:
        details = pycld2.detect(text)[2]
    except pycld2.error:  # CLD2 refuses some valid text («invalid UTF-8»): what it can read decides
        try:
            readable = "".join(ch for ch in text if ch.isalpha() or ch.isspace() or ch.isascii() and ch.isprintable())
            details = pycld2.detect(readable)[2]
        except pycld2.error:
            return None
    code = details[0][1].split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 and code != "un" else None


@stage(requires=("paragraphs",), provides=("language",))
def identify_language(doc: Document) -> Document:
    """Set `language` on each paragraph and on the document; warn when the body, or part of it, is not Arabic."""
    size: Counter[str] = Counter()  # characters of the paragraphs in each language
    short = []
    for p in doc.paragraphs:
        body = doc.span_text(p)
        words = NOT_PROSE.sub(" ", body) if "@" in body or "www" in body or "://" in body else body
        if len(LETTER.findall(words, 0, SHORT_PREFIX)) < MIN_LETTERS and len(LETTER.findall(words)) < MIN_LETTERS \
                and not OTHER_ARABIC_SCRIPT.search(words):
            short.append(p)
            continue
        p.language = language_of(body)
        if p.language:
            size[p.language] += len(body)
    doc.language = size.most_common(1)[0][0] if size else (language_of(doc.text) if doc.text else None)
    for p in short:
        p.language = doc.language
    foreign = Counter(p.language for p in doc.paragraphs if p.language not in (ARABIC, None))
    if foreign and not any(p.language == ARABIC for p in doc.paragraphs):
        doc.warn(f"the body is in another language ({doc.language}), not Arabic: no Arabic analyses of it")
    elif foreign:
        langs = ", ".join(code for code, _ in foreign.most_common())
        doc.warn(f"{sum(foreign.values())} of {len(doc.paragraphs)} paragraphs in another language ({langs}): "
                 "left out of the Arabic analyses")
    return doc
