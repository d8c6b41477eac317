"""PolNeAR: attribution (who said what) in US political news, 2015-2016.

Each article is a text file with brat standoff annotation: ``T`` lines are spans (Source, Cue,
Content, possibly discontinuous ``s e;s e``) and ``E`` lines tie them into one attribution.
Articles annotated by several people have one ``.ann`` per annotator (the file name's suffix);
the first annotator listed in ``data/metadata.tsv`` is used.

Attributions are scored in four groups, told apart by where the content lies relative to the
quote marks of the text: all of them; fully quoted statements; paraphrases with a quoted
fragment; indirect statements (no quoted words). The reader and the scorer functions are pure;
``score_polnear`` runs newsgraph and textacy's ``direct_quotations`` over the same articles.
"""

from __future__ import annotations

import bisect
import csv
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, EvalContext, EvalResult, Score, register
from newsgraph.eval.metrics import PRF
from newsgraph.model.document import Document

logger = logging.getLogger(__name__)

ROOT = ("polnear", "data")
SPLITS = ("train", "dev", "test")

ALL = "all"
FULLY_QUOTED = "fully quoted"
QUOTED_FRAGMENT = "quoted fragment"
INDIRECT = "indirect"
CATEGORIES = (ALL, FULLY_QUOTED, QUOTED_FRAGMENT, INDIRECT)
"""The groups results are reported for; every attribution is in ``all`` and one other."""

OVERLAP_THRESHOLD = 0.5
"""Content token overlap (relative to the longer side) for a content or relation match."""

TEXTACY = "textacy direct_quotations"

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.+)$")
_WORD = re.compile(r"\w+")
_CUE_WORDS = re.compile(r"(?:said|says|say|asked|told|added|according to)\b", re.IGNORECASE)
"""Reporting words that a swapped annotation puts in the source ("said Hester": Source
"said", Cue "Hester")."""
_APPOSITION = re.compile(r",|\(|\s(?:who|which)\s")
_PUNCTUATION = " .,;:!?\"'\u201c\u201d\u2018\u2019()"
_OPENING = "\u201c"
_CLOSING = "\u201d"
_STRAIGHT = '"'


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (long word lists stay readable)."""
    return frozenset(text.split())


PRONOUNS = _words(
    "i we you he she it they me us him her them who this that these those one someone "
    "some many others both"
)
"""Sources that are pronouns: matched by position, not by string."""

DETERMINERS = _words(
    "the a an this that these those some many several his her their its our my your "
    "one two three other another both most all few each every any no"
)
"""Words that may start a nominal source in capitals at a sentence start ("The campaign")."""

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: content, source and cue spans (character offsets)."""

    content: Spans
    source: Spans = ()
    cue: Spans = ()


@dataclass
class PolnearDocument:
    """One article with the attributions of one annotator."""

    name: str
    annotator: str
    text: str
    published: date | None = None
    attributions: list[Attribution] = field(default_factory=list)


@dataclass(frozen=True)
class PredictedQuote:
    """A system's quote: content spans, the strings naming its source, the source's span."""

    content: Spans
    source_texts: tuple[str, ...] = ()
    speaker_span: tuple[int, int] | None = None


