"""Readers: every input kind, and a clear failure for every bad input."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsgraph.errors import InputError
from newsgraph.ingest.encoding import decode_bytes
from newsgraph.ingest.language import detect_language, ensure_english
from newsgraph.ingest.readers import Failure, RawArticle, iter_articles, read_source
from newsgraph.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures"
SAMPLES = FIXTURES.parent.parent / "samples"
BAD = FIXTURES / "bad"


def _read(spec: str, settings: Settings | None = None) -> list[RawArticle | Failure]:
    return list(read_source(spec, settings=settings or Settings()))


def _only_article(spec: str) -> RawArticle:
    items = _read(spec)
    assert len(items) == 1, items
    assert isinstance(items[0], RawArticle), items[0]
    return items[0]


def test_readers_plain_text_takes_first_line_as_title() -> None:
    article = _only_article(str(SAMPLES / "kherson-shelling.txt"))
    assert article.title is not None
    assert article.title.startswith("Russian shelling kills one")
    assert article.text.startswith(article.title + "\n\n")
    assert "KHERSON, Ukraine" in article.text


def test_readers_html_keeps_title_date_author_and_drops_boilerplate() -> None:
    article = _only_article(str(SAMPLES / "nato-summit.html"))
    html = (SAMPLES / "nato-summit.html").read_text(encoding="utf-8")
    assert article.title and article.title in html
    assert article.published == date(2025, 6, 25)
    assert article.author
    assert "Copyright" not in article.text
    assert "Related" not in article.text
    # the subheading is its own block, not glued to the next paragraph
    blocks = article.text.split("\n\n")
    assert any(len(b.split()) <= 8 and not b.endswith(".") for b in blocks[1:])


def test_readers_feed_yields_one_article_per_item() -> None:
    items = _read(str(SAMPLES / "feed.xml"))
    assert len(items) == 2
    assert all(isinstance(i, RawArticle) for i in items)
    first = items[0]
    assert isinstance(first, RawArticle)
    assert first.published == date(2025, 8, 8)
    assert first.url and first.url.startswith("https://")
    assert "<p>" not in first.text


def test_readers_directory_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(
        "Second story\n\nThe minister resigned on Friday after a vote."
    )
    (tmp_path / "one.txt").write_text(
        "First story\n\nTroops withdrew from the border town on Monday."
    )
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    items = _read(str(tmp_path))
    assert [i.source for i in items] == [str(tmp_path / "b" / "two.txt"), str(tmp_path / "one.txt")]


def test_readers_jsonl_reports_the_bad_line_and_goes_on() -> None:
    items = _read(str(BAD / "articles.jsonl"))
    good = [i for i in items if isinstance(i, RawArticle)]
    bad = [i for i in items if isinstance(i, Failure)]
    assert len(good) == 3
    assert len(bad) == 1
    assert bad[0].source.endswith(":3")
    assert "invalid JSON" in bad[0].reason
    assert all(a.record_id for a in good)


def test_readers_csv_reads_text_column_and_reports_empty_row() -> None:
    items = _read(str(BAD / "notes.csv"))
    good = [i for i in items if isinstance(i, RawArticle)]
    bad = [i for i in items if isinstance(i, Failure)]
    assert len(good) == 3
    assert len(bad) == 1 and "empty" in bad[0].reason
    assert all(a.title and a.published for a in good)


def test_readers_csv_without_text_column_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,headline\n1,Talks resume\n")
    [failure] = _read(str(path))
    assert isinstance(failure, Failure)
    assert "no text column" in failure.reason


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("whitespace.txt", "empty"),
        ("binary.bin", "binary"),
        ("french.txt", "not English (detected French 'fr'"),
        ("german.txt", "not English (detected German 'de'"),
        ("missing.txt", "no such file"),
    ],
)
def test_readers_bad_input_gets_a_clear_reason(name: str, reason: str) -> None:
    items = _read(str(BAD / name))
    assert len(items) == 1
    failure = items[0]
    assert isinstance(failure, Failure)
    assert failure.source == str(BAD / name)
    assert reason in failure.reason


def test_readers_binary_file_read_by_directory_walk_fails(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes((BAD / "binary.bin").read_bytes())
    [failure] = _read(str(tmp_path))
    assert isinstance(failure, Failure) and "binary" in failure.reason


def test_readers_too_large_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Talks resumed in Geneva on Monday. " * 2000)
    [failure] = _read(str(path), Settings(max_bytes=10_000))
    assert isinstance(failure, Failure)
    assert "too large" in failure.reason and "NEWSGRAPH_MAX_BYTES" in failure.reason


def test_readers_broken_html_still_yields_the_article() -> None:
    article = _only_article(str(BAD / "broken.html"))
    assert len(article.text.split("\n\n")) >= 3


@pytest.mark.parametrize(("name", "word"), [("latin1.txt", "Zürich"), ("cp1252.txt", "\u2014")])
def test_readers_detect_legacy_encodings(name: str, word: str) -> None:
    article = _only_article(str(BAD / name))
    assert word in article.text
    assert "\ufffd" not in article.text


def test_encoding_undecodable_bytes_fail() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(256)) * 4, source="x")


def test_language_detection() -> None:
    english = (
        "The foreign ministers of France and Germany met in Berlin on Tuesday to discuss sanctions."
    )
    assert detect_language(english)[0] == "en"
    assert ensure_english("Kyiv") == "en"  # too short to judge: passes
    with pytest.raises(InputError, match="Spanish"):
        ensure_english(
            "El presidente del Gobierno se reunió el martes con los ministros de Exteriores "
            "de la Unión Europea para hablar de las sanciones contra Rusia."
        )


def test_readers_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"Ceasefire holds\n\nThe ceasefire held for a third day on Sunday, officials said."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article] = _read("-")
    assert isinstance(article, RawArticle)
    assert article.source == "<stdin>"
    assert article.title == "Ceasefire holds"


def test_readers_url_fetches_html_and_feed(httpserver: HTTPServer) -> None:
    html = (SAMPLES / "nato-summit.html").read_text(encoding="utf-8")
    feed = (SAMPLES / "feed.xml").read_text(encoding="utf-8")
    httpserver.expect_request("/story").respond_with_data(html, content_type="text/html")
    httpserver.expect_request("/feed").respond_with_data(feed, content_type="application/rss+xml")
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    items = list(
        iter_articles(
            [
                httpserver.url_for("/story"),
                httpserver.url_for("/feed"),
                httpserver.url_for("/gone"),
            ],
            settings=Settings(),
        )
    )
    assert [type(i).__name__ for i in items] == [
        "RawArticle",
        "RawArticle",
        "RawArticle",
        "Failure",
    ]
    assert isinstance(items[-1], Failure) and "HTTP 404" in items[-1].reason


def test_readers_url_size_limit(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/huge").respond_with_data(
        "word " * 50_000, content_type="text/plain"
    )
    [failure] = _read(httpserver.url_for("/huge"), Settings(max_bytes=20_000))
    assert isinstance(failure, Failure) and "too large" in failure.reason


def test_readers_json_array(tmp_path: Path) -> None:
    records = [
        {
            "id": "a",
            "title": "Envoy visits",
            "text": "The envoy arrived in Doha on Monday for talks.",
        },
        {"id": "b", "body": "Protesters gathered outside parliament in Tbilisi on Friday."},
    ]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records))
    items = _read(str(path))
    assert [i.record_id for i in items if isinstance(i, RawArticle)] == ["a", "b"]
