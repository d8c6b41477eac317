"""The corpus: a SQL store of analysed documents, incremental ingest, queries and exports.

``Store`` (in ``store.py``, the only module that imports SQLAlchemy) is the API; the CLI
commands ``ingest``, ``events``, ``quotes``, ``search``, ``stats``, ``export`` and ``db`` are
thin wrappers over it, ``ingest.ingest`` and ``export.export_events``.
"""

from newsgraph.corpus.records import (
    ActorRef,
    EventFilter,
    EventReport,
    IngestStats,
    Page,
    PlaceRef,
    QuoteFilter,
    SearchHit,
    StoredEvent,
    StoredQuote,
    StoreStats,
)
from newsgraph.corpus.store import DEFAULT_URL, Store

__all__ = [
    "DEFAULT_URL",
    "ActorRef",
    "EventFilter",
    "EventReport",
    "IngestStats",
    "Page",
    "PlaceRef",
    "QuoteFilter",
    "SearchHit",
    "Store",
    "StoreStats",
    "StoredEvent",
    "StoredQuote",
]
