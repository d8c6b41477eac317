"""Where a quotation ends and the writer's paraphrase around it begins.

PolNeAR, and a reader, take quoted words that only finish a sentence of the writer's as part
of one statement with the words around them: `Ryan said no matter what Obama does, "his word
does not trump the Second Amendment"`, `Sanders said "the wind is at our backs" despite his
loss`, `Biden "has a lot of roles to play," Doyle said`. The passes here move such
statements' content from the quoted words to the whole reported clause (or, for a naming made
of quoted words, the other way), after the direct and indirect finders have run; the
``ng_quotes`` component calls them in order.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.quotes.direct import Region, direct_speaker, i_quote
from newsgraph.quotes.lexicon import QuoteLexicon
from newsgraph.quotes.statement import (
    RELATIVE_WORDS,
    Statement,
    TokenIndex,
    char_bounds,
    paired_marks,
    span_overlap,
)

LEAD_IN_WORDS = 3
"""Words of the writer's a reported clause needs before its quoted end to be a paraphrase."""
REPORT_OPENERS = frozenset({"that", "if", "when", "because", "although", "while", "unless"})
"""Words that open a reported clause ("said that ...", "asked whether ...")."""
CLAUSE_VERB_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
"""Tags of a verb that makes the words around it a clause of their own (finite or modal)."""
ATTRIBUTION_DEPS = frozenset({"dative", "dobj", "npadvmod", "prep", "agent", "punct", "nsubj"})
"""Dependents of a cue that belong to the attribution ("told [reporters] [on Tuesday]")."""
FRAGMENT_SHARE = 0.75
"""A naming whose words are at least this share quoted is a direct quote of them (a reported
clause only when all its words are)."""
FRAGMENT_MIN_WORDS = 4
"""Fewer quoted words than this are a scare quote inside a paraphrase, not a quotation."""


def lead_ins_to_paraphrases(
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
        finite = any(t.tag_ in CLAUSE_VERB_TAGS and t.i != cue.i for t in lead)
        if not (opens or finite) or not any(t.text == "," for t in lead[-2:]):
            continue
        statement.kind = "indirect"
        statement.segments = [(lead[0].idx, end)]


def tails_to_paraphrases(
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
            if voiced and not any(t.tag_ in CLAUSE_VERB_TAGS for t in doc[mark + 1 : close]):
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


def run_ons_to_paraphrases(doc: Doc, index: TokenIndex, statements: list[Statement]) -> None:
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
        if not _one_clause(run):
            continue
        mark = index.before(start)
        statement.kind = "indirect"
        statement.segments = [(doc[mark].idx, run[-1].idx + len(run[-1].text))]


def subject_leads_to_paraphrases(
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
        lead = _writer_lead(doc, mark, doc[mark + 1 : index.at_or_after(end)], lexicon)
        if lead is None:
            continue
        close = index.at_or_after(end)
        if close < len(doc) and doc[close].text == ",":
            close += 1
        if close < len(doc) and doc[close].is_quote and doc[close].idx < cue.idx:
            end = doc[close].idx + len(doc[close].text)
        statement.kind = "indirect"
        statement.segments[0] = (lead[0].idx, end)


def _writer_lead(doc: Doc, mark: int, quoted: Span, lexicon: QuoteLexicon) -> Span | None:
    """The writer's words that open the sentence a quotation (its opening mark at token
    ``mark``) finishes, or None when they are no such lead: no words, a colon or dash that
    introduces the quotation, another quotation, a reporting verb of the lead's own ("Cruz
    said he'd make sand "glow,"", "Politico reported on an email ..., "just to ...,""), or a
    clause of the writer's that only names the quoted words."""
    lead = _sentence_lead(doc, mark)
    if not any(t.is_alpha for t in lead) or lead[-1].text in (":", "\u2014", "-", "("):
        return None
    if any(t.is_quote for t in lead):
        return None
    if any(t.pos_ == "VERB" and t.lower_ in lexicon.verbs for t in lead):
        return None
    return None if _names_in_clause(lead, quoted) else lead


def _one_clause(run: Span) -> bool:
    """Whether the writer's words after a closing mark stay in its sentence: no other
    quotation and no full stop, question mark or semicolon."""
    return not any(t.is_quote or t.text in (".", "?", "!", ";") for t in run)


def _names_in_clause(lead: Span, quoted: Span) -> bool:
    """Whether quoted words without a verb sit in a clause of the writer's ("he joined others
    in pouncing on messages deemed "top secret,"", "Clinton supports "appropriate pay
    raises,""): the writer names the words; the sentence is no paraphrase of the speaker's."""
    return any(t.tag_ in CLAUSE_VERB_TAGS for t in lead) and not any(
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


def to_closing_marks(indirect: list[Statement], leftover: list[Region]) -> None:
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


def promote_fragments(
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
            if span_overlap(span, seg) > 0
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


def fragments_to_paraphrases(
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
        quoted = doc[mark + 1 : index.at_or_after(region.segments[-1][1])]
        lead = _writer_lead(doc, mark, quoted, lexicon)
        if lead is None:
            continue
        start, end = lead[0].idx, _run_on_end(doc, index, region.close_end, cue)
        if any(
            s.start < region.open_char and s.end >= region.segments[-1][1]
            for s in direct + indirect
        ):
            continue  # a reported clause already holds the lead and the quotation
        same = [s for s in direct + indirect if s.cue is not None and s.cue[0] == cue]
        following = [s for s in same if s.kind == "direct" and s.start >= end]
        inside = [s for s in same if any(span_overlap((start, end), seg) for seg in s.segments)]
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
            if s is not statement and any(span_overlap((start, end), seg) for seg in s.segments)
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
    if not _one_clause(run):
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
