"""The public document model: what newsgraph says about one article.

Every consumer (CLI, store, API, exports, Spark) speaks these classes, so field names here are
a contract: keep them, add fields freely. Every piece of extracted information carries a
``Span`` of character offsets into ``Document.document.text`` so that an analyst can always go
back to the words that support it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Value(BaseModel):
    """Base for immutable value objects that refuse unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Value):
    """A stretch of the document text: ``text == document.text[start:end]``."""

    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset one past the last character.")
    text: str = Field(description="The characters between start and end, as written.")

    @model_validator(mode="after")
    def _check_order(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class ActorKind(StrEnum):
    """What sort of actor a canonical actor is."""

    person = "person"
    organization = "organization"
    country = "country"
    group = "group"


class Role(_Value):
    """A role the article gives an actor: "French President" -> title President, country FRA."""

    title: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code.")
    organization: str | None = None
    evidence: Span | None = None


class Actor(_Value):
    """One canonical actor of the article, with every mention of it."""

    id: str
    name: str = Field(description="Canonical name: the fullest proper name in the article.")
    kind: ActorKind
    roles: list[Role] = Field(default_factory=list)
    code: str | None = Field(default=None, description="CAMEO-style actor code, e.g. FRAGOV.")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code.")
    mentions: list[Span] = Field(default_factory=list)


class Place(_Value):
    """A toponym of the article, resolved to a gazetteer entry where possible."""

    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code.")
    admin1: str | None = None
    geonames_id: int | None = None
    feature_class: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class TimeExpression(_Value):
    """A time expression of the text, normalised against the publication date."""

    id: str
    text: str
    value: str | None = Field(default=None, description="ISO 8601 / TIMEX3 value, or null.")
    type: str = Field(default="DATE", description="TIMEX3 type: DATE, TIME, DURATION, SET.")
    granularity: str | None = None
    span: Span


class EventDate(_Value):
    """When an event happened, as normalised and as written."""

    value: str | None = None
    text: str | None = None
    date_type: str = Field(
        default="unresolved", description="explicit, relative, document, unresolved."
    )


class QuantityStatus(StrEnum):
    """What happened to the things a quantity counts."""

    launched = "launched"
    intercepted = "intercepted"
    shot_down = "shot_down"
    failed = "failed"
    killed = "killed"
    injured = "injured"
    wounded = "wounded"
    arrested = "arrested"
    detained = "detained"
    displaced = "displaced"
    other = "other"


class Quantity(_Value):
    """A counted quantity tied to an event, with its bounds when the text is approximate."""

    value: float | None = None
    unit: str | None = Field(default=None, description="What is counted: drones, people...")
    status: str | None = None
    text: str
    lower: float | None = None
    upper: float | None = None
    span: Span | None = None


class Factuality(StrEnum):
    """Whether the text asserts that an event happened."""

    asserted = "asserted"
    negated = "negated"
    hypothetical = "hypothetical"
    future = "future"


class Event(_Value):
    """Who did what to whom, where, when and how many, with its evidence."""

    id: str
    type: str = Field(description="PLOVER event type, e.g. ASSAULT.")
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source: str | None = Field(default=None, description="Actor id.")
    target: str | None = Field(default=None, description="Actor id.")
    participants: list[str] = Field(
        default_factory=list,
        description="Actor ids of every party named (source, target, a summit's attendees).",
    )
    place: str | None = Field(default=None, description="Place id.")
    date: EventDate = Field(default_factory=EventDate)
    quantities: list[Quantity] = Field(default_factory=list)
    factuality: Factuality = Factuality.asserted
    trigger: Span | None = None
    evidence: Span
    evidence_all: list[Span] = Field(default_factory=list)
    confidence: float = 1.0


class QuoteKind(StrEnum):
    """A statement in quote marks, or one reported in the writer's words."""

    direct = "direct"
    indirect = "indirect"


class Quote(_Value):
    """A statement with its content, speaker and cue."""

    id: str
    kind: QuoteKind
    text: str = Field(description="The content, without quote marks.")
    start: int = Field(ge=0, description="First character of the content's first segment.")
    end: int = Field(ge=0, description="One past the last character of its last segment.")
    segments: list[Span] = Field(
        default_factory=list,
        description=(
            "The content's pieces in text order, without quote marks: one for most statements,"
            ' several for a quote split by its attribution ("...," he said. "...") or running'
            " over paragraphs. The text between them (the attribution) is not content."
        ),
    )
    speaker: str | None = Field(default=None, description="Actor id.")
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_segment_by_default(cls, data: Any) -> Any:
        """A quote written without ``segments`` (stored or exported before the field
        existed) is one piece, ``start``-``end``, whose text is the quote's ``text``."""
        if (
            isinstance(data, dict)
            and not data.get("segments")
            and {"start", "end", "text"} <= data.keys()
        ):
            segment = {"start": data["start"], "end": data["end"], "text": data["text"]}
            data = {**data, "segments": [segment]}
        return data


class Severity(StrEnum):
    """How loudly a check speaks."""

    info = "info"
    warning = "warning"


class Check(_Value):
    """A numeric claim that does not add up, with the values and the sentences behind it."""

    kind: str
    severity: Severity
    message: str
    values: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Span] = Field(default_factory=list)


BlockKind = Literal["title", "heading", "dateline", "paragraph"]
"""The structural part of an article a block of text is."""


class Block(_Value):
    """A title, heading, dateline or paragraph of the article."""

    kind: BlockKind
    span: Span


class DocumentInfo(_Value):
    """The article itself: where it came from and the text every span points into."""

    id: str = Field(description="Hash of the normalised text.")
    source: str | None = Field(default=None, description="Path or URL it was read from.")
    title: str | None = None
    published: date | None = None
    url: str | None = None
    author: str | None = None
    language: str = "en"
    text: str


class Document(_Value):
    """Everything newsgraph extracted from one article."""

    document: DocumentInfo
    blocks: list[Block] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    model: str | None = Field(default=None, description="spaCy pipeline that produced it.")
    newsgraph_version: str | None = None

    @property
    def id(self) -> str:
        """The document id (shortcut for ``document.id``)."""
        return self.document.id

    @property
    def text(self) -> str:
        """The document text every span points into."""
        return self.document.text

    def actor(self, actor_id: str | None) -> Actor | None:
        """Return the actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def place(self, place_id: str | None) -> Place | None:
        """Return the place with this id, or None."""
        return next((p for p in self.places if p.id == place_id), None)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the public document model."""
    return Document.model_json_schema()
