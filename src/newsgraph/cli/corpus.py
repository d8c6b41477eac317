"""Corpus commands: ``ingest``, ``events``, ``timeline``, ``stories``, ``actors``, ``network``,
``quotes``, ``search``, ``stats``, ``export``, ``db``.

Each command parses its arguments and calls ``Store``, ``corpus.ingest.ingest`` or
``corpus.export.export_events``; the corpus modules are imported inside the commands so that
``newsgraph --help`` and ``newsgraph extract`` never pay for SQLAlchemy.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph.cli._util import (
    ModelOpt,
    ProcessesOpt,
    VerboseOpt,
    fail,
    setup_logging,
    stderr,
    stdout,
)
from newsgraph.cli.main import app
from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    from newsgraph.corpus.records import StoredEvent, StoredQuote
    from newsgraph.corpus.store import Store


class QueryFormat(StrEnum):
    """How query commands print their results."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    """What ``newsgraph export`` writes."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="NEWSGRAPH_DB",
        help="Store URL: sqlite:///PATH (default sqlite:///newsgraph.db), a file path, or "
        "postgresql://USER@HOST/DB.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    QueryFormat, typer.Option("--format", "-f", help="table, json, jsonl or csv.")
]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, help="Rows per page.")]
CursorOpt = Annotated[
    str | None,
    typer.Option("--cursor", help="Continue after a page: the cursor the last page printed."),
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="First day YYYY-MM-DD (inclusive).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Last day YYYY-MM-DD (inclusive).")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Full-text query over the articles.")]
ActorOpt = Annotated[
    str | None,
    typer.Option("--actor", help="Actor name (any case, exact) or actor code (RUSMIL)."),
]
TypeOpt = Annotated[
    str | None,
    typer.Option("--type", help="PLOVER event type (ASSAULT) or CAMEO code prefix (19)."),
]
StoryOpt = Annotated[
    str | None, typer.Option("--story", help="A story id (see: newsgraph stories).")
]
CountryOpt = Annotated[
    str | None,
    typer.Option("--country", help="ISO alpha-3: where it happened or an actor's country."),
]

db_app = typer.Typer(
    name="db",
    help="Administer the corpus store: migrations.",
    no_args_is_help=True,
)
app.add_typer(db_app)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as error:
        raise typer.BadParameter(f"{option} expects YYYY-MM-DD, got {value!r}") from error


@contextmanager
def _store(db: str | None, *, create: bool = False) -> Iterator[Store]:
    """Open the store named by --db / NEWSGRAPH_DB, turning library errors into exit 1."""
    from newsgraph.corpus.store import Store
    from newsgraph.settings import get_settings

    url = get_settings(db=db).db
    try:
        store = Store.open(url, create=create)
    except NewsgraphError as error:
        raise fail(escape(str(error))) from error
    try:
        yield store
    except NewsgraphError as error:
        raise fail(escape(str(error))) from error
    finally:
        store.close()


SHORT_COLUMNS = {
    "id",
    "day",
    "type",
    "cameo",
    "published",
    "kind",
    "reports",
    "document_id",
    "rank",
}
LONG_COLUMNS = {"evidence", "text", "snippet", "title"}


