"""Events as rows: GDELT 2.0's event columns where they apply, then marsad's own (the evidence and its flags).

    rows = event_rows(doc)                       # one dict per event, keys in COLUMNS order
    write_tsv(rows, sys.stdout)                  # loads with pandas.read_csv(path, sep="\\t")

GDELT's columns keep GDELT's meaning: Day is the event's day (empty when its date is only a month or a year, which
MonthYear and Year still hold); Actor1Code is the CAMEO actor code, cut into its country, known group and types;
ActionGeo is the event's place with the knowledge base's coordinates. Country codes are CAMEO's (ISO 3166 alpha-3),
not the FIPS codes GDELT puts in its geography columns. What marsad does not measure (tone, ethnic and religious
codes, ADM codes, the date added) stays empty.
"""
from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import IO

from ..document import Actor, Document, Entity, Event
from ..events.codebook import codebook
from ..resources import data_rows


def _actor_columns(n: int) -> tuple[str, ...]:
    return tuple(f"Actor{n}{part}" for part in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                "Type3Code"))


def _geo_columns(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{part}" for part in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat",
                                                 "Long", "FeatureID"))


GDELT_COLUMNS = ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate", *_actor_columns(1), *_actor_columns(2),
                 "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                 "NumMentions", "NumSources", "NumArticles", "AvgTone", *_geo_columns("Actor1Geo"),
                 *_geo_columns("Actor2Geo"), *_geo_columns("ActionGeo"), "DATEADDED", "SOURCEURL")
MARSAD_COLUMNS = ("ArticleID", "Published", "Outlet", "PloverType", "EventLabel", "Actor1EntityID", "Actor1NameAr",
                  "Actor2EntityID", "Actor2NameAr", "ActionGeo_EntityID", "ActionGeo_NameAr", "DateValue", "DateText",
                  "DateStart", "DateEnd", "TriggerText", "TriggerStart", "TriggerEnd", "SentenceText",
                  "SentenceStart", "SentenceEnd", "Negated", "Reported", "Confidence")
COLUMNS = GDELT_COLUMNS + MARSAD_COLUMNS
INTEGER_COLUMNS = {"GlobalEventID", "Day", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
                   "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED",
                   "DateStart", "DateEnd", "TriggerStart", "TriggerEnd", "SentenceStart", "SentenceEnd", "Negated",
                   "Reported"}
REAL_COLUMNS = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
                "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long", "Confidence"}


def column_type(name: str) -> str:
    """A column's type in a typed table (Parquet): codes such as EventCode «042» stay strings."""
    return "int64" if name in INTEGER_COLUMNS else "float64" if name in REAL_COLUMNS else "string"

GEO_COUNTRY, GEO_US_CITY, GEO_WORLD_CITY, GEO_REGION = 1, 3, 4, 5  # GDELT's ActionGeo_Type
CELL_BREAKS = re.compile(r"[\t\r\n\u2028\u2029]+")  # a cell stays on its line (the offsets keep the exact text)
FORMULA_START = ("=", "+", "-", "@")  # a spreadsheet would run «=HYPERLINK(…» as a formula


@lru_cache(maxsize=1)
def _actor_parts() -> dict[str, str]:
    return {code: part for code, part, _name in data_rows("events/actor-codes.tsv")}


def split_actor(code: str | None) -> dict[str, str | None]:
    """A CAMEO actor code in GDELT's columns: «RUSGOVMIL» → country RUS, types GOV and MIL; «UNO» → known group;
    «IMGREB» → types IMG and REB."""
    out: dict[str, str | None] = {"CountryCode": None, "KnownGroupCode": None, "Type1Code": None, "Type2Code": None,
                                  "Type3Code": None}
    if not code:
        return out
    if len(code) % 3:  # «NATO», «IAEA»: a group's own tag, not built of three-letter parts
        out["KnownGroupCode"] = code
        return out
    parts = _actor_parts()
    types = []
    for k in range(0, len(code) - 2, 3):
        chunk = code[k:k + 3]
        kind = parts.get(chunk)
        if kind == "type":
            types.append(chunk)
        elif kind == "group" and out["KnownGroupCode"] is None:
            out["KnownGroupCode"] = chunk
        elif k == 0:
            out["CountryCode"] = chunk  # a country, or a region as GDELT writes it («WST»)
    for n, chunk in enumerate(types[:3], 1):
        out[f"Type{n}Code"] = chunk
    return out


def event_id(article_id: str, event: Event) -> int:
    """A stable 60-bit number for the event (GDELT's GlobalEventID is an integer): the same record gives the same id."""
    key = f"{article_id}\t{event.code}\t{event.trigger.start}\t{event.trigger.end}".encode()
    return int.from_bytes(hashlib.sha1(key).digest()[:8], "big") >> 4


