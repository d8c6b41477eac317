"""Score the roles newsgraph reads against the hand-checked fixture expectations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.actors.lexicons import default_lexicons
from newsgraph.model import Document

QUALIFIERS = {"former", "interim", "acting", "deputy", "government", "foreign", "ministry"}


def _norm_title(title: str | None) -> str | None:
    """A title in newsgraph's vocabulary: the longest known suffix, through the title lexicon.

    The expectations were written by hand in free form ("Former President", "Government
    Spokesman", "Premier"); the lexicon's synonyms map them onto one vocabulary.
    """
    if title is None:
        return None
    words = title.lower().replace("-", " ").split()
    lex = default_lexicons()
    for start in range(len(words)):
        row = lex.titles.get(" ".join(words[start:]))
        if row is not None:
            return row.title.lower()
    while words and words[0] in QUALIFIERS:
        words = words[1:]
    return " ".join(words)


def _same_person(expected_name: str, actor_name: str) -> bool:
    a, b = expected_name.lower().split(), actor_name.lower().split()
    return a == b or (a[-1] == b[-1] and (a[0] == b[0] or len(a) == 1 or len(b) == 1))


@dataclass
class RoleScore:
    """Role assertions found / expected, and predicted roles judged right / judged."""

    expected: int = 0
    found: int = 0
    judged: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.judged if self.judged else 0.0


def score_roles(document: Document, expected: dict[str, Any], score: RoleScore) -> None:
    """Add one article's role assertions to ``score``.

    An expected person with a title is found when a predicted person with the same name has a
    role with that title and, where the expectation names one, that country (and
    organisation). A predicted role of a person the expectations list is correct when it
    matches that person's expected title, country and organisation where both give them.
    """
    people = [a for a in expected["actors"] if a["kind"] == "person"]
    for person in people:
        if not person.get("title"):
            continue
        score.expected += 1
        actor = next(
            (
                a
                for a in document.actors
                if a.kind == "person" and _same_person(person["name"], a.name)
            ),
            None,
        )
        ok = actor is not None and any(
            _norm_title(r.title) == _norm_title(person["title"])
            and (
                person.get("country") is None
                or r.country == person["country"]
                or actor.country == person["country"]
            )
            and (
                person.get("organization") is None
                or r.organization == person["organization"]
                or r.country
            )
            for r in actor.roles
        )
        if ok:
            score.found += 1
        else:
            got = (
                [(r.title, r.country, r.organization) for r in actor.roles] if actor else "no actor"
            )
            score.misses.append(
                f"{expected['id']}: {person['name']} {person['title']} "
                f"{person.get('country')} got {got}"
            )
    for actor in document.actors:
        if actor.kind != "person":
            continue
        person = next((p for p in people if _same_person(p["name"], actor.name)), None)
        if person is None:
            continue
        for role in actor.roles:
            if role.title is None:
                continue
            score.judged += 1
            ok = _norm_title(role.title) == _norm_title(person.get("title")) and (
                role.country is None
                or person.get("country") is None
                or role.country == person["country"]
            )
            if ok:
                score.correct += 1
            else:
                score.wrong.append(
                    f"{expected['id']}: {actor.name} {(role.title, role.country)} "
                    f"expected {person.get('title')} {person.get('country')}"
                )
