"""Quantities: how many were launched, intercepted, killed, injured, arrested, displaced.

A count is a number phrase ("143 drones", "at least two people", "dozens of protesters", "a
68-year-old man") with a *status*: what happened to the things counted, read from the verb,
adjective or noun the phrase depends on ("95 were intercepted", "46 failed to reach", "two
dead", "a death toll of 30"). Approximate forms keep their bounds so that later arithmetic
checks ("143 launched, 95 intercepted, 46 failed") can tell a contradiction from rounding:

* exact "143": value 143, lower 143, upper 143;
* "at least 2": value 2, lower 2; "more than 100": value 100, lower 101;
* "nearly 2,000": value 2000, upper 2000; "fewer than 10": value 10, upper 9;
* "about 50": value 50, no bounds; "dozens": no value, lower 24.

Numbers written as words ("eleven", "twenty-one", "half a dozen") are read too. The word
lists are in ``data/quantities.jsonl``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from spacy.tokens import Span, Token
from spacy.util import registry

from newsgraph.events.triggers import read_jsonl, validate_rows

logger = logging.getLogger(__name__)

QUANTITIES_FILE = "quantities.jsonl"

STATUSES = frozenset(
    {
        "launched",
        "intercepted",
        "shot_down",
        "failed",
        "killed",
        "injured",
        "wounded",
        "arrested",
        "detained",
        "displaced",
        "other",
    }
)
"""Values of ``Quantity.status`` (the ``QuantityStatus`` enum of the document model)."""

CASUALTY_STATUSES = frozenset({"killed", "injured", "wounded"})
MUNITION_STATUSES = frozenset({"launched", "intercepted", "shot_down", "failed"})
CUSTODY_STATUSES = frozenset({"arrested", "detained"})

EXCLUDED_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
"""Entity types whose numbers are never event counts ("Oct. 6", "60 km", "$2 billion")."""

AGE_WORDS = frozenset({"year", "month", "week", "day", "hour", "minute", "km", "mile", "kg"})

FILLERS = frozenset({"were", "was", "are", "been", "have", "had", "people", "more"})
"""Words that may stand between a count and its status ("11 *more were* injured")."""

IMPLICIT_DEPS = frozenset({"dobj", "nsubjpass", "nsubj"})
"""Where "a man" counts as one: as the object or subject of the status verb, not in
apposition ("two people were killed, *a man* and a woman")."""

INTRANSITIVE = frozenset({"die", "fail", "flee", "crash", "miss", "lose", "perish"})
"""Status verbs whose subject is what is counted ("46 failed", "two died")."""

Bound = Literal["lower", "lower_exclusive", "upper", "upper_exclusive", "approximate"]

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


class QuantityRow(BaseModel):
    """One entry of the quantity lexicon.

    Kinds: ``status`` (a word and the status it gives a count), ``approximator`` ("at
    least" and the bound it sets), ``vague`` ("dozens" and its bounds), ``number`` (a
    number word and its value), ``munition`` (things launched and intercepted) and
    ``person`` (nouns that count as one person with "a"/"the": "a 68-year-old man").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["status", "approximator", "vague", "number", "munition", "person"]
    phrase: str = Field(min_length=1)
    status: str | None = None
    munitions_only: bool = False
    bound: Bound | None = None
    lower: int | None = None
    upper: int | None = None
    value: int | None = None

    @model_validator(mode="after")
    def _fields_for_kind(self) -> QuantityRow:
        if self.kind == "status" and self.status not in STATUSES:
            raise ValueError(f"status {self.status!r} is not one of {sorted(STATUSES)}")
        if self.kind == "approximator" and self.bound is None:
            raise ValueError("an approximator needs a bound")
        if self.kind == "vague" and self.lower is None:
            raise ValueError("a vague quantity needs a lower bound")
        if self.kind == "number" and self.value is None:
            raise ValueError("a number word needs a value")
        return self


@registry.misc("newsgraph.event_quantities.v1")
def event_quantities() -> list[dict[str, Any]]:
    """Registered loader: the quantity lexicon, validated, as plain dicts."""
    rows = validate_rows(QuantityRow, read_jsonl(QUANTITIES_FILE), QUANTITIES_FILE)
    return [row.model_dump(exclude_defaults=True) for row in rows]


