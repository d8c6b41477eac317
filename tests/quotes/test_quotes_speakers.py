"""Speaker resolution: names, pronouns, titles, collectives and possessives to actor ids."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from newsgraph import extract


def _actor_of(document: Any, quote: Any) -> str | None:
    actor = document.actor(quote.speaker)
    return actor.name if actor is not None else None


@pytest.mark.model
def test_speakers_pronoun_follows_the_previous_speaker(nlp: Language) -> None:
    text = (
        "Ukrainian Defence Minister Rustem Umerov met Pete Hegseth in Brussels on Wednesday. "
        "Umerov said Kyiv was counting on its partners to deliver air defence systems. "
        '"We are grateful, but we need them on time," he told reporters.'
    )
    document = extract(text, "2025-02-12", nlp=nlp)
    direct = next(q for q in document.quotes if q.kind == "direct")
    assert direct.speaker_text == "he"
    assert (_actor_of(document, direct) or "").endswith("Umerov")


@pytest.mark.model
def test_speakers_pronoun_of_an_unnamed_speaker_stays_unresolved(nlp: Language) -> None:
    text = (
        "Mali's interim president, General Assimi Goita, has promised to restore security.\n\n"
        "A resident of Djibo said he heard heavy gunfire for several hours. "
        '"We stayed inside all morning," he said by phone.'
    )
    document = extract(text, "2025-05-11", nlp=nlp)
    direct = next(q for q in document.quotes if q.kind == "direct")
    assert direct.speaker_text == "he"
    assert direct.speaker is None


@pytest.mark.model
def test_speakers_title_to_the_person_who_holds_it(nlp: Language) -> None:
    text = (
        "Regional governor Vitaliy Kim said the drones struck a residential district.\n\n"
        "\u201cThere are no military facilities in this neighbourhood,\u201d the governor said."
    )
    document = extract(text, "2025-04-09", nlp=nlp)
    direct = next(q for q in document.quotes if q.kind == "direct")
    assert direct.speaker_text == "the governor"
    assert _actor_of(document, direct) == "Vitaliy Kim"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker_text", "expected"),
    [
        (
            "Russia launched 143 drones overnight, Ukraine's air force said.",
            "Ukraine's air force",
            "Ukrain",
        ),
        (
            "Ukrainian authorities reported that power had been restored in Kharkiv.",
            "Ukrainian authorities",
            "Ukrain",
        ),
        (
            "A Downing Street spokesperson said the call lasted an hour.",
            "A Downing Street spokesperson",
            "",
        ),
    ],
)
def test_speakers_collective_or_possessive_to_the_body(
    nlp: Language, text: str, speaker_text: str, expected: str
) -> None:
    document = extract(text, "2025-04-09", nlp=nlp)
    [quote] = document.quotes
    assert quote.speaker_text == speaker_text
    assert quote.speaker is not None
    name = _actor_of(document, quote) or ""
    assert expected in name
    mention_texts = {m.text for m in document.actor(quote.speaker).mentions}  # type: ignore[union-attr]
    assert any(t in speaker_text for t in mention_texts)


@pytest.mark.model
def test_speakers_text_is_kept_as_written(nlp: Language) -> None:
    text = (
        "\u201cThis is a first step, not a final peace,\u201d M23 spokesman Lawrence Kanyuka "
        "said on X."
    )
    document = extract(text, "2025-07-19", nlp=nlp)
    [quote] = document.quotes
    assert quote.speaker_text == "M23 spokesman Lawrence Kanyuka"
    assert quote.speaker_span is not None and quote.speaker_span.text == quote.speaker_text
    assert _actor_of(document, quote) == "Lawrence Kanyuka"


def _direct_speaker(nlp: Language, text: str) -> str | None:
    quotes = [q for q in nlp(text)._.ng_quotes if q["kind"] == "direct"]
    assert len(quotes) == 1, quotes
    speaker: str | None = quotes[0]["speaker_text"]
    return speaker


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a participle the parser hangs on the reported clause belongs to the reporting verb
        (
            "Byrne also wrote the agents knew to brace for the eruptions, saying, "
            '"It was a punishment."',
            "Byrne",
        ),
        (
            'The mayor told reporters that the army "had no plan," adding, "It never did."',
            "The mayor",
        ),
        # a participle clause between the speaker and the cue takes the subject away
        (
            'Senator Richard Durbin, noting the size of the crowd, said, "He is not going away."',
            "Senator Richard Durbin",
        ),
        # a document sent by someone speaks for its sender
        (
            'Her campaign blasted out an email to supporters stating, "We will win this fight."',
            "Her campaign",
        ),
        ('The ministry released a video that said, "The bridge is open."', "The ministry"),
    ],
)
def test_speakers_of_direct_quotes_past_misattached_clauses(
    nlp: Language, text: str, speaker: str
) -> None:
    assert _direct_speaker(nlp, text) == speaker


@pytest.mark.model
def test_speakers_an_unnamed_spokesperson_speaks_for_the_body_named(nlp: Language) -> None:
    text = (
        "European Commission President Ursula von der Leyen presented the package in Brussels. "
        "Asked about the timing, a spokesperson for the Commission declined to comment."
    )
    document = extract(text, "2025-05-22", nlp=nlp)
    declined = next(q for q in document.quotes if q.cue == "declined")
    assert declined.speaker_text == "a spokesperson for the Commission"
    assert _actor_of(document, declined) == "European Commission"


@pytest.mark.model
def test_speakers_a_statement_read_out_is_the_ministry_named_before(nlp: Language) -> None:
    text = (
        "The Russian Foreign Ministry protested on Thursday. A statement from the ministry "
        'read: "Europe is only punishing itself."'
    )
    document = extract(text, "2025-05-22", nlp=nlp)
    (quote,) = [q for q in document.quotes if q.kind == "direct"]
    assert (quote.cue, quote.speaker_text) == ("read", "A statement from the ministry")
    assert _actor_of(document, quote) == "Russian Foreign Ministry"


@pytest.mark.model
def test_speakers_plural_officials_are_not_one_named_official(nlp: Language) -> None:
    text = (
        "A Hamas official told AFP the group would not return to talks under fire. "
        "Health officials said at least 12 people were killed in the strike."
    )
    document = extract(text, "2025-06-03", nlp=nlp)
    health = next(q for q in document.quotes if q.speaker_text == "Health officials")
    assert health.speaker is None
    told = next(q for q in document.quotes if q.cue == "told")
    assert _actor_of(document, told) == "Hamas official"
