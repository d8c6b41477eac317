"""The docs match the code: schema, CLI help, factories and extensions are all documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import docgen
from newsgraph.cli import app
from newsgraph.extensions import DOC_EXTENSIONS
from newsgraph.pipeline import NEWSGRAPH_COMPONENTS

DOCS = Path(__file__).parent.parent / "docs"


def test_docs_published_schema_is_current() -> None:
    assert docgen.SCHEMA_PATH.read_text(encoding="utf-8") == docgen.schema_text(), "run make docs"


def test_docs_evaluation_rules_are_current() -> None:
    text = docgen.EVALUATION_PATH.read_text(encoding="utf-8")
    assert docgen.render_evaluation_rules(text) == text, "run make docs"


def test_docs_cli_reference_is_current() -> None:
    text = docgen.CLI_PATH.read_text(encoding="utf-8")
    assert docgen.render_cli_doc(text) == text, "run make docs"


@pytest.mark.parametrize("command", [c.name for c in app.registered_commands])
def test_docs_every_command_is_documented(command: str) -> None:
    assert command in docgen.CLI_COMMANDS
    assert f"## {command}" in (DOCS / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(DOC_EXTENSIONS))
def test_docs_every_extension_is_documented(name: str) -> None:
    assert f"`doc._.{name}`" in (DOCS / "pipeline.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("factory", NEWSGRAPH_COMPONENTS)
def test_docs_every_factory_is_documented_and_an_entry_point(factory: str) -> None:
    assert f"`{factory}`" in (DOCS / "pipeline.md").read_text(encoding="utf-8")
    pyproject = (DOCS.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert f"{factory} = " in pyproject
