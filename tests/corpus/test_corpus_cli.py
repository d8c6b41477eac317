"""The corpus commands through Typer's runner, on a real SQLite store of the fixture articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from corpus_docs import FIXTURE_INPUTS, REPO
from spacy.language import Language
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.corpus.export import EVENT_COLUMNS, GDELT_COLUMNS
from newsgraph.corpus.ingest import ingest
from newsgraph.corpus.store import Store
from newsgraph.settings import get_settings

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> str:
    """A store of the fixture and sample articles, built once for this module."""
    path = tmp_path_factory.mktemp("corpus") / "news.db"
    with Store.open(path) as store:
        ingest(FIXTURE_INPUTS, store, settings=get_settings(), nlp=nlp)
    return f"sqlite:///{path}"


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.model
def test_cli_ingest_reports_bad_inputs_and_skips_stored(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    good = str(REPO / "samples" / "sanctions.txt")
    bad = str(REPO / "tests" / "fixtures" / "bad" / "empty.txt")
    first = runner.invoke(app, ["ingest", good, bad, "--db", db])
    assert first.exit_code == 1
    assert "empty.txt: empty" in first.stderr
    assert "1 document(s) stored" in first.stderr
    again = runner.invoke(app, ["ingest", good, "--db", db])
    assert again.exit_code == 0, again.output
    assert "0 document(s) stored" in again.stderr and "1 already stored" in again.stderr


@pytest.mark.model
def test_cli_events_json_lists_reports(db: str) -> None:
    events = json.loads(_invoke("events", "--db", db, "--format", "json", "--limit", "500"))
    assert len(events) > 20
    for event in events:
        assert event["reports"], event["id"]
        for report in event["reports"]:
            assert {"document_id", "event_id", "evidence"} <= set(report)
            assert report["evidence"]["text"]
        assert {"type", "cameo", "quad_class", "goldstein", "evidence", "date"} <= set(event)


@pytest.mark.model
def test_cli_events_filters_and_pages(db: str) -> None:
    lines = _invoke("events", "--db", db, "--actor", "Russia", "--format", "jsonl", "-n", "500")
    russian = [json.loads(line) for line in lines.splitlines()]
    assert russian
    for event in russian:
        keys = {a["name"].casefold() for a in event["actors"]} | {
            (a["code"] or "") for a in event["actors"]
        }
        assert "russia" in keys or "RUSSIA" in keys
    result = runner.invoke(app, ["events", "--db", db, "--actor", "Russia", "-n", "2", "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and list(rows[0]) == list(EVENT_COLUMNS)
    cursor = result.stderr.split("--cursor ")[1].split()[0]
    after = _invoke(
        "events", "--db", db, "--actor", "Russia", "-n", "500", "--cursor", cursor, "-f", "jsonl"
    )
    assert [json.loads(x)["id"] for x in after.splitlines()] == [e["id"] for e in russian[2:]]


@pytest.mark.model
def test_cli_events_table_and_bad_dates(db: str) -> None:
    assert "event(s)" in _invoke("events", "--db", db, "--type", "ASSAULT")
    bad = runner.invoke(app, ["events", "--db", db, "--since", "April 2025"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output


@pytest.mark.model
def test_cli_quotes_search_stats(db: str) -> None:
    quotes = json.loads(_invoke("quotes", "--db", db, "--format", "json", "-n", "5"))
    assert len(quotes) == 5 and all(q["document_id"] and q["text"] for q in quotes)
    hits = json.loads(_invoke("search", "drones", "--db", db, "--format", "json"))
    assert hits and all("[" in h["snippet"] for h in hits)
    stats = json.loads(_invoke("stats", "--db", db, "--format", "json"))
    assert stats["documents"] >= 20
    # several reports (the samples' three accounts of one shelling) make one canonical event
    assert 0 < stats["events"] < stats["event_reports"]
    assert stats["stories"] < stats["documents"]


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gdelt"])
def test_cli_export(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with Store.open(db, create=False) as store:
        count = store.stats().events
    lines = out.read_text(encoding="utf-8").splitlines()
    if fmt == "csv":
        assert lines[0].split(",") == list(EVENT_COLUMNS)
        lines = lines[1:]
    if fmt == "gdelt":
        assert {len(line.split("\t")) for line in lines} == {len(GDELT_COLUMNS)}
    assert len(lines) == count
    assert f"{count} event(s) written" in result.stderr
    stdout = _invoke("export", "--db", db, "--format", fmt)
    assert stdout.splitlines() == out.read_text(encoding="utf-8").splitlines()


def test_cli_export_parquet_without_pyarrow_says_how(tmp_path: Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyarrow is installed")
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    Store.open(db).close()
    result = runner.invoke(
        app, ["export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "x.parquet")]
    )
    assert result.exit_code == 1
    assert "pip install 'newsgraph[parquet]'" in result.stderr


def test_cli_queries_need_an_existing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "no store at" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_cli_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'new.db'}"
    result = runner.invoke(app, ["db", "upgrade", "--db", db])
    assert result.exit_code == 0, result.output
    assert "revision none -> 0002" in result.stderr
    again = runner.invoke(app, ["db", "upgrade", "--db", db])
    assert "revision 0002 -> 0002" in again.stderr
    assert json.loads(_invoke("stats", "--db", db, "-f", "json"))["documents"] == 0


def test_cli_timeline_lists_an_actors_events_in_date_order(db: str) -> None:
    rows = [
        json.loads(line)
        for line in _invoke(
            "timeline", "--actor", "Russia", "--db", db, "--format", "jsonl"
        ).splitlines()
    ]
    assert rows
    days = [r["day"] for r in rows if r["day"]]
    assert days == sorted(days)
    assert all(any(a["name"] == "Russia" for a in r["actors"]) for r in rows)
    missing = runner.invoke(app, ["timeline", "--db", db])
    assert missing.exit_code != 0 and "--story" in missing.output


def test_cli_stories_and_story_timeline(db: str) -> None:
    stories = json.loads(_invoke("stories", "--db", db, "--format", "json"))
    assert stories and all(s["num_documents"] >= 1 for s in stories)
    biggest = max(stories, key=lambda s: s["num_events"])
    events = json.loads(
        _invoke("timeline", "--story", biggest["id"], "--db", db, "--format", "json")
    )
    assert len(events) == biggest["num_events"]
    assert all(e["story"] is not None for e in events)


def test_cli_actors_profile_has_roles_over_time(db: str) -> None:
    (kim,) = json.loads(_invoke("actors", "Vitaliy Kim", "--db", db, "--format", "json"))
    assert kim["kind"] == "person" and kim["documents"] >= 1
    assert any((r["title"] or "").casefold() == "governor" for r in kim["roles"])
    assert kim["roles"][0]["first_seen"] is not None
    unknown = runner.invoke(app, ["actors", "Nobody Atall", "--db", db])
    assert unknown.exit_code == 1


def test_cli_network_json_and_graphml(db: str, tmp_path: Path) -> None:
    import networkx as nx

    network = json.loads(_invoke("network", "--db", db, "--format", "json"))
    assert network["edges"] and network["nodes"]
    names = {n["id"] for n in network["nodes"]}
    for edge in network["edges"]:
        assert {edge["source"], edge["target"]} <= names
        assert edge["events"] == sum(edge["types"].values())
    out = tmp_path / "net.graphml"
    _invoke("network", "--db", db, "--format", "graphml", "--out", str(out))
    graph = nx.read_graphml(out)
    assert graph.number_of_edges() == len(network["edges"])
    top = network["edges"][0]
    assert graph.edges[top["source"], top["target"]]["events"] == top["events"]
