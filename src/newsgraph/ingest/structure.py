"""The ``ng_structure`` component: title, headings, dateline and paragraphs of an article.

It runs right after the tokenizer and before the parser. It marks a sentence start at every
block boundary (and after a dateline), and forbids sentence starts inside a heading, so no
sentence crosses a paragraph or heading boundary and a heading like "Europe Scrambles to Stay
in the Diplomatic Loop" is never read as the subject of the next sentence. The parser respects
boundaries set before it runs.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extensions import register_extensions

BLOCK_SEPARATOR = re.compile(r"\n\s*\n")
HEADING_MAX_WORDS = 12
QUESTION_HEADING_MAX_WORDS = 7
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\u2019\-]+(?: [A-Z][A-Z.'\u2019\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,2}))?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?:[-\u2013\u2014]{1,2}|:)\s+"
)
"""A wire dateline: "KHERSON, Ukraine, April 9 (Reuters) -", "PARIS (AP) —", "ROME, May 3 -"."""
DATELINE_BLOCK = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'\u2019\-]+(?: [A-Z][A-Z.'\u2019\-]+){{0,3}})"
    rf"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){{0,2}}))?"
    rf"\s+(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)$"
)
"""A dateline on a line of its own, as older Reuters copy has it: "BUCHAREST 1996-08-22"."""


def find_blocks(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of the blank-line separated blocks of ``text``."""
    blocks: list[tuple[int, int]] = []
    position = 0
    for match in BLOCK_SEPARATOR.finditer(text):
        if text[position : match.start()].strip():
            blocks.append(_trim(text, position, match.start()))
        position = match.end()
    if text[position:].strip():
        blocks.append(_trim(text, position, len(text)))
    return blocks


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_heading(block: str) -> bool:
    """Tell whether a block is a heading: one short line without closing punctuation."""
    if "\n" in block or not block[:1].isupper():
        return False
    words = block.split()
    if block.endswith("?"):
        return len(words) <= QUESTION_HEADING_MAX_WORDS and not any(q in block for q in '"“”')
    if block.endswith((".", "!", ":", ";", ",", '"', "\u201d", "\u2019", "'", ")")):
        return False
    return len(words) <= HEADING_MAX_WORDS


def find_dateline(block: str) -> re.Match[str] | None:
    """Return the dateline match at the start of a paragraph, if there is one."""
    match = DATELINE.match(block)
    if match is None:
        return None
    place = match.group("place")
    if len(place.replace(".", "").replace(" ", "")) < 3:
        return None
    if match.end() >= len(block):
        return None
    rest = block[match.end() :]
    letters = [c for c in rest if c.isalpha()]
    if not letters or sum(c.islower() for c in letters) < 0.3 * len(letters):
        return None  # "SOCCER - JAPAN GET LUCKY WIN": an all-caps headline, not a dateline
    return match


def analyse_structure(
    text: str, title: str | None
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Classify the blocks of ``text`` and find its dateline.

    Returns:
        The blocks as ``{kind, start, end}`` dicts, and the dateline as a dict or None.
    """
    blocks: list[dict[str, Any]] = []
    dateline: dict[str, Any] | None = None
    title_line = " ".join(title.split()) if title else None
    for index, (start, end) in enumerate(find_blocks(text)):
        block = text[start:end]
        if index == 0 and title_line is not None and block == title_line:
            blocks.append({"kind": "title", "start": start, "end": end})
            continue
        own_line = DATELINE_BLOCK.match(block) if dateline is None else None
        if own_line is not None:
            dateline = {
                "start": start,
                "end": end,
                "place_text": own_line.group("place"),
                "region_text": own_line.group("region"),
                "date_text": own_line.group("date"),
                "agency": None,
            }
            blocks.append({"kind": "dateline", "start": start, "end": end})
            continue
        if is_heading(block):
            blocks.append({"kind": "heading", "start": start, "end": end})
            continue
        match = find_dateline(block) if dateline is None else None
        if match is not None:
            dateline_end = start + len(match.group(0).rstrip())
            dateline = {
                "start": start,
                "end": dateline_end,
                "place_text": match.group("place"),
                "region_text": match.group("region"),
                "date_text": match.group("date"),
                "agency": match.group("agency"),
            }
            blocks.append({"kind": "dateline", "start": start, "end": dateline_end})
            start += match.end()
        blocks.append({"kind": "paragraph", "start": start, "end": end})
    return blocks, dateline


class StructureMarker:
    """Mark blocks, headings and the dateline, and fix sentence starts at their edges.

    Assigns ``doc._.ng_blocks``, ``doc._.ng_dateline`` and ``token.is_sent_start``.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.ng_meta or {}
        blocks, dateline = analyse_structure(doc.text, meta.get("title"))
        doc._.ng_blocks = blocks
        doc._.ng_dateline = dateline
        starts = {block["start"] for block in blocks}
        sealed = [
            (b["start"], b["end"]) for b in blocks if b["kind"] in ("title", "heading", "dateline")
        ]
        for token in doc:
            if token.i == 0:
                continue
            if token.idx in starts and not token.is_space:
                token.is_sent_start = True
            elif any(s < token.idx < e for s, e in sealed):
                token.is_sent_start = False
        return doc


@Language.factory(
    "ng_structure",
    requires=[],
    assigns=["doc._.ng_blocks", "doc._.ng_dateline", "token.is_sent_start"],
    default_config={},
)
def make_structure_marker(nlp: Language, name: str) -> StructureMarker:
    """Build the ``ng_structure`` component."""
    return StructureMarker(nlp, name)
