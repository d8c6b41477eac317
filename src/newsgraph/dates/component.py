"""The ``ng_dates`` component: every time expression, normalised against the document date.

Candidates are spaCy's DATE and TIME entities plus the lexicon's phrases the recogniser
misses ("now", "recently", "overnight", "daily"), matched with a ``PhraseMatcher``, and a few
patterns of its own: rates ("$5 a year"), durations ("20 more years", "a day after"), clock
times in universal time ("0800 UTC"), "the day" a market ends, and the second year of a range
("from [2009] to 2011"). dateparser
is only ever run on these candidate phrases: over raw text it reads the pronoun "We" as
Wednesday. Each candidate is normalised by ``dates.normalise`` against
``doc._.ng_meta["published"]`` (None: relative expressions stay unresolved), with the tense of
its clause read from the dependency parse, so that "said on Tuesday" looks back and "is
expected to host ... on Tuesday" looks forward. Ranges written as one entity ("1990-1995",
"March 3 to March 5", "March 18-19") become two expressions, as TimeML annotates them, and so
does a period and its end date ("the quarter ended Sept. 30"). Entity edges are redrawn where
TimeML draws them differently from the recogniser: a part of day joins its day ("Friday
night"), a clock time its date ("noon Thursday"), and words that block a value ("an Aug. 10,
1988") are dropped.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from newsgraph.dates.lexicon import TimeWordRow, word_table
from newsgraph.dates.normalise import (
    FUTURE,
    ORDINAL_WORDS,
    PAST,
    PRESENT,
    Normalised,
    Normaliser,
    anaphoric,
    year_ago_quarter,
)
from newsgraph.extensions import register_extensions

logger = logging.getLogger(__name__)

TIME_LABELS = frozenset({"DATE", "TIME"})
"""spaCy entity labels that are time expressions."""

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
FUTURE_HEADS = frozenset(
    {
        "expect", "plan", "schedule", "due", "set", "intend", "hope", "aim", "prepare", "want",
        "seek", "agree", "vow", "pledge", "promise", "threaten", "go", "likely", "slate",
        "poise", "decide", "propose", "try", "need", "wish", "offer", "ready", "able",
    }
)  # fmt: skip
"""Heads of an infinitive that look forward: "is expected to host", "plans to visit"."""

PAST_AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "did", "'ve", "been"})
PROGRESSIVE_PRESENT = frozenset({"is", "are", "am", "'s", "'re"})

FORWARD_MARKERS = frozenset(
    {"by", "until", "till", "through", "to", "before", "effective", "payable", "record", "expire",
     "expires", "due", "deadline"}
)  # fmt: skip
"""Words just before a date that point it ahead of a past-tense clause: "extended the offer to
Nov. 20", "payable Dec. 7", "asked it to respond by Oct. 31"; such a date is read as the one
nearest the document date rather than the last one before it."""

DEADLINE_VERBS = frozenset(
    {"give", "postpone", "extend", "delay", "adjourn", "defer", "push", "recess", "suspend",
     "grant", "allow", "move", "put"}
)  # fmt: skip
"""Verbs that set a deadline: in "has given the relatives until 9 a.m. Tuesday" or "officials
postponed until Tuesday any action" the day after "until"/"by" lies ahead of the document date
even though the clause is in the past."""

PARTS_OF_DAY_WORDS = frozenset(
    {"morning", "afternoon", "evening", "night", "mornings", "afternoons", "evenings", "nights"}
)
"""Words that extend a day into a TIMEX3 time ("Friday night" -> ``...TNI``)."""

_PERIOD_ENDED = re.compile(
    r"^(?P<a>.+?)\s+(?:that\s+)?(?:ended|ending|ends|that ends)\s+(?P<b>.+)$", re.IGNORECASE
)
"""TimeML annotates "the quarter ended Sept. 30" as two expressions."""

_LATER = re.compile(r"^(?P<a>.*\b(?:seconds?|minutes?|hours?|days?|weeks?))\s+(?:later|earlier)$",
                    re.IGNORECASE)  # fmt: skip
"""A short span counted from another event ("three days later") is a duration; the adverb is a
signal outside the TIMEX3."""

_DATE_THEN_COUNT = re.compile(
    r"^(?P<a>.+?)\s*,\s*(?P<b>(?:\S+\s+){1,2}(?:seconds?|minutes?|hours?|days?|weeks?|months?|"
    r"years?))(?P<tail>\s+(?:later|earlier|before|after)\b.*)?$",
    re.IGNORECASE,
)
"""A date and a count of days from it, written as one entity ("November 11, three days later
than planned", "June 17, two days before the launch"): TimeML tags the date and the duration."""

_PART_OF_YEAR = re.compile(
    r"^(?P<a>(?:the\s+)?(?:first|last|past)\s+\S+\s+(?:days|weeks|months))\s+of\s+(?P<b>.+)$",
    re.IGNORECASE,
)
"""TimeML tags "the first nine months of 1997" as a duration and the year it lies in."""

_SEASON_YEARS = re.compile(r"\b(?P<a>(?:19|20)\d\d)[-/\u2013](?P<b>\d\d)\b(?![-/]\d)")
"""Two consecutive years written as one ("the 2012-13 season", "fiscal 1989/90")."""

_BETWEEN_AMOUNTS = re.compile(
    r"^between\s+(?P<a>[\w.,-]+)\s+(?:and|to)\s+(?P<b>[\w.,-]+\s+[a-z]+)$", re.IGNORECASE
)
"""A duration range "between 60 and 90 days": two durations, the first taking the unit of the
second."""

_DATE_LIKE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)",
    re.IGNORECASE,
)
"""A side of a hyphen that can be one end of a range ("1990-1995", "June-August")."""

