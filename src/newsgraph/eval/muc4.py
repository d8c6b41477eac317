"""MUC-4: terrorism and political-violence incident templates (perpetrator, target, counts...).

The gold standard is the original MUC-3/4 answer keys (``key-tst3``, ``key-tst4`` for the
reported test split, ``key-dev-0001`` for the development slice); the input texts are the
lower-cased GTT ``processed/*.json`` documents, aligned with the keys by message id
(``TST3-MUC4-0001``). Lower-case input is kept on purpose: it is a robustness test for the
spaCy NER that newsgraph builds on.

The module has three layers so that the arithmetic is unit-tested without the corpus:

* a reader (``parse_key_file``, ``read_muc``) that turns answer keys into ``GoldIncident``s;
* pure scorers (``score_muc`` and its helpers) over ``GoldIncident`` / ``PredictedIncident``;
* the registered scorer that runs newsgraph and the keyword baseline and builds the table.

Predictions are read only from the public ``Document`` contract: an incident is an event of
PLOVER type ASSAULT or COERCE (not negated); the perpetrator is its source actor, the
target/victim its target actor, the counts its ``killed`` / ``injured`` quantities, the date
its ``date.value`` and the location its place name.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import product
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, EvalContext, EvalResult, Score, register
from newsgraph.eval.metrics import PRF, greedy_match
from newsgraph.model.document import ActorKind, Document, Event, Factuality

logger = logging.getLogger(__name__)

BASELINE = "keyword baseline"
"""The ``system`` name of the keyword baseline's rows."""

DEV_DOCS = 100
"""``--split dev`` scores the first this-many DEV documents (DEV-MUC3-0001 to 0100)."""

INCIDENT_TYPE_TO_PLOVER: dict[str, str] = {
    "ATTACK": "ASSAULT",
    "BOMBING": "ASSAULT",
    "KIDNAPPING": "ASSAULT",
    "HIJACKING": "ASSAULT",
    "ARSON": "ASSAULT",
    "ROBBERY": "COERCE",
    "FORCED WORK STOPPAGE": "COERCE",
}
"""MUC-4 incident type -> PLOVER event type, after CAMEO2PLOVER-2021: bombings (183), abduction
and hijacking (181) and destruction of property (1712) are ASSAULT; seizing property (171) and
restricting movement or work (172/191) are COERCE."""

INCIDENT_EVENT_TYPES = frozenset(INCIDENT_TYPE_TO_PLOVER.values())
"""PLOVER event types that count as MUC incidents in newsgraph's output."""

ROLES = ("perp_individual", "perp_organization", "physical_target", "human_target")
"""The four MUC-4 string-fill roles scored here, as ``GoldIncident`` attribute names."""

ROLE_GROUPS: dict[str, tuple[str, ...]] = {
    "perpetrator individual": ("perp_individual",),
    "perpetrator organization": ("perp_organization",),
    "perpetrator (either)": ("perp_individual", "perp_organization"),
    "physical target": ("physical_target",),
    "human target / victim": ("human_target",),
    "target (either)": ("physical_target", "human_target"),
}
"""Table row -> roles pooled for it. The "(either)" rows do not depend on how a predicted
actor's kind routes it to the individual/organization or physical/human role."""

MICRO_ROLES = (
    "perpetrator individual",
    "perpetrator organization",
    "physical target",
    "human target / victim",
)
"""The four MUC-4 roles pooled in the micro-averaged row."""

OPEN_DATE_WINDOW = timedelta(days=31)
"""A key date "- 21 JAN 89" means "on or before"; we accept this many days before it."""

_MONTHS = {name.upper(): i for i, name in enumerate(calendar.month_abbr) if name}
_ARTICLES = frozenset({"the", "a", "an"})
_HEAD_STOP = frozenset(
    {"of", "in", "from", "at", "on", "for", "with", "by", "to", "who", "which", "that", "and"}
)
_SLOT_LINE = re.compile(r"^\s*(\d{1,2})\.\s+(\S+(?: \S+)*?)(?:\s{2,}(.*?))?\s*$")
_DOC_ID = re.compile(r"^((?:DEV-MUC3|TST\d-MUC\d)-\d{4})\b")
_DATELINE_DATE = re.compile(r",\s*(\d{1,2}) ([A-Z]{3}) (\d{2})\b")
_KEY_DATE = re.compile(r"(?:(\d{1,2})\s+)?([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2}(?:\d{2})?)\b")


