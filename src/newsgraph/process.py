"""``extract()`` and ``extract_many()``: the one entry point of the CLI, the API and Spark.

Articles become ``Doc`` objects with their metadata on ``doc._.ng_meta`` before the pipeline
runs, so that components can read the publication date and title, and so that
``nlp.pipe(docs, n_process=N)`` carries them to worker processes.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import InputError
from newsgraph.ingest.readers import Failure, RawArticle, make_article, parse_date
from newsgraph.ingest.text import document_id
from newsgraph.model.convert import doc_to_document
from newsgraph.model.document import Document
from newsgraph.pipeline import load
from newsgraph.settings import Settings, get_settings

logger = logging.getLogger(__name__)


def make_doc(nlp: Language, article: RawArticle, *, published: date | None = None) -> Doc:
    """Tokenise an article and attach its metadata; the pipeline's components run later.

    Args:
        nlp: The pipeline whose tokenizer to use.
        article: The article as read.
        published: A publication date that overrides the one the reader found.
    """
    doc = nlp.make_doc(article.text)
    when = published or article.published
    doc._.ng_meta = {
        "id": document_id(article.text),
        "source": article.source,
        "title": article.title,
        "published": when.isoformat() if when else None,
        "url": article.url,
        "author": article.author,
        "record_id": article.record_id,
        "language": "en",
    }
    return doc


def _model_name(nlp: Language) -> str:
    return str(nlp.meta.get("newsgraph_model") or f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}")


def extract_many(
    items: Iterable[RawArticle | Failure],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    published: date | None = None,
    n_process: int = 1,
    batch_size: int | None = None,
) -> Iterator[Document | Failure]:
    """Analyse a stream of articles, passing failures through in input order.

    Args:
        items: Articles from the readers, possibly mixed with read failures.
        nlp: A loaded pipeline; loaded from ``model`` when omitted.
        model: spaCy pipeline name when ``nlp`` is omitted.
        published: A publication date applied to every article (overrides the reader's).
        n_process: Worker processes for ``nlp.pipe``.
        batch_size: Documents per batch.

    Yields:
        A ``Document`` for each article and the ``Failure`` for each bad input, in order.
    """
    settings = get_settings(model=model)
    nlp = nlp or load(settings.model)
    name = _model_name(nlp)
    errors = ComponentErrors()
    # the handler of components without their own pipe(): ours, and any a user adds (spaCy's
    # set_error_handler() would also try the parser, which cannot take one in spaCy 3.8)
    previous = nlp.default_error_handler
    nlp.default_error_handler = cast(Any, errors)
    # what went in, in order: a read failure, or the (sequence number, source) of a Doc
    pending: deque[Failure | tuple[int, str]] = deque()

    def docs() -> Iterator[Doc]:
        for seq, item in enumerate(items):
            if isinstance(item, Failure):
                pending.append(item)
                continue
            pending.append((seq, item.source))
            doc = make_doc(nlp, item, published=published)
            doc._.ng_meta["seq"] = seq
            yield doc

    def dropped(seq: int, source: str) -> Failure:
        reason = errors.reasons.pop(seq, "a pipeline component failed (see the log)")
        return Failure(source=source, reason=f"analysis failed: {reason}")

    try:
        for doc in nlp.pipe(
            docs(), n_process=n_process, batch_size=batch_size or settings.batch_size
        ):
            seq = (doc._.ng_meta or {}).get("seq")
            # everything before this Doc is a read failure or a Doc a component failed on
            while pending:
                head = pending.popleft()
                if isinstance(head, Failure):
                    yield head
                elif head[0] == seq:
                    break
                else:
                    yield dropped(*head)
            yield doc_to_document(doc, model=name)
        while pending:
            head = pending.popleft()
            yield head if isinstance(head, Failure) else dropped(*head)
    finally:
        nlp.default_error_handler = previous


class ComponentErrors:
    """spaCy error handler: a component that fails on a document drops that document only.

    spaCy calls it instead of raising when a component fails; the document leaves the stream
    and ``extract_many`` reports it as a ``Failure`` in its place, so one pathological article
    never aborts a batch of thousands. With worker processes the reason stays in the worker's
    log; the failure is still reported, with a generic reason.
    """

    def __init__(self) -> None:
        self.reasons: dict[int, str] = {}

    def __call__(self, proc_name: str, proc: object, docs: list[Doc], error: Exception) -> None:
        for doc in docs:
            seq = (doc._.ng_meta or {}).get("seq")
            if isinstance(seq, int):
                self.reasons[seq] = f"{proc_name}: {type(error).__name__}: {error}"
        logger.error("component %s failed on %d document(s): %r", proc_name, len(docs), error)


def extract(
    text: str,
    published: date | str | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    nlp: Language | None = None,
    model: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """Analyse one article and return its ``Document``.

    Args:
        text: The article text (blocks separated by blank lines or newlines).
        published: The publication date, against which relative dates are resolved.
        title: The headline, if it is not already the first line of ``text``.
        url: Where the article was published.
        source: A name for where the text was read from.
        nlp: A loaded pipeline; loaded from ``model`` when omitted.
        model: spaCy pipeline name when ``nlp`` is omitted.
        settings: Settings to use instead of the environment's.

    Raises:
        InputError: The text is empty, too long or not English.
    """
    settings = settings or get_settings(model=model)
    article = make_article(
        text,
        source=source or "<text>",
        settings=settings,
        title=title,
        published=parse_date(published),
        url=url,
    )
    for result in extract_many([article], nlp=nlp, model=settings.model):
        if isinstance(result, Failure):  # pragma: no cover - make_article already validated
            raise InputError(result.reason, source=result.source)
        return result
    raise InputError("no document was produced", source=source)  # pragma: no cover
