"""Publication dates given by the input: a day, YYYY-MM-DD, or nothing.

htmldate reads «١٥ أيلول ٢٠٢٤» as 2024-01-01 (a bare year): a copy of the page
gets Western digits and English month names before it is asked, and only its
reliable sources (meta tags, <time>, date classes, the URL) are used.
"""
from __future__ import annotations

import datetime as dt
import logging
import re

from ..text.normalise import DIGITS

# Egyptian/Gulf, Levantine and Maghrebi names, folded a little (أ/إ/آ → ا) before lookup.
_MONTHS = {
    "January": "يناير كانون الثاني جانفي",
    "February": "فبراير شباط فيفري",
    "March": "مارس اذار",
    "April": "ابريل نيسان افريل",
    "May": "مايو ايار ماي",
    "June": "يونيو يونية حزيران جوان",
    "July": "يوليو يولية تموز جويلية",
    "August": "اغسطس اب اوت",
    "September": "سبتمبر ايلول",
    "October": "اكتوبر تشرين الأول",
    "November": "نوفمبر تشرين الثاني",
    "December": "ديسمبر كانون الأول",
}
_TWO_WORD = ("كانون الثاني", "كانون الاول", "تشرين الاول", "تشرين الثاني")


def _fold(word: str) -> str:
    return re.sub("[أإآ]", "ا", word)


def _month_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for english, names in _MONTHS.items():
        rest = _fold(names)
        for two in _TWO_WORD:
            if two in rest:
                table[two] = english
                rest = rest.replace(two, "")
        for name in rest.split():
            table[name] = english
    return table


_MONTH = _month_table()
_MONTH_NAME = "|".join(sorted((re.escape(n).replace("ا", "[اأإآ]").replace(r"\ ", r"\s+") for n in _MONTH), key=len, reverse=True))
# «15 أيلول 2024», «15 أيلول/سبتمبر 2024», «15 أيلول (سبتمبر) 2024»
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_NAME})(?:\s*[/(]\s*(?:{_MONTH_NAME})\s*\)?)?\s*[,،]?\s+(\d{{4}})(?!\d)"
)
_ISO_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")


def western_digits(text: str) -> str:
    return text.translate(DIGITS)


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
        month = _MONTH[" ".join(_fold(match.group(2)).split())]
        return f"{match.group(1)} {month} {match.group(3)}"

    return _DAY_MONTH_YEAR.sub(english, western_digits(html))


def page_date(html: str, url: str | None = None) -> str | None:
    """The publication day of an HTML page, or None."""
    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        return find_date(normalise_dates(html), extensive_search=False, original_date=True, url=url)
    except Exception:  # noqa: BLE001 - a date finder must never sink the article
        return None
