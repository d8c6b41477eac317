"""Text normalisation: blocks, soft wraps, titles, ids and offset maps."""

from __future__ import annotations

import pytest

from newsgraph.ingest.text import (
    compose_text,
    document_id,
    normalise_text,
    offset_map,
    split_blocks,
)


@pytest.mark.parametrize(
    ("raw", "blocks"),
    [
        ("Title\r\n\r\nFirst para.\n\n\n\nSecond para.", ["Title", "First para.", "Second para."]),
        ("Heading\nA paragraph on its own line.", ["Heading", "A paragraph on its own line."]),
        (
            "The minister said the talks\nwould resume on Monday.",
            ["The minister said the talks would resume on Monday."],
        ),
        ("Tabs\tand  \u00a0spaces   collapse.", ["Tabs and spaces collapse."]),
        ("Zero\u200bwidth and \x07bell removed.", ["Zerowidth and bell removed."]),
    ],
)
def test_text_split_blocks(raw: str, blocks: list[str]) -> None:
    assert split_blocks(raw) == blocks


def test_text_hard_wrapped_paragraphs_are_joined() -> None:
    line = "The foreign ministers of the two countries met in Berlin for talks"
    raw = "\n".join([line, line, line + ".", "", line, line + "."])
    blocks = split_blocks(raw)
    assert len(blocks) == 2
    assert blocks[0] == " ".join([line, line, line + "."])


def test_text_compose_does_not_repeat_title() -> None:
    assert (
        compose_text("Talks resume", "Talks resume\n\nBody text.") == "Talks resume\n\nBody text."
    )
    assert compose_text("Talks resume", "Body text.") == "Talks resume\n\nBody text."
    assert compose_text(None, "Body text.") == "Body text."


def test_text_document_id_is_stable_across_layouts() -> None:
    a = normalise_text("Title\r\n\r\nBody   text.\n")
    b = normalise_text("  Title\n\n\n\nBody text.")
    assert a == b
    assert document_id(a) == document_id(b)
    assert document_id(a) != document_id(normalise_text("Title\n\nOther text."))
    assert len(document_id(a)) == 32


@pytest.mark.parametrize(
    "raw",
    [
        "Title here\r\n\r\nFirst  para line\nwith wrap.   \n\n\n  Second para.",
        "Caf\u0065\u0301 talks\n\nThe envoy said so.",  # decomposed accent recomposed by NFC
    ],
)
def test_text_offset_map_recovers_raw_words(raw: str) -> None:
    normalised = normalise_text(raw)
    mapping = offset_map(normalised, raw)
    assert len(mapping) == len(normalised) + 1
    for word in ("para", "Second", "envoy", "said"):
        if word in normalised:
            start = normalised.index(word)
            end = start + len(word)
            assert raw[mapping[start] : mapping[end]] == word
