"""Initial schema: documents, actors, places, mentions, events, event reports, quotes, checks.

Events get an inverted index by actor and country (``event_keys``) ordered by day, so that
"this actor's events in date order" reads one page of an index, whatever the corpus size.

Also the full-text index over documents' titles and texts: an FTS5 table kept in sync by
triggers (so in the same transaction as the insert) on SQLite, a generated tsvector column
with a GIN index on PostgreSQL. Date-ordered indexes put undated rows first on both databases,
so the store's keyset pagination walks them the same way.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_DAY_INDEXES = {
    # name: (table, columns); "day" is ordered NULLS FIRST on PostgreSQL
    "ix_events_day_id": ("events", ("day", "id")),
    "ix_events_type_day_id": ("events", ("type", "day", "id")),
    "ix_event_keys_key_day": ("event_keys", ("key", "day", "event_id")),
    "ix_quotes_speaker_key_day": ("quotes", ("speaker_key", "day")),
}


def _doc_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE")


def upgrade() -> None:
    """Create every table, its indexes and the full-text index."""
    op.create_table(
        "documents",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("model", sa.Text(), nullable=True),
        sa.Column("newsgraph_version", sa.String(length=32), nullable=True),
        sa.Column("blocks", sa.JSON(), nullable=False),
        sa.Column("times", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])

    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column("quad_class", sa.Integer(), nullable=True),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("is_root", sa.Boolean(), nullable=False),
        sa.Column("num_reports", sa.Integer(), nullable=False),
        sa.Column("num_documents", sa.Integer(), nullable=False),
        sa.Column("num_sources", sa.Integer(), nullable=False),
        sa.Column("location", sa.JSON(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_events_cameo", "events", ["cameo"])

    op.create_table(
        "actors",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("roles", sa.JSON(), nullable=False),
        _doc_fk(),
        sa.PrimaryKeyConstraint("document_id", "actor_id"),
    )
    op.create_index("ix_actors_code", "actors", ["code"])
    op.create_index("ix_actors_name_key", "actors", ["name_key"])

    op.create_table(
        "checks",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        _doc_fk(),
        sa.PrimaryKeyConstraint("document_id", "ordinal"),
    )
    op.create_index("ix_checks_kind", "checks", ["kind"])

    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "position"),
    )

    op.create_table(
        "event_keys",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "event_id"),
    )
    op.create_index("ix_event_keys_event_id", "event_keys", ["event_id"])

    op.create_table(
        "event_reports",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("canonical_id", sa.BigInteger(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("is_root", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["canonical_id"], ["events.id"], ondelete="CASCADE"),
        _doc_fk(),
        sa.PrimaryKeyConstraint("document_id", "event_id"),
    )
    op.create_index("ix_event_reports_canonical_id", "event_reports", ["canonical_id"])

    op.create_table(
        "places",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("place_id", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("geonames_id", sa.BigInteger(), nullable=True),
        sa.Column("feature_class", sa.String(length=8), nullable=True),
        _doc_fk(),
        sa.PrimaryKeyConstraint("document_id", "place_id"),
    )
    op.create_index("ix_places_country", "places", ["country"])

    op.create_table(
        "quotes",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("quote_id", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=64), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("speaker_key", sa.Text(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_span", sa.JSON(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("cue_span", sa.JSON(), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        _doc_fk(),
        sa.PrimaryKeyConstraint("document_id", "quote_id"),
    )

    op.create_table(
        "actor_mentions",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "actor_id"],
            ["actors.document_id", "actors.actor_id"],
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "actor_id", "ordinal"),
    )
    op.create_table(
        "place_mentions",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("place_id", sa.String(length=64), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "place_id"],
            ["places.document_id", "places.place_id"],
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "place_id", "ordinal"),
    )

    postgres = op.get_bind().dialect.name == "postgresql"
    for name, (table, columns) in _DAY_INDEXES.items():
        if postgres:
            spelled = ", ".join(f"{c} NULLS FIRST" if c == "day" else c for c in columns)
            op.execute(f"CREATE INDEX {name} ON {table} ({spelled})")
        else:
            op.create_index(name, table, list(columns))

    if postgres:
        op.execute(
            "ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', text), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_documents_search ON documents USING GIN (search)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "title, text, content='documents', content_rowid='seq', "
            "tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); "
            "END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, old.title, old.text); "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); "
            "END"
        )


def downgrade() -> None:
    """Drop everything upgrade() created."""
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in (
        "place_mentions",
        "actor_mentions",
        "quotes",
        "places",
        "event_reports",
        "event_keys",
        "event_actors",
        "checks",
        "actors",
        "events",
        "documents",
    ):
        op.drop_table(table)
