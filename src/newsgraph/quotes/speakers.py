"""Speakers: from the words that name who spoke to a canonical actor of ``doc._.ng_actors``.

In order, for a speaker phrase:

1. a name: the actor one of whose mentions covers the phrase's head word ("Mark Rutte, NATO's
   secretary general" -> Mark Rutte);
2. a pronoun: "he"/"she" to the speaker of the previous statement when that was a person
   (news writing keeps a quoted person as "he" until someone else speaks), else the nearest
   preceding person actor; "it"/"they" likewise for organisations, countries and groups;
3. a title ("the governor"): the person actor whose roles hold that title; without roles,
   the person actor the text introduces with that title ("Regional governor Vitaliy Kim");
4. a collective or possessive ("Ukraine's military", "a Downing Street spokesperson", "the
   army"): the actor named inside the phrase's own words, or the organisation or group actor
   whose name uses the collective noun ("the army" -> "Mali's armed forces").

The phrase itself (``speaker_text``) is always kept as written, resolved or not.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.quotes.lexicon import QuoteLexicon
from newsgraph.quotes.statement import Statement

logger = logging.getLogger(__name__)

NEWLINE = re.compile("\n")
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
BODY_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
"""Owners that make a body speak for whoever the pronoun refers to ("his office said")."""
PERSON_KINDS = frozenset({"person"})
BODY_KINDS = frozenset({"organization", "country", "group"})
CORE_DEPS = frozenset({"compound", "poss", "amod", "nmod", "det", "case", "nummod", "flat"})
"""Left dependents that belong to a noun phrase's own words (not its appositions, clauses or
prepositional phrases): "Ukraine's air force", "a Downing Street spokesperson"."""
PRONOUN_WINDOW_PARAGRAPHS = 1
"""How many paragraphs back a pronoun may reach for its speaker."""
NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM"})
CLOSED_POS = frozenset({"ADP", "PRON", "SCONJ", "CCONJ", "ADV", "AUX", "PART", "PUNCT"})
"""Words that never start a speaker phrase left over by a misparse ("To which she said")."""


@dataclass(frozen=True)
class Mention:
    """One actor mention, by characters."""

    start: int
    end: int
    actor: str
    kind: str


class ActorIndex:
    """The actors of one document, indexed by the characters of their mentions."""

    def __init__(self, actors: Sequence[dict[str, Any]]) -> None:
        self.actors = {str(a["id"]): a for a in actors}
        mentions = [
            Mention(int(s), int(e), str(a["id"]), str(a.get("kind") or ""))
            for a in actors
            for s, e in a.get("mentions") or []
        ]
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.texts: dict[Mention, str] = {}
        self._starts = [m.start for m in self.mentions]

    def kind(self, actor: str | None) -> str | None:
        """The kind of an actor id, or None."""
        if actor is None or actor not in self.actors:
            return None
        return str(self.actors[actor].get("kind") or "")

    def covering(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap ``[start, end)``."""
        k = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[:k] if m.end > start]

    def before(self, char: int, floor: int, kinds: frozenset[str]) -> Mention | None:
        """The last mention of one of ``kinds`` that ends before ``char`` and starts at or
        after ``floor``."""
        k = bisect.bisect_left(self._starts, char)
        for mention in reversed(self.mentions[:k]):
            if mention.start < floor:
                return None
            if mention.end <= char and mention.kind in kinds:
                return mention
        return None

    def named(self, name: str, *, surname: bool = False) -> str | None:
        """The one actor called ``name`` (or, with ``surname``, the one person whose name
        ends with it); None when there is none or several."""
        found = set()
        for actor_id, actor in self.actors.items():
            full = str(actor.get("name") or "").lower()
            if full == name or (
                surname and actor.get("kind") == "person" and full.endswith(f" {name}")
            ):
                found.add(actor_id)
        if not found and not surname:
            found = {m.actor for m in self.mentions if self.texts.get(m) == name}
        return found.pop() if len(found) == 1 else None

    def with_title(self, word: str) -> list[str]:
        """Ids of actors whose roles hold a title that uses ``word`` ("governor")."""
        found = []
        for actor_id, actor in self.actors.items():
            for role in actor.get("roles") or []:
                title = str(role.get("title") or "").lower()
                if word in title.replace("-", " ").split():
                    found.append(actor_id)
                    break
        return found


