"""Event arguments: who did it (source), to whom (target), the parties, and where.

Arguments come from the sentence structure around the trigger: the subject and object of an
active verb, the by-phrase and subject of a passive ("was attacked by"), the prepositional
objects that name a counterpart ("talks *with*", "strikes *on*", "sanctions *against*"),
the possessor or nationality of an event noun ("Russia's attack", "EU sanctions"), and the
subject of the light verb that carries a noun ("Russia *launched* an attack").

A word becomes an actor id by the mention spans of ``doc._.ng_actors``: the word itself, or
the nearest actor mention inside its noun phrase ("Ukraine's air force", "the southern city
of Kherson"), or, for a pronoun, the nearest earlier actor of a fitting kind. Places come
from ``doc._.ng_places`` in the same way, from the prepositional objects of the event's
clause ("in Kherson", "on Kyiv"). A place the event is done to stands for its country (or,
for an attack on a town, the town's civilians) when no actor is the target, as CAMEO codes
"strikes on Kyiv" and "visited Amman". When nothing nearer names a target, an "against"
or "on" phrase deeper in the clause does ("reservists for a war *against Iraq*"), and a
blast no one is named behind is put down to the unidentified armed forces (UAF) of the
country where it went off, as the PLOVER gold records code it.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)

TARGET_PREPS = frozenset(
    {
        "on",
        "against",
        "at",
        "with",
        "to",
        "into",
        "upon",
        "toward",
        "towards",
        "between",
        "of",
        "for",
    }
)
"""Prepositions whose object can be an event's target ("strikes on", "talks with")."""

PREP_PRIORITY: dict[str, tuple[str, ...]] = {
    "CONSULT": ("with", "between", "among", "to", "for"),
    "COOPERATE": ("with", "between", "to"),
    "AGREE": ("with", "between", "to", "for"),
    "AID": ("to", "for"),
    "SUPPORT": ("for", "with", "to", "of"),
    "ASSAULT": ("on", "against", "at", "upon", "with", "into", "of"),
    "SANCTION": ("on", "against", "with", "among", "of", "to"),
    "COERCE": ("on", "against", "of", "into"),
    "REQUEST": ("to", "on", "from", "for"),
    "ACCUSE": ("of", "against", "on", "over", "about", "for", "with"),
    "REJECT": ("from", "of", "by", "with", "to"),
    "THREATEN": ("against", "on", "with", "to"),
    "PROTEST": ("against", "outside", "at"),
    "MOBILIZE": ("against", "toward", "towards", "near", "on"),
    "RETREAT": ("from", "to", "for", "of"),
    "CONCEDE": ("to", "for"),
}
"""Per PLOVER type, the prepositions that introduce the target, most telling first."""

PLACE_PREP_ORDER = (
    "in",
    "at",
    "on",
    "near",
    "outside",
    "inside",
    "into",
    "across",
    "over",
    "around",
    "off",
    "to",
)
"""Prepositions whose object can be the event's place ("in Kherson", "on Kyiv"), best first."""

PLACE_PREPS = frozenset(PLACE_PREP_ORDER)

DOBJ_PLACE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT"})
"""Types whose object can be a place ("shelled Kherson", "occupied the town"); a meeting
"discussing Arctic security" is not in the Arctic."""

VISIT_LEMMAS = frozenset({"visit", "tour", "arrive", "travel", "trip", "fly"})
"""Meeting words whose place is the host, and so the counterpart ("arrived in Amman")."""

STANCE_TYPES = frozenset({"REJECT", "AGREE", "SUPPORT"})
"""Types a participle can state as a stance ("is opposed to", "is committed to")."""

CIVILIAN_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
"""Types whose target, when only a town is named, is the town's people ("shelled Kherson",
"imposed a curfew in Cizre"): CAMEO's civilians (CVL)."""

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})

PREPS_FIRST_TYPES = frozenset({"AID", "AGREE", "RETREAT"})
"""Types whose direct object is the thing given or moved, not the counterpart: "offered its
troops *to Lebanon*", "withdrew its forces *from Panama*"."""

SELF_PASSIVE_TYPES = frozenset({"RETREAT"})
"""Types whose passive subject did the act: "guerrillas have been demobilized"."""

CLAUSE_TARGET_TYPES = frozenset(
    {"REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE", "CONCEDE", "RETREAT", "PROTEST"}
)
"""Types whose counterpart may be the subject of a complement clause: "demanded that
*North Korea* forsake its programme", "protested that *the authorities* had failed"."""

