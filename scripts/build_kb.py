"""Build marsad's knowledge base artefact from ../shared/data and kb/curated.

    .venv/bin/python scripts/build_kb.py [--shared ../shared] [--refresh-frequencies]

Inputs (all offline):
  shared/data/kb/geonames/countryInfo.tsv, cities15000.zip   GeoNames, CC BY 4.0
  shared/data/kb/world-cities/world-cities.csv                 CC BY 4.0 (Wikidata labels)
  babel's CLDR Arabic territory names                          Unicode licence
  shared/data/events/arabic-dictionaries/actor_dict_ar_v5.txt  MIT (cross-check only)
  kb/curated/*.tsv                                             written for marsad
  kb/derived/word-frequencies.tsv   folded word counts from the public-domain Hindawi
                                    books, used to flag names that are common words
Output: src/marsad/resources/kb/kb.jsonl.gz (+ ATTRIBUTION.md), and a cross-check
report kb/derived/actor-crosscheck.tsv. The output is byte-for-byte deterministic.
"""
from __future__ import annotations

import argparse
import collections
import csv
import gzip
import io
import json
import lzma
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
from marsad.text.normalise import fold  # noqa: E402

CURATED = REPO / "kb" / "curated"
DERIVED = REPO / "kb" / "derived"
OUT = REPO / "src" / "marsad" / "resources" / "kb"
FREQ_FILE = DERIVED / "word-frequencies.tsv"
FORMAT_VERSION = 1
CLUB_ID = "m:club:"  # football clubs (kb/curated/clubs*.tsv)

TYPES = ("PERSON", "ORG", "GPE", "LOC", "MISC")
# Arabic-script names outside the Arabic alphabet (Persian, Urdu, Uyghur ...) are dropped.
ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 \-]+$")
PERSIAN_URDU = set("پچژگکیے")
# Salience priors: countries first, then curated entries, then cities by population.
PRIOR_COUNTRY = 1e10
PRIOR_CURATED = 1e9
# A one-word form this frequent in the Hindawi books (per million words) is also a
# common word (شي "thing", أمل "hope", سلام "peace"): link it only with context.
AMBIGUOUS_PER_MILLION = 12.0
# Frequency-list size written by --refresh-frequencies.
FREQ_TOP = 60000
WORD_TOKEN = re.compile(r"[\u0621-\u064a]+")
EAST_ASIA = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "JPN", "VNM", "MNG", "SGP"}
ADMIN_PREFIXES = ("ولاية ", "محافظة ", "مقاطعة ", "إقليم ", "مدينة ", "منطقة ")
# Outside the Arab world, a small city whose only Arabic name is a common word is
# usually a mistranslation in GeoNames (Musoma -> أنثى): such names are dropped.
FOREIGN_COMMON_WORD_MAX_POPULATION = 500_000
ARAB_LEAGUE = {"DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR",
               "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"}

SRC_GEONAMES = "geonames"
SRC_WORLD_CITIES = "world-cities"
SRC_CLDR = "cldr"
SRC_CURATED = "marsad-curated"


