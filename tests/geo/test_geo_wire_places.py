"""Toponyms of wire stories that the recogniser mislabels or misses, and outlets and city
districts that are not what they seem (issue 7)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.geo.gazetteer import haversine_km
from newsgraph.geo.recognise import entity_toponyms
from newsgraph.geo.resolve import get_index, resolve_spans
from newsgraph.ingest.readers import RawArticle
from newsgraph.process import make_doc

BLANK = spacy.blank("en")

KHERSON = (46.64, 32.61)
MYKOLAIV = (46.98, 31.99)
KYIV = (50.45, 30.52)


def parsed(words: list[str], heads: list[int], deps: list[str], person: tuple[int, int]) -> Doc:
    """A hand-parsed Doc (heads as absolute indices) with one PERSON entity."""
    doc = Doc(BLANK.vocab, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, person[0], person[1], label="PERSON")]
    return doc


def found_texts(doc: Doc) -> list[str]:
    return [doc.text[s:e] for s, e in entity_toponyms(doc, get_index())]


@pytest.mark.parametrize(
    ("words", "heads", "deps", "person", "expected"),
    [
        # "shelled a market in Mykolaiv": the object of a locative preposition.
        (
            ["Shells", "hit", "a", "market", "in", "Mykolaiv", "."],
            [1, 1, 3, 1, 3, 4, 1],
            ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
            (5, 6),
            ["Mykolaiv"],
        ),
        # "the city of Kherson": the object of "of" after a town noun.
        (
            ["Shells", "hit", "the", "city", "of", "Kherson", "."],
            [1, 1, 3, 1, 3, 4, 1],
            ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
            (5, 6),
            ["Kherson"],
        ),
        # "Zelensky met with Clinton": a person, whatever towns share the name.
        (
            ["Zelensky", "met", "with", "Clinton", "."],
            [1, 1, 1, 2, 1],
            ["nsubj", "ROOT", "prep", "pobj", "punct"],
            (3, 4),
            [],
        ),
        # "the talks, said Brown": a person.
        (
            ["Talks", "failed", ",", "said", "Brown", "."],
            [1, 3, 3, 3, 3, 3],
            ["nsubj", "ccomp", "punct", "ROOT", "nsubj", "punct"],
            (4, 5),
            [],
        ),
        # "according to Davis": "to" is not locative enough for a PERSON entity.
        (
            ["It", "rose", ",", "according", "to", "Davis", "."],
            [1, 1, 1, 1, 3, 4, 1],
            ["nsubj", "ROOT", "punct", "prep", "prep", "pobj", "punct"],
            (5, 6),
            [],
        ),
    ],
)
def test_wire_places_person_entities_in_place_positions(
    words: list[str],
    heads: list[int],
    deps: list[str],
    person: tuple[int, int],
    expected: list[str],
) -> None:
    assert found_texts(parsed(words, heads, deps, person)) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["A", "port", "in", "Ukraine", "'s", "southern", "Odesa", "region", "burned", "."],
         ["Odesa region"]),
        (["Drones", "hit", "the", "Kharkiv", "Oblast", "overnight", "."], ["Kharkiv Oblast"]),
        # "the region" alone, or a word that names no region, is nothing.
        (["Drones", "hit", "the", "region", "overnight", "."], []),
        (["Drones", "hit", "the", "Zorblatt", "region", "overnight", "."], []),
    ],
)  # fmt: skip
def test_wire_places_untagged_names_before_region_words(
    words: list[str], expected: list[str]
) -> None:
    doc = Doc(BLANK.vocab, words=words)
    assert found_texts(doc) == expected


def run(nlp: Language, text: str) -> Doc:
    return nlp(make_doc(nlp, RawArticle(text=text, source="test", published=date(2025, 10, 6))))


def places_with(doc: Doc, mention: str) -> list[dict[str, Any]]:
    return [p for p in doc._.ng_places if any(doc.text[s:e] == mention for s, e in p["mentions"])]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "mention", "point"),
    [
        (
            "Russian forces shelled a crowded market in Mykolaiv on Monday, killing two people, "
            "officials said.",
            "Mykolaiv",
            MYKOLAIV,
        ),
        (
            "Russian artillery shelled the southern Ukrainian city of Kherson on Monday "
            "morning, the regional governor said.",
            "Kherson",
            KHERSON,
        ),
    ],
)
def test_wire_places_cities_tagged_person_are_places(
    nlp: Language, text: str, mention: str, point: tuple[float, float]
) -> None:
    doc = run(nlp, text)
    found = places_with(doc, mention)
    assert len(found) == 1 and found[0]["country"] == "UKR"
    assert haversine_km(found[0]["lat"], found[0]["lon"], *point) < 10


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["President Volodymyr Zelensky met with Clinton in Kyiv on Monday, said Brown."],
)
def test_wire_places_people_stay_people(nlp: Language, text: str) -> None:
    doc = run(nlp, text)
    assert not places_with(doc, "Clinton") and not places_with(doc, "Brown")
    assert places_with(doc, "Kyiv")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        (
            "A Russian drone attack set fire to a cargo ship at a port in Ukraine's southern "
            "Odesa region, injuring four people, the regional governor said.",
            "Odesa region",
            "Odesa Oblast",
        ),
        (
            # the recogniser reads "Odesa" here as a people (NORP)
            "A Russian drone hit a grain terminal in the Odesa region overnight, officials said.",
            "Odesa region",
            "Odesa Oblast",
        ),
    ],
)
def test_wire_places_untagged_region_is_the_oblast(
    nlp: Language, text: str, name: str, admin1: str
) -> None:
    doc = run(nlp, text)
    found = places_with(doc, name)
    assert len(found) == 1
    assert found[0]["feature_class"] == "A" and found[0]["admin1"] == admin1


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (
            "BENI, Congo, Sept 7 (Continental Daily) - Fighters attacked a village in North "
            "Kivu province overnight, killing 31 people, local officials said.",
            "Continental Daily",
        ),
        (
            "NAIROBI, July 2 (Meridian Times) - Kenya's central bank cut its key rate on "
            "Tuesday. Economists polled by Meridian Times had expected the cut.",
            "Meridian",
        ),
    ],
)
def test_wire_places_dateline_outlet_is_no_place(nlp: Language, text: str, outlet: str) -> None:
    doc = run(nlp, text)
    for place in doc._.ng_places:
        for start, end in place["mentions"]:
            assert outlet not in doc.text[start:end], place
    assert doc._.ng_places and all(p["country"] is not None for p in doc._.ng_places)


@pytest.mark.model
def test_wire_places_district_follows_the_story_city(nlp: Language) -> None:
    text = (
        "KYIV, Oct 6 (Wire Service A) - Russian artillery hit a bus stop in the southern "
        "Ukrainian city of Kherson on Monday, killing two people, officials said.\n\n"
        "The shells struck the city's Dniprovskyi district as people waited for buses."
    )
    doc = run(nlp, text)
    district = places_with(doc, "Dniprovskyi district")
    assert len(district) == 1
    assert haversine_km(district[0]["lat"], district[0]["lon"], *KHERSON) < 20


@pytest.mark.parametrize(
    ("text", "city", "point"),
    [
        (
            "Shells hit Kherson on Monday. They struck the Dniprovskyi district of the city.",
            "Kherson",
            KHERSON,
        ),
        # In a story about Kyiv, Kyiv's own Dniprovskyi district stays where it is.
        (
            "Drones hit Kyiv on Monday. They struck the Dniprovskyi district of the city.",
            "Kyiv",
            KYIV,
        ),
    ],
)
def test_wire_places_district_namesakes_resolve_in_the_main_city(
    text: str, city: str, point: tuple[float, float]
) -> None:
    name = "Dniprovskyi district"
    spans = [(text.index(city), text.index(city) + len(city))]
    spans.append((text.index(name), text.index(name) + len(name)))
    readings = resolve_spans(text, spans)
    district = readings[1]
    assert district is not None
    assert haversine_km(district.entry.lat, district.entry.lon, *point) < 20


@pytest.mark.parametrize(
    ("text", "target", "point"),
    [
        # Texas context alone does not make "Portland" the Texas town of 16,000.
        (
            "HOUSTON, Texas - The Houston Rockets beat Portland 96-94 on Tuesday in Houston, "
            "and the Rockets swept their season series with Portland.",
            "Portland",
            (45.52, -122.68),
        ),
        # Names right around a small namesake keep it: Paris beside Henry County, Tennessee.
        (
            "PARIS - A grass fire near Paris burned 40 acres on Tuesday before crews from Henry "
            "County put it out, officials in Henry County said.",
            "Paris",
            (36.30, -88.33),
        ),
    ],
)
def test_wire_places_big_namesake_beats_context_alone(
    text: str, target: str, point: tuple[float, float]
) -> None:
    names = ("HOUSTON", "Houston", "Texas", "Portland", "PARIS", "Paris", "Henry County")
    spans = sorted((m, m + len(n)) for n in names for m in _all(text, n))
    readings = resolve_spans(text, spans)
    for (start, end), reading in zip(spans, readings, strict=True):
        if text[start:end] == target:
            assert reading is not None
            assert haversine_km(reading.entry.lat, reading.entry.lon, *point) < 50
            return
    raise AssertionError(target)


def _all(text: str, name: str) -> list[int]:
    out, start = [], text.find(name)
    while start >= 0:
        if (start == 0 or not text[start - 1].isalpha()) and not text[
            start + len(name) : start + len(name) + 1
        ].isalpha():
            out.append(start)
        start = text.find(name, start + 1)
    return out