NESTED_TARGET_PREPS = ("against", "on", "upon", "toward", "towards")
"""Prepositions that name whom an act is aimed at however deep they hang in the clause:
"mobilized reservists for a war *against Iraq*", "refused to lift the curfew *on
Palestinians*". Read only when no nearer word names a target."""

NESTED_STOP_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "relcl", "parataxis", "acl", "conj"}
)
"""Dependencies that lead out of the event's own clause: a nested target is not sought there,
except in a purpose clause ("blocked a road *to show* their disapproval")."""

STANCE_NOUNS = frozenset(
    {"defiance", "protest", "disapproval", "opposition", "condemnation", "retaliation", "revenge"}
)
"""Nouns whose object is whom a stance is taken against: "in *defiance of* Chinese
authorities", "in *protest of* the government's refusal", "in *retaliation for* the raid"."""

STANCE_PREPS = frozenset({"of", "for", "against", "at", "to"})

SETTING_PREPS = frozenset({"in", "after", "during", "amid"})
"""Prepositions that set a noun event in the action of a verb: "retook the village *after
fighting* with guerrillas": who did the verb's deed fought."""

PREP_OBJECT_DEPS = frozenset({"det", "nummod", "amod", "compound", "poss", "case", "quantmod"})
"""Dependents that open a noun phrase: read past them to a stray preposition's object."""
"""Types where "X and Y met" makes Y the counterpart when no object names one."""

WEAPON_LEMMAS = frozenset(
    {
        "bomb",
        "explosion",
        "blast",
        "device",
        "mine",
        "minefield",
        "landmine",
        "explosive",
        "ied",
        "grenade",
        "booby",
    }
)
"""Nouns of a blast with no one named behind it ("killed by an improvised explosive device",
"a minefield explosion killed"): PLOVER's unidentified armed forces (UAF) did it."""

CAPITAL_WINDOW = 4
"""How many words before a place may call it the capital ("the capital city of Algiers")."""

NP_CHILD_DEPS = ("appos", "compound", "poss", "amod", "nmod", "npadvmod")

TOWN_NOUNS = frozenset({"city", "town", "village", "capital", "port", "suburb", "district"})
"""Nouns of a named town ("the city of Kherson"): the phrase names a place, not its country."""

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})


