"""The store against a real SQLite file: round trips, idempotence, atomic batches, queries."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from corpus_docs import FIXTURE_INPUTS, make_document
from spacy.language import Language

from newsgraph.corpus.records import EventFilter, QuoteFilter
from newsgraph.corpus.store import (
    HEAD_REVISION,
    MIGRATIONS,
    Store,
    canonical_event_id,
    fts5_query,
    normalise_url,
)
from newsgraph.errors import ConfigError, NotFoundError, StoreError
from newsgraph.ingest.readers import RawArticle, iter_articles
from newsgraph.model.document import Document
from newsgraph.process import extract_many
from newsgraph.settings import get_settings


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A real SQLite file (sqlite-utils' fixture)."""
    return tmp_path / "store.db"


def postgres_store() -> Store:
    """A store in an emptied PostgreSQL database (NEWSGRAPH_TEST_POSTGRES_URL), or a skip."""
    url = os.environ.get("NEWSGRAPH_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("NEWSGRAPH_TEST_POSTGRES_URL is not set")
    bare = Store.open(url, check=False)
    with bare.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    bare.close()
    with pytest.raises(StoreError, match="newsgraph db upgrade"):
        Store.open(url)  # PostgreSQL is never migrated behind the owner's back
    return Store.open(url, upgrade=True)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Store]:
    """The same tests on a real SQLite file and on a real PostgreSQL server."""
    opened = Store.open(db_path) if request.param == "sqlite" else postgres_store()
    with opened:
        yield opened


@pytest.fixture(scope="module")
def processed(nlp: Language) -> list[Document]:
    """The fixture and sample articles, analysed by the full pipeline."""
    items = [
        i
        for i in iter_articles(FIXTURE_INPUTS, settings=get_settings())
        if isinstance(i, RawArticle)
    ]
    return [d for d in extract_many(items, nlp=nlp) if isinstance(d, Document)]


@pytest.mark.model
def test_store_get_document_round_trips_pipeline_output(
    store: Store, processed: list[Document]
) -> None:
    assert len(processed) >= 20
    assert sum(len(d.events) for d in processed) > 0
    assert sum(len(d.quotes) for d in processed) > 0
    stats = store.add_documents(processed)
    assert stats.added == len({d.id for d in processed})
    for doc in processed:
        assert store.get_document(doc.id) == doc
        assert store.get_document(doc.id).model_dump_json() == doc.model_dump_json()


@pytest.mark.parametrize("day", [date(2025, 4, 9), None])
def test_store_round_trips_every_field(store: Store, day: date | None) -> None:
    doc = make_document(day=day, url="https://www.example.org/a")
    store.add_documents([doc])
    assert store.get_document(doc.id) == doc
    assert store.get_document(doc.id).model_dump_json() == doc.model_dump_json()


@pytest.mark.parametrize("cities", [("Kherson", "Mykolaiv", "Odesa")])
def test_store_add_documents_skips_stored_ids(store: Store, cities: tuple[str, ...]) -> None:
    docs = [make_document(c) for c in cities]
    first = store.add_documents(docs[:2])
    assert (first.added, first.skipped, first.events) == (2, 0, 2)
    again = store.add_documents([docs[0], docs[2], docs[2]])
    assert (again.added, again.skipped) == (1, 2)
    assert store.stats().documents == 3
    assert store.stats().events == 3
    assert store.has_document(docs[2].id)
    assert not store.has_document("0" * 32)


@pytest.mark.parametrize("failing_table", ["quotes", "event_actors"])
def test_store_batch_is_one_transaction(
    store: Store, monkeypatch: pytest.MonkeyPatch, failing_table: str
) -> None:
    """A write failing half-way through a batch leaves no row of the batch behind."""
    from sqlalchemy.engine import Connection

    real_execute = Connection.execute

    def execute(self: Connection, statement: object, *args: object, **kwargs: object) -> object:
        table = getattr(statement, "table", None)
        if getattr(table, "name", None) == failing_table:
            raise RuntimeError("disk on fire")
        return real_execute(self, statement, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Connection, "execute", execute)
    with pytest.raises(RuntimeError):
        store.add_documents([make_document("Kherson"), make_document("Sumy")])
    monkeypatch.undo()
    stats = store.stats()
    assert (stats.documents, stats.actors, stats.events, stats.quotes) == (0, 0, 0, 0)
    assert store.search("shelled") == []