# --------------------------------------------------------------------------------------------
# Gold and prediction records


@dataclass(frozen=True)
class GoldEntity:
    """One gold role filler: every acceptable string for it (normalised)."""

    names: frozenset[str]
    optional: bool = False


@dataclass(frozen=True)
class DateRange:
    """A key date: on a day (start == end), between two days, or on/before a day (no start)."""

    start: date | None
    end: date

    def contains(self, day: date) -> bool:
        """Tell whether ``day`` satisfies the key (open ranges reach ``OPEN_DATE_WINDOW`` back)."""
        start = self.start if self.start is not None else self.end - OPEN_DATE_WINDOW
        return start <= day <= self.end


@dataclass(frozen=True)
class GoldIncident:
    """One answer-key template, reduced to what this scorer compares."""

    template: int
    optional: bool
    muc_types: tuple[str, ...]
    types: frozenset[str]
    dates: tuple[DateRange, ...] = ()
    locations: tuple[str, ...] = ()
    perp_individual: tuple[GoldEntity, ...] = ()
    perp_organization: tuple[GoldEntity, ...] = ()
    physical_target: tuple[GoldEntity, ...] = ()
    human_target: tuple[GoldEntity, ...] = ()
    killed: frozenset[int] = frozenset()
    injured: frozenset[int] = frozenset()


@dataclass
class MucDocument:
    """One message: its (lower-cased) text, dateline date and gold incidents."""

    doc_id: str
    text: str
    published: date | None
    incidents: list[GoldIncident] = field(default_factory=list)


@dataclass(frozen=True)
class PredictedIncident:
    """One incident a system reported, as plain strings and numbers."""

    type: str
    perp_individual: tuple[str, ...] = ()
    perp_organization: tuple[str, ...] = ()
    physical_target: tuple[str, ...] = ()
    human_target: tuple[str, ...] = ()
    date: str | None = None
    location: str | None = None
    killed: int | None = None
    injured: int | None = None


# --------------------------------------------------------------------------------------------
# String normalisation and matching


