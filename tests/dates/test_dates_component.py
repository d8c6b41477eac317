"""ng_dates on real sentences: spans, values, tense and the missing-date rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.dates.resolve import event_date
from newsgraph.ingest.readers import RawArticle
from newsgraph.process import make_doc


def run(nlp: Language, text: str, published: date | None) -> Doc:
    return nlp(make_doc(nlp, RawArticle(text=text, source="test", published=published)))


def times(doc: Doc) -> dict[str, Any]:
    return {t["text"]: t for t in doc._.ng_times}


@pytest.mark.model
def test_dates_tense_decides_which_tuesday(nlp: Language) -> None:
    text = (
        "Turkey is expected to host the next round of talks on Tuesday. "
        "The foreign minister said on Tuesday that the talks were useful."
    )
    doc = run(nlp, text, date(2025, 4, 9))
    values = [t["value"] for t in doc._.ng_times if t["text"] == "Tuesday"]
    assert values == ["2025-04-15", "2025-04-08"]


@pytest.mark.model
def test_dates_issue_expressions(nlp: Language) -> None:
    text = (
        "Russia launched 143 drones overnight, Ukraine's air force said on Wednesday. "
        "The two sides agreed a 30-day ceasefire earlier this month. "
        "Talks are due on Feb. 14. Russia annexed Crimea in 2014."
    )
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["overnight"]["value"] == "2025-04-08TNI"
    assert found["Wednesday"]["value"] == "2025-04-09"
    assert found["30-day"]["value"] == "P30D" and found["30-day"]["type"] == "DURATION"
    assert found["earlier this month"]["value"] == "2025-04"
    assert found["Feb. 14"]["value"] == "2026-02-14"
    assert found["2014"]["value"] == "2014"
    for item in found.values():
        assert text[item["span"][0] : item["span"][1]] == item["text"]


@pytest.mark.model
def test_dates_we_is_not_wednesday(nlp: Language) -> None:
    doc = run(nlp, "We will not give up, the mayor said.", date(2025, 4, 9))
    assert all(t["text"] != "We" for t in doc._.ng_times)


@pytest.mark.model
def test_dates_without_a_document_date_relative_values_are_none(nlp: Language) -> None:
    doc = run(nlp, "Russia launched drones overnight, the air force said on Wednesday.", None)
    assert doc._.ng_times and all(t["value"] is None for t in doc._.ng_times)


@pytest.mark.model
def test_dates_fixture_article_relative_dates(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    article = articles["air-attack-mykolaiv"]
    doc = run(nlp, article["text"], date.fromisoformat(article["published"]))
    found = times(doc)
    assert found["overnight"]["value"] == "2025-04-08TNI"
    assert found["Wednesday"]["value"] == "2025-04-09"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "Russia launched 143 drones overnight, Ukraine's air force said on Wednesday.",
            "launched",
            ("2025-04-08TNI", "relative"),
        ),
        (
            "Ukraine's air force said on Wednesday that Russia launched 143 drones.",
            "launched",
            ("2025-04-09", "relative"),
        ),
        ("Russia annexed Crimea in 2014, the minister recalled.", "annexed", ("2014", "explicit")),
        ("Russia launched 143 drones at Ukraine.", "launched", ("2025-04-09", "document")),
    ],
)
def test_dates_event_date_prefers_own_clause_then_governing(
    nlp: Language, text: str, trigger: str, expected: tuple[str, str]
) -> None:
    doc = run(nlp, text, date(2025, 4, 9))
    start = text.index(trigger)
    got = event_date(doc, start, start + len(trigger))
    assert (got["value"], got["date_type"]) == expected


@pytest.mark.model
def test_dates_event_date_unresolved_without_any_date(nlp: Language) -> None:
    text = "Russia launched 143 drones at Ukraine."
    doc = run(nlp, text, None)
    got = event_date(doc, 6, 14)
    assert got == {"value": None, "text": None, "date_type": "unresolved"}


@pytest.mark.model
def test_dates_period_ended_is_two_expressions(nlp: Language) -> None:
    text = "The retailer said profit rose 12% in the quarter ended March 31."
    found = times(run(nlp, text, date(2025, 4, 24)))
    assert found["the quarter"]["value"] == "2025-Q1"
    assert found["March 31"]["value"] == "2025-03-31"


@pytest.mark.model
def test_dates_fiscal_year_ended_is_a_twelve_month_duration(nlp: Language) -> None:
    text = "The utility earned $3 billion in the fiscal year ended Jan. 31, it said on Tuesday."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert (found["the fiscal year"]["value"], found["the fiscal year"]["type"]) == (
        "P1Y",
        "DURATION",
    )


@pytest.mark.model
def test_dates_part_of_day_joins_the_weekday(nlp: Language) -> None:
    text = "Rescuers worked through Friday night to reach the miners, officials said."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["Friday night"]["value"] == "2025-04-04TNI"
    assert found["Friday night"]["type"] == "TIME"


@pytest.mark.model
def test_dates_forward_marker_keeps_a_past_clause_date_ahead(nlp: Language) -> None:
    text = "The company extended its tender offer to May 2, the bank said."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["May 2"]["value"] == "2025-05-02"


@pytest.mark.model
def test_dates_as_soon_as_looks_forward(nlp: Language) -> None:
    text = "The delegation could arrive as soon as Tuesday, diplomats said."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["Tuesday"]["value"] == "2025-04-15"


@pytest.mark.model
def test_dates_days_later_is_a_duration_without_the_adverb(nlp: Language) -> None:
    text = "The suspect was arrested on March 3. Three days later he was charged."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert (found["Three days"]["value"], found["Three days"]["type"]) == ("P3D", "DURATION")


@pytest.mark.model
def test_dates_durations_never_date_an_event(nlp: Language) -> None:
    text = "The rebels held the town for three weeks."
    doc = run(nlp, text, date(2025, 4, 9))
    start = text.index("held")
    got = event_date(doc, start, start + len("held"))
    assert got["date_type"] == "document" and got["value"] == "2025-04-09"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        (
            "Crowds mourned the 12 people killed when missiles hit the city two days earlier.",
            "hit",
            "2025-05-13",
        ),
        ("Police said the men had been detained three days ago.", "detained", "2025-05-12"),
        ("Two days before the vote, police detained 12 activists.", "detained", "2025-05-15"),
    ],
)
def test_dates_days_earlier_dates_an_event_back_from_publication(
    nlp: Language, text: str, verb: str, expected: str
) -> None:
    """ "Two days earlier" counts back from the publication date; "before the vote" does not."""
    doc = run(nlp, text, date(2025, 5, 15))
    start = text.index(verb)
    assert event_date(doc, start, start + len(verb))["value"] == expected


@pytest.mark.model
def test_dates_day_ranges_share_the_month(nlp: Language) -> None:
    text = "European leaders will meet in Brussels on March 18-19, a diplomat said."
    found = times(run(nlp, text, date(2025, 3, 3)))
    assert found["March 18"]["value"] == "2025-03-18"
    assert found["19"]["value"] == "2025-03-19"


@pytest.mark.model
def test_dates_hyphenated_words_are_not_ranges(nlp: Language) -> None:
    text = "Profit fell below the year-earlier level, and a six-year-old boy was rescued."
    found = times(run(nlp, text, date(2025, 4, 24)))
    assert "earlier" not in found and not any("six" in key for key in found)


@pytest.mark.model
def test_dates_set_each_weekday(nlp: Language) -> None:
    text = "Protesters have gathered in the square every Thursday since the election."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["every Thursday"]["value"] == "XXXX-WXX-4"
    assert found["every Thursday"]["type"] == "SET"


@pytest.mark.model
def test_dates_without_a_document_date_month_and_relative_year_stay_whole(nlp: Language) -> None:
    text = "The rebels seized the airport in June last year, officials said."
    found = times(run(nlp, text, None))
    assert found["June last year"]["value"] is None


@pytest.mark.model
def test_dates_that_year_counts_from_the_story_not_the_publication(nlp: Language) -> None:
    text = (
        "The ferry sank on Oct. 23, 2019, off the coast. Earlier that day, the coastguard "
        "had warned of storms. The owner sold the company later that year. "
        "The following month, a new operator took over the route."
    )
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["Earlier that day"]["value"] == "2019-10-23"
    assert found["later that year"]["value"] == "2019"
    assert found["The following month"]["value"] == "2019-11"


@pytest.mark.model
def test_dates_year_earlier_in_a_quarterly_report_is_that_quarter(nlp: Language) -> None:
    text = (
        "The bank earned $5 million in the third quarter of 2024, up from $4 million "
        "a year earlier. The year-earlier results included a one-time charge."
    )
    found = times(run(nlp, text, date(2024, 10, 30)))
    assert found["the third quarter of 2024"]["value"] == "2024-Q3"
    assert found["a year earlier"]["value"] == "2023-Q3"
    assert found["year-earlier"]["value"] == "2023-Q3"


@pytest.mark.model
def test_dates_year_earlier_outside_a_quarterly_report_is_a_year(nlp: Language) -> None:
    doc = run(nlp, "Tourist numbers fell by half from a year earlier.", date(2024, 10, 30))
    assert times(doc)["a year earlier"]["value"] == "2023"


@pytest.mark.model
def test_dates_rate_after_an_amount_is_a_set(nlp: Language) -> None:
    text = "Migrants send $1 billion a year home, and the plant pays workers $20 per hour."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert (found["a year"]["type"], found["a year"]["value"]) == ("SET", "P1Y")
    assert (found["per hour"]["type"], found["per hour"]["value"]) == ("SET", "PT1H")


@pytest.mark.model
def test_dates_durations_the_recogniser_misses(nlp: Language) -> None:
    text = (
        "The lease lets the navy stay for at least 20 more years. "
        "The audit is likely to last over a week, and the pilots flew for about 5 1/2 hours. "
        "The team won its second quarter game."
    )
    found = times(run(nlp, text, date(2025, 4, 9)))
    values = {t["value"] for t in found.values()}
    assert {"P20Y", "P1W", "PT5H30M"} <= values
    assert all(t["type"] != "DURATION" or "quarter" not in t["text"] for t in found.values())


@pytest.mark.model
def test_dates_part_of_day_joins_the_deictic_day_after_it(nlp: Language) -> None:
    text = "Shares in the retailer were up 3% at mid-afternoon yesterday in London."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["mid-afternoon yesterday"]["value"] == "2025-04-08TAF"


@pytest.mark.model
def test_dates_a_day_earlier_is_a_duration(nlp: Language) -> None:
    text = "Trucks crossed the border on Monday. A day earlier, the bridge had been closed."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert (found["A day"]["type"], found["A day"]["value"]) == ("DURATION", "P1D")


@pytest.mark.model
def test_dates_deadline_until_a_weekday_looks_forward(nlp: Language) -> None:
    text = "Officials have given the family until 9 a.m. Tuesday to sign the agreement."
    found = times(run(nlp, text, date(2025, 4, 7)))
    assert found["9 a.m. Tuesday"]["value"] == "2025-04-08T09:00"


@pytest.mark.model
def test_dates_a_plan_already_past_looks_back(nlp: Language) -> None:
    text = "The offer had been due to expire Friday evening, the company said."
    found = times(run(nlp, text, date(2025, 4, 7)))
    assert found["Friday evening"]["value"] == "2025-04-04TEV"


@pytest.mark.model
def test_dates_a_date_and_a_count_from_it_are_two_expressions(nlp: Language) -> None:
    text = "The jet will arrive on November 11, three days later than originally planned."
    found = times(run(nlp, text, date(2025, 11, 5)))
    assert found["November 11"]["value"] == "2025-11-11"
    assert (found["three days"]["value"], found["three days"]["type"]) == ("P3D", "DURATION")


@pytest.mark.model
def test_dates_between_two_amounts_are_two_durations(nlp: Language) -> None:
    text = "He said the process would take between 60 and 90 days."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["60"]["value"] == "P60D"
    assert found["90 days"]["value"] == "P90D"


@pytest.mark.model
def test_dates_clock_times_in_universal_time(nlp: Language) -> None:
    text = "The index was down 3 % at 16:08 UTC . At 0800 UTC , the central bank acted."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["16:08 UTC"]["value"] == "2025-04-09T16:08Z"
    assert found["0800 UTC"]["value"] == "2025-04-09T08:00Z"


@pytest.mark.model
def test_dates_one_day_before_a_future_verb_is_a_future_reference(nlp: Language) -> None:
    text = "Analysts say the country will one day be the region's largest economy."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["one day"]["value"] == "FUTURE_REF"


@pytest.mark.model
def test_dates_a_day_after_an_event_is_a_duration(nlp: Language) -> None:
    text = "The ministry's move comes a day after the central bank cut rates."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert (found["a day"]["value"], found["a day"]["type"]) == ("P1D", "DURATION")


@pytest.mark.model
def test_dates_markets_ending_the_day_is_the_document_day(nlp: Language) -> None:
    text = "The index rose 0.9 % to finish the day at 5,210 points."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["the day"]["value"] == "2025-04-09"


@pytest.mark.model
def test_dates_two_consecutive_years_are_not_a_day(nlp: Language) -> None:
    text = "The club struggled in the 2012-13 season. Sales in 2012-03 were flat."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["2012"]["value"] == "2012"
    assert found["13"]["value"] == "2013"
    assert found["2012-03"]["value"] == "2012-03"


@pytest.mark.model
def test_dates_a_clock_time_takes_in_its_universal_zone(nlp: Language) -> None:
    text = "The minister spoke at 10:30 a.m. local time (0830 GMT) in the capital."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["0830 GMT"]["value"] == "2025-04-09T08:30Z"


@pytest.mark.model
def test_dates_approximators_stay_outside_the_expression(nlp: Language) -> None:
    text = "The talks lasted about five hours, officials said."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["five hours"]["value"] == "PT5H"


@pytest.mark.model
def test_dates_recent_before_an_event_is_a_past_reference(nlp: Language) -> None:
    text = "Analysts blamed recent losses on fears of a recession. The most recent model sold well."
    doc = run(nlp, text, date(2025, 4, 9))
    assert [(t["text"], t["value"]) for t in doc._.ng_times] == [("recent", "PAST_REF")]


@pytest.mark.model
def test_dates_ages_index_levels_and_now_compounds_are_no_times(nlp: Language) -> None:
    text = (
        "The founder died yesterday at the age of 56. The index closed at 8,579.19 points. "
        "He criticised the now-cancelled deal."
    )
    doc = run(nlp, text, date(2025, 4, 9))
    assert [t["text"] for t in doc._.ng_times] == ["yesterday"]


@pytest.mark.model
def test_dates_the_day_before_counts_from_the_last_date_named(nlp: Language) -> None:
    text = "The court ruled on March 3. The day before, the minister resigned."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["The day before"]["value"] == "2025-03-02"


@pytest.mark.model
def test_dates_the_latest_period_is_the_last_quarter_reported(nlp: Language) -> None:
    text = "Sales in the latest period were $1.8 billion, the company said."
    found = times(run(nlp, text, date(2025, 4, 29)))
    assert found["the latest period"]["value"] == "2025-Q1"


@pytest.mark.model
def test_dates_in_the_past_leaves_the_preposition_out(nlp: Language) -> None:
    text = "The two countries have clashed over the border in the past."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["the past"]["value"] == "PAST_REF"


@pytest.mark.model
def test_dates_the_second_year_of_a_range_is_found(nlp: Language) -> None:
    text = "The airline will receive six new aircraft from 2027 to 2029 , the company said."
    found = times(run(nlp, text, date(2025, 4, 9)))
    assert found["2029"]["value"] == "2029"


@pytest.mark.model
def test_dates_a_bare_clock_time_in_a_past_story_is_on_the_day_named(nlp: Language) -> None:
    text = "Two embassies were bombed on Friday. The first blast occurred at 10:35 a.m. downtown."
    found = times(run(nlp, text, date(2025, 4, 14)))
    assert found["10:35 a.m."]["value"] == "2025-04-11T10:35"


@pytest.mark.model
def test_dates_spans_leave_line_breaks_out(nlp: Language) -> None:
    text = "Carmaker cutting 30,000 jobs by 2012\nJanuary 23, 2006 The carmaker said on Monday."
    doc = run(nlp, text, date(2006, 1, 23))
    assert all(t["text"] == t["text"].strip() for t in doc._.ng_times)
    assert "2012" in times(doc)


@pytest.mark.model
def test_dates_months_of_a_year_are_a_duration_and_the_year(nlp: Language) -> None:
    text = "Employers added 242,000 jobs in the first nine months of 2024, the ministry said."
    found = times(run(nlp, text, date(2025, 2, 6)))
    assert found["the first nine months"]["value"] == "P9M"
    assert found["2024"]["value"] == "2024"


@pytest.mark.model
def test_dates_an_infinitive_under_a_past_verb_may_look_ahead(nlp: Language) -> None:
    text = "The committee subpoenaed the boy to testify before it on Feb. 10, officials said."
    found = times(run(nlp, text, date(2025, 1, 7)))
    assert found["Feb. 10"]["value"] == "2025-02-10"
