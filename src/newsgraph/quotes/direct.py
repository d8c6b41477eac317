"""Direct quotes: words in quote marks with the cue and speaker that introduce them.

Quote marks are paired by context rather than by kind, so that a straight ``"`` and a
mistyped curly mark both work, and pairing restarts at every paragraph: an unbalanced mark
costs at most the rest of its paragraph, never the document (textacy's ``direct_quotations``
gives up on the whole document instead). A quotation that runs over several paragraphs, with
the opening mark repeated on each and the closing mark only on the last, is one region.

A region becomes a statement when a reporting verb stands right after it (``," he said``,
``," said Kim``) or right before it (``Kim said: "``, ``She continued, "``, ``According to
Kim, "``, ``As Kim put it: "``, a digest's bare ``- Kim: "``), or a verb no lexicon holds
follows an utterance with a speaker for its subject (``"No!" beamed Kim``), or a signature
line follows it (``- Jane Roe.``). A second region of a split
quote (``"...," he said. "..."``, also when the attribution names a title in quote marks or a
sentence of the writer's comes between), and a
whole-paragraph quote that carries on the previous paragraph's quotation, join the statement
before them; each statement keeps its regions as separate segments. The rest (scare quotes,
titles, fragments inside a paraphrase) are left to the indirect pass, which keeps them only
as part of a reported clause.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.quotes.lexicon import QuoteLexicon
from newsgraph.quotes.statement import (
    FINITE_TAGS,
    RELATIVE_WORDS,
    SUBJECT_DEPS,
    Statement,
    TokenIndex,
    passive_participle,
    passive_subject,
    range_root,
    subject_of,
)

logger = logging.getLogger(__name__)

QUOTE_MARKS = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")
"""Double quote marks: straight, curly, low, guillemets and the doubled apostrophes and
backticks of some wire feeds. Single quotes are left alone: inside a double-quoted region they
are nested quotes, elsewhere they are mostly apostrophes."""

OPENERS = frozenset({"\u201c", "\u201e", "\u00ab", "``"})
CLOSERS = frozenset({"\u201d", "\u00bb"})
OPEN_CONTEXT = frozenset("([{\u2014\u2013-/")
"""Characters after which a quote mark opens."""

MAX_WORDS_BEFORE_CUE = 30
"""Words of a speaker phrase allowed between a closing mark and its verb ("..., Quentin Kidd,
a political scientist at ..., said")."""
MAX_TOKENS_CUE_TO_MARK = 12
"""Tokens allowed between a verb and the opening mark it introduces ("told reporters in
Brussels on Wednesday: ")."""
_LABEL_WORD = "[A-Z][A-Za-z.'\u2019\\-]*"
SPEAKER_LABEL = re.compile(
    f'(?P<mark>["\u201c]?)(?P<label>{_LABEL_WORD}(?: {_LABEL_WORD}){{0,3}}):[ \t]+'
)
"""A speaker label at a paragraph's start: "WALLACE: ", "Pat Caddell: "."""
LABEL_STOPWORDS = frozenset(
    {
        "update",
        "breaking",
        "watch",
        "exclusive",
        "live",
        "video",
        "photos",
        "note",
        "read more",
        "related",
        "see also",
        "correction",
        "editor's note",
        "q",
        "a",
        "opinion",
        "analysis",
    }
)
"""Labels that introduce something other than a speaker's words."""
LABEL_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})
SPEAKER_VOICE = re.compile(r"\b(?:I|I'm|I've|we|We|we're|We're|you|You|my|My|our|Our)\b")
"""First- and second-person words: a paragraph with them after a transcript turn is the
speaker's, not the writer's."""
MAX_CLAUSE_GAP = 4
"""Tokens allowed between a verb and the clause it reports ("told reporters on Monday
that")."""
CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
SPEAKING_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you"})
REPORT_MARKS = frozenset({"that", "if", "whether"})
"""Complementisers of a reported clause; "as", "because", "when" open adverbial ones."""
CLAUSE_MARKERS = frozenset({"mark", "aux", "auxpass"})
"""Dependents that make a clause finite when the parse gives it no subject ("indicated 13
security personnel would be ...")."""
MIN_SPEECH_WORDS = 4
"""Quoted words from this many on are speech next to a verb, whatever the punctuation."""
SENTENCE_END = frozenset({".", "!", "?"})
SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")
"""A sentence ending inside quoted words, with more words after it."""
DASHES = ("\u2015", "\u2014", "--")
SIGNATURE_DASHES = (*DASHES, "\u2013", "-")
"""Dashes that open a signature line under a quotation ("- Jane Roe.")."""
MAX_SIGNATURE_WORDS = 12
"""Dashes that sign a quotation with a name (reader comments, embedded posts)."""
VERB_POS = frozenset({"VERB"})
CLAUSE_OPENERS = frozenset({"ADP", "SCONJ", "CCONJ"})
"""Parts of speech that start a new clause rather than a speaker's name after a quote."""
TITLE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# fmt: off
TITLE_FUNCTION_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "the", "to", "vs", "with",
})
# fmt: on
"""Words a title in headline case leaves in lower case."""
MAX_FRAGMENT_WORDS = 4
"""Most words in a quoted fragment an attribution sentence runs through (''cratered'')."""
MAX_ANNOUNCING_TOKENS = 30
"""Longest sentence read as announcing the quotation after it."""
CHANT_NOUNS = frozenset(
    {"chant", "chants", "shout", "shouts", "cry", "cries", "cheer", "cheers", "jeer", "jeers"}
)
"""Nouns of chanting and shouting whose "of" introduces the words voiced."""
MAX_TITLE_WORDS = 12
MAX_NAME_TOKENS = 6
"""Tokens of a bare name before a colon ("Frank Newport and Jim Harter: ")."""
MAX_GOVERNOR_STEPS = 4
"""How far up the parse a cue with no subject looks for the clause it belongs to."""
NAME_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ"})
"""Parts of speech of a bare name or a document ("the new report") before a colon."""
NAME_OPENERS = frozenset({"-", "\u2013", "\u2014", "--", "\u2015"})
"""Dashes after which a digest names the writer it quotes ("... - Jane Roe: ")."""


@dataclass
class Region:
    """Words between a pair of quote marks (possibly over several paragraphs).

    Attributes:
        segments: Character spans of the words inside the marks, one per paragraph.
        open_char: Position of the first opening mark.
        close_end: Position just past the closing mark, or the paragraph end if unclosed.
        closed: Whether a closing mark was found.
        paragraph: Index of the paragraph where the region ends.
        paragraph_end: Character where that paragraph ends.
        starts_paragraph: Whether the opening mark is the paragraph's first character.
        fragment_cue: For quoted words that end a sentence the writer began, the token index
            of the cue after them ("Biden "has a lot to do," Doyle said"), else None.
    """

    segments: list[tuple[int, int]]
    open_char: int
    close_end: int
    closed: bool
    paragraph: int
    paragraph_end: int
    starts_paragraph: bool = False
    fragment_cue: int | None = None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Line spans of the text: quotes are paired within a line (a paragraph)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.strip():
            spans.append((position, end))
        position = end + 1
    return spans


def _role(text: str, start: int, end: int) -> str:
    """Tell whether a quote mark opens, closes, or could do either ("either")."""
    mark = text[start:end]
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    can_open = not after.isspace() and (
        before.isspace() or before in OPEN_CONTEXT or QUOTE_MARKS.match(before) is not None
    )
    can_close = not before.isspace() and (
        after.isspace() or not after.isalnum() or QUOTE_MARKS.match(after) is not None
    )
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if mark in OPENERS:
        return "open"
    if mark in CLOSERS:
        return "close"
    return "either"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_regions(text: str) -> list[Region]:
    """Pair quote marks into regions, paragraph by paragraph.

    An opening mark left open at a paragraph's end closes there (the quote is unbalanced)
    unless the next paragraph opens with a quote mark: then both are one region, the news
    convention for a quotation over several paragraphs. A stray mark is skipped and pairing
    goes on after it.
    """
    regions: list[Region] = []
    pending: Region | None = None
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        marks = [
            (m.start(), m.end(), _role(text, m.start(), m.end()))
            for m in QUOTE_MARKS.finditer(text, p_start, p_end)
        ]
        leading = bool(marks) and not text[p_start : marks[0][0]].strip()
        carry = pending if leading and marks[0][2] != "close" else None
        if pending is not None and carry is None:
            regions.append(pending)
        pending = None
        opened: int | None = None
        opened_end = 0
        for start, end, role in marks:
            if opened is None:
                if role == "close":
                    logger.debug("stray closing quote mark at %d", start)
                    continue
                opened, opened_end = start, end
                continue
            if role == "open":
                logger.debug("unbalanced opening quote mark at %d", opened)
                opened, opened_end = start, end
                continue
            region = _extend(carry, text, opened, opened_end, start, end, True, number, p_start)
            carry = None
            region.paragraph_end = p_end
            if region.segments:
                regions.append(region)
            opened = None
        if opened is not None:
            region = _extend(carry, text, opened, opened_end, p_end, p_end, False, number, p_start)
            region.paragraph_end = p_end
            pending = region if region.segments else None
        elif carry is not None:
            regions.append(carry)
    if pending is not None:
        regions.append(pending)
    return regions


