"""PLOVER gold-standard records: event type and source/target actors of single sentences.

The OEDA's PLOVER GSR file holds 322 edited example sentences from the CAMEO manual, each
coded with one event (an old PLOVER label), its source and target actors (text, country or
IGO code, sector) and sometimes a location and casualty counts. It is the one corpus that
scores "who did what to whom" with actor codes, so it measures the event-type classifier
and the actor coder together.

The file has no split: records are split once by the parity of the number that ends their
id (even = dev, odd = test). Old labels are mapped to today's 16 types through
``labels.plover_from_old``.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import permutations
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, AlignedDocument, EvalContext, EvalResult, Score, register
from newsgraph.eval.labels import plover_from_old
from newsgraph.eval.metrics import accuracy, macro_f1, majority_label, overlap
from newsgraph.model.document import Document, Event, Factuality

logger = logging.getLogger(__name__)

DATASET = "plover-gsr"
FOLDER = "plover_gsr_cameo"
RECORDS_FILE = ("gold_standard_records", "PLOVER_GSR_CAMEO.txt")
MAPPING_FILE = "CAMEO2PLOVER-2021.txt"

NO_EVENT = "NONE"
"""The predicted label of a sentence with no asserted event (always wrong)."""

ROLES = ("source", "target")

CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
"""Gold country codes that are not ISO 3166-1 alpha-3 (the GSR readme says they all should be):
Japan, Italy and Vietnam are each misspelt in a few records."""

GENERIC_PRIMARY = frozenset({"IGO", "NGO"})
"""Gold primary codes that name a class of organisation, not the organisation: the GSR codes
the UN, the EC and the Arab League all ``IGO``, where CAMEO (and newsgraph) write the
organisation after the class (IGOUNO, IGOEUREEC, IGOARBARL)."""

SECTOR_CODES = frozenset(
    {"MIL", "COP", "CVL", "REB", "OPP", "JUD", "LEG", "MED", "BUS", "REF", "EDU", "SPY", "GOV"}
)
"""CAMEO sector codes that can end an organisation's code (IGOUNOMIL: UN troops)."""

NO_SECTOR = {"", "***"}
"""Gold sectors that mean "no sector given"."""

BEST_PUBLISHED_MACRO_F1 = 0.52
BEST_PUBLISHED_NOTE = (
    "NGEC demo event classifiers (Halterman et al. 2023, 'Creating Custom Event Data Without "
    "Dictionaries: A Bag-of-Tricks'); measured on other data, not on this GSR"
)

_FUZZY_MIN_SCORE = 60.0
"""Minimum rapidfuzz alignment score for locating an actorText not found verbatim."""


@dataclass(frozen=True)
class GoldActor:
    """One gold actor: its text, primary code (country ISO3 or IGO/NGO...) and sector."""

    text: str
    code: str
    sector: str | None = None
    span: tuple[int, int] | None = None

    @property
    def full_code(self) -> str:
        """Primary code plus the primary (first three letters of the) sector, e.g. USAGOV."""
        return self.code + (self.sector or "")


@dataclass(frozen=True)
class GsrRecord:
    """One gold-standard sentence with its (mapped) event type and actors."""

    id: str
    number: int
    text: str
    label: str
    old_label: str
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()
    reciprocal: bool = False


@dataclass(frozen=True)
class PredActor:
    """What a system says about one actor of the chosen event: code, country, mention spans."""

    code: str | None = None
    country: str | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class GsrPrediction:
    """A system's answer for one sentence: the event type and its source and target."""

    label: str = NO_EVENT
    source: PredActor | None = None
    target: PredActor | None = None


