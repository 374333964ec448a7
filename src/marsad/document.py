"""Document, spans and the typed layers: the one vocabulary every stage shares.

A Document owns `text`, set once by cleaning. Every layer holds half-open
`[start, end)` spans into it; the words of a span are always derived from
`text`, never stored beside it. A layer's name (`text`, `sentences`,
`tokens`, `role_phrases`, `entities` …) is the name of its Document field: stages
declare what they require and provide by those names. Nothing of marsad is
imported here: the record (`record.py`) is built from a Document, not by it.
"""
from __future__ import annotations

import bisect

import hashlib
from dataclasses import dataclass, field

SCHEMA = "marsad.article/1"


def digest(value: str | bytes | memoryview) -> str:
    """sha256 hex of a string (UTF-8, lone surrogates kept) or of bytes."""
    data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
    return hashlib.sha256(data).hexdigest()


EMPTY_BODY_HASH = digest("")[:16]  # the body hash of an article with no text


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Section(Span):
    heading: str | None = None


@dataclass(slots=True)
class Paragraph(Span):
    language: str | None = None  # ISO 639 code, "ar" for any Arabic (set by the language stage)


@dataclass(slots=True)
class Sentence(Span):
    pass


@dataclass(slots=True)
class Token(Span):
    """A word, number or punctuation mark, with its matching forms.

    `norm` is the normalised surface; `stem` is `norm` without the proclitics
    in `prefix` (و ف ب ل ك س); `لل` is split as ل + ال, so the stem keeps the article.
    """

    norm: str
    prefix: str = ""
    stem: str = ""

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalpha()


@dataclass(slots=True)
class RolePhrase(Span):
    """A role or title phrase (الرئيس الروسي، وزير الخارجية، الجنرال), over tokens `[first, last)`.

    `start` leaves a proclitic out; `key` is its matching form, `head` the same
    without the nisba adjective that gave `country`; `agent` is the CAMEO agent
    code of the role (GOV, MIL …); `kind` is `office`, `title` (a rank) or
    `honorific` (الدكتور، الشيخ: a form of address); `former` when the text
    says the role is no longer held (الرئيس السابق).
    """

    first: int
    last: int
    key: str
    head: str
    agent: str | None
    country: str | None
    kind: str
    former: bool = False


@dataclass(slots=True)
class Mention(Span):
    pass


@dataclass(slots=True)
class Entity:
    id: str
    type: str  # PERSON | ORG | GPE | LOC | MISC
    name: str
    mentions: list[Mention]
    name_en: str | None = None
    kb_id: str | None = None
    wikidata: str | None = None
    country: str | None = None
    actor: str | None = None
    coordinates: tuple[float, float] | None = None
    roles: list[str] = field(default_factory=list)  # offices and ranks held now, as written
    former_roles: list[str] = field(default_factory=list)  # «الرئيس السابق»
    honorifics: list[str] = field(default_factory=list)  # forms of address: الدكتور، الشيخ


@dataclass(slots=True)
class Quote(Span):
    """What someone said: `start`/`end` cover the words said (no quote marks, no cue); `kind` is direct (inside
    quote marks), indirect (the clause after أن/إن) or mixed (such a clause with a quoted part). `speaker` and
    `addressee` are entity ids; `speaker_text` the words that name the speaker here (None when only an earlier
    quote names them); `carried` when the speaker comes from an earlier quote («وأضاف:» names nobody)."""

    kind: str
    cue: Span | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    addressee: str | None = None
    source: str | None = None
    carried: bool = False


@dataclass(slots=True)
class Actor:
    """One side of an event: the entity (an id, or None when the text names nobody) and its CAMEO actor code."""

    entity: str | None
    actor: str | None


@dataclass(slots=True)
class Event:
    """Who did what to whom: a CAMEO `code` (its root, PLOVER type, quad class and Goldstein score come from the
    codebook), the `trigger` word and the `sentence` that tell it, the date (`date_value` and the words of the date,
    `date_span`, when the sentence gives one; else the publication day), the `place` (an entity id), and whether the
    text denies it (`negated`) or reports it inside a quote (`reported`)."""

    code: str
    source: Actor
    target: Actor
    trigger: Span
    sentence: Span
    date_value: str | None = None
    date_span: Span | None = None
    place: str | None = None
    negated: bool = False
    reported: bool = False
    confidence: float = 0.5


@dataclass(slots=True)
class DateExpression(Span):
    """A time the text names: `value` an ISO 8601 prefix at its `grain` (day YYYY-MM-DD, week YYYY-Www, month YYYY-MM,
    year YYYY), resolved against the publication date; None for vague times, durations, and relative ones with no
    publication date."""

    value: str | None
    grain: str  # day | week | month | year | vague | duration


@dataclass(slots=True)
class Source:
    """Where an article came from."""

    format: str  # text | html | jsonl | warc
    path: str | None = None
    line: int | None = None
    input_id: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Document:
    """One article: its text, metadata and the layers stages add to it."""

    source: Source
    raw: str = ""  # the article as read, before cleaning
    raw_digest: str = ""  # hash of the raw bytes, for the id when there is no url or path
    text: str = ""
    body_hash: str = EMPTY_BODY_HASH  # set by cleaning, with `text`: equal for copies of one story
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None  # the writer the page or the body's first line credits
    language: str | None = None  # of the body: ISO 639 code, "ar" for any Arabic; None for an empty body
    wire_sources: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    role_phrases: list[RolePhrase] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: bool = False  # input that could not be read, decoded or parsed, or a stage that raised
    failed_stages: dict[str, str] = field(default_factory=dict)  # stage name -> the error's type
    skipped_stages: dict[str, str] = field(default_factory=dict)  # stage name -> the layer it lacked
    stored_id: str | None = None  # the id of the record this Document was rebuilt from

    def span_text(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def warn(self, message: str, *, failure: bool = False) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
        self.failed = self.failed or failure

    @property
    def id(self) -> str:
        """Stable and independent of how the input was named: a hash of the url, else of the input's own id (a JSON
        Lines `id`, a WARC record id), else of the raw content; or the stored record's id."""
        if self.stored_id is not None:
            return self.stored_id
        src = self.source
        if src.url:
            key = "url:" + src.url
        elif src.input_id:
            key = "input:" + src.input_id
        else:
            key = "raw:" + (self.raw_digest or digest(self.raw))
        return digest(key)[:16]


def inside(spans: list[tuple[int, int]], char: int) -> bool:
    """Whether `char` lies in one of the sorted spans (the last one starting at or before it)."""
    k = bisect.bisect_right(spans, (char, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= char < spans[k][1]