def _extend(
    carry: Region | None,
    text: str,
    open_char: int,
    content_start: int,
    content_end: int,
    close_end: int,
    closed: bool,
    paragraph: int,
    paragraph_start: int,
) -> Region:
    """Start a region, or add a paragraph to the one ``carry`` holds open."""
    start, end = _trim(text, content_start, content_end)
    segments = [(start, end)] if end > start else []
    if carry is not None:
        carry.segments.extend(segments)
        carry.close_end = close_end
        carry.closed = closed
        carry.paragraph = paragraph
        return carry
    return Region(
        segments=segments,
        open_char=open_char,
        close_end=close_end,
        closed=closed,
        paragraph=paragraph,
        paragraph_end=close_end,
        starts_paragraph=open_char == paragraph_start,
    )


def find_turns(doc: Doc, index: TokenIndex) -> list[Statement]:
    """Find paragraphs that open with a speaker label and a colon.

    Transcripts ("WALLACE: Do you really see those two as equivalent?") and headlines that
    attribute with a colon ("Pat Caddell: Democrat voters worried ..."). A label in capitals is
    a transcript turn, a direct quote; a label that the entity recogniser calls a person or an
    organisation heads a paraphrase, an indirect statement.
    """
    text = index.text
    turns: list[Statement] = []
    current: Statement | None = None
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        match = SPEAKER_LABEL.match(text, p_start, p_end)
        if match is None:
            if current is not None and _goes_on(text, current, number, p_start, p_end):
                mark = QUOTE_MARKS.match(text, p_start)
                current.segments.append(_trim(text, mark.end() if mark else p_start, p_end))
                current.paragraph = number
            else:
                current = None
            continue
        current = None
        label = match.group("label")
        if label.lower() in LABEL_STOPWORDS:
            continue
        first = index.at_or_after(match.start("label"))
        colon = index.containing(match.end("label"))
        if colon <= first or doc[colon].text != ":":
            continue
        if doc[first].pos_ == "VERB":
            continue  # "Said Kowalski: "..."": an inverted attribution, not a label
        transcript = label.isupper() and len(label.replace(".", "")) >= 2
        # a name, not a section heading the recogniser tags ("Superdelegates: Clinton ...")
        named = all(
            t.ent_type_ in LABEL_ENTITIES and (t.ent_type_ == "PERSON" or t.pos_ != "NOUN")
            for t in doc[first:colon]
        )
        if not (transcript or named):
            continue
        start, end = _trim(text, match.end(), p_end)
        while end > start and QUOTE_MARKS.match(text[end - 1]):
            end -= 1
        if end - start < 2:
            continue
        root = range_root(doc, first, colon)
        if root is None:
            continue
        turn = Statement(
            kind="direct" if transcript or match.group("mark") else "indirect",
            segments=[(start, end)],
            cue=(colon, colon + 1),
            speaker_head=root.i,
            speaker_extent=(first, colon),
            tail_end=-1,
            paragraph=number,
        )
        turns.append(turn)
        current = turn if transcript else None
    return turns


def _goes_on(text: str, turn: Statement, number: int, start: int, end: int) -> bool:
    """Whether a paragraph without a label carries on the transcript turn before it: it
    follows it directly, quotes nobody, and speaks in the first or second person ("I was in
    Iowa last night ..."), which the writer's own narration does not."""
    opening = QUOTE_MARKS.match(text, start)
    if opening is not None:
        start = opening.end()  # the mark a quoted transcript repeats on every paragraph
    if turn.paragraph != number - 1 or QUOTE_MARKS.search(text, start, end):
        return False
    return SPEAKER_VOICE.search(text, start, end) is not None


def is_cue_verb(token: Token, lexicon: QuoteLexicon) -> bool:
    """Tell whether a token is a reporting verb of the lexicon used as a verb, or the verb of
    the idiom "as X put it" (``_as_put_it``)."""
    if token.lower_ not in lexicon.verbs:
        return _as_put_it(token) or _answer_back(token)
    if token.i and token.doc[token.i - 1].text == "-":
        return False  # "so-called", "self-described"
    return (
        token.pos_ in VERB_POS
        or token.tag_.startswith("VB")
        or _colon_utterance(token, lexicon)
        or _final_past(token, lexicon)
    )


def _final_past(token: Token, lexicon: QuoteLexicon) -> bool:
    """A reporting verb's past form the tagger read as a noun or adjective at the end of an
    attribution (""...," the editorial read."): nothing but a full stop or comma follows,
    and a closing quote mark stands a few words before it."""
    doc = token.doc
    row = lexicon.verbs[token.lower_]
    past = row.forms[2] if len(row.forms) > 2 else row.forms[0]  # "read" is its own past
    if token.lower_ != past or token.lower_ in lexicon.nouns:
        return False
    if token.i + 1 >= len(doc) or doc[token.i + 1].text not in (".", ","):
        return False
    return any(t.is_quote for t in doc[max(0, token.i - 4) : token.i])


def _colon_utterance(token: Token, lexicon: QuoteLexicon) -> bool:
    """A verb of voicing words the tagger read as a noun, right before a colon ("A statement
    from the ministry read: "..."")."""
    doc = token.doc
    return (
        token.pos_ == "NOUN"
        and token.i + 1 < len(doc)
        and doc[token.i + 1].text == ":"
        and _voices(token, lexicon)
    )


ANSWER_BACK_VERBS = frozenset({"shot", "shoots", "fired", "fires", "hit", "hits"})
"""Verbs that report a retort with the particle "back" ("Clinton shot back, "...""); alone
they are no reporting verbs, and they are cues only beside a quotation."""


def _answer_back(token: Token) -> bool:
    """ "Hillary shot back, "..."", "the campaign fired back: "..."": a retort idiom."""
    doc = token.doc
    return (
        token.lower_ in ANSWER_BACK_VERBS
        and token.pos_ == "VERB"
        and token.i + 1 < len(doc)
        and doc[token.i + 1].lower_ == "back"
    )


def _as_put_it(token: Token) -> bool:
    """ "As Professor Lind put it: "..."", ""...," as one aide put it": the idiom reports the
    words next to it. Only with "as" and "it", since "put" alone is no reporting verb."""
    doc = token.doc
    if token.lower_ not in ("put", "puts") or token.i + 1 >= len(doc):
        return False
    if doc[token.i + 1].lower_ != "it":
        return False
    if any(child.lower_ == "as" and child.i < token.i for child in token.children):
        return True
    start = max(token.sent.start, token.i - MAX_NAME_TOKENS - 4)
    return any(t.lower_ == "as" for t in doc[start : token.i])


def cue_after(
    doc: Doc, index: TokenIndex, region: Region, limit: int, lexicon: QuoteLexicon
) -> tuple[Token, int] | None:
    """Find the reporting verb of an attribution right after a closing mark.

    A verb that reports a clause of its own after it ("..." She said the Commission would
    ...") introduces that clause, not the quotation. A dash followed by a name (``" ―
    Jorge Falcon``, the signature of a reader comment or an embedded post) counts as a cue.

    Returns:
        The verb (or dash) and the character where its sentence ends (-1 when another
        quotation starts before it does), or None.
    """
    rest = index.text[region.close_end : limit]
    stripped = rest.lstrip(" ")
    if stripped.startswith(DASHES):
        dash = index.containing(region.close_end + len(rest) - len(stripped))
        if _name_follows(doc, dash + 1):
            return doc[dash], _clause_end(doc, dash, limit, region.paragraph_end)
    if not rest.strip() and limit >= region.paragraph_end:
        signature = _signature_line(doc, index, region.paragraph_end)
        if signature is not None:
            return signature, -1
    i = index.at_or_after(region.close_end)
    words = conjoined = 0
    aside = False
    while i < len(doc) and doc[i].idx < limit:
        token = doc[i]
        if token.is_punct or token.is_space:
            if token.text in SENTENCE_END and words:
                return None
            if QUOTE_MARKS.fullmatch(token.text):
                return None
            aside = aside or (token.text == "," and words > 0)
            i += 1
            continue
        if is_cue_verb(token, lexicon):
            if conjoined and words == conjoined:
                return None  # ""...," he said, "..." - and vowed to ...": the writer's verb
            if words and _aside_in_next_sentence(index.text, region, token):
                return None  # ""... bully." South Carolina, he said, was "...""
            inverted = (
                not words and token.tag_ in FINITE_TAGS and not _ends_sentence(index.text, region)
            )
            if not inverted and any(_own_clause(token, c, limit) for c in token.children):
                return None
            if _introduces_next(index.text, region, token, limit):
                return None
            return token, _clause_end(doc, i, limit, region.paragraph_end)
        if words >= MAX_WORDS_BEFORE_CUE:
            return None
        if _speech_verb(index.text, region, token, words, lexicon):
            return token, _clause_end(doc, i, limit, region.paragraph_end)
        if (
            token.pos_ in VERB_POS
            and not _describes_speaker(token, region.close_end)
            and not (aside and "," in index.text[token.idx : limit])
            and not _mistagged_name(index.text, region, token, words)
            and not _heard_doing(token, lexicon)
        ):
            return None  # unless it stands in an aside ("Roe, now 81 and retired in Ohio, said")
        if not words and token.lower_ in RELATIVE_WORDS:
            return None  # ""radical Islam," which some want leaders to use": no attribution
        if not words and token.pos_ in CLAUSE_OPENERS and _ends_sentence(index.text, region):
            return None  # "... kidding." To which she said, "...": a new sentence
        if words == conjoined and token.pos_ == "CCONJ":
            conjoined += 1
        words += 1
        i += 1
    return None


