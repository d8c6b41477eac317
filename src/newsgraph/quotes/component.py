"""The ``ng_quotes`` component: every direct and indirect statement, with its speaker.

It runs after ``ng_actors`` and writes ``doc._.ng_quotes``: one plain dict per statement with
the content (``text`` without quote marks, ``start``/``end``), the cue, the speaker phrase as
written and the speaker's actor id. ``model/convert.py`` turns them into ``Quote`` objects.

The passes, in order: quote regions with a cue beside them become direct quotes
(``direct.py``); reporting cues over the dependency parse give indirect statements
(``indirect.py``), and a naming made mostly of quoted words (a reported clause made only of
them) becomes a direct quote of those words ("called the detentions "an act of revenge""); a
cue inside another statement's content is part of what that speaker said, not a statement of
its own (``nested`` keeps it); quoted words with neither (scare quotes, titles) are not
statements. Speakers are then resolved to actors in text order (``speakers.py``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.extensions import register_extensions
from newsgraph.quotes.direct import (
    Region,
    attribute_regions,
    direct_speaker,
    find_regions,
    find_turns,
    i_quote,
    named_quotes,
)
from newsgraph.quotes.indirect import NO_COMMENT, find_indirect
from newsgraph.quotes.lexicon import QuoteLexicon
from newsgraph.quotes.speakers import SpeakerResolver, speaker_bounds
from newsgraph.quotes.statement import (
    RELATIVE_WORDS,
    Statement,
    TokenIndex,
    char_bounds,
    paired_marks,
    subject_of,
)

logger = logging.getLogger(__name__)

LEAD_IN_WORDS = 3
REPORT_OPENERS = frozenset({"that", "if", "when", "because", "although", "while", "unless"})
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
ATTRIBUTION_DEPS = frozenset({"dative", "dobj", "npadvmod", "prep", "agent", "punct", "nsubj"})
"""Words of the writer's a reported clause needs before its quoted end to be a paraphrase."""
FRAGMENT_SHARE = 0.75
"""A naming whose words are at least this share quoted is a direct quote of them (a reported
clause only when all its words are)."""
FRAGMENT_MIN_WORDS = 4
"""Fewer quoted words than this are a scare quote inside a paraphrase, not a quotation."""
DUPLICATE_SHARE = 0.5
"""An indirect statement this much inside a direct quote's content repeats it: dropped."""
THOUGHT_LEMMAS = frozenset({"think", "believe", "feel", "know", "hope", "fear", "wonder"})
"""Verbs of thought: a quotation after one inside a paraphrase is the paraphrase's."""


