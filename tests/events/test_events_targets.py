"""Event targets CAMEO reads beyond the direct object: places acted upon, stances, conditions."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph import extract
from newsgraph.model import Document, Event

pytestmark = pytest.mark.model


def _event(document: Document, event_type: str) -> Event:
    found = [e for e in document.events if e.type == event_type]
    assert found, [(e.type, e.source, e.target) for e in document.events]
    return found[0]


def _code(document: Document, actor_id: str | None) -> str | None:
    actor = document.actor(actor_id)
    return actor.code if actor else None


def test_targets_attack_on_a_city_targets_its_civilians(nlp: Language) -> None:
    document = extract(
        "Russian missiles struck Kharkiv on Tuesday, regional officials said.", nlp=nlp
    )
    attack = _event(document, "ASSAULT")
    assert _code(document, attack.source) == "RUS"
    target = document.actor(attack.target)
    assert target is not None and target.code == "UKRCVL" and target.name == "Kharkiv"
    assert [m.text for m in target.mentions] == ["Kharkiv"]


def test_targets_visit_targets_the_host_country(nlp: Language) -> None:
    text = "Chinese President Xi Jinping arrived in Hanoi on Monday for a two-day state visit."
    document = extract(text, nlp=nlp)
    visit = _event(document, "CONSULT")
    assert _code(document, visit.source) == "CHNGOV"
    assert _code(document, visit.target) == "VNM"


def test_targets_meeting_place_is_not_a_target(nlp: Language) -> None:
    document = extract("Foreign ministers from the Baltic states met in Geneva on Monday.", nlp=nlp)
    assert _event(document, "CONSULT").target is None
    assert not any(a.name == "Geneva" for a in document.actors)


def test_targets_unused_place_adds_no_actor(nlp: Language) -> None:
    document = extract("The weather in Oslo was cold on Monday.", nlp=nlp)
    assert document.actors == [] or not any(a.name == "Oslo" for a in document.actors)


def test_targets_own_troops_are_what_is_moved_not_the_counterpart(nlp: Language) -> None:
    document = extract("Belgium is ready to send its troops to Latvia, officials said.", nlp=nlp)
    event = next(e for e in document.events if e.source is not None)
    assert _code(document, event.source) == "BEL"
    assert _code(document, event.target) == "LVA"


def test_targets_withdrawal_from_a_country(nlp: Language) -> None:
    text = "The United States sped up the withdrawal of some combat forces from Iraq on Friday."
    document = extract(text, nlp=nlp)
    retreat = _event(document, "RETREAT")
    assert _code(document, retreat.source) == "USA"
    assert _code(document, retreat.target) == "IRQ"


def test_targets_stance_participle_is_active(nlp: Language) -> None:
    document = extract("Hungary is opposed to Ukrainian membership of the bloc.", nlp=nlp)
    rejection = _event(document, "REJECT")
    assert _code(document, rejection.source) == "HUN"
    assert _code(document, rejection.target) == "UKR"


def test_targets_threat_aims_at_whom_its_condition_binds(nlp: Language) -> None:
    text = "Farmers threatened on Monday to block the border unless Poland lifted the ban."
    document = extract(text, nlp=nlp)
    assert _code(document, _event(document, "THREATEN").target) == "POL"


def test_targets_demand_noun_clause_names_the_target(nlp: Language) -> None:
    document = extract(
        "Denmark repeated its demand that Sweden reopen the border crossing.", nlp=nlp
    )
    demand = _event(document, "REQUEST")
    assert _code(document, demand.source) == "DNK"
    assert _code(document, demand.target) == "SWE"


def test_targets_instrument_object_does_not_act(nlp: Language) -> None:
    text = "Kenyan police used tear gas to disperse protesters in Nairobi on Tuesday."
    document = extract(text, nlp=nlp)
    assert _code(document, _event(document, "ASSAULT").source) == "KENCOP"


def test_targets_sanction_to_a_country(nlp: Language) -> None:
    document = extract("Norway said on Tuesday it had halted economic aid to Eritrea.", nlp=nlp)
    sanction = _event(document, "SANCTION")
    assert _code(document, sanction.source) == "NOR"
    assert _code(document, sanction.target) == "ERI"


def test_targets_warning_against_a_group_stays_a_threat(nlp: Language) -> None:
    text = "The interior minister of Egypt warned on Monday that police would no longer tolerate "
    text += "rallies by Kifaya."
    document = extract(text, nlp=nlp)
    warning = _event(document, "THREATEN")
    assert warning.factuality.value == "asserted"
    assert _code(document, warning.source) == "EGYGOV"


def test_targets_warning_about_another_actor_s_act_is_that_act(nlp: Language) -> None:
    document = extract("Officials warned on Monday that Russia could strike Odesa again.", nlp=nlp)
    assert not [e for e in document.events if e.type == "THREATEN"]
    assert _code(document, _event(document, "ASSAULT").source) == "RUS"


def test_targets_nested_against_phrase_names_the_target(nlp: Language) -> None:
    text = "Canada mobilized army reservists on Monday for a possible war against Venezuela."
    document = extract(text, nlp=nlp)
    mobilisation = _event(document, "MOBILIZE")
    assert _code(document, mobilisation.source) == "CAN"
    assert _code(document, mobilisation.target) == "VEN"


def test_targets_defiance_names_whom_a_protest_opposes(nlp: Language) -> None:
    text = "Thousands of students marched through Minsk in defiance of Belarusian authorities."
    document = extract(text, nlp=nlp)
    assert _code(document, _event(document, "PROTEST").target) == "BLRGOV"


def test_targets_town_called_the_capital_stands_for_the_government(nlp: Language) -> None:
    document = extract("Rebels fired rockets into the capital Mogadishu on Monday.", nlp=nlp)
    assert _code(document, _event(document, "ASSAULT").target) == "SOMGOV"


def test_targets_blast_with_no_named_attacker_is_unidentified_armed_forces(
    nlp: Language,
) -> None:
    text = "A roadside bomb killed three Afghan soldiers near Kandahar on Tuesday."
    document = extract(text, nlp=nlp)
    attack = _event(document, "ASSAULT")
    source = document.actor(attack.source)
    assert source is not None and source.code == "AFGUAF"
    assert [m.text for m in source.mentions] == ["A roadside bomb"]
    assert _code(document, attack.target) == "AFGMIL"


def test_targets_fighting_that_sets_a_deed_shares_its_doer(nlp: Language) -> None:
    text = "Ethiopian troops recaptured the town after heavy fighting with rebels on Sunday."
    document = extract(text, nlp=nlp)
    assert _code(document, _event(document, "ASSAULT").source) == "ETHMIL"


def test_targets_dangling_preposition_still_names_the_recipient(nlp: Language) -> None:
    text = "Chile granted asylum to three Bolivian army officers hiding in its embassy."
    document = extract(text, nlp=nlp)
    aid = _event(document, "AID")
    assert _code(document, aid.source) == "CHL"
    assert _code(document, aid.target) == "BOLMIL"


def test_targets_protest_clause_subject_is_the_target(nlp: Language) -> None:
    document = extract(
        "A rights group protested that Serbian police had beaten detainees.", nlp=nlp
    )
    assert _code(document, _event(document, "PROTEST").target) == "SRBCOP"


def test_targets_subject_split_by_the_parser_is_the_head_next_to_the_verb(nlp: Language) -> None:
    text = (
        "Sudan's paramilitary Rapid Support Forces shelled a market in El Fasher on Tuesday, "
        "killing at least 14 civilians."
    )
    document = extract(text, nlp=nlp)
    source = _event(document, "ASSAULT").source
    names = {a.id: a.name for a in document.actors}
    assert names.get(source or "") == "Rapid Support Forces"


def test_place_of_a_spot_in_a_town_is_the_town(nlp: Language) -> None:
    for text in (
        "Russian artillery hit a crowded bus stop in the northeastern city of Kharkiv on Monday, "
        "killing two people, officials said.",
        "A Russian drone struck a bus stop in Kharkiv on Tuesday, killing two people.",
        "Two people were killed at a bus stop in Kharkiv when Russian shells landed on Tuesday.",
    ):
        document = extract(text, nlp=nlp, published="2025-08-12")
        attack = _event(document, "ASSAULT")
        place = document.place(attack.place) if attack.place else None
        assert place is not None and place.name == "Kharkiv" and place.country == "UKR", text


def test_next_sentence_telling_how_the_attack_went_is_the_same_event(nlp: Language) -> None:
    text = (
        "Nine people were killed in Tuesday's artillery attack by the Rapid Support Forces on a "
        "market in El Fasher, a medical group said. The paramilitary group fired dozens of "
        "shells into the city's southern districts over several hours, the group said.\n\n"
        "Separately, Sudan's army said its drones struck RSF positions in Nyala on Wednesday."
    )
    document = extract(text, nlp=nlp, published="2025-06-19")
    attacks = [e for e in document.events if e.type == "ASSAULT"]
    first = attacks[0]
    assert len(first.evidence_all) == 2, [(e.evidence.text, e.source) for e in attacks]
    # the strike on another town the next paragraph reports stays an event of its own
    places = {document.place(e.place).name for e in attacks if e.place and document.place(e.place)}
    assert {"El Fasher", "Nyala"} <= places


def test_targets_the_city_of_a_place_is_the_town_not_its_country(nlp: Language) -> None:
    text = (
        "Russian artillery shelled the northeastern Ukrainian city of Kharkiv on Monday morning, "
        "killing one man, the governor said."
    )
    document = extract(text, nlp=nlp, published="2025-10-06")
    target = document.actor(_event(document, "ASSAULT").target)
    assert target is not None and (target.name, target.code) == ("Kharkiv", "UKRCVL")


def test_targets_the_summit_an_agreement_was_reached_at_is_no_target(nlp: Language) -> None:
    document = extract(
        "NATO allies agreed a new defence spending target at the Hague summit on Wednesday.",
        nlp=nlp,
        published="2025-06-25",
    )
    agree = _event(document, "AGREE")
    assert _code(document, agree.source) == "IGOWSTNAT"
    assert agree.target is None or _code(document, agree.target) != "NLD"


def test_place_of_a_spot_in_a_region_is_the_region(nlp: Language) -> None:
    text = (
        "Russian missiles struck an energy facility in Ukraine's Lviv region on Tuesday, "
        "the governor said."
    )
    document = extract(text, nlp=nlp, published="2025-09-16")
    place = document.place(_event(document, "ASSAULT").place)
    assert place is not None and place.name == "Lviv region" and place.country == "UKR"
