"""MEANTIME (English, NewsReader): entity mentions, time values and event coreference.

The corpus is CAT XML: tokens with ``t_id``, markables (``ENTITY_MENTION``, ``TIMEX3``,
``EVENT_MENTION``, ``ENTITY``/``EVENT`` instances, ...) anchored to tokens, and relations
(``REFERS_TO``, ``HAS_PARTICIPANT``, ``TLINK``, ...). The reader keeps every markable and
relation generically, so that later tasks (participants, ...) can be added on top of it;
this module scores three things:

- entity mentions of type PER, ORG and LOC (a mention's type is the ``ent_type`` of the
  entity it ``REFERS_TO``), named mentions only, as token sets: strict (same tokens) and
  partial (at least one shared token);
- TIMEX3 spans and values, with the helpers of the TempEval-3 scorer;
- cross-document event coreference (dataset ``meantime-coref``, ``--task coref``): newsgraph's
  merging of its events into canonical events, against no merging and exact-tuple merging,
  scored with MUC, B³, CEAF-e and CoNLL F1 on the gold event mentions it covers.

MEANTIME has no official split: the 120 documents are sorted by their numeric ``doc_id`` and
alternate, even positions dev and odd positions test (60 each).
"""

from __future__ import annotations

import bisect
import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsgraph.corpus.merge import ReportSignature, cluster_signatures, signature
from newsgraph.errors import ConfigError
from newsgraph.eval import coref
from newsgraph.eval.base import (
    NEWSGRAPH,
    AlignedDocument,
    EvalContext,
    EvalResult,
    Score,
    register,
)
from newsgraph.eval.conll2003 import ONTONOTES_TO_CONLL, model_name, newsgraph_entities
from newsgraph.eval.metrics import PRF, greedy_match
from newsgraph.eval.tempeval3 import (
    Timex,
    TimexCounts,
    newsgraph_timexes,
    spacy_dateparser_timexes,
    spacy_entities,
)
from newsgraph.model.document import Document, Span

logger = logging.getLogger(__name__)

ROOT = ("meantime_en", "meantime_newsreader_english_oct15")
INTRA_DOC = "intra-doc_annotation"
"""Document-level annotation; ``intra_cross-doc_annotation`` adds cross-document instances."""

SCORED_TYPES = ("PER", "ORG", "LOC")
"""Entity types newsgraph can predict; PRO (products), FIN (financial) and MIX are not scored."""

NAMED_TYPES = {"NAM", "PRE.NAM"}
"""Syntactic types of named mentions ("General Motors", the "US" of "US economy")."""

UNTYPED = {"", None}
"""Mentions the annotators left without a syntactic type; named when written like a name."""

NAME_FUNCTION_WORDS = {"of", "the", "de", "for", "'s"}
"""Lower-case words a name may contain ("Bank of England")."""