class QuoteFinder:
    """Find statements and their speakers.

    Assigns ``doc._.ng_quotes``: a list of dicts with ``id``, ``kind`` (direct, indirect),
    ``text``, ``start``, ``end``, ``segments`` ([[start, end], ...], the content's pieces
    without the attribution between them), ``speaker`` (actor id or None), ``speaker_text``,
    ``speaker_span`` ([start, end] or None), ``cue`` and ``cue_span``.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        reporting_verbs: Iterable[dict[str, Any]],
        speaker_nouns: Iterable[dict[str, Any]],
        nested: bool = False,
    ) -> None:
        """Build the finder.

        Args:
            nlp: The pipeline (unused; part of the factory signature).
            name: The component name.
            reporting_verbs: Cue rows (see ``lexicon.CueRow``).
            speaker_nouns: Speaker noun rows (see ``lexicon.SpeakerNounRow``).
            nested: Also report statements reported inside a quotation ("... he told me
                that ..."); off by default, as most users want the article's own sourcing.
        """
        register_extensions()
        self.name = name
        self.nested = nested
        self.lexicon = QuoteLexicon.from_rows(reporting_verbs, speaker_nouns)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        doc._.ng_quotes = [
            self._as_dict(doc, text, number, statement)
            for number, statement in enumerate(self.statements(doc, text), start=1)
        ]
        return doc

    def statements(self, doc: Doc, text: str | None = None) -> list[Statement]:
        """Find the statements of a parsed document, speakers resolved, in text order.

        Args:
            doc: The parsed document.
            text: ``doc.text`` when the caller has it already (spaCy rebuilds it per access).
        """
        if not len(doc):
            return []
        index = TokenIndex(doc, text)
        turns = find_turns(doc, index)
        text = index.text
        regions = _without(find_regions(text), turns)
        direct, leftover = attribute_regions(doc, index, regions, self.lexicon)
        direct += turns
        used = {s.cue[0] for s in direct if s.cue}
        quoted = [] if self.nested else [seg for s in direct for seg in s.segments]
        quoted += [] if self.nested else [seg for r in leftover for seg in r.segments]
        speech = [] if self.nested else [seg for s in direct for seg in s.segments]
        indirect = find_indirect(doc, self.lexicon, used_cues=used, quoted=quoted, speech=speech)
        if not self.nested:
            direct = _outside(doc, index, direct, indirect)
        indirect = [s for s in indirect if not _repeats(s, direct)]
        if not self.nested:
            indirect = _without_nested(doc, indirect)
        indirect += named_quotes(doc, index, _unclaimed(leftover, indirect), self.lexicon)
        _to_closing_marks(indirect, leftover)
        _promote_fragments(doc, text, indirect, leftover, self.lexicon)
        direct, indirect = _fragments_to_paraphrases(
            doc, index, leftover, direct, indirect, self.lexicon
        )
        _lead_ins_to_paraphrases(doc, index, direct + indirect, self.lexicon)
        _tails_to_paraphrases(doc, index, direct, self.lexicon)
        _run_ons_to_paraphrases(doc, index, direct)
        _subject_leads_to_paraphrases(doc, index, direct, self.lexicon)
        statements = sorted(direct + indirect, key=lambda s: (s.start, s.end))
        _documents_to_owners(doc, statements, self.lexicon)
        SpeakerResolver(doc, text, doc._.ng_actors or [], self.lexicon).resolve(statements)
        return statements

    def _as_dict(self, doc: Doc, text: str, number: int, statement: Statement) -> dict[str, Any]:
        speaker = speaker_bounds(doc, statement)
        speaker_span = list(char_bounds(doc, *speaker)) if speaker else None
        cue_span = list(char_bounds(doc, *statement.cue)) if statement.cue else None
        return {
            "id": f"q{number}",
            "kind": statement.kind,
            "text": _content_text(text, statement.segments),
            "start": statement.start,
            "end": statement.end,
            "segments": [list(segment) for segment in statement.segments],
            "speaker": statement.actor,
            "speaker_text": text[speaker_span[0] : speaker_span[1]] if speaker_span else None,
            "speaker_span": speaker_span,
            "cue": text[cue_span[0] : cue_span[1]] if cue_span else None,
            "cue_span": cue_span,
        }

    # serialisation: the lexicon travels with a saved pipeline

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Serialise the lexicon rows."""
        cues, speakers = self.lexicon.rows()
        return json.dumps(
            {"reporting_verbs": cues, "speaker_nouns": speakers, "nested": self.nested}
        ).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteFinder:
        """Load lexicon rows saved by ``to_bytes``."""
        state = json.loads(data.decode("utf-8"))
        self.lexicon = QuoteLexicon.from_rows(state["reporting_verbs"], state["speaker_nouns"])
        self.nested = bool(state.get("nested", False))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the lexicon rows in ``path/lexicon.json``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "lexicon.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuoteFinder:
        """Load the lexicon rows saved by ``to_disk``."""
        return self.from_bytes((Path(path) / "lexicon.json").read_bytes())


def _content_text(text: str, segments: list[tuple[int, int]]) -> str:
    """The content's words without quote marks; segments of a split quote joined by a space,
    paragraphs of a long quotation by a line break.

    A piece whose comma the span leaves out ("...waiting for a bus," the governor said.)
    keeps it when the next piece carries the sentence on (", he said, "and ...") and ends
    with a full stop when the next piece opens a new sentence ("... said. "There is ..."),
    so the joined text still reads as the speaker's sentences.
    """
    parts: list[str] = []
    for k, (start, end) in enumerate(segments):
        if k:
            previous = segments[k - 1][1]
            parts.append(_piece_end(text, previous, start, text[start:end]))
            parts.append("\n" if "\n" in text[previous:start] else " ")
        parts.append(text[start:end])
    return "".join(parts)


def _piece_end(text: str, end: int, next_start: int, following: str) -> str:
    """The punctuation to restore after a piece of a split quote that ends at ``end``."""
    if end == 0 or text[end - 1] in ".?!,;:\u2014\u2013-":
        return ""
    between = _QUOTE_EDGES.sub("", text[end:next_start]).strip()
    if text[end : end + 1] == "," and between.endswith((".", "?", "!")):
        return "."  # '"The mayor "drew well" in 2019, said Oliynyk. "That was ..."'
    if not _CUT_COMMA.match(text, end):
        return ""  # no comma cut off inside the marks (an indirect piece keeps its words)
    if between.endswith((".", "?", "!")):
        return "."  # '"...," the governor said. "There is ..."'
    if between.endswith((",", ":", "\u2014")):
        return ","  # '"...," he said, "and ..."'
    new_sentence = following[:1].isupper() and not re.match(r"I\b", following)
    return "." if new_sentence else ","


_CUT_COMMA = re.compile("\\s*,(?:''|[\"\u201d\u2019'])")
_QUOTE_EDGES = re.compile("^[ ,]*[\"\u201c\u201d\u2018\u2019']+|[\"\u201c\u201d\u2018\u2019'\\s]+$")


def _without(regions: list[Region], turns: list[Statement]) -> list[Region]:
    """Drop the quote regions that hold a transcript turn (the turn is the statement)."""
    if not turns:
        return regions
    spans = [(t.start, t.end) for t in turns]
    return [
        r for r in regions if not any(_overlap(seg, span) for seg in r.segments for span in spans)
    ]


def _lead_ins_to_paraphrases(
    doc: Doc, index: TokenIndex, statements: list[Statement], lexicon: QuoteLexicon
) -> None:
    """Make a quote whose reported clause starts in the writer's words a paraphrase of that
    whole clause ("Ryan said no matter what action Obama takes, "his word does not trump
    the Second Amendment.""): the speaker's sentence is the clause, of which the quoted
    words are the end. PolNeAR annotates it so, as one attribution with a quoted fragment.
    The words of the attribution itself ("told reporters on Tuesday, ...") are no clause."""
    for statement in statements:
        if statement.kind != "direct" or statement.cue is None or len(statement.segments) != 1:
            continue
        cue = doc[statement.cue[0]]
        start, end = statement.segments[0]
        mark = index.before(start)
        if cue.idx > start or cue.lower_ not in lexicon.verbs or mark <= cue.i + 1:
            continue
        first = cue.i + 1
        while first < mark and _attribution_word(doc[first], cue):
            first += 1
        lead = doc[first:mark]
        if any(i_quote(t) for t in lead):
            continue  # "Trump said, and I quote, "...": the writer vouches for the words
        words = [t for t in lead if t.is_alpha]
        if len(words) < LEAD_IN_WORDS or any(t.is_quote for t in lead[:-1]):
            continue
        opens = lead[0].lower_ in REPORT_OPENERS
        finite = any(t.tag_ in FINITE_TAGS and t.i != cue.i for t in lead)
        if not (opens or finite) or not any(t.text == "," for t in lead[-2:]):
            continue
        statement.kind = "indirect"
        statement.segments = [(lead[0].idx, end)]


def _tails_to_paraphrases(
    doc: Doc, index: TokenIndex, statements: list[Statement], lexicon: QuoteLexicon
) -> None:
    """Make a quote that opens a reported clause the writer then finishes a paraphrase of the
    whole clause ("Sanders said "the wind is at our backs" despite his loss in Nevada",
    "she acknowledged "one or two instances" where donations slipped"): the words after the
    closing mark belong to what was said, so PolNeAR annotates the clause as one
    attribution with a quoted fragment. A naming ("called the system "rigged" on Tuesday")
    and a quote the writer sets off with a comma or colon stay quotes."""
    for statement in statements:
        if statement.kind != "direct" or statement.cue is None or len(statement.segments) != 1:
            continue
        cue = doc[statement.cue[0]]
        start, end = statement.segments[0]
        if cue.idx > start or cue.lower_ not in lexicon.verbs or _names(doc, statement, lexicon):
            continue
        if cue.pos_ == "NOUN":
            continue  # "chants of "We want peace" until ...": a noun opens no clause
        mark = index.before(start)
        if mark <= cue.i or doc[mark - 1].text in (",", ":") or not doc[mark].is_quote:
            continue
        if not all(_attribution_word(t, cue) or t.lower_ == "that" for t in doc[cue.i + 1 : mark]):
            continue
        close = index.at_or_after(end)
        if close >= len(doc) or not doc[close].is_quote or close + 1 >= len(doc):
            continue
        following = doc[close + 1]
        if (
            not following.is_alpha
            or following.pos_ in ("ADV", "PART")
            or following.sent.start != cue.sent.start
        ):
            continue  # "chanted "Lock her up" outside": the adverb is the writer's
        top = _under(doc[mark + 1], cue)
        if top is None:
            continue
        if top.left_edge.i <= following.i <= top.right_edge.i:
            voiced = "utterance" in lexicon.verbs[cue.lower_].frames and cue.lemma_ != "say"
            if voiced and not any(t.tag_ in FINITE_TAGS for t in doc[mark + 1 : close]):
                # "chanted "No more war" for an hour": the words, then the writer's; what
                # someone "said" runs on into the clause ("said "zero" voters would come")
                continue
        else:
            # "said "of course" Clinton has the qualifications": the quoted words open the
            # reported clause that follows them
            top = _under(following, cue)
            if top is None or top.dep_ != "ccomp" or top.left_edge.i != following.i:
                continue
        last = top.right_edge.i
        while last > close and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if last <= close:
            continue
        first, stop = paired_marks(doc, mark, last + 1)
        statement.kind = "indirect"
        statement.segments = [char_bounds(doc, first, stop)]


def _run_ons_to_paraphrases(doc: Doc, index: TokenIndex, statements: list[Statement]) -> None:
    """Make a quote the writer's sentence runs on from, before its attribution, a paraphrase
    of the whole run (""We are horrified" by the attack on the market, Nefzi said"): the
    words between the closing mark and the comma that sets off the speaker are part of what
    was said, and PolNeAR annotates the run as one attribution with a quoted fragment."""
    for statement in statements:
        if statement.kind != "direct" or statement.cue is None or len(statement.segments) != 1:
            continue
        start, end = statement.segments[0]
        close = index.at_or_after(end)
        cue = statement.cue[0]
        if close + 2 >= cue or not doc[close].is_quote:
            continue
        following = doc[close + 1]
        if not following.is_alpha or not following.text[0].islower():
            continue
        if following.lower_ in RELATIVE_WORDS or following.i == statement.speaker_head:
            continue
        boundary = cue
        head = statement.speaker_head
        if head is not None and head < cue:
            boundary = min(boundary, doc[head].left_edge.i)
        if boundary <= close + 1 or doc[boundary - 1].text != ",":
            continue
        run = doc[close + 1 : boundary - 1]
        if any(t.is_quote or t.text in (".", "?", "!", ";") for t in run):
            continue
        mark = index.before(start)
        statement.kind = "indirect"
        statement.segments = [(doc[mark].idx, run[-1].idx + len(run[-1].text))]


def _subject_leads_to_paraphrases(
    doc: Doc, index: TokenIndex, statements: list[Statement], lexicon: QuoteLexicon
) -> None:
    """Make a quote that carries on a sentence the writer began, its cue after it, a
    paraphrase from the sentence's start ("Biden "has a lot of roles to play," Doyle said",
    "The party, attended by hundreds, "allows us to get our message out," said Coleman"):
    the writer's words are the subject or opening of what was said, the quoted words only
    its end, and PolNeAR annotates the sentence as one attribution with a quoted fragment.
    Quoted words that open with a capital start a sentence of their own and stay a quote;
    a lead with a reporting verb of its own reports something else."""
    for statement in statements:
        if statement.kind != "direct" or statement.cue is None:
            continue
        start, end = statement.segments[0]
        cue = doc[statement.cue[0]]
        if cue.idx < end or not index.text[start : start + 1].islower():
            continue
        mark = index.before(start)
        if mark < 1 or not doc[mark].is_quote:
            continue
        lead = _sentence_lead(doc, mark)
        if not any(t.is_alpha for t in lead) or lead[-1].text in (":", "—", "-", "("):
            continue
        if any(t.is_quote for t in lead):
            continue
        if any(t.pos_ == "VERB" and t.lower_ in lexicon.verbs for t in lead):
            continue  # "Politico reported on an email ..., "just to ...,"": a report of its own
        if _names_in_clause(lead, doc[mark + 1 : index.at_or_after(end)]):
            continue
        close = index.at_or_after(end)
        if close < len(doc) and doc[close].text == ",":
            close += 1
        if close < len(doc) and doc[close].is_quote and doc[close].idx < cue.idx:
            end = doc[close].idx + len(doc[close].text)
        statement.kind = "indirect"
        statement.segments[0] = (lead[0].idx, end)


def _names_in_clause(lead: Span, quoted: Span) -> bool:
    """Whether quoted words without a verb sit in a clause of the writer's ("he joined others
    in pouncing on messages deemed "top secret,"", "Clinton supports "appropriate pay
    raises,""): the writer names the words; the sentence is no paraphrase of the speaker's."""
    return any(t.tag_ in FINITE_TAGS for t in lead) and not any(
        t.pos_ in ("VERB", "AUX") for t in quoted
    )


def _sentence_lead(doc: Doc, mark: int) -> Span:
    """The words of the writer's sentence before the token ``mark``: back to the sentence's
    start, a full stop or a line break, whichever comes last (the parser sometimes runs two
    sentences into one)."""
    first = mark
    sentence = doc[mark - 1].sent.start if mark else 0
    while first > sentence:
        previous = doc[first - 1]
        if previous.text in (".", "!", "?") or "\n" in previous.text + previous.whitespace_:
            break
        first -= 1
    return doc[first:mark]


def _under(token: Token, cue: Token) -> Token | None:
    """The dependent of ``cue`` whose phrase holds ``token`` (None if the cue does not
    govern it)."""
    while token.head.i != token.i:
        if token.head.i == cue.i:
            return token
        token = token.head
    return None


def _attribution_word(token: Token, cue: Token) -> bool:
    """Whether a word after the cue belongs to the attribution ("told [reporters]", "said
    [on Tuesday] [in a statement]", "said[,]", "Said [Dorothy Poynter, who grew up with
    Ali]"), not to what was said."""
    top = token
    while top.head.i != cue.i and top.head.i != top.i:
        top = top.head
    return top.head.i == cue.i and top.dep_ in ATTRIBUTION_DEPS


def _unclaimed(regions: list[Region], statements: list[Statement]) -> list[Region]:
    """The quote regions no statement's content overlaps."""
    return [
        r
        for r in regions
        if not any(
            _overlap(seg, span) for seg in r.segments for s in statements for span in s.segments
        )
    ]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _outside(
    doc: Doc, index: TokenIndex, direct: list[Statement], indirect: list[Statement]
) -> list[Statement]:
    """The direct quotes that are not reported inside a paraphrase.

    In "Obama said a majority of Americans have come to believe "that climate change is
    real"" or "Sanders said there are still "some people" who feel that way, "but not
    among the vast majority,"" the verb before the quotation ("believe", "feel") belongs
    to what the outer speaker said: the paraphrase holding both the verb and the quotation
    is the statement, and a quote credited to the inner verb's subject is wrong.
    """

    def holds(paraphrase: Statement, quote: Statement) -> bool:
        assert quote.cue is not None
        cue = doc[quote.cue[0]].idx
        # a misparse whose content holds its own cue ("... shot back when reporters asked")
        own = doc[paraphrase.cue[0]].idx if paraphrase.cue is not None else -1
        return (
            paraphrase.start <= cue < paraphrase.end
            and not any(start <= own < end for start, end in paraphrase.segments)
            and paraphrase.start <= quote.start
            and quote.end <= paraphrase.end + 1
        )

    return [
        quote
        for quote in direct
        if quote.cue is None
        or _own_utterance(doc, index, quote)
        or not any(holds(paraphrase, quote) for paraphrase in indirect)
    ]


def _own_utterance(doc: Doc, index: TokenIndex, quote: Statement) -> bool:
    """Whether a quote stands as its speaker's own utterance even inside a longer
    paraphrase: a cue before it sets it off with a comma or colon, the way a writer adds
    a statement ("... but added, "..."", "..., and when pressed, the mother replied,
    "...""), unless the cue is a verb of thought without a subject of its own (""...
    people who feel that way, "but not ..."", "recalled thinking, "...""), whose words
    the paraphrase reports."""
    cue = doc[quote.cue[0]] if quote.cue is not None else None
    if cue is None:
        return True
    if cue.idx >= quote.start:
        return False
    text, i = index.text, quote.start - 1
    while i >= 0 and text[i] in " \"'\u201c\u2018`":
        i -= 1
    if i < 0 or text[i] not in ",:":
        return False
    if cue.lemma_ not in THOUGHT_LEMMAS:
        return True
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_WORDS for c in cue.children
    )


