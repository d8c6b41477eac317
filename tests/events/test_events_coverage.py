"""Trigger coverage and main-event choice on wire-style sentences (issue #6).

Every sentence here is written for the test; none comes from an evaluation corpus.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.events.factuality import Cues, assess, event_cues
from newsgraph.model.document import Document, Event
from newsgraph.process import extract


def _events(nlp: Language, text: str) -> list[Event]:
    document: Document = extract(text, None, nlp=nlp)
    return list(document.events)


def _asserted_types(events: list[Event]) -> set[str]:
    return {e.type for e in events if e.factuality == "asserted"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "event_type", "cameo"),
    [
        # a split particle after an object with an appositive still closes the phrase
        (
            "The junta forced the UN monitoring mission, UNMIS, out of the country.",
            "SANCTION",
            "166",
        ),
        # destruction as the aim of the act: PLOVER's ASSAULT "destroy"
        ("Insurgents blew up two main power lines leading into the city.", "ASSAULT", "1712"),
        ("Army bulldozers demolished 14 homes in the village on Tuesday.", "ASSAULT", "1712"),
        ("A suicide bomber blew himself up at a checkpoint, police said.", "ASSAULT", "1831"),
        # "taken steps to" leaves the act to its complement
        (
            "The ruling council has taken steps to enhance political freedoms.",
            "CONCEDE",
            "0811",
        ),
        ("Prosecutors indicted the former minister on bribery charges.", "ACCUSE", "1121"),
        ("The navy tightened its blockade of the southern ports.", "COERCE", "191"),
        ("Officials extended the curfew in the capital by a week.", "COERCE", "1723"),
    ],
)
def test_coverage_trigger_codes_the_act(
    nlp: Language, text: str, event_type: str, cameo: str
) -> None:
    events = _events(nlp, text)
    assert any(e.type == event_type and e.cameo == cameo for e in events), [
        (e.type, e.cameo) for e in events
    ]


@pytest.mark.model
def test_coverage_forced_out_refugees_stays_cleansing(nlp: Language) -> None:
    events = _events(nlp, "Militiamen forced out hundreds of refugees from the camp.")
    assert any(e.type == "ASSAULT" and e.cameo == "201" for e in events)
    assert not any(e.type == "SANCTION" for e in events)


@pytest.mark.model
def test_coverage_announced_curfew_extension_is_a_threat(nlp: Language) -> None:
    events = _events(nlp, "The governor announced that he will extend the curfew in the port city.")
    assert "THREATEN" in _asserted_types(events)
    assert not any(e.type == "COERCE" and e.factuality == "asserted" for e in events)


@pytest.mark.model
def test_coverage_wanted_act_is_not_asserted(nlp: Language) -> None:
    events = _events(
        nlp, "Britain is pushing hard for the European Union support its plan to cut emissions."
    )
    # the support is what Britain wants, not what the EU did
    assert "SUPPORT" not in _asserted_types(events)


@pytest.mark.model
def test_coverage_subjunctive_needs_a_noun_subject(nlp: Language) -> None:
    cues = Cues.from_dicts(event_cues())
    demand = nlp("Donors insisted that the government release the detained reporters.")
    release = next(t for t in demand if t.lower_ == "release")
    assert assess(release, release, cues).value == "hypothetical"
    plain = nlp("The government released the detained reporters on Monday.")
    released = next(t for t in plain if t.lower_ == "released")
    assert assess(released, released, cues).value == "asserted"