def test_store_get_document_unknown_id(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no document"):
        store.get_document("deadbeef")


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("mysql://u@h/db", ConfigError),
        ("sqlite:///:memory:", ConfigError),
        ("://nohost", ConfigError),
    ],
)
def test_store_open_rejects_unusable_urls(url: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        Store.open(url)


def test_store_open_without_create_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no store at"):
        Store.open(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("news.db", "sqlite:///news.db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5/db", "postgresql+psycopg://u@h:5/db"),
        (None, "sqlite:///newsgraph.db"),
    ],
)
def test_store_normalise_url(given: str | None, url: str) -> None:
    assert normalise_url(given) == url


def test_store_migration_matches_the_orm_schema(store: Store) -> None:
    """The hand-kept revision creates exactly the tables and indexes the ORM declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from newsgraph.corpus.store import metadata

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION
    assert store.revision() == HEAD_REVISION
    postgres = store.dialect == "postgresql"

    def include(obj: object, name: str | None, kind: str, reflected: bool, other: object) -> bool:
        # full-text objects are made by hand (FTS5 tables; tsvector column and GIN index), and
        # on PostgreSQL the date indexes order "day" NULLS FIRST, which the ORM cannot spell
        name = str(name)
        if name.startswith("documents_fts") or name in ("search", "ix_documents_search"):
            return False
        return not (postgres and kind == "index" and "_day" in name)

    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include}
        )
        assert compare_metadata(context, metadata) == []


def test_store_reopen_keeps_data_and_revision(db_path: Path) -> None:
    doc = make_document()
    with Store.open(db_path) as first:
        first.add_documents([doc])
    with Store.open(db_path, create=False) as second:
        assert second.revision() == HEAD_REVISION
        assert second.get_document(doc.id) == doc


def _three_reports(store: Store) -> list[Document]:
    docs = [
        make_document("Kherson", day=date(2025, 4, 9)),
        make_document(
            "Sumy",
            day=date(2025, 4, 11),
            attacker="Russian Defence Ministry",
            attacker_code="RUSMIL",
            url="https://example.org/sumy",
        ),
        make_document(
            "Odesa",
            day=date(2025, 4, 10),
            event_type="COERCE",
            cameo="172",
            event_date="2025-04-07",
        ),
        make_document("Izium", day=None),
    ]
    store.add_documents(docs)
    return docs


def test_store_iter_events_date_order_and_reports(store: Store) -> None:
    docs = _three_reports(store)
    page = store.iter_events()
    days = [e.day for e in page.items]
    assert days == [None, date(2025, 4, 7), date(2025, 4, 9), date(2025, 4, 11)]
    odesa = page.items[1]
    assert odesa.type == "COERCE"
    assert odesa.id == str(canonical_event_id(docs[2].id, "e1"))
    assert [r.document_id for r in odesa.reports] == [docs[2].id]
    report = odesa.reports[0]
    assert report.evidence == docs[2].events[0].evidence
    assert report.published == date(2025, 4, 10)
    assert [(a.role, a.name) for a in odesa.actors] == [
        ("source", "Russia"),
        ("target", "Ukraine"),
        ("participant", "Ivan Petrenko"),
    ]
    assert odesa.location is not None and odesa.location.name == "Odesa"
    assert odesa.is_root
    assert store.get_event(odesa.id) == odesa


@pytest.mark.parametrize(
    ("filters", "cities"),
    [
        (EventFilter(actor="russia"), ["Izium", "Odesa", "Kherson"]),
        (EventFilter(actor="RUSMIL"), ["Sumy"]),
        (EventFilter(actor="ivan petrenko"), ["Izium", "Odesa", "Kherson", "Sumy"]),
        (EventFilter(type="assault"), ["Izium", "Kherson", "Sumy"]),
        (EventFilter(type="17"), ["Odesa"]),
        (EventFilter(type="19"), ["Izium", "Kherson", "Sumy"]),
        (EventFilter(country="RUS"), ["Izium", "Odesa", "Kherson", "Sumy"]),
        (EventFilter(country="FRA"), []),
        (EventFilter(since=date(2025, 4, 9)), ["Kherson", "Sumy"]),
        (EventFilter(until=date(2025, 4, 9)), ["Odesa", "Kherson"]),
        (EventFilter(text="Sumy"), ["Sumy"]),
        (EventFilter(text="shelled", type="COERCE"), ["Odesa"]),
    ],
)
def test_store_iter_events_filters(store: Store, filters: EventFilter, cities: list[str]) -> None:
    _three_reports(store)
    found = [e.location.name for e in store.iter_events(filters).items if e.location]
    assert found == cities


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_store_iter_events_pages_cover_everything_once(store: Store, limit: int) -> None:
    _three_reports(store)
    everything = store.iter_events(limit=100).items
    seen = []
    cursor = None
    while True:
        page = store.iter_events(cursor=cursor, limit=limit)
        seen.extend(page.items)
        if page.next is None:
            break
        cursor = page.next
    assert seen == everything
    assert list(store.all_events()) == everything


def test_store_iter_events_rejects_a_forged_cursor(store: Store) -> None:
    with pytest.raises(ConfigError, match="invalid cursor"):
        store.iter_events(cursor="not-a-cursor")


def test_store_quotes_by_speaker(store: Store) -> None:
    docs = _three_reports(store)
    page = store.iter_quotes(QuoteFilter(speaker="IVAN PETRENKO"), limit=2)
    assert len(page.items) == 2 and page.next
    rest = store.iter_quotes(QuoteFilter(speaker="Ivan Petrenko"), cursor=page.next)
    quotes = page.items + rest.items
    assert len(quotes) == len(docs)
    assert {q.document_id for q in quotes} == {d.id for d in docs}
    assert all(q.speaker_name == "Ivan Petrenko" for q in quotes)
    assert quotes[0].text == docs[0].quotes[0].text
    assert store.iter_quotes(QuoteFilter(speaker="Nobody")).items == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Mykolaiv", ["Mykolaiv"]),
        ('"asleep in their homes"', ["Kherson", "Mykolaiv"]),
        ("U.S. envoy", []),
    ],
)
def test_store_search(store: Store, query: str, expected: list[str]) -> None:
    store.add_documents([make_document("Kherson"), make_document("Mykolaiv")])
    hits = store.search(query)
    assert sorted(h.title.split()[-3].rstrip(",") for h in hits if h.title) == expected
    for hit in hits:
        assert "[" in hit.snippet


@pytest.mark.parametrize(
    ("query", "fts"), [("U.S. aid", '"U" "S" "aid"'), ('"a b" c', '"a b" "c"')]
)
def test_store_fts5_query_quotes_every_word(query: str, fts: str) -> None:
    assert fts5_query(query) == fts


def test_store_search_needs_words(store: Store) -> None:
    with pytest.raises(ConfigError, match="no words"):
        store.search("-- ::")


def test_store_stats(store: Store) -> None:
    _three_reports(store)
    stats = store.stats()
    assert (stats.documents, stats.events, stats.event_reports, stats.checks) == (4, 4, 4, 4)
    assert stats.actors == 12 and stats.places == 4 and stats.quotes == 4
    assert (stats.first_day, stats.last_day) == (date(2025, 4, 7), date(2025, 4, 11))
    assert stats.event_types == {"ASSAULT": 3, "COERCE": 1}
    assert stats.size_bytes and stats.size_bytes > 0


def test_store_refuses_a_database_at_another_revision(db_path: Path) -> None:
    import sqlite3

    Store.open(db_path).close()
    db = sqlite3.connect(db_path)
    db.execute("UPDATE alembic_version SET version_num = 'ffff'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="revision ffff"):
        Store.open(db_path, upgrade=False)