SPLITTING_WORDS = {",", "(", ")", "and", "or"}
"""Tokens that make a mention an apposition or a coordination of names."""


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (long word lists stay readable)."""
    return frozenset(text.split())


PRONOUNS = _words(
    "i we you he she it they me us him her them my our your his its their this that these those"
)
"""Pronouns, which an untyped one-word mention may be ("We" opening a sentence)."""

ANNOTATED_SENTENCES = 6
"""MEANTIME annotates only the title (sentence 0), the dateline (1) and the next four
sentences; predictions beyond are not scored, or they would all count as false positives."""

_DATELINE_FORMATS = ("%B %d , %Y", "%B %d, %Y", "%d %B %Y")


@dataclass(frozen=True)
class Token:
    """A corpus token with its character span in the rebuilt text."""

    t_id: str
    sentence: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Markable:
    """Any CAT markable: its tag, id, anchored tokens (indices) and attributes."""

    tag: str
    m_id: str
    tokens: tuple[int, ...]
    attrs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Relation:
    """Any CAT relation: its tag, id, source markable ids, target ids and attributes."""

    tag: str
    r_id: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    attrs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class EntityMention:
    """A gold entity mention: token indices, entity type, syntactic type."""

    tokens: frozenset[int]
    type: str
    syntactic_type: str | None = None


@dataclass
class MeantimeDocument:
    """One MEANTIME article, rebuilt as text (tokens by spaces, sentences by newlines)."""

    doc_id: int
    name: str
    topic: str
    text: str
    tokens: list[Token]
    markables: dict[str, Markable]
    relations: list[Relation]

    def span(self, tokens: Iterable[int]) -> tuple[int, int]:
        """Character span from the first to the last of some tokens."""
        indices = sorted(tokens)
        return self.tokens[indices[0]].start, self.tokens[indices[-1]].end

    def token_indices(self, start: int, end: int) -> frozenset[int]:
        """The tokens a character span touches (none for an empty span)."""
        if end <= start:
            return frozenset()
        starts = [t.start for t in self.tokens]
        hits: set[int] = set()
        for i in range(max(0, bisect.bisect_right(starts, start) - 1), len(self.tokens)):
            token = self.tokens[i]
            if token.start >= end:
                break
            if token.end > start:
                hits.add(i)
        return frozenset(hits)

    def annotated(self, start: int, end: int) -> bool:
        """Tell whether a character span starts in the annotated sentences."""
        tokens = self.token_indices(start, end)
        return bool(tokens) and self.tokens[min(tokens)].sentence < ANNOTATED_SENTENCES

    def dct_span(self) -> tuple[int, int] | None:
        """The characters of the creation-time expression, else of a dateline that is a date."""
        for m in self.markables.values():
            if (
                m.tag == "TIMEX3"
                and m.tokens
                and m.attrs.get("functionInDocument") == "CREATION_TIME"
            ):
                return self.span(m.tokens)
        dateline = [i for i, t in enumerate(self.tokens) if t.sentence == 1]
        if dateline and self._dateline_date() is not None:
            return self.span(dateline)
        return None

    def _dateline_date(self) -> str | None:
        """The dateline sentence ("April 27 , 2005") read as an ISO date, if it is one."""
        dateline = " ".join(t.text for t in self.tokens if t.sentence == 1)
        for fmt in _DATELINE_FORMATS:
            try:
                return datetime.strptime(dateline, fmt).date().isoformat()
            except ValueError:
                continue
        return None

    def scored_timexes(self, predicted: Iterable[Timex]) -> list[Timex]:
        """Predicted expressions in the annotated sentences, the dateline (DCT) left out."""
        dct = self.dct_span()
        return [
            t
            for t in predicted
            if self.annotated(t.start, t.end)
            and (dct is None or t.end <= dct[0] or t.start >= dct[1])
        ]

    def entity_mentions(self) -> list[EntityMention]:
        """Every ENTITY_MENTION with tokens and a type."""
        types: dict[str, str] = {}
        for relation in self.relations:
            if relation.tag != "REFERS_TO":
                continue
            for target in relation.targets:
                entity = self.markables.get(target)
                if entity is not None and entity.tag == "ENTITY":
                    for source in relation.sources:
                        types.setdefault(source, entity.attrs.get("ent_type", ""))
        return [
            EntityMention(frozenset(m.tokens), types[m.m_id], m.attrs.get("syntactic_type"))
            for m in self.markables.values()
            if m.tag == "ENTITY_MENTION" and m.tokens and types.get(m.m_id)
        ]

    def named_mentions(self, types: Iterable[str] = SCORED_TYPES) -> list[EntityMention]:
        """The gold items of the entity task: named mentions of the scored types."""
        keep = set(types)
        return [
            m
            for m in self.entity_mentions()
            if m.type in keep and is_named(m, [self.tokens[i].text for i in sorted(m.tokens)])
        ]

    def dct(self) -> str | None:
        """The creation time: the TIMEX3 marked CREATION_TIME, else the dateline sentence."""
        for m in self.markables.values():
            if m.tag == "TIMEX3" and m.attrs.get("functionInDocument") == "CREATION_TIME":
                return m.attrs.get("value")
        return self._dateline_date()

    def dct_date(self) -> date | None:
        """The creation time as a date."""
        value = self.dct()
        try:
            return date.fromisoformat(value[:10]) if value else None
        except ValueError:
            return None

    def timexes(self) -> list[Timex]:
        """Gold TIMEX3 with tokens, as character spans, the creation time excluded.

        Where no TIMEX3 is marked CREATION_TIME, the dateline's TIMEX3 is the creation time
        (``dct_span``) and is excluded too, as in every other document.
        """
        dct = self.dct_span()
        timexes = []
        for m in self.markables.values():
            if m.tag != "TIMEX3" or not m.tokens:
                continue
            if m.attrs.get("functionInDocument") == "CREATION_TIME":
                continue
            start, end = self.span(m.tokens)
            if dct is not None and start < dct[1] and dct[0] < end:
                continue
            timexes.append(Timex(start, end, m.attrs.get("value"), m.attrs.get("type") or "DATE"))
        return timexes


def is_named(mention: EntityMention, words: Sequence[str]) -> bool:
    """Tell a named mention, the only kind an NER system is asked to find.

    NAM and PRE.NAM mentions are named. A mention the annotators left untyped is named when it
    is written like one name: every word with letters capitalised apart from inner function
    words ("Bank of England"), not opening with "the" ("the Prime Minister"), not a pronoun
    ("We" opening a sentence), and not an apposition or coordination (no comma, bracket or
    "and": an NER system finds the parts, not the whole).
    """
    if mention.syntactic_type in NAMED_TYPES:
        return True
    if mention.syntactic_type not in UNTYPED or not words:
        return False
    lowered = [w.lower() for w in words]
    if lowered[0] == "the" or any(w in SPLITTING_WORDS for w in lowered):
        return False
    if len(words) == 1 and lowered[0] in PRONOUNS:
        return False
    content = [w for w in words if any(c.isalpha() for c in w)]
    return bool(content) and all(
        w[0].isupper() or w.lower() in NAME_FUNCTION_WORDS for w in content
    )


def read_cat(path: Path) -> MeantimeDocument:
    """Parse one CAT XML file, keeping all markables and relations."""
    root = ET.parse(path).getroot()
    tokens: list[Token] = []
    index: dict[str, int] = {}
    parts: list[str] = []
    offset = 0
    previous: int | None = None
    for element in root.iter("token"):
        sentence = int(element.get("sentence", "0"))
        text = element.text or ""
        if previous is not None:
            separator = "\n" if sentence != previous else " "
            parts.append(separator)
            offset += 1
        previous = sentence
        t_id = element.get("t_id", "")
        index[t_id] = len(tokens)
        tokens.append(Token(t_id, sentence, text, offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    markables: dict[str, Markable] = {}
    markables_element = root.find("Markables")
    relations_element = root.find("Relations")
    for element in [] if markables_element is None else list(markables_element):
        anchors = [a.get("t_id", "") for a in element.findall("token_anchor")]
        m_id = element.get("m_id", "")
        markables[m_id] = Markable(
            element.tag,
            m_id,
            tuple(sorted(index[a] for a in anchors if a in index)),
            dict(element.attrib),
        )
    relations = [
        Relation(
            element.tag,
            element.get("r_id", ""),
            tuple(s.get("m_id", "") for s in element.findall("source")),
            tuple(t.get("m_id", "") for t in element.findall("target")),
            dict(element.attrib),
        )
        for element in ([] if relations_element is None else list(relations_element))
    ]
    return MeantimeDocument(
        doc_id=int(root.get("doc_id", "0")),
        name=root.get("doc_name", path.stem),
        topic=path.parent.name.removeprefix("corpus_"),
        text="".join(parts),
        tokens=tokens,
        markables=markables,
        relations=relations,
    )


def split_paths(paths: Iterable[Path], split: str, doc_id: Callable[[Path], int]) -> list[Path]:
    """The documents of a split: sorted by numeric id, even positions dev, odd positions test."""
    if split not in ("dev", "test"):
        raise ConfigError(f"meantime has no split {split!r}; use dev or test")
    ordered = sorted(paths, key=lambda p: (doc_id(p), p.name))
    return ordered[0::2] if split == "dev" else ordered[1::2]


def file_doc_id(path: Path) -> int:
    """The numeric id a MEANTIME file name starts with ("1007169_Mary_...")."""
    head = path.name.split("_", 1)[0]
    return int(head) if head.isdigit() else 0


def read_split(folder: Path, split: str) -> list[MeantimeDocument]:
    """Read the documents of a split from one annotation folder."""
    return [read_cat(p) for p in split_paths(folder.glob("*/*.xml"), split, file_doc_id)]


def predicted_mentions(
    document: MeantimeDocument, entities: Iterable[tuple[int, int, str]]
) -> list[EntityMention]:
    """Turn predicted character spans into token-set mentions of the scored types.

    Only mentions starting in the annotated sentences are kept (``ANNOTATED_SENTENCES``).
    """
    keep = set(SCORED_TYPES)
    mentions = []
    for start, end, label in entities:
        if label not in keep:
            continue
        tokens = document.token_indices(start, end)
        if tokens and document.tokens[min(tokens)].sentence < ANNOTATED_SENTENCES:
            mentions.append(EntityMention(tokens, label))
    return mentions


def mention_prf(
    gold: Sequence[EntityMention], predicted: Sequence[EntityMention], *, strict: bool
) -> PRF:
    """Count mention matches, one to one, types required to agree.

    Strict: the same tokens. Partial: at least one shared token; pairs sharing most tokens
    are taken first.
    """

    def similarity(g: object, p: object) -> float:
        assert isinstance(g, EntityMention) and isinstance(p, EntityMention)
        if g.type != p.type:
            return 0.0
        if strict:
            return 1.0 if g.tokens == p.tokens else 0.0
        return float(len(g.tokens & p.tokens))

    tp = len(greedy_match(gold, predicted, similarity, 1.0))
    return PRF(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


@dataclass
class MentionCounts:
    """Micro-averaged entity-mention counts for one system, overall and by type."""

    strict: PRF = field(default_factory=PRF)
    partial: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in SCORED_TYPES})

    def add(self, gold: Sequence[EntityMention], predicted: Sequence[EntityMention]) -> None:
        """Count one document."""
        self.strict.add(mention_prf(gold, predicted, strict=True))
        self.partial.add(mention_prf(gold, predicted, strict=False))
        for kind, counts in self.by_type.items():
            counts.add(
                mention_prf(
                    [g for g in gold if g.type == kind],
                    [p for p in predicted if p.type == kind],
                    strict=True,
                )
            )

    def scores(self, system: str) -> list[Score]:
        """The table rows of this system."""
        n = int(self.strict.tp + self.strict.fn)
        rows = [
            Score(
                "entity mentions",
                "F1 strict",
                system,
                self.strict.f1,
                n,
                "named PER/ORG/LOC, same tokens and type",
            ),
            Score("entity mentions", "precision strict", system, self.strict.precision, n),
            Score("entity mentions", "recall strict", system, self.strict.recall, n),
            Score(
                "entity mentions",
                "F1 partial",
                system,
                self.partial.f1,
                n,
                "at least one shared token, same type",
            ),
        ]
        for kind, counts in self.by_type.items():
            rows.append(
                Score(
                    "entity mentions",
                    f"F1 strict {kind}",
                    system,
                    counts.f1,
                    int(counts.tp + counts.fn),
                )
            )
        return rows

    def details(self) -> dict[str, Any]:
        """Counts behind the rows."""
        return {
            "strict": self.strict.as_dict(),
            "partial": self.partial.as_dict(),
            "by_type": {k: v.as_dict() for k, v in self.by_type.items()},
        }


def newsgraph_mentions(
    document: MeantimeDocument, output: Document, to_raw: Callable[[int, int], tuple[int, int]]
) -> list[EntityMention]:
    """newsgraph's actor and place mentions as token-set mentions (CoNLL type mapping)."""
    entities = newsgraph_entities(output, to_raw, nationality_places="LOC")
    return predicted_mentions(document, ((e.start, e.end, e.label) for e in entities))