HEARD_WORDS = frozenset(
    {"can", "could", "may", "might", "be", "been", "is", "was", "are", "were", "heard", "seen"}
)
"""Words of "can be heard saying", "was seen shouting" between a speaker and the cue."""


def _heard_doing(token: Token, lexicon: QuoteLexicon) -> bool:
    """Whether a word is part of "can be heard asking" before a cue after a quotation
    (""..." a reporter can be heard asking Trump"): the participle reports the words."""
    if token.lower_ not in HEARD_WORDS:
        return False
    doc = token.doc
    for following in doc[token.i + 1 : min(len(doc), token.i + 4)]:
        if following.lower_ in HEARD_WORDS:
            continue
        return following.tag_ == "VBG" and is_cue_verb(following, lexicon)
    return False


def _mistagged_name(text: str, region: Region, token: Token, words: int) -> bool:
    """A word the tagger read as a base-form verb inside the attribution after a quotation
    cut off by a comma (""...," Tulsa police Chief Chuck Jordan said", ""...," screenwriter
    Cole Haddon wrote"): the sentence goes on there, so a capital or the first word after
    the mark belongs to a name or title, not to a new clause."""
    return (
        (token.is_title or words == 0)
        and token.tag_ in ("VB", "VBP")
        and not _ends_sentence(text, region)
    )


def _aside_in_next_sentence(text: str, region: Region, cue: Token) -> bool:
    """Whether a cue after a quotation that ends its sentence is an aside inside the next
    sentence (""... to the bully." South Carolina, he said, was "where ...""): a pronoun
    subject set off by commas on both sides, with the sentence's own words before it."""
    doc = cue.doc
    if not _ends_sentence(text, region) or cue.i < 2 or cue.i + 1 >= len(doc):
        return False
    subject = doc[cue.i - 1]
    return (
        subject.pos_ == "PRON"
        and doc[cue.i - 2].text == ","
        and doc[cue.i + 1].text == ","
        and doc[cue.i - 2].idx > region.close_end
    )


def _speech_verb(text: str, region: Region, verb: Token, words: int, lexicon: QuoteLexicon) -> bool:
    """Whether a verb no lexicon holds reports the quotation before it (""This is
    fantastic!" beamed Hartley", ""...," Bennett shot back with a laugh"): the quoted words
    are set off as an utterance (a comma, question or exclamation mark at their end), and the
    verb is the finite main verb of the writer's sentence with its subject, a name or a
    pronoun, right before it or right after it. Writers vary the verb of an attribution
    freely; the punctuation and word order say it is one."""
    if verb.pos_ not in VERB_POS or verb.tag_ not in FINITE_TAGS or verb.dep_ != "ROOT":
        return False
    if words > MAX_NAME_TOKENS or not _utterance(text, region):
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp") and c.i > verb.i]
    if len(subjects) != 1 or objects:
        return False  # "Nega put his house up for sale": a sentence of the writer's own
    subject = subjects[0]
    if not _can_speak(subject, lexicon):
        return False
    if words:
        before = subject.idx >= region.close_end and subject.i < verb.i
        return before and subject.left_edge.idx >= region.close_end
    return subject.i > verb.i


def _can_speak(subject: Token, lexicon: QuoteLexicon) -> bool:
    """Whether a subject names someone who can speak: a personal pronoun, a name, or a
    noun of the speaker lexicon ("a Democratic staffer"), not a thing ("the balloons")."""
    if subject.pos_ == "PRON":
        return subject.lower_ in SPEAKING_PRONOUNS
    if subject.pos_ == "PROPN" or subject.ent_type_ in LABEL_ENTITIES:
        return True
    return subject.lower_ in lexicon.person_nouns or subject.lemma_ in lexicon.person_nouns


def _utterance(text: str, region: Region) -> bool:
    """Whether quoted words end as a spoken utterance does before its attribution: a comma
    (inside or right after the marks), a question or an exclamation mark."""
    end = region.segments[-1][1]
    if text[end - 1] in "?!":
        return True
    inside_end = text[end : region.close_end]
    return "," in inside_end or text[region.close_end : region.close_end + 1] == ","


def _introduces_next(text: str, region: Region, verb: Token, limit: int) -> bool:
    """Whether a verb after a quotation opens a new sentence that introduces the next one
    ("Was it wise?" He answered, "I have no idea."): the quoted words end their sentence,
    the writer's next one starts with a capital, and only a comma or colon stands between the
    verb and the next quotation's opening mark."""
    if limit >= region.paragraph_end or not _ends_sentence(text, region):
        return False
    between = text[verb.idx + len(verb.text) : limit].strip()
    start = text[region.close_end : verb.idx].lstrip()
    return between in (",", ":") and start[:1].isupper()


def _describes_speaker(verb: Token, start: int) -> bool:
    """Whether a verb between a closing mark and the reporting verb belongs to a relative or
    participle clause or an adjective of the speaker phrase (""...," Jo Bond, 30, who was
    among those polled, said"), not to a sentence of its own: it or a word it hangs from
    modifies a noun that stands after ``start``. A participle in a compound adjective
    ("Texas-based", "Ohio-born") describes the speaker too."""
    if verb.dep_ in ("amod", "compound") or (verb.i and verb.doc[verb.i - 1].text == "-"):
        return True
    token = verb
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "acl") and token.head.idx >= start and token.head.i < token.i:
            return True
        token = token.head
    return False


def _ends_sentence(text: str, region: Region) -> bool:
    """Whether the quoted words end with sentence punctuation inside the marks."""
    return text[region.segments[-1][1] - 1] in ".?!"


def _own_clause(verb: Token, child: Token, limit: int) -> bool:
    """Whether a verb after a closing mark and its subject reports a clause of its own
    ("..." She said the Commission would ...): a finite clausal complement (with a subject,
    "that" or an auxiliary) that starts within a few words of it, before any comma (", after
    he admitted ..." is a misparsed adverbial) and before the next quotation opens (one the
    verb introduces: "... Sanders said, including, "..."). A clause whose subject is a
    relative pronoun ("told the lawmakers ... who could guess ...") or that is not finite
    ("said in a statement issued ...") is a misparsed modifier. An inverted attribution
    (""...," said Kim, a confidant who ...") never reports a clause: the caller skips the
    test for it."""
    if child.dep_ != "ccomp" or child.i < verb.i or child.idx >= limit:
        return False
    if child.left_edge.i - verb.i > MAX_CLAUSE_GAP:
        return False
    children = list(child.children)
    if any(
        c.dep_ in CLAUSE_SUBJECTS and c.lower_ in RELATIVE_WORDS and c.i > verb.i for c in children
    ):
        return False
    if not any(c.dep_ in CLAUSE_SUBJECTS or c.dep_ in CLAUSE_MARKERS for c in children):
        return False
    if any(c.dep_ == "mark" and c.lower_ not in REPORT_MARKS for c in children):
        return False  # "he said as some booed": an adverbial clause, not what he said
    return not any(t.text == "," for t in verb.doc[verb.i + 1 : child.left_edge.i])


def is_dash(token: Token) -> bool:
    """Tell whether a cue token is a signature dash (possibly glued to the closing mark), or
    the hyphen of a signature line (``_signature_line``)."""
    if any(c.isalnum() for c in token.text):
        return False
    if any(d in token.text for d in DASHES):
        return True
    return token.text in SIGNATURE_DASHES and _line_start(token)


def _line_start(token: Token) -> bool:
    """Whether only whitespace stands between the token and the line's start (read from the
    tokens: ``doc.text`` is rebuilt on every access)."""
    i = token.i - 1
    while i >= 0:
        before = token.doc[i]
        if not before.is_space:
            return "\n" in before.whitespace_
        if "\n" in before.text:
            return True
        i -= 1
    return True


def _signature_line(doc: Doc, index: TokenIndex, paragraph_end: int) -> Token | None:
    """The dash of a signature line after a quotation that ends its paragraph, the style of
    fact checks and quote roundups: ""..."" then a line "- Jane Roe." or "-Jane Roe, in a
    speech." The dash is the cue and the name the speaker."""
    text = index.text
    start = paragraph_end
    while start < len(text) and text[start].isspace():
        start += 1
    if not text.startswith(SIGNATURE_DASHES, start):
        return None
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if len(text[start:line_end].split()) > MAX_SIGNATURE_WORDS:
        return None
    dash = index.containing(start)
    if dash >= len(doc) or any(c.isalnum() for c in doc[dash].text):
        return None
    return doc[dash] if _name_follows(doc, dash + 1) else None


