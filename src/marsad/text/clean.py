"""Cleaning: from the raw article to `text`, title, outlet, sections and credited agencies.

Only boilerplate and white space change: the letters, tatweel, diacritics and
quote marks of the article stay as written. Each boilerplate rule is a small
function over the article's lines; the phrases they look for live in
`resources/text/boilerplate.tsv`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document, Section, digest
from ..resources import data_rows
from ..stage import stage
from .agencies import find_wire_sources
from .normalise import fold
from .outlets import outlet_named

MAX_TITLE_CHARS = 200  # the contract's bound on a title line
MAX_PROMPT_WORDS = 8  # share prompts, staff lines and "read also" headings are short
MAX_LISTED_HEADLINE_WORDS = 20  # a "read also" list holds headlines, not paragraphs
MAX_OUTLET_WORDS = 3  # an unlisted outlet line right after the title is a name, not a sentence
MAX_BYLINE_WORDS = 6  # «حوار: آسيا العتروس», «كتب: محمد بن عبد الله الفلاني»
BYLINE_MARK = re.compile(r"\s*[:：\-–—/]\s*")  # between the credit word and the name
MIN_HEADING_WORDS = 2  # one word alone is a name or a caption
MAX_HEADING_WORDS = 10
HEADING_START = re.compile(r"[^\W\d_]|[«\"“]")
BYLINE_SEPARATOR = re.compile(r"\s[-–—ـ]\s|^[-–—ـ]|[-–—ـ]$")  # «عين اليوم – الرياض», «ناصر – واس»
MAX_HEADING_CHARS = 100
MIN_PARAGRAPH_AFTER_HEADING_WORDS = 12  # a heading introduces a real paragraph, not another short line
MAX_STAFF_NAME_WORDS = 5
MIN_BLOCK_LINES = 2  # one short line may repeat by chance (a heading); a block of them pasted twice is chrome
MAX_BLOCK_LINES = 30  # mastheads and nav bars are short; bounds the search on huge inputs
LARGE_ARTICLE_CHARS = 1_000_000  # an article this long is likely several pasted together, and slow to analyse

PARAGRAPH_BREAK = "\n\n"
NAME_WORD = r"(?:[^\W\d_]|[\u064B-\u065F\u0640])+"
NAME_LINE = re.compile(rf"{NAME_WORD}(?: {NAME_WORD})*")
SENTENCE_FINAL = tuple(".!?؟…:؛،,;")
SENTENCE_END = tuple(".!?؟…\"”»")
SPACES = re.compile(r"[^\S\n]+")
SPACES_TO_TIDY = re.compile(r"[^\S\n ]|  ")
BAD_CHARS = re.compile("[\x00\ud800-\udfff]")
CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
MEDIA_LINK = re.compile(r"!\[[^\]\n]*\]\([^)]*\)")  # markdown images left by scrapers, URL sometimes broken over lines
MAX_CONTACT_WORDS = 60  # a writer's contact footer, pasted onto one line with its SMS codes
NOT_ALNUM = re.compile(r"[\W_]+")  # what str.isalnum() rejects: re's \w is isalnum() or "_"
MORE_LINK = re.compile(r"(?:\.{2,}|…)\s*(?:المزيد|اقرأ المزيد|إقرأ المزيد)\s*$")


@dataclass(slots=True, frozen=True)
class Line:
    text: str
    key: str  # matching form, for the phrase rules
    words: int

    @classmethod
    def of(cls, raw_line: str) -> Line:
        text = SPACES.sub(" ", raw_line).strip() if SPACES_TO_TIDY.search(raw_line) else raw_line.strip()
        return cls(text, fold(text), text.count(" ") + 1 if text else 0)


@lru_cache(maxsize=1)
def boilerplate_phrases() -> dict[str, tuple[str, ...]]:
    phrases: dict[str, list[str]] = defaultdict(list)
    for rule, phrase in data_rows("text/boilerplate.tsv"):
        phrases[rule].append(fold(phrase))
    return {rule: tuple(sorted(p, key=len, reverse=True)) for rule, p in phrases.items()}


@stage(requires=("raw",), provides=("text", "sections", "wire_sources"))
def clean(doc: Document) -> Document:
    """Set `text` (and its `body_hash`), `title`, `outlet`, `sections` and `wire_sources` from `doc.raw`."""
    raw = MEDIA_LINK.sub("", replace_bad_characters(doc))
    lines = [Line.of(s) for s in raw.split("\n")]
    lines = drop_staff_credits(lines)
    lines = drop_repeated_blocks(lines)
    lines = drop_read_also(lines)
    lines = drop_prompts(lines)
    lines = drop_trailers(lines)
    paragraphs = [line for line in lines if line.text]
    paragraphs = take_title(doc, paragraphs)
    paragraphs = take_outlet(doc, paragraphs)
    paragraphs = take_byline(doc, paragraphs)
    doc.text = PARAGRAPH_BREAK.join(p.text for p in paragraphs)
    doc.body_hash = body_hash(doc.text)
    doc.sections = find_sections(doc.text, paragraphs)
    doc.wire_sources = find_wire_sources(doc.text)
    if not doc.text:
        doc.warn("empty body: no article text after cleaning")
    if len(doc.text) > LARGE_ARTICLE_CHARS:
        doc.warn(f"article of {len(doc.text):,} characters (over {LARGE_ARTICLE_CHARS:,}): analysed as one, slowly")
    return doc


def body_hash(text: str) -> str:
    """Equal for copies of one story: hash of the matching form with white space and punctuation dropped."""
    return digest(NOT_ALNUM.sub("", fold(text)))[:16]


def replace_bad_characters(doc: Document) -> str:
    """NUL, lone surrogates and C0 controls cannot be shown or serialised: U+FFFD (or a space) in their place."""
    raw = doc.raw.replace("\r\n", "\n").replace("\r", "\n")
    if BAD_CHARS.search(raw):
        raw = BAD_CHARS.sub("\ufffd", raw)
        doc.warn("NUL bytes or lone surrogates replaced by U+FFFD")
    return CONTROL.sub(" ", raw)


def _starts_with(key: str, phrases: tuple[str, ...]) -> str | None:
    for phrase in phrases:
        if key.startswith(phrase) and (len(key) == len(phrase) or not key[len(phrase)].isalpha()):
            return phrase
    return None


def drop_staff_credits(lines: list[Line]) -> list[Line]:
    """Masthead staff lines («رئيس التحرير» then a name, or «رئيس التحرير: name» on one line)."""
    staff = boilerplate_phrases()["staff"]
    kept: list[Line] = []
    skip_name = False
    for line in lines:
        if skip_name and line.text:
            skip_name = False
            if line.words <= MAX_STAFF_NAME_WORDS and not line.text.endswith(SENTENCE_FINAL):
                continue
        phrase = _starts_with(line.key, staff) if line.words <= MAX_PROMPT_WORDS else None
        if phrase is not None:
            skip_name = len(line.key.strip(" :/-")) == len(phrase)
            continue
        kept.append(line)
    return kept


def drop_repeated_blocks(lines: list[Line]) -> list[Line]:
    """A block of short lines pasted twice in a row (a masthead, a nav bar) keeps no copy; a repeated
    paragraph keeps its first."""
    text_lines = [line for line in lines if line.text]
    keys = [line.key for line in text_lines]
    dropped: set[int] = set()
    i = 0
    while i < len(keys):
        size = _repeated_block_at(text_lines, keys, i)
        dropped.update(id(line) for line in text_lines[i:i + 2 * size])
        i += 2 * size or 1
    seen: set[str] = set()
    kept: list[Line] = []
    for line in lines:
        if id(line) in dropped or (line.text and line.key in seen):
            continue
        if line.words > MAX_PROMPT_WORDS:
            seen.add(line.key)
        kept.append(line)
    return kept


def _repeated_block_at(lines: list[Line], keys: list[str], i: int) -> int:
    """Length of the longest block of short lines starting at i that the next lines repeat (0 if none)."""
    for size in range(min(MAX_BLOCK_LINES, (len(keys) - i) // 2), MIN_BLOCK_LINES - 1, -1):
        if keys[i + size] == keys[i] and keys[i:i + size] == keys[i + size:i + 2 * size] and all(
                line.words <= MAX_PROMPT_WORDS for line in lines[i:i + size]):
            return size
    return 0


def drop_read_also(lines: list[Line]) -> list[Line]:
    """«اقرأ أيضا» and its list of headlines, up to the next blank line or a paragraph (long, or ending with a full stop)."""
    phrases = boilerplate_phrases()["read_also"]
    kept: list[Line] = []
    in_list = False
    for line in lines:
        if in_list:
            if line.text and line.words <= MAX_LISTED_HEADLINE_WORDS and not line.text.endswith("."):
                continue
            in_list = False
        phrase = _starts_with(line.key, phrases) if line.words <= MAX_LISTED_HEADLINE_WORDS else None
        if phrase is not None:
            in_list = len(line.key.rstrip(": ")) == len(phrase)  # the heading alone: its headlines follow
            continue
        kept.append(line)
    return kept


def drop_prompts(lines: list[Line]) -> list[Line]:
    """Share and follow prompts, writers' contact footers, «...المزيد» teasers and copyright lines."""
    share = boilerplate_phrases()["share"]
    contact = boilerplate_phrases()["contact"]
    footer = boilerplate_phrases()["footer"]
    copyright_ = boilerplate_phrases()["copyright"]
    kept = []
    for line in lines:
        short = line.words <= MAX_PROMPT_WORDS
        if short and _starts_with(line.key, share) is not None:
            continue
        if line.words <= MAX_CONTACT_WORDS and (_starts_with(line.key, contact) is not None
                                                or any(p in line.key for p in footer)):
            continue
        if line.words <= MAX_LISTED_HEADLINE_WORDS and any(p in line.key for p in copyright_):
            continue
        if (line.text.endswith("المزيد") and MORE_LINK.search(line.text)) or (short and line.key.strip(" .…") in ("المزيد", "للمزيد")):
            continue
        kept.append(line)
    return kept


