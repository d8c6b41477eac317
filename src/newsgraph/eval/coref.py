"""Coreference metrics: MUC, B³, CEAF-e and their mean, the CoNLL F1.

Each metric compares a *key* (gold) and a *response* (system) clustering, both given as lists
of clusters (collections of hashable mentions). Mentions of one side missing from the other
("twinless" mentions) are handled as in the reference scorer of Pradhan et al. (2014): MUC
treats them as singletons of their own, B³ and CEAF-e simply find no overlap for them. No
single metric is trusted alone: MUC ignores singletons (and so rewards merging everything),
B³ counts every mention but double-counts large clusters, CEAF-e aligns entities one to one;
CoNLL F1, their unweighted mean, is what shared tasks report.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

Clusters = Sequence[Collection[Hashable]]

Mention = TypeVar("Mention", bound=Hashable)
Label = TypeVar("Label", bound=Hashable)


@dataclass(frozen=True)
class CorefScore:
    """Precision and recall of one metric, with F1 derived."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def clusters_of(assignment: Mapping[Mention, Label]) -> list[frozenset[Mention]]:
    """Turn ``mention -> cluster label`` into a list of clusters, in first-seen label order."""
    grouped: dict[Label, set[Mention]] = {}
    for mention, label in assignment.items():
        grouped.setdefault(label, set()).add(mention)
    return [frozenset(c) for c in grouped.values()]


def _sets(clusters: Clusters) -> list[frozenset[Hashable]]:
    """Non-empty clusters as frozensets (an empty cluster carries no information)."""
    return [frozenset(c) for c in clusters if c]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _muc_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    """Vilain et al. (1995): links of ``key`` kept by ``response`` over links of ``key``.

    A key cluster of n mentions needs n - 1 links; the response cuts it into p parts (a
    mention in no response cluster is a part of its own), so n - p of its links survive.
    """
    owner = {m: i for i, cluster in enumerate(response) for m in cluster}
    kept = needed = 0
    for cluster in key:
        parts = {owner.get(m, ("twinless", m)) for m in cluster}
        kept += len(cluster) - len(parts)
        needed += len(cluster) - 1
    return _ratio(kept, needed)


def muc(key: Clusters, response: Clusters) -> CorefScore:
    """MUC: link-based; singletons count for nothing, so "all one cluster" scores high."""
    k, r = _sets(key), _sets(response)
    return CorefScore(precision=_muc_recall(r, k), recall=_muc_recall(k, r))


def _b3_recall(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    """Bagga and Baldwin (1998): per key mention, the share of its key cluster that its
    response cluster holds too, averaged over key mentions."""
    total = sum(len(c) for c in key)
    score = 0.0
    for k in key:
        for r in response:
            common = len(k & r)
            if common:
                score += common * common / len(k)
    return _ratio(score, total)


def b_cubed(key: Clusters, response: Clusters) -> CorefScore:
    """B³: mention-based; every mention counts, singletons included."""
    k, r = _sets(key), _sets(response)
    return CorefScore(precision=_b3_recall(r, k), recall=_b3_recall(k, r))


def _phi4(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    """Luo (2005)'s entity similarity: Dice coefficient of the two clusters."""
    return 2 * len(a & b) / (len(a) + len(b))


def _max_assignment(weights: list[list[float]]) -> float:
    """Greatest total weight of a one-to-one assignment of rows to columns (Hungarian).

    The Kuhn-Munkres algorithm in its O(n²m) potential form, on costs = -weights, rows <=
    columns (the caller transposes). Pure Python: only components of overlapping clusters
    are passed, which are small.
    """
    n, m = len(weights), len(weights[0])
    assert n <= m
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    row_of = [0] * (m + 1)  # row assigned to column j (1-based; 0 = none)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        row_of[0] = i
        j0 = 0
        minv = [math.inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = row_of[j0], math.inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cost = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                if cost < minv[j]:
                    minv[j], way[j] = cost, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    return sum(weights[row_of[j] - 1][j - 1] for j in range(1, m + 1) if row_of[j])


def _components(
    key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]
) -> Iterable[tuple[list[int], list[int]]]:
    """Groups of key and response clusters connected by shared mentions (union-find): the
    optimal alignment never pairs clusters that share nothing, so each group is solved
    alone."""
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner = {m: i for i, cluster in enumerate(key) for m in cluster}
    for j, cluster in enumerate(response):
        for mention in cluster:
            if mention in owner:
                parent[find(owner[mention])] = find(len(key) + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(key)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(response)):
        groups.setdefault(find(len(key) + j), ([], []))[1].append(j)
    return [g for g in groups.values() if g[0] and g[1]]


def ceaf_e(key: Clusters, response: Clusters) -> CorefScore:
    """CEAF-e (Luo 2005): the best one-to-one alignment of key and response entities under
    φ4, its total similarity over the number of key (recall) and response (precision)
    entities. Splitting or merging an entity is paid once, not once per mention."""
    k, r = _sets(key), _sets(response)
    total = 0.0
    for rows, columns in _components(k, r):
        weights = [[_phi4(k[i], r[j]) for j in columns] for i in rows]
        if len(rows) > len(columns):
            weights = [list(col) for col in zip(*weights, strict=True)]
        total += _max_assignment(weights)
    return CorefScore(precision=_ratio(total, len(r)), recall=_ratio(total, len(k)))


def conll_f1(key: Clusters, response: Clusters) -> float:
    """The CoNLL-2011/2012 score: the unweighted mean of MUC, B³ and CEAF-e F1."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def pairwise_links(
    key: Mapping[Mention, Hashable],
    response: Mapping[Mention, Hashable],
    group: Mapping[Mention, Hashable],
) -> CorefScore:
    """Precision and recall of coreference links between mentions of *different* groups.

    With ``group`` = the document of each mention, this isolates cross-document merging:
    within-document links, which every merging method shares, are not counted.
    """
    mentions = [m for m in key if m in response]
    gold = system = both = 0
    for a_index, a in enumerate(mentions):
        for b in mentions[a_index + 1 :]:
            if group[a] == group[b]:
                continue
            same_gold, same_system = key[a] == key[b], response[a] == response[b]
            gold += same_gold
            system += same_system
            both += same_gold and same_system
    return CorefScore(precision=_ratio(both, system), recall=_ratio(both, gold))
