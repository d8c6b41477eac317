"""Cross-article merging: reports of one real-world occurrence become one canonical event.

GDELT counts every report as an event; NGEC does not merge at all. Here each document event
(a *report*) is reduced to a ``ReportSignature`` — type, day, place, named actors, counts and
the content words of its evidence — and joins the best-matching earlier canonical event
(a ``Cluster``) it is compatible with and similar enough to; otherwise it starts a new one.

The rule is deliberately explainable, because an analyst has to trust a merge:

1. **Compatible** with every report already in the cluster (hard constraints): same
   PLOVER type; neither side negated or hypothetical; within one article, only a headline
   and its lead; the same day, or one day apart when either date is loose (taken from the
   publication date, or an "overnight"/"last night" expression, which news published the
   next morning dates either way); no two gazetteer places more than ``NEAR_KM`` apart or in
   different countries, no gazetteer town outside the region the other names (places without
   a GeoNames entry and dateline guesses never block); no two sources from different
   countries, except in the symmetric types.
2. **Similar** to at least one report of the cluster: the cosine of the content words of the
   evidence (and the title, for lead events; names count double), plus bonuses for the same
   place, shared named actors and shared actor countries, less a penalty for counts far
   apart, must reach ``THRESHOLD``. Reports a day apart must reach the higher
   ``THRESHOLD_LOOSE_DAY``: two strikes on one city on consecutive days share place, actors
   and vocabulary, and only the day tells them apart.

The canonical values of a cluster (``canonical``) follow a documented rule: the day most
text-dated reports give (earliest on a tie); the place most reports give, the most specific
on a tie; for each count (status and unit), the value of the latest report, because tolls
are revised upwards as news comes in; the union of the named actors. Counts that differ
between reports are kept and raised as corpus checks (``disagreements``).

This module is pure: the store feeds it signatures it loads from the database, and the
MEANTIME scorer feeds it documents in memory, so both use exactly the same decisions.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from newsgraph.geo.gazetteer import haversine_km
from newsgraph.model.document import Document, Event, Factuality, Place

NEAR_KM = 40.0
"""Two resolved points closer than this are the same place (a city and its suburbs)."""

THRESHOLD = 0.5
"""Least similarity score for a report to join a cluster of the same day."""

THRESHOLD_LOOSE_DAY = 0.75
"""Least similarity score for a report whose (loose) date is one day off the cluster's."""

NAME_WEIGHT = 2.0
"""How much more a capitalised word (a name) counts in the word cosine than a common one."""

PLACE_BONUS = 0.25
"""Added to the word cosine when both reports name the same place."""

ACTOR_BONUS = 0.15
"""Added per named actor both reports share (at most ``MAX_ACTOR_BONUS``)."""

MAX_ACTOR_BONUS = 0.3

LOOSE_DATE_WORDS = ("overnight", "night", "last evening", "late on", "early on")
"""Words that make an event date loose by a day: news published in the morning dates the
same overnight strike by the evening it began or the morning it ended."""

AREA_WORDS = frozenset(
    {"province", "region", "oblast", "state", "territory", "county", "governorate", "district"}
)
"""Last words of a place name that make it an area even when the gazetteer gives no class."""

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "RETREAT"})
"""Types whose parties act together: which side a report calls the source says nothing."""

COUNTRY_BONUS = 0.1
"""Added per country both reports' actors share (at most ``MAX_COUNTRY_BONUS``)."""

MAX_COUNTRY_BONUS = 0.2

HUMAN_STATUSES = frozenset({"killed", "injured", "wounded", "arrested", "detained", "displaced"})
"""Statuses that only people have: their counts are compared whatever noun follows."""

MAX_COUNT_RATIO = 2.0
"""Two reports whose counts of the same thing differ by more than this factor (7 killed
against 31) are likely about different occurrences, not a revised toll (9, then 12)."""

COUNT_PENALTY = 0.3
"""Taken off the score of reports whose counts conflict: a penalty, not a veto, because a
misread count ("three more died" read as three killed) must not split a real duplicate."""