def _cell(value: Any, column: str) -> str:
    """A table cell: ids shortened, long text clipped (the JSON and CSV formats keep it all)."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    limit = 9 if column in {"id", "document_id"} else 90
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_rows(rows: list[dict[str, Any]], columns: list[str], title: str) -> None:
    table = Table(title=title, title_justify="left")
    for column in columns:
        if column in SHORT_COLUMNS:  # codes and dates: never squeezed to nothing
            table.add_column(column, no_wrap=True, max_width=10)
        else:  # names and sentences wrap at words
            table.add_column(column, overflow="ellipsis", ratio=3 if column in LONG_COLUMNS else 1)
    for row in rows:
        table.add_row(*(_cell(row.get(c), c) for c in columns))
    stdout.print(table)


def _print_csv(rows: list[dict[str, Any]], columns: list[str]) -> None:
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: row.get(c) for c in columns} for row in rows)
    stdout.out(buffer.getvalue(), end="", highlight=False)


def _print_models(items: list[StoredEvent] | list[StoredQuote], output: QueryFormat) -> None:
    if output is QueryFormat.jsonl:
        for item in items:
            stdout.out(item.model_dump_json(), highlight=False)
    else:
        dumped = [json.loads(item.model_dump_json()) for item in items]
        stdout.out(json.dumps(dumped, indent=2, ensure_ascii=False), highlight=False)


def _print_records(
    rows: list[dict[str, Any]], output: QueryFormat, columns: list[str], title: str
) -> None:
    """Records as JSON or JSON Lines (whole), or CSV or a table (flat: each row's ``_flat``
    values replace its nested ones)."""
    if output in (QueryFormat.json, QueryFormat.jsonl):
        whole = [{k: v for k, v in row.items() if k != "_flat"} for row in rows]
        if output is QueryFormat.json:
            stdout.out(json.dumps(whole, indent=2, ensure_ascii=False), highlight=False)
        for row in whole if output is QueryFormat.jsonl else []:
            stdout.out(json.dumps(row, ensure_ascii=False), highlight=False)
        return
    flat = [{**row, **row.get("_flat", {})} for row in rows]
    if output is QueryFormat.csv:
        _print_csv(flat, columns)
    else:
        _print_rows(flat, columns, title)


def _clip(text: str | None, width: int) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _more(next_cursor: str | None) -> None:
    if next_cursor:
        stderr.print(f"more: --cursor {next_cursor}", highlight=False)


@app.command("ingest")
def ingest_cli(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories, feeds, http(s) URLs, or - for stdin."),
    ],
    db: DbOpt = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD (overrides the source's)."),
    ] = None,
    processes: ProcessesOpt = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per transaction.")
    ] = 64,
    model: ModelOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Analyse articles and store them; documents already stored are skipped.

    A document's id is the hash of its text, so running ingest again over the same inputs
    only stores what is new, without running the pipeline on the rest. Each batch is one
    transaction: a run that is interrupted and started again ends with the same store as an
    uninterrupted one. Inputs that cannot be read are reported and skipped; the exit code is
    then 1.

    Example:
        newsgraph ingest samples/ tests/fixtures/articles.jsonl --db sqlite:///news.db
    """
    from newsgraph.corpus.ingest import IngestReport, ingest
    from newsgraph.ingest.readers import Failure
    from newsgraph.settings import get_settings

    setup_logging(verbose)
    when = _day(published, "--published")
    settings = get_settings(model=model)

    def on_failure(failure: Failure) -> None:
        progress.console.print(
            f"[red]error[/red]: {failure.source}: {failure.reason}", highlight=False
        )

    with (
        _store(db, create=True) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("ingesting"),
            BarColumn(),
            TextColumn("{task.completed} documents"),
            TextColumn("{task.fields[rate]:.1f} documents/s"),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("ingest", total=None, rate=0.0, detail="")

        def on_progress(report: IngestReport) -> None:
            rate = report.processed / report.seconds if report.seconds > 0 else 0.0
            detail = f"({report.added} new, {report.skipped} already stored)"
            progress.update(task, completed=report.processed, rate=rate, detail=detail)

        report = ingest(
            paths,
            store,
            settings=settings,
            published=when,
            n_process=processes,
            batch_size=batch_size,
            on_progress=on_progress,
            on_failure=on_failure,
        )
    rate = report.processed / report.seconds if report.seconds > 0 else 0.0
    stderr.print(
        f"{report.added} document(s) stored ({report.events} events), {report.skipped} already "
        f"stored, {len(report.failures)} failed, in {report.seconds:.1f} s "
        f"({rate:.1f} documents/s)",
        highlight=False,
    )
    if report.failures:
        stderr.print(f"[red]{len(report.failures)} input(s) skipped:[/red]")
        for failure in report.failures:
            stderr.print(f"  {failure.source}: {failure.reason}", markup=False, highlight=False)
        raise typer.Exit(code=1)


def _event_filter(
    actor: str | None,
    type_: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
    story: str | None = None,
    min_reports: int | None = None,
) -> Any:
    from newsgraph.corpus.records import EventFilter

    return EventFilter(
        actor=actor,
        type=type_,
        country=country,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        text=text,
        story=story,
        min_reports=min_reports,
    )


def _print_events(page_items: list[StoredEvent], output: QueryFormat, title: str) -> None:
    """Events as JSON/JSONL models, flat CSV rows, or a terminal table."""
    from newsgraph.corpus.export import EVENT_COLUMNS, event_row

    if output in (QueryFormat.json, QueryFormat.jsonl):
        _print_models(page_items, output)
    elif output is QueryFormat.csv:
        _print_csv([event_row(e) for e in page_items], list(EVENT_COLUMNS))
    else:
        rows = []
        for event in page_items:
            row = event_row(event)
            row["evidence"] = _clip(row["evidence"], 70)
            row["reports"] = row["num_reports"]
            rows.append(row)
        # the terminal view keeps what fits beside the evidence; json/csv carry every column
        table_columns = [
            "id",
            "day",
            "type",
            "source_name",
            "target_name",
            "place",
            "reports",
            "evidence",
        ]
        _print_rows(rows, table_columns, f"{len(rows)} {title}")


@app.command("events")
def events_cli(
    db: DbOpt = None,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
    story: StoryOpt = None,
    min_reports: Annotated[
        int | None,
        typer.Option("--min-reports", min=1, help="Only events reported at least N times."),
    ] = None,
    limit: LimitOpt = 50,
    cursor: CursorOpt = None,
    output: FormatOpt = QueryFormat.table,
) -> None:
    """List canonical events in date order, with their reports as evidence.

    json and jsonl print each event with the contract's event fields, the named actors, the
    place and its reports (document id and evidence span); csv and table print one flat row
    per event. When more events match than --limit, the cursor of the next page is printed
    on stderr.

    Example:
        newsgraph events --actor Russia --type ASSAULT --since 2025-04-01 --format json
    """
    filters = _event_filter(actor, type_, country, since, until, text, story, min_reports)
    with _store(db) as store:
        page = store.iter_events(filters, cursor, limit)
    _print_events(page.items, output, "event(s)")
    _more(page.next)


@app.command("timeline")
def timeline_cli(
    db: DbOpt = None,
    story: StoryOpt = None,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 100,
    cursor: CursorOpt = None,
    output: FormatOpt = QueryFormat.table,
) -> None:
    """List the canonical events of a story or an actor in date order.

    Each line is one real-world occurrence, however many articles reported it (the reports
    column); counts that the reports disagree on are printed below the table.

    Example:
        newsgraph timeline --actor Russia --since 2025-05-01
        newsgraph timeline --story 123456789
    """
    if story is None and actor is None:
        raise typer.BadParameter("give --story ID (see: newsgraph stories) or --actor NAME")
    filters = _event_filter(actor, type_, None, since, until, None, story)
    with _store(db) as store:
        page = store.iter_events(filters, cursor, limit)
    _print_events(page.items, output, "event(s) in date order")
    if output is QueryFormat.table:
        for event in page.items:
            for check in event.checks:
                stderr.print(
                    f"[yellow]{check.severity}[/yellow] event {event.id}: {escape(check.message)}"
                )
    _more(page.next)


@app.command("stories")
def stories_cli(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 50,
    output: FormatOpt = QueryFormat.table,
) -> None:
    """List stories (articles over days about one developing situation), latest first.

    Example:
        newsgraph stories --since 2025-05-01 --format json
    """
    with _store(db) as store:
        stories = store.stories(
            since=_day(since, "--since"), until=_day(until, "--until"), limit=limit
        )
    rows = [json.loads(s.model_dump_json()) for s in stories]
    for row in rows:
        flat = {"documents": row["num_documents"], "events": row["num_events"]}
        flat["words"] = ", ".join(row["top_words"][:6])
        row["_flat"] = flat
    columns = ["id", "first_day", "last_day", "documents", "events", "title", "words"]
    _print_records(rows, output, columns, f"{len(rows)} stories")


@app.command("actors")
def actors_cli(
    name: Annotated[
        str | None, typer.Argument(help="One actor's name (any case); default: all.")
    ] = None,
    db: DbOpt = None,
    limit: LimitOpt = 50,
    output: FormatOpt = QueryFormat.table,
) -> None:
    """List actors across the corpus (one per name, kind and country) with their roles over time.

    Example:
        newsgraph actors "Vitaliy Kim" --format json
    """
    with _store(db) as store:
        profiles = store.actor_profiles(name, limit=limit)
    if name and not profiles:
        raise fail(f"no actor named {escape(name)!r} in the store")
    rows = [json.loads(p.model_dump_json()) for p in profiles]
    for row in rows:
        roles = "; ".join(
            " ".join(filter(None, (r["title"], r["organization"], r["country"])))
            + f" ({r['first_seen'] or '?'}..{r['last_seen'] or '?'})"
            for r in row["roles"]
        )
        row["_flat"] = {"codes": " ".join(row["codes"]), "roles": roles}
    columns = ["name", "kind", "country", "codes", "documents", "events", "roles"]
    _print_records(rows, output, columns, f"{len(rows)} actor(s)")


@app.command("checks")
def checks_cli(
    db: DbOpt = None,
    severity: Annotated[
        str | None, typer.Option("--severity", help="warning or info (default: both).")
    ] = None,
    limit: LimitOpt = 50,
    output: FormatOpt = QueryFormat.table,
) -> None:
    """List events whose reports disagree on a count, with each source's value.

    Within one article, numbers that do not add up are in each document's checks
    (newsgraph extract); this lists the checks across articles: the same canonical event
    reported with different tolls by different outlets.

    Example:
        newsgraph checks --severity warning --format json
    """
    if severity not in (None, "warning", "info"):
        raise typer.BadParameter("--severity is warning or info")
    with _store(db) as store:
        events = store.event_checks(severity=severity, limit=limit)
    if output in (QueryFormat.json, QueryFormat.jsonl):
        _print_models(events, output)
        return
    rows = [
        {
            "id": event.id,
            "day": event.day.isoformat() if event.day else None,
            "type": event.type,
            "severity": check.severity,
            "reports": len(event.reports),
            "message": check.message,
        }
        for event in events
        for check in event.checks
    ]
    columns = ["id", "day", "type", "severity", "reports", "message"]
    if output is QueryFormat.csv:
        _print_csv(rows, columns)
    else:
        _print_rows(rows, columns, f"{len(rows)} check(s) across articles")


class NetworkFormat(StrEnum):
    """What ``newsgraph network`` writes."""

    json = "json"
    graphml = "graphml"
    table = "table"


@app.command("network")
def network_cli(
    db: DbOpt = None,
    output: Annotated[
        NetworkFormat, typer.Option("--format", "-f", help="table, json or graphml.")
    ] = NetworkFormat.table,
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="File to write (default: stdout).")
    ] = None,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """The actor interaction network: who acts on whom, how often, how hostile.

    One edge per (source, target) pair of canonical events, with counts by PLOVER type and
    QuadClass and the mean Goldstein score. GraphML opens in Gephi, Cytoscape or networkx.

    Example:
        newsgraph network --format graphml --out network.graphml --since 2025-01-01
    """
    from newsgraph.corpus.network import to_graphml

    filters = _event_filter(actor, type_, country, since, until, None)
    with _store(db) as store:
        network = store.network(filters)
    if output is NetworkFormat.table:
        rows = [
            {
                "source": e.source,
                "target": e.target,
                "events": e.events,
                "types": ", ".join(f"{t} {n}" for t, n in e.types.items()),
                "goldstein": e.mean_goldstein,
            }
            for e in network.edges
        ]
        _print_rows(rows, ["source", "target", "events", "types", "goldstein"], "network")
        return
    payload = (
        network.model_dump_json(indent=2) if output is NetworkFormat.json else to_graphml(network)
    )
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(payload)
        stderr.print(
            f"{len(network.nodes)} actor(s), {len(network.edges)} edge(s) written to {out}",
            highlight=False,
        )
    else:
        _Stdout().write(payload + "\n")


