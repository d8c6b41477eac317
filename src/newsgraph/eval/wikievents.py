"""WikiEvents: document-level KAIROS events (trigger + arguments) in news cited by Wikipedia.

The corpus annotates triggers and argument entity mentions on tokens; mentions are grouped
into coreference clusters (``coref/<split>.jsonlines``). This scorer measures, on the dev or
test split (20 documents each):

* trigger identification over every gold event, whatever its type;
* trigger classification for the four KAIROS types newsgraph's PLOVER events can express
  (Attack, Die, Injure, Arrest), after mapping them to PLOVER (``KAIROS_TO_PLOVER``);
* argument F1 for the attacker-like, victim/target-like and place roles of those events,
  where a mention of any coreferent entity counts and an argument is credited only when its
  event's trigger matched with the right type.

Layers, so that the arithmetic is unit-tested without the corpus: a reader (``build_text``,
``read_wikievents``), pure scorers over ``GoldEvent`` / ``PredictedEvent``, the conversions
from newsgraph's ``Document`` and from the lexicon baseline, and the registered scorer.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, AlignedDocument, EvalContext, EvalResult, Score, register
from newsgraph.eval.metrics import PRF, greedy_match, overlap

logger = logging.getLogger(__name__)

BASELINE = "lexicon baseline"
"""The ``system`` name of the lexicon baseline's rows."""

SPLITS = ("dev", "test")

Span = tuple[int, int]
"""A [start, end) character span of the corpus text built by ``build_text``."""

ASSAULT = "ASSAULT"
KILLED = "ASSAULT+killed"
INJURED = "ASSAULT+injured"
ARREST = "COERCE+arrest"

KAIROS_TO_PLOVER: dict[str, str] = {
    "Conflict.Attack": ASSAULT,
    "Life.Die": KILLED,
    "Life.Injure": INJURED,
    "Justice.ArrestJailDetain": ARREST,
}
"""KAIROS type (first two parts; every subtype) -> the PLOVER label that expresses it:
an ASSAULT event; an ASSAULT event with a ``killed`` quantity; one with an ``injured`` or
``wounded`` quantity; a COERCE event of mode ``arrest`` (or with an arrested/detained
quantity). Only gold events of these types count for classification and arguments."""

ROLE_SLOTS: dict[str, str] = {
    "Attacker": "source",
    "Killer": "source",
    "Injurer": "source",
    "Jailer": "source",
    "Target": "target",
    "Victim": "target",
    "Detainee": "target",
    "Place": "place",
}
"""Gold argument role (as named in the data) -> the newsgraph event field that fills it."""

SLOT_LABELS = {
    "source": "Attacker (Attacker/Killer/Injurer/Jailer = source)",
    "target": "Victim/Target (Target/Victim/Detainee = target)",
    "place": "Place (place)",
}

LEXICON: dict[str, frozenset[str]] = {
    ASSAULT: frozenset(
        {
            "attack",
            "assault",
            "bomb",
            "bombing",
            "explode",
            "explosion",
            "blast",
            "detonate",
            "shoot",
            "shooting",
            "gunfire",
            "ambush",
            "raid",
            "stab",
            "clash",
        }
    ),
    KILLED: frozenset(
        {"kill", "die", "dead", "death", "murder", "slay", "assassinate", "fatality"}
    ),
    INJURED: frozenset({"injure", "wound", "hurt", "injury"}),
    ARREST: frozenset({"arrest", "detain", "jail", "imprison", "custody", "capture"}),
}
"""Lexicon baseline: trigger words per mapped label, matched on a token's lemma or lower-case
form. Written from the type names and their common verbs, not tuned on either split."""


# --------------------------------------------------------------------------------------------
# Gold and prediction records


@dataclass(frozen=True)
class GoldArgument:
    """One gold argument: its role, the slot it maps to, and every mention of its entity."""

    role: str
    slot: str
    entity: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class GoldEvent:
    """One gold event mention."""

    id: str
    event_type: str
    label: str | None
    trigger: Span
    arguments: tuple[GoldArgument, ...] = ()


@dataclass
class WikiDocument:
    """One document: the text we give the systems and its gold events."""

    doc_id: str
    text: str
    events: list[GoldEvent] = field(default_factory=list)


@dataclass(frozen=True)
class PredictedArgument:
    """A system's argument: the slot it fills and the mentions of its actor or place."""

    slot: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class PredictedEvent:
    """A system's event: its trigger (or evidence) span, mapped labels and arguments.

    ``labels`` pairs each mapped label with the span that supports it: the trigger for the
    event itself, the quantity's span for the killed/injured readings.
    """

    span: Span
    labels: tuple[tuple[str, Span], ...] = ()
    arguments: tuple[PredictedArgument, ...] = ()


# --------------------------------------------------------------------------------------------
# Reader


