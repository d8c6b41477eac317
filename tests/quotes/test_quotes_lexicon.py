"""The quote lexicons: every row loads, and every entry is used by the component."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import LexiconError
from newsgraph.quotes.lexicon import (
    CueRow,
    QuoteLexicon,
    SpeakerNounRow,
    default_lexicon,
    load_reporting_verbs,
    load_speaker_nouns,
)

CUES = load_reporting_verbs()
SPEAKER_NOUNS = load_speaker_nouns()


def _past(row: dict[str, Any]) -> str:
    """The form a wire story uses after a quotation: the past tense (third entry)."""
    forms: list[str] = row["forms"]
    return forms[2] if len(forms) > 2 else forms[-1]


def _quotes(nlp: Language, text: str, actors: list[dict[str, Any]] | None = None) -> Doc:
    """Run the pipeline; with ``actors``, run the quote finder again over those actors."""
    doc = nlp(text)
    if actors is not None:
        doc._.ng_actors = actors
        doc = nlp.get_pipe("ng_quotes")(doc)
    return doc


def test_lexicon_rows_validate_and_index() -> None:
    assert all(CueRow.model_validate(row) for row in CUES)
    assert all(SpeakerNounRow.model_validate(row) for row in SPEAKER_NOUNS)
    lexicon = default_lexicon()
    assert lexicon.verbs["said"].lemma == "say"
    assert lexicon.nouns["statement"].pos == "noun"
    assert ("according", "to") in lexicon.phrases
    assert "spokesman" in lexicon.person_nouns
    assert "armed forces" in lexicon.collective_nouns["army"]
    assert "report" in lexicon.document_nouns


def test_lexicon_rows_round_trip() -> None:
    lexicon = default_lexicon()
    cues, speakers = lexicon.rows()
    again = QuoteLexicon.from_rows(cues, speakers)
    assert again.verbs.keys() == lexicon.verbs.keys()
    assert again.collective_nouns == lexicon.collective_nouns
    assert again.document_nouns == lexicon.document_nouns


@pytest.mark.parametrize(
    "row",
    [
        {"lemma": "say", "pos": "verb", "forms": ["Said"]},
        {"lemma": "say", "pos": "adverb", "forms": ["said"]},
        {"lemma": "say", "pos": "verb", "forms": []},
    ],
)
def test_lexicon_bad_rows_are_refused(row: dict[str, Any]) -> None:
    with pytest.raises(LexiconError):
        QuoteLexicon.from_rows([row])


@pytest.mark.model
def test_lexicon_every_verb_cues_a_quotation(nlp: Language) -> None:
    rows = [row for row in CUES if row["pos"] == "verb"]
    texts = [f'"We will not give up on these talks," the minister {_past(row)}.' for row in rows]
    missed = []
    for row, doc in zip(rows, nlp.pipe(texts), strict=True):
        quotes = [q for q in doc._.ng_quotes if q["kind"] == "direct"]
        if not any(q["cue"] == _past(row) and q["speaker_text"] == "the minister" for q in quotes):
            missed.append(row["lemma"])
    assert not missed


@pytest.mark.model
def test_lexicon_every_noun_is_used(nlp: Language) -> None:
    missed = []
    for row in (r for r in CUES if r["pos"] == "noun"):
        noun = row["forms"][0]
        if "medium" in row["frames"]:
            doc = nlp(f"The minister said in a {noun} that the talks would resume on Monday.")
            if not any(q["cue"] == f"said in a {noun}" for q in doc._.ng_quotes):
                missed.append(noun)
        if "clause" in row["frames"]:
            doc = nlp(f"The court rejected the minister's {noun} that the vote had been rigged.")
            if not any(
                q["cue"] == noun and q["text"] == "the vote had been rigged"
                for q in doc._.ng_quotes
            ):
                missed.append(noun)
    assert not missed


@pytest.mark.model
def test_lexicon_every_phrase_is_used(nlp: Language) -> None:
    for row in (r for r in CUES if r["pos"] == "phrase"):
        phrase = row["forms"][0]
        doc = nlp(f"Three soldiers were killed overnight, {phrase} the regional governor.")
        [quote] = doc._.ng_quotes
        assert quote["cue"] == phrase
        assert quote["speaker_text"] == "the regional governor"
        assert quote["text"] == "Three soldiers were killed overnight"


@pytest.mark.model
def test_lexicon_every_person_noun_resolves_a_title(nlp: Language) -> None:
    missed = []
    for noun in sorted(default_lexicon().person_nouns):
        text = f"Ruritania named Anna Varga. The {noun} said the talks would resume."
        start = text.index("Anna Varga")
        actor = {
            "id": "a1",
            "name": "Anna Varga",
            "kind": "person",
            "roles": [{"title": noun.capitalize(), "country": None, "organization": None}],
            "mentions": [[start, start + len("Anna Varga")]],
        }
        doc = _quotes(nlp, text, [actor])
        if not any(q["speaker"] == "a1" for q in doc._.ng_quotes):
            missed.append(noun)
    assert not missed


@pytest.mark.model
def test_lexicon_every_collective_noun_resolves_a_body(nlp: Language) -> None:
    lexicon = default_lexicon()
    missed = []
    for noun, same in sorted(lexicon.collective_nouns.items()):
        for word in sorted(same):
            name = f"Ruritanian {word}"
            text = f"The {name} met on Monday. The {noun} said the talks would resume."
            start = text.index(name)
            actor = {
                "id": "a1",
                "name": name,
                "kind": "organization",
                "roles": [],
                "mentions": [[start, start + len(name)]],
            }
            doc = _quotes(nlp, text, [actor])
            if not any(q["speaker"] == "a1" for q in doc._.ng_quotes):
                missed.append(f"{noun}->{word}")
    assert not missed


@pytest.mark.model
def test_lexicon_every_document_noun_speaks_for_its_author(nlp: Language) -> None:
    missed = []
    for noun in sorted(default_lexicon().document_nouns):
        name = "Ruritanian Foreign Ministry"
        text = f"The {noun} from the {name} said the talks would resume."
        start = text.index(name)
        actor = {
            "id": "a1",
            "name": name,
            "kind": "organization",
            "roles": [],
            "mentions": [[start, start + len(name)]],
        }
        doc = _quotes(nlp, text, [actor])
        if not any(q["speaker"] == "a1" for q in doc._.ng_quotes):
            missed.append(noun)
    assert not missed
