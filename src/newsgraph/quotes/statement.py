"""The working record of one statement while the quote finder builds it, and token helpers.

A ``Statement`` holds token and character positions into one ``Doc``; the component turns it
into the plain dict stored on ``doc._.ng_quotes`` once the speaker is resolved.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
INHERIT_SUBJECT_DEPS = frozenset({"conj", "xcomp", "advcl", "acl"})
"""A verb with one of these relations and no subject of its own shares its head's subject:
"stressed ... and said that", "continued to say", "adding that", "speaking to reporters"."""
RELATIVE_WORDS = frozenset({"who", "which", "that", "whom"})
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ"})
"""Tags of a finite verb (past, present): one that inverts an attribution (""...," said
Kim"), or that a participle cannot really be conjoined with."""
BLAME_PREPS = frozenset({"for", "of"})
"""Prepositions after which a gerund's speaker is the governing verb's object ("criticized
Dean for saying", "accused him of lying")."""


@dataclass
class Statement:
    """A statement found in the text: content, cue and speaker positions.

    Attributes:
        kind: "direct" (in quote marks) or "indirect" (reported in the writer's words).
        segments: Character spans of the content; several for a split or multi-paragraph quote.
        cue: Token span ``(first, last + 1)`` of the cue ("said", "according to").
        speaker_head: Token index of the speaker phrase's head word, or None.
        actor: The resolved actor id, or None.
        tail_end: For a direct quote, the character where its attribution clause ends
            (used to join the next quote of a split statement); -1 when the clause does not
            end before another quotation starts.
        paragraph: Index of the paragraph where a direct quote ends.
        speaker_extent: Token range the speaker phrase must stay in (between a closing
            quote mark and its verb), or None.
    """

    kind: str
    segments: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    speaker_head: int | None = None
    actor: str | None = None
    tail_end: int = 0
    paragraph: int = 0
    speaker_extent: tuple[int, int] | None = None

    @property
    def start(self) -> int:
        """First character of the content."""
        return self.segments[0][0]

    @property
    def end(self) -> int:
        """One past the last character of the content."""
        return self.segments[-1][1]


class TokenIndex:
    """Map character offsets to tokens of one ``Doc`` (built once per document)."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        """The document text (``Doc.text`` joins every token on each access: read it once)."""
        self.starts: list[int] = doc.to_array(IDX).tolist() if len(doc) else []
        self.quoted: list[tuple[int, int]] = []
        """Character spans of every quotation's words (set by the direct-quote finder)."""

    def in_quotation(self, char: int) -> bool:
        """Whether ``char`` lies inside the words of some quotation."""
        return any(start <= char < end for start, end in self.quoted)

    def at_or_after(self, char: int) -> int:
        """Index of the first token starting at or after ``char`` (``len(doc)`` if none)."""
        return bisect.bisect_left(self.starts, char)

    def before(self, char: int) -> int:
        """Index of the last token starting before ``char`` (-1 if none)."""
        return bisect.bisect_left(self.starts, char) - 1

    def containing(self, char: int) -> int:
        """Index of the token that covers ``char`` (or the last token starting before it)."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)


def subject_of(
    verb: Token, depth: int = 0, avoid: Callable[[int], bool] | None = None
) -> Token | None:
    """Return the speaker-bearing subject of a reporting verb, following shared subjects.

    A relative pronoun subject ("officials who said") stands for the noun the clause
    modifies, and a passive with a "by" agent takes the agent. When the parser gives the
    verb several subjects (it sometimes takes one from inside the quotation), the one closest
    to the verb that ``avoid`` does not reject wins.

    Args:
        verb: The reporting verb.
        depth: Recursion depth (shared subjects are followed a few steps at most).
        avoid: Rejects token indices that cannot be the speaker (inside the content).
    """
    if depth > 4:
        return None
    passive = False
    subjects: list[Token] = []
    for child in verb.children:
        if avoid is not None and avoid(child.i):
            continue
        if child.dep_ in SUBJECT_DEPS:
            subjects.append(child)
        elif child.dep_ in PASSIVE_SUBJECT_DEPS:
            passive = True
        elif child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if subjects:
        child = min(subjects, key=lambda t: abs(t.i - verb.i))
        if child.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":
            return verb.head
        return child
    if passive:
        return None
    shown = _shown_speaking(verb)
    if shown is not None and not (avoid is not None and avoid(shown.i)):
        return shown
    inverted = _inverted_name(verb)
    if inverted is not None and not (avoid is not None and avoid(inverted.i)):
        return inverted
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return _gerund_speaker(verb.head.head, verb.head, depth, avoid)
    if verb.dep_ == "dobj" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB":
        return subject_of(verb.head, depth + 1, avoid)  # "she recalled thinking, ..."
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if (
        _set_off_participle(verb)
        and verb.head.dep_ == "ccomp"
        and verb.head.head.pos_ == "VERB"
        and verb.head.head.i < verb.head.i
    ):
        # "Byrne wrote the agents knew ..., saying, "..."": the parser hangs the participle
        # on the reported clause; the writer adds it to the reporting verb
        return subject_of(verb.head.head, depth + 1, avoid)
    if _set_off_participle(verb) and verb.head.dep_ == "relcl":
        # "... not paying an architect who said he was stiffed, saying, "...": the parser
        # hangs the participle on the relative clause; it belongs to the main clause
        governor = verb.head.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX"):
            return subject_of(governor, depth + 1, avoid)
    if verb.dep_ in INHERIT_SUBJECT_DEPS and verb.head.i != verb.i:
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "officials saying ...", and "a man yelled "..."" parsed as a reduced relative:
            # a finite verb cannot be one, so its noun speaks
            return verb.head if verb.tag_ in ("VBG", "VBD") else None
        if passive_participle(verb):
            return None  # "Asked whether talks could resume, Sybiha replied": he was asked
        if verb.head.pos_ in ("VERB", "AUX"):
            participle = _participle_conjunct(verb)
            if participle is not None:
                return subject_of(participle, depth + 1, avoid)
            if verb.dep_ == "conj" and verb.tag_ != "VBN":
                # "Silverman was joined on stage by Al Franken and joked, "..."": the
                # passive's subject goes on to speak, not its agent
                shared = passive_subject(verb.head, avoid)
                if shared is not None:
                    return shared
            return subject_of(verb.head, depth + 1, avoid)
    return None


def _participle_conjunct(verb: Token) -> Token | None:
    """The participle a participle is really conjoined with when the parse hangs it on a
    finite verb inside that participle's clause ("with Trump tweeting that it was a
    "disaster" and asking, "..."", where "asking" is made a conjunct of "was")."""
    if verb.dep_ != "conj" or verb.tag_ != "VBG" or verb.head.tag_ not in FINITE_TAGS:
        return None
    for ancestor in list(verb.head.ancestors)[:3]:
        if ancestor.tag_ == "VBG" and ancestor.i < verb.head.i:
            return ancestor
    return None


def passive_subject(verb: Token, avoid: Callable[[int], bool] | None = None) -> Token | None:
    """The passive subject of a verb ("Silverman was joined"), if the verb has one."""
    for child in verb.children:
        if child.dep_ == "nsubjpass" and not (avoid is not None and avoid(child.i)):
            return child
    return None


def passive_participle(verb: Token) -> bool:
    """A past participle clause set before its main clause ("Asked about the talks, ...",
    "Told of the decision, ..."): its understood subject is the one spoken to, so the main
    clause's subject is not who spoke."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and verb.i < verb.head.i
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    )


def _inverted_name(verb: Token) -> Token | None:
    """The name right after a verb that follows a closing quote mark (""...," said Skelly")
    when the tagger took it for an adverb or adjective and so left the verb no subject."""
    doc = verb.doc
    if verb.i < 2 or verb.i + 1 >= len(doc):
        return None
    before = doc[verb.i - 1]
    if not (before.is_quote or (before.text == "," and doc[verb.i - 2].is_quote)):
        return None  # ""...," said Skelly" and ""...", said Skelly"
    name = doc[verb.i + 1]
    if not name.is_title or name.pos_ not in ("ADV", "ADJ") or name.is_stop:
        return None  # a name tagged as one is read by the quote finder with its titles
    return name


SETTING_OFF = frozenset({",", "-", "\u2014", "\u2013", "--"})
"""Punctuation that sets a closing participle off from the clause before it."""


def _set_off_participle(verb: Token) -> bool:
    """A participle after a comma or a dash (", saying ...", ", adding ...", "- while
    chanting ..."): the writer's way of giving the main clause's subject a second
    statement."""
    if verb.dep_ not in ("advcl", "conj") or verb.tag_ != "VBG" or verb.i < 2:
        return False
    before = verb.doc[verb.i - 1]
    if before.dep_ == "mark" and before.head.i == verb.i:
        before = verb.doc[verb.i - 2]  # "... - while chanting, "...""
    elif before.is_quote:
        before = verb.doc[verb.i - 2]
    return before.text in SETTING_OFF


def _shown_speaking(verb: Token) -> Token | None:
    """The one a recording shows speaking ("The ad uses footage of Hillary Clinton asking,
    "..."", "a video of Trump saying ..."): a gerund right after the object of "of" takes
    that object as its speaker, whatever the parse hangs the gerund on."""
    if verb.tag_ != "VBG" or verb.i == 0 or verb.dep_ not in INHERIT_SUBJECT_DEPS:
        return None
    name = verb.doc[verb.i - 1]
    if name.dep_ == "pobj" and name.pos_ in ("PROPN", "NOUN") and name.head.lower_ == "of":
        return name
    return None


def _gerund_speaker(
    governor: Token, preposition: Token, depth: int, avoid: Callable[[int], bool] | None
) -> Token | None:
    """Who speaks in a gerund after a preposition ("criticized Dean for saying ...", "Dean
    was criticized for saying ...", "Trump opened by saying ..."): after a preposition of
    blame ("for", "of"), the governing verb's object, else its passive subject; otherwise
    ("deflected questions before saying", "opened by saying") its subject, as the object
    there is what the speaker acted on, not who spoke."""
    if preposition.lower_ not in BLAME_PREPS:
        return subject_of(governor, depth + 1, avoid)
    for dep in ("dobj", "nsubjpass"):
        for child in governor.children:
            if child.dep_ == dep and not (avoid is not None and avoid(child.i)):
                return child
    return subject_of(governor, depth + 1, avoid)


def paired_marks(doc: Doc, first: int, end: int) -> tuple[int, int]:
    """Widen the tokens ``doc[first:end]`` by the quote mark their trimming cut off, so a
    quoted fragment keeps both marks ('remained "open to dialogue"', not 'remained "open to
    dialogue'): the closing mark after the end (with the full stop or comma American style
    sets inside it), else the opening mark before the start."""
    if not sum(t.is_quote for t in doc[first:end]) % 2:
        return first, end
    if end < len(doc) and doc[end].is_quote:
        return first, end + 1
    if end + 1 < len(doc) and doc[end].text in (".", ",") and doc[end + 1].is_quote:
        return first, end + 2
    if first > 0 and doc[first - 1].is_quote:
        return first - 1, end
    return first, end


def range_root(doc: Doc, first: int, end: int) -> Token | None:
    """The head word of the tokens ``doc[first:end]`` taken as one phrase: the first noun,
    name or pronoun whose syntactic head lies outside the range. Used when the parse attaches
    a speaker phrase to the wrong word ("..., Flynn, a top surrogate, said")."""
    best: Token | None = None
    for token in doc[first:end]:
        if token.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        if not first <= token.head.i < end or token.head.i == token.i:
            return token
        if best is None:
            best = token
    while (
        best is not None
        and best.dep_ in ("compound", "flat")
        and best.i < best.head.i < end
        and best.head.pos_ in ("NOUN", "PROPN")
    ):
        best = best.head  # "Mr. Daniloff": the name, not its title
    return best


def char_bounds(doc: Doc, first: int, end: int) -> tuple[int, int]:
    """Character span of the tokens ``doc[first:end]``."""
    last = doc[end - 1]
    return doc[first].idx, last.idx + len(last.text)


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two ``(start, end)`` spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
