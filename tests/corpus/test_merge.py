"""Cross-article merging: the rules on hand-built reports, then on the duplicate-report corpus.

``tests/fixtures/duplicates.jsonl`` holds 34 articles written for these tests: 8 occurrences
each reported 2 to 4 times by different outlets in different words, 6 near-misses (another
strike on the same city a day later, arrests in another city the same day, ...) and 3
unrelated stories; ``duplicates_key.json`` says which article reports what, and the
sentence that reports it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from corpus_docs import make_document
from spacy.language import Language
from test_store import postgres_store

from newsgraph.corpus.merge import (
    ActorSig,
    CountSig,
    PlaceSig,
    ReportSignature,
    canonical,
    cluster_signatures,
    compatible,
    content_words,
    disagreements,
    signature,
    similarity,
)
from newsgraph.corpus.records import EventFilter
from newsgraph.corpus.store import Store
from newsgraph.ingest.readers import RawArticle, iter_articles
from newsgraph.model.document import Document
from newsgraph.process import extract_many
from newsgraph.settings import get_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KHARKIV = PlaceSig(name="Kharkiv", country="UKR", lat=49.98, lon=36.25, geonames_id=706483)
IZIUM = PlaceSig(name="Izium", country="UKR", lat=49.21, lon=37.26, geonames_id=707292)
REGION = PlaceSig(name="Kharkiv region", country="UKR", feature_class="A")
RUSSIA = ActorSig(role="source", name="Russia", kind="country", code="RUS", country="RUS")
UKRAINE = ActorSig(role="source", name="Ukraine", kind="country", code="UKR", country="UKR")


def report(
    doc: str = "d1",
    *,
    day: date | None = date(2025, 5, 13),
    type_: str = "ASSAULT",
    place: PlaceSig | None = KHARKIV,
    actors: tuple[ActorSig, ...] = (RUSSIA,),
    words: str = "Russian missiles struck Kharkiv killing nine",
    counts: tuple[CountSig, ...] = (),
    loose: bool = False,
    factuality: str = "asserted",
    published: date | None = None,
) -> ReportSignature:
    return ReportSignature(
        document_id=doc,
        event_id="e1",
        type=type_,
        cameo="195",
        day=day,
        loose_day=loose,
        published=published or day,
        outlet=f"{doc}.example",
        factuality=factuality,
        place=place,
        actors=actors,
        counts=counts,
        words=content_words(words),
        evidence=(0, 10, words[:10]),
    )


def killed(value: float, *, at_least: bool = False, start: int = 0) -> CountSig:
    return CountSig(
        status="killed",
        unit="people",
        value=value,
        lower=value if at_least else None,
        upper=None,
        text=f"{'at least ' if at_least else ''}{value:.0f}",
        start=start,
        end=start + 2,
    )


# --- the rules ------------------------------------------------------------------------------


def test_merge_content_words_drop_function_and_calendar_words() -> None:
    words = content_words("Russia's missiles struck the city on Tuesday, officials said.")
    assert words == {"@ru", "missile", "struck", "city"}  # "Russia" and "Russian" meet


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (report("d2", words="Russia hit Kharkiv with missiles, killing nine"), True),
        (report("d2", type_="PROTEST"), False),  # another kind of event
        (report("d1"), False),  # the body of one article: the events stage merged it
        (report("d2", day=date(2025, 5, 14)), False),  # the next day, both dates exact
        (report("d2", day=date(2025, 5, 14), loose=True), True),  # "overnight": a day either way
        (report("d2", day=date(2025, 5, 15), loose=True), False),
        (report("d2", day=None), False),
        (report("d2", place=IZIUM), False),  # another city, 100 km away
        (report("d2", place=REGION), True),  # the region contains the city
        (report("d2", place=None), True),
        (report("d2", actors=(UKRAINE,)), False),  # the other side attacked
        (report("d2", factuality="negated"), False),
        (report("d2", factuality="hypothetical"), False),
    ],
)
def test_merge_compatible(other: ReportSignature, expected: bool) -> None:
    assert compatible(report("d1"), other) is expected


def test_merge_a_headline_joins_its_own_lead() -> None:
    title = replace(report("d1", words="Brussels blacklists RSF commanders"), in_title=True)
    lead = replace(report("d1", words="EU ministers blacklisted RSF commanders"), event_id="e2")
    assert compatible(title, lead)
    assert not compatible(replace(title, in_title=False), lead)


def test_merge_consult_sides_are_symmetric() -> None:
    tusk = ActorSig(role="source", name="Donald Tusk", country="POL")
    macron = ActorSig(role="source", name="Emmanuel Macron", country="FRA")
    a = report("d1", type_="CONSULT", actors=(tusk,), place=None)
    b = report("d2", type_="CONSULT", actors=(macron,), place=None)
    assert compatible(a, b)


def test_merge_cluster_signatures_methods() -> None:
    same = [
        report("d1", words="Russian missiles struck Kharkiv killing nine"),
        report("d2", words="Nine killed as Russian missiles hit Kharkiv"),
    ]
    other_day = report("d3", day=date(2025, 5, 14), words="Russian drones hit Kharkiv")
    sigs = [*same, other_day]
    merged = cluster_signatures(sigs)
    assert merged[("d1", "e1")] == merged[("d2", "e1")] != merged[("d3", "e1")]
    alone = cluster_signatures(sigs, method="none")
    assert len(set(alone.values())) == 3
    exact = cluster_signatures(sigs, method="exact")
    assert exact[("d1", "e1")] == exact[("d2", "e1")]  # same code, source, place and day
    with pytest.raises(ValueError, match="unknown merging method"):
        cluster_signatures(sigs, method="embeddings")


def test_merge_canonical_values_follow_the_rule() -> None:
    early = report("d1", counts=(killed(9, at_least=True),), published=date(2025, 5, 13))
    later = report("d2", counts=(killed(12),), published=date(2025, 5, 14))
    region = report("d3", place=REGION, day=date(2025, 5, 14), loose=True)
    values = canonical([early, later, region])
    assert values.day == date(2025, 5, 13)  # what the exactly dated reports say
    assert values.place == KHARKIV  # the most specific of the places reported
    assert [c.value for c in values.counts] == [12]  # the latest report's toll
    assert (values.num_reports, values.num_documents, values.num_sources) == (3, 3, 3)


def test_merge_disagreements_warn_on_incompatible_counts_only() -> None:
    nine = report("d1", counts=(killed(9),))
    twelve = report("d2", counts=(killed(12),), published=date(2025, 5, 14))
    at_least = report("d3", counts=(killed(9, at_least=True),))
    (warning,) = disagreements([nine, twelve])
    assert (warning.kind, warning.severity) == ("reports_disagree", "warning")
    assert "9" in warning.message and "12" in warning.message
    assert [e["document_id"] for e in warning.evidence] == ["d1", "d2"]
    (info,) = disagreements([at_least, twelve])
    assert (info.kind, info.severity) == ("reports_differ", "info")
    assert disagreements([nine, report("d4", counts=(killed(9),))]) == []


def test_merge_signature_from_a_document() -> None:
    doc = make_document("Kharkiv")
    sig = signature(doc, doc.events[0], outlet="wire-b.example", is_root=True)
    assert (sig.type, sig.day, sig.place and sig.place.name) == (
        "ASSAULT",
        date(2025, 4, 9),
        "Kharkiv",
    )
    assert sig.loose_day  # dated "overnight"
    assert {a.name for a in sig.actors} == {"Russia", "Ukraine", "Ivan Petrenko"}
    assert "shell" in sig.words and "kharkiv" in sig.words
    assert ReportSignature.from_json(json.loads(json.dumps(sig.to_json()))) == sig


# --- the duplicate-report corpus ------------------------------------------------------------


@pytest.fixture(scope="module")
def duplicates(nlp: Language) -> dict[str, Document]:
    """The duplicate-report articles analysed by the full pipeline, by article slug."""
    slugs = {
        json.loads(line)["title"]: json.loads(line)["id"]
        for line in (FIXTURES / "duplicates.jsonl").read_text().splitlines()
    }
    items = [
        i
        for i in iter_articles([str(FIXTURES / "duplicates.jsonl")], settings=get_settings())
        if isinstance(i, RawArticle)
    ]
    docs = [d for d in extract_many(items, nlp=nlp) if isinstance(d, Document)]
    return {slugs[d.document.title or ""]: d for d in docs}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def dup_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "dup.db") if request.param == "sqlite" else postgres_store()
    with opened:
        yield opened


def _occurrence_events(
    occurrence: dict[str, Any], docs: dict[str, Document], canonical_of: dict[tuple[str, str], str]
) -> dict[str, set[str]]:
    """For each report of an occurrence, the canonical ids of its events of the right type
    told in the sentence that reports it."""
    types = {occurrence["type"], *occurrence.get("compatible_types", [])}
    found: dict[str, set[str]] = {}
    for slug in occurrence["reports"]:
        doc = docs[slug]
        sentence = occurrence["main_sentence"][slug]
        start = doc.text.index(sentence)
        end = start + len(sentence)
        found[slug] = {
            canonical_of[(doc.id, e.id)]
            for e in doc.events
            if e.type in types
            and any(s.start < end and s.end > start for s in (e.evidence_all or [e.evidence]))
        }
    return found


@pytest.mark.model
def test_merge_duplicate_reports_become_one_event_without_wrong_merges(
    dup_store: Store, duplicates: dict[str, Document]
) -> None:
    key = json.loads((FIXTURES / "duplicates_key.json").read_text())
    # ingest in two batches, the later articles first: merging must not depend on one batch
    docs = list(duplicates.values())
    dup_store.add_documents(docs[len(docs) // 2 :])
    dup_store.add_documents(docs[: len(docs) // 2])
    canonical_of = {
        (r.document_id, r.event_id): e.id for e in dup_store.all_events() for r in e.reports
    }
    by_occurrence: dict[str, set[str]] = {}
    merged = []
    for occurrence in key["occurrences"]:
        found = _occurrence_events(occurrence, duplicates, canonical_of)
        assert all(found.values()), f"{occurrence['id']}: a report's event was not extracted"
        by_occurrence[occurrence["id"]] = set().union(*found.values())
        if len(occurrence["reports"]) > 1 and set.intersection(*found.values()):
            merged.append(occurrence["id"])
    # no wrong merges: two occurrences (near-misses included) never share a canonical event
    names = list(by_occurrence)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not by_occurrence[a] & by_occurrence[b], f"{a} and {b} were merged"
    # duplicate reports merged: each of the 8 occurrences is one canonical event
    reported = [o["id"] for o in key["occurrences"] if len(o["reports"]) > 1]
    assert len(reported) == 8
    assert sorted(merged) == sorted(reported)
    # a merged event lists every report as evidence, and its counts' disagreements as checks
    kharkiv = [e for e in dup_store.all_events() if len(e.reports) >= 2 and e.checks]
    assert kharkiv, "no merged event carries a check of disagreeing counts"
    check = kharkiv[0].checks[0]
    assert len({e["document_id"] for e in check.evidence}) >= 2


@pytest.mark.model
def test_merge_stories_group_the_developing_situations(
    dup_store: Store, duplicates: dict[str, Document]
) -> None:
    key = json.loads((FIXTURES / "duplicates_key.json").read_text())
    dup_store.add_documents(list(duplicates.values()))
    story_of: dict[str, str] = {}
    for event in dup_store.all_events():
        for r in event.reports:
            if event.story:
                story_of.setdefault(r.document_id, event.story)
    stories = dup_store.stories(limit=100)
    assert sum(s.num_documents for s in stories) == len(duplicates)
    # every report of one occurrence is in one story; unrelated articles stand alone
    for occurrence in key["occurrences"]:
        assert len({story_of.get(duplicates[s].id) for s in occurrence["reports"]}) == 1
    alone = {s.title for s in stories if s.num_documents == 1}
    for slug in key["unrelated"]:
        assert duplicates[slug].document.title in alone
    timeline = dup_store.iter_events(EventFilter(story=stories[0].id), limit=500).items
    assert timeline and [e.day for e in timeline] == sorted(e.day for e in timeline if e.day)


def test_merge_counts_far_apart_lower_the_score() -> None:
    """Seven killed and 31 killed are two raids, not one toll revised upwards."""
    thirty_one = report("d1", counts=(killed(31, at_least=True),))
    seven = report("d2", counts=(killed(7),))
    thirty_eight = report("d3", counts=(killed(38),))
    assert similarity(thirty_one, seven) < similarity(thirty_one, thirty_eight)
    assert similarity(thirty_one, thirty_eight) == similarity(report("d1"), report("d3"))


@pytest.mark.model
def test_merge_background_told_as_repeated_never_merges(nlp: Language) -> None:
    from newsgraph import extract

    texts = [
        "Russian shells hit a bus stop in Kharkiv on Monday, killing two people, officials "
        "said. The city has been shelled almost daily by Russian forces since 2022.",
        "Two people died in Kharkiv on Monday when Russian artillery struck a bus stop. "
        "Russian forces have shelled the city almost daily since the start of the war.",
    ]
    docs = [
        extract(t, nlp=nlp, published="2025-10-06", title=f"Report {i}")
        for i, t in enumerate(texts)
    ]
    sigs = [[signature(d, e) for e in d.events if e.type == "ASSAULT"] for d in docs]
    background = [[s for s in doc_sigs if s.habitual] for doc_sigs in sigs]
    assert all(background), [[(s.evidence[2], s.habitual) for s in d] for d in sigs]
    lead = [next(s for s in doc_sigs if not s.habitual) for doc_sigs in sigs]
    assert compatible(lead[0], lead[1])
    assert not compatible(background[0][0], background[1][0])