@app.command("quotes")
def quotes_cli(
    db: DbOpt = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Speaker name, any case, exact.")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
    limit: LimitOpt = 50,
    cursor: CursorOpt = None,
    output: FormatOpt = QueryFormat.table,
) -> None:
    """List quotes with their speakers, by publication date.

    Example:
        newsgraph quotes --speaker "Vitaliy Kim" --format jsonl
    """
    from newsgraph.corpus.records import QuoteFilter

    filters = QuoteFilter(
        speaker=speaker, since=_day(since, "--since"), until=_day(until, "--until"), text=text
    )
    with _store(db) as store:
        page = store.iter_quotes(filters, cursor, limit)
    columns = ["document_id", "published", "kind", "speaker", "text"]
    rows: list[dict[str, Any]] = [
        {
            "document_id": q.document_id,
            "published": q.published.isoformat() if q.published else None,
            "kind": q.kind.value,
            "speaker": q.speaker_name or q.speaker_text,
            "text": q.text,
        }
        for q in page.items
    ]
    if output in (QueryFormat.json, QueryFormat.jsonl):
        _print_models(page.items, output)
    elif output is QueryFormat.csv:
        _print_csv(rows, columns)
    else:
        for row in rows:
            row["text"] = _clip(row["text"], 80)
            row["document_id"] = row["document_id"][:12]
        _print_rows(rows, columns, f"{len(rows)} quote(s)")
    _more(page.next)


