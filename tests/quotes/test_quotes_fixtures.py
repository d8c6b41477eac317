"""Every quoted and reported statement of the fixture wire stories, with its speaker.

``tests/fixtures/expected.jsonl`` lists, per article, the statements a reader finds: kind,
the first words of the content and the speaker's canonical name (None for an unnamed
source). A statement is found when a quote's text starts with those words; its speaker is
right when the linked actor has the expected name (or both are unnamed). Canonical names come
from ``ng_actors``, so the strict figure also depends on how that component names actors; the
lenient one accepts the speaker phrase as written when it names the expected speaker.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from newsgraph import extract
from newsgraph.model import Document, Quote


def _match(document: Document, starts_with: str) -> Quote | None:
    exact = [q for q in document.quotes if q.text.startswith(starts_with)]
    return exact[0] if exact else None


def _score(
    nlp: Language, articles: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]
) -> tuple[int, int, int, int]:
    total = found = right = named = 0
    for article_id, record in expected.items():
        article = articles[article_id]
        document = extract(article["text"], article["published"], title=article["title"], nlp=nlp)
        for item in record["quotes"]:
            total += 1
            quote = _match(document, item["starts_with"])
            if quote is None:
                continue
            found += 1
            actor = document.actor(quote.speaker)
            want = item["speaker"]
            ok = (actor is not None and actor.name == want) or (want is None and actor is None)
            right += ok
            words = (want or "").lower().split()
            named += ok or bool(
                words and quote.speaker_text and words[-1] in quote.speaker_text.lower()
            )
    return total, found, right, named


@pytest.mark.model
def test_fixtures_statements_are_found_with_their_speakers(
    nlp: Language, articles: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]
) -> None:
    total, found, right, named = _score(nlp, articles, expected)
    assert total >= 90
    assert found / total >= 0.95, f"content recall {found}/{total}"
    assert named / total >= 0.9, f"speaker (actor or phrase) {named}/{total}"
    assert right / total >= 0.65, f"speaker actor {right}/{total}"


@pytest.mark.model
def test_fixtures_kinds_match(
    nlp: Language, articles: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]
) -> None:
    record = expected["hegseth-nato-brussels"]
    article = articles["hegseth-nato-brussels"]
    document = extract(article["text"], article["published"], nlp=nlp)
    for item in record["quotes"]:
        quote = _match(document, item["starts_with"])
        assert quote is not None, item
        assert quote.kind == item["kind"], item
        actor = document.actor(quote.speaker)
        assert actor is not None and actor.name == item["speaker"], (item, quote)