def kairos_label(event_type: str) -> str | None:
    """The PLOVER label of a KAIROS type ("Life.Die.Unspecified" -> KILLED), or None."""
    return KAIROS_TO_PLOVER.get(".".join(event_type.split(".")[:2]))


def build_text(sentences: Sequence[Any]) -> tuple[str, list[Span]]:
    """Rebuild the document text from the corpus's sentences, and every token's char span.

    The corpus's own ``text`` field glues sentences together without spaces ("said."We"),
    which misleads sentence splitting; its token offsets point into the original text, so
    each sentence is put back at its offset and the gaps filled with spaces (a gap of two or
    more characters with a paragraph break).
    """
    parts: list[str] = []
    tokens: list[Span] = []
    end = 0
    for sentence_tokens, sentence_text in sentences:
        start = int(sentence_tokens[0][1]) if sentence_tokens else end
        gap = start - end
        if gap > 0:
            parts.append(" " if gap == 1 else "\n\n" + " " * (gap - 2))
        elif gap < 0:  # pragma: no cover - the corpus has no overlapping sentences
            start = end
        parts.append(sentence_text)
        for _, token_start, token_end in sentence_tokens:
            shift = start - int(sentence_tokens[0][1])
            tokens.append((int(token_start) + shift, int(token_end) + shift))
        end = start + len(sentence_text)
    return "".join(parts), tokens


def parse_document(record: dict[str, Any], clusters: Sequence[Sequence[str]]) -> WikiDocument:
    """Turn one JSONL record and its coreference clusters into a ``WikiDocument``."""
    text, tokens = build_text(record["sentences"])
    if len(tokens) != len(record["tokens"]):
        raise ConfigError(f"{record['doc_id']}: sentences and tokens disagree")

    def char_span(start: int, end: int) -> Span:
        return tokens[start][0], tokens[end - 1][1]

    mentions = {m["id"]: char_span(m["start"], m["end"]) for m in record["entity_mentions"]}
    cluster_of: dict[str, int] = {}
    for index, cluster in enumerate(clusters):
        for mention in cluster:
            cluster_of[mention] = index
    events = []
    for event in record["event_mentions"]:
        label = kairos_label(event["event_type"])
        arguments = []
        seen: set[tuple[str, str]] = set()
        for argument in event["arguments"]:
            slot = ROLE_SLOTS.get(argument["role"])
            entity_id = argument["entity_id"]
            if slot is None or entity_id not in mentions:
                continue
            if entity_id in cluster_of:
                members = clusters[cluster_of[entity_id]]
                entity = f"cluster-{cluster_of[entity_id]}"
            else:
                members, entity = [entity_id], entity_id
            if (slot, entity) in seen:
                continue
            seen.add((slot, entity))
            spans = tuple(sorted({mentions[m] for m in members if m in mentions}))
            arguments.append(GoldArgument(argument["role"], slot, entity, spans))
        trigger = event["trigger"]
        events.append(
            GoldEvent(
                id=event["id"],
                event_type=event["event_type"],
                label=label,
                trigger=char_span(trigger["start"], trigger["end"]),
                arguments=tuple(arguments),
            )
        )
    return WikiDocument(record["doc_id"], text, events)


def read_wikievents(root: Path, split: str) -> list[WikiDocument]:
    """Read a split's documents with gold events and coreference clusters.

    Raises:
        ConfigError: Unknown split.
    """
    if split not in SPLITS:
        raise ConfigError(f"wikievents has splits {SPLITS}, not {split!r}")
    clusters: dict[str, list[list[str]]] = {}
    with (root / "coref" / f"{split}.jsonlines").open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                record = json.loads(line)
                clusters[record["doc_key"]] = record["clusters"]
    documents = []
    with (root / f"{split}.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                record = json.loads(line)
                documents.append(parse_document(record, clusters.get(record["doc_id"], [])))
    return documents


# --------------------------------------------------------------------------------------------
# Scoring


def _span_overlap(a: Span, b: Span) -> float:
    return float(overlap(a, b))


def identify(gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent]) -> PRF:
    """Trigger identification: one-to-one matching of spans that share a character."""
    pairs = greedy_match([g.trigger for g in gold], [p.span for p in predicted], _span_overlap, 1.0)
    return PRF(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs))


def classify(
    gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent]
) -> tuple[PRF, list[tuple[int, int]]]:
    """Trigger classification over mapped gold events; returns counts and matched pairs.

    For each label, gold events of that label are matched one-to-one with the predicted
    (event, label) readings of that label whose spans overlap; a predicted event may match
    one gold event per label it carries. Pairs are (gold index, predicted index).
    """
    prf = PRF()
    pairs: list[tuple[int, int]] = []
    labels = {g.label for g in gold if g.label} | {lab for p in predicted for lab, _ in p.labels}
    for label in sorted(labels):
        gold_idx = [i for i, g in enumerate(gold) if g.label == label]
        readings = [(i, s) for i, p in enumerate(predicted) for lab, s in p.labels if lab == label]
        matched = greedy_match(
            [gold[i].trigger for i in gold_idx], [s for _, s in readings], _span_overlap, 1.0
        )
        prf.add(PRF(len(matched), len(readings) - len(matched), len(gold_idx) - len(matched)))
        pairs += [(gold_idx[g], readings[p][0]) for g, p in matched]
    return prf, pairs