def _repeats(statement: Statement, direct: list[Statement]) -> bool:
    """Whether an indirect statement only repeats (part of) a direct quote's words."""
    length = max(1, statement.end - statement.start)
    for quote in direct:
        shared = sum(_overlap((statement.start, statement.end), seg) for seg in quote.segments)
        if shared / length >= DUPLICATE_SHARE:
            return True
    return False


def _without_nested(doc: Doc, indirect: list[Statement]) -> list[Statement]:
    """Drop the statements reported inside another statement's content.

    In "Westmacott said that Obama shows "great charm"" or "officials said the ruling
    showed the court would accept ...", the inner cue is part of what the outer speaker
    said: the article's sourcing is the outer statement, whose content already holds the
    inner one. Reporting the inner one too gives a second, mostly wrong statement (on
    PolNeAR train docs such nested cues are false positives about seven times as often as
    they are annotated). A statement whose content holds its own cue verb breaks the rule
    that a content never includes its cue (a misparsed relative clause, "which officials
    said will ...") and goes too, except a refusal to comment, whose content is the verb
    phrase by design. A noun cue with its owner ("rejected the minister's claim that
    ...") names a speaker of its own and stays. ``nested=True`` keeps them all, as it keeps
    cues inside quotations.
    """
    kept = []
    for statement in indirect:
        cue = doc[statement.cue[0]] if statement.cue is not None else None
        if cue is not None and cue.pos_ in ("VERB", "AUX"):
            char = cue.idx
            if any(
                start <= char < end
                for other in indirect
                if other is not statement or cue.lemma_ not in NO_COMMENT
                for start, end in other.segments
            ):
                continue
        kept.append(statement)
    return kept


