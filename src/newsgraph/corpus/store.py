"""The corpus store: documents, actors, places, events, quotes and checks in SQL.

This is the only module that imports SQLAlchemy. Everything else talks to ``Store``, which
takes and returns the public pydantic models, as ``sqlite_utils.Database`` is a library in its
own right. SQLite (one file) is the default; PostgreSQL works by URL.

Design choices that the rest of the corpus relies on:

* Every key is natural (document id, the id of an object inside its document, or a hash of
  both), never a sequence, so an interrupted and restarted ingest writes exactly the rows an
  uninterrupted one writes, on either database. The one exception is ``documents.seq``, the
  integer rowid SQLite's full-text index needs; it is never exposed.
* ``add_documents`` writes a batch in one transaction: a batch is stored entirely or not at
  all, and a document already stored (same content hash) is skipped inside that transaction.
* Each document event becomes a canonical event (``events``) with one report
  (``event_reports``); cross-article merging will later point several reports at one
  canonical event without changing this layout.
* Documents are stored so that ``get_document`` returns exactly what ``add_documents`` was
  given: query columns are typed and indexed, the rest is JSON.
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    and_,
    create_engine,
    event,
    exists,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, aliased, mapped_column
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement, TextClause

from newsgraph.corpus.merge import (
    Cluster,
    PlaceSig,
    ReportSignature,
    best_cluster,
    canonical,
    disagreements,
    name_key,
    report_id,
    signature,
)
from newsgraph.corpus.records import (
    ActorProfile,
    ActorRef,
    ActorRole,
    EventCheck,
    EventFilter,
    EventReport,
    IngestStats,
    Network,
    NetworkEdge,
    NetworkNode,
    Page,
    PlaceRef,
    QuoteFilter,
    SearchHit,
    StoredEvent,
    StoredQuote,
    StoreStats,
    StoryRecord,
)
from newsgraph.corpus.stories import WINDOW_DAYS, Story, article_signature, choose_story, story_id
from newsgraph.errors import ConfigError, NotFoundError, StoreError
from newsgraph.model.document import (
    Actor,
    Block,
    Check,
    Document,
    DocumentInfo,
    Event,
    Place,
    Quote,
    Span,
    TimeExpression,
)

logger = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///newsgraph.db"
"""Where the store lives when neither ``--db`` nor ``NEWSGRAPH_DB`` says otherwise."""

HEAD_REVISION = "0002"
"""The newest Alembic revision in ``corpus/migrations/versions`` (a test keeps them equal)."""

MIGRATIONS = Path(__file__).parent / "migrations"

_WRITE_LOCK = 0x6E657773  # "news": the PostgreSQL advisory lock ingest batches take
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')


# --------------------------------------------------------------------------------------------
# Schema (private ORM classes; migrations/versions/0001 creates the same tables)
# --------------------------------------------------------------------------------------------


class _Base(DeclarativeBase):
    """Base of the private ORM classes (JSON columns name their type explicitly)."""


class _DocumentRow(_Base):
    __tablename__ = "documents"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(Text)
    newsgraph_version: Mapped[str | None] = mapped_column(String(32))
    blocks: Mapped[list[Any]] = mapped_column(JSON)
    times: Mapped[list[Any]] = mapped_column(JSON)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


def _doc_fk() -> ForeignKey:
    """A new foreign key to documents.id (a ForeignKey object belongs to one column)."""
    return ForeignKey("documents.id", ondelete="CASCADE")


class _ActorRow(_Base):
    __tablename__ = "actors"

    document_id: Mapped[str] = mapped_column(String(64), _doc_fk(), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(32), index=True)
    country: Mapped[str | None] = mapped_column(String(3))
    roles: Mapped[list[Any]] = mapped_column(JSON)


class _ActorMentionRow(_Base):
    __tablename__ = "actor_mentions"
    __table_args__ = (
        ForeignKeyConstraint(
            ["document_id", "actor_id"],
            ["actors.document_id", "actors.actor_id"],
            ondelete="CASCADE",
        ),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class _PlaceRow(_Base):
    __tablename__ = "places"

    document_id: Mapped[str] = mapped_column(String(64), _doc_fk(), primary_key=True)
    place_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    geonames_id: Mapped[int | None] = mapped_column(BigInteger)
    feature_class: Mapped[str | None] = mapped_column(String(8))


class _PlaceMentionRow(_Base):
    __tablename__ = "place_mentions"
    __table_args__ = (
        ForeignKeyConstraint(
            ["document_id", "place_id"],
            ["places.document_id", "places.place_id"],
            ondelete="CASCADE",
        ),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    place_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class _EventRow(_Base):
    """A canonical event: one real-world occurrence, whatever the number of reports."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_day_id", "day", "id"),
        Index("ix_events_type_day_id", "type", "day", "id"),
        Index("ix_events_cameo", "cameo"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(32))
    cameo: Mapped[str | None] = mapped_column(String(8))
    quad_class: Mapped[int | None] = mapped_column(Integer)
    goldstein: Mapped[float | None] = mapped_column(Float)
    day: Mapped[date | None] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(3))
    is_root: Mapped[bool] = mapped_column(Boolean)
    num_reports: Mapped[int] = mapped_column(Integer)
    num_documents: Mapped[int] = mapped_column(Integer)
    num_sources: Mapped[int] = mapped_column(Integer)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class _EventReportRow(_Base):
    """One document event, the evidence for a canonical event."""

    __tablename__ = "event_reports"

    document_id: Mapped[str] = mapped_column(String(64), _doc_fk(), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    canonical_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    is_root: Mapped[bool] = mapped_column(Boolean)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    signature: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class _EventActorRow(_Base):
    """Who a canonical event involves: the named actors its JSON shows."""

    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(3))
    day: Mapped[date | None] = mapped_column(Date)


class _EventKeyRow(_Base):
    """An inverted index of canonical events by actor and country, in date order.

    One row per (key, event): ``actor:<name>`` and ``actor:<code>`` (case-folded) for each
    actor, ``country:<ISO3>`` for the place and each actor's country. ``day`` repeats the
    event's day so that "this actor's events in date order" is one ordered index scan that
    stops after a page, however many events the actor has (timelines).
    """

    __tablename__ = "event_keys"
    __table_args__ = (Index("ix_event_keys_key_day", "key", "day", "event_id"),)

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    event_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    day: Mapped[date | None] = mapped_column(Date)


class _QuoteRow(_Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_speaker_key_day", "speaker_key", "day"),)

    document_id: Mapped[str] = mapped_column(String(64), _doc_fk(), primary_key=True)
    quote_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(64))
    speaker_name: Mapped[str | None] = mapped_column(Text)
    speaker_key: Mapped[str | None] = mapped_column(Text)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_span: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    cue: Mapped[str | None] = mapped_column(Text)
    cue_span: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    day: Mapped[date | None] = mapped_column(Date)
    segments: Mapped[list[Any] | None] = mapped_column(JSON)


class _CheckColumns:
    """What a check is, in a document or of a canonical event."""

    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    evidence: Mapped[list[Any]] = mapped_column(JSON)


class _CheckRow(_CheckColumns, _Base):
    __tablename__ = "checks"

    document_id: Mapped[str] = mapped_column(String(64), _doc_fk(), primary_key=True)


