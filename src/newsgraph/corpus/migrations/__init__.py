"""Alembic migrations of the corpus store (run by ``newsgraph db upgrade``)."""
