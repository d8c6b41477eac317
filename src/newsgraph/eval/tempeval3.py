"""TempEval-3 (SemEval-2013 task 1, task A): time expressions and their normalised values.

TimeML files hold the document creation time (DCT) and the article in ``<TEXT>``, with
``<TIMEX3>`` tags around the time expressions. The reader strips the tags and keeps every
TIMEX3 as a character span of the bare text, which is what newsgraph reads. The DCT is not
scored (it is not in the text) but is given to every system as the document date, since
relative expressions ("last week") can only be normalised against it.

``--split test`` is the platinum test set (20 documents, 138 expressions); ``--split dev`` is
the TBAQ training data (TimeBank + AQUAINT, 256 documents), which nobody here trains on.

The time-matching helpers here (``match_timexes``, ``TimexCounts``, the dateparser baselines)
are shared with the MEANTIME scorer.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, EvalContext, EvalResult, Score, register
from newsgraph.eval.metrics import PRF, greedy_match, overlap
from newsgraph.model.document import Document

logger = logging.getLogger(__name__)

ROOT = ("tempeval3", "data", "TempEval3")
SPLIT_DIRS = {
    "test": (("Evaluation", "te3-platinum"),),
    "dev": (("Training", "TBAQ-cleaned", "TimeBank"), ("Training", "TBAQ-cleaned", "AQUAINT")),
}
"""Split -> folders of ``.tml`` files below ``ROOT``."""

DATEPARSER_SETTINGS: dict[str, Any] = {"PREFER_DATES_FROM": "current_period"}
"""dateparser settings besides RELATIVE_BASE, chosen on the dev split (TBAQ): with dateparser's
default ``current_period`` the search_dates baseline got 403 of 1,822 values exactly right,
against 276 with ``past``, which news seemed to call for (an ambiguous "Tuesday" read as the
last one)."""

DATEPARSER_SEARCH = "dateparser search_dates"
SPACY_DATEPARSER = "{model} DATE/TIME + dateparser"
BEST_PUBLISHED = "best published"


@dataclass(frozen=True)
class Timex:
    """A time expression as a character span with its TIMEX3 value and type."""

    start: int
    end: int
    value: str | None
    type: str = "DATE"


@dataclass
class TimeMLDocument:
    """One TimeML file: the bare text, the DCT and the gold time expressions."""

    name: str
    text: str
    dct: str | None
    timexes: list[Timex] = field(default_factory=list)

    @property
    def dct_date(self) -> date | None:
        """The DCT as a date (None when absent or not a calendar date)."""
        return parse_dct(self.dct)


def parse_dct(value: str | None) -> date | None:
    """Read the calendar date at the start of a TIMEX3 value (``2013-03-22T10:00`` too)."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _walk(element: ET.Element, parts: list[str], timexes: list[Timex], offset: int) -> int:
    """Append the text under ``element`` to ``parts``, collecting TIMEX3 spans; return offset."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _walk(child, parts, timexes, offset)
        if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
            timexes.append(Timex(start, offset, child.get("value"), child.get("type") or "DATE"))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse one ``.tml`` file.

    The text is everything inside ``<TEXT>`` with the tags removed; TIMEX3 offsets point into
    it. A TIMEX3 with ``functionInDocument="CREATION_TIME"`` is the DCT, never a gold item.
    """
    root = ET.parse(path).getroot()
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
            break
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []
    if body is not None:
        _walk(body, parts, timexes, 0)
    return TimeMLDocument(name=path.stem, text="".join(parts), dct=dct, timexes=timexes)


def read_split(folders: Iterable[Path]) -> list[TimeMLDocument]:
    """Read every ``.tml`` file of the folders, in name order."""
    return [read_timeml(p) for folder in folders for p in sorted(folder.glob("*.tml"))]


def normalise_value(value: str | None) -> str | None:
    """Compare values case- and space-insensitively; an empty value is no value."""
    if value is None:
        return None
    cleaned = value.strip().upper()
    return cleaned or None


