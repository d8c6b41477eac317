"""Validating JSON Lines lexicon files: one row model per file, one clear error per bad row.

Stages read their own packaged files (``importlib.resources``) and hand the text here, so
every lexicon fails the same way: naming the file, the line and what is wrong with it.
"""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from newsgraph.errors import LexiconError

Row = TypeVar("Row", bound=BaseModel)


def parse_jsonl_rows(text: str, name: str, model: type[Row]) -> list[Row]:
    """Validate every non-blank line of a JSON Lines lexicon with ``model``.

    Raises:
        LexiconError: A line is not JSON or does not fit the model ("titles.jsonl:3: ...").
    """
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(model.model_validate(json.loads(line)))
        except (ValidationError, json.JSONDecodeError) as error:
            raise LexiconError(f"{name}:{number}: invalid row ({error})") from error
    return rows