_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>.+?)\s*(?:\s(?:to|and|through|until|till|or)\s|[-\u2013])"
    r"\s*(?P<b>.+)$"
)


def governing_verb(span: Span) -> Token | None:
    """The verb (or auxiliary) whose clause a phrase belongs to, up the dependency tree."""
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def clause_tense(span: Span) -> str | None:
    """Read the tense of the clause a time expression is in.

    Returns:
        FUTURE for "will/would" and for infinitives under verbs that look forward ("is
        expected to host", "plans to visit") and present progressives ("is visiting");
        PAST for simple past, perfects and past passives; PRESENT for simple present; None
        when no verb governs the phrase.
    """
    token = span.root
    for _ in range(8):
        if (
            token.lemma_.lower() in FUTURE_HEADS
            and token.pos_ in ("ADJ", "VERB")
            and token.tag_ in ("VBN", "JJ", "VBG", "VB")
        ):
            bare = (
                token.tag_ == "VBN"
                and token.dep_ == "acl"
                and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
            )
            preposition = span.root.head.lower_ if span.root.dep_ == "pobj" else ""
            if not bare or preposition in ("for", "to", "until", "by"):
                return PAST if _pluperfect(token) else FUTURE
            break  # "its record high set on Aug. 6": a past participle, not a plan
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    verb = governing_verb(span)
    infinitive = False
    for _ in range(3):
        if verb is None:
            return None
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & FUTURE_AUXILIARIES:
            return FUTURE
        if "to" in auxes or (verb.tag_ == "VB" and not auxes):
            infinitive = infinitive or "to" in auxes
            head = verb.head
            if (
                head.lemma_.lower() in FUTURE_HEADS
                or (verb.lemma_ == "be" and head.i == verb.i)
                or (head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"))
            ):  # "is expected to", "is to resume trading Tuesday"
                return PAST if _pluperfect(head) else FUTURE
            if head.i == verb.i:
                return None
            verb = head if head.pos_ in ("VERB", "AUX", "ADJ") else None
            if verb is not None and verb.pos_ == "ADJ":
                if verb.lemma_.lower() not in FUTURE_HEADS:
                    return None
                return PAST if _pluperfect(verb) else FUTURE
            continue
        break
    if verb is None:
        return None
    tag = verb.tag_
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if tag in ("VBZ", "VBP") or auxes & PROGRESSIVE_PRESENT:
        # "talks are due on ...", "the vote is scheduled for ...", "she is set to ..."
        forward = [c for c in verb.children if c.dep_ in ("acomp", "xcomp", "oprd")]
        if verb.lemma_.lower() in FUTURE_HEADS or any(
            c.lemma_.lower() in FUTURE_HEADS for c in forward
        ):
            return FUTURE
    if tag == "VBD" or auxes & PAST_AUXILIARIES:
        # "subpoenaed him to testify on Feb. 10": an infinitive under a past verb may lie ahead
        return None if infinitive else PAST
    if tag == "VBG":
        return FUTURE if auxes & PROGRESSIVE_PRESENT else None
    if tag in ("VBZ", "VBP"):
        return PRESENT
    if tag == "VBN":
        return PAST if not auxes & PROGRESSIVE_PRESENT else PRESENT
    if tag == "MD":
        return FUTURE if verb.lower_ in FUTURE_AUXILIARIES else None
    return None


def _deadline(span: Span) -> bool:
    """ "until Tuesday" or "by Tuesday" after a verb that sets a deadline ("has given them until
    9 a.m. Tuesday", "postponed until Tuesday morning")."""
    if span.start == 0 or span.doc[span.start - 1].lower_ not in ("until", "till", "by"):
        return False
    verb = governing_verb(span)
    return verb is not None and verb.lemma_.lower() in DEADLINE_VERBS


def _someday(span: Span, tense: str | None) -> bool:
    """ "Islam will one day be ...": "one day" before the verb of a future clause is an
    unspecified future time, not a day's duration."""
    if span.text.lower() not in ("one day", "some day") or tense != FUTURE:
        return False
    verb = governing_verb(span)
    return verb is not None and span.end <= verb.i


def _pluperfect(token: Token) -> bool:
    """A plan already past: "had been due to expire", "had been scheduled to expire"."""
    for word in (token, token.head):
        if any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in word.children):
            return True
    return False


