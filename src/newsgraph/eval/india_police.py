"""IndiaPoliceEvents: did police kill or arrest someone, sentence by sentence.

Halterman, Keith, Sarwar and O'Connor (Findings of ACL 2021) annotated every sentence of
1,257 Times of India articles on the 2002 Gujarat violence with yes/no answers to questions
such as "Did police kill someone?" (KILL) and "Did police arrest someone?" (ARREST). The
text is lower-cased and its encoding is broken ("â€™" for "’"), so the corpus doubles as
a robustness test: newsgraph reads it as it is, without repairs.

The corpus has no train/test split (the paper evaluates zero-shot on all of it), so the
scorer splits it by document id parity: odd ids are test, even ids dev. Document-level
answers are the OR of the sentence answers.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, EvalContext, EvalResult, Score, register
from newsgraph.eval.labels import IPE_ARREST, IPE_KILL, india_police_labels
from newsgraph.eval.metrics import PRF, majority_label
from newsgraph.model.document import Document, Factuality

logger = logging.getLogger(__name__)

DATASET = "india-police"
FOLDER = "india_police_events"
LABELS = (IPE_KILL, IPE_ARREST)
"""The labels scored (names as in the data)."""

KEYWORDS: dict[str, re.Pattern[str]] = {
    IPE_KILL: re.compile(r"\b(?:killed|shot dead|died)\b"),
    IPE_ARREST: re.compile(r"\b(?:arrested|detained|held)\b"),
}
"""The keyword baseline: a sentence has the label when one of these words occurs."""


@dataclass(frozen=True)
class Sentence:
    """One annotated sentence of the corpus."""

    doc_id: int
    sent_id: int
    text: str
    labels: frozenset[str]


# --------------------------------------------------------------------------- reading


def parse_sentences(lines: Iterable[str]) -> list[Sentence]:
    """Parse ``sents.jsonl`` rows (``doc_id``, ``sent_id``, ``sent_text``, ``sent_labels``)."""
    sentences = []
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        sentences.append(
            Sentence(
                doc_id=int(row["doc_id"]),
                sent_id=int(row["sent_id"]),
                text=str(row.get("sent_text") or ""),
                labels=frozenset(row.get("sent_labels") or ()),
            )
        )
    return sentences


def read_sentences(path: Path) -> list[Sentence]:
    """Read ``data/final/sents.jsonl``."""
    with path.open(encoding="utf-8") as handle:
        return parse_sentences(handle)


def split_sentences(sentences: Iterable[Sentence], split: str) -> list[Sentence]:
    """Odd document ids are test, even ones dev (the corpus defines no split).

    Raises:
        ConfigError: ``split`` is neither dev nor test.
    """
    if split not in ("dev", "test"):
        raise ConfigError(f"{DATASET} has only dev and test splits, not {split!r}")
    parity = 0 if split == "dev" else 1
    return [s for s in sentences if s.doc_id % 2 == parity]


# --------------------------------------------------------------------------- scoring


def binary_prf(gold: Sequence[bool], predicted: Sequence[bool]) -> PRF:
    """Counts of one yes/no label over aligned items."""
    prf = PRF()
    for g, p in zip(gold, predicted, strict=True):
        prf.tp += int(g and p)
        prf.fp += int(p and not g)
        prf.fn += int(g and not p)
    return prf


def document_labels(
    sentences: Sequence[Sentence], predicted: Sequence[frozenset[str]]
) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    """Gold and predicted labels per document: the union over its sentences."""
    gold: dict[int, set[str]] = {}
    pred: dict[int, set[str]] = {}
    for sentence, labels in zip(sentences, predicted, strict=True):
        gold.setdefault(sentence.doc_id, set()).update(sentence.labels)
        pred.setdefault(sentence.doc_id, set()).update(labels)
    return (
        {d: frozenset(v) for d, v in gold.items()},
        {d: frozenset(v) for d, v in pred.items()},
    )


def score_labels(
    gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]
) -> dict[str, PRF]:
    """P/R/F1 of each scored label over aligned items (sentences or documents)."""
    return {
        label: binary_prf([label in g for g in gold], [label in p for p in predicted])
        for label in LABELS
    }


# --------------------------------------------------------------------------- predictions


def keyword_labels(text: str) -> frozenset[str]:
    """The keyword baseline's labels for one sentence (text is lower-cased first)."""
    lowered = text.lower()
    return frozenset(label for label, pattern in KEYWORDS.items() if pattern.search(lowered))


