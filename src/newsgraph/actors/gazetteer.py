"""Small, fast lookups the actors stage needs: is a name a country or a large city, and where.

The full geocoder lives in ``geo/``; this keeps the actors stage cheap (a few milliseconds to
load) by using the lexicons plus a table of large cities derived from GeoNames.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files

import pycountry

from newsgraph.actors.lexicons import ActorLexicons, CountryRow, default_lexicons


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
    """The country a name refers to: lexicon name or alias, then pycountry's names."""
    lex = lex or default_lexicons()
    row = lex.country(text)
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


@lru_cache(maxsize=8192)
def _subdivision_country(name: str) -> str | None:
    """ISO alpha-3 of the country whose first-level subdivision has this name ("Ohio")."""
    if len(name) < 4 or not name[:1].isupper():
        return None
    try:
        subdivision = pycountry.subdivisions.lookup(name)
    except LookupError:
        return None
    country = pycountry.countries.get(alpha_2=subdivision.country_code)
    return str(country.alpha_3) if country is not None else None


def country_name(iso3: str, lex: ActorLexicons | None = None) -> str:
    """The canonical English name of a country code."""
    lex = lex or default_lexicons()
    row = lex.country_by_iso.get(iso3)
    if row is not None:
        return row.name
    country = pycountry.countries.get(alpha_3=iso3)
    return str(country.name) if country is not None else iso3
