"""Readers: plain text, HTML, JSON Lines, JSON, CSV, RSS/Atom feeds, directories, stdin, URLs.

Each reader yields ``RawArticle`` objects whose ``text`` is normalised (blocks separated by a
blank line, title first) or a ``Failure`` that names the input and says why it was skipped, so
a batch goes on past a bad document and can report it at the end.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from newsgraph.errors import InputError
from newsgraph.ingest.encoding import decode_bytes
from newsgraph.ingest.html import html_to_article
from newsgraph.ingest.language import ensure_english
from newsgraph.ingest.text import compose_text, split_blocks
from newsgraph.settings import Settings

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES
)
TEXT_FIELDS = ("text", "body", "content", "article", "story")
TITLE_MAX_WORDS = 20


@dataclass(frozen=True)
class RawArticle:
    """One article as read, before analysis: normalised text plus what the source told us."""

    text: str
    source: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    author: str | None = None
    record_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    """An input that could not be read, with the reason, for the batch summary."""

    source: str
    reason: str

    @classmethod
    def from_error(cls, error: InputError, source: str) -> Failure:
        """Build a failure from an ``InputError`` raised while reading ``source``."""
        return cls(source=error.source or source, reason=error.reason)


def parse_date(value: object) -> date | None:
    """Parse a publication date from ISO strings, datetimes or free text; None if unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    import dateparser  # slow import: only when an unusual format needs it

    parsed = dateparser.parse(text, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


def _split_title(text: str) -> tuple[str | None, str]:
    """Take the first block as the title when it looks like one (short, no full stop)."""
    blocks = split_blocks(text)
    if len(blocks) >= 2:
        first = blocks[0]
        if len(first.split()) <= TITLE_MAX_WORDS and not first.endswith((".", ":", ",", ";")):
            return first, "\n\n".join(blocks[1:])
    return None, "\n\n".join(blocks)


def make_article(
    body: str,
    *,
    source: str,
    settings: Settings,
    title: str | None = None,
    published: object = None,
    url: str | None = None,
    author: str | None = None,
    record_id: str | None = None,
) -> RawArticle:
    """Validate and normalise one article's text and metadata.

    Raises:
        InputError: The text is empty, too long or not English.
    """
    title = " ".join(title.split()) if title else None
    text = compose_text(title, body)
    if not text.strip():
        raise InputError("empty: no text to analyse", source=source)
    if len(text) > settings.max_chars:
        raise InputError(
            f"too long: {len(text):,} characters (limit {settings.max_chars:,}; "
            "set NEWSGRAPH_MAX_CHARS to raise it)",
            source=source,
        )
    ensure_english(text, source=source)
    return RawArticle(
        text=text,
        source=source,
        title=title,
        published=parse_date(published),
        url=url,
        author=author,
        record_id=record_id,
    )


def _read_plain(data: str, source: str, settings: Settings) -> Iterator[RawArticle]:
    title, body = _split_title(data)
    yield make_article(body, source=source, settings=settings, title=title)


def _read_html(data: str, source: str, settings: Settings, url: str | None) -> Iterator[RawArticle]:
    page = html_to_article(data, source=source)
    yield make_article(
        page.body,
        source=source,
        settings=settings,
        title=page.title,
        published=page.published,
        url=page.url or url,
        author=page.author,
    )


def _record_article(record: dict[str, Any], source: str, settings: Settings) -> RawArticle:
    body = next((record[k] for k in TEXT_FIELDS if record.get(k)), None)
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"empty: no text in fields {', '.join(TEXT_FIELDS)}", source=source)
    return make_article(
        body,
        source=source,
        settings=settings,
        title=record.get("title") or None,
        published=record.get("published") or record.get("date"),
        url=record.get("url") or None,
        author=record.get("author") or None,
        record_id=str(record["id"]) if record.get("id") not in (None, "") else None,
    )


def _records(
    records: Iterable[tuple[int, dict[str, Any] | InputError]], source: str, settings: Settings
) -> Iterator[RawArticle | Failure]:
    for number, record in records:
        where = f"{source}:{number}"
        if isinstance(record, InputError):
            yield Failure.from_error(record, where)
            continue
        try:
            yield _record_article(record, where, settings)
        except InputError as error:
            yield Failure.from_error(error, where)


