"""Factuality: does the text say the event happened, will happen, might happen or did not?

An analyst counting attacks must not count "Russia could strike", "if a deal is reached",
"Moscow denies targeting civilians" or "the minister will meet". The rules read the clause
that anchors the event and the clauses above it: negation words, modal and future
auxiliaries, the verbs that govern it ("is expected to host", "plans to visit", "failed to
reach", "denies targeting") and modifiers of event nouns ("the upcoming summit").

The cue words live in ``data/cues.jsonl`` (kinds listed in ``CUE_KINDS``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Token
from spacy.util import registry

from newsgraph.events.triggers import lemma_forms, read_jsonl, validate_rows

logger = logging.getLogger(__name__)

CUES_FILE = "cues.jsonl"

CueKind = Literal[
    "light_verb",
    "future_aux",
    "hypothetical_aux",
    "future_governor",
    "hypothetical_governor",
    "negating_governor",
    "negation",
    "future_modifier",
    "speech_verb",
    "participation_verb",
    "carrier_noun",
    "non_event_complement",
    "denial_object",
]
CUE_KINDS: tuple[str, ...] = get_args(CueKind)

FactualityValue = Literal["asserted", "negated", "hypothetical", "future"]

CLIMB_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acomp", "conj", "relcl", "acl"})
"""Dependencies through which a governing clause's modality reaches an embedded event."""

GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acomp", "dobj", "csubj"})
"""Dependencies through which a governing verb ("denies", "plans") scopes over an event."""


class CueRow(BaseModel):
    """One cue word and the kind of cue it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: CueKind
    lemma: str = Field(min_length=1)


@registry.misc("newsgraph.event_cues.v1")
def event_cues() -> list[dict[str, Any]]:
    """Registered loader: factuality and anchoring cue words, validated, as plain dicts."""
    rows = validate_rows(CueRow, read_jsonl(CUES_FILE), CUES_FILE)
    return [row.model_dump() for row in rows]


@dataclass(frozen=True)
class Cues:
    """Cue words by kind, as frozen sets for constant-time lookups."""

    sets: dict[str, frozenset[str]]

    @classmethod
    def from_dicts(cls, rows: Iterable[dict[str, Any]]) -> Cues:
        """Build from plain rows (the loader's output or a saved pipeline's)."""
        grouped: dict[str, set[str]] = {kind: set() for kind in CUE_KINDS}
        for row in validate_rows(CueRow, rows, CUES_FILE):
            grouped[row.kind].add(row.lemma)
        return cls({kind: frozenset(words) for kind, words in grouped.items()})

    def has(self, kind: str, token: Token) -> bool:
        """Whether the token's lemma or lower-case form is a cue of this kind."""
        words = self.sets[kind]
        return any(form in words for form in lemma_forms(token))


def governors(token: Token) -> Iterator[tuple[Token, Token]]:
    """Walk up the clauses governing ``token``: yields (governor, the child it governs).

    Stops at the sentence root and never leaves the sentence.
    """
    child = token
    while child.head.i != child.i and child.dep_ in CLIMB_DEPS | GOVERNED_DEPS | {"prep", "pobj"}:
        yield child.head, child
        child = child.head


def _aux(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("aux", "auxpass")]


def _negated(token: Token, cues: Cues) -> bool:
    """A negation word on the verb, or "no"/"never" on a noun ("no talks were held")."""
    for child in token.children:
        if child.dep_ == "neg" and cues.has("negation", child):
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
    return False


@dataclass(frozen=True)
class Assessment:
    """The factuality of an event and what decided it.

    Attributes:
        value: asserted, negated, hypothetical or future.
        own_negation: The anchor itself is negated ("would *not* accept"), so a trigger
            whose negated reading is another type (REJECT) takes that reading.
        intent: The future comes from the actor's own will ("will", "would" in reported
            speech, "plans to", "is going to") rather than someone's expectation ("is
            expected to", "is due to"); PLOVER reads such statements as AGREE or THREATEN.
        conditional: The event hangs on an "if"/"unless" clause.
    """

    value: FactualityValue
    own_negation: bool = False
    intent: bool = False
    conditional: bool = False


