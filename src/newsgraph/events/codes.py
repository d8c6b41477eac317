"""CAMEO and PLOVER codes: the one table between the two ontologies, QuadClass and Goldstein.

newsgraph emits PLOVER types (``Event.type``) because PLOVER is what event-data users adopt
today, but a large body of tools and data (GDELT, ICEWS, Phoenix) still speaks CAMEO. Every
event therefore also carries a CAMEO code, the QuadClass of that code and its Goldstein
conflict-cooperation weight. All three come from one data file, ``data/cameo_plover.csv``,
so a code and its derived values can never disagree.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from spacy.util import registry

from newsgraph.errors import LexiconError

logger = logging.getLogger(__name__)

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
"""The 16 PLOVER event types (PLOVER manual draft 0.8 / CAMEO2PLOVER-2021)."""

PLOVER_TYPES: tuple[str, ...] = get_args(PloverType)
"""The PLOVER types as a tuple, in the manual's order."""

QUAD_CLASS_NAMES: dict[int, str] = {
    0: "neutral",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
"""QuadClass values (Phoenix/PETRARCH convention, with 0 for CAMEO roots 01-02)."""

_QUAD_BY_ROOT: dict[str, int] = {
    **{f"{r:02d}": 0 for r in range(1, 3)},
    **{f"{r:02d}": 1 for r in range(3, 6)},
    **{f"{r:02d}": 2 for r in range(6, 9)},
    **{f"{r:02d}": 3 for r in range(9, 14)},
    **{f"{r:02d}": 4 for r in range(14, 21)},
}

TABLE_FILE = "cameo_plover.csv"


class CameoRow(BaseModel):
    """One CAMEO code with its PLOVER type and mode (empty for dropped roots 01-02)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^(0[1-9]|1\d|20)\d{0,2}$")
    plover: PloverType | None = None
    mode: str | None = None
    goldstein: float = Field(ge=-10.0, le=10.0)
    name: str = Field(min_length=3)

    @field_validator("goldstein")
    @classmethod
    def _one_decimal(cls, value: float) -> float:
        # weights have one decimal; rounding keeps JSON/msgpack round trips exact
        return round(value, 1)

    @field_validator("plover", "mode", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value


@dataclass(frozen=True)
class CameoTable:
    """CAMEO code -> row, with lookups in both directions."""

    rows: dict[str, CameoRow]

    def get(self, code: str | None) -> CameoRow | None:
        """The row of a code, or of its longest listed prefix ("0841x" -> "0841")."""
        if not code:
            return None
        for length in range(len(code), 1, -1):
            row = self.rows.get(code[:length])
            if row is not None:
                return row
        return None

    def plover(self, code: str | None) -> str | None:
        """The PLOVER type of a CAMEO code (None for 01/02 and unknown codes)."""
        row = self.get(code)
        return row.plover if row else None

    def goldstein(self, code: str | None) -> float | None:
        """The Goldstein weight of a CAMEO code, or None for unknown codes."""
        row = self.get(code)
        return row.goldstein if row else None

    def mode(self, code: str | None) -> str | None:
        """The PLOVER mode the table gives a CAMEO code, or None."""
        row = self.get(code)
        return row.mode if row else None

    def codes_for(self, plover: str) -> list[str]:
        """Every CAMEO code of a PLOVER type, shortest (most general) first."""
        return sorted(
            (c for c, r in self.rows.items() if r.plover == plover), key=lambda c: (len(c), c)
        )

    def root_code(self, plover: str) -> str:
        """The most general three-digit CAMEO code of a PLOVER type ("ASSAULT" -> "180")."""
        codes = [c for c in self.codes_for(plover) if len(c) == 3]
        if not codes:
            raise LexiconError(f"no CAMEO code in the table for PLOVER type {plover!r}")
        return codes[0]


PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "SANCTION": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
"""PLOVER's quad categories (PLOVER README: verbal/material cooperation/conflict)."""


def quad_class(code: str | None, plover: str | None = None) -> int | None:
    """The QuadClass (0-4) of an event.

    PLOVER's own quad categories decide (PLOVER README), so SANCTION is verbal conflict and
    CONCEDE verbal cooperation as PLOVER defines them; appeals and comments (CAMEO 01-02),
    which PLOVER does not code, are 0 (neutral), as in the Phoenix/PETRARCH PentaClass.
    Without a PLOVER type the CAMEO root decides (01-02: 0, 03-05: 1, 06-08: 2, 09-13: 3,
    14-20: 4).
    """
    if code and code[:2] in ("01", "02"):
        return 0
    if plover in PLOVER_QUAD:
        return PLOVER_QUAD[plover]
    if not code or len(code) < 2:
        return None
    return _QUAD_BY_ROOT.get(code[:2])


def parse_table(text: str) -> CameoTable:
    """Parse and validate the CSV text of the CAMEO<->PLOVER table.

    Raises:
        LexiconError: A row is malformed or a code is listed twice.
    """
    rows: dict[str, CameoRow] = {}
    for number, record in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            row = CameoRow.model_validate(record)
        except ValidationError as error:
            raise LexiconError(f"{TABLE_FILE} line {number}: {error}") from error
        if row.code in rows:
            raise LexiconError(f"{TABLE_FILE} line {number}: code {row.code} is listed twice")
        rows[row.code] = row
    return CameoTable(rows)


@lru_cache(maxsize=1)
def load_table() -> CameoTable:
    """Read the packaged CAMEO<->PLOVER table (once per process)."""
    text = files("newsgraph.events").joinpath("data", TABLE_FILE).read_text(encoding="utf-8")
    table = parse_table(text)
    logger.debug("loaded %d CAMEO codes", len(table.rows))
    return table


@registry.misc("newsgraph.cameo_plover.v1")
def cameo_plover_table() -> list[dict[str, object]]:
    """Registered loader: the CAMEO<->PLOVER rows as plain dicts (swappable in config)."""
    return [row.model_dump() for row in load_table().rows.values()]


def table_from_rows(rows: Iterable[dict[str, object]]) -> CameoTable:
    """Build a table from plain rows (as the loader returns them or a saved pipeline holds)."""
    parsed: dict[str, CameoRow] = {}
    for item in rows:
        row = CameoRow.model_validate(item)
        parsed[row.code] = row
    return CameoTable(parsed)
