"""The ``newsgraph`` program: top-level verbs over library functions."""

from __future__ import annotations

import json
import time
from datetime import date, datetime
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsgraph import __version__
from newsgraph.cli._util import (
    ModelOpt,
    OutputFormat,
    ProcessesOpt,
    VerboseOpt,
    fail,
    setup_logging,
    stderr,
    stdout,
)
from newsgraph.errors import NewsgraphError

app = typer.Typer(
    name="newsgraph",
    help="Turn English news about politics, diplomacy and conflict into structured, "
    "source-linked data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version_callback(value: bool) -> None:
    if value:
        print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """newsgraph: structured, source-linked, checked records of the news."""


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as error:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from error


@app.command("extract")
def extract_cli(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories, feeds, http(s) URLs, or - for stdin."),
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD (overrides the source's)."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json, jsonl or table.")
    ] = OutputFormat.json,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    verbose: VerboseOpt = False,
) -> None:
    """Extract actors, places, events, quotes and checks from articles.

    json prints one object for one article (an array for several), jsonl one object per
    line, table a readable view. Inputs that cannot be read are reported on stderr and
    skipped; the exit code is 1 when any input failed.

    Example:
        newsgraph extract samples/kherson-shelling.txt --published 2025-04-09 --format table
    """
    from newsgraph.cli.render import document_view
    from newsgraph.ingest.readers import Failure, RawArticle, iter_articles
    from newsgraph.pipeline import load
    from newsgraph.process import extract_many
    from newsgraph.settings import get_settings

    setup_logging(verbose)
    when = _parse_published(published)
    settings = get_settings(model=model)
    items: list[RawArticle | Failure] = []
    for item in iter_articles(paths, settings=settings):
        if isinstance(item, Failure):
            stderr.print(f"[red]error[/red]: {item.source}: {item.reason}", markup=True)
        items.append(item)
    articles = sum(1 for i in items if isinstance(i, RawArticle))
    failures = [i for i in items if isinstance(i, Failure)]
    documents = []
    if articles:
        try:
            with stderr.status(f"Loading spaCy pipeline {settings.model}…"):
                nlp = load(settings.model)
        except NewsgraphError as error:
            raise fail(str(error)) from error
        started = time.perf_counter()
        with Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
            disable=articles < 2,
        ) as progress:
            task = progress.add_task("extract", total=articles)
            for result in extract_many(items, nlp=nlp, published=when, n_process=processes):
                if isinstance(result, Failure):
                    continue
                progress.advance(task)
                if output is OutputFormat.jsonl:
                    stdout.out(result.model_dump_json(), highlight=False)
                elif output is OutputFormat.table:
                    stdout.print(document_view(result))
                else:
                    documents.append(result)
        elapsed = time.perf_counter() - started
    if output is OutputFormat.json and documents:
        if len(documents) == 1:
            stdout.out(documents[0].model_dump_json(indent=2), highlight=False)
        else:
            dumped = [json.loads(d.model_dump_json()) for d in documents]
            stdout.out(json.dumps(dumped, indent=2, ensure_ascii=False), highlight=False)
    if articles and (articles > 1 or failures):
        stderr.print(f"{articles} article(s) extracted in {elapsed:.1f} s", highlight=False)
    if failures:
        stderr.print(f"[red]{len(failures)} input(s) skipped:[/red]")
        for failure in failures:
            stderr.print(f"  {failure.source}: {failure.reason}", markup=False, highlight=False)
        raise typer.Exit(code=1)


@app.command("schema")
def schema_cli() -> None:
    """Print the JSON Schema of the document model (the output contract).

    Example:
        newsgraph schema > document.schema.json
    """
    from newsgraph.model import json_schema

    stdout.out(json.dumps(json_schema(), indent=2), highlight=False)


@app.command("info")
def info_cli(
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Show versions, the configured spaCy pipeline and settings.

    Example:
        newsgraph info --json
    """
    from newsgraph.info import info
    from newsgraph.settings import get_settings

    data = info(get_settings(model=model))
    if as_json:
        stdout.out(json.dumps(data, indent=2), highlight=False)
        return
    stdout.print(f"newsgraph {data['newsgraph']} (Python {data['python']})")
    model_meta = data["model"]
    state = (
        f"version {model_meta.get('version')}" if model_meta.get("installed") else "NOT INSTALLED"
    )
    stdout.print(f"model: {model_meta['name']} ({state})")
    stdout.print(f"components: {', '.join(data['components'])}")
    for name, value in data["packages"].items():
        stdout.print(f"  {name} {value or '-'}")
    for name, value in data["settings"].items():
        stdout.print(f"  NEWSGRAPH_{name.upper()}={value}")


@app.command("eval")
def eval_cli(
    dataset: Annotated[str, typer.Argument(help="Dataset name, or 'all'.")],
    split: Annotated[str, typer.Option("--split", help="dev or test (default test).")] = "test",
    task: Annotated[
        str | None,
        typer.Option(
            "--task",
            help="A task beyond the dataset's default ones (meantime: coref).",
            show_default=False,
        ),
    ] = None,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="NEWSGRAPH_DATA",
            help="Folder of evaluation corpora.",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Score only the first N items.")
    ] = None,
    out: Annotated[str | None, typer.Option("--out", help="Write results as JSON here.")] = None,
    markdown: Annotated[
        str | None,
        typer.Option(
            "--markdown",
            help="Rewrite the results section of this Markdown file (docs/evaluation.md).",
        ),
    ] = None,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    verbose: VerboseOpt = False,
) -> None:
    """Score newsgraph and a baseline on an annotated corpus, side by side.

    Datasets live in --data (default ../shared/data). With 'all', datasets whose data is
    missing are skipped with a message.

    Example:
        newsgraph eval polnear --split dev --limit 20
        newsgraph eval meantime --task coref --split dev
    """
    from pathlib import Path

    from newsgraph.eval.base import EvalContext
    from newsgraph.eval.report import results_table, write_json, write_markdown
    from newsgraph.eval.runner import run_eval
    from newsgraph.settings import get_settings

    setup_logging(verbose)
    if split not in ("dev", "test", "train"):
        raise typer.BadParameter(f"--split must be dev or test, got {split!r}")
    settings = get_settings(model=model, data=data)
    ctx = EvalContext(
        data_dir=Path(settings.data),
        split=split,
        limit=limit,
        model=settings.model,
        n_process=processes,
    )
    try:
        results = run_eval(
            dataset,
            ctx,
            on_skip=lambda name, why: stderr.print(f"[yellow]skipped {name}[/yellow]: {why}"),
            task=task,
        )
    except NewsgraphError as error:
        raise fail(str(error)) from error
    for result in results:
        stdout.print(results_table(result))
    if out:
        write_json(results, Path(out))
    if markdown:
        write_markdown(results, Path(markdown))


from newsgraph.cli import corpus as _corpus  # noqa: E402,F401