def _norm(name: str) -> str:
    name = name.strip()
    for suffix in ("'s", "\u2019s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.lower().startswith("the "):
        name = name[4:]
    return " ".join(name.lower().split())


@dataclass
class MentionIndex:
    """Token -> actor id and token -> place id, from the actor and place mention spans."""

    doc: Doc
    actors: dict[str, dict[str, Any]]
    places: dict[str, dict[str, Any]]
    token_actor: dict[int, str] = field(default_factory=dict)
    token_place: dict[int, str] = field(default_factory=dict)
    actor_by_name: dict[str, str] = field(default_factory=dict)
    place_by_name: dict[str, str] = field(default_factory=dict)
    ends: list[int] = field(default_factory=list)
    ordered: list[tuple[int, int, str]] = field(default_factory=list)
    stand_ins: dict[str, str] = field(default_factory=dict)
    """Place id -> the id of the country actor that place stands for as an event target."""
    new_actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Country actors created for places acted upon, by id (added only if an event keeps them)."""

    @classmethod
    def build(cls, doc: Doc) -> MentionIndex:
        """Index the mentions of ``doc._.ng_actors`` and ``doc._.ng_places``."""
        actors = {a["id"]: a for a in doc._.ng_actors or []}
        places = {p["id"]: p for p in doc._.ng_places or []}
        index = cls(doc, actors, places)
        spans: list[tuple[int, int, int, str]] = []
        for actor in actors.values():
            index.actor_by_name.setdefault(_norm(actor.get("name") or ""), actor["id"])
            for start, end in actor.get("mentions") or []:
                spans.append((end - start, int(start), int(end), actor["id"]))
                index.ordered.append((int(start), int(end), actor["id"]))
        # shortest mention wins a token: "Ukraine" inside "Ukraine's air force" is Ukraine
        for _, start, end, actor_id in sorted(spans, reverse=True):
            for token in _tokens(doc, start, end):
                index.token_actor[token] = actor_id
        for place in places.values():
            index.place_by_name.setdefault(_norm(place.get("name") or ""), place["id"])
            for start, end in place.get("mentions") or []:
                for token in _tokens(doc, int(start), int(end)):
                    index.token_place.setdefault(token, place["id"])
        index.ordered.sort(key=lambda m: m[1])
        index.ends = [m[1] for m in index.ordered]
        return index

    def kind(self, actor_id: str) -> str:
        """The kind of an actor (person, organization, country, group)."""
        return str(self.actors.get(actor_id, {}).get("kind") or "")

    # -------------------------------------------------------------- actors
    def actor_of(self, token: Token | None, depth: int = 0) -> str | None:
        """The actor a noun phrase headed by ``token`` refers to, or None."""
        if token is None or depth > 3:
            return None
        found = self.token_actor.get(token.i)
        if found:
            return found
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ in ("relcl", "acl"):
            return self.actor_of(token.head.head, depth + 1)
        if token.pos_ == "PRON" or lower in PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS:
            return self.pronoun(token)
        if lower in TOWN_NOUNS and self.place_of(token):
            # "the southern Ukrainian city of Kherson" is the town, not Ukraine: the place
            # stands for its people when the event is done to it (``place_actor``)
            return None
        for dep in NP_CHILD_DEPS:
            for child in token.children:
                if child.dep_ == dep:
                    found = (
                        self.actor_of(child, depth + 1)
                        if dep != "poss"
                        else (self.token_actor.get(child.i) or self.actor_of(child, depth + 1))
                    )
                    if found:
                        return found
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("of", "from", "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.actor_of(pobj, depth + 1)
                        if found:
                            return found
        place = self.token_place.get(token.i)
        if place:
            name = _norm(self.places[place].get("name") or "")
            return self.actor_by_name.get(name)
        return None

    def pronoun(self, token: Token) -> str | None:
        """Resolve a personal pronoun to the nearest earlier actor of a fitting kind.

        "he"/"she" take a person; "it"/"its" a country, organization or group; "they"
        anything but a single person. The search stays within the last 600 characters, about
        two or three sentences of news copy.
        """
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            kinds = {"person"}
        elif lower in THING_PRONOUNS:
            kinds = {"country", "organization", "group"}
        elif lower in PLURAL_PRONOUNS:
            kinds = {"country", "organization", "group", "person"}
        else:
            return None
        position = bisect_right(self.ends, token.idx)
        for k in range(position - 1, -1, -1):
            _, end, actor_id = self.ordered[k]
            if token.idx - end > 600:
                break
            if self.kind(actor_id) in kinds:
                return actor_id
        return None

    def called_capital(self, place_id: str) -> bool:
        """Whether the text calls the place the capital ("the capital Kabul", "the capital
        city of Algiers"): the GSR codes a capital so named as its government (GOV)."""
        for start, _ in self.places.get(place_id, {}).get("mentions") or []:
            span = self.doc.char_span(int(start), int(start) + 1, alignment_mode="expand")
            if span is None:
                continue
            before = self.doc[max(span.sent.start, span.start - CAPITAL_WINDOW) : span.start]
            if any(t.lower_ == "capital" for t in before):
                return True
        return False

    def place_actor(self, place_id: str, *, civilians: bool = False) -> str | None:
        """The actor a place stands for when an event is done to it.

        CAMEO codes "visited Amman" with the place's country as the target (JOR): the
        article's own actor for that country is used when it has one, otherwise a country
        actor named as the text names the place is made. With ``civilians`` (an attack or a
        curfew on a town) the target is the town's people, coded country + CVL ("shelled
        Kherson": UKRCVL), unless the text calls the town the capital: then it stands for
        the government ("bombs in the capital Kabul": AFGGOV), as the GSR codes capitals.
        Nothing is written to the document here: ``materialise`` adds what the kept events
        use.
        """
        key = f"{place_id}:CVL" if civilians else place_id
        if key in self.stand_ins:
            return self.stand_ins[key]
        place = self.places.get(place_id) or {}
        country = place.get("country")
        if not isinstance(country, str) or len(country) != 3:
            return None
        civilians = civilians and place.get("feature_class") == "P"
        capital = place.get("feature_class") == "P" and self.called_capital(place_id)
        sector = "GOV" if capital else "CVL" if civilians else ""
        code = country + sector
        kind = "group" if civilians or capital else "country"
        name = place.get("name") or country
        existing = next(
            (
                a["id"]
                for a in self.actors.values()
                if a.get("kind") == kind
                and a.get("code") == code
                and (not sector or a.get("name") == name)  # each town's own people
            ),
            None,
        )
        if existing is None:
            numbers = [int(i[1:]) for i in self.actors if i[1:].isdigit()]
            existing = f"a{max(numbers, default=0) + 1}"
            actor: dict[str, Any] = {
                "id": existing,
                "name": name,
                "kind": kind,
                "country": country,
                "code": code,
                "roles": [],
                "mentions": [],
            }
            self.actors[existing] = actor
            self.new_actors[existing] = actor
        self.stand_ins[key] = existing
        return existing

    def unidentified_attacker(self, weapon: Token, country: str) -> str:
        """A stand-in source for a blast no actor is named behind: the country's UAF.

        The GSR codes "killed by an improvised explosive device outside Basra" with the
        unidentified armed forces of the country where it went off (IRQUAF). The actor's
        mention is the weapon's phrase; ``materialise`` adds it if a kept event uses it.
        """
        key = f"uaf:{country}"
        if key in self.stand_ins:
            return self.stand_ins[key]
        numbers = [int(i[1:]) for i in self.actors if i[1:].isdigit()]
        actor_id = f"a{max(numbers, default=0) + 1}"
        phrase = self.doc[weapon.left_edge.i : weapon.i + 1]
        actor: dict[str, Any] = {
            "id": actor_id,
            "name": phrase.text,
            "kind": "group",
            "country": country,
            "code": f"{country}UAF",
            "roles": [],
            "mentions": [[phrase.start_char, phrase.end_char]],
        }
        self.actors[actor_id] = actor
        self.new_actors[actor_id] = actor
        self.stand_ins[key] = actor_id
        return actor_id

    def materialise(self, doc: Doc, used: set[str]) -> None:
        """Write the stand-in actors kept events took as targets into ``doc._.ng_actors``.

        ``used`` holds the actor ids events took through ``place_actor``. A place's mentions
        join its country actor, so the target has evidence in the text.
        """
        for key, actor_id in self.stand_ins.items():
            if actor_id not in used or key.startswith("uaf:"):
                continue
            place_id = key.split(":")[0]
            actor = self.actors[actor_id]
            mentions = actor.setdefault("mentions", [])
            for mention in self.places[place_id].get("mentions") or []:
                if list(mention) not in mentions:
                    mentions.append(list(mention))
            mentions.sort()
        added = [a for i, a in self.new_actors.items() if i in used]
        if added:
            doc._.ng_actors = [*(doc._.ng_actors or []), *added]

    # -------------------------------------------------------------- places
    def place_of(self, token: Token | None, depth: int = 0) -> str | None:
        """The place a noun phrase headed by ``token`` names ("the city of Kherson")."""
        if token is None or depth > 3:
            return None
        found = self.token_place.get(token.i)
        if found:
            return found
        actor = self.token_actor.get(token.i)
        if actor and self.kind(actor) == "country":
            name = _norm(self.actors[actor].get("name") or "")
            by_name = self.place_by_name.get(name)
            if by_name:
                return by_name
        for child in token.children:
            if child.dep_ in ("appos", "compound"):
                found = self.place_of(child, depth + 1)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.place_of(pobj, depth + 1)
                        if found:
                            return found
        return None


def _tokens(doc: Doc, start: int, end: int) -> Iterator[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        yield from range(span.start, span.end)


# ------------------------------------------------------------------ syntax helpers
def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb's clause, climbing through control and coordination.

    Returns:
        The subject token (or None) and whether it is a passive subject.
    """
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                # a noun phrase the parser split in two ("Sudan's paramilitary | Rapid Support
                # Forces shelled") leaves two subjects: the one next to the verb is the head
                subjects = [c for c in node.children if c.dep_ == child.dep_ and c.i < node.i]
                return (subjects[-1] if len(subjects) > 1 else child), False
            if child.dep_ == "nsubjpass":
                # "Macron is expected to host": the raised subject is the host's subject
                return child, node.i == verb.i
        if (
            node.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp", "acomp")
            and node.head.i != node.i
        ):
            if node.dep_ == "ccomp" and node.head.pos_ in ("VERB", "AUX"):
                return None, False
            if node.dep_ == "xcomp":
                # object control: "urged the allies to send" -> the allies send; but "used
                # tear gas to disperse" -> the users disperse: a thing does not act
                obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
                if obj is not None and (obj.tag_ != "NN" or obj.ent_type_):
                    return obj, False
            node = node.head
            continue
        if node.dep_ in ("acl", "relcl") and node.head.i != node.i:
            return node.head, node.tag_ == "VBN" and node.dep_ == "acl"
        break
    return None, False


def _weapon(trigger: Token, candidates: Iterable[Token | None]) -> Token | None:
    """The blast noun that did an attack, if the doer is one: the subject or by-phrase
    ("a minefield *explosion* killed", "killed by an explosive *device*"), the noun trigger
    itself, or its setting ("killed in a car bomb *explosion*")."""
    pool = [*candidates, trigger]
    pool.extend(
        p
        for c in trigger.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by")
        for p in c.children
        if p.dep_ == "pobj"
    )
    for token in pool:
        if (
            token is not None
            and token.pos_ in ("NOUN", "PROPN")
            and (token.lemma_.lower() in WEAPON_LEMMAS or token.lower_ in WEAPON_LEMMAS)
        ):
            return token
    return None


def _blast_country(index: MentionIndex, trigger: Token, target: str | None) -> str | None:
    """Where a blast went off: the one country the sentence's places name outside the
    victims' own phrase, else the victims' country ("killed two Iraqi youths")."""
    victim_spans = [tuple(m) for m in (index.actors.get(target or "", {}).get("mentions") or [])]
    sent = trigger.sent
    countries = set()
    for place in index.places.values():
        country = place.get("country")
        if not isinstance(country, str) or len(country) != 3:
            continue
        for start, end in place.get("mentions") or []:
            inside_victim = any(s <= start and end <= e for s, e in victim_spans)
            if sent.start_char <= start < sent.end_char and not inside_victim:
                countries.add(country)
    if len(countries) == 1:
        return next(iter(countries))
    if not countries:
        victim_country = index.actors.get(target or "", {}).get("country")
        return victim_country if isinstance(victim_country, str) else None
    return None


def _sets_scene(trigger: Token, anchor: Token) -> bool:
    """Whether a noun event is the setting of a transitive verb's deed ("retook the village
    *after fighting* with guerrillas"), so that the verb's doer did it too.

    Only an active verb with an object counts: "soldiers died in an attack" does not make
    the dead the attackers.
    """
    return (
        anchor.i != trigger.i
        and trigger.dep_ == "pobj"
        and trigger.head.lower_ in SETTING_PREPS
        and trigger.head.head.i == anchor.i
        and any(c.dep_ == "dobj" for c in anchor.children)
    )


def _conditioned(verb: Token) -> list[Token]:
    """Subjects of the conditions a threat sets: "threatened to strike *unless Israel*
    rescinded ...". Whom the condition binds is whom the threat is aimed at."""
    found: list[Token] = []
    clauses = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "advcl"))]
    for clause in clauses:
        for condition in clause.children:
            if condition.dep_ != "advcl" or not any(
                m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in condition.children
            ):
                continue
            found.extend(t for c in condition.children if c.dep_ == "nsubj" for t in conjuncts(c))
    return found