@app.command("search")
def search_cli(
    text: Annotated[str, typer.Argument(help='Words to find; "quoted words" as a phrase.')],
    db: DbOpt = None,
    limit: LimitOpt = 20,
    output: FormatOpt = QueryFormat.table,
) -> None:
    """Full-text search over the stored articles, best match first.

    Example:
        newsgraph search "drones intercepted" --limit 5
    """
    with _store(db) as store:
        hits = store.search(text, limit=limit)
    rows = [json.loads(h.model_dump_json()) for h in hits]
    columns = ["document_id", "published", "title", "snippet"]
    if output is QueryFormat.json:
        stdout.out(json.dumps(rows, indent=2, ensure_ascii=False), highlight=False)
    elif output is QueryFormat.jsonl:
        for row in rows:
            stdout.out(json.dumps(row, ensure_ascii=False), highlight=False)
    elif output is QueryFormat.csv:
        _print_csv(rows, [*columns, "url", "rank"])
    else:
        for row in rows:
            row["document_id"] = row["document_id"][:12]
        _print_rows(rows, columns, f"{len(rows)} document(s)")


@app.command("stats")
def stats_cli(db: DbOpt = None, output: FormatOpt = QueryFormat.table) -> None:
    """Show what the store holds: row counts, event days and event types.

    Example:
        newsgraph stats --db sqlite:///news.db --format json
    """
    with _store(db) as store:
        stats = store.stats()
    data = json.loads(stats.model_dump_json())
    if output in (QueryFormat.json, QueryFormat.jsonl):
        stdout.out(json.dumps(data, indent=None if output is QueryFormat.jsonl else 2))
        return
    rows = [
        {"what": k, "value": v} for k, v in data.items() if k != "event_types" and v is not None
    ]
    rows.extend({"what": f"events: {t}", "value": n} for t, n in data["event_types"].items())
    if output is QueryFormat.csv:
        _print_csv(rows, ["what", "value"])
    else:
        _print_rows(rows, ["what", "value"], "store")


