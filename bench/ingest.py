"""Ingest: store throughput against extraction alone, store size, and query latency at scale.

1. Ingest speed. The same articles (BBC News full text, then the VOA stories) go through
   extraction alone (readers + ``extract_many``, documents dropped) and through
   ``newsgraph.corpus.ingest.ingest`` into a fresh store (readers + hash lookup + the same
   extraction + one transaction per batch), in the same run with the same loaded pipeline;
   the ratio ingest/extraction is the cost of storing (goal >= 0.8).
2. Size: bytes of the store per 1,000 articles after that ingest.
3. Scale: a separate store filled with synthetic rows (``--events``, default one million
   canonical events with one report each and two actors each, written with executemany
   through ``Store.bulk_insert``, not through the NLP), then p50/p95 latency of
   ``Store.iter_events`` for the ``events`` command's queries (first page, by type, by
   country, by date range, the next page) and for timeline-like queries (one actor's events
   in date order, for a frequent and a rare actor). Goal: p95 < 100 ms.

SQLite always; PostgreSQL too when NEWSGRAPH_TEST_POSTGRES_URL is set (its database is
emptied first).

Usage:
    python bench/ingest.py [--limit 300] [--events 1000000] [--batch-size 64] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("NEWSGRAPH_DATA", REPO.parent / "shared" / "data"))

TYPES = {  # PLOVER type: CAMEO code, QuadClass, Goldstein
    "ASSAULT": ("190", 4, -10.0),
    "CONSULT": ("040", 1, 1.0),
    "AGREE": ("030", 1, 4.0),
    "COERCE": ("170", 4, -7.0),
    "SANCTION": ("163", 3, -8.0),
    "ACCUSE": ("112", 3, -2.0),
    "REQUEST": ("020", 1, 3.0),
    "SUPPORT": ("051", 1, 3.4),
    "RETREAT": ("087", 2, 9.0),
    "AID": ("070", 2, 7.0),
    "REJECT": ("120", 3, -4.0),
    "THREATEN": ("138", 3, -7.0),
    "COOPERATE": ("060", 2, 6.0),
    "PROTEST": ("140", 3, -6.5),
    "CONCEDE": ("080", 2, 5.0),
    "MOBILIZE": ("150", 4, -7.2),
}
COUNTRIES = [
    "UKR", "RUS", "USA", "CHN", "ISR", "PSE", "IRN", "SYR", "SDN", "FRA", "DEU", "GBR", "TUR",
    "IND", "PAK", "AFG", "IRQ", "YEM", "LBN", "NGA", "ETH", "SOM", "COD", "MLI", "BFA", "VEN",
    "COL", "MEX", "BRA", "PRK", "KOR", "JPN", "TWN", "PHL", "MMR", "BGD", "EGY", "LBY", "SAU",
    "ARE", "QAT", "POL", "HUN", "SRB", "ARM", "AZE", "GEO", "KAZ", "BLR", "MDA",
]  # fmt: skip


def bbc_and_voa(limit: int) -> list[tuple[str, list[dict[str, Any]]]]:
    """The corpora as JSON Lines records: BBC (topics interleaved, first ``limit``), VOA."""
    corpora: list[tuple[str, list[dict[str, Any]]]] = []
    bbc = DATA / "bbc_news_fulltext" / "bbc"
    if bbc.is_dir():
        by_topic: dict[str, list[Path]] = {}
        for path in sorted(bbc.glob("*/*.txt")):
            by_topic.setdefault(path.parent.name, []).append(path)
        mixed = [p for group in zip(*by_topic.values(), strict=False) for p in group][:limit]
        records = []
        for path in mixed:
            text = path.read_bytes().decode("utf-8", errors="replace")
            title, _, body = text.partition("\n")
            records.append({"id": f"{path.parent.name}/{path.name}", "title": title, "text": body})
        corpora.append(("bbc_news_fulltext", records))
    voa = DATA / "voa" / "voa_stories.jsonl"
    if voa.is_file():
        lines = voa.read_text(encoding="utf-8").splitlines()
        corpora.append(("voa", [json.loads(line) for line in lines if line.strip()]))
    return corpora


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def empty_postgres(url: str) -> None:
    """Drop every table of the benchmark's PostgreSQL database."""
    from newsgraph.corpus.store import Store

    bare = Store.open(url, check=False)
    with bare.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    bare.close()


def open_store(kind: str, tmp: Path, name: str) -> Any:
    """A fresh, migrated store: a SQLite file in ``tmp`` or the emptied PostgreSQL database."""
    from newsgraph.corpus.store import Store

    if kind == "sqlite":
        return Store.open(tmp / f"{name}.db")
    url = os.environ["NEWSGRAPH_TEST_POSTGRES_URL"]
    empty_postgres(url)
    return Store.open(url, upgrade=True)


