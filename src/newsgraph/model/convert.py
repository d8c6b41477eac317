"""Build the public ``Document`` from a processed spaCy ``Doc``: the one converter.

Components store plain data on ``Doc._``; this is the boundary where it becomes typed,
validated pydantic objects with spans that carry their text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.tokens import Doc

from newsgraph import __version__
from newsgraph.ingest.text import document_id
from newsgraph.model.document import (
    Actor,
    Block,
    Check,
    Document,
    DocumentInfo,
    Event,
    Place,
    Quote,
    Span,
    TimeExpression,
)


def make_span(text: str, start: int, end: int) -> Span:
    """Return a ``Span`` over ``text[start:end]``."""
    return Span(start=start, end=end, text=text[start:end])


def _spans(text: str, pairs: list[Any]) -> list[Span]:
    return [make_span(text, int(s), int(e)) for s, e in pairs]


def _with_spans(text: str, item: dict[str, Any], span_fields: tuple[str, ...]) -> dict[str, Any]:
    """Replace [start, end] pairs in the named fields by full spans."""
    out = dict(item)
    for name in span_fields:
        value = out.get(name)
        if value is None:
            continue
        nested = bool(value) and isinstance(value[0], (list, tuple))
        if name in ("mentions", "evidence_all") or (name == "evidence" and nested):
            out[name] = _spans(text, value)
        else:
            out[name] = make_span(text, int(value[0]), int(value[1]))
    return out


def doc_to_document(doc: Doc, *, model: str | None = None) -> Document:
    """Convert a ``Doc`` processed by the newsgraph pipeline into a ``Document``."""
    text = doc.text
    meta: dict[str, Any] = doc._.ng_meta or {}
    published = meta.get("published")
    info = DocumentInfo(
        id=meta.get("id") or document_id(text),
        source=meta.get("source"),
        title=meta.get("title"),
        published=date.fromisoformat(published) if published else None,
        url=meta.get("url"),
        author=meta.get("author"),
        language=meta.get("language", "en"),
        text=text,
    )
    blocks = [
        Block(kind=b["kind"], span=make_span(text, b["start"], b["end"]))
        for b in doc._.ng_blocks or []
    ]
    actors = [
        Actor.model_validate(
            _with_spans(
                text,
                {
                    **{k: v for k, v in a.items() if k != "span"},
                    "roles": [_with_spans(text, r, ("evidence",)) for r in a.get("roles") or []],
                },
                ("mentions",),
            )
        )
        for a in doc._.ng_actors or []
    ]
    places = [
        Place.model_validate(_with_spans(text, p, ("mentions",))) for p in doc._.ng_places or []
    ]
    times = [
        TimeExpression.model_validate(_with_spans(text, t, ("span",))) for t in doc._.ng_times or []
    ]
    events = [
        Event.model_validate(
            _with_spans(
                text,
                {
                    **e,
                    "quantities": [
                        _with_spans(text, q, ("span",)) for q in e.get("quantities") or []
                    ],
                },
                ("evidence", "trigger", "evidence_all"),
            )
        )
        for e in doc._.ng_events or []
    ]
    quotes = [
        Quote.model_validate(
            {
                **_with_spans(text, q, ("speaker_span", "cue_span")),
                "segments": _spans(text, q.get("segments") or [[q["start"], q["end"]]]),
            }
        )
        for q in doc._.ng_quotes or []
    ]
    checks = [
        Check.model_validate(_with_spans(text, c, ("evidence",))) for c in doc._.ng_checks or []
    ]
    return Document(
        document=info,
        blocks=blocks,
        actors=actors,
        places=places,
        times=times,
        events=events,
        quotes=quotes,
        checks=checks,
        model=model,
        newsgraph_version=__version__,
    )
