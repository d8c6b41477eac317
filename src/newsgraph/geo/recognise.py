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

PERSON entities are left alone ("Brown", "Ford" and "Clinton" are people many times more
often than towns), except where the syntax says place: en_core_web_sm tags Ukrainian cities
PERSON ("a crowded market in Mykolaiv", "the southern Ukrainian city of Kherson"), so a PERSON
entity is a toponym when it is the object of a locative preposition ("in", "near", "from"),
the object of "of" after a town noun ("the city of X", "the port of X") or followed by a
region word ("X region"), and the whole name is a country, state or region or a city of
``MIN_CITY_POPULATION`` people ("met with Clinton" and "said Brown" stay people).

Names with no entity at all are added in two places: before a region word ("Ukraine's
southern Odesa region"), with the region word ("Odesa region") when that names a first-level
division, as ``ng_actors`` writes "the Kyiv region" when the recogniser tags "Kyiv"; and in
the same locative positions as PERSON entities ("the Kyivskyi district of Kharkiv"), when
the name is a toponym by the rules for organisation names below.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_TYPE, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from newsgraph.geo.gazetteer import name_key
from newsgraph.geo.resolve import PlaceIndex

MIN_CITY_POPULATION = 50_000
"""A city name inside an organisation's name, or a GPE actor, counts as a place from this
size up ("Evansville", "Paris"); smaller towns' names are mostly surnames and common words."""

BIG_KINDS = frozenset({"country", "state", "county", "area", "region", "continent"})
"""Candidate kinds that make a name a toponym whatever its population."""

PERSON_KINDS = frozenset({"country", "state", "area", "region", "continent"})
"""Candidate kinds that make a PERSON entity in a locative position a toponym whatever its
population; counties are left out ("a letter from Clinton" is not Clinton County)."""

ALTERNATE_CITY_POPULATION = 100_000
"""A PERSON entity matching a city only through an alternate spelling ("Mykolaiv" for
Mykolayiv) counts from this size up: transliteration tables hold many surnames."""

PERSON_PLACE_PREPS = frozenset(
    {"in", "near", "outside", "around", "from", "into", "inside", "across", "throughout"}
)
"""Prepositions whose object is a place ("shelled a market in Mykolaiv"). Not "to": "according
to Davis", "offered the job to Bolton" and "came to Trapani" are people (dev: LGL and
GeoWebNews precision)."""

TOWN_NOUNS = frozenset(
    {"city", "town", "village", "port", "capital", "region", "province", "oblast", "district",
     "suburb", "suburbs", "outskirts"}
)  # fmt: skip
"""Nouns whose "of" object is a place ("the southern Ukrainian city of Kherson")."""

NAME_REGION_WORDS = frozenset({"region", "oblast", "province", "governorate", "krai"})
"""Words after a name that make it a first-level division ("the Odesa region")."""

MAX_INNER_WORDS = 3
"""The longest run of words inside an entity tried as a place name ("New York City")."""

_WORD = re.compile(r"\S+")
_REGION_WORD = re.compile(r"\b(?:" + "|".join(sorted(NAME_REGION_WORDS)) + r")\b", re.IGNORECASE)


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


def _is_person_place(ent: Span, index: PlaceIndex) -> bool:
    """Whether a PERSON entity is a toponym by its syntax and name (module docstring)."""
    doc = ent.doc
    root = ent.root
    head = root.head
    locative = (
        root.dep_ == "pobj"
        and head.i != root.i
        and (
            head.lower_ in PERSON_PLACE_PREPS
            or (head.lower_ == "of" and head.head.lower_ in TOWN_NOUNS)
        )
    )
    if not locative and not (ent.end < len(doc) and doc[ent.end].lower_ in NAME_REGION_WORDS):
        return False
    text = ent.text
    if not text[:1].isupper() or text.isupper():
        return False
    candidates = [
        c for c in index.candidates(name_key(text)) if c.kind not in ("province", "landmark")
    ]
    for candidate in candidates:
        if candidate.main and candidate.kind in PERSON_KINDS:
            return True
        if candidate.kind == "city":
            needed = MIN_CITY_POPULATION if candidate.main else ALTERNATE_CITY_POPULATION
            if candidate.entry.population >= needed:
                return True
    return False


def region_toponyms(doc: Doc, index: PlaceIndex, text: str | None = None) -> list[tuple[int, int]]:
    """Offsets of "X region" where the recogniser tagged nothing ("southern Odesa region").

    X is a run of up to three capitalised words outside any entity (or inside one the
    recogniser misread as a people or a person), right before a region word; "X region"
    must name a first-level division that the tables know.
    """
    text = doc.text if text is None else text
    found: list[tuple[int, int]] = []
    for match in _REGION_WORD.finditer(text):
        token = doc.char_span(match.start(), match.end())
        if token is None or token.start == 0:
            continue
        end = token.start
        first = end
        while (
            first > 0
            and end - first < MAX_INNER_WORDS
            and doc[first - 1].text[:1].isupper()
            and doc[first - 1].is_alpha
            and doc[first - 1].lower_ != "the"
            # untagged, or misread as a people or a person ("the Odesa region": NORP)
            and doc[first - 1].ent_type_ in ("", "NORP", "PERSON")
        ):
            first -= 1
        if first == end:
            continue
        name = doc[first : token.end].text
        if any(c.kind in ("area", "region", "province") for c in index.candidates(name_key(name))):
            found.append((doc[first].idx, match.end()))
    return found


def untagged_toponyms(doc: Doc, index: PlaceIndex) -> list[tuple[int, int]]:
    """Offsets of names with no entity in a place's position: the object of a locative
    preposition or of "of" after a town noun ("the Kyivskyi district of Kharkiv", "the Urals
    town of Pervouralsk"), whose whole name is a country, state, county or region or a city
    of ``MIN_CITY_POPULATION`` people (dev: recall +0.2 points on LGL, +0.1 on GeoWebNews, for
    one false positive)."""
    found: list[tuple[int, int]] = []
    if not len(doc):
        return found
    attrs = doc.to_array([POS, DEP, ENT_TYPE])
    pobj = doc.vocab.strings.add("pobj")
    picked = numpy.nonzero((attrs[:, 0] == PROPN) & (attrs[:, 1] == pobj) & (attrs[:, 2] == 0))
    for i in picked[0].tolist():
        token = doc[i]
        head = token.head
        if not (
            head.lower_ in PERSON_PLACE_PREPS
            or (head.lower_ == "of" and head.head.lower_ in TOWN_NOUNS)
        ):
            continue
        left = token.left_edge.i
        first = token.i
        while first > left and doc[first - 1].pos_ == "PROPN" and not doc[first - 1].ent_type_:
            first -= 1
        span = doc[first : token.i + 1]
        if not span.text[:1].isupper() or span.text.isupper():
            continue
        kind = _kind(span.text, index, demonyms=False)
        if kind is not None:
            found.append((span.start_char, span.end_char))
    return found


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
        elif label == "PERSON" and _is_person_place(ent, index):
            found.append((start, end))
    found.extend(region_toponyms(doc, index, text))
    found.extend(untagged_toponyms(doc, index))
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