def newsgraph_labels(document: Document) -> frozenset[str]:
    """Labels newsgraph's events support, by ``labels.india_police_labels``.

    Only asserted events count: a threatened or denied arrest is not an arrest.
    """
    labels: set[str] = set()
    for event in document.events:
        if event.factuality != Factuality.asserted:
            continue
        labels |= india_police_labels(event.type, event.mode, [q.status for q in event.quantities])
    return frozenset(labels)


def majority_labels(label_sets: Iterable[frozenset[str]]) -> frozenset[str]:
    """Per label, the majority yes/no answer over the given (dev) items."""
    items = list(label_sets)
    return frozenset(label for label in LABELS if majority_label(label in x for x in items))


def _rows(system: str, level: str, scores: dict[str, PRF], n: int) -> list[Score]:
    rows = []
    for label, prf in scores.items():
        task = f"{level} {label}"
        rows += [
            Score(task, "precision", system, round(prf.precision, 4), n),
            Score(task, "recall", system, round(prf.recall, 4), n),
            Score(task, "F1", system, round(prf.f1, 4), n),
        ]
    return rows


@register(DATASET)
def evaluate(ctx: EvalContext) -> EvalResult:
    """Score newsgraph, the keyword baseline and the majority class on KILL and ARREST."""
    sentences = read_sentences(ctx.path(FOLDER, "data", "final", "sents.jsonl"))
    dev = split_sentences(sentences, "dev")
    items: list[Sentence] = ctx.take(split_sentences(sentences, ctx.split))

    systems: dict[str, list[frozenset[str]]] = {
        NEWSGRAPH: [
            newsgraph_labels(a.document) for a in ctx.extract((s.text, None) for s in items)
        ],
        "keyword baseline": [keyword_labels(s.text) for s in items],
    }
    majority = majority_labels(s.labels for s in dev)
    systems["majority class"] = [majority] * len(items)
    dev_docs, _ = document_labels(dev, [frozenset()] * len(dev))
    doc_majority = majority_labels(dev_docs.values())

    gold_sent = [s.labels for s in items]
    scores: list[Score] = []
    counts: dict[str, Any] = {}
    for system, predicted in systems.items():
        sent_scores = score_labels(gold_sent, predicted)
        gold_docs, pred_docs = document_labels(items, predicted)
        if system == "majority class":
            pred_docs = {d: doc_majority for d in pred_docs}
        doc_ids = sorted(gold_docs)
        doc_scores = score_labels([gold_docs[d] for d in doc_ids], [pred_docs[d] for d in doc_ids])
        scores += _rows(system, "sentence", sent_scores, len(items))
        scores += _rows(system, "document", doc_scores, len(doc_ids))
        counts[system] = {
            "sentence": {k: v.as_dict() for k, v in sent_scores.items()},
            "document": {k: v.as_dict() for k, v in doc_scores.items()},
        }
    return EvalResult(
        dataset=DATASET,
        split=ctx.split,
        scores=scores,
        details={
            "split_rule": "document id parity: odd = test, even = dev",
            "sentences": len(items),
            "documents": len({s.doc_id for s in items}),
            "majority": {"sentence": sorted(majority), "document": sorted(doc_majority)},
            "gold_sentence_labels": dict(Counter(x for s in items for x in s.labels)),
            "keywords": {k: v.pattern for k, v in KEYWORDS.items()},
            "prf": counts,
        },
    )
