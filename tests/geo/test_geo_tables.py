"""newsgraph's own geographic tables: every row loads and every row is used."""

from __future__ import annotations

import pytest
from spacy.util import registry

from newsgraph.geo.gazetteer import haversine_km
from newsgraph.geo.resolve import Context, Toponym, get_index, resolve_toponyms
from newsgraph.geo.tables import LOADERS, default_tables

TABLES = default_tables()


def context_of(country: str) -> Context:
    context = Context()
    if country:
        context.countries[country] += 5
    return context


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_tables_load_through_the_registry(name: str) -> None:
    loader = registry.misc.get(f"newsgraph.geo_{name}.v1")
    rows = loader()
    assert rows and rows == getattr(TABLES, name)


@pytest.mark.parametrize("row", TABLES.country_points, ids=lambda r: r.iso2)
def test_tables_every_country_point_is_used(row: object) -> None:
    index = get_index()
    entry = index.countries[row.iso2]  # type: ignore[attr-defined]
    assert (entry.lat, entry.lon) == (row.lat, row.lon)  # type: ignore[attr-defined]
    reading = resolve_toponyms([Toponym(entry.name)])[0]
    assert reading is not None and reading.entry.country == row.iso2  # type: ignore[attr-defined]


@pytest.mark.parametrize("row", TABLES.country_names, ids=lambda r: r.name)
def test_tables_every_country_name_resolves_to_its_country(row: object) -> None:
    reading = resolve_toponyms([Toponym(row.name)])[0]  # type: ignore[attr-defined]
    assert reading is not None and reading.kind == "country"
    assert reading.entry.country == row.iso2  # type: ignore[attr-defined]


@pytest.mark.parametrize("row", TABLES.state_points, ids=lambda r: r.code)
def test_tables_every_state_and_abbreviation_resolves(row: object) -> None:
    state = get_index().states[row.code]  # type: ignore[attr-defined]
    written = [f"{state.name} state", *row.abbreviation_list]  # type: ignore[attr-defined]
    for name in written:
        reading = resolve_toponyms([Toponym(name)], context_of("US"))[0]
        assert reading is not None, name
        assert reading.entry.country == "US", name
        assert reading.entry.admin1 == row.code, name  # type: ignore[attr-defined]


@pytest.mark.parametrize("row", TABLES.demonyms, ids=lambda r: r.demonym)
def test_tables_every_demonym_points_at_its_place(row: object) -> None:
    reading = resolve_toponyms([Toponym(row.demonym)], context_of(row.iso2))[0]  # type: ignore[attr-defined]
    assert reading is not None
    if row.area:  # type: ignore[attr-defined]
        assert reading.entry.name == row.area  # type: ignore[attr-defined]
    else:
        assert reading.entry.country == row.iso2  # type: ignore[attr-defined]


@pytest.mark.parametrize("row", TABLES.areas, ids=lambda r: r.name)
def test_tables_every_area_name_and_alias_resolves_to_the_area(row: object) -> None:
    for name in [row.name, *row.aliases]:  # type: ignore[attr-defined]
        reading = resolve_toponyms([Toponym(name)], context_of(row.country))[0]  # type: ignore[attr-defined]
        assert reading is not None, name
        assert haversine_km(reading.entry.lat, reading.entry.lon, row.lat, row.lon) < 1, name  # type: ignore[attr-defined]
