"""Ingest: readers -> skip what is stored -> extract_many -> the store, one batch at a time.

The order of these steps is what makes ingest cheap to repeat and safe to interrupt:

* a document's id is the hash of its normalised text, known as soon as it is read, so
  documents already in the store are dropped *before* the spaCy pipeline runs (a re-run over
  the same inputs costs the reading and one indexed lookup per document, and does not even
  load the model when nothing is new);
* each batch of analysed documents is written in one transaction, so a run killed at any
  moment (kill -9 included) leaves whole batches only, and the next run picks up at the first
  document that was not committed;
* inputs that cannot be read are reported as ``Failure`` objects and the run goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice

from spacy.language import Language

from newsgraph.corpus.records import IngestStats
from newsgraph.corpus.store import Store
from newsgraph.ingest.readers import Failure, RawArticle, iter_articles
from newsgraph.ingest.text import document_id
from newsgraph.model.document import Document
from newsgraph.settings import Settings, get_settings

logger = logging.getLogger(__name__)

LOOKUP_CHUNK = 256
"""Articles read ahead and checked against the store in one query."""


@dataclass
class IngestReport:
    """What an ingest run did: counts, and every input it had to skip with the reason."""

    added: int = 0
    skipped: int = 0
    events: int = 0
    pending: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        """Documents dealt with: stored, analysed and waiting for their batch, or skipped."""
        return self.added + self.skipped + self.pending

    def stats(self) -> IngestStats:
        """The counts as an ``IngestStats`` record."""
        return IngestStats(
            added=self.added,
            skipped=self.skipped,
            failed=len(self.failures),
            events=self.events,
            seconds=self.seconds,
        )


ProgressCallback = Callable[[IngestReport], None]


def _chunks(
    items: Iterable[RawArticle | Failure], size: int
) -> Iterator[list[RawArticle | Failure]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _new_articles(
    items: Iterable[RawArticle | Failure],
    store: Store,
    report: ProgressCallback,
    state: IngestReport,
) -> Iterator[RawArticle | Failure]:
    """Drop articles whose id is stored (or seen earlier in this run); pass failures on."""
    seen: set[str] = set()
    for chunk in _chunks(items, LOOKUP_CHUNK):
        ids = {document_id(i.text) for i in chunk if isinstance(i, RawArticle)}
        stored = store.existing_ids(ids) if ids else set()
        for item in chunk:
            if isinstance(item, RawArticle):
                doc_id = document_id(item.text)
                if doc_id in stored or doc_id in seen:
                    state.skipped += 1
                    report(state)
                    continue
                seen.add(doc_id)
            yield item


def ingest(
    specs: Sequence[str],
    store: Store,
    *,
    settings: Settings | None = None,
    nlp: Language | None = None,
    published: date | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    on_progress: ProgressCallback | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> IngestReport:
    """Read, analyse and store every article of ``specs``, skipping those already stored.

    Args:
        specs: Files, directories, feeds, URLs or ``-``, as for ``newsgraph extract``.
        store: Where to write.
        settings: Reader limits and the model name; from the environment when omitted.
        nlp: A loaded pipeline; loaded from ``settings.model`` only if something is new.
        published: A publication date for every article (overrides the readers').
        n_process: Worker processes for the spaCy pipeline.
        batch_size: Documents per transaction.
        on_progress: Called with the running report after each document.
        on_failure: Called with each input that could not be read, when it is met.

    Raises:
        StoreError: The store refused a write; batches committed before it stay stored.
    """
    settings = settings or get_settings()
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    state = IngestReport()
    started = time.perf_counter()

    def report(current: IngestReport) -> None:
        current.seconds = time.perf_counter() - started
        if on_progress is not None:
            on_progress(current)

    def fail(failure: Failure) -> None:
        state.failures.append(failure)
        logger.debug("skipped %s: %s", failure.source, failure.reason)
        if on_failure is not None:
            on_failure(failure)

    items = _new_articles(iter_articles(specs, settings=settings), store, report, state)
    # read up to the first new article before loading the model: a re-run loads nothing
    head: list[RawArticle | Failure] = []
    for item in items:
        head.append(item)
        if isinstance(item, RawArticle):
            break
    if not any(isinstance(i, RawArticle) for i in head):
        for item in head:
            if isinstance(item, Failure):
                fail(item)
        report(state)
        return state

    if nlp is None:
        from newsgraph.pipeline import load

        nlp = load(settings.model)
    from newsgraph.process import extract_many

    batch: list[Document] = []

    def flush() -> None:
        if not batch:
            return
        stats = store.add_documents(batch)
        state.added += stats.added
        state.skipped += stats.skipped
        state.events += stats.events
        state.pending = 0
        batch.clear()
        report(state)

    for result in extract_many(
        chain(head, items), nlp=nlp, published=published, n_process=n_process
    ):
        if isinstance(result, Failure):
            fail(result)
            continue
        batch.append(result)
        state.pending = len(batch)
        if len(batch) >= batch_size:
            flush()
        else:
            report(state)
    flush()
    report(state)
    logger.info(
        "ingest: %d stored, %d already stored, %d failed in %.1f s",
        state.added,
        state.skipped,
        len(state.failures),
        state.seconds,
    )
    return state
