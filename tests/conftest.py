"""Shared fixtures: the pinned pipeline, fixture articles, the evaluation data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full newsgraph pipeline on the pinned en_core_web_sm (loaded once per session)."""
    from newsgraph.pipeline import load

    return load()


@pytest.fixture(scope="session")
def articles() -> dict[str, dict[str, Any]]:
    """The fixture articles written for these tests, by id."""
    path = FIXTURES / "articles.jsonl"
    return {
        record["id"]: record
        for record in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    }


@pytest.fixture(scope="session")
def expected() -> dict[str, dict[str, Any]]:
    """Hand-checked expectations for the fixture articles, by id."""
    path = FIXTURES / "expected.jsonl"
    return {
        record["id"]: record
        for record in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    }


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The evaluation corpora folder (NEWSGRAPH_DATA or ../shared/data); skips when absent."""
    path = Path(os.environ.get("NEWSGRAPH_DATA", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path}")
    return path