def _name_follows(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].pos_ == "PROPN"


def _clause_end(doc: Doc, i: int, limit: int, paragraph_end: int) -> int:
    """Character just past the sentence-ending punctuation after token ``i``; ``limit`` at a
    paragraph end; -1 when a quote mark comes first (the quotation goes on inside the
    attribution sentence, or the next quotation opens before the sentence ends, so what
    follows is no continuation)."""
    while i < len(doc) and doc[i].idx < paragraph_end:
        token = doc[i]
        if token.text in SENTENCE_END or _abbreviation_ends(token):
            return token.idx + len(token.text)
        if QUOTE_MARKS.fullmatch(token.text):
            close = _title_close(doc, i, paragraph_end)
            if close is None:
                return -1
            if doc[close - 1].text in SENTENCE_END:
                return doc[close].idx + len(doc[close].text)
            i = close
            # the next region was this title ("on CNN's "State of the Union" Sunday."); a
            # quotation after it is met as a quote mark here
            limit = max(limit, paragraph_end)
        elif token.idx >= limit:
            return -1
        i += 1
    return limit if limit >= paragraph_end else -1


def _abbreviation_ends(token: Token) -> bool:
    """Whether an abbreviation's full stop also ends the sentence (""...," Roe said in
    Binghamton, N.Y. "..."): a quotation opens right after it."""
    if len(token.text) < 2 or not token.text.endswith(".") or token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    return bool(QUOTE_MARKS.fullmatch(following.text)) and following.whitespace_ == ""


def _title_close(doc: Doc, i: int, paragraph_end: int) -> int | None:
    """Index of the mark closing a title that opens at token ``i`` ("said on Fox News's
    "Fox and Friends.""): a few capitalised words with no verb. None when the marks open a
    quotation instead."""
    words = 0
    for j in range(i + 1, min(len(doc), i + 2 + MAX_TITLE_WORDS)):
        token = doc[j]
        if token.idx >= paragraph_end:
            return None
        if QUOTE_MARKS.fullmatch(token.text):
            return j if words else None
        if token.is_punct:
            continue
        if token.pos_ == "VERB" and token.is_title:
            pass  # "Meet the Press", "Face the Nation"
        elif token.pos_ in ("VERB", "AUX", "PRON") or not (token.is_title or token.is_stop):
            return None
        words += 1
    return None


def direct_speaker(
    doc: Doc, index: TokenIndex, region: Region, cue: Token, after: bool, lexicon: QuoteLexicon
) -> tuple[int | None, tuple[int, int] | None]:
    """Find the head word of a direct quote's speaker and the range it must stay in.

    After a closing mark, the speaker stands between the mark and the verb ("..." Kim said)
    or right after the verb ("..." said Kim); the parse is trusted only when its subject lies
    there, else the head of the words between mark and verb is taken.
    """

    def inside(i: int) -> bool:
        # the quote's own words, or another quotation's ("treating it as a compliment --
        # "That makes me smart" -- and asserting, "...""): no speaker stands there
        char = doc[i].idx
        return any(start <= char < end for start, end in region.segments) or index.in_quotation(
            char
        )

    if is_dash(cue):
        end = cue.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1
        root = range_root(doc, cue.i + 1, end)
        return (root.i if root else None), (cue.i + 1, end)
    if cue.lower_ in CHANT_NOUNS and cue.pos_ == "NOUN" and not after:
        chanters = _chanters(cue)
        return (chanters.i if chanters is not None else None), None
    if cue.pos_ == "NOUN" and not after:
        # a cue the tagger read as a noun ("A statement from the ministry read:"): the words
        # before it in its sentence name the speaker
        root = range_root(doc, cue.sent.start, cue.i)
        return (root.i if root is not None else None), None
    subject = subject_of(_outer_reporter(cue, lexicon) or cue, avoid=inside)
    if subject is not None and subject.pos_ == "PROPN" and subject.ent_type_ in ("DATE", "TIME"):
        subject = None  # "... who spoke anonymously said Wednesday, "..."": a misparse
    if subject is None:
        subject = _previous_subject(cue, inside)
    if subject is None:
        subject = _prompted_speaker(cue, inside)
    if subject is None:
        subject = _participle_subject(cue, inside)
    if subject is None and _as_put_it(cue):
        subject = _as_speaker(doc, cue)
    if subject is None and not after:
        subject = _governing_subject(cue, inside)
    if subject is not None and not after and not _can_speak(subject, lexicon):
        # "The first incident came ..., when protesters interrupted her speech, shouting
        # "...!"": a participle after a clause whose subject can speak belongs to it
        subject = _closer_speaker(cue, inside, lexicon) or subject
    if not after:
        if subject is None and _addressed(cue):
            return None, None  # "Trump was asked, "What ..."": he is the one asked
        if subject is None:
            inverted = _inverted_speaker(doc, cue, index.before(region.open_char))
            return (inverted if inverted is not None else _name_before(doc, cue)), None
        return subject.i, None
    first = index.at_or_after(region.close_end)
    while first < cue.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if (
        first < cue.i
        and subject is not None
        and subject.i > cue.i
        and subject.left_edge.i == cue.i + 1
        and doc[cue.i - 1].text == ","
    ):
        # ""..." in the 2008 primary, said professor Paul Beck": the writer's words run on
        # after the quote; the speaker follows the verb
        return subject.i, None
    if first < cue.i:
        extent = (first, cue.i)
        if subject is not None and first <= subject.i < cue.i:
            return _name_before_apposition(doc, first, subject), extent
        root = range_root(doc, first, cue.i) or _mistagged_speaker(doc, first, cue.i)
        return (root.i if root is not None else None), extent
    if subject is not None and subject.i > cue.i:
        return subject.i, None
    if subject is not None and _shares_subject(region, cue, subject):
        return subject.i, None
    for token in doc[cue.i + 1 : min(len(doc), cue.i + 4)]:
        if token.is_punct:
            break
        if token.pos_ in ("PROPN", "NOUN", "PRON") or token.lower_ == "one":
            # ""...," said Kim", ""...," read one" (a surname the tagger took for an adverb,
            # ""...," said Skelly", is the verb's subject: ``statement._inverted_name``)
            return _name_end(token).i, None
    return None, None


def _mistagged_speaker(doc: Doc, first: int, end: int) -> Token | None:
    """The last word of a short phrase between a closing mark and its verb that the tagger
    read as no noun at all (""...," Will wrote", where George Will is a modal; ""...," the
    editorial read", with "editorial" an adjective): the phrase is still the speaker."""
    if end - first > MAX_NAME_TOKENS:
        return None
    last = next((t for t in reversed(doc[first:end]) if t.is_alpha), None)
    if last is None:
        return None
    named = last.is_title
    described = not last.is_stop and any(t.pos_ == "DET" for t in doc[first : last.i])
    return last if named or described else None


ADDRESS_VERBS = frozenset({"asked", "told", "questioned", "pressed", "challenged", "reminded"})
"""Past participles of verbs whose object is the one spoken to."""


def _outer_reporter(cue: Token, lexicon: QuoteLexicon) -> Token | None:
    """The reporting verb a cue is really conjoined with when the parse hangs the cue on
    that verb's reported clause ("Suu Kyi said it was too early ... but added, "...""):
    the cue shares the reporting verb's subject, not the reported clause's."""
    head = cue.head
    if cue.dep_ != "conj" or head.dep_ != "ccomp" or head.head.i == head.i:
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        return None  # "..., and when pressed, the mother replied, "..."": its own subject
    reporter = head.head
    if reporter.i < head.i < cue.i and is_cue_verb(reporter, lexicon):
        return reporter
    return None


def _closer_speaker(
    cue: Token, inside: Callable[[int], bool], lexicon: QuoteLexicon
) -> Token | None:
    """The subject of the clause right before a set-off participle cue (", shouting") when
    that subject can speak: the parse often hangs the participle on a main clause about a
    thing ("The first incident came ...")."""
    doc = cue.doc
    if cue.tag_ != "VBG" or cue.i < 2 or doc[cue.i - 1].text != ",":
        return None
    node = doc[cue.i - 2]
    for _ in range(2 * MAX_GOVERNOR_STEPS):
        if node.pos_ in VERB_POS and node.i < cue.i:
            subject = subject_of(node, avoid=inside)
            if subject is not None and subject.i < cue.i and _can_speak(subject, lexicon):
                return subject
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _addressed(cue: Token) -> bool:
    """Whether the cue is a passive verb of address with a subject ("Trump was asked", "the
    envoy was told"): its subject is the one spoken to, and the speaker goes unnamed (unlike
    "the cleric is shown lecturing", where the passive's subject speaks)."""
    return (
        cue.lower_ in ADDRESS_VERBS
        and passive_subject(cue) is not None
        and any(c.dep_ == "auxpass" for c in cue.children)
    )


