"""The ``ng_events`` component: who did what to whom, where, when and how many.

For each sentence the component finds triggers (``triggers.py``), folds embedded events into
the verbs that govern them ("agreed to *meet*" is one AGREE, "threatened to *strike*" one
THREATEN), reads each event's source, target, parties and place (``arguments.py``), its
factuality (``factuality.py``) and its counts (``quantities.py``), and codes it in PLOVER and
CAMEO with QuadClass and Goldstein weight (``codes.py``). Events of one type in one sentence
that do not disagree about who, whom or where are one event ("two people were killed and 11
injured in an attack" is one ASSAULT), and so are later mentions of an event already told
("the summit", "the meeting", a headline and its lead): an event keeps every sentence that
tells it as evidence.

Everything stored is plain data (``doc._.ng_events``: a list of dicts with character
offsets), and the trigger words are also kept as a ``SpanGroup`` for display.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly  # type: ignore[import-untyped]
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from newsgraph.events import arguments as args_mod
from newsgraph.events.arguments import Arguments, MentionIndex
from newsgraph.events.codes import CameoTable, quad_class, table_from_rows
from newsgraph.events.factuality import Cues, assess
from newsgraph.events.quantities import (
    CASUALTY_STATUSES,
    CUSTODY_STATUSES,
    MUNITION_STATUSES,
    QuantityFinder,
    QuantityLexicon,
    QuantityMention,
)
from newsgraph.events.triggers import (
    ComplementTable,
    ModeTable,
    Trigger,
    TriggerLexicon,
)
from newsgraph.extensions import register_extensions

logger = logging.getLogger(__name__)

SPANS_KEY = "ng_event_triggers"

DEFINITE_DETS = frozenset(
    {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
)
"""Determiners that make an event noun refer back to an event already told ("the summit")."""

MERGE_WINDOW = 12
"""How many sentences back a definite event noun may find its antecedent."""

WEAK_WINDOW = 5
"""How many sentences back a bare consequence ("two were killed") may join an event."""

PLACE_WINDOW = 8
"""How many sentences apart two attacks on one place are still taken to be one attack."""

PLACE_MERGE_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
"""Types where one place in one story means one occurrence ("the drones struck Mykolaiv")."""

LIGHT_ATTACH_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "nsubj", "dative"})

COOPERATIVE_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
"""Types whose future, intended occurrence PLOVER reads as AGREE."""

CONFLICT_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"})
"""Types whose intended or conditional occurrence PLOVER reads as THREATEN."""

VERBAL_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AGREE"})
"""Verbal types: when one states the purpose of an action it is part of that action."""

DateResolver = Callable[[Doc, int, int], Any]


@dataclass
class Draft:
    """An event while it is being assembled (sentence-level, then merged)."""

    trigger: Trigger
    anchor: Token
    type: str
    cameo: str
    mode: str | None
    factuality: str
    args: Arguments
    sent: Span
    sent_index: int
    block: int
    confidence: float
    quantities: list[QuantityMention] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    absorbed: bool = False
    dropped: bool = False
    intent: bool = False
    conditional: bool = False

    @property
    def weak(self) -> bool:
        """Whether the event is only a consequence word (killed, injured) so far."""
        return all(t.row.weak for t in self.triggers)

    @property
    def definite(self) -> bool:
        """Whether the trigger is an event noun that refers back ("the summit")."""
        token = self.trigger.token
        if token.pos_ not in ("NOUN", "PROPN"):
            return False
        return any(
            (c.dep_ in ("det", "poss") and c.lower_ in DEFINITE_DETS)
            or (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"))
            for c in token.children
        )

    def tokens(self) -> set[int]:
        """Trigger and anchor token indices of every merged mention."""
        out = {self.anchor.i}
        for t in self.triggers:
            out.add(t.token.i)
        return out


class EventExtractor:
    """Find, code and merge events.

    Assigns ``doc._.ng_events`` (a list of event dicts: id, type, mode, cameo, quad_class,
    goldstein, source, target, participants, place, date, quantities, factuality, trigger,
    evidence, evidence_all, confidence) and ``doc.spans["ng_event_triggers"]``. Appends to
    ``doc._.ng_actors`` the country (or town civilians) actors of places that events are
    done to when no actor of the text is their target ("strikes on Kyiv").
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        triggers: list[dict[str, Any]],
        complements: list[dict[str, Any]],
        modes: list[dict[str, Any]],
        cues: list[dict[str, Any]],
        quantities: list[dict[str, Any]],
        cameo: list[dict[str, Any]],
        spans_key: str = SPANS_KEY,
    ) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self._load(
            {
                "triggers": triggers,
                "complements": complements,
                "modes": modes,
                "cues": cues,
                "quantities": quantities,
                "cameo": cameo,
            }
        )

    # ------------------------------------------------------------------ state
    def _load(self, data: dict[str, list[dict[str, Any]]]) -> None:
        self.data = data
        self.lexicon = TriggerLexicon.from_dicts(data["triggers"])
        self.complements = ComplementTable.from_dicts(data["complements"])
        self.modes = ModeTable.from_dicts(data["modes"])
        self.cues = Cues.from_dicts(data["cues"])
        self.quantity_finder = QuantityFinder(QuantityLexicon.from_dicts(data["quantities"]))
        self.table: CameoTable = table_from_rows(data["cameo"])
        self._date_resolver: DateResolver | bool | None = False

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Serialise the lexicons, so a saved pipeline never depends on package data."""
        return srsly.msgpack_dumps(self.data)  # type: ignore[no-any-return]

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> EventExtractor:
        """Restore the lexicons written by ``to_bytes``."""
        self._load(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the lexicons as JSON into the component's folder."""
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_json(folder / "lexicons.json", self.data)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EventExtractor:
        """Read the lexicons written by ``to_disk``."""
        self._load(srsly.read_json(ensure_path(path) / "lexicons.json"))
        return self

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        """Find the events of one article and store them on ``doc._.ng_events``."""
        index = MentionIndex.build(doc)
        blocks = _block_starts(doc)
        drafts: list[Draft] = []
        for sent_index, sent in enumerate(doc.sents):
            block = _block_of(blocks, sent.start_char)
            found = self._sentence(sent, sent_index, block, index)
            self._attach_quantities(sent, sent_index, found, drafts)
            drafts.extend(found)
        events = self._merge_document(drafts)
        self._inherit_sources(events)
        placed: set[str] = set()
        for draft in events:
            # "strikes on Kyiv", "visited Amman": the place is the target when no telling of
            # the event names an actor as one (decided last, so merging is not split by it)
            stand_in = draft.args.place_target
            if draft.args.target is None and stand_in is not None and stand_in != draft.args.source:
                draft.args.target = stand_in
                draft.args.add_participant(stand_in)
                placed.add(stand_in)
            # "killed by an explosive device": the unidentified armed forces did it, when no
            # telling of the event names its doer
            unknown = draft.args.unknown_source
            if draft.args.source is None and unknown is not None and unknown != draft.args.target:
                draft.args.source = unknown
                draft.args.add_participant(unknown)
                placed.add(unknown)
        doc._.ng_events = [self._to_dict(doc, i, d) for i, d in enumerate(events, start=1)]
        index.materialise(doc, placed)
        group = []
        for draft in events:
            for trig in draft.triggers:
                span = doc.char_span(trig.start_char, trig.end_char, label=draft.type)
                if span is not None:
                    group.append(span)
        doc.spans[self.spans_key] = group
        return doc

    # ------------------------------------------------------------------ sentences
    def _anchor(self, trigger: Trigger) -> Token:
        """The verb whose clause carries the event.

        A verb anchors itself; an adjective ("ready to") its copula; a noun the verb it is
        the subject or object of, or the verb its preposition hangs from ("killed *in* an
        attack"), passing through one partitive "of" ("a wave *of* strikes").
        """
        token = trigger.token
        if token.pos_ in ("VERB", "AUX"):
            if trigger.row.complement == "modal" and token.head.i != token.i:
                return token.head
            return token
        if token.pos_ == "ADJ":
            return token.head if token.dep_ in ("acomp", "attr") else token
        node = token
        if node.dep_ == "compound" and self.cues.has("carrier_noun", node.head):
            node = node.head
        if node.dep_ == "conj":
            node = node.head
        if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative"):
            return node.head if node.head.pos_ in ("VERB", "AUX") else token
        if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent"):
            holder = node.head.head
            if holder.pos_ in ("VERB", "AUX"):
                return holder
            if node.head.lower_ == "of" and holder.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
                return holder.head if holder.head.pos_ in ("VERB", "AUX") else token
        return token

    def _is_event_word(self, trigger: Trigger) -> bool:
        """Whether a trigger word names an event rather than describing a thing.

        "riot police", "protest leaders" and "attack helicopters" are not events; "a
        mediation mission" and "the strike campaign" are (the head only carries them).
        Participles used as adjectives ("Russian-occupied Crimea", "banned parties",
        "downed drones") describe a state, not an event told by the sentence.
        """
        token = trigger.token
        if token.pos_ in ("VERB", "AUX") and token.dep_ == "amod":
            return False
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "compound":
            return True
        return self.cues.has("carrier_noun", token.head) or bool(
            self.lexicon.candidates(token.head)
        )

    def _is_comment(self, trigger: Trigger) -> bool:
        """Statements CAMEO files under comments (01), which PLOVER does not code.

        "declined to comment", "refused to confirm" (011) and "rejected the accusations",
        "denied any involvement" (016) are remarks about talk, not rejections of a
        proposal or demand; "a request for comment" is the reporter's, not an event.
        """
        row = trigger.row
        token = trigger.token
        if row.complement != "none" and any(
            c.dep_ in ("xcomp", "ccomp") and self.cues.has("non_event_complement", c)
            for c in token.children
        ):
            return True
        if token.pos_ == "NOUN" and any(
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(
                o.dep_ == "pobj" and self.cues.has("non_event_complement", o) for o in c.children
            )
            for c in token.children
        ):
            return True  # "did not respond to a request for comment": reporters asking
        return row.type == "REJECT" and any(
            c.dep_ in ("dobj", "nsubjpass") and self.cues.has("denial_object", c)
            for c in token.children
        )

    def _is_light(self, trigger: Trigger, anchor: Token) -> bool:
        """Whether the anchor only carries the noun ("*held* talks", "*launched* an attack")."""
        token = trigger.token
        if anchor.i == token.i or not self.cues.has("light_verb", anchor):
            return False
        if token.dep_ == "compound" and self.cues.has("carrier_noun", token.head):
            token = token.head
        if token.head.i == anchor.i and token.dep_ in LIGHT_ATTACH_DEPS:
            return True
        if token.dep_ == "conj" and token.head.head.i == anchor.i:
            return True
        if token.dep_ == "pobj" and token.head.head.i == anchor.i:
            return token.head.lower_ in ("for", "in", "on", "into", "to", "of")
        return token.dep_ == "pobj" and token.head.lower_ == "of"

    def _complement(self, token: Token, by_token: dict[int, Trigger]) -> Trigger | None:
        """The embedded event a governing word absorbs ("agreed to *meet*")."""
        candidates: list[Token] = []
        for child in token.children:
            if child.dep_ in ("xcomp", "ccomp", "dobj", "attr", "acomp", "acl", "oprd"):
                candidates.append(child)
            elif child.dep_ in ("prep", "prt") and child.lower_ in (
                "to",
                "for",
                "on",
                "of",
                "with",
            ):
                candidates.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
                candidates.extend(g for g in child.children if g.dep_ == "xcomp" or g.dep_ == "acl")
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "attr"):
            candidates.extend(c for c in token.head.children if c.dep_ == "xcomp")
        seen: set[int] = set()
        queue = list(candidates)
        while queue:
            cand = queue.pop(0)
            if cand.i in seen or cand.i == token.i:
                continue
            seen.add(cand.i)
            if cand.i in by_token:
                return by_token[cand.i]
            # "urged the allies to send": the xcomp hangs from the object
            queue.extend(
                c
                for c in cand.children
                if c.dep_ in ("xcomp", "acl", "relcl", "acomp", "advcl") and c.i not in seen
            )
            if cand.pos_ in ("VERB", "AUX"):
                queue.extend(c for c in cand.children if c.dep_ in ("conj", "dobj", "attr"))
        return None

    @staticmethod
    def _has_clause(token: Token) -> bool:
        """Whether a word governs a verb complement ("ready *to contribute*")."""
        holders = [token]
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "attr"):
            holders.append(token.head)
        return any(
            c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "to")
            for h in holders
            for c in h.children
        )

    def _modal_clause(self, trigger: Trigger) -> bool:
        """ "Officials said that X *must* release...": a demand reported by its maker."""
        clause = trigger.token.head
        return (
            trigger.token.dep_ == "aux"
            and clause.dep_ == "ccomp"
            and self.cues.has("speech_verb", clause.head)
        )

    def _sentence(
        self, sent: Span, sent_index: int, block: int, index: MentionIndex
    ) -> list[Draft]:
        triggers = [
            t for t in self.lexicon.find(sent) if self._is_event_word(t) and not self._is_comment(t)
        ]
        if not triggers:
            return []
        by_token = {t.token.i: t for t in triggers}
        absorbed: dict[int, int] = {}
        skipped: set[int] = set()
        for trigger in triggers:
            kind = trigger.row.complement
            if kind == "none":
                continue
            if kind == "modal":
                if not self._modal_clause(trigger):
                    skipped.add(trigger.token.i)
                    continue
                clause = trigger.token.head
                embedded = by_token.get(clause.i) or self._complement(clause, by_token)
            else:
                embedded = self._complement(trigger.token, by_token)
            if embedded is not None and embedded.token.i != trigger.token.i:
                if embedded.token.i not in absorbed:
                    absorbed[embedded.token.i] = trigger.token.i
            elif kind == "adopt" or (kind == "required" and not self._has_clause(trigger.token)):
                skipped.add(trigger.token.i)
        # a governor absorbed by another governor passes its complement up
        drafts: dict[int, Draft] = {}
        for trigger in triggers:
            if trigger.token.i in skipped:
                continue
            drafts[trigger.token.i] = self._draft(trigger, sent, sent_index, block, index)
        for inner_i, outer_i in sorted(absorbed.items(), key=lambda kv: -kv[0]):
            inner, outer = drafts.get(inner_i), drafts.get(outer_i)
            if inner is None or outer is None:
                continue
            if (
                outer.type == "THREATEN"
                and inner.args.source not in (None, outer.args.source)
                and inner.trigger.token.pos_ in ("VERB", "AUX")
            ):
                # "officials warned that Russia could strike": a warning about someone
                # else's act is a comment, and the act keeps its own event (but "warned
                # that police will not tolerate *rallies* by X" warns X: the noun's owner
                # is not who acts)
                outer.absorbed = True
                continue
            self._absorb(outer, inner)
        kept = [d for d in drafts.values() if not d.absorbed]
        self._absorb_purposes(kept)
        kept = [d for d in kept if not d.absorbed]
        self._rank(kept)
        kept = self._merge_sentence(kept)
        return kept + self._intent_twins(kept)

    def _draft(
        self, trigger: Trigger, sent: Span, sent_index: int, block: int, index: MentionIndex
    ) -> Draft:
        row = trigger.row
        anchor = self._anchor(trigger)
        light = self._is_light(trigger, anchor)
        if row.complement == "modal":
            speech = anchor.head
            assessment = assess(speech, speech, self.cues)
            factuality = "negated" if assessment.value == "negated" else "asserted"
            parsed = Arguments()
            subject, _ = args_mod.subject_of(speech)
            parsed.source = index.actor_of(subject)
            target, _ = args_mod.subject_of(anchor)
            parsed.target = index.actor_of(target)
            if parsed.target == parsed.source:
                parsed.target = None
            parsed.add_participant(parsed.source)
            parsed.add_participant(parsed.target)
            intent = conditional = False
            event_type, cameo = row.type, row.cameo
        else:
            assessment = assess(trigger.token, anchor, self.cues)
            factuality = assessment.value
            intent, conditional = assessment.intent, assessment.conditional
            event_type, cameo = row.type, row.cameo
            if assessment.own_negation and row.negated_type:
                event_type, cameo = row.negated_type, row.negated_cameo or row.cameo
                factuality = "asserted"
            parsed = args_mod.extract(
                index,
                event_type,
                trigger.token,
                anchor,
                borrow_from_anchor=light
                or (anchor.i != trigger.token.i and trigger.token.pos_ == "ADJ"),
                swap=row.swap,
                event_words=self.lexicon.lemmas,
            )
        mode = row.mode if event_type == row.type else None
        if mode is None and event_type == row.type:
            hit = self.modes.lookup(event_type, _mode_scope(trigger.token, anchor))
            if hit:
                mode, cameo = hit
        if mode is None:
            mode = self.table.mode(cameo)
        confidence = row.confidence
        if anchor.dep_ == "ROOT" or (anchor.head.dep_ == "ROOT" and anchor.dep_ == "ccomp"):
            confidence += 0.08
        if trigger.token.pos_ in ("NOUN", "PROPN") and not light:
            confidence -= 0.1
        if parsed.source:
            confidence += 0.04
        if parsed.target:
            confidence += 0.03
        start, end = _sentence_bounds(sent)
        return Draft(
            trigger=trigger,
            anchor=anchor,
            type=event_type,
            cameo=cameo,
            mode=mode,
            factuality=factuality,
            args=parsed,
            sent=sent,
            sent_index=sent_index,
            block=block,
            confidence=confidence,
            evidence=[(start, end)],
            triggers=[trigger],
            intent=intent,
            conditional=conditional,
        )

    def _absorb(self, outer: Draft, inner: Draft) -> None:
        """Fold an embedded event into the event that governs it."""
        inner.absorbed = True
        row = outer.trigger.row
        if row.complement == "adopt":
            outer.type, outer.cameo, outer.mode = inner.type, inner.cameo, inner.mode
            outer.factuality = (
                inner.factuality if inner.factuality == "negated" else outer.factuality
            )
        elif outer.type == row.type:
            outer_type = outer.type
            if outer_type == "AGREE" and inner.type in CONFLICT_TYPES and row.lemma != "agree":
                outer_type = "THREATEN"  # "vowed to retaliate", "prepared to impose martial law"
            refined = self.complements.refine(outer_type, inner.type)
            if refined:
                outer.type = outer_type
                outer.cameo, mode = refined
                if row.cameo.startswith("02") and outer.cameo.startswith("10"):
                    # an appeal keeps CAMEO's parallel 02x code ("urged X to meet": 026)
                    outer.cameo = "02" + outer.cameo[2:]
                if mode:
                    outer.mode = mode
        if outer.args.target is None:
            target = inner.args.target
            if target is None and inner.args.source not in (None, outer.args.source):
                target = inner.args.source
            outer.args.target = target
            outer.args.add_participant(target)
        if (
            outer.args.source is None
            and row.complement in ("adopt", "required", "absorb")
            and inner.args.source
            and inner.args.source != outer.args.target
        ):
            outer.args.source = inner.args.source
            outer.args.add_participant(inner.args.source)
        if outer.args.place is None:
            outer.args.place = inner.args.place
        if outer.args.place_target is None:
            outer.args.place_target = inner.args.place_target
        for quantity in inner.quantities:
            _add_quantity(outer, quantity)

    def _absorb_purposes(self, drafts: list[Draft]) -> None:
        """A verbal event that states the purpose of an action is part of it.

        "Students staged demonstrations *to demand* reforms" is one PROTEST; "blocked roads
        *demanding* his return" too.
        """
        by_token = {t.token.i: d for d in drafts for t in d.triggers}
        by_anchor = {d.anchor.i: d for d in drafts}
        for draft in drafts:
            token = draft.trigger.token
            if draft.type not in VERBAL_TYPES or token.dep_ not in ("advcl", "xcomp", "acl"):
                continue
            head = token.head
            owner = by_token.get(head.i) or by_anchor.get(head.i)
            if owner is None or owner is draft or owner.type in VERBAL_TYPES:
                continue
            draft.absorbed = True
            if owner.args.target is None and draft.args.target not in (None, owner.args.source):
                owner.args.target = draft.args.target
            for actor in draft.args.participants:
                owner.args.add_participant(actor)

    @staticmethod
    def _rank(drafts: list[Draft]) -> None:
        """An event inside another event's clause is less central ("condemned the *attack*")."""
        tokens = {t.token.i for d in drafts for t in d.triggers}
        for draft in drafts:
            node = draft.trigger.token
            steps = 0
            while node.head.i != node.i and steps < 12:
                node = node.head
                steps += 1
                if node.i in tokens and node.i != draft.anchor.i:
                    draft.confidence -= 0.12
                    break

    def _intent_twins(self, drafts: list[Draft]) -> list[Draft]:
        """Statements of intent as PLOVER codes them, beside the future event itself.

        PLOVER reads "all cooperative actions reported in future tense" as AGREE, and a
        stated resolve to use force or pressure ("will extend the curfew", "would tighten
        the blockade", "may halt mediation if...") as THREATEN. The future event keeps its
        own type and factuality ("X will meet Y" is a future CONSULT); the statement, which
        has been made, is an asserted AGREE or THREATEN with the same parties.
        """
        twins = []
        for draft in drafts:
            if self.cues.has("participation_verb", draft.anchor) and draft.type == "CONSULT":
                continue
            if draft.definite:
                continue  # "the summit would discuss": the intent was stated with the summit
            if (
                draft.factuality in ("future", "hypothetical")
                and draft.intent
                and draft.type in COOPERATIVE_TYPES
            ):
                twin_type = "AGREE"  # a promise, conditional or not
            elif draft.type in CONFLICT_TYPES and (
                (draft.factuality == "future" and draft.intent)
                or (draft.factuality == "hypothetical" and draft.conditional)
            ):
                twin_type = "THREATEN"
            else:
                continue
            refined = self.complements.refine(twin_type, draft.type)
            if refined is None:
                continue
            cameo, mode = refined
            twin = Draft(
                trigger=draft.trigger,
                anchor=draft.anchor,
                type=twin_type,
                cameo=cameo,
                mode=mode,
                factuality="asserted",
                args=Arguments(
                    source=draft.args.source,
                    target=draft.args.target,
                    participants=list(draft.args.participants),
                    place=draft.args.place,
                ),
                sent=draft.sent,
                sent_index=draft.sent_index,
                block=draft.block,
                confidence=draft.confidence - 0.03,
                evidence=list(draft.evidence),
                triggers=list(draft.triggers),
            )
            twins.append(twin)
        return twins

    @staticmethod
    def _compatible(a: Draft, b: Draft, *, coreferent: bool = False) -> bool:
        """Whether two mentions can be one event: same type, no conflicting party or place.

        A definite mention ("the meeting follows weeks of contacts") refers back to an event
        whatever its own tense, so ``coreferent`` only keeps negated mentions apart.
        """
        if a.type != b.type:
            return False
        if a.factuality != b.factuality and (
            not coreferent or "negated" in (a.factuality, b.factuality)
        ):
            return False
        for x, y in (
            (a.args.source, b.args.source),
            (a.args.target, b.args.target),
            (a.args.place, b.args.place),
        ):
            if x and y and x != y:
                # "X attacked Y" and "Y attacked X" are two events; same pair in any role is one
                return False
        return True

    def _merge_into(self, keep: Draft, other: Draft) -> None:
        """Fold a mention into the event it tells: evidence, parties, counts, missing slots."""
        for slot in ("source", "target", "place", "place_target", "unknown_source"):
            if slot == "target" and keep.args.place_target is not None:
                # "shelled the city of Kherson" is done to Kherson's people, whatever another
                # telling names: the headline's "Ukraine's Kherson" is coarser, and in "several
                # of the attackers had been killed" the dead are not who the raid was done to
                continue
            if getattr(keep.args, slot) is None and getattr(other.args, slot) is not None:
                setattr(keep.args, slot, getattr(other.args, slot))
        if keep.args.target == keep.args.source:
            keep.args.target = next(
                (
                    actor
                    for actor in (other.args.target, other.args.source)
                    if actor and actor != keep.args.source
                ),
                None,
            )
        for actor in other.args.participants:
            keep.args.add_participant(actor)
        if keep.mode is None and other.mode is not None:
            keep.mode, keep.cameo = other.mode, other.cameo
        elif len(other.cameo) > len(keep.cameo) and other.cameo.startswith(keep.cameo[:2]):
            keep.cameo = other.cameo
        for span in other.evidence:
            if span not in keep.evidence:
                keep.evidence.append(span)
        keep.triggers.extend(other.triggers)
        for quantity in other.quantities:
            _add_quantity(keep, quantity)
        keep.confidence = max(keep.confidence, other.confidence)
        other.dropped = True

    def _merge_sentence(self, drafts: list[Draft]) -> list[Draft]:
        """One event per type and parties in a sentence ("killed ... in an attack")."""
        ordered = sorted(
            drafts, key=lambda d: (d.weak, -d.trigger.row.confidence, d.trigger.token.i)
        )
        kept: list[Draft] = []
        for draft in ordered:
            target = next((k for k in kept if self._compatible(k, draft)), None)
            if target is None:
                kept.append(draft)
            else:
                self._merge_into(target, draft)
        kept.sort(key=lambda d: d.trigger.token.i)
        return kept

    # ------------------------------------------------------------------ quantities
    def _attach_quantities(
        self, sent: Span, sent_index: int, drafts: list[Draft], previous: list[Draft]
    ) -> None:
        """Give each count of the sentence to its event, or to a recent one that fits."""
        if not drafts and not any(
            not d.dropped and d.sent_index >= sent_index - WEAK_WINDOW for d in previous
        ):
            return  # no event here or close before: a count would have no owner
        mentions = self.quantity_finder.find(sent)
        for mention in mentions:
            owner = self._owner(sent, mention, drafts)
            if owner is None:
                owner = next(
                    (
                        d
                        for d in reversed(previous)
                        if not d.dropped
                        and d.sent_index >= sent_index - WEAK_WINDOW
                        and _fits(d, mention.status)
                        and d.factuality == "asserted"
                    ),
                    None,
                )
            if owner is not None:
                _add_quantity(owner, mention)

    @staticmethod
    def _owner(sent: Span, mention: QuantityMention, drafts: list[Draft]) -> Draft | None:
        if not drafts:
            return None
        doc = sent.doc
        token = doc[mention.status_token]
        for _ in range(8):
            for draft in drafts:
                if token.i in draft.tokens() and _fits(draft, mention.status):
                    return draft
            if token.head.i == token.i:
                break
            token = token.head
        fitting = [d for d in drafts if _fits(d, mention.status)]
        if not fitting:
            return None
        return min(fitting, key=lambda d: abs(d.trigger.token.i - mention.status_token))

    # ------------------------------------------------------------------ document
    def _merge_document(self, drafts: list[Draft]) -> list[Draft]:
        """Merge later mentions of an event into its first telling."""
        events: list[Draft] = []
        lead_block = _lead_block(drafts)
        for draft in drafts:
            antecedent = self._antecedent(draft, events, lead_block)
            if antecedent is None:
                if draft.weak and draft.factuality == "negated":
                    continue
                if self._orphan_participation(draft):
                    continue
                events.append(draft)
                continue
            if antecedent.block == 0 and draft.block != 0:
                # a headline and its lead: the lead sentence is the better evidence
                draft_first = draft
                self._merge_into(draft_first, antecedent)
                events[events.index(antecedent)] = draft_first
                draft_first.evidence.sort()
            else:
                self._merge_into(antecedent, draft)
        return [e for e in events if not e.dropped]

    def _antecedent(
        self, draft: Draft, events: Sequence[Draft], lead_block: int | None
    ) -> Draft | None:
        participation = any(
            self.cues.has("participation_verb", token)
            for token in (draft.anchor, *(t.token for t in draft.triggers))
        )
        lemmas = {t.token.lemma_.lower() for t in draft.triggers if t.token.pos_ == "NOUN"}
        for event in reversed(events):
            if event.dropped:
                continue
            gap = draft.sent_index - event.sent_index
            if (
                draft.definite
                and gap <= MERGE_WINDOW
                and self._compatible(event, draft, coreferent=True)
            ):
                return event
            if (
                participation
                and draft.type == "CONSULT"
                and event.type == "CONSULT"
                and gap <= 6
                and "negated" not in (event.factuality, draft.factuality)
            ):
                # "Merz, Starmer and Meloni are due to attend": parties to the meeting
                return event
            if not self._compatible(event, draft):
                continue
            if (
                draft.type == "CONSULT"
                and gap <= MERGE_WINDOW
                and lemmas & {t.token.lemma_.lower() for t in event.triggers}
            ):
                # the summit mentioned in four sentences is one summit
                return event
            if (
                draft.args.place
                and draft.args.place == event.args.place
                and gap <= PLACE_WINDOW
                and draft.type in PLACE_MERGE_TYPES
            ):
                return event
            if draft.weak and not draft.args.source and gap <= WEAK_WINDOW:
                return event
            if (
                gap <= 1
                and draft.type in PLACE_MERGE_TYPES
                and event.args.source
                and draft.args.source in (None, event.args.source)
                and draft.args.place in (None, event.args.place)
            ):
                # the next sentence tells how the attack went ("killed in Tuesday's attack by
                # the RSF on a market in El Fasher. The paramilitary group fired dozens of
                # shells into ..."): its source, if any, is the attacker already named; a strike
                # on a place the first telling did not name is an event of its own
                return event
            if (
                event.block == 0
                and lead_block is not None
                and lead_block <= draft.block <= lead_block + 2
            ):
                return event
            if (
                gap <= 2
                and draft.args.source
                and draft.args.source == event.args.source
                and draft.args.target == event.args.target
                and draft.trigger.token.lemma_ == event.trigger.token.lemma_
            ):
                return event
        return None

    def _orphan_participation(self, draft: Draft) -> bool:
        """ "X will also take part" names a party to a meeting told before, or nothing."""
        return (
            draft.type == "CONSULT"
            and len(draft.triggers) == 1
            and self.cues.has("participation_verb", draft.anchor)
            and draft.trigger.row.confidence < 0.6
        )

    @staticmethod
    def _inherit_sources(events: list[Draft]) -> None:
        """An unattributed attack right after an attributed one is taken to be by the same side.

        Wire copy says "Russia launched 143 drones ... At least two people were killed in an
        attack on Mykolaiv": the second sentence names no attacker. The source (and target)
        of the nearest earlier ASSAULT within three sentences fill the gap, with less
        confidence.
        """
        for i, event in enumerate(events):
            if event.type != "ASSAULT" or event.args.source is not None:
                continue
            for earlier in reversed(events[:i]):
                if earlier.type != "ASSAULT" or earlier.args.source is None:
                    continue
                if event.sent_index - earlier.sent_index > 3:
                    break
                if event.args.target and event.args.target not in (
                    earlier.args.target,
                    earlier.args.source,
                ):
                    break
                if event.args.target == earlier.args.source:
                    break
                event.args.source = earlier.args.source
                if event.args.target is None:
                    event.args.target = earlier.args.target
                event.args.add_participant(event.args.source)
                event.args.add_participant(event.args.target)
                event.confidence -= 0.1
                break

    # ------------------------------------------------------------------ output
    def _resolve_date(self, doc: Doc, draft: Draft) -> dict[str, Any]:
        """The event's date from the dates component, when it is installed.

        Each mention's trigger is asked in turn; the first date the text gives (explicit or
        relative) wins over the document date, so "the summit ... on Tuesday" dates the
        summit even when its first mention has no date.
        """
        resolver = self._date_resolver
        if resolver is False:
            resolver = self._date_resolver = _find_date_resolver()
        empty: dict[str, Any] = {"value": None, "text": None, "date_type": "unresolved"}
        if not callable(resolver):
            return empty
        fallback = empty
        for trigger in draft.triggers:
            try:
                found = resolver(doc, trigger.start_char, trigger.end_char)
            except Exception:  # a bug in another component must not lose the event
                logger.exception("event date resolver failed")
                return empty
            if not isinstance(found, dict):
                continue
            value = {
                "value": found.get("value"),
                "text": found.get("text"),
                "date_type": found.get("date_type") or "unresolved",
            }
            if value["date_type"] in ("explicit", "relative"):
                return value
            if fallback is empty and value["value"] is not None:
                fallback = value
        return fallback

    def _to_dict(self, doc: Doc, number: int, draft: Draft) -> dict[str, Any]:
        trigger = draft.trigger
        start, end = draft.evidence[0]
        confidence = draft.confidence + 0.03 * (len(draft.evidence) - 1)
        return {
            "id": f"e{number}",
            "type": draft.type,
            "mode": draft.mode,
            "cameo": draft.cameo,
            "quad_class": quad_class(draft.cameo, draft.type),
            "goldstein": self.table.goldstein(draft.cameo),
            "source": draft.args.source,
            "target": draft.args.target,
            "participants": list(draft.args.participants),
            "place": draft.args.place,
            "date": self._resolve_date(doc, draft),
            "quantities": [q.as_dict() for q in sorted(draft.quantities, key=lambda q: q.start)],
            "factuality": draft.factuality,
            "trigger": [trigger.start_char, trigger.end_char],
            "evidence": [start, end],
            "evidence_all": [list(span) for span in sorted(draft.evidence)],
            "confidence": round(min(0.99, max(0.05, confidence)), 2),
        }


