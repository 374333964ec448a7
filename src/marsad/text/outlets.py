"""The outlet list: Arabic news outlets, their web domains, social handles and corpus slugs; the outlet a
page's site name, handle or URL stands for, and a page title without the site's name."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..resources import data_rows
from .normalise import fold

SITENAME_SEPARATOR = re.compile(r"\s+(?:--?|[|–—:•»])\s+|\s*\|\s*")  # «صدى البلد - Sada Elbalad»
# words a site name may put before the outlet's own name: «قناة صدى البلد», «جريدة الرياض», «موقع …»
NAME_PREFIXES = ("قناه ", "جريده ", "صحيفه ", "موقع ", "بوابه ", "شبكه ", "وكاله ")
MIN_SITE_KEY = 3  # a Latin site name this long at least begins a title part that names the site («CNN Politics»),
MAX_SITE_WORDS = 4  # a part this short
HANDLE = re.compile(r"@?([A-Za-z0-9_]{2,30})")
URL_LIKE = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/:?#].*)?$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class Outlet:
    name: str  # as the outlet names itself
    name_en: str
    domains: tuple[str, ...]  # «youm7.com»; a section of a shared domain: «bbc.com/arabic»
    slug: str | None
    variants: tuple[str, ...]
    country: str | None  # a national outlet's country (ISO alpha-3); None for pan-Arab ones
    handles: tuple[str, ...] = ()  # social-media handles, without @, lower case


@dataclass(slots=True, frozen=True)
class OutletIndex:
    by_name: dict[str, Outlet]
    by_slug: dict[str, Outlet]
    by_domain: dict[str, Outlet]
    by_name_en: dict[str, Outlet]  # casefolded English name
    by_handle: dict[str, Outlet]


@lru_cache(maxsize=1)
def outlet_index() -> OutletIndex:
    index = OutletIndex({}, {}, {}, {}, {})
    for row in data_rows("sources/outlets.tsv"):
        name, name_en, domains, slug, variants, country, handles = (*row, "", "", "", "", "", "")[:7]
        outlet = Outlet(name, name_en, _pipe(domains.lower()), slug or None, _pipe(variants), country.strip() or None,
                        _pipe(handles.lower()))
        for form in (name, *outlet.variants):
            index.by_name.setdefault(_key(form), outlet)
        if slug:
            index.by_slug[slug.lower()] = outlet
        for domain in outlet.domains:
            index.by_domain[domain] = outlet
        for form in (name_en, *(v for v in outlet.variants if v.isascii())):
            index.by_name_en.setdefault(_latin_key(form), outlet)
        for handle in outlet.handles:
            index.by_handle[handle] = outlet
    return index


def _pipe(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _latin_key(name: str) -> str:
    """«CNNArabic», «CNN Arabic» and «cnn-arabic» alike."""
    return re.sub(r"[^a-z0-9]+", "", name.casefold())


def _key(name: str) -> str:
    return " ".join(fold(name).split())


def outlet_named(line: str) -> Outlet | None:
    """The outlet a short line names («صدى البلد», «بوابة الأهرام», «قناة صدى البلد»), if it is on the list."""
    key = _key(line)
    by_name = outlet_index().by_name
    found = by_name.get(key)
    if found is None and key.startswith(NAME_PREFIXES):
        found = by_name.get(key.split(" ", 1)[1])
    return found


def outlet_name(given: str | None, url: str | None) -> str | None:
    """The outlet as it names itself, from what an input gives (a slug, a site name such as «صدى البلد -
    Sada Elbalad», an English name, a handle «@sputnik_ar», a URL) or else its URL's domain. An unlisted
    name is kept as given; an unlisted handle or URL gives way to the article's URL, else to its domain."""
    given = (given or "").strip() or None
    outlet = _outlet_given(given) if given else None
    if outlet is None and url:
        outlet = outlet_for_url(url)
    if outlet is not None:
        return outlet.name
    if given and given.startswith("@"):
        return None  # an unlisted handle names no outlet
    site = URL_LIKE.match(given) if given else None
    if site:
        return site.group(1).lower()  # an unlisted URL: its domain
    return SITENAME_SEPARATOR.split(given)[0].strip() or given if given else None  # «خبرآنلاین - سایت …»: its own name


def _outlet_given(given: str) -> Outlet | None:
    index = outlet_index()
    if given.startswith("@") and (handle := HANDLE.fullmatch(given)):
        return index.by_handle.get(handle.group(1).lower())
    if URL_LIKE.match(given):
        return outlet_for_url(given)
    for part in [given, *SITENAME_SEPARATOR.split(given)]:
        outlet = index.by_slug.get(part.lower()) or outlet_named(part) or index.by_name_en.get(_latin_key(part))
        if outlet is not None:
            return outlet
    return None


def title_without_site(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """The page title without the site's name before or after it («… - اليوم السابع», «المدينة نيوز - …»)."""
    if not title:
        return title
    parts = SITENAME_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    outlet = (_outlet_given(sitename) if sitename else None) or (outlet_for_url(url) if url else None)
    site_keys = {_key(p) for p in SITENAME_SEPARATOR.split(sitename or "") if p} | {_key(sitename or "")}
    site_latin = {_latin_key(p) for p in SITENAME_SEPARATOR.split(sitename or "") if p.isascii()} - {""}
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url and "//" in url else ""
    if host:
        site_latin |= {_latin_key(host), _latin_key(host.split(".")[0])}

    def names_site(part: str) -> bool:  # the page's own site name («CNN Politics» on CNN's, «Sott.net» on
        # sott.net's), or a name of its outlet (not any outlet's: «المملكة», «الحدث» are outlets and words)
        found = outlet_named(part) or outlet_index().by_name_en.get(_latin_key(part))
        latin = _latin_key(part) if part.isascii() and len(part.split()) <= MAX_SITE_WORDS else ""
        key = _key(part)
        return (key in site_keys or (outlet is not None and (found == outlet or any(
                    _key(n).startswith(key + " ") for n in (outlet.name, *outlet.variants))))  # «الصباح» of «الصباح التونسية»
                or bool(latin) and any(latin.startswith(k) for k in site_latin if len(k) >= MIN_SITE_KEY))

    headline = max(parts, key=len)  # never the part that names the site
    kept = list(parts)
    while len(kept) > 1 and kept[-1] is not headline and names_site(kept[-1]):
        kept.pop()
    while len(kept) > 1 and kept[0] is not headline and names_site(kept[0]):
        kept.pop(0)
    if len(kept) == len(parts):
        return title
    first, last = kept[0], kept[-1]
    return title[title.index(first):title.rindex(last) + len(last)].strip()


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