@dataclass
class Entry:
    id: str
    type: str
    name: str
    name_en: str | None = None
    variants: list[str] = field(default_factory=list)
    country: str | None = None
    actor: str | None = None
    coordinates: tuple[float, float] | None = None
    sources: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    nisba: list[str] = field(default_factory=list)
    prior: float = 0.0
    since: str | None = None  # ISO date or year the entity came into being (a link must not predate it)
    ambiguous: str = ""  # "", "yes" or "no" (curated override)
    exempt: bool = False  # forms of countries and capitals are never flagged

    def add_variant(self, form: str) -> None:
        form = clean(form)
        if form and form != self.name and form not in self.variants:
            self.variants.append(form)

    def apply_curated_names(self, row: dict[str, str]) -> None:
        """A curated row's canonical name (the old one stays as a variant) and its extra variants."""
        if row.get("name"):
            self.add_variant(self.name)
            self.name = clean(row["name"])
            self.variants = [v for v in self.variants if v != self.name]
        for v in split_list(row.get("variants")):
            self.add_variant(v)

    def add_source(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def record(self, ambiguous_forms: list[str]) -> dict:
        canonical = fold(self.name)
        return {
            "id": self.id, "type": self.type, "name": self.name,
            "variants": self.variants, "name_en": self.name_en,
            "country": self.country, "actor": self.actor,
            "coordinates": list(self.coordinates) if self.coordinates else None,
            "wikidata": None, "source": "+".join(self.sources), "roles": self.roles,
            # a club's forms (أبها، برشلونة) are its own doubt, read in sports news by the linker: the city keeps its own
            "ambiguous": canonical in ambiguous_forms,
            "ambiguous_forms": [] if self.id.startswith(CLUB_ID) else ambiguous_forms,
            "nisba": self.nisba, "prior": self.prior, "since": self.since,
        }


NON_JOINING = frozenset("اأإآدذرزوؤة")  # letters that do not join the next: the press drops the space after them


def add_glued_variants(entry: Entry) -> None:
    """«حفرالباطن» for «حفر الباطن»: a two-word place whose first word ends in a letter that does not join the
    next, written without the space (it looks the same)."""
    if entry.type not in ("GPE", "LOC"):
        return
    for name in [entry.name, *entry.variants]:
        words = name.split()
        if len(words) == 2 and words[1].startswith("ال") and words[0][-1] in NON_JOINING:
            entry.add_variant(words[0] + words[1])


def clean(text: str) -> str:
    """NFC, single spaces, no tatweel or diacritics (the canonical written form)."""
    text = unicodedata.normalize("NFC", text).replace("\u0640", "")
    text = re.sub("[\u064b-\u0652\u0670]", "", text)
    return " ".join(text.split())


def split_list(cell: str | None) -> list[str]:
    return [clean(x) for x in (cell or "").split("|") if clean(x)]


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def english_name(ascii_name: str) -> str:
    """GeoNames' ASCII name with its transliteration marks for ʿayn dropped (Sa`dah -> Sa'dah)."""
    return ascii_name.replace("`", "'").strip()


def arabic_ok(name: str) -> bool:
    return bool(ARABIC_NAME.match(name)) and not (set(name) & PERSIAN_URDU)


# --------------------------------------------------------------------- frequencies

def refresh_frequencies(shared: Path) -> None:
    path = shared / "data" / "unlabelled" / "hindawi-public-domain.txt.xz"
    counts: collections.Counter[str] = collections.Counter()
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            counts.update(WORD_TOKEN.findall(fold(line)))
    DERIVED.mkdir(parents=True, exist_ok=True)
    with FREQ_FILE.open("w", encoding="utf-8") as out:
        out.write("# folded word counts, Hindawi public-domain books (scripts/build_kb.py "
                  "--refresh-frequencies)\n")
        out.write(f"#total\t{sum(counts.values())}\n")
        for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FREQ_TOP]:
            out.write(f"{word}\t{n}\n")


def read_frequencies() -> tuple[dict[str, int], int]:
    freq: dict[str, int] = {}
    total = 1
    for line in FREQ_FILE.read_text(encoding="utf-8").split("\n"):
        if line.startswith("#total\t"):
            total = int(line.split("\t")[1])
        elif line and not line.startswith("#"):
            word, n = line.split("\t")
            freq[word] = int(n)
    return freq, total


# --------------------------------------------------------------------- sources

def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n")
             if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for i, row in enumerate(rows, 2):
        if None in row:
            raise SystemExit(f"{path.name}: row {i} has more cells than the header: {row}")
    return rows


def load_countries(shared: Path) -> tuple[dict[str, Entry], dict[str, str], dict[str, str]]:
    """Countries from GeoNames countryInfo, named in Arabic by CLDR; curated overrides."""
    from babel import Locale

    cldr = Locale("ar").territories
    iso2_to_3: dict[str, str] = {}
    capitals: dict[str, str] = {}
    countries: dict[str, Entry] = {}
    for line in (shared / "data/kb/geonames/countryInfo.tsv").read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        iso2, iso3, name_en, capital = cells[0], cells[1], cells[4], cells[5]
        iso2_to_3[iso2] = iso3
        capitals[iso3] = capital
        if iso2 not in cldr:
            continue
        countries[iso3] = Entry(
            id=f"m:gpe:{iso3}", type="GPE", name=clean(cldr[iso2]), name_en=name_en,
            country=iso3, actor=iso3, sources=[SRC_GEONAMES, SRC_CLDR],
            prior=PRIOR_COUNTRY, exempt=True)
    for row in read_tsv(CURATED / "countries.tsv"):
        entry = countries[row["iso3"]]
        entry.apply_curated_names(row)
        if row.get("name_en"):
            entry.name_en = row["name_en"]
        if row.get("ambiguous") == "yes":  # a country name that is also a common word (مالي "financial")
            entry.exempt, entry.ambiguous = False, "yes"
        if row.get("actor"):
            entry.actor = row["actor"]
        entry.nisba = nisba_forms(split_list(row.get("nisba")))
        entry.add_source(row.get("source") or SRC_CURATED)
    return countries, iso2_to_3, capitals


