"""What the store answers with: pydantic records built on the public document model.

These are the shapes the CLI, the exports and (later) the JSON API print. A stored event is the
contract's ``Event`` plus what only the corpus knows: its canonical id, the reports (document
events) it stands for, and the names behind the document-local actor and place ids.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from newsgraph.model.document import Event, Quote, Span

T = TypeVar("T")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorRef(_Record):
    """An actor an event involves, named rather than referred to by a document-local id."""

    role: str = Field(description="source, target or participant.")
    id: str = Field(description="Actor id in the report's document.")
    name: str
    kind: str | None = None
    code: str | None = None
    country: str | None = None


class PlaceRef(_Record):
    """Where an event happened, resolved from the report's place id."""

    id: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature_class: str | None = None


class EventReport(_Record):
    """One document event that a canonical event stands for: the evidence it rests on."""

    document_id: str
    event_id: str = Field(description="The event's id inside its document.")
    evidence: Span
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None


class EventCheck(_Record):
    """A check of a canonical event: its reports give different values for one count."""

    kind: str = Field(description="reports_disagree (warning) or reports_differ (info).")
    severity: str
    message: str
    values: dict[str, Any] = Field(default_factory=dict)
    evidence: list[dict[str, Any]] = Field(
        default_factory=list, description="document_id, start, end and text of each value."
    )


class StoredEvent(Event):
    """A canonical event: the contract's event fields, plus corpus ids, names and evidence.

    ``id`` is the canonical event id (a decimal integer, also GDELT's GLOBALEVENTID);
    ``source``, ``target``, ``participants`` and ``place`` stay the ids of the first report's
    document, and ``actors``/``location`` spell them out.
    """

    day: date | None = Field(
        default=None, description="The day it is filed under: its own date, else publication."
    )
    is_root: bool = Field(
        default=True, description="Told in the title or lead paragraph of a report (GDELT)."
    )
    actors: list[ActorRef] = Field(default_factory=list)
    location: PlaceRef | None = None
    reports: list[EventReport] = Field(default_factory=list)
    checks: list[EventCheck] = Field(
        default_factory=list, description="Counts its reports disagree on (across articles)."
    )
    story: str | None = Field(default=None, description="Id of the story of its first report.")


class StoredQuote(Quote):
    """A quote with the document it comes from and its speaker's canonical name."""

    document_id: str
    speaker_name: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None


class SearchHit(_Record):
    """A document matching a full-text query, with a highlighted snippet."""

    document_id: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    snippet: str
    rank: float


class Page(_Record, Generic[T]):
    """One page of results and the opaque cursor of the next one (None on the last page)."""

    items: list[T]
    next: str | None = None


class EventFilter(_Record):
    """Which canonical events to list; every given condition must hold.

    Attributes:
        actor: An actor name (case-insensitive, exact) or actor code (e.g. ``RUSMIL``).
        type: A PLOVER event type (``ASSAULT``) or a CAMEO code prefix (``19``).
        country: ISO 3166-1 alpha-3: where it happened, or the country of an actor.
        since: First day, inclusive.
        until: Last day, inclusive.
        text: A full-text query: events reported by documents that match it.
    """

    actor: str | None = None
    type: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    story: str | None = Field(default=None, description="A story id: events its articles report.")
    min_reports: int | None = Field(
        default=None, description="Only events reported at least this many times."
    )


class QuoteFilter(_Record):
    """Which quotes to list; every given condition must hold."""

    speaker: str | None = Field(default=None, description="Speaker name, case-insensitive.")
    since: date | None = None
    until: date | None = None
    text: str | None = Field(default=None, description="Full-text query over the documents.")


class IngestStats(_Record):
    """What one call of ``Store.add_documents`` (or one ingest run) did."""

    added: int = 0
    skipped: int = Field(default=0, description="Already stored (same content hash).")
    failed: int = Field(default=0, description="Inputs reported and skipped.")
    events: int = 0
    seconds: float = 0.0

    def __add__(self, other: IngestStats) -> IngestStats:
        return IngestStats(
            added=self.added + other.added,
            skipped=self.skipped + other.skipped,
            failed=self.failed + other.failed,
            events=self.events + other.events,
            seconds=self.seconds + other.seconds,
        )


class StoreStats(_Record):
    """Row counts and the span of dates in a store."""

    url: str
    documents: int
    actors: int
    places: int
    events: int
    event_reports: int
    quotes: int
    checks: int
    event_checks: int = Field(default=0, description="Counts that reports disagree on.")
    stories: int = 0
    first_day: date | None = None
    last_day: date | None = None
    event_types: dict[str, int] = Field(default_factory=dict)
    size_bytes: int | None = None


class StoryRecord(_Record):
    """A developing situation: the articles over days that follow it."""

    id: str
    title: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    num_documents: int
    num_events: int = 0
    top_words: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)


class ActorRole(_Record):
    """A role an actor held in the corpus, and when articles gave it."""

    title: str | None = None
    organization: str | None = None
    country: str | None = None
    first_seen: date | None = None
    last_seen: date | None = None
    documents: int = 0


class ActorProfile(_Record):
    """One actor across the corpus: the same name, kind and country in every article."""

    name: str
    kind: str
    country: str | None = None
    codes: list[str] = Field(default_factory=list)
    documents: int = 0
    events: int = 0
    first_seen: date | None = None
    last_seen: date | None = None
    roles: list[ActorRole] = Field(default_factory=list)


class NetworkEdge(_Record):
    """Events from one actor to another: counts by type and QuadClass, mean Goldstein."""

    source: str
    target: str
    events: int
    types: dict[str, int] = Field(default_factory=dict)
    quad_classes: dict[str, int] = Field(default_factory=dict)
    mean_goldstein: float | None = None


class NetworkNode(_Record):
    """An actor of the network, with how many events it takes part in."""

    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    code: str | None = None
    events: int = 0


class Network(_Record):
    """The actor interaction network of a corpus (or of the events a filter selects)."""

    nodes: list[NetworkNode] = Field(default_factory=list)
    edges: list[NetworkEdge] = Field(default_factory=list)