def _name_end(token: Token) -> Token:
    """The head of the name that starts at ``token`` after an inverted verb (""...," said
    Oversight ranking Democrat Elijah Cummings", "said retired neurosurgeon Ben Carson"):
    the last noun before the words stop being a name's titles and modifiers. The parse of
    such a phrase is often broken, so its word classes are read rather than its tree."""
    if token.pos_ == "PRON":
        return token
    last = token
    doc = token.doc
    for following in doc[token.i + 1 : token.i + MAX_NAME_TOKENS + 1]:
        title = (
            following.tag_ in ("VBG", "VBN", "POS") or following.lower_ in ("'s", "\u2019s")
        ) and following.i + 1 < len(doc)
        if title and doc[following.i + 1].pos_ not in ("PROPN", "NOUN"):
            title = False  # "ranking Democrat Elijah Cummings", "Ohio's Plain Dealer"
        if following.pos_ not in ("PROPN", "NOUN", "ADJ") and not title:
            break
        if following.pos_ in ("PROPN", "NOUN"):
            last = following
    if last.i == token.i:
        while token.head.i != token.i and token.dep_ in ("compound", "flat"):
            token = token.head
        return token
    return last


def _participle_subject(cue: Token, inside: Callable[[int], bool]) -> Token | None:
    """The speaker the parser gives to a participle clause set off before the cue ("Sen.
    Durbin, noting the size of the crowd, said, "..."", "Trump, asked about ..., had said,
    "...""): the clause hangs on the cue and takes the subject away from it."""
    for child in cue.lefts:
        if child.dep_ not in ("advcl", "ccomp", "conj") or child.i == 0:
            continue
        if child.tag_ not in ("VBG", "VBN") and not (
            child.tag_ == "VBD" and child.nbor(-1).text == ","
        ):
            continue
        if any(c.dep_ in ("aux", "auxpass") for c in child.children):
            continue
        for subject in child.lefts:
            if (
                subject.dep_ == "nsubj"
                and subject.pos_ in ("PROPN", "NOUN")
                and not inside(subject.i)
                and subject.right_edge.i < child.i
                and "," in (subject.right_edge.text, subject.right_edge.nbor().text)
            ):
                return subject
    return None


def _governing_subject(cue: Token, inside: Callable[[int], bool]) -> Token | None:
    """The subject of the writer's clause that a misparsed cue belongs to ("He adopted a
    fake accent and joked, "..."", where "joked" hangs on "accent"; "Flea shared the news,
    writing "..."", where "writing" is made the subject of the quotation): the first verb
    above the cue, outside the quotation, with a subject of its own before the cue in the
    same sentence."""
    node = cue
    for _ in range(MAX_GOVERNOR_STEPS):
        if node.head.i == node.i or node.dep_ == "parataxis":
            return None  # a clause of its own: "The row began after ..., Tanaka had said"
        node = node.head
        if inside(node.i) or node.pos_ not in VERB_POS:
            continue
        subject = subject_of(node, avoid=inside)
        if subject is None:
            continue
        if (
            subject.i < cue.i
            and subject.sent.start == cue.sent.start
            and subject.pos_ in ("PROPN", "NOUN", "PRON")
            and not inside(subject.i)
        ):
            return subject
        return None
    return None


def _prompted_speaker(cue: Token, inside: Callable[[int], bool]) -> Token | None:
    """The passive subject of the verb a cue completes ("Mr. Trump was prompted to say,
    "..."", "she was asked to explain: "...""): the one made to speak is the speaker."""
    if cue.dep_ != "xcomp" or cue.head.i == cue.i:
        return None
    for child in cue.head.children:
        if child.dep_ in ("nsubjpass", "csubjpass") and not inside(child.i):
            return child
    return None


def _shares_subject(region: Region, cue: Token, subject: Token) -> bool:
    """Whether a verb right after a closing mark takes the subject of the writer's sentence
    before the quotation (`Roe said of the plan, "It is late," adding that ...`,
    `... and added`): a participle or conjoined verb with no subject of its own whose
    inherited subject stands in the same sentence, before the opening mark."""
    if cue.dep_ not in ("advcl", "conj", "xcomp") or subject.i > cue.i:
        return False
    return subject.idx < region.open_char and subject.sent.start == cue.sent.start


def _as_speaker(doc: Doc, cue: Token) -> Token | None:
    """The speaker of "As Akhil Amar, a law professor, put it, "..."": the parser makes the
    name the object of "as", so the verb has no subject; the name is the head of the words
    between "as" and "put"."""
    start = max(cue.sent.start, cue.i - MAX_WORDS_BEFORE_CUE)
    for k in range(cue.i - 1, start - 1, -1):
        if doc[k].lower_ == "as":
            return range_root(doc, k + 1, cue.i) if k + 1 < cue.i else None
    return None


def _name_before_apposition(doc: Doc, first: int, subject: Token) -> int:
    """The name that opens a speaker phrase when the parse made its apposition the subject
    (""...," Jane Roe, the chairwoman of the county party, recalled"): the person's name
    is the source, the apposition describes her."""
    if doc[first].pos_ != "PROPN" or subject.pos_ == "PROPN":
        return subject.i
    comma = next((t.i for t in doc[first : subject.i] if t.text == ","), None)
    if comma is None or comma == first:
        return subject.i
    root = range_root(doc, first, comma)
    return root.i if root is not None and root.pos_ == "PROPN" else subject.i


def _inverted_speaker(doc: Doc, cue: Token, last: int) -> int | None:
    """The name right after a verb that introduces a quote with the order inverted ("Said
    Ellis: "..."", "Added the senator: "...""), up to token ``last``."""
    for token in doc[cue.i + 1 : min(last, cue.i + 5)]:
        if token.is_punct or token.pos_ == "ADP" or token.ent_type_ in ("DATE", "TIME"):
            break  # "tweeted in response: "..."", "said Wednesday, "..."" name no one
        if token.pos_ in ("PROPN", "NOUN"):
            while token.head.i != token.i and token.dep_ in ("compound", "flat"):
                token = token.head
            return token.i
    return None


def _previous_subject(cue: Token, inside: Callable[[int], bool]) -> Token | None:
    """The subject of the sentence before a participle that opens a sentence of its own
    ("Roe called the plan a mistake. Adding, "..."", "Continuing, "...""): the writer goes on
    with the same speaker."""
    if cue.tag_ != "VBG":
        return None
    doc = cue.doc
    sentence = cue.sent
    if cue.i != sentence.start or not sentence.start:
        return None
    root = doc[sentence.start - 1].sent.root
    return subject_of(root, avoid=inside) if root.pos_ in VERB_POS else None


def _name_before(doc: Doc, cue: Token) -> int | None:
    """The name right before a verb the parse left without a subject ("In a statement, her
    adviser, Jake Sullivan, said: "..."", "Rep. Jane Roe (D-Ohio) said "..."", where the name
    hangs as an apposition elsewhere; "Clinton, exasperated, famously responded: ")."""
    j = cue.i - 1
    while j >= 0 and doc[j].pos_ in ("ADV", "AUX") and cue.i - j <= 2:
        j -= 1  # "Clinton famously responded", "Trump had said"
    bracketed = j >= 0 and doc[j].text == ")"
    if bracketed:
        j = _before_brackets(doc, j, cue.i - MAX_NAME_TOKENS)
    elif j >= 0 and doc[j].text == ",":
        j -= 1
    # "..., Speaker of the House Rep. Paul Ryan (R-WI) said": a name with its party and
    # state in brackets right before the verb speaks even where the parse made it an object
    object_name = j >= 0 and doc[j].dep_ in ("pobj", "dobj") and not bracketed
    described = _relative_clause_head(doc[j]) if j >= 0 and not bracketed else None
    if described is not None:
        return described  # "a White House official who spoke anonymously ... said"
    if j >= 0 and doc[j].pos_ == "PROPN" and doc[j].ent_type_ in LABEL_ENTITIES and not object_name:
        return j
    if j + 1 < cue.i and doc[j + 1].text == ",":
        # "Trump, asked about the deaths of journalists under Putin, had said": a name
        # that is an object ends an aside about the speaker named before it
        return _name_before_aside(doc, j)
    return None


def _relative_clause_head(last: Token) -> int | None:
    """The noun a relative clause describes when the clause ends at ``last``, right before
    a verb the parse left without a subject ("a White House official who spoke anonymously
    to discuss strategy said"): a "who" clause describes the speaker."""
    for ancestor in (last, *last.ancestors):
        if ancestor.dep_ == "relcl":
            if ancestor.right_edge.i != last.i or ancestor.head.pos_ not in ("NOUN", "PROPN"):
                return None
            if any(c.lower_ == "who" for c in ancestor.children):
                return ancestor.head.i
            return None
    return None


def _before_brackets(doc: Doc, close: int, floor: int) -> int:
    """The token before the bracketed words that end at token ``close`` ("Ryan (R-WI)"), or
    -1 when no opening bracket lies at or after ``floor``."""
    j = close
    while j >= max(floor, 0) and doc[j].text != "(":
        j -= 1
    return j - 1 if j >= max(floor, 0) else -1


