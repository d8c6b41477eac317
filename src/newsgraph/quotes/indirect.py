"""Indirect statements: what a speaker said, reported in the writer's words.

Rules over the dependency parse, one reporting cue at a time:

- a reporting verb with a clause: "Hegseth warned that Europe must ...", "Russia launched 143
  drones ..., the air force said" (the clause is the verb's ``ccomp``, or the clause the verb
  interrupts when the parser hangs the verb off it as ``parataxis``);
- a verb whose object is the content: "confirmed his participation", "denies targeting
  civilians", "stressed the importance of ...";
- an infinitive: "urged allies to keep weapons flowing";
- a preposition named by the lexicon: "called for a ceasefire", "accused X of ...";
- a naming: "called the detentions an act of revenge", "described the plan as reckless";
- a passive with its agent: "the plan was rejected by the Kremlin";
- a refusal to comment: "The White House did not comment on the call";
- a parenthetical attribution: "The convoy, the ministry said, reached the city" (the content
  is the clause around it, in two segments);
- "according to X", and a noun with a that-clause: "the ministry's claim that ...".

The speaker is the verb's subject, shared along conjoined and participle verbs ("..., adding
that ..."). The content never includes the cue, the speaker, the complementiser "that", or a
writer's aside that closes it (", which ...", ", a former minister").
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from newsgraph.quotes.direct import QUOTE_MARKS, is_cue_verb
from newsgraph.quotes.lexicon import QuoteLexicon
from newsgraph.quotes.statement import (
    RELATIVE_WORDS,
    SUBJECT_DEPS,
    Statement,
    char_bounds,
    paired_marks,
    range_root,
    subject_of,
)

logger = logging.getLogger(__name__)

CLAUSE_DEPS = frozenset({"ccomp"})
INTERRUPTING_DEPS = frozenset({"parataxis", "advcl", "conj"})
"""Relations by which the parser may hang a trailing ", the ministry said" off its clause."""
TRAILING_DEPS_OBJ = frozenset({"prep", "npadvmod", "advmod", "punct", "agent", "dobj", "dative"})
"""Words allowed after a trailing cue verb (", he told reporters on Wednesday.")."""
TRAILING_DEPS = TRAILING_DEPS_OBJ - {"dobj"}
SUBJECT_DEPS_ALL = SUBJECT_DEPS | {"nsubjpass"}
COMPLEMENTISERS = frozenset({"that"})
OBJECT_PREPS = frozenset({"for", "of", "over"})
"""Prepositions that carry on an object content ("criticized Obama for ...")."""
NO_COMMENT = frozenset({"comment", "respond"})
ASIDE_DEPS = frozenset({"relcl", "appos"})
"""Relations of a writer's aside at the end of a content (see ``_without_trailing_aside``)."""
MIN_CLAUSE_WORDS = 2
MIN_SIDE_WORDS = 3
"""Words on each side of a mid-sentence "according to X" for both sides to be content."""


def _words(doc: Doc, first: int, end: int) -> int:
    return sum(1 for t in doc[first:end] if not (t.is_punct or t.is_space))


