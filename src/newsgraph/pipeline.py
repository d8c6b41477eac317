"""Build the newsgraph pipeline: a spaCy model plus our components, in order.

This is the one place to see what runs. Our components are registered factories, so users
can also add them to a pipeline of their own with ``nlp.add_pipe("ng_actors")``.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from newsgraph.actors import component as _actors  # noqa: F401  (registers ng_actors)
from newsgraph.checks import component as _checks  # noqa: F401  (registers ng_checks)
from newsgraph.dates import component as _dates  # noqa: F401  (registers ng_dates)
from newsgraph.errors import ModelNotFoundError
from newsgraph.events import component as _events  # noqa: F401  (registers ng_events)
from newsgraph.extensions import register_extensions
from newsgraph.geo import component as _geo  # noqa: F401  (registers ng_geocoder)
from newsgraph.ingest import structure as _structure  # noqa: F401  (registers ng_structure)
from newsgraph.ingest.abbreviations import add_abbreviations
from newsgraph.ingest.glued_quotes import add_glued_quote_infixes
from newsgraph.quotes import component as _quotes  # noqa: F401  (registers ng_quotes)
from newsgraph.settings import DEFAULT_MODEL, MODEL_ALIASES

logger = logging.getLogger(__name__)

REQUIRED_SPACY_COMPONENTS = ("parser", "ner")
"""spaCy components our stages read: dependency parse and named entities."""

NEWSGRAPH_COMPONENTS = (
    "ng_structure",
    "ng_actors",
    "ng_geocoder",
    "ng_dates",
    "ng_quotes",
    "ng_events",
    "ng_checks",
)
"""Our components, in the order they run: ng_structure goes first (before the parser), the
others after spaCy's own components, in this order."""


def _load_spacy(model: str) -> Language:
    name = MODEL_ALIASES.get(model, model)
    try:
        return spacy.load(name)
    except OSError as error:
        hint = (
            "install it with the project's set-up (make setup)"
            if name == DEFAULT_MODEL
            else f"install it (python -m spacy download {name}) or pick another with --model"
        )
        raise ModelNotFoundError(f"spaCy pipeline '{model}' is not installed; {hint}") from error


def add_components(nlp: Language) -> Language:
    """Add newsgraph's components to an existing English pipeline, in order, and teach its
    tokenizer the abbreviated titles of wire copy (``ingest/abbreviations.py``) and to split
    a quotation mark glued to the punctuation before it (``ingest/glued_quotes.py``)."""
    register_extensions()
    add_abbreviations(nlp)
    add_glued_quote_infixes(nlp)
    missing = [c for c in REQUIRED_SPACY_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        logger.warning("pipeline lacks %s; newsgraph fields that need them stay empty", missing)
    for name in NEWSGRAPH_COMPONENTS:
        if name not in nlp.pipe_names:
            if name == "ng_structure":
                nlp.add_pipe(name, first=True)
            else:
                nlp.add_pipe(name, last=True)
    return nlp


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by name or path and add newsgraph's components (cached).

    Raises:
        ModelNotFoundError: The pipeline is not installed.
    """
    nlp = add_components(_load_spacy(model))
    nlp.meta.setdefault("newsgraph_model", model)
    logger.info("loaded pipeline %s: %s", model, ", ".join(nlp.pipe_names))
    return nlp