def _days(value: str | None) -> tuple[int | None, int | None, int | None, float | None]:
    """(Day, MonthYear, Year, FractionDate) of an ISO prefix: «2023-11-29», «2023-11», «2023», «2023-W47»."""
    if not value or not value[:4].isdigit():
        return None, None, None, None
    year = int(value[:4])
    if len(value) >= 10 and value[5:7].isdigit():
        try:
            d = date.fromisoformat(value[:10])
        except ValueError:
            return None, None, year, float(year)
        fraction = year + (d.timetuple().tm_yday - 1) / 365
        return int(d.strftime("%Y%m%d")), int(d.strftime("%Y%m")), year, round(fraction, 4)
    if len(value) >= 7 and value[5:7].isdigit():
        return None, int(value[:4] + value[5:7]), year, None
    return None, None, year, None


def _geo(entity: Entity | None) -> dict[str, object]:
    if entity is None:
        return {}
    kind = None
    if entity.kb_id:
        if entity.country and entity.kb_id == f"m:gpe:{entity.country}":
            kind = GEO_COUNTRY
        elif entity.kb_id.startswith("m:city:"):
            kind = GEO_US_CITY if entity.country == "USA" else GEO_WORLD_CITY
        elif entity.type in ("GPE", "LOC"):
            kind = GEO_REGION
    lat, long = entity.coordinates or (None, None)
    return {"Type": kind, "FullName": entity.name_en or entity.name, "CountryCode": entity.country, "Lat": lat,
            "Long": long, "FeatureID": entity.kb_id}


def _actor(n: int, actor: Actor, entities: dict[str, Entity]) -> dict[str, object]:
    entity = entities.get(actor.entity) if actor.entity else None
    row: dict[str, object] = {f"Actor{n}Code": actor.actor,
                              f"Actor{n}Name": (entity.name_en or entity.name).upper() if entity else None,
                              f"Actor{n}EntityID": entity.kb_id or entity.id if entity else None,
                              f"Actor{n}NameAr": entity.name if entity else None}
    row.update({f"Actor{n}{k}": v for k, v in split_actor(actor.actor).items()})
    if entity is not None and entity.type in ("GPE", "LOC"):
        row.update({f"Actor{n}Geo_{k}": v for k, v in _geo(entity).items()})
    return row


def event_rows(doc: Document, observed_only: bool = False) -> Iterator[dict[str, object]]:
    """One row per event of `doc` (leaving out denied and reported ones with `observed_only`), keys in COLUMNS
    order; None where a column has no value."""
    text = doc.text
    entities = {e.id: e for e in doc.entities}
    lead = doc.sentences[0] if doc.sentences else None
    for event in doc.events:
        if observed_only and (event.negated or event.reported):
            continue
        code = codebook()[event.code]
        day, month, year, fraction = _days(event.date_value)
        place = entities.get(event.place) if event.place else None
        row: dict[str, object] = dict.fromkeys(COLUMNS)
        row.update({
            "GlobalEventID": event_id(doc.id, event), "Day": day, "MonthYear": month, "Year": year,
            "FractionDate": fraction,
            **_actor(1, event.source, entities), **_actor(2, event.target, entities),
            "IsRootEvent": int(lead is not None and lead.start <= event.trigger.start < lead.end),
            "EventCode": event.code, "EventBaseCode": event.code[:3], "EventRootCode": code.root,
            "QuadClass": code.quad_class, "GoldsteinScale": code.goldstein,
            "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
            **{f"ActionGeo_{k}": v for k, v in _geo(place).items()},
            "SOURCEURL": doc.source.url or doc.source.path,
            "ArticleID": doc.id, "Published": doc.published, "Outlet": doc.outlet, "PloverType": code.plover,
            "EventLabel": code.name, "ActionGeo_EntityID": (place.kb_id or place.id) if place else None,
            "ActionGeo_NameAr": place.name if place else None, "DateValue": event.date_value,
            "DateText": text[event.date_span.start:event.date_span.end] if event.date_span else None,
            "DateStart": event.date_span.start if event.date_span else None,
            "DateEnd": event.date_span.end if event.date_span else None,
            "TriggerText": text[event.trigger.start:event.trigger.end], "TriggerStart": event.trigger.start,
            "TriggerEnd": event.trigger.end,
            "SentenceText": text[event.sentence.start:event.sentence.end], "SentenceStart": event.sentence.start,
            "SentenceEnd": event.sentence.end, "Negated": int(event.negated), "Reported": int(event.reported),
            "Confidence": event.confidence,
        })
        yield row


def cell(value: object) -> str:
    """A TSV cell: empty for None, one line, and never read as a formula by a spreadsheet."""
    if value is None:
        return ""
    text = CELL_BREAKS.sub(" ", str(value))
    return "'" + text if text.startswith(FORMULA_START) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_tsv(rows: Iterable[dict[str, object]], out: IO[str], columns: tuple[str, ...] = COLUMNS,
              header: bool = True) -> int:
    """Rows as tab-separated lines (a cell holding a quote mark is quoted, as pandas and csv read it); the count."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([cell(row[c]) for c in columns])
        n += 1
    return n