def normalise(text: str) -> str:
    """Lower-case, drop bracketed asides, punctuation and leading articles.

    Bracketed parts go because the keys write acronyms as "[MNR]" while the processed texts
    write "(mnr)", and the keys list the acronym as its own alternative anyway.
    """
    text = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text.lower())
    text = re.sub(r"'s\b", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def head_word(name: str) -> str:
    """The head of a normalised noun phrase: its last word before a preposition or clause."""
    words = name.split()
    for index, word in enumerate(words):
        if index and word in _HEAD_STOP:
            words = words[:index]
            break
    return words[-1] if words else ""


def name_similarity(entity: GoldEntity, predicted: str) -> float:
    """2 for an exact (normalised) match with an alternative, 1 for a head-word match, else 0."""
    if not predicted:
        return 0.0
    if predicted in entity.names:
        return 2.0
    head = head_word(predicted)
    return 1.0 if head and head in {head_word(n) for n in entity.names} else 0.0


def match_entities(gold: Sequence[GoldEntity], predicted: Iterable[str]) -> PRF:
    """Match predicted strings one-to-one to gold entities (exact first, then head word).

    A matched optional entity is a true positive; an unmatched one is not a false negative.
    """
    strings = sorted({s for s in (normalise(p) for p in predicted) if s})
    pairs = greedy_match(gold, strings, name_similarity, 1.0)
    matched = {g for g, _ in pairs}
    missed = sum(1 for i, g in enumerate(gold) if i not in matched and not g.optional)
    return PRF(tp=len(pairs), fp=len(strings) - len(pairs), fn=missed)


def merge_entities(entities: Iterable[GoldEntity]) -> list[GoldEntity]:
    """Merge the same filler repeated in several templates of a message.

    Two entities are the same when one's strings are a subset of the other's. Merely sharing
    a string is not enough: the keys give several named victims the same description
    ("PRIEST"), and chaining on it would fold distinct people into one. The merged entity is
    optional only when every occurrence was.
    """
    merged: list[GoldEntity] = []
    for entity in entities:
        for index, other in enumerate(merged):
            if other.names <= entity.names or entity.names <= other.names:
                merged[index] = GoldEntity(
                    other.names | entity.names, other.optional and entity.optional
                )
                break
        else:
            merged.append(entity)
    return merged


def parse_iso_day(value: str | None) -> date | None:
    """Return the day of an ISO value ("1989-11-16", "1989-11-16T10:00"), None when coarser."""
    if not value:
        return None
    found = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def date_matches(gold: Sequence[DateRange], predicted: str | None) -> bool:
    """Tell whether a predicted ISO day falls in one of the key's date alternatives."""
    day = parse_iso_day(predicted)
    return day is not None and any(r.contains(day) for r in gold)


def location_matches(gold: Sequence[str], predicted: str | None) -> bool:
    """Tell whether a predicted place name appears, as whole words, in a key location."""
    name = normalise(predicted or "")
    return bool(name) and any(f" {name} " in f" {g} " for g in gold)


# --------------------------------------------------------------------------------------------
# Answer-key parsing


@dataclass(frozen=True)
class Filler:
    """One line of a key slot: its alternatives, the strings it cross-references, optionality."""

    values: tuple[str, ...]
    refs: tuple[str, ...] = ()
    optional: bool = False


def _tokens(text: str) -> list[tuple[str, str]]:
    """Split a filler into quoted strings (Q), bare words (W), slashes and colons."""
    tokens: list[tuple[str, str]] = []
    buffer: list[str] = []

    def flush() -> None:
        word = "".join(buffer).strip()
        if word:
            tokens.append(("W", word))
        buffer.clear()

    i = 0
    while i < len(text):
        char = text[i]
        if char == '"':
            flush()
            j, chars = i + 1, []
            while j < len(text) and text[j] != '"':
                if text[j] == "\\" and j + 1 < len(text):
                    chars.append(text[j + 1])
                    j += 2
                    continue
                chars.append(text[j])
                j += 1
            tokens.append(("Q", "".join(chars)))
            i = j + 1
        elif char in "/:":
            flush()
            tokens.append((char, char))
            i += 1
        else:
            buffer.append(char)
            i += 1
    flush()
    return tokens


def parse_filler(text: str) -> Filler:
    """Parse one filler: ``? "A" / "B"``, ``DEATH: "X" / "Y"``, ``"DESC": "NAME"``, ``6``...

    The last colon followed only by quoted strings separates the filler from the strings it
    cross-references; slashes before it separate alternatives, slashes after it alternatives
    of the referenced string.
    """
    text = text.strip()
    optional = text.startswith("?")
    if optional:
        text = text[1:].strip()
    tokens = _tokens(text)
    cut = len(tokens)
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index][0] == ":":
            if all(kind in ("Q", "/") for kind, _ in tokens[index + 1 :]):
                cut = index
            break
    values: list[str] = []
    current: list[str] = []
    for kind, value in [*tokens[:cut], ("/", "/")]:
        if kind == "/":
            alternative = " ".join(current).strip().lstrip("?").strip()
            if alternative:
                values.append(alternative)
            current = []
        else:
            current.append(value)
    refs = tuple(value for kind, value in tokens[cut + 1 :] if kind == "Q")
    return Filler(tuple(values), refs, optional)


def parse_date_slot(lines: Sequence[str]) -> tuple[DateRange, ...]:
    """Parse INCIDENT: DATE: ``16 NOV 89``, ``- 21 JAN 89``, ``15 JAN 89 - 21 JAN 89``, ...

    Alternatives are slash-separated (optionally parenthesised); a month without a day
    stands for the whole month; a date without a year is dropped.
    """
    ranges: list[DateRange] = []
    for line in lines:
        for alternative in line.split("/"):
            text = alternative.strip().strip("()?").strip()
            days: list[tuple[date, date]] = []
            for found in _KEY_DATE.finditer(text):
                month = _MONTHS.get(found[2].upper())
                if month is None:
                    continue
                year = int(found[3])
                year = year + 1900 if year < 100 else year
                if found[1]:
                    try:
                        day = date(year, month, int(found[1]))
                    except ValueError:
                        continue
                    days.append((day, day))
                else:
                    last = calendar.monthrange(year, month)[1]
                    days.append((date(year, month, 1), date(year, month, last)))
            if len(days) >= 2:
                ranges.append(DateRange(days[0][0], days[-1][1]))
            elif days and text.startswith("-"):
                ranges.append(DateRange(None, days[0][1]))
            elif days:
                ranges.append(DateRange(days[0][0], days[0][1]))
    return tuple(ranges)


