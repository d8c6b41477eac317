"""When an event happened: the time expression that dates a clause.

``event_date(doc, start, end)`` is what the events component calls for each event. An event
takes the date of its own clause when there is one ("Russia launched 143 drones *overnight*"),
else of the nearest clause that governs it ("the air force said *on Wednesday* that Russia
launched..."), else of the nearest dated expression earlier in its sentence, else the
document date (``date_type`` "document"), else nothing (``date_type`` "unresolved"). Only
expressions that point at a time (DATE and TIME with a calendar value) date an event:
durations ("a 30-day ceasefire"), sets ("daily") and vague references ("recently") do not.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.dates.component import document_date, governing_verb

EXPLICIT = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b|\d{1,2}/\d{1,2}/\d{2,4}")
"""A year written out makes an expression explicit rather than relative to the document."""

_CALENDAR = re.compile(r"^\d{4}")


def _datable(time: dict[str, Any]) -> bool:
    value = time.get("value")
    return (
        time.get("type") in ("DATE", "TIME")
        and isinstance(value, str)
        and _CALENDAR.match(value) is not None
    )


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _clause_head(token: Token) -> Token:
    """The verb heading the clause of a token (the token itself if it is one)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _ancestors(token: Token) -> list[Token]:
    return [token, *token.ancestors]


def date_type(time: dict[str, Any]) -> str:
    """ "explicit" when the expression names its year, else "relative"."""
    return "explicit" if EXPLICIT.search(str(time.get("text", ""))) else "relative"


def event_date(doc: Doc, start_char: int, end_char: int) -> dict[str, Any]:
    """Date the event expressed at ``doc.text[start_char:end_char]`` (its trigger or clause).

    Returns:
        ``{"value", "text", "date_type"}`` as ``EventDate`` takes it: the chosen expression's
        value and text with date_type "explicit" or "relative"; else the document date with
        "document"; else value None with "unresolved".
    """
    event = _span(doc, start_char, end_char)
    times = [t for t in _offset_times(doc) if _datable(t)]
    if event is not None and times:
        sentence = event.sent
        head = _clause_head(event.root)
        chain = _ancestors(head)
        in_sentence = []
        for time in times:
            span = _span(doc, int(time["span"][0]), int(time["span"][1]))
            if span is None or span.sent != sentence:
                continue
            verb = governing_verb(span) or span.root
            in_sentence.append((time, span, verb))
        same = [t for t, _, verb in in_sentence if verb == head]
        if same:
            return _result(same[0])
        governing = [(chain.index(verb), t) for t, _, verb in in_sentence if verb in chain]
        if governing:
            return _result(min(governing, key=lambda pair: pair[0])[1])
        before = [
            (event.start_char - span.end_char, t)
            for t, span, _ in in_sentence
            if span.end_char <= event.start_char
        ]
        if before:
            return _result(min(before, key=lambda pair: pair[0])[1])
    published = document_date(doc)
    if published is not None:
        return {"value": published.isoformat(), "text": None, "date_type": "document"}
    return {"value": None, "text": None, "date_type": "unresolved"}


_BACK = re.compile(r"\s+(?:earlier|ago|before(?=\s*[.,;:)]|$)|previously)\b", re.I)
"""What makes a duration a point in the past: "two days earlier", "a week ago", "days
before." (not "two days before the vote", which is anchored on the vote)."""

_DAYS_OR_WEEKS = re.compile(r"^P(\d+)([DW])$")


def _offset_times(doc: Doc) -> list[dict[str, Any]]:
    """The article's time expressions, with "N days earlier" turned into the day it names.

    TimeML annotates "two days earlier" as the duration "two days" (so does the dates stage);
    to date an event ("Russia attacked the city two days earlier", published on Thursday),
    the duration counted back from the publication date is the day: Tuesday.
    """
    times: list[dict[str, Any]] = list(doc._.ng_times or [])
    published = document_date(doc)
    if published is None:
        return times
    result = []
    for time in times:
        match = _DAYS_OR_WEEKS.match(str(time.get("value") or ""))
        if time.get("type") != "DURATION" or not match:
            result.append(time)
            continue
        # only the words after a duration (doc.text would rebuild the whole article per event)
        end = int(time["span"][1])
        after = "".join(t.text_with_ws for t in doc[_token_at(doc, end) :][:4])
        if _BACK.match(" " + after):
            days = int(match.group(1)) * (7 if match.group(2) == "W" else 1)
            time = {**time, "type": "DATE", "value": (published - timedelta(days=days)).isoformat()}
        result.append(time)
    return result


def _token_at(doc: Doc, char: int) -> int:
    """The index of the first token starting at or after character ``char``."""
    for token in doc:
        if token.idx >= char:
            return token.i
    return len(doc)


def _result(time: dict[str, Any]) -> dict[str, Any]:
    return {"value": time["value"], "text": time["text"], "date_type": date_type(time)}
