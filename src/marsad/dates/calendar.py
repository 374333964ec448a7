"""Calendar arithmetic against a reference day: shifts, ISO weeks, the nearest or latest month or weekday, and Umm
al-Qura Hijri dates (hijridate) in Gregorian."""
from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri

HIJRI_MID_MONTH = 15  # a Hijri month stands for the Gregorian month that holds its 15th
HIJRI_MID_YEAR = (6, 15)  # a Hijri year for the Gregorian year that holds 15 Jumada al-Akhira


def day(d: dt.date) -> str:
    return d.isoformat()


def week(d: dt.date) -> str:
    year, number, _ = d.isocalendar()
    return f"{year}-W{number:02d}"


def month(year: int, number: int) -> str:
    return f"{year:04d}-{number:02d}"


def add_months(year: int, number: int, n: int) -> tuple[int, int]:
    k = year * 12 + number - 1 + n
    return k // 12, k % 12 + 1


def calendar_day(year: int, number: int, d: int) -> dt.date | None:
    try:
        return dt.date(year, number, d)
    except ValueError:
        return None  # «30 فبراير», «32 مارس»


def month_near(ref: dt.date, number: int, modifier: str | None) -> tuple[int, int]:
    """The month `number` nearest to `ref` (a tie to the past); with past / next / this: the latest before `ref`'s
    month, the next after it, or `ref`'s year."""
    if modifier == "past":
        return (ref.year, number) if number < ref.month else (ref.year - 1, number)
    if modifier == "next":
        return (ref.year, number) if number > ref.month else (ref.year + 1, number)
    if modifier == "this":
        return ref.year, number
    candidates = [(y, number) for y in (ref.year - 1, ref.year, ref.year + 1)]
    return min(candidates, key=lambda ym: (abs((ym[0] - ref.year) * 12 + ym[1] - ref.month), ym > (ref.year, ref.month)))


def day_near(ref: dt.date, number: int, d: int, modifier: str | None = None) -> dt.date | None:
    """Day `d` of month `number` in the year that puts it nearest to `ref` (a tie to the past); with past / next /
    this: the latest before `ref`, the next after it, or in `ref`'s year."""
    if modifier == "this":
        return calendar_day(ref.year, number, d)
    days = [x for y in (ref.year - 1, ref.year, ref.year + 1) if (x := calendar_day(y, number, d)) is not None]
    if modifier == "past":
        days = [x for x in days if x < ref]
        return max(days) if days else None
    if modifier == "next":
        days = [x for x in days if x > ref]
        return min(days) if days else None
    return min(days, key=lambda x: (abs((x - ref).days), x > ref)) if days else None


def weekday_near(ref: dt.date, weekday: int, modifier: str | None) -> dt.date:
    """The latest such weekday on or before `ref`; with past: before it; with next: after it."""
    back = (ref.weekday() - weekday) % 7
    if modifier == "next":
        return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    if modifier == "past":
        back = back or 7
    return ref - dt.timedelta(days=back)


def hijri_day(year: int, number: int, d: int) -> dt.date | None:
    """A Hijri day in Gregorian (Umm al-Qura), or None outside the calendar's range (AH 1343–1500) or month."""
    try:
        return Hijri(year, number, d).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_year_of(ref: dt.date) -> int | None:
    try:
        return Gregorian(ref.year, ref.month, ref.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def hijri_month_near(ref: dt.date, number: int, modifier: str | None) -> dt.date | None:
    """The middle of Hijri month `number` nearest `ref`, or the latest before it (past), the next after it (next)."""
    year = hijri_year_of(ref)
    if year is None:
        return None
    mids = [x for y in (year - 1, year, year + 1) if (x := hijri_day(y, number, HIJRI_MID_MONTH)) is not None]
    if modifier == "past":
        mids = [x for x in mids if x < ref]
        return max(mids) if mids else None
    if modifier == "next":
        mids = [x for x in mids if x > ref]
        return min(mids) if mids else None
    return min(mids, key=lambda x: (abs((x - ref).days), x > ref)) if mids else None