def ingest_speed(
    kind: str, corpus: str, records: list[dict[str, Any]], nlp: Any, tmp: Path, batch_size: int
) -> dict[str, Any]:
    """Extraction alone, then ingest into a fresh store: rates, ratio, size per 1,000."""
    from newsgraph.corpus.ingest import ingest
    from newsgraph.ingest.readers import iter_articles
    from newsgraph.model.document import Document
    from newsgraph.process import extract_many
    from newsgraph.settings import get_settings

    settings = get_settings()
    source = tmp / f"{corpus}.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    started = time.perf_counter()
    extracted = sum(
        isinstance(d, Document)
        for d in extract_many(iter_articles([str(source)], settings=settings), nlp=nlp)
    )
    extract_s = time.perf_counter() - started

    store = open_store(kind, tmp, f"ingest-{corpus}")
    report = ingest([str(source)], store, settings=settings, nlp=nlp, batch_size=batch_size)
    store.checkpoint()
    stats = store.stats()
    store.close()
    rate_extract = extracted / extract_s
    rate_ingest = report.added / report.seconds
    return {
        "database": kind,
        "corpus": corpus,
        "articles": report.added,
        "failed": len(report.failures),
        "events": report.events,
        "extract_docs_per_s": rate_extract,
        "ingest_docs_per_s": rate_ingest,
        "ratio": rate_ingest / rate_extract,
        "bytes_per_1000_articles": (stats.size_bytes or 0) / max(report.added, 1) * 1000,
    }