def document_date(doc: Doc) -> date | None:
    """The publication date relative expressions are read against, or None."""
    published = (doc._.ng_meta or {}).get("published")
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        logger.debug("unreadable publication date %r", published)
        return None


LEADING_OUTSIDE = frozenset({"about", "only", "just", "barely"})
"""Words the recogniser takes into a time entity that TimeML leaves outside it ("about
[five hours]", "just [a decade ago]"); the value does not change."""


def _trim(span: Span) -> Span:
    """Drop a trailing possessive or punctuation token from an entity span, and the leading
    words of ``LEADING_OUTSIDE``."""
    end = span.end
    while end > span.start + 1 and (
        span.doc[end - 1].is_punct or span.doc[end - 1].is_space or span.doc[end - 1].tag_ == "POS"
    ):
        end -= 1
    start = span.start
    while start < end - 1 and (
        span.doc[start].is_punct
        or span.doc[start].is_space
        or span.doc[start].lower_ in LEADING_OUTSIDE
    ):
        start += 1
    return span.doc[start:end]


_CLOCK_ONLY = re.compile(
    r"^(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|noon|midnight|\d{1,2}:\d{2})"
    r"(?:\s+(?:[A-Z]{2,4}|local time))?$",
    re.IGNORECASE,
)
_DAY_ONLY = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tomorrow|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})$",
    re.IGNORECASE,
)


def _extend(span: Span) -> Span:
    """Take in the words next to an entity that TimeML counts as part of the expression: a
    determiner or "every" before a unit ("this year", "each Thursday"), "noon" before a day,
    "-earlier quarter" after "the year", a part of day after a day ("Friday night") and a
    year after a month ("June last year")."""
    doc, end = span.doc, span.end
    if (
        span.start > 0
        and doc[span.start - 1].lower_ in ("this", "last", "next", "that")
        and span[0].lower_ in ("year", "month", "week", "quarter", "weekend")
    ):  # "This [year]": the recogniser sometimes leaves the determiner out
        span = doc[span.start - 1 : end]
    if span.start > 0 and (
        doc[span.start - 1].lower_ in ("every", "each")
        or (doc[span.start - 1].lower_ in ("noon", "midnight") and span[0].lower_.endswith("day"))
    ):  # "each [Thursday]", "noon [Thursday]"
        span = doc[span.start - 1 : end]
    if (
        end + 1 < len(doc)
        and span[-1].lower_ == "year"
        and doc[end].text == "-"
        and doc[end + 1].lower_ in ("earlier", "ago")
    ):  # "the year-earlier quarter", "year-ago results"
        end += 2
        if end < len(doc) and doc[end].lower_ in ("quarter", "period"):
            end += 1
        span = doc[span.start : end]
    elif (
        end < len(doc)
        and len(span) >= 3
        and span[-1].lower_ in ("earlier", "ago")
        and span[-2].text == "-"
        and span[-3].lower_ == "year"
        and doc[end].lower_ in ("quarter", "period")
    ):  # "the year-ago" + "period"
        span = doc[span.start : end + 1]
    if (
        end + 1 <= len(doc) - 1
        and span.text.lower() in ("the day", "the week", "the month", "the year")
        and doc[end].lower_ in ("before", "previous", "earlier", "after")
        and (doc[end + 1].is_punct or doc[end + 1].is_space)
    ):  # "the year before.": counted from the time last named
        return doc[span.start : end + 1]
    last = span[-1].lower_
    if (
        end < len(doc)
        and doc[end].lower_ in PARTS_OF_DAY_WORDS
        and (last.endswith("day") or last in ("yesterday", "today", "tomorrow"))
    ):
        return doc[span.start : end + 1]
    if (
        end + 1 < len(doc)
        and doc[end].lower_ in ("this", "last", "next")
        and doc[end + 1].lower_ == "year"
        and span[-1].ent_type_ == "DATE"
        and any(t.lower_.rstrip(".") in _MONTH_WORDS for t in span)
    ):
        return doc[span.start : end + 2]
    return span


