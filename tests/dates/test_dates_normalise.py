"""The normaliser: TIMEX3 values against a document date, with tense."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.dates.lexicon import time_words, word_table
from newsgraph.dates.normalise import (
    FUTURE,
    PAST,
    PRESENT,
    Normalised,
    Normaliser,
    anaphoric,
    weekday_date,
    year_ago_quarter,
)

WEDNESDAY = date(2025, 4, 9)


@pytest.fixture(scope="module")
def normalise() -> Normaliser:
    return Normaliser(word_table(time_words()))


@pytest.mark.parametrize(
    ("text", "tense", "value", "kind"),
    [
        ("Tuesday", PAST, "2025-04-08", "DATE"),
        ("Tuesday", FUTURE, "2025-04-15", "DATE"),
        ("on Wednesday", PAST, "2025-04-09", "DATE"),
        ("last Friday", None, "2025-04-04", "DATE"),
        ("next Monday", None, "2025-04-14", "DATE"),
        ("Tuesday night", PAST, "2025-04-08TNI", "TIME"),
        ("overnight", PAST, "2025-04-08TNI", "TIME"),
        ("today", None, "2025-04-09", "DATE"),
        ("yesterday", None, "2025-04-08", "DATE"),
        ("last week", None, "2025-W14", "DATE"),
        ("this weekend", FUTURE, "2025-W15-WE", "DATE"),
        ("earlier this month", PAST, "2025-04", "DATE"),
        ("last month", None, "2025-03", "DATE"),
        ("on Feb. 14", PAST, "2025-02-14", "DATE"),
        ("Feb. 14", FUTURE, "2026-02-14", "DATE"),
        ("14 February 2014", None, "2014-02-14", "DATE"),
        ("in 2014", None, "2014", "DATE"),
        ("March 2022", None, "2022-03", "DATE"),
        ("the 1990s", None, "199", "DATE"),
        ("the third quarter", PAST, "2024-Q3", "DATE"),
        ("the first quarter", PAST, "2025-Q1", "DATE"),
        ("the first quarter of 2024", None, "2024-Q1", "DATE"),
        ("last spring", None, "2024-SP", "DATE"),
        ("three years ago", None, "2022", "DATE"),
        ("30-day", None, "P30D", "DURATION"),
        ("the past three years", None, "P3Y", "DURATION"),
        ("several weeks", None, "PXW", "DURATION"),
        ("two hours", None, "PT2H", "DURATION"),
        ("daily", None, "P1D", "SET"),
        ("now", PRESENT, "PRESENT_REF", "DATE"),
        ("recently", None, "PAST_REF", "DATE"),
        ("shortly after 2 a.m.", PAST, "2025-04-09T02:00", "TIME"),
    ],
)
def test_normalise_values_against_the_document_date(
    normalise: Normaliser, text: str, tense: str | None, value: str, kind: str
) -> None:
    found = normalise(text, WEDNESDAY, tense)
    assert found is not None
    assert (found.value, found.type) == (value, kind)


@pytest.mark.parametrize("text", ["Tuesday", "last week", "overnight", "yesterday", "now"])
def test_normalise_relative_expressions_stay_unresolved_without_a_date(
    normalise: Normaliser, text: str
) -> None:
    found = normalise(text, None, PAST)
    assert found is not None
    assert found.value in (None, "PRESENT_REF")


@pytest.mark.parametrize(
    ("text", "value"),
    [("in 2014", "2014"), ("Feb. 14, 2022", "2022-02-14"), ("Feb. 14", "XXXX-02-14")],
)
def test_normalise_absolute_dates_keep_their_value_without_a_date(
    normalise: Normaliser, text: str, value: str
) -> None:
    found = normalise(text, None, None)
    assert found is not None and found.value == value


@pytest.mark.parametrize("text", ["6-year-old", "44", "52 years old", "quarterly", "$5"])
def test_normalise_rejects_what_is_not_a_time(normalise: Normaliser, text: str) -> None:
    assert normalise(text, WEDNESDAY, None) is None


@pytest.mark.parametrize(("weekday", "tense", "day"), [(2, PAST, 9), (2, FUTURE, 9), (0, PAST, 7)])
def test_normalise_weekday_on_the_document_day_is_that_day(
    weekday: int, tense: str, day: int
) -> None:
    assert weekday_date(WEDNESDAY, weekday, tense, None) == date(2025, 4, day)


@pytest.mark.parametrize(
    ("text", "tense", "value", "kind"),
    [
        ("at least 30 days", None, "P30D", "DURATION"),
        ("a two day", None, "P2D", "DURATION"),
        ("2 1/2 years", None, "P2Y6M", "DURATION"),
        ("a minute and a half", None, "PT1M30S", "DURATION"),
        ("five and a half hours", None, "PT5H30M", "DURATION"),
        ("two decades", None, "P20Y", "DURATION"),
        ("the past decade", None, "P10Y", "DURATION"),
        ("the coming years", None, "PXY", "DURATION"),
        ("coming weeks", None, "PXW", "DURATION"),
        ("the next 12 to 18 months", None, "PXM", "DURATION"),
        ("centuries", None, "PXC", "DURATION"),
        ("nineteen ninety-six", None, "1996", "DATE"),
        ("the year two thousand", None, "2000", "DATE"),
        ("the winter of 2019", None, "2019-WI", "DATE"),
        ("June last year", PAST, "2024-06", "DATE"),
        ("early October this year", PAST, "2025-10", "DATE"),
        ("March eighth", FUTURE, "2026-03-08", "DATE"),
        ("this coming Sunday", PRESENT, "2025-04-13", "DATE"),
        ("the year-earlier quarter", PAST, "2024-Q1", "DATE"),
        ("the 2024 period", PAST, "2024-Q1", "DATE"),
        ("the end of the year", FUTURE, "2025", "DATE"),
        ("year-end", FUTURE, "2025", "DATE"),
        ("the last half of 2024", None, "2024-H2", "DATE"),
        ("recent years", PAST, "PAST_REF", "DATE"),
        ("every Thursday", None, "XXXX-WXX-4", "SET"),
        ("Tuesday nights", None, "XXXX-WXX-2TNI", "SET"),
        ("each July", None, "XXXX-07", "SET"),
        ("every two weeks", None, "P2W", "SET"),
        ("twice a year", None, "P1Y", "SET"),
        ("yesterday afternoon", PAST, "2025-04-08TAF", "TIME"),
        ("mid-afternoon yesterday", PAST, "2025-04-08TAF", "TIME"),
        ("noon Thursday", FUTURE, "2025-04-10T12:00", "TIME"),
        ("the week of March 3", PAST, "2025-W10", "DATE"),
        ("the end of the month", FUTURE, "2025-04", "DATE"),
        ("the second half of the year", FUTURE, "2025-H2", "DATE"),
        ("the 2000s", None, "200", "DATE"),
        ("the 1800s", None, "18", "DATE"),
        ("the nineties", None, "199", "DATE"),
        ("Saturday, April 12", PAST, "2025-04-12", "DATE"),
        ("the 2024 fiscal year", None, "2024", "DATE"),
    ],
)
def test_normalise_timex3_values_a_date_parser_cannot_write(
    normalise: Normaliser, text: str, tense: str | None, value: str, kind: str
) -> None:
    found = normalise(text, WEDNESDAY, tense)
    assert found is not None
    assert (found.value, found.type) == (value, kind)


@pytest.mark.parametrize("text", ["the 2024 period", "June last year", "the end of the year"])
def test_normalise_relative_periods_stay_unresolved_without_a_document_date(
    normalise: Normaliser, text: str
) -> None:
    found = normalise(text, None, PAST)
    assert found is not None and found.value is None


def test_normalise_spelled_years_are_absolute_without_a_document_date(
    normalise: Normaliser,
) -> None:
    found = normalise("in nineteen seventy-nine", None, PAST)
    assert found is not None and found.value == "1979"


def test_normalise_a_past_clause_date_just_ahead_stays_in_its_year(normalise: Normaliser) -> None:
    # "the offer was extended to May 2": within a month ahead, not last year's May 2
    found = normalise("May 2", WEDNESDAY, PAST)
    assert found is not None and found.value == "2025-05-02"
    found = normalise("Aug. 6", WEDNESDAY, PAST)
    assert found is not None and found.value == "2024-08-06"


def test_normalise_ages_are_no_durations(normalise: Normaliser) -> None:
    assert normalise("six-year-old", WEDNESDAY, None) is None


@pytest.mark.parametrize(
    ("text", "named", "value"),
    [
        ("that year", ["2019-10-23"], "2019"),
        ("the following day", ["2019-10-23"], "2019-10-24"),
        ("the previous week", ["2019-10-23"], "2019-W42"),
        ("the same month", ["2019-10-23", "2020"], "2019-10"),
        ("that quarter", ["2019-Q3"], "2019-Q3"),
        ("the following quarter", ["2019-12-02"], "2020-Q1"),
    ],
)
def test_normalise_anaphoric_units_count_from_the_last_time_named(
    text: str, named: list[str], value: str
) -> None:
    found = anaphoric(text, named)
    assert found is not None and found.value == value


def test_normalise_anaphoric_needs_a_fine_enough_reference() -> None:
    assert anaphoric("the following day", ["2019"]) is None
    assert anaphoric("the next year", ["2019"]) is None  # the twelve months ahead, as often
    assert anaphoric("next year", ["2019"]) is None


def test_normalise_year_ago_quarter() -> None:
    assert year_ago_quarter("a year ago", "2024-Q3") == Normalised("2023-Q3", "DATE", "quarter")
    assert year_ago_quarter("the 2023 period", "2024-Q2") == Normalised(
        "2023-Q2", "DATE", "quarter"
    )
    assert year_ago_quarter("2023", "2024-Q2") is None


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("every summer", "SET", "XXXX-SU"),
        ("on weekends", "SET", "XXXX-WXX-WE"),
        ("every few years", "SET", "PXY"),
        ("per day", "SET", "P1D"),
        ("hourly", "SET", "PT1H"),
        ("a 12-month period", "DURATION", "P12M"),
        ("a two-week window", "DURATION", "P2W"),
        ("every other week", "SET", "P2W"),
        ("a quarter century", "DURATION", "P25Y"),
        ("at least 20 more years", "DURATION", "P20Y"),
        ("over a week", "DURATION", "P1W"),
    ],
)
def test_normalise_sets_and_period_durations(
    normalise: Normaliser, text: str, kind: str, value: str
) -> None:
    found = normalise(text, date(2025, 4, 9))
    assert found is not None and (found.type, found.value) == (kind, value)


@pytest.mark.parametrize(
    ("text", "tense", "kind", "value"),
    [
        ("the past two quarters", PAST, "DURATION", "P2Q"),
        ("several quarters", None, "DURATION", "PXQ"),
        ("two consecutive quarters", PAST, "DURATION", "P2Q"),
        ("every quarter", None, "SET", "P1Q"),
        ("the first two quarters of 2026", FUTURE, "DATE", "2026-H1"),
        ("the latest quarter", FUTURE, "DATE", "2025-Q1"),
        ("the latest period", PAST, "DATE", "2025-Q1"),
        ("later in the day", PAST, "DATE", "2025-04-09"),
        ("the end of the day", PAST, "DATE", "2025-04-09"),
        ("a second consecutive day", PAST, "DATE", "2025-04-09"),
        ("the eighth day", PRESENT, "DATE", "2025-04-09"),
        ("the near term", FUTURE, "DATE", "FUTURE_REF"),
        ("the time being", PRESENT, "DATE", "PRESENT_REF"),
        ("a later date", FUTURE, "DATE", "FUTURE_REF"),
        ("16:08 UTC", PAST, "TIME", "2025-04-09T16:08Z"),
        ("0800 GMT Monday", PAST, "TIME", "2025-04-07T08:00Z"),
        ("5 p.m. EST", PAST, "TIME", "2025-04-09T17:00"),
    ],
)
def test_normalise_timeml_values_a_date_parser_lacks(
    normalise: Normaliser, text: str, tense: str | None, kind: str, value: str
) -> None:
    found = normalise(text, WEDNESDAY, tense)
    assert found is not None and (found.type, found.value) == (kind, value)


def test_normalise_a_first_day_ahead_is_not_the_document_day(normalise: Normaliser) -> None:
    found = normalise("his first day", WEDNESDAY, FUTURE)
    assert found is None or found.value != "2025-04-09"


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("a week or so ago", PAST, "2025-W14"),
        ("a fourth week in a row", PAST, "2025-W15"),
        ("the first two quarters of 2024", PAST, "2024-H1"),
    ],
)
def test_normalise_counted_weeks_and_halves(
    normalise: Normaliser, text: str, tense: str | None, value: str
) -> None:
    found = normalise(text, WEDNESDAY, tense)
    assert found is not None and found.value == value


def test_normalise_the_next_decade_is_a_duration(normalise: Normaliser) -> None:
    found = normalise("over the next decade", WEDNESDAY, FUTURE)
    assert found is not None and (found.type, found.value) == ("DURATION", "P10Y")


def test_anaphoric_unit_before_and_after() -> None:
    assert anaphoric("the year before", ["2024"]) == Normalised("2023", "DATE", "year")
    assert anaphoric("the day after", ["2024-03-03"]) == Normalised("2024-03-04", "DATE", "day")