_CALENDAR = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def value_matches(gold: str | None, predicted: str | None, *, lenient: bool = False) -> bool:
    """Tell whether a predicted value is the gold one.

    Exact (the TempEval-3 rule): equal after ``normalise_value``. Lenient ("at gold
    granularity"): a predicted calendar date also counts when it falls in the gold year, month
    or ISO week ("2013-03-22" for gold "2013", "2013-03" or "2013-W12"). The lenient rule gives
    date-only baselines credit for the right period when the gold is coarser than a day; it is
    reported separately because it also rewards false precision.
    """
    g, p = normalise_value(gold), normalise_value(predicted)
    if g is None or p is None:
        return False
    if g == p:
        return True
    if not lenient:
        return False
    day = _DAY.match(p)
    if day is None:
        return False
    if _CALENDAR.fullmatch(g):
        return p.startswith(g)
    week = _WEEK.fullmatch(g)
    if week is not None:
        try:
            iso = date(*(int(x) for x in day.groups())).isocalendar()
        except ValueError:
            return False
        return (iso.year, iso.week) == (int(week.group(1)), int(week.group(2)))
    return False


def match_timexes(
    gold: Sequence[Timex], predicted: Sequence[Timex], *, strict: bool
) -> list[tuple[int, int]]:
    """Pair gold and predicted expressions one to one.

    Strict: the character spans are identical. Relaxed (TempEval-3): the spans share at least
    one character; the pairs sharing most characters are taken first.
    """
    if strict:
        spans = {(p.start, p.end): i for i, p in reversed(list(enumerate(predicted)))}
        pairs = []
        used: set[int] = set()
        for gi, g in enumerate(gold):
            pi = spans.get((g.start, g.end))
            if pi is not None and pi not in used:
                used.add(pi)
                pairs.append((gi, pi))
        return pairs

    def shared(g: object, p: object) -> float:
        assert isinstance(g, Timex) and isinstance(p, Timex)
        return float(overlap((g.start, g.end), (p.start, p.end)))

    return greedy_match(gold, predicted, shared, 1.0)