def _split_top_level(text: str, separator: str = "/") -> list[str]:
    """Split at ``separator`` outside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse_location_slot(lines: Sequence[str]) -> tuple[str, ...]:
    """Parse INCIDENT: LOCATION into normalised alternatives ("peru lima san isidro")."""
    locations = []
    for line in lines:
        for alternative in _split_top_level(line):
            text = alternative.strip().lstrip("?").strip()
            while text.startswith("(") and text.endswith(")"):
                text = text[1:-1].strip()
            name = normalise(text.replace(":", " "))
            if name:
                locations.append(name)
    return tuple(locations)


def _entities(fillers: Sequence[Filler], template_optional: bool) -> list[GoldEntity]:
    """Turn string-fill lines into entities (each line one entity, slashes its alternatives)."""
    entities = []
    for filler in fillers:
        names = frozenset(n for n in (normalise(v) for v in filler.values) if n)
        if names:
            entities.append(GoldEntity(names, filler.optional or template_optional))
    return entities


def _human_targets(
    names: Sequence[Filler], descriptions: Sequence[Filler], template_optional: bool
) -> list[GoldEntity]:
    """HUM TGT: NAME plus DESCRIPTION; a description that references a name joins it."""
    entities = _entities(names, template_optional)
    for filler in descriptions:
        values = frozenset(n for n in (normalise(v) for v in filler.values) if n)
        refs = {normalise(r) for r in filler.refs} - {""}
        if not values:
            continue
        for index, entity in enumerate(entities):
            if refs & entity.names:
                entities[index] = GoldEntity(entity.names | values, entity.optional)
                break
        else:
            entities.append(GoldEntity(values, filler.optional or template_optional))
    return entities


def _count(
    numbers: Sequence[Filler], effects: Sequence[Filler], effect: str, other: str
) -> frozenset[int]:
    """Gold count of human targets with ``effect`` (DEATH or INJURY), or empty when unknown.

    The count is the sum of HUM TGT: NUMBER over the targets whose only EFFECT filler is
    ``effect``. It is unknown (empty) when any such filler is optional, offers other effects
    as alternatives, references no target ("-"), references a target that also has ``other``,
    or when a target's number is not an exact integer (PLURAL, ranges, "~10").
    Slash alternatives in numbers give several acceptable sums.
    """
    relevant = [f for f in effects if effect in f.values]
    if not relevant:
        return frozenset()
    other_refs = {normalise(r) for f in effects if other in f.values for r in f.refs}
    targets: list[frozenset[str]] = []
    for filler in relevant:
        refs = frozenset(normalise(r) for r in filler.refs) - {""}
        if filler.optional or set(filler.values) != {effect} or not refs or refs & other_refs:
            return frozenset()
        if refs not in targets:
            targets.append(refs)
    choices: list[set[int]] = []
    for refs in targets:
        number = next(
            (f for f in numbers if refs & {normalise(r) for r in f.refs}),
            None,
        )
        if number is None:
            return frozenset()
        integers = {int(v) for v in number.values if v.strip().isdigit()}
        if not integers:
            return frozenset()
        choices.append(integers)
    totals = {sum(c) for c in list(product(*choices))[:256]}
    return frozenset(t for t in totals if t > 0)


def _template(slots: dict[int, list[str]]) -> GoldIncident | None:
    """Build a ``GoldIncident`` from one key record's slots (None for a "*" record)."""
    header = (slots.get(1) or ["*"])[0]
    if header.strip().startswith("*"):
        return None
    found = re.match(r"\s*(\d+)", header)
    number = int(found[1]) if found else 0
    optional = "OPTIONAL" in header.upper()

    def fillers(slot: int) -> list[Filler]:
        lines = [ln for ln in slots.get(slot, []) if ln.strip() not in ("", "-", "*")]
        return [parse_filler(ln) for ln in lines]

    muc_types = tuple(
        t.strip().lstrip("?").strip()
        for line in slots.get(4, [])
        for t in line.split("/")
        if t.strip() not in ("", "-", "*")
    )
    types = frozenset(INCIDENT_TYPE_TO_PLOVER[t] for t in muc_types if t in INCIDENT_TYPE_TO_PLOVER)
    numbers, effects = fillers(21), fillers(23)
    return GoldIncident(
        template=number,
        optional=optional,
        muc_types=muc_types,
        types=types,
        dates=parse_date_slot(slots.get(2, [])),
        locations=parse_location_slot([ln for ln in slots.get(3, []) if ln.strip() != "*"]),
        perp_individual=tuple(_entities(fillers(9), optional)),
        perp_organization=tuple(_entities(fillers(10), optional)),
        physical_target=tuple(_entities(fillers(12), optional)),
        human_target=tuple(_human_targets(fillers(18), fillers(19), optional)),
        killed=_count(numbers, effects, "DEATH", "INJURY"),
        injured=_count(numbers, effects, "INJURY", "DEATH"),
    )


