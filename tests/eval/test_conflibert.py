"""Tests of the ConfliBERT CAMEO scorers (PentaClass and actor spans) on invented sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.eval.base import NEWSGRAPH, AlignedDocument, EvalContext
from newsgraph.eval.conflibert import (
    BASELINE,
    ActorSentence,
    bio_spans,
    char_to_token_span,
    detokenize,
    evaluate_actors,
    evaluate_pentaclass,
    parse_class_tsv,
    parse_conll,
    predicted_actor_spans,
    predicted_pentaclass,
    score_classes,
    span_prf,
    syntactic_spans,
)
from newsgraph.model.document import Actor, Document, DocumentInfo, Event, Factuality, Span


def test_parse_class_tsv_handles_crlf_and_bad_lines() -> None:
    text = "Freedonia shelled a border post.\t4\r\nno label here\r\n\r\nTalks began.\t1\r\n"
    items = parse_class_tsv(text)
    assert [(i.text, i.label) for i in items] == [
        ("Freedonia shelled a border post.", 4),
        ("Talks began.", 1),
    ]


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-S", "I-S", "O", "B-T"], [("S", 0, 2), ("T", 3, 4)]),
        (["B-S", "B-S", "I-S"], [("S", 0, 1), ("S", 1, 3)]),
        (["O", "I-T", "I-T", "B-R"], [("T", 1, 3), ("R", 3, 4)]),  # orphan I- starts a span
        (["B-S", "I-T"], [("S", 0, 1), ("T", 1, 2)]),
        (["O", "O"], []),
    ],
)
def test_bio_spans(tags: list[str], spans: list[tuple[str, int, int]]) -> None:
    assert bio_spans(tags) == spans


def test_parse_conll_and_roles() -> None:
    text = "Freedonian B-R\nand O\nSylvanian B-R\nenvoys I-R\nmet O\n. O\n\nRebels B-S\nfled O\n"
    sentences = parse_conll(text)
    assert len(sentences) == 2
    first = sentences[0]
    assert first.tokens[:3] == ("Freedonian", "and", "Sylvanian")
    # Reciprocal spans are gold for both roles.
    assert first.role_spans("source") == {(0, 1), (2, 4)}
    assert first.role_spans("target") == {(0, 1), (2, 4)}
    assert sentences[1].role_spans("source") == {(0, 1)}
    assert sentences[1].role_spans("target") == set()
    assert sentences[1].role_spans("any") == {(0, 1)}


def test_detokenize_and_offsets() -> None:
    tokens = [
        "The",
        "US",
        "-",
        "led",
        "force",
        "(",
        "UNF",
        ")",
        "hit",
        "Kenya",
        "’",
        "s",
        "port",
        ".",
    ]
    detok = detokenize(tokens)
    assert detok.text == "The US-led force (UNF) hit Kenya’s port."
    for token, (start, end) in zip(tokens, detok.offsets, strict=True):
        assert detok.text[start:end] == token
    assert char_to_token_span(detok.offsets, 4, 10) == (1, 4)  # "US-led"
    assert char_to_token_span(detok.offsets, 5, 6) == (1, 2)  # inside "US"
    assert char_to_token_span(detok.offsets, 3, 4) is None  # the space only


def test_span_prf_exact_and_partial_by_hand() -> None:
    gold = [{(0, 2), (5, 7)}, {(1, 3)}]
    predicted = [{(0, 2), (4, 6)}, {(8, 9)}]
    # exact: tp 1 ((0,2)), fp 3-1 = 2, fn 3-1 = 2 -> P = R = F1 = 1/3
    exact = span_prf(gold, predicted, partial=False)
    assert (exact.tp, exact.fp, exact.fn) == (1, 2, 2)
    assert exact.f1 == pytest.approx(1 / 3)
    # partial: (4,6) shares token 5 with (5,7) -> tp 2, fp 1, fn 1 -> F1 = 2/3
    partial = span_prf(gold, predicted, partial=True)
    assert (partial.tp, partial.fp, partial.fn) == (2, 1, 1)
    assert partial.f1 == pytest.approx(2 / 3)
    assert span_prf(gold, gold, partial=False).f1 == 1.0


def test_span_prf_partial_is_one_to_one() -> None:
    # One predicted span overlapping two gold spans matches only one of them.
    partial = span_prf([{(0, 2), (2, 4)}], [{(1, 3)}], partial=True)
    assert (partial.tp, partial.fp, partial.fn) == (1, 0, 1)


def test_score_classes_by_hand() -> None:
    gold = [0, 1, 3, 3]
    predicted = [0, 3, 3, 4]
    # accuracy 2/4. F1 per class: 0 -> 1 (tp 1); 1 -> 0 (fn 1); 2 -> 0 (absent);
    # 3 -> tp 1, fp 1, fn 1: P = R = .5, F1 .5; 4 -> 0 (fp 1). Macro over 5 = 1.5 / 5 = .3
    scores = score_classes(gold, predicted)
    assert scores["accuracy"] == pytest.approx(0.5)
    assert scores["macro_f1"] == pytest.approx(0.3)
    assert score_classes(gold, gold)["accuracy"] == 1.0


TOKENS = ["Freedonian", "police", "arrested", "Sylvanian", "traders", "."]
DETOK = detokenize(TOKENS)
TEXT = DETOK.text  # "Freedonian police arrested Sylvanian traders."


def _span(start: int, end: int) -> Span:
    return Span(start=start, end=end, text=TEXT[start:end])


def _document(events: list[Event], actors: list[Actor] | None = None) -> Document:
    return Document(document=DocumentInfo(id="d", text=TEXT), actors=actors or [], events=events)


def _event(event_id: str, type_: str, **kwargs: Any) -> Event:
    return Event(id=event_id, type=type_, evidence=_span(0, len(TEXT)), **kwargs)


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([], 0),
        ([_event("e1", "COERCE")], 4),
        ([_event("e1", "CONSULT", quad_class=0)], 0),  # the event's own class wins
        ([_event("e1", "AGREE", confidence=0.4), _event("e2", "REJECT", confidence=0.8)], 3),
        ([_event("e1", "AGREE", factuality=Factuality.negated)], 0),
        ([_event("e1", "SOMETHING")], 0),
    ],
)
def test_predicted_pentaclass(events: list[Event], expected: int) -> None:
    assert predicted_pentaclass(AlignedDocument(_document(events), TEXT)) == expected


def test_predicted_actor_spans_maps_mentions_to_tokens() -> None:
    actors = [
        Actor(id="a1", name="Freedonian police", kind="organization", mentions=[_span(0, 17)]),
        Actor(id="a2", name="Sylvanian traders", kind="group", mentions=[_span(27, 44)]),
    ]
    event = _event("e1", "COERCE", source="a1", target="a2")
    spans = predicted_actor_spans(AlignedDocument(_document([event], actors), TEXT), DETOK)
    assert spans == {"source": {(0, 2)}, "target": {(3, 5)}, "any": {(0, 2), (3, 5)}}
    none = predicted_actor_spans(AlignedDocument(_document([], actors), TEXT), DETOK)
    assert none == {"source": set(), "target": set(), "any": set()}


def test_syntactic_baseline_on_a_hand_parsed_sentence() -> None:
    doc = Doc(
        spacy.blank("en").vocab,  # noun_chunks needs the English syntax iterator
        words=TOKENS,
        pos=["ADJ", "NOUN", "VERB", "ADJ", "NOUN", "PUNCT"],
        heads=[1, 2, 2, 4, 2, 2],
        deps=["amod", "nsubj", "ROOT", "amod", "dobj", "punct"],
    )
    spans = syntactic_spans(doc)
    assert spans["source"] == {(0, 2)}
    assert spans["target"] == {(3, 5)}
    gold = ActorSentence(tuple(TOKENS), (("S", 0, 2), ("T", 3, 5)))
    assert span_prf([gold.role_spans("source")], [spans["source"]], partial=False).f1 == 1.0
    # A wrong role assignment scores zero.
    assert span_prf([gold.role_spans("source")], [spans["target"]], partial=False).f1 == 0.0


@pytest.mark.data
def test_cameo_pentaclass_on_the_corpus(data_dir: Path) -> None:
    result = evaluate_pentaclass(EvalContext(data_dir=data_dir, split="test", limit=5))
    assert result.details["sentences"] == 5
    assert {s.system for s in result.scores} == {NEWSGRAPH, "majority class"}
    assert all(s.value is not None and 0 <= s.value <= 1 for s in result.scores)
    assert set(result.details["gold_labels"]) <= {0, 1, 2, 3, 4}


@pytest.mark.data
def test_cameo_actors_on_the_corpus(data_dir: Path) -> None:
    result = evaluate_actors(EvalContext(data_dir=data_dir, split="test", limit=5))
    assert result.details["sentences"] == 5
    assert sum(result.details["gold_spans_by_tag"].values()) > 0
    assert {s.system for s in result.scores} == {NEWSGRAPH, BASELINE}
    assert all(s.value is not None and 0 <= s.value <= 1 for s in result.scores)