# ---------------------------------------------------------------------- helpers
def _find_date_resolver() -> DateResolver | None:
    """The dates component's event-date function, when that module is installed."""
    try:
        module = importlib.import_module("newsgraph.dates.resolve")
    except ImportError:
        return None
    resolver = getattr(module, "event_date", None)
    return resolver if callable(resolver) else None


def _fits(draft: Draft, status: str) -> bool:
    """Whether a count with this status belongs to an event of the draft's type."""
    if status in MUNITION_STATUSES or status in CASUALTY_STATUSES:
        return draft.type in ("ASSAULT", "COERCE", "PROTEST") and (
            status in CASUALTY_STATUSES or draft.type == "ASSAULT"
        )
    if status in CUSTODY_STATUSES:
        return draft.type in ("COERCE", "ASSAULT", "PROTEST")
    return draft.type in ("ASSAULT", "COERCE", "PROTEST", "RETREAT", "COOPERATE")


def _add_quantity(draft: Draft, mention: QuantityMention) -> None:
    """Add a count to an event unless it repeats one it has ("at least two" ... "two")."""
    for existing in draft.quantities:
        same_place = existing.start < mention.end and mention.start < existing.end
        same_fact = (
            existing.status == mention.status
            and existing.value == mention.value
            and (existing.value is not None or existing.lower == mention.lower)
        )
        if same_place or same_fact:
            return
    draft.quantities.append(mention)


