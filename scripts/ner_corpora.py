"""Readers for the NER training corpora in ../shared/data/ner/, mapped onto ANERcorp's types (training only:
the scripts here import it; the package does not).

The tagger is trained on ANERcorp's label set (PERS, LOC, ORG, MISC); other
corpora are mapped onto it here, so any trainer (the CRF now, a neural tagger
later) reads the same `Sentence` lists. `dev_split` is the fixed development
split: the last DEV_FRACTION of ANERcorp train.txt.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from marsad.ner.iob import Sentence, entities, read_conll
from marsad.text.normalise import fold

DEV_FRACTION = 0.10

# NewsFANE Gold fine types -> ANERcorp types (None drops the span: Group is a
# set of people, facilities are not ANERcorp entities).
NEWSFANE_TYPES = {
    **dict.fromkeys(["Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                     "Businessperson", "Lawyer", "Engineer", "Police"], "PERS"),
    **dict.fromkeys(["Government", "Non-Governmental", "Media", "Sports", "Commercial", "Educational",
                     "Medical-Science", "Religious_ORG", "Entertainment"], "ORG"),
    **dict.fromkeys(["Nation", "Population-Center", "State-or-Province", "County-or-District",
                     "GPE-Cluster", "Continent", "Water-Body", "Land-Region-Natural", "Land"], "LOC"),
    **dict.fromkeys(["Book", "Movie", "Software", "Hardware", "Food", "Drug", "Projectile", "Shooting",
                     "Plant", "Water", "Air"], "MISC"),
}
WOJOOD_TYPES = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

# WikiFANE Gold's fine classes (51 in the file) -> ANERcorp types, by what ANERcorp CAMeL train.txt does with such
# names: GPEs and natural places are LOC; named buildings (البيت الأبيض, الكعبة, المسجد الأقصى,
# stadiums) are MISC there; a street, strait or airport name is LOC. None drops the span (O): groups
# of people (العرب, المسلمين: O in ANERcorp), celestial bodies (الأرض, الشمس, القمر: O), sub-areas
# of buildings, plants, and weapon classes that are mostly common nouns (السيف, المدفع, القنبلة الذرية).
WIKIFANE_TYPES = {
    **NEWSFANE_TYPES,
    "Land": "MISC",  # WikiFANE's Land is vehicles (كورولا, فيراري), as Air and Water
    **dict.fromkeys(["Path", "Airport"], "LOC"),
    "Building-Grounds": "MISC",
    **dict.fromkeys(["Sound", "Chemical", "Shooting", "Exploding"], "MISC"),
    **dict.fromkeys(["Group", "Celestial", "Subarea-Facility", "Plant", "Blunt", "Sharp", "Projectile",
                     "Nuclear"], None),
}
# AQMAR: PER/LOC/ORG and the article-specific miscellaneous classes MIS0-MIS3 (typos included).
AQMAR_TYPES = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG",
               **dict.fromkeys(["MIS", "MISC", "MIS0", "MIS1", "MIS2", "MIS3", "MISS1", "MIS1`", "MIS-1",
                                "MIS-2"], "MISC")}
INVISIBLE = str.maketrans("", "", "\u200e\u200f\ufeff")

# WikiFANE splits clitics off as tokens (و كتاب ها); ANERcorp keeps them on the word (وكتابها).
WIKIFANE_PROCLITICS = frozenset("وفلبك")
WIKIFANE_ENCLITICS = frozenset(["ه", "ها", "هم", "هما", "هن", "كم", "نا", "ي", "ك"])
PRONOUN_ENCLITICS = frozenset(["هم", "هما", "هن"])  # also free pronouns: not glued after a definite noun
ALEF_MAQSURA_PREPOSITIONS = frozenset(["على", "الى", "لدى"])  # على + ه -> عليه (else رمى + ه -> رماه)


def dev_split(sentences: Sequence[Sentence], fraction: float = DEV_FRACTION) -> tuple[list, list]:
    cut = int(round(len(sentences) * (1 - fraction)))
    return list(sentences[:cut]), list(sentences[cut:])


def _relabel(n: int, spans: list[tuple[str, int, int]]) -> list[str]:
    tags = ["O"] * n
    for t, a, b in spans:
        tags[a] = "B-" + t
        for i in range(a + 1, b + 1):
            tags[i] = "I-" + t
    return tags


def read_anercorp(path: str | Path) -> list[Sentence]:
    return read_conll(path)


def read_newsfane(path: str | Path) -> list[Sentence]:
    out = []
    for s in read_conll(path):
        spans = [(NEWSFANE_TYPES[t], a, b) for t, a, b in entities(s.tags) if NEWSFANE_TYPES.get(t)]
        out.append(Sentence(s.tokens, _relabel(len(s.tokens), spans)))
    return out


def _is_arabic_word(token: str) -> bool:
    return "\u0621" <= token[:1] <= "\u064a"


def _valid_iob2(tags: list[str]) -> list[str]:
    """I-X after O or after another type becomes B-X (merging clitics can leave such a tag)."""
    out = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def _attach_suffix(word: str, suffix: str) -> str:
    if word.endswith("ة"):
        return word[:-1] + "ت" + suffix
    if word.endswith("ى"):
        return word[:-1] + ("ي" if word in ALEF_MAQSURA_PREPOSITIONS else "ا") + suffix
    return word + suffix


def _attach_prefix(prefix: str, word: str) -> str:
    if prefix.endswith("ل") and word.startswith("ال"):
        return prefix + word[1:]  # ل + الكتاب -> للكتاب
    return prefix + word


def rejoin_clitics(tokens: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    """Glue WikiFANE's split clitics back on: an enclitic onto the word before it (that word's tag),
    then proclitics onto the word after them (its tag; B- when the proclitic opened the entity).
    ك is an enclitic only before punctuation or the end (الممالي ك ،), else a proclitic (ك ما)."""
    words: list[str] = []
    labels: list[str] = []
    n = len(tokens)
    for i, (tok, tag) in enumerate(zip(tokens, tags)):
        prev = words[-1] if words else ""
        enclitic = tok in WIKIFANE_ENCLITICS and _is_arabic_word(prev)
        if tok == "ك" and i + 1 < n and _is_arabic_word(tokens[i + 1]):
            enclitic = False
        if tok in PRONOUN_ENCLITICS and prev.startswith("ال") and prev not in ALEF_MAQSURA_PREPOSITIONS \
                and prev != "الي":
            enclitic = False
        if enclitic:
            words[-1] = _attach_suffix(prev, tok)
            continue
        words.append(tok)
        labels.append(tag)
    out_words: list[str] = []
    out_labels: list[str] = []
    pending: list[tuple[str, str]] = []
    for tok, tag in zip(words, labels):
        if tok in WIKIFANE_PROCLITICS:
            pending.append((tok, tag))
            continue
        if pending and _is_arabic_word(tok):
            prefix = "".join(p for p, _ in pending)
            if tag.startswith("I-") and any(t == "B-" + tag[2:] for _, t in pending):
                tag = "B-" + tag[2:]
            tok = _attach_prefix(prefix, tok)
        else:
            for p, t in pending:
                out_words.append(p)
                out_labels.append(t)
        pending = []
        out_words.append(tok)
        out_labels.append(tag)
    for p, t in pending:
        out_words.append(p)
        out_labels.append(t)
    return out_words, _valid_iob2(out_labels)


def _read_token_tag(path: str | Path, sep: str | None) -> list[tuple[list[str], list[str]]]:
    """(tokens, tags) per sentence of a two-column file; invisible marks (LRM, RLM, BOM) stripped."""
    out = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            cols = line.rstrip("\r\n").split(sep)
            token = cols[0].translate(INVISIBLE).strip() if cols else ""
            if not token:
                if tokens:
                    out.append((tokens, tags))
                    tokens, tags = [], []
                continue
            tokens.append(token)
            tags.append(cols[1].strip() if len(cols) > 1 and cols[1].strip() else "O")
    if tokens:
        out.append((tokens, tags))
    return out


def _map_types(tags: list[str], types: dict[str, str | None]) -> list[str]:
    return _relabel(len(tags), [(types[t], a, b) for t, a, b in entities(tags) if types.get(t)])


def read_wikifane(path: str | Path) -> list[Sentence]:
    """WikiFANE Gold, clitics re-attached, fine classes mapped (WIKIFANE_TYPES).
    Its hamza-alef forms stay folded to ا (the tagger's features fold them anyway)."""
    out = []
    for tokens, tags in _read_token_tag(path, "\t"):
        tokens, tags = rejoin_clitics(tokens, tags)
        out.append(Sentence(tokens, _map_types(tags, WIKIFANE_TYPES)))
    return out


def _aqmar_tag(tag: str) -> str:
    tag = tag.replace("--", "-")  # I--ORG
    if tag in ("O", "IO", "OO") or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    if prefix not in ("B", "I") or kind not in AQMAR_TYPES:
        return "O"  # B-ENGLISH, B-SPANISH: language marks, not entity types
    return f"{prefix}-{kind}"


def read_aqmar(folder: str | Path) -> list[Sentence]:
    """AQMAR: every article file of the folder, tags cleaned (_aqmar_tag) and mapped (AQMAR_TYPES)."""
    out = []
    for path in sorted(Path(folder).glob("*.txt")):
        for tokens, tags in _read_token_tag(path, None):
            tags = _valid_iob2([_aqmar_tag(t) for t in tags])
            out.append(Sentence(tokens, _map_types(tags, AQMAR_TYPES)))
    return out


def read_wojood(path: str | Path) -> list[Sentence]:
    """Nested Wojood: every tag column is one layer; mapped spans are kept outermost first."""
    out = []
    tokens: list[str] = []
    layers: list[list[str]] = []

    def flush() -> None:
        if not tokens:
            return
        width = max(len(row) for row in layers)
        spans: list[tuple[str, int, int]] = []
        taken = [False] * len(tokens)
        for col in range(width):
            column = [row[col] if col < len(row) else "O" for row in layers]
            for t, a, b in entities(column):
                mapped = WOJOOD_TYPES.get(t)
                if mapped and not any(taken[a:b + 1]):
                    spans.append((mapped, a, b))
                    for i in range(a, b + 1):
                        taken[i] = True
        out.append(Sentence(list(tokens), _relabel(len(tokens), sorted(spans, key=lambda s: s[1]))))

    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            cols = line.split()
            if not cols:
                flush()
                tokens, layers = [], []
                continue
            tokens.append(cols[0])
            layers.append(cols[1:] or ["O"])
    flush()
    return out


OVERLAP_WORDS = 5  # sentences sharing this many consecutive words with a held-out split are its copies


def shares_words_with(sentences: Sequence[Sentence], held_out: Sequence[Sentence]) -> list[bool]:
    """For each sentence: does it share a run of OVERLAP_WORDS (folded) words with the held-out sentences?
    NewsFANE reuses ANERcorp text, so its copies of dev or test sentences must not be trained on."""
    n = OVERLAP_WORDS
    grams: set[tuple[str, ...]] = set()
    for s in held_out:
        words = [fold(t) for t in s.tokens]
        grams.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    flags = []
    for s in sentences:
        words = [fold(t) for t in s.tokens]
        flags.append(any(tuple(words[i:i + n]) in grams for i in range(len(words) - n + 1)))
    return flags

