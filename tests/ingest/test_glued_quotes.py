"""A quotation mark glued to the punctuation before it is split off by the tokenizer."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from newsgraph.ingest.glued_quotes import add_glued_quote_infixes


def _words(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


def _blank_with_infixes() -> Language:
    nlp = spacy.blank("en")
    add_glued_quote_infixes(nlp)
    return nlp


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ryan said,\u201cLook at the map.", ["Ryan", "said", ",", "\u201c", "Look"]),
        ('The envoy said:"We will sign."', ["The", "envoy", "said", ":", '"', "We"]),
        ('He added (in French);"Never."', ["He", "added", "(", "in", "French", ")", ";", '"']),
    ],
)
def test_glued_marks_are_split_from_the_cue(text: str, words: list[str]) -> None:
    plain = spacy.blank("en")
    assert _words(plain, text)[: len(words)] != words  # the English tokenizer keeps them
    assert _words(_blank_with_infixes(), text)[: len(words)] == words


def test_spaced_quotations_tokenize_as_before() -> None:
    plain = spacy.blank("en")
    text = 'The minister said, "We will not give up," and left; "Never," he added.'
    assert _words(_blank_with_infixes(), text) == _words(plain, text)


def test_the_infixes_are_added_once_and_travel_with_the_tokenizer() -> None:
    nlp = _blank_with_infixes()
    pattern = nlp.tokenizer.infix_finditer.__self__.pattern  # type: ignore[union-attr]
    add_glued_quote_infixes(nlp)
    assert nlp.tokenizer.infix_finditer.__self__.pattern == pattern  # type: ignore[union-attr]
    copy = spacy.blank("en")
    copy.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert _words(copy, "Ryan said,\u201cLook")[:4] == ["Ryan", "said", ",", "\u201c"]


@pytest.mark.model
def test_a_glued_quotation_keeps_its_speaker(nlp: Language) -> None:
    text = "Speaker Paul Ryan said,\u201cThose images have no place in a campaign.\u201d"
    quotes = [q for q in nlp(text)._.ng_quotes if q["kind"] == "direct"]
    assert [(q["cue"], q["speaker_text"]) for q in quotes] == [("said", "Speaker Paul Ryan")]