def _sentence_bounds(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(start, end)


def _block_starts(doc: Doc) -> list[tuple[int, str]]:
    blocks = doc._.ng_blocks or []
    return sorted((int(b["start"]), str(b["kind"])) for b in blocks)


def _block_of(blocks: list[tuple[int, str]], start: int) -> int:
    """Block number of a character offset: 0 is the title, then 1, 2... (-1 without blocks)."""
    if not blocks:
        return -1
    number = -1
    for i, (begin, _) in enumerate(blocks):
        if begin <= start:
            number = i
    if number >= 0 and blocks[number][1] == "title":
        return 0
    has_title = blocks[0][1] == "title"
    return number + (0 if has_title else 1)


def _lead_block(drafts: Sequence[Draft]) -> int | None:
    """The first block after the title that holds an event (the lead paragraph)."""
    return next((d.block for d in drafts if d.block > 0), None)


def _mode_scope(trigger: Token, anchor: Token) -> list[Token]:
    """Words near the event that may name its weapon or medium (drones, by phone)."""
    out: list[Token] = [trigger]
    for token in {trigger, anchor}:
        for child in token.children:
            if child.dep_ in (
                "nsubj",
                "dobj",
                "nsubjpass",
                "compound",
                "amod",
                "npadvmod",
                "agent",
            ):
                out.append(child)
                out.extend(g for g in child.children if g.dep_ in ("compound", "amod", "nmod"))
            elif child.dep_ == "prep" and child.lower_ in (
                "with",
                "by",
                "in",
                "using",
                "from",
                "via",
                "over",
            ):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.append(pobj)
                        out.extend(g for g in pobj.children if g.dep_ in ("compound", "amod"))
    return out


@Language.factory(
    "ng_events",
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc._.ng_actors"],
    assigns=["doc._.ng_events", "doc.spans", "doc._.ng_actors"],
    default_config={
        "triggers": {"@misc": "newsgraph.event_triggers.v1"},
        "complements": {"@misc": "newsgraph.event_complements.v1"},
        "modes": {"@misc": "newsgraph.event_modes.v1"},
        "cues": {"@misc": "newsgraph.event_cues.v1"},
        "quantities": {"@misc": "newsgraph.event_quantities.v1"},
        "cameo": {"@misc": "newsgraph.cameo_plover.v1"},
        "spans_key": SPANS_KEY,
    },
)
def make_event_extractor(
    nlp: Language,
    name: str,
    triggers: list[dict[str, Any]],
    complements: list[dict[str, Any]],
    modes: list[dict[str, Any]],
    cues: list[dict[str, Any]],
    quantities: list[dict[str, Any]],
    cameo: list[dict[str, Any]],
    spans_key: str,
) -> EventExtractor:
    """Build the ``ng_events`` component from its lexicons."""
    return EventExtractor(
        nlp,
        name,
        triggers=triggers,
        complements=complements,
        modes=modes,
        cues=cues,
        quantities=quantities,
        cameo=cameo,
        spans_key=spans_key,
    )