@dataclass
class TimexCounts:
    """Micro-averaged span and value counts for one system over a split."""

    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    gold: int = 0
    predicted: int = 0
    value_correct: int = 0
    gold_by_type: dict[str, int] = field(default_factory=dict)
    correct_by_type: dict[str, int] = field(default_factory=dict)
    lenient_by_type: dict[str, int] = field(default_factory=dict)

    def add(self, gold: Sequence[Timex], predicted: Sequence[Timex]) -> None:
        """Count one document."""
        strict_pairs = match_timexes(gold, predicted, strict=True)
        relaxed_pairs = match_timexes(gold, predicted, strict=False)
        self.strict.add(_prf(len(strict_pairs), len(gold), len(predicted)))
        self.relaxed.add(_prf(len(relaxed_pairs), len(gold), len(predicted)))
        self.gold += len(gold)
        self.predicted += len(predicted)
        for g in gold:
            self.gold_by_type[g.type] = self.gold_by_type.get(g.type, 0) + 1
        for gi, pi in relaxed_pairs:
            kind = gold[gi].type
            if value_matches(gold[gi].value, predicted[pi].value):
                self.value_correct += 1
                self.correct_by_type[kind] = self.correct_by_type.get(kind, 0) + 1
            if value_matches(gold[gi].value, predicted[pi].value, lenient=True):
                self.lenient_by_type[kind] = self.lenient_by_type.get(kind, 0) + 1

    @property
    def value_accuracy(self) -> float:
        """Share of gold expressions found (relaxed) with exactly the gold value."""
        return self.value_correct / self.gold if self.gold else 0.0

    @property
    def value_accuracy_matched(self) -> float:
        """Share of the relaxed-matched expressions whose value is right (TE3 attribute
        accuracy)."""
        return self.value_correct / self.relaxed.tp if self.relaxed.tp else 0.0

    @property
    def value(self) -> PRF:
        """TempEval-3 value F1: right values are the true positives over predicted and gold."""
        return PRF(
            tp=self.value_correct,
            fp=self.predicted - self.value_correct,
            fn=self.gold - self.value_correct,
        )

    def date_accuracy(self, *, lenient: bool = False) -> float:
        """Value accuracy over the gold DATE expressions only (lenient: at gold granularity)."""
        total = self.gold_by_type.get("DATE", 0)
        right = (self.lenient_by_type if lenient else self.correct_by_type).get("DATE", 0)
        return right / total if total else 0.0

    def scores(self, system: str, task: str = "TIMEX3") -> list[Score]:
        """The table rows of this system."""
        n = self.gold
        return [
            Score(task, "span F1 strict", system, self.strict.f1, n),
            Score(task, "span F1 relaxed", system, self.relaxed.f1, n),
            Score(task, "span precision relaxed", system, self.relaxed.precision, n),
            Score(task, "span recall relaxed", system, self.relaxed.recall, n),
            Score(
                task,
                "value accuracy",
                system,
                self.value_accuracy,
                n,
                "right value / all gold expressions",
            ),
            Score(
                task,
                "value accuracy DATE",
                system,
                self.date_accuracy(),
                self.gold_by_type.get("DATE", 0),
                "right value / gold DATE expressions",
            ),
            Score(
                task,
                "value accuracy DATE at gold granularity",
                system,
                self.date_accuracy(lenient=True),
                self.gold_by_type.get("DATE", 0),
                "a day inside the gold year/month/week counts",
            ),
            Score(
                task,
                "value F1",
                system,
                self.value.f1,
                n,
                "TempEval-3: right values over predicted and gold",
            ),
        ]

    def details(self) -> dict[str, Any]:
        """Counts behind the rows."""
        return {
            "strict": self.strict.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "gold": self.gold,
            "predicted": self.predicted,
            "value_correct": self.value_correct,
            "value_accuracy_of_matched": round(self.value_accuracy_matched, 4),
            "value": self.value.as_dict(),
            "gold_by_type": dict(self.gold_by_type),
            "value_correct_by_type": dict(self.correct_by_type),
            "value_correct_at_gold_granularity_by_type": dict(self.lenient_by_type),
        }


def _prf(tp: int, gold: int, predicted: int) -> PRF:
    return PRF(tp=tp, fp=predicted - tp, fn=gold - tp)


def newsgraph_timexes(
    document: Document, to_raw: Callable[[int, int], tuple[int, int]]
) -> list[Timex]:
    """newsgraph's ``times`` as corpus-text spans with their values and types."""
    return [Timex(*to_raw(t.span.start, t.span.end), t.value, t.type) for t in document.times]


def iso_date(moment: datetime | None) -> str | None:
    """The calendar date of a parsed moment as ``YYYY-MM-DD``."""
    return moment.date().isoformat() if moment is not None else None


def _base(dct: date | None) -> datetime | None:
    return datetime(dct.year, dct.month, dct.day) if dct is not None else None


def _settings(dct: date | None) -> dict[str, Any]:
    settings = dict(DATEPARSER_SETTINGS)
    base = _base(dct)
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return settings


def locate(text: str, found: Iterable[tuple[str, str | None]]) -> list[Timex]:
    """Find the substrings a date searcher returned in the text, in order, as spans.

    ``search_dates`` returns strings, not offsets: each is looked for after the previous one,
    then anywhere; a string that cannot be found is dropped.
    """
    timexes: list[Timex] = []
    cursor = 0
    for substring, value in found:
        if not substring.strip():
            continue
        start = text.find(substring, cursor)
        if start < 0:
            start = text.find(substring)
        if start < 0:
            continue
        cursor = start + len(substring)
        timexes.append(Timex(start, start + len(substring), value))
    return timexes


def dateparser_search_timexes(text: str, dct: date | None) -> list[Timex]:
    """Baseline: ``dateparser.search.search_dates`` relative to the DCT; values are dates."""
    from dateparser.search import search_dates

    try:
        found = search_dates(text, languages=["en"], settings=_settings(dct)) or []
    except Exception:  # dateparser raises assorted errors on odd input
        logger.warning("search_dates failed on a document", exc_info=True)
        found = []
    return locate(text, ((s, iso_date(moment)) for s, moment in found))


