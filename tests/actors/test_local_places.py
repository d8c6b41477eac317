"""US local news: "Georgia", "Athens" and "Paris" read as US places from article cues."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph import extract
from newsgraph.actors.gazetteer import country_of, local_reading, place_country
from newsgraph.actors.lexicons import default_lexicons
from newsgraph.actors.local import local_places


def test_local_reading_overrides_and_restores() -> None:
    lex = default_lexicons()
    assert place_country("Athens", lex) == "GRC"
    with local_reading({"Athens": "USA", "Georgia": "USA"}):
        assert place_country("Athens", lex) == "USA"
        assert country_of("Georgia", lex) is None  # the US state is no country actor
        assert place_country("Georgia", lex) == "USA"
    row = country_of("Georgia", lex)
    assert row is not None and row.iso3 == "GEO"


@pytest.mark.model
def test_us_dateline_makes_city_and_state_american(nlp: Language) -> None:
    text = (
        "ATHENS, Ga. (AP) \u2014 Athens police arrested two men on Tuesday after a break-in "
        "downtown. Georgia Gov. Brian Kemp praised the officers at a news conference."
    )
    document = extract(text, nlp=nlp)
    countries = {a.name: a.country for a in document.actors}
    assert countries.get("Athens police") == "USA"
    assert "GEO" not in countries.values() and "GRC" not in countries.values()
    kemp = next(a for a in document.actors if a.name == "Brian Kemp")
    assert any(r.title == "governor" and r.country == "USA" for r in kemp.roles)


@pytest.mark.model
def test_city_followed_by_state_is_american_throughout(nlp: Language) -> None:
    text = (
        "Police in Paris, Texas, said a Paris man was arrested on Friday. Lamar County "
        "deputies helped with the search, the sheriff said."
    )
    doc = nlp(text)
    assert local_places(doc, default_lexicons())["Paris"] == "USA"
    assert all(a["country"] != "FRA" for a in doc._.ng_actors)


@pytest.mark.model
def test_tbilisi_story_keeps_georgia_the_country(nlp: Language) -> None:
    text = (
        "TBILISI, Georgia (Reuters) \u2014 Georgia accused Russia on Monday of moving troops "
        "closer to South Ossetia, and Georgian police detained protesters in Tbilisi. U.S. "
        "officials in Washington and New York urged calm."
    )
    doc = nlp(text)
    assert "Georgia" not in local_places(doc, default_lexicons())
    actors = {a["name"]: a["country"] for a in doc._.ng_actors}
    assert actors.get("Georgia") == "GEO"
    assert actors.get("Georgian police") == "GEO"


@pytest.mark.model
def test_state_cues_make_georgia_the_state(nlp: Language) -> None:
    text = (
        "ATLANTA (AP) \u2014 Georgia lawmakers passed the budget on Friday. The state of "
        "Georgia will spend more on schools in Fulton County, officials said."
    )
    doc = nlp(text)
    actors = {a["name"]: a["country"] for a in doc._.ng_actors}
    assert actors.get("Georgia lawmakers") == "USA"
    assert "GEO" not in actors.values()


@pytest.mark.model
def test_foreign_cue_keeps_homonym_abroad(nlp: Language) -> None:
    text = (
        "Gov. Jane Doe of Ohio and Sen. John Roe of Texas flew to Athens on Monday to meet "
        "Greek officials about trade with Greece."
    )
    doc = nlp(text)
    assert "Athens" not in local_places(doc, default_lexicons())


@pytest.mark.model
def test_title_qualifier_stops_at_a_comma(nlp: Language) -> None:
    text = (
        "ATLANTA (AP) \u2014 Speaking near the University of Georgia campus, Georgia Gov. "
        "Brian Kemp said the state would send more troopers."
    )
    document = extract(text, nlp=nlp)
    kemp = next(a for a in document.actors if a.name == "Brian Kemp")
    assert [(r.title, r.country, r.organization) for r in kemp.roles] == [("governor", "USA", None)]
    assert any(a.name == "University of Georgia" for a in document.actors)