def nisba_forms(masculine: list[str]) -> list[str]:
    """روسي -> روسي، روسية، روسيون، روسيين, each with and without ال; every word of a
    two-word nisba takes the ending (كوري شمالي -> الكورية الشمالية)."""
    forms: list[str] = []
    for m in masculine:
        words = m.split()
        for suffix in ("", "ة", "ون", "ين"):
            inflected = [w + suffix for w in words]
            for g in (" ".join(inflected), " ".join("ال" + w for w in inflected)):
                if g not in forms:
                    forms.append(g)
    return forms


def spelling_variants(form: str, country: str | None) -> list[str]:
    """Written variants the press alternates: عبد الله / عبدالله, and for East Asian
    names the g sound as غ or ج (شي جين بينغ / شي جين بينج, تشانغ / تشانج)."""
    out = []
    if re.search(r"\bعبد ال", form):
        out.append(re.sub(r"\bعبد ال", "عبدال", form))
    if re.search(r"\bعبدال", form):
        out.append(re.sub(r"\bعبدال", "عبد ال", form))
    if country in EAST_ASIA:
        out += [form.replace("غ", "ج"), form.replace("ج", "غ")]
    return [v for v in out if v != form]


def read_world_cities(shared: Path) -> dict[tuple[str, str], list[str]]:
    """(English country, English city) -> Arabic city names."""
    out: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    text = (shared / "data/kb/world-cities/world-cities.csv").read_text(encoding="utf-8-sig")
    for row in csv.DictReader(io.StringIO(text)):
        name = clean(row["CityNameAr"])
        for prefix in ADMIN_PREFIXES:  # Wikidata labels such as «ولاية قندهار»
            if name.startswith(prefix):
                name = name[len(prefix):]
        if arabic_ok(name):
            out[(row["CountryNameEn"], row["CityNameEn"])].append(name)
    return out


def load_cities(shared: Path, countries: dict[str, Entry], iso2_to_3: dict[str, str],
                capitals: dict[str, str], freq: dict[str, int], total: int) -> dict[str, Entry]:
    """GeoNames cities15000 that carry an Arabic name (GeoNames or world-cities)."""
    world = read_world_cities(shared)
    country_en = {iso3: e.name_en for iso3, e in countries.items()}
    # GeoNames gives some towns another country's name (Ruma, Serbia: «رومانيا»); a capital keeps its own (تونس)
    country_of_form = {fold(n): iso3 for iso3, e in countries.items() for n in (e.name, *e.variants)}
    cities: dict[str, Entry] = {}
    with zipfile.ZipFile(shared / "data/kb/geonames/cities15000.zip") as z:
        text = z.read("cities15000.txt").decode("utf-8")
    for line in text.split("\n"):
        if not line:
            continue
        c = line.split("\t")
        geonameid, name_en, ascii_name, alternates = c[0], c[1], c[2], c[3]
        iso3 = iso2_to_3.get(c[8])
        names = [clean(a) for a in alternates.split(",") if arabic_ok(clean(a))
                 and country_of_form.get(fold(clean(a)), iso3) == iso3]
        wc = [n for n in world.get((country_en.get(iso3, ""), name_en), []) if country_of_form.get(fold(n), iso3) == iso3]
        population = int(c[14] or 0)
        if iso3 not in ARAB_LEAGUE and population < FOREIGN_COMMON_WORD_MAX_POPULATION:
            names = [n for n in names if per_million(fold(n), freq, total) < AMBIGUOUS_PER_MILLION]
        if not names and not wc:
            continue
        names = [n for n in names if not n.startswith(ADMIN_PREFIXES)]  # province labels
        if names:
            # Wikidata labels in world-cities are sometimes wrongly linked (Mosul ->
            # فاموتيدين, Aden -> فيروسات غدانية): trust them only where GeoNames has none.
            known = {fold(n) for n in names}
            wc = [n for n in wc if fold(n) in known]
        if not names and not wc:
            continue
        # Canonical: the most frequent form in the Hindawi books, then the shortest.
        ranked = sorted(dict.fromkeys(names), key=lambda n: (-freq.get(fold(n), 0), len(n), n))
        canonical = ranked[0] if ranked else wc[0]
        entry = Entry(
            id=f"m:city:{geonameid}", type="GPE", name=canonical, name_en=english_name(ascii_name or name_en),
            country=iso3, actor=iso3, coordinates=(float(c[4]), float(c[5])),
            sources=[SRC_GEONAMES], prior=float(population),
            exempt=capitals.get(iso3) == name_en)
        if wc:
            entry.add_source(SRC_WORLD_CITIES)
        for n in [*wc, *ranked]:
            entry.add_variant(n)
        cities[geonameid] = entry
    return cities


