"""ConfliBERT's CAMEO tasks: sentence PentaClass, and source/target actor spans.

Both come from the Multi-CoPED English sentences (Parolin et al., AIES 2022) as packaged in
the ConfliBERT repository:

* ``cameo-pentaclass``: ``sentence<TAB>label`` with the CAMEO PentaClass of the sentence's
  event (0 neutral, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
  4 material conflict). Accuracy and macro-F1.
* ``cameo-actors``: CoNLL ``token TAG`` with ``B-S/I-S`` (source), ``B-T/I-T`` (target) and
  ``B-R/I-R`` (reciprocal: an actor that is both). Actor span P/R/F1 by role, exact and
  overlapping.

The folder also holds re3d (defence NER) and SATP, which are not scored here. The data has
train and test files only; ``--split dev`` scores the train file.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, AlignedDocument, EvalContext, EvalResult, Score, register
from newsgraph.eval.labels import PENTACLASS_NAMES, pentaclass
from newsgraph.eval.metrics import PRF, accuracy, greedy_match, macro_f1, majority_label
from newsgraph.eval.plover_gsr import main_event

logger = logging.getLogger(__name__)

CLASS_DATASET = "cameo-pentaclass"
ACTOR_DATASET = "cameo-actors"
FOLDER = "conflibert_eval"
BASELINE = "nsubj/dobj baseline"
"""System name of the syntactic actor baseline."""
NEUTRAL = 0
"""The PentaClass predicted for a sentence without an event (or with an unmappable one)."""

ROLES = ("source", "target", "any")
"""Scored roles: gold ``S``/``T`` plus ``R`` in both, and role-blind actor spans."""

TokenSpan = tuple[int, int]
"""A [start, end) range of token indices of one sentence."""

_NO_SPACE_BEFORE = frozenset({".", ",", ")", "]", ":", ";", "?", "!", "%", "'s", "’s", "n't", "”"})
_NO_SPACE_AFTER = frozenset({"(", "[", "“", "$"})
_JOINERS = frozenset({"-", "'", "’", "/"})


@dataclass(frozen=True)
class ClassItem:
    """One PentaClass sentence."""

    text: str
    label: int


@dataclass(frozen=True)
class ActorSentence:
    """One CoNLL sentence with its gold actor spans by tag (S, T, R)."""

    tokens: tuple[str, ...]
    spans: tuple[tuple[str, int, int], ...]

    def role_spans(self, role: str) -> set[TokenSpan]:
        """Gold spans of a scored role: reciprocal ``R`` spans count as source and target."""
        wanted = {"source": {"S", "R"}, "target": {"T", "R"}, "any": {"S", "T", "R"}}[role]
        return {(start, end) for tag, start, end in self.spans if tag in wanted}


@dataclass(frozen=True)
class Detokenized:
    """Sentence text rebuilt from tokens, with each token's character range in it."""

    text: str
    offsets: tuple[tuple[int, int], ...]
    spaces: tuple[bool, ...]


# --------------------------------------------------------------------------- reading


def _split_files(split: str) -> str:
    if split in ("dev", "train"):
        return "train"
    if split == "test":
        return "test"
    raise ConfigError(f"the ConfliBERT CAMEO data has train (= dev) and test, not {split!r}")


