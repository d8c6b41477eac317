"""Tests of the geoparsing scorers on hand-made toponyms (and, marked ``data``, the corpora)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.eval.base import NEWSGRAPH, EvalContext
from newsgraph.eval.geoparsing import (
    GWN_TOPONYM_TYPES,
    NAIVE_GAZETTEER,
    UNRESOLVED_KM,
    GeoDocument,
    GoldToponym,
    NaiveGazetteer,
    PredictedToponym,
    Resolution,
    error_km,
    haversine_km,
    locate,
    lookup_key,
    match_toponyms,
    read_geowebnews,
    read_lgl_style,
    recall_by_type,
    score_end_to_end,
    score_resolution_alone,
    score_resolution_on_gold,
    split_documents,
    unmatched_prediction_types,
)

# Invented coordinates, rounded: two real cities far apart and one point close to the first.
PARIS = (48.8566, 2.3522)
LONDON = (51.5074, -0.1278)
VERSAILLES = (48.8049, 2.1204)  # about 18 km from Paris


def gold(
    start: int,
    end: int,
    where: tuple[float, float] | None = None,
    gid: int | None = None,
    kind: str = "toponym",
) -> GoldToponym:
    lat, lon = where if where else (None, None)
    return GoldToponym(start, end, "x" * (end - start), kind, lat, lon, gid)


def pred(
    start: int, end: int, where: tuple[float, float] | None = None, gid: int | None = None
) -> PredictedToponym:
    lat, lon = where if where else (None, None)
    return PredictedToponym(start, end, "", lat, lon, gid)


# --------------------------------------------------------------------------- distances


@pytest.mark.parametrize(
    ("a", "b", "expected", "tolerance"),
    [
        (PARIS, LONDON, 344.0, 2.0),  # the textbook Paris-London great-circle distance
        (PARIS, PARIS, 0.0, 1e-9),
        ((0.0, 0.0), (0.0, 180.0), math.pi * 6371.0088, 1e-6),  # half the equator
        ((0.0, 0.0), (1.0, 0.0), 111.19, 0.05),  # one degree of latitude
    ],
)
def test_haversine_km_known_distances(
    a: tuple[float, float], b: tuple[float, float], expected: float, tolerance: float
) -> None:
    assert haversine_km(*a, *b) == pytest.approx(expected, abs=tolerance)
    assert haversine_km(*b, *a) == pytest.approx(expected, abs=tolerance)


def test_error_km_counts_missing_coordinates_as_the_largest_error() -> None:
    g = gold(0, 5, PARIS)
    assert error_km(g, None) == UNRESOLVED_KM
    assert error_km(g, pred(0, 5)) == UNRESOLVED_KM
    assert error_km(g, pred(0, 5, LONDON)) == pytest.approx(344.0, abs=2.0)


# --------------------------------------------------------------------------- recognition


def test_match_toponyms_is_one_to_one_by_largest_overlap() -> None:
    # gold 0-5 and 10-15; prediction A 0-12 overlaps both (5 and 2 chars), B 11-15 overlaps
    # the second by 4. Largest first: (g0, A)=5, then (g1, B)=4; (g1, A)=2 is blocked.
    golds = [gold(0, 5), gold(10, 15)]
    preds = [pred(0, 12), pred(11, 15)]
    assert sorted(match_toponyms(golds, preds)) == [(0, 0), (1, 1)]


def test_match_toponyms_needs_an_overlap() -> None:
    # touching spans [0, 5) and [5, 9) share no character
    assert match_toponyms([gold(0, 5)], [pred(5, 9)]) == []


def test_score_end_to_end_recognition_and_found_resolution() -> None:
    # gold: g0 0-5 Paris, g1 10-16 London, g2 20-25 Paris (id 1), g3 30-35 without coordinates
    # pred: p0 0-5 Versailles (18 km: right), p1 10-16 no coordinates (wrong, 20,015 km),
    #       p2 20-25 London (344 km: wrong, id 1 right), p3 40-45 (matches nothing)
    # recognition: tp 3 (g0, g1, g2), fp 1 (p3), fn 1 (g3) -> P 3/4, R 3/4, F1 0.75
    # found toponyms with coordinates: g0, g1, g2 -> within 161 km 1/3;
    # errors 18, 344, 20015 -> median 344; ids: only g2 has one, predicted 1 -> 1/1
    golds = [gold(0, 5, PARIS), gold(10, 16, LONDON), gold(20, 25, PARIS, 1), gold(30, 35)]
    preds = [pred(0, 5, VERSAILLES), pred(10, 16), pred(20, 25, LONDON, 1), pred(40, 45)]
    prf, found = score_end_to_end(golds, preds)
    assert (prf.tp, prf.fp, prf.fn) == (3, 1, 1)
    assert prf.precision == pytest.approx(0.75)
    assert prf.recall == pytest.approx(0.75)
    assert prf.f1 == pytest.approx(0.75)
    assert found.n == 3
    assert found.accuracy_161 == pytest.approx(1 / 3)
    assert found.median_km == pytest.approx(344.0, abs=2.0)
    assert found.id_match == 1.0


def test_score_end_to_end_wrong_predictions_lower_every_score() -> None:
    # Perfect: one gold Paris (id 7) predicted at the same span and place -> everything 1.
    golds = [gold(0, 5, PARIS, 7)]
    perfect_prf, perfect = score_end_to_end(golds, [pred(0, 5, PARIS, 7)])
    assert perfect_prf.f1 == 1.0
    assert (perfect.accuracy_161, perfect.median_km, perfect.id_match) == (1.0, 0.0, 1.0)
    # Wrong place and id, plus a spurious mention: P 1/2, R 1/1 -> F1 2/3; acc 0; id 0.
    worse_prf, worse = score_end_to_end(golds, [pred(0, 5, LONDON, 8), pred(9, 12)])
    assert worse_prf.f1 == pytest.approx(2 / 3)
    assert worse.accuracy_161 == 0.0
    assert worse.id_match == 0.0
    assert worse.median_km == pytest.approx(344.0, abs=2.0)
    # Nothing predicted: F1 0, and nothing found to resolve.
    none_prf, none_found = score_end_to_end(golds, [])
    assert none_prf.f1 == 0.0
    assert none_found.n == 0
    assert none_found.median_km is None


# --------------------------------------------------------------------------- resolution on gold


def test_score_resolution_on_gold_looks_up_the_overlapping_prediction() -> None:
    # g0 0-5 Paris id 1: overlapped by p0 (0-3, Versailles, id 1) and p1 (2-9, London),
    #   3 characters each; the tie goes to the earlier, p0 -> 18 km: right, id right
    # g1 10-16 London id 2: no prediction overlaps -> wrong (20,015 km), id wrong
    # g2 20-25 no coordinates: not scored
    # -> n 2, within 161 km 1/2, median (18 + 20015) / 2, id 1/2
    golds = [gold(0, 5, PARIS, 1), gold(10, 16, LONDON, 2), gold(20, 25)]
    preds = [pred(0, 3, VERSAILLES, 1), pred(2, 9, LONDON)]
    result = score_resolution_on_gold(golds, preds)
    assert result.n == 2
    assert result.accuracy_161 == 0.5
    assert result.median_km == pytest.approx(
        (haversine_km(*PARIS, *VERSAILLES) + UNRESOLVED_KM) / 2
    )
    assert result.id_match == 0.5


def test_score_resolution_on_gold_is_not_one_to_one() -> None:
    # One long predicted mention (Paris) covering two gold toponyms resolves both: 2/2 right
    golds = [gold(0, 5, PARIS), gold(7, 12, VERSAILLES)]
    assert score_resolution_on_gold(golds, [pred(0, 12, PARIS)]).accuracy_161 == 1.0


def test_resolution_accumulates_across_documents() -> None:
    # doc 1: 1 right of 1; doc 2: 0 right of 1 (no coordinates) -> 1/2 overall (micro average)
    total = Resolution()
    total.extend(score_resolution_on_gold([gold(0, 5, PARIS)], [pred(0, 5, PARIS)]))
    total.extend(score_resolution_on_gold([gold(0, 5, PARIS)], [pred(0, 5)]))
    assert (total.n, total.accuracy_161) == (2, 0.5)
    assert total.as_dict()["unresolved"] == 1


# --------------------------------------------------------------------------- breakdowns


def test_recall_by_type_and_false_positive_types() -> None:
    # gold Literal 0-5 found by p0, Metonymic 10-15 missed; p1 20-27 hits a Demonym annotation,
    # p2 40-44 hits nothing annotated.
    golds = [gold(0, 5, kind="Literal"), gold(10, 15, kind="Metonymic")]
    preds = [pred(0, 5), pred(20, 27), pred(40, 44)]
    others = [gold(20, 27, kind="Demonym"), gold(30, 35, kind="Non_Toponym")]
    pairs = match_toponyms(golds, preds)
    assert recall_by_type(golds, pairs) == {"Literal:found": 1, "Metonymic:missed": 1}
    assert unmatched_prediction_types(preds, pairs, others) == {"Demonym": 1, "unannotated": 1}


# --------------------------------------------------------------------------- naive gazetteer


CITIES = {
    1: {
        "geonameid": 1,
        "name": "Springfield",
        "latitude": 39.8,
        "longitude": -89.6,
        "countrycode": "US",
        "population": 114_000,
        "alternatenames": [],
    },
    2: {
        "geonameid": 2,
        "name": "Springfield",
        "latitude": 37.2,
        "longitude": -93.3,
        "countrycode": "US",
        "population": 169_000,
        "alternatenames": ["Queen City"],
    },
    3: {
        "geonameid": 3,
        "name": "Bogotá",
        "latitude": 4.6,
        "longitude": -74.1,
        "countrycode": "CO",
        "population": 7_600_000,
        "alternatenames": [],
    },
    4: {
        "geonameid": 4,
        "name": "Colombia",
        "latitude": 10.0,
        "longitude": -75.0,
        "countrycode": "CO",
        "population": 5_000,
        "alternatenames": [],
    },
}
COUNTRIES = {
    "CO": {
        "geonameid": 10,
        "name": "Colombia",
        "iso": "CO",
        "capital": "Bogota",
        "population": 50_000_000,
    },
    "XX": {"geonameid": 11, "name": "Nowhere", "iso": "XX", "capital": "", "population": 1},
}


@pytest.mark.parametrize(
    ("name", "expected_id", "expected_lat"),
    [
        ("Springfield", 2, 37.2),  # the more populous namesake wins
        ("Queen City", 2, 37.2),  # alternate names count
        ("the Springfield's", 2, 37.2),  # "the", possessive and case are normalised away
        ("Bogota", 3, 4.6),  # accents fold
        ("Colombia", 10, 4.6),  # the country (more populous than the town) at its capital
        ("Nowhere", 11, None),  # a country whose capital is unknown: id but no coordinates
        ("Atlantis", None, None),  # not in the gazetteer
    ],
)
def test_naive_gazetteer(name: str, expected_id: int | None, expected_lat: float | None) -> None:
    gazetteer = NaiveGazetteer(CITIES, COUNTRIES)
    predicted = gazetteer.predict(0, len(name), name)
    assert predicted.geonames_id == expected_id
    assert predicted.lat == expected_lat


def test_naive_gazetteer_can_be_wrong() -> None:
    # gold is the smaller Springfield (id 1): the baseline picks id 2, 1 > 161 km away.
    g = GoldToponym(0, 11, "Springfield", "toponym", 39.8, -89.6, 1)
    result = score_resolution_on_gold(
        [g], [NaiveGazetteer(CITIES, COUNTRIES).predict(0, 11, g.text)]
    )
    assert result.accuracy_161 == 0.0
    assert result.id_match == 0.0


def test_lookup_key() -> None:
    assert lookup_key("  The  New   York\u2019s ") == "new york"


# --------------------------------------------------------------------------- readers


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (4, 9, (4, 9)),  # right offsets are kept
        (6, 11, (4, 9)),  # drifted offsets move to the nearest occurrence of the name
        (-30, -25, None),  # offsets outside the text (a title annotation) are dropped
    ],
)
def test_locate(start: int, end: int, expected: tuple[int, int] | None) -> None:
    assert locate("xxx Paris yyy Lyon", start, end, "Paris") == expected


GWN_SAMPLE = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title><link>l</link>
    <text>We flew to Oslo from Bergen; Norwegian officials waited.</text>
    <toponyms>
      <toponym><extractedName>Oslo</extractedName><type>Literal</type>
        <start>11</start><end>15</end><geonamesID>3143244</geonamesID>
        <latitude>59.9</latitude><longitude>10.7</longitude></toponym>
      <toponym><extractedName>Bergen</extractedName><type>Literal</type>
        <start>23</start><end>29</end><geonamesID/>
        <latitude>60.4</latitude><longitude>5.3</longitude></toponym>
      <toponym><extractedName>Norwegian</extractedName><type>Demonym</type>
        <start>31</start><end>40</end></toponym>
    </toponyms>
  </article>
</articles>
"""