def _name_before_aside(doc: Doc, j: int) -> int | None:
    """The name before an apposition that ends at token ``j`` ("Col. Steven Warren, a
    military spokesman in Baghdad, said"): the words back to the previous comma describe
    the name before that comma."""
    for k in range(j, max(-1, j - MAX_WORDS_BEFORE_CUE), -1):
        token = doc[k]
        if token.text in SENTENCE_END or QUOTE_MARKS.fullmatch(token.text):
            return None
        if token.text == ",":
            name = k - 1
            if k == j or name < 0:
                return None
            if doc[name].text == ")":  # "Sen. Richard J. Durbin (D-Ill.), noting ..., said"
                name = _before_brackets(doc, name, k - MAX_NAME_TOKENS)
            if doc[name].pos_ == "PROPN" and doc[name].ent_type_ in LABEL_ENTITIES:
                return name
            return None
    return None


def cue_before(
    doc: Doc, index: TokenIndex, region: Region, floor: int, lexicon: QuoteLexicon
) -> Token | None:
    """Find the reporting verb that introduces a quote ("Kim said: ", "She continued, ")."""
    j = index.before(region.open_char)
    while j > 0 and doc[j].is_space:
        j -= 1  # the paragraph break after "Prager continues,"
    if j < 0 or doc[j].idx < floor:
        return None
    introduced = doc[j].text in (":", ",", "\u2014", "\u2013", "-")
    if introduced:
        j -= 1
    if not introduced and _chant_of(doc[j]) and _chanters(doc[j - 1]) is not None:
        return doc[j - 1]  # "supporters responded with chants of "Lock her up!""
    steps = 0
    while j >= 0 and doc[j].idx >= floor and steps < MAX_TOKENS_CUE_TO_MARK:
        token = doc[j]
        if token.text in SENTENCE_END or QUOTE_MARKS.fullmatch(token.text):
            return None
        if introduced and steps and token.text in SIGNATURE_DASHES:
            return None  # "Polls did predict it - HuffPollster: "..."": the name is the cue
        if i_quote(token):
            j -= 3 if doc[j - 2].lower_ == "and" else 2  # "Trump said, and I quote, "...""
            steps += 1
            continue
        if is_cue_verb(token, lexicon):
            if steps == 0 or introduced:
                return token
            return None
        if introduced and _issued_medium(token, lexicon):
            return token.head  # "Trump issued a statement, "Last night, ...""
        if introduced and token.pos_ in VERB_POS:
            opener = _inverted_opener(token, lexicon)
            if opener is not None:
                return opener  # "Said Dorothy Poynter, who grew up with Ali, "...""
        if token.pos_ in VERB_POS:
            return None
        j -= 1
        steps += 1
    return None


def i_quote(token: Token) -> bool:
    """The writer's aside "(and) I quote" between a cue and its quotation."""
    return token.lower_ == "quote" and token.i > 0 and token.doc[token.i - 1].lower_ == "i"


def _inverted_opener(token: Token, lexicon: QuoteLexicon) -> Token | None:
    """A capitalised cue that opens the sentence before a name ("Said Dorothy Poynter, who
    grew up with Ali in the neighborhood, "...""): the verb the walk back met belongs to an
    aside about that name."""
    first = token.doc[token.sent.start]
    if first.i >= token.i or not first.is_title or first.i + 1 >= len(token.doc):
        return None
    if first.tag_ not in ("VBD", "VBZ") or not is_cue_verb(first, lexicon):
        return None
    return first if token.doc[first.i + 1].pos_ == "PROPN" else None


def _issued_medium(token: Token, lexicon: QuoteLexicon) -> bool:
    """A medium noun that is the object of the verb before it ("issued a statement",
    "posted a message"), right before a comma or colon and a quotation: the verb issues
    the words, and its subject speaks."""
    row = lexicon.nouns.get(token.lower_)
    return (
        row is not None
        and "medium" in row.frames
        and token.dep_ == "dobj"
        and token.head.pos_ == "VERB"
        and token.head.i < token.i
    )


def _according_to(doc: Doc, index: TokenIndex, region: Region, floor: int) -> Statement | None:
    """A quotation introduced by "according to X," ("According to Limbaugh, "If it was left
    up to Hillary, ...""): the phrase is the cue and its object the speaker."""
    j = index.before(region.open_char)
    if j < 1 or doc[j].text not in (",", ":") or doc[j].idx < floor:
        return None
    for k in range(j - 1, max(0, j - MAX_TOKENS_CUE_TO_MARK), -1):
        token = doc[k]
        if token.text in SENTENCE_END or token.idx < floor:
            return None
        if token.lower_ == "according" and doc[k + 1].lower_ == "to":
            objects = [c for c in doc[k + 1].children if c.dep_ == "pobj"]
            if not objects or objects[0].right_edge.i >= j:
                return None
            return Statement(
                kind="direct",
                segments=list(region.segments),
                cue=(k, k + 2),
                speaker_head=objects[0].i,
                speaker_extent=(k + 2, j),
                tail_end=region.close_end,
                paragraph=region.paragraph,
            )
    return None


def _colon_name(doc: Doc, index: TokenIndex, region: Region, floor: int) -> Statement | None:
    """A quotation introduced by a bare name and a colon, with no verb: the digest and blog
    style of "Polls tightened late - Jane Roe: "..."", "More from Roe: "..."", "From the
    report: "..."". The name must follow a dash, "from" or the paragraph start, so that a
    sentence of the writer's ending in a colon ("The answer was simple: "...") is not taken
    for one. The colon is the cue and the name the speaker.
    """
    position = _position_before(index.text, region.open_char)
    if position < floor or index.text[position] != ":":
        return None
    colon = index.containing(position)
    if doc[colon].text != ":":
        return None
    first = colon
    while first > 0 and colon - first < MAX_NAME_TOKENS:
        token = doc[first - 1]
        if token.idx < floor or token.text in NAME_OPENERS or token.lower_ == "from":
            break
        if not (token.pos_ in NAME_POS or token.lower_ in ("and", "&", ".")):
            return None
        first -= 1
    else:
        if first > 0:
            return None
    before = doc[first - 1] if first > 0 and doc[first - 1].idx >= floor else None
    if first == colon:
        return None
    named = any(t.pos_ == "PROPN" for t in doc[first:colon])
    document = doc[first].pos_ == "DET" and before is not None and before.lower_ == "from"
    if not (named or document):
        return None  # "The answer: ..." is the writer's own; "From the report: ..." is not
    head = range_root(doc, first, colon)
    if head is None:
        return None
    return Statement(
        kind="direct",
        segments=list(region.segments),
        cue=(colon, colon + 1),
        speaker_head=head.i,
        speaker_extent=(first, colon),
        tail_end=region.close_end,
        paragraph=region.paragraph,
    )


def cue_colon(doc: Doc, index: TokenIndex, region: Region, lexicon: QuoteLexicon) -> Token | None:
    """Find the cue of a quotation introduced by a colon, in its paragraph or at the end of
    the previous one ("Sanders made the following comment:" then the quote).

    The cue is the sentence's last reporting verb before the colon, else its main verb when
    that has a subject (the speaker).
    """
    position = _position_before(index.text, region.open_char)
    if position < 0 or index.text[position] != ":":
        return None
    colon = index.containing(position)
    if doc[colon].text != ":":
        return None
    sentence = doc[colon].sent
    cues = [t for t in doc[sentence.start : colon] if is_cue_verb(t, lexicon)]
    if cues and not passive_participle(cues[-1]):
        nearer = _conjoined_clause_verb(doc[colon - 1], cues[-1])
        return nearer if nearer is not None else cues[-1]
    root = sentence.root
    if root.i >= colon:
        root = _clause_before(doc[colon])  # "She went on: "It's like ..."": the quote is root
    if root.i < colon and root.pos_ in ("VERB", "AUX") and subject_of(root) is not None:
        return root
    return cues[-1] if cues else None


def _conjoined_clause_verb(last: Token, cue: Token) -> Token | None:
    """The verb of a clause conjoined after the cue's clause that runs up to the colon
    ("Reid said both are "non-entities," but he gave the Texan a compliment: "...""): that
    clause introduces the quotation, with its own subject."""
    node = last
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    conjoined = node.dep_ == "conj" and node.head.i == cue.i
    if node.i <= cue.i or not (conjoined or node.head.i > last.i):
        return None  # (the parse may hang the clause on the quotation's verb)
    subject = subject_of(node)
    return node if subject is not None and cue.i < subject.i < node.i else None


def _clause_before(colon: Token) -> Token:
    """The verb of the clause that a colon ends, when the parse hangs the colon under a noun
    ("delivered a blunt message to Trump: "It's time ...""): the colon's nearest verb
    ancestor before it, else the colon's head."""
    for ancestor in colon.ancestors:
        if ancestor.i < colon.i and ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
        if ancestor.i > colon.i:
            break
    # "Clinton has since apologized for what happened: "Yes, I ..."": the parse makes the
    # writer's clause a complement of the quotation's verb; its verb is the one before the
    # colon that hangs on a word after it
    doc = colon.doc
    tops = [
        t
        for t in doc[colon.sent.start : colon.i]
        if t.pos_ in ("VERB", "AUX") and t.head.i > colon.i and subject_of(t) is not None
    ]
    return tops[-1] if tops else colon.head