def parse_date_value(text: str, dct: date | None) -> str | None:
    """Normalise one expression with ``dateparser.parse`` relative to the DCT (a date)."""
    import dateparser

    try:
        return iso_date(dateparser.parse(text, languages=["en"], settings=_settings(dct)))
    except Exception:  # dateparser raises assorted errors on odd input
        logger.debug("dateparser failed on %r", text, exc_info=True)
        return None


def spacy_dateparser_timexes(
    entities: Iterable[tuple[int, int, str, str]], dct: date | None
) -> list[Timex]:
    """Baseline: spaCy DATE and TIME entities, each normalised by ``dateparser.parse``.

    Args:
        entities: (start, end, label, text) of the spaCy entities of a document.
        dct: The document date relative expressions are read against.
    """
    return [
        Timex(start, end, parse_date_value(text, dct), label)
        for start, end, label, text in entities
        if label in ("DATE", "TIME")
    ]


def spacy_entities(doc: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, label, text) of a spaCy ``Doc``'s entities."""
    return [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]


def split_folders(ctx: EvalContext) -> list[Path]:
    """The folders of the requested split (``DataMissingError`` when absent)."""
    if ctx.split not in SPLIT_DIRS:
        raise ConfigError(f"tempeval3 has no split {ctx.split!r}; use dev (TBAQ) or test")
    return [ctx.path(*ROOT, *parts) for parts in SPLIT_DIRS[ctx.split]]


def published_rows() -> list[Score]:
    """TempEval-3 task A results as published (UzZaman et al., SemEval 2013)."""
    source = "TempEval-3 task A, platinum test (UzZaman et al., SemEval 2013)"
    return [
        Score("TIMEX3", "value F1", BEST_PUBLISHED, 0.776, 138, f"HeidelTime; {source}"),
        Score("TIMEX3", "value F1", "SUTime (published)", 0.674, 138, f"SUTime; {source}"),
    ]


@register("tempeval3")
def score_tempeval3(ctx: EvalContext) -> EvalResult:
    """Score newsgraph's ``times`` and two dateparser baselines on TempEval-3."""
    from newsgraph.eval.conll2003 import model_name

    documents: list[TimeMLDocument] = ctx.take(read_split(split_folders(ctx)))
    logger.info("tempeval3 %s: %d documents", ctx.split, len(documents))

    ours = TimexCounts()
    for document, aligned in zip(
        documents, ctx.extract((d.text, d.dct_date) for d in documents), strict=True
    ):
        ours.add(document.timexes, newsgraph_timexes(aligned.document, aligned.to_raw))

    search = TimexCounts()
    for document in documents:
        search.add(document.timexes, dateparser_search_timexes(document.text, document.dct_date))

    ents = TimexCounts()
    for document, doc in zip(documents, ctx.bare_nlp.pipe(d.text for d in documents), strict=True):
        ents.add(document.timexes, spacy_dateparser_timexes(spacy_entities(doc), document.dct_date))

    spacy_system = SPACY_DATEPARSER.format(model=model_name(ctx))
    scores = ours.scores(NEWSGRAPH) + search.scores(DATEPARSER_SEARCH)
    scores += ents.scores(spacy_system)
    if ctx.split == "test":
        scores += published_rows()
    return EvalResult(
        dataset="tempeval3",
        split=ctx.split,
        scores=scores,
        details={
            "documents": len(documents),
            "gold_timexes": sum(len(d.timexes) for d in documents),
            "documents_without_dct": sum(d.dct_date is None for d in documents),
            "dateparser_settings": {k: str(v) for k, v in DATEPARSER_SETTINGS.items()},
            NEWSGRAPH: ours.details(),
            DATEPARSER_SEARCH: search.details(),
            spacy_system: ents.details(),
        },
    )
