"""Normalising article text so that blocks (title, headings, paragraphs) are blank-line separated.

Every span newsgraph emits points into the normalised text, and the document id is a hash of
it, so the same article read from HTML, a feed or a text file gets the same id and offsets.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TERMINAL = tuple('.!?:;"\u201d\u2019)')


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Tell whether single newlines are soft wraps inside paragraphs (e-mail style text)."""
    body = [ln for ln in lines if ln]
    if len(body) < 4:
        return False
    long_lines = [ln for ln in body if 55 <= len(ln) <= 100]
    unterminated = [ln for ln in long_lines if not ln.endswith(_TERMINAL)]
    return len(long_lines) >= 0.6 * len(body) and len(unterminated) >= 0.5 * len(long_lines)


def split_blocks(text: str) -> list[str]:
    """Split raw text into blocks: paragraphs, headings, the title.

    Blank lines always separate blocks. A single newline separates blocks too, unless it is
    a soft wrap: the text is hard-wrapped throughout, or the next line continues a sentence
    (it starts in lower case after a line without closing punctuation).
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    lines = [_INLINE_SPACE.sub(" ", ln).strip() for ln in text.split("\n")]
    hard_wrapped = _looks_hard_wrapped(lines)
    blocks: list[str] = []
    previous = ""
    for ln in lines:
        if not ln:
            previous = ""
            continue
        soft_wrap = bool(previous) and (
            hard_wrapped or (ln[0].islower() and not previous.endswith(_TERMINAL))
        )
        if soft_wrap:
            blocks[-1] = f"{blocks[-1]} {ln}"
        else:
            blocks.append(ln)
        previous = ln
    return blocks


def normalise_text(text: str) -> str:
    """Return the canonical form of an article text: blocks joined by one blank line."""
    return "\n\n".join(split_blocks(text))


def compose_text(title: str | None, body: str) -> str:
    """Join a title and a body into one normalised text, without repeating the title."""
    body_blocks = split_blocks(body)
    if title:
        title_blocks = split_blocks(title)
        title_line = " ".join(title_blocks)
        if title_line and (not body_blocks or body_blocks[0] != title_line):
            body_blocks.insert(0, title_line)
    return "\n\n".join(body_blocks)


def document_id(normalised_text: str) -> str:
    """Return the id of a document: a hash of its normalised text (32 hex digits)."""
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()[:32]


def offset_map(normalised: str, raw: str) -> list[int]:
    """Map each character offset of ``normalised`` (plus its end) to an offset in ``raw``.

    Normalisation only changes whitespace (and drops control characters), so the k-th
    non-space character of one text is the k-th of the other; where they differ (Unicode
    composition), a sequence alignment of the non-space characters takes over.
    """
    norm_pos = [i for i, c in enumerate(normalised) if not c.isspace()]
    raw_pos = [i for i, c in enumerate(raw) if not c.isspace()]
    pairs: dict[int, int] = {}
    norm_chars = "".join(normalised[i] for i in norm_pos)
    raw_chars = "".join(raw[i] for i in raw_pos)
    if norm_chars == raw_chars:
        pairs = dict(zip(norm_pos, raw_pos, strict=True))
    else:
        from difflib import SequenceMatcher

        matcher = SequenceMatcher(None, norm_chars, raw_chars, autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                pairs[norm_pos[block.a + k]] = raw_pos[block.b + k]
    mapping: list[int] = []
    last = 0
    for i in range(len(normalised) + 1):
        if i in pairs:
            last = pairs[i]
            mapping.append(last)
        else:
            # whitespace (or an unmatched character): one past the previous mapped character
            mapping.append(last + 1 if i and (i - 1) in pairs else last)
    if normalised and len(normalised) in pairs:  # pragma: no cover - end is never a char
        mapping[-1] = pairs[len(normalised)]
    elif norm_pos:
        mapping[-1] = pairs.get(norm_pos[-1], mapping[-2]) + 1
    return mapping