def _stative(verb: Token) -> bool:
    """A participle that states a stance ("is opposed *to*"), read as active, not passive."""
    return any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """The object of a passive verb's by-phrase ("was attacked *by militants*")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def conjuncts(token: Token) -> list[Token]:
    """The token and its coordinated words ("Jordan and Britain")."""
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


def _stray_object(prep: Token) -> Token | None:
    """The head noun of the phrase right after a preposition the parser left without object.

    "granted asylum *to* five Panamanian army officers holed up in ...": the reduced relative
    makes "officers" a subject, and "to" dangles; the words after it are still its object.
    """
    doc = prep.doc
    j = prep.i + 1
    while j < len(doc) and doc[j].dep_ in PREP_OBJECT_DEPS and doc[j].head.i > j:
        j += 1
    if j < len(doc) and doc[j].pos_ in ("NOUN", "PROPN", "PRON") and doc[j].i > prep.i:
        return doc[j]
    return None


def _purpose(clause: Token) -> bool:
    """An infinitive clause of purpose: "blocked roads *to demand* reforms"."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def nested_objects(trigger: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of ``preps``, or of a stance noun ("in defiance *of* X"), anywhere in the
    trigger's own clause and its purpose clauses, nearest first."""
    wanted = frozenset(preps)
    found: list[Token] = []

    def inside(node: Token) -> bool:
        return node.dep_ not in NESTED_STOP_DEPS or _purpose(node)

    queue = [c for c in trigger.children if inside(c)]
    while queue:
        node = queue.pop(0)
        stance = node.head.lemma_.lower() in STANCE_NOUNS and node.lower_ in STANCE_PREPS
        if node.dep_ == "prep" and (node.lower_ in wanted or stance):
            found.extend(t for c in node.children if c.dep_ == "pobj" for t in conjuncts(c))
        queue.extend(c for c in node.children if inside(c))
    return found


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the token's prepositions, in the order of ``preps``."""
    wanted = list(preps)
    found: dict[str, list[Token]] = {}
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in wanted:
            pobjs = [c for c in child.children if c.dep_ == "pobj"]
            if not pobjs and child.dep_ == "prep":
                stray = _stray_object(child)
                pobjs = [stray] if stray is not None else []
            for pobj in pobjs:
                found.setdefault(child.lower_, []).extend(conjuncts(pobj))
        elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            found.setdefault("to", []).append(child)
    return [t for prep in wanted for t in found.get(prep, [])]


