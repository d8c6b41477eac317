"""The ``ng_geocoder`` component: coordinates, country and GeoNames id for every place.

It reads the places ``ng_actors`` found (``doc._.ng_places``: id, name, mentions) and adds
``lat``, ``lon``, ``country`` (ISO alpha-3), ``admin1``, ``geonames_id`` and ``feature_class``
to each, in place, resolving all of an article's places together so that each is read in the
context of the others (see ``geo/resolve.py``).

Additions to and removals from what the entity recogniser and ``ng_actors`` found:

- toponyms the recogniser labelled otherwise or ``ng_actors`` kept as actors only
  (``geo/recognise.py``): demonyms ("Russian"), state and country names inside
  organisation names ("the Georgia Public Service Commission"), GPE entities that resolve
  to a country, state, county or sizeable city, PERSON entities and untagged names where the
  syntax says place ("the southern Ukrainian city of Kherson"), and untagged names before a
  region word ("Ukraine's southern Odesa region");
- one-word "places" that no gazetteer or table knows ("Saakashvili") are dropped;
- a person actor that ``geo/recognise.py`` reads as a place ("a crowded market in Mykolaiv",
  tagged PERSON) is dropped from ``doc._.ng_actors``: it is the place only;
- the outlet named in the dateline's parentheses ("BENI, Congo (Continental Daily) -") is
  never a place, there or anywhere else in the article;
- the dateline's place ("MYKOLAIV, Ukraine, April 9 ...") becomes a place when no place
  mention covers it: datelines are written in capitals, which the recogniser often misses;
- mentions followed by a region word are split from the city of the same name: in "the
  Mykolaiv region" the mention "Mykolaiv" is the oblast, elsewhere the city, so the oblast
  mentions become a new place ("Mykolaiv region") with its own id.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extensions import register_extensions
from newsgraph.geo import tables
from newsgraph.geo.gazetteer import get_gazetteer, name_key
from newsgraph.geo.recognise import add_entity_places
from newsgraph.geo.resolve import (
    ACTOR_COUNTRY_WEIGHT,
    Context,
    PlaceIndex,
    Toponym,
    add,
    find_containers,
    place_fields,
    region_word_after,
    resolve_toponyms,
)
from newsgraph.geo.tables import (
    Admin1PointRow,
    AreaRow,
    CountryNameRow,
    CountryPointRow,
    DemonymRow,
    GeoTables,
    StatePointRow,
)

logger = logging.getLogger(__name__)

DATELINE_REGION_WEIGHT = 2.0
"""Context weight of the dateline's country or region ("KHARKIV, Ukraine")."""


def _next_id(places: list[dict[str, Any]]) -> str:
    numbers = [int(p["id"][1:]) for p in places if str(p.get("id", "")).startswith("p")
               and str(p["id"])[1:].isdigit()]  # fmt: skip
    return f"p{max(numbers, default=0) + 1}"


