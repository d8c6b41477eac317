"""The ``ng_checks`` component: numeric claims of one article that do not add up.

It reads the events' quantities (``doc._.ng_events``), the percentages the text gives as
shares of one whole, and date arithmetic the text asserts ("the war, which began on Feb. 24,
2022, has entered its fourth year"), and writes ``doc._.ng_checks``. The rules live in
``arithmetic.py``; this module finds their inputs in the parsed text.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.checks.arithmetic import (
    ORDINALS,
    CheckResult,
    Percentage,
    ordinal_period,
    parts_against_whole,
    restated_counts,
    shares_over_100,
)
from newsgraph.extensions import register_extensions

logger = logging.getLogger(__name__)

SHARE_WORDS = {"vote", "votes", "ballot", "ballots"}
"""Nouns whose percentages are shares of one whole: a vote. ("Market share" moves over time,
"from 62% to 68%", so it is no whole to sum.)"""
APPROXIMATE = re.compile(
    r"\b(?:more than|over|about|around|nearly|almost|some|up to|at least)\b", re.I
)
CHANGE = re.compile(r"\bfrom\s+[\w.]+\s*(?:%|per ?cent|percent)[^.;]*?\bto\b", re.I)
NOT_SHARE_WORDS = {"turnout", "growth", "rate", "inflation", "increase", "rise", "fall", "drop"}
"""Nouns whose percentages measure something else, even beside a vote."""
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)")
BEGAN = re.compile(
    r"\b(?:began|started|erupted|broke out|was launched|launched)\s+(?:on|in)\s+"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}))"
)
NTH_PERIOD = re.compile(
    r"\b(?:enter(?:s|ed|ing)?|into|in|marks?|marked|marking)\s+(?:its|their|the)\s+"
    r"(?P<ordinal>" + "|".join(ORDINALS) + r")\s+(?P<unit>year|month|week|day)\b",
    re.IGNORECASE,
)


def _parse_day(text: str) -> date | None:
    """Parse "Feb. 24, 2022" or "24 February 2022"."""
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


class NumberChecker:
    """Check the numbers of an article against each other.

    Assigns ``doc._.ng_checks`` (list of plain dicts: kind, severity, message, values,
    evidence [[start, end], ...]).
    """

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        checks: list[CheckResult] = []
        for event in doc._.ng_events or []:
            quantities = list(event.get("quantities") or [])
            checks.extend(self._parts(doc, quantities))
            checks.extend(restated_counts(quantities))
        for sentence in doc.sents:
            checks.extend(self._shares(sentence))
        published = (doc._.ng_meta or {}).get("published")
        if published:
            checks.extend(self._dates(doc, date.fromisoformat(published)))
        doc._.ng_checks = _dedupe([c.as_dict() for c in checks])
        return doc

    @staticmethod
    def _parts(doc: Doc, quantities: list[dict[str, Any]]) -> list[CheckResult]:
        """Parts against the whole, first among counts stated in one sentence, then event-wide.

        A report usually gives the whole and its parts together ("launched 143 drones, of
        which 95 were intercepted, while 46 failed"); a headline's shorthand of the same
        numbers is then left out instead of making the event's counts look inconsistent.
        """
        by_sentence: dict[int, list[dict[str, Any]]] = {}
        for quantity in quantities:
            span = quantity.get("span")
            token = doc.char_span(span[0], span[1], alignment_mode="expand") if span else None
            key = token.sent.start if token is not None and len(token) else -1
            by_sentence.setdefault(key, []).append(quantity)
        for group in by_sentence.values():
            found = parts_against_whole(group)
            if found:
                return found
        return parts_against_whole(quantities)

    @staticmethod
    def _shares(sentence: Span) -> list[CheckResult]:
        """Percentages of one vote or poll in one sentence that sum past 100%."""
        shares = []
        whole = None
        wholes: set[str | None] = set()
        if CHANGE.search(sentence.text):
            return []  # "rose from 62% to 68%": one share over time
        for ent in sentence.ents:
            if ent.label_ != "PERCENT":
                continue
            match = _NUMBER.search(ent.text.replace(",", ""))
            if match is None:
                continue
            context = {t.lower_ for t in ent.root.head.subtree} | {ent.root.head.lower_}
            if context & NOT_SHARE_WORDS:
                continue
            before = ent.start_char - sentence.start_char  # the sentence's own text: the
            # document's is rebuilt on every access
            if APPROXIMATE.search(ent.text) or APPROXIMATE.search(
                sentence.text[max(0, before - 12) : before]
            ):
                return []  # "more than 68%": a bound, not a share to add
            shares.append(Percentage(float(match.group(1)), ent.text, ent.start_char, ent.end_char))
            wholes.add(_whole_of(ent))
            found = {t.lower_ for t in sentence} & SHARE_WORDS
            whole = whole or (sorted(found)[0] if found else None)
        if whole is None or len(wholes - {None}) > 1:
            return []  # "52% of the online votes and 68% of the text messages": two wholes
        return shares_over_100(shares, whole)

    @staticmethod
    def _dates(doc: Doc, published: date) -> list[CheckResult]:
        """ "Began on Feb. 24, 2022 ... its fourth year" against the publication date."""
        checks = []
        for sentence in doc.sents:
            text = sentence.text
            began = BEGAN.search(text)
            period = NTH_PERIOD.search(text)
            if began is None or period is None:
                continue
            start = _parse_day(began.group("date"))
            if start is None:
                continue
            ordinal = ORDINALS[period.group("ordinal").lower()]
            unit = period.group("unit").lower()
            wrong = ordinal_period(start, published, ordinal, unit)
            if wrong is None:
                continue
            stated, true = wrong
            offset = sentence.start_char
            message = (
                f"Began on {start.isoformat()}, so on the publication date "
                f"({published.isoformat()}) it is in its {_ordinal_word(true)} {unit}, "
                f"not its {period.group('ordinal').lower()}."
            )
            values = {
                "start": start.isoformat(),
                "published": published.isoformat(),
                "stated": stated,
                "computed": true,
                "unit": unit,
            }
            evidence = [
                [offset + began.start("date"), offset + began.end("date")],
                [offset + period.start(), offset + period.end()],
            ]
            checks.append(CheckResult("date_arithmetic", "warning", message, values, evidence))
        return checks


def _whole_of(ent: Span) -> str | None:
    """The noun a percentage is a share of: "52% of the online votes" -> "online votes"."""
    for token in (ent.root, *ent.root.children):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return " ".join(
                        t.lower_ for t in objects[0].subtree if t.dep_ not in ("det", "poss")
                    )
    return None


def _ordinal_word(number: int) -> str:
    for word, value in ORDINALS.items():
        if value == number:
            return word
    return f"{number}th"


def _dedupe(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One check per kind and evidence: an occurrence stated twice is flagged once."""
    seen = set()
    out = []
    for check in checks:
        key = (check["kind"], tuple(tuple(e) for e in check["evidence"]))
        if key not in seen:
            seen.add(key)
            out.append(check)
    return out


@Language.factory(
    "ng_checks",
    requires=["doc._.ng_events", "doc.ents"],
    assigns=["doc._.ng_checks"],
    default_config={},
)
def make_number_checker(nlp: Language, name: str) -> NumberChecker:
    """Build the ``ng_checks`` component."""
    return NumberChecker(nlp, name)
