"""Small, fast lookups the actors stage needs: is a name a country or a large city, and where.

The full geocoder lives in ``geo/``; this keeps the actors stage cheap (a few milliseconds to
load) by using the lexicons plus a table of large cities derived from GeoNames.

A name's default reading can be wrong for one article: "Georgia" in "Georgia Gov. Brian
Kemp" is the US state, "Athens" in "ATHENS, Ga." is not in Greece. ``local_reading`` lets the
actors stage set, for the article it is processing, the names it reads otherwise
(``actors/local.py`` decides which); ``country_of`` and ``place_country`` honour it. It is a
context variable rather than a parameter because these lookups are called from deep inside
the role reader and a dozen helpers, and the reading is a property of the article, not of
each call.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib.resources import files

import pycountry

from newsgraph.actors.lexicons import ActorLexicons, CountryRow, default_lexicons

_LOCAL_READING: ContextVar[Mapping[str, str] | None] = ContextVar(
    "newsgraph_actors_local_reading", default=None
)
"""Place name -> ISO alpha-3 of the country it is in, for the article being processed."""


@contextmanager
def local_reading(places: Mapping[str, str]) -> Iterator[None]:
    """Read these place names as in these countries until the block ends ("Athens" -> USA)."""
    token = _LOCAL_READING.set(places)
    try:
        yield
    finally:
        _LOCAL_READING.reset(token)


def local_country(text: str) -> str | None:
    """The country the current article puts this place name in, if it overrides the default."""
    places = _LOCAL_READING.get()
    return places.get(text.strip()) if places else None


@lru_cache(maxsize=1)
def large_cities() -> dict[str, tuple[str, int]]:
    """City name -> (ISO alpha-3 country, population) for cities of 150,000 people or more."""
    resource = files("newsgraph.actors").joinpath("data", "cities.csv")
    rows = csv.DictReader(resource.read_text(encoding="utf-8").splitlines())
    return {row["name"]: (row["country"], int(row["population"])) for row in rows}


@lru_cache(maxsize=8192)
def _pycountry_iso3(name: str) -> str | None:
    if len(name) < 4:
        return None
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


def country_of(text: str, lex: ActorLexicons | None = None) -> CountryRow | None:
    """The country a name refers to: lexicon name or alias, then pycountry's names.

    None for a country's name that the current article uses for a place elsewhere ("Georgia"
    the US state, "Lebanon, Pa."): that place is no country actor.
    """
    lex = lex or default_lexicons()
    local = local_country(text)
    row = lex.country(text)
    if local is not None and (row is None or row.iso3 != local):
        return None
    if row is not None:
        return row
    iso3 = _pycountry_iso3(text.strip())
    return lex.country_by_iso.get(iso3) if iso3 else None


def place_country(
    text: str, lex: ActorLexicons | None = None, *, subdivisions: bool = True
) -> str | None:
    """ISO alpha-3 of the country a place name is in (a country itself, a seat or a city).

    ``subdivisions=False`` skips pycountry's first-level divisions ("Ohio", "Sindh"), whose
    lookup scans thousands of rows (tens of milliseconds per new name): callers that try
    every proper noun of an article use it to stay cheap.
    """
    lex = lex or default_lexicons()
    local = local_country(text)
    if local is not None:
        return local
    country = country_of(text, lex)
    if country is not None:
        return country.iso3
    seat = lex.seat(text)
    if seat is not None and len(seat.country) == 3:
        return seat.country
    city = large_cities().get(text.strip())
    if city:
        return city[0]
    return _subdivision_country(text.strip()) if subdivisions else None


@lru_cache(maxsize=1)
def _subdivision_names() -> dict[str, str]:
    """Lower-cased subdivision names and codes -> alpha-2 country, the first one listed.

    ``pycountry.subdivisions.lookup`` scans every row for a name it does not know (about 8
    ms a miss, and most proper nouns are misses) and also matches a row's type, so that
    "Parish" was Andorra; one dict of names and codes, built once (0.1 s), answers both.
    """
    names: dict[str, str] = {}
    for subdivision in pycountry.subdivisions:
        for value in (subdivision.name, subdivision.code):
            names.setdefault(str(value).lower(), str(subdivision.country_code))
    return names


@lru_cache(maxsize=8192)
def _subdivision_country(name: str) -> str | None:
    """ISO alpha-3 of the country whose first-level subdivision has this name ("Ohio")."""
    if len(name) < 4 or not name[:1].isupper():
        return None
    alpha_2 = _subdivision_names().get(name.lower())
    if alpha_2 is None:
        return None
    country = pycountry.countries.get(alpha_2=alpha_2)
    return str(country.alpha_3) if country is not None else None


def country_name(iso3: str, lex: ActorLexicons | None = None) -> str:
    """The canonical English name of a country code."""
    lex = lex or default_lexicons()
    row = lex.country_by_iso.get(iso3)
    if row is not None:
        return row.name
    country = pycountry.countries.get(alpha_3=iso3)
    return str(country.name) if country is not None else iso3