@dataclass
class SlotCount:
    """Correct and total actor slots for one role."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        """correct / total, 0 without slots."""
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class LexiconEntry:
    """One row of the CAMEO->PLOVER table: code, PLOVER type and the CAMEO description."""

    code: str
    label: str
    description: str


@dataclass
class Lexicon:
    """Verb lemma -> PLOVER type, with the vote counts behind each choice."""

    types: dict[str, str]
    votes: dict[str, dict[str, int]] = field(default_factory=dict)


# --------------------------------------------------------------------------- reading


def _locate(text: str, actor_text: str) -> tuple[int, int] | None:
    """Find an actor's text in the sentence: verbatim, case-insensitive, then fuzzy.

    About one gold actorText in fifteen is not a substring of the sentence (the markup was
    edited: "U.S. ... negotiators"), so a fuzzy alignment recovers its approximate place.
    """
    if not actor_text:
        return None
    start = text.find(actor_text)
    if start < 0:
        start = text.lower().find(actor_text.lower())
    if start >= 0:
        return start, start + len(actor_text)
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(actor_text.lower(), text.lower())
    if alignment is None or alignment.score < _FUZZY_MIN_SCORE:
        return None
    return alignment.dest_start, alignment.dest_end


def _actors(value: Any, text: str) -> tuple[GoldActor, ...]:
    """Parse a ``source`` or ``target`` field (a list of actor dicts, or junk such as "")."""
    if not isinstance(value, list):
        return ()
    actors = []
    for item in value:
        if not isinstance(item, dict) or not item.get("code"):
            continue
        code = str(item["code"]).strip().upper()
        code = CODE_FIXES.get(code, code)
        raw_sector = str(item.get("sector") or "").strip()
        sector = None if raw_sector in NO_SECTOR else raw_sector[:3].upper()
        actor_text = str(item.get("actorText") or "").strip()
        actors.append(GoldActor(actor_text, code, sector, _locate(text, actor_text)))
    return tuple(actors)


def _record_number(record_id: str) -> int:
    match = re.search(r"(\d+)$", record_id)
    if not match:
        raise ValueError(f"record id {record_id!r} does not end in a number")
    return int(match.group(1))


def parse_records(data: list[dict[str, Any]]) -> list[GsrRecord]:
    """Turn the GSR JSON array into records, skipping documentation and unmappable entries.

    A record is reciprocal when its markup tags an actor ``SRC/TAR`` (CAMEO's reciprocal
    events, e.g. two governments agreeing): then the gold actors may fill either role.
    """
    records = []
    for item in data:
        old = str(item.get("event") or "")
        label = plover_from_old(old)
        text = item.get("text")
        if label is None or not isinstance(text, str) or not text.strip():
            if old != "DOCUMENT":
                logger.warning("skipping GSR record %s (%s)", item.get("id"), old)
            continue
        info = item.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        records.append(
            GsrRecord(
                id=str(item["id"]),
                number=_record_number(str(item["id"])),
                text=text,
                label=label,
                old_label=old,
                sources=_actors(item.get("source"), text),
                targets=_actors(item.get("target"), text),
                reciprocal="SRC/TAR" in markup,
            )
        )
    return records


def read_records(path: Path) -> list[GsrRecord]:
    """Read ``PLOVER_GSR_CAMEO.txt`` (a JSON array despite its extension)."""
    return parse_records(json.loads(path.read_text(encoding="utf-8")))


def split_records(records: Iterable[GsrRecord], split: str) -> list[GsrRecord]:
    """Even record numbers are dev, odd ones test (the GSR has no split of its own).

    Raises:
        ConfigError: ``split`` is neither dev nor test.
    """
    if split not in ("dev", "test"):
        raise ConfigError(f"{DATASET} has only dev and test splits, not {split!r}")
    parity = 0 if split == "dev" else 1
    return [r for r in records if r.number % 2 == parity]


# --------------------------------------------------------------------------- scoring


def score_types(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Event-type accuracy and macro-F1 over the gold labels present (NONE is never gold)."""
    return {"accuracy": accuracy(gold, predicted), "macro_f1": macro_f1(gold, predicted)}


def _predicted_country(actor: PredActor) -> str | None:
    if actor.country:
        return actor.country.upper()
    return actor.code[:3].upper() if actor.code else None


def country_match(gold: GoldActor, predicted: PredActor | None) -> bool:
    """The predicted actor's country (or its code's first three letters) is the gold code."""
    return predicted is not None and _predicted_country(predicted) == gold.code


def code_match(gold: GoldActor, predicted: PredActor | None) -> bool:
    """The predicted code, cut to primary + first sector (six letters), equals the gold one.

    A gold actor without a sector ("United States" -> USA) needs a bare three-letter code.
    A gold ``IGO``/``NGO`` names only the class of organisation, so any code of that class
    matches it (IGOUNO for the UN: the codes that follow IGO name organisations and
    regions, which the gold does not give); with a sector ("UN peacekeepers", IGO + MIL) the
    predicted code must also end in that sector (IGOUNOMIL), and the bare organisation
    (IGOUNO) does not.
    """
    if predicted is None or not predicted.code:
        return False
    code = predicted.code.strip().upper()
    if gold.code in GENERIC_PRIMARY:
        if not code.startswith(gold.code):
            return False
        if gold.sector == "GOV":
            # the organisation acting as itself (the Security Council, its secretary
            # general): CAMEO writes the bare organisation code, IGOUNO
            return code.endswith("GOV") or code[-3:] not in SECTOR_CODES
        return code.endswith(gold.sector) if gold.sector else True
    return code[:6] == gold.full_code


def text_match(gold: GoldActor, predicted: PredActor | None) -> bool:
    """Some mention of the predicted actor overlaps the gold actorText by a character."""
    if predicted is None or gold.span is None:
        return False
    return any(overlap(gold.span, span) > 0 for span in predicted.spans)


