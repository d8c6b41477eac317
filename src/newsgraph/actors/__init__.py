"""Actors: canonical people, organisations, countries and groups of an article."""
