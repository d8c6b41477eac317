"""Tests of the TempEval-3 time-expression scorer on invented TimeML."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from newsgraph.eval.base import NEWSGRAPH, EvalContext
from newsgraph.eval.tempeval3 import (
    BEST_PUBLISHED,
    DATEPARSER_SEARCH,
    Timex,
    TimexCounts,
    iso_date,
    locate,
    match_timexes,
    newsgraph_timexes,
    parse_dct,
    read_timeml,
    score_tempeval3,
    spacy_dateparser_timexes,
    value_matches,
)
from newsgraph.model.document import Document, DocumentInfo, Span, TimeExpression

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>invented</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2031-05-14" functionInDocument="CREATION_TIME">May 14, 2031</TIMEX3></DCT>
<TITLE>Quella votes</TITLE>
<TEXT>
Quella <EVENT eid="e1">voted</EVENT> <TIMEX3 tid="t1" type="DATE" value="2031-05-13">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3>.
</TEXT>
</TimeML>
"""  # noqa: E501


def test_read_timeml_strips_tags_and_skips_the_dct(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_timeml(path)
    assert document.text == "\nQuella voted yesterday after three weeks.\n"
    assert document.dct == "2031-05-14"
    assert document.dct_date == date(2031, 5, 14)
    assert [(document.text[t.start : t.end], t.value, t.type) for t in document.timexes] == [
        ("yesterday", "2031-05-13", "DATE"),
        ("three weeks", "P3W", "DURATION"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2031-05-14", date(2031, 5, 14)), ("2031-05-14T10:00", date(2031, 5, 14)), ("2031", None)],
)
def test_parse_dct(value: str, expected: date | None) -> None:
    assert parse_dct(value) == expected


def test_match_timexes_strict_and_relaxed() -> None:
    gold = [Timex(0, 9, "2031-05-13"), Timex(20, 31, "P3W")]
    predicted = [Timex(0, 9, "2031-05-13"), Timex(26, 31, None), Timex(40, 45, None)]
    assert match_timexes(gold, predicted, strict=True) == [(0, 0)]
    assert sorted(match_timexes(gold, predicted, strict=False)) == [(0, 0), (1, 1)]


def test_relaxed_matching_is_one_to_one() -> None:
    gold = [Timex(0, 10, None)]
    predicted = [Timex(0, 4, None), Timex(5, 10, None)]
    assert len(match_timexes(gold, predicted, strict=False)) == 1


@pytest.mark.parametrize(
    ("gold", "predicted", "exact", "lenient"),
    [
        ("2031-05-13", "2031-05-13", True, True),
        ("2031-05-13", "2031-05-12", False, False),
        ("PRESENT_REF", "present_ref ", True, True),
        ("2031", "2031-05-13", False, True),
        ("2031-05", "2031-05-13", False, True),
        ("2031-05", "2031-06-01", False, False),
        ("2031-W20", "2031-05-13", False, True),  # 13 May 2031 is in ISO week 20
        ("2031-W21", "2031-05-13", False, False),
        ("P3W", "2031-05-13", False, False),
        ("2031-05-13", None, False, False),
    ],
)
def test_value_matches(gold: str, predicted: str | None, exact: bool, lenient: bool) -> None:
    assert value_matches(gold, predicted) is exact
    assert value_matches(gold, predicted, lenient=True) is lenient


def test_timex_counts_by_hand() -> None:
    gold = [Timex(0, 9, "2031-05-13", "DATE"), Timex(20, 31, "P3W", "DURATION")]
    predicted = [
        Timex(0, 9, "2031-05-13"),  # strict match, right value
        Timex(22, 31, "2031-05-13"),  # relaxed match, wrong value
        Timex(40, 45, "2031-01-01"),  # spurious
    ]
    counts = TimexCounts()
    counts.add(gold, predicted)
    # Strict: tp 1, fp 2, fn 1 -> P 1/3, R 1/2, F1 0.4.
    assert counts.strict.f1 == pytest.approx(0.4)
    # Relaxed: tp 2, fp 1, fn 0 -> P 2/3, R 1, F1 0.8.
    assert counts.relaxed.f1 == pytest.approx(0.8)
    # Values: 1 right of 2 gold -> accuracy 0.5; of 2 matched -> 0.5.
    assert counts.value_accuracy == pytest.approx(0.5)
    assert counts.value_accuracy_matched == pytest.approx(0.5)
    # Value F1: tp 1, fp 3 - 1 = 2, fn 2 - 1 = 1 -> P 1/3, R 1/2, F1 0.4.
    assert counts.value.f1 == pytest.approx(0.4)
    # DATE only: 1 gold DATE, right -> 1.0.
    assert counts.date_accuracy() == 1.0


def test_a_wrong_value_lowers_the_score() -> None:
    gold = [Timex(0, 9, "2031-05-13")]
    right, wrong = TimexCounts(), TimexCounts()
    right.add(gold, [Timex(0, 9, "2031-05-13")])
    wrong.add(gold, [Timex(0, 9, "2031-05-12")])
    assert right.value.f1 == 1.0
    assert wrong.value.f1 == 0.0
    assert wrong.relaxed.f1 == 1.0  # the span is still found


def test_locate_finds_substrings_in_order() -> None:
    text = "On Monday and again on Monday, then Friday."
    found = locate(text, [("Monday", "a"), ("Monday", "b"), ("Sunday", "c"), ("Friday", "d")])
    assert [(t.start, t.end, t.value) for t in found] == [
        (3, 9, "a"),
        (23, 29, "b"),
        (36, 42, "d"),
    ]


def test_iso_date() -> None:
    assert iso_date(datetime(2031, 5, 13, 10, 30)) == "2031-05-13"
    assert iso_date(None) is None


def test_spacy_dateparser_timexes_keeps_date_and_time_entities() -> None:
    entities = [(0, 9, "DATE", "yesterday"), (10, 16, "GPE", "Quella")]
    timexes = spacy_dateparser_timexes(entities, date(2031, 5, 14))
    assert timexes == [Timex(0, 9, "2031-05-13", "DATE")]


def test_newsgraph_timexes_maps_offsets() -> None:
    text = "Quella voted yesterday."
    document = Document(
        document=DocumentInfo(id="x", text=text),
        times=[
            TimeExpression(
                id="t1",
                text="yesterday",
                value="2031-05-13",
                span=Span(start=13, end=22, text="yesterday"),
            )
        ],
    )
    assert newsgraph_timexes(document, lambda s, e: (s + 1, e + 1)) == [
        Timex(14, 23, "2031-05-13", "DATE")
    ]


@pytest.mark.data
def test_tempeval3_on_the_corpus(data_dir: Path) -> None:
    result = score_tempeval3(EvalContext(data_dir=data_dir, split="test", limit=3))
    assert result.split == "test"
    assert result.details["documents"] == 3
    assert result.details["gold_timexes"] > 0
    assert result.details["documents_without_dct"] == 0
    systems = {s.system for s in result.scores}
    assert {NEWSGRAPH, DATEPARSER_SEARCH, BEST_PUBLISHED} <= systems
    assert any("DATE/TIME + dateparser" in s for s in systems)
    assert all(s.value is not None and 0 <= s.value <= 1 for s in result.scores)


def test_train_split_is_refused(tmp_path: Path) -> None:
    from newsgraph.errors import ConfigError
    from newsgraph.eval.tempeval3 import split_folders

    with pytest.raises(ConfigError):
        split_folders(EvalContext(data_dir=tmp_path, split="train"))
