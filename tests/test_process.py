"""extract() and extract_many(): the contract on every fixture article."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import extract, extract_many
from newsgraph.errors import InputError
from newsgraph.ingest.readers import Failure, RawArticle, make_article
from newsgraph.model import Document, Span
from newsgraph.settings import Settings


def _all_spans(document: Document) -> list[Span]:
    spans = [b.span for b in document.blocks]
    for actor in document.actors:
        spans += actor.mentions
    for place in document.places:
        spans += place.mentions
    for event in document.events:
        spans.append(event.evidence)
    for quote in document.quotes:
        spans += [s for s in (quote.speaker_span, quote.cue_span) if s]
    for check in document.checks:
        spans += check.evidence
    return spans


@pytest.mark.model
def test_process_every_span_points_at_its_text(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    for record in articles.values():
        document = extract(
            record["text"], record["published"], title=record["title"], url=record["url"], nlp=nlp
        )
        assert document.document.published == date.fromisoformat(record["published"])
        assert document.document.title == record["title"]
        assert document.text.startswith(record["title"])
        spans = _all_spans(document)
        assert spans, record["id"]
        for span in spans:
            assert document.text[span.start : span.end] == span.text


@pytest.mark.model
def test_process_actor_ids_are_unique_and_mentions_merge(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    record = articles["hegseth-nato-brussels"]
    document = extract(record["text"], record["published"], nlp=nlp)
    ids = [a.id for a in document.actors]
    assert len(ids) == len(set(ids))
    rutte = [a for a in document.actors if a.name.endswith("Rutte")]
    assert len(rutte) == 1 and len(rutte[0].mentions) >= 2


@pytest.mark.model
def test_process_parallel_equals_serial(nlp: Language, articles: dict[str, dict[str, Any]]) -> None:
    settings = Settings()
    raws = [
        make_article(r["text"], source=r["id"], settings=settings, title=r["title"])
        for r in articles.values()
    ]
    serial = list(extract_many(raws, nlp=nlp, n_process=1))
    parallel = list(extract_many(raws, nlp=nlp, n_process=2, batch_size=4))
    assert [d.model_dump() for d in serial] == [d.model_dump() for d in parallel]  # type: ignore[union-attr]


@pytest.mark.model
def test_process_failures_pass_through_in_order(nlp: Language) -> None:
    good = RawArticle(text="Talks resumed in Geneva on Monday.", source="a")
    items: list[RawArticle | Failure] = [Failure("x", "empty"), good, Failure("y", "binary"), good]
    out = list(extract_many(items, nlp=nlp))
    assert [type(o).__name__ for o in out] == ["Failure", "Document", "Failure", "Document"]


@Language.component("test_fails_on_boom")
def _fails_on_boom(doc: Doc) -> Doc:
    """A component with a bug that only one article triggers."""
    if "BOOM" in doc.text:
        raise ValueError("cannot parse this article")
    return doc


@pytest.mark.parametrize("n_process", [1, 2])
def test_process_a_component_failure_drops_one_document_only(n_process: int) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_fails_on_boom")
    items: list[RawArticle | Failure] = [
        RawArticle(text="Talks resumed in Geneva on Monday.", source="first"),
        RawArticle(text="A BOOM shook the port overnight.", source="bad"),
        Failure("unreadable", "binary"),
        RawArticle(text="Ministers met again on Tuesday.", source="last"),
    ]
    out = list(extract_many(items, nlp=nlp, n_process=n_process, batch_size=1))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Failure", "Document"]
    failure = out[1]
    assert isinstance(failure, Failure) and failure.source == "bad"
    assert failure.reason.startswith("analysis failed")
    if n_process == 1:
        assert "test_fails_on_boom: ValueError: cannot parse this article" in failure.reason
    assert [o.document.source for o in out if isinstance(o, Document)] == ["first", "last"]
    # the handler is removed afterwards: a direct call still raises
    with pytest.raises(ValueError, match="cannot parse"):
        nlp("BOOM")


@pytest.mark.model
def test_process_published_override_and_stable_id(nlp: Language) -> None:
    a = extract("Talks resumed.\n\nEnvoys met in Doha.", "2025-03-01", nlp=nlp)
    b = extract("Talks resumed.\r\n\r\nEnvoys   met in Doha.", date(2025, 3, 2), nlp=nlp)
    assert a.id == b.id
    assert a.document.published == date(2025, 3, 1)
    assert b.document.published == date(2025, 3, 2)


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_process_empty_text_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        extract(text)
