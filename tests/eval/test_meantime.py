"""Tests of the MEANTIME entity-mention and time-value scorer on an invented CAT file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.base import NEWSGRAPH, EvalContext
from newsgraph.eval.meantime import (
    EntityMention,
    MentionCounts,
    b_cubed,
    identity_key,
    is_named,
    mention_prf,
    predicted_mentions,
    read_cat,
    score_meantime,
    split_paths,
)
from newsgraph.eval.tempeval3 import Timex

# Sentences: 0 "Mintco buys Zeta", 1 "May 14 , 2031", 2 "The firm said Kal Dren agreed
# today .", ..., 6 "Quella cheered ." (beyond the annotated sentences).
_WORDS = [
    (0, "Mintco"), (0, "buys"), (0, "Zeta"),
    (1, "May"), (1, "14"), (1, ","), (1, "2031"),
    (2, "The"), (2, "firm"), (2, "said"), (2, "Kal"), (2, "Dren"), (2, "agreed"), (2, "today"),
    (2, "."),
    (6, "Quella"), (6, "cheered"), (6, "."),
]  # fmt: skip
_TOKENS = "\n".join(
    f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{w}</token>'
    for i, (s, w) in enumerate(_WORDS)
)


def _anchors(*t_ids: int) -> str:
    return "".join(f'<token_anchor t_id="{t}"/>' for t in t_ids)


CAT = f"""<?xml version="1.0" ?>
<Document doc_id="42" doc_name="42_Mintco_buys_Zeta" lang="en" url="">
{_TOKENS}
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM">{_anchors(1)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM">{_anchors(3)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NOM">{_anchors(8, 9)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="">{_anchors(11, 12)}</ENTITY_MENTION>
<TIMEX3 m_id="5" type="DATE" value="2031-05-14" functionInDocument="CREATION_TIME">{_anchors(4, 5, 6, 7)}</TIMEX3>
<TIMEX3 m_id="6" type="DATE" value="2031-05-14" functionInDocument="NONE">{_anchors(14)}</TIMEX3>
<TIMEX3 m_id="7" type="DATE" value="2031" functionInDocument="NONE"/>
<ENTITY m_id="20" ent_type="ORG" instance_id="ORG1"/>
<ENTITY m_id="21" ent_type="PRO" instance_id="PRO1"/>
<ENTITY m_id="22" ent_type="PER" instance_id="PER1"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><target m_id="22"/></REFERS_TO>
<HAS_PARTICIPANT r_id="4" sem_role="Arg0"><source m_id="9"/><target m_id="1"/></HAS_PARTICIPANT>
</Relations>
</Document>
"""  # noqa: E501


@pytest.fixture
def cat_file(tmp_path: Path) -> Path:
    path = tmp_path / "corpus_invented" / "42_Mintco_buys_Zeta.xml"
    path.parent.mkdir()
    path.write_text(CAT, encoding="utf-8")
    return path


def test_read_cat_rebuilds_text_and_keeps_everything(cat_file: Path) -> None:
    document = read_cat(cat_file)
    assert document.doc_id == 42
    assert document.topic == "invented"
    assert document.text.split("\n") == [
        "Mintco buys Zeta",
        "May 14 , 2031",
        "The firm said Kal Dren agreed today .",
        "Quella cheered .",
    ]
    assert {r.tag for r in document.relations} == {"REFERS_TO", "HAS_PARTICIPANT"}
    assert document.markables["1"].tokens == (0,)


def test_named_mentions_keep_named_per_org_loc(cat_file: Path) -> None:
    document = read_cat(cat_file)
    named = document.named_mentions()
    # Mintco (NAM, ORG) and Kal Dren (untyped but written as a name, PER); Zeta is a PRO
    # and "The firm" is nominal.
    texts = [(" ".join(document.tokens[i].text for i in sorted(m.tokens)), m.type) for m in named]
    assert sorted(texts) == [("Kal Dren", "PER"), ("Mintco", "ORG")]


def test_timexes_skip_the_dct_and_tokenless(cat_file: Path) -> None:
    document = read_cat(cat_file)
    assert document.dct() == "2031-05-14"
    timexes = document.timexes()
    assert [(document.text[t.start : t.end], t.value) for t in timexes] == [("today", "2031-05-14")]
    # A prediction on the dateline (the DCT) or after the annotated sentences is dropped.
    dateline = document.text.index("May")
    late = document.text.index("Quella")
    kept = document.scored_timexes(
        [Timex(dateline, dateline + 6, None), Timex(late, late + 6, None), timexes[0]]
    )
    assert kept == [timexes[0]]


def test_predicted_mentions_use_tokens_and_annotated_sentences(cat_file: Path) -> None:
    document = read_cat(cat_file)
    kal = document.text.index("Kal")
    quella = document.text.index("Quella")
    mentions = predicted_mentions(
        document,
        [
            (kal, kal + 3, "PER"),  # part of "Kal Dren": tokens {10}
            (0, 6, "MISC"),  # not a scored type
            (quella, quella + 6, "LOC"),  # sentence 6: not annotated
        ],
    )
    assert mentions == [EntityMention(frozenset({10}), "PER")]


def test_dct_falls_back_to_the_dateline(tmp_path: Path) -> None:
    path = tmp_path / "corpus_invented" / "43_x.xml"
    path.parent.mkdir()
    without_dct = CAT.replace('functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"')
    path.write_text(without_dct.replace('doc_id="42"', 'doc_id="43"'), encoding="utf-8")
    document = read_cat(path)
    assert document.dct() == "2031-05-14"  # read from "May 14 , 2031"
    assert document.dct_span() == (17, 30)
    # The dateline's TIMEX3 is then the creation time and is not a gold item either.
    assert [document.text[t.start : t.end] for t in document.timexes()] == ["today"]


@pytest.mark.parametrize(
    ("syntactic_type", "words", "named"),
    [
        ("NAM", ["anything"], True),
        ("PRE.NAM", ["US"], True),
        ("NOM", ["Markets"], False),
        ("", ["Bank", "of", "Zorvia"], True),
        ("", ["the", "airplane"], False),
        ("", ["The", "Zorvian", "government"], False),
        ("", ["We"], False),
        ("", ["Kal", "Dren", ",", "the", "chief"], False),
        ("", ["Mintco", "and", "Zeta"], False),
        (None, ["Quella", "Airport"], True),
        ("PRO", ["It"], False),
    ],
)
def test_is_named(syntactic_type: str | None, words: list[str], named: bool) -> None:
    mention = EntityMention(frozenset(range(len(words))), "ORG", syntactic_type)
    assert is_named(mention, words) is named


def test_mention_prf_strict_and_partial() -> None:
    gold = [EntityMention(frozenset({0, 1}), "PER"), EntityMention(frozenset({5}), "ORG")]
    predicted = [
        EntityMention(frozenset({1}), "PER"),  # partial match of the first
        EntityMention(frozenset({5}), "LOC"),  # right tokens, wrong type
        EntityMention(frozenset({8}), "ORG"),  # spurious
    ]
    # Strict: tp 0, fp 3, fn 2 -> F1 0.
    assert mention_prf(gold, predicted, strict=True).f1 == 0.0
    # Partial: tp 1, fp 2, fn 1 -> P 1/3, R 1/2, F1 0.4.
    assert mention_prf(gold, predicted, strict=False).f1 == pytest.approx(0.4)
    assert mention_prf(gold, gold, strict=True).f1 == 1.0


def test_mention_counts_by_type() -> None:
    gold = [EntityMention(frozenset({0, 1}), "PER"), EntityMention(frozenset({5}), "ORG")]
    predicted = [EntityMention(frozenset({0, 1}), "PER"), EntityMention(frozenset({5}), "LOC")]
    counts = MentionCounts()
    counts.add(gold, predicted)
    # Strict: tp 1, fp 1, fn 1 -> 0.5; PER 1.0; ORG tp 0 fn 1 -> 0; LOC fp 1 -> 0.
    assert counts.strict.f1 == pytest.approx(0.5)
    assert counts.by_type["PER"].f1 == 1.0
    assert counts.by_type["ORG"].f1 == 0.0
    assert counts.by_type["LOC"].f1 == 0.0


def test_split_alternates_by_sorted_id() -> None:
    paths = [Path(f"c/{i}_x.xml") for i in (30, 4, 1000, 7, 12)]
    # Sorted by id: 4, 7, 12, 30, 1000 -> dev takes positions 0, 2, 4.
    ids = {p: int(p.name.split("_")[0]) for p in paths}
    dev = split_paths(paths, "dev", ids.__getitem__)
    test = split_paths(paths, "test", ids.__getitem__)
    assert [ids[p] for p in dev] == [4, 12, 1000]
    assert [ids[p] for p in test] == [7, 30]


@pytest.mark.data
def test_meantime_on_the_corpus(data_dir: Path) -> None:
    result = score_meantime(EvalContext(data_dir=data_dir, split="dev", limit=3))
    assert result.split == "dev"
    assert result.details["documents"] == 3
    assert result.details["gold_mentions"] > 0
    assert result.details["gold_timexes"] > 0
    systems = {s.system for s in result.scores}
    assert systems == {
        NEWSGRAPH,
        "en_core_web_sm NER",
        "en_core_web_sm DATE/TIME + dateparser",
        "en_core_web_sm NER surface string",
    }
    identity = [s for s in result.scores if s.task == "cross-document actor identity"]
    assert identity and all(s.n and 0.0 <= (s.value or 0.0) <= 1.0 for s in identity)
    assert all(s.value is not None and 0 <= s.value <= 1 for s in result.scores)


def test_train_split_is_refused() -> None:
    from newsgraph.errors import ConfigError

    with pytest.raises(ConfigError):
        split_paths([], "train", lambda p: 0)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # one gold entity, predicted as one cluster: perfect
        ([("A", "x"), ("A", "x")], (1.0, 1.0, 1.0)),
        # gold A = {1,2}, B = {3}; predicted x = {1,2,3}
        # precision: 2/3 + 2/3 + 1/3 = 5/3 -> 5/9; recall: 1 + 1 + 1 -> 1
        ([("A", "x"), ("A", "x"), ("B", "x")], (5 / 9, 1.0, 2 * (5 / 9) / (5 / 9 + 1))),
        # gold A = {1,2} split into two predicted singletons: precision 1, recall (1/2+1/2)/2
        ([("A", "x"), ("A", "y")], (1.0, 0.5, 2 / 3)),
    ],
)
def test_meantime_b_cubed(
    pairs: list[tuple[str, str]], expected: tuple[float, float, float]
) -> None:
    assert b_cubed(pairs) == pytest.approx(expected)


def test_meantime_identity_key_takes_the_most_overlapping_prediction() -> None:
    candidates = [(frozenset({1, 2}), "person:steve jobs"), (frozenset({5}), "org:apple")]
    assert identity_key(frozenset({2}), candidates, "none") == "person:steve jobs"
    assert identity_key(frozenset({9}), candidates, "none") == "none"
