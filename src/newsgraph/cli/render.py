"""A readable terminal view of a ``Document``: actors, places, events, quotes and checks."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsgraph.model.document import Document


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def document_view(doc: Document) -> RenderableType:
    """Return a Rich renderable summarising one document."""
    info = doc.document
    header = Text()
    header.append(info.title or "(untitled)", style="bold")
    header.append(f"\nid {info.id}  published {info.published or 'unknown'}  source {info.source}")
    parts: list[RenderableType] = [header]

    actors = Table(
        "id", "name", "kind", "code", "roles", "mentions", title="Actors", title_justify="left"
    )
    for a in doc.actors:
        roles = "; ".join(
            " ".join(x for x in (r.title, r.country, r.organization) if x) for r in a.roles
        )
        actors.add_row(a.id, a.name, a.kind.value, a.code or "", roles, str(len(a.mentions)))
    parts.append(actors)

    places = Table(
        "id", "name", "country", "lat", "lon", "mentions", title="Places", title_justify="left"
    )
    for p in doc.places:
        places.add_row(
            p.id,
            p.name,
            p.country or "",
            "" if p.lat is None else f"{p.lat:.2f}",
            "" if p.lon is None else f"{p.lon:.2f}",
            str(len(p.mentions)),
        )
    parts.append(places)

    events = Table("id", "event", "who", "when", "how many", title="Events", title_justify="left")
    for e in doc.events:
        source = doc.actor(e.source)
        target = doc.actor(e.target)
        place = doc.place(e.place)
        what = e.type + (f" ({e.mode})" if e.mode else "")
        if e.factuality.value != "asserted":
            what += f" [{e.factuality.value}]"
        who = f"{source.name if source else '?'} -> {target.name if target else '?'}"
        when = " ".join(x for x in (e.date.value, f"in {place.name}" if place else None) if x)
        quantities = "; ".join(f"{q.text} {q.status or ''}".strip() for q in e.quantities)
        events.add_row(e.id, what, who, when, quantities)
    parts.append(events)

    quotes = Table("id", "kind", "speaker", "cue", "text", title="Quotes", title_justify="left")
    for q in doc.quotes:
        speaker = doc.actor(q.speaker)
        quotes.add_row(
            q.id,
            q.kind.value,
            speaker.name if speaker else (q.speaker_text or ""),
            q.cue or "",
            _clip(q.text),
        )
    parts.append(quotes)

    checks = Table("severity", "kind", "message", title="Checks", title_justify="left")
    for c in doc.checks:
        checks.add_row(c.severity.value, c.kind, c.message)
    parts.append(checks)
    return Panel(Group(*parts), expand=True)