def _to_closing_marks(indirect: list[Statement], leftover: list[Region]) -> None:
    """Carry a reported clause that stops inside a quotation on to its closing mark ("she
    said that "not everyone can afford, or wants, to have a car, and I don't think ..."").

    The parse often ends the clause at a comma inside the quoted words; the rest of them
    are still what the speaker said, and no other statement claims them.
    """
    for statement in indirect:
        end = statement.end
        for region in leftover:
            segment = next((seg for seg in region.segments if seg[0] < end < seg[1]), None)
            if segment is not None and statement.start < segment[1]:
                first, _ = statement.segments[-1]
                statement.segments[-1] = (first, segment[1])
                break


def _promote_fragments(
    doc: Doc, text: str, indirect: list[Statement], leftover: list[Region], lexicon: QuoteLexicon
) -> None:
    """Make a naming that is nearly all quoted words, or a reported clause that is all quoted
    words, a direct quote of those words ("called the detentions "an act of revenge against
    free people"").

    A reported clause with some words of the writer's in it ("said he had "made a lot of
    money in down markets"") mixes them with the speaker's and stays one indirect statement,
    its content the whole clause. PolNeAR annotates such clauses so too (on train docs,
    promoting them to their quoted words matched no annotation and lost 5 that the whole
    clause matches).
    """
    for statement in indirect:
        share = FRAGMENT_SHARE if _names(doc, statement, lexicon) else 1.0
        span = (statement.start, statement.end)
        inside = [
            (max(seg[0], span[0]), min(seg[1], span[1]))
            for region in leftover
            for seg in region.segments
            if _overlap(span, seg) > 0
        ]
        if not inside:
            continue
        quoted = sum(len(text[start:end].split()) for start, end in inside)
        total = len(text[span[0] : span[1]].split())
        if quoted >= FRAGMENT_MIN_WORDS and quoted / max(1, total) >= share:
            statement.kind = "direct"
            # the writer's full stop or comma set inside the closing mark is not the name's
            statement.segments = [
                (start, _before_punctuation(text, start, end)) for start, end in inside
            ]


