"""Tests of the WikiEvents reader and scorers on invented records and predictions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.eval.base import NEWSGRAPH, AlignedDocument, EvalContext
from newsgraph.eval.wikievents import (
    ARREST,
    ASSAULT,
    BASELINE,
    INJURED,
    KILLED,
    GoldArgument,
    GoldEvent,
    PredictedArgument,
    PredictedEvent,
    WikiDocument,
    build_text,
    classify,
    evaluate_wikievents,
    events_from_document,
    identify,
    kairos_label,
    lexicon_events,
    parse_document,
    score_arguments,
    score_wikievents,
)
from newsgraph.model.document import (
    Actor,
    Document,
    DocumentInfo,
    Event,
    Place,
    Quantity,
    Span,
)


@pytest.mark.parametrize(
    ("event_type", "label"),
    [
        ("Conflict.Attack.DetonateExplode", ASSAULT),
        ("Conflict.Attack.Unspecified", ASSAULT),
        ("Life.Die.Unspecified", KILLED),
        ("Life.Injure.Unspecified", INJURED),
        ("Justice.ArrestJailDetain.Unspecified", ARREST),
        ("Contact.Contact.Broadcast", None),
    ],
)
def test_kairos_label(event_type: str, label: str | None) -> None:
    assert kairos_label(event_type) == label


def test_build_text_places_sentences_at_their_offsets() -> None:
    sentences = [
        [[["A", 0, 1], ["b", 2, 3]], "A b"],
        [[["C", 5, 6]], "C"],  # gap of 2 after "A b": a paragraph break
        [[["d", 7, 8]], "d"],  # gap of 1: a space
    ]
    text, tokens = build_text(sentences)
    assert text == "A b\n\nC d"
    assert tokens == [(0, 1), (2, 3), (5, 6), (7, 8)]


def _record() -> dict[str, Any]:
    # "Rebels bombed the hall . They killed Ann ." (invented), 9 tokens.
    words = ["Rebels", "bombed", "the", "hall", ".", "They", "killed", "Ann", "."]
    offsets, position = [], 0
    for word in words:
        offsets.append([word, position, position + len(word)])
        position += len(word) + 1
    return {
        "doc_id": "d1",
        "tokens": words,
        "sentences": [
            [offsets[:5], "Rebels bombed the hall ."],
            [offsets[5:], "They killed Ann ."],
        ],
        "entity_mentions": [
            {"id": "d1-T1", "start": 0, "end": 1},
            {"id": "d1-T2", "start": 2, "end": 4},
            {"id": "d1-T3", "start": 5, "end": 6},
            {"id": "d1-T4", "start": 7, "end": 8},
        ],
        "event_mentions": [
            {
                "id": "d1-E1",
                "event_type": "Conflict.Attack.DetonateExplode",
                "trigger": {"start": 1, "end": 2},
                "arguments": [
                    {"entity_id": "d1-T1", "role": "Attacker"},
                    {"entity_id": "d1-T2", "role": "Target"},
                    {"entity_id": "d1-T2", "role": "Instrument"},  # unmapped role: dropped
                ],
            },
            {
                "id": "d1-E2",
                "event_type": "Life.Die.Unspecified",
                "trigger": {"start": 6, "end": 7},
                "arguments": [
                    {"entity_id": "d1-T3", "role": "Killer"},
                    {"entity_id": "d1-T4", "role": "Victim"},
                ],
            },
        ],
    }


def test_parse_document_maps_roles_and_coreference() -> None:
    document = parse_document(_record(), [["d1-T1", "d1-T3"]])  # "Rebels" = "They"
    assert document.text == "Rebels bombed the hall . They killed Ann ."
    attack, die = document.events
    assert (attack.label, attack.trigger) == (ASSAULT, (7, 13))
    assert document.text[7:13] == "bombed"
    assert [(a.role, a.slot) for a in attack.arguments] == [
        ("Attacker", "source"),
        ("Target", "target"),
    ]
    # The attacker carries both coreferent mentions: "Rebels" (0, 6) and "They" (25, 29).
    assert attack.arguments[0].spans == ((0, 6), (25, 29))
    assert attack.arguments[1].spans == ((14, 22),)  # "the hall"
    assert die.label == KILLED
    assert [(a.role, a.slot) for a in die.arguments] == [("Killer", "source"), ("Victim", "target")]


def test_identify_is_one_to_one_on_overlap() -> None:
    gold = [
        GoldEvent("1", "X", None, (0, 5)),
        GoldEvent("2", "X", None, (10, 15)),
        GoldEvent("3", "X", None, (20, 25)),
    ]
    predicted = [PredictedEvent((2, 4)), PredictedEvent((11, 30)), PredictedEvent((40, 45))]
    # (11, 30) overlaps gold 2 (4 chars) and gold 3 (5 chars) but counts once (gold 3);
    # (2, 4) matches gold 1; (40, 45) matches nothing: tp 2, fp 1, fn 1.
    prf = identify(gold, predicted)
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 1)


def _gold_events() -> list[GoldEvent]:
    return [
        GoldEvent(
            "E1",
            "Conflict.Attack.Unspecified",
            ASSAULT,
            (0, 6),
            (
                GoldArgument("Attacker", "source", "c1", ((40, 45), (60, 65))),
                GoldArgument("Target", "target", "c2", ((50, 55),)),
            ),
        ),
        GoldEvent(
            "E2",
            "Life.Die.Unspecified",
            KILLED,
            (20, 26),
            (GoldArgument("Victim", "target", "c2", ((50, 55),)),),
        ),
        GoldEvent("E3", "Contact.Contact.Broadcast", None, (90, 95)),
    ]


def _predicted(target: tuple[int, int], killed_label: str = KILLED) -> list[PredictedEvent]:
    return [
        PredictedEvent(
            (0, 6),
            ((ASSAULT, (0, 6)), (killed_label, (16, 26))),
            (
                PredictedArgument("source", ((61, 63),)),
                PredictedArgument("target", (target,)),
                PredictedArgument("place", ((80, 85),)),
            ),
        ),
        PredictedEvent((30, 35), ((ARREST, (30, 35)),)),
    ]


def test_classify_by_hand() -> None:
    # ASSAULT (0, 6) matches E1; the killed reading (16, 26) overlaps E2's (20, 26); the
    # arrest has no gold: tp 2, fp 1, fn 0.
    prf, pairs = classify(_gold_events(), _predicted((70, 75)))
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 0)
    assert sorted(pairs) == [(0, 0), (1, 0)]
    # The wrong reading (injured instead of killed) loses E2: tp 1, fp 2, fn 1.
    worse, _ = classify(_gold_events(), _predicted((70, 75), killed_label=INJURED))
    assert (worse.tp, worse.fp, worse.fn) == (1, 2, 1)


def test_score_arguments_by_hand() -> None:
    gold = _gold_events()
    predicted = _predicted((70, 75))
    _, pairs = classify(gold, predicted)
    counts = score_arguments(gold, predicted, pairs)
    # Predicted: 2 readings x 3 arguments = 6 (the arrest has none). Gold: E1 source and
    # target, E2 target = 3. Hits: the source (61, 63) overlaps the coreferent mention
    # (60, 65) of E1's attacker; the target (70, 75) misses.
    # source: tp 1, fp 2 - 1 = 1, fn 0; target: tp 0, fp 2, fn 2; place: tp 0, fp 2, fn 0.
    assert (counts["source"].tp, counts["source"].fp, counts["source"].fn) == (1, 1, 0)
    assert (counts["target"].tp, counts["target"].fp, counts["target"].fn) == (0, 2, 2)
    assert (counts["place"].tp, counts["place"].fp, counts["place"].fn) == (0, 2, 0)
    # A right target (51, 53) is credited for both E1 and E2: tp 2, fp 0, fn 0.
    right = score_arguments(gold, _predicted((51, 53)), pairs)
    assert (right["target"].tp, right["target"].fp, right["target"].fn) == (2, 0, 0)


def test_arguments_need_a_matched_trigger() -> None:
    gold = _gold_events()
    moved = [
        PredictedEvent((100, 110), ((ASSAULT, (100, 110)),), _predicted((51, 53))[0].arguments)
    ]
    scores = score_wikievents([WikiDocument("d", "", gold)], [moved])
    assert scores.classification.tp == 0
    assert scores.all_arguments().tp == 0
    assert scores.all_arguments().fn == 3


def test_score_wikievents_by_hand() -> None:
    gold = [WikiDocument("d", "", _gold_events())]
    scores = score_wikievents(gold, [_predicted((51, 53))])
    # Identification: predicted spans (0, 6) -> E1, (30, 35) -> nothing: tp 1, fp 1, fn 2.
    ident = scores.identification
    assert (ident.tp, ident.fp, ident.fn) == (1, 1, 2)
    # Arguments: source tp 1 fp 1, target tp 2, place fp 2: tp 3, fp 3, fn 0 -> P 0.5, R 1.
    total = scores.all_arguments()
    assert (total.tp, total.fp, total.fn) == (3, 3, 0)
    assert total.f1 == pytest.approx(2 / 3)


def test_events_from_document() -> None:
    text = "Rebels bombed the hall, killing two guards. Police arrested Ann in Tarsis."
    evidence = Span(start=0, end=42, text=text[:42])
    document = Document(
        document=DocumentInfo(id="d", text=text),
        actors=[
            Actor(
                id="a1", name="Rebels", kind="group", mentions=[Span(start=0, end=6, text="Rebels")]
            ),
            Actor(
                id="a2", name="Ann", kind="person", mentions=[Span(start=60, end=63, text="Ann")]
            ),
        ],
        places=[Place(id="p1", name="Tarsis", mentions=[Span(start=67, end=73, text="Tarsis")])],
        events=[
            Event(
                id="e1",
                type="ASSAULT",
                source="a1",
                trigger=Span(start=7, end=13, text="bombed"),
                quantities=[
                    Quantity(
                        value=2,
                        status="killed",
                        text="two",
                        span=Span(start=24, end=42, text=text[24:42]),
                    )
                ],
                evidence=evidence,
            ),
            Event(
                id="e2",
                type="COERCE",
                mode="arrest",
                target="a2",
                place="p1",
                evidence=Span(start=44, end=74, text=text[44:74]),
            ),
            Event(id="e3", type="CONSULT", evidence=evidence),
        ],
    )
    assault, arrest, consult = events_from_document(AlignedDocument(document, text))
    assert assault.span == (7, 13)
    assert assault.labels == ((ASSAULT, (7, 13)), (KILLED, (24, 42)))
    assert assault.arguments == (PredictedArgument("source", ((0, 6),)),)
    assert arrest.span == (44, 74)  # no trigger: the evidence span
    assert arrest.labels == ((ARREST, (44, 74)),)
    assert arrest.arguments == (
        PredictedArgument("target", ((60, 63),)),
        PredictedArgument("place", ((67, 73),)),
    )
    assert consult.labels == ()  # identification only


def test_lexicon_events() -> None:
    doc = Doc(
        Vocab(),
        words=["Rebels", "attacked", "the", "convoy"],
        spaces=[True, True, True, False],
        lemmas=["rebel", "attack", "the", "convoy"],
        heads=[1, 1, 3, 1],
        deps=["nsubj", "ROOT", "det", "dobj"],
    )
    (event,) = lexicon_events(doc)
    assert event.labels == ((ASSAULT, (7, 15)),)
    assert event.arguments == (
        PredictedArgument("source", ((0, 6),)),
        PredictedArgument("target", ((16, 26),)),  # "the convoy"
    )


@pytest.mark.data
def test_wikievents_on_the_corpus(data_dir: Path) -> None:
    if not (data_dir / "wikievents").is_dir():
        pytest.skip("wikievents corpus not present")
    result = evaluate_wikievents(EvalContext(data_dir=data_dir, split="dev", limit=2))
    assert result.split == "dev"
    assert result.details["documents"] == 2
    assert sum(result.details["gold_mapped_events"].values()) > 0
    systems = {s.system for s in result.scores}
    assert {NEWSGRAPH, BASELINE} <= systems
    for score in result.scores:
        assert score.value is not None
        assert 0.0 <= score.value <= 1.0
