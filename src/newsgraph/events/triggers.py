"""Event triggers: the words that say something happened, and their PLOVER/CAMEO coding.

A trigger is a verb ("shelled"), an event noun ("airstrikes", "summit", "sanctions") or an
adjective of intent ("ready to"), found by its lemma and part of speech and confirmed by its
syntactic neighbourhood: a particle ("shot *down*", "called *for*"), a dependent word
("imposed *sanctions*", "signed an *agreement*") or the word it hangs from ("went *on*
strike"). Those conditions are what separate "launched 143 drones" (ASSAULT) from "launched a
website" (nothing), so they live in the lexicon next to the lemma, not in code.

The lexicon, ``data/triggers.jsonl``, is written for newsgraph from the PLOVER manual's
category definitions and the CAMEO2PLOVER-2021 table (see ``data/SOURCES.md``). Each row
carries an example sentence, and the test suite checks that every row fires on its example.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from spacy.tokens import Token
from spacy.util import registry

from newsgraph.errors import LexiconError
from newsgraph.events.codes import PloverType

logger = logging.getLogger(__name__)

TRIGGERS_FILE = "triggers.jsonl"
COMPLEMENTS_FILE = "complements.jsonl"
MODES_FILE = "modes.jsonl"

TriggerPos = Literal["VERB", "NOUN", "ADJ"]

_POS_GROUPS: dict[str, TriggerPos] = {
    "VERB": "VERB",
    "AUX": "VERB",
    "NOUN": "NOUN",
    "PROPN": "NOUN",
    "ADJ": "ADJ",
}
"""spaCy coarse tags -> the trigger part of speech they can be (PROPN for title-case heads)."""

DEPENDENT_DEPS = frozenset(
    {
        "dobj",
        "nsubjpass",
        "attr",
        "oprd",
        "compound",
        "amod",
        "nmod",
        "xcomp",
        "npadvmod",
        "advmod",
        "acomp",
        "dative",
        "appos",
        "nummod",
        "dep",
        "advcl",
        "ccomp",
    }
)
"""Dependency labels whose word counts as a trigger's dependent for ``with`` conditions."""

PARTICLE_DEPS = frozenset({"prt", "prep", "agent", "dative", "aux", "advmod"})


class TriggerRow(BaseModel):
    """One trigger: a lemma and part of speech, the conditions it needs and its coding.

    Attributes:
        lemma: Lower-case lemma of the trigger word.
        pos: VERB, NOUN or ADJ.
        type: The PLOVER type the trigger codes.
        cameo: The CAMEO code (root or more specific) for this reading.
        mode: PLOVER mode, where the trigger gives one.
        particle: A particle or preposition the trigger must govern ("down", "for").
        with_: The trigger must govern one of these lemmas (directly or as a prepositional
            object): "impose" needs "sanction", "tariff"...
            The value "@dobj" asks only for some direct object.
        head: The trigger must hang from one of these lemmas ("on" strike, "hold" talks).
        subject: The doer must be one of these (teachers' "strike" is a protest, drones'
            "strike" an attack): the clause's subject, or a noun's possessor or modifier.
        complement: "absorb" folds an embedded event into this one ("agreed to *meet*",
            "threatened to *strike*"), "required" needs one to count at all ("ready to").
        negated_type: The type a negated trigger codes instead ("would not accept": REJECT).
        negated_cameo: The CAMEO code of that negated reading.
        confidence: How reliable the reading is when it fires.
        weak: A consequence word (killed, injured) rather than the act itself: it joins an
            event nearby rather than standing alone when it can.
        swap: The subject is the target and the object's owner the source ("air defences
            intercepted 27 Ukrainian drones" is a Ukrainian attack).
        example: An original sentence the row fires on (used by the tests).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    lemma: str = Field(min_length=2)
    pos: TriggerPos
    type: PloverType
    cameo: str = Field(pattern=r"^(0[2-9]|1\d|20)\d{0,2}$")
    mode: str | None = None
    particle: str | None = None
    with_: tuple[str, ...] = Field(default=(), alias="with")
    head: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    complement: Literal["none", "absorb", "required", "adopt", "modal"] = "none"
    negated_type: PloverType | None = None
    negated_cameo: str | None = None
    confidence: float = Field(default=0.8, gt=0.0, le=1.0)
    weak: bool = False
    swap: bool = False
    example: str = Field(min_length=10)

    @field_validator("lemma", "particle")
    @classmethod
    def _lower(cls, value: str | None) -> str | None:
        if value is not None and value != value.lower():
            raise ValueError(f"{value!r} must be lower-case")
        return value

    @property
    def specificity(self) -> int:
        """How many conditions the row has: more specific rows win over bare lemmas."""
        return (
            2 * bool(self.particle)
            + 2 * bool(self.with_)
            + bool(self.head)
            + 2 * bool(self.subject)
        )


class ComplementRow(BaseModel):
    """How an absorbed complement refines its governor: AGREE + CONSULT -> 036 (meet)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    outer: PloverType
    inner: PloverType
    cameo: str = Field(pattern=r"^(0[2-9]|1\d|20)\d{0,2}$")
    mode: str | None = None


