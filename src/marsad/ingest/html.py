"""An HTML page to a Document: body, title, date and outlet through trafilatura."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document, Source, digest
from ..text.outlets import outlet_name, title_without_site
from .decode import add_issues, decode_text
from .published import page_date

META_SNIFF_BYTES = 4096  # a <meta charset> sits in the head
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# trafilatura's precision mode keeps menus, link lists and forms out of the body, so a page
# without an article gives no text; it also skips the slow fallback extractors (4 ms, not 230, a page).
FAVOR_PRECISION = True
# site names trafilatura does not read: og:site_name given as a name, not a property (Beirut Observer), and the
# application name
SITE_NAME_META = ("//meta[@name='og:site_name' or @name='application-name' or @property='al:android:app_name']"
                  "/@content")
MIN_LEAD_CHARS = 60  # a description this long is a lead sentence, not a slogan
LAYOUT_TAG = re.compile(r"</?(?:div|span|section|font|center)\b[^>]*>", re.IGNORECASE)


def read_html(data: bytes, source: Source, *, charset: str | None = None) -> Document:
    """One page: `raw` is trafilatura's body text; `charset` comes from HTTP when there is one."""
    doc = Document(source=source, raw_digest=digest(data))
    decoded = decode_text(data, declared=charset or meta_charset(data))
    add_issues(doc, decoded.issues)
    if decoded.encoding is None or not decoded.text.strip():
        return doc
    try:
        page = _extract(decoded.text, source.url)
    except Exception as err:  # noqa: BLE001 - lxml and trafilatura raise many types on hostile markup
        doc.warn(f"HTML could not be parsed: {type(err).__name__}: {err}", failure=True)
        return doc
    body = (page.text or "").strip() if page is not None else ""
    if body and page is not None and is_link_list(body, page.links):
        body = ""
    if not body:
        doc.warn("no article text found")
    doc.raw = body
    if page is None:
        return doc
    if source.url is None and page.url:
        source.url = page.url
    doc.title = page.title.without_site(page.sitename, source.url)
    doc.outlet = outlet_name(page.sitename, source.url or page.url)
    doc.byline = page.author
    doc.published = page_date(decoded.text, source.url)
    return doc


def meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:META_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def is_link_list(body: str, links: str) -> bool:
    """Every line of the body is the text of links: a menu or a list of headlines, not an article."""
    return all(" ".join(line.split()) in links for line in body.splitlines() if line.strip())


@dataclass(slots=True)
class _Title:
    """trafilatura's title, and the whole <title> when trafilatura took one part of it."""

    chosen: str | None
    whole: str | None

    def without_site(self, sitename: str | None, url: str | None) -> str | None:
        """The title without the site's name. trafilatura keeps the first part of «المدينة نيوز - …», which may
        be the site's: the whole title cut where the site's name is found wins, if it is found."""
        if self.whole:
            cut = title_without_site(self.whole, sitename, url)
            if cut != self.whole:
                return cut
        return title_without_site(self.chosen, sitename, url)


@dataclass(slots=True)
class _Page:
    text: str | None
    title: _Title
    sitename: str | None
    url: str | None
    author: str | None
    links: str  # the text of every <a>, space-joined


def _extract(html: str, url: str | None) -> _Page | None:
    """Body and metadata. A page with no body found is parsed again without libxml2's depth limit (256
    elements: a body nested deeper is dropped), then, deeper still (over 2,048), with its layout tags (div,
    span …) taken out."""
    import trafilatura
    from trafilatura.utils import load_html

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    if html.lstrip().startswith("<?xml"):  # lxml refuses str input with an encoding declaration
        html = html.split("?>", 1)[-1]
    tree = load_html(html)
    if tree is None:
        return None
    links = " ".join(" ".join(a.text_content().split()) for a in tree.iter("a"))
    title, sitename, page_url, author, description = _metadata(tree, url)
    text = None
    for attempt in (lambda: tree, lambda: _deep_tree(html), lambda: _deep_tree(LAYOUT_TAG.sub("", html))):
        result = trafilatura.bare_extraction(  # works on a copy of the tree
            attempt(), url=url, include_comments=False, include_tables=True, favor_precision=FAVOR_PRECISION
        )
        text = result.text if result is not None else None
        if text and text.strip():
            break
    return _Page(with_lead(text, description, tree), title, sitename, page_url, author, links)


def with_lead(text: str | None, description: str | None, tree) -> str | None:
    """The lead paragraph a page shows above its article, outside the block trafilatura keeps (Sputnik's
    «أعلنت وزارة الصحة والسكان المصرية …»): the page's description, when the page shows it as text and the body
    lacks it, goes first."""
    if not text or not description or len(description) < MIN_LEAD_CHARS:
        return text
    lead = " ".join(description.split())
    if _squashed(lead) in _squashed(text):
        return text
    shown = " ".join(" ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")).split())
    return f"{lead}\n{text}" if lead in shown else text


def _squashed(value: str) -> str:
    return re.sub(r"\W+", "", value)


def _deep_tree(html: str):
    from lxml.html import fromstring

    return fromstring(html, parser=_deep_parser())


@lru_cache(maxsize=1)
def _deep_parser():
    from lxml.html import HTMLParser

    return HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                      remove_pis=True, huge_tree=True)  # trafilatura's parser, without the depth limit


def _metadata(tree, url: str | None) -> tuple[_Title, str | None, str | None, str | None, str | None]:
    """Title, site name, canonical URL, author and description: trafilatura's metadata steps without its date search.

    That search hands Arabic date strings to dateparser, which costs seconds per process
    and misreads them anyway; `page_date` asks htmldate on a normalised copy instead.
    """
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url

    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - malformed JSON-LD is common; the meta tags still count
        pass
    title = meta.title or extract_title(tree)
    sitename = meta.sitename or extract_sitename(tree) or next(iter(tree.xpath(SITE_NAME_META)), None)
    page_url = meta.url or extract_url(tree, url)
    whole = _tidy(tree.findtext(".//title"))
    title = _tidy(title)
    return _Title(title, whole if title and whole and title != whole and title in whole else None), \
        _tidy(sitename), _tidy(page_url), _tidy(meta.author), _tidy(meta.description)


def _tidy(value: str | None) -> str | None:
    """White space collapsed; None for nothing."""
    if not value:
        return None
    return " ".join(value.split()) or None