@dataclass
class Arguments:
    """An event's source, target, other parties and place (ids), with the words used."""

    source: str | None = None
    target: str | None = None
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    place_target: str | None = None
    """The country actor of the place acted upon: the target when no actor is one."""
    unknown_source: str | None = None
    """The unidentified armed forces behind a blast: the source when no actor is one."""

    def add_participant(self, actor_id: str | None) -> None:
        """Record a party to the event once, in order of appearance."""
        if actor_id and actor_id not in self.participants:
            self.participants.append(actor_id)


def _first_actor(
    index: MentionIndex,
    tokens: Iterable[Token],
    exclude: set[str],
    owner: str | None = None,
    *,
    moved: bool = False,
) -> str | None:
    """The first token's actor that is not excluded nor the ``owner``'s own ("its troops").

    With ``moved`` (events whose object is what is given or withdrawn), a group of no
    country is the thing moved, not the counterpart: "contribute *4,000 troops* to a force
    in Liberia", "the withdrawal of *invasion forces* from Panama".
    """
    for token in tokens:
        actor = index.actor_of(token)
        if not actor or actor in exclude:
            continue
        if moved and index.kind(actor) == "group" and not index.actors[actor].get("country"):
            continue
        if owner is not None and any(
            c.dep_ == "poss"
            and (index.pronoun(c) if c.pos_ == "PRON" else index.actor_of(c)) == owner
            for c in token.children
        ):
            continue  # "withdraw *its troops* from Lebanon": what is moved, not the counterpart
        return actor
    return None