def fill_synthetic(store: Any, events: int, seed: int = 7) -> dict[str, Any]:
    """Write ``events`` canonical events (one report, two actors each) with executemany."""
    rng = random.Random(seed)
    per_doc = 50
    docs = max(1, events // per_doc)
    first_day = date(2015, 1, 1)
    types = list(TYPES)
    actors = [(f"Actor {i}", f"{COUNTRIES[i % len(COUNTRIES)]}GOV", COUNTRIES[i % len(COUNTRIES)])
              for i in range(5000)]  # fmt: skip
    cumulative, total = [], 0.0
    for i in range(len(actors)):  # Zipf: "Actor 0" is in about 11% of events
        total += 1 / (i + 1)
        cumulative.append(total)
    now = datetime(2026, 1, 1)
    started = time.perf_counter()
    event_id = 0
    chunk_docs = 400
    for start in range(0, docs, chunk_docs):
        doc_rows, event_rows, report_rows, actor_rows, key_rows = [], [], [], [], []
        for d in range(start, min(start + chunk_docs, docs)):
            doc_id = f"{d:032x}"
            published = first_day + timedelta(days=rng.randrange(3650))
            text = f"Synthetic report {d} about actors, places and events."
            doc_rows.append({
                "id": doc_id, "source": "synthetic", "url": None, "title": f"Report {d}",
                "published": published, "author": None, "language": "en", "text": text,
                "model": None, "newsgraph_version": None, "blocks": [], "times": [],
                "ingested_at": now,
            })  # fmt: skip
            for k in range(per_doc):
                if event_id >= events:
                    break
                event_id += 1
                kind = types[rng.randrange(len(types))]
                cameo, quad, goldstein = TYPES[kind]
                day = None if rng.random() < 0.03 else published - timedelta(days=rng.randrange(3))
                country = COUNTRIES[rng.randrange(len(COUNTRIES))]
                data = {"id": f"e{k + 1}", "type": kind, "cameo": cameo, "quad_class": quad,
                        "goldstein": goldstein, "source": "a1", "target": "a2",
                        "evidence": {"start": 0, "end": 16, "text": text[:16]}}  # fmt: skip
                event_rows.append({
                    "id": event_id, "type": kind, "cameo": cameo, "quad_class": quad,
                    "goldstein": goldstein, "day": day, "country": country, "is_root": k == 0,
                    "num_reports": 1, "num_documents": 1, "num_sources": 1, "location": None,
                    "data": data,
                })  # fmt: skip
                report_rows.append({
                    "document_id": doc_id, "event_id": f"e{k + 1}", "ordinal": k,
                    "canonical_id": event_id, "evidence_start": 0, "evidence_end": 16,
                    "is_root": k == 0, "data": data,
                })  # fmt: skip
                pair = rng.choices(actors, cum_weights=cumulative, k=2)
                keys = {f"country:{country}": None}
                for name, code, actor_country in pair:
                    keys[f"actor:{name.lower()}"] = None
                    keys[f"actor:{code.lower()}"] = None
                    keys[f"country:{actor_country}"] = None
                key_rows.extend({"key": k, "event_id": event_id, "day": day} for k in keys)
                for position, (role, (name, code, actor_country)) in enumerate(
                    zip(("source", "target"), pair, strict=True)
                ):
                    actor_rows.append({
                        "event_id": event_id, "position": position, "role": role,
                        "actor_id": f"a{position + 1}", "name": name, "name_key": name.lower(),
                        "kind": "organization", "code": code, "country": actor_country,
                        "day": day,
                    })  # fmt: skip
        store.bulk_insert("documents", doc_rows)
        store.bulk_insert("events", event_rows)
        store.bulk_insert("event_reports", report_rows)
        store.bulk_insert("event_actors", actor_rows)
        store.bulk_insert("event_keys", key_rows)
    store.analyze()
    store.checkpoint()
    return {"events": event_id, "documents": docs, "fill_s": time.perf_counter() - started}


def query_latency(store: Any, repeats: int, seed: int = 11) -> list[dict[str, Any]]:
    """p50/p95 of the events command's queries and of timeline-like queries, in ms."""
    from newsgraph.corpus.records import EventFilter

    rng = random.Random(seed)
    first = store.iter_events(limit=50)

    def window() -> EventFilter:
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(3500))
        return EventFilter(since=start, until=start + timedelta(days=30))

    cases: list[tuple[str, Callable[[], Any]]] = [
        ("events: first page", lambda: store.iter_events(limit=50)),
        ("events: next page", lambda: store.iter_events(cursor=first.next, limit=50)),
        ("events --type", lambda: store.iter_events(
            EventFilter(type=rng.choice(list(TYPES))), limit=50)),
        ("events --country", lambda: store.iter_events(
            EventFilter(country=rng.choice(COUNTRIES)), limit=50)),
        ("events --since --until (30 days)", lambda: store.iter_events(window(), limit=50)),
        ("events --type --country", lambda: store.iter_events(
            EventFilter(type=rng.choice(list(TYPES)), country=rng.choice(COUNTRIES)), limit=50)),
        ("timeline: frequent actor", lambda: store.iter_events(
            EventFilter(actor=f"Actor {rng.randrange(5)}"), limit=50)),
        ("timeline: rare actor", lambda: store.iter_events(
            EventFilter(actor=f"Actor {rng.randrange(2000, 5000)}"), limit=50)),
        ("timeline: actor code", lambda: store.iter_events(
            EventFilter(actor=f"{rng.choice(COUNTRIES)}GOV"), limit=50)),
        ("timeline: actor in 30 days", lambda: store.iter_events(
            EventFilter(actor=f"Actor {rng.randrange(50)}", since=window().since,
                        until=window().since), limit=50)),
    ]  # fmt: skip
    rows = []
    for name, run in cases:
        run()  # warm the cache
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        rows.append({
            "query": name,
            "p50_ms": statistics.median(times),
            "p95_ms": percentile(times, 95),
            "max_ms": max(times),
        })  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="BBC articles")
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events")
    parser.add_argument("--repeats", type=int, default=50, help="runs of each query")
    parser.add_argument("--batch-size", type=int, default=64, help="documents per transaction")
    parser.add_argument("--skip-ingest", action="store_true", help="only the scale test")
    parser.add_argument("--json", dest="json_out", help="also write results as JSON here")
    args = parser.parse_args(argv)

    from newsgraph.pipeline import load

    kinds = ["sqlite"] + (["postgresql"] if os.environ.get("NEWSGRAPH_TEST_POSTGRES_URL") else [])
    result: dict[str, Any] = {"ingest": [], "scale": {}}
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmpdir:
        tmp = Path(tmpdir)
        if not args.skip_ingest:
            nlp = load()
            corpora = bbc_and_voa(args.limit)
            if not corpora:
                print(f"no corpora in {DATA}; skipping the ingest measurements")
            list(nlp.pipe(["Warm-up sentence in Kyiv."] * 4))
            print(f"{'db':<10} {'corpus':<18} {'articles':>8} {'extract/s':>9} "
                  f"{'ingest/s':>9} {'ratio':>6} {'MB/1000 articles':>17}")  # fmt: skip
            for kind in kinds:
                for corpus, records in corpora:
                    row = ingest_speed(kind, corpus, records, nlp, tmp, args.batch_size)
                    result["ingest"].append(row)
                    print(
                        f"{kind:<10} {corpus:<18} {row['articles']:>8} "
                        f"{row['extract_docs_per_s']:>9.2f} {row['ingest_docs_per_s']:>9.2f} "
                        f"{row['ratio']:>6.2f} {row['bytes_per_1000_articles'] / 1e6:>17.1f}"
                    )
        for kind in kinds:
            store = open_store(kind, tmp, "scale")
            filled = fill_synthetic(store, args.events)
            size = store.stats().size_bytes or 0
            print(
                f"\n{kind}: {filled['events']:,} synthetic events in {filled['documents']:,} "
                f"documents, written in {filled['fill_s']:.0f} s, store {size / 1e6:,.0f} MB"
            )
            rows = query_latency(store, args.repeats)
            store.close()
            print(f"{'query':<34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
            for row in rows:
                print(
                    f"{row['query']:<34} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
                    f"{row['max_ms']:>8.1f}"
                )
            result["scale"][kind] = {**filled, "size_bytes": size, "queries": rows}
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
