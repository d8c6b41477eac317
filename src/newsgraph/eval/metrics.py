"""Metric arithmetic shared by the scorers: counts, P/R/F1, span overlap, macro-F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


@dataclass
class PRF:
    """True positives, false positives and false negatives, with P/R/F1 derived."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold item."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add another count in place (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float]:
        """Counts and derived scores as plain data."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def set_prf(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> PRF:
    """Count exact matches between two collections (multisets)."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return PRF(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two [start, end) spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def token_overlap_ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """Overlap of two token lists relative to the longer one (multiset intersection)."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


def greedy_match(
    gold: Sequence[object],
    predicted: Sequence[object],
    similarity: object,
    threshold: float,
) -> list[tuple[int, int]]:
    """Match gold and predicted items one-to-one, best similarity first.

    Args:
        gold: Gold items.
        predicted: Predicted items.
        similarity: ``f(gold_item, predicted_item) -> float``.
        threshold: Pairs below this similarity never match.

    Returns:
        (gold index, predicted index) pairs.
    """
    assert callable(similarity)
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            score = similarity(g, p)
            if score >= threshold:
                candidates.append((score, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Share of positions where prediction equals gold."""
    if not gold:
        return 0.0
    return sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold)


def macro_f1(
    gold: Sequence[Hashable],
    predicted: Sequence[Hashable],
    labels: Iterable[Hashable] | None = None,
) -> float:
    """Unweighted mean of per-label F1 over ``labels`` (default: the gold labels)."""
    label_set = list(dict.fromkeys(labels if labels is not None else gold))
    if not label_set:
        return 0.0
    scores = []
    for label in label_set:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        scores.append(PRF(tp, fp, fn).f1)
    return sum(scores) / len(scores)


def majority_label(labels: Iterable[Hashable]) -> Hashable:
    """The most frequent label (ties broken by first occurrence)."""
    counts = Counter(labels)
    if not counts:
        raise ValueError("no labels to take a majority of")
    return counts.most_common(1)[0][0]