def _place_target(
    index: MentionIndex,
    tokens: Iterable[Token],
    place: str | None,
    source: str | None,
    event_type: str,
    *,
    visit: bool = False,
) -> str | None:
    """The country actor of a place the event is done to, when no actor is its target.

    The objects are tried first ("shelled Kherson", "strikes on Kyiv"), then the event's
    place ("imposed a curfew in Cizre", "arrived in Amman"). A meeting at home has no
    target: "Macron hosted the summit in Paris" is not France meeting France, and "talks
    were held in Turkey" names where, not with whom.
    """
    if event_type == "CONSULT" and source is None:
        return None
    if event_type == "CONSULT" and not visit:
        place = None  # "officials met in Geneva": where they met, not whom
    source_country = index.actors.get(source or "", {}).get("country")
    tokens = list(tokens)
    # "resume attacks *in Israel*": a place that hangs from the object is still the target
    # and "the withdrawal of forces *from Panama*": so is one after the type's own prepositions
    preps = (*PREP_PRIORITY.get(event_type, ()), *PLACE_PREP_ORDER)
    if event_type not in DOBJ_PLACE_TYPES:
        # "agree a spending target *at The Hague summit*": where it was agreed, not with whom
        preps = tuple(p for p in preps if p != "at")
    nested = [p for t in tokens for p in prep_objects(t, preps)]
    candidates = [index.place_of(t) for t in [*tokens, *nested]]
    for place_id in [*candidates, place]:
        if place_id is None:
            continue
        actor = index.place_actor(place_id, civilians=event_type in CIVILIAN_TARGET_TYPES)
        if actor is None or actor == source:
            continue
        if event_type == "CONSULT" and index.actors[actor].get("country") == source_country:
            continue
        return actor
    return None