CROSS_DOC = "intra_cross-doc_annotation"


def instance_mentions(document: MeantimeDocument) -> list[tuple[frozenset[int], str]]:
    """Named PER/ORG/LOC mentions in the annotated sentences with their cross-document instance.

    The cross-document annotation gives each ENTITY an ``instance_id`` shared by every document
    that mentions the same real-world entity ("Steve Jobs" in all the Apple stories).
    """
    instance_of: dict[str, str] = {}
    for relation in document.relations:
        if relation.tag != "REFERS_TO":
            continue
        for target in relation.targets:
            entity = document.markables.get(target)
            if entity is None or entity.tag != "ENTITY":
                continue
            instance = entity.attrs.get("instance_id")
            if instance and entity.attrs.get("ent_type") in SCORED_TYPES:
                for source in relation.sources:
                    instance_of[source] = instance
    found = []
    for markable in document.markables.values():
        instance = instance_of.get(markable.m_id)
        if markable.tag != "ENTITY_MENTION" or not markable.tokens or instance is None:
            continue
        words = [document.tokens[i].text for i in sorted(markable.tokens)]
        mention = EntityMention(
            frozenset(markable.tokens), "", markable.attrs.get("syntactic_type")
        )
        if document.tokens[min(markable.tokens)].sentence < ANNOTATED_SENTENCES and is_named(
            mention, words
        ):
            found.append((frozenset(markable.tokens), instance))
    return found


