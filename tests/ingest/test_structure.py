"""Article structure: headings, datelines and sentence boundaries at block edges."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from newsgraph.ingest.structure import analyse_structure, find_dateline, is_heading
from newsgraph.process import extract


@pytest.mark.parametrize(
    ("block", "heading"),
    [
        ("What's Next?", True),
        ("Europe Scrambles to Stay in the Diplomatic Loop", True),
        ("Russia Launches Overnight Attacks", True),
        ("The talks ended without agreement.", False),
        ('"We will respond," he said.', False),
        ("Will the ceasefire hold until the end of the month, officials asked?", False),
        ("and then the minister left", False),
    ],
)
def test_structure_is_heading(block: str, heading: bool) -> None:
    assert is_heading(block) is heading


@pytest.mark.parametrize(
    ("paragraph", "place", "date_text", "agency"),
    [
        (
            "KHERSON, Ukraine, April 9 (Wire Service A) - Shelling killed two.",
            "KHERSON",
            "April 9",
            "Wire Service A",
        ),
        ("PARIS (AP) \u2014 The president spoke.", "PARIS", None, "AP"),
        ("BRUSSELS, March 3 - Ministers met.", "BRUSSELS", "March 3", None),
        ("THE HAGUE, June 24 - Leaders agreed.", "THE HAGUE", "June 24", None),
    ],
)
def test_structure_dateline(
    paragraph: str, place: str, date_text: str | None, agency: str | None
) -> None:
    match = find_dateline(paragraph)
    assert match is not None
    assert match.group("place") == place
    assert match.group("date") == date_text
    assert match.group("agency") == agency


@pytest.mark.parametrize(
    "paragraph",
    ["NATO leaders agreed on Tuesday.", "US officials - speaking privately - said no.", "A - B"],
)
def test_structure_no_false_dateline(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_structure_blocks_and_dateline_offsets() -> None:
    text = "Leaders meet\n\nPARIS, May 2 - Leaders met.\n\nWhat's Next?\n\nMore talks follow."
    blocks, dateline = analyse_structure(text, "Leaders meet")
    assert [b["kind"] for b in blocks] == ["title", "dateline", "paragraph", "heading", "paragraph"]
    assert dateline is not None
    assert text[dateline["start"] : dateline["end"]] == "PARIS, May 2 -"
    assert text[blocks[2]["start"] : blocks[2]["end"]] == "Leaders met."


@pytest.mark.model
def test_structure_no_sentence_crosses_a_block(
    nlp: Language, articles: dict[str, dict[str, Any]]
) -> None:
    for record in articles.values():
        document = extract(record["text"], record["published"], title=record["title"], nlp=nlp)
        edges = [(b.span.start, b.span.end) for b in document.blocks]
        doc = nlp(document.text)  # same pipeline as extract, on the normalised text
        for sentence in doc.sents:
            text = sentence.text.strip()
            if not text:
                continue
            start = sentence.start_char
            end = start + len(text)
            assert any(s <= start and end <= e for s, e in edges), (record["id"], text)


@pytest.mark.model
def test_structure_heading_is_not_read_into_next_sentence(nlp: Language) -> None:
    text = (
        "Russia Launches Overnight Attacks\n\nEurope Scrambles to Stay in the Diplomatic Loop\n\n"
        "Ministers met in Brussels on Monday to discuss the attacks."
    )
    document = extract(text, nlp=nlp)
    kinds = [b.kind for b in document.blocks]
    assert kinds[:2] == ["heading", "heading"]
    doc = nlp(document.text)
    firsts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert firsts[2].startswith("Ministers met")