def drop_trailers(lines: list[Line]) -> list[Line]:
    """Comment-policy and newsletter blocks at the end of a page: «ترحب شبكة CNN بالنقاش … مراجعة التعليقات قبل
    نشرها», «الآراء الواردة أدناه لا تعبر عن رأي الموقع» (only at the end: an article may quote such words)."""
    phrases = boilerplate_phrases()["trailer"]
    end = len(lines)
    while end and (not lines[end - 1].text or (lines[end - 1].words <= MAX_CONTACT_WORDS
                                               and any(p in lines[end - 1].key for p in phrases))):
        end -= 1
    return lines[:end]


def _is_title_like(line: Line) -> bool:
    return len(line.text) < MAX_TITLE_CHARS and not line.text.endswith(SENTENCE_FINAL)


def take_title(doc: Document, paragraphs: list[Line]) -> list[Line]:
    """The first line is the title when short and unpunctuated (or when it repeats the given title)."""
    if not paragraphs:
        return paragraphs
    first = paragraphs[0]
    if doc.title:
        same = " ".join(first.key.split()) == " ".join(fold(doc.title).split())
        return paragraphs[1:] if same else paragraphs
    if len(paragraphs) > 1 and _is_title_like(first):
        doc.title = first.text
        return paragraphs[1:]
    return paragraphs


