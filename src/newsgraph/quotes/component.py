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
statements. Where quoted words only finish a sentence of the writer's, the statement's
content becomes the whole reported clause (``paraphrases.py``). Speakers are then resolved
to actors in text order (``speakers.py``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extensions import register_extensions
from newsgraph.quotes.direct import (
    Region,
    attribute_regions,
    find_regions,
    find_turns,
    named_quotes,
)
from newsgraph.quotes.indirect import NO_COMMENT, find_indirect
from newsgraph.quotes.lexicon import QuoteLexicon
from newsgraph.quotes.paraphrases import (
    fragments_to_paraphrases,
    lead_ins_to_paraphrases,
    promote_fragments,
    run_ons_to_paraphrases,
    subject_leads_to_paraphrases,
    tails_to_paraphrases,
    to_closing_marks,
)
from newsgraph.quotes.speakers import SpeakerResolver, speaker_bounds
from newsgraph.quotes.statement import (
    RELATIVE_WORDS,
    Statement,
    TokenIndex,
    char_bounds,
    span_overlap,
    subject_of,
)

logger = logging.getLogger(__name__)

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
        to_closing_marks(indirect, leftover)
        promote_fragments(doc, text, indirect, leftover, self.lexicon)
        direct, indirect = fragments_to_paraphrases(
            doc, index, leftover, direct, indirect, self.lexicon
        )
        lead_ins_to_paraphrases(doc, index, direct + indirect, self.lexicon)
        tails_to_paraphrases(doc, index, direct, self.lexicon)
        run_ons_to_paraphrases(doc, index, direct)
        subject_leads_to_paraphrases(doc, index, direct, self.lexicon)
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
        r
        for r in regions
        if not any(span_overlap(seg, span) for seg in r.segments for span in spans)
    ]


def _unclaimed(regions: list[Region], statements: list[Statement]) -> list[Region]:
    """The quote regions no statement's content overlaps."""
    return [
        r
        for r in regions
        if not any(
            span_overlap(seg, span) for seg in r.segments for s in statements for span in s.segments
        )
    ]


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
        shared = sum(span_overlap((statement.start, statement.end), seg) for seg in quote.segments)
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