def extract(
    index: MentionIndex,
    event_type: str,
    trigger: Token,
    anchor: Token,
    *,
    borrow_from_anchor: bool,
    swap: bool = False,
    event_words: frozenset[str] = frozenset(),
) -> Arguments:
    """Find the source, target, parties and place of one event.

    Args:
        index: The mention index of the document.
        event_type: The PLOVER type (it decides which prepositions name a target).
        trigger: The trigger token.
        anchor: The verb whose clause carries the event (the trigger itself for verbs).
        borrow_from_anchor: Whether a noun trigger may take the anchor verb's subject and
            objects (true for light verbs, "Russia *launched* an attack on Kyiv").
        swap: The subject is the target and the object's owner the source (interceptions).
        event_words: Lemmas of event nouns, which are never the event's place.
    """
    args = Arguments()
    preps = PREP_PRIORITY.get(event_type, ("on", "against", "with", "to"))
    is_noun = trigger.pos_ in ("NOUN", "PROPN")
    subjects: list[Token] = []
    objects: list[Token] = []
    sources: list[Token] = []
    if is_noun:
        own = [c for c in trigger.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        sources.extend(own)
        by_objects = prep_objects(trigger, ("by",))
        sources[:0] = by_objects
        objects.extend(prep_objects(trigger, preps))
        if borrow_from_anchor and anchor.i != trigger.i:
            subject, passive = subject_of(anchor)
            if subject is not None and not passive:
                subjects = conjuncts(subject)
            objects.extend(prep_objects(anchor, preps))
            objects.extend(c for c in anchor.children if c.dep_ == "dobj" and c.i != trigger.i)
            by = agent_of(anchor)
            if by is not None:
                subjects = [*conjuncts(by), *subjects]
        if event_type in CLAUSE_TARGET_TYPES:
            # "its demand that Israel ease restrictions": the subject of the noun's own clause
            for child in trigger.children:
                if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
                    clause_subject, _ = subject_of(child)
                    if clause_subject is not None and clause_subject.head.i == child.i:
                        objects.extend(conjuncts(clause_subject))
        between = prep_objects(trigger, ("between",))
        if between and not sources and not subjects:
            subjects = between[:1]
            objects = [*between[1:], *objects]
        elif (
            not subjects
            and not any(index.actor_of(t) for t in sources)
            and _sets_scene(trigger, anchor)
        ):
            subject, passive = subject_of(anchor)
            if subject is not None and not passive:
                subjects = conjuncts(subject)
    else:
        verb = anchor if trigger.pos_ == "ADJ" else trigger
        subject, passive = subject_of(verb)
        agent = agent_of(trigger)
        dobjs = [d for c in trigger.children if c.dep_ == "dobj" for d in conjuncts(c)]
        if passive and agent is None and event_type in STANCE_TYPES and _stative(trigger):
            passive = False  # "Israel is opposed to French mediation": a stance, not a passive
        if passive and event_type not in SELF_PASSIVE_TYPES:
            if subject is not None:
                objects.extend(conjuncts(subject))
            if agent is not None:
                subjects = conjuncts(agent)
        else:
            if subject is not None:
                subjects = conjuncts(subject)
            objects.extend(c for c in trigger.children if c.dep_ in ("dative",))
            if event_type in PREPS_FIRST_TYPES:
                objects.extend(prep_objects(trigger, preps))
                objects.extend(dobjs)
            else:
                objects.extend(dobjs)
                objects.extend(prep_objects(trigger, preps))
        if trigger.dep_ == "xcomp" and anchor.i != trigger.i:
            objects.extend(prep_objects(anchor, preps))
        # "imposed restrictions *against German goods*", "aid *for Romania*": the counterpart
        # hangs from the object
        for dobj in dobjs if not (passive and event_type not in SELF_PASSIVE_TYPES) else []:
            objects.extend(prep_objects(dobj, preps))
        # "threatened to cut off electricity *to Nakhichevan*": the clause's own objects
        for child in trigger.children:
            if child.dep_ == "xcomp":
                objects.extend(d for c in child.children if c.dep_ == "dobj" for d in conjuncts(c))
                objects.extend(prep_objects(child, preps))
        if event_type in CLAUSE_TARGET_TYPES:
            for child in trigger.children:
                if child.dep_ in ("ccomp", "xcomp"):
                    clause_subject, _ = subject_of(child)
                    if clause_subject is not None and clause_subject.i != (
                        subject.i if subject is not None else -1
                    ):
                        objects.extend(conjuncts(clause_subject))
    if event_type == "THREATEN" and not is_noun:
        objects.extend(_conditioned(trigger))
    if swap:
        owners = [
            c
            for obj in [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
            for c in obj.children
            if c.dep_ in ("amod", "compound", "poss", "nmod")
        ]
        defender = _first_actor(index, subjects, set())
        args.source = _first_actor(index, owners, set())
        args.target = defender if defender != args.source else None
    else:
        args.source = _first_actor(index, [*sources, *subjects], set())
        exclude = {args.source} if args.source else set()
        args.target = _first_actor(
            index, objects, exclude, owner=args.source, moved=event_type in PREPS_FIRST_TYPES
        )
        if args.target is None and event_type in SYMMETRIC_TYPES and len(subjects) > 1:
            args.target = _first_actor(index, subjects[1:], exclude)

    args.place = find_place(index, trigger, anchor, event_type, event_words)
    if not swap:
        visit = bool({trigger.lemma_.lower(), anchor.lemma_.lower()} & VISIT_LEMMAS)
        args.place_target = _place_target(
            index, objects, args.place, args.source, event_type, visit=visit
        )
        outside = {args.source} if args.source else set()
        if args.target is None:
            # "blocked streets in Hong Kong *in defiance of* Chinese authorities": whom a
            # stance is taken against tells more than where it was taken
            args.target = _first_actor(
                index, nested_objects(trigger, ()), outside, owner=args.source
            )
        if args.target is None and args.place_target is None:
            # "mobilized reservists for a war *against Iraq*": no nearer word names one
            args.target = _first_actor(
                index, nested_objects(trigger, NESTED_TARGET_PREPS), outside, owner=args.source
            )
        if args.source is None and event_type == "ASSAULT":
            weapon = _weapon(trigger, [*subjects, *sources])
            country = _blast_country(index, trigger, args.target) if weapon else None
            if weapon is not None and country is not None:
                args.unknown_source = index.unidentified_attacker(weapon, country)
    args.add_participant(args.source)
    for token in [*sources, *subjects, *objects]:
        if event_type in SYMMETRIC_TYPES or token in subjects:
            args.add_participant(index.actor_of(token))
    args.add_participant(args.target)
    return args


PLACE_WITHIN_PREPS = ("in", "near", "outside")
"""Prepositions by which a spot names the town it lies in ("at a bus stop in Kherson")."""


def _place_within(index: MentionIndex, spot: Token) -> str | None:
    """The town a spot lies in, one preposition down ("at a bus stop in Kherson").

    Only for a spot the clause's own preposition names, so an object's own place ("agreed
    on aid for Kherson") is not the event's; and only a town or region: "a village in
    eastern Congo" says where the village is no better than the story already does.
    """
    for pobj in prep_objects(spot, PLACE_WITHIN_PREPS):
        place = index.place_of(pobj)
        if place and _town_or_region(index.places[place]):
            return place
    return None


def _town_or_region(place: dict[str, Any]) -> bool:
    """A town, or a region inside a country ("a port in the Odesa region"); not a country."""
    return place.get("feature_class") == "P" or (
        place.get("feature_class") == "A" and bool(place.get("admin1"))
    )


def find_place(
    index: MentionIndex,
    trigger: Token,
    anchor: Token,
    event_type: str = "",
    event_words: frozenset[str] = frozenset(),
) -> str | None:
    """The place named by a prepositional object (or direct object) of the event's clause.

    "to" names a place only for visits ("travelled to Moscow"); for aid it names the
    recipient ("sent air defence systems to Ukraine").
    """
    preps = PLACE_PREPS if event_type == "CONSULT" else PLACE_PREPS - {"to"}
    ordered = [p for p in PLACE_PREP_ORDER if p in preps]
    seen: set[int] = set()
    for token in (trigger, anchor):
        if token.i in seen:
            continue
        seen.add(token.i)
        spots = [
            pobj
            for pobj in prep_objects(token, ordered)
            # "killed in a *US drone strike*": an event, not a place
            if not (pobj.pos_ == "NOUN" and pobj.lemma_.lower() in event_words)
        ]
        for place in (*map(index.place_of, spots), *(_place_within(index, s) for s in spots)):
            if place:
                return place
        if event_type not in DOBJ_PLACE_TYPES and trigger.lemma_.lower() not in ("visit", "tour"):
            continue
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                place = index.place_of(child) or _place_within(index, child)
                if place:
                    return place
    return None
