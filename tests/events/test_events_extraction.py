"""Events extracted from whole articles and from single wire-style sentences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import DocBin

from newsgraph.model.document import Document, Event
from newsgraph.process import extract

SAMPLES = Path(__file__).parent.parent.parent / "samples"


def _document(nlp: Language, text: str, published: str | None = None) -> Document:
    return extract(text, published, nlp=nlp)


def _name(document: Document, actor_id: str | None) -> str | None:
    actor = document.actor(actor_id)
    return actor.name if actor else None


def _events(document: Document, event_type: str) -> list[Event]:
    return [e for e in document.events if e.type == event_type]


def _counts(event: Event) -> dict[str | None, float | None]:
    return {q.status: q.value for q in event.quantities}


# ---------------------------------------------------------------------- whole stories


@pytest.mark.model
def test_events_wire_attack_story_is_one_assault_with_every_slot(nlp: Language) -> None:
    text = (SAMPLES / "kherson-shelling.txt").read_text(encoding="utf-8")
    document = _document(nlp, text, "2025-10-06")
    kherson = [
        e
        for e in _events(document, "ASSAULT")
        if (p := document.place(e.place)) and p.name == "Kherson"
    ]
    assert len(kherson) == 1
    event = kherson[0]
    assert _name(document, event.source) == "Russia"
    # "shelled the southern Ukrainian city of Kherson": done to the city's people, not to
    # the country the adjective or the headline's "Ukraine's Kherson" names
    target = document.actor(event.target)
    assert target is not None and (target.name, target.code) == ("Kherson", "UKRCVL")
    assert event.mode == "heavy-weapons" and event.cameo == "194"
    assert event.date.value == "2025-10-06TMO" and event.date.text == "Monday morning"
    assert _counts(event) == {"killed": 1, "wounded": 6}
    assert event.factuality == "asserted"
    # the headline and the lead tell the same shelling: one event, several evidence spans
    assert len(event.evidence_all) >= 2
    assert document.text[event.evidence.start : event.evidence.end].startswith("Russian artillery")
    drones = [e for e in _events(document, "ASSAULT") if "launched" in _counts(e)]
    assert len(drones) == 1
    assert _counts(drones[0]) == {"launched": 65, "shot_down": 51, "failed": 14}


@pytest.mark.model
def test_events_air_attack_counts_and_spans_are_precise(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    article = articles["air-attack-mykolaiv"]
    document = _document(nlp, article["text"], article["published"])
    launch = next(e for e in document.events if "launched" in _counts(e))
    assert launch.type == "ASSAULT" and launch.mode == "aerial"
    assert _name(document, launch.source) == "Russia"
    by_status = {q.status: q for q in launch.quantities}
    assert {s: (q.value, q.lower, q.upper) for s, q in by_status.items()} == {
        "launched": (143, 143, 143),
        "intercepted": (95, 95, 95),
        "failed": (46, 46, 46),
    }
    assert by_status["launched"].unit == "drone"
    assert by_status["intercepted"].unit == "drone"
    assert by_status["intercepted"].span is not None
    assert by_status["intercepted"].span.text == "95 were intercepted"
    casualties = next(e for e in document.events if "killed" in _counts(e))
    killed = next(q for q in casualties.quantities if q.status == "killed")
    assert (killed.value, killed.lower, killed.upper) == (2, 2, None)  # "at least two"
    assert _counts(casualties)["injured"] == 11
    assert document.place(casualties.place) is not None
    assert document.place(casualties.place).name == "Mykolaiv"  # type: ignore[union-attr]
    # the Russian ministry's claim is a Ukrainian attack with 27 drones intercepted
    counter = next(e for e in document.events if _counts(e).get("intercepted") == 27)
    assert _name(document, counter.source) == "Ukraine"
    denied = next(e for e in document.events if e.trigger and e.trigger.text == "targeting")
    assert denied.factuality == "negated"


@pytest.mark.model
def test_events_summit_story_is_one_consult_with_its_parties(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    article = articles["paris-summit"]
    document = _document(nlp, article["text"], article["published"])
    in_paris = [e for e in _events(document, "CONSULT") if e.place is not None]
    assert len(in_paris) == 1
    summit = in_paris[0]
    assert document.place(summit.place).name == "Paris"  # type: ignore[union-attr]
    assert _name(document, summit.source) == "Emmanuel Macron"
    assert summit.factuality == "future"
    assert summit.mode == "multilateral"
    assert summit.date.text == "Tuesday"
    parties = {_name(document, p) for p in summit.participants}
    assert {"Emmanuel Macron", "Friedrich Merz", "Keir Starmer", "Giorgia Meloni"} <= parties
    call = next(e for e in _events(document, "CONSULT") if e.mode == "phone")
    assert _name(document, call.source) == "Emmanuel Macron"
    assert _name(document, call.target) == "Donald Trump"
    assert call.factuality == "asserted"
    refusal = [e for e in _events(document, "REJECT") if e.factuality == "asserted"]
    assert any(_name(document, e.source) == "Russia government" for e in refusal)


@pytest.mark.model
def test_events_fixture_expectations_are_mostly_met(
    nlp: Language, articles: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]
) -> None:
    """Recall of the hand-checked (type, source) pairs over all fixture articles.

    Sources are compared by actor name; the lead engineer's actor layer names some
    organisations canonically ("Kremlin" -> "Russia government"), which this test accepts
    through the actor's country when the names differ.
    """
    found = total = 0
    for article_id, expectation in expected.items():
        article = articles[article_id]
        document = _document(nlp, article["text"], article.get("published"))
        got = {(e.type, _name(document, e.source)) for e in document.events}
        got_types = {e.type for e in document.events}
        for event in expectation["events"]:
            total += 1
            found += (event["type"], event["source"]) in got or (
                event["source"] is None and event["type"] in got_types
            )
    assert total > 40
    assert found / total >= 0.65, (found, total)


# ---------------------------------------------------------------------- sentences


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "event_type", "factuality"),
    [
        ("Russia did not attack the convoy, the ministry said.", "ASSAULT", "negated"),
        ("Officials warned that Russia could strike Kyiv again.", "ASSAULT", "hypothetical"),
        ("The troops will withdraw if a deal is reached.", "RETREAT", "hypothetical"),
        ("The troops will withdraw if a deal is reached.", "AGREE", "hypothetical"),
        ("Macron is expected to host European leaders in Paris.", "CONSULT", "future"),
        ("The minister will meet her Polish counterpart on Friday.", "CONSULT", "future"),
        ("Moscow denies targeting civilians.", "ASSAULT", "negated"),
        ("Police arrested 12 protesters in Tbilisi on Sunday.", "COERCE", "asserted"),
    ],
)
def test_events_factuality(nlp: Language, text: str, event_type: str, factuality: str) -> None:
    document = _document(nlp, text)
    assert any(e.type == event_type and e.factuality == factuality for e in document.events), [
        (e.type, e.factuality) for e in document.events
    ]


@pytest.mark.model
def test_events_stated_intent_is_also_an_agree(nlp: Language) -> None:
    document = _document(nlp, "Germany said it would send more air defence systems to Ukraine.")
    aid = _events(document, "AID")
    agree = _events(document, "AGREE")
    assert aid and aid[0].factuality == "future"
    assert agree and agree[0].factuality == "asserted" and agree[0].cameo == "033"
    assert _name(document, agree[0].source) == "Germany"
    assert agree[0].trigger == aid[0].trigger  # the same words: the statement and the act


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "event_type", "source", "target"),
    [
        ("Russia attacked Ukraine on Monday, officials said.", "ASSAULT", "Russia", "Ukraine"),
        ("Ukraine was attacked by Russia overnight.", "ASSAULT", "Russia", "Ukraine"),
        ("Iran held talks with Oman in Muscat on Saturday.", "CONSULT", "Iran", "Oman"),
        (
            "The European Union imposed sanctions against Russia.",
            "SANCTION",
            "European Union",
            "Russia",
        ),
        ("Russia carried out strikes on Ukraine overnight.", "ASSAULT", "Russia", "Ukraine"),
        ("Poland accused Russia of sabotage on Tuesday.", "ACCUSE", "Poland", "Russia"),
    ],
)
def test_events_source_and_target_from_structure(
    nlp: Language, text: str, event_type: str, source: str, target: str
) -> None:
    document = _document(nlp, text)
    event = next(e for e in document.events if e.type == event_type)
    assert (_name(document, event.source), _name(document, event.target)) == (source, target)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "status", "value", "lower", "upper"),
    [
        ("At least one person was killed in the attack.", "killed", 1, 1, None),
        ("More than 100 people were injured in the blast.", "injured", 100, 101, None),
        ("Nearly 2,000 people were displaced by the fighting.", "displaced", 2000, None, 2000),
        ("Dozens of protesters were detained by police.", "detained", None, 24, None),
        ("Police arrested eleven people after the riot.", "arrested", 11, 11, 11),
        ("About 50 soldiers were wounded in the offensive.", "wounded", 50, None, None),
        ("Qassem Soleimani was killed in a drone strike in Baghdad.", "killed", 1, 1, 1),
        ("Police shot dead two protesters in Srinagar.", "killed", 2, 2, 2),
        ("Police detained protesters outside the parliament.", "detained", None, None, None),
    ],
)
def test_events_approximate_counts_keep_their_bounds(
    nlp: Language,
    text: str,
    status: str,
    value: float | None,
    lower: float | None,
    upper: float | None,
) -> None:
    document = _document(nlp, text)
    quantities = [q for e in document.events for q in e.quantities if q.status == status]
    assert [(q.value, q.lower, q.upper) for q in quantities] == [(value, lower, upper)]


@pytest.mark.model
def test_events_mentions_of_one_summit_are_one_event(nlp: Language) -> None:
    text = (
        "Leaders of the Group of Seven will hold a summit in Ottawa on Monday.\n\n"
        "The summit is expected to focus on trade and Ukraine.\n\n"
        "Canada's prime minister said the summit would also discuss Arctic security."
    )
    document = _document(nlp, text, "2025-06-10")
    summits = [e for e in _events(document, "CONSULT") if e.trigger and e.trigger.text == "summit"]
    assert len(summits) == 1
    assert len(summits[0].evidence_all) == 3


# ---------------------------------------------------------------------- plumbing


@pytest.mark.model
def test_events_survive_docbin_and_convert(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    doc = nlp(articles["air-attack-kharkiv"]["text"])
    assert doc._.ng_events and doc.spans["ng_event_triggers"]
    store = DocBin(store_user_data=True)
    store.add(doc)
    restored = next(iter(DocBin().from_bytes(store.to_bytes()).get_docs(nlp.vocab)))
    assert json.loads(json.dumps(restored._.ng_events)) == json.loads(json.dumps(doc._.ng_events))
    for event in doc._.ng_events:
        model = Event.model_validate(
            {
                **event,
                "evidence": {
                    "start": event["evidence"][0],
                    "end": event["evidence"][1],
                    "text": doc.text[slice(*event["evidence"])],
                },
                "trigger": None,
                "evidence_all": [],
                "quantities": [],
            }
        )
        assert model.id == event["id"]


@pytest.mark.model
def test_events_component_serialises_its_lexicons(nlp: Language, tmp_path: Path) -> None:
    component = nlp.get_pipe("ng_events")
    data = component.to_bytes()
    clone = type(component).__new__(type(component))
    clone.name = "copy"
    clone.spans_key = component.spans_key
    clone.from_bytes(data)
    assert clone.lexicon.rows == component.lexicon.rows
    component.to_disk(tmp_path / "events")
    clone.from_disk(tmp_path / "events")
    assert clone.table.rows == component.table.rows


@pytest.mark.model
def test_events_every_fixture_converts_with_true_spans(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    for article in articles.values():
        document = _document(nlp, article["text"], article.get("published"))
        ids = [e.id for e in document.events]
        assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
        for event in document.events:
            assert 0.0 < event.confidence < 1.0
            assert event.evidence in event.evidence_all
            assert event.trigger is not None
            assert (
                event.evidence.start
                <= event.trigger.start
                < event.trigger.end
                <= event.evidence.end
            )
            for quantity in event.quantities:
                assert quantity.span is not None
                assert quantity.span.text == document.text[quantity.span.start : quantity.span.end]
            for actor_id in (event.source, event.target, *event.participants):
                assert actor_id is None or document.actor(actor_id) is not None
            assert event.place is None or document.place(event.place) is not None


@pytest.mark.model
def test_events_remarks_about_comment_are_not_events(nlp: Language) -> None:
    for text in (
        "The RSF did not respond to a request for comment.",
        "The ministry did not immediately respond to requests for comment on Tuesday.",
        "A spokesman declined to comment on the report.",
    ):
        assert _document(nlp, text).events == [], text
    asked = _document(nlp, "Ukraine sent Germany a request for more air defence systems.")
    assert [e.type for e in asked.events] == ["REQUEST"]


@pytest.mark.model
def test_events_what_it_is_time_to_do_is_not_done(nlp: Language) -> None:
    text = '"Now is the time to stop the killing and agree to a ceasefire," the minister said.'
    document = _document(nlp, text)
    assert document.events and all(e.factuality == "hypothetical" for e in document.events)
