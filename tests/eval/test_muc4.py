"""Tests of the MUC-4 reader and scorers on invented keys, texts and predictions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph.eval.base import NEWSGRAPH, EvalContext
from newsgraph.eval.muc4 import (
    BASELINE,
    DateRange,
    GoldEntity,
    GoldIncident,
    MucDocument,
    PredictedIncident,
    date_matches,
    evaluate_muc4,
    head_word,
    incidents_from_document,
    keyword_counts,
    keyword_incidents,
    location_matches,
    match_entities,
    merge_entities,
    normalise,
    parse_date_slot,
    parse_datelines,
    parse_filler,
    parse_key_file,
    parse_location_slot,
    read_muc,
    score_muc,
)
from newsgraph.model.document import (
    Actor,
    Document,
    DocumentInfo,
    Event,
    EventDate,
    Factuality,
    Place,
    Quantity,
    Span,
)

# An invented answer key in the MUC-4 layout: message 0001 has a bombing (template 1) and an
# optional robbery (template 2); message 0002 is irrelevant (all asterisks).
KEY = """\
0.  MESSAGE: ID                    TST9-MUC4-0001
1.  MESSAGE: TEMPLATE              1
2.  INCIDENT: DATE                 - 05 MAR 90
3.  INCIDENT: LOCATION             ATLANTIS: POSEIDONIA (CITY)
4.  INCIDENT: TYPE                 BOMBING
9.  PERP: INDIVIDUAL ID            "MASKED MEN" / "MEN"
10. PERP: ORGANIZATION ID          "RED DAWN FRONT [RDF]"
12. PHYS TGT: ID                   "TOWN HALL"
18. HUM TGT: NAME                  "JANE ROE"
19. HUM TGT: DESCRIPTION           "MAYOR": "JANE ROE"
                                   ? "GUARDS"
21. HUM TGT: NUMBER                1: "JANE ROE"
                                   3: "GUARDS"
23. HUM TGT: EFFECT OF INCIDENT    DEATH: "JANE ROE"
                                   INJURY: "GUARDS"
;;; an annotator's comment line
0.  MESSAGE: ID                    TST9-MUC4-0001
1.  MESSAGE: TEMPLATE              2 (OPTIONAL)
2.  INCIDENT: DATE                 04 MAR 90
3.  INCIDENT: LOCATION             ATLANTIS
4.  INCIDENT: TYPE                 ROBBERY
9.  PERP: INDIVIDUAL ID            "MEN"
21. HUM TGT: NUMBER                PLURAL: "CLERKS"
23. HUM TGT: EFFECT OF INCIDENT    INJURY: "CLERKS"