def parse_spans(field_text: str) -> Spans:
    """Read brat offsets ``"s e;s e"`` into ((s, e), ...)."""
    spans = []
    for part in field_text.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(lines: Iterable[str]) -> list[Attribution]:
    """Parse brat standoff lines into attributions.

    Only ``E`` lines make attributions. Their roles are ``Attribution`` (or
    ``Attribution-no-source``, the trigger, ignored), ``Source``, ``Cue``, ``Content`` and
    numbered extras (``Content2``) that add fragments to the same role. A ``T`` line's text can
    run over several lines; continuation lines match neither pattern and are skipped, since
    the offsets point into the article text anyway. Attributions without content are dropped.
    A source and cue that the annotator swapped (``_swapped``) are put back the right way.
    """
    spans: dict[str, Spans] = {}
    words: dict[str, str] = {}
    events: list[list[tuple[str, str]]] = []
    for line in lines:
        line = line.rstrip("\n")
        t_match = _T_LINE.match(line)
        if t_match:
            spans[t_match.group(1)] = parse_spans(t_match.group(3))
            words[t_match.group(1)] = line[t_match.end() :]
            continue
        e_match = _E_LINE.match(line)
        if e_match:
            roles = []
            for part in e_match.group(2).split():
                role, _, ref = part.partition(":")
                roles.append((role.rstrip("0123456789"), ref))
            events.append(roles)
    attributions = []
    for roles in events:
        by_role: dict[str, list[tuple[int, int]]] = {"Content": [], "Source": [], "Cue": []}
        texts: dict[str, list[str]] = {"Source": [], "Cue": []}
        for role, ref in roles:
            if role in by_role and ref in spans:
                by_role[role].extend(spans[ref])
                if role in texts:
                    texts[role].append(words.get(ref, ""))
        if _swapped(" ".join(texts["Source"]), " ".join(texts["Cue"])):
            by_role["Source"], by_role["Cue"] = by_role["Cue"], by_role["Source"]
        if by_role["Content"]:
            attributions.append(
                Attribution(
                    content=tuple(sorted(by_role["Content"])),
                    source=tuple(sorted(by_role["Source"])),
                    cue=tuple(sorted(by_role["Cue"])),
                )
            )
    return attributions


def _swapped(source: str, cue: str) -> bool:
    """Whether an annotator swapped the source and cue labels of an inverted attribution.

    With the verb before the name (`"...," said Hester`), a few annotations label "said" as
    the Source and "Hester" as the Cue (about one in 900 attributions; also "according to",
    "asked", "said in a statement"). The guidelines define the source as the person or thing
    the content is attributed to and the cue as the trigger phrase, often a verb, so such a
    pair is read the right way round; no system could match a source "said".
    """
    return (
        bool(cue.strip())
        and bool(_CUE_WORDS.match(source.strip()))
        and not _CUE_WORDS.match(cue.strip())
    )