class _EventCheckRow(_CheckColumns, _Base):
    """A check of a canonical event: reports that disagree, with evidence in each document."""

    __tablename__ = "event_checks"

    event_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )


class _StoryRow(_Base):
    """A developing situation: articles over days that tell one story."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    title: Mapped[str | None] = mapped_column(Text)
    first_day: Mapped[date | None] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date, index=True)
    num_documents: Mapped[int] = mapped_column(Integer)
    words: Mapped[dict[str, Any]] = mapped_column(JSON)


class _StoryDocumentRow(_Base):
    __tablename__ = "story_documents"

    document_id: Mapped[str] = mapped_column(String(64), _doc_fk(), primary_key=True)
    story_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date | None] = mapped_column(Date)


_EventPage = Page[StoredEvent]
_QuotePage = Page[StoredQuote]

metadata = _Base.metadata
"""The tables, for Alembic (``migrations/env.py``) and the schema test."""

TABLES = tuple(metadata.tables)
"""Every table the store writes, parents first."""

_T = {name: table for name, table in metadata.tables.items()}


# --------------------------------------------------------------------------------------------
# Helpers: keys, spans, cursors, full-text queries
# --------------------------------------------------------------------------------------------


def canonical_event_id(document_id: str, event_id: str) -> int:
    """The canonical id a document event gets when it founds a canonical event: a 60-bit
    hash, never reused, so any ingest order, interruption or database gives the same ids (and
    GDELT's integer GLOBALEVENTID can carry it)."""
    return report_id(document_id, event_id)


def _compact_span(span: Span, text: str) -> list[Any]:
    """[start, end], plus the text only when it is not ``text[start:end]`` (never, in practice)."""
    if text[span.start : span.end] == span.text:
        return [span.start, span.end]
    return [span.start, span.end, span.text]


def _expand_span(value: Sequence[Any], text: str) -> Span:
    start, end = int(value[0]), int(value[1])
    return Span(start=start, end=end, text=value[2] if len(value) > 2 else text[start:end])


def _encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, json.JSONDecodeError) as error:
        raise ConfigError(f"invalid cursor {cursor!r}: pass the 'next' value of a page") from error
    if not isinstance(values, list):
        raise ConfigError(f"invalid cursor {cursor!r}: pass the 'next' value of a page")
    return values


def fts5_query(query: str) -> str:
    """Turn a user's search text into a safe FTS5 query: quoted phrases and words, all required.

    FTS5's own syntax treats ``U.S.``, ``-`` or ``:`` as operators and fails; quoting every
    word keeps the query meaning "all these words" whatever the user typed.
    """
    parts: list[str] = []
    for phrase in _PHRASE.findall(query):
        words = _WORD.findall(phrase)
        if words:
            parts.append('"' + " ".join(words) + '"')
    rest = _PHRASE.sub(" ", query)
    parts.extend(f'"{word}"' for word in _WORD.findall(rest))
    if not parts:
        raise ConfigError(f"search text {query!r} has no words to look for")
    return " ".join(parts)


def normalise_url(url: str | Path | None) -> str:
    """Accept a path or a URL; make PostgreSQL URLs use the psycopg (v3) driver."""
    if url is None or str(url) == "":
        return DEFAULT_URL
    value = str(url)
    if "://" not in value:
        return f"sqlite:///{value}"
    if value.startswith("postgres://"):
        value = "postgresql://" + value[len("postgres://") :]
    if value.startswith("postgresql://"):
        value = "postgresql+psycopg://" + value[len("postgresql://") :]
    return value


def _outlet(info: DocumentInfo) -> str:
    """What counts as one source for NumSources: the URL's host, else the source name."""
    if info.url:
        host = urlparse(info.url).hostname
        if host:
            return host.removeprefix("www.")
    return info.source or info.id


def _is_root(evidence: Span, blocks: list[Block]) -> bool:
    """GDELT's IsRootEvent: the event is told in the title or the lead paragraph."""
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    if not paragraphs:
        return True
    return evidence.start < paragraphs[0].span.end


# --------------------------------------------------------------------------------------------
# Document <-> rows
# --------------------------------------------------------------------------------------------


def _document_rows(doc: Document, ingested_at: datetime) -> dict[str, list[dict[str, Any]]]:
    """Every row one document becomes by itself, by table (events come from merging)."""
    info, text = doc.document, doc.document.text
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["documents"].append(
        {
            "id": info.id,
            "source": info.source,
            "url": info.url,
            "title": info.title,
            "published": info.published,
            "author": info.author,
            "language": info.language,
            "text": text,
            "model": doc.model,
            "newsgraph_version": doc.newsgraph_version,
            "blocks": [[b.kind, *_compact_span(b.span, text)] for b in doc.blocks],
            "times": [t.model_dump(mode="json") for t in doc.times],
            "ingested_at": ingested_at,
        }
    )
    for ordinal, actor in enumerate(doc.actors):
        rows["actors"].append(
            {
                "document_id": info.id,
                "actor_id": actor.id,
                "ordinal": ordinal,
                "name": actor.name,
                "name_key": name_key(actor.name),
                "kind": actor.kind.value,
                "code": actor.code,
                "country": actor.country,
                "roles": [r.model_dump(mode="json") for r in actor.roles],
            }
        )
        rows["actor_mentions"].extend(
            {
                "document_id": info.id,
                "actor_id": actor.id,
                "ordinal": n,
                "start": m.start,
                "end": m.end,
                "text": m.text,
            }
            for n, m in enumerate(actor.mentions)
        )
    for ordinal, place in enumerate(doc.places):
        rows["places"].append(
            {
                "document_id": info.id,
                "place_id": place.id,
                "ordinal": ordinal,
                **place.model_dump(exclude={"id", "mentions"}),
            }
        )
        rows["place_mentions"].extend(
            {
                "document_id": info.id,
                "place_id": place.id,
                "ordinal": n,
                "start": m.start,
                "end": m.end,
                "text": m.text,
            }
            for n, m in enumerate(place.mentions)
        )
    for ordinal, quote in enumerate(doc.quotes):
        speaker = doc.actor(quote.speaker)
        speaker_name = speaker.name if speaker else None
        rows["quotes"].append(
            {
                "document_id": info.id,
                "quote_id": quote.id,
                "ordinal": ordinal,
                "kind": quote.kind.value,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "speaker": quote.speaker,
                "speaker_name": speaker_name,
                "speaker_key": name_key(speaker_name or quote.speaker_text or "") or None,
                "speaker_text": quote.speaker_text,
                "speaker_span": quote.speaker_span.model_dump() if quote.speaker_span else None,
                "cue": quote.cue,
                "cue_span": quote.cue_span.model_dump() if quote.cue_span else None,
                "day": info.published,
                "segments": [_compact_span(span, text) for span in quote.segments],
            }
        )
    for ordinal, check in enumerate(doc.checks):
        rows["checks"].append(
            {
                "document_id": info.id,
                "ordinal": ordinal,
                "kind": check.kind,
                "severity": check.severity.value,
                "message": check.message,
                "values": check.values,
                "evidence": [e.model_dump() for e in check.evidence],
            }
        )
    return rows