def load_curated(cities: dict[str, Entry], countries: dict[str, Entry],
                 known: set[str]) -> dict[str, Entry]:
    """people.tsv, orgs.tsv, places.tsv, misc.tsv: one entity per row, header-driven."""
    out: dict[str, Entry] = {}
    for path in sorted(CURATED.glob("*.tsv")):
        if path.name == "countries.tsv":
            continue
        default_type = "PERSON" if path.name.startswith("people") else ""
        for row in read_tsv(path):
            source = row.get("source") or ""
            if not source:
                raise SystemExit(f"{path.name}: row without a source: {row}")
            if row.get("geonameid"):  # extra Arabic names for a GeoNames city
                city = cities.get(row["geonameid"])
                if city is None:
                    raise SystemExit(f"{path.name}: unknown geonameid {row['geonameid']}")
                city.apply_curated_names(row)
                if row.get("name_en"):
                    city.name_en = row["name_en"]
                if row.get("ambiguous"):
                    city.ambiguous = row["ambiguous"]
                city.add_source(source)
                continue
            etype = row.get("type") or default_type
            if etype not in TYPES:
                raise SystemExit(f"{path.name}: bad type {etype!r} in {row}")
            name_en = row.get("name_en") or None
            kb_id = row.get("id") or f"m:{etype.lower()}:{slug(name_en or '')}"
            if kb_id in out or kb_id in known:
                raise SystemExit(f"{path.name}: duplicate id {kb_id}")
            lat, lon = row.get("lat"), row.get("lon")
            entry = Entry(
                id=kb_id, type=etype, name=clean(row["name"]), name_en=name_en,
                country=row.get("country") or None, actor=row.get("actor") or None,
                coordinates=(float(lat), float(lon)) if lat and lon else None,
                sources=[source], roles=split_list(row.get("roles")),
                prior=PRIOR_CURATED, ambiguous=row.get("ambiguous") or "", since=row.get("from") or None)
            for v in split_list(row.get("variants")):
                entry.add_variant(v)
            if etype in ("PERSON", "ORG"):
                for form in [entry.name, *entry.variants]:
                    for v in spelling_variants(form, entry.country):
                        entry.add_variant(v)
            out[kb_id] = entry
    return out


# --------------------------------------------------------------------- checks

def read_actor_dictionary(shared: Path) -> dict[str, list[str]]:
    """Folded surface form (underscores -> spaces) -> CAMEO codes, as listed."""
    path = shared / "data/events/arabic-dictionaries/actor_dict_ar_v5.txt"
    actors: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        if not line[0].isspace() and not line.startswith("["):
            name = fold(line.split("[")[0].replace("_", " ").strip())
            current = actors.setdefault(name, [])
        if current is not None:
            current.extend(codes)
    return actors


def actor_crosscheck(entries: list[Entry], actors: dict[str, list[str]]) -> list[str]:
    """Curated people and organisations against the event dictionaries' actor codes."""
    rows = ["# id\tform\tmarsad actor\tdictionary codes\tagrees"]
    for e in entries:
        if e.type not in ("PERSON", "ORG"):
            continue
        for form in [e.name, *e.variants]:
            codes = actors.get(fold(form))
            if codes:
                base = sorted({c.split()[0].lstrip("~") for c in codes if c.strip()})
                agrees = any(e.actor and b[:3] == e.actor[:3] for b in base)
                rows.append(f"{e.id}\t{form}\t{e.actor or ''}\t{' '.join(base)}\t{'yes' if agrees else 'NO'}")
                break
    return rows


def per_million(key: str, freq: dict[str, int], total: int) -> float:
    """Frequency of a one-word folded form, with and without ال, per million words."""
    stem = key[2:] if key.startswith("ال") and len(key) > 3 else key
    return (freq.get(stem, 0) + freq.get("ال" + stem, 0)) * 1e6 / total


