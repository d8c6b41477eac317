"""Abbreviated titles of wire copy stay one token, so the title stays in its sentence."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language

from newsgraph.errors import LexiconError
from newsgraph.ingest import abbreviations as module
from newsgraph.ingest.abbreviations import abbreviations, add_abbreviations


def _blank_with_abbreviations() -> Language:
    nlp = spacy.blank("en")
    add_abbreviations(nlp)
    return nlp


def test_every_abbreviation_loads_and_is_split_without_the_exception() -> None:
    rows = abbreviations()
    assert rows
    plain = spacy.blank("en")
    # each entry is there because the English tokenizer splits it
    assert all(len(plain(f"Navy {row.form} Jeff Davis")) == 5 for row in rows)


def test_every_abbreviation_is_one_token_with_the_exception() -> None:
    nlp = _blank_with_abbreviations()
    for row in abbreviations():
        words = [t.text for t in nlp(f"Navy {row.form} Jeff Davis said it.")]
        assert words[:4] == ["Navy", row.form, "Jeff", "Davis"], row.form


def test_the_exceptions_travel_with_the_serialised_tokenizer() -> None:
    """``nlp.pipe(n_process=N)`` hands workers a serialised pipeline."""
    copy = spacy.blank("en")
    copy.tokenizer.from_bytes(_blank_with_abbreviations().tokenizer.to_bytes())
    assert [t.text for t in copy("Sgt. Maria Lopez")] == ["Sgt.", "Maria", "Lopez"]


def test_a_bad_row_names_its_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def joinpath(self, *parts: str) -> Broken:
            return self

        def read_text(self, encoding: str) -> str:
            return json.dumps({"form": "capt", "meaning": "captain"})

    monkeypatch.setattr(module.resources, "files", lambda _: Broken())
    module.abbreviations.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"abbreviations\.jsonl:1"):
            module.abbreviations()
    finally:
        module.abbreviations.cache_clear()


@pytest.mark.model
def test_a_ranked_speaker_stays_in_the_sentence_of_the_quote(nlp: Language) -> None:
    text = (
        '"The ship was never in danger," said Pentagon spokesman Navy Capt. Jeff Davis. '
        "Sgt. Maria Lopez said two sailors were hurt."
    )
    doc = nlp(text)
    assert len(list(doc.sents)) == 2
    speakers = [q["speaker_text"] for q in doc._.ng_quotes]
    assert speakers == ["Pentagon spokesman Navy Capt. Jeff Davis", "Sgt. Maria Lopez"]
    people = {a["name"]: [r["title"] for r in a["roles"]] for a in doc._.ng_actors}
    assert people["Jeff Davis"] == ["Captain"]
    assert people["Maria Lopez"] == ["Sergeant"]
