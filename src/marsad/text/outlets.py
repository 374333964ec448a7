"""The outlet list: Arabic news outlets, their web domains and corpus slugs."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..resources import data_rows
from .normalise import fold


@dataclass(slots=True, frozen=True)
class Outlet:
    name: str  # as the outlet names itself
    name_en: str
    domain: str | None
    slug: str | None
    variants: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class OutletIndex:
    by_name: dict[str, Outlet]
    by_slug: dict[str, Outlet]
    by_domain: dict[str, Outlet]


@lru_cache(maxsize=1)
def outlet_index() -> OutletIndex:
    by_name: dict[str, Outlet] = {}
    by_slug: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for name, name_en, domain, slug, variants in data_rows("sources/outlets.tsv"):
        outlet = Outlet(name, name_en, domain or None, slug or None, tuple(v for v in variants.split("|") if v))
        for form in (name, *outlet.variants):
            by_name.setdefault(_key(form), outlet)
        if slug:
            by_slug[slug.lower()] = outlet
        if domain:
            by_domain[domain.lower()] = outlet
    return OutletIndex(by_name, by_slug, by_domain)


def _key(name: str) -> str:
    return " ".join(fold(name).split())


def outlet_named(line: str) -> Outlet | None:
    """The outlet a short line names («صدى البلد», «بوابة الأهرام»), if it is on the list."""
    return outlet_index().by_name.get(_key(line))


def outlet_for_slug(slug: str) -> Outlet | None:
    """SaudiNewsNet's `source` slug (alriyadh, okaz ...) or an outlet name, to its outlet."""
    slug = slug.strip()
    return outlet_index().by_slug.get(slug.lower()) or outlet_named(slug)


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