def _argument_similarity(gold: GoldArgument, predicted: PredictedArgument) -> float:
    hit = any(overlap(g, p) > 0 for g in gold.spans for p in predicted.spans)
    return 1.0 if hit else 0.0


def score_arguments(
    gold: Sequence[GoldEvent],
    predicted: Sequence[PredictedEvent],
    pairs: Sequence[tuple[int, int]],
) -> dict[str, PRF]:
    """Argument counts per slot for events whose trigger matched with the right label.

    Every argument of every predicted (event, label) reading is a prediction; every argument
    of a mapped gold event is a gold item; within a matched pair, arguments of the same slot
    match one-to-one when a predicted mention overlaps a mention of the gold entity's
    coreference cluster.
    """
    counts = {slot: PRF() for slot in SLOT_LABELS}
    for gold_event in gold:
        if gold_event.label:
            for gold_argument in gold_event.arguments:
                counts[gold_argument.slot].fn += 1
    for event in predicted:
        for _ in event.labels:
            for argument in event.arguments:
                counts[argument.slot].fp += 1
    for g, p in pairs:
        for slot, prf in counts.items():
            gold_args = [a for a in gold[g].arguments if a.slot == slot]
            predicted_args = [a for a in predicted[p].arguments if a.slot == slot]
            hits = len(greedy_match(gold_args, predicted_args, _argument_similarity, 1.0))
            prf.tp += hits
            prf.fp -= hits
            prf.fn -= hits
    return counts


@dataclass
class WikiScores:
    """Counts behind every row of the table, for one system."""

    identification: PRF = field(default_factory=PRF)
    classification: PRF = field(default_factory=PRF)
    arguments: dict[str, PRF] = field(default_factory=lambda: {s: PRF() for s in SLOT_LABELS})

    def all_arguments(self) -> PRF:
        """Micro-average over the three slots."""
        total = PRF()
        for prf in self.arguments.values():
            total.add(prf)
        return total


def score_wikievents(
    gold: Sequence[WikiDocument], predicted: Sequence[Sequence[PredictedEvent]]
) -> WikiScores:
    """Score a system's events for every document (``predicted`` in the order of ``gold``)."""
    scores = WikiScores()
    for document, events in zip(gold, predicted, strict=True):
        scores.identification.add(identify(document.events, events))
        mapped = [e for e in events if e.labels]
        prf, pairs = classify(document.events, mapped)
        scores.classification.add(prf)
        for slot, counts in score_arguments(document.events, mapped, pairs).items():
            scores.arguments[slot].add(counts)
    return scores


# --------------------------------------------------------------------------------------------
# Predictions: newsgraph's Document contract and the lexicon baseline


_KILLED_STATUS = frozenset({"killed"})
_INJURED_STATUS = frozenset({"injured", "wounded"})
_ARREST_STATUS = frozenset({"arrested", "detained"})


def events_from_document(aligned: AlignedDocument) -> list[PredictedEvent]:
    """Read events from newsgraph's output, with spans mapped back to the corpus text.

    Every event is a trigger candidate (its ``trigger`` span, or its ``evidence`` span when
    the trigger is null). ASSAULT events read as Attack, and as Die / Injure once per
    killed / injured-or-wounded quantity (supported by the quantity's span when it has one);
    COERCE events of mode arrest, or with an arrested/detained quantity, read as Arrest.
    Arguments: the source actor, the target actor and the place, with all their mentions.
    """
    document = aligned.document
    events = []
    for event in document.events:
        anchor = event.trigger or event.evidence
        span = aligned.to_raw(anchor.start, anchor.end)
        labels: list[tuple[str, Span]] = []
        if event.type == "ASSAULT":
            labels.append((ASSAULT, span))
            for quantity in event.quantities:
                status = (quantity.status or "").lower()
                label = (
                    KILLED
                    if status in _KILLED_STATUS
                    else INJURED
                    if status in _INJURED_STATUS
                    else None
                )
                if label:
                    where = (
                        aligned.to_raw(quantity.span.start, quantity.span.end)
                        if quantity.span
                        else span
                    )
                    if (label, where) not in labels:
                        labels.append((label, where))
        elif event.type == "COERCE" and (
            (event.mode or "").lower() == "arrest"
            or any((q.status or "").lower() in _ARREST_STATUS for q in event.quantities)
        ):
            labels.append((ARREST, span))
        arguments = []
        for slot, mentions in (
            ("source", a.mentions if (a := document.actor(event.source)) else []),
            ("target", a.mentions if (a := document.actor(event.target)) else []),
            ("place", p.mentions if (p := document.place(event.place)) else []),
        ):
            if mentions:
                spans = tuple(aligned.to_raw(m.start, m.end) for m in mentions)
                arguments.append(PredictedArgument(slot, spans))
        events.append(PredictedEvent(span, tuple(labels), tuple(arguments)))
    return events


