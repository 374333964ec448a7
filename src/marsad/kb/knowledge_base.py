"""The knowledge base shipped in the package: entries, and lookup by matching form.

The artefact (`marsad/resources/kb/kb.jsonl.gz`) is built by `scripts/build_kb.py`
from `../shared/data/` and the curated files in `kb/curated/`. Each line after the
header is one entry; the lookup index (folded name forms -> entries) is built here
at load time so the artefact stays small and readable.
"""
from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from ..resources import snapshot
from ..text.normalise import fold
from ..text.word_forms import FORMS_KEPT, article_stem, toggle_article

ARTEFACT = "kb.jsonl.gz"
# Match kinds, best first: the entry's canonical name, one of its variants.
CANONICAL, VARIANT = 0, 1


CITY_ID = "m:city:"
CLUB_ID = "m:club:"


@dataclass(slots=True, frozen=True)
class KBEntry:
    """One knowledge-base entity. `ambiguous` is True on entries returned for a form
    that is also a common Arabic word (link them only with supporting context)."""

    id: str
    type: str  # PERSON | ORG | GPE | LOC | MISC
    name: str  # canonical Arabic name
    variants: tuple[str, ...]
    name_en: str | None
    country: str | None  # ISO 3166 alpha-3
    actor: str | None  # CAMEO actor code
    coordinates: tuple[float, float] | None  # latitude, longitude
    wikidata: str | None  # only when a named source gave it
    source: str
    roles: tuple[str, ...] = ()
    ambiguous: bool = False
    prior: float = 0.0  # salience: larger for countries and curated entries; a city's population
    since: str | None = None  # ISO date or year it came into being: no article before then names it

    @property
    def is_club(self) -> bool:
        """A football club (kb/curated/clubs*.tsv), read as the club only in sports news."""
        return self.id.startswith(CLUB_ID)

    @property
    def is_city(self) -> bool:
        """A city or town of GeoNames (not a region, governorate or country)."""
        return self.id.startswith(CITY_ID)


@dataclass(slots=True, frozen=True)
class _Hit:
    entry: int  # index into entries
    kind: int  # CANONICAL or VARIANT


def entry_from_record(record: dict) -> KBEntry:
    coords = record.get("coordinates")
    return KBEntry(
        id=record["id"],
        type=record["type"],
        name=record["name"],
        variants=tuple(record.get("variants", ())),
        name_en=record.get("name_en"),
        country=record.get("country"),
        actor=record.get("actor"),
        coordinates=(float(coords[0]), float(coords[1])) if coords else None,
        wikidata=record.get("wikidata"),
        source=record["source"],
        roles=tuple(record.get("roles", ())),
        ambiguous=bool(record.get("ambiguous", False)),
        prior=float(record.get("prior", 0.0)),
        since=record.get("since"),
    )


class KnowledgeBase:
    """Entries plus indexes: by id, by folded name form, by folded nisba adjective."""

    def __init__(self, records: Sequence[dict], header: dict | None = None) -> None:
        self.header = header or {}
        self._entries: tuple[KBEntry, ...] = tuple(entry_from_record(r) for r in records)
        self._by_id = {e.id: e for e in self._entries}
        self._ambiguous_keys: set[str] = set()
        self._index: dict[str, list[_Hit]] = {}
        self._nisba: dict[str, int] = {}
        for i, (record, entry) in enumerate(zip(records, self._entries)):
            self._add(fold(entry.name), _Hit(i, CANONICAL))
            for variant in entry.variants:
                self._add(fold(variant), _Hit(i, VARIANT))
            self._ambiguous_keys.update(record.get("ambiguous_forms", ()))
            for form in record.get("nisba", ()):
                self._nisba.setdefault(fold(form), i)
        for hits in self._index.values():
            hits.sort(key=lambda h: (-self._entries[h.entry].prior, h.kind, self._entries[h.entry].id))
        self._looked_up: dict[str, tuple[KBEntry, ...]] = {}  # lookup's answers, remembered

    def _add(self, key: str, hit: _Hit) -> None:
        hits = self._index.setdefault(key, [])
        for j, old in enumerate(hits):
            if old.entry == hit.entry:
                if hit.kind < old.kind:
                    hits[j] = hit
                return
        hits.append(hit)

    @property
    def entries(self) -> Sequence[KBEntry]:
        return self._entries

    def get(self, kb_id: str) -> KBEntry | None:
        return self._by_id.get(kb_id)

    def keys(self) -> Sequence[str]:
        """Every indexed matching form (for gazetteers and longest-match tries)."""
        return tuple(self._index)

    def is_ambiguous(self, key: str) -> bool:
        """True when the folded form is also a common Arabic word."""
        return key in self._ambiguous_keys or (
            (stem := article_stem(key)) is not None and stem in self._ambiguous_keys)

    def knows_form(self, key: str) -> bool:
        """Whether the folded form is a name of some entry as written (not only with ال added or dropped)."""
        return key.strip() in self._index

    def lookup(self, key: str) -> list[KBEntry]:
        """Entries named by the folded form `key`, best first; the form may carry or lack ال (a one-word
        person's form may not)."""
        key = key.strip()
        known = self._looked_up.get(key)
        if known is None:
            if len(self._looked_up) >= FORMS_KEPT:
                self._looked_up.clear()
            known = self._looked_up[key] = tuple(self._lookup(key)) if key else ()
        return list(known)

    def _lookup(self, key: str) -> list[KBEntry]:
        hits = list(self._index.get(key, ()))
        other = toggle_article(key)
        seen = {h.entry for h in hits}
        one_word = " " not in key  # «العنان» (the reins) is not «عنان» (Sami Anan): a surname keeps its article as written
        hits.extend(h for h in self._index.get(other, ()) if h.entry not in seen
                    and not (one_word and self._entries[h.entry].type == "PERSON"))
        if not hits:
            return []
        ambiguous = self.is_ambiguous(key)
        out = []
        for hit in hits:
            entry = self._entries[hit.entry]
            if ambiguous and not entry.ambiguous:
                entry = dataclasses.replace(entry, ambiguous=True)
            out.append(entry)
        return out

    def nisba(self, key: str) -> KBEntry | None:
        """The country entry for a folded nisba adjective (روسي، الروسيه ...)."""
        i = self._nisba.get(key.strip())
        return None if i is None else self._entries[i]

    def names_own_country(self, key: str) -> bool:
        """Whether a folded form is both a country's nisba and its name («السعوديه»: Saudi, Saudi Arabia)."""
        country = self.nisba(key)
        return country is not None and any(e.id == country.id for e in self.lookup(key))


def read_records(data: bytes) -> tuple[dict, list[dict]]:
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    header = json.loads(lines[0])
    return header, [json.loads(line) for line in lines[1:] if line]


@snapshot.loader
def load_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    data = resources.files("marsad").joinpath("resources", "kb", ARTEFACT).read_bytes()
    header, records = read_records(data)
    return KnowledgeBase(records, header)
