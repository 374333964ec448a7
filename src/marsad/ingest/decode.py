"""Bytes to text, strictly, in this order: a BOM; a file signature (PNG, ZIP ...)
means binary; BOM-less UTF-16 by its high bytes; too many control bytes means
binary; UTF-8; the charset HTTP or <meta> declared; Windows-1256 when that reads
as Arabic; else UTF-8 with U+FFFD for the bad bytes, as a failure.

Each step is strict, so a file is either decoded as what it is or flagged:
nothing is ever read as Latin-1 and turned into mojibake. NUL and lone
surrogates become U+FFFD, with a warning.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ..document import Document
from ..text.word_forms import is_arabic_script

SAMPLE_BYTES = 65536  # heuristics look at the head of the input only: fast on 20 MB files
BINARY_CONTROL_SHARE = 0.10  # more control bytes than this (NUL included) is not text
UTF16_HIGH_BYTE_SHARE = 0.6  # code units whose high byte is below 0x20 (ASCII 0x00, Arabic 0x06 ...)
UTF16_LOW_BYTE_SHARE = 0.15  # and the low bytes mostly printable (newlines and tabs are not)
UTF16_MIN_SPACE_SHARE = 0.01  # a long UTF-16 guess with no white space at all is binary (16-bit samples)
UTF16_SPACE_CHECK_CHARS = 200
ARABIC_LETTER_SHARE = 0.8  # of the non-ASCII letters, when the bytes are read as Windows-1256
MIXED_WORD_SHARE = 0.05  # Arabic letters inside Latin words mean the guess was wrong (German ä → ن)

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (  # only signatures no text starts with
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an executable"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
)

# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r")
_ALL_CONTROL_BYTES = bytes(range(32))
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(slots=True, frozen=True)
class Issue:
    """Something a reader noticed: a warning for the record, a failure when the input could not be read."""

    message: str
    failure: bool = False


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str | None  # None: the bytes are not text
    issues: list[Issue] = field(default_factory=list)


def add_issues(doc: Document, issues: list[Issue]) -> None:
    for issue in issues:
        doc.warn(issue.message, failure=issue.failure)


def decode_text(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode one article's bytes; `declared` is a charset named by HTTP or a <meta> tag."""
    if not data:
        return Decoded("", "utf-8", [Issue("empty input")])
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with(data[len(bom):], codec, f"{codec} with BOM")
    kind = magic_kind(data)
    if kind:
        return _binary(kind)
    utf16 = sniff_utf16(data)
    if utf16:
        decoded = _try_utf16(data, utf16)
        if decoded:
            return decoded
    kind = control_kind(data)
    if kind:
        return _binary(kind)
    try:
        return _sanitised(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:  # UTF-8 whose only fault is encoded surrogates (CESU-8, lone surrogates)
        return _sanitised(data.decode("utf-8", "surrogatepass"), "utf-8")
    except UnicodeDecodeError:
        pass
    codec = _codec_name(declared)
    if codec and codec != "utf-8":
        try:
            return _sanitised(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    arabic = data.decode("cp1256")  # every byte is defined
    if looks_arabic(arabic[:SAMPLE_BYTES]):
        decoded = _sanitised(arabic, "cp1256")
        decoded.issues.insert(0, Issue("not UTF-8: decoded as Windows-1256 Arabic"))
        return decoded
    decoded = _sanitised(data.decode("utf-8", "replace"), "utf-8")
    decoded.issues.insert(0, Issue("not valid UTF-8 (nor Windows-1256 Arabic): undecodable bytes replaced by U+FFFD", failure=True))
    return decoded


def sanitise(text: str) -> tuple[str, list[Issue]]:
    """NUL and lone surrogates to U+FFFD; surrogate pairs left split by a codec are joined."""
    issues: list[Issue] = []
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
        issues.append(Issue("NUL characters replaced by U+FFFD"))
    if _SURROGATE.search(text):
        replacements = text.count("\ufffd")
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        if text.count("\ufffd") > replacements:
            issues.append(Issue("lone surrogates replaced by U+FFFD"))
    return text, issues


def magic_kind(data: bytes) -> str | None:
    """The file type its first bytes announce (PNG, ZIP, PDF ...), else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def control_kind(data: bytes) -> str | None:
    """Too many control bytes for text, else None."""
    sample = data[:SAMPLE_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > BINARY_CONTROL_SHARE * len(sample):
        return f"{controls} control bytes in the first {len(sample)}"
    return None


def sniff_utf16(data: bytes) -> str | None:
    """BOM-less UTF-16: on one side of the code units the high bytes, nearly all control bytes.

    0x00 for ASCII (spaces, digits, newlines), 0x06 for Arabic, 0x04 for Cyrillic;
    the low bytes on the other side are mostly printable. Text in UTF-8 never looks
    like this: tab, newline and carriage return do not count as high bytes, so
    «1\n2\n3\n» stays UTF-8.
    """
    sample = data[: SAMPLE_BYTES & ~1]
    units = len(sample) // 2
    if units < 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if _share(odd, _CONTROL_BYTES) >= UTF16_HIGH_BYTE_SHARE and _share(even, _ALL_CONTROL_BYTES) <= UTF16_LOW_BYTE_SHARE:
        return "utf-16-le"
    if _share(even, _CONTROL_BYTES) >= UTF16_HIGH_BYTE_SHARE and _share(odd, _ALL_CONTROL_BYTES) <= UTF16_LOW_BYTE_SHARE:
        return "utf-16-be"
    return None


def _share(data: bytes, members: bytes) -> float:
    return (len(data) - len(data.translate(None, members))) / len(data)


def looks_arabic(text: str) -> bool:
    """Arabic text, not Latin text read through the wrong code page."""
    foreign = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
    arabic = sum(1 for ch in foreign if is_arabic_script(ch))
    if not arabic or arabic < ARABIC_LETTER_SHARE * len(foreign):
        return False
    words = [w for w in _WORD.findall(text) if any(is_arabic_script(ch) for ch in w)]
    mixed = sum(1 for w in words if any(ch.isascii() for ch in w))
    return mixed <= MIXED_WORD_SHARE * len(words)


def _binary(kind: str) -> Decoded:
    return Decoded("", None, [Issue(f"binary input ({kind}), not text", failure=True)])


def _try_utf16(data: bytes, codec: str) -> Decoded | None:
    try:
        text = data.decode(codec, "surrogatepass")
    except UnicodeDecodeError:
        return None
    sample = text[:SAMPLE_BYTES]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\x0b\x0c\r")
    if controls > BINARY_CONTROL_SHARE * len(sample):
        return None
    spaces = sum(1 for ch in sample if ch.isspace())
    if len(sample) >= UTF16_SPACE_CHECK_CHARS and spaces < UTF16_MIN_SPACE_SHARE * len(sample):
        return None
    return _sanitised(text, codec)


def _decode_with(data: bytes, codec: str, label: str) -> Decoded:
    try:
        return _sanitised(data.decode(codec, "surrogatepass"), codec)
    except UnicodeDecodeError as err:
        decoded = _sanitised(data.decode(codec, "replace"), codec)
        decoded.issues.insert(0, Issue(f"invalid {label} at byte {err.start}: undecodable bytes replaced by U+FFFD", failure=True))
        return decoded


def _sanitised(text: str, codec: str) -> Decoded:
    text, issues = sanitise(text)
    if not text:
        issues.insert(0, Issue("empty input"))
    return Decoded(text, codec, issues)


def _codec_name(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