Matcher = Callable[[GoldActor, PredActor | None], bool]


def score_actor_slots(
    records: Sequence[GsrRecord],
    predictions: Sequence[GsrPrediction],
    matcher: Matcher,
) -> dict[str, SlotCount]:
    """Accuracy of the predicted source and target actors, one slot per gold role.

    A slot is a (record, role) whose gold actor list is not empty; it is correct when the
    predicted actor of that role matches any gold actor of the role (compound actors such as
    "Hungarian and Romanian officials" list several). For reciprocal records (``SRC/TAR``)
    the two gold actors form an unordered dyad: both roles are slots, and the better of the
    two assignments of gold actors to roles counts.
    """
    counts = {role: SlotCount() for role in ROLES}
    for record, prediction in zip(records, predictions, strict=True):
        if record.reciprocal and len(record.sources + record.targets) >= 2:
            pool = record.sources + record.targets
            best = (False, False)
            for gold_source, gold_target in permutations(pool, 2):
                hits = (
                    matcher(gold_source, prediction.source),
                    matcher(gold_target, prediction.target),
                )
                if sum(hits) > sum(best):
                    best = hits
            for role, hit in zip(ROLES, best, strict=True):
                counts[role].total += 1
                counts[role].correct += int(hit)
            continue
        for role, gold_actors, predicted in (
            ("source", record.sources, prediction.source),
            ("target", record.targets, prediction.target),
        ):
            if not gold_actors:
                continue
            counts[role].total += 1
            counts[role].correct += int(any(matcher(g, predicted) for g in gold_actors))
    return counts


# --------------------------------------------------------------------------- baselines


def parse_mapping(text: str) -> list[LexiconEntry]:
    """Read the rows ``code: TYPE, mode, context # description`` of the CAMEO->PLOVER table.

    Root headings without a description ("03: AGREE") are skipped, and so are editorial notes
    after a run of spaces in a description ("Ease curfew  21.09.17: ...").
    """
    entries = []
    for line in text.splitlines():
        match = re.match(r"^\s*(\d{2,4})\s*:\s*([A-Z]+)\s*,[^#]*#\s*(.+?)\s*$", line)
        if not match:
            continue
        description = re.split(r"\s{2,}", match.group(3))[0].strip()
        entries.append(LexiconEntry(match.group(1), match.group(2), description))
    return entries


def _description_lemmas(doc: Doc) -> list[str]:
    """Verb lemmas of a CAMEO description: the first word (an imperative) and every VERB.

    Fragments shorter than three letters ("de" of "de-escalate") are dropped.
    """
    lemmas = []
    for token in doc:
        first = token.i == 0 and token.pos_ not in ("ADV", "PUNCT", "ADP", "DET")
        if first or token.pos_ == "VERB":
            lemma = token.lemma_.lower()
            if lemma.isalpha() and len(lemma) > 2:
                lemmas.append(lemma)
    return lemmas


def build_lexicon(entries: Sequence[LexiconEntry], nlp: Language) -> Lexicon:
    """Map each verb lemma of the table's descriptions to the PLOVER type most rows give it.

    Descriptions are lower-cased before tagging, so "Praise or endorse" and "REQUEST" are
    read as words, not names. Ties go to the type met first in the file.
    """
    votes: dict[str, Counter[str]] = {}
    descriptions = [e.description.lower() for e in entries]
    for entry, doc in zip(entries, nlp.pipe(descriptions), strict=True):
        label = plover_from_old(entry.label)
        if label is None:
            continue
        for lemma in dict.fromkeys(_description_lemmas(doc)):
            votes.setdefault(lemma, Counter())[label] += 1
    types = {lemma: counter.most_common(1)[0][0] for lemma, counter in votes.items()}
    return Lexicon(types=types, votes={k: dict(v) for k, v in votes.items()})


def lexicon_predict(doc: Doc, lexicon: Lexicon) -> str:
    """The type of the first verb lemma found in the lexicon: sentence roots first.

    Candidates are each sentence's root (in order), then every other VERB token in order;
    the first whose lemma is in the lexicon decides. No match gives ``NONE``.
    """
    roots = [sent.root for sent in doc.sents]
    others = [t for t in doc if t.pos_ == "VERB" and t not in roots]
    for token in roots + others:
        label = lexicon.types.get(token.lemma_.lower())
        if label:
            return label
    return NO_EVENT


# --------------------------------------------------------------------------- newsgraph


