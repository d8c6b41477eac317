"""The checks component on whole articles: the drone example, and articles that must be quiet."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from newsgraph import extract

pytestmark = pytest.mark.model


def test_checks_drone_article_raises_exactly_one_check(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    record = articles["air-attack-mykolaiv"]
    document = extract(record["text"], record["published"], title=record["title"], nlp=nlp)
    [check] = document.checks
    assert check.kind == "parts_vs_whole" and check.severity.value == "info"
    for number in ("143", "95", "46", "2 unaccounted"):
        assert number in check.message
    evidence = " | ".join(e.text for e in check.evidence)
    assert all(number in evidence for number in ("143", "95", "46")), evidence


def test_checks_every_fixture_matches_its_expectation(
    nlp: Language, articles: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]
) -> None:
    for record in articles.values():
        document = extract(record["text"], record["published"], title=record["title"], nlp=nlp)
        got = sorted(c.kind for c in document.checks)
        want = sorted(c["kind"] for c in expected[record["id"]]["checks"])
        assert got == want, (record["id"], [c.message for c in document.checks])


@pytest.mark.parametrize(
    ("text", "published", "kind"),
    [
        (
            "KYIV, Feb. 24 - Leaders arrived in Kyiv as the war, which began on Feb. 24, 2022, "
            "entered its fifth year.",
            "2025-02-24",
            "date_arithmetic",
        ),
        (
            "BUCHAREST, May 19 - Dan won 53.6% of the vote to Simion's 51.4%, the bureau said.",
            "2025-05-19",
            "percent_over_100",
        ),
        (
            "GAZA, May 2 - At least 20 people were killed in the strike on the market, medics "
            "said. Police later said 15 people were killed in the strike.",
            "2025-05-02",
            "restated_count",
        ),
    ],
)
def test_checks_each_kind_on_a_short_report(
    nlp: Language, text: str, published: str, kind: str
) -> None:
    document = extract(text, published, nlp=nlp)
    assert [c.kind for c in document.checks] == [kind]
    assert all(
        e.text == document.text[e.start : e.end] for c in document.checks for e in c.evidence
    )


@pytest.mark.parametrize(
    "text",
    [
        "Dan won 53.6% of the vote to Simion's 46.4%. Turnout was 64.7%, up 12% on 2019.",
        "The war, which began on Feb. 24, 2022, entered its fourth year on Monday.",
        "Russia launched 80 drones overnight; 62 were shot down and 18 were lost to jamming.",
        "The budget sets aside $2.3 billion for 180 schools, a 4% rise, and hires 1,200 teachers.",
        "The party lifted its share of the vote from 41% in 2019 to 63% this year.",
        "The film won 55% of the jury votes and 70% of the viewer votes in the two rounds.",
        "The firm grew its market share from 55% last year to more than 60% in March.",
    ],
)
def test_checks_consistent_numbers_raise_nothing(nlp: Language, text: str) -> None:
    assert extract(text, "2025-02-24", nlp=nlp).checks == []