class SpeakerResolver:
    """Resolve the speakers of one document's statements, in text order."""

    def __init__(
        self, doc: Doc, text: str, actors: Sequence[dict[str, Any]], lexicon: QuoteLexicon
    ) -> None:
        self.doc = doc
        self.index = ActorIndex(actors)
        self.index.texts = {m: text[m.start : m.end].lower() for m in self.index.mentions}
        self.lexicon = lexicon
        self.paragraph_starts = [0] + [m.end() for m in NEWLINE.finditer(text)]

    def paragraph_floor(self, char: int, back: int) -> int:
        """Start of the paragraph ``back`` paragraphs before the one holding ``char``."""
        k = bisect.bisect_right(self.paragraph_starts, char) - 1
        starts = self.paragraph_starts
        # skip empty lines between paragraphs
        steps = 0
        while k > 0 and steps < back:
            k -= 1
            if k + 1 < len(starts) and starts[k + 1] - starts[k] > 1:
                steps += 1
        return starts[max(k, 0)]

    def resolve(self, statements: list[Statement]) -> None:
        """Set ``actor`` on every statement with a speaker, in text order."""
        previous: Statement | None = None
        for statement in sorted(statements, key=_position):
            if statement.speaker_head is not None:
                statement.actor = self._resolve(statement, previous)
            previous = statement

    def _resolve(self, statement: Statement, previous: Statement | None) -> str | None:
        head = self.doc[statement.speaker_head or 0]
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in BODY_PRONOUNS:
            return self._pronoun(head, statement, previous)
        named = self._covering_head(head) or self._by_name(head)
        if named is not None:
            return named
        owner = next((c for c in head.lefts if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in POSSESSIVE_PRONOUNS:
            return self._pronoun(owner, statement, previous)
        inside = self._inside_phrase(head)
        if inside is not None:
            return inside
        if owner is not None and owner.lemma_.lower() in self.lexicon.person_nouns:
            return self._title(owner, owner.lemma_.lower())
        word = head.lemma_.lower() if head.pos_ == "NOUN" else lower
        if (
            word in self.lexicon.document_nouns
            or lower in self.lexicon.document_nouns
            or (lower in self.lexicon.nouns)
        ):
            return self._author(head)
        if word in self.lexicon.person_nouns or lower in self.lexicon.person_nouns:
            return self._title(head, word) or self._body_spoken_for(head)
        if word in self.lexicon.collective_nouns or lower in self.lexicon.collective_nouns:
            same = self.lexicon.collective_nouns.get(word) or self.lexicon.collective_nouns[lower]
            return self._collective(head, same)
        return None

    def _author(self, head: Token) -> str | None:
        """Who stands behind a document ("a statement from the Council of the EU", "final
        results published by the Central Election Bureau"): the first actor in its phrase."""
        start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        mentions = [m for m in self.index.covering(start, end) if m.kind != "country"]
        mentions = mentions or self.index.covering(start, end)
        if mentions:
            return mentions[0].actor
        for token in head.subtree:
            # "a statement from the ministry": the ministry the story named before
            word = token.lemma_.lower()
            if token.i != head.i and token.pos_ == "NOUN" and word in self.lexicon.collective_nouns:
                return self._collective(token, self.lexicon.collective_nouns[word])
        return None

    def _covering_head(self, head: Token) -> str | None:
        start, end = head.idx, head.idx + len(head.text)
        mentions = self.index.covering(start, end)
        if not mentions:
            return None
        return max(mentions, key=lambda m: m.end - m.start).actor

    def _by_name(self, head: Token) -> str | None:
        """An actor whose name or mention is written like the speaker's name ("Baghaei",
        "JNIM") when the actor finder missed this mention."""
        if head.pos_ != "PROPN" and not (head.is_title and head.pos_ == "NOUN"):
            return None
        words = [t for t in head.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
        first = min([t.i for t in words] + [head.i])
        name = self.doc[first : head.i + 1].text.lower()
        return self.index.named(name) or self.index.named(head.lower_, surname=True)

    def _inside_phrase(self, head: Token) -> str | None:
        """An actor named in the phrase's own left words ("Ukraine's air force")."""
        core = [t for t in head.lefts if t.dep_ in CORE_DEPS]
        if not core:
            return None
        start = min(t.left_edge.idx for t in core)
        mentions = self.index.covering(start, head.idx)
        if not mentions:
            return None
        bodies = [m for m in mentions if m.kind in BODY_KINDS] or mentions
        return bodies[-1].actor

    def _body_spoken_for(self, head: Token) -> str | None:
        """The organisation an unnamed spokesperson or official speaks for ("a spokesperson
        for the Commission", "an official at the ministry"), when no one holds the title; a
        country or town is no such body ("a resident of Djibo")."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "at", "with"):
                continue  # not "of": "a resident of Djibo" does not speak for the town
            for noun in prep.children:
                if noun.dep_ != "pobj":
                    continue
                mentions = self.index.covering(noun.idx, noun.idx + len(noun.text))
                bodies = [m for m in mentions if m.kind in ("organization", "group")]
                if bodies:
                    return bodies[-1].actor
        return None

    def _pronoun(self, head: Token, statement: Statement, previous: Statement | None) -> str | None:
        lower = head.lower_
        kinds = PERSON_KINDS if lower in PERSON_PRONOUNS else BODY_KINDS
        floor = self.paragraph_floor(head.idx, PRONOUN_WINDOW_PARAGRAPHS)
        if previous is not None and previous.speaker_head is not None:
            prior = self.doc[previous.speaker_head]
            if prior.idx >= floor and self._compatible(prior, previous.actor, kinds):
                return previous.actor
        char = min(head.idx, statement.start)
        mention = self.index.before(char, floor, kinds)
        return mention.actor if mention is not None else None

    def _compatible(self, prior: Token, actor: str | None, kinds: frozenset[str]) -> bool:
        """Whether a previous speaker can be what a pronoun of ``kinds`` refers to."""
        kind = self.index.kind(actor)
        if kind:
            return kind in kinds
        lower = prior.lower_
        if lower in PERSON_PRONOUNS:
            return kinds is PERSON_KINDS
        if lower in BODY_PRONOUNS:
            return kinds is BODY_KINDS
        lemma = prior.lemma_.lower()
        if kinds is PERSON_KINDS:
            return lemma in self.lexicon.person_nouns and prior.tag_ in ("NN", "NNP")
        return lemma in self.lexicon.collective_nouns or prior.tag_ in ("NNS", "NNPS")

    def _title(self, head: Token, word: str) -> str | None:
        """A title ("the governor") to the person who holds it."""
        holders = [
            a
            for a in self.index.with_title(word)
            if head.tag_ != "NNS"
            or _modifiers_fit(head, str(self.index.actors[a].get("name") or "").lower())
        ]  # "the regional governor" is the governor; "health officials" not the Hamas one
        if holders:
            return max(holders, key=lambda a: self._last_before(a, head.idx))
        introduced = self._introduced_with(word, head.idx)
        if introduced is not None:
            return introduced
        return None

    def _last_before(self, actor: str, char: int) -> int:
        starts = [m.start for m in self.index.mentions if m.actor == actor and m.start < char]
        return max(starts) if starts else -1

    def _introduced_with(self, word: str, char: int) -> str | None:
        """The person actor the text names right after or beside the title word."""
        best: str | None = None
        for mention in self.index.mentions:
            if mention.start >= char:
                break
            if mention.kind not in PERSON_KINDS:
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            sentence = span.sent
            window = self.doc[max(sentence.start, span.start - 4) : span.start]
            around = {t.lemma_.lower() for t in window}
            root = span.root
            for token in (*root.children, root.head):
                if token.dep_ == "appos" or root.dep_ == "appos":
                    around.update(t.lemma_.lower() for t in token.subtree)
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":
                for token in root.head.children:
                    if token.dep_ == "attr":
                        around.add(token.lemma_.lower())
            if word in around:
                best = mention.actor
        return best

    def _collective(self, head: Token, same: frozenset[str]) -> str | None:
        """A collective ("the army") to an organisation or group actor whose name uses it."""
        best: tuple[int, str] | None = None
        for actor_id, actor in self.index.actors.items():
            if actor.get("kind") not in ("organization", "group"):
                continue
            name = str(actor.get("name") or "").lower()
            if not _modifiers_fit(head, name):
                continue
            if any(_has_phrase(name, word) for word in same):
                last = self._last_before(actor_id, head.idx)
                if best is None or last > best[0]:
                    best = (last, actor_id)
        return best[1] if best is not None else None


def _modifiers_fit(head: Token, name: str) -> bool:
    """Whether the common-word modifiers of a speaker noun all stand in an actor's name:
    "health officials" are not the "Hamas official", "the army" may be the "Russian army"."""
    return all(
        _has_phrase(name, c.lower_)
        for c in head.lefts
        if c.dep_ in ("amod", "compound") and c.pos_ != "PROPN" and not c.ent_type_
    )


def _has_phrase(name: str, phrase: str) -> bool:
    return f" {phrase} " in f" {name} "


def _position(statement: Statement) -> int:
    """Where a statement's attribution is read: its cue, else its content."""
    return statement.cue[0] if statement.cue else statement.start


def speaker_bounds(doc: Doc, statement: Statement) -> tuple[int, int] | None:
    """Token span of the speaker phrase: the head's subtree, clipped away from the cue and
    the content, without edge punctuation."""
    if statement.speaker_head is None:
        return None
    head = doc[statement.speaker_head]
    first, last = head.left_edge.i, head.right_edge.i
    for child in head.rights:
        # "Durbin, noting the size of the crowd, said": the participle is the writer's aside
        start = child.left_edge.i
        if (
            child.dep_ in ("acl", "advcl")
            and child.tag_ in ("VBG", "VBN")
            and doc[start - 1].text == ","
        ):
            last = min(last, start - 2)
    blockers = []
    if statement.cue is not None:
        blockers.append(statement.cue)
    for start, end in statement.segments:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            blockers.append((span.start, span.end))
    for b_start, b_end in blockers:
        if b_start <= head.i < b_end:
            return None
        if first < b_end and b_start <= last:
            if b_start > head.i:
                last = min(last, b_start - 1)
            else:
                first = max(first, b_end)
    extent = statement.speaker_extent
    if extent is not None and extent[0] <= head.i < extent[1]:
        first, last = max(first, extent[0]), min(last, extent[1] - 1)
        if all(t.pos_ in NAME_POS or t.is_title for t in doc[extent[0] : first]) and not any(
            t.pos_ in CLOSED_POS for t in doc[extent[0] : first]
        ):
            first = extent[0]
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space or doc[last].pos_ == "CCONJ"):
        last -= 1
    if doc[first].is_punct:
        return None
    words = [t.text for t in doc[first : last + 1]]
    if words.count("(") > words.count(")") and last + 1 < len(doc) and doc[last + 1].text == ")":
        last += 1  # "Rep. Paul Ryan (R-Wis.)": keep the bracket the name opened
    return first, last + 1