def _trimmed(doc: Doc, first: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation and spaces, and a leading complementiser ("that")."""
    while first < end and (
        doc[first].is_punct or doc[first].is_space or _complementiser(doc[first])
    ):
        first += 1
    while end > first and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return paired_marks(doc, first, end)


def _complementiser(token: Token) -> bool:
    """Tell a "that" that introduces the reported clause from a "that" that is part of it
    ("said that was wrong"); the parser sometimes labels the first as an object."""
    if token.lower_ not in COMPLEMENTISERS:
        return False
    return token.dep_ == "mark" or token.dep_ not in ("nsubj", "nsubjpass", "det")


def _subtree(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


Content = tuple[int, int, list[Token]]
"""A content's token span ``(first, end)`` and the head words of its clauses or phrases."""


def clause_content(verb: Token, lexicon: QuoteLexicon) -> Content | None:
    """The clause a reporting verb reports, or None.

    Either the verb's clausal complement ("said that ...", "said ... " fronted), or, when the
    parser hangs a trailing attribution off the reported clause (", the ministry said on
    Wednesday"), that clause.
    """
    clauses = [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
    if not clauses:
        clauses = _misattached_clauses(verb, lexicon)
    if clauses:
        first = min(c.left_edge.i for c in clauses)
        end = max(c.right_edge.i for c in clauses) + 1
        return first, end, clauses
    head = verb.head
    if (verb.dep_ in INTERRUPTING_DEPS and head.i > verb.i) or head.dep_ == "nsubj":
        return parenthetical_content(verb, lexicon)
    if verb.dep_ not in INTERRUPTING_DEPS or head.i == verb.i or head.i > verb.i:
        return None
    if head.pos_ not in ("VERB", "AUX") or any(c.dep_ == "mark" for c in verb.children):
        return None
    row = lexicon.verbs.get(verb.lower_)
    allowed = TRAILING_DEPS if row is None or "object" in row.frames else TRAILING_DEPS_OBJ
    if any(c.dep_ not in allowed for c in verb.rights):
        return None
    if not any(c.dep_ in SUBJECT_DEPS_ALL for c in verb.lefts):
        return None
    first = head.left_edge.i
    end = verb.left_edge.i
    if head.right_edge.i > verb.right_edge.i:
        end = head.right_edge.i + 1
    return (first, end, [head]) if end > first else None


def parenthetical_content(verb: Token, lexicon: QuoteLexicon) -> Content | None:
    """The clause around a parenthetical attribution: "The museum, Mr. Bush said,
    celebrated ...", "All of which, he said, would help ...".

    The parser hangs the comma-fenced "X said" on the clause's verb (or its subject) as
    ``parataxis``; the content is that clause, and ``_verb_statement`` cuts the parenthetical
    out of it, leaving two segments.
    """
    if verb.dep_ not in INTERRUPTING_DEPS or any(c.dep_ == "mark" for c in verb.children):
        return None
    doc = verb.doc
    first, end = _subtree(verb)
    if doc[first].text != "," or doc[end - 1].text != "," or first == 0:
        return None
    if not any(c.dep_ in SUBJECT_DEPS_ALL for c in verb.lefts):
        return None
    row = lexicon.verbs.get(verb.lower_)
    allowed = TRAILING_DEPS if row is None or "object" in row.frames else TRAILING_DEPS_OBJ
    if any(c.dep_ not in allowed for c in verb.rights):
        return None
    anchor = verb.head
    while anchor.pos_ not in ("VERB", "AUX") and anchor.head.i != anchor.i:
        anchor = anchor.head
    if anchor.pos_ not in ("VERB", "AUX") or anchor.i < end:
        return None
    clause_first, clause_end = _subtree(anchor)
    if not clause_first < first:
        return None
    return clause_first, clause_end, [anchor]


def _misattached_clauses(verb: Token, lexicon: QuoteLexicon) -> list[Token]:
    """A clause the parser hung on the medium instead of the verb ("writing on X that ...",
    "said in a briefing that ...": the small model often reads the second as a relative
    clause of "briefing")."""
    found = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            medium = obj.lower_ in lexicon.nouns
            for clause in obj.children:
                if clause.i < obj.i:
                    continue
                if clause.dep_ in CLAUSE_DEPS or (
                    medium
                    and clause.dep_ in ("acl", "relcl")
                    and clause.left_edge.lower_ in COMPLEMENTISERS
                    and any(c.dep_ in SUBJECT_DEPS_ALL for c in clause.children)
                ):
                    found.append(clause)
    return found


def object_content(verb: Token, frames: Sequence[str], preps: Sequence[str]) -> Content | None:
    """An object, infinitive or prepositional content, or None."""
    spans: list[tuple[int, int]] = []
    heads: list[Token] = []
    children = list(verb.children)
    has_xcomp = any(c.dep_ == "xcomp" for c in children)
    prep_object = False
    for child in children:
        take = False
        if child.dep_ == "dobj":
            take = "object" in frames or ("infinitive" in frames and has_xcomp)
        elif child.dep_ == "xcomp":
            # "called on Trump [to stop attacking ...]": the infinitive goes with the object
            take = "infinitive" in frames or "object" in frames or prep_object
        elif child.dep_ == "oprd" or (
            child.dep_ == "prep" and child.lower_ in OBJECT_PREPS and "object" in frames
        ):
            take = bool(spans)
        elif child.dep_ in ("prep", "dative") and child.lower_ in preps:
            if spans:
                take = True
            else:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    # the preposition's whole phrase: "for tax fairness ... and for relief"
                    spans.append((child.i + 1, child.right_edge.i + 1))
                    heads.append(objects[0])
                    prep_object = True
        if take:
            spans.append(_subtree(child))
            heads.append(child)
    if not spans and "naming" in frames:
        return naming_content(verb)
    if not spans or (len(heads) == 1 and heads[0].dep_ == "dobj" and _bare_name(heads[0])):
        return None
    return min(s for s, _ in spans), max(e for _, e in spans), heads


PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def _bare_name(head: Token) -> bool:
    """Whether an object is nothing but a name ("Trump criticised [Madrid]", "praised
    [Donald Trump]"): whom the verb is aimed at, not what was said."""
    words = [t for t in head.subtree if not t.is_punct and t.lower_ != "the"]
    return bool(words) and all(t.pos_ == "PROPN" and t.ent_type_ in PLACE_TYPES for t in words)


def naming_content(verb: Token) -> Content | None:
    """What a verb of naming says: "called [the detentions an act of revenge]", "described
    [the plan as reckless]". Without the name ("called Putin") there is no statement."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    names = [
        c
        for c in verb.children
        if c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as")
    ]
    if not objects or not names:
        return None
    if any(t.lower_ == "what" for t in objects):
        return None  # "what he called a sex tape": the writer's framing, not a statement
    parts = objects + names
    return min(t.left_edge.i for t in parts), max(t.right_edge.i for t in parts) + 1, parts


def passive_content(verb: Token) -> Content | None:
    """The subject of a passive with a "by" agent: "[the plan] was criticised by Kyiv"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [c for c in verb.children if c.dep_ == "agent"]
    if not subjects or not agents or not any(c.dep_ == "pobj" for c in agents[0].children):
        return None
    return (*_subtree(subjects[0]), subjects)


def no_comment_content(verb: Token) -> Content | None:
    """The verb phrase of a refusal to comment ("did not comment on the call")."""
    if verb.lemma_ not in NO_COMMENT:
        return None
    if not any(c.dep_ == "neg" for c in verb.children):
        head = verb.head
        if not (verb.dep_ == "xcomp" and head.lemma_ in ("decline", "refuse")):
            return None
    first = min(
        (c.left_edge.i for c in verb.children if c.dep_ in ("aux", "neg", "advmod")),
        default=verb.i,
    )
    return first, verb.right_edge.i + 1, [verb]


def _without_trailing_participle(doc: Doc, first: int, end: int, heads: list[Token]) -> int:
    """Cut a participle clause the writer adds after a comma (", citing ...", ", adding
    ..."): it comments on the statement rather than reporting it."""
    for head in heads:
        for child in head.rights:
            start = child.left_edge.i
            if (
                child.tag_ == "VBG"
                and child.dep_ in ("advcl", "xcomp", "conj")
                and first < start < end
                and (
                    doc[start - 1].text == ","
                    or (doc[start - 1].is_quote and doc[start - 2].text == ",")
                )
                and child.left_edge.i == child.i
            ):
                end = min(end, start - 1)
    return end


def _without_trailing_aside(doc: Doc, first: int, end: int) -> int:
    """Cut a writer's aside that closes the content after a comma: a non-restrictive relative
    clause or an apposition ("he expects Clinton to recover from pneumonia, which forced her
    to leave ...", "... consider Rep. Don Beyer, a former lieutenant governor"). It tells the
    reader who or what was meant; it is not part of what the speaker said. An aside with
    quoted words in it is kept, as those are the speaker's."""
    for k in range(first + 1, end - 1):
        if doc[k].text != ",":
            continue
        for token in doc[k + 1 : end]:
            if (
                token.dep_ in ASIDE_DEPS
                and token.left_edge.i == k + 1
                and token.right_edge.i >= end - 2
                and token.head.i < k
            ):
                quoted = any(QUOTE_MARKS.fullmatch(t.text) for t in doc[k:end])
                return end if quoted else k
    return end


def trailing_speaker(doc: Doc, first: int, end: int, verb: Token) -> tuple[int, Token] | None:
    """Split ", Ukraine's air force" off the end of a content right before its verb.

    The small parser often hangs a long speaker phrase inside the reported clause (as an
    apposition) and leaves the verb without a subject. When the content runs up to the verb
    and its last comma-separated chunk has a noun and no verb, that chunk is the speaker.

    Returns:
        The new content end and the speaker's head word, or None.
    """
    if end != verb.i:
        return None
    for k in range(end - 1, first, -1):
        if doc[k].text == ",":
            chunk = doc[k + 1 : end]
            if not len(chunk) or any(t.pos_ in ("VERB", "AUX") for t in chunk):
                return None
            root = range_root(doc, k + 1, end)
            return (k, root) if root is not None else None
    return None


def _speaker_in_apposition(
    doc: Doc, subject: Token, verb: Token, end: int
) -> tuple[int, Token] | None:
    """Take the speaker out of an apposition the parser hung on the reported clause's last
    object ("Drones struck Kharkiv overnight, wounding at least nine people, regional
    Governor Oleh Syniehubov said"): the parse makes "people" the verb's subject and the
    governor its apposition. When the subject follows a participle and its apposition runs
    up to the verb, the apposition speaks and the participle clause is reported.

    Returns:
        The new content end (the comma before the speaker) and the speaker's head, or None.
    """
    if subject.i > verb.i or subject.left_edge.i < 1 or subject.left_edge.i < end:
        return None
    if doc[subject.left_edge.i - 1].tag_ not in ("VBG", "VBN"):
        return None
    for child in subject.rights:
        if child.dep_ == "appos" and child.right_edge.i == verb.i - 1:
            comma = child.left_edge.i - 1
            if comma > subject.i and doc[comma].text == ",":
                return comma, child
    return None


def find_indirect(
    doc: Doc,
    lexicon: QuoteLexicon,
    *,
    used_cues: set[int],
    quoted: list[tuple[int, int]],
    speech: list[tuple[int, int]] | None = None,
) -> list[Statement]:
    """Find indirect statements over the parse.

    Args:
        doc: The parsed document.
        lexicon: The reporting cues.
        used_cues: Token indices already used as cues of direct quotes (skipped).
        quoted: Character spans of quotations: a cue inside one is not the writer's.
        speech: Character spans of direct quotes: a subject inside one is the quoted
            speaker's own word, never the speaker of the writer's statement.
    """
    statements: list[Statement] = []
    phrase_starts = lexicon.phrase_starts()
    quoted = sorted(quoted)
    quoted_starts = [s for s, _ in quoted]
    speech = sorted(speech or [])
    speech_starts = [s for s, _ in speech]
    for i in lexicon.candidates(doc):
        token = doc[i]
        if token.i in used_cues or _inside(token.idx, quoted, quoted_starts):
            continue
        lower = token.lower_
        statement: Statement | None = None
        if lower in phrase_starts:
            statement = _phrase_statement(doc, token, phrase_starts[lower])
        elif lower in lexicon.nouns and token.pos_ in ("NOUN", "PROPN"):
            statement = _noun_statement(token, lexicon)
        elif is_cue_verb(token, lexicon):
            statement = _verb_statement(
                doc, token, lexicon, lambda char: _inside(char, speech, speech_starts)
            )
        if statement is not None:
            statements.append(statement)
    return statements


def _verb_statement(
    doc: Doc, verb: Token, lexicon: QuoteLexicon, quoted: Callable[[int], bool]
) -> Statement | None:
    """The statement a reporting verb makes, or None when it has no content.

    ``quoted`` tells whether a character lies inside a quotation: a subject found there
    ("..., "We lost," adding that ...": the parse hangs "adding" on the quoted verb) is the
    quoted speaker's own word, never the writer's speaker.
    """
    row = lexicon.verbs[verb.lower_]
    frames = list(row.frames)
    content = clause_content(verb, lexicon) if "clause" in frames else None
    weak = content is None
    if content is None:
        content = no_comment_content(verb)
    if content is None:
        content = object_content(verb, frames, list(row.preps))
    if content is None and ("object" in frames or "naming" in frames):
        content = passive_content(verb)
    if content is None:
        return None
    first, end, heads = content
    end = _without_trailing_participle(doc, first, end, heads)
    end = _without_trailing_aside(doc, first, end)

    def in_content(i: int) -> bool:
        token = doc[i]
        if quoted(token.idx):
            return True
        if token.i == verb.i or verb.is_ancestor(token):
            return False
        return any(h.i == i or h.is_ancestor(token) for h in heads)

    subject = subject_of(verb, avoid=in_content)
    if subject is not None:
        moved = _speaker_in_apposition(doc, subject, verb, end)
        if moved is not None:
            end, subject = moved
    if subject is None:
        split = trailing_speaker(doc, first, end, verb)
        if split is not None:
            end, subject = split
    if subject is None and weak:
        return None
    first, end = _trimmed(doc, first, end)
    minimum = MIN_CLAUSE_WORDS if not weak else 1
    if end <= first or _words(doc, first, end) < minimum:
        return None
    if doc[first].lower_ in RELATIVE_WORDS and doc[first].dep_ in ("dobj", "pobj"):
        return None
    statement = Statement(kind="indirect", segments=_around(doc, first, end, verb))
    statement.cue = _cue_span(verb, lexicon)
    if subject is not None:
        statement.speaker_head = subject.i
    return statement


def _around(doc: Doc, first: int, end: int, verb: Token) -> list[tuple[int, int]]:
    """The character segments of ``doc[first:end]`` without the cue verb's own phrase, when
    that phrase interrupts the content ("The latest test, North Korea said, was ...")."""
    hole_first, hole_end = _subtree(verb)
    if not first < hole_first < hole_end < end:
        return [char_bounds(doc, first, end)]
    segments = []
    for start, stop in ((first, hole_first), (hole_end, end)):
        start, stop = _trimmed(doc, start, stop)
        if stop > start:
            segments.append(char_bounds(doc, start, stop))
    return segments or [char_bounds(doc, first, end)]


def _cue_span(verb: Token, lexicon: QuoteLexicon) -> tuple[int, int]:
    """The cue's tokens: the verb, plus a following "in a statement" style phrase."""
    end = verb.i + 1
    for child in verb.children:
        if child.dep_ == "prep" and child.i == end and child.lower_ in ("in", "on", "during"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.lower_ in lexicon.nouns:
                    row = lexicon.nouns[grandchild.lower_]
                    if "medium" in row.frames:
                        end = grandchild.i + 1
    return verb.i, end


def _phrase_statement(doc: Doc, token: Token, phrases: list[tuple[str, ...]]) -> Statement | None:
    """An "according to X" statement: the clause the phrase is attached to.

    The phrase opens or closes the sentence ("..., according to the Health Ministry"), and
    the content is the rest of it; when it stands in the middle with a clause on both
    sides, the content is the whole sentence around it.
    """
    for words in phrases:
        end = token.i + len(words)
        if end > len(doc) or tuple(t.lower_ for t in doc[token.i : end]) != words:
            continue
        last = doc[end - 1]
        objects = [c for c in last.children if c.dep_ in ("pobj", "pcomp")]
        if not objects:
            continue
        speaker = objects[0]
        sentence = token.sent
        phrase_first = token.i
        phrase_end = speaker.right_edge.i + 1
        before = (sentence.start, phrase_first)
        after = (phrase_end, sentence.end)
        words_before, words_after = _words(doc, *before), _words(doc, *after)
        if min(words_before, words_after) >= MIN_SIDE_WORDS:
            first, stop = _trimmed(doc, sentence.start, sentence.end)
        elif words_before >= words_after:
            first, stop = _trimmed(doc, *before)
        else:
            first, stop = _trimmed(doc, *after)
        if stop <= first or _words(doc, first, stop) < MIN_CLAUSE_WORDS:
            return None
        statement = Statement(kind="indirect", segments=[char_bounds(doc, first, stop)])
        statement.cue = (token.i, end)
        statement.speaker_head = speaker.i
        return statement
    return None


def _noun_statement(noun: Token, lexicon: QuoteLexicon) -> Statement | None:
    """A noun cue with a that-clause: "the ministry's claim that ..."."""
    row = lexicon.nouns[noun.lower_]
    if "clause" not in row.frames:
        return None
    clauses = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" for g in c.children)
    ]
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not clauses or not owners:
        return None
    doc = noun.doc
    first, end = _trimmed(doc, *_subtree(clauses[0]))
    if end <= first:
        return None
    statement = Statement(kind="indirect", segments=[char_bounds(doc, first, end)])
    statement.cue = (noun.i, noun.i + 1)
    statement.speaker_head = owners[0].i
    return statement


def _inside(char: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, char) - 1
    return k >= 0 and spans[k][0] <= char < spans[k][1]