0.  MESSAGE: ID                    TST9-MUC4-0002
1.  MESSAGE: TEMPLATE              *
2.  INCIDENT: DATE                 *
"""


@pytest.mark.parametrize(
    ("text", "values", "refs", "optional"),
    [
        ('? "A B" / "B"', ("A B", "B"), (), True),
        ('DEATH: "X" / "Y"', ("DEATH",), ("X", "Y"), False),
        ('"DESC" / "D2": "NAME"', ("DESC", "D2"), ("NAME",), False),
        ('1 / PLURAL: "TEAM \\"TODAY\\""', ("1", "PLURAL"), ('TEAM "TODAY"',), False),
        ('SUSPECTED OR ACCUSED: "FRONT"', ("SUSPECTED OR ACCUSED",), ("FRONT",), False),
        ("ACCOMPLISHED", ("ACCOMPLISHED",), (), False),
    ],
)
def test_parse_filler(
    text: str, values: tuple[str, ...], refs: tuple[str, ...], optional: bool
) -> None:
    filler = parse_filler(text)
    assert filler.values == values
    assert filler.refs == refs
    assert filler.optional is optional


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16 NOV 89", [DateRange(date(1989, 11, 16), date(1989, 11, 16))]),
        ("- 21 JAN 89", [DateRange(None, date(1989, 1, 21))]),
        ("15 JAN 89 - 21 JAN 89", [DateRange(date(1989, 1, 15), date(1989, 1, 21))]),
        (
            "(- 16 NOV 89) / (10 OCT 89)",
            [
                DateRange(None, date(1989, 11, 16)),
                DateRange(date(1989, 10, 10), date(1989, 10, 10)),
            ],
        ),
        ("OCT 89", [DateRange(date(1989, 10, 1), date(1989, 10, 31))]),
        ("11 NOV", []),  # no year: dropped
        ("-", []),
    ],
)
def test_parse_date_slot(text: str, expected: list[DateRange]) -> None:
    assert list(parse_date_slot([text])) == expected


def test_date_matches_open_range_and_rejects_outside() -> None:
    on_or_before = [DateRange(None, date(1990, 3, 5))]
    assert date_matches(on_or_before, "1990-03-05")
    assert date_matches(on_or_before, "1990-02-20T10:00")  # 13 days before: inside 31 days
    assert not date_matches(on_or_before, "1990-03-06")  # after the anchor
    assert not date_matches(on_or_before, "1989-12-01")  # beyond the 31-day window
    assert not date_matches(on_or_before, "1990-03")  # month only: not a day
    assert not date_matches(on_or_before, None)


def test_location() -> None:
    assert parse_location_slot(["(ATLANTIS: POSEIDONIA (CITY)) / (ATLANTIS)"]) == (
        "atlantis poseidonia",
        "atlantis",
    )
    gold = ("atlantis poseidonia",)
    assert location_matches(gold, "Poseidonia")
    assert location_matches(gold, "ATLANTIS")
    assert not location_matches(gold, "Posei")  # whole words only
    assert not location_matches(gold, "Lemuria")
    assert not location_matches(gold, None)


@pytest.mark.parametrize(
    ("text", "normal", "head"),
    [
        ("THE ARMED FORCES", "armed forces", "forces"),
        ("MEMBERS OF THE RED DAWN FRONT [RDF]", "members of the red dawn front", "members"),
        ("the army's (fake) patrol", "army patrol", "patrol"),
        ("A", "", ""),
    ],
)
def test_normalise_and_head(text: str, normal: str, head: str) -> None:
    assert normalise(text) == normal
    assert head_word(normal) == head


def test_match_entities_counts_exact_head_and_optional() -> None:
    gold = [
        GoldEntity(frozenset({"armed forces"})),
        GoldEntity(frozenset({"jane roe", "mayor"})),
        GoldEntity(frozenset({"guards"}), optional=True),
    ]
    # "The Armed Forces" matches exactly after normalisation, "Roe" by head word ("roe"),
    # "police" matches nothing: tp 2, fp 1; the optional "guards" is not missed: fn 0.
    prf = match_entities(gold, ["The Armed Forces", "Roe", "police"])
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 0)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == 1.0
    # Wrong strings: nothing matches; the two required entities are missed.
    worse = match_entities(gold, ["The Navy", "John Doe"])
    assert (worse.tp, worse.fp, worse.fn) == (0, 2, 2)
    # The same string twice counts once.
    assert match_entities(gold, ["mayor", "Mayor"]).fp == 0


def test_merge_entities_uses_subsets_not_shared_strings() -> None:
    # Two priests share the description "priest": they stay apart; "men" repeats a subset of
    # "masked men / men" and joins it.
    merged = merge_entities(
        [
            GoldEntity(frozenset({"ana lima", "priest"})),
            GoldEntity(frozenset({"rui sa", "priest"})),
            GoldEntity(frozenset({"masked men", "men"}), optional=True),
            GoldEntity(frozenset({"men"})),
        ]
    )
    assert len(merged) == 3
    assert merged[2] == GoldEntity(frozenset({"masked men", "men"}), optional=False)


def test_parse_key_file() -> None:
    keys = parse_key_file(KEY)
    assert set(keys) == {"TST9-MUC4-0001", "TST9-MUC4-0002"}
    assert keys["TST9-MUC4-0002"] == []
    bombing, robbery = keys["TST9-MUC4-0001"]
    assert (bombing.template, bombing.optional, bombing.types) == (1, False, {"ASSAULT"})
    assert (robbery.template, robbery.optional, robbery.types) == (2, True, {"COERCE"})
    assert bombing.dates == (DateRange(None, date(1990, 3, 5)),)
    assert bombing.locations == ("atlantis poseidonia",)
    assert bombing.perp_individual == (GoldEntity(frozenset({"masked men", "men"})),)
    assert bombing.perp_organization == (GoldEntity(frozenset({"red dawn front"})),)
    assert bombing.physical_target == (GoldEntity(frozenset({"town hall"})),)
    # The description "MAYOR" references the name and joins it; "? GUARDS" stands alone.
    assert bombing.human_target == (
        GoldEntity(frozenset({"jane roe", "mayor"})),
        GoldEntity(frozenset({"guards"}), optional=True),
    )
    # DEATH: JANE ROE (number 1) -> killed 1; INJURY: GUARDS (number 3) -> injured 3.
    assert bombing.killed == {1}
    assert bombing.injured == {3}
    # A PLURAL number gives no exact count; entities of an optional template are optional.
    assert robbery.injured == frozenset()
    assert robbery.perp_individual == (GoldEntity(frozenset({"men"}), optional=True),)


def test_parse_key_file_counts_alternatives_and_unknowns() -> None:
    key = """\