def read_metadata(path: Path) -> dict[str, dict[str, str]]:
    """Read ``metadata.tsv`` into rows keyed by file name."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def read_split(data_dir: Path, split: str) -> list[PolnearDocument]:
    """Read the articles of one split (``data_dir`` is PolNeAR's ``data`` folder).

    Uses the first annotator listed for each article in ``metadata.tsv``.
    """
    metadata = read_metadata(data_dir / "metadata.tsv")
    documents = []
    for name, row in sorted(metadata.items()):
        if row["compartment"] != split:
            continue
        annotator = row["annotators"].split("|")[0]
        ann = data_dir / split / "attributions" / f"{name}_{annotator}.ann"
        text = (data_dir / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        try:
            published = date.fromisoformat(row.get("publication_date", ""))
        except ValueError:
            published = None
        documents.append(
            PolnearDocument(
                name=name,
                annotator=annotator,
                text=text,
                published=published,
                attributions=parse_ann(ann.read_text(encoding="utf-8").splitlines()),
            )
        )
    return documents


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Stretches of text inside quote marks, marks included.

    Curly double quotes open and close; a straight double quote and a doubled apostrophe
    (``''``, the New York Times' quote mark in this corpus) toggle. Single quotes are left
    alone (they double as apostrophes). A quote still open at the end of a paragraph ends
    there, as news style reopens a long quotation on each paragraph.
    """
    regions: list[tuple[int, int]] = []
    start: int | None = None
    i = 0
    while i < len(text):
        char = text[i]
        width = 2 if text.startswith("''", i) else 1
        toggle = char == _STRAIGHT or width == 2
        if char == "\n":
            if start is not None:
                regions.append((start, i))
                start = None
        elif start is None and (char == _OPENING or toggle):
            start = i
        elif start is not None and (char == _CLOSING or toggle):
            regions.append((start, i + width))
            start = None
        i += width
    if start is not None:
        regions.append((start, len(text)))
    return regions


def category(text: str, spans: Spans, regions: Sequence[tuple[int, int]]) -> str:
    """Where a content lies relative to quote marks: fully quoted, fragment or indirect.

    Counts the letters and digits of the content inside and outside the quoted regions: all
    inside is a fully quoted statement, none inside an indirect one, some of each a
    paraphrase with a quoted fragment.
    """
    starts = [r[0] for r in regions]
    inside = outside = 0
    for start, end in spans:
        for i in range(start, min(end, len(text))):
            if not text[i].isalnum():
                continue
            k = bisect.bisect_right(starts, i) - 1
            if k >= 0 and regions[k][0] <= i < regions[k][1]:
                inside += 1
            else:
                outside += 1
    if inside and not outside:
        return FULLY_QUOTED
    if inside:
        return QUOTED_FRAGMENT
    return INDIRECT


class WordIndex:
    """The word tokens of a text, to turn character spans into sets of word positions."""

    def __init__(self, text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self._starts = [s for s, _ in self.spans]

    def words(self, spans: Spans) -> frozenset[int]:
        """Positions of the words that the spans touch."""
        hits: set[int] = set()
        for start, end in spans:
            i = max(0, bisect.bisect_right(self._starts, start) - 1)
            while i < len(self.spans) and self.spans[i][0] < end:
                if self.spans[i][1] > start:
                    hits.add(i)
                i += 1
        return frozenset(hits)


def word_overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared words relative to the longer side (as ``metrics.token_overlap_ratio``)."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def normalise_source(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation, no leading "the" or "'s"."""
    cleaned = " ".join(text.lower().split()).strip(_PUNCTUATION)
    cleaned = cleaned.removeprefix("the ")
    for suffix in ("'s", "\u2019s"):
        cleaned = cleaned.removesuffix(suffix)
    return cleaned.strip(_PUNCTUATION)


def source_head(text: str) -> str:
    """A source without its apposition or relative clause.

    PolNeAR sources are whole noun phrases ("Jon Doe, a spokesman for the campaign, who ...");
    systems name the person. The head is the text before the first comma, bracket or
    "who"/"which".
    """
    return _APPOSITION.split(text, maxsplit=1)[0]


def is_pronoun_or_nominal(source: str) -> bool:
    """Tell a pronoun ("she") or nominal ("a campaign spokesman") from a name.

    A source is a name when a word other than a leading determiner is capitalised
    ("Trump", "The Clinton campaign").
    """
    words = [w for w in _WORD.findall(source) if w[0].isalpha()]
    if not words:
        return False
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    return not any(
        w[0].isupper() for k, w in enumerate(words) if not (k == 0 and w.lower() in DETERMINERS)
    )


def names_match(gold: str, predicted: str) -> bool:
    """Tell whether a predicted source string names the gold source.

    Equal after ``normalise_source`` to the whole gold source or to its head (``source_head``);
    or both are proper names ending in the same capitalised word ("Trump" and "Donald
    Trump", "Clinton" and "Hillary Clinton"). The predicted string is cut to its head as the
    gold one is: the guidelines have a source include the apposition or relative clause that
    identifies it, so either side may carry one ("Mr. Pike, who sold a start-up, ..." and
    "Mr. Pike").
    """
    wanted = normalise_source(predicted)
    if not wanted:
        return False
    head = source_head(gold)
    golds = {normalise_source(gold), normalise_source(head)}
    if wanted in golds or normalise_source(source_head(predicted)) in golds - {""}:
        return True
    predicted = source_head(predicted)
    if is_pronoun_or_nominal(head) or is_pronoun_or_nominal(predicted):
        return False
    gold_words: list[str] = [w for w in _WORD.findall(head) if w[0].isalpha()]
    predicted_words: list[str] = [w for w in _WORD.findall(predicted) if w[0].isalpha()]
    if not gold_words or not predicted_words:
        return False
    last = gold_words[-1]
    return last[0].isupper() and last.lower() == predicted_words[-1].lower()


def source_text(text: str, spans: Spans) -> str:
    """The words of a (possibly discontinuous) source."""
    return " ".join(text[s:e] for s, e in spans)


def source_matches(text: str, gold: Attribution, predicted: PredictedQuote) -> bool:
    """Tell whether a prediction names the gold source.

    One of the prediction's source strings ``names_match`` the gold source; or, for a pronoun
    or nominal gold source, the predicted speaker's span overlaps it (a system names "the
    spokesman" by the actor it resolved him to). A gold attribution without a source matches
    a prediction without one.
    """
    if not gold.source:
        return not any(predicted.source_texts) and predicted.speaker_span is None
    expected = source_text(text, gold.source)
    if any(names_match(expected, s) for s in predicted.source_texts if s):
        return True
    span = predicted.speaker_span
    if span is None or not is_pronoun_or_nominal(source_head(expected)):
        return False
    return any(min(e, span[1]) > max(s, span[0]) for s, e in gold.source)


def assign_parts(
    gold_words: Sequence[frozenset[int]],
    pred_words: Sequence[frozenset[int]],
    allowed: Callable[[int, int], bool] | None = None,
) -> dict[int, list[int]]:
    """Give each prediction to the gold attribution it lies mostly inside.

    A prediction is a part of the gold attribution sharing most of its words, when that is at
    least half of them (and ``allowed(gold, prediction)``, e.g. the source matches). One
    statement quoted in two pieces ("A," he said. "B.") is one PolNeAR attribution but two
    quotes for most systems; its parts are scored together.

    Returns:
        Gold index -> indices of its parts.
    """
    parts: dict[int, list[int]] = {}
    for p, words in enumerate(pred_words):
        if not words:
            continue
        best, shared = -1, 0
        for g, gold in enumerate(gold_words):
            common = len(words & gold)
            if common > shared and (allowed is None or allowed(g, p)):
                best, shared = g, common
        if best >= 0 and shared / len(words) >= OVERLAP_THRESHOLD:
            parts.setdefault(best, []).append(p)
    return parts


def matched(
    gold_words: Sequence[frozenset[int]],
    pred_words: Sequence[frozenset[int]],
    parts: dict[int, list[int]],
    *,
    exact: bool,
) -> dict[int, list[int]]:
    """The gold attributions whose parts, together, match their content.

    Exact: the parts cover exactly the gold content's words. Otherwise the union of the parts
    and the gold content share at least ``OVERLAP_THRESHOLD`` of the longer one's words.
    """
    found = {}
    for g, members in parts.items():
        union = frozenset().union(*(pred_words[p] for p in members))
        if exact:
            hit = union == gold_words[g]
        else:
            hit = word_overlap(gold_words[g], union) >= OVERLAP_THRESHOLD
        if hit:
            found[g] = members
    return found


@dataclass
class CategoryCounts:
    """Counts of one group of attributions for one system."""

    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    relation: PRF = field(default_factory=PRF)
    source_right: int = 0
    source_total: int = 0
    gold: int = 0

    @property
    def source_accuracy(self) -> float:
        """Share of the content-matched attributions whose relation matches too."""
        return self.source_right / self.source_total if self.source_total else 0.0


def _count(
    prf: PRF,
    found: dict[int, list[int]],
    gold_cats: Sequence[str],
    pred_cats: Sequence[str],
    group: str,
) -> None:
    """Add tp and fn by the gold attribution's group, fp by the prediction's own group."""
    used = {p for members in found.values() for p in members}

    def member(cat: str) -> bool:
        return group == ALL or cat == group

    prf.tp += sum(1 for g in found if member(gold_cats[g]))
    prf.fn += sum(1 for g, c in enumerate(gold_cats) if member(c) and g not in found)
    prf.fp += sum(1 for p, c in enumerate(pred_cats) if member(c) and p not in used)


@dataclass
class AttributionCounts:
    """Micro-averaged counts for one system over a split, per group of attributions."""

    groups: dict[str, CategoryCounts] = field(
        default_factory=lambda: {c: CategoryCounts() for c in CATEGORIES}
    )

    def add(self, document: PolnearDocument, predicted: Sequence[PredictedQuote]) -> None:
        """Score one article's predicted quotes against its gold attributions.

        Content: the parts of each gold attribution (``assign_parts``) match it exactly or by
        overlap (``matched``). Relation: the same, counting only parts whose source matches.
        Unmatched predictions are false positives, in the group their own content falls in.
        """
        text = document.text
        regions = quoted_regions(text)
        index = WordIndex(text)
        gold = document.attributions
        gold_words = [index.words(a.content) for a in gold]
        pred_words = [index.words(p.content) for p in predicted]
        gold_cats = [category(text, a.content, regions) for a in gold]
        pred_cats = [category(text, p.content, regions) for p in predicted]

        def same_source(g: int, p: int) -> bool:
            return source_matches(text, gold[g], predicted[p])

        parts = assign_parts(gold_words, pred_words)
        exact = matched(gold_words, pred_words, parts, exact=True)
        overlap = matched(gold_words, pred_words, parts, exact=False)
        relation = matched(
            gold_words,
            pred_words,
            assign_parts(gold_words, pred_words, same_source),
            exact=False,
        )
        for group, counts in self.groups.items():
            counts.gold += sum(1 for c in gold_cats if group in (ALL, c))
            _count(counts.exact, exact, gold_cats, pred_cats, group)
            _count(counts.overlap, overlap, gold_cats, pred_cats, group)
            _count(counts.relation, relation, gold_cats, pred_cats, group)
            for g in overlap:
                if group in (ALL, gold_cats[g]):
                    counts.source_total += 1
                    counts.source_right += g in relation

    def scores(self, system: str) -> list[Score]:
        """The table rows of this system."""
        rows = []
        for group, c in self.groups.items():
            task = f"attribution: {group}"
            rows += [
                Score(task, "content F1 exact", system, c.exact.f1, c.gold),
                Score(task, "content F1 overlap>=0.5", system, c.overlap.f1, c.gold),
                Score(
                    task,
                    "source match",
                    system,
                    c.source_accuracy,
                    c.source_total,
                    "share of content-matched attributions whose source matches",
                ),
                Score(
                    task,
                    "relation F1",
                    system,
                    c.relation.f1,
                    c.gold,
                    "content overlap >= 0.5 and source match",
                ),
            ]
            if group == ALL:
                rows += [
                    Score(
                        task, "content precision overlap>=0.5", system, c.overlap.precision, c.gold
                    ),
                    Score(task, "content recall overlap>=0.5", system, c.overlap.recall, c.gold),
                    Score(task, "relation precision", system, c.relation.precision, c.gold),
                    Score(task, "relation recall", system, c.relation.recall, c.gold),
                ]
        return rows

    def details(self) -> dict[str, Any]:
        """Counts behind the rows."""
        return {
            group: {
                "gold": c.gold,
                "content_exact": c.exact.as_dict(),
                "content_overlap": c.overlap.as_dict(),
                "relation": c.relation.as_dict(),
                "source_right": c.source_right,
                "source_total": c.source_total,
            }
            for group, c in self.groups.items()
        }


def newsgraph_quotes(
    document: Document, to_raw: Callable[[int, int], tuple[int, int]]
) -> list[PredictedQuote]:
    """newsgraph's quotes with their content mapped to the corpus text.

    The content is the quote's segments: a quote split by its attribution ("A," he said,
    "B.") is scored on its two pieces, as PolNeAR's discontinuous content is, not on the
    stretch from A to B with the attribution in it. The source strings are the speaker
    actor's canonical name (when the speaker is set) and the speaker text as written.
    """
    quotes = []
    for quote in document.quotes:
        names: list[str] = []
        actor = document.actor(quote.speaker)
        if actor is not None:
            names.append(actor.name)
        if quote.speaker_text:
            names.append(quote.speaker_text)
        span = quote.speaker_span
        quotes.append(
            PredictedQuote(
                content=tuple(to_raw(seg.start, seg.end) for seg in quote.segments)
                or (to_raw(quote.start, quote.end),),
                source_texts=tuple(names),
                speaker_span=to_raw(span.start, span.end) if span is not None else None,
            )
        )
    return quotes


def _direct_quotations(doc: Any) -> list[Any] | None:
    """textacy's triples for a ``Doc``, or None when it gives up on unpaired quote marks."""
    from textacy.extract.triples import direct_quotations

    try:
        return list(direct_quotations(doc))
    except ValueError:
        return None


@dataclass
class TextacyOutput:
    """textacy's quotes for one document, and how often it gave up."""

    quotes: list[PredictedQuote]
    by_paragraph: bool = False
    """The whole document was refused, so it ran paragraph by paragraph."""
    paragraphs_lost: int = 0
    """Paragraphs refused too (their quotes are lost)."""


def textacy_quotes(doc: Any) -> TextacyOutput:
    """Baseline: textacy's rule-based ``direct_quotations`` on a bare spaCy ``Doc``.

    textacy gives up on a whole document whose quote marks do not pair up (it raises
    ``ValueError``; a lone apostrophe token is enough). It is then run paragraph by paragraph,
    so that one stray mark costs only its paragraph. The speaker's source strings are its
    tokens joined and the text from its first to its last token.
    """
    triples = _direct_quotations(doc)
    output = TextacyOutput(quotes=[])
    pieces: list[tuple[int, Any]] = []
    if triples is not None:
        pieces = [(0, t) for t in triples]
    else:
        output.by_paragraph = True
        for start, end in _paragraphs(doc.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            part = _direct_quotations(span.as_doc())
            if part is None:
                output.paragraphs_lost += 1
                continue
            pieces += [(span.start_char, t) for t in part]
    for offset, triple in pieces:
        speaker = sorted(triple.speaker, key=lambda t: t.i)
        start, end = speaker[0].idx, speaker[-1].idx + len(speaker[-1])
        content = triple.content
        output.quotes.append(
            PredictedQuote(
                content=((offset + content.start_char, offset + content.end_char),),
                source_texts=(" ".join(t.text for t in speaker), content.doc.text[start:end]),
                speaker_span=(offset + start, offset + end),
            )
        )
    return output


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines of a text."""
    ranges = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges


@register("polnear")
def score_polnear(ctx: EvalContext) -> EvalResult:
    """Score newsgraph's quotes and textacy's direct quotations on PolNeAR."""
    if ctx.split not in SPLITS:
        raise ConfigError(f"polnear has no split {ctx.split!r}")
    data_dir = ctx.path(*ROOT)
    ctx.path(*ROOT, ctx.split, "attributions")
    documents: list[PolnearDocument] = ctx.take(read_split(data_dir, ctx.split))
    logger.info("polnear %s: %d documents", ctx.split, len(documents))

    ours = AttributionCounts()
    for document, aligned in zip(
        documents, ctx.extract((d.text, d.published) for d in documents), strict=True
    ):
        ours.add(document, newsgraph_quotes(aligned.document, aligned.to_raw))

    baseline = AttributionCounts()
    by_paragraph = lost_paragraphs = 0
    for document, doc in zip(documents, ctx.bare_nlp.pipe(d.text for d in documents), strict=True):
        output = textacy_quotes(doc)
        by_paragraph += output.by_paragraph
        lost_paragraphs += output.paragraphs_lost
        baseline.add(document, output.quotes)

    return EvalResult(
        dataset="polnear",
        split=ctx.split,
        scores=ours.scores(NEWSGRAPH) + baseline.scores(TEXTACY),
        details={
            "documents": len(documents),
            "gold_attributions": ours.groups[ALL].gold,
            "gold_by_group": {g: c.gold for g, c in ours.groups.items()},
            "annotator": "first listed in metadata.tsv",
            "textacy_documents_run_by_paragraph": by_paragraph,
            "textacy_paragraphs_given_up": lost_paragraphs,
            NEWSGRAPH: ours.details(),
            TEXTACY: baseline.details(),
        },
    )
