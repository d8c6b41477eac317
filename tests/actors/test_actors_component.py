"""The actors component: canonical actors, roles, codes, metonymy and repairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsgraph import extract
from newsgraph.actors.gazetteer import large_cities
from newsgraph.model import Document

pytestmark = pytest.mark.model

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _actor(document: Document, name: str) -> Any:
    found = [a for a in document.actors if a.name == name]
    assert len(found) == 1, [(a.name, a.code) for a in document.actors]
    return found[0]


def test_actors_surname_title_and_role_phrase_join_one_actor(nlp: Language) -> None:
    text = (
        "NATO's Mark Rutte met allies in Brussels on Monday. Rutte said the alliance was united. "
        "Mark Rutte, NATO's secretary general, later flew home. The NATO chief did not comment."
    )
    document = extract(text, nlp=nlp)
    rutte = _actor(document, "Mark Rutte")
    assert [m.text for m in rutte.mentions] == [
        "Mark Rutte",
        "Rutte",
        "Mark Rutte",
        "The NATO chief",
    ]
    assert any(r.title == "Secretary General" and r.organization == "NATO" for r in rutte.roles)
    assert rutte.code == "IGOWSTNAT"


@pytest.mark.parametrize(
    ("sentence", "name", "title", "country", "code"),
    [
        (
            "French President Emmanuel Macron spoke on Tuesday.",
            "Emmanuel Macron",
            "President",
            "FRA",
            "FRAGOV",
        ),
        (
            "US Secretary of Defense Pete Hegseth spoke on Tuesday.",
            "Pete Hegseth",
            "Secretary of Defense",
            "USA",
            "USAGOV",
        ),
        (
            "Ukraine's foreign minister Andrii Sybiha spoke on Tuesday.",
            "Andrii Sybiha",
            "Foreign Minister",
            "UKR",
            "UKRGOV",
        ),
        (
            "Kremlin spokesman Dmitry Peskov spoke on Tuesday.",
            "Dmitry Peskov",
            "spokesperson",
            "RUS",
            "RUSGOV",
        ),
        (
            "Ohio Governor Mike DeWine signed the bill on Monday.",
            "Mike DeWine",
            "governor",
            "USA",
            "USAGOV",
        ),
        (
            "Kharkiv Mayor Ihor Terekhov said the city was calm.",
            "Ihor Terekhov",
            "mayor",
            "UKR",
            "UKRGOV",
        ),
    ],
)
def test_actors_title_before_name(
    nlp: Language, sentence: str, name: str, title: str, country: str, code: str
) -> None:
    actor = _actor(extract(sentence, nlp=nlp), name)
    assert actor.kind.value == "person"
    assert (actor.roles[0].title, actor.roles[0].country) == (title, country)
    assert actor.code == code


def test_actors_predicate_and_apposition_roles(nlp: Language) -> None:
    text = (
        "MYKOLAIV, Ukraine, April 9 - Vitaliy Kim said two people were hurt. "
        "Kim is the governor of "
        "the region. Dmytro Lubinets, Ukraine's parliamentary human rights commissioner, said the "
        "men were home."
    )
    document = extract(text, nlp=nlp)
    kim = _actor(document, "Vitaliy Kim")
    assert [(r.title, r.country) for r in kim.roles] == [("governor", "UKR")]
    lubinets = _actor(document, "Dmytro Lubinets")
    assert (
        lubinets.roles[0].title == "human rights commissioner"
        and lubinets.roles[0].country == "UKR"
    )


def test_actors_a_list_of_names_is_not_an_apposition(nlp: Language) -> None:
    text = (
        "Macron met German Chancellor Friedrich Merz, British Prime Minister Keir Starmer "
        "and others."
    )
    document = extract(text, nlp=nlp)
    merz = _actor(document, "Friedrich Merz")
    assert [(r.title, r.country) for r in merz.roles] == [("Chancellor", "DEU")]


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "code"),
    [
        ("Russian forces launched a new offensive on Monday.", "Russian forces", "group", "RUSMIL"),
        (
            "Ukraine's military said it shot down 40 drones.",
            "Ukraine's military",
            "group",
            "UKRMIL",
        ),
        (
            "Thousands of protesters in Tbilisi blocked the avenue.",
            "protesters in Tbilisi",
            "group",
            "GEOCVL",
        ),
        ("Georgian police detained 27 people overnight.", "Georgian police", "group", "GEOCOP"),
        ("NATO said it would respond.", "NATO", "organization", "IGOWSTNAT"),
    ],
)
def test_actors_collective_actors_and_codes(
    nlp: Language, sentence: str, name: str, kind: str, code: str
) -> None:
    actor = _actor(extract(sentence, nlp=nlp), name)
    assert (actor.kind.value, actor.code) == (kind, code)


def test_actors_metonymy_acting_seat_vs_location(nlp: Language) -> None:
    document = extract(
        "Washington cannot guarantee Europe's security, Hegseth said. Talks in Washington ended on "
        "Friday. The Kremlin said it would respond, and Moscow's envoy left.",
        nlp=nlp,
    )
    us_gov = _actor(document, "United States government")
    assert us_gov.code == "USAGOV"
    assert [m.text for m in us_gov.mentions] == ["Washington"]
    assert us_gov.mentions[0].start == 0
    place = next(p for p in document.places if p.name == "Washington")
    # the location is a place mention; the acting seat stays the government's mention (the
    # geocoder may list it as a toponym too, as GeoWebNews counts metonymic toponyms)
    assert document.text.index("in Washington") + 3 in [m.start for m in place.mentions]
    russia = _actor(document, "Russia government")
    assert {m.text for m in russia.mentions} == {"Kremlin", "Moscow"}


def test_actors_headline_is_not_an_organisation(nlp: Language) -> None:
    document = extract(
        "Russia Launches Overnight Attacks\n\n"
        "Russia launched drones at Kyiv overnight, officials said.",
        nlp=nlp,
    )
    names = {a.name for a in document.actors}
    assert "Russia" in names
    assert not any("Launches" in n or "Attacks" in n for n in names)


def test_actors_country_acting_vs_located(nlp: Language) -> None:
    document = extract("Russia attacked Ukraine on Monday. The talks were held in Turkey.", nlp=nlp)
    assert {a.name for a in document.actors if a.kind.value == "country"} == {"Russia", "Ukraine"}
    # every toponym is a place, a country that acts included; Turkey is only a place
    assert {p.name for p in document.places} == {"Russia", "Ukraine", "Turkey"}
    assert "Turkey" not in {a.name for a in document.actors}


def test_actors_no_headline_or_city_is_a_person(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    cities = set(large_cities())
    for record in articles.values():
        document = extract(record["text"], record["published"], title=record["title"], nlp=nlp)
        headings = [b.span for b in document.blocks if b.kind in ("title", "heading")]
        for actor in document.actors:
            if actor.kind.value != "person":
                continue
            assert actor.name not in cities, (record["id"], actor.name)
            place_names = {p.name for p in document.places}
            assert actor.name not in place_names, (record["id"], actor.name)
            in_body = [
                m for m in actor.mentions if not any(h.start <= m.start < h.end for h in headings)
            ]
            assert in_body, (record["id"], actor.name)


def test_actors_a_group_goes_by_its_most_used_name(nlp: Language) -> None:
    text = (
        "Russian forces shelled the town overnight, officials said. Russian forces also hit a "
        "depot, and Russia's Defence Ministry later said the strikes had hit military targets."
    )
    document = extract(text, nlp=nlp)
    forces = [a for a in document.actors if a.code == "RUSMIL"]
    assert len(forces) == 1 and forces[0].name == "Russian forces"
    assert "Russia's Defence Ministry" in [m.text for m in forces[0].mentions]


def test_actors_its_forces_are_the_speaking_countrys(nlp: Language) -> None:
    text = (
        "Ukraine's General Staff said its forces had struck a Russian ammunition depot in the "
        "Belgorod region overnight."
    )
    document = extract(text, nlp=nlp)
    forces = [a for a in document.actors if any(m.text == "its forces" for m in a.mentions)]
    assert len(forces) == 1 and forces[0].code == "UKRMIL"


def test_actors_a_first_name_read_as_a_people_still_opens_a_name(nlp: Language) -> None:
    # the recogniser reads "Roman" in "Roman Mrochko, the head of ..." as a people (NORP)
    text = (SAMPLES / "kherson-shelling.txt").read_text(encoding="utf-8")
    document = extract(text, nlp=nlp, published="2025-10-06")
    mrochko = _actor(document, "Roman Mrochko")
    assert mrochko.kind == "person"
    assert any(q.speaker == mrochko.id for q in document.quotes)


def test_actors_a_role_of_another_country_beats_the_dateline(nlp: Language) -> None:
    text = (
        "WASHINGTON, Oct. 22 (Wire Service E) - The United States imposed new sanctions on "
        "Russian oil companies on Wednesday, officials said.\n\nFormer President Dmitry "
        "Medvedev, deputy chairman of Russia's Security Council, wrote on Telegram that the "
        "United States had become an adversary of Russia."
    )
    document = extract(text, nlp=nlp, published="2025-10-22")
    medvedev = _actor(document, "Dmitry Medvedev")
    assert medvedev.country == "RUS" and medvedev.code.startswith("RUS")
    assert {r.country for r in medvedev.roles} == {"RUS"}