def _jsonl_records(data: str, source: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, InputError(f"invalid JSON ({error.msg})", source=f"{source}:{number}")
            continue
        if not isinstance(record, dict):
            yield number, InputError("a JSON Lines record must be an object", source=source)
            continue
        yield number, record


def _json_records(data: str, source: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    try:
        value = json.loads(data)
    except json.JSONDecodeError:
        yield from _jsonl_records(data, source)
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield number, item
        else:
            yield number, InputError("a JSON record must be an object", source=source)


def _csv_records(
    data: str, source: str, delimiter: str
) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    reader = csv.DictReader(io.StringIO(data), delimiter=delimiter)
    fields = {f.lower() for f in (reader.fieldnames or [])}
    if not fields & set(TEXT_FIELDS):
        raise InputError(
            f"no text column (expected one of {', '.join(TEXT_FIELDS)}; "
            f"found {', '.join(sorted(fields)) or 'none'})",
            source=source,
        )
    for number, row in enumerate(reader, start=2):
        yield number, {(k or "").lower(): v for k, v in row.items()}


def _read_feed(data: str, source: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    import feedparser

    from newsgraph.ingest.html import fragment_to_text

    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            raise InputError(f"unparseable feed ({feed.bozo_exception})", source=source)
        raise InputError("feed has no entries", source=source)
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{source}#{entry.get('id') or number}"
        html = ""
        if entry.get("content"):
            html = entry.content[0].get("value", "")
        html = html or entry.get("summary", "")
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        try:
            yield make_article(
                fragment_to_text(html),
                source=where,
                settings=settings,
                title=entry.get("title"),
                published=date(*published[:3]) if published else None,
                url=entry.get("link"),
                author=entry.get("author"),
                record_id=entry.get("id"),
            )
        except InputError as error:
            yield Failure.from_error(error, where)


def _looks_like_feed(data: str) -> bool:
    head = data[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_data(
    raw: bytes, *, source: str, settings: Settings, kind: str | None = None, url: str | None = None
) -> Iterator[RawArticle | Failure]:
    """Read articles from the bytes of one input whose kind is known or sniffed."""
    if not raw.strip():
        raise InputError("empty: no text to analyse", source=source)
    if len(raw) > settings.max_bytes:
        raise InputError(
            f"too large: {len(raw):,} bytes (limit {settings.max_bytes:,}; "
            "set NEWSGRAPH_MAX_BYTES to raise it)",
            source=source,
        )
    data = decode_bytes(raw, source=source)
    if kind is None:
        stripped = data.lstrip()
        if _looks_like_feed(stripped):
            kind = "feed"
        elif stripped.startswith("<"):
            kind = "html"
        elif stripped.startswith(("{", "[")):
            kind = "json"
        else:
            kind = "text"
    if kind == "text":
        yield from _read_plain(data, source, settings)
    elif kind == "html":
        if _looks_like_feed(data):
            yield from _read_feed(data, source, settings)
        else:
            yield from _read_html(data, source, settings, url)
    elif kind == "feed":
        yield from _read_feed(data, source, settings)
    elif kind == "jsonl":
        yield from _records(_jsonl_records(data, source), source, settings)
    elif kind == "json":
        yield from _records(_json_records(data, source), source, settings)
    elif kind in ("csv", "tsv"):
        delimiter = "\t" if kind == "tsv" else ","
        yield from _records(_csv_records(data, source, delimiter), source, settings)
    else:  # pragma: no cover - kinds come from this module
        raise InputError(f"unknown input kind {kind!r}", source=source)


def _kind_for_suffix(suffix: str) -> str | None:
    suffix = suffix.lower()
    for kind, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("json", JSON_SUFFIXES),
        ("feed", FEED_SUFFIXES),
    ):
        if suffix in suffixes:
            return kind
    if suffix == ".csv":
        return "csv"
    if suffix == ".tsv":
        return "tsv"
    return None


def _read_file(path: Path, settings: Settings) -> Iterator[RawArticle | Failure]:
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise InputError(
            f"too large: {size:,} bytes (limit {settings.max_bytes:,}; "
            "set NEWSGRAPH_MAX_BYTES to raise it)",
            source=str(path),
        )
    yield from read_data(
        path.read_bytes(), source=str(path), settings=settings, kind=_kind_for_suffix(path.suffix)
    )


def _fetch(url: str, settings: Settings) -> tuple[bytes, str | None]:
    """Fetch a URL under a timeout and a size limit; return its bytes and content kind."""
    import httpx

    try:
        with httpx.stream(
            "GET",
            url,
            timeout=settings.fetch_timeout,
            follow_redirects=True,
            headers={"User-Agent": "newsgraph (+https://github.com/newsgraph)"},
        ) as response:
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} from server", source=url)
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > settings.max_bytes:
                    raise InputError(f"too large: over {settings.max_bytes:,} bytes", source=url)
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "").lower()
    except httpx.TimeoutException as error:
        raise InputError(f"timed out after {settings.fetch_timeout:g} s", source=url) from error
    except httpx.HTTPError as error:
        raise InputError(f"cannot fetch ({error})", source=url) from error
    kind: str | None = None
    if "rss" in content_type or "atom" in content_type:
        kind = "feed"
    elif "html" in content_type:
        kind = "html"
    elif "json" in content_type:
        kind = "json"
    elif "text/plain" in content_type:
        kind = "text"
    return b"".join(chunks), kind


def _iter_directory(path: Path) -> Iterator[Path]:
    """Yield readable files under a directory, sorted, skipping hidden files."""
    for child in sorted(path.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
        if child.is_file() and not hidden and child.suffix.lower() in KNOWN_SUFFIXES:
            yield child


def read_source(spec: str, *, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Read every article from one input: a file, a directory, ``-`` (stdin) or a URL.

    Never raises for a bad input: it yields a ``Failure`` instead, so a batch goes on.
    """
    try:
        if spec == "-":
            yield from read_data(sys.stdin.buffer.read(), source="<stdin>", settings=settings)
            return
        if urlparse(spec).scheme in ("http", "https"):
            raw, kind = _fetch(spec, settings)
            yield from read_data(raw, source=spec, settings=settings, kind=kind, url=spec)
            return
        path = Path(spec)
        if path.is_dir():
            found = False
            for child in _iter_directory(path):
                found = True
                yield from read_source(str(child), settings=settings)
            if not found:
                yield Failure(spec, "directory holds no readable files")
            return
        if not path.exists():
            yield Failure(spec, "no such file or directory")
            return
        yield from _read_file(path, settings)
    except InputError as error:
        yield Failure.from_error(error, spec)
    except (OSError, csv.Error) as error:
        yield Failure(spec, f"cannot read ({error})")


def iter_articles(specs: Iterable[str], *, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Read every article from several inputs, in order."""
    for spec in specs:
        yield from read_source(spec, settings=settings)
