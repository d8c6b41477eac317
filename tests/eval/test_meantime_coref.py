"""Tests of the coreference metrics and of the MEANTIME cross-document event scorer.

The CAT files are invented (two reports of one arrest, a third story) and follow MEANTIME's
layout: ``meantime_en/meantime_newsreader_english_oct15/intra_cross-doc_annotation/
corpus_TOPIC/ID_NAME.xml``, EVENT_MENTIONs ``REFERS_TO`` EVENT instances whose
``instance_id`` is shared across documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.errors import ConfigError
from newsgraph.eval import coref
from newsgraph.eval.base import NEWSGRAPH, EvalContext
from newsgraph.eval.meantime import (
    CROSS_DOC,
    MERGING_METHODS,
    ROOT,
    CorefRun,
    GoldEventMention,
    SystemEvent,
    align_event,
    coref_details,
    coref_scores,
    gold_event_mentions,
    read_cat,
    score_meantime_coref,
)
from newsgraph.eval.runner import run_eval

# --------------------------------------------------------------------------------------------
# Metrics, on textbook examples
# --------------------------------------------------------------------------------------------

# Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions: a reference
# implementation", worked example: key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}
# (h and i twinless, e missing).
PRADHAN_KEY = [set("abc"), set("defg")]
PRADHAN_RESPONSE = [set("ab"), set("cd"), set("fghi")]


def test_coref_muc_on_the_reference_example() -> None:
    # Recall: {a,b,c} cut into {a,b},{c}: 3-2 = 1 link kept; {d,e,f,g} into {d},{e},{f,g}:
    # 4-3 = 1; needed 2+3 = 5 -> 2/5. Precision: {a,b} 1; {c,d} 0; {f,g,h,i} into {f,g},{h},{i}
    # 1; needed 1+1+3 = 5 -> 2/5.
    score = coref.muc(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert (score.precision, score.recall) == pytest.approx((0.4, 0.4))


def test_coref_b_cubed_on_the_reference_example() -> None:
    # Recall: (2²/3 + 1²/3 + 1²/4 + 2²/4) / 7 = (5/3 + 5/4) / 7 = 5/12.
    # Precision: (2²/2 + (1²+1²)/2 + 2²/4) / 8 = 4/8 = 1/2.
    score = coref.b_cubed(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert (score.precision, score.recall) == pytest.approx((0.5, 5 / 12))


def test_coref_ceaf_e_on_the_reference_example() -> None:
    # φ4: K1-R1 4/5, K1-R2 2/5, K2-R2 2/6, K2-R3 4/8; best alignment K1-R1 + K2-R3 = 1.3.
    # Recall 1.3/2 = 0.65, precision 1.3/3.
    score = coref.ceaf_e(PRADHAN_KEY, PRADHAN_RESPONSE)
    assert (score.precision, score.recall) == pytest.approx((1.3 / 3, 0.65))


def test_coref_same_mentions_example_and_conll() -> None:
    key, response = [{1, 2, 3}, {4, 5}], [{1, 2}, {3, 4, 5}]
    # MUC: recall (1 + 1) / (2 + 1), precision (1 + 1) / (1 + 2) -> 2/3.
    assert coref.muc(key, response).f1 == pytest.approx(2 / 3)
    # B³: ((4 + 1)/3 + 4/2) / 5 = 11/15 both ways.
    assert coref.b_cubed(key, response).f1 == pytest.approx(11 / 15)
    # CEAF-e: 4/5 + 4/5 over 2 entities on each side -> 0.8.
    assert coref.ceaf_e(key, response).f1 == pytest.approx(0.8)
    assert coref.conll_f1(key, response) == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)
    assert coref.conll_f1(key, key) == pytest.approx(1.0)


def test_coref_singletons_against_one_cluster() -> None:
    key, response = [{1, 2, 3}], [{1}, {2}, {3}]
    # MUC sees no response link: 0 both ways; B³ precision 1, recall 1/3.
    assert coref.muc(key, response).f1 == 0.0
    b3 = coref.b_cubed(key, response)
    assert (b3.precision, b3.recall) == pytest.approx((1.0, 1 / 3))
    # CEAF-e: one alignment of φ4 = 2/4 -> recall 0.5/1, precision 0.5/3.
    ceaf = coref.ceaf_e(key, response)
    assert (ceaf.precision, ceaf.recall) == pytest.approx((0.5 / 3, 0.5))


def test_coref_ceaf_e_alignment_is_optimal_not_greedy() -> None:
    # Greedy would pair K1 with R1 (φ4 6/7) and leave K2 a worse partner; the optimum pairs
    # K1-R2 and K2-R1: K1={1,2,3}, K2={4}; R1={1,2,3,4} (K1 6/7, K2 2/5), R2={1} (K1 2/4).
    # Options: K1-R1 + K2-none = 6/7 ≈ 0.857; K1-R2 + K2-R1 = 0.5 + 0.4 = 0.9.
    score = coref.ceaf_e([{1, 2, 3}, {4}], [{1, 2, 3, 4}, {1}])
    assert score.recall == pytest.approx(0.9 / 2)


def test_coref_clusters_of_and_pairwise_links() -> None:
    key = {"a1": "X", "a2": "Y", "b1": "X", "b2": "Y"}
    response = {"a1": 1, "a2": 1, "b1": 1, "b2": 2}
    assert sorted(map(sorted, coref.clusters_of(key))) == [["a1", "b1"], ["a2", "b2"]]
    # Cross-document pairs (a*, b*): gold links a1-b1, a2-b2; system links a1-b1, a2-b1.
    links = coref.pairwise_links(key, response, {m: m[0] for m in key})
    assert (links.precision, links.recall) == pytest.approx((0.5, 0.5))


# --------------------------------------------------------------------------------------------
# The scorer
# --------------------------------------------------------------------------------------------

Word = tuple[int, str]
Mention = tuple[str, Sequence[int], str]  # m_id, token numbers (0-based), instance


def cat(doc_id: int, name: str, words: Sequence[Word], mentions: Sequence[Mention]) -> str:
    """An invented CAT document: tokens, a creation time, event mentions and instances."""
    tokens = "\n".join(
        f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{w}</token>'
        for i, (s, w) in enumerate(words)
    )
    dateline = [i + 1 for i, (s, _) in enumerate(words) if s == 1]
    markables = [
        '<TIMEX3 m_id="900" type="DATE" value="2031-05-14" functionInDocument="CREATION_TIME">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in dateline)
        + "</TIMEX3>"
    ]
    relations = []
    instances = list(dict.fromkeys(i for _, _, i in mentions))
    for m_id, token_numbers, _ in mentions:
        anchors = "".join(f'<token_anchor t_id="{t + 1}"/>' for t in token_numbers)
        markables.append(f'<EVENT_MENTION m_id="{m_id}" pos="VERB">{anchors}</EVENT_MENTION>')
    for k, instance in enumerate(instances):
        attrs = f'instance_id="{instance}"' if instance else ""
        markables.append(f'<EVENT m_id="{500 + k}" class="OTHER" {attrs}/>')
        sources = "".join(f'<source m_id="{m}"/>' for m, _, i in mentions if i == instance)
        relations.append(
            f'<REFERS_TO r_id="{k + 1}">{sources}<target m_id="{500 + k}"/></REFERS_TO>'
        )
    return (
        f'<?xml version="1.0" ?>\n<Document doc_id="{doc_id}" doc_name="{name}" lang="en">\n'
        f"{tokens}\n<Markables>\n{chr(10).join(markables)}\n</Markables>\n"
        f"<Relations>\n{chr(10).join(relations)}\n</Relations>\n</Document>\n"
    )


def _words(*sentences: str) -> list[Word]:
    return [(s, w) for s, sentence in enumerate(sentences) for w in sentence.split()]


# Two reports of one invented arrest and protest, and a third story (the test split).
ARREST_A = _words(
    "Kenyan police arrest 30 protesters in Nairobi",
    "May 14 , 2031",
    "Kenyan police arrested 30 protesters in Nairobi on Tuesday .",
    "The protesters had marched against fuel prices .",
    "",
    "",
    "Later the protesters marched again .",  # sentence 6: not annotated
)
ARREST_B = _words(
    "Police detain protesters in Nairobi",
    "May 14 , 2031",
    "Police in Nairobi detained 30 demonstrators on Tuesday , officials said .",
    "The demonstrators had marched against fuel prices .",
)
OTHER = _words("Zorvia opens a bridge", "May 14 , 2031", "Zorvia opened a bridge .")


def _index(words: Sequence[Word], sentence: int, word: str) -> int:
    return next(i for i, (s, w) in enumerate(words) if s == sentence and w == word)


def _mentions_a() -> list[Mention]:
    return [
        ("1", [_index(ARREST_A, 0, "arrest")], "ARREST"),
        ("2", [_index(ARREST_A, 2, "arrested")], "ARREST"),
        ("3", [_index(ARREST_A, 3, "marched")], "MARCH"),
        ("4", [_index(ARREST_A, 6, "marched")], "MARCH2"),  # beyond the annotated sentences
        ("5", [_index(ARREST_A, 3, "had")], ""),  # no instance: not a gold item
    ]


def _mentions_b() -> list[Mention]:
    return [
        ("1", [_index(ARREST_B, 0, "detain")], "ARREST"),
        ("2", [_index(ARREST_B, 2, "detained")], "ARREST"),
        ("3", [_index(ARREST_B, 2, "said")], "SAY"),
        ("4", [_index(ARREST_B, 3, "marched")], "MARCH"),
    ]


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    folder = tmp_path.joinpath(*ROOT, CROSS_DOC, "corpus_invented")
    folder.mkdir(parents=True)
    files: dict[str, tuple[int, list[Word], list[Mention]]] = {
        "10_Kenyan_police_arrest": (10, ARREST_A, _mentions_a()),
        "11_Zorvia_opens_a_bridge": (11, OTHER, [("1", [2], "OPEN")]),
        "12_Police_detain": (12, ARREST_B, _mentions_b()),
    }
    for name, (doc_id, words, mentions) in files.items():
        (folder / f"{name}.xml").write_text(cat(doc_id, name, words, mentions), encoding="utf-8")
    return tmp_path


def test_gold_event_mentions_keep_instances_in_annotated_sentences(data_root: Path) -> None:
    path = data_root.joinpath(*ROOT, CROSS_DOC, "corpus_invented", "10_Kenyan_police_arrest.xml")
    mentions = gold_event_mentions(read_cat(path))
    # "marched" of sentence 6 is not annotated territory; "had" refers to no instance.
    assert [(m.text, m.instance, m.sentence) for m in mentions] == [
        ("arrest", "ARREST", 0),
        ("arrested", "ARREST", 2),
        ("marched", "MARCH", 3),
    ]
    everywhere = gold_event_mentions(read_cat(path), sentences=None)
    assert [m.instance for m in everywhere] == ["ARREST", "ARREST", "MARCH", "MARCH2"]


def test_align_event_prefers_triggers_then_evidence() -> None:
    mention = GoldEventMention(1, "1", frozenset({5}), "X", "said")
    events = [
        SystemEvent("e1", frozenset({2}), frozenset(range(0, 8))),
        SystemEvent("e2", frozenset({5}), frozenset({5, 6})),
    ]
    assert align_event(mention, events) == ("e2", "trigger")
    # No trigger overlaps: the event whose evidence shares most tokens, the first on a tie.
    assert align_event(mention, events[:1]) == ("e1", "evidence")
    assert align_event(GoldEventMention(1, "2", frozenset({9}), "X", "x"), events) is None


def _hand_run() -> CorefRun:
    """Doc 1 says A twice and B once, doc 2 says A once; every mention matched."""
    gold = [
        GoldEventMention(1, "m1", frozenset({1}), "A", "a"),
        GoldEventMention(1, "m2", frozenset({5}), "A", "a"),
        GoldEventMention(1, "m3", frozenset({9}), "B", "b"),
        GoldEventMention(2, "m1", frozenset({1}), "A", "a"),
        GoldEventMention(2, "m2", frozenset({3}), "C", "c"),  # not matched
    ]
    matched = {
        (1, "m1"): ("d1", "e1", "trigger"),
        (1, "m2"): ("d1", "e1", "evidence"),
        (1, "m3"): ("d1", "e2", "trigger"),
        (2, "m1"): ("d2", "e1", "trigger"),
    }
    events = [("d1", "e1"), ("d1", "e2"), ("d2", "e1")]
    assignments = {
        NEWSGRAPH: {events[0]: 1, events[1]: 2, events[2]: 1},
        "no merging": {events[0]: 1, events[1]: 2, events[2]: 3},
        "exact tuple (GDELT-style)": {events[0]: 1, events[1]: 1, events[2]: 3},
    }
    return CorefRun(2, [], gold, matched, assignments)


def test_coref_scores_rows_from_a_hand_made_run() -> None:
    rows = {(s.system, s.metric): s for s in coref_scores(_hand_run())}
    coverage = rows[(NEWSGRAPH, "gold mentions matched")]
    assert coverage.value == pytest.approx(4 / 5)
    assert coverage.n == 5
    # newsgraph: {1m1, 1m2, 2m1} {1m3} = gold: perfect.
    assert rows[(NEWSGRAPH, "CoNLL F1")].value == pytest.approx(1.0)
    assert rows[(NEWSGRAPH, "cross-doc link F1")].value == pytest.approx(1.0)
    # No merging: {1m1, 1m2} {1m3} {2m1}. B³ precision 1; recall (2/3 + 2/3 + 1 + 1/3) / 4.
    assert rows[("no merging", "B3 precision")].value == pytest.approx(1.0)
    assert rows[("no merging", "B3 recall")].value == pytest.approx((2 / 3 + 2 / 3 + 1 + 1 / 3) / 4)
    assert rows[("no merging", "cross-doc link F1")].value == 0.0
    # Exact: {1m1, 1m2, 1m3} {2m1}: MUC recall (3 - 2) / 2, precision (3 - 2) / 2 -> 1/2.
    assert rows[("exact tuple (GDELT-style)", "MUC F1")].value == pytest.approx(0.5)
    assert rows[("no merging", "canonical events per event")].value == pytest.approx(1.0)
    assert rows[(NEWSGRAPH, "canonical events per event")].value == pytest.approx(2 / 3)
    details = coref_details(_hand_run())
    assert details["gold_instances"] == 3
    assert details["gold_cross_document_instances"] == 1
    assert details["matched_by"] == {"trigger": 3, "evidence": 1}
    assert details[NEWSGRAPH]["trigger_only"]["mentions"] == 3
    assert details[NEWSGRAPH]["conll_f1"] == pytest.approx(1.0)


@pytest.mark.model
@pytest.mark.slow
def test_meantime_coref_scorer_on_invented_reports(data_root: Path, nlp: Language) -> None:
    ctx = EvalContext(data_dir=data_root, split="dev")
    ctx.nlp = nlp  # the session's pipeline, not a second load
    (result,) = run_eval("meantime", ctx, task="coref")
    assert result.dataset == "meantime-coref"
    assert result.command == "newsgraph eval meantime --task coref --split dev"
    details = result.details
    # Dev holds documents 10 and 12; gold: arrest x4, marched x2, said.
    assert details["documents"] == 2
    assert (details["gold_mentions"], details["gold_instances"]) == (7, 3)
    assert details["gold_cross_document_instances"] == 2
    assert details["all_sentences"]["gold_mentions"] == 8  # with the sentence-6 "marched"
    assert 0 < details["matched_mentions"] <= 7
    assert {s.system for s in result.scores} == set(MERGING_METHODS)
    assert all(s.value is not None and 0.0 <= s.value <= 1.0 for s in result.scores)
    no_merging = {s.metric: s.value for s in result.scores if s.system == "no merging"}
    assert no_merging["canonical events per event"] == 1.0
    assert no_merging["cross-doc link F1"] == 0.0
    # Two reports of one arrest, same day, same city: newsgraph links them across documents.
    assert details[NEWSGRAPH]["cross_doc_links"]["recall"] > 0


def test_task_unknown_for_a_dataset_is_refused(tmp_path: Path) -> None:
    ctx = EvalContext(data_dir=tmp_path)
    with pytest.raises(ConfigError, match="no task 'coref'"):
        run_eval("polnear", ctx, task="coref")
    with pytest.raises(ConfigError, match="tasks: coref"):
        run_eval("meantime", ctx, task="participants")


@pytest.mark.data
@pytest.mark.slow
def test_meantime_coref_on_the_corpus(data_dir: Path) -> None:
    result = score_meantime_coref(EvalContext(data_dir=data_dir, split="dev", limit=4))
    assert result.details["documents"] == 4
    assert result.details["gold_mentions"] > 0
    assert all(s.value is not None and 0.0 <= s.value <= 1.0 for s in result.scores)