def _fragments_to_paraphrases(
    doc: Doc,
    index: TokenIndex,
    leftover: list[Region],
    direct: list[Statement],
    indirect: list[Statement],
    lexicon: QuoteLexicon,
) -> tuple[list[Statement], list[Statement]]:
    """Give quoted words that end a sentence the writer began, their cue after them, the
    whole sentence as content ("Biden "has a lot of roles to play, but I think that's a
    significant one," Doyle said"), when the reported clause the parse offers does not.

    The indirect finder reads such a sentence through the cue's clause, which the parse
    often hangs on a verb inside the quotation ("I think ..."); the statement then loses
    the writer's lead and keeps a piece of the quote. A quotation right after the sentence
    that took the same cue continues the statement ("... one," Doyle said. "He deserves
    it."), as PolNeAR annotates it. Returns the new lists of direct and indirect statements.
    """
    for region in leftover:
        if region.fragment_cue is None:
            continue
        cue = region.fragment_cue
        mark = index.at_or_after(region.open_char)
        if mark < 1 or mark >= len(doc):
            continue
        lead = _sentence_lead(doc, mark)
        if not any(t.is_alpha for t in lead) or any(t.is_quote for t in lead):
            continue
        if any(t.pos_ == "VERB" and t.lower_ in lexicon.verbs for t in lead):
            continue  # "Cruz said he'd make sand "glow,"": the lead reports it itself
        if _names_in_clause(lead, doc[mark + 1 : index.at_or_after(region.segments[-1][1])]):
            continue
        start, end = lead[0].idx, _run_on_end(doc, index, region.close_end, cue)
        if any(
            s.start < region.open_char and s.end >= region.segments[-1][1]
            for s in direct + indirect
        ):
            continue  # a reported clause already holds the lead and the quotation
        same = [s for s in direct + indirect if s.cue is not None and s.cue[0] == cue]
        following = [s for s in same if s.kind == "direct" and s.start >= end]
        inside = [s for s in same if any(_overlap((start, end), seg) for seg in s.segments)]
        if following:
            statement = following[0]
            statement.kind = "indirect"
            statement.segments = [(start, end), *statement.segments]
        elif inside:
            statement = inside[0]
            statement.kind = "indirect"
            statement.segments = [(start, end)]
            head, extent = direct_speaker(doc, index, region, doc[cue], True, lexicon)
            statement.speaker_head, statement.speaker_extent = head, extent
        else:
            continue  # no statement took the cue: a naming or the writer's own words
        stale = [
            s
            for s in same
            if s is not statement and any(_overlap((start, end), seg) for seg in s.segments)
        ]
        # a report inside the sentence ("Comey cannot say that "..."") is part of its content
        stale += [s for s in indirect if s.cue is not None and start <= doc[s.cue[0]].idx < end]
        direct = [s for s in direct if s not in stale]
        indirect = [s for s in indirect if s not in stale]
    return direct, indirect


