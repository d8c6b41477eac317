"""Normalise one time expression to a TIMEX3 value against the document date.

News dates are relative: "on Tuesday" means a date only against the publication date, and
which Tuesday depends on tense ("said on Tuesday" looks back, "will meet on Tuesday" looks
forward). dateparser reads absolute dates well but returns nothing for "overnight", "this
weekend" or "earlier this month", resolves weekdays without regard to tense, and has no
TIMEX3 values for weeks (2013-W12), quarters (2013-Q1), seasons (2013-SU), decades (199),
durations (P30D), sets (P1D) or PRESENT_REF. So this module applies its own rules first, in
the order below, and falls back to dateparser only for what they leave (numeric and unusual
absolute dates). Without a document date, relative expressions stay unresolved (value None)
rather than being resolved against today; absolute ones keep their value, and a month and day
without a year keep ``XXXX`` for the year (a TIMEX3 underspecified value).

Rules, by the first that matches the cleaned phrase:

1. lexicon words (``data/time_words.jsonl``): reference words (now -> PRESENT_REF), sets
   (daily -> P1D), deictic days (yesterday, tonight, overnight), holidays, and words that are
   not time expressions at all ("quarterly", a bare "night");
2. sets ("every Thursday" -> XXXX-WXX-4, "Tuesday nights", "each July", "twice a year");
3. weekdays, with an optional part of day ("Tuesday night") or date ("Saturday, April 25",
   whose year is the one where the date falls on that weekday), placed by tense;
4. parts of deictic days ("yesterday afternoon", "mid-afternoon yesterday"), and the document's
   own day or week counted in a run ("later in the day", "a second consecutive day", "a fourth
   week in a row");
5. this/last/next week, weekend, month, year, quarter, season, decade;
6. N units ago/earlier/later/from now;
7. quarters and halves ("the third quarter", "first-half", "the last half of 1989");
8. years, fiscal years, seasons of a year, decades and centuries ("in 2014", "the winter of
   1994", "the 1990s", "the 20th century"), "the year", "the end of the month", "the week of
   March 6", and the reported quarters of earnings news ("the year-earlier quarter");
9. durations ("30-day", "the past three years", "several weeks", "2 1/2 years"; quarters keep
   their own unit, "the past two quarters" -> P2Q);
10. months and days ("Feb. 14", "14 February 2014", "last April", "June last year");
11. clock times ("5 p.m.", "noon Thursday"), on the day the phrase or the document gives (in
    universal time with ``Z``: "16:08 UTC" -> ``T16:08Z``);
12. dateparser on the phrase, for the rest.

Spelled numbers of broadcast transcripts are written in digits first ("nineteen ninety-six"
-> 1996, "March eighth" -> March 8).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

PAST, PRESENT, FUTURE = "past", "present", "future"
"""The tenses ``normalise`` uses to place weekdays, months and dates."""

FORWARD_TENSES = frozenset({FUTURE})
"""Tenses under which a bare weekday looks forward. A simple present does not: in news
"Ministers meet on Tuesday" is as often a historic present as a timetable (chosen on the
TempEval-3 training data)."""

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a couple of": 2, "couple of": 2,
    "a dozen": 12, "dozen": 12,
}  # fmt: skip
VAGUE = {"several", "a few", "few", "many", "some", "a number of", "numerous", "countless"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
"""A representative month of each season, to compare seasons with the document date."""

UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("Y", False),
    "century": ("Y", False), "millennium": ("Y", False),
}  # fmt: skip
"""Unit word -> (TIMEX3 duration letter, whether it is a time unit written after ``PT``).
Decades, centuries and millennia are written in years ("two decades" -> P20Y), as the
TimeBank annotators mostly do."""

UNIT_YEARS = {"decade": 10, "century": 100, "millennium": 1000}
"""Units counted in years, and how many."""

SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}
"""Date-unit letter -> the next smaller letter and how many of it make one, to write halves
("2 1/2 years" -> P2Y6M). Minutes (``PT..M``) go to seconds separately."""

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
"""Spelled ordinals for days of the month, as transcripts write them ("March eighth")."""

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_SPELLED_YEAR = re.compile(
    rf"\b(?P<century>nineteen|eighteen|twenty)[\s-]+(?P<tens>{_TENS})(?:[\s-]+(?P<unit>{_UNITS_WORDS}))?"
    rf"\b|\btwo thousand(?:\s+(?:and\s+)?(?P<small>{_UNITS_WORDS}|ten|eleven|twelve))?\b"
    rf"(?![\s-]+(?:years|months|weeks|days|hours|people|dollars))"
)


_PREPOSITIONS = re.compile(
    r"^(?:on|in|at(?!\s+(?:least|most)\b)|by|since|until|till|from|during|for|of|over|through|throughout|within|"
    r"before|after|around|about|between|into|as of|as early as|as late as|as recently as|"
    r"no later than|sometime|some time in|shortly after|shortly before|just after|just|"
    r"just before|soon after|late on|early on)\s+"
)
_MODIFIERS = re.compile(
    r"^(?:early|late|mid|the middle of|the end of|the beginning of|the start of|the first "
    r"half of|the second half of|the turn of|the close of|the rest of|the remainder of|"
    r"earlier|later|the early|the late|the mid|end of|start of|end-|mid-|late-|early-)\s*"
)
_APPROX = re.compile(
    r"^(?:more than|less than|fewer than|no more than|no less than|about|nearly|almost|"
    r"at least|at most|over|under|"
    r"some|up to|around|roughly|approximately|an estimated|barely|just|only|another|"
    r"an additional|a further|the entire|the whole|the full|all|a full|the better part of|"
    r"a period of|a total of|the last|the past|the previous|the next|the coming|the first|"
    r"the following|the remaining|the final|the|coming|next|past|last|following|first|"
    r"remaining|each of the past|each of the last)\s+"
)


_UTC = re.compile(r"\b(?:UTC|GMT)\b", re.IGNORECASE)
"""A clock time in universal time, written with ``Z`` in TIMEX3 (``2008-10-06T16:08Z``)."""


@dataclass(frozen=True)
class Normalised:
    """A time expression's TIMEX3 type and value, and the granularity of the value."""

    value: str | None
    type: str = "DATE"
    granularity: str | None = None


@dataclass(frozen=True)
class TimeWord:
    """A lexicon entry (``data/time_words.jsonl``), as the normaliser uses it."""

    value: str | None
    type: str
    granularity: str | None
    kind: str


