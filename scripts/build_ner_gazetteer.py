"""Build the external gazetteer that the NER tagger uses as features.

    .venv/bin/python scripts/build_ner_gazetteer.py [--shared ../shared]

Never built from NER training or test data. Sources (all under ../shared/data/kb/
unless said otherwise):
  - Babel/CLDR Arabic territory names (countries -> GPE_COUNTRY, world regions
    -> LOC_REGION), PyPI `babel` (CLDR data, Unicode licence);
  - world-cities/world-cities.csv (Wikidata, CC BY 4.0) -> GPE_CITY, and its
    country names -> GPE_COUNTRY;
  - geonames/cities15000.zip Arabic alternate names (CC BY 4.0) -> GPE_CITY
    (names with Persian/Urdu letters dropped);
  - person-names/names-arab-countries.tsv (MIT; Wikidata CC0, DziriNames MIT)
    -> PER_GIVEN / PER_SUR;
  - person-names/wikidata-name-tokens-en-ar.tsv (MIT; Wikidata CC0) -> PER_TOKEN;
  - LOC_WORDS below: a short hand list of seas, continents and regions;
  - the marsad knowledge base (`marsad.kb.load_kb()`) when it is importable:
    PER_KB, ORG_KB, GPE_KB, LOC_KB.
Name lists overlap ordinary words (about 23% of them); the tagger pairs every
gazetteer hit with the word's frequency band in the public-domain books, so the
CRF learns which hits to trust instead of a hand-set filter.

Output: src/marsad/resources/ner/gazetteer.tsv.gz, one `form TAB TYPES` line per
folded (marsad.text.normalise.fold) space-separated form; TYPES comma-separated.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import zipfile
from collections import defaultdict
from pathlib import Path

from marsad.text.normalise import fold

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "marsad" / "resources" / "ner" / "gazetteer.tsv.gz"
ARABIC_ONLY = re.compile(r"^[\u0621-\u064a ]+$")
PERSIAN_LETTERS = re.compile("[پچژگکیے]")
MAX_TOKENS = 5

# Natural and regional locations: ANERcorp LOC that are not states or cities.
LOC_WORDS = """
افريقيا اسيا اوروبا اوربا امريكا_اللاتينية امريكا_الجنوبية امريكا_الشمالية امريكا_الوسطى استراليا
القطب_الشمالي القطب_الجنوبي الشرق_الاوسط الشرق_الادني الشرق_الاقصى الخليج الخليج_العربي
البحر_المتوسط البحر_الابيض_المتوسط البحر_الاحمر البحر_الاسود البحر_الميت بحر_قزوين البحر_الكاريبي
المحيط_الهادي المحيط_الهادئ المحيط_الاطلسي المحيط_الهندي بحر_العرب البلقان القوقاز اسكندنافيا
المغرب_العربي الشام بلاد_الشام الساحل_الافريقي الصحراء_الكبري سيناء الجولان مرتفعات_الجولان
الضفه_الغربيه قطاع_غزه نهر_النيل النيل الفرات دجله نهر_الاردن الجليل كشمير دارفور كردستان
جنوب_لبنان شمال_العراق جنوب_العراق اقليم_كردستان الاناضول الهيمالايا جبال_الالب الامازون
""".split()


def add(table: dict[str, set[str]], name: str, kind: str) -> None:
    form = " ".join(fold(name).replace("-", " ").split())
    if not form or not ARABIC_ONLY.match(form) or len(form.split()) > MAX_TOKENS or len(form) < 2:
        return
    table[form].add(kind)


def territories(table: dict[str, set[str]]) -> None:
    from babel import Locale

    for code, name in Locale("ar").territories.items():
        add(table, name, "LOC_REGION" if code.isdigit() else "GPE_COUNTRY")


def world_cities(table: dict[str, set[str]], path: Path) -> None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            add(table, row["CountryNameAr"], "GPE_COUNTRY")
            name = row["CityNameAr"]
            name = re.sub(r"^(ولاية|محافظة|مدينة) ", "", name)  # Wikidata labels like «ولاية قندهار»
            add(table, name, "GPE_CITY")


def geonames(table: dict[str, set[str]], path: Path) -> None:
    with zipfile.ZipFile(path) as z, z.open("cities15000.txt") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            for alt in cols[3].split(","):
                if re.search("[\u0621-\u064a]", alt) and not PERSIAN_LETTERS.search(alt):
                    add(table, alt, "GPE_CITY")


def person_names(table: dict[str, set[str]], folder: Path) -> None:
    with open(folder / "names-arab-countries.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            add(table, cols[0], "PER_GIVEN" if cols[1] == "given" else "PER_SUR")
    with open(folder / "wikidata-name-tokens-en-ar.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2:
                add(table, cols[1], "PER_TOKEN")


def knowledge_base(table: dict[str, set[str]]) -> int:
    try:
        from marsad.kb import load_kb
        kb = load_kb()
    except Exception as exc:  # the KB is optional: built by another part of marsad
        print(f"knowledge base not used: {exc!r}")
        return 0
    kinds = {"PERSON": "PER_KB", "PER": "PER_KB", "ORG": "ORG_KB", "ORGANIZATION": "ORG_KB",
             "AGENCY": "ORG_KB", "OUTLET": "ORG_KB", "MEDIA": "ORG_KB", "GPE": "GPE_KB",
             "LOC": "LOC_KB", "MISC": "MISC_KB", "PLACE": "GPE_KB", "COUNTRY": "GPE_KB", "CITY": "GPE_KB"}
    n = 0
    for entry in kb.entries:
        kind = kinds.get(str(getattr(entry, "type", "")).upper().split(".")[-1])
        if not kind:
            continue
        for name in [entry.name, *(getattr(entry, "variants", None) or [])]:
            add(table, name, kind)
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-kb", action="store_true", help="leave the marsad knowledge base out")
    args = parser.parse_args()
    kb = args.shared / "data" / "kb"
    table: dict[str, set[str]] = defaultdict(set)
    territories(table)
    world_cities(table, kb / "world-cities" / "world-cities.csv")
    geonames(table, kb / "geonames" / "cities15000.zip")
    person_names(table, kb / "person-names")
    for name in LOC_WORDS:
        add(table, name.replace("_", " "), "LOC_REGION")
    n_kb = 0 if args.no_kb else knowledge_base(table)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        for form in sorted(table):
            out.write(f"{form}\t{','.join(sorted(table[form]))}\n")
    counts: dict[str, int] = defaultdict(int)
    for kinds in table.values():
        for k in kinds:
            counts[k] += 1
    print(f"wrote {OUT}: {len(table)} forms, {dict(sorted(counts.items()))}, KB names {n_kb}")


if __name__ == "__main__":
    main()
