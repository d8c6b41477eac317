"""Toponyms the entity recogniser missed or mislabelled, recovered from its other entities.

en_core_web_sm labels many toponyms as something else, and ``ng_actors`` keeps a country that
acts as an actor only. Measured on the dev halves of GeoWebNews, LGL and TR-News, three kinds
of entity hold toponyms far more often than not, and are added as place mentions here:

- **demonyms** (NORP "Russian", "Georgian"): the annotators of all three corpora treat the
  adjective as a mention of its country; plurals ("Americans") are people and are skipped;
- **a place name inside an organisation or facility** ("the Georgia Public Service
  Commission", "Laurel County Fiscal Court", "the Athens Police Department"): the longest
  capitalised run of at most three words that names a country, state, county, region or a
  city of ``MIN_CITY_POPULATION`` people, or a demonym ("American Electric"); a small town's
  name inside an organisation ("Council", "Wilson") is a word or a surname far more often;
- **GPE/LOC/FAC entities with no place mention** (``ng_actors`` made them actors): added
  when the whole name is such a place.

PERSON entities are left alone: "Gainesville" tagged PERSON is a place, but "Brown", "Ford"
and "Clinton" are people many times more often.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from newsgraph.geo.gazetteer import name_key
from newsgraph.geo.resolve import PlaceIndex

MIN_CITY_POPULATION = 50_000
"""A city name inside an organisation's name, or a GPE actor, counts as a place from this
size up ("Evansville", "Paris"); smaller towns' names are mostly surnames and common words."""

BIG_KINDS = frozenset({"country", "state", "county", "area", "region", "continent"})
"""Candidate kinds that make a name a toponym whatever its population."""

MAX_INNER_WORDS = 3
"""The longest run of words inside an entity tried as a place name ("New York City")."""

_WORD = re.compile(r"\S+")


def _kind(text: str, index: PlaceIndex, *, demonyms: bool) -> str | None:
    """Why ``text`` is a toponym ("big", "city", "demonym"), or None if it is not one."""
    if not text[:1].isupper():
        return None
    key = name_key(text)
    if not key:
        return None
    # Provinces from admin1_points.csv ("Central", "Western", "Mon") and landmarks ("White
    # House", "Congress") are read as places once found, but as names they are directions,
    # words and institutions far more often (dev: LGL precision).
    candidates = [
        c for c in index.candidates(key) if c.main and c.kind not in ("province", "landmark")
    ]
    if not candidates:
        return None
    kinds = {c.kind for c in candidates}
    state_code = index.state_keys.get(key)
    if (
        state_code is not None
        and kinds <= {"state"}
        and "." not in text
        and key != name_key(index.states[state_code].name)
    ):
        # "Mass", "La": an AP abbreviation counts only written with its period.
        return None
    if len(key) <= 2 and not text.isupper():
        return None
    if kinds & BIG_KINDS:
        return "big"
    if "demonym" in kinds:
        return "demonym" if demonyms else None
    cities = [c.entry.population for c in candidates if c.kind == "city"]
    if max(cities, default=0) >= MIN_CITY_POPULATION:
        return "city"
    return None


def _inner_place(name: str, offset: int, index: PlaceIndex) -> tuple[int, int] | None:
    """Character offsets of the place name inside an organisation's name, or None.

    Args:
        name: The organisation's name as written.
        offset: Where ``name`` starts in the text.
        index: The place index.
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(name)]
    for size in range(min(MAX_INNER_WORDS, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            start, end = words[first][0], words[first + size - 1][1]
            fragment = name[start:end].rstrip(",;:")
            if not fragment or fragment.split()[0].lower() == "the":
                continue  # the same name without "the" is tried next
            if _kind(fragment, index, demonyms=True) is not None:
                return offset + start, offset + start + len(fragment)
    return None


def _is_plural_demonym(text: str, index: PlaceIndex) -> bool:
    key = name_key(text)
    return key not in index.demonym_entries and key.endswith("s")


def entity_toponyms(doc: Doc, index: PlaceIndex, text: str | None = None) -> list[tuple[int, int]]:
    """Offsets of the toponyms hidden in ``doc.ents`` under other labels (module docstring).

    Args:
        doc: The article.
        index: The place index.
        text: ``doc.text`` when the caller has it (spaCy rebuilds it on every access).
    """
    text = doc.text if text is None else text
    found: list[tuple[int, int]] = []
    for ent in doc.ents:
        start, end, label = ent.start_char, ent.end_char, ent.label_
        name = text[start:end]
        if label == "NORP":
            if index.demonym_entries.get(name_key(name)) and not _is_plural_demonym(name, index):
                found.append((start, end))
        elif label in ("GPE", "LOC", "FAC") and _kind(name, index, demonyms=False):
            found.append((start, end))
        elif label in ("ORG", "FAC"):
            inner = _inner_place(name, start, index)
            if inner is not None:
                found.append(inner)
    return found


def add_entity_places(doc: Doc, text: str, places: list[dict[str, Any]], index: PlaceIndex) -> None:
    """Add the toponyms of ``entity_toponyms`` that no place mention covers yet.

    A mention joins the place of the same folded name when there is one, so "Texas" in "the
    Texas Department of Transportation" is one more mention of the place "Texas"; otherwise
    it becomes a new place named as written.

    Args:
        doc: The article.
        text: ``doc.text``, read once by the caller.
        places: The article's places, extended in place.
        index: The place index.
    """
    taken = [(int(s), int(e)) for p in places for s, e in p.get("mentions") or []]
    by_key = {name_key(str(p["name"])): p for p in places}
    for start, end in entity_toponyms(doc, index, text):
        if any(s < end and start < e for s, e in taken):
            continue
        name = text[start:end]
        if name.lower().startswith("the "):
            start, name = start + 4, name[4:]
        key = name_key(name)
        place = by_key.get(key)
        if place is None:
            place = {"id": "", "name": name, "mentions": []}
            places.append(place)
            by_key[key] = place
        place["mentions"] = sorted([*place["mentions"], [start, end]])
        taken.append((start, end))
