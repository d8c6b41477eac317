"""Toponyms recovered from entities the recogniser labelled otherwise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.geo.gazetteer import haversine_km
from newsgraph.geo.recognise import entity_toponyms
from newsgraph.geo.resolve import get_index
from newsgraph.ingest.readers import RawArticle
from newsgraph.process import make_doc

BLANK = spacy.blank("en")


def with_ents(text: str, *labelled: tuple[str, str]) -> Doc:
    """A blank-model Doc whose entities are the given (text, label) pairs."""
    doc = BLANK(text)
    spans = []
    for name, label in labelled:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None, name
        spans.append(span)
    doc.ents = spans
    return doc


def found_texts(doc: Doc) -> list[str]:
    return [doc.text[s:e] for s, e in entity_toponyms(doc, get_index())]


@pytest.mark.parametrize(
    ("text", "entity", "label", "expected"),
    [
        (
            "Deputies told the Laurel County Fiscal Court on Tuesday that the bridge was unsafe.",
            "the Laurel County Fiscal Court",
            "ORG",
            ["Laurel County"],
        ),
        (
            "A spokesman for the Georgia Public Service Commission said rates would rise.",
            "the Georgia Public Service Commission",
            "ORG",
            ["Georgia"],
        ),
        (
            "The Evansville Police Department said two people were hurt.",
            "The Evansville Police Department",
            "ORG",
            ["Evansville"],
        ),
        ("Russian drones struck the port overnight.", "Russian", "NORP", ["Russian"]),
        ("Moscow said on Monday it would respond.", "Moscow", "GPE", ["Moscow"]),
    ],
)
def test_recognise_toponyms_under_other_labels(
    text: str, entity: str, label: str, expected: list[str]
) -> None:
    assert found_texts(with_ents(text, (entity, label))) == expected


@pytest.mark.parametrize(
    ("text", "entity", "label"),
    [
        # A small town's name inside an organisation is a surname or a common word.
        ("Pupils at Wilson Elementary sang on Friday.", "Wilson Elementary", "ORG"),
        ("The County Council met on Monday evening.", "The County Council", "ORG"),
        # An AP state abbreviation counts only with its period.
        ("Mass Audubon bought the marsh in June.", "Mass Audubon", "ORG"),
        # Plural demonyms are people, not places.
        ("Americans voted on Tuesday.", "Americans", "NORP"),
        # A person is left alone even when a town has the name.
        ("Clinton said on Tuesday the talks had failed.", "Clinton", "PERSON"),
    ],
)
def test_recognise_leaves_non_toponyms_alone(text: str, entity: str, label: str) -> None:
    assert found_texts(with_ents(text, (entity, label))) == []


def run(nlp: Language, text: str) -> Doc:
    return nlp(make_doc(nlp, RawArticle(text=text, source="test", published=date(2025, 4, 9))))


def place_with_mention(doc: Doc, mention: str) -> dict[str, Any] | None:
    for place in doc._.ng_places:
        for start, end in place["mentions"]:
            if doc.text[start:end] == mention:
                return dict(place)
    return None


@pytest.mark.model
def test_recognise_geocoder_adds_and_resolves_organisation_places(nlp: Language) -> None:
    doc = run(
        nlp,
        "The Texas Department of Transportation closed the highway near Waco on Monday "
        "after a tanker overturned, officials said.",
    )
    place = place_with_mention(doc, "Texas")
    assert place is not None and place["country"] == "USA" and place["feature_class"] == "A"
    assert haversine_km(place["lat"], place["lon"], 31.25, -99.25) < 100


@pytest.mark.model
def test_recognise_geocoder_drops_unknown_one_word_places(nlp: Language) -> None:
    doc = run(nlp, "Officials from Zorblatt met their counterparts in Kyiv on Monday.")
    kyiv = doc.text.index("Kyiv")
    zorblatt = doc.text.index("Zorblatt")
    doc._.ng_places = [
        {"id": "p1", "name": "Zorblatt", "mentions": [[zorblatt, zorblatt + 8]]},
        {"id": "p2", "name": "Kyiv", "mentions": [[kyiv, kyiv + 4]]},
    ]
    doc = nlp.get_pipe("ng_geocoder")(doc)
    names = {p["name"]: p for p in doc._.ng_places}
    assert "Zorblatt" not in names
    assert names["Kyiv"]["country"] == "UKR" and names["Kyiv"]["id"] == "p1"
