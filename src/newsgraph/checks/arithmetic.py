"""Arithmetic on the numbers an article states: what does not add up.

Pure functions over plain data (the quantity dicts of ``doc._.ng_events``), so each rule is
tested on hand-made inputs. Precision matters more than recall: a false alarm costs the
analyst's trust, so every rule stays silent unless the numbers are exact, count the same
things and belong to the same occurrence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

WHOLE_STATUSES = ("launched",)
"""Statuses that state a whole: everything fired."""
PART_STATUSES = ("intercepted", "shot_down", "failed")
"""Statuses that partition a whole: what happened to each of the things fired."""
PART_WORDS = {"intercepted": "intercepted", "shot_down": "shot down", "failed": "failed or lost"}


@dataclass
class CheckResult:
    """A check as plain data, ready for ``doc._.ng_checks``."""

    kind: str
    severity: str
    message: str
    values: dict[str, Any]
    evidence: list[list[int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The check as stored on the Doc."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "values": self.values,
            "evidence": self.evidence,
        }


def is_exact(quantity: dict[str, Any]) -> bool:
    """Whether a quantity is a plain number: no "at least", "about", "dozens"."""
    value = quantity.get("value")
    if value is None:
        return False
    lower, upper = quantity.get("lower"), quantity.get("upper")
    return bool(lower == value and upper == value)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _plural(unit: str, count: float) -> str:
    """ "drone" -> "drones" for counts other than one; "people" stays."""
    if count == 1 or unit.endswith("s") or unit in {"people", "personnel"}:
        return unit
    return unit + "s"


def _unit_key(quantity: dict[str, Any]) -> str | None:
    unit = quantity.get("unit")
    return str(unit).lower().rstrip("s") if unit else None


def _span(quantity: dict[str, Any]) -> list[int] | None:
    span = quantity.get("span")
    return [int(span[0]), int(span[1])] if span else None


def parts_against_whole(quantities: Sequence[dict[str, Any]]) -> list[CheckResult]:
    """Compare what was launched with what was intercepted, shot down or failed.

    One event's quantities: a single exact whole ("143 drones launched") and exact parts of
    the same unit or of no stated unit ("95 were intercepted", "46 failed"). Parts summing to
    less than the whole leave some unaccounted (info); summing to more is a contradiction
    (warning). Approximate numbers, two different wholes, or a part repeated with another
    value make the rule stay silent.
    """
    wholes = [q for q in quantities if q.get("status") in WHOLE_STATUSES]
    if len({(q.get("value"), _unit_key(q)) for q in wholes}) != 1:
        return []
    whole = wholes[0]
    if not is_exact(whole):
        return []
    unit = _unit_key(whole)
    parts: dict[str, dict[str, Any]] = {}
    for q in quantities:
        status = q.get("status")
        if status not in PART_STATUSES:
            continue
        if _unit_key(q) not in (None, unit) or not is_exact(q):
            return []
        if status in parts and parts[status].get("value") != q.get("value"):
            return []  # the same part stated twice with different values: not a partition
        parts[status] = q
    if not parts:
        return []
    total = sum(float(q["value"]) for q in parts.values())
    whole_value = float(whole["value"])
    if total == whole_value:
        return []
    things = _plural(str(whole.get("unit") or "item"), whole_value)
    named = ", ".join(f"{_fmt(q['value'])} {PART_WORDS[s]}" for s, q in parts.items())
    values: dict[str, Any] = {
        "whole": whole_value,
        "parts": [float(q["value"]) for q in parts.values()],
        "sum": total,
        "difference": whole_value - total,
        "launched": whole_value,
    }
    values.update({s: float(q["value"]) for s, q in parts.items()})
    evidence = [s for s in (_span(whole), *(_span(q) for q in parts.values())) if s]
    if total < whole_value:
        missing = whole_value - total
        message = (
            f"{_fmt(whole_value)} {things} launched, but {named} account for "
            f"{_fmt(total)}: {_fmt(missing)} unaccounted for."
        )
        return [CheckResult("parts_vs_whole", "info", message, values, evidence)]
    message = (
        f"{_fmt(whole_value)} {things} launched, but {named} add up to {_fmt(total)}: "
        f"{_fmt(total - whole_value)} more than were launched."
    )
    return [CheckResult("parts_vs_whole", "warning", message, values, evidence)]


def _bounds(quantity: dict[str, Any]) -> tuple[float, float] | None:
    """The interval a count states: exact [v, v], "at least" [v, inf), "nearly" (-inf, v].

    "About 50" and "dozens" with no upper bound state too little to contradict anything.
    """
    lower, upper = quantity.get("lower"), quantity.get("upper")
    if lower is None and upper is None:
        return None
    return (
        float(lower) if lower is not None else float("-inf"),
        float(upper) if upper is not None else float("inf"),
    )


def restated_counts(quantities: Sequence[dict[str, Any]]) -> list[CheckResult]:
    """The same count of one occurrence restated with a value its first statement excludes.

    "At least 20 killed" then "15 people died" about the same attack: bounds [20, inf) and
    [15, 15] cannot both hold. Only casualty and custody counts of one event, of the same
    unit, with bounds (exact numbers or "at least"/"more than"/"nearly"), and stated in
    different places are compared.
    """
    checks: list[CheckResult] = []
    by_key: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for q in quantities:
        status = q.get("status")
        if status in ("killed", "injured", "wounded", "arrested", "detained", "displaced"):
            by_key.setdefault((str(status), _unit_key(q)), []).append(q)
    for (status, _unit), group in by_key.items():
        bounded: list[tuple[dict[str, Any], tuple[float, float]]] = []
        for quantity in group:
            interval = _bounds(quantity)
            if interval is not None:
                bounded.append((quantity, interval))
        for i, (first, (lo1, hi1)) in enumerate(bounded):
            for second, (lo2, hi2) in bounded[i + 1 :]:
                if max(lo1, lo2) <= min(hi1, hi2):
                    continue  # compatible: "at least 20" and "25"
                if _span(first) == _span(second):
                    continue
                message = (
                    f"The {status} count is given as {first.get('text')!r} and later as "
                    f"{second.get('text')!r}, which cannot both be true of the same event."
                )
                values = {
                    "status": status,
                    "first": first.get("value"),
                    "second": second.get("value"),
                    "first_text": first.get("text"),
                    "second_text": second.get("text"),
                }
                evidence = [s for s in (_span(first), _span(second)) if s]
                checks.append(CheckResult("restated_count", "warning", message, values, evidence))
                return checks  # one per group is enough to send the analyst there
    return checks


@dataclass(frozen=True)
class Percentage:
    """A percentage stated as a share of some whole, with where it is."""

    value: float
    text: str
    start: int
    end: int


def shares_over_100(shares: Sequence[Percentage], whole: str) -> list[CheckResult]:
    """Shares of one whole (one vote, one poll) that add up to more than 100%."""
    if len(shares) < 2:
        return []
    total = sum(p.value for p in shares)
    if total <= 100.5:  # rounding of each share to one decimal
        return []
    named = " + ".join(p.text for p in shares)
    message = f"Shares of the {whole} add up to {total:g}% ({named}), more than 100%."
    values = {"shares": [p.value for p in shares], "sum": total, "whole": whole}
    return [
        CheckResult(
            "percent_over_100", "warning", message, values, [[p.start, p.end] for p in shares]
        )
    ]


ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip
"""Ordinal words of "its fourth year"."""


def elapsed_units(start: date, end: date, unit: str) -> int | None:
    """Whole units (year, month, week, day) from ``start`` to ``end``."""
    if end < start:
        return None
    if unit == "day":
        return (end - start).days
    if unit == "week":
        return (end - start).days // 7
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return months if unit == "month" else months // 12


def ordinal_period(start: date, published: date, ordinal: int, unit: str) -> tuple[int, int] | None:
    """(stated ordinal, true ordinal) when "its Nth year" is wrong on the publication date.

    On the publication date the thing that began on ``start`` is in its (elapsed + 1)-th unit;
    the day of an anniversary is read both ways ("enters its fourth year" on Feb. 24, 2025 for
    a war begun Feb. 24, 2022 is right, and so is "third anniversary").
    """
    elapsed = elapsed_units(start, published, unit)
    if elapsed is None:
        return None
    true = elapsed + 1
    anniversary = (published.month, published.day) == (start.month, start.day)
    if ordinal == true or (anniversary and ordinal == elapsed):
        return None
    return ordinal, true