def parse_class_tsv(text: str) -> list[ClassItem]:
    """Parse ``sentence<TAB>label`` lines (CRLF endings, blank lines tolerated)."""
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        sentence, sep, label = line.rpartition("\t")
        if not sep or not label.strip().isdigit():
            logger.warning("skipping malformed PentaClass line %d", number)
            continue
        items.append(ClassItem(sentence.strip(), int(label)))
    return items


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Turn BIO tags into ``(type, start, end)`` spans; an orphan ``I-`` starts a span."""
    spans: list[tuple[str, int, int]] = []
    current: tuple[str, int] | None = None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and current is not None and current[0] == kind
        if current is not None and not continues:
            spans.append((current[0], current[1], i))
            current = None
        if prefix == "B" or (prefix == "I" and not continues):
            current = (kind, i)
    return spans


def parse_conll(text: str) -> list[ActorSentence]:
    """Parse ``token TAG`` lines with blank lines between sentences."""
    sentences: list[ActorSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sentences.append(ActorSentence(tuple(tokens), tuple(bio_spans(tags))))
        tokens.clear()
        tags.clear()

    for line in text.splitlines():
        parts = line.split()
        if not parts:
            flush()
            continue
        tokens.append(" ".join(parts[:-1]) if len(parts) > 1 else parts[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    flush()
    return sentences


def detokenize(tokens: Sequence[str]) -> Detokenized:
    """Rebuild readable text from corpus tokens so the pipeline sees normal prose.

    No space before closing punctuation and clitics, none after opening brackets, and
    hyphens or apostrophes between two words join them ("US - led" -> "US-led",
    "Kenya ’ s" -> "Kenya’s").
    """
    n = len(tokens)
    spaces = [True] * n
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < n else None
        if nxt is None:
            spaces[i] = False
            continue
        if nxt in _NO_SPACE_BEFORE or token in _NO_SPACE_AFTER:
            spaces[i] = False
        joins = nxt in _JOINERS and i + 2 < n and token[-1:].isalnum()
        if joins and tokens[i + 2][:1].isalnum():
            spaces[i] = False
            spaces[i + 1] = False
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for token, space in zip(tokens, spaces, strict=True):
        offsets.append((position, position + len(token)))
        parts.append(token + (" " if space else ""))
        position += len(token) + int(space)
    return Detokenized("".join(parts), tuple(offsets), tuple(spaces))


def char_to_token_span(
    offsets: Sequence[tuple[int, int]], start: int, end: int
) -> TokenSpan | None:
    """The tokens a character range touches, or ``None`` if it touches none."""
    inside = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
    return (inside[0], inside[-1] + 1) if inside else None


# --------------------------------------------------------------------------- scoring


def score_classes(gold: Sequence[int], predicted: Sequence[int]) -> dict[str, float]:
    """PentaClass accuracy, and macro-F1 over the five classes."""
    return {
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted, labels=sorted(PENTACLASS_NAMES)),
    }


def _jaccard(a: TokenSpan, b: TokenSpan) -> float:
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


def span_prf(
    gold: Sequence[set[TokenSpan]], predicted: Sequence[set[TokenSpan]], *, partial: bool
) -> PRF:
    """Micro P/R/F1 of actor spans over sentences.

    Exact: a predicted span matches a gold span with the same token boundaries. Partial:
    spans sharing at least one token match, one-to-one, best token-Jaccard pairs first.
    """
    total = PRF()
    for gold_spans, pred_spans in zip(gold, predicted, strict=True):
        if partial:
            g, p = sorted(gold_spans), sorted(pred_spans)
            tp = len(greedy_match(g, p, _jaccard, 1e-9))
        else:
            tp = len(gold_spans & pred_spans)
        total.add(PRF(tp=tp, fp=len(pred_spans) - tp, fn=len(gold_spans) - tp))
    return total


# --------------------------------------------------------------------------- predictions


def predicted_pentaclass(aligned: AlignedDocument) -> int:
    """newsgraph's PentaClass: the main event's ``quad_class``, else its type's class.

    No asserted event, or a type outside the mapping, gives neutral (0).
    """
    event = main_event(aligned.document)
    if event is None:
        return NEUTRAL
    value = pentaclass(event.type, event.quad_class)
    return NEUTRAL if value is None else value


def predicted_actor_spans(
    aligned: AlignedDocument, detok: Detokenized
) -> dict[str, set[TokenSpan]]:
    """Token spans of the source and target actors of every event of the sentence.

    Each actor contributes its mentions inside the event's evidence span (all of its
    mentions if none is inside). Events of any factuality count: the corpus marks the
    actors of the sentence's event whether or not it happened.
    """
    document = aligned.document
    out: dict[str, set[TokenSpan]] = {"source": set(), "target": set()}
    for event in document.events:
        evidence = (event.evidence.start, event.evidence.end)
        for role, actor_id in (("source", event.source), ("target", event.target)):
            actor = document.actor(actor_id)
            if actor is None:
                continue
            inside = [m for m in actor.mentions if m.start < evidence[1] and m.end > evidence[0]]
            for mention in inside or actor.mentions:
                start, end = aligned.to_raw(mention.start, mention.end)
                span = char_to_token_span(detok.offsets, start, end)
                if span:
                    out[role].add(span)
    out["any"] = out["source"] | out["target"]
    return out


def _chunk_of(token_i: int, chunks: Sequence[Span]) -> TokenSpan:
    for chunk in chunks:
        if chunk.start <= token_i < chunk.end:
            return chunk.start, chunk.end
    return token_i, token_i + 1


def syntactic_spans(doc: Doc) -> dict[str, set[TokenSpan]]:
    """The baseline: per sentence, the root's ``nsubj`` chunk is the source, and its
    ``dobj`` chunk (else the first ``pobj`` of a preposition on the root) the target."""
    chunks = list(doc.noun_chunks)
    out: dict[str, set[TokenSpan]] = {"source": set(), "target": set()}
    for sent in doc.sents:
        root = sent.root
        for child in root.children:
            if child.dep_ == "nsubj":
                out["source"].add(_chunk_of(child.i, chunks))
        objects = [c for c in root.children if c.dep_ == "dobj"]
        if not objects:
            objects = [
                grandchild
                for child in root.children
                if child.dep_ == "prep"
                for grandchild in child.children
                if grandchild.dep_ == "pobj"
            ][:1]
        for obj in objects:
            out["target"].add(_chunk_of(obj.i, chunks))
    out["any"] = out["source"] | out["target"]
    return out


def _parse_tokens(
    nlp: Language, sentences: Iterable[ActorSentence], detoks: Iterable[Detokenized]
) -> Iterator[Doc]:
    """Parse the corpus tokens as they are, so baseline spans are corpus token indices."""
    docs = (
        Doc(nlp.vocab, words=list(s.tokens), spaces=list(d.spaces))
        for s, d in zip(sentences, detoks, strict=True)
    )
    return nlp.pipe(docs)


def _prf_rows(system: str, task: str, exact: PRF, partial: PRF, n: int) -> list[Score]:
    """Exact P/R/F1 and overlap F1 (overlap P/R stay in ``details``)."""
    return [
        Score(task, "precision (exact)", system, round(exact.precision, 4), n),
        Score(task, "recall (exact)", system, round(exact.recall, 4), n),
        Score(task, "F1 (exact)", system, round(exact.f1, 4), n),
        Score(task, "F1 (overlap)", system, round(partial.f1, 4), n),
    ]


# --------------------------------------------------------------------------- scorers


@register(CLASS_DATASET)
def evaluate_pentaclass(ctx: EvalContext) -> EvalResult:
    """Score newsgraph's PentaClass and the train-majority baseline."""
    train = parse_class_tsv(ctx.path(FOLDER, "data", "cameo_class", "train.tsv").read_text("utf-8"))
    name = _split_files(ctx.split)
    items: list[ClassItem] = ctx.take(
        parse_class_tsv(ctx.path(FOLDER, "data", "cameo_class", f"{name}.tsv").read_text("utf-8"))
    )
    gold = [item.label for item in items]
    predicted = [predicted_pentaclass(a) for a in ctx.extract((i.text, None) for i in items)]
    majority = cast(int, majority_label(item.label for item in train))
    scores = []
    for system, labels in ((NEWSGRAPH, predicted), ("majority class", [majority] * len(gold))):
        values = score_classes(gold, labels)
        scores += [
            Score("PentaClass", "accuracy", system, round(values["accuracy"], 4), len(gold)),
            Score("PentaClass", "macro-F1", system, round(values["macro_f1"], 4), len(gold)),
        ]
    confusion: dict[int, dict[int, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, {}).setdefault(p, 0)
        confusion[g][p] += 1
    return EvalResult(
        dataset=CLASS_DATASET,
        split=ctx.split,
        scores=scores,
        details={
            "file": f"cameo_class/{name}.tsv",
            "sentences": len(items),
            "majority_label": majority,
            "gold_labels": dict(sorted(Counter(gold).items())),
            "newsgraph_labels": dict(sorted(Counter(predicted).items())),
            "newsgraph_confusion": {g: confusion[g] for g in sorted(confusion)},
        },
    )


@register(ACTOR_DATASET)
def evaluate_actors(ctx: EvalContext) -> EvalResult:
    """Score newsgraph's event actors and the nsubj/dobj baseline as source/target spans."""
    name = _split_files(ctx.split)
    path: Path = ctx.path(FOLDER, "data", "cameo_ner", f"{name}.txt")
    sentences: list[ActorSentence] = ctx.take(parse_conll(path.read_text(encoding="utf-8")))
    detoks = [detokenize(s.tokens) for s in sentences]

    newsgraph = [
        predicted_actor_spans(aligned, detok)
        for aligned, detok in zip(ctx.extract((d.text, None) for d in detoks), detoks, strict=True)
    ]
    baseline = [syntactic_spans(doc) for doc in _parse_tokens(ctx.bare_nlp, sentences, detoks)]
    baseline_name = BASELINE
    scores: list[Score] = []
    details: dict[str, dict[str, Any]] = {}
    for role in ROLES:
        gold = [s.role_spans(role) for s in sentences]
        n = sum(len(g) for g in gold)
        for system, predictions in ((NEWSGRAPH, newsgraph), (baseline_name, baseline)):
            predicted = [p[role] for p in predictions]
            exact = span_prf(gold, predicted, partial=False)
            partial = span_prf(gold, predicted, partial=True)
            task = "any-role actor span" if role == "any" else f"{role} actor span"
            scores += _prf_rows(system, task, exact, partial, n)
            details.setdefault(role, {})[system] = {
                "exact": exact.as_dict(),
                "overlap": partial.as_dict(),
            }
    tags = Counter(tag for s in sentences for tag, _, _ in s.spans)
    return EvalResult(
        dataset=ACTOR_DATASET,
        split=ctx.split,
        scores=scores,
        details={
            "file": f"cameo_ner/{name}.txt",
            "sentences": len(sentences),
            "gold_spans_by_tag": dict(sorted(tags.items())),
            "reciprocal_rule": "R spans are gold for both source and target; 'any' ignores roles",
            "prf": details,
        },
    )