def assess(trigger: Token, anchor: Token, cues: Cues) -> Assessment:
    """Classify an event's factuality from its trigger and the verb that anchors it.

    Args:
        trigger: The trigger token (a verb, or an event noun).
        anchor: The verb whose clause carries the event (the trigger itself for verbs; the
            light verb or governing verb for nouns).
        cues: The cue words.
    """
    if _negated(anchor, cues) or (trigger.i != anchor.i and _negated(trigger, cues)):
        return Assessment("negated", own_negation=True)
    if trigger.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound", "nmod", "poss") and cues.has("future_modifier", c)
        for c in trigger.children
    ):
        return Assessment("future")
    value: FactualityValue = "asserted"
    if _subjunctive(anchor):
        value = "hypothetical"
    intent = False
    conditional = False
    chain = [anchor, *[g for g, _ in governors(anchor)]]
    # an intention is the actor's own: the auxiliary sits on the event's verb or on a verb
    # it is the infinitive of ("will begin to withdraw"), not on some clause around it
    direct = {anchor.i}
    for governor, child in governors(anchor):
        if child.dep_ != "xcomp":
            break
        direct.add(governor.i)
    # a negation reaches down into complements ("did not agree to *meet*"), never across
    # coordination ("did not attack Kyiv but *struck* Kharkiv")
    scoped = {anchor.i}
    for governor, child in governors(anchor):
        if child.dep_ not in ("xcomp", "ccomp", "pcomp", "acomp"):
            break
        scoped.add(governor.i)
    for token in chain:
        for aux in _aux(token):
            if cues.has("future_aux", aux):
                value = _stronger(value, "future")
                intent = intent or token.i in direct
            elif cues.has("hypothetical_aux", aux):
                value = _stronger(value, "hypothetical")
            elif aux.lower_ == "would":
                reading = _would(token, cues)
                value = _stronger(value, reading)
                intent = intent or (reading == "future" and token.i in direct)
        if any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in token.children
        ):
            value = _stronger(value, "hypothetical")
            conditional = True
        if any(
            c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
            for c in token.children
        ):
            # "the troops will withdraw if a deal is reached": it hangs on the condition
            conditional = True
            value = _stronger(value, "hypothetical")
        if (
            token.i != anchor.i
            and token.i in scoped
            and _negated(token, cues)
            and not cues.has("speech_verb", token)
        ):
            return Assessment("negated")
        if cues.has("speech_verb", token) and token.i != anchor.i:
            break
    for governor, child in governors(anchor):
        if (
            child.dep_ in ("acl", "relcl")
            and governor.pos_ == "NOUN"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            and cues.has("hypothetical_governor", governor)
        ):
            # "now is the time to stop the killing", "a chance to end the war": wanted, not done
            return Assessment(_stronger(value, "hypothetical"), conditional=conditional)
        if child.dep_ not in GOVERNED_DEPS and child.dep_ not in ("pobj", "prep"):
            continue
        if cues.has("negating_governor", governor):
            return Assessment("negated")
        if cues.has("hypothetical_governor", governor):
            return Assessment(_stronger(value, "hypothetical"), conditional=conditional)
        if cues.has("future_governor", governor):
            value = _stronger(value, "future")
            intent = intent or governor.lemma_.lower() in ("plan", "intend", "prepare", "go")
        if cues.has("speech_verb", governor):
            break
    keeps_intent = value == "future" or (value == "hypothetical" and conditional)
    return Assessment(value, intent=intent and keeps_intent, conditional=conditional)


def _subjunctive(anchor: Token) -> bool:
    """Whether the anchor is a bare verb with its own subject in an embedded clause.

    "reiterated its demand that Israel *ease* restrictions", "is pushing for the US to... /
    for the US *support* its plan": a mandative subjunctive states what someone wants done,
    not what happened. The bare form (tag VB) with a subject, no auxiliary and a clause
    above it marks it; a pronoun subject is left alone, as the small model tags many
    present-tense verbs after "they"/"we" VB.
    """
    if anchor.tag_ != "VB" or anchor.dep_ not in ("ccomp", "advcl"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in anchor.children):
        return False
    subjects = [c for c in anchor.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(s.pos_ != "PRON" for s in subjects)


_RANK: dict[str, int] = {"asserted": 0, "future": 1, "hypothetical": 2, "negated": 3}


def _stronger(a: FactualityValue, b: FactualityValue) -> FactualityValue:
    return a if _RANK[a] >= _RANK[b] else b


def _would(token: Token, cues: Cues) -> FactualityValue:
    """ "would" is a reported future under a speech verb, and hypothetical otherwise."""
    for governor, child in governors(token):
        for c in governor.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                return "hypothetical"
        if child.dep_ == "ccomp" and cues.has("speech_verb", governor):
            return "future"
    if any(c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children) for c in token.children):
        return "hypothetical"
    return "hypothetical"