def _without_outlet(doc: Doc, text: str, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The places less the dateline's outlet ("KYIV, Oct 6 (Harbour Post) -"): a mention
    inside the outlet's name, in the dateline or elsewhere ("Meridian" of "Meridian Times"),
    is not a place; a place left with no mention goes."""
    dateline = doc._.ng_dateline or {}
    agency = str(dateline.get("agency") or "").strip()
    if not agency or not places:
        return places
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(agency), text)]
    out = []
    for place in places:
        mentions = [
            m
            for m in place.get("mentions") or []
            if not any(int(m[0]) < end and start < int(m[1]) for start, end in spans)
        ]
        if len(mentions) == len(place.get("mentions") or []):
            out.append(place)
        elif mentions:
            out.append({**place, "mentions": mentions})
    return out


def _drop_place_people(doc: Doc, places: list[dict[str, Any]]) -> None:
    """Drop the person actors that are places ("a market in Mykolaiv" tagged PERSON).

    ``geo/recognise.py`` reads a PERSON entity as a toponym where the syntax says place;
    ``ng_actors`` made it a person. A person actor with the name of a place and a mention
    that is that place's mention is the place only.
    """
    actors = doc._.ng_actors
    if not actors:
        return
    spans = {name_key(str(p["name"])): p.get("mentions") or [] for p in places}
    kept = []
    for actor in actors:
        if actor.get("kind") == "person":
            mentions = spans.get(name_key(str(actor.get("name") or "")), [])
            if any(
                int(s) < int(e2) and int(s2) < int(e)
                for s, e in actor.get("mentions") or []
                for s2, e2 in mentions
            ):
                continue
        kept.append(actor)
    if len(kept) < len(actors):
        doc._.ng_actors = kept


class Geocoder:
    """Resolve ``doc._.ng_places`` to gazetteer entries.

    Assigns, on every dict of ``doc._.ng_places``: ``lat``, ``lon``, ``country`` (alpha-3),
    ``admin1``, ``geonames_id``, ``feature_class`` (None where the name is not in the
    gazetteer); may append the dateline place and split region mentions into new places,
    and drops from ``doc._.ng_actors`` the "persons" that are places.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        country_points: list[CountryPointRow],
        state_points: list[StatePointRow],
        country_names: list[CountryNameRow],
        demonyms: list[DemonymRow],
        areas: list[AreaRow],
        admin1_points: list[Admin1PointRow] | None = None,
        add_dateline: bool = True,
        add_entities: bool = True,
    ) -> None:
        register_extensions()
        self.name = name
        self.add_dateline = add_dateline
        self.add_entities = add_entities
        self.tables = GeoTables(
            country_points, state_points, country_names, demonyms, areas,
            admin1_points if admin1_points is not None else tables.admin1_points(),
        )  # fmt: skip
        self._index: PlaceIndex | None = None

    @property
    def index(self) -> PlaceIndex:
        """The place index, built on first use (it opens the gazetteer)."""
        if self._index is None:
            self._index = PlaceIndex(get_gazetteer(), self.tables)
        return self._index

    def __call__(self, doc: Doc) -> Doc:
        places: list[dict[str, Any]] = list(doc._.ng_places or [])
        text = doc.text  # spaCy joins the tokens anew on every access: read it once
        if self.add_dateline:
            self._add_dateline_place(doc, text, places)
        if self.add_entities:
            places = [p for p in places if self._is_known(p)]
            add_entity_places(doc, text, places, self.index)
        places = _without_outlet(doc, text, places)
        if self.add_entities:
            places = [{**p, "id": f"p{i}"} for i, p in enumerate(places, start=1)]
            _drop_place_people(doc, places)
        places = self._split_regions(text, places)
        if not places:
            doc._.ng_places = places
            return doc
        toponyms = [
            Toponym(p["name"], p.pop("_region_word", None), float(len(p.get("mentions") or [1])))
            for p in places
        ]
        mentions = [[(int(m[0]), int(m[1])) for m in p.get("mentions") or []] for p in places]
        dateline = doc._.ng_dateline or {}
        lead = (int(dateline.get("start") or 0), int(dateline.get("end") or 0))
        for toponym, found, spans in zip(
            toponyms, find_containers(text, mentions), mentions, strict=True
        ):
            toponym.starts = tuple(s for s, e in spans if not (s < lead[1] and lead[0] < e))
            if found is not None:
                toponym.container, toponym.by_comma = found
        readings = resolve_toponyms(toponyms, self._background(doc), self.index)
        for place, reading in zip(places, readings, strict=True):
            place.update(place_fields(reading, self.index))
        doc._.ng_places = places
        return doc

    def _is_known(self, place: dict[str, Any]) -> bool:
        """Whether a place the recogniser found can be a place at all.

        A one-word name that no gazetteer or table holds ("Saakashvili", "Taser", "AP") is a
        person or a brand the recogniser mislabelled GPE far more often than a hamlet that
        GeoNames lacks; multi-word names ("Main Street", "Webb Center") are kept, as they
        are usually streets and buildings of the article's town.
        """
        name = str(place.get("name") or "")
        key = name_key(name)
        if " " in key or not key:
            return True
        return bool(self.index.candidates(key))

    def _background(self, doc: Doc) -> Context:
        """Evidence of where the article is besides its places."""
        context = Context()
        index = self.index
        for ent in doc.ents:
            if ent.label_ == "NORP":
                iso2 = index.demonyms.get(name_key(ent.text))
                if iso2 is not None:
                    context.countries[iso2] += 0.5
        for actor in doc._.ng_actors or []:
            iso3 = actor.get("country")
            iso2 = index.iso2_of_iso3.get(iso3) if iso3 else None
            if iso2 is not None:
                context.countries[iso2] += ACTOR_COUNTRY_WEIGHT
        dateline = doc._.ng_dateline or {}
        region = dateline.get("region_text")
        if region:
            key = name_key(region)
            iso2 = index.country_keys.get(key)
            if iso2 is not None:
                context.countries[iso2] += DATELINE_REGION_WEIGHT
            elif key in index.state_keys:
                code = index.state_keys[key]
                extra = Context()
                extra.countries["US"] += DATELINE_REGION_WEIGHT
                extra.admin1s[("US", code)] += DATELINE_REGION_WEIGHT
                context = add(context, extra)
        return context

    def _add_dateline_place(self, doc: Doc, text: str, places: list[dict[str, Any]]) -> None:
        """Add the dateline's place when no place mention covers it."""
        dateline = doc._.ng_dateline
        if not dateline or not dateline.get("place_text"):
            return
        place_text = str(dateline["place_text"])
        start = text.find(place_text, int(dateline["start"]), int(dateline["end"]))
        if start < 0:
            return
        end = start + len(place_text)
        for place in places:
            for s, e in place.get("mentions") or []:
                if s < end and start < e:
                    return
        name = place_text.title() if place_text.isupper() else place_text
        if not self.index.candidates(name_key(name)):
            return
        key = name_key(name)
        for place in places:
            if name_key(place["name"]) == key:
                place["mentions"] = sorted([*place["mentions"], [start, end]])
                return
        places.append({"id": _next_id(places), "name": name, "mentions": [[start, end]]})

    def _split_regions(self, text: str, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Give mentions followed by a region word ("Mykolaiv| region") their own place."""
        out: list[dict[str, Any]] = []
        extra: list[dict[str, Any]] = []
        for place in places:
            place = dict(place)
            by_word: dict[str | None, list[list[int]]] = {}
            for mention in place.get("mentions") or []:
                word = region_word_after(text, int(mention[1]))
                by_word.setdefault(word, []).append(mention)
            if len(by_word) <= 1:
                place["_region_word"] = next(iter(by_word), None)
                out.append(place)
                continue
            place["mentions"] = by_word.pop(None, [])
            place["_region_word"] = None
            out.append(place)
            for word, mentions in by_word.items():
                extra.append({"name": f"{place['name']} {word}", "mentions": mentions,
                              "_region_word": word})  # fmt: skip
        for item in extra:
            item["id"] = _next_id(out + [e for e in extra if "id" in e])
            out.append(item)
        return [
            {"id": p["id"], "name": p["name"], "mentions": p.get("mentions") or [],
             "_region_word": p.get("_region_word"),
             **{k: v for k, v in p.items() if k not in ("id", "name", "mentions", "_region_word")}}
            for p in out
        ]  # fmt: skip


@Language.factory(
    "ng_geocoder",
    requires=["doc._.ng_places", "doc._.ng_actors"],
    assigns=["doc._.ng_places", "doc._.ng_actors"],
    default_config={
        "country_points": {"@misc": "newsgraph.geo_country_points.v1"},
        "state_points": {"@misc": "newsgraph.geo_state_points.v1"},
        "country_names": {"@misc": "newsgraph.geo_country_names.v1"},
        "demonyms": {"@misc": "newsgraph.geo_demonyms.v1"},
        "areas": {"@misc": "newsgraph.geo_areas.v1"},
        "admin1_points": {"@misc": "newsgraph.geo_admin1_points.v1"},
        "add_dateline": True,
        "add_entities": True,
    },
)
def make_geocoder(
    nlp: Language,
    name: str,
    country_points: list[CountryPointRow],
    state_points: list[StatePointRow],
    country_names: list[CountryNameRow],
    demonyms: list[DemonymRow],
    areas: list[AreaRow],
    admin1_points: list[Admin1PointRow],
    add_dateline: bool,
    add_entities: bool,
) -> Geocoder:
    """Build the ``ng_geocoder`` component."""
    return Geocoder(
        nlp,
        name,
        country_points=country_points,
        state_points=state_points,
        country_names=country_names,
        demonyms=demonyms,
        areas=areas,
        admin1_points=admin1_points,
        add_dateline=add_dateline,
        add_entities=add_entities,
    )