ANNOUNCING_OBJECT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "acomp", "dative"})
"""Dependents that give a reporting verb content of its own ("agreed that ...", "said it")."""


def _announcing_sentence(
    doc: Doc, index: TokenIndex, region: Region, lexicon: QuoteLexicon
) -> Token | None:
    """The cue of a quotation that follows, in the same paragraph, a short sentence whose
    reporting verb has no content of its own ("Iowa State University's Dianne Bystrom
    agreed. "Mainstream Republicans are ..."", "Lau said in a statement. "There are ...""):
    the sentence announces the quotation."""
    if region.starts_paragraph or _char_before(index.text, region.open_char) not in SENTENCE_END:
        return None
    end = index.before(region.open_char)
    if end < 0:
        return None
    sentence = doc[end].sent
    root = sentence.root
    if (
        len(sentence) > MAX_ANNOUNCING_TOKENS
        or not is_cue_verb(root, lexicon)
        or any(c.dep_ in ANNOUNCING_OBJECT_DEPS for c in root.children)
        or any(QUOTE_MARKS.fullmatch(t.text) for t in sentence)
    ):
        return None
    subject = subject_of(root)
    return root if subject is not None and subject.i < root.i else None


def attribute_regions(
    doc: Doc, index: TokenIndex, regions: list[Region], lexicon: QuoteLexicon
) -> tuple[list[Statement], list[Region]]:
    """Turn quote regions into direct statements; return them and the regions left over.

    Args:
        doc: The parsed document.
        index: Its character-to-token index.
        regions: The quote regions in text order.
        lexicon: The reporting cues.
    """
    statements: list[Statement] = []
    leftover: list[Region] = []
    used_cues: dict[int, Statement] = {}
    index.quoted = [segment for region in regions for segment in region.segments]
    fragment: tuple[Token, int, Region] | None = None
    handed_on: tuple[Token, Region] | None = None
    # A quoted fragment of the writer's sentence with the sentence's cue after it ("...
    # because "most people don't know," she said."): a quotation right after that sentence
    # takes its cue and speaker ("We have no context ...").
    for k, region in enumerate(regions):
        following = regions[k + 1] if k + 1 < len(regions) else None
        handed, handed_on = handed_on, None
        limit = region.paragraph_end
        if following is not None and following.open_char < limit:
            limit = following.open_char
        previous = statements[-1] if statements else None
        floor = _floor(index.text, region, regions[k - 1] if k else None)
        found = cue_after(doc, index, region, limit, lexicon)
        if (
            found is not None
            and (
                _introduced(index.text, region)
                or _shouted_over(index.text, region, found)
                or _chant_of(doc[max(0, index.before(region.open_char))])
            )
            and cue_before(doc, index, region, floor, lexicon) is not None
        ):
            # "Hayek said, "... overlook." The star then recalled ...": the verb that
            # introduces whole sentences of speech is their cue, not the next sentence's;
            # one whose sentence runs on into the next quotation is that one's cue
            handed_on = (found[0], region) if found[1] < 0 else None
            found = None
        verb: Token | None = None
        named: Statement | None = None
        tail = region.close_end
        after = found is not None
        if found is not None:
            verb, tail = found
        else:
            verb = cue_before(doc, index, region, floor, lexicon)
            if verb is None:
                named = _colon_name(doc, index, region, floor)
            if verb is None and named is None:
                verb = cue_colon(doc, index, region, lexicon)
            if verb is None and named is None:
                verb = _announcing_sentence(doc, index, region, lexicon)
        if (
            verb is not None
            and not _speech_like(index.text, region, after)
            and not (not after and _utterance_verb(verb, lexicon))
        ):
            verb = None
        orphan, fragment = fragment, None
        if verb is not None and after and _inside_sentence(doc, index, region, floor):
            fragment = (verb, tail, region)
            region.fragment_cue = verb.i
            verb = None
        cue_region = region
        if verb is None and named is None and handed is not None:
            # "someone shouted, "Cruz," Beck joked, ..., "Amen!"": the cue after the
            # previous quotation, with its speaker between them
            verb, cue_region = handed
            tail, after = region.close_end, True
        if (
            verb is None
            and orphan is not None
            and orphan[1] >= 0
            and not index.text[orphan[1] : region.open_char].strip()
        ):
            verb, _, cue_region = orphan
            tail, after = region.close_end, True
        if (
            verb is None
            and orphan is None
            and named is not None
            and _speech_like(index.text, region, False)
        ):
            statements.append(named)
            continue
        if verb is None and orphan is None:
            according = _according_to(doc, index, region, floor)
            if according is not None:
                statements.append(according)
                continue
        if verb is not None and verb.i in used_cues:
            used_cues[verb.i].segments.extend(region.segments)
            used_cues[verb.i].tail_end = tail
            continue
        if verb is not None:
            statement = Statement(
                kind="direct",
                segments=list(region.segments),
                cue=(verb.i, verb.i + 1),
                tail_end=tail,
                paragraph=region.paragraph,
            )
            head, extent = direct_speaker(doc, index, cue_region, verb, after, lexicon)
            statement.speaker_head = head
            statement.speaker_extent = extent
            statements.append(statement)
            used_cues[verb.i] = statement
            continue
        if previous is not None and _continues(index.text, previous, region):
            second = _cue_between(doc, index, previous, region, lexicon)
            if second is not None:
                # the same speaker's second quotation, introduced by a verb of its own
                statement = Statement(
                    kind="direct",
                    segments=list(region.segments),
                    cue=(second.i, second.i + 1),
                    tail_end=region.close_end,
                    paragraph=region.paragraph,
                    speaker_head=previous.speaker_head,
                    speaker_extent=previous.speaker_extent,
                )
                statements.append(statement)
                used_cues[second.i] = statement
                continue
            previous.segments.extend(region.segments)
            previous.tail_end = region.close_end
            previous.paragraph = region.paragraph
            continue
        leftover.append(region)
    return statements, leftover


def _introduced(text: str, region: Region) -> bool:
    """Whether quoted words that end their sentence follow a comma or colon ("said, "..."",
    "said: "..."")."""
    return _ends_sentence(text, region) and _char_before(text, region.open_char) in (",", ":")


def _shouted_over(text: str, region: Region, found: tuple[Token, int]) -> bool:
    """Whether words set off by a comma ("someone shouted, "Cruz,"") are followed by a cue
    whose own sentence runs on into the next quotation ("Beck joked, ..., "Amen!""): that
    cue introduces the next quotation, so these words keep the verb before them."""
    return found[1] < 0 and _char_before(text, region.open_char) in (",", ":")


def _speech_like(text: str, region: Region, after: bool) -> bool:
    """Tell a quotation from a title or scare quote next to a verb ("appeared on "Face the
    Nation"", "called him "Lyin' Ted""): a few words only count as speech when punctuation
    sets them off as an utterance (``"No," he said``, ``he said: "No."``) or they end in a
    question or exclamation mark."""
    if _is_title(text, region):
        return False
    words = sum(len(text[start:end].split()) for start, end in region.segments)
    if words >= MIN_SPEECH_WORDS:
        return True
    if after:
        inside_end = text[region.segments[-1][1] - 1 : region.close_end]
        following = text[region.close_end : region.close_end + 2].strip()
        return any(c in inside_end for c in ",?!\u2014") or following.startswith(",")
    if text[region.segments[-1][1] - 1] in "?!":
        return True  # an exclamation or a question: "chanted "What curfew?""
    return _char_before(text, region.open_char) in (",", ":", "\u2014")


def _utterance_verb(verb: Token, lexicon: QuoteLexicon) -> bool:
    """Whether a verb voices the quoted words that follow it, however few ("mouthing "thank
    you"", "chanted "Lock her up"", "a sign that read "Hispanics 4 Trump""); so does a noun
    of chanting before "of" ("chants of "I'm with her"")."""
    if verb.lower_ in CHANT_NOUNS and verb.pos_ == "NOUN":
        return True
    return _voices(verb, lexicon)


def _voices(token: Token, lexicon: QuoteLexicon) -> bool:
    """Whether the token is written like a lexicon verb with the ``utterance`` frame."""
    row = lexicon.verbs.get(token.lower_)
    return row is not None and "utterance" in row.frames


def _chant_of(token: Token) -> bool:
    """ "of" right after a noun of chanting or shouting ("chants of", "cries of"). Such words
    are a statement only when the text names who voiced them (``_chanters``)."""
    return (
        token.lower_ == "of"
        and token.i > 0
        and token.doc[token.i - 1].lower_ in CHANT_NOUNS
        and token.doc[token.i - 1].pos_ == "NOUN"
    )