def parse_key_file(text: str) -> dict[str, list[GoldIncident]]:
    """Parse a MUC-3/4 answer-key file into message id -> gold incidents.

    Every message id gets an entry, with an empty list when its only record is the
    all-asterisk "irrelevant" template. Comment lines (";") are skipped; an indented line
    without a slot number continues the previous slot with another filler.
    """
    records: list[tuple[str, dict[int, list[str]]]] = []
    slot: int | None = None
    for line in text.splitlines():
        if not line.strip() or line.strip().startswith(";"):
            continue
        found = _SLOT_LINE.match(line)
        if found:
            slot = int(found[1])
            value = found[3] or ""
            if slot == 0:
                records.append((value.split()[0] if value else "", {}))
                continue
            if records:
                records[-1][1].setdefault(slot, []).append(value)
        elif records and slot is not None:
            records[-1][1].setdefault(slot, []).append(line.strip())
    keys: dict[str, list[GoldIncident]] = {}
    for doc_id, slots in records:
        incidents = keys.setdefault(doc_id, [])
        incident = _template(slots)
        if incident is not None:
            incidents.append(incident)
    return keys


def parse_datelines(text: str) -> dict[str, date | None]:
    """Message id -> the date in its dateline ("SAN SALVADOR, 3 JAN 90 -- ..."), if any."""
    dates: dict[str, date | None] = {}
    current: str | None = None
    head: list[str] = []

    def finish() -> None:
        if current is None:
            return
        dateline = " ".join(head).split("--")[0]
        found = _DATELINE_DATE.search(dateline)
        month = _MONTHS.get(found[2]) if found else None
        value = None
        if found and month:
            try:
                value = date(1900 + int(found[3]), month, int(found[1]))
            except ValueError:
                value = None
        dates[current] = value

    for line in text.splitlines():
        found = _DOC_ID.match(line)
        if found:
            finish()
            current, head = found[1], []
        elif current is not None and len(head) < 3 and line.strip():
            head.append(line.strip())
    finish()
    return dates


def read_muc(root: Path, split: str) -> list[MucDocument]:
    """Read one split: texts from the processed JSON, gold from the original answer keys.

    ``test`` is TST3 + TST4 (200 messages); ``dev`` is the first ``DEV_DOCS`` messages of
    the DEV set (DEV-MUC3-0001 to 0100), kept small so that development runs stay quick.

    Raises:
        ConfigError: Unknown split, or a processed document without an answer key.
    """
    corpora = root / "raw_files" / "muc34" / "TASK" / "CORPORA"
    if split == "test":
        processed = root / "processed" / "test.json"
        keys = [p for d in ("tst3", "tst4") for p in sorted((corpora / d).glob("key-*"))]
        texts = [corpora / "tst3" / "tst3-muc4", corpora / "tst4" / "tst4-muc4"]
    elif split == "dev":
        processed = root / "processed" / "train.json"
        keys = [corpora / "dev" / "key-dev-0001.muc4"]
        texts = [corpora / "dev" / "dev-muc3-0001-0100"]
    else:
        raise ConfigError(f"muc4 has splits 'test' (TST3+TST4) and 'dev', not {split!r}")
    gold: dict[str, list[GoldIncident]] = {}
    for path in keys:
        gold.update(parse_key_file(path.read_text(encoding="latin-1")))
    published: dict[str, date | None] = {}
    for path in texts:
        if path.exists():
            published.update(parse_datelines(path.read_text(encoding="latin-1")))
    documents = []
    with processed.open(encoding="utf-8") as stream:
        for line in stream:
            if not line.strip():
                continue
            record = json.loads(line)
            doc_id = record["docid"]
            if split == "dev" and doc_id not in gold:
                continue
            if doc_id not in gold:
                raise ConfigError(f"{doc_id} has no answer key in {[str(k) for k in keys]}")
            documents.append(
                MucDocument(doc_id, record["doctext"], published.get(doc_id), gold[doc_id])
            )
    if split == "dev":
        documents = documents[:DEV_DOCS]
    return documents