def clean(text: str) -> str:
    """Lower-case a phrase, unify quotes and spaces, drop edge punctuation and possessives."""
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = " ".join(text.split()).strip(" ,;:()\"'")
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    return text.rstrip(".") if not re.search(r"\b[ap]\.m\.$", text) else text


def strip_prepositions(text: str) -> str:
    """Drop leading prepositions ("on Tuesday" -> "tuesday")."""
    previous = None
    while previous != text:
        previous = text
        text = _PREPOSITIONS.sub("", text)
    return text


def number(word: str) -> int | None:
    """Read a small cardinal written in digits or words ("30", "two", "twenty-one")."""
    word = word.replace(",", "")
    if word.isdigit():
        return int(word)
    if word in NUMBERS:
        return NUMBERS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    try:
        return int(float(word)) if float(word) == int(float(word)) else None
    except ValueError:
        return None


def iso_week(day: date) -> str:
    """TIMEX3 week value: ``2013-W12``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: date) -> int:
    """The calendar quarter (1-4) of a date."""
    return (day.month - 1) // 3 + 1


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def weekday_date(anchor: date, weekday: int, tense: str | None, shift: str | None) -> date:
    """The date of a weekday relative to the document date.

    "last Tuesday" and a past tense look back (the document's own weekday counts as today),
    "next Tuesday" and a future or present tense look forward, "this Tuesday" stays in the
    document's week.
    """
    if shift == "this":
        return anchor + timedelta(days=weekday - anchor.weekday())
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if shift in ("last", "past", "previous"):
        return anchor - timedelta(days=back or 7)
    if shift in ("next", "coming"):
        return anchor + timedelta(days=forward or 7)
    if tense in FORWARD_TENSES:
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back)


PAST_SLACK_DAYS = 31
"""How far after the document date a past-tense month and day may still fall in its year: a
past clause often reports a date just ahead ("the offer was extended to Nov. 20"). Chosen on
the TempEval-3 training data (TBAQ): 31 days gave 6 more right values than 0, and 45 or 60
no more than 31."""


def infer_year(anchor: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) written without one.

    A past tense takes the latest such date not after the document date, a future tense the
    earliest not before it, and otherwise the one nearest to it.
    """

    def moment(year: int) -> date:
        try:
            return date(year, month, day or 1)
        except ValueError:
            return date(year, month, 28)

    year = anchor.year
    current = moment(year)
    same_month = day is None and month == anchor.month
    if tense == PAST and current > anchor + timedelta(days=PAST_SLACK_DAYS) and not same_month:
        return year - 1
    if tense == FUTURE and current < anchor and not same_month:
        if day is None and month >= anchor.month:
            return year
        return year + 1
    if tense in (PAST, FUTURE):
        return year
    options = [year - 1, year, year + 1]
    return min(options, key=lambda y: abs((moment(y) - anchor).days))


def _year_by_weekday(found: Normalised, weekday: int, anchor: date | None) -> Normalised:
    """Fix the year of a "Saturday, April 25" the normaliser had to guess: the year, next to
    the document's, in which that day falls on that weekday."""
    value = found.value
    if anchor is None or value is None or found.granularity != "day":
        return found
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value)
    if match is None:
        return found
    year, month, day = (int(g) for g in match.groups())
    for candidate in (year, anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            moment = date(candidate, month, day)
        except ValueError:
            continue
        if moment.weekday() == weekday:
            return Normalised(moment.isoformat(), found.type, found.granularity)
    return found


def _day(anchor: date) -> str:
    return anchor.isoformat()


def _deictic(value: str, anchor: date) -> str:
    """Expand a lexicon template: ``D-1`` (yesterday), ``D+0TNI`` (tonight)."""
    match = re.fullmatch(r"D([+-]\d+)(T\w+)?", value)
    if match is None:
        return value
    day = anchor + timedelta(days=int(match.group(1)))
    return day.isoformat() + (match.group(2) or "")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    if n > 0:
        return first + timedelta(days=offset + 7 * (n - 1))
    last = add_months(first, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAYS = {
    "THANKSGIVING": (11, 3, 4),  # fourth Thursday of November
    "LABOR_DAY": (9, 0, 1),  # first Monday of September
    "MEMORIAL_DAY": (5, 0, -1),  # last Monday of May
}


def _holiday(value: str, anchor: date | None, tense: str | None) -> str | None:
    if value in _HOLIDAYS:
        month, weekday, n = _HOLIDAYS[value]
        if anchor is None:
            return None
        year = infer_year(anchor, month, 15, tense)
        return _nth_weekday(year, month, weekday, n).isoformat()
    match = re.fullmatch(r"XXXX-(\d\d)-(\d\d)", value)
    if match and anchor is not None:
        month, day = int(match.group(1)), int(match.group(2))
        return f"{infer_year(anchor, month, day, tense):04d}-{month:02d}-{day:02d}"
    return value


class Normaliser:
    """Turn candidate phrases into TIMEX3 values (see the module docstring for the rules).

    Args:
        words: The lexicon: cleaned phrase -> entry.
        use_dateparser: Fall back to dateparser for phrases no rule reads.
    """

    def __init__(self, words: dict[str, TimeWord], *, use_dateparser: bool = True) -> None:
        self.words = words
        self.use_dateparser = use_dateparser

    def __call__(
        self, text: str, anchor: date | None, tense: str | None = None
    ) -> Normalised | None:
        """Normalise one phrase.

        Args:
            text: The phrase as written ("on Feb. 14", "the past three years").
            anchor: The document date, or None.
            tense: PAST, PRESENT, FUTURE or None: the tense of the clause the phrase is in.

        Returns:
            The normalised expression (its value None when it cannot be resolved), or None
            when the phrase is not a time expression at all (an age, a bare number).
        """
        found = self._normalise(text, anchor, tense)
        if (
            found is not None
            and found.value is not None
            and _UTC.search(text) is not None
            and re.search(r"T\d\d:\d\d$", found.value)
        ):  # "16:08 UTC": TimeML writes the zone of universal time as Z
            return Normalised(f"{found.value}Z", found.type, found.granularity)
        return found

    def _normalise(
        self, text: str, anchor: date | None, tense: str | None = None
    ) -> Normalised | None:
        phrase = re.sub(r"^this coming\b", "coming", spell_digits(clean(text)))
        if not phrase:
            return None
        word = self.words.get(phrase) or self.words.get(strip_prepositions(phrase))
        if word is not None:
            return self._word(word, anchor, tense)
        phrase = strip_prepositions(phrase)
        if _is_not_time(phrase):
            return None
        phrase = _SUFFIXES.sub("", phrase) or phrase
        # "a quarter century" is 25 years, not a fiscal quarter
        phrase = re.sub(r"\b(?:a\s+)?quarter[\s-]+(?:of\s+a\s+)?century\b", "25 years", phrase)
        phrase = re.sub(r"^last year's (?:quarter|period)$", "the year-ago quarter", phrase)
        phrase = re.sub(r"^(?:the\s+)?latest\s+period$", "the latest quarter", phrase)
        phrase = re.sub(r"^(this|last|next) year's\s+(first|second|third|fourth)[\s-]+"
                        r"(quarter|half)$", r"the \2 \3 \1 year", phrase)  # fmt: skip
        phrase = re.sub(r"^(?:its|their|his|her|our|a|this|that|the company's)\s+(?=\S*\s*"
                        r"(?:first|second|third|fourth|final|quarter|half|fiscal))", "the ",
                        phrase)  # fmt: skip
        for rule in (
            self._set,
            self._weekday,
            self._part_of_day,
            self._the_day,
            self._relative_unit,
            self._ago,
            self._quarter,
            self._year,
            self._duration,
            self._month_day,
            self._clock,
        ):
            found = rule(phrase, anchor, tense)
            if found is not None:
                return found
        stripped = _MODIFIERS.sub("", phrase)
        if stripped != phrase and stripped:
            inner = self(stripped, anchor, tense)
            if inner is not None:
                return inner
        return self._dateparser(phrase, anchor, tense)

    # -- rules ----------------------------------------------------------------------------

    def _word(self, word: TimeWord, anchor: date | None, tense: str | None) -> Normalised | None:
        if word.kind == "reject":
            return None
        value = word.value
        if word.kind == "deictic" and value is not None:
            value = _deictic(value, anchor) if anchor is not None else None
        elif word.kind == "holiday" and value is not None:
            value = _holiday(value, anchor, tense)
        return Normalised(value, word.type, word.granularity)

    def _set(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        """Recurring times: "every Thursday", "Tuesday nights", "each July", "every two weeks",
        "twice a year" (TIMEX3 SET values ``XXXX-WXX-4``, ``XXXX-07``, ``P2W``, ``P1Y``)."""
        days = r"(mon|tues|wednes|thurs|fri|satur|sun)day"
        match = re.fullmatch(
            rf"(?:(?:every|each|on)\s+)?{days}(?:s(?:\s+(morning|afternoon|evening|night)s?)?"
            rf"|\s+(morning|afternoon|evening|night)s)"
            rf"|(?:every|each)\s+{days}(?:\s+(morning|afternoon|evening|night))?",
            phrase,
        )
        if match is not None:
            name = match.group(1) or match.group(4)
            part = match.group(2) or match.group(3) or match.group(5)
            day = next(v for k, v in WEEKDAYS.items() if k.startswith(name)) + 1
            suffix = f"T{PARTS_OF_DAY[part]}" if part else ""
            return Normalised(f"XXXX-WXX-{day}{suffix}", "SET", "day")
        months = "|".join(sorted(MONTHS, key=len, reverse=True))
        match = re.fullmatch(rf"(?:every|each)\s+({months})", phrase)
        if match is not None:
            return Normalised(f"XXXX-{MONTHS[match.group(1)]:02d}", "SET", "month")
        match = re.fullmatch(r"(?:every|each)\s+(spring|summer|fall|autumn|winter)", phrase)
        if match is not None:  # "every summer"
            return Normalised(f"XXXX-{SEASONS[match.group(1)]}", "SET", "season")
        if re.fullmatch(r"(?:every|each)\s+weekend|weekends", phrase):
            return Normalised("XXXX-WXX-WE", "SET", "weekend")
        units = "|".join(UNITS)
        match = re.fullmatch(rf"(?:every|each)\s+(?:other\s+)?(\S+|a few)\s+({units})s", phrase)
        if match is not None and (
            number(match.group(1)) is not None or match.group(1) in VAGUE
        ):  # "every two years", "every few years" (P2Y, PXY)
            letter, is_time = UNITS[match.group(2)]
            amount = number(match.group(1))
            return Normalised(_duration_value(amount, letter, is_time), "SET", match.group(2))
        match = re.fullmatch(rf"(?:every|each)\s+other\s+({units})", phrase)
        if match is not None:  # "every other day": every second one
            letter, is_time = UNITS[match.group(1)]
            return Normalised(_duration_value(2, letter, is_time), "SET", match.group(1))
        match = re.fullmatch(rf"per\s+({units})|(hour)ly", phrase)
        if match is not None:  # "per day", "hourly"
            unit = match.group(1) or match.group(2)
            letter, is_time = UNITS[unit]
            return Normalised(_duration_value(1, letter, is_time), "SET", unit)
        match = re.fullmatch(rf"(?:once|twice|\S+\s+times)\s+(?:a|an|per|every|each)\s+({units})",
                             phrase)  # fmt: skip
        if match is not None:
            letter, is_time = UNITS[match.group(1)]
            return Normalised(_duration_value(1, letter, is_time), "SET", match.group(1))
        return None

    def _part_of_day(
        self, phrase: str, anchor: date | None, tense: str | None
    ) -> Normalised | None:
        """A part of a deictic day: "yesterday afternoon", "mid-afternoon yesterday", "later
        this afternoon", "tomorrow morning" (``2013-03-21TAF``)."""
        parts = "morning|afternoon|evening|night"
        days = "yesterday|today|tomorrow"
        match = re.fullmatch(
            rf"(?:(?:mid|early|late|later|earlier)[\s-]+)?(?:(?:this|the)\s+)?({parts})"
            rf"(?:\s*,?\s*({days}))?|({days})\s*,?\s*(?:(?:mid|early|late)[\s-]+)?(?:in the\s+)?"
            rf"({parts})",
            phrase,
        )
        if match is None:
            return None
        part = match.group(1) or match.group(4)
        day_word = match.group(2) or match.group(3) or "today"
        if anchor is None:
            return Normalised(None, "TIME", "part_of_day")
        day = anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day_word, 0))
        return Normalised(f"{day.isoformat()}T{PARTS_OF_DAY[part]}", "TIME", "part_of_day")

    @staticmethod
    def _the_day(phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        """The document's own day: "later in the day", "the end of the day", "(stocks ended)
        the day", and a running count of days "today is the eighth day (of the strike)", "for
        a second consecutive day". A count looking ahead ("his first day in office") is not
        the document's day."""
        ordinals = "|".join(w for w in ORDINAL_WORDS if w != "first")
        match = re.fullmatch(
            r"(?:(?:later|earlier|early|late)\s+in\s+|(?:the\s+)?(?:start|end|beginning|rest|"
            r"remainder|close|middle)\s+of\s+)?the\s+day"
            rf"|(?:(?:the|a)\s+)?(?:{ordinals}|\d+(?:st|nd|rd|th))\s+(?:(?:consecutive|straight|"
            r"successive)\s+)?(day|week)(?:\s+in\s+a\s+row)?",
            phrase,
        )
        if match is None or (tense == FUTURE and not phrase.endswith("the day")):
            return None
        unit = match.group(1) or "day"
        if anchor is None:
            return Normalised(None, "DATE", unit)
        if unit == "week":  # "a fourth straight week": the document's week
            return Normalised(iso_week(anchor), "DATE", "week")
        return Normalised(anchor.isoformat(), "DATE", "day")

    def _weekday(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        match = re.fullmatch(
            r"(?:(last|next|this|past|previous|coming|early|late|mid)\s+)?"
            r"(mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
            r"(?:\s*,?\s*(?:(morning|afternoon|evening|night)|(?:at\s+)?(.+)))?",
            phrase,
        )
        if match is None:
            return None
        name = match.group(2)
        key = next((k for k in WEEKDAYS if k.startswith(name) and len(k) >= len(name)), None)
        if key is None or (len(phrase) <= 3 and not phrase.endswith(".")):
            return None
        shift = match.group(1) if match.group(1) in ("last", "next", "this", "past",
                                                     "previous", "coming") else None  # fmt: skip
        part, rest = match.group(3), match.group(4)
        if rest:
            day_match = self._month_day(rest, anchor, tense)
            if day_match is not None:
                return _year_by_weekday(day_match, WEEKDAYS[key], anchor)
            clock = self._clock_time(rest)
            if clock is None:
                return None
        if anchor is None:
            return Normalised(None, "TIME" if part or rest else "DATE", "day")
        day = weekday_date(anchor, WEEKDAYS[key], tense, shift)
        if part:
            return Normalised(f"{day.isoformat()}T{PARTS_OF_DAY[part]}", "TIME", "part_of_day")
        if rest:
            return Normalised(f"{day.isoformat()}T{self._clock_time(rest)}", "TIME", "time")
        return Normalised(day.isoformat(), "DATE", "day")

    def _relative_unit(
        self, phrase: str, anchor: date | None, tense: str | None
    ) -> Normalised | None:
        match = re.fullmatch(
            r"(?:(earlier|later|early|late|mid|the end of|the start of|the beginning of|"
            r"the middle of|the rest of|the remainder of)\s+)?"
            r"(?:the\s+)?(this|last|next|past|previous|coming|current|present|same|latest|"
            r"following|recent)?\s*"
            r"(week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|"
            r"winter|morning|afternoon|evening|night|"
            + "|".join(sorted(MONTHS, key=len, reverse=True))
            + r")",
            phrase,
        )
        if match is None:
            return None
        shift, unit = match.group(2), match.group(3)
        if shift is None and unit not in ("weekend", "quarter") and unit not in SEASONS:
            return None
        if unit in MONTHS:
            return self._month_shift(MONTHS[unit], shift, anchor, tense)
        if anchor is None:
            return Normalised(None, "DATE", unit)
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
                "following": 1}.get(shift or "", 0)  # fmt: skip
        if unit in PARTS_OF_DAY:
            if shift in ("this", "current", "same", None):
                return Normalised(f"{anchor.isoformat()}T{PARTS_OF_DAY[unit]}", "TIME",
                                  "part_of_day")  # fmt: skip
            day = anchor + timedelta(days=step)
            return Normalised(f"{day.isoformat()}T{PARTS_OF_DAY[unit]}", "TIME", "part_of_day")
        if unit == "week":
            return Normalised(iso_week(anchor + timedelta(weeks=step)), "DATE", "week")
        if unit == "weekend":
            if step == 0 and shift not in ("this", "current"):
                step = -1 if tense == PAST and anchor.weekday() < 5 else 0
            day = anchor + timedelta(weeks=step)
            return Normalised(f"{iso_week(day)}-WE", "DATE", "weekend")
        if unit == "month":
            month = add_months(anchor, step)
            return Normalised(f"{month.year:04d}-{month.month:02d}", "DATE", "month")
        if unit == "year":
            if shift == "latest":
                return None
            return Normalised(f"{anchor.year + step:04d}", "DATE", "year")
        if unit == "quarter":
            quarter = quarter_of(anchor) + step
            if shift == "latest":  # the last quarter reported, whatever the tense
                quarter = quarter_of(anchor) - 1
            elif shift in (None, "same", "recent") and match.group(2) != "this":
                quarter = quarter_of(anchor) - 1 if tense != FUTURE else quarter_of(anchor)
            year = anchor.year + (quarter - 1) // 4
            return Normalised(f"{year:04d}-Q{(quarter - 1) % 4 + 1}", "DATE", "quarter")
        if unit in ("decade", "century") and shift in ("past", "next", "coming"):
            return None  # "the past decade", "the next decade" are durations (P10Y)
        if unit == "decade":
            return Normalised(f"{(anchor.year // 10 + step):03d}", "DATE", "decade")
        if unit == "century":
            return Normalised(f"{(anchor.year // 100 + step):02d}", "DATE", "century")
        season = SEASONS[unit]
        year = anchor.year
        season_month = SEASON_MONTH[season]
        if step < 0 or (step == 0 and shift is None and tense == PAST):
            year = year if season_month < anchor.month else year - 1
        elif step > 0 or (step == 0 and shift is None and tense == FUTURE):
            year = year if season_month > anchor.month else year + 1
        return Normalised(f"{year:04d}-{season}", "DATE", "season")

    def _month_shift(
        self, month: int, shift: str | None, anchor: date | None, tense: str | None
    ) -> Normalised | None:
        if anchor is None:
            return Normalised(f"XXXX-{month:02d}", "DATE", "month")
        if shift in ("last", "past", "previous"):
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif shift in ("next", "coming"):
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif shift in ("this", "current"):
            year = anchor.year
        else:
            year = infer_year(anchor, month, None, tense)
        return Normalised(f"{year:04d}-{month:02d}", "DATE", "month")

    def _ago(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        match = re.fullmatch(
            r"(?:(?:more than|less than|about|nearly|almost|some|over|just|only|roughly|"
            r"around|at least)\s+)?"
            r"(.+?)[\s-]+(day|week|month|year|decade|century|hour|minute)s?\s+(?:or\s+so\s+)?"
            r"(ago|earlier|before|later|after|from now|hence|previously|back|prior)",
            phrase,
        )
        if match is None:
            return None
        count_text, unit, direction = match.groups()
        sign = -1 if direction in ("ago", "earlier", "before", "previously", "back",
                                   "prior") else 1  # fmt: skip
        count = number(count_text)
        if count is None:
            if count_text in VAGUE:
                return Normalised("PAST_REF" if sign < 0 else "FUTURE_REF", "DATE", "ref")
            return None
        if anchor is None:
            return Normalised(None, "DATE", unit)
        if unit in ("hour", "minute"):
            moment = datetime(anchor.year, anchor.month, anchor.day) + timedelta(
                hours=sign * count if unit == "hour" else 0,
                minutes=sign * count if unit == "minute" else 0,
            )
            return Normalised(moment.date().isoformat(), "DATE", "day")
        if unit == "day":
            return Normalised((anchor + timedelta(days=sign * count)).isoformat(), "DATE", "day")
        if unit == "week":
            return Normalised(iso_week(anchor + timedelta(weeks=sign * count)), "DATE", "week")
        if unit == "month":
            month = add_months(anchor, sign * count)
            return Normalised(f"{month.year:04d}-{month.month:02d}", "DATE", "month")
        if unit == "year":
            return Normalised(f"{anchor.year + sign * count:04d}", "DATE", "year")
        if unit == "decade":
            return Normalised(f"{(anchor.year + sign * 10 * count) // 10:03d}", "DATE", "decade")
        return Normalised(f"{(anchor.year + sign * 100 * count) // 100:02d}", "DATE", "century")

    def _duration(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        body = phrase
        previous = None
        while previous != body:
            previous = body
            body = _APPROX.sub("", body)
        body = re.sub(r"\s+(?:long|old|running|straight|in a row|or so|or more|and counting|ahead|"
                      r"period|span|stretch|window|"
                      r"of\s+(?:\d{4}|the year|this year|last year|next year|the fiscal year))$",
                      "", body)  # fmt: skip
        body = re.sub(
            r"\s+(?:more|additional|further|extra|trading|business|working|calendar|consecutive|"
            r"straight|successive)"
            r"(?=[\s-]+\w+$)",
            "",
            body,
        )  # "20 more years", "eight trading days"
        half = False
        halved = re.fullmatch(r"(.+?)\s+and a half", body)
        if halved is not None:  # "a minute and a half"
            body, half = halved.group(1), True
        units = "|".join(UNITS)
        match = re.fullmatch(
            rf"(.+?)[\s-]+({units}|centurie|millennia)s?(?:[\s-]+(?:long|old))?"
            rf"|({units}|centurie)(s?)",
            body,
        )
        if match is None:
            return None
        if re.search(r"\bold$", phrase):
            return None
        count: float | None
        if match.group(3):
            unit, count_text = match.group(3), "1"
            if unit == "second" and not match.group(4):
                return None  # "the second (day)" is an ordinal
            if match.group(4):  # "the years", "the coming weeks": a vague amount
                count_text = "several"
            elif phrase in ("year", "month", "week", "day", "decade", "quarter", "night"):
                pass
            elif not re.match(r"^(?:the|a|an|one|another|a full|the full)\b", phrase):
                return None
        else:
            count_text, unit = match.group(1), match.group(2)
        unit = {"centurie": "century", "millennia": "millennium"}.get(unit, unit)
        count_text = re.sub(r"^(?:a|an|the)\s+(?=\S*\d|\w+$)", "", count_text)
        fraction = re.fullmatch(r"(.+?)(?:\s+1/2|\s*\u00bd|\s+and a half)", count_text)
        if fraction is not None:  # "2 1/2 years", "two and a half hours"
            count_text, half = fraction.group(1), True
        if count_text in VAGUE or re.fullmatch(r"\S+\s+(?:to|or)\s+\S+", count_text):
            count = None  # "several weeks", "12 to 18 months"
        elif count_text in ("half a", "half an", "a half"):
            count = 0.5
        else:
            count_text = re.sub(r"^(?:a|an|one) and a half$", "1.5", count_text)
            count = number(count_text)
            if count is None or count >= 1000:
                return None
        if half and count is not None:
            count += 0.5
        letter, is_time = UNITS[unit]
        if unit in UNIT_YEARS and count is not None:
            count *= UNIT_YEARS[unit]
        return Normalised(_duration_value(count, letter, is_time), "DURATION", unit)

    def _quarter(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        halves = re.fullmatch(r"(?:the\s+)?(first|last|second)\s+two\s+quarters\s+of\s+"
                              r"(?:fiscal\s+)?(1[0-9]{3}|20[0-9]{2})", phrase)  # fmt: skip
        if halves is not None:  # "the first two quarters of 1990": its first half
            half = 1 if halves.group(1) == "first" else 2
            return Normalised(f"{halves.group(2)}-H{half}", "DATE", "half")
        match = re.fullmatch(
            r"(?:the\s+)?(?:(1[0-9]{3}|20[0-9]{2})\s+)?"
            r"(?:(fiscal|calendar|latest|year-earlier|year-ago)\s+)?"
            r"(first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(quarter|half|period)"
            r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(\d{4}|this year|last year|next year|the year))?",
            phrase,
        )
        if match is None:
            match = re.fullmatch(r"(q[1-4])(?:\s+(\d{4}))?", phrase)
            if match is None:
                return None
            ordinal, kind, year_text = int(match.group(1)[1]), "quarter", match.group(2)
            earlier = False
        else:
            ordinal, kind = ORDINALS[match.group(3)], match.group(4)
            year_text = match.group(1) or match.group(5)
            earlier = match.group(2) in ("year-earlier", "year-ago")
        if kind == "period":
            return None
        if kind == "half" and match is not None and match.group(3) in ("last", "final"):
            ordinal = 2  # "the last half of 1989"
        if kind == "half" and ordinal > 2:
            return None
        year: int | None
        if year_text and year_text.isdigit():
            year = int(year_text)
        elif anchor is None:
            year = None
        elif year_text:
            step = {"this year": 0, "the year": 0, "last year": -1, "next year": 1}[year_text]
            year = anchor.year + step
        else:
            current = quarter_of(anchor) if kind == "quarter" else (anchor.month - 1) // 6 + 1
            year = anchor.year
            if ordinal > current and tense != FUTURE:
                year -= 1
            if earlier:
                year -= 1
        label = f"Q{ordinal}" if kind == "quarter" else f"H{ordinal}"
        value = f"{year:04d}-{label}" if year is not None else None
        return Normalised(value, "DATE", kind)

    def _year(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        match = re.fullmatch(r"(?:the\s+)?(?:end|start|beginning|middle|rest|remainder)\s+of\s+"
                             r"(?:the|this)\s+(week|month|quarter|year)", phrase)  # fmt: skip
        if match:  # "the end of the month": the document's month
            if anchor is None:
                return Normalised(None, "DATE", match.group(1))
            value = {
                "week": iso_week(anchor),
                "month": f"{anchor.year:04d}-{anchor.month:02d}",
                "quarter": f"{anchor.year:04d}-Q{quarter_of(anchor)}",
                "year": f"{anchor.year:04d}",
            }[match.group(1)]
            return Normalised(value, "DATE", match.group(1))
        match = re.fullmatch(r"(?:the\s+)?week\s+of\s+(.+)", phrase)
        if match:  # "the week of March 6": the ISO week of that day
            inner = self._month_day(match.group(1), anchor, tense)
            if inner is not None and inner.value and re.fullmatch(r"\d{4}-\d\d-\d\d", inner.value):
                return Normalised(iso_week(date.fromisoformat(inner.value)), "DATE", "week")
            return None
        match = re.fullmatch(r"(?:the\s+)?(?:early|late|mid)?[\s-]*(1[0-9])00'?s", phrase)
        if match:  # "the 1800s": a century
            return Normalised(match.group(1), "DATE", "century")
        match = re.fullmatch(r"(?:the\s+)?(1[0-9]{3}|20[0-9]{2})\s+(?:fiscal|calendar|model)\s+year"
                             r"|h([12])\s+(1[0-9]{3}|20[0-9]{2})", phrase)  # fmt: skip
        if match and match.group(1):  # "the 2013 fiscal year"
            return Normalised(match.group(1), "DATE", "year")
        if match:  # "H1 2013"
            return Normalised(f"{match.group(3)}-H{match.group(2)}", "DATE", "half")
        match = re.fullmatch(r"(?:the\s+)?(?:early|late|mid)?[\s-]*(spring|summer|fall|autumn|"
                             r"winter)(?:\s+of)?\s+(1[0-9]{3}|20[0-9]{2})", phrase)  # fmt: skip
        if match:  # "the winter of 1994"
            return Normalised(f"{match.group(2)}-{SEASONS[match.group(1)]}", "DATE", "season")
        match = re.fullmatch(r"(?:the\s+)?(?:(1[0-9]{3}|20[0-9]{2})|year[\s-](?:ago|earlier))"
                             r"(?:[\s-](?:quarter|period))?", phrase)  # fmt: skip
        if match and (match.group(1) is None or re.search(r"quarter|period", phrase)):
            # "the 1988 quarter", "the year-ago period": the last reported quarter
            if anchor is None:
                return Normalised(None, "DATE", "quarter")
            last = quarter_of(anchor) - 1 or 4
            year = int(match.group(1)) if match.group(1) else anchor.year - 1
            year -= 1 if last == 4 and not match.group(1) else 0
            return Normalised(f"{year:04d}-Q{last}", "DATE", "quarter")
        match = re.fullmatch(r"(?:fiscal|fy|the year|calendar|the fiscal year|model year)?\s*"
                             r"(1[0-9]{3}|20[0-9]{2})", phrase)  # fmt: skip
        if match:
            return Normalised(match.group(1), "DATE", "year")
        match = re.fullmatch(r"(?:the\s+)?(?:early|late|mid)?[\s-]*(1[0-9]{2}|20[0-9])0'?s", phrase)
        if match:
            return Normalised(match.group(1), "DATE", "decade")
        match = re.fullmatch(rf"(?:the\s+)?(?:early|late|mid)?[\s-]*(?:nineteen[\s-]+)?"
                             rf"({_TENS.replace('y', 'ie')})s", phrase)  # fmt: skip
        if match:  # "the nineties": the twentieth century's
            return Normalised(f"19{NUMBERS[match.group(1).replace('ie', 'y')] // 10}", "DATE",
                              "decade")  # fmt: skip
        match = re.fullmatch(r"(?:the\s+)?(?:early|late|mid)?[\s-]*'?([0-9])0'?s", phrase)
        if match:
            if anchor is None:
                return Normalised(None, "DATE", "decade")
            century = anchor.year // 100
            decade = int(match.group(1))
            if decade * 10 > anchor.year % 100:
                century -= 1
            return Normalised(f"{century:02d}{decade}", "DATE", "decade")
        match = re.fullmatch(r"(?:the\s+)?(?:early|late|mid)?[\s-]*(\d{1,2})(?:st|nd|rd|th)"
                             r"[\s-]+century", phrase)  # fmt: skip
        if match:
            return Normalised(f"{int(match.group(1)) - 1:02d}", "DATE", "century")
        match = re.fullmatch(r"(?:the\s+)?(?:fiscal\s+)?(?:year|years)\s+"
                             r"(1[0-9]{3}|20[0-9]{2})", phrase)  # fmt: skip
        if match:
            return Normalised(match.group(1), "DATE", "year")
        match = re.fullmatch(r"(?:(?:around|by|the end of|the start of|the beginning of|"
                             r"earlier in|later in|the rest of)\s+)?the\s+(?:full\s+)?"
                             r"(year)(?:[\s-]end|'s end)?|(?:around\s+)?year(?:[\s-]end|'s end)",
                             phrase)  # fmt: skip
        if match:  # "the year", "the end of the year", "year-end": the document's year
            if anchor is None:
                return Normalised(None, "DATE", "year")
            return Normalised(f"{anchor.year:04d}", "DATE", "year")
        match = re.fullmatch(r"(?:the\s+)?(fiscal|current|the current|this|last|next)\s+"
                             r"(?:fiscal\s+)?year", phrase)  # fmt: skip
        if match:
            if anchor is None:
                return Normalised(None, "DATE", "year")
            step = {"last": -1, "next": 1}.get(match.group(1), 0)
            return Normalised(f"{anchor.year + step:04d}", "DATE", "year")
        return None

    def _month_day(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        months = "|".join(sorted(MONTHS, key=len, reverse=True))
        shifted = re.fullmatch(
            rf"(?:(?:early|late|mid|the end of|the beginning of|the middle of)[\s-]+)?"
            rf"({months})\.?(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(this|last|next)\s+year",
            phrase,
        )
        if shifted is not None:  # "June last year", "early October this year"
            if anchor is None:
                return Normalised(None, "DATE", "month")
            step = {"this": 0, "last": -1, "next": 1}[shifted.group(3)]
            prefix = f"{anchor.year + step:04d}-{MONTHS[shifted.group(1)]:02d}"
            if shifted.group(2):
                return Normalised(f"{prefix}-{int(shifted.group(2)):02d}", "DATE", "day")
            return Normalised(prefix, "DATE", "month")
        match = re.fullmatch(
            rf"(?:(?:early|late|mid|the end of|the beginning of|the middle of)[\s-]+)?"
            rf"({months})\.?(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?)?(?:\s*,?\s*(\d{{4}}))?"
            rf"(?:\s*,?\s*(?:at\s+)?(.+))?",
            phrase,
        )
        day_first = False
        if match is None:
            match = re.fullmatch(
                rf"(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({months})\.?"
                rf"(?:\s*,?\s*(\d{{4}}))?(?:\s*,?\s*(?:at\s+)?(.+))?",
                phrase,
            )
            day_first = True
        if match is None:
            return None
        if day_first:
            day_text, month_text, year_text, rest = match.groups()
        else:
            month_text, day_text, year_text, rest = match.groups()
        month = MONTHS[month_text]
        day = int(day_text) if day_text else None
        if day is not None and not 1 <= day <= 31:
            return None
        clock = None
        if rest:
            clock = self._clock_time(rest)
            if clock is None:
                return None
        if year_text:
            year: int | None = int(year_text)
        elif anchor is not None:
            year = infer_year(anchor, month, day, tense)
        else:
            year = None
        year_part = f"{year:04d}" if year is not None else "XXXX"
        if day is None:
            return Normalised(f"{year_part}-{month:02d}", "DATE", "month")
        value = f"{year_part}-{month:02d}-{day:02d}"
        if clock:
            return Normalised(f"{value}T{clock}", "TIME", "time")
        return Normalised(value, "DATE", "day")

    @staticmethod
    def _clock_time(text: str) -> str | None:
        """Read "5 p.m.", "5:30 a.m.", "noon", "1700 GMT" as ``hh:mm``, else None."""
        text = re.sub(r"\s*\(.*\)$", "", text.strip())
        text = re.sub(r"\s+(?:local time|gmt|utc|et|est|edt|pt|pst|bst|cet|msk|kyiv time|"
                      r"moscow time)$", "", text)  # fmt: skip
        text = strip_prepositions(re.sub(r"^(?:shortly|just|about|around|roughly)\s+", "", text))
        if text in ("noon", "midday"):
            return "12:00"
        if text == "midnight":
            return "24:00"
        match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?", text)
        if match is None:
            match4 = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d)(?:\s*(?:hours|hrs|h))?", text)
            if match4 is None:
                return None
            return f"{match4.group(1)}:{match4.group(2)}"
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if half is None and match.group(2) is None:
            return None
        if half and half.startswith("p") and hour < 12:
            hour += 12
        if half and half.startswith("a") and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        return f"{hour:02d}:{minute:02d}"

    def _clock(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        match = re.fullmatch(
            r"(?:(today|yesterday|tomorrow|tonight|this morning|last night)\s*,?\s*(?:at\s+)?)?"
            r"(.+?)(?:\s+(today|yesterday|tomorrow|tonight|this morning|this afternoon|"
            r"this evening|last night|(?:on )?\w+day))?",
            phrase,
        )
        if match is None:
            return None
        clock = self._clock_time(match.group(2))
        if clock is None:
            return None
        day_word = match.group(1) or match.group(3)
        if anchor is None:
            return Normalised(f"XXXX-XX-XXT{clock}", "TIME", "time")
        day = anchor
        if day_word:
            if day_word.endswith("day") and day_word.removeprefix("on ") not in (
                "today",
                "yesterday",
            ):
                weekday = self._weekday(day_word.removeprefix("on "), anchor, tense)
                if weekday is not None and weekday.value:
                    day = date.fromisoformat(weekday.value[:10])
            else:
                offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(day_word, 0)
                day = anchor + timedelta(days=offset)
        return Normalised(f"{day.isoformat()}T{clock}", "TIME", "time")

    def _dateparser(self, phrase: str, anchor: date | None, tense: str | None) -> Normalised | None:
        """Fall back to dateparser; relative readings only against a document date."""
        if not self.use_dateparser or not re.search(r"\d|" + "|".join(MONTHS), phrase):
            return Normalised(None, "DATE", None)
        has_year = re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", phrase) is not None
        if anchor is None and not has_year:
            return Normalised(None, "DATE", None)
        prefer = {PAST: "past", FUTURE: "future"}.get(tense or "", "current_period")
        base = anchor or date(2000, 1, 1)
        try:
            data = _parser(base, prefer).get_date_data(phrase)
        except Exception:  # dateparser raises assorted errors on odd input
            logger.debug("dateparser failed on a phrase", exc_info=True)
            return Normalised(None, "DATE", None)
        moment, period = data.date_obj, data.period
        if moment is None:
            return Normalised(None, "DATE", None)
        if period == "year":
            return Normalised(f"{moment.year:04d}", "DATE", "year")
        if period == "month":
            return Normalised(f"{moment.year:04d}-{moment.month:02d}", "DATE", "month")
        if period == "week":
            return Normalised(iso_week(moment.date()), "DATE", "week")
        if period == "time":
            return Normalised(moment.strftime("%Y-%m-%dT%H:%M"), "TIME", "time")
        return Normalised(moment.date().isoformat(), "DATE", "day")


def _duration_value(count: float | None, letter: str, is_time: bool) -> str:
    """Write a TIMEX3 duration: ``P3D``, ``PT2H``, ``PXY``; a half goes to the next smaller unit
    ("2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S, "half an hour" -> PT30M)."""
    prefix = "PT" if is_time else "P"
    if count is None:
        return f"{prefix}X{letter}"
    whole = int(count)
    if count == whole:
        return f"{prefix}{whole}{letter}"
    if is_time and letter == "M":
        smaller, size = "S", 60
    elif letter in SMALLER:
        smaller, size = SMALLER[letter]
    else:
        return f"{prefix}{count:g}{letter}"
    rest = round((count - whole) * size)
    if not is_time and letter == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    head = f"{whole}{letter}" if whole else ""
    return f"{prefix}{head}{rest}{smaller}"


def spell_digits(phrase: str) -> str:
    """Write spelled years and month days in digits, as broadcast transcripts spell them:
    "nineteen ninety-six" -> "1996", "the year two thousand" -> "the year 2000",
    "march eighth" -> "march 8"."""

    def year(match: re.Match[str]) -> str:
        if match.group("century"):
            century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[match.group("century")]
            tens = NUMBERS[match.group("tens")]
            unit = NUMBERS[match.group("unit")] if match.group("unit") else 0
            return f"{century}{tens + unit:02d}"
        small = match.group("small")
        return f"{2000 + (NUMBERS[small] if small else 0)}"

    phrase = _SPELLED_YEAR.sub(year, phrase)
    months = "|".join(sorted(MONTHS, key=len, reverse=True))

    def day(match: re.Match[str]) -> str:
        tens = {"twenty": 20, "thirty": 30}.get(match.group(2) or "", 0)
        return f"{match.group(1)} {tens + ORDINAL_WORDS[match.group(3)]}"

    return re.sub(
        rf"\b({months})\.?\s+(?:the\s+)?(?:(twenty|thirty)[\s-])?("
        + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
        + r")\b",
        day,
        phrase,
    )


@lru_cache(maxsize=64)
def _parser(base: date, prefer: str) -> Any:
    """A dateparser parser relative to one document date (cached: building one is slow)."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)


_SUFFIXES = re.compile(r"\s+(?:(?:that\s+)?(?:ended|ending|ends|through|to date)\b.*|or so)$")
"""Trailing qualifiers that do not change a value: "the year ended March 31", "the first
nine months of 1997"."""

_NOT_TIME = re.compile(
    r"(?:\d+|[a-z]+)[\s-]+(?:years?|months?|weeks?|days?)[\s-]+old|aged?\s+\d+|^\d{1,3}$|^\d{5,}$|"
    r"^\d+(?:\.\d+)?%|^\$|cents?$|^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|\bage of\b"
)


def _is_not_time(phrase: str) -> bool:
    """Ages, bare numbers, money and model numbers that the recogniser calls dates."""
    return _NOT_TIME.search(phrase) is not None


_ANAPHORIC = re.compile(
    r"(?:(?:earlier|later|early|late)\s+(?:(?:in|on)\s+)?)?"
    r"(that|that same|the same|the following|the previous|the preceding|the prior|the next)\s+"
    r"(day|week|month|year|quarter)"
)
"""A unit counted from the time the story last named ("that year", "the following day",
"earlier that day", "the same month"), not from the document date."""

_REFERENCE = re.compile(r"(\d{4})(?:-(?:Q([1-4])|(\d\d)(?:-(\d\d))?))?")


def anaphoric(text: str, named: Sequence[str], quarter: str | None = None) -> Normalised | None:
    """Resolve "that year", "the following day", "the same month" against the last time named.

    TimeML values such phrases by the time the narrative last mentioned ("He was arrested on
    Oct. 23, 1998. Earlier that day ..." -> 1998-10-23), which the document date cannot give.
    "the next" counts only days: "the next year" is as often the twelve months ahead.

    Args:
        text: The phrase as written.
        named: The values of the calendar expressions before it, latest last (``1998-10-23``,
            ``1998-10``, ``1998``, ``1998-Q3``); the latest one fine enough for the unit is
            the reference ("the following month" skips a year named since the last month).
        quarter: The last quarter named (``1998-Q3``), for "that quarter".

    Returns:
        The value, or None when the phrase is not anaphoric or no reference is fine enough.
    """
    phrase = re.sub(r"^the (day|week|month|year) (?:before|previous|earlier)$", r"the previous \1",
                    strip_prepositions(clean(text)))  # fmt: skip
    phrase = re.sub(r"^the (day|week|month|year) after$", r"the following \1", phrase)
    match = _ANAPHORIC.fullmatch(phrase)
    if match is None:
        return None
    which, unit = match.groups()
    if which == "the next" and unit != "day":
        return None
    step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
            "the prior": -1}.get(which, 0)  # fmt: skip
    candidates = [quarter] if unit == "quarter" and quarter else list(reversed(named))
    need = {"year": 1, "quarter": 2, "month": 3, "week": 4, "day": 4}[unit]
    for reference in candidates:
        found = _REFERENCE.fullmatch(reference[:10])
        if found is None:
            continue
        year, q, month, day = found.groups()
        fineness = 4 if day else 3 if month else 2 if q else 1
        if fineness >= need:
            break
    else:
        return None
    if unit == "year":
        return Normalised(f"{int(year) + step:04d}", "DATE", "year")
    if unit == "quarter":
        index = int(year) * 4 + (int(q) if q else (int(month) - 1) // 3 + 1) - 1 + step
        return Normalised(f"{index // 4:04d}-Q{index % 4 + 1}", "DATE", "quarter")
    if unit == "month":
        shifted = add_months(date(int(year), int(month), 1), step)
        return Normalised(f"{shifted.year:04d}-{shifted.month:02d}", "DATE", "month")
    try:
        moment = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if unit == "week":
        return Normalised(iso_week(moment + timedelta(weeks=step)), "DATE", "week")
    return Normalised((moment + timedelta(days=step)).isoformat(), "DATE", "day")


_YEAR_AGO = re.compile(
    r"(?:the\s+)?(?:a\s+)?(?:(?:comparable|corresponding|same)\s+)?"
    r"(?:year[\s-](?:ago|earlier)|(1[0-9]{3}|20[0-9]{2}))(?:[\s-](?:quarter|period))?"
)
"""Earnings comparisons: "up from $4 million a year earlier", "the year-ago period", "the 1988
quarter"."""


def year_ago_quarter(text: str, quarter: str) -> Normalised | None:
    """In a report on a quarter, "a year earlier" and "the year-ago period" are that quarter a
    year before (TimeML values them at the granularity compared: ``2012-Q3`` for a story on
    2013-Q3), and "the 2012 period" is the same quarter of 2012.

    Args:
        text: The phrase as written.
        quarter: The quarter the story last named (``2013-Q3``).
    """
    match = _YEAR_AGO.fullmatch(strip_prepositions(clean(text)))
    found = re.fullmatch(r"(\d{4})-Q([1-4])", quarter)
    if match is None or found is None:
        return None
    phrase = clean(text)
    if match.group(1) is not None and not re.search(r"quarter|period", phrase):
        return None  # a bare year is a year
    year = int(match.group(1)) if match.group(1) else int(found.group(1)) - 1
    return Normalised(f"{year:04d}-Q{found.group(2)}", "DATE", "quarter")