_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-|$)")
"""A value on the calendar (a year, quarter, month, week or day), which later "that year" or
"the following day" can count from."""

_MONTH_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec"}
)  # fmt: skip


def _merge(spans: list[Span]) -> list[Span]:
    """Join a clock time and the day written next to it ("5 p.m. EST Nov. 9", "noon
    Thursday", "Thursday, 9 a.m."): TimeML makes them one TIME expression."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start < merged[-1].end:  # an extended span took in its neighbour
            merged[-1] = span.doc[merged[-1].start : max(span.end, merged[-1].end)]
            continue
        if merged:
            previous = merged[-1]
            gap = span.doc[previous.end : span.start]
            if (
                previous[-1].lower_ == "year"
                and all(t.text == "-" for t in gap)
                and span[0].lower_ in ("earlier", "ago", "-earlier", "-ago")
            ):  # "the year" + "-earlier quarter", which the recogniser splits
                merged[-1] = span.doc[previous.start : span.end]
                continue
            if (
                not gap
                and previous[-1].lower_ in PARTS_OF_DAY_WORDS
                and span.text.lower() in ("yesterday", "today", "tomorrow")
            ):  # "mid-afternoon" + "yesterday": one TIME, on that day
                merged[-1] = span.doc[previous.start : span.end]
                continue
            if len(gap) <= 1 and all(t.text in (",", "on", "at") for t in gap):
                pair = (previous.text, span.text)
                if (_CLOCK_ONLY.match(pair[0]) and _DAY_ONLY.match(pair[1])) or (
                    _DAY_ONLY.match(pair[0]) and _CLOCK_ONLY.match(pair[1])
                ):
                    merged[-1] = span.doc[previous.start : span.end]
                    continue
        merged.append(span)
    return merged


RATE_UNITS = {"year": "P1Y", "month": "P1M", "week": "P1W", "day": "P1D", "hour": "PT1H"}
"""Units of a rate ("$1 billion a year", "20,000 people a day") and the TIMEX3 SET value."""


def _rates(doc: Doc) -> list[Span]:
    """ "a year" or "per day" right after an amount ("$1 billion a year", "twice a day"):
    TimeML tags the rate's unit as a SET, which the recogniser misses."""
    found = []
    for token in doc[1:-1]:
        if token.lower_ not in ("a", "an", "per"):
            continue
        unit = doc[token.i + 1]
        previous = doc[token.i - 1]
        if unit.lower_ in RATE_UNITS and (
            previous.like_num
            or previous.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
            or previous.lower_ in ("once", "twice", "times")
            or (previous.pos_ == "NOUN" and previous.nbor(-1).like_num)
        ):
            found.append(doc[token.i : token.i + 2])
    return found


DURATION_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century",
     "seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years", "decades",
     "centuries"}
)  # fmt: skip
"""Unit nouns of a duration the recogniser misses: it reads "at least 20 more years" as the
CARDINAL "at least 20" and has nothing for "over a week"."""

_COUNTED_FROM = frozenset({"after", "before", "later", "earlier"})
"""Words after "a day" that make it the length between two events ("a day after the vote")."""

_AMOUNT_WORDS = frozenset({"several", "few", "couple", "dozen", "more", "additional", "further"})
_APPROX_BEFORE = frozenset({"over", "nearly", "almost", "about", "roughly", "around", "barely"})
"""Words before "a"/"an" + unit that make the article an amount ("over a week"), where a bare
"a week" is usually part of a rate or no time at all."""


def _is_amount(token: Token) -> bool:
    """A cardinal ("20", "two", "1/2"); spaCy's ``like_num`` also takes ordinals ("second
    quarter"), which name a period rather than count one."""
    return (
        token.like_num
        and token.lower_ not in ORDINAL_WORDS
        and re.fullmatch(r"\d+(?:st|nd|rd|th)", token.lower_) is None
    )