def _chanters(noun: Token) -> Token | None:
    """Who voices "chants of "..."": the noun's possessor ("their chants of"), the subject
    of the verb it follows ("supporters responded with chants of", "broke into chants of"),
    or the object of a verb that moves others to chant ("roused the crowd to chants of")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    if noun.dep_ != "pobj" or noun.head.head.pos_ not in VERB_POS:
        return None
    verb = noun.head.head
    if noun.head.lower_ == "to":
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    subject = subject_of(verb)
    return subject if subject is not None and subject.i < noun.i else None


def _is_title(text: str, region: Region) -> bool:
    """Whether quoted words are a title in headline case ("wrote "Make Your Kid a
    Millionaire"", "talking about "Collapse: How Societies Choose to Fail or Succeed""):
    every word but short function words capitalised, and no sentence punctuation."""
    if len(region.segments) != 1:
        return False
    inside = text[region.segments[0][0] : region.segments[0][1]].rstrip(",")
    words = TITLE_WORD.findall(inside)
    if len(words) < 2 or inside[-1:] in ".?!" or len(words) > MAX_TITLE_WORDS:
        return False
    capitals = [w for w in words if w[0].isupper()]
    lower = [w for w in words if not w[0].isupper()]
    return len(capitals) >= 2 and all(w.lower() in TITLE_FUNCTION_WORDS for w in lower)


def _inside_sentence(doc: Doc, index: TokenIndex, region: Region, floor: int) -> bool:
    """Tell whether words of the writer's own sentence lead up to the opening mark ("using
    the tax "is a misguided approach," said Burman", "on CBS's "Face the Nation," Ryan
    said"): then the quoted words are a fragment of a paraphrase, not a quotation."""
    before = index.text[floor : region.open_char].rstrip()
    if not before or before.endswith((",", ":", "\u2014", "-", "(")):
        return False
    j = index.before(region.open_char)
    return j >= 0 and doc[j].idx >= floor and doc[j].text not in SENTENCE_END


def _position_before(text: str, position: int) -> int:
    """Index of the last non-space character before ``position`` (-1 if none)."""
    position -= 1
    while position >= 0 and text[position].isspace():
        position -= 1
    return position


def _char_before(text: str, position: int) -> str:
    """The last non-space character before ``position`` ("" if none)."""
    found = _position_before(text, position)
    return text[found] if found >= 0 else ""


def _floor(text: str, region: Region, previous: Region | None) -> int:
    """Earliest character a cue before ``region`` may start at: its paragraph's start (the
    previous paragraph's, when that one ends in the colon or comma that introduces it) or
    the previous region's end, whichever is later."""
    start = text.rfind("\n", 0, region.open_char) + 1
    if region.starts_paragraph and _char_before(text, region.open_char) in (":", ","):
        # "Stated Stone:" closing a paragraph, the quotation opening the next one
        last = _position_before(text, region.open_char)
        start = text.rfind("\n", 0, last) + 1
    if previous is not None and previous.close_end > start:
        start = previous.close_end
    return start


def _cue_between(
    doc: Doc, index: TokenIndex, previous: Statement, region: Region, lexicon: QuoteLexicon
) -> Token | None:
    """Another reporting verb in the writer's words between a statement's cue and a later
    quote ("...," Sanders said, suggesting a few questions, including, "..."): the later
    quote answers that verb, not the first one."""
    if previous.cue is None or previous.tail_end >= 0:
        return None
    if _char_before(index.text, region.open_char) in SENTENCE_END:
        return None  # the attribution sentence ended: its verbs are behind the quotation
    end = index.before(region.open_char) + 1
    return next((t for t in doc[previous.cue[1] : end] if is_cue_verb(t, lexicon)), None)


def _runs_on(text: str, region: Region) -> bool:
    """Whether the writer's sentence goes on after the closing mark (""You squeezed
    employees to the breaking point" to drive up the stock price, she said"): the quoted
    words are then a fragment of that sentence, not the next part of a quotation. Quoted
    words of several sentences stay a quotation whatever follows them."""
    after = text[region.close_end : region.close_end + 40].lstrip(" ")
    if not after or not after[0].islower():
        return False
    if _utterance(text, region) and after.split(" ", 1)[0] in RELATIVE_WORDS:
        return False  # ""... all the way through California," which votes June 7"
    inside = " ".join(text[start:end] for start, end in region.segments)
    return SENTENCE_BREAK.search(inside) is None


def _continues(text: str, previous: Statement, region: Region) -> bool:
    """Tell whether a quote with no cue of its own carries on the previous statement.

    True for the second part of a split quote (nothing but space between the end of the
    attribution and this quote, or the attribution sentence going on to a comma and this
    quote: ``"...," Tester said, referring to ..., "..."``), and for a quote that opens a
    paragraph right after a paragraph whose last words were the previous statement.
    """
    if previous.kind != "direct" or region.open_char < previous.tail_end:
        return False  # a title inside the attribution ("said on "Fox and Friends."")
    if _runs_on(text, region):
        return False
    if previous.tail_end < 0:
        if previous.paragraph != region.paragraph:
            return False
        if _char_before(text, region.open_char) == ",":
            return True
        # ""...," said Mr. Ekovich, who noted that prices had ''cratered'' to half their
        # value. ''Things are moving ...''": the attribution sentence ran through a few
        # quoted words and ended; the next whole sentence of quotation goes on
        return _standalone(text, region) and _ends_past_fragments(
            text[previous.segments[-1][1] : region.open_char]
        )
    between = text[previous.tail_end : region.open_char]
    if not between.strip():
        return True
    if previous.paragraph == region.paragraph and _standalone(text, region):
        return not QUOTE_MARKS.search(between)
    return bool(region.starts_paragraph and "\n" in between and not between.strip(" \n.,"))


def _ends_past_fragments(between: str) -> bool:
    """Whether an attribution sentence (``between`` a quotation and the next) ends after
    the last few words it quotes: words and a full stop follow the last mark, and each quoted
    piece in it is short."""
    marks = [m.start() for m in QUOTE_MARKS.finditer(between)]
    if len(marks) < 3:
        return False  # the closing mark of the quotation, then at least one quoted piece
    pieces = [between[a:b] for a, b in zip(marks[1::2], marks[2::2], strict=False)]
    if any(len(piece.split()) > MAX_FRAGMENT_WORDS for piece in pieces):
        return False
    rest = between[marks[-1] :].lstrip("'\"” ").rstrip()
    return len(rest.split()) >= 1 and rest.endswith((".", "!", "?"))


def _standalone(text: str, region: Region) -> bool:
    """Whether quoted words are whole sentences of their own: a capital after a sentence
    end, and sentence punctuation before the closing mark. Such a quote in the paragraph of
    a statement, with no cue, is more of that speaker's words ("..., " Obama said after the
    meeting. He did not suggest retaliation. "Our goal is ...")."""
    if len(region.segments) != 1 or not region.closed:
        return False
    start, end = region.segments[0]
    words = len(text[start:end].split())
    return (
        words >= MIN_SPEECH_WORDS
        and text[start].isupper()
        and text[end - 1] in ".?!"
        and _char_before(text, region.open_char) in (".", "?", "!")
    )


def named_quotes(
    doc: Doc, index: TokenIndex, regions: list[Region], lexicon: QuoteLexicon
) -> list[Statement]:
    """Namings whose name is quoted ("Trump called the system "rigged"", "She called his
    actions "a crucial step forward."", "described the ground as "Swiss cheese""), for the
    quote regions no statement has taken.

    The parser often hangs the quoted name on the object (an apposition or a participle),
    so the naming rule over the parse misses them; this one reads the order of words: the
    naming verb, its object (or "as"), then the opening mark. The content is the object
    and the quoted name, as PolNeAR annotates it.
    """
    made: list[Statement] = []
    for region in regions:
        verb = _naming_verb(doc, index, region) if region.closed else None
        if verb is None or not _naming(verb, lexicon):
            continue
        subject = subject_of(verb)
        if subject is None:
            continue
        made.append(
            Statement(
                kind="indirect",
                segments=[(doc[verb.i + 1].idx, region.close_end)],
                cue=(verb.i, verb.i + 1),
                speaker_head=subject.i,
                paragraph=region.paragraph,
            )
        )
    return made


def _naming_verb(doc: Doc, index: TokenIndex, region: Region) -> Token | None:
    """The verb of naming whose object (or "as") runs up to a region's opening mark."""
    last = index.before(region.open_char)
    if last < 1 or len(region.segments) != 1:
        return None
    token = doc[last]
    if token.lower_ == "as":
        verb = token.head if token.head.pos_ == "VERB" else token.head.head
        return verb if verb.i < token.i else None
    node = token
    while node.dep_ != "dobj" and node.head.i != node.i and node.head.i < last:
        node = node.head
    verb = node.head
    if node.dep_ != "dobj" or node.right_edge.i < last:
        return None
    if any(t.is_punct for t in doc[verb.i + 1 : last + 1]):
        return None  # "called them, ...": the object does not run up to the mark
    return verb if node.left_edge.i == verb.i + 1 else None


def _naming(verb: Token, lexicon: QuoteLexicon) -> bool:
    row = lexicon.verbs.get(verb.lower_)
    return (
        row is not None
        and "naming" in row.frames
        and verb.pos_ == "VERB"
        and not any(c.dep_ == "ccomp" for c in verb.children)
    )