def _report_rows(
    doc: Document, outlet: str, rows: dict[str, list[dict[str, Any]]]
) -> list[ReportSignature]:
    """One ``event_reports`` row per document event (its canonical id is set by merging)."""
    signatures: list[ReportSignature] = []
    for ordinal, ev in enumerate(doc.events):
        root = _is_root(ev.evidence, doc.blocks)
        sig = signature(doc, ev, outlet=outlet, is_root=root)
        signatures.append(sig)
        rows["event_reports"].append(
            {
                "document_id": doc.id,
                "event_id": ev.id,
                "ordinal": ordinal,
                "canonical_id": None,
                "evidence_start": ev.evidence.start,
                "evidence_end": ev.evidence.end,
                "is_root": root,
                "data": ev.model_dump(mode="json"),
                "signature": sig.to_json(),
            }
        )
    return signatures


def _location(place: PlaceSig | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return PlaceRef(
        id=place.id or "",
        name=place.name,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        geonames_id=place.geonames_id,
        feature_class=place.feature_class,
    ).model_dump()


def _canonical_rows(
    cluster: Cluster, data: dict[str, Any], rows: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """The ``events`` row of a cluster and its actor, key and check rows (appended to rows).

    ``data`` is the founding report's event; its counts are replaced by the canonical ones
    (a count keeps its span only when it comes from the founding report's document).
    """
    values = canonical(cluster.reports)
    founder = next(
        (r for r in cluster.reports if report_id(r.document_id, r.event_id) == cluster.id),
        cluster.reports[0],
    )
    data = dict(data)
    data["quantities"] = [
        {
            "value": c.value,
            "unit": c.unit,
            "status": c.status,
            "text": c.text,
            "lower": c.lower,
            "upper": c.upper,
            "span": (
                {"start": c.start, "end": c.end, "text": c.text}
                if c.start is not None and c in founder.counts
                else None
            ),
        }
        for c in values.counts
    ]
    if values.cameo and values.cameo != data.get("cameo"):
        data["cameo"] = values.cameo
    day = values.day
    keys: dict[str, None] = {}
    if values.place and values.place.country:
        keys[f"country:{values.place.country}"] = None
    for position, actor in enumerate(values.actors):
        keys[f"actor:{actor.key}"] = None
        if actor.code:
            keys[f"actor:{name_key(actor.code)}"] = None
        if actor.country:
            keys[f"country:{actor.country}"] = None
        rows["event_actors"].append(
            {
                "event_id": cluster.id,
                "position": position,
                "role": actor.role,
                "actor_id": actor.id or "",
                "name": actor.name,
                "name_key": actor.key,
                "kind": actor.kind,
                "code": actor.code,
                "country": actor.country,
                "day": day,
            }
        )
    rows["event_keys"].extend({"key": key, "event_id": cluster.id, "day": day} for key in keys)
    for ordinal, found in enumerate(disagreements(cluster.reports)):
        rows["event_checks"].append(
            {
                "event_id": cluster.id,
                "ordinal": ordinal,
                "kind": found.kind,
                "severity": found.severity,
                "message": found.message,
                "values": found.values,
                "evidence": found.evidence,
            }
        )
    return {
        "id": cluster.id,
        "type": data["type"],
        "cameo": data.get("cameo"),
        "quad_class": data.get("quad_class"),
        "goldstein": data.get("goldstein"),
        "day": day,
        "country": values.place.country if values.place else None,
        "is_root": values.is_root,
        "num_reports": values.num_reports,
        "num_documents": values.num_documents,
        "num_sources": values.num_sources,
        "location": _location(values.place),
        "data": data,
    }


class _BatchMerger:
    """Assigns the reports of one ingest batch to canonical events, inside its transaction.

    Candidates are the stored canonical events of the same type within a day (loaded once
    per type and day) and the clusters this batch has founded. Reports are taken in ingest
    order, so a restarted run repeats exactly the decisions of an uninterrupted one.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.clusters: dict[int, Cluster] = {}
        self.data: dict[int, dict[str, Any]] = {}
        self.stored: set[int] = set()
        self.touched: dict[int, None] = {}
        self._loaded: set[tuple[str, date]] = set()
        self._by_type_day: dict[tuple[str, date], set[int]] = {}

    def _index(self, cluster: Cluster) -> None:
        for report in cluster.reports:
            if report.day is not None:
                self._by_type_day.setdefault((report.type, report.day), set()).add(cluster.id)

    def _load(self, type_: str, day: date) -> None:
        wanted = [day + timedelta(days=d) for d in (-1, 0, 1)]
        missing = [d for d in wanted if (type_, d) not in self._loaded]
        if not missing:
            return
        self._loaded.update((type_, d) for d in missing)
        E, R = _EventRow, _EventReportRow
        ids = [
            i
            for i in self.conn.execute(
                select(E.id).where(E.type == type_, E.day.in_(missing))
            ).scalars()
            if i not in self.clusters
        ]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in self.conn.execute(select(E.id, E.data).where(E.id.in_(chunk))):
                self.clusters[row.id] = Cluster(id=row.id)
                self.data[row.id] = row.data
                self.stored.add(row.id)
            for row in self.conn.execute(
                select(R.canonical_id, R.signature)
                .where(R.canonical_id.in_(chunk), R.signature.is_not(None))
                .order_by(R.canonical_id, R.document_id, R.ordinal)
            ):
                self.clusters[row.canonical_id].reports.append(
                    ReportSignature.from_json(row.signature)
                )
        for cid in ids:
            self._index(self.clusters[cid])

    def assign(self, sig: ReportSignature, data: dict[str, Any]) -> int:
        """The canonical id of the event this report joins or founds."""
        chosen: Cluster | None = None
        if sig.day is not None:
            self._load(sig.type, sig.day)
            ids: set[int] = set()
            for d in (-1, 0, 1):
                ids |= self._by_type_day.get((sig.type, sig.day + timedelta(days=d)), set())
            candidates = [self.clusters[i] for i in sorted(ids)]
            chosen = best_cluster(sig, candidates)
        if chosen is None:
            cid = report_id(sig.document_id, sig.event_id)
            chosen = self.clusters.setdefault(cid, Cluster(id=cid))
            self.data.setdefault(cid, data)
        chosen.reports.append(sig)
        self._index(chosen)
        self.touched[chosen.id] = None
        return chosen.id

    def write(self, rows: dict[str, list[dict[str, Any]]]) -> tuple[list[int], int]:
        """Add the rows of every touched cluster; return the stored ids to update and the
        number of new canonical events."""
        updated: list[int] = []
        new = 0
        for cid in self.touched:
            row = _canonical_rows(self.clusters[cid], self.data[cid], rows)
            if cid in self.stored:
                updated.append(cid)
                rows["events_update"].append(row)
            else:
                new += 1
                rows["events"].append(row)
        return updated, new


class _BatchStories:
    """Assigns the articles of one ingest batch to stories, inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.stories: dict[int, Story] = {}
        self.stored: set[int] = set()
        self.touched: dict[int, None] = {}
        self.story_of: dict[str, int] = {}
        self.members: list[dict[str, Any]] = []
        self._loaded_days: set[date | None] = set()

    def _load_active(self, day: date | None) -> None:
        if day in self._loaded_days:
            return
        self._loaded_days.add(day)
        S = _StoryRow
        query = select(S)
        if day is not None:
            query = query.where(
                S.last_day >= day - timedelta(days=WINDOW_DAYS),
                S.first_day <= day + timedelta(days=WINDOW_DAYS),
            )
        else:
            query = query.where(S.last_day.is_(None))
        for row in self.conn.execute(query):
            if row.id not in self.stories:
                self._keep(row)

    def _linked(self, document_id: str, clusters: list[Cluster]) -> Counter[int]:
        others = {
            r.document_id for c in clusters for r in c.reports if r.document_id != document_id
        }
        missing = [d for d in others if d not in self.story_of]
        D = _StoryDocumentRow
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            for row in self.conn.execute(
                select(D.document_id, D.story_id).where(D.document_id.in_(chunk))
            ):
                self.story_of[row.document_id] = row.story_id
        return Counter(self.story_of[d] for d in others if d in self.story_of)

    def _story(self, sid: int) -> Story:
        if sid not in self.stories:
            self._keep(self.conn.execute(select(_StoryRow).where(_StoryRow.id == sid)).one())
        return self.stories[sid]

    def _keep(self, row: Any) -> None:
        """Hold a stored story (a ``stories`` row) for this batch."""
        self.stories[row.id] = Story.from_row(
            row.id,
            row.title,
            _as_date(row.first_day),
            _as_date(row.last_day),
            row.num_documents,
            row.words,
        )
        self.stored.add(row.id)

    def assign(self, doc: Document, clusters: list[Cluster]) -> int:
        """The story this article joins or starts."""
        article = article_signature(doc)
        self._load_active(article.day)
        linked = self._linked(article.document_id, clusters)
        sid, _score = choose_story(article, linked, list(self.stories.values()))
        if sid is None:
            sid = story_id(article.document_id)
            self.stories[sid] = Story(
                id=sid, title=article.title, first_day=article.day, last_day=article.day
            )
        story = self._story(sid)
        story.add(article)
        self.touched[sid] = None
        self.story_of[article.document_id] = sid
        self.members.append(
            {"document_id": article.document_id, "story_id": sid, "day": article.day}
        )
        return sid

    def stored_touched(self) -> list[int]:
        """Stored stories this batch changed."""
        return [sid for sid in self.touched if sid in self.stored]

    def write(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Add the story rows: new stories, updated ones and the memberships."""
        rows["stories_update"] = []
        for sid in self.touched:
            story = self.stories[sid]
            row = {
                "id": sid,
                "title": story.title,
                "first_day": story.first_day,
                "last_day": story.last_day,
                "num_documents": story.num_documents,
                "words": story.to_json(),
            }
            rows["stories_update" if sid in self.stored else "stories"].append(row)
        rows["story_documents"].extend(self.members)


# --------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on, WAL so readers never wait for an ingest, and our own BEGIN."""
    dbapi_connection.isolation_level = None  # let the "begin" event emit BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for writes, so check-then-insert is one atomic step."""
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


class Store:
    """A corpus of analysed documents in SQLite or PostgreSQL.

    Open one with ``Store.open(url)``; use it as a context manager or call ``close()``.

    Example:
        >>> with Store.open("sqlite:///news.db") as store:
        ...     store.add_documents(documents)
        ...     page = store.iter_events(EventFilter(actor="Russia"), limit=20)
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    # ---- opening, migrating ------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url: str | Path | None = None,
        *,
        upgrade: bool | None = None,
        create: bool = True,
        check: bool = True,
    ) -> Store:
        """Open (and for SQLite create and migrate) the store at ``url``.

        Args:
            url: A SQLAlchemy URL (``sqlite:///path``, ``postgresql://...``) or a file path.
            upgrade: Run pending migrations. Default: yes for SQLite, so a new user needs no
                extra step; no for PostgreSQL, where ``newsgraph db upgrade`` is an explicit
                act of the database's owner.
            create: Create a SQLite file that does not exist yet (queries pass False, so a
                mistyped path is an error rather than a new empty store).
            check: Check that the database is at the current revision.

        Raises:
            ConfigError: The URL cannot be parsed or names an unsupported database.
            NotFoundError: The SQLite file does not exist and ``create`` is False.
            StoreError: The database cannot be reached or is not at the current revision.
        """
        value = normalise_url(url)
        try:
            parsed = make_url(value)
        except ArgumentError as error:
            raise ConfigError(
                f"cannot parse database URL {value!r}; use sqlite:///PATH or "
                "postgresql://USER@HOST/DB"
            ) from error
        backend = parsed.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise ConfigError(f"unsupported database {backend!r}; use sqlite or postgresql")
        if backend == "sqlite":
            if not parsed.database or parsed.database == ":memory:":
                raise ConfigError("an in-memory SQLite store is not supported; give a file path")
            path = Path(parsed.database)
            if not path.exists() and not create:
                raise NotFoundError(
                    f"no store at {path}; create one with: newsgraph ingest PATH --db {value}"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(value)
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
        else:
            try:
                engine = create_engine(value, pool_pre_ping=True)
            except ModuleNotFoundError as error:
                raise ConfigError(
                    "PostgreSQL needs the psycopg driver: pip install 'newsgraph[postgres]'"
                ) from error
        store = cls(engine, value)
        if upgrade is None:
            upgrade = backend == "sqlite"
        if not check:
            return store
        try:
            current = store.revision()
        except StoreError:
            engine.dispose()
            raise
        if current != HEAD_REVISION:
            if upgrade:
                store.upgrade()
            else:
                engine.dispose()
                raise StoreError(
                    f"database {parsed!r} is at revision {current or 'none'}, not "
                    f"{HEAD_REVISION}; run: newsgraph db upgrade --db '{parsed}'"
                )
        return store

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def revision(self) -> str | None:
        """The Alembic revision the database is at, or None for an empty database.

        Raises:
            StoreError: The database cannot be reached.
        """
        try:
            with self.engine.connect() as conn:
                if conn.dialect.has_table(conn, "alembic_version"):
                    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as error:
            raise StoreError(f"cannot open database {self.engine.url!r}: {error.orig}") from error
        return None

    def upgrade(self, revision: str = "head") -> None:
        """Run the Alembic migrations up to ``revision`` (what ``newsgraph db upgrade`` does)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.connect() as conn:
                conn.execution_options(sqlite_begin="IMMEDIATE")
                with conn.begin():
                    config.attributes["connection"] = conn
                    command.upgrade(config, revision)
        except SQLAlchemyError as error:
            raise StoreError(f"cannot upgrade {self.engine.url!r}: {error}") from error
        logger.info("database %s upgraded to %s", self.engine.url, revision)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -----------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` that are already stored."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update(
                    conn.execute(
                        select(_DocumentRow.id).where(_DocumentRow.id.in_(chunk))
                    ).scalars()
                )
        return found

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this id (content hash) is stored."""
        return bool(self.existing_ids([document_id]))

    def add_documents(self, documents: Iterable[Document]) -> IngestStats:
        """Store documents in ONE transaction, skipping those already stored.

        Either every new document of the call is stored, with all its rows, or none is: a
        process killed in the middle leaves the store as it was before the call.

        Raises:
            StoreError: The database refused the write (the transaction is rolled back).
        """
        docs = list(documents)
        started = datetime.now(UTC)
        stats = IngestStats()
        if not docs:
            return stats
        try:
            with self.engine.connect() as conn:
                conn.execution_options(sqlite_begin="IMMEDIATE")
                with conn.begin():
                    stats = self._insert(conn, docs, started.replace(tzinfo=None))
        except SQLAlchemyError as error:
            raise StoreError(f"cannot store {len(docs)} document(s): {error}") from error
        seconds = (datetime.now(UTC) - started).total_seconds()
        logger.debug("stored %d document(s), skipped %d", stats.added, stats.skipped)
        return stats.model_copy(update={"seconds": seconds})

    def _insert(self, conn: Connection, docs: list[Document], now: datetime) -> IngestStats:
        if self.dialect == "postgresql":
            # one writer at a time, so the check below and the inserts are one atomic step
            # (SQLite gets the same from BEGIN IMMEDIATE)
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=_WRITE_LOCK))
        unique: dict[str, Document] = {}
        for doc in docs:
            unique.setdefault(doc.id, doc)
        stored: set[str] = set()
        ids = list(unique)
        for start in range(0, len(ids), 500):
            stored.update(
                conn.execute(
                    select(_DocumentRow.id).where(_DocumentRow.id.in_(ids[start : start + 500]))
                ).scalars()
            )
        fresh = [doc for doc_id, doc in unique.items() if doc_id not in stored]
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        rows["events_update"] = []
        merger = _BatchMerger(conn)
        stories = _BatchStories(conn)
        for doc in fresh:
            for name, table_rows in _document_rows(doc, now).items():
                rows[name].extend(table_rows)
            first = len(rows["event_reports"])
            signatures = _report_rows(doc, _outlet(doc.document), rows)
            clusters: list[int] = []
            for report, sig in zip(rows["event_reports"][first:], signatures, strict=True):
                report["canonical_id"] = merger.assign(sig, report["data"])
                clusters.append(report["canonical_id"])
            stories.assign(doc, [merger.clusters[c] for c in clusters])
        updated, new_events = merger.write(rows)
        stories.write(rows)
        self._write_rows(conn, rows, updated, stories.stored_touched())
        return IngestStats(
            added=len(fresh),
            skipped=len(docs) - len(fresh),
            events=new_events,
        )

    def _write_rows(
        self,
        conn: Connection,
        rows: dict[str, list[dict[str, Any]]],
        updated_events: list[int],
        updated_stories: list[int],
    ) -> None:
        """Insert the batch's rows, parents first, replacing what updated clusters had."""
        for start in range(0, len(updated_events), 500):
            chunk = updated_events[start : start + 500]
            for name in ("event_actors", "event_keys", "event_checks"):
                table = _T[name]
                conn.execute(table.delete().where(table.c.event_id.in_(chunk)))
        for row in rows["events_update"]:
            conn.execute(
                _T["events"]
                .update()
                .where(_T["events"].c.id == row["id"])
                .values({k: v for k, v in row.items() if k != "id"})
            )
        for row in rows["stories_update"]:
            conn.execute(
                _T["stories"]
                .update()
                .where(_T["stories"].c.id == row["id"])
                .values({k: v for k, v in row.items() if k != "id"})
            )
        del updated_stories
        for name in TABLES:
            if rows.get(name):
                conn.execute(insert(_T[name]), rows[name])

    def bulk_insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Insert raw rows into one table in one transaction (benchmarks, bulk loaders).

        Values are converted by the columns' own types, exactly as ``add_documents`` stores
        them, then handed to the driver's ``executemany`` in one statement, which is several
        times faster than SQLAlchemy's per-row parameter handling for millions of rows.

        Raises:
            ConfigError: ``table`` is not one of the store's tables, or a row lacks a column.
        """
        if table not in _T:
            raise ConfigError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        if not rows:
            return
        columns = [c for c in _T[table].columns if c.name in rows[0]]
        dialect = self.engine.dialect
        processors = [
            c.type.bind_processor(dialect) or (_json_text if isinstance(c.type, JSON) else None)
            for c in columns
        ]
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        names = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(marker for _ in columns)})"
        try:
            values = [
                tuple(
                    p(row[c.name]) if p is not None else row[c.name]
                    for c, p in zip(columns, processors, strict=True)
                )
                for row in rows
            ]
        except KeyError as error:
            raise ConfigError(f"a row for {table} lacks column {error}") from error
        with self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                conn.exec_driver_sql(sql, values)

    def checkpoint(self) -> None:
        """Fold SQLite's write-ahead log into the database file (so its size is the store's)."""
        if self.dialect == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a bulk load)."""
        with self.engine.connect() as conn, conn.begin():
            conn.exec_driver_sql("ANALYZE")

    # ---- reading documents -------------------------------------------------------------

    def get_document(self, document_id: str) -> Document:
        """Return a stored document exactly as it was added.

        Raises:
            NotFoundError: No document has this id.
        """
        with self.engine.connect() as conn:
            row = conn.execute(
                select(_DocumentRow).where(_DocumentRow.id == document_id)
            ).one_or_none()
            if row is None:
                raise NotFoundError(f"no document with id {document_id!r}")
            return self._document(conn, row)

    def iter_documents(self, *, batch: int = 100) -> Iterator[Document]:
        """Every stored document, in ingest order."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(_DocumentRow)
                    .where(_DocumentRow.seq > last)
                    .order_by(_DocumentRow.seq)
                    .limit(batch)
                ).all()
                docs = [self._document(conn, row) for row in rows]
            yield from docs
            if len(rows) < batch:
                return
            last = rows[-1].seq

    def _document(self, conn: Connection, row: Any) -> Document:
        doc_id, text_ = row.id, row.text

        def children(model: type[_Base], order: Sequence[Any]) -> list[Any]:
            table = model.__table__
            return list(
                conn.execute(select(table).where(table.c.document_id == doc_id).order_by(*order))
            )

        mentions: dict[tuple[str, str], list[Span]] = {}
        for m in children(_ActorMentionRow, [_ActorMentionRow.actor_id, _ActorMentionRow.ordinal]):
            mentions.setdefault(("a", m.actor_id), []).append(
                Span(start=m.start, end=m.end, text=m.text)
            )
        for m in children(_PlaceMentionRow, [_PlaceMentionRow.place_id, _PlaceMentionRow.ordinal]):
            mentions.setdefault(("p", m.place_id), []).append(
                Span(start=m.start, end=m.end, text=m.text)
            )
        actors = [
            Actor(
                id=a.actor_id,
                name=a.name,
                kind=a.kind,
                roles=a.roles,
                code=a.code,
                country=a.country,
                mentions=mentions.get(("a", a.actor_id), []),
            )
            for a in children(_ActorRow, [_ActorRow.ordinal])
        ]
        places = [
            Place(
                id=p.place_id,
                name=p.name,
                lat=p.lat,
                lon=p.lon,
                country=p.country,
                admin1=p.admin1,
                geonames_id=p.geonames_id,
                feature_class=p.feature_class,
                mentions=mentions.get(("p", p.place_id), []),
            )
            for p in children(_PlaceRow, [_PlaceRow.ordinal])
        ]
        events = [
            Event.model_validate(r.data)
            for r in children(_EventReportRow, [_EventReportRow.ordinal])
        ]
        quotes = [
            Quote(
                id=q.quote_id,
                kind=q.kind,
                text=q.text,
                start=q.start,
                end=q.end,
                speaker=q.speaker,
                speaker_text=q.speaker_text,
                speaker_span=q.speaker_span,
                cue=q.cue,
                cue_span=q.cue_span,
                segments=[_expand_span(v, text_) for v in q.segments or []],
            )
            for q in children(_QuoteRow, [_QuoteRow.ordinal])
        ]
        checks = [
            Check(
                kind=c.kind,
                severity=c.severity,
                message=c.message,
                values=c.values,
                evidence=c.evidence,
            )
            for c in children(_CheckRow, [_CheckRow.ordinal])
        ]
        return Document(
            document=DocumentInfo(
                id=doc_id,
                source=row.source,
                title=row.title,
                published=row.published,
                url=row.url,
                author=row.author,
                language=row.language,
                text=text_,
            ),
            blocks=[Block(kind=b[0], span=_expand_span(b[1:], text_)) for b in row.blocks],
            actors=actors,
            places=places,
            times=[TimeExpression.model_validate(t) for t in row.times],
            events=events,
            quotes=quotes,
            checks=checks,
            model=row.model,
            newsgraph_version=row.newsgraph_version,
        )

    # ---- full text -----------------------------------------------------------------------

    def _matching_documents(self, query: str) -> ColumnElement[bool] | TextClause:
        """A condition on ``documents`` that holds for documents matching ``query``."""
        if self.dialect == "sqlite":
            return _DocumentRow.seq.in_(
                text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :fts").bindparams(
                    fts=fts5_query(query)
                )
            )
        return text("documents.search @@ websearch_to_tsquery('english', :fts)").bindparams(
            fts=query
        )

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Documents matching a full-text query, best first, with a highlighted snippet.

        Words are all required; "quoted words" must appear as a phrase.

        Raises:
            ConfigError: The query has no words.
        """
        if self.dialect == "sqlite":
            sql = text(
                "SELECT d.id, d.title, d.published, d.url, d.source, "
                "snippet(documents_fts, 1, '[', ']', '…', 16) AS snippet, "
                "bm25(documents_fts, 2.0, 1.0) AS rank "
                "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                "WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"
            ).bindparams(q=fts5_query(query), n=limit)
        else:
            fts5_query(query)  # same validation as on SQLite
            sql = text(
                "SELECT d.id, d.title, d.published, d.url, d.source, "
                "ts_headline('english', d.text, q, 'StartSel=[,StopSel=],MaxWords=24,"
                "MinWords=8') AS snippet, -ts_rank_cd(d.search, q) AS rank "
                "FROM documents d, websearch_to_tsquery('english', :q) q "
                "WHERE d.search @@ q ORDER BY rank LIMIT :n"
            ).bindparams(q=query, n=limit)
        with self.engine.connect() as conn:
            rows = conn.execute(sql).all()
        return [
            SearchHit(
                document_id=r.id,
                title=r.title,
                published=_as_date(r.published),
                url=r.url,
                source=r.source,
                snippet=" ".join(str(r.snippet).split()),
                rank=float(r.rank),
            )
            for r in rows
        ]

    # ---- events ------------------------------------------------------------------------

    def iter_events(
        self, filters: EventFilter | None = None, cursor: str | None = None, limit: int = 50
    ) -> Page[StoredEvent]:
        """One page of canonical events in date order (undated first), oldest first.

        Args:
            filters: Conditions every event must meet.
            cursor: The ``next`` of the previous page; None for the first page.
            limit: Events per page.

        Raises:
            ConfigError: The cursor is not one this method returned.
        """
        filters = filters or EventFilter()
        if limit < 1:
            raise ConfigError(f"limit must be at least 1, got {limit}")
        query, day_col, id_col = self._events_query(filters)
        if cursor:
            values = _decode_cursor(cursor)
            if len(values) != 2:
                raise ConfigError(f"invalid cursor {cursor!r}: pass the 'next' value of a page")
            day, last_id = values
            if day is None:
                after = or_(and_(day_col.is_(None), id_col > last_id), day_col.is_not(None))
            else:
                when = date.fromisoformat(day)
                after = or_(day_col > when, and_(day_col == when, id_col > last_id))
            query = query.where(after)
        query = query.order_by(day_col.asc().nulls_first(), id_col).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            more = len(rows) > limit
            rows = rows[:limit]
            items = self._stored_events(conn, rows)
        next_cursor = None
        if more and rows:
            last = rows[-1]
            day_value = _as_date(last.day)
            next_cursor = _encode_cursor([day_value.isoformat() if day_value else None, last.id])
        return _EventPage(items=items, next=next_cursor)

    def all_events(self, filters: EventFilter | None = None) -> Iterator[StoredEvent]:
        """Every canonical event matching ``filters``, page after page (for exports)."""
        cursor: str | None = None
        while True:
            page = self.iter_events(filters, cursor, limit=500)
            yield from page.items
            if page.next is None:
                return
            cursor = page.next

    def get_event(self, event_id: int | str) -> StoredEvent:
        """Return one canonical event with its reports.

        Raises:
            NotFoundError: No event has this id.
        """
        try:
            key = int(event_id)
        except ValueError as error:
            raise NotFoundError(f"no event with id {event_id!r}") from error
        with self.engine.connect() as conn:
            rows = conn.execute(select(_EventRow).where(_EventRow.id == key)).all()
            if not rows:
                raise NotFoundError(f"no event with id {event_id!r}")
            return self._stored_events(conn, rows)[0]

    def _events_query(self, filters: EventFilter) -> tuple[Select[Any], Any, Any]:
        """The filtered query and the (day, id) columns it is ordered and paged by.

        With an actor or a country, the query walks ``event_keys`` in (key, day, event)
        order, so a page costs the same for an actor with ten events or with a million;
        otherwise it walks ``events`` by (day, id), or by (type, day, id) for one type.
        """
        E = _EventRow
        keys: list[str] = []
        if filters.actor:
            keys.append(f"actor:{name_key(filters.actor)}")
        if filters.country:
            keys.append(f"country:{filters.country.strip().upper()}")
        query: Select[Any]
        if keys:
            K = _EventKeyRow
            query = select(E).join(K, K.event_id == E.id).where(K.key == keys[0])
            day_col, id_col = K.day, K.event_id
            for key in keys[1:]:
                other = aliased(_EventKeyRow)
                query = query.where(exists().where(other.key == key, other.event_id == E.id))
        else:
            query = select(E)
            day_col, id_col = E.day, E.id
        if filters.type:
            value = filters.type.strip()
            if value.isdigit():
                upper = value[:-1] + chr(ord(value[-1]) + 1)
                query = query.where(E.cameo >= value, E.cameo < upper)
            else:
                query = query.where(E.type == value.upper())
        if filters.since:
            query = query.where(day_col >= filters.since)
        if filters.until:
            query = query.where(day_col <= filters.until)
        if filters.text:
            R, D = _EventReportRow, _DocumentRow
            matching = (
                select(R.canonical_id)
                .join(D, D.id == R.document_id)
                .where(self._matching_documents(filters.text))
            )
            query = query.where(E.id.in_(matching))
        if filters.min_reports:
            query = query.where(E.num_reports >= filters.min_reports)
        if filters.story:
            try:
                story = int(filters.story)
            except ValueError as error:
                raise NotFoundError(f"no story with id {filters.story!r}") from error
            R, SD = _EventReportRow, _StoryDocumentRow
            in_story = (
                select(R.canonical_id)
                .join(SD, SD.document_id == R.document_id)
                .where(SD.story_id == story)
            )
            query = query.where(E.id.in_(in_story))
        return query, day_col, id_col

    def _stored_events(self, conn: Connection, rows: Sequence[Any]) -> list[StoredEvent]:
        if not rows:
            return []
        ids = [r.id for r in rows]
        actors: dict[int, list[ActorRef]] = {}
        for a in conn.execute(
            select(_EventActorRow)
            .where(_EventActorRow.event_id.in_(ids))
            .order_by(_EventActorRow.event_id, _EventActorRow.position)
        ):
            actors.setdefault(a.event_id, []).append(
                ActorRef(
                    role=a.role,
                    id=a.actor_id,
                    name=a.name,
                    kind=a.kind,
                    code=a.code,
                    country=a.country,
                )
            )
        R, D = _EventReportRow, _DocumentRow
        reports: dict[int, list[EventReport]] = {}
        for r in conn.execute(
            select(
                R.canonical_id,
                R.document_id,
                R.event_id,
                R.evidence_start,
                R.evidence_end,
                func.substr(D.text, R.evidence_start + 1, R.evidence_end - R.evidence_start).label(
                    "evidence_text"
                ),
                D.title,
                D.url,
                D.source,
                D.published,
            )
            .join(D, D.id == R.document_id)
            .where(R.canonical_id.in_(ids))
            .order_by(R.canonical_id, D.published, R.document_id, R.ordinal)
        ):
            reports.setdefault(r.canonical_id, []).append(
                EventReport(
                    document_id=r.document_id,
                    event_id=r.event_id,
                    evidence=Span(
                        start=r.evidence_start, end=r.evidence_end, text=r.evidence_text or ""
                    ),
                    title=r.title,
                    url=r.url,
                    source=r.source,
                    published=_as_date(r.published),
                )
            )
        checks: dict[int, list[EventCheck]] = {}
        C = _EventCheckRow
        for c in conn.execute(select(C).where(C.event_id.in_(ids)).order_by(C.event_id, C.ordinal)):
            checks.setdefault(c.event_id, []).append(
                EventCheck(
                    kind=c.kind,
                    severity=c.severity,
                    message=c.message,
                    values=c.values,
                    evidence=c.evidence,
                )
            )
        SD = _StoryDocumentRow
        founders = {r.id: reports[r.id][0].document_id for r in rows if reports.get(r.id)}
        story_of = {
            d: s
            for d, s in conn.execute(
                select(SD.document_id, SD.story_id).where(
                    SD.document_id.in_(set(founders.values()))
                )
            )
        }
        return [
            StoredEvent.model_validate(
                {
                    **row.data,
                    "id": str(row.id),
                    "day": _as_date(row.day),
                    "is_root": bool(row.is_root),
                    "actors": actors.get(row.id, []),
                    "location": row.location,
                    "reports": reports.get(row.id, []),
                    "checks": checks.get(row.id, []),
                    "story": (
                        str(story_of[founders[row.id]])
                        if founders.get(row.id) in story_of
                        else None
                    ),
                }
            )
            for row in rows
        ]

    # ---- quotes ------------------------------------------------------------------------

    def iter_quotes(
        self, filters: QuoteFilter | None = None, cursor: str | None = None, limit: int = 50
    ) -> Page[StoredQuote]:
        """One page of quotes, by publication date then document and position.

        Raises:
            ConfigError: The cursor is not one this method returned.
        """
        filters = filters or QuoteFilter()
        Q, D = _QuoteRow, _DocumentRow
        conditions: list[ColumnElement[bool]] = []
        if filters.speaker:
            conditions.append(Q.speaker_key == name_key(filters.speaker))
        if filters.since:
            conditions.append(Q.day >= filters.since)
        if filters.until:
            conditions.append(Q.day <= filters.until)
        if filters.text:
            conditions.append(
                Q.document_id.in_(select(D.id).where(self._matching_documents(filters.text)))
            )
        if cursor:
            values = _decode_cursor(cursor)
            if len(values) != 3:
                raise ConfigError(f"invalid cursor {cursor!r}: pass the 'next' value of a page")
            day, doc_id, ordinal = values
            after_key = or_(
                Q.document_id > doc_id, and_(Q.document_id == doc_id, Q.ordinal > ordinal)
            )
            if day is None:
                conditions.append(or_(and_(Q.day.is_(None), after_key), Q.day.is_not(None)))
            else:
                when = date.fromisoformat(day)
                conditions.append(or_(Q.day > when, and_(Q.day == when, after_key)))
        query = (
            select(Q, D.title, D.url, D.text.label("doc_text"))
            .join(D, D.id == Q.document_id)
            .where(*conditions)
            .order_by(Q.day.asc().nulls_first(), Q.document_id, Q.ordinal)
            .limit(limit + 1)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [
            StoredQuote(
                id=q.quote_id,
                kind=q.kind,
                text=q.text,
                start=q.start,
                end=q.end,
                speaker=q.speaker,
                speaker_text=q.speaker_text,
                speaker_span=q.speaker_span,
                cue=q.cue,
                cue_span=q.cue_span,
                document_id=q.document_id,
                speaker_name=q.speaker_name,
                title=q.title,
                published=_as_date(q.day),
                url=q.url,
            )
            for q in rows
        ]
        next_cursor = None
        if more and rows:
            last = rows[-1]
            day_value = _as_date(last.day)
            next_cursor = _encode_cursor(
                [day_value.isoformat() if day_value else None, last.document_id, last.ordinal]
            )
        return _QuotePage(items=items, next=next_cursor)

    # ---- statistics --------------------------------------------------------------------

    # ---- stories, actors, network, corpus checks ---------------------------------------

    def event_checks(self, *, severity: str | None = None, limit: int = 100) -> list[StoredEvent]:
        """Canonical events whose reports disagree on a count, latest first, with the checks.

        Args:
            severity: Only checks of this severity (``warning`` or ``info``).
            limit: How many events.
        """
        C, E = _EventCheckRow, _EventRow
        flagged = select(C.event_id)
        if severity:
            flagged = flagged.where(C.severity == severity)
        query = (
            select(E)
            .where(E.id.in_(flagged))
            .order_by(E.day.desc().nulls_last(), E.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            events = self._stored_events(conn, rows)
        if severity:
            events = [
                e.model_copy(update={"checks": [c for c in e.checks if c.severity == severity]})
                for e in events
            ]
        return events

    def stories(
        self, *, since: date | None = None, until: date | None = None, limit: int = 50
    ) -> list[StoryRecord]:
        """Stories, most recently active first, with their event counts."""
        S, SD, R = _StoryRow, _StoryDocumentRow, _EventReportRow
        query = select(S)
        if since:
            query = query.where(S.last_day >= since)
        if until:
            query = query.where(S.first_day <= until)
        query = query.order_by(S.last_day.desc().nulls_last(), S.id).limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            ids = [r.id for r in rows]
            events = dict(
                conn.execute(
                    select(SD.story_id, func.count(func.distinct(R.canonical_id)))
                    .join(R, R.document_id == SD.document_id)
                    .where(SD.story_id.in_(ids))
                    .group_by(SD.story_id)
                ).all()
            )
        return [
            StoryRecord(
                id=str(r.id),
                title=r.title,
                first_day=_as_date(r.first_day),
                last_day=_as_date(r.last_day),
                num_documents=r.num_documents,
                num_events=int(events.get(r.id, 0)),
                top_words=list(r.words.get("words", {}))[:10],
                actors=list(r.words.get("actors", []))[:10],
            )
            for r in rows
        ]

    def actor_profiles(self, name: str | None = None, *, limit: int = 50) -> list[ActorProfile]:
        """Actors across the corpus, most reported first: one per name, kind and country.

        Args:
            name: Only this actor (case-insensitive, exact name).
            limit: How many actors.
        """
        A, D, EA = _ActorRow, _DocumentRow, _EventActorRow
        group = (A.name_key, A.kind, A.country)
        query = (
            select(*group, func.count(func.distinct(A.document_id)).label("documents"))
            .group_by(*group)
            .order_by(func.count(func.distinct(A.document_id)).desc(), A.name_key)
            .limit(limit)
        )
        if name:
            query = query.where(A.name_key == name_key(name))
        profiles: list[ActorProfile] = []
        with self.engine.connect() as conn:
            for key, kind, country, documents in conn.execute(query).all():
                rows = conn.execute(
                    select(A.name, A.code, A.roles, D.published)
                    .join(D, D.id == A.document_id)
                    .where(A.name_key == key, A.kind == kind)
                    .where(A.country.is_(None) if country is None else A.country == country)
                    .order_by(D.published)
                ).all()
                events = conn.execute(
                    select(func.count(func.distinct(EA.event_id))).where(EA.name_key == key)
                ).scalar()
                days = [d for d in (_as_date(r.published) for r in rows) if d is not None]
                roles: dict[tuple[Any, ...], dict[str, Any]] = {}
                for r in rows:
                    day = _as_date(r.published)
                    for role in r.roles or []:
                        role_key = tuple(role.get(f) for f in ("title", "organization", "country"))
                        entry = roles.setdefault(
                            role_key, {"first": day, "last": day, "documents": 0}
                        )
                        entry["documents"] += 1
                        if day and (entry["first"] is None or day < entry["first"]):
                            entry["first"] = day
                        if day and (entry["last"] is None or day > entry["last"]):
                            entry["last"] = day
                names = Counter(r.name for r in rows)
                profiles.append(
                    ActorProfile(
                        name=names.most_common(1)[0][0] if names else key,
                        kind=kind,
                        country=country,
                        codes=sorted({r.code for r in rows if r.code}),
                        documents=int(documents),
                        events=int(events or 0),
                        first_seen=min(days) if days else None,
                        last_seen=max(days) if days else None,
                        roles=[
                            ActorRole(
                                title=t,
                                organization=o,
                                country=c,
                                first_seen=e["first"],
                                last_seen=e["last"],
                                documents=e["documents"],
                            )
                            for (t, o, c), e in sorted(
                                roles.items(), key=lambda kv: kv[1]["first"] or date.min
                            )
                        ],
                    )
                )
        return profiles

    def network(self, filters: EventFilter | None = None) -> Network:
        """The actor interaction network: one edge per (source, target) pair of events.

        Edges count canonical events (not reports) by PLOVER type and QuadClass, with the
        mean Goldstein score; nodes are actors by case-folded name.
        """
        filters = filters or EventFilter()
        query, _day_col, _id_col = self._events_query(filters)
        selected = query.with_only_columns(_EventRow.id).subquery()
        S, T, E = aliased(_EventActorRow), aliased(_EventActorRow), _EventRow
        pairs = (
            select(
                S.name_key.label("src"),
                T.name_key.label("tgt"),
                E.type,
                E.quad_class,
                func.count().label("n"),
                func.sum(E.goldstein).label("g"),
                func.count(E.goldstein).label("gn"),
            )
            .join(T, and_(T.event_id == S.event_id, T.role == "target"))
            .join(E, E.id == S.event_id)
            .where(S.role == "source", S.event_id.in_(select(selected.c.id)))
            .where(S.name_key != T.name_key)
            .group_by(S.name_key, T.name_key, E.type, E.quad_class)
        )
        edges: dict[tuple[str, str], dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for pair in conn.execute(pairs):
                empty = {"events": 0, "types": Counter(), "quads": Counter(), "g": 0.0, "gn": 0}
                edge = edges.setdefault((pair.src, pair.tgt), empty)
                edge["events"] += pair.n
                edge["types"][pair.type] += pair.n
                if pair.quad_class is not None:
                    edge["quads"][str(pair.quad_class)] += pair.n
                edge["g"] += float(pair.g or 0.0)
                edge["gn"] += int(pair.gn or 0)
            keys = sorted({k for pair in edges for k in pair})
            nodes: dict[str, NetworkNode] = {}
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                for row in conn.execute(
                    select(
                        _EventActorRow.name_key,
                        func.min(_EventActorRow.name),
                        func.min(_EventActorRow.kind),
                        func.min(_EventActorRow.country),
                        func.min(_EventActorRow.code),
                        func.count(func.distinct(_EventActorRow.event_id)),
                    )
                    .where(_EventActorRow.name_key.in_(chunk))
                    .group_by(_EventActorRow.name_key)
                ):
                    key, name, kind, country, code, count = row
                    nodes[key] = NetworkNode(
                        id=key, name=name, kind=kind, country=country, code=code, events=count
                    )
        return Network(
            nodes=[nodes[k] for k in keys if k in nodes],
            edges=[
                NetworkEdge(
                    source=s,
                    target=t,
                    events=e["events"],
                    types=dict(e["types"].most_common()),
                    quad_classes=dict(sorted(e["quads"].items())),
                    mean_goldstein=round(e["g"] / e["gn"], 3) if e["gn"] else None,
                )
                for (s, t), e in sorted(edges.items(), key=lambda kv: (-kv[1]["events"], kv[0]))
            ],
        )

    def stats(self) -> StoreStats:
        """Row counts, the span of event days, events by type and the database size."""
        counts: dict[str, int] = {}
        with self.engine.connect() as conn:
            for name in (
                "documents",
                "actors",
                "places",
                "events",
                "event_reports",
                "quotes",
                "checks",
                "event_checks",
                "stories",
            ):
                counts[name] = int(
                    conn.execute(select(func.count()).select_from(_T[name])).scalar() or 0
                )
            first, last = conn.execute(
                select(func.min(_EventRow.day), func.max(_EventRow.day))
            ).one()
            types = {
                str(t): int(n)
                for t, n in conn.execute(
                    select(_EventRow.type, func.count())
                    .group_by(_EventRow.type)
                    .order_by(func.count().desc(), _EventRow.type)
                )
            }
            if self.dialect == "sqlite":
                size = conn.exec_driver_sql(
                    "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
                ).scalar()
            else:
                size = conn.execute(
                    text(
                        "SELECT sum(pg_total_relation_size(quote_ident(t))) FROM "
                        "unnest(CAST(:tables AS text[])) AS t"
                    ).bindparams(tables=list(TABLES))
                ).scalar()
        return StoreStats(
            url=self.engine.url.render_as_string(hide_password=True),
            first_day=_as_date(first),
            last_day=_as_date(last),
            event_types=types,
            size_bytes=int(size) if size is not None else None,
            **counts,
        )


def _json_text(value: Any) -> str | None:
    """JSON for drivers that leave it to a wrapper object (psycopg): the text PostgreSQL casts."""
    return None if value is None else json.dumps(value)


def _as_date(value: Any) -> date | None:
    """Dates come back as ``date`` from typed columns and as ISO strings from raw SQL."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