def _missed_durations(doc: Doc) -> list[Span]:
    """Durations written as an amount and a unit that no DATE/TIME entity covers: "at least
    20 more years" (a CARDINAL "at least 20" + "more years"), "two more weeks", "over a
    week", "several quarters". TimeML tags them as DURATIONs with their modifiers; the
    normaliser reads the value. Ages ("20 years old") and rates ("a year" after an amount)
    are left to their own rules."""
    found = []
    for unit in doc:
        if unit.lower_ not in DURATION_UNITS or unit.ent_type_ in TIME_LABELS or unit.i == 0:
            continue
        if unit.i + 1 < len(doc) and doc[unit.i + 1].lower_ in ("old", "-"):
            continue  # "20 years old", "8-month-old": an age or a compound
        start = unit.i
        while start > 0 and doc[start - 1].lower_ in ("more", "additional", "further"):
            start -= 1
        amount = doc[start - 1] if start > 0 else None
        if amount is None:
            continue
        if _is_amount(amount) or amount.lower_ in _AMOUNT_WORDS:
            if amount.lower_ == "one" and not unit.lower_.endswith("s") and start == unit.i:
                continue  # "he hopes one day to ...": "someday"
            start -= 1
            while start > 0 and (_is_amount(doc[start - 1]) or doc[start - 1].lower_ == "a"):
                start -= 1  # "5 1/2 hours", "a few days"
        elif amount.lower_ in ("a", "an") and (
            (start > 1 and doc[start - 2].lower_ in _APPROX_BEFORE | {"than"})
            or (unit.i + 1 < len(doc) and doc[unit.i + 1].lower_ in _COUNTED_FROM)
        ):
            start -= 1  # "over a week", "more than a year", "a day after the vote"
        else:
            continue
        if start == unit.i:
            continue
        first = doc[start]
        if first.lower_ in ("a", "an") and unit.lower_ in RATE_UNITS and start > 0:
            before = doc[start - 1]
            if before.like_num or before.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
                continue  # "$5 a year": a rate
        while start > 0 and doc[start - 1].lower_ in _APPROX_BEFORE | {"least", "than"}:
            start -= 1
            if doc[start].lower_ in ("least", "than") and start > 0:
                start -= 1  # "at least", "more than", "less than"
        while doc[start].lower_ in LEADING_OUTSIDE:
            start += 1  # "about [a week]"
        found.append(doc[start : unit.i + 1])
    return found


_ZONED_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3]):?[0-5]\d\s+(?:UTC|GMT)\b")
"""A clock time in universal time ("16:08 UTC", "0800 GMT"), which the recogniser often reads
as a number and an organisation."""


def _zoned_clocks(doc: Doc, text: str) -> list[Span]:
    """Clock times written with UTC or GMT, as spans (none when the text has no such zone).

    Args:
        doc: The parsed document.
        text: ``doc.text``, read once by the caller.
    """
    if ("UTC" not in text and "GMT" not in text) or not any(t.text in ("UTC", "GMT") for t in doc):
        return []
    found = []
    for match in _ZONED_CLOCK.finditer(text):
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            found.append(span)
    return found


RULE_PHRASES = ("the latest period", "the latest quarter", "the latest fiscal quarter")
"""Phrases the recogniser misses whose value the normaliser's rules give (not the lexicon's
fixed values): in earnings news "the latest period" is the last quarter reported."""

_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


def _range_ends(doc: Doc, spans: list[Span]) -> list[Span]:
    """The second year of a range whose first year the recogniser found alone ("from [2009]
    to 2011", "in [1994] and 1995")."""
    found = []
    for span in spans:
        end = span.end
        if (
            end + 1 < len(doc)
            and _YEAR.fullmatch(span[-1].text)
            and doc[end].lower_ in ("to", "and", "through", "until", "-", "\u2013", "or")
            and _YEAR.fullmatch(doc[end + 1].text)
            and doc[end + 1].ent_type_ not in TIME_LABELS
        ):
            found.append(doc[end + 1 : end + 2])
    return found


DAY_VERBS = frozenset({"end", "finish", "close", "start", "open", "begin"})
"""Verbs whose object "the day" is the document's day in market reports ("ended the day
higher", "to finish the day at 5,210")."""


def _trading_days(doc: Doc) -> list[Span]:
    """ "the day" after a verb that opens or closes it ("stocks ended the day higher"), which
    the recogniser leaves untagged or the lexicon would reject as no particular day."""
    return [
        doc[token.i : token.i + 2]
        for token in doc[1:-1]
        if token.lower_ == "the"
        and doc[token.i + 1].lower_ == "day"
        and doc[token.i - 1].lemma_.lower() in DAY_VERBS
    ]


_BARE_CLOCK = re.compile(
    r"(?:(?:at|about|around|shortly after|shortly before|before|after|until)\s+)?"
    r"\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?|noon|midnight",
    re.IGNORECASE,
)


