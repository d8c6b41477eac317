"""Cross-article merging and stories.

``event_reports.signature`` keeps what merging compares for each report (type, day, place,
actors, counts, content words), so a later ingest can match a new report against stored
canonical events without re-reading their documents. ``event_checks`` holds the checks of a
canonical event (reports that disagree on a count), whose evidence spans several documents.
``stories`` and ``story_documents`` group articles into developing situations.
``quotes.segments`` keeps the pieces of a split quotation.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the signature column and the event-check and story tables."""
    with op.batch_alter_table("event_reports") as batch:
        batch.add_column(sa.Column("signature", sa.JSON(), nullable=True))
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("segments", sa.JSON(), nullable=True))

    op.create_table(
        "event_checks",
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "ordinal"),
    )
    op.create_index("ix_event_checks_kind", "event_checks", ["kind"])

    op.create_table(
        "stories",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("num_documents", sa.Integer(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stories_last_day", "stories", ["last_day"])

    op.create_table(
        "story_documents",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("story_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id"),
    )
    op.create_index("ix_story_documents_story_id", "story_documents", ["story_id"])


def downgrade() -> None:
    """Drop what upgrade() added."""
    op.drop_table("story_documents")
    op.drop_table("stories")
    op.drop_table("event_checks")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("segments")
    with op.batch_alter_table("event_reports") as batch:
        batch.drop_column("signature")
