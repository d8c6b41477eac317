"""Tokenizer infixes for a quotation mark glued to the punctuation before it.

Wire copy and web pages often drop the space between a cue's punctuation and the opening
quotation mark: 'Ryan said,"Look, ...' or 'Rep. Trey Gowdy (R-S.C.):"I have not ...'.
spaCy's English tokenizer splits a comma only between letters, so 'said,"Look' stays one
token, the parser sees no cue verb, and the quotation loses its speaker. These infixes split
the punctuation and the mark off wherever a comma, colon, semicolon or closing bracket runs
straight into a double quotation mark ("):" itself stays one token: spaCy keeps it whole as
an emoticon). The patterns live in the tokenizer, which spaCy
serialises with the pipeline, so ``nlp.pipe(..., n_process=N)`` workers use them too.
"""

from __future__ import annotations

import re

from spacy.language import Language

DOUBLE_MARKS = '"\u201c\u201d'
"""Straight and curly double quotation marks."""

GLUED_QUOTE_INFIXES: tuple[str, ...] = (
    rf"[,:;)](?=[{DOUBLE_MARKS}])",  # the punctuation before a glued mark
    rf"(?<=[,:;)])[{DOUBLE_MARKS}]",  # the mark after it
    rf"\)(?=[,:;][{DOUBLE_MARKS}])",  # a bracket before that punctuation: "(in French);"
)


def add_glued_quote_infixes(nlp: Language) -> None:
    """Add the glued-quotation infixes to ``nlp``'s tokenizer, after the infixes it already
    has (idempotent)."""
    tokenizer = nlp.tokenizer
    finditer = getattr(tokenizer, "infix_finditer", None)
    current = finditer.__self__.pattern if finditer is not None else ""
    if GLUED_QUOTE_INFIXES[0] in current:
        return
    patterns = [current, *GLUED_QUOTE_INFIXES] if current else list(GLUED_QUOTE_INFIXES)
    tokenizer.infix_finditer = re.compile("|".join(patterns)).finditer  # type: ignore[union-attr]
