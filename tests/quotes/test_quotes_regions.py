"""Pairing quote marks into regions: no parse needed, so these run without the model."""

from __future__ import annotations

import pytest

from newsgraph.quotes.direct import find_regions


def _texts(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in region.segments] for region in find_regions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not give up," he said.', [["We will not give up"]]),
        ("\u201cWe will not give up,\u201d he said.", [["We will not give up"]]),
        ("''We will not give up,'' he said.", [["We will not give up"]]),
        (
            "\u201cWe are ready,\u201d he said. \u201cThe talks go on.\u201d",
            [["We are ready"], ["The talks go on."]],
        ),
    ],
)
def test_regions_pair_straight_curly_and_doubled_marks(
    text: str, expected: list[list[str]]
) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "\u201cThe first paragraph goes on.\n\n\u201cThe second one ends it,\u201d he said.",
        '"The first paragraph goes on.\n\n"The second one ends it," he said.',
    ],
)
def test_regions_join_a_quotation_over_paragraphs(text: str) -> None:
    assert _texts(text) == [["The first paragraph goes on.", "The second one ends it"]]


@pytest.mark.parametrize(
    "text",
    [
        "\u201cWe said \u2018never\u2019 and meant it,\u201d the envoy said.",
        "\"We said 'never' and meant it,\" the envoy said.",
    ],
)
def test_regions_keep_nested_single_quotes_inside(text: str) -> None:
    [[content]] = _texts(text)
    assert content.startswith("We said") and content.endswith("meant it")


def test_regions_survive_an_unbalanced_mark() -> None:
    text = (
        "The minister said \u201cthe talks were over.\n\n"
        "\u201cWe will return next week,\u201d the envoy said.\n\n"
        'A stray mark" here, then "Kyiv is calm," the mayor said.'
    )
    contents = [segments[-1] for segments in _texts(text)]
    assert "We will return next week" in contents
    assert "Kyiv is calm" in contents


def test_regions_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = '"We will win the war, the general told troops.\n\nOfficials declined to comment.'
    regions = find_regions(text)
    assert len(regions) == 1
    assert not regions[0].closed
    assert text[regions[0].segments[0][0] : regions[0].segments[0][1]].endswith("troops.")