def lexicon_events(doc: Doc) -> list[PredictedEvent]:
    """Lexicon baseline over a bare spaCy parse: one event per trigger word.

    A token whose lemma or lower-case form is in ``LEXICON`` is a trigger of that label.
    Arguments come from the dependency parse: ``nsubj`` -> source; ``dobj`` and
    ``nsubjpass`` -> target; each spans the dependent's left edge to the dependent itself.
    """
    events = []
    for token in doc:
        forms = {token.lemma_.lower(), token.lower_}
        label = next((lab for lab, words in LEXICON.items() if forms & words), None)
        if label is None:
            continue
        span = (token.idx, token.idx + len(token.text))
        arguments = []
        for child in token.children:
            slot = (
                "source"
                if child.dep_ == "nsubj"
                else "target"
                if child.dep_ in ("dobj", "nsubjpass")
                else None
            )
            if slot:
                extent = (child.left_edge.idx, child.idx + len(child.text))
                arguments.append(PredictedArgument(slot, (extent,)))
        events.append(PredictedEvent(span, ((label, span),), tuple(arguments)))
    return events


def run_lexicon(nlp: Language, texts: Iterable[str]) -> list[list[PredictedEvent]]:
    """Run the lexicon baseline over texts in one spaCy stream."""
    return [lexicon_events(doc) for doc in nlp.pipe(texts)]


# --------------------------------------------------------------------------------------------
# The registered scorer


def _rows(system: str, scores: WikiScores, gold: Sequence[WikiDocument]) -> list[Score]:
    """Table rows of one system."""
    n_events = sum(len(d.events) for d in gold)
    n_mapped = sum(1 for d in gold for e in d.events if e.label)
    n_args = {
        slot: sum(
            1 for d in gold for e in d.events if e.label for a in e.arguments if a.slot == slot
        )
        for slot in SLOT_LABELS
    }
    rows = []
    for task, prf, n in (
        ("trigger identification (all types)", scores.identification, n_events),
        ("trigger classification (Attack/Die/Injure/Arrest)", scores.classification, n_mapped),
        ("arguments (all three slots)", scores.all_arguments(), sum(n_args.values())),
    ):
        rows += [
            Score(task, "precision", system, prf.precision, n),
            Score(task, "recall", system, prf.recall, n),
            Score(task, "F1", system, prf.f1, n),
        ]
    for slot, label in SLOT_LABELS.items():
        rows.append(
            Score(f"argument: {label}", "F1", system, scores.arguments[slot].f1, n_args[slot])
        )
    return rows


def _details(scores: WikiScores) -> dict[str, Any]:
    return {
        "identification": scores.identification.as_dict(),
        "classification": scores.classification.as_dict(),
        "arguments": {slot: prf.as_dict() for slot, prf in scores.arguments.items()},
    }


@register("wikievents")
def evaluate_wikievents(ctx: EvalContext) -> EvalResult:
    """Score newsgraph and the lexicon baseline on WikiEvents (dev or test)."""
    root = ctx.path("wikievents", "data", "wikievents")
    gold = ctx.take(read_wikievents(root, ctx.split))
    logger.info("wikievents %s: %d documents", ctx.split, len(gold))

    newsgraph_events = [events_from_document(a) for a in ctx.extract((d.text, None) for d in gold)]
    baseline_events = run_lexicon(ctx.bare_nlp, (d.text for d in gold))
    newsgraph = score_wikievents(gold, newsgraph_events)
    baseline = score_wikievents(gold, baseline_events)

    labels: dict[str, int] = {}
    for document in gold:
        for event in document.events:
            if event.label:
                labels[event.label] = labels.get(event.label, 0) + 1
    details = {
        "documents": len(gold),
        "gold_events": sum(len(d.events) for d in gold),
        "gold_mapped_events": labels,
        "predicted_events": {
            NEWSGRAPH: sum(len(p) for p in newsgraph_events),
            BASELINE: sum(len(p) for p in baseline_events),
        },
        NEWSGRAPH: _details(newsgraph),
        BASELINE: _details(baseline),
    }
    scores = _rows(NEWSGRAPH, newsgraph, gold) + _rows(BASELINE, baseline, gold)
    return EvalResult(dataset="wikievents", split=ctx.split, scores=scores, details=details)