class ModeRow(BaseModel):
    """A word in an event's clause that sets its mode: "drones" -> ASSAULT aerial (195)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lemma: str = Field(min_length=2)
    type: PloverType
    mode: str
    cameo: str = Field(pattern=r"^(0[2-9]|1\d|20)\d{0,2}$")


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """Read a packaged JSONL data file of this folder into plain dicts."""
    text = files("newsgraph.events").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise LexiconError(f"{name} line {number}: not JSON ({error})") from error
    return rows


def validate_rows(model: type[BaseModel], rows: Iterable[dict[str, Any]], name: str) -> list[Any]:
    """Validate plain rows with a pydantic row model, naming the file and line on error.

    Raises:
        LexiconError: A row does not fit the model.
    """
    parsed = []
    for number, row in enumerate(rows, start=1):
        try:
            parsed.append(model.model_validate(row))
        except ValidationError as error:
            raise LexiconError(f"{name} row {number}: {error}") from error
    return parsed


@registry.misc("newsgraph.event_triggers.v1")
def event_triggers() -> list[dict[str, Any]]:
    """Registered loader: the trigger lexicon, validated, as plain dicts."""
    rows = validate_rows(TriggerRow, read_jsonl(TRIGGERS_FILE), TRIGGERS_FILE)
    return [row.model_dump(by_alias=True, exclude_defaults=True) for row in rows]


@registry.misc("newsgraph.event_complements.v1")
def event_complements() -> list[dict[str, Any]]:
    """Registered loader: how absorbed complements refine AGREE/REQUEST/REJECT/THREATEN."""
    rows = validate_rows(ComplementRow, read_jsonl(COMPLEMENTS_FILE), COMPLEMENTS_FILE)
    return [row.model_dump(exclude_defaults=True) for row in rows]


@registry.misc("newsgraph.event_modes.v1")
def event_modes() -> list[dict[str, Any]]:
    """Registered loader: clause words that set an event's mode (weapons, media)."""
    rows = validate_rows(ModeRow, read_jsonl(MODES_FILE), MODES_FILE)
    return [row.model_dump() for row in rows]


@dataclass(frozen=True)
class Trigger:
    """A trigger found in a sentence: the token, the row that fired, its extra tokens."""

    token: Token
    row: TriggerRow
    extra: tuple[int, ...] = ()

    @property
    def start_char(self) -> int:
        """First character of the trigger words (the token and an adjacent particle)."""
        doc = self.token.doc
        return min(doc[i].idx for i in (self.token.i, *self.extra))

    @property
    def end_char(self) -> int:
        """One past the last character of the trigger words."""
        doc = self.token.doc
        return max(doc[i].idx + len(doc[i]) for i in (self.token.i, *self.extra))


def dependents(token: Token) -> list[Token]:
    """The words a trigger governs for ``with`` conditions.

    Direct dependents of the listed kinds, prepositional objects (and their conjuncts) of
    the trigger's prepositions, conjuncts of its objects, and the compounds of those, so
    "provided aerial photographs and other intelligence" sees "photograph", "intelligence".
    """
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in DEPENDENT_DEPS:
            out.append(child)
        elif child.dep_ in ("prep", "agent", "dative"):
            out.append(child)
            out.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
    more: list[Token] = []
    for item in out:
        more.extend(c for c in item.children if c.dep_ in ("conj", "compound", "amod", "pobj"))
        if item.dep_ in ("dobj", "pobj", "nsubjpass", "attr"):
            more.extend(
                g
                for c in item.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            )
    return out + more


