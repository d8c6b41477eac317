"""The ``ng_dates`` component: every time expression, normalised against the document date.

Candidates are spaCy's DATE and TIME entities plus the lexicon's phrases the recogniser
misses ("now", "recently", "overnight", "daily"), matched with a ``PhraseMatcher``. dateparser
is only ever run on these candidate phrases: over raw text it reads the pronoun "We" as
Wednesday. Each candidate is normalised by ``dates.normalise`` against
``doc._.ng_meta["published"]`` (None: relative expressions stay unresolved), with the tense of
its clause read from the dependency parse, so that "said on Tuesday" looks back and "is
expected to host ... on Tuesday" looks forward. Ranges written as one entity ("1990-1995",
"March 3 to March 5") become two expressions, as TimeML annotates them.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from newsgraph.dates.lexicon import TimeWordRow, word_table
from newsgraph.dates.normalise import FUTURE, PAST, PRESENT, Normaliser
from newsgraph.extensions import register_extensions

logger = logging.getLogger(__name__)

TIME_LABELS = frozenset({"DATE", "TIME"})
"""spaCy entity labels that are time expressions."""

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
FUTURE_HEADS = frozenset(
    {
        "expect", "plan", "schedule", "due", "set", "intend", "hope", "aim", "prepare", "want",
        "seek", "agree", "vow", "pledge", "promise", "threaten", "go", "likely", "slate",
        "poise", "decide", "propose", "try", "need", "wish", "offer", "ready", "able",
    }
)  # fmt: skip
"""Heads of an infinitive that look forward: "is expected to host", "plans to visit"."""

PAST_AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "did", "'ve", "been"})
PROGRESSIVE_PRESENT = frozenset({"is", "are", "am", "'s", "'re"})

_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>.+?)\s*(?:\s(?:to|and|through|until|till|or)\s|[-\u2013])"
    r"\s*(?P<b>.+)$"
)


def governing_verb(span: Span) -> Token | None:
    """The verb (or auxiliary) whose clause a phrase belongs to, up the dependency tree."""
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def clause_tense(span: Span) -> str | None:
    """Read the tense of the clause a time expression is in.

    Returns:
        FUTURE for "will/would" and for infinitives under verbs that look forward ("is
        expected to host", "plans to visit") and present progressives ("is visiting");
        PAST for simple past, perfects and past passives; PRESENT for simple present; None
        when no verb governs the phrase.
    """
    token = span.root
    for _ in range(8):
        if (
            token.lemma_.lower() in FUTURE_HEADS
            and token.pos_ in ("ADJ", "VERB")
            and token.tag_ in ("VBN", "JJ", "VBG", "VB")
        ):
            return FUTURE
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    verb = governing_verb(span)
    for _ in range(3):
        if verb is None:
            return None
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & FUTURE_AUXILIARIES:
            return FUTURE
        if "to" in auxes or (verb.tag_ == "VB" and not auxes):
            head = verb.head
            if head.lemma_.lower() in FUTURE_HEADS or (verb.lemma_ == "be" and head is verb):
                return FUTURE
            if head is verb:
                return None
            verb = head if head.pos_ in ("VERB", "AUX", "ADJ") else None
            if verb is not None and verb.pos_ == "ADJ":
                return FUTURE if verb.lemma_.lower() in FUTURE_HEADS else None
            continue
        break
    if verb is None:
        return None
    tag = verb.tag_
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if tag in ("VBZ", "VBP") or auxes & PROGRESSIVE_PRESENT:
        # "talks are due on ...", "the vote is scheduled for ...", "she is set to ..."
        forward = [c for c in verb.children if c.dep_ in ("acomp", "xcomp", "oprd")]
        if verb.lemma_.lower() in FUTURE_HEADS or any(
            c.lemma_.lower() in FUTURE_HEADS for c in forward
        ):
            return FUTURE
    if tag == "VBD" or auxes & PAST_AUXILIARIES:
        return PAST
    if tag == "VBG":
        return FUTURE if auxes & PROGRESSIVE_PRESENT else None
    if tag in ("VBZ", "VBP"):
        return PRESENT
    if tag == "VBN":
        return PAST if not auxes & PROGRESSIVE_PRESENT else PRESENT
    if tag == "MD":
        return FUTURE if verb.lower_ in FUTURE_AUXILIARIES else None
    return None


def document_date(doc: Doc) -> date | None:
    """The publication date relative expressions are read against, or None."""
    published = (doc._.ng_meta or {}).get("published")
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        logger.debug("unreadable publication date %r", published)
        return None


def _trim(span: Span) -> Span:
    """Drop a trailing possessive or punctuation token from an entity span."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_punct | (span.doc[end - 1].tag_ == "POS"):
        end -= 1
    start = span.start
    while start < end - 1 and span.doc[start].is_punct:
        start += 1
    return span.doc[start:end]


class TimeTagger:
    """Find and normalise the time expressions of a document.

    Assigns ``doc._.ng_times``: a list of ``{id, text, value, type, granularity, span}``
    dicts in text order (``span`` is a ``[start, end]`` character pair).
    """

    def __init__(
        self, nlp: Language, name: str, *, words: list[TimeWordRow], use_dateparser: bool = True
    ) -> None:
        register_extensions()
        self.name = name
        self.normaliser = Normaliser(word_table(words), use_dateparser=use_dateparser)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = [row.text for row in words if row.match]
        self.matcher.add("ng_time_word", [nlp.make_doc(p) for p in phrases])

    def candidates(self, doc: Doc) -> list[Span]:
        """spaCy's DATE/TIME entities plus lexicon matches outside them, in text order."""
        spans = [_trim(ent) for ent in doc.ents if ent.label_ in TIME_LABELS]
        taken = {i for span in spans for i in range(span.start, span.end)}
        matches = sorted(
            (doc[start:end] for _, start, end in self.matcher(doc)),
            key=lambda s: (s.start, -(s.end - s.start)),
        )
        for span in matches:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if len(span) == 1 and span[0].pos_ in ("VERB", "PROPN", "NOUN") and span[0].lower_ in (
                "present", "current", "future", "once"
            ):  # fmt: skip
                continue
            spans.append(span)
            taken.update(range(span.start, span.end))
        return sorted(spans, key=lambda s: s.start_char)

    def _split_range(self, span: Span, anchor: date | None, tense: str | None) -> list[Any]:
        """Two expressions for a range written as one entity, else the span itself."""
        match = _RANGE.match(span.text)
        if match is None:
            return [(span.start_char, span.end_char, span.text)]
        a, b = match.group("a"), match.group("b")
        first = self.normaliser(a, anchor, tense)
        second = self.normaliser(b, anchor, tense)
        if (
            first is None
            or second is None
            or first.value is None
            or second.value is None
            or first.type == "DURATION"
            or (not re.search(r"[a-z]", a + b, re.I) and not re.fullmatch(r"\d{4}", a.strip()))
        ):
            return [(span.start_char, span.end_char, span.text)]
        base = span.start_char
        return [
            (base + match.start("a"), base + match.end("a"), a),
            (base + match.start("b"), base + match.end("b"), b),
        ]

    def __call__(self, doc: Doc) -> Doc:
        anchor = document_date(doc)
        times: list[dict[str, Any]] = []
        for span in self.candidates(doc):
            tense = clause_tense(span)
            for start, end, text in self._split_range(span, anchor, tense):
                found = self.normaliser(text, anchor, tense)
                if found is None:
                    continue
                times.append(
                    {
                        "id": f"t{len(times) + 1}",
                        "text": doc.text[start:end],
                        "value": found.value,
                        "type": found.type,
                        "granularity": found.granularity,
                        "span": [start, end],
                    }
                )
        doc._.ng_times = times
        return doc


@Language.factory(
    "ng_dates",
    requires=["doc.ents", "token.dep", "token.tag", "doc._.ng_meta"],
    assigns=["doc._.ng_times"],
    default_config={"words": {"@misc": "newsgraph.time_words.v1"}, "use_dateparser": True},
)
def make_time_tagger(
    nlp: Language, name: str, words: list[TimeWordRow], use_dateparser: bool
) -> TimeTagger:
    """Build the ``ng_dates`` component."""
    return TimeTagger(nlp, name, words=words, use_dateparser=use_dateparser)