def ambiguous_forms(entry: Entry, freq: dict[str, int], total: int,
                    protected: set[str]) -> list[str]:
    """Folded one-word forms of the entry that are also common Arabic words."""
    if entry.ambiguous == "no" or (entry.exempt and entry.ambiguous != "yes"):
        return []  # (a capital is exempt unless a curated row says otherwise: Amman is «امان» "safety" in GeoNames)
    out: set[str] = set()
    for form in [entry.name, *entry.variants]:
        key = fold(form)
        if " " in key:
            continue
        stem = key[2:] if key.startswith("ال") and len(key) > 3 else key
        if entry.ambiguous == "yes" or per_million(stem, freq, total) >= AMBIGUOUS_PER_MILLION:
            out.update({stem, "ال" + stem} - protected)
    return sorted(out)


# --------------------------------------------------------------------- output

def write_artefact(records: list[dict], header: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
    lines += [json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
              for r in records]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = OUT / "kb.jsonl.gz"
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    path.write_bytes(buf.getvalue())
    return path


ATTRIBUTION = """# Attribution and licences for kb.jsonl.gz

marsad's knowledge base is built by scripts/build_kb.py. Every entry names its
sources in its `source` field (joined with +):

- `geonames`: GeoNames (https://www.geonames.org/), `cities15000` and
  `countryInfo`, licensed under Creative Commons Attribution 4.0 International
  (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). Coordinates,
  populations, country codes and Arabic alternate names of cities and countries
  come from GeoNames; marsad filtered them (Persian/Urdu spellings, province labels,
  mistranslated common words). Copy taken from GitHub ali-hv/geobank-data (commit 87f4be9e).
- `world-cities`: jamsshhayd/world-cities-translations, `Data/world-cities.csv`
  (commit 4f746ebc), Arabic city labels drawn from Wikidata, licensed under
  Creative Commons Attribution 4.0 International (CC BY 4.0).
- `cldr`: Arabic territory names from the Unicode CLDR via the Babel package
  (Unicode License v3, https://www.unicode.org/license.txt).
- The Open Event Data Alliance Arabic event-coding dictionaries
  (openeventdata/arabic_dictionaries, commit b72cef13; MIT License, Copyright (c)
  2018 Open Event Data Alliance) were used to cross-check CAMEO actor codes; no
  entry is copied from them.
- Word frequencies that flag ambiguous names were counted over public-domain
  Hindawi books.
- `marsad-curated`: written for marsad (kb/curated/*.tsv), under marsad's licence.
"""


def build(shared: Path) -> dict:
    freq, total = read_frequencies()
    countries, iso2_to_3, capitals = load_countries(shared)
    cities = load_cities(shared, countries, iso2_to_3, capitals, freq, total)
    known = {e.id for e in [*countries.values(), *cities.values()]}
    curated = load_curated(cities, countries, known)
    entries = sorted([*countries.values(), *cities.values(), *curated.values()],
                     key=lambda e: e.id)
    for e in entries:
        add_glued_variants(e)
    protected = {form for e in entries if e.exempt and e.ambiguous != "yes"  # with and without ال: lookup finds both
                 for k in (fold(f) for f in [e.name, *e.variants])
                 for form in (k, k[2:] if k.startswith("ال") else "ال" + k)}
    records = [e.record(ambiguous_forms(e, freq, total, protected)) for e in entries]
    counts = collections.Counter(r["type"] for r in records)
    by_source = collections.Counter(s for r in records for s in r["source"].split("+"))
    header = {"format": "marsad-kb", "version": FORMAT_VERSION, "entries": len(records),
              "types": dict(sorted(counts.items())), "sources": dict(sorted(by_source.items()))}
    path = write_artefact(records, header)
    (OUT / "ATTRIBUTION.md").write_text(ATTRIBUTION, encoding="utf-8")
    DERIVED.mkdir(parents=True, exist_ok=True)
    report = actor_crosscheck(entries, read_actor_dictionary(shared))
    (DERIVED / "actor-crosscheck.tsv").write_text("\n".join(report) + "\n", encoding="utf-8")
    header["artefact_bytes"] = path.stat().st_size
    return header


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="the shared folder holding data/ (default: ../shared)")
    parser.add_argument("--refresh-frequencies", action="store_true",
                        help="recount kb/derived/word-frequencies.tsv from the Hindawi books first")
    args = parser.parse_args()
    if args.refresh_frequencies or not FREQ_FILE.exists():
        refresh_frequencies(args.shared)
    print(json.dumps(build(args.shared), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