# --------------------------------------------------------------------------------------------
# Scoring


@dataclass
class MucScores:
    """Counts behind every row of the table, for one system."""

    documents: PRF = field(default_factory=PRF)
    incidents: PRF = field(default_factory=PRF)
    roles: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLE_GROUPS})
    slots: dict[str, list[int]] = field(
        default_factory=lambda: {s: [0, 0] for s in ("killed", "injured", "date", "location")}
    )
    """Slot -> [correct, required (non-optional) gold incidents that have the slot]."""

    def rate(self, slot: str) -> float | None:
        """Share of gold incidents with ``slot`` whose aligned prediction gets it right."""
        correct, total = self.slots[slot]
        return correct / total if total else None


def _any_name_match(entities: Sequence[GoldEntity], strings: Sequence[str]) -> bool:
    names = [normalise(s) for s in strings]
    return any(name_similarity(e, n) > 0 for e in entities for n in names)


def incident_similarity(gold: GoldIncident, predicted: PredictedIncident) -> float:
    """0 for a type mismatch; else 1 plus one point per agreeing slot (used to align)."""
    if predicted.type not in gold.types:
        return 0.0
    agreements = [
        _any_name_match(
            (*gold.perp_individual, *gold.perp_organization),
            (*predicted.perp_individual, *predicted.perp_organization),
        ),
        _any_name_match(
            (*gold.physical_target, *gold.human_target),
            (*predicted.physical_target, *predicted.human_target),
        ),
        date_matches(gold.dates, predicted.date),
        location_matches(gold.locations, predicted.location),
        predicted.killed in gold.killed,
        predicted.injured in gold.injured,
    ]
    return 1.0 + sum(agreements)


def align_incidents(
    gold: Sequence[GoldIncident], predicted: Sequence[PredictedIncident]
) -> list[tuple[int, int]]:
    """Align gold templates and predicted incidents one-to-one: same PLOVER type, most
    agreeing slots first."""
    return greedy_match(gold, predicted, incident_similarity, 1.0)


def score_document(
    gold: MucDocument, predicted: Sequence[PredictedIncident], scores: MucScores
) -> None:
    """Add one message's counts to ``scores`` (see the module docstring for the rules)."""
    required = [g for g in gold.incidents if not g.optional]
    if predicted:
        scores.documents.add(PRF(tp=1) if gold.incidents else PRF(fp=1))
    elif required:
        scores.documents.add(PRF(fn=1))

    pairs = align_incidents(gold.incidents, predicted)
    aligned = dict(pairs)
    matched_optional = sum(1 for g, _ in pairs if gold.incidents[g].optional)
    scores.incidents.add(
        PRF(
            tp=len(pairs),
            fp=len(predicted) - len(pairs),
            fn=len(required) - (len(pairs) - matched_optional),
        )
    )

    for label, roles in ROLE_GROUPS.items():
        entities = merge_entities(e for g in gold.incidents for r in roles for e in getattr(g, r))
        strings = [s for p in predicted for r in roles for s in getattr(p, r)]
        scores.roles[label].add(match_entities(entities, strings))

    for index, incident in enumerate(gold.incidents):
        if incident.optional:  # scored only for presence: the rates share one denominator
            continue
        guess = predicted[aligned[index]] if index in aligned else None
        checks = {
            "killed": (
                bool(incident.killed),
                guess is not None and guess.killed in incident.killed,
            ),
            "injured": (
                bool(incident.injured),
                guess is not None and guess.injured in incident.injured,
            ),
            "date": (
                bool(incident.dates),
                guess is not None and date_matches(incident.dates, guess.date),
            ),
            "location": (
                bool(incident.locations),
                guess is not None and location_matches(incident.locations, guess.location),
            ),
        }
        for slot, (has_gold, correct) in checks.items():
            if has_gold:
                scores.slots[slot][1] += 1
                scores.slots[slot][0] += int(correct)