def subject_words(token: Token) -> list[Token]:
    """The words that name who does an event, for ``subject`` conditions.

    For a verb, its subject (or passive agent) with the subject's modifiers; for a noun, its
    possessor and modifiers and the subject of the verb it is the object of ("teachers said
    they would not end *the strike*" looks at "they" and, through the clause above, at
    "teachers").
    """
    words: list[Token] = []
    verbs = [token] if token.pos_ in ("VERB", "AUX") else []
    if token.pos_ in ("NOUN", "PROPN"):
        words.extend(c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod"))
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            verbs.append(head)
    for verb in verbs:
        node = verb
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
            if subjects:
                for subject in subjects:
                    words.append(subject)
                    words.extend(
                        c for c in subject.children if c.dep_ in ("compound", "amod", "pobj")
                    )
                if not any(s.pos_ == "PRON" for s in subjects):
                    break
            if node.head.i == node.i:
                break
            node = node.head
    return words


def lemma_forms(token: Token) -> tuple[str, ...]:
    """The lemma of a word and guesses that mend common lemmatiser slips.

    The small English model lemmatises some regular past forms wrongly ("raped" -> "rap",
    "staged" -> "stag"); stripping "d"/"ed" from the written form recovers the verb.
    """
    lemma = token.lemma_.lower()
    lower = token.lower_
    forms = [lemma, lower]
    if lower.endswith("ed") and len(lower) > 4:
        forms.extend((lower[:-1], lower[:-2]))
    elif lower.endswith("s") and len(lower) > 3:
        forms.append(lower[:-1])
    return tuple(dict.fromkeys(forms))


def _follows_object(token: Token, child: Token) -> bool:
    """Whether ``child`` comes straight after the trigger's direct object (its last word).

    An appositive or a long name can push a split particle past any fixed distance
    ("forced the UN refugee agency, UNHCR, out"), yet it still closes the object phrase.
    Punctuation between the object and the particle is allowed.
    """
    for obj in token.children:
        if obj.dep_ != "dobj" or obj.i > child.i:
            continue
        end = obj.right_edge.i
        while end + 1 < child.i and token.doc[end + 1].is_punct:
            end += 1
        if end + 1 == child.i:
            return True
    return False


def _is_particle(token: Token, child: Token, particle: str) -> bool:
    """Whether ``child`` is the particle of a phrasal trigger ("called *for*", "shot *down*").

    It must follow the trigger closely, and a preposition must not introduce a date ("On
    Nov. 2, Tillerson called Lavrov" is no call *on* anyone).
    """
    if child.dep_ not in PARTICLE_DEPS or child.lower_ != particle:
        return False
    # "forced the UN refugee agency *out*": a particle may follow a short object, or any
    # object when it comes right after it ("forced the agency, UNHCR, *out*")
    if not 0 < child.i - token.i <= 7 and not _follows_object(token, child):
        return False
    if child.dep_ == "prep":
        return not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in child.children)
    return True


