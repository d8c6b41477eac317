"""The time-word lexicon: words with fixed TIMEX3 values and words that are no dates.

``data/time_words.jsonl`` holds what the recogniser misses or what no date parser reads:
reference words ("now" -> PRESENT_REF, "recently" -> PAST_REF), sets ("daily" -> P1D), vague
durations ("years" -> PXY), deictic days ("overnight" -> the night before the document date),
holidays, and words the recogniser tags as dates that are none ("quarterly", a bare "night").
It is read with ``importlib.resources``, each row validated by a pydantic model, through the
registered loader ``newsgraph.time_words.v1``.
"""

from __future__ import annotations

import json
from importlib.resources import files

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.util import registry

from newsgraph.dates.normalise import TimeWord, clean
from newsgraph.errors import LexiconError

KINDS = ("word", "duration", "set", "deictic", "holiday", "reject")


class TimeWordRow(BaseModel):
    """One phrase with its TIMEX3 type and value (a template for deictic days)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=2)
    value: str | None
    type: str = Field(pattern="^(DATE|TIME|DURATION|SET)$")
    granularity: str | None = None
    kind: str = Field(pattern="^(" + "|".join(KINDS) + ")$")
    match: bool = Field(
        description="Look for the phrase in the text (besides normalising it where the "
        "recogniser finds it); off for words the annotators mostly leave untagged."
    )


@registry.misc("newsgraph.time_words.v1")
def time_words() -> list[TimeWordRow]:
    """Read and validate ``dates/data/time_words.jsonl``.

    Raises:
        LexiconError: The file is missing or a row does not validate.
    """
    try:
        text = files("newsgraph.dates").joinpath("data", "time_words.jsonl").read_text("utf-8")
    except FileNotFoundError as error:
        raise LexiconError("dates/data/time_words.jsonl is missing") from error
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(TimeWordRow.model_validate(json.loads(line)))
        except (ValidationError, ValueError) as error:
            raise LexiconError(f"dates/data/time_words.jsonl line {number}: {error}") from error
    return rows


def word_table(rows: list[TimeWordRow]) -> dict[str, TimeWord]:
    """The normaliser's lookup table: cleaned phrase -> entry."""
    return {
        clean(row.text): TimeWord(row.value, row.type, row.granularity, row.kind) for row in rows
    }