def main_event(document: Document) -> Event | None:
    """The sentence's event for single-label scoring: the most confident asserted one.

    Ties keep the first event in document order. Without an asserted event, the most
    confident future or hypothetical one stands in: every GSR record codes one event, and
    CAMEO codes announced and attempted acts ("will extend the curfew", "has tried to hack
    into") as the act, so an intended event is the sentence's answer rather than none. A
    negated event ("did not attack") never counts: the sentence says it did not happen.
    """
    asserted = [e for e in document.events if e.factuality == Factuality.asserted]
    if not asserted:
        asserted = [e for e in document.events if e.factuality != Factuality.negated]
    if not asserted:
        return None
    return max(asserted, key=lambda e: e.confidence)  # max keeps the first of equals


def _pred_actor(aligned: AlignedDocument, actor_id: str | None) -> PredActor | None:
    actor = aligned.document.actor(actor_id)
    if actor is None:
        return None
    spans = tuple(aligned.to_raw(m.start, m.end) for m in actor.mentions)
    return PredActor(code=actor.code, country=actor.country, spans=spans)


def prediction_from_document(aligned: AlignedDocument) -> GsrPrediction:
    """Read newsgraph's answer for one sentence from the ``Document`` contract only."""
    event = main_event(aligned.document)
    if event is None:
        return GsrPrediction()
    label = plover_from_old(event.type) or event.type.upper()
    return GsrPrediction(
        label=label,
        source=_pred_actor(aligned, event.source),
        target=_pred_actor(aligned, event.target),
    )


def _type_rows(system: str, gold: Sequence[str], predicted: Sequence[str]) -> list[Score]:
    scores = score_types(gold, predicted)
    n = len(gold)
    return [
        Score("event type", "accuracy", system, round(scores["accuracy"], 4), n),
        Score("event type", "macro-F1", system, round(scores["macro_f1"], 4), n),
    ]


def _confusion(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = {}
    for g, p in zip(gold, predicted, strict=True):
        table.setdefault(g, Counter())[p] += 1
    return {g: dict(c.most_common()) for g, c in sorted(table.items())}


@register(DATASET)
def evaluate(ctx: EvalContext) -> EvalResult:
    """Score newsgraph, a majority-class and a verb-lemma-lexicon baseline on the GSR."""
    folder = ctx.path(FOLDER)
    records = read_records(ctx.path(FOLDER, *RECORDS_FILE))
    dev = split_records(records, "dev")
    items: list[GsrRecord] = ctx.take(split_records(records, ctx.split))
    gold = [r.label for r in items]

    predictions = [
        prediction_from_document(aligned) for aligned in ctx.extract((r.text, None) for r in items)
    ]
    ng_labels = [p.label for p in predictions]

    majority = str(majority_label(r.label for r in dev))
    lexicon = build_lexicon(
        parse_mapping((folder / MAPPING_FILE).read_text(encoding="utf-8")), ctx.bare_nlp
    )
    lex_labels = [lexicon_predict(doc, lexicon) for doc in ctx.bare_nlp.pipe(r.text for r in items)]

    scores = _type_rows(NEWSGRAPH, gold, ng_labels)
    scores += _type_rows("majority class", gold, [majority] * len(gold))
    scores += _type_rows("verb-lemma lexicon", gold, lex_labels)
    scores.append(
        Score(
            "event type",
            "macro-F1",
            "best published",
            BEST_PUBLISHED_MACRO_F1,
            None,
            BEST_PUBLISHED_NOTE,
        )
    )
    actor_details: dict[str, dict[str, Any]] = {}
    for metric, matcher in (
        ("country accuracy", country_match),
        ("code accuracy", code_match),
        ("text overlap accuracy", text_match),
    ):
        counts = score_actor_slots(items, predictions, matcher)
        for role in ROLES:
            count = counts[role]
            scores.append(
                Score(f"{role} actor", metric, NEWSGRAPH, round(count.accuracy, 4), count.total)
            )
            actor_details.setdefault(role, {})[metric] = {
                "correct": count.correct,
                "total": count.total,
            }
    return EvalResult(
        dataset=DATASET,
        split=ctx.split,
        scores=scores,
        details={
            "records": len(items),
            "split_rule": "record id number parity: even = dev, odd = test",
            "majority_label": majority,
            "gold_labels": dict(Counter(gold).most_common()),
            "newsgraph_no_event": sum(1 for p in ng_labels if p == NO_EVENT),
            "newsgraph_confusion": _confusion(gold, ng_labels),
            "lexicon_size": len(lexicon.types),
            "lexicon_no_match": sum(1 for p in lex_labels if p == NO_EVENT),
            "lexicon_confusion": _confusion(gold, lex_labels),
            "actors": actor_details,
            "reciprocal_records": sum(1 for r in items if r.reciprocal),
        },
    )
