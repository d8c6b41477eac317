"""The ng_quotes component on wire-style sentences: direct and indirect statements."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import DocBin

from newsgraph import extract
from newsgraph.model import Document, Quote
from newsgraph.quotes.component import QuoteFinder, _content_text


def _quotes(nlp: Language, text: str) -> list[dict[str, Any]]:
    quotes: list[dict[str, Any]] = nlp(text)._.ng_quotes
    return quotes


def _one(nlp: Language, text: str, kind: str | None = None) -> dict[str, Any]:
    found = [q for q in _quotes(nlp, text) if kind is None or q["kind"] == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            '"We will rebuild every school," Mayor Ihor Terekhov said.',
            "Mayor Ihor Terekhov",
            "said",
        ),
        (
            '"We will rebuild every school," said Mayor Ihor Terekhov.',
            "Mayor Ihor Terekhov",
            "said",
        ),
        (
            "\u201cWe will rebuild every school,\u201d Terekhov said in a statement.",
            "Terekhov",
            "said",
        ),
        ('Terekhov told reporters: "We will rebuild every school."', "Terekhov", "told"),
        ("Terekhov said, \u201cWe will rebuild every school.\u201d", "Terekhov", "said"),
        (
            "Terekhov spoke to reporters at the city hall on Tuesday.\n\n"
            'He made one promise:\n\n"We will rebuild every school."',
            "He",
            "made",
        ),
    ],
)
def test_component_direct_quote_with_speaker_before_or_after(
    nlp: Language, text: str, speaker: str, cue: str
) -> None:
    quote = _one(nlp, text, "direct")
    assert quote["text"].startswith("We will rebuild every school")
    assert quote["speaker_text"] == speaker
    assert quote["cue"] == cue
    start, end = quote["speaker_span"]
    assert text[start:end] == speaker
    assert text[quote["start"] : quote["end"]].startswith("We will rebuild")
    assert '"' not in quote["text"] and "\u201c" not in quote["text"]


@pytest.mark.model
def test_component_split_quote_is_one_statement(nlp: Language) -> None:
    text = (
        "\u201cThe air defence worked through the night,\u201d the governor said. "
        "\u201cBut the drones keep coming.\u201d"
    )
    quote = _one(nlp, text)
    assert quote["kind"] == "direct"
    assert quote["text"] == "The air defence worked through the night. But the drones keep coming."
    assert quote["speaker_text"] == "the governor"
    # Only the text reads as sentences: the content spans stay on the quoted words.
    assert [text[start:end] for start, end in quote["segments"]] == [
        "The air defence worked through the night",
        "But the drones keep coming.",
    ]


@pytest.mark.model
def test_component_split_quote_in_one_sentence_keeps_its_comma(nlp: Language) -> None:
    text = (
        '"The air defence worked through the night," the governor said, '
        '"and the drones were shot down over the river."'
    )
    quote = _one(nlp, text, "direct")
    assert quote["text"] == (
        "The air defence worked through the night, and the drones were shot down over the river."
    )


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            '"We hold the bridge," he said. "The town is next."',
            "We hold the bridge. The town is next.",
        ),
        ('"We hold the bridge," he said, "and the town."', "We hold the bridge, and the town."),
        ('"We hold the bridge," he said, "Then the town."', "We hold the bridge, Then the town."),
        ('"If they come," he said "I will stay."', "If they come, I will stay."),
        ('"Who holds the bridge?" he asked. "We do."', "Who holds the bridge? We do."),
    ],
)
def test_component_split_quote_text_keeps_sentence_ends(text: str, joined: str) -> None:
    pieces = [m.span(1) for m in re.finditer(r'"([^"]*?),?"', text)]
    assert _content_text(text, pieces) == joined


@pytest.mark.model
def test_component_quote_over_paragraphs_is_one_statement(nlp: Language) -> None:
    text = (
        "\u201cThe first wave hit the port shortly after midnight.\n\n"
        "\u201cA second wave followed at dawn and struck the grain terminal,\u201d "
        "the regional governor said."
    )
    quote = _one(nlp, text)
    assert quote["text"].startswith("The first wave hit the port")
    assert quote["text"].endswith("struck the grain terminal")
    assert quote["speaker_text"] == "the regional governor"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'Critics have dubbed the bill a "foreign agents law" since it was tabled in May.',
        'The minister appeared on the talk show "Morning Briefing" on Sunday.',
        'The so-called "coalition of the willing" met in London on Sunday.',
    ],
)
def test_component_scare_quotes_and_titles_are_not_statements(nlp: Language, text: str) -> None:
    assert not [q for q in _quotes(nlp, text) if q["kind"] == "direct"]


@pytest.mark.model
def test_component_unbalanced_mark_does_not_abort_the_document(nlp: Language) -> None:
    text = (
        'The opposition called it "a dark day for the country.\n\n'
        '"The talks will resume on Monday," a government spokesman said.\n\n'
        "The Interior Ministry said 27 people had been detained overnight."
    )
    quotes = _quotes(nlp, text)
    assert any(
        q["kind"] == "direct" and q["text"] == "The talks will resume on Monday" for q in quotes
    )
    assert any(q["kind"] == "indirect" and q["text"].startswith("27 people") for q in quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Hegseth warned that Europe must increase its defense spending.",
            "Europe must increase its defense spending",
            "Hegseth",
            "warned",
        ),
        (
            "Kallas said the bloc was already working on further measures.",
            "the bloc was already working on further measures",
            "Kallas",
            "said",
        ),
        (
            "Russia launched 80 drones overnight, Ukraine's air force said on Thursday.",
            "Russia launched 80 drones overnight",
            "Ukraine's air force",
            "said",
        ),
        (
            "Three protesters were taken to hospital, according to the Health Ministry.",
            "Three protesters were taken to hospital",
            "the Health Ministry",
            "according to",
        ),
        (
            "The foreign minister stressed the importance of the grain corridor.",
            "the importance of the grain corridor",
            "The foreign minister",
            "stressed",
        ),
        (
            "The Finnish president confirmed his participation in the summit.",
            "his participation in the summit",
            "The Finnish president",
            "confirmed",
        ),
        (
            "Moscow denies targeting civilians.",
            "targeting civilians",
            "Moscow",
            "denies",
        ),
        (
            "The ministry said in a statement that the border crossing would reopen.",
            "the border crossing would reopen",
            "The ministry",
            "said in a statement",
        ),
        (
            "The ceasefire plan was rejected by the Kremlin on Monday.",
            "The ceasefire plan",
            "the Kremlin",
            "rejected",
        ),
        (
            "Polls show a close contest in the state.",
            "a close contest in the state",
            "Polls",
            "show",
        ),
        (
            "Zourabichvili called the detentions an act of revenge.",
            "the detentions an act of revenge",
            "Zourabichvili",
            "called",
        ),
    ],
)
def test_component_indirect_statements(
    nlp: Language, text: str, content: str, speaker: str, cue: str
) -> None:
    quote = _one(nlp, text)
    assert quote["kind"] == "indirect"
    assert quote["text"] == content
    assert text[quote["start"] : quote["end"]] == content
    assert quote["speaker_text"] == speaker
    assert quote["cue"] == cue


@pytest.mark.model
def test_component_a_place_as_bare_object_is_not_content(nlp: Language) -> None:
    # "criticised Madrid": the place stands for whom the verb is aimed at, not for words.
    text = "Trump criticised Madrid and said he would raise the issue in trade talks."
    quote = _one(nlp, text)
    assert quote["cue"] == "said"
    assert quote["text"] == "he would raise the issue in trade talks"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Trump called the system \u201crigged\u201d in a tweet on Tuesday.",
            "the system \u201crigged\u201d",
        ),
        (
            "He called her handling of the files \u201cextremely careless,\u201d and left.",
            "her handling of the files \u201cextremely careless,\u201d",
        ),
    ],
)
def test_component_quoted_name_of_a_naming_verb(nlp: Language, text: str, content: str) -> None:
    # The parser hangs the quoted name on the object; the naming is still reported, its
    # content the object and the quoted name with both its marks.
    quote = _one(nlp, text)
    assert quote["kind"] == "indirect"
    assert quote["cue"] == "called"
    assert text[quote["start"] : quote["end"]] == content
    assert quote["speaker_text"] in ("Trump", "He")


@pytest.mark.model
def test_component_clause_that_ends_in_quoted_words_is_one_paraphrase(nlp: Language) -> None:
    # The reported clause starts in the writer's words and ends in the speaker's.
    text = 'The mayor said the water supply was not the fault of the utility, "not by a long shot."'
    quote = _one(nlp, text)
    assert quote["kind"] == "indirect"
    assert text[quote["start"] : quote["end"]].startswith("the water supply was not")
    # words of the attribution alone before the quote leave it a direct quote
    quote = _one(nlp, 'The mayor told reporters on Tuesday in Kyiv, "We will hold the line."')
    assert quote["kind"] == "direct"
    assert quote["text"] == "We will hold the line."


@pytest.mark.model
def test_component_no_comment_is_a_statement(nlp: Language) -> None:
    quote = _one(nlp, "The White House has not commented on the report.")
    assert quote["speaker_text"] == "The White House"
    assert quote["text"].startswith("has not commented")


@pytest.mark.model
def test_component_quoted_words_in_a_paraphrase_stay_a_paraphrase(nlp: Language) -> None:
    text = 'Tusk said the attack was "clearly ordered" by foreign services.'
    quote = _one(nlp, text)
    assert quote["kind"] == "indirect"
    assert quote["text"].startswith("the attack was")


@pytest.mark.model
def test_component_a_clause_of_quoted_words_is_a_direct_quote(nlp: Language) -> None:
    text = "Ozel called the detention \u201can attempted coup against our next president.\u201d"
    quote = _one(nlp, text)
    assert quote["kind"] == "direct"
    assert quote["text"].startswith("an attempted coup against our next president")


@pytest.mark.model
def test_component_output_converts_to_the_document_model(nlp: Language) -> None:
    text = (
        "KYIV, March 3 (Wire Service A) - Ukrainian President Volodymyr Zelensky said on "
        "Monday that air defence remained the top priority.\n\n"
        "\u201cEvery system we receive saves lives,\u201d he told reporters."
    )
    document = extract(text, "2025-03-03", nlp=nlp)
    assert isinstance(document, Document)
    assert [q.id for q in document.quotes] == ["q1", "q2"]
    for quote in document.quotes:
        for span in (quote.speaker_span, quote.cue_span):
            assert span is not None and document.text[span.start : span.end] == span.text
    zelensky = next(a for a in document.actors if a.name.endswith("Zelensky"))
    assert [q.speaker for q in document.quotes] == [zelensky.id, zelensky.id]
    assert document.quotes[1].speaker_text == "he"


def test_component_quote_without_segments_is_one_piece() -> None:
    # A quote stored before quotes had segments still reads back, as one piece.
    quote = Quote.model_validate(
        {"id": "q1", "kind": "direct", "text": "We will win", "start": 4, "end": 15}
    )
    assert [(s.start, s.end, s.text) for s in quote.segments] == [(4, 15, "We will win")]


@pytest.mark.model
def test_component_state_travels_with_docbin_and_to_bytes(nlp: Language) -> None:
    doc = nlp('"The bridge is open again," the mayor said.')
    bin_ = DocBin(store_user_data=True, docs=[doc])
    [again] = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))
    assert json.loads(json.dumps(again._.ng_quotes)) == json.loads(json.dumps(doc._.ng_quotes))
    finder = nlp.get_pipe("ng_quotes")
    assert isinstance(finder, QuoteFinder)
    copy = QuoteFinder(nlp, "copy", reporting_verbs=[], speaker_nouns=[])
    copy.from_bytes(finder.to_bytes())
    assert copy(nlp.make_doc("x")) is not None
    assert copy.lexicon.verbs.keys() == finder.lexicon.verbs.keys()


@pytest.mark.model
def test_component_runs_after_actors(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("ng_quotes") > names.index("ng_actors")
