"""The arithmetic rules of the checks, on hand-made quantities."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsgraph.checks.arithmetic import (
    Percentage,
    ordinal_period,
    parts_against_whole,
    restated_counts,
    shares_over_100,
)


def q(
    value: float | None,
    status: str,
    unit: str | None = None,
    *,
    lower: Any = "same",
    upper: Any = "same",
    text: str = "",
    span: list[int] | None = None,
) -> dict[str, Any]:
    """A quantity dict as ng_events stores it; exact unless bounds are given."""
    return {
        "value": value,
        "status": status,
        "unit": unit,
        "lower": value if lower == "same" else lower,
        "upper": value if upper == "same" else upper,
        "text": text or str(value),
        "span": span or [0, 1],
    }


def test_checks_drone_example_leaves_two_unaccounted() -> None:
    [check] = parts_against_whole(
        [
            q(143, "launched", "drone", span=[0, 10]),
            q(95, "intercepted", span=[20, 22]),
            q(46, "failed", span=[30, 32]),
        ]
    )
    assert (check.kind, check.severity) == ("parts_vs_whole", "info")
    assert check.values["difference"] == 2 and check.values["sum"] == 141
    for number in ("143", "95", "46", "2 unaccounted"):
        assert number in check.message
    assert check.evidence == [[0, 10], [20, 22], [30, 32]]


def test_checks_parts_over_the_whole_is_a_warning() -> None:
    [check] = parts_against_whole([q(80, "launched", "drone"), q(70, "shot_down"), q(18, "failed")])
    assert check.severity == "warning" and check.values["difference"] == -8


@pytest.mark.parametrize(
    "quantities",
    [
        [q(80, "launched", "drone"), q(62, "shot_down", "drone"), q(18, "failed")],  # adds up
        [q(143, "launched", "drone"), q(95, "intercepted", "missile")],  # other things
        [q(143, "launched", "drone"), q(95, "intercepted", lower=95, upper=None)],  # "at least"
        [
            q(143, "launched", "drone"),
            q(150, "launched", "drone"),
            q(95, "intercepted"),
        ],  # two wholes
        [q(95, "intercepted"), q(46, "failed")],  # no whole
        [q(143, "launched", "drone"), q(2, "killed", "people")],  # no part
    ],
)
def test_checks_parts_rule_stays_silent(quantities: list[dict[str, Any]]) -> None:
    assert parts_against_whole(quantities) == []


def test_checks_restated_count_conflict() -> None:
    first = q(20, "killed", "people", lower=20, upper=None, text="at least 20", span=[0, 11])
    second = q(15, "killed", "people", text="15", span=[50, 52])
    [check] = restated_counts([first, second])
    assert check.kind == "restated_count" and check.severity == "warning"
    assert "at least 20" in check.message and "15" in check.message


@pytest.mark.parametrize(
    "quantities",
    [
        [q(20, "killed", "people", lower=20, upper=None), q(25, "killed", "people", span=[9, 10])],
        [
            q(50, "killed", "people", lower=None, upper=None),
            q(48, "killed", "people", span=[9, 10]),
        ],
        [q(20, "killed", "people"), q(15, "injured", "people", span=[9, 10])],
        [q(20, "killed", "soldier"), q(15, "killed", "civilian", span=[9, 10])],
    ],
)
def test_checks_compatible_counts_raise_nothing(quantities: list[dict[str, Any]]) -> None:
    assert restated_counts(quantities) == []


def test_checks_shares_over_100() -> None:
    shares = [Percentage(53.6, "53.6%", 0, 5), Percentage(51.4, "51.4%", 10, 15)]
    [check] = shares_over_100(shares, "vote")
    assert check.values["sum"] == pytest.approx(105.0)
    assert shares_over_100([Percentage(53.6, "", 0, 1), Percentage(46.4, "", 2, 3)], "vote") == []
    assert shares_over_100([Percentage(50.3, "", 0, 1), Percentage(50.1, "", 2, 3)], "vote") == []


@pytest.mark.parametrize(
    ("start", "published", "ordinal", "unit", "wrong"),
    [
        (date(2022, 2, 24), date(2025, 2, 24), 4, "year", None),
        (date(2022, 2, 24), date(2025, 2, 24), 5, "year", (5, 4)),
        (date(2022, 2, 24), date(2025, 6, 1), 4, "year", None),
        (date(2022, 2, 24), date(2025, 6, 1), 3, "year", (3, 4)),
        (date(2025, 3, 1), date(2025, 5, 15), 3, "month", None),
        (date(2025, 5, 1), date(2025, 5, 15), 3, "week", None),
    ],
)
def test_checks_ordinal_period(
    start: date, published: date, ordinal: int, unit: str, wrong: tuple[int, int] | None
) -> None:
    assert ordinal_period(start, published, ordinal, unit) == wrong
