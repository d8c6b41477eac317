"""Tests of the PLOVER gold-standard-record scorer on invented sentences."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.eval.base import NEWSGRAPH, AlignedDocument, EvalContext
from newsgraph.eval.labels import PLOVER_TYPES
from newsgraph.eval.plover_gsr import (
    NO_EVENT,
    GoldActor,
    GsrPrediction,
    GsrRecord,
    Lexicon,
    PredActor,
    build_lexicon,
    code_match,
    country_match,
    evaluate,
    lexicon_predict,
    main_event,
    parse_mapping,
    parse_records,
    prediction_from_document,
    read_records,
    score_actor_slots,
    score_types,
    split_records,
    text_match,
)
from newsgraph.model.document import (
    Actor,
    Document,
    DocumentInfo,
    Event,
    Factuality,
    Span,
)

TEXT = "Freedonian police arrested two Sylvanian traders in Port Vale."
#        0         1         2         3         4         5         6
#        0123456789012345678901234567890123456789012345678901234567890


def _record(**overrides: Any) -> dict[str, Any]:
    record = {
        "id": "PLOVER-GSR01-COERCE-0003",
        "event": "COERCE",
        "text": TEXT,
        "textInfo": {"markup": "(SRC: Freedonian police) (EVT: arrested) two (TAR: Sylvanian)"},
        "source": [{"actorText": "Freedonian police", "code": "FRD", "sector": "COP"}],
        "target": [{"actorText": "Sylvanian traders", "code": "SYL", "sector": "BUS"}],
    }
    record.update(overrides)
    return record


def test_parse_records_maps_labels_codes_and_spans() -> None:
    data = [
        {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "docs"},
        _record(),
        _record(
            id="PLOVER-GSR01-DEMAND-0010",
            event="DEMAND",
            source=[{"actorText": "freedonian POLICE", "code": "jap", "sector": "***"}],
            target="",
        ),
        _record(
            id="PLOVER-GSR01-AGREE-0002",
            event="AGREE",
            textInfo={"markup": "(SRC/TAR: Freedonian) and (SRC/TAR: Sylvanian)"},
            target=None,
        ),
    ]
    records = parse_records(data)
    assert [r.label for r in records] == ["COERCE", "REQUEST", "AGREE"]
    first = records[0]
    assert first.number == 3
    assert first.sources[0].full_code == "FRDCOP"
    assert first.sources[0].span == (0, 17)
    assert first.targets[0].span == (31, 48)
    assert not first.reciprocal
    second = records[1]
    assert second.sources[0].code == "JPN"  # non-ISO gold code fixed
    assert second.sources[0].sector is None  # "***" means no sector
    assert second.sources[0].span == (0, 17)  # found case-insensitively
    assert second.targets == ()
    assert records[2].reciprocal


def test_split_records_by_id_parity() -> None:
    records = [GsrRecord(f"R-{n}", n, "x", "AGREE", "AGREE") for n in range(1, 6)]
    assert [r.number for r in split_records(records, "dev")] == [2, 4]
    assert [r.number for r in split_records(records, "test")] == [1, 3, 5]
    with pytest.raises(ValueError):
        split_records(records, "train")


def test_score_types_by_hand() -> None:
    gold = ["AGREE", "AGREE", "ASSAULT", "COERCE"]
    predicted = ["AGREE", "ASSAULT", "ASSAULT", NO_EVENT]
    # accuracy 2/4. F1: AGREE P1 R.5 -> 2/3; ASSAULT P.5 R1 -> 2/3; COERCE 0 -> mean 4/9.
    scores = score_types(gold, predicted)
    assert scores["accuracy"] == pytest.approx(0.5)
    assert scores["macro_f1"] == pytest.approx(4 / 9)
    perfect = score_types(gold, gold)
    assert perfect == {"accuracy": 1.0, "macro_f1": 1.0}


@pytest.mark.parametrize(
    ("predicted", "country", "code"),
    [
        (PredActor(code="FRDCOP"), True, True),
        (PredActor(code="FRDCOPMIL"), True, True),  # cut to primary + first sector
        (PredActor(code="FRDGOV"), True, False),
        (PredActor(code=None, country="FRD"), True, False),
        (PredActor(code="SYLCOP", country="SYL"), False, False),
        (None, False, False),
    ],
)
def test_country_and_code_match(predicted: PredActor | None, country: bool, code: bool) -> None:
    gold = GoldActor("Freedonian police", "FRD", "COP", (0, 17))
    assert country_match(gold, predicted) is country
    assert code_match(gold, predicted) is code


def test_code_match_without_gold_sector_needs_bare_code() -> None:
    gold = GoldActor("Freedonia", "FRD", None, (0, 9))
    assert code_match(gold, PredActor(code="FRD"))
    assert not code_match(gold, PredActor(code="FRDGOV"))


def test_text_match_needs_overlapping_mention() -> None:
    gold = GoldActor("Freedonian police", "FRD", "COP", (0, 17))
    assert text_match(gold, PredActor(spans=((40, 45), (11, 17))))
    assert not text_match(gold, PredActor(spans=((17, 25),)))  # touching is not overlapping
    assert not text_match(GoldActor("x", "FRD"), PredActor(spans=((0, 5),)))  # unlocated gold


def test_score_actor_slots_plain_and_reciprocal() -> None:
    frd = GoldActor("Freedonia", "FRD")
    syl = GoldActor("Sylvania", "SYL")
    plain = GsrRecord("R-1", 1, "t", "COERCE", "COERCE", sources=(frd,), targets=(syl,))
    compound = GsrRecord("R-3", 3, "t", "AGREE", "AGREE", sources=(frd, syl))
    dyad = GsrRecord("R-5", 5, "t", "AGREE", "AGREE", sources=(frd, syl), reciprocal=True)
    records = [plain, compound, dyad]
    good = [
        GsrPrediction("COERCE", PredActor(country="FRD"), PredActor(country="SYL")),
        GsrPrediction("AGREE", PredActor(country="SYL"), None),  # any compound member counts
        GsrPrediction("AGREE", PredActor(country="SYL"), PredActor(country="FRD")),  # order-free
    ]
    counts = score_actor_slots(records, good, country_match)
    # Slots: source in all three records, target in plain and (reciprocal) dyad.
    assert (counts["source"].correct, counts["source"].total) == (3, 3)
    assert (counts["target"].correct, counts["target"].total) == (2, 2)
    bad = [
        GsrPrediction("COERCE", PredActor(country="SYL"), PredActor(country="FRD")),  # swapped
        GsrPrediction("AGREE", None, None),
        GsrPrediction("AGREE", PredActor(country="SYL"), PredActor(country="SYL")),
    ]
    counts = score_actor_slots(records, bad, country_match)
    # plain: both wrong; compound: wrong; dyad: best ordering gets one of two right.
    assert counts["source"].correct + counts["target"].correct == 1
    assert counts["source"].accuracy + counts["target"].accuracy < 1


MAPPING = """# header
03: AGREE
030: AGREE,  , diplomatic # Express intent to cooperate
04: CONSULT
040: CONSULT, ,  # Consult
18: ASSAULT
182: ASSAULT, beat,        # Physically assault
0813: RETREAT, ,   legal # Ease curfew  21.09.17: "ease" is no longer a mode
"""


def test_parse_mapping_reads_rows_and_drops_notes() -> None:
    entries = parse_mapping(MAPPING)
    assert [(e.code, e.label) for e in entries] == [
        ("030", "AGREE"),
        ("040", "CONSULT"),
        ("182", "ASSAULT"),
        ("0813", "RETREAT"),
    ]
    assert entries[2].description == "Physically assault"
    assert entries[3].description == "Ease curfew"


# Hand-tagged (word, POS, lemma) for the tiny fake tagger below.
_TAGS = {
    "express": ("VERB", "express"),
    "intent": ("NOUN", "intent"),
    "to": ("PART", "to"),
    "cooperate": ("VERB", "cooperate"),
    "consult": ("VERB", "consult"),
    "physically": ("ADV", "physically"),
    "assault": ("VERB", "assault"),
    "ease": ("VERB", "ease"),
    "curfew": ("NOUN", "curfew"),
}


class _FakeNlp:
    """Stands in for a tagger: build_lexicon only calls ``pipe``."""

    vocab = Vocab()

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        for text in texts:
            words = text.split()
            yield Doc(
                self.vocab,
                words=words,
                pos=[_TAGS[w][0] for w in words],
                lemmas=[_TAGS[w][1] for w in words],
            )


def test_build_lexicon_votes_verb_lemmas() -> None:
    lexicon = build_lexicon(parse_mapping(MAPPING), _FakeNlp())  # type: ignore[arg-type]
    assert lexicon.types == {
        "express": "AGREE",
        "cooperate": "AGREE",
        "consult": "CONSULT",
        "assault": "ASSAULT",  # the leading adverb is skipped
        "ease": "RETREAT",
    }


def _parsed(words: list[str], lemmas: list[str], pos: list[str], heads: list[int]) -> Doc:
    deps = ["ROOT" if h == i else "dep" for i, h in enumerate(heads)]
    return Doc(Vocab(), words=words, lemmas=lemmas, pos=pos, heads=heads, deps=deps)


def test_lexicon_predict_prefers_the_root_verb() -> None:
    lexicon = Lexicon(types={"consult": "CONSULT", "attack": "ASSAULT"})
    # "Rebels who attacked consulted": root is "consulted" (index 3), "attacked" is a VERB too.
    doc = _parsed(
        ["Rebels", "who", "attacked", "consulted"],
        ["rebel", "who", "attack", "consult"],
        ["NOUN", "PRON", "VERB", "VERB"],
        [3, 2, 0, 3],
    )
    assert lexicon_predict(doc, lexicon) == "CONSULT"
    assert lexicon_predict(doc, Lexicon(types={"attack": "ASSAULT"})) == "ASSAULT"
    assert lexicon_predict(doc, Lexicon(types={})) == NO_EVENT


def _document(events: list[Event], actors: list[Actor]) -> Document:
    return Document(document=DocumentInfo(id="d1", text=TEXT), actors=actors, events=events)


def _event(event_id: str, type_: str, **kwargs: Any) -> Event:
    return Event(
        id=event_id, type=type_, evidence=Span(start=0, end=len(TEXT), text=TEXT), **kwargs
    )


ACTORS = [
    Actor(
        id="a1",
        name="Freedonian police",
        kind="organization",
        code="FRDCOP",
        country="FRD",
        mentions=[Span(start=0, end=17, text=TEXT[0:17])],
    ),
    Actor(
        id="a2",
        name="Sylvanian traders",
        kind="group",
        country="SYL",
        mentions=[Span(start=31, end=48, text=TEXT[31:48])],
    ),
]


def test_main_event_picks_most_confident_asserted_event() -> None:
    events = [
        _event("e1", "ACCUSE", confidence=0.6),
        _event("e2", "COERCE", confidence=0.9),
        _event("e3", "ASSAULT", confidence=0.9),  # tie: the first stays
        _event("e4", "THREATEN", confidence=1.0, factuality=Factuality.hypothetical),
    ]
    chosen = main_event(_document(events, []))
    assert chosen is not None and chosen.id == "e2"


def test_main_event_falls_back_to_an_intended_event_never_a_negated_one() -> None:
    future = _event("e1", "THREATEN", confidence=0.5, factuality=Factuality.future)
    hypothetical = _event("e2", "COERCE", confidence=0.8, factuality=Factuality.hypothetical)
    negated = _event("e3", "ASSAULT", confidence=1.0, factuality=Factuality.negated)
    chosen = main_event(_document([future, hypothetical, negated], []))
    assert chosen is not None and chosen.id == "e2"
    assert main_event(_document([negated], [])) is None


def test_prediction_from_document_reads_the_contract() -> None:
    event = _event("e1", "COERCE", source="a1", target="a2")
    prediction = prediction_from_document(AlignedDocument(_document([event], ACTORS), TEXT))
    assert prediction.label == "COERCE"
    assert prediction.source == PredActor("FRDCOP", "FRD", ((0, 17),))
    assert prediction.target == PredActor(None, "SYL", ((31, 48),))
    empty = prediction_from_document(AlignedDocument(_document([], ACTORS), TEXT))
    assert empty == GsrPrediction()


@pytest.mark.data
def test_plover_gsr_on_the_corpus(data_dir: Path) -> None:
    records = read_records(data_dir / "plover_gsr_cameo/gold_standard_records/PLOVER_GSR_CAMEO.txt")
    assert len(records) > 300
    assert {r.label for r in records} <= set(PLOVER_TYPES)
    result = evaluate(EvalContext(data_dir=data_dir, split="test", limit=4))
    assert result.split == "test"
    assert result.details["records"] == 4
    systems = {s.system for s in result.scores}
    assert {NEWSGRAPH, "majority class", "verb-lemma lexicon", "best published"} <= systems
    assert all(s.value is not None and 0 <= s.value <= 1 for s in result.scores)
    assert result.details["lexicon_size"] > 20


@pytest.mark.parametrize(
    ("gold", "code", "matches"),
    [
        # the GSR's IGO names only the class of organisation; CAMEO names the organisation
        (GoldActor("the Freedonian Union", "IGO"), "IGOFRDUNI", True),
        (GoldActor("the Freedonian Union", "IGO"), "FRDGOV", False),
        # with a sector, the organisation's code must end in it ...
        (GoldActor("Union peacekeepers", "IGO", "MIL"), "IGOFRDUNIMIL", True),
        (GoldActor("Union peacekeepers", "IGO", "MIL"), "IGOFRDUNI", False),
        # ... except GOV: the organisation acting as itself is its bare code
        (GoldActor("the Union's council", "IGO", "GOV"), "IGOFRDUNI", True),
        (GoldActor("the Union's council", "IGO", "GOV"), "IGOFRDUNIMIL", False),
        (GoldActor("a relief charity", "NGO"), "NGOFRDREL", True),
    ],
)
def test_code_match_generic_organisation_class(gold: GoldActor, code: str, matches: bool) -> None:
    assert code_match(gold, PredActor(code=code)) is matches


def test_gold_country_misspellings_are_corrected() -> None:
    records = parse_records(
        [
            {
                "id": "PLOVER-GSR01-AGREE-0002",
                "event": "AGREE",
                "text": "Italy and Vietnam agreed to talk.",
                "source": [{"actorText": "Italy", "code": "ITL"}],
                "target": [{"actorText": "Vietnam", "code": "VTN"}],
            }
        ]
    )
    assert [a.code for a in records[0].sources + records[0].targets] == ["ITA", "VNM"]
