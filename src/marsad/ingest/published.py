"""Publication dates given by the input: a day, YYYY-MM-DD, or nothing.

htmldate reads «١٥ أيلول ٢٠٢٤» as 2024-01-01 (a bare year): a copy of the page
gets Western digits and English month names before it is asked, and only its
reliable sources (meta tags, <time>, date classes, the URL) are used.
"""
from __future__ import annotations

import datetime as dt
import logging
import re

from ..text.months import months
from ..text.normalise import DIGITS


def _fold(word: str) -> str:
    """Hamza seats on alef folded (أ/إ/آ → ا), white space collapsed: the key of the month table."""
    return " ".join(re.sub("[أإآ]", "ا", word).split())


def _month_table() -> dict[str, str]:
    """Folded month name -> English name, for the date finder."""
    return {_fold(name): month.english for month in months() for name in month.names}


_MONTH = _month_table()
_MONTH_NAME = "|".join(sorted((re.escape(n).replace("ا", "[اأإآ]").replace(r"\ ", r"\s+") for n in _MONTH), key=len, reverse=True))
# «15 أيلول 2024», «15 أيلول/سبتمبر 2024», «15 أيلول (سبتمبر) 2024»
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_NAME})(?:\s*[/(]\s*(?:{_MONTH_NAME})\s*\)?)?\s*[,،]?\s+(\d{{4}})(?!\d)"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
# a URL's year, a section, then month and day: arabic.cnn.com/2013/middle_east/8/3/syria.clashes/
_URL_YEAR_SECTION_DAY = re.compile(r"/((?:19|20)\d\d)/[A-Za-z][\w-]*/(\d{1,2})/(\d{1,2})/")


def western_digits(text: str) -> str:
    return text.translate(DIGITS)


def iso_day(value: str | dt.date) -> str:
    """YYYY-MM-DD for a date a caller gives (a str in that form, a date or a datetime); ValueError for anything else."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")


def published_day(value: object) -> str | None:
    """YYYY-MM-DD from an input's date field («2015-07-21 02:51:32», «٢٠٢٤/٠٩/١٥»), else None."""
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.match(western_digits(value).strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def normalise_dates(html: str) -> str:
    """The page with Western digits and English month names, for the date finder only."""

    def english(match: re.Match[str]) -> str:
        month = _MONTH[_fold(match.group(2))]
        return f"{match.group(1)} {month} {match.group(3)}"

    return _DAY_MONTH_YEAR.sub(english, western_digits(html))


def page_date(html: str, url: str | None = None) -> str | None:
    """The publication day of an HTML page, or None."""
    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = find_date(normalise_dates(html), extensive_search=False, original_date=True, url=url)
    except Exception:  # noqa: BLE001 - a date finder must never sink the article
        found = None
    return found or url_date(url)


def url_date(url: str | None) -> str | None:
    """The day a URL of the form …/2013/middle_east/8/3/… gives (htmldate reads /2013/08/03/ itself)."""
    match = _URL_YEAR_SECTION_DAY.search(url or "")
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None
