"""The grammar of Arabic date expressions over tokens: absolute dates (numeric, with a month's name, Hijri with
or without the Gregorian day it equals), months, years with a calendar word, weekdays, parts of days, relative days,
weeks, months and years, counts back and on («قبل يومين»), durations and vague times. Each match is resolved against
the publication date (`reference`); with none, a relative expression keeps no value."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Token
from . import calendar as cal
from .lexicon import Lexicon, lexicon

NUMERIC_DATE = re.compile(r"(\d{1,4})[/.](\d{1,2})[/.](\d{1,4})(م|ه)?")  # «11-2-2011م»
DATE_SEPARATORS = frozenset("-/.")
SLASH = "/"
NUMERIC_TOKENS = 5  # tokens a numeric date may be split into
YEAR = re.compile(r"(\d{4})(م|ه)?")  # «2015», «2015م», «1436ه» (هـ folded)
DAY = re.compile(r"\d{1,2}")
COUNT = re.compile(r"\d{1,3}")
GREGORIAN_YEARS = range(1800, 2101)
HIJRI_YEARS = range(1300, 1501)
RANGE_MARKS = frozenset("-–/")  # «2014-2015», «1436/1437»: a range, no date
OPEN, CLOSE = "(", ")"  # «اليوم (الاثنين)»
TODAY, DAY_WORD = "اليوم", "يوم"
ARTICLE = "ال"
DUAL = "ين"  # the ending of a dual with the article in a span («الأسبوعين»)
MONTH_SEPARATORS = frozenset("/(-")  # «أيلول/سبتمبر», «أيلول (سبتمبر)», «ابريل / نيسان»
COMMAS = frozenset("،,")
CONJUNCTIONS = ("و", "ف")


@dataclass(slots=True)
class Match:
    first: int  # tokens [first, end)
    end: int
    value: str | None
    grain: str  # day | week | month | year | vague | duration
    invalid: bool = False  # written as a date, but no calendar day («30 فبراير 2015»)


def find_dates(tokens: Sequence[Token], reference: dt.date | None, text: str = "") -> list[Match]:
    """Every date expression of the tokens, in text order, the longest at each place (within a line of `text`)."""
    grammar = Grammar(tokens, reference, lexicon(), text)
    found = []
    i = 0
    while i < len(tokens):
        m = grammar.at(i)
        if m is None:
            i += 1
            continue
        found.append(m)
        i = m.end
    return found


class Grammar:
    def __init__(self, tokens: Sequence[Token], reference: dt.date | None, lex: Lexicon, text: str = "") -> None:
        self.tokens = tokens
        self.ref = reference
        self.lex = lex
        self.text = text

    def at(self, i: int) -> Match | None:
        """The longest expression starting at token `i`."""
        if not self.stem(i)[:1].isdigit() and not self.lex.may_start(self.tokens[i]):
            return None
        candidates = [m for m in (self.vague(i), self.absolute(i), self.year(i), self.weekday(i), self.part_of_day(i),
                                  self.relative_day(i), self.period(i), self.counted(i), self.duration(i))
                      if m is not None and not self.crosses_a_line(m)]
        return max(candidates, key=lambda m: m.end) if candidates else None

    def crosses_a_line(self, m: Match) -> bool:
        """«لمدة\n\n15 عاماً»: an expression does not run across paragraphs."""
        return "\n" in self.text[self.tokens[m.first].end:self.tokens[m.end - 1].start]

    # -- helpers

    def norm(self, i: int) -> str:
        return self.tokens[i].norm if i < len(self.tokens) else ""

    def stem(self, i: int) -> str:
        """The token without its proclitics; also a number's («و2024»)."""
        if i >= len(self.tokens):
            return ""
        s = self.tokens[i].stem or self.tokens[i].norm
        return s[1:] if s[:1] in CONJUNCTIONS and s[1:2].isdigit() else s

    def word(self, name: str, i: int) -> tuple[str, int] | None:
        return self.lex.match(name, self.tokens, i) if i < len(self.tokens) else None

    def modifier(self, i: int) -> tuple[str | None, int]:
        found = self.word("modifier", i)
        return (found[0], found[1]) if found else (None, i)

    def relative(self, grain: str, value) -> tuple[str | None, str]:
        """A value that needs the publication date: None without one."""
        return (value() if self.ref is not None else None), grain

    # -- absolute dates

    def absolute(self, i: int) -> Match | None:
        """[weekday][،] a full date: numeric, or day month year, Hijri or Gregorian, and the Gregorian day a Hijri
        one equals («… 1436هـ الموافق 10 أغسطس 2015م»); or day month; or [شهر] month year."""
        start = i
        if self.stem(i) in (DAY_WORD, TODAY) and self.word("weekday", i + 1) is not None:
            i += 1  # «يوم الجمعة 13 فبراير 2015», «اليوم الخميس 7 / 10 / 1436 هـ»
        if (wd := self.word("weekday", i)) is not None:
            i = wd[1] + (self.norm(wd[1]) in COMMAS)
        found = self.numeric(i) or self.day_month_year(i) or self.month_year(i) or self.month_alone(i)
        if found is None:
            return None
        if found.grain == "day" and (eq := self.word("equals", found.end)) is not None:
            second = self.numeric(eq[1]) or self.day_month_year(eq[1])
            if second is not None and second.grain == "day":
                found = Match(found.first, second.end, second.value, "day", second.invalid)
        found.first = start if wd is not None and found.grain == "day" else found.first
        return found

    def era(self, i: int) -> tuple[str | None, int]:
        found = self.word("era", i)
        return (found[0], found[1]) if found else (None, i)

    def numeric(self, i: int) -> Match | None:
        """«15/1/2024», «٢٠٢٤/١/١٥», «2024-01-15», with هـ a Hijri day."""
        tokens = self.tokens
        parts = None
        joined, end = self.stem(i), i + 1  # «15/1/2024» is one token, «و15/1/2024» three, «2024-01-15» five
        while end < min(len(tokens), i + NUMERIC_TOKENS) and (
                tokens[end].norm in DATE_SEPARATORS or tokens[end].norm[:1].isdigit()) and (
                tokens[end].start == tokens[end - 1].end or SLASH in (tokens[end].norm, tokens[end - 1].norm)):
            joined, end = joined + tokens[end].norm, end + 1  # (spaces only around a slash: «7 / 10 / 1436 هـ»)
        while parts is None and end > i:
            m = NUMERIC_DATE.fullmatch(joined.replace("-", "/"))
            if m:
                parts = m.groups()
            else:
                end -= 1
                joined = joined[:len(joined) - len(tokens[end].norm)] if end > i else ""
        if parts is None:
            return None
        if len(parts[0]) != 4 and len(parts[2]) != 4:
            return None  # «3-1-2», a score or a count
        a, b, c = (int(p) for p in parts[:3])
        year, number, d = (a, b, c) if len(parts[0]) == 4 else (c, b, a)
        era = {"م": "gregorian", "ه": "hijri"}.get(parts[3] or "")
        if era is None:
            era, end = self.era(end)
        return self.resolved_day(i, end, year, number, d, hijri=era == "hijri" or year in HIJRI_YEARS)

    def resolved_day(self, i: int, end: int, year: int, number: int, d: int, hijri: bool) -> Match | None:
        if hijri:
            if year not in HIJRI_YEARS:
                return None
            value = cal.hijri_day(year, number, d)
        else:
            if year not in GREGORIAN_YEARS:
                return None
            value = cal.calendar_day(year, number, d)
        return Match(i, end, cal.day(value) if value else None, "day", invalid=value is None)

    def month_name(self, i: int) -> tuple[int, int, bool] | None:
        """A month's name at `i`, with a second name for it («أيلول/سبتمبر», «أيلول (سبتمبر)»): (number, end, hijri)."""
        gregorian = self.lex.month(self.tokens, i)
        if gregorian is not None:
            number, end = gregorian
            if self.norm(end) in MONTH_SEPARATORS and (other := self.lex.month(self.tokens, end + 1)) is not None:
                end = other[1] + (self.norm(other[1]) == CLOSE)
            elif (other := self.lex.month(self.tokens, end)) is not None and other[0] == number:
                end = other[1]  # «يناير كانون الثاني»
            return number, end, False
        hijri = self.word("hijri", i)
        if hijri is not None:
            return int(hijri[0]), hijri[1], True
        return None

    def year_at(self, i: int) -> tuple[int, str | None, int] | None:
        """A year at token `i` («2015», «2015م», «1436 هـ»): (year, era, end), not one of a range («2014-2015»)."""
        m = YEAR.fullmatch(self.stem(i))
        if not m:
            return None
        if self.norm(i + 1) in RANGE_MARKS and COUNT.fullmatch(self.norm(i + 2)) or \
                self.norm(i + 1) in RANGE_MARKS and YEAR.fullmatch(self.norm(i + 2)):
            return None
        era = {"م": "gregorian", "ه": "hijri"}.get(m.group(2) or "")
        end = i + 1
        if era is None:
            era, end = self.era(end)
        return int(m.group(1)), era, end

    def day_of_month(self, i: int) -> tuple[int, int] | None:
        """«15», «17 من», «الثاني من», «للسادس والعشرين من»: (day, the token after it)."""
        if DAY.fullmatch(self.stem(i)):
            d, end = int(self.stem(i)), i + 1
        elif (ordinal := self.word("ordinal", i)) is not None and self.word("of", ordinal[1]) is not None:
            d, end = int(ordinal[0]), ordinal[1]
        else:
            return None
        if (of := self.word("of", end)) is not None:
            end = of[1]
        return d, end

    def year_after(self, i: int) -> tuple[int, str | None, int] | None:
        """The year after a month: «2015», «، 2015», «عام 2014», «من عام 1419هـ», «لعام 1366هـ»."""
        j = i + (self.norm(i) in COMMAS)
        if (of := self.word("of", j)) is not None and self.word("year_word", of[1]) is not None:
            j = of[1]
        if (lead := self.word("year_word", j)) is not None:
            j = lead[1]
        return self.year_at(j)

    def day_month_year(self, i: int) -> Match | None:
        """«15 يناير 2024», «25 شوال 1436هـ», «الثاني من يناير 2012», «28 يونيو عام 2014»; without the year: «15
        يناير», «الرابع من يوليو الماضي»."""
        day = self.day_of_month(i)
        if day is None:
            return None
        d, at = day
        month = self.month_name(at)
        if month is None:
            return None
        number, end, hijri = month
        year = self.year_after(end)
        if year is not None:
            y, era, end = year
            return self.resolved_day(i, end, y, number, d, hijri=hijri or era == "hijri")
        if hijri:
            return None  # a Hijri day with no year: left out
        modifier, end = self.modifier(end)
        if self.ref is None:
            return Match(i, end, None, "day")
        value = cal.day_near(self.ref, number, d, modifier)
        return Match(i, end, cal.day(value) if value else None, "day", invalid=value is None)

    def month_year(self, i: int) -> Match | None:
        """«[شهر] مارس 2023», «رمضان 1436هـ»."""
        first = i
        if (lead := self.word("month_word", i)) is not None:
            i = lead[1]
        month = self.month_name(i)
        if month is None:
            return None
        number, end, hijri = month
        year = self.year_after(end)
        if year is None:
            return None
        y, era, end = year
        if hijri or era == "hijri":
            if y not in HIJRI_YEARS:
                return None
            mid = cal.hijri_day(y, number, cal.HIJRI_MID_MONTH)
            return Match(first, end, cal.month(mid.year, mid.month) if mid else None, "month") if mid else None
        return Match(first, end, cal.month(y, number), "month") if y in GREGORIAN_YEARS else None

    def month_alone(self, i: int) -> Match | None:
        """«[شهر] فبراير [الماضي]», «شهر رمضان المقبل»: a month's name after «شهر» or a word of time, or before a
        modifier (not «مارس الرياضة»)."""
        first = i
        lead = self.word("month_word", i)
        if lead is not None:
            i = lead[1]
        month = self.month_name(i)
        if month is None:
            return None
        number, end, hijri = month
        modifier, after = self.modifier(end)
        led = lead is not None or i > 0 and self.word("month_lead", i - 1) is not None
        if modifier is None and not led or hijri and lead is None and modifier is None:
            return None
        if self.ref is None:
            return Match(first, after, None, "month")
        if hijri:
            mid = cal.hijri_month_near(self.ref, number, modifier)
            return Match(first, after, cal.month(mid.year, mid.month) if mid else None, "month")
        y, m = cal.month_near(self.ref, number, modifier)
        return Match(first, after, cal.month(y, m), "month")

    # -- years

    def year(self, i: int) -> Match | None:
        """«عام 2009», «لعام 2015م», «سنة 1436هـ», «2015م»: a year with a calendar word or an era."""
        first = i
        lead = self.word("year_word", i)
        if lead is not None:
            i = lead[1]
        year = self.year_at(i)
        if year is None:
            return None
        y, era, end = year
        if lead is None and era is None:
            return None  # a bare number is no year
        if era == "hijri":
            if y not in HIJRI_YEARS:
                return None
            mid = cal.hijri_day(y, *cal.HIJRI_MID_YEAR)
            return Match(first, end, str(mid.year), "year") if mid else None
        return Match(first, end, str(y), "year") if y in GREGORIAN_YEARS else None

    # -- weekdays, days and parts of days

    def weekday(self, i: int) -> Match | None:
        """«[يوم] الأربعاء [الماضي]», «اليوم الأربعاء», «اليوم (الاثنين)»."""
        first = i
        today = False
        if self.stem(i) in (TODAY, DAY_WORD):
            today = self.stem(i) == TODAY
            i += 1
            if today and self.norm(i) == OPEN:
                i += 1
        found = self.word("weekday", i)
        if found is None or (first == i and not self.stem(i).startswith(ARTICLE)):
            return None  # a bare «أحد», «جمعة» is another word
        if first == i and i > 0 and self.word("not_weekday_before", i - 1) is not None:
            return None  # «صلاة الجمعة», «سوق الجمعة»
        weekday, end = int(found[0]), found[1]
        if today and self.norm(first + 1) == OPEN:
            if self.norm(end) != CLOSE:
                return None
            end += 1
        modifier, end = self.modifier(end)
        if today:
            value, grain = self.relative("day", lambda: cal.day(self.ref))
        else:
            value, grain = self.relative("day", lambda: cal.day(cal.weekday_near(self.ref, weekday, modifier)))
        return Match(first, end, value, grain)

    def relative_day(self, i: int) -> Match | None:
        """اليوم، أمس، أول من أمس، غدا، بعد غد؛ الليلة الماضية (not «اليوم الوطني», «اليوم الأول»)."""
        found = self.word("relative_day", i) or self.word("last_night", i)
        if found is None:
            return None
        offset, end = int(found[0]), found[1]
        named = self.weekday_named(end)  # «أمس الخميس», «أول من أمس (الخميس)»
        if named is not None:
            end = named
        elif offset == 0 and self.stem(end).startswith(ARTICLE):
            return None  # «اليوم الوطني», «اليوم الأول», «اليوم الذي»: a name or a day of something else
        value, grain = self.relative("day", lambda: cal.day(self.ref + dt.timedelta(days=offset)))
        return Match(i, end, value, grain)

    def weekday_named(self, i: int) -> int | None:
        """The token after a weekday's name at `i`, also in brackets («(الخميس)»); None when there is none."""
        bracket = self.norm(i) == OPEN
        found = self.word("weekday", i + bracket)
        if found is None or bracket and self.norm(found[1]) != CLOSE:
            return None
        return found[1] + bracket

    def part_of_day(self, i: int) -> Match | None:
        """«مساء أمس», «فجر اليوم», «مساء الخميس», «صباح 15 يناير 2024»: the day's value, the wider span."""
        found = self.word("part_of_day", i)
        if found is None:
            return None
        days = [d for d in (self.relative_day(found[1]), self.weekday(found[1]), self.absolute(found[1]))
                if d is not None and d.grain == "day"]
        if not days:
            return None
        day = max(days, key=lambda d: d.end)
        return Match(i, day.end, day.value, "day", day.invalid)

    # -- weeks, months, years around the publication date

    def period(self, i: int) -> Match | None:
        """«الأسبوع الماضي», «الشهر المقبل», «العام الجاري», «هذا العام», «السنة الماضية»."""
        first = i
        this = self.word("this", i)
        if this is not None:
            i = this[1]
        found = self.word("period", i)
        if found is None:
            return None
        unit, end = found
        modifier, end = self.modifier(end)
        if this is not None:
            modifier = modifier or "this"
        if modifier is None:
            return None
        step = {"past": -1, "next": 1, "this": 0}[modifier]
        return Match(first, end, *self.relative(unit, lambda: self.shifted(unit, step)))

    def shifted(self, unit: str, n: int) -> str:
        ref = self.ref
        if unit == "day":
            return cal.day(ref + dt.timedelta(days=n))
        if unit == "week":
            return cal.week(ref + dt.timedelta(days=7 * n))
        if unit == "month":
            return cal.month(*cal.add_months(ref.year, ref.month, n))
        return str(ref.year + n)

    # -- counts back and on, durations, vague times

    def count(self, i: int) -> tuple[int | None, str, int] | None:
        """«ثلاثة أيام», «3 أسابيع», «يومين», «بضعة أشهر» (no count): (count, unit, end)."""
        dual = self.word("dual", i)
        if dual is not None:
            return 2, dual[0], dual[1]
        n: int | None = None
        if COUNT.fullmatch(self.stem(i)):
            n, i = int(self.stem(i)), i + 1
        elif (word := self.word("number", i)) is not None:
            n, i = int(word[0]), word[1]
        elif (some := self.word("some", i)) is not None:
            i = some[1]
        elif (one := self.word("one", i)) is not None:
            return 1, one[0], one[1]
        else:
            return None
        unit = self.word("unit", i)
        return (n, unit[0], unit[1]) if unit is not None else None

    def counted(self, i: int) -> Match | None:
        """«منذ ثلاثة أيام», «قبل يومين», «قبل شهرين», «بعد أسبوعين» (points); «منذ 45 عاما», «منذ سنوات»
        (durations); «منذ بضعة أيام» (vague)."""
        found = self.word("ago_on", i)
        if found is None:
            return None
        sign, at = int(found[0]), found[1]
        since = sign < 0 and self.norm(i) == "منذ"
        counted = self.count(at)
        if counted is None:
            plural = self.word("unit", at)  # «منذ سنوات»
            if since and plural is not None and plural[0] in ("month", "year", "decade"):
                return Match(i, plural[1], None, "duration")
            return None
        n, unit, end = counted
        after = whole[1] if (whole := self.word("whole", end)) is not None else end
        before = self.word("unit", i - 1) if i > 0 else None
        if self.word("of", after) is not None or before is not None and before[0] == unit:
            return None  # «بعد يومين من الحادث»: counted from something else; «يوما بعد يوم»
        if since and unit in ("month", "year", "decade"):
            return Match(i, end, None, "duration")
        if n is None or unit == "decade":
            return Match(i, end, None, "vague")
        grain = unit
        days = {"day": 1, "week": 7}.get(unit)
        if days is not None:
            return Match(i, end, *self.relative(grain, lambda: (cal.day if unit == "day" else cal.week)(
                self.ref + dt.timedelta(days=sign * n * days))))
        return Match(i, end, *self.relative(grain, lambda: self.shifted(unit, sign * n)))

    def duration(self, i: int) -> Match | None:
        """«لمدة ثلاثة أشهر», «على مدى خمس سنوات», «طوال يومين»; «الأيام الثلاثة الماضية», «الأسبوعين الماضيين»."""
        found = self.word("lasting", i)
        if found is not None and (counted := self.count(found[1])) is not None:
            return Match(i, counted[2], None, "duration")
        span = self.word("span_unit", i)
        if span is None:
            return None
        end = span[1]
        counted = (n := self.word("number", end)) is not None or (n := self.definite_number(end)) is not None
        if counted:
            end = n[1]
        after = self.word("modifier", end) or self.word("last", end)
        if after is None or after[0] == "this":
            return None
        dual = self.stem(i).endswith(DUAL)  # «الأسبوعين الماضيين»
        return Match(i, after[1], None, "duration" if counted or dual else "vague")  # «في الأسابيع المقبلة»: vague

    def definite_number(self, i: int) -> tuple[str, int] | None:
        """«الثلاثة», «الخمس»: a counting word with the article."""
        stem = self.stem(i)
        if not stem.startswith("ال"):
            return None
        value = self.lex.value("number", (stem[2:],))
        return (value, i + 1) if value is not None else None

    def vague(self, i: int) -> Match | None:
        found = self.word("vague", i)
        return Match(i, found[1], None, "vague") if found else None