def _run_on_end(doc: Doc, index: TokenIndex, close_end: int, cue: int) -> int:
    """Where the writer's sentence ends before its attribution: past the words that run on
    after the closing mark up to the comma that sets off the speaker (""...drew well" in the
    2008 primary, said Beck"), else at the closing mark."""
    first = index.at_or_after(close_end)
    comma = next((i for i in range(cue - 1, first, -1) if doc[i].text == ","), None)
    if comma is None or not doc[first].is_alpha or not doc[first].text[0].islower():
        return close_end
    run = doc[first:comma]
    if any(t.is_quote or t.text in (".", "?", "!", ";") for t in run):
        return close_end
    return run[-1].idx + len(run[-1].text)


def _before_punctuation(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing full stops, commas and spaces (not before ``start``)."""
    while end > start + 1 and text[end - 1] in ".,; ":
        end -= 1
    return end


def _names(doc: Doc, statement: Statement, lexicon: QuoteLexicon) -> bool:
    """Whether a statement's cue is a verb of naming used as one ("called X "Y"", not
    "called for ..." nor a verb with a clause of its own)."""
    if statement.cue is None:
        return False
    cue = doc[statement.cue[0]]
    row = lexicon.verbs.get(cue.lower_)
    if row is None or "naming" not in row.frames:
        return False
    return not any(child.dep_ == "ccomp" for child in cue.children)


def _documents_to_owners(doc: Doc, statements: list[Statement], lexicon: QuoteLexicon) -> None:
    """Give "X issued a statement saying ..." to X, not to "a statement".

    The parse hangs the participle on the document noun, which then reads as the speaker;
    when that document is the object of a verb with a subject of its own ("issued",
    "released", "posted"), the subject is who spoke. A document that is itself the subject
    ("The report said") stays the speaker, as PolNeAR and users both have it.
    """
    for statement in statements:
        if statement.speaker_head is None or statement.cue is None:
            continue
        head = doc[statement.speaker_head]
        cue = doc[statement.cue[0]]
        if cue.dep_ not in ("acl", "relcl") or cue.head.i != head.i:
            continue
        document = _document(head, lexicon)
        if document is None or document.dep_ != "dobj":
            continue
        owner = subject_of(document.head)
        if owner is not None and owner.i != document.i:
            statement.speaker_head = owner.i
            statement.speaker_extent = None


def _document(head: Token, lexicon: QuoteLexicon) -> Token | None:
    """The document noun a cue's head names: the head itself ("a video that said", "a
    statement saying"), or the document sent to it ("an email to supporters saying")."""
    if _is_document(head, lexicon):
        return head
    if head.dep_ == "pobj" and head.head.lower_ == "to":
        sent = head.head.head
        if _is_document(sent, lexicon):
            return sent
        return next(
            (c for c in sent.children if c.dep_ == "dobj" and _is_document(c, lexicon)), None
        )
    return None


def _is_document(token: Token, lexicon: QuoteLexicon) -> bool:
    return token.lower_ in lexicon.document_nouns or (
        token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.document_nouns
    )


@Language.factory(
    "ng_quotes",
    requires=["doc._.ng_actors", "token.dep", "token.pos", "token.lemma"],
    assigns=["doc._.ng_quotes"],
    default_config={
        "reporting_verbs": {"@misc": "newsgraph.reporting_verbs.v1"},
        "speaker_nouns": {"@misc": "newsgraph.speaker_nouns.v1"},
        "nested": False,
    },
)
def make_quote_finder(
    nlp: Language,
    name: str,
    reporting_verbs: list[dict[str, Any]],
    speaker_nouns: list[dict[str, Any]],
    nested: bool,
) -> QuoteFinder:
    """Build the ``ng_quotes`` component."""
    return QuoteFinder(
        nlp, name, reporting_verbs=reporting_verbs, speaker_nouns=speaker_nouns, nested=nested
    )
