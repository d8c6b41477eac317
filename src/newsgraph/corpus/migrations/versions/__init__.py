"""Alembic revisions, oldest first; each file's message says what it changes."""
