"""Actor codes CAMEO gives where wire copy names no person: offices, peoples, forces, IGO units."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from newsgraph import extract
from newsgraph.model import Document

pytestmark = pytest.mark.model


def _codes(document: Document) -> dict[str, str | None]:
    return {a.name: a.code for a in document.actors}


def _actor(document: Document, name: str) -> Any:
    found = [a for a in document.actors if a.name == name]
    assert len(found) == 1, [(a.name, a.code) for a in document.actors]
    return found[0]


def test_codes_unnamed_office_holder_is_coded_by_country_and_title(nlp: Language) -> None:
    document = extract(
        "A senior Hungarian official said on Friday that Budapest would not block the package.",
        nlp=nlp,
    )
    official = _actor(document, "senior Hungarian official")
    assert official.kind.value == "person" and official.code == "HUNGOV"
    assert official.country == "HUN"
    assert [r.title for r in official.roles] == ["official"]


def test_codes_office_named_after_the_title_takes_its_country(nlp: Language) -> None:
    document = extract("Chile's envoy met the president of Peru in Lima on Monday.", nlp=nlp)
    assert _codes(document)["president of Peru"] == "PERGOV"


def test_codes_office_held_by_a_named_person_is_that_person(nlp: Language) -> None:
    text = (
        "Polish Foreign Minister Radoslaw Sikorski flew to Kyiv on Monday. "
        "The Polish foreign minister said the visit had been planned for weeks."
    )
    document = extract(text, nlp=nlp)
    sikorski = _actor(document, "Radoslaw Sikorski")
    assert sikorski.code == "POLGOV"
    assert "The Polish foreign minister" in [m.text for m in sikorski.mentions]
    assert not any(a.name.endswith("foreign minister") for a in document.actors)


def test_codes_plural_demonym_names_the_people(nlp: Language) -> None:
    document = extract("Hundreds of Kenyans marched through the capital on Saturday.", nlp=nlp)
    kenyans = _actor(document, "Kenyans")
    # a people is PLOVER's civilians of its country
    assert kenyans.country == "KEN" and kenyans.code == "KENCVL"


@pytest.mark.parametrize(
    ("sentence", "name", "code"),
    [
        # a sector word that modifies a noun makes it the force's: vehicles, custody
        ("Turkish army trucks crossed the border on Monday.", "Turkish army", "TURMIL"),
        # guerrillas, peacekeepers and refugees are sectors of their own
        ("Colombian guerrillas freed two hostages.", "Colombian guerrillas", "COLREB"),
        ("Syrian refugees crossed into Jordan.", "Syrian refugees", "SYRREF"),
        # a domestic group is of the country it is in; an army abroad is not
        (
            "Opposition parties in Tanzania boycotted the vote.",
            "Opposition parties in Tanzania",
            "TZAOPP",
        ),
        # an IGO's unit: the organisation's code, then the sector
        ("UN peacekeepers left the town on Friday.", "UN peacekeepers", "IGOUNOMIL"),
    ],
)
def test_codes_collective_actors(nlp: Language, sentence: str, name: str, code: str) -> None:
    assert _codes(extract(sentence, nlp=nlp)).get(name) == code


def test_codes_army_in_a_foreign_country_keeps_no_country(nlp: Language) -> None:
    document = extract("Troops in Moldova were put on alert on Sunday.", nlp=nlp)
    assert _codes(document).get("Troops") == "MIL"


def test_codes_police_modifier_needs_a_country(nlp: Language) -> None:
    document = extract("Two men were seen near the police station on Friday.", nlp=nlp)
    assert not any(a.code and a.code.endswith("COP") for a in document.actors)


def test_codes_unqualified_title_takes_the_one_country_of_the_article(nlp: Language) -> None:
    text = "President Yoweri Museveni extended the curfew across Uganda on Sunday."
    document = extract(text, nlp=nlp)
    assert _actor(document, "Yoweri Museveni").code == "UGAGOV"


def test_codes_unqualified_title_is_not_of_the_hosts_it_meets(nlp: Language) -> None:
    text = "President Yoweri Museveni met Kenyan officials in Nairobi on Sunday."
    document = extract(text, nlp=nlp)
    assert _actor(document, "Yoweri Museveni").code is None


def test_codes_unqualified_title_stays_uncoded_when_two_countries_are_named(
    nlp: Language,
) -> None:
    text = "President Yoweri Museveni spoke of trade with Kenya and Tanzania on Sunday."
    document = extract(text, nlp=nlp)
    assert _actor(document, "Yoweri Museveni").code is None


def test_codes_igo_leaders_are_the_organisation_itself(nlp: Language) -> None:
    document = extract("European Union leaders agreed on new sanctions on Friday.", nlp=nlp)
    assert _codes(document)["European Union leaders"] == "IGOEUREEC"


def test_codes_unidentified_gunmen_are_armed_but_unknown(nlp: Language) -> None:
    document = extract("Unidentified gunmen killed two policemen on Tuesday.", nlp=nlp)
    codes = _codes(document)
    assert codes["Unidentified gunmen"] == "UAF"
    assert codes["two policemen"] == "COP"


@pytest.mark.parametrize(
    ("sentence", "name", "code"),
    [
        # "ethnic" makes a demonym a people, coded by the state it lives in (PLOVER CVL)
        ("Ethnic Hungarians in southern Slovakia rallied on Sunday.", "Hungarians", "SVKCVL"),
        ("Hundreds of ethnic Uzbeks protested in Kyrgyzstan on Monday.", "Uzbeks", "KGZCVL"),
        # a stateless people takes the nationality that qualifies it
        ("Syrian Kurds marched through Qamishli on Friday.", "Kurds", "SYRCVL"),
        # a sector word before the head noun: the force owns its agents
        ("Mexican border patrol agents detained 40 migrants.", "Mexican border patrol", "MEXCOP"),
        # the owner inside a possessive phrase is an actor of its own
        (
            "Protesters denounced the Peruvian government's decision on Monday.",
            "Peruvian government",
            "PERGOV",
        ),
    ],
)
def test_codes_peoples_and_owners(nlp: Language, sentence: str, name: str, code: str) -> None:
    assert _codes(extract(sentence, nlp=nlp)).get(name) == code


def test_codes_domestic_group_takes_the_one_country_of_the_article(nlp: Language) -> None:
    document = extract("The Malian government rejected demands from Tuareg rebels.", nlp=nlp)
    assert _codes(document)["Tuareg rebels"] == "MLIREB"


def test_codes_domestic_group_stays_uncoded_between_two_countries(nlp: Language) -> None:
    text = "Rebels attacked a convoy on the road between Chad and Sudan on Monday."
    document = extract(text, nlp=nlp)
    assert _codes(document).get("Rebels") == "REB"


def test_codes_ousted_office_holder_is_an_elite_not_the_government(nlp: Language) -> None:
    document = extract("Ousted Bolivian President Carlos Mendez fled to Peru on Monday.", nlp=nlp)
    assert _actor(document, "Carlos Mendez").code == "BOLELI"


def test_codes_militant_title_is_a_rebel(nlp: Language) -> None:
    document = extract("Police arrested suspected Somali militant Abdi Farah on Sunday.", nlp=nlp)
    assert _actor(document, "Abdi Farah").code == "SOMREB"
