"""Alembic environment: runs the corpus migrations on the connection ``Store`` hands over.

``Store.upgrade()`` passes its open connection in ``config.attributes["connection"]``, so
migrations run inside the store's own transaction; a ``sqlalchemy.url`` main option works too
(for ``alembic upgrade --sql`` style offline scripts).
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from newsgraph.corpus.store import metadata

config = context.config

FTS_TABLES = ("documents_fts",)
"""Objects the migrations create by hand, outside the ORM metadata (full-text search)."""


def _include_object(obj: Any, name: str | None, kind: str, reflected: bool, other: Any) -> bool:
    """Leave full-text objects (FTS5 tables, the tsvector column and its index) alone."""
    if kind == "table" and name is not None and name.startswith(FTS_TABLES):
        return False
    if kind == "column" and name == "search":
        return False
    return not (kind == "index" and name == "ix_documents_search")


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=_include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Write the SQL instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run on the store's connection, or on one opened from ``sqlalchemy.url``."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(str(config.get_main_option("sqlalchemy.url")), poolclass=NullPool)
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