@dataclass(frozen=True)
class QuantityLexicon:
    """The quantity lexicon as lookup tables."""

    statuses: dict[str, tuple[str, bool]]
    particle_statuses: dict[tuple[str, str], str]
    approximators: dict[tuple[str, ...], str]
    vague: dict[tuple[str, ...], tuple[int, int | None]]
    numbers: dict[tuple[str, ...], int]
    munitions: frozenset[str]
    persons: frozenset[str]

    @classmethod
    def from_dicts(cls, rows: Iterable[dict[str, Any]]) -> QuantityLexicon:
        """Build from plain rows (the loader's output or a saved pipeline's)."""
        statuses: dict[str, tuple[str, bool]] = {}
        particles: dict[tuple[str, str], str] = {}
        approximators: dict[tuple[str, ...], str] = {}
        vague: dict[tuple[str, ...], tuple[int, int | None]] = {}
        numbers: dict[tuple[str, ...], int] = {}
        munitions: set[str] = set()
        persons: set[str] = set()
        for row in validate_rows(QuantityRow, rows, QUANTITIES_FILE):
            words = tuple(row.phrase.lower().split())
            if row.kind == "status":
                assert row.status is not None
                if len(words) == 2:
                    particles[(words[0], words[1])] = row.status
                else:
                    statuses[words[0]] = (row.status, row.munitions_only)
            elif row.kind == "approximator":
                assert row.bound is not None
                approximators[words] = row.bound
            elif row.kind == "vague":
                assert row.lower is not None
                vague[words] = (row.lower, row.upper)
            elif row.kind == "number":
                assert row.value is not None
                numbers[words] = row.value
            elif row.kind == "munition":
                munitions.add(words[0])
            else:
                persons.add(words[0])
        return cls(
            statuses,
            particles,
            approximators,
            vague,
            numbers,
            frozenset(munitions),
            frozenset(persons),
        )


@dataclass
class QuantityMention:
    """A count found in a sentence, before it is attached to an event."""

    value: float | None
    lower: float | None
    upper: float | None
    unit: str | None
    status: str
    text: str
    start: int
    end: int
    status_token: int
    head_token: int
    tokens: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The plain dict stored in ``doc._.ng_events`` (``Quantity`` fields)."""
        return {
            "value": self.value,
            "unit": self.unit,
            "status": self.status,
            "text": self.text,
            "lower": self.lower,
            "upper": self.upper,
            "span": [self.start, self.end],
        }


def parse_number(words: Sequence[str], numbers: dict[tuple[str, ...], int]) -> float | None:
    """Read a number written with digits, words or both ("2,000", "1.9 million", "eleven").

    Returns None when the words are not a number.
    """
    words = [w.lower() for w in words if w not in ("-", "and")]
    if not words:
        return None
    key = tuple(words)
    if key in numbers:
        return float(numbers[key])
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
            seen = True
            continue
        parts = word.split("-")
        if len(parts) == 2 and all((p,) in numbers for p in parts):
            current += numbers[(parts[0],)] + numbers[(parts[1],)]
            seen = True
            continue
        value = numbers.get((word,))
        if value is None:
            return None
        seen = True
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return total + current if seen else None


def _bounds(value: float, bound: str | None) -> tuple[float | None, float | None]:
    """(lower, upper) for a value and its approximator's bound (integers are counts)."""
    if bound is None:
        return value, value
    if bound == "lower":
        return value, None
    if bound == "lower_exclusive":
        return (value + 1 if value == int(value) else value), None
    if bound == "upper":
        return None, value
    if bound == "upper_exclusive":
        return None, (value - 1 if value == int(value) else value)
    return None, None