def take_byline(doc: Document, paragraphs: list[Line]) -> list[Line]:
    """A short first line crediting the writer («حوار: آسيا العتروس», «كتب - محمد علي») is the byline."""
    if len(paragraphs) < 2 or paragraphs[0].words > MAX_BYLINE_WORDS:
        return paragraphs
    line = paragraphs[0]
    phrase = _starts_with(line.key, boilerplate_phrases()["byline"])
    if phrase is None or not BYLINE_MARK.match(line.key, len(phrase)):
        return paragraphs  # «كتب الوزير في تغريدة …» is a sentence, not a credit
    credited = BYLINE_MARK.split(line.text, maxsplit=1)[-1].strip()
    if not credited:
        return paragraphs
    doc.byline = doc.byline or credited  # (the page's own author field first)
    return paragraphs[1:]


def take_outlet(doc: Document, paragraphs: list[Line]) -> list[Line]:
    """A line naming an outlet from the list (or a short name right after the title) is the outlet."""
    if len(paragraphs) < 2:
        return paragraphs
    line = paragraphs[0]
    outlet = outlet_named(line.text)
    if outlet is not None:
        doc.outlet = doc.outlet or outlet.name
        return paragraphs[1:]
    unlisted = doc.title is not None and line.words <= MAX_OUTLET_WORDS and NAME_LINE.fullmatch(line.text)
    if unlisted and not doc.outlet:
        doc.outlet = line.text
        return paragraphs[1:]
    return paragraphs


def _is_heading(previous: Line | None, line: Line, following: Line | None) -> bool:
    """A short unpunctuated line between two full paragraphs (not a byline, dateline or caption)."""
    return (previous is not None and following is not None
            and (previous.words >= MIN_PARAGRAPH_AFTER_HEADING_WORDS or previous.text.endswith(SENTENCE_END))
            and following.words >= MIN_PARAGRAPH_AFTER_HEADING_WORDS
            and MIN_HEADING_WORDS <= line.words <= MAX_HEADING_WORDS and len(line.text) <= MAX_HEADING_CHARS
            and not line.text.endswith(SENTENCE_FINAL) and HEADING_START.match(line.text) is not None
            and not BYLINE_SEPARATOR.search(line.text))


def find_sections(text: str, paragraphs: list[Line]) -> list[Section]:
    """Sections in order, covering `text`; a section with a heading starts with it (the first has none)."""
    if not text:
        return []
    starts: list[tuple[int, str | None]] = [(0, None)]
    offset = 0
    for i, line in enumerate(paragraphs):
        previous = paragraphs[i - 1] if i > 0 else None
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if _is_heading(previous, line, following):
            starts.append((offset, line.text))
        offset += len(line.text) + len(PARAGRAPH_BREAK)
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return [Section(start, end, heading) for (start, heading), end in zip(starts, ends)]
