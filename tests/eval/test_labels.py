"""Tests of the shared label mappings (PLOVER, old PLOVER, CAMEO, PentaClass, IndiaPoliceEvents)."""

from __future__ import annotations

import pytest

from newsgraph.eval.labels import (
    CAMEO_CODE_EXCEPTIONS,
    CAMEO_ROOT_TO_PENTACLASS,
    CAMEO_ROOT_TO_PLOVER,
    IPE_ARREST,
    IPE_KILL,
    OLD_PLOVER_TO_PLOVER,
    PLOVER_CAMEO_ROOT,
    PLOVER_TO_PENTACLASS,
    PLOVER_TYPES,
    india_police_labels,
    pentaclass,
    pentaclass_from_cameo,
    plover_from_cameo,
    plover_from_old,
)


def test_plover_types_are_the_sixteen_current_ones() -> None:
    assert len(PLOVER_TYPES) == 16
    assert len(set(PLOVER_TYPES)) == 16
    assert {v for v in OLD_PLOVER_TO_PLOVER.values() if v} <= set(PLOVER_TYPES)
    # RETREAT is only reached through the 084-087 exceptions of CAMEO's YIELD root.
    from_cameo = {v for v in CAMEO_ROOT_TO_PLOVER.values() if v}
    assert from_cameo | set(CAMEO_CODE_EXCEPTIONS.values()) == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("AGREE", "AGREE"),
        ("sanction", "SANCTION"),
        (" Retreat ", "RETREAT"),
        ("CRIME", None),
        ("DOCUMENT", None),
        ("", None),
        (None, None),
    ],
)
def test_plover_from_old(old: str | None, new: str | None) -> None:
    assert plover_from_old(old) == new


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("01", None),
        ("020", None),
        ("03", "AGREE"),
        ("0311", "AGREE"),
        ("081", "CONCEDE"),
        ("0813", "RETREAT"),
        ("0841", "RETREAT"),
        ("087", "RETREAT"),
        ("09", "ACCUSE"),
        ("112", "ACCUSE"),
        ("1053", "REQUEST"),
        ("163", "COERCE"),
        ("166", "SANCTION"),
        ("1711", "COERCE"),
        ("1712", "ASSAULT"),
        ("173", "COERCE"),
        ("192", "COERCE"),
        ("195", "ASSAULT"),
        ("20", "ASSAULT"),
        ("99", None),
        ("", None),
    ],
)
def test_plover_from_cameo(code: str, label: str | None) -> None:
    assert plover_from_cameo(code) == label


def test_pentaclass_of_a_type_agrees_with_every_root_of_that_type() -> None:
    # ACCUSE covers roots 09 and 11, ASSAULT 18-20, CONCEDE/RETREAT 08: all must agree.
    for root, label in CAMEO_ROOT_TO_PLOVER.items():
        if label:
            assert PLOVER_TO_PENTACLASS[label] == CAMEO_ROOT_TO_PENTACLASS[root], root
    assert set(PLOVER_CAMEO_ROOT) == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("code", "penta"),
    [
        ("010", 0),
        ("02", 0),
        ("036", 1),
        ("057", 1),
        ("06", 2),
        ("0874", 2),
        ("09", 3),
        ("13", 3),
        ("14", 4),
        ("20", 4),
        ("", None),
    ],
)
def test_pentaclass_from_cameo(code: str, penta: int | None) -> None:
    assert pentaclass_from_cameo(code) == penta


@pytest.mark.parametrize(
    ("event_type", "quad_class", "expected"),
    [
        ("ASSAULT", None, 4),
        ("PROTEST", None, 4),  # CAMEO 14 is material conflict in the PentaClass
        ("SANCTION", None, 4),
        ("REQUEST", None, 3),
        ("DEMAND", None, 3),  # old label, mapped first
        ("CONCEDE", None, 2),
        ("CONSULT", None, 1),
        ("CONSULT", 0, 0),  # the event's own class wins, neutral included
        ("ASSAULT", 2, 2),
        ("ASSAULT", 9, 4),  # out-of-range quad_class is ignored
        ("CRIME", None, None),
        (None, None, None),
    ],
)
def test_pentaclass(event_type: str | None, quad_class: int | None, expected: int | None) -> None:
    assert pentaclass(event_type, quad_class) == expected


@pytest.mark.parametrize(
    ("event_type", "mode", "statuses", "expected"),
    [
        ("ASSAULT", None, ["killed"], {IPE_KILL}),
        ("PROTEST", None, ["Killed"], {IPE_KILL}),  # status decides whatever the type
        ("ASSAULT", "massacre", [], {IPE_KILL}),
        ("ASSAULT", "beat", ["injured"], set()),
        ("COERCE", "arrest", [], {IPE_ARREST}),
        ("COERCE", "curfew", [], set()),
        ("ASSAULT", "arrest", [], set()),  # arrest mode only counts on COERCE
        ("COERCE", None, ["detained", None], {IPE_ARREST}),
        ("ASSAULT", None, ["killed", "arrested"], {IPE_KILL, IPE_ARREST}),
        ("FIGHT", "assassinate", [], {IPE_KILL}),  # old label mapped to ASSAULT
        (None, None, [], set()),
    ],
)
def test_india_police_labels(
    event_type: str | None, mode: str | None, statuses: list[str | None], expected: set[str]
) -> None:
    assert india_police_labels(event_type, mode, statuses) == expected
