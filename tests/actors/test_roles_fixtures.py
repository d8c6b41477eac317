"""Role precision and recall on the fixture articles against hand-checked expectations."""

from __future__ import annotations

from typing import Any

import pytest
from role_scoring import RoleScore, score_roles
from spacy.language import Language

from newsgraph import extract


@pytest.mark.model
def test_roles_fixture_precision_and_recall(
    nlp: Language, articles: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]
) -> None:
    score = RoleScore()
    for record in articles.values():
        document = extract(record["text"], record["published"], title=record["title"], nlp=nlp)
        score_roles(document, expected[record["id"]], score)
    assert score.expected >= 40
    # measured 0.91 recall / 0.97 precision on 67 assertions when written
    assert score.recall >= 0.85, score.misses
    assert score.precision >= 0.90, score.wrong


def test_roles_scorer_penalises_wrong_roles() -> None:
    from newsgraph.model import Actor, Document, DocumentInfo, Role

    expected = {
        "id": "x",
        "actors": [
            {"name": "Emmanuel Macron", "kind": "person", "title": "President", "country": "FRA"}
        ],
    }

    def doc(role: Role) -> Document:
        actor = Actor(id="a1", name="Emmanuel Macron", kind="person", roles=[role])
        return Document(document=DocumentInfo(id="x", text="t"), actors=[actor])

    right, wrong = RoleScore(), RoleScore()
    score_roles(doc(Role(title="President", country="FRA")), expected, right)
    score_roles(doc(Role(title="President", country="DEU")), expected, wrong)
    assert (right.recall, right.precision) == (1.0, 1.0)
    assert (wrong.recall, wrong.precision) == (0.0, 0.0)
