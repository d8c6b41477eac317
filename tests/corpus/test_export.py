"""Exports: the GDELT 2.0 column mapping, CSV rows, JSON Lines round trips, Parquet."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from corpus_docs import make_document

from newsgraph.corpus.export import (
    EVENT_COLUMNS,
    GDELT_COLUMNS,
    event_row,
    export_events,
    gdelt_row,
)
from newsgraph.corpus.records import StoredEvent
from newsgraph.corpus.store import Store
from newsgraph.errors import ConfigError


@pytest.fixture
def events(tmp_path: Path) -> list[StoredEvent]:
    with Store.open(tmp_path / "x.db") as store:
        store.add_documents(
            [
                make_document("Kherson", url="https://www.wire-b.example/kherson"),
                make_document(
                    "Sumy",
                    day=date(2025, 2, 1),
                    attacker="United Nations",
                    attacker_code="IGOUNO",
                    event_type="CONSULT",
                    cameo="043",
                ),
            ]
        )
        return list(store.all_events())


def test_export_gdelt_has_the_61_codebook_columns() -> None:
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    assert GDELT_COLUMNS[51:53] == ("ActionGeo_Type", "ActionGeo_FullName")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_export_gdelt_row_maps_our_fields(events: list[StoredEvent]) -> None:
    sumy, kherson = events  # date order: 2025-02-01, then 2025-04-09
    row = dict(zip(GDELT_COLUMNS, gdelt_row(kherson), strict=True))
    assert row["GLOBALEVENTID"] == kherson.id
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20250409", "202504", "2025")
    assert row["FractionDate"] == f"{2025 + 99 / 365:.4f}"
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "RUS",
        "RUSSIA",
        "RUS",
    )
    assert (row["Actor2Code"], row["Actor2Name"], row["Actor2CountryCode"]) == (
        "UKR",
        "UKRAINE",
        "UKR",
    )
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("195", "195", "19")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("4", "-9")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("1", "1", "1")
    assert row["IsRootEvent"] == "1"
    assert row["ActionGeo_Type"] == "4"
    assert row["ActionGeo_FullName"] == "Kherson, Ukraine"
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("UP", "UP14")
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("46.6354", "32.6169")
    assert row["ActionGeo_FeatureID"] == "706448"
    assert row["DATEADDED"] == "20250409000000"
    assert row["SOURCEURL"] == "https://www.wire-b.example/kherson"
    assert row["Actor1Geo_Type"] == row["AvgTone"] == ""

    un = dict(zip(GDELT_COLUMNS, gdelt_row(sumy), strict=True))
    assert (un["Actor1Code"], un["Actor1KnownGroupCode"], un["Actor1Type1Code"]) == (
        "IGOUNO",
        "UNO",
        "IGO",
    )
    assert un["EventRootCode"] == "04" and un["SOURCEURL"] == "wire-b.jsonl:1"


def test_export_csv_and_jsonl(events: list[StoredEvent], tmp_path: Path) -> None:
    buffer = io.StringIO()
    assert export_events(events, "csv", stream=buffer) == 2
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert list(rows[1]) == list(EVENT_COLUMNS)
    assert rows[1]["source_name"] == "Russia" and rows[1]["place"] == "Kherson"
    assert rows[1]["participants"] == "Ivan Petrenko"
    assert rows[1]["evidence"].startswith("Russia shelled the city of Kherson")
    out = tmp_path / "events.jsonl"
    export_events(events, "jsonl", out=out)
    back = [StoredEvent.model_validate_json(line) for line in out.read_text().splitlines()]
    assert back == events


@pytest.mark.parametrize(("fmt", "out"), [("xml", "x.xml"), ("parquet", None), ("csv", None)])
def test_export_refuses_bad_requests(events: list[StoredEvent], fmt: str, out: str | None) -> None:
    with pytest.raises(ConfigError):
        export_events(events, fmt, out=out)


def test_export_parquet(events: list[StoredEvent], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert export_events(events, "parquet", out=path) == 2
    table = pq.read_table(path)
    assert table.column_names == list(EVENT_COLUMNS)
    assert table.to_pylist() == [event_row(e) for e in events]