0.  MESSAGE: ID                    TST9-MUC4-0003
1.  MESSAGE: TEMPLATE              1
4.  INCIDENT: TYPE                 ATTACK / BOMBING
19. HUM TGT: DESCRIPTION           "FARMERS"
                                   "SOLDIERS"
21. HUM TGT: NUMBER                2 / 3: "FARMERS"
                                   4: "SOLDIERS"
23. HUM TGT: EFFECT OF INCIDENT    DEATH: "FARMERS"
                                   DEATH: "SOLDIERS"
                                   INJURY: "-"
"""
    (incident,) = parse_key_file(key)["TST9-MUC4-0003"]
    # farmers 2 or 3, soldiers 4 -> killed 6 or 7; the injury references no target: unknown.
    assert incident.killed == {6, 7}
    assert incident.injured == frozenset()
    assert incident.muc_types == ("ATTACK", "BOMBING")


def test_parse_datelines() -> None:
    text = (
        "TST9-MUC4-0001\n\n   POSEIDONIA, 6 MAR 90 (RADIO X) -- [TEXT] WORDS\n"
        "TST9-MUC4-0002 (NOSC)\n\n   CLANDESTINE, NO DATE -- [TEXT] 12 MAY 89 IS LATER\n"
    )
    assert parse_datelines(text) == {"TST9-MUC4-0001": date(1990, 3, 6), "TST9-MUC4-0002": None}


def _gold_documents() -> list[MucDocument]:
    bombing = GoldIncident(
        template=1,
        optional=False,
        muc_types=("BOMBING",),
        types=frozenset({"ASSAULT"}),
        dates=(DateRange(None, date(1990, 3, 5)),),
        locations=("atlantis poseidonia",),
        perp_organization=(GoldEntity(frozenset({"red dawn front"})),),
        human_target=(GoldEntity(frozenset({"jane roe", "mayor"})),),
        killed=frozenset({4}),
    )
    attack = GoldIncident(
        template=1,
        optional=False,
        muc_types=("ATTACK",),
        types=frozenset({"ASSAULT"}),
        dates=(DateRange(date(1990, 1, 2), date(1990, 1, 2)),),
        locations=("atlantis",),
    )
    return [
        MucDocument("A", "", None, [bombing]),
        MucDocument("B", "", None, []),
        MucDocument("C", "", None, [attack]),
    ]


def _predictions(killed: int) -> list[list[PredictedIncident]]:
    return [
        [
            PredictedIncident(
                type="ASSAULT",
                perp_organization=("Red Dawn Front",),
                human_target=("Jane Roe",),
                date="1990-03-04",
                location="Poseidonia",
                killed=killed,
            ),
            PredictedIncident(type="COERCE"),
        ],
        [PredictedIncident(type="ASSAULT")],
        [],
    ]


def test_score_muc_by_hand() -> None:
    scores = score_muc(_gold_documents(), _predictions(killed=4))
    # Documents: A predicted and gold (tp), B predicted without gold (fp), C missed (fn).
    assert (scores.documents.tp, scores.documents.fp, scores.documents.fn) == (1, 1, 1)
    # Incidents: A's ASSAULT aligns (tp), A's COERCE has no COERCE gold (fp), B's is a fp,
    # C's gold is missed (fn): P = 1/3, R = 1/2, F1 = 2 * (1/3 * 1/2) / (1/3 + 1/2) = 0.4.
    assert scores.incidents.f1 == pytest.approx(0.4)
    # Roles: A's organization and victim are found; nothing else is gold or predicted.
    assert scores.roles["perpetrator organization"].f1 == 1.0
    assert scores.roles["human target / victim"].f1 == 1.0
    assert scores.roles["perpetrator individual"].f1 == 0.0
    # Slots: killed 1/1 (A); date 1/2 and location 1/2 (A right, C unaligned).
    assert scores.rate("killed") == 1.0
    assert scores.rate("date") == 0.5
    assert scores.rate("location") == 0.5
    assert scores.rate("injured") is None  # no gold injured count


def test_score_muc_wrong_predictions_score_lower() -> None:
    right = score_muc(_gold_documents(), _predictions(killed=4))
    wrong = score_muc(_gold_documents(), _predictions(killed=5))
    assert (right.rate("killed"), wrong.rate("killed")) == (1.0, 0.0)
    # A victim string that is not in the key lowers the role score.
    predictions = _predictions(killed=4)
    predictions[0][0] = PredictedIncident(type="ASSAULT", human_target=("John Doe",))
    assert score_muc(_gold_documents(), predictions).roles["human target / victim"].f1 == 0.0


def test_score_muc_optional_incident_is_never_a_miss() -> None:
    optional = GoldIncident(1, True, ("ROBBERY",), frozenset({"COERCE"}))
    gold = [MucDocument("D", "", None, [optional])]
    missed = score_muc(gold, [[]])
    assert (missed.documents.fn, missed.incidents.fn) == (0, 0)
    found = score_muc(gold, [[PredictedIncident(type="COERCE")]])
    assert (found.documents.tp, found.incidents.tp) == (1, 1)


def _document() -> Document:
    text = "Red Dawn Front bombed the hall in Poseidonia, killing Jane Roe."
    evidence = Span(start=0, end=len(text), text=text)
    return Document(
        document=DocumentInfo(id="d1", text=text),
        actors=[
            Actor(id="a1", name="Red Dawn Front", kind="organization"),
            Actor(id="a2", name="Jane Roe", kind="person"),
        ],
        places=[Place(id="p1", name="Poseidonia")],
        events=[
            Event(
                id="e1",
                type="ASSAULT",
                source="a1",
                target="a2",
                place="p1",
                date=EventDate(value="1990-03-04"),
                quantities=[
                    Quantity(value=2, status="killed", text="two"),
                    Quantity(value=1, status="killed", text="one"),
                    Quantity(value=4, status="wounded", text="four"),
                ],
                evidence=evidence,
            ),
            Event(id="e2", type="CONSULT", evidence=evidence),
            Event(id="e3", type="ASSAULT", factuality=Factuality.negated, evidence=evidence),
        ],
    )


def test_incidents_from_document() -> None:
    (incident,) = incidents_from_document(_document())
    assert incident == PredictedIncident(
        type="ASSAULT",
        perp_organization=("Red Dawn Front",),
        human_target=("Jane Roe",),
        date="1990-03-04",
        location="Poseidonia",
        killed=3,
        injured=4,
    )


def test_keyword_baseline() -> None:
    text = "Gunmen attacked a bus; three people were killed and 12 wounded."
    assert keyword_counts(text) == (3, 12)
    assert keyword_incidents(text) == [PredictedIncident(type="ASSAULT", killed=3, injured=12)]
    assert keyword_incidents("The minister opened a new school.") == []


@pytest.mark.data
def test_muc4_on_the_corpus(data_dir: Path) -> None:
    root = data_dir / "muc4" / "data" / "muc"
    if not root.is_dir():
        pytest.skip("muc4 corpus not present")
    dev = read_muc(root, "dev")
    assert len(dev) == 100
    assert sum(len(d.incidents) for d in dev) > 0

    result = evaluate_muc4(EvalContext(data_dir=data_dir, split="test", limit=3))
    assert result.split == "test"
    assert result.details["documents"] == 3
    assert result.details["gold_incidents"] > 0
    systems = {s.system for s in result.scores}
    assert {NEWSGRAPH, BASELINE} <= systems
    for score in result.scores:
        assert score.value is None or 0.0 <= score.value <= 1.0
