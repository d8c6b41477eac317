"""Regenerate the generated parts of the docs: the JSON Schema and the CLI reference.

Run ``python -m newsgraph.docgen`` (``make docs``); ``tests/test_docs.py`` fails when the
committed docs differ from what this would write, so the published contract cannot go stale.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.model import json_schema

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA_PATH = DOCS / "document.schema.json"
CLI_PATH = DOCS / "cli.md"
CLI_COMMANDS = (
    "extract",
    "eval",
    "schema",
    "info",
    "ingest",
    "events",
    "timeline",
    "stories",
    "actors",
    "network",
    "checks",
    "quotes",
    "search",
    "stats",
    "export",
    "db",
    "db upgrade",
)
_START = "<!-- [[[help {name}]]] -->"
_END = "<!-- [[[end]]] -->"


def schema_text() -> str:
    """The JSON Schema of the document model, as committed in docs/."""
    return json.dumps(json_schema(), indent=2) + "\n"


def command_help(name: str) -> str:
    """``newsgraph NAME --help`` as plain text, at a fixed width."""
    from newsgraph.cli import app

    args = [*name.split(), "--help"]  # "db upgrade": a sub-command
    result = CliRunner().invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})
    return "\n".join(line.rstrip() for line in result.output.splitlines()).strip() + "\n"


def _constant(value: str) -> Callable[[re.Match[str]], str]:
    """A replacement function for re.sub that inserts ``value`` verbatim (no escapes)."""

    def replace(_match: re.Match[str]) -> str:
        return value

    return replace


def render_cli_doc(text: str) -> str:
    """Replace each generated help block of docs/cli.md with the current help."""
    for name in CLI_COMMANDS:
        pattern = re.compile(re.escape(_START.format(name=name)) + r".*?" + re.escape(_END), re.S)
        block = f"{_START.format(name=name)}\n```text\n{command_help(name)}```\n{_END}"
        text = pattern.sub(_constant(block), text)
    return text


EVALUATION_PATH = DOCS / "evaluation.md"
RULES_START = "<!-- rules:start -->"
RULES_END = "<!-- rules:end -->"


def render_evaluation_rules(text: str) -> str:
    """Inline every docs/eval/*.md (one per scorer module) into docs/evaluation.md."""
    parts = []
    for page in sorted((DOCS / "eval").glob("*.md")):
        body = page.read_text(encoding="utf-8").strip()
        # demote the page's headings one level so they nest under "Matching rules"
        body = re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", body, flags=re.M)
        parts.append(body)
    block = RULES_START + "\n\n" + "\n\n".join(parts) + "\n\n" + RULES_END
    start, end = text.index(RULES_START), text.index(RULES_END) + len(RULES_END)
    return text[:start] + block + text[end:]


def main() -> None:
    """Write the generated docs."""
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    EVALUATION_PATH.write_text(
        render_evaluation_rules(EVALUATION_PATH.read_text(encoding="utf-8")), encoding="utf-8"
    )
    CLI_PATH.write_text(render_cli_doc(CLI_PATH.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