class QuantityFinder:
    """Find counts with their status in a sentence."""

    def __init__(self, lexicon: QuantityLexicon) -> None:
        self.lex = lexicon
        self.number_words = frozenset(w for key in lexicon.numbers for w in key)
        self.vague_first = frozenset(key[0] for key in lexicon.vague)
        self.max_approx = max((len(k) for k in lexicon.approximators), default=1)

    # ------------------------------------------------------------------ number phrases
    def _is_number(self, token: Token) -> bool:
        if token.ent_type_ in EXCLUDED_ENTS:
            return False
        text = token.lower_
        return (
            bool(_DIGITS.match(text))
            or text in self.number_words
            or ("-" in text and all(p in self.number_words for p in text.split("-")))
        )

    def _approximator(self, sent: Span, start: int) -> tuple[int, str | None]:
        """The approximator just before token ``start`` (its first token and bound)."""
        doc = sent.doc
        for length in range(self.max_approx, 0, -1):
            first = start - length
            if first < sent.start:
                continue
            words = tuple(doc[i].lower_ for i in range(first, start))
            bound = self.lex.approximators.get(words)
            if bound is not None:
                return first, bound
        return start, None

    def _phrases(
        self, sent: Span
    ) -> list[tuple[int, int, float | None, float | None, float | None]]:
        """Number phrases as (first token, last token + 1, value, lower, upper)."""
        doc = sent.doc
        out: list[tuple[int, int, float | None, float | None, float | None]] = []
        i = sent.start
        while i < sent.end:
            token = doc[i]
            vague = self._vague_at(sent, i)
            if vague is not None:
                vague_end, vague_lower, vague_upper = vague
                out.append(
                    (
                        i,
                        vague_end,
                        None,
                        float(vague_lower),
                        None if vague_upper is None else float(vague_upper),
                    )
                )
                i = vague_end
                continue
            if not self._is_number(token) or self._is_age_or_measure(token):
                i += 1
                continue
            end = i + 1
            while end < sent.end and (
                self._is_number(doc[end])
                or (doc[end].text == "-" and end + 1 < sent.end and self._is_number(doc[end + 1]))
            ):
                end += 1
            words = [doc[k].text for k in range(i, end)]
            if (
                i > sent.start
                and doc[i - 1].lower_ in ("a", "half")
                and words[0].lower()
                in (
                    "dozen",
                    "hundred",
                    "thousand",
                )
            ):
                words = [doc[i - 1].text, *words]
            value = parse_number(words, self.lex.numbers)
            if value is None or (value >= 1900 and value <= 2100 and "," not in words[0]):
                i = end
                continue
            first, bound = self._approximator(sent, i)
            lower, upper = _bounds(value, bound)
            out.append((first, end, value, lower, upper))
            i = end
        return out

    def _vague_at(self, sent: Span, i: int) -> tuple[int, int, int | None] | None:
        doc = sent.doc
        if doc[i].lower_ not in self.vague_first:
            return None
        for key, (lower, upper) in sorted(self.lex.vague.items(), key=lambda kv: -len(kv[0])):
            n = len(key)
            if i + n <= sent.end and tuple(doc[k].lower_ for k in range(i, i + n)) == key:
                if key == ("dozen",) and i > sent.start and doc[i - 1].lower_ in ("a", "half"):
                    return None
                return i + n, lower, upper
        return None

    @staticmethod
    def _is_age_or_measure(token: Token) -> bool:
        doc = token.doc
        nxt = token.i + 1
        if nxt < len(doc) and doc[nxt].text == "-" and nxt + 1 < len(doc):
            return doc[nxt + 1].lemma_.lower() in AGE_WORDS
        return nxt < len(doc) and doc[nxt].lemma_.lower() in AGE_WORDS

    # ------------------------------------------------------------------ status
    def status_of(self, token: Token, unit: str | None) -> str | None:
        """The status a status word gives a count, or None (checks "shot *down*")."""
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in ("prt", "advmod", "oprd", "acomp", "ccomp", "xcomp"):
                found = self.lex.particle_statuses.get((lemma, child.lower_))
                if found:
                    return found
        hit = self.lex.statuses.get(lemma) or self.lex.statuses.get(token.lower_)
        if hit is None:
            return None
        status, munitions_only = hit
        if munitions_only and (unit is None or unit not in self.lex.munitions):
            return None
        return status

    def _governing_status(self, head: Token, unit: str | None) -> tuple[str, Token] | None:
        """Climb from a count's head noun to the word that says what happened to it."""
        for child in head.children:
            if (child.dep_ == "amod" and child.tag_ in ("JJ", "VBN")) or (
                child.dep_ in ("acomp", "acl", "appos") and child.i > head.i
            ):
                found = self.status_of(child, unit)
                if found:
                    return found, child
            if child.dep_ == "relcl" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which", "who")
                for c in child.children
            ):
                found = self.status_of(child, unit)
                if found:
                    return found, child
        node = head
        for _ in range(4):
            parent = node.head
            if parent.i == node.i:
                break
            dep = node.dep_
            if dep in ("conj", "appos") or (dep == "pobj" and parent.lower_ == "of"):
                node = parent
                continue
            if dep == "prep" and node.lower_ == "of":
                node = parent
                continue
            found = self.status_of(parent, unit)
            if found:
                lemma = parent.lemma_.lower()
                if dep in ("dobj", "nsubjpass", "attr", "oprd", "npadvmod", "nummod", "compound"):
                    return found, parent
                if dep in ("nsubj", "expl") and (
                    lemma in INTRANSITIVE
                    or parent.tag_ in ("VBN", "JJ")
                    or parent.pos_ == "ADJ"
                    or (
                        not any(c.dep_ == "dobj" for c in parent.children)
                        and any(c.dep_ == "auxpass" for c in parent.children)
                    )
                ):
                    return found, parent
                if dep == "nsubj" and parent.tag_ == "VBN":
                    return found, parent
                if dep == "pobj":
                    return found, parent
            if parent.pos_ in ("VERB", "AUX") and dep not in ("relcl", "acl"):
                break
            node = parent
        return None

    def _following_status(self, sent: Span, end: int, unit: str | None) -> tuple[str, Token] | None:
        """A status word right after the count ("11 injured", "two dead")."""
        doc = sent.doc
        for k in range(end, min(end + 3, sent.end)):
            token = doc[k]
            if token.pos_ in ("VERB", "ADJ") and token.tag_ in ("VBN", "JJ", "VBD"):
                found = self.status_of(token, unit)
                if found:
                    return found, token
            if token.lower_ not in FILLERS and token.pos_ not in ("NOUN", "ADV"):
                break
        return None

    # ------------------------------------------------------------------ units
    def _unit(self, last: Token) -> tuple[Token | None, str | None]:
        """The noun a number counts and its lemma ("143 drones" -> drone)."""
        if last.dep_ in ("nummod", "quantmod", "amod", "compound") and last.head.pos_ in (
            "NOUN",
            "PROPN",
        ):
            noun = last.head
            return noun, _unit_word(noun)
        for child in last.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                        return pobj, _unit_word(pobj)
        if last.dep_ == "nsubjpass" or last.dep_ == "nsubj" or last.dep_ == "dobj":
            verb = last.head
            if verb.dep_ in ("relcl", "acl") and verb.head.pos_ == "NOUN":
                return None, _unit_word(verb.head)
        nxt = last.i + 1
        if nxt < len(last.doc) and last.doc[nxt].lower_ == "of":
            for k in range(nxt + 1, min(nxt + 4, len(last.doc))):
                if last.doc[k].pos_ in ("NOUN", "PROPN"):
                    return last.doc[k], _unit_word(last.doc[k])
        return None, None

    @staticmethod
    def _is_named_person(token: Token) -> bool:
        """A person's name (its last word) or a personal pronoun: one person."""
        if token.lower_ in ("he", "she", "him", "her"):
            return True
        if token.ent_type_ != "PERSON" or token.pos_ != "PROPN":
            return False
        nxt = token.i + 1
        return nxt >= len(token.doc) or token.doc[nxt].ent_iob_ != "I"

    def _one_person(self, token: Token) -> QuantityMention | None:
        """ "Soleimani was killed", "he was wounded": a count of one."""
        if token.dep_ not in IMPLICIT_DEPS:
            return None
        hit = self._governing_status(token, "person")
        if hit is None or hit[0] in MUNITION_STATUSES:
            return None
        status, status_token = hit
        first = token.i
        if token.ent_type_ == "PERSON":
            while first > 0 and token.doc[first].ent_iob_ == "I":
                first -= 1
        return self._mention(
            token.doc, first, token.i + 1, status_token, 1.0, 1.0, 1.0, "person", status, token
        )

    def _unnumbered(self, noun: Token) -> QuantityMention | None:
        """Plural persons killed, injured or detained without a number."""
        if _has_count(noun) or noun.dep_ not in IMPLICIT_DEPS:
            return None
        if noun.lemma_.lower() not in self.lex.persons or noun.ent_type_ in EXCLUDED_ENTS:
            return None
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return None
        hit = self._governing_status(noun, _unit_word(noun))
        if hit is None or hit[0] in MUNITION_STATUSES:
            return None
        status, status_token = hit
        first = min([noun.i, *(c.i for c in noun.children if c.dep_ in ("amod", "compound"))])
        return self._mention(
            noun.doc,
            first,
            noun.i + 1,
            status_token,
            None,
            None,
            None,
            _unit_word(noun),
            status,
            noun,
        )

    # ------------------------------------------------------------------ main
    def find(self, sent: Span) -> list[QuantityMention]:
        """Every count with a status in the sentence, in text order."""
        doc = sent.doc
        found: list[QuantityMention] = []
        used_heads: set[int] = set()
        previous_unit: str | None = None
        for first, end, value, lower, upper in self._phrases(sent):
            last = doc[end - 1]
            noun, unit = self._unit(last)
            head = noun if noun is not None else last
            status_hit = self._governing_status(head, unit) or self._following_status(
                sent, (noun.i + 1) if noun is not None else end, unit
            )
            if status_hit is None and unit is None and previous_unit is not None:
                status_hit = self._governing_status(head, previous_unit)
                if status_hit:
                    unit = previous_unit
            if status_hit is None:
                continue
            status, status_token = status_hit
            if unit is None:
                unit = previous_unit if status in MUNITION_STATUSES else "people"
            if status in MUNITION_STATUSES or unit in self.lex.munitions:
                previous_unit = unit
            text_end = (noun.i + 1) if noun is not None and noun.i >= end else end
            found.append(
                self._mention(
                    doc, first, text_end, status_token, value, lower, upper, unit, status, head
                )
            )
            used_heads.add(head.i)
        found.extend(self._implicit_ones(sent, used_heads))
        found.sort(key=lambda q: q.start)
        return found

    def _mention(
        self,
        doc: Any,
        first: int,
        end: int,
        status_token: Token,
        value: float | None,
        lower: float | None,
        upper: float | None,
        unit: str | None,
        status: str,
        head: Token,
    ) -> QuantityMention:
        span_first, span_last = first, end - 1
        if abs(status_token.i - first) <= 8 or abs(status_token.i - span_last) <= 8:
            span_first = min(span_first, status_token.i)
            span_last = max(span_last, status_token.i)
        return QuantityMention(
            value=value,
            lower=lower,
            upper=upper,
            unit=unit,
            status=status,
            text=doc[first:end].text,
            start=doc[span_first].idx,
            end=doc[span_last].idx + len(doc[span_last]),
            status_token=status_token.i,
            head_token=head.i,
            tokens=list(range(first, end)),
        )

    def _implicit_ones(self, sent: Span, used: set[int]) -> list[QuantityMention]:
        """Counts the text gives without a number.

        A singular person with an article counts as one ("killing *a 68-year-old man*");
        plural persons with no number are a count of unknown size ("police killed
        *protesters*": status killed, value None), which still says that people were killed.
        """
        out = []
        doc = sent.doc
        for token in sent:
            if token.i in used:
                continue
            if self._is_named_person(token):
                mention = self._one_person(token)
                if mention is not None:
                    out.append(mention)
                continue
            if token.pos_ != "NOUN":
                continue
            if token.tag_ == "NNS":
                mention = self._unnumbered(token)
                if mention is not None:
                    out.append(mention)
                continue
            if token.tag_ != "NN":
                continue
            if token.lemma_.lower() not in self.lex.persons:
                continue
            det = next((c for c in token.children if c.dep_ in ("det", "nummod")), None)
            if det is None or det.lower_ not in ("a", "an", "another", "one"):
                continue
            if token.ent_type_ in EXCLUDED_ENTS or token.dep_ not in IMPLICIT_DEPS:
                continue
            hit = self._governing_status(token, _unit_word(token))
            if hit is None:
                continue
            status, status_token = hit
            if status in MUNITION_STATUSES:
                continue
            first = det.i
            out.append(
                self._mention(
                    doc,
                    first,
                    token.i + 1,
                    status_token,
                    1.0,
                    1.0,
                    1.0,
                    _unit_word(token),
                    status,
                    token,
                )
            )
        return out


def _has_count(noun: Token) -> bool:
    return any(
        c.dep_ in ("nummod", "quantmod") or (c.dep_ in ("amod", "det") and c.like_num)
        for c in noun.children
    )


def _unit_word(noun: Token) -> str:
    """The counted noun as a unit: its lemma, except "people" stays "people"."""
    lemma = noun.lemma_.lower()
    if noun.lower_ in ("people", "persons"):
        return "people"
    return lemma
