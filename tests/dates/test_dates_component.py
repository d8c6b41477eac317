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
