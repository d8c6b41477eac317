"""The CAMEO<->PLOVER table, QuadClass and Goldstein weights (no model needed)."""

from __future__ import annotations

import pytest

from newsgraph.errors import LexiconError
from newsgraph.events.codes import (
    PLOVER_TYPES,
    cameo_plover_table,
    load_table,
    parse_table,
    quad_class,
    table_from_rows,
)
from newsgraph.events.triggers import (
    ComplementRow,
    ModeRow,
    TriggerRow,
    event_complements,
    event_modes,
    event_triggers,
)


def test_codes_every_row_loads_through_the_registered_loader() -> None:
    rows = cameo_plover_table()
    table = table_from_rows(rows)
    assert len(table.rows) == len(rows) > 300
    assert table.rows == load_table().rows


@pytest.mark.parametrize("plover", PLOVER_TYPES)
def test_codes_every_plover_type_has_cameo_codes(plover: str) -> None:
    table = load_table()
    codes = table.codes_for(plover)
    assert codes, plover
    assert all(table.plover(code) == plover for code in codes)


@pytest.mark.parametrize(
    ("code", "plover", "goldstein"),
    [
        ("190", "ASSAULT", -10.0),
        ("195", "ASSAULT", -10.0),
        ("0841", "RETREAT", 7.0),
        ("081", "CONCEDE", 5.0),
        ("163", "SANCTION", -8.0),
        ("036", "AGREE", 4.0),
        ("041", "CONSULT", 1.0),
        ("173", "COERCE", -5.0),
        ("023", "REQUEST", 3.4),
        ("106", "REQUEST", -5.0),
        ("016", None, -2.0),
    ],
)
def test_codes_lookup(code: str, plover: str | None, goldstein: float) -> None:
    table = load_table()
    assert table.plover(code) == plover
    assert table.goldstein(code) == goldstein


def test_codes_longest_prefix_for_unlisted_codes() -> None:
    table = load_table()
    assert table.get("08419") == table.get("0841")
    assert table.get("99") is None


@pytest.mark.parametrize(
    ("code", "plover", "expected"),
    [
        ("163", "SANCTION", 3),  # PLOVER: sanctions are verbal conflict
        ("081", "CONCEDE", 1),
        ("0841", "RETREAT", 2),
        ("190", "ASSAULT", 4),
        ("023", "REQUEST", 0),  # an appeal (CAMEO 02) is neutral
        ("106", "REQUEST", 3),
        ("190", None, 4),
        (None, None, None),
    ],
)
def test_codes_quad_class(code: str | None, plover: str | None, expected: int | None) -> None:
    assert quad_class(code, plover) == expected


def test_codes_duplicate_code_is_an_error() -> None:
    text = "code,plover,mode,goldstein,name\n190,ASSAULT,,-10.0,Fight\n190,ASSAULT,,-10.0,Fight\n"
    with pytest.raises(LexiconError, match="listed twice"):
        parse_table(text)


def test_codes_bad_plover_type_is_an_error() -> None:
    with pytest.raises(LexiconError, match="line 2"):
        parse_table("code,plover,mode,goldstein,name\n190,FIGHT,,-10.0,Fight\n")


RESIGN_CODE = "08"
"""Resignations are RETREAT (PLOVER manual) with the CAMEO root 08, whose row is CONCEDE."""


def test_codes_every_trigger_code_is_in_the_table_with_its_type() -> None:
    table = load_table()
    for raw in event_triggers():
        row = TriggerRow.model_validate(raw)
        assert row.cameo in table.rows, row
        if row.cameo != RESIGN_CODE:
            assert table.plover(row.cameo) == row.type, row
        if row.negated_cameo:
            assert table.plover(row.negated_cameo) == row.negated_type, row


def test_codes_every_complement_and_mode_code_fits_its_type() -> None:
    table = load_table()
    for raw in event_complements():
        row = ComplementRow.model_validate(raw)
        assert table.plover(row.cameo) == row.outer, row
    for raw in event_modes():
        mode = ModeRow.model_validate(raw)
        assert table.plover(mode.cameo) == mode.type, mode