MERGEABLE_FACTUALITY = frozenset({Factuality.asserted.value, Factuality.future.value})
"""A planned summit and the summit held are one occurrence; a denied or hypothetical
attack is no occurrence at all, so it never merges."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")


def _word_set(text: str) -> frozenset[str]:
    """A set of words written as one string (long word lists stay readable)."""
    return frozenset(text.split())


STOP_WORDS = _word_set(
    """a about above after again against all also am an and any are as at be been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    said says say saying told tells according statement added reported reports report
    monday tuesday wednesday thursday friday saturday sunday today yesterday week weeks
    day days overnight night morning evening earlier later year years month months
    mr mrs ms one two three four five six seven eight nine ten least nearly more than
    around about some several people official officials news agency"""
)
"""Function words, reporting verbs and calendar words: they say nothing about which
occurrence a sentence reports, and every report of every event shares them."""


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """One-word country names and demonyms, to the country's code ("russian" -> "@ru"):
    "Russian missiles" and "Russia struck" name the same party in different words."""
    import pycountry

    from newsgraph.geo.tables import country_names, demonyms

    words: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name and " " not in name:
                words[name.casefold()] = f"@{country.alpha_2.casefold()}"
    for row in country_names():
        if " " not in row.name and row.iso2:
            words.setdefault(row.name.casefold(), f"@{row.iso2.casefold()}")
    for demonym in demonyms():
        if " " not in demonym.demonym and demonym.iso2:
            words.setdefault(demonym.demonym.casefold(), f"@{demonym.iso2.casefold()}")
    return words


def _normalise(token: str) -> str | None:
    """A token as merging compares it, or None for a stop word."""
    word = token.lower().strip("'-.,")
    if not word or word in STOP_WORDS:
        return None
    if word.endswith("'s"):
        word = word[:-2]
    country = country_words().get(word)
    if country:
        return country
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that identify an occurrence: lower-cased, stop words out,
    countries and their demonyms as one code, crudely stemmed so that "strikes"/"strike"
    meet."""
    words = (_normalise(m.group()) for m in _WORD.finditer(text))
    return frozenset(w for w in words if w)


def name_words(text: str) -> frozenset[str]:
    """The content words written with a capital inside a sentence: names of people, places
    and groups ("El Fasher", "Kyivskyi"), the rarest and most telling words of a report."""
    names: set[str] = set()
    for match in _WORD.finditer(text):
        token = match.group()
        if not token[0].isupper():
            continue
        before = text[: match.start()].rstrip()
        if not before or before[-1] in '.!?\n"“”':
            continue  # a sentence's first word is capitalised whatever it is
        word = _normalise(token)
        if word:
            names.add(word)
    return frozenset(names)


def name_key(name: str) -> str:
    """The form names are matched in across articles and in the store: case-folded, single
    spaces."""
    return " ".join(name.casefold().split())


# --------------------------------------------------------------------------------------------
# Signatures
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceSig:
    """Where a report says the event happened."""

    name: str
    id: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature_class: str | None = None
    inferred: bool = False
    """Taken from the dateline, not from the event's sentence: a hint, never a conflict."""

    @property
    def is_country(self) -> bool:
        """A whole country ("Congo", "Ukraine"): compatible with any place in it, but no
        evidence that two reports are about the same spot."""
        return self.feature_class == "A" and not self.admin1

    @property
    def is_area(self) -> bool:
        """A country, region or province rather than a city or a site."""
        if self.feature_class == "A":
            return True
        words = self.name.casefold().split()
        return bool(words) and words[-1] in AREA_WORDS


@dataclass(frozen=True)
class ActorSig:
    """A named actor of a report."""

    role: str
    name: str
    id: str | None = None
    kind: str | None = None
    code: str | None = None
    country: str | None = None

    @property
    def key(self) -> str:
        """The case-folded name, how actors of different articles are matched."""
        return name_key(self.name)