LGL_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1"><dltime>2009-03-20 12:24:52</dltime>
    <text><![CDATA[Rain in Oslo and Bergen.]]></text>
    <toponyms>
      <toponym><start>8</start><end>12</end><phrase>Oslo</phrase>
        <gaztag geonameid="3143244"><lat>59.9</lat><lon>10.7</lon></gaztag></toponym>
      <toponym><start>17</start><end>23</end><phrase>Bergen</phrase></toponym>
    </toponyms>
  </article>
  <article docid="2"><dltime>2009-03-21</dltime>
    <text><![CDATA[Snow in Tromso.]]></text>
    <toponyms/>
  </article>
</articles>
"""


def test_read_geowebnews_keeps_every_type(tmp_path: Path) -> None:
    path = tmp_path / "GWN.xml"
    path.write_text(GWN_SAMPLE, encoding="utf-8")
    (doc,) = read_geowebnews(path)
    assert doc.doc_id == "7"
    assert [(t.text, t.kind) for t in doc.toponyms] == [
        ("Oslo", "Literal"),
        ("Bergen", "Literal"),
        ("Norwegian", "Demonym"),
    ]
    oslo, bergen, demonym = doc.toponyms
    assert doc.text[oslo.start : oslo.end] == "Oslo"
    assert (oslo.lat, oslo.lon, oslo.geonames_id) == (59.9, 10.7, 3143244)
    assert bergen.has_coordinates and bergen.geonames_id is None
    assert not demonym.has_coordinates
    assert [t.kind in GWN_TOPONYM_TYPES for t in doc.toponyms] == [True, True, False]


def test_read_lgl_style(tmp_path: Path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_SAMPLE, encoding="utf-8")
    first, second = read_lgl_style(path)
    assert first.doc_id == "1" and str(first.published) == "2009-03-20"
    oslo, bergen = first.toponyms
    assert (oslo.geonames_id, oslo.lat) == (3143244, 59.9)
    assert not bergen.has_coordinates  # a toponym without gaztag: to find, not to resolve
    assert second.toponyms == ()


def test_score_resolution_alone_gives_the_gold_spans_to_the_resolver() -> None:
    text = (
        "LONDON - Talks in London ended without a deal on Monday; delegates flew on to "
        "Paris, and a Marigold Close resident said nothing would change."
    )

    def gold(name: str, point: tuple[float, float] | None) -> GoldToponym:
        start = text.index(name, 10)
        lat, lon = point if point else (None, None)
        return GoldToponym(start, start + len(name), name, lat=lat, lon=lon)

    toponyms = [gold("London", LONDON), gold("Paris", PARIS), gold("Marigold Close", None)]
    document = GeoDocument("d1", text, tuple(toponyms))
    resolution = score_resolution_alone(document, toponyms)
    # No recogniser involved: both toponyms with coordinates are scored and resolved.
    assert resolution.n == 2
    assert resolution.accuracy_161 == 1.0
    assert score_resolution_alone(document, []).n == 0


def test_split_documents_even_dev_odd_test() -> None:
    docs = [GeoDocument(str(i), "", ()) for i in range(5)]
    assert [d.doc_id for d in split_documents(docs, "dev")] == ["0", "2", "4"]
    assert [d.doc_id for d in split_documents(docs, "test")] == ["1", "3"]
    with pytest.raises(ConfigError):
        split_documents(docs, "train")


# --------------------------------------------------------------------------- on the corpora


@pytest.fixture(scope="module")
def corpus_ctx(data_dir: Path) -> EvalContext:
    """One context for the three datasets, so the spaCy pipelines load once."""
    if not (data_dir / "geoparsing_gritta").is_dir():
        pytest.skip("geoparsing_gritta corpus not found")
    return EvalContext(data_dir=data_dir, split="test", limit=3)


@pytest.mark.data
@pytest.mark.model
@pytest.mark.parametrize("dataset", ["geowebnews", "lgl", "trnews"])
def test_registered_scorer_on_the_corpus(corpus_ctx: EvalContext, dataset: str) -> None:
    from newsgraph.eval.runner import load_scorers

    result = load_scorers()[dataset](corpus_ctx)
    assert result.dataset == dataset and result.split == "test"
    systems = {s.system for s in result.scores}
    assert {NEWSGRAPH, NAIVE_GAZETTEER, "best published"} <= systems
    alone = {(s.system, s.metric) for s in result.scores if s.task.startswith("resolution alone")}
    assert {(NEWSGRAPH, "acc@161km"), (NAIVE_GAZETTEER, "acc@161km")} <= alone
    assert any("GPE/LOC/FAC" in system for system in systems)
    assert result.details["documents"] == 3
    assert result.details["gold_toponyms"] > 0
    assert result.details["gold_with_coordinates"] > 0
    for score in result.scores:
        assert score.value is not None
        if score.metric == "median error km":
            assert 0 <= score.value <= UNRESOLVED_KM
        else:
            assert 0.0 <= score.value <= 1.0
    if dataset == "geowebnews":
        assert set(result.details["gold_toponym_types"]) == set(GWN_TOPONYM_TYPES)
        assert "Non_Lit_Expression" in result.details["annotation_types"]
