"""Tests of the IndiaPoliceEvents scorer on invented sentences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.eval.base import NEWSGRAPH, EvalContext
from newsgraph.eval.india_police import (
    Sentence,
    binary_prf,
    document_labels,
    evaluate,
    keyword_labels,
    majority_labels,
    newsgraph_labels,
    parse_sentences,
    score_labels,
    split_sentences,
)
from newsgraph.model.document import Document, DocumentInfo, Event, Factuality, Quantity, Span

K, A = "KILL", "ARREST"


def test_parse_and_split_sentences() -> None:
    rows = [
        {"doc_id": 7, "sent_id": 0, "sent_text": "police held two men.", "sent_labels": ["ARREST"]},
        {"doc_id": 8, "sent_id": 0, "sent_text": "calm returned.", "sent_labels": []},
        {"doc_id": 7, "sent_id": 1, "sent_text": "", "sent_labels": []},
    ]
    sentences = parse_sentences([json.dumps(r) for r in rows] + [""])
    assert sentences[0] == Sentence(7, 0, "police held two men.", frozenset({A}))
    assert [s.doc_id for s in split_sentences(sentences, "test")] == [7, 7]
    assert [s.doc_id for s in split_sentences(sentences, "dev")] == [8]
    with pytest.raises(ValueError):
        split_sentences(sentences, "train")


def test_binary_prf_by_hand() -> None:
    gold = [True, True, False, False, True]
    predicted = [True, False, True, False, True]
    # tp 2, fp 1, fn 1 -> P = R = F1 = 2/3
    prf = binary_prf(gold, predicted)
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 1)
    assert prf.f1 == pytest.approx(2 / 3)
    assert binary_prf(gold, [False] * 5).f1 == 0.0


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("two men were killed in firing.", {K}),
        ("a constable was shot dead.", {K}),
        ("he DIED in hospital; five were detained.", {K, A}),
        ("the meeting was held on monday.", {A}),  # the baseline's known false alarm
        ("the report was withheld.", set()),  # whole words only
        ("the killers fled.", set()),
    ],
)
def test_keyword_labels(text: str, labels: set[str]) -> None:
    assert keyword_labels(text) == labels


def test_score_labels_and_documents() -> None:
    sentences = [
        Sentence(1, 0, "", frozenset({K})),
        Sentence(1, 1, "", frozenset({A})),
        Sentence(3, 0, "", frozenset()),
    ]
    predicted = [frozenset({K}), frozenset(), frozenset({A})]
    scores = score_labels([s.labels for s in sentences], predicted)
    # KILL: tp 1 -> F1 1. ARREST: fp 1 (sentence 3), fn 1 (sentence 1/1) -> F1 0.
    assert scores[K].f1 == 1.0
    assert (scores[A].tp, scores[A].fp, scores[A].fn) == (0, 1, 1)
    gold_docs, pred_docs = document_labels(sentences, predicted)
    assert gold_docs == {1: frozenset({K, A}), 3: frozenset()}
    assert pred_docs == {1: frozenset({K}), 3: frozenset({A})}
    # Document ARREST: doc 1 gold yes/pred no (fn), doc 3 gold no/pred yes (fp).
    doc_scores = score_labels([gold_docs[1], gold_docs[3]], [pred_docs[1], pred_docs[3]])
    assert (doc_scores[A].tp, doc_scores[A].fp, doc_scores[A].fn) == (0, 1, 1)


def test_majority_labels() -> None:
    assert majority_labels([frozenset(), frozenset({K}), frozenset()]) == frozenset()
    assert majority_labels([frozenset({A}), frozenset({A, K}), frozenset()]) == {A}


TEXT = "police arrested 12 people and 2 were killed."


def _event(type_: str, **kwargs: Any) -> Event:
    return Event(id="e", type=type_, evidence=Span(start=0, end=len(TEXT), text=TEXT), **kwargs)


@pytest.mark.parametrize(
    ("events", "labels"),
    [
        ([], set()),
        ([_event("COERCE", mode="arrest")], {A}),
        ([_event("ASSAULT", quantities=[Quantity(text="2", value=2, status="killed")])], {K}),
        ([_event("COERCE", quantities=[Quantity(text="12", status="detained")])], {A}),
        ([_event("ASSAULT", mode="massacre"), _event("COERCE", mode="arrest")], {K, A}),
        ([_event("COERCE", mode="arrest", factuality=Factuality.future)], set()),
        ([_event("PROTEST", mode="arrest")], set()),
    ],
)
def test_newsgraph_labels(events: list[Event], labels: set[str]) -> None:
    document = Document(document=DocumentInfo(id="d", text=TEXT), events=events)
    assert newsgraph_labels(document) == labels


@pytest.mark.data
def test_india_police_on_the_corpus(data_dir: Path) -> None:
    result = evaluate(EvalContext(data_dir=data_dir, split="test", limit=5))
    assert result.details["sentences"] == 5
    assert result.details["documents"] >= 1
    assert {s.system for s in result.scores} == {NEWSGRAPH, "keyword baseline", "majority class"}
    assert all(s.value is not None and 0 <= s.value <= 1 for s in result.scores)
    tasks = {s.task for s in result.scores}
    assert {"sentence KILL", "sentence ARREST", "document KILL", "document ARREST"} == tasks
