"""The outlet list: Arabic news outlets, their web domains and corpus slugs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..resources import data_rows
from .normalise import fold

SITENAME_SEPARATOR = re.compile(r"\s+[-|–—:•]\s+")  # «صدى البلد - Sada Elbalad»


@dataclass(slots=True, frozen=True)
class Outlet:
    name: str  # as the outlet names itself
    name_en: str
    domain: str | None
    slug: str | None
    variants: tuple[str, ...]
    country: str | None  # a national outlet's country (ISO alpha-3); None for pan-Arab ones


@dataclass(slots=True, frozen=True)
class OutletIndex:
    by_name: dict[str, Outlet]
    by_slug: dict[str, Outlet]
    by_domain: dict[str, Outlet]
    by_name_en: dict[str, Outlet]  # casefolded English name


@lru_cache(maxsize=1)
def outlet_index() -> OutletIndex:
    by_name: dict[str, Outlet] = {}
    by_slug: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    by_name_en: dict[str, Outlet] = {}
    for row in data_rows("sources/outlets.tsv"):
        name, name_en, domain, slug, variants, country = (*row, "", "", "", "", "")[:6]
        outlet = Outlet(name, name_en, domain or None, slug or None, tuple(v for v in variants.split("|") if v),
                        country.strip() or None)
        for form in (name, *outlet.variants):
            by_name.setdefault(_key(form), outlet)
        if slug:
            by_slug[slug.lower()] = outlet
        if domain:
            by_domain[domain.lower()] = outlet
        by_name_en.setdefault(name_en.casefold(), outlet)
    return OutletIndex(by_name, by_slug, by_domain, by_name_en)


def _key(name: str) -> str:
    return " ".join(fold(name).split())


def outlet_named(line: str) -> Outlet | None:
    """The outlet a short line names («صدى البلد», «بوابة الأهرام»), if it is on the list."""
    return outlet_index().by_name.get(_key(line))


def outlet_name(given: str | None, url: str | None) -> str | None:
    """The outlet as it names itself, from what an input gives (a slug, a site name such as «صدى البلد -
    Sada Elbalad», an English name) or else its URL's domain; an unlisted name is kept as given."""
    given = (given or "").strip() or None
    outlet = _outlet_given(given) if given else None
    if outlet is None and url:
        outlet = outlet_for_url(url)
    return outlet.name if outlet else given


def _outlet_given(given: str) -> Outlet | None:
    index = outlet_index()
    parts = [given, *SITENAME_SEPARATOR.split(given)]
    for part in parts:
        outlet = index.by_slug.get(part.lower()) or outlet_named(part) or index.by_name_en.get(part.casefold())
        if outlet is not None:
            return outlet
    return None


def outlet_for_url(url: str) -> Outlet | None:
    """The outlet whose domain serves `url` (www. and subdomains ignored)."""
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    index = outlet_index().by_domain
    labels = host.split(".")
    for i in range(len(labels) - 1):
        domain = ".".join(labels[i:])
        section = path.split("/")[1] if path.count("/") >= 1 else ""
        if section and f"{domain}/{section}" in index:
            return index[f"{domain}/{section}"]
        if domain in index:
            return index[domain]
    return None


def outlet_country(name: str | None, url: str | None) -> str | None:
    """The country of a national outlet, found by its URL first (two outlets may share a name: الوطن)."""
    outlet = (outlet_for_url(url) if url else None) or (outlet_named(name) if name else None)
    return outlet.country if outlet else None