def identity_key(
    tokens: frozenset[int], candidates: Sequence[tuple[frozenset[int], str]], fallback: str
) -> str:
    """The predicted identity of a gold mention: the key of the most overlapping prediction."""
    best = max(candidates, key=lambda c: len(c[0] & tokens), default=None)
    if best is None or not best[0] & tokens:
        return fallback
    return best[1]


def b_cubed(pairs: Sequence[tuple[str, str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of (gold cluster, predicted cluster) per mention."""
    if not pairs:
        return 0.0, 0.0, 0.0
    by_gold: dict[str, set[int]] = {}
    by_pred: dict[str, set[int]] = {}
    for i, (g, p) in enumerate(pairs):
        by_gold.setdefault(g, set()).add(i)
        by_pred.setdefault(p, set()).add(i)
    precision = recall = 0.0
    for g, p in pairs:
        common = len(by_gold[g] & by_pred[p])
        precision += common / len(by_pred[p])
        recall += common / len(by_gold[g])
    precision /= len(pairs)
    recall /= len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _identity_scores(system: str, pairs: Sequence[tuple[str, str]]) -> list[Score]:
    p, r, f = b_cubed(pairs)
    task = "cross-document actor identity"
    return [
        Score(task, "B3 precision", system, p, len(pairs)),
        Score(task, "B3 recall", system, r, len(pairs)),
        Score(task, "B3 F1", system, f, len(pairs)),
    ]


@register("meantime")
def score_meantime(ctx: EvalContext) -> EvalResult:
    """Score newsgraph's entity mentions and time values, and spaCy baselines, on MEANTIME."""
    folder = ctx.path(*ROOT, INTRA_DOC)
    documents: list[MeantimeDocument] = ctx.take(read_split(folder, ctx.split))
    logger.info("meantime %s: %d documents", ctx.split, len(documents))
    gold_mentions = [d.named_mentions() for d in documents]
    gold_timexes = [d.timexes() for d in documents]

    cross = {d.doc_id: d for d in read_split(ctx.path(*ROOT, CROSS_DOC), ctx.split)}
    instances = [instance_mentions(cross[d.doc_id]) if d.doc_id in cross else [] for d in documents]
    ours_identity: list[tuple[str, str]] = []
    base_identity: list[tuple[str, str]] = []

    ours, ours_time = MentionCounts(), TimexCounts()
    for i, aligned in enumerate(ctx.extract((d.text, d.dct_date()) for d in documents)):
        document = documents[i]
        keyed = [
            (
                document.token_indices(*aligned.to_raw(m.start, m.end)),
                f"{a.kind.value}:{a.name.lower()}",
            )
            for a in aligned.document.actors
            for m in a.mentions
        ] + [
            (document.token_indices(*aligned.to_raw(m.start, m.end)), f"place:{p.name.lower()}")
            for p in aligned.document.places
            for m in p.mentions
        ]
        for k, (tokens, instance) in enumerate(instances[i]):
            ours_identity.append((instance, identity_key(tokens, keyed, f"none:{i}:{k}")))
        ours.add(gold_mentions[i], newsgraph_mentions(document, aligned.document, aligned.to_raw))
        ours_time.add(
            gold_timexes[i],
            document.scored_timexes(newsgraph_timexes(aligned.document, aligned.to_raw)),
        )

    base, base_time = MentionCounts(), TimexCounts()
    for i, doc in enumerate(ctx.bare_nlp.pipe(d.text for d in documents)):
        document = documents[i]
        ents = spacy_entities(doc)
        mapped = [
            (s, e, ONTONOTES_TO_CONLL[label])
            for s, e, label, _ in ents
            if label in ONTONOTES_TO_CONLL
        ]
        base.add(gold_mentions[i], predicted_mentions(document, mapped))
        surface = [
            (document.token_indices(e.start_char, e.end_char), e.text.lower()) for e in doc.ents
        ]
        for k, (tokens, instance) in enumerate(instances[i]):
            base_identity.append((instance, identity_key(tokens, surface, f"none:{i}:{k}")))
        base_time.add(
            gold_timexes[i],
            document.scored_timexes(spacy_dateparser_timexes(ents, document.dct_date())),
        )

    name = model_name(ctx)
    ner, timex = f"{name} NER", f"{name} DATE/TIME + dateparser"
    scores = ours.scores(NEWSGRAPH) + base.scores(ner)
    scores += ours_time.scores(NEWSGRAPH) + base_time.scores(timex)
    scores += _identity_scores(NEWSGRAPH, ours_identity)
    scores += _identity_scores(f"{name} NER surface string", base_identity)
    return EvalResult(
        dataset="meantime",
        split=ctx.split,
        scores=scores,
        details={
            "documents": len(documents),
            "doc_ids": [d.doc_id for d in documents],
            "topics": {
                t: sum(d.topic == t for d in documents)
                for t in sorted({d.topic for d in documents})
            },
            "gold_mentions": sum(len(m) for m in gold_mentions),
            "gold_timexes": sum(len(t) for t in gold_timexes),
            "documents_without_dct": sum(d.dct_date() is None for d in documents),
            f"{NEWSGRAPH} mentions": ours.details(),
            f"{NEWSGRAPH} timexes": ours_time.details(),
            ner: base.details(),
            timex: base_time.details(),
        },
    )


# --------------------------------------------------------------------------------------------
# Cross-document event coreference (``newsgraph eval meantime --task coref``)
# --------------------------------------------------------------------------------------------

MERGING_METHODS = {
    NEWSGRAPH: "newsgraph",
    "no merging": "none",
    "exact tuple (GDELT-style)": "exact",
}
"""Row name -> ``cluster_signatures`` method: newsgraph's rules and the two baselines a
user would otherwise get (every report its own event; GDELT's exact CAMEO/source/target/
place/day tuple), run on the same signatures."""

OUTLET = "en.wikinews.org"
"""Every MEANTIME article is a Wikinews story (what the store's ``_outlet`` would give)."""


@dataclass(frozen=True)
class GoldEventMention:
    """An EVENT_MENTION and the cross-document instance it is."""

    doc_id: int
    m_id: str
    tokens: frozenset[int]
    instance: str
    text: str
    sentence: int = 0


@dataclass(frozen=True)
class SystemEvent:
    """A newsgraph event of one document as corpus tokens: its trigger and its evidence."""

    event_id: str
    trigger: frozenset[int]
    evidence: frozenset[int]


def gold_event_mentions(
    document: MeantimeDocument, sentences: int | None = ANNOTATED_SENTENCES
) -> list[GoldEventMention]:
    """EVENT_MENTIONs that ``REFERS_TO`` an EVENT with an ``instance_id``, starting in the
    first ``sentences`` sentences (all with None), in token order.

    Events without an instance (mostly GRAMMATICAL ones: "is", "took place") are outside the
    cross-document annotation and are not gold items. The cross-document layer also marks
    event mentions after the annotated sentences in 100 of the 120 documents, but not
    systematically (most are of instances no earlier sentence mentions), so they are scored
    only as a variant (``all_sentences`` in the details).
    """
    instance_of: dict[str, str] = {}
    for relation in document.relations:
        if relation.tag != "REFERS_TO":
            continue
        for target in relation.targets:
            event = document.markables.get(target)
            instance = event.attrs.get("instance_id") if event is not None else None
            if event is None or event.tag != "EVENT" or not instance:
                continue
            for source in relation.sources:
                instance_of.setdefault(source, instance)
    found = [
        GoldEventMention(
            document.doc_id,
            m.m_id,
            frozenset(m.tokens),
            instance_of[m.m_id],
            " ".join(document.tokens[i].text for i in m.tokens),
            document.tokens[min(m.tokens)].sentence,
        )
        for m in document.markables.values()
        if m.tag == "EVENT_MENTION"
        and m.tokens
        and m.m_id in instance_of
        and (sentences is None or document.tokens[min(m.tokens)].sentence < sentences)
    ]
    return sorted(found, key=lambda g: (min(g.tokens), g.m_id))


def system_events(document: MeantimeDocument, aligned: AlignedDocument) -> list[SystemEvent]:
    """newsgraph's events of one document, their spans mapped back to corpus tokens."""

    def tokens(spans: Iterable[Span]) -> frozenset[int]:
        found: set[int] = set()
        for span in spans:
            found |= document.token_indices(*aligned.to_raw(span.start, span.end))
        return frozenset(found)

    return [
        SystemEvent(
            event.id,
            tokens([event.trigger] if event.trigger else []),
            tokens(event.evidence_all or [event.evidence]),
        )
        for event in aligned.document.events
    ]


def align_event(mention: GoldEventMention, events: Sequence[SystemEvent]) -> tuple[str, str] | None:
    """The system event a gold mention is: (event id, "trigger" or "evidence"), or None.

    The event whose trigger shares most tokens with the mention; failing any, the event
    whose evidence (a sentence, or the sentences the events stage merged) shares most; the
    first event on a tie. Evidence matches are looser (a sentence reporting "X said Y
    attacked Z" aligns "said" with the attack), and are counted apart in the details.
    """
    for kind in ("trigger", "evidence"):
        best: tuple[int, str] | None = None
        for event in events:
            common = len(mention.tokens & getattr(event, kind))
            if common and (best is None or common > best[0]):
                best = (common, event.event_id)
        if best is not None:
            return best[1], kind
    return None


def with_title(output: Document, document: MeantimeDocument) -> Document:
    """The document with its title (sentence 0) in ``document.title``, as ingest sets it:
    merging adds the title's words to lead events, as it does for every ingested article."""
    title = " ".join(t.text for t in document.tokens if t.sentence == 0)
    info = output.document.model_copy(update={"title": title or None})
    return output.model_copy(update={"document": info})


def is_lead(evidence: Span, output: Document) -> bool:
    """GDELT's IsRootEvent as the store computes it: told before the end of the first
    paragraph (title and dateline are headings, so the title counts too)."""
    paragraphs = [b for b in output.blocks if b.kind == "paragraph"]
    return not paragraphs or evidence.start < paragraphs[0].span.end


@dataclass
class CorefRun:
    """Everything the coreference scorer computed for one split, for scores and diagnosis."""

    documents: int
    signatures: list[ReportSignature]
    gold: list[GoldEventMention]
    matched: dict[tuple[int, str], tuple[str, str, str]]
    """(doc_id, gold m_id) -> (newsgraph document id, event id, "trigger"/"evidence")."""
    assignments: dict[str, dict[tuple[str, str], int]]
    """Row name -> ``cluster_signatures`` output."""

    def within(self, sentences: int) -> CorefRun:
        """The same run with only the gold mentions of the first ``sentences`` sentences."""
        gold = [g for g in self.gold if g.sentence < sentences]
        kept = {(g.doc_id, g.m_id) for g in gold}
        matched = {m: found for m, found in self.matched.items() if m in kept}
        return CorefRun(self.documents, self.signatures, gold, matched, self.assignments)

    def key(self) -> dict[tuple[int, str], str]:
        """Gold instance of every matched mention."""
        return {
            (g.doc_id, g.m_id): g.instance for g in self.gold if (g.doc_id, g.m_id) in self.matched
        }

    def response(self, system: str) -> dict[tuple[int, str], int]:
        """System cluster of every matched mention under one merging method."""
        assignment = self.assignments[system]
        return {m: assignment[(doc, event)] for m, (doc, event, _) in self.matched.items()}


def run_coref(ctx: EvalContext) -> CorefRun:
    """Run newsgraph on a split, build a signature for every event, cluster them with every
    method, and align gold event mentions to newsgraph events."""
    folder = ctx.path(*ROOT, CROSS_DOC)
    documents: list[MeantimeDocument] = ctx.take(read_split(folder, ctx.split))
    documents.sort(key=lambda d: (d.topic, d.doc_id))  # merging order: corpus, then id
    logger.info("meantime coref %s: %d documents", ctx.split, len(documents))
    signatures: list[ReportSignature] = []
    gold: list[GoldEventMention] = []
    matched: dict[tuple[int, str], tuple[str, str, str]] = {}
    for document, aligned in zip(
        documents, ctx.extract((d.text, d.dct_date()) for d in documents), strict=True
    ):
        output = with_title(aligned.document, document)
        signatures += [
            signature(output, e, outlet=OUTLET, is_root=is_lead(e.evidence, output))
            for e in output.events
        ]
        events = system_events(document, aligned)
        for mention in gold_event_mentions(document, sentences=None):
            gold.append(mention)
            found = align_event(mention, events)
            if found is not None:
                matched[(mention.doc_id, mention.m_id)] = (output.document.id, *found)
    assignments = {
        name: cluster_signatures(signatures, method=method)
        for name, method in MERGING_METHODS.items()
    }
    return CorefRun(len(documents), signatures, gold, matched, assignments)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def coref_scores(run: CorefRun) -> list[Score]:
    """The table rows: coverage, then each method's CoNLL F1, B³, MUC, CEAF-e, cross-document
    links and clusters per event."""
    task = "cross-document event coreference"
    key = run.key()
    gold_clusters = coref.clusters_of(key)
    n = len(key)
    scores = [
        Score(
            task,
            "gold mentions matched",
            NEWSGRAPH,
            _ratio(n, len(run.gold)),
            len(run.gold),
            "share of gold event mentions some newsgraph event's trigger or evidence overlaps",
        )
    ]
    for system in MERGING_METHODS:
        response = run.response(system)
        predicted = coref.clusters_of(response)
        b3, muc_score, ceaf = (
            coref.b_cubed(gold_clusters, predicted),
            coref.muc(gold_clusters, predicted),
            coref.ceaf_e(gold_clusters, predicted),
        )
        links = coref.pairwise_links(key, response, {m: m[0] for m in key})
        events = len(run.assignments[system])
        scores += [
            Score(task, "CoNLL F1", system, (b3.f1 + muc_score.f1 + ceaf.f1) / 3, n),
            Score(task, "B3 precision", system, b3.precision, n),
            Score(task, "B3 recall", system, b3.recall, n),
            Score(task, "B3 F1", system, b3.f1, n),
            Score(task, "MUC F1", system, muc_score.f1, n),
            Score(task, "CEAF-e F1", system, ceaf.f1, n),
            Score(task, "cross-doc link F1", system, links.f1, n, "pairs across documents"),
            Score(
                task,
                "canonical events per event",
                system,
                _ratio(len(set(run.assignments[system].values())), events),
                events,
                "clusters over all newsgraph events of the split",
            ),
        ]
    return scores


def coref_details(run: CorefRun) -> dict[str, Any]:
    """Counts behind the rows: gold and matched mentions and instances, clusters."""
    key = run.key()
    gold_docs: dict[str, set[int]] = {}
    for g in run.gold:
        gold_docs.setdefault(g.instance, set()).add(g.doc_id)
    matched_docs: dict[str, set[int]] = {}
    for (doc_id, _), instance in key.items():
        matched_docs.setdefault(instance, set()).add(doc_id)
    by_kind = {"trigger": 0, "evidence": 0}
    for _, _, kind in run.matched.values():
        by_kind[kind] += 1
    details: dict[str, Any] = {
        "documents": run.documents,
        "gold_mentions": len(run.gold),
        "gold_instances": len(gold_docs),
        "gold_cross_document_instances": sum(len(d) > 1 for d in gold_docs.values()),
        "matched_mentions": len(key),
        "matched_by": by_kind,
        "matched_instances": len(matched_docs),
        "matched_cross_document_instances": sum(len(d) > 1 for d in matched_docs.values()),
        "newsgraph_events": len(run.signatures),
    }
    for system in MERGING_METHODS:
        response = run.response(system)
        links = coref.pairwise_links(key, response, {m: m[0] for m in key})
        gold, predicted = coref.clusters_of(key), coref.clusters_of(response)
        details[system] = {
            "conll_f1": round(coref.conll_f1(gold, predicted), 4),
            "b3_f1": round(coref.b_cubed(gold, predicted).f1, 4),
            "clusters_all_events": len(set(run.assignments[system].values())),
            "clusters_matched_mentions": len(set(response.values())),
            "cross_doc_links": {
                "precision": round(links.precision, 4),
                "recall": round(links.recall, 4),
            },
            "trigger_only": _trigger_only(run, system),
        }
    return details


def _trigger_only(run: CorefRun, system: str) -> dict[str, float]:
    """Scores over the mentions a trigger matched: a mention matched only through a shared
    sentence ("said" beside an attack) joins that event's cluster whatever the merging, and
    this noise, the same for every method, dilutes the differences between them."""
    key = {m: i for m, i in run.key().items() if run.matched[m][2] == "trigger"}
    response = {m: c for m, c in run.response(system).items() if m in key}
    gold, predicted = coref.clusters_of(key), coref.clusters_of(response)
    return {
        "mentions": len(key),
        "conll_f1": round(coref.conll_f1(gold, predicted), 4),
        "b3_f1": round(coref.b_cubed(gold, predicted).f1, 4),
        "muc_f1": round(coref.muc(gold, predicted).f1, 4),
        "ceaf_e_f1": round(coref.ceaf_e(gold, predicted).f1, 4),
    }


@register("meantime-coref")
def score_meantime_coref(ctx: EvalContext) -> EvalResult:
    """Score cross-document event merging on MEANTIME: newsgraph's rules, no merging and
    GDELT-style exact tuples, on the same newsgraph events (``--task coref``)."""
    run = run_coref(ctx)
    annotated = run.within(ANNOTATED_SENTENCES)
    details = coref_details(annotated)
    details["all_sentences"] = coref_details(run)
    limit = f" --limit {ctx.limit}" if ctx.limit else ""
    return EvalResult(
        dataset="meantime-coref",
        split=ctx.split,
        scores=coref_scores(annotated),
        details=details,
        command=f"newsgraph eval meantime --task coref --split {ctx.split}{limit}",
    )