def score_muc(
    gold: Sequence[MucDocument], predicted: Sequence[Sequence[PredictedIncident]]
) -> MucScores:
    """Score a system's incidents for every message (``predicted`` in the order of ``gold``)."""
    scores = MucScores()
    for document, incidents in zip(gold, predicted, strict=True):
        score_document(document, incidents, scores)
    return scores


# --------------------------------------------------------------------------------------------
# Predictions: newsgraph's Document contract and the keyword baseline


_INDIVIDUAL_KINDS = frozenset({ActorKind.person, ActorKind.group})
_KILLED = frozenset({"killed"})
_INJURED = frozenset({"injured", "wounded"})


def _quantity_total(event: Event, statuses: frozenset[str]) -> int | None:
    """Sum of an event's exact quantities with one of ``statuses`` (None when there is none)."""
    values = [
        q.value
        for q in event.quantities
        if q.value is not None and (q.status or "").lower() in statuses
    ]
    return int(sum(values)) if values else None


def incidents_from_document(document: Document) -> list[PredictedIncident]:
    """Read MUC incidents from newsgraph's output: non-negated ASSAULT and COERCE events.

    Actors of kind person or group (NORP) fill the individual-perpetrator and human-target
    roles; organizations and countries fill the organization-perpetrator and physical-target
    roles (an organization attacked as a place, such as an embassy or a bank).
    """
    incidents = []
    for event in document.events:
        if event.type not in INCIDENT_EVENT_TYPES or event.factuality == Factuality.negated:
            continue
        source, target = document.actor(event.source), document.actor(event.target)
        place = document.place(event.place)
        incidents.append(
            PredictedIncident(
                type=event.type,
                perp_individual=(source.name,)
                if source and source.kind in _INDIVIDUAL_KINDS
                else (),
                perp_organization=(
                    (source.name,) if source and source.kind not in _INDIVIDUAL_KINDS else ()
                ),
                physical_target=(
                    (target.name,) if target and target.kind not in _INDIVIDUAL_KINDS else ()
                ),
                human_target=(target.name,) if target and target.kind in _INDIVIDUAL_KINDS else (),
                date=event.date.value,
                location=place.name if place else None,
                killed=_quantity_total(event, _KILLED),
                injured=_quantity_total(event, _INJURED),
            )
        )
    return incidents


ATTACK_WORDS = re.compile(
    r"\b(?:attack|bomb|dynamit|explod|explosi|murder|assassinat|kill|massacre|kidnap|abduct"
    r"|shot|shoot|gunned|machinegun|ambush|arson|set fire|hijack|sabotag|robbe)\w*"
)
"""Keyword baseline: a message reports an incident when it contains one of these stems. The
list is the MUC-4 incident types and their usual verbs, written down before looking at any
split, not tuned."""

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ],
        start=1,
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100})
COUNT_PATTERN = re.compile(
    r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+"
    r"(?:(?:people|persons|civilians|soldiers|policemen|peasants|guerrillas|members|men|women"
    r"|children|students|others)\s+)?"
    r"(?:(?:were|was|have been|had been|are|reportedly)\s+)?"
    r"(killed|dead|injured|wounded)\b"
)
"""Keyword baseline counts: "<number> [people|...] [were] killed|dead|injured|wounded"."""


def keyword_counts(text: str) -> tuple[int | None, int | None]:
    """The first killed and the first injured count the count pattern finds in ``text``."""
    killed: int | None = None
    injured: int | None = None
    for found in COUNT_PATTERN.finditer(text.lower()):
        number = found[1]
        value = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        if found[2] in ("killed", "dead") and killed is None:
            killed = value
        elif found[2] in ("injured", "wounded") and injured is None:
            injured = value
    return killed, injured