@app.command("export")
def export_cli(
    output: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv, parquet or gdelt.")
    ],
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOpt = None,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
) -> None:
    """Export canonical events: JSON Lines, CSV, Parquet or GDELT 2.0 event rows.

    gdelt writes the 61 tab-separated columns of the GDELT 2.0 Events table (no header) with
    the fields newsgraph has filled in, so tools written for GDELT read it; docs/corpus.md
    gives the mapping. parquet needs pyarrow (pip install 'newsgraph[parquet]') and --out.

    Example:
        newsgraph export --format gdelt --out events.tsv --since 2025-01-01
    """
    from newsgraph.corpus.export import export_events

    filters = _event_filter(actor, type_, country, since, until, text)
    started = time.perf_counter()
    with _store(db) as store:
        count = export_events(
            store.all_events(filters), output.value, out=out, stream=None if out else _Stdout()
        )
    if out:
        stderr.print(
            f"{count} event(s) written to {out} in {time.perf_counter() - started:.1f} s",
            highlight=False,
        )


class _Stdout:
    """sys.stdout as it is at write time (Rich would expand the GDELT format's tabs)."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)


@db_app.command("upgrade")
def db_upgrade_cli(
    db: DbOpt = None,
    revision: Annotated[str, typer.Option("--revision", help="Target revision.")] = "head",
) -> None:
    """Create the store's tables or migrate them to the current schema (Alembic).

    SQLite stores are upgraded automatically when opened; PostgreSQL databases are upgraded
    only by this command.

    Example:
        newsgraph db upgrade --db postgresql://newsgraph@localhost/newsgraph
    """
    from newsgraph.corpus.store import Store
    from newsgraph.settings import get_settings

    url = get_settings(db=db).db
    try:
        store = Store.open(url, upgrade=False, check=False)
        try:
            before = store.revision()
            store.upgrade(revision)
            after = store.revision()
        finally:
            store.close()
    except NewsgraphError as error:
        raise fail(escape(str(error))) from error
    stderr.print(f"{store.engine.url!r}: revision {before or 'none'} -> {after}", highlight=False)
