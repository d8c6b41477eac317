"""The resolver on given spans: joint readings, names inside names, the article's focus."""

from __future__ import annotations

import re

import pytest

from newsgraph.geo.gazetteer import haversine_km
from newsgraph.geo.resolve import geocode_spans, region_word_after, resolve_spans


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    """Offsets of every occurrence of each name, in text order."""
    found = [(m.start(), m.end()) for name in names for m in re.finditer(re.escape(name), text)]
    return sorted(found)


def reading_of(text: str, names: tuple[str, ...], target: str) -> tuple[float, float, str]:
    spans = spans_of(text, *names)
    fields = geocode_spans(text, spans)
    for (start, end), place in zip(spans, fields, strict=True):
        if text[start:end] == target:
            assert place["lat"] is not None, target
            return place["lat"], place["lon"], place["country"]
    raise AssertionError(f"{target} not among the spans")


def test_resolve_names_that_could_share_a_state_are_read_in_it() -> None:
    # "Palestine" alone is the Palestinian territories; beside Tyler and Anderson County
    # it is the East Texas town, the one state where all three names can be.
    text = (
        "PALESTINE - A grass fire east of Palestine burned 40 acres on Tuesday before crews "
        "from Tyler and Anderson County put it out, the fire marshal said."
    )
    lat, lon, country = reading_of(text, ("PALESTINE", "Palestine", "Tyler", "Anderson County"),
                                   "Palestine")  # fmt: skip
    assert country == "USA"
    assert haversine_km(lat, lon, 31.76, -95.63) < 30


def test_resolve_same_text_without_neighbours_is_the_country() -> None:
    text = "Talks on Palestine resumed in Cairo on Monday, diplomats said."
    *_, country = reading_of(text, ("Palestine", "Cairo"), "Palestine")
    assert country == "PSE"


def test_resolve_name_inside_a_longer_name_is_placed_at_the_container() -> None:
    text = "The Dubai World Cup was run on Saturday; the purse was $12 million."
    spans = spans_of(text, "Dubai World Cup")
    place = geocode_spans(text, spans)[0]
    assert place["lat"] is not None
    assert haversine_km(place["lat"], place["lon"], 25.07, 55.17) < 50
    # The container's id is not passed off as the race's own.
    assert place["geonames_id"] is None and place["country"] == "ARE"


def test_resolve_unlisted_street_takes_the_articles_town() -> None:
    text = (
        "Police closed Marigold Lane in Knoxville after a water main broke. Knoxville "
        "officials said Marigold Lane would reopen on Friday."
    )
    spans = spans_of(text, "Marigold Lane", "Knoxville")
    fields = geocode_spans(text, spans)
    street = fields[0]
    assert street["lat"] is not None and street["geonames_id"] is None
    assert haversine_km(street["lat"], street["lon"], 35.96, -83.92) < 20


def test_resolve_unlisted_name_alone_stays_unresolved() -> None:
    text = "Marigold Lane was closed on Friday."
    assert resolve_spans(text, spans_of(text, "Marigold Lane")) == [None]


def test_resolve_alternate_name_does_not_beat_a_town_of_that_name() -> None:
    # GeoNames lists old or foreign names of other US towns as "Washington"; the state
    # context must pick a real Washington, never a town that was once called so.
    text = "Voters in Washington and Piqua went to the polls in Ohio on Tuesday."
    lat, lon, country = reading_of(text, ("Washington", "Piqua", "Ohio"), "Washington")
    assert country == "USA"
    assert haversine_km(lat, lon, 40.15, -84.24) > 5  # not Piqua itself


def test_resolve_short_codes_are_not_alternate_names() -> None:
    text = "Canberra is in the ACT, officials said."
    spans = spans_of(text, "ACT")
    reading = resolve_spans(text, spans)[0]
    assert reading is None or reading.entry.country != "US"


@pytest.mark.parametrize(
    ("text", "end_of", "word"),
    [
        ("fighting in the Kharkiv region on Monday", "Kharkiv", "region"),
        ("a ruling by the U.S. District Court in Dallas", "U.S.", None),
        ("students at Washington State University said", "Washington", None),
        ("deputies in Henry County said", "Henry", "county"),
        ("the Kursk and Bryansk regions", "Kursk", "regions"),
    ],
)
def test_resolve_region_word_after_a_mention(text: str, end_of: str, word: str | None) -> None:
    end = text.index(end_of) + len(end_of)
    assert region_word_after(text, end) == word


def test_resolve_district_after_a_city_is_not_its_province() -> None:
    text = "Shelling hit the Kherson district of Dnipro on Monday."
    reading = resolve_spans(text, spans_of(text, "Kherson"))[0]
    assert reading is None or reading.kind != "region"


def test_resolve_country_before_a_region_word_stays_the_country() -> None:
    text = "Ukraine region by region counted the damage, officials said."
    reading = resolve_spans(text, spans_of(text, "Ukraine"))[0]
    assert reading is not None and reading.kind == "country" and reading.entry.country == "UA"
