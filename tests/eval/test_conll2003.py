"""Tests of the CoNLL-2003 NER scorer on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.base import NEWSGRAPH, EvalContext
from newsgraph.eval.conll2003 import (
    ONTONOTES_TO_CONLL,
    Entity,
    NerCounts,
    Sentence,
    build_document,
    entities_from_labels,
    entity_prf,
    in_ranges,
    iob_spans,
    is_all_caps,
    newsgraph_entities,
    read_sentences,
    score_conll2003,
    split_documents,
)
from newsgraph.model.document import Actor, Document, DocumentInfo, Place, Span


def _sentence(pairs: str) -> Sentence:
    """'Word/TAG Word/TAG' -> Sentence."""
    tokens, tags = zip(*(p.rsplit("/", 1) for p in pairs.split()), strict=True)
    return Sentence(tuple(tokens), tuple(tags))


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),  # IOB2
        (["I-PER", "I-PER", "B-PER"], [(0, 2, "PER"), (2, 3, "PER")]),  # IOB1
        (["O", "I-MISC", "O"], [(1, 2, "MISC")]),  # I- after O opens an entity
        (["I-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")]),  # a type change opens one
        (["B-ORG", "B-ORG"], [(0, 1, "ORG"), (1, 2, "ORG")]),
        (["O", "O"], []),
    ],
)
def test_iob_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert iob_spans(tags) == spans


def test_read_sentences_keeps_docstart_markers(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "-DOCSTART- O\n\nZorvia B-LOC\nwins O\n\nKal B-PER\nDren I-PER\n", encoding="utf-8"
    )
    items = read_sentences(path)
    assert items[0] is None
    assert items[1] == Sentence(("Zorvia", "wins"), ("B-LOC", "O"))
    assert items[2] == Sentence(("Kal", "Dren"), ("B-PER", "I-PER"))


def test_split_documents_uses_docstart_then_datelines() -> None:
    a, b = _sentence("ZORVIA/B-LOC WINS/O"), _sentence("Kal/B-PER spoke/O ./O")
    assert split_documents([None, a, b, None, b]) == [[a, b], [b]]
    # Without markers, an article starts at the headline before each "CITY date" line.
    dateline = _sentence("QUELLA/B-LOC 1996-08-30/O")
    docs = split_documents([a, dateline, b, b, a, dateline, b])
    assert docs == [[a, dateline, b, b], [a, dateline, b]]


@pytest.mark.parametrize(
    ("tokens", "caps"),
    [
        (["ZORVIA", "BEAT", "QUELLA", "2-1"], True),
        (["Zorvia", "beat", "Quella"], False),
        (["-", "1"], False),  # no letters
        (["A"], False),  # a single letter is not a headline
    ],
)
def test_is_all_caps(tokens: list[str], caps: bool) -> None:
    assert is_all_caps(tokens) is caps


def test_build_document_offsets_and_headlines() -> None:
    document = build_document(
        [
            _sentence("ZORVIA/B-LOC BEAT/O QUELLA/B-LOC"),
            _sentence("QUELLA/B-LOC 1996-08-30/O"),
            _sentence("Kal/B-PER Dren/I-PER of/O Mintco/B-ORG spoke/O"),
        ]
    )
    assert document.text == "ZORVIA BEAT QUELLA\nQUELLA 1996-08-30\nKal Dren of Mintco spoke"
    spans = [(document.text[e.start : e.end], e.label) for e in document.entities]
    assert spans == [
        ("ZORVIA", "LOC"),
        ("QUELLA", "LOC"),
        ("QUELLA", "LOC"),
        ("Kal Dren", "PER"),
        ("Mintco", "ORG"),
    ]
    assert document.headlines == [True, False, False]
    assert document.capitals == [True, False, False]  # a dateline is not counted
    # Only an article's first sentence is its headline; a capitalised table row is not.
    table = build_document([_sentence("Kal/B-PER won/O"), _sentence("QUELLA/B-LOC 3/O 1/O")])
    assert table.headlines == [False, False]
    assert table.capitals == [False, True]
    assert document.sentences[1] == (19, 36)


def test_entity_prf_needs_span_and_type() -> None:
    gold = [Entity(0, 8, "PER"), Entity(12, 18, "ORG")]
    assert entity_prf(gold, gold).f1 == 1.0
    # One right, one with the wrong type: tp 1, fp 1, fn 1 -> P = R = F1 = 0.5.
    wrong_type = [Entity(0, 8, "PER"), Entity(12, 18, "LOC")]
    assert entity_prf(gold, wrong_type).f1 == pytest.approx(0.5)
    # A span one character short is wrong too: tp 1, fp 1, fn 1 -> 0.5.
    short = [Entity(0, 7, "PER"), Entity(12, 18, "ORG")]
    assert entity_prf(gold, short).f1 == pytest.approx(0.5)
    # Restricted to PER: gold 1, predicted 1, right 1 -> 1.0.
    assert entity_prf(gold, wrong_type, ["PER"]).f1 == 1.0


def test_in_ranges() -> None:
    entities = [Entity(0, 4, "LOC"), Entity(10, 14, "PER")]
    assert in_ranges(entities, [(0, 8)]) == [Entity(0, 4, "LOC")]


def test_ner_counts_headline_and_per_type() -> None:
    document = build_document(
        [_sentence("ZORVIA/B-LOC BEAT/O QUELLA/B-LOC"), _sentence("Kal/B-PER won/O")]
    )
    # Gold: ZORVIA (0,6) LOC, QUELLA (12,18) LOC, Kal (19,22) PER.
    predicted = [Entity(0, 6, "LOC"), Entity(12, 18, "PER"), Entity(19, 22, "PER")]
    counts = NerCounts()
    counts.add(document, predicted)
    # Overall: tp 2 (ZORVIA, Kal), fp 1 (QUELLA as PER), fn 1 (QUELLA LOC) -> F1 2/3.
    assert counts.overall.f1 == pytest.approx(2 / 3)
    # LOC: tp 1, fp 0, fn 1 -> P 1, R 0.5, F1 2/3. PER: tp 1, fp 1, fn 0 -> F1 2/3.
    assert counts.by_label["LOC"].f1 == pytest.approx(2 / 3)
    assert counts.by_label["PER"].f1 == pytest.approx(2 / 3)
    # Headline sentence only: gold 2 LOC, predicted LOC + PER, tp 1 -> P .5 R .5 F1 .5.
    assert counts.headlines.f1 == pytest.approx(0.5)
    assert counts.capitals.f1 == pytest.approx(0.5)  # the same one all-caps sentence
    rows = {s.metric: s.value for s in counts.scores("x")}
    assert rows["F1 PER/LOC/ORG"] == pytest.approx(2 / 3)


def test_entities_from_labels_maps_ontonotes() -> None:
    spans = [(0, 3, "PERSON"), (4, 8, "GPE"), (9, 12, "FAC"), (13, 15, "NORP"), (16, 20, "DATE")]
    assert entities_from_labels(spans, ONTONOTES_TO_CONLL) == [
        Entity(0, 3, "PER"),
        Entity(4, 8, "LOC"),
        Entity(9, 12, "LOC"),
        Entity(13, 15, "MISC"),
    ]


def test_newsgraph_entities_maps_kinds_and_offsets() -> None:
    text = "Kal Dren met Mintco in Quella."
    document = Document(
        document=DocumentInfo(id="x", text=text),
        actors=[
            Actor(
                id="a1",
                name="Kal Dren",
                kind="person",
                mentions=[Span(start=0, end=8, text="Kal Dren")],
            ),
            Actor(
                id="a2",
                name="Mintco",
                kind="organization",
                mentions=[Span(start=13, end=19, text="Mintco")],
            ),
        ],
        places=[Place(id="p1", name="Quella", mentions=[Span(start=23, end=29, text="Quella")])],
    )
    # The corpus text has one extra leading character: offsets shift by one.
    entities = newsgraph_entities(document, lambda s, e: (s + 1, e + 1))
    key = lambda e: e.start  # noqa: E731
    expected = [Entity(1, 9, "PER"), Entity(14, 20, "ORG"), Entity(24, 30, "LOC")]
    assert sorted(entities, key=key) == expected


def test_newsgraph_entities_label_by_surface_form() -> None:
    # "Russian troops left Moscow. Moscow said no." -> the country actor's mention "Russian"
    # is a nationality (MISC); "Moscow" is both a government actor's mention and a place
    # (LOC, once): CoNLL labels the words, not the referent.
    text = "Russian troops left Moscow. Moscow said no."
    document = Document(
        document=DocumentInfo(id="x", text=text),
        actors=[
            Actor(
                id="a1",
                name="Russia",
                kind="country",
                mentions=[Span(start=0, end=7, text="Russian")],
            ),
            Actor(
                id="a2",
                name="Russia government",
                kind="organization",
                mentions=[Span(start=28, end=34, text="Moscow")],
            ),
        ],
        places=[Place(id="p1", name="Moscow", mentions=[Span(start=28, end=34, text="Moscow")])],
    )
    entities = newsgraph_entities(document, lambda s, e: (s, e))
    assert sorted(entities, key=lambda e: e.start) == [Entity(0, 7, "MISC"), Entity(28, 34, "LOC")]


@pytest.mark.data
def test_conll2003_on_the_corpus(data_dir: Path) -> None:
    result = score_conll2003(EvalContext(data_dir=data_dir, split="test", limit=3))
    assert result.split == "test"
    assert result.details["documents"] == 3
    assert result.details["gold_entities"] > 0
    systems = {s.system for s in result.scores}
    assert systems == {NEWSGRAPH, "en_core_web_sm NER"}
    assert all(s.value is not None and 0 <= s.value <= 1 for s in result.scores)
