"""Tokenizer exceptions for the abbreviated titles and ranks of wire copy.

spaCy's English tokenizer keeps "Gen." and "Sen." whole but splits "Capt.", "Lt.", "Sgt." or
"Sens." into a word and a full stop, and the parser then ends the sentence there: in "Navy
Capt. Jeff Davis said ..." the speaker, the actor and the event source are all cut off from
their verb. Adding the forms of ``data/abbreviations.jsonl`` as special cases keeps each one a
single token, so the title stays in its sentence. The exceptions live in the tokenizer, which
spaCy serialises with the pipeline, so ``nlp.pipe(..., n_process=N)`` workers have them too.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.symbols import ORTH

from newsgraph.lexicon_io import parse_jsonl_rows

DATA_FILE = "abbreviations.jsonl"


class Abbreviation(BaseModel):
    """An abbreviated title as written, and what it stands for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    form: str = Field(pattern=r"^[A-Z][A-Za-z]*\.$", description='As written: "Capt.".')
    meaning: str = Field(min_length=2, description='What it abbreviates: "captain".')


@lru_cache(maxsize=1)
def abbreviations() -> tuple[Abbreviation, ...]:
    """The packaged abbreviations, validated."""
    text = resources.files("newsgraph.ingest").joinpath("data", DATA_FILE).read_text("utf-8")
    return tuple(parse_jsonl_rows(text, DATA_FILE, Abbreviation))


def add_abbreviations(nlp: Language) -> None:
    """Make every packaged abbreviation one token in ``nlp``'s tokenizer (idempotent)."""
    for row in abbreviations():
        nlp.tokenizer.add_special_case(row.form, [{ORTH: row.form}])  # type: ignore[union-attr]