@dataclass(frozen=True)
class CountSig:
    """A count a report gives, with the span behind it."""

    status: str
    unit: str | None
    value: float | None
    lower: float | None
    upper: float | None
    text: str
    start: int | None = None
    end: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What is counted: status and unit ("launched", "drone"); counts of people are one
        count whatever they are called ("38 civilians", "38 people", "38 villagers")."""
        if self.status in HUMAN_STATUSES:
            return self.status, "people"
        return self.status, (self.unit or "").casefold().rstrip("s")

    @property
    def interval(self) -> tuple[float, float]:
        """The range the text allows ("at least 12" is 12 to infinity)."""
        low = self.lower if self.lower is not None else self.value
        high = self.upper if self.upper is not None else self.value
        if self.lower is not None and self.upper is None:
            high = math.inf
        if self.upper is not None and self.lower is None:
            low = 0.0
        return (low if low is not None else 0.0, high if high is not None else math.inf)


@dataclass(frozen=True)
class ReportSignature:
    """What merging knows of one document event (stored with the report as JSON)."""

    document_id: str
    event_id: str
    type: str
    cameo: str | None
    day: date | None
    loose_day: bool
    published: date | None
    outlet: str
    factuality: str
    place: PlaceSig | None
    actors: tuple[ActorSig, ...]
    counts: tuple[CountSig, ...]
    words: frozenset[str]
    evidence: tuple[int, int, str]
    is_root: bool = False
    names: frozenset[str] = frozenset()
    in_title: bool = False
    habitual: bool = False
    """The event is told as happening again and again ("has been shelled almost daily"),
    with no date of its own: background, not one occurrence another report can share."""

    @property
    def countries(self) -> frozenset[str]:
        """Countries of the named actors."""
        return frozenset(a.country for a in self.actors if a.country)

    @property
    def actor_keys(self) -> frozenset[str]:
        """Names and codes of the named actors."""
        keys = {a.key for a in self.actors}
        keys.update(name_key(a.code) for a in self.actors if a.code)
        return frozenset(keys)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (``from_json`` reads it back)."""
        return {
            "document_id": self.document_id,
            "event_id": self.event_id,
            "type": self.type,
            "cameo": self.cameo,
            "day": self.day.isoformat() if self.day else None,
            "loose_day": self.loose_day,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
            "factuality": self.factuality,
            "place": vars(self.place) if self.place else None,
            "actors": [vars(a) for a in self.actors],
            "counts": [vars(c) for c in self.counts],
            "words": sorted(self.words),
            "evidence": list(self.evidence),
            "is_root": self.is_root,
            "names": sorted(self.names),
            "in_title": self.in_title,
            "habitual": self.habitual,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportSignature:
        """Rebuild a signature from ``to_json``'s output."""
        place = data.get("place")
        return cls(
            document_id=data["document_id"],
            event_id=data["event_id"],
            type=data["type"],
            cameo=data.get("cameo"),
            day=date.fromisoformat(data["day"]) if data.get("day") else None,
            loose_day=bool(data.get("loose_day")),
            published=date.fromisoformat(data["published"]) if data.get("published") else None,
            outlet=data.get("outlet") or "",
            factuality=data.get("factuality") or Factuality.asserted.value,
            place=PlaceSig(**place) if place else None,
            actors=tuple(ActorSig(**a) for a in data.get("actors", [])),
            counts=tuple(CountSig(**c) for c in data.get("counts", [])),
            words=frozenset(data.get("words", [])),
            evidence=(int(data["evidence"][0]), int(data["evidence"][1]), data["evidence"][2]),
            is_root=bool(data.get("is_root")),
            names=frozenset(data.get("names", [])),
            in_title=bool(data.get("in_title")),
            habitual=bool(data.get("habitual")),
        )


_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def names_day(value: str | None) -> bool:
    """Whether a TIMEX3 value names a calendar day ("2025-10-06", "2025-10-06TMO")."""
    return bool(value and _DAY_VALUE.match(value))


def event_day(event: Event, published: date | None) -> date | None:
    """The day an event is filed under: its own date when it names a day, else publication."""
    value = event.date.value
    if value and names_day(value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return published
    return published


def dateline_place(doc: Document) -> Place | None:
    """The place a dateline names ("TBILISI, Feb 4 (Wire) -"): where the reporter filed from,
    usually where it happened; used only as a hint when the event names no place."""
    for block in doc.blocks:
        if block.kind != "dateline":
            continue
        for place in doc.places:
            # the place that opens the dateline; an outlet's name later in it is not a place
            if any(block.span.start <= m.start <= block.span.start + 2 for m in place.mentions):
                return place
    return None


def signature(
    doc: Document, event: Event, *, outlet: str = "", is_root: bool = False
) -> ReportSignature:
    """Reduce one document event to what merging compares."""
    info = doc.document
    day = event_day(event, info.published)
    date_text = (event.date.text or "").casefold()
    loose = event.date.date_type in ("document", "unresolved") or any(
        w in date_text for w in LOOSE_DATE_WORDS
    )
    place = doc.place(event.place)
    inferred = False
    if place is None:
        place, inferred = dateline_place(doc), True
    place_sig = (
        PlaceSig(inferred=inferred, **place.model_dump(exclude={"mentions"})) if place else None
    )
    actors: list[ActorSig] = []
    seen: set[str] = set()
    roles = [("source", event.source), ("target", event.target)]
    roles += [("participant", p) for p in event.participants]
    for role, actor_id in roles:
        actor = doc.actor(actor_id)
        if actor is None or actor.id in seen:
            continue
        seen.add(actor.id)
        actors.append(
            ActorSig(
                role=role,
                name=actor.name,
                id=actor.id,
                kind=actor.kind.value,
                code=actor.code,
                country=actor.country,
            )
        )
    counts = tuple(
        CountSig(
            status=q.status,
            unit=q.unit,
            value=q.value,
            lower=q.lower,
            upper=q.upper,
            text=q.text,
            start=q.span.start if q.span else None,
            end=q.span.end if q.span else None,
        )
        for q in event.quantities
        if q.status and (q.value is not None or q.lower is not None)
    )
    text = " ".join(span.text for span in (event.evidence_all or [event.evidence]))
    if is_root and info.title and info.title not in text:
        text = f"{info.title} {text}"
    return ReportSignature(
        document_id=info.id,
        event_id=event.id,
        type=event.type,
        cameo=event.cameo,
        day=day,
        loose_day=loose,
        published=info.published,
        outlet=outlet,
        factuality=event.factuality.value,
        place=place_sig,
        actors=tuple(actors),
        counts=counts,
        words=content_words(text),
        evidence=(event.evidence.start, event.evidence.end, event.evidence.text),
        is_root=is_root,
        names=name_words(text),
        in_title=any(
            b.kind == "title" and b.span.start <= event.evidence.start < b.span.end
            for b in doc.blocks
        ),
        habitual=is_habitual(doc, event),
    )


def is_habitual(doc: Document, event: Event) -> bool:
    """Whether the event's telling repeats it ("shelled almost daily since 2022", "every
    night") and no day of its own is given (a dated one, "struck Kyiv on Monday as it does
    every week", is still the Monday strike)."""
    if event.date.date_type not in ("document", "unresolved") and names_day(event.date.value):
        return False
    spans = event.evidence_all or [event.evidence]
    return any(
        time.type == "SET" and any(s.start <= time.span.start < s.end for s in spans)
        for time in doc.times
    )


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def _places_compatible(a: PlaceSig | None, b: PlaceSig | None) -> bool | None:
    """True: the same place; False: different places; None: cannot tell (one is missing)."""
    if a is None or b is None:
        return None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if name_key(a.name) == name_key(b.name):
        return True  # one name read two ways by the geocoder is still one place
    if a.inferred or b.inferred:
        return None
    if a.country and b.country and a.country != b.country:
        return False
    if a.is_area or b.is_area:
        # a region or country contains a city of it: same country (and admin1 if both given)
        area, other = (a, b) if a.is_area else (b, a)
        if area.admin1 and other.admin1 and area.admin1 != other.admin1:
            # outside the region, if the point is a gazetteer entry; a point without one is
            # the geocoder's guess for a village it lacks, and proves nothing
            return None if other.geonames_id is None else False
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        if haversine_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM:
            return True
        if a.geonames_id is None or b.geonames_id is None:
            return None  # a table centroid or a guess for a village: no proof of distance
        return False
    return None


def _same_place(a: PlaceSig | None, b: PlaceSig | None) -> bool:
    """Both reports name the same city, site or region (a shared country says little)."""
    if a is None or b is None or a.is_country or b.is_country:
        return False
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon) and not (a.is_area or b.is_area):
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM
    return name_key(a.name) == name_key(b.name)


def _counts_conflict(a: ReportSignature, b: ReportSignature) -> bool:
    """Whether the reports give the same count with values too far apart to be revisions."""
    counts_b: dict[tuple[str, str], list[CountSig]] = {}
    for count in b.counts:
        counts_b.setdefault(count.key, []).append(count)
    for count in a.counts:
        for other in counts_b.get(count.key, []):
            low = max(count.interval[0], other.interval[0])
            high = min(count.interval[1], other.interval[1])
            if high > 0 and low > high * MAX_COUNT_RATIO:
                return True
    return False


def _day_gap(a: ReportSignature, b: ReportSignature) -> int | None:
    """Days between the two reports' event days; None when either is undated."""
    if a.day is None or b.day is None:
        return None
    return abs((a.day - b.day).days)


def compatible(a: ReportSignature, b: ReportSignature) -> bool:
    """Whether two reports may describe one occurrence (the hard constraints)."""
    if a.type != b.type:
        return False
    if a.factuality not in MERGEABLE_FACTUALITY or b.factuality not in MERGEABLE_FACTUALITY:
        return False
    if a.habitual or b.habitual:
        return False
    if a.document_id == b.document_id and not (a.in_title or b.in_title):
        # the events stage already merged what the body says twice; only a headline it left
        # beside its lead ("Brussels blacklists ..." / "EU ministers blacklisted ...") merges
        return False
    gap = _day_gap(a, b)
    if gap is None or gap > 1 or (gap == 1 and not (a.loose_day or b.loose_day)):
        return False
    if _places_compatible(a.place, b.place) is False:
        return False
    if a.type in SYMMETRIC_TYPES:
        return True
    sources_a = {x.country for x in a.actors if x.role == "source" and x.country}
    sources_b = {x.country for x in b.actors if x.role == "source" and x.country}
    return not (sources_a and sources_b and not sources_a & sources_b)


def word_cosine(a: ReportSignature, b: ReportSignature) -> float:
    """Cosine of the two reports' content words, names counting ``NAME_WEIGHT`` times."""

    def weight(sig: ReportSignature, word: str) -> float:
        return NAME_WEIGHT if word in sig.names else 1.0

    if not a.words or not b.words:
        return 0.0
    shared = sum(weight(a, w) * weight(b, w) for w in a.words & b.words)
    norm_a = math.sqrt(sum(weight(a, w) ** 2 for w in a.words))
    norm_b = math.sqrt(sum(weight(b, w) ** 2 for w in b.words))
    return shared / (norm_a * norm_b)


def similarity(a: ReportSignature, b: ReportSignature) -> float:
    """Word cosine of the evidence plus bonuses for a shared place and shared actors."""
    score = word_cosine(a, b)
    if _same_place(a.place, b.place):
        score += PLACE_BONUS
    shared = len(a.actor_keys & b.actor_keys)
    score += min(MAX_ACTOR_BONUS, ACTOR_BONUS * shared)
    countries = len(a.countries & b.countries)
    score += min(MAX_COUNTRY_BONUS, COUNTRY_BONUS * countries)
    if _counts_conflict(a, b):
        score -= COUNT_PENALTY
    return score


def report_score(sig: ReportSignature, reports: Sequence[ReportSignature]) -> float | None:
    """How well ``sig`` joins a cluster made of ``reports``; None when it may not."""
    if not reports or not all(compatible(sig, r) for r in reports):
        return None
    best = max(similarity(sig, r) for r in reports)
    loose_gap = any(_day_gap(sig, r) == 1 for r in reports)
    needed = THRESHOLD_LOOSE_DAY if loose_gap else THRESHOLD
    return best if best >= needed else None


@dataclass
class Cluster:
    """A canonical event under construction: its id and the reports it stands for."""

    id: int
    reports: list[ReportSignature] = field(default_factory=list)


def best_cluster(sig: ReportSignature, clusters: Iterable[Cluster]) -> Cluster | None:
    """The cluster ``sig`` joins: the best-scoring one (oldest on a tie), or None."""
    best: tuple[float, int] | None = None
    chosen: Cluster | None = None
    for position, cluster in enumerate(clusters):
        score = report_score(sig, cluster.reports)
        if score is None:
            continue
        rank = (score, -position)
        if best is None or rank > best:
            best, chosen = rank, cluster
    return chosen


def report_id(document_id: str, event_id: str) -> int:
    """The canonical id a report founds: a 60-bit hash of its ids, stable across runs."""
    digest = hashlib.sha256(f"{document_id}/{event_id}".encode()).hexdigest()
    return int(digest[:15], 16)


def cluster_signatures(
    signatures: Iterable[ReportSignature], *, method: str = "newsgraph"
) -> dict[tuple[str, str], int]:
    """Cluster reports in memory, in the given order (what the store does incrementally).

    ``method`` is ``newsgraph`` (the rules above), ``none`` (every report its own event: no
    cross-article merging) or ``exact`` (GDELT-style: the same CAMEO code, source, target,
    place and day).
    """
    assignment: dict[tuple[str, str], int] = {}
    if method == "none":
        for sig in signatures:
            assignment[(sig.document_id, sig.event_id)] = report_id(sig.document_id, sig.event_id)
        return assignment
    if method == "exact":
        by_tuple: dict[tuple[Any, ...], int] = {}
        for sig in signatures:
            source = next((a.key for a in sig.actors if a.role == "source"), None)
            target = next((a.key for a in sig.actors if a.role == "target"), None)
            place = name_key(sig.place.name) if sig.place else None
            key = (sig.cameo or sig.type, source, target, place, sig.day)
            cid = by_tuple.setdefault(key, report_id(sig.document_id, sig.event_id))
            assignment[(sig.document_id, sig.event_id)] = cid
        return assignment
    if method != "newsgraph":
        raise ValueError(f"unknown merging method {method!r}: newsgraph, none or exact")
    by_type: dict[str, list[Cluster]] = {}
    for sig in signatures:
        clusters = by_type.setdefault(sig.type, [])
        chosen = best_cluster(sig, clusters) if sig.day is not None else None
        if chosen is None:
            chosen = Cluster(id=report_id(sig.document_id, sig.event_id))
            clusters.append(chosen)
        chosen.reports.append(sig)
        assignment[(sig.document_id, sig.event_id)] = chosen.id
    return assignment


# --------------------------------------------------------------------------------------------
# Canonical values and disagreements
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Canonical:
    """The values a canonical event shows, chosen from its reports by the rule above."""

    day: date | None
    place: PlaceSig | None
    cameo: str | None
    actors: tuple[ActorSig, ...]
    counts: tuple[CountSig, ...]
    num_reports: int
    num_documents: int
    num_sources: int
    is_root: bool


def _latest_first(reports: Sequence[ReportSignature]) -> list[ReportSignature]:
    return sorted(reports, key=lambda r: (r.published or date.min, r.document_id), reverse=True)


def canonical(reports: Sequence[ReportSignature]) -> Canonical:
    """Choose a cluster's day, place, code, actors and counts from its reports."""
    dated = [r.day for r in reports if r.day is not None and not r.loose_day]
    days = dated or [r.day for r in reports if r.day is not None]
    day = None
    if days:
        tally = Counter(days)
        top = max(tally.values())
        day = min(d for d, n in tally.items() if n == top)
    places = [r.place for r in reports if r.place is not None and not r.place.inferred]
    place = None
    if places:
        tally_p = Counter(p.geonames_id or name_key(p.name) for p in places)
        place = max(
            places,
            key=lambda p: (tally_p[p.geonames_id or name_key(p.name)], not p.is_area),
        )
    cameos = Counter(r.cameo for r in reports if r.cameo)
    cameo = cameos.most_common(1)[0][0] if cameos else None
    actors: list[ActorSig] = []
    seen: set[str] = set()
    for report in reports:
        for actor in report.actors:
            if actor.key not in seen:
                seen.add(actor.key)
                actors.append(actor)
    counts: dict[tuple[str, str], CountSig] = {}
    for report in _latest_first(reports):
        for count in report.counts:
            counts.setdefault(count.key, count)
    return Canonical(
        day=day,
        place=place,
        cameo=cameo,
        actors=tuple(actors),
        counts=tuple(counts.values()),
        num_reports=len(reports),
        num_documents=len({r.document_id for r in reports}),
        num_sources=len({r.outlet for r in reports if r.outlet}),
        is_root=any(r.is_root for r in reports),
    )


@dataclass(frozen=True)
class Disagreement:
    """Reports of one canonical event that give different values for the same count."""

    kind: str
    severity: str
    message: str
    values: dict[str, Any]
    evidence: list[dict[str, Any]]


def _format(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _describe(count: CountSig) -> str:
    if count.lower is not None and count.upper is None and count.value == count.lower:
        return f"at least {_format(count.lower)}"
    if count.upper is not None and count.lower is None and count.value == count.upper:
        return f"at most {_format(count.upper)}"
    return _format(count.value if count.value is not None else count.lower or 0.0)


def disagreements(reports: Sequence[ReportSignature]) -> list[Disagreement]:
    """Counts that different documents report differently for the same canonical event.

    Values whose ranges cannot all hold at once ("12 killed" and "15 killed") are a
    warning; values that can ("at least 12" then "15", a toll revised upwards) are info.
    One document restating its own count is the within-article check's business.
    """
    by_key: dict[tuple[str, str], list[tuple[ReportSignature, CountSig]]] = {}
    for report in reports:
        for count in report.counts:
            by_key.setdefault(count.key, []).append((report, count))
    found: list[Disagreement] = []
    for (status, unit), items in sorted(by_key.items()):
        documents = {r.document_id for r, _ in items}
        described = {_describe(c) for _, c in items}
        if len(documents) < 2 or len(described) < 2:
            continue
        low = max(c.interval[0] for _, c in items)
        high = min(c.interval[1] for _, c in items)
        consistent = low <= high
        what = f"{unit} {status}" if unit else status
        listing = "; ".join(
            f"{r.outlet or r.document_id[:12]}: {_describe(c)}"
            for r, c in sorted(items, key=lambda rc: rc[0].published or date.min)
        )
        if consistent:
            message = f"reports give different but compatible counts of {what} ({listing})"
        else:
            message = f"reports disagree on the number of {what} ({listing})"
        found.append(
            Disagreement(
                kind="reports_disagree" if not consistent else "reports_differ",
                severity="info" if consistent else "warning",
                message=message,
                values={
                    "status": status,
                    "unit": unit or None,
                    "reports": [
                        {
                            "document_id": r.document_id,
                            "outlet": r.outlet,
                            "published": r.published.isoformat() if r.published else None,
                            "value": c.value,
                            "lower": c.lower,
                            "upper": c.upper,
                            "text": c.text,
                        }
                        for r, c in items
                    ],
                },
                evidence=[
                    {"document_id": r.document_id, "start": c.start, "end": c.end, "text": c.text}
                    for r, c in items
                    if c.start is not None
                ],
            )
        )
    return found
