"""Shared CLI plumbing: option aliases, logging set-up, consoles and error conversion."""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

stdout = Console(soft_wrap=True, highlight=False)
"""Data goes to stdout."""
stderr = Console(stderr=True, highlight=False, soft_wrap=True)
"""Messages, progress bars and summaries go to stderr."""


class OutputFormat(StrEnum):
    """How ``extract`` prints its documents."""

    json = "json"
    jsonl = "jsonl"
    table = "table"


ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        envvar="NEWSGRAPH_MODEL",
        help="spaCy pipeline name or path (default: the pinned en_core_web_sm 3.8.0).",
        show_default=False,
    ),
]
ProcessesOpt = Annotated[
    int, typer.Option("--processes", "-p", min=1, help="Worker processes for the spaCy pipeline.")
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.")
]


def setup_logging(verbose: bool) -> None:
    """Send library logs to stderr: INFO with --verbose, else warnings only."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error on stderr and return the ``typer.Exit`` to raise (exit code 1)."""
    stderr.print(f"[red]Error:[/red] {message}", highlight=False)
    return typer.Exit(code=code)