def _on_story_day(
    found: Normalised, phrase: str, named: list[str], anchor: date | None, tense: str | None
) -> Normalised:
    """A bare clock time in a past clause ("was shot at 10 p.m.") happened on the day the story
    last named, when it named one before the document date, not on the document date."""
    if (
        tense != PAST
        or anchor is None
        or found.value is None
        or not found.value.startswith(anchor.isoformat() + "T")
        or not _BARE_CLOCK.fullmatch(phrase.strip())
    ):
        return found
    days = [v for v in named[-3:] if re.fullmatch(r"\d{4}-\d\d-\d\d", v)]
    if not days or days[-1] >= anchor.isoformat():
        return found
    return Normalised(days[-1] + found.value[10:], found.type, found.granularity)


class TimeTagger:
    """Find and normalise the time expressions of a document.

    Assigns ``doc._.ng_times``: a list of ``{id, text, value, type, granularity, span}``
    dicts in text order (``span`` is a ``[start, end]`` character pair).
    """

    def __init__(
        self, nlp: Language, name: str, *, words: list[TimeWordRow], use_dateparser: bool = True
    ) -> None:
        register_extensions()
        self.name = name
        self.normaliser = Normaliser(word_table(words), use_dateparser=use_dateparser)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = [row.text for row in words if row.match] + list(RULE_PHRASES)
        self.matcher.add("ng_time_word", [nlp.make_doc(p) for p in phrases])

    def candidates(
        self,
        doc: Doc,
        rates: list[Span] | None = None,
        days: list[Span] | None = None,
        text: str | None = None,
    ) -> list[Span]:
        """spaCy's DATE/TIME entities plus lexicon matches outside them, in text order.

        ``rates`` and ``days`` are the document's ``_rates`` and ``_trading_days``, and
        ``text`` its ``doc.text``, when the caller has them already.

        Entities are widened where TimeML draws a larger expression: a part of day after a
        day ("Friday night"), a year after a month ("June last year"), and a clock time and
        the day next to it ("5 p.m. EST Nov. 9", "noon Thursday") become one expression.
        """
        spans = _merge([_extend(_trim(ent)) for ent in doc.ents if ent.label_ in TIME_LABELS])
        zoned = _zoned_clocks(doc, doc.text if text is None else text)
        for clock in zoned:  # "0830" + "GMT": the entity takes in its zone
            spans = [
                doc[min(s.start, clock.start) : max(s.end, clock.end)]
                if s.start < clock.end and clock.start < s.end
                else s
                for s in spans
            ]
        taken = {i for span in spans for i in range(span.start, span.end)}
        matches = sorted(
            (doc[start:end] for _, start, end in self.matcher(doc)),
            key=lambda s: (s.start, -(s.end - s.start)),
        )
        matches += (_rates(doc) if rates is None else rates) + _missed_durations(doc)
        # a zoned clock already inside an entity is skipped below as taken
        matches += zoned + (_trading_days(doc) if days is None else days)
        matches += _range_ends(doc, spans)
        for span in matches:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if len(span) == 1 and span[0].pos_ in ("VERB", "PROPN", "NOUN") and span[0].lower_ in (
                "present", "current", "future", "once"
            ):  # fmt: skip
                continue
            if span.text.lower() == "now" and span.end < len(doc) and doc[span.end].text == "-":
                continue  # "the now-cancelled deal": part of an adjective
            if span.text.lower() == "recent" and (
                span.start == 0 or doc[span.start - 1].lower_ in ("most", "more", "less")
            ):  # "the most recent model": the latest, not a time
                continue
            spans.append(span)
            taken.update(range(span.start, span.end))
        return sorted(spans, key=lambda s: s.start_char)

    def _split_range(self, span: Span, anchor: date | None, tense: str | None) -> list[Any]:
        """Two expressions for a range written as one entity, else the span itself."""
        ended = _PERIOD_ENDED.match(span.text)
        if ended is not None:
            parts: list[Any] = [
                (span.start_char + ended.start(g), span.start_char + ended.end(g), ended.group(g))
                for g in ("a", "b")
            ]
            found = [self.normaliser(text, anchor, tense) for _, _, text in parts]
            if all(f is not None and f.value is not None for f in found):
                if re.search(r"\byear$", parts[0][2], re.IGNORECASE):
                    # "the (fiscal) year ended March 31" is the twelve months to that day
                    parts[0] = (*parts[0], Normalised("P1Y", "DURATION", "year"))
                return parts
        part_of = _PART_OF_YEAR.match(span.text)
        if part_of is not None:
            length = self.normaliser(part_of.group("a"), anchor, tense)
            within = self.normaliser(part_of.group("b"), anchor, tense)
            if (
                length is not None
                and length.type == "DURATION"
                and within is not None
                and within.value is not None
                and _CALENDAR_VALUE.match(within.value)
            ):
                return [
                    (span.start_char + part_of.start(g), span.start_char + part_of.end(g),
                     part_of.group(g), found)
                    for g, found in (("a", length), ("b", within))
                ]  # fmt: skip
        counted = _DATE_THEN_COUNT.match(span.text)
        if counted is not None and not counted.group("tail"):
            after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
            counted = counted if after in ("later", "earlier", "before", "after") else None
        if counted is not None:
            day = self.normaliser(counted.group("a"), anchor, tense)
            length = self.normaliser(counted.group("b"), anchor, tense)
            if (
                day is not None
                and day.value is not None
                and _CALENDAR_VALUE.match(day.value)
                and length is not None
                and length.type == "DURATION"
            ):
                return [
                    (span.start_char + counted.start(g), span.start_char + counted.end(g),
                     counted.group(g), found)
                    for g, found in (("a", day), ("b", length))
                ]  # fmt: skip
        between = _BETWEEN_AMOUNTS.match(span.text)
        if between is not None:
            second = self.normaliser(between.group("b"), anchor, tense)
            unit = between.group("b").split()[-1]
            first = self.normaliser(f"{between.group('a')} {unit}", anchor, tense)
            if (
                first is not None
                and second is not None
                and first.type == second.type == "DURATION"
                and first.value is not None
                and second.value is not None
            ):
                return [
                    (span.start_char + between.start(g), span.start_char + between.end(g),
                     between.group(g), found)
                    for g, found in (("a", first), ("b", second))
                ]  # fmt: skip
        later = _LATER.match(span.text)
        if (
            later is None
            and re.fullmatch(r"(?:a|an)\s+\w+", span.text, re.IGNORECASE)
            and span.end < len(span.doc)
            and span.doc[span.end].lower_ in _COUNTED_FROM
        ):  # "a day" + "after the vote": the same duration, the adverb outside the span
            later = re.match(r"(?P<a>.+)", span.text)
        if later is not None:
            # "A day earlier": the lexicon rejects a bare "a day" (a rate, "in a day"), but
            # before "earlier"/"later" it is the duration of one day
            amount = re.sub(r"^(?:a|an)\s+(?=\w+$)", "one ", later.group("a"), flags=re.I)
            found_later = self.normaliser(amount, anchor, tense)
            if found_later is not None and found_later.type == "DURATION":
                end = span.start_char + later.end("a")
                return [(span.start_char, end, later.group("a"), found_later)]
        season = _SEASON_YEARS.search(span.text)
        if season is not None and int(season.group("b")) == (int(season.group("a")) + 1) % 100:
            # "the 2012-13 season": two years, not the 13th of March 2012
            year = int(season.group("a"))
            base = span.start_char
            return [
                (base + season.start("a"), base + season.end("a"), season.group("a"),
                 Normalised(f"{year:04d}", "DATE", "year")),
                (base + season.start("b"), base + season.end("b"), season.group("b"),
                 Normalised(f"{year + 1:04d}", "DATE", "year")),
            ]  # fmt: skip
        match = _RANGE.match(span.text)
        if match is None:
            return [(span.start_char, span.end_char, span.text)]
        a, b = match.group("a"), match.group("b")
        joined = span.text[match.end("a") : match.start("b")]
        if joined.strip() in ("-", "\u2013") and not (
            _DATE_LIKE.search(a) and _DATE_LIKE.search(b)
        ):
            # "year-earlier", "six-year-old", "mid-March": a hyphenated word, not a range
            return [(span.start_char, span.end_char, span.text)]
        b_text = b
        day_only = re.fullmatch(r"\d{1,2}", b.strip())
        if day_only and re.fullmatch(r"[A-Za-z]+\.?\s+\d{1,2}", a.strip()):
            b_text = f"{a.split()[0]} {b.strip()}"  # "March 18-19": the 19th of March
        elif day_only and re.fullmatch(r"\d{4}", a.strip()):
            # not two consecutive years ("2012-13", read above): a month ("2012-03")
            return [(span.start_char, span.end_char, span.text)]
        first = self.normaliser(a, anchor, tense)
        second = self.normaliser(b_text, anchor, tense)
        if (
            first is None
            or second is None
            or first.value is None
            or second.value is None
            or first.type == "DURATION"
            or (not re.search(r"[a-z]", a + b, re.I) and not re.fullmatch(r"\d{4}", a.strip()))
        ):
            return [(span.start_char, span.end_char, span.text)]
        base = span.start_char
        second_part = (base + match.start("b"), base + match.end("b"), b)
        return [
            (base + match.start("a"), base + match.end("a"), a),
            second_part if b_text == b else (*second_part, second),
        ]

    def _shrink(
        self, doc: Doc, text: str, start: int, end: int, anchor: date | None, tense: str | None
    ) -> tuple[int, int, Normalised | None]:
        """Normalise a span; when it has no value, try it without up to three words at either
        edge ("an Aug. 10, 1988", "both 1990", "April month"), which the recogniser often
        takes in, and keep the first shorter span that has one. Phrases that are no time at
        all ("6-year-old") are left alone."""
        found = self.normaliser(text[start:end], anchor, tense)
        if found is None or found.value is not None:  # not a time (an age), or resolved
            return start, end, found
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 2:
            return start, end, found
        for cut in range(1, min(3, len(span) - 1) + 1):
            for inner in (span[cut:], span[: len(span) - cut]):
                if inner[0].is_punct or (inner[-1].is_punct and inner[-1].text != "."):
                    continue
                shorter = self.normaliser(inner.text, anchor, tense)
                if shorter is None or shorter.value is None:
                    continue
                if anchor is None and not shorter.value[:1].isdigit():
                    continue  # no document date: "June last year" must not become "June"
                return inner.start_char, inner.end_char, shorter
        return start, end, found

    @staticmethod
    def _story_time(span: Span, named: list[str], quarter: str | None) -> Normalised | None:
        """The value of a phrase that counts from the story's own time line, not the document
        date: "that year", "the following day" (from the last time named) and, in a report on
        a quarter, "a year earlier" (that quarter a year before)."""
        found = anaphoric(span.text, named, quarter)
        if found is not None or quarter is None:
            return found
        sentence = span.sent
        context = sentence.text
        if sentence.start > 0:
            context = span.doc[sentence.start - 1].sent.text + " " + context
        if "quarter" not in context.lower():
            return None
        return year_ago_quarter(span.text, quarter)

    def __call__(self, doc: Doc) -> Doc:
        anchor = document_date(doc)
        text = doc.text  # built anew on every access: read it once
        times: list[dict[str, Any]] = []
        rates = _rates(doc)
        rate_bounds = {(r.start, r.end) for r in rates}
        days = _trading_days(doc)
        day_bounds = {(d.start, d.end) for d in days if d.text.lower() == "the day"}
        named: list[str] = []  # the calendar values named so far, for "that year"
        quarter: str | None = None  # the last quarter named, for "a year earlier"
        for span in self.candidates(doc, rates, days, text):
            tense = clause_tense(span)
            before = doc[max(0, span.start - 3) : span.start].text.lower()
            if before in ("as soon as", "as early as"):
                tense = FUTURE  # "could leave as soon as Tuesday"
            elif _deadline(span):
                tense = FUTURE
            elif tense == PAST and span.start > 0 and doc[span.start - 1].lower_ in FORWARD_MARKERS:
                tense = None
            story = self._story_time(span, named[-4:], quarter)
            if (span.start, span.end) in rate_bounds:  # "a year" after an amount
                story = Normalised(RATE_UNITS[span[1].lower_], "SET", span[1].lower_)
            elif _someday(span, tense):
                story = Normalised("FUTURE_REF", "DATE", "ref")
            elif (span.start, span.end) in day_bounds:  # "stocks ended the day higher"
                story = Normalised(anchor.isoformat() if anchor else None, "DATE", "day")
            parts = (
                [(span.start_char, span.end_char, span.text, story)]
                if story is not None
                else self._split_range(span, anchor, tense)
            )
            for start, end, _, *fixed in parts:
                if story is None:
                    start, end, found = self._shrink(doc, text, start, end, anchor, tense)
                found = fixed[0] if fixed else found
                if found is None:
                    continue
                found = _on_story_day(found, text[start:end], named, anchor, tense)
                if found.value and _CALENDAR_VALUE.match(found.value):
                    named.append(found.value)
                    if "-Q" in found.value and story is None:
                        quarter = found.value
                times.append(
                    {
                        "id": f"t{len(times) + 1}",
                        "text": text[start:end],
                        "value": found.value,
                        "type": found.type,
                        "granularity": found.granularity,
                        "span": [start, end],
                    }
                )
        doc._.ng_times = times
        return doc


@Language.factory(
    "ng_dates",
    requires=["doc.ents", "token.dep", "token.tag", "doc._.ng_meta"],
    assigns=["doc._.ng_times"],
    default_config={"words": {"@misc": "newsgraph.time_words.v1"}, "use_dateparser": True},
)
def make_time_tagger(
    nlp: Language, name: str, words: list[TimeWordRow], use_dateparser: bool
) -> TimeTagger:
    """Build the ``ng_dates`` component."""
    return TimeTagger(nlp, name, words=words, use_dateparser=use_dateparser)