class TriggerLexicon:
    """Lemma + part of speech -> candidate rows, most specific first."""

    def __init__(self, rows: Sequence[TriggerRow]) -> None:
        self.rows = list(rows)
        self.index: dict[tuple[str, str], list[TriggerRow]] = {}
        for row in self.rows:
            self.index.setdefault((row.lemma, row.pos), []).append(row)
        for candidates in self.index.values():
            # stable: among equally specific rows the file order decides
            candidates.sort(key=lambda r: -r.specificity)
        self.lemmas = frozenset(lemma for lemma, _ in self.index)

    @classmethod
    def from_dicts(cls, rows: Iterable[dict[str, Any]]) -> TriggerLexicon:
        """Build from plain rows (the loader's output or a saved pipeline's)."""
        return cls(validate_rows(TriggerRow, rows, TRIGGERS_FILE))

    def candidates(self, token: Token) -> list[TriggerRow]:
        """Rows whose lemma and part of speech fit the token (conditions not yet checked)."""
        pos = _POS_GROUPS.get(token.pos_)
        if pos is None:
            return []
        lemma = next((f for f in lemma_forms(token) if f in self.lemmas), None)
        if lemma is None:
            return []
        found = self.index.get((lemma, pos), [])
        if not found and pos == "NOUN" and token.tag_ in ("VBG", "VBN"):
            return []
        return found

    def match(self, token: Token) -> Trigger | None:
        """The most specific row whose conditions hold for the token, or None."""
        candidates = self.candidates(token)
        if not candidates:
            return None
        deps: list[Token] | None = None
        for row in candidates:
            extra: list[int] = []
            if row.particle:
                particle = next(
                    (c for c in token.children if _is_particle(token, c, row.particle)), None
                )
                if particle is None:
                    continue
                if abs(particle.i - token.i) == 1:
                    extra.append(particle.i)
            if row.with_:
                if deps is None:
                    deps = dependents(token)
                wanted = set(row.with_)
                if "@dobj" in wanted:
                    if not any(c.dep_ == "dobj" for c in token.children):
                        continue
                elif not any(d.lemma_.lower() in wanted or d.lower_ in wanted for d in deps):
                    continue
            if row.subject:
                doers = subject_words(token)
                if not any(d.lemma_.lower() in row.subject for d in doers):
                    continue
            if row.head:
                head = token.head
                if head.i == token.i or not any(f in row.head for f in lemma_forms(head)):
                    continue
            if row.pos == "NOUN":
                extra.extend(
                    c.i
                    for c in token.children
                    if c.dep_ == "compound" and c.i == token.i - 1 and c.lemma_.lower() in row.with_
                )
            return Trigger(token, row, tuple(extra))
        return None

    def find(self, tokens: Iterable[Token]) -> list[Trigger]:
        """Every trigger among the tokens, in text order."""
        found = []
        for token in tokens:
            trigger = self.match(token)
            if trigger is not None:
                found.append(trigger)
        return found


class ComplementTable:
    """(outer type, inner type) -> (CAMEO code, mode) for absorbed complements."""

    def __init__(self, rows: Sequence[ComplementRow]) -> None:
        self.rows = list(rows)
        self.table: dict[tuple[str, str], tuple[str, str | None]] = {
            (r.outer, r.inner): (r.cameo, r.mode) for r in self.rows
        }

    @classmethod
    def from_dicts(cls, rows: Iterable[dict[str, Any]]) -> ComplementTable:
        """Build from plain rows."""
        return cls(validate_rows(ComplementRow, rows, COMPLEMENTS_FILE))

    def refine(self, outer: str, inner: str) -> tuple[str, str | None] | None:
        """The CAMEO code and mode of ``outer`` with an absorbed ``inner`` event, or None."""
        return self.table.get((outer, inner))


class ModeTable:
    """(PLOVER type, lemma) -> (mode, CAMEO code) for clause words such as weapons."""

    def __init__(self, rows: Sequence[ModeRow]) -> None:
        self.rows = list(rows)
        self.table: dict[tuple[str, str], tuple[str, str]] = {
            (r.type, r.lemma): (r.mode, r.cameo) for r in self.rows
        }
        self.types: frozenset[str] = frozenset(r.type for r in self.rows)

    @classmethod
    def from_dicts(cls, rows: Iterable[dict[str, Any]]) -> ModeTable:
        """Build from plain rows."""
        return cls(validate_rows(ModeRow, rows, MODES_FILE))

    def lookup(self, event_type: str, tokens: Iterable[Token]) -> tuple[str, str] | None:
        """The first (mode, CAMEO) that a word among ``tokens`` gives an event of this type."""
        if event_type not in self.types:
            return None
        for token in tokens:
            hit = self.table.get((event_type, token.lemma_.lower())) or self.table.get(
                (event_type, token.lower_)
            )
            if hit:
                return hit
        return None


@lru_cache(maxsize=1)
def default_lexicon() -> TriggerLexicon:
    """The packaged trigger lexicon (once per process)."""
    return TriggerLexicon.from_dicts(event_triggers())
