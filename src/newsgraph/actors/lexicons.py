"""The actor lexicons: titles, sectors, organisations, countries and seats of power.

Each file in ``actors/data`` is read with ``importlib.resources``, every row is validated by a
pydantic model, and each has a registered loader (``newsgraph.<name>.v1``) so a user can swap
it in a pipeline config. ``ActorLexicons`` builds the lookup tables the component needs once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field
from spacy.util import registry

from newsgraph.errors import LexiconError
from newsgraph.lexicon_io import parse_jsonl_rows

SECTORS = (
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "REB",
    "OPP",
    "CVL",
    "MED",
    "BUS",
    "IGO",
    "SPY",
    "REF",
    "EDU",
    "UAF",
    "JRN",
    "ELI",
    "SOC",
)
"""CAMEO/PLOVER sector codes newsgraph assigns. PLOVER (manual, table 5.2) writes
journalists and news outlets JRN, keeping MED for health, former or ousted officials ELI
and civil-society organisations SOC."""


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TitleRow(_Row):
    """A title phrase as written, normalised, with the sector it implies."""

    phrase: str = Field(min_length=2)
    title: str
    sector: str = Field(pattern="^(" + "|".join(SECTORS) + ")$")


class SectorRow(_Row):
    """A collective noun naming a sector of a country ("forces" -> MIL)."""

    phrase: str = Field(min_length=2)
    sector: str = Field(pattern="^(" + "|".join(SECTORS) + ")$")


class OrganizationRow(_Row):
    """An international organisation or armed group with its aliases and code."""

    name: str
    full_name: str
    aliases: list[str]
    code: str = Field(pattern="^[A-Z0-9]{3,12}$")


class CountryRow(_Row):
    """A country: ISO alpha-3, canonical name, aliases and demonyms."""

    iso3: str = Field(pattern="^[A-Z]{3}$")
    name: str
    aliases: list[str]
    demonyms: list[str]


class SeatRow(_Row):
    """A seat of power or capital standing for a government when it acts."""

    text: str
    country: str = Field(pattern="^[A-Z]{2,3}$")
    sector: str = Field(pattern="^(" + "|".join(SECTORS) + ")$")
    is_city: bool


Row = TypeVar("Row", bound=_Row)


def read_rows(name: str, model: type[Row]) -> list[Row]:
    """Read and validate one JSON Lines lexicon from ``actors/data``.

    Raises:
        LexiconError: The file is missing or a row does not validate.
    """
    resource = files("newsgraph.actors").joinpath("data", name)
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise LexiconError(f"lexicon {name} is missing from newsgraph/actors/data") from error
    return parse_jsonl_rows(text, name, model)


@registry.misc("newsgraph.titles.v1")
def load_titles() -> list[TitleRow]:
    """Titles and offices ("defence secretary" -> Secretary of Defense, GOV)."""
    return read_rows("titles.jsonl", TitleRow)


@registry.misc("newsgraph.sectors.v1")
def load_sectors() -> list[SectorRow]:
    """Collective nouns and their sectors ("troops" -> MIL)."""
    return read_rows("sectors.jsonl", SectorRow)


@registry.misc("newsgraph.organizations.v1")
def load_organizations() -> list[OrganizationRow]:
    """International organisations and armed groups with aliases and codes."""
    return read_rows("organizations.jsonl", OrganizationRow)


@registry.misc("newsgraph.countries.v1")
def load_countries() -> list[CountryRow]:
    """Countries with aliases and demonyms."""
    return read_rows("countries.jsonl", CountryRow)


@registry.misc("newsgraph.seats.v1")
def load_seats() -> list[SeatRow]:
    """Seats of power and capitals that stand for governments."""
    return read_rows("seats.jsonl", SeatRow)


def _norm(text: str) -> str:
    """Lower-case, drop a leading "the", trailing possessive and dots: the lookup key."""
    text = " ".join(text.replace("\u2019", "'").split()).strip()
    for suffix in ("'s", "'"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    low = text.lower()
    if low.startswith("the "):
        low = low[4:]
    return low


@dataclass
class ActorLexicons:
    """Lookup tables built once from the lexicon rows."""

    titles: dict[str, TitleRow] = field(default_factory=dict)
    sectors: dict[str, SectorRow] = field(default_factory=dict)
    organizations: dict[str, OrganizationRow] = field(default_factory=dict)
    countries: dict[str, CountryRow] = field(default_factory=dict)
    country_by_iso: dict[str, CountryRow] = field(default_factory=dict)
    demonyms: dict[str, CountryRow] = field(default_factory=dict)
    seats: dict[str, SeatRow] = field(default_factory=dict)
    max_title_words: int = 1
    acronyms: set[str] = field(default_factory=set)
    """Keys of all-caps aliases ("US", "WHO"): they match only text written in capitals."""
    used: set[tuple[str, str]] = field(default_factory=set)
    """(lexicon, key) pairs looked up with a hit; the lexicon test reads it."""

    @classmethod
    def build(
        cls,
        titles: list[TitleRow],
        sectors: list[SectorRow],
        organizations: list[OrganizationRow],
        countries: list[CountryRow],
        seats: list[SeatRow],
    ) -> ActorLexicons:
        """Index the rows by their normalised text."""
        lex = cls()
        for title in titles:
            lex.titles[_norm(title.phrase)] = title
        lex.max_title_words = max(len(k.split()) for k in lex.titles)
        for sector in sectors:
            lex.sectors[_norm(sector.phrase)] = sector
        for org in organizations:
            for alias in {org.name, org.full_name, *org.aliases}:
                lex.organizations[_norm(alias)] = org
                lex._note_acronym(alias)
        for country in countries:
            lex.country_by_iso[country.iso3] = country
            for alias in {country.name, *country.aliases}:
                lex.countries[_norm(alias)] = country
                lex._note_acronym(alias)
            for demonym in country.demonyms:
                lex.demonyms[_norm(demonym)] = country
        for seat in seats:
            lex.seats[_norm(seat.text)] = seat
        return lex

    def _note_acronym(self, alias: str) -> None:
        letters = alias.replace(".", "").replace("-", "")
        if letters.isupper() and len(letters) <= 5:
            self.acronyms.add(_norm(alias))

    def _allowed(self, key: str, text: str) -> bool:
        """An acronym key matches only capitalised text ("US", not "us")."""
        if key not in self.acronyms:
            return True
        bare = text.strip()
        bare = bare[4:] if bare.lower().startswith("the ") else bare
        return bare.replace("'s", "").replace("'", "").isupper()

    def _hit(self, table: str, key: str) -> None:
        self.used.add((table, key))

    def title(self, text: str) -> TitleRow | None:
        """The title row for a phrase, if it is a known title."""
        key = _norm(text)
        row = self.titles.get(key)
        if row is not None:
            self._hit("titles", key)
        return row

    def sector(self, text: str) -> SectorRow | None:
        """The sector row for a collective noun phrase."""
        key = _norm(text)
        row = self.sectors.get(key)
        if row is not None:
            self._hit("sectors", key)
        return row

    def organization(self, text: str) -> OrganizationRow | None:
        """The organisation an alias or acronym names."""
        key = _norm(text)
        row = self.organizations.get(key) if self._allowed(key, text) else None
        if row is not None:
            self._hit("organizations", key)
        return row

    def country(self, text: str) -> CountryRow | None:
        """The country a name, alias or ISO code names (not demonyms)."""
        key = _norm(text)
        row = self.countries.get(key) if self._allowed(key, text) else None
        if row is not None:
            self._hit("countries", key)
            return row
        if len(text) == 3 and text.isupper():
            return self.country_by_iso.get(text)
        return None

    def demonym(self, text: str) -> CountryRow | None:
        """The country a demonym ("French") or its plural ("Palestinians") refers to.

        Wire copy names peoples in the plural ("Iraqis", "Afghans", "Serbs") far more often
        than it writes the adjective as a noun, so a trailing "s" is tried off as well.
        """
        key = _norm(text)
        row = self.demonyms.get(key)
        if row is None and key.endswith("s") and len(key) > 4:
            key = key[:-1]
            row = self.demonyms.get(key)
        if row is not None:
            self._hit("demonyms", key)
        return row

    def seat(self, text: str) -> SeatRow | None:
        """The government a seat of power stands for."""
        key = _norm(text)
        row = self.seats.get(key)
        if row is not None:
            self._hit("seats", key)
        return row


@lru_cache(maxsize=1)
def default_lexicons() -> ActorLexicons:
    """The lexicons shipped with newsgraph, built once per process."""
    return ActorLexicons.build(
        load_titles(), load_sectors(), load_organizations(), load_countries(), load_seats()
    )


def normalise_key(text: str) -> str:
    """The key the lexicons index text under (exposed for tests and other components)."""
    return _norm(text)