def keyword_incidents(text: str) -> list[PredictedIncident]:
    """Keyword baseline: one ASSAULT incident per message with an attack word, with counts."""
    if not ATTACK_WORDS.search(text.lower()):
        return []
    killed, injured = keyword_counts(text)
    return [PredictedIncident(type="ASSAULT", killed=killed, injured=injured)]


# --------------------------------------------------------------------------------------------
# The registered scorer


def _rows(system: str, scores: MucScores, gold: Sequence[MucDocument], roles: bool) -> list[Score]:
    """Table rows of one system."""
    n_docs = len(gold)
    n_incidents = sum(1 for d in gold for g in d.incidents if not g.optional)
    rows = []
    for task, prf, n in (
        ("incident detection (document)", scores.documents, n_docs),
        ("incident matching (template, type-aligned)", scores.incidents, n_incidents),
    ):
        rows += [
            Score(task, "precision", system, prf.precision, n),
            Score(task, "recall", system, prf.recall, n),
            Score(task, "F1", system, prf.f1, n),
        ]
    if roles:
        n_gold: dict[str, int] = {}
        for label, groups in ROLE_GROUPS.items():
            n_gold[label] = sum(
                1
                for d in gold
                for entity in merge_entities(
                    e for g in d.incidents for r in groups for e in getattr(g, r)
                )
                if not entity.optional
            )
            rows.append(
                Score(f"role: {label}", "F1", system, scores.roles[label].f1, n_gold[label])
            )
        micro = PRF()
        for label in MICRO_ROLES:
            micro.add(scores.roles[label])
        n_micro = sum(n_gold[label] for label in MICRO_ROLES)
        rows.append(Score("roles (micro, 4 MUC roles)", "F1", system, micro.f1, n_micro))
    for slot, task in (("killed", "killed count"), ("injured", "injured count")):
        rows.append(
            Score(task, "exact-match rate", system, scores.rate(slot), scores.slots[slot][1])
        )
    if roles:
        for slot in ("date", "location"):
            rows.append(
                Score(
                    f"incident {slot}",
                    "match rate",
                    system,
                    scores.rate(slot),
                    scores.slots[slot][1],
                )
            )
    return rows


def _details(scores: MucScores) -> dict[str, Any]:
    return {
        "documents": scores.documents.as_dict(),
        "incidents": scores.incidents.as_dict(),
        "roles": {label: prf.as_dict() for label, prf in scores.roles.items()},
        "slots": {slot: {"correct": c, "total": t} for slot, (c, t) in scores.slots.items()},
    }


@register("muc4")
def evaluate_muc4(ctx: EvalContext) -> EvalResult:
    """Score newsgraph and the keyword baseline on MUC-4 (TST3+TST4, or a DEV slice)."""
    root = ctx.path("muc4", "data", "muc")
    gold = ctx.take(read_muc(root, ctx.split))
    logger.info("muc4 %s: %d messages", ctx.split, len(gold))

    texts = ((d.text, d.published) for d in gold)
    newsgraph_incidents = [incidents_from_document(a.document) for a in ctx.extract(texts)]
    baseline_incidents = [keyword_incidents(d.text) for d in gold]
    newsgraph = score_muc(gold, newsgraph_incidents)
    baseline = score_muc(gold, baseline_incidents)

    types: dict[str, int] = {}
    for document in gold:
        for incident in document.incidents:
            for muc_type in incident.muc_types:
                types[muc_type] = types.get(muc_type, 0) + 1
    details = {
        "documents": len(gold),
        "documents_with_incident": sum(1 for d in gold if d.incidents),
        "gold_incidents": sum(len(d.incidents) for d in gold),
        "gold_optional_incidents": sum(1 for d in gold for g in d.incidents if g.optional),
        "gold_incident_types": types,
        "dev_slice": f"first {DEV_DOCS} DEV messages" if ctx.split == "dev" else None,
        "predicted_incidents": {
            NEWSGRAPH: sum(len(p) for p in newsgraph_incidents),
            BASELINE: sum(len(p) for p in baseline_incidents),
        },
        NEWSGRAPH: _details(newsgraph),
        BASELINE: _details(baseline),
    }
    scores = _rows(NEWSGRAPH, newsgraph, gold, roles=True) + _rows(
        BASELINE, baseline, gold, roles=False
    )
    return EvalResult(dataset="muc4", split=ctx.split, scores=scores, details=details)
