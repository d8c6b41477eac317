"""Stories: articles over several days that follow one developing situation.

A canonical event is one occurrence; a story is the situation around it (the strike, the
rescue, the funerals, the retaliation). Each new article joins a story, in ingest order:

1. the story of the articles it shares a canonical event with (the most such articles wins);
2. else the most similar story active in the last ``WINDOW_DAYS``: the cosine of the
   article's title-and-lead words with the story's most frequent words, plus a bonus per
   named actor the two share, must reach ``THRESHOLD``;
3. else a story of its own, titled by the article.

Like merging, the rule is incremental and order-deterministic, so an interrupted and
restarted ingest builds the same stories, and it never needs to reread old articles: a
story keeps its word counts (``MAX_WORDS`` most frequent) and actor names.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsgraph.corpus.merge import content_words
from newsgraph.model.document import Document

WINDOW_DAYS = 7
"""A story not reported on for this many days is closed: a new article starts another."""

THRESHOLD = 0.35
"""Least score for an article to join a story by similarity alone."""

ACTOR_BONUS = 0.1
MAX_ACTOR_BONUS = 0.2
MAX_WORDS = 150
"""Word counts a story keeps: enough to recognise it, small enough to store as JSON."""

LEAD_CHARACTERS = 600
"""How much of the body after the title stands for the article (its lead)."""


def story_id(document_id: str) -> int:
    """A story's id: a 60-bit hash of the article that started it (stable across runs)."""
    digest = hashlib.sha256(f"story/{document_id}".encode()).hexdigest()
    return int(digest[:15], 16)


@dataclass(frozen=True)
class ArticleSig:
    """What story assignment knows of one article."""

    document_id: str
    title: str | None
    day: date | None
    words: frozenset[str]
    actors: frozenset[str]


def article_signature(doc: Document) -> ArticleSig:
    """The title, lead words and named actors of an article."""
    info = doc.document
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    lead = paragraphs[0].span.text if paragraphs else info.text[:LEAD_CHARACTERS]
    text = f"{info.title or ''} {lead[:LEAD_CHARACTERS]}"
    actors = frozenset(
        " ".join(a.name.casefold().split())
        for a in doc.actors
        if a.kind.value in ("person", "organization", "group")
    )
    return ArticleSig(
        document_id=info.id,
        title=info.title,
        day=info.published,
        words=content_words(text),
        actors=actors,
    )


@dataclass
class Story:
    """A story being built: its articles' word counts, actors and days."""

    id: int
    title: str | None
    first_day: date | None
    last_day: date | None
    num_documents: int = 0
    words: Counter[str] = field(default_factory=Counter)
    actors: set[str] = field(default_factory=set)

    def add(self, article: ArticleSig) -> None:
        """Take an article in: its words, actors and day."""
        self.num_documents += 1
        self.words.update(article.words)
        self.actors.update(article.actors)
        if article.day is not None:
            self.first_day = min(filter(None, (self.first_day, article.day)))
            self.last_day = max(filter(None, (self.last_day, article.day)))

    def score(self, article: ArticleSig) -> float:
        """How well an article fits: word cosine plus shared actors."""
        top = {w for w, _ in self.words.most_common(MAX_WORDS)}
        result = 0.0
        if top and article.words:
            result = len(top & article.words) / math.sqrt(len(top) * len(article.words))
        shared = len(self.actors & article.actors)
        return result + min(MAX_ACTOR_BONUS, ACTOR_BONUS * shared)

    def active_on(self, day: date | None) -> bool:
        """Whether an article of ``day`` may still join (within ``WINDOW_DAYS``)."""
        if day is None or self.last_day is None:
            return True
        return abs((day - self.last_day).days) <= WINDOW_DAYS

    def to_json(self) -> dict[str, Any]:
        """What the store keeps of the story beside its columns."""
        return {
            "words": dict(self.words.most_common(MAX_WORDS)),
            "actors": sorted(self.actors)[:MAX_WORDS],
        }

    @classmethod
    def from_row(
        cls,
        id_: int,
        title: str | None,
        first_day: date | None,
        last_day: date | None,
        num_documents: int,
        data: dict[str, Any],
    ) -> Story:
        """Rebuild a stored story."""
        return cls(
            id=id_,
            title=title,
            first_day=first_day,
            last_day=last_day,
            num_documents=num_documents,
            words=Counter(data.get("words", {})),
            actors=set(data.get("actors", [])),
        )


def choose_story(
    article: ArticleSig, linked: Counter[int], candidates: Iterable[Story]
) -> tuple[int | None, float]:
    """The story an article joins: by shared events first, else by similarity.

    Args:
        article: The article to place.
        linked: Stories of the articles it shares canonical events with, and how many.
        candidates: Stories active around the article's day.

    Returns:
        The story id (None: start a new one) and the score that decided it (1.0 for a link).
    """
    if linked:
        top = max(linked.values())
        return min(sid for sid, n in linked.items() if n == top), 1.0
    best: tuple[float, int] | None = None
    for story in candidates:
        if not story.active_on(article.day):
            continue
        value = story.score(article)
        if value >= THRESHOLD and (best is None or (value, -story.id) > (best[0], -best[1])):
            best = (value, story.id)
    if best is None:
        return None, 0.0
    return best[1], best[0]
