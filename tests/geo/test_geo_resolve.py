"""The resolver on given spans: joint readings, names inside names, the article's focus."""

from __future__ import annotations

import re

import pytest

from newsgraph.geo.gazetteer import haversine_km
from newsgraph.geo.resolve import (
    find_containers,
    geocode_spans,
    region_word_after,
    resolve_spans,
)


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


def test_resolve_town_written_with_its_state_is_the_namesake_there() -> None:
    # Richmond and Paris are bigger elsewhere; the state written after each says which.
    text = "She moved from Richmond, Virginia, to Paris, Texas, after the flood last spring."
    names = ("Richmond", "Virginia", "Paris", "Texas")
    lat, lon, country = reading_of(text, names, "Richmond")
    assert country == "USA" and haversine_km(lat, lon, 37.55, -77.46) < 30
    lat, lon, country = reading_of(text, names, "Paris")
    assert country == "USA" and haversine_km(lat, lon, 33.66, -95.56) < 30


def test_resolve_town_missing_from_its_written_state_takes_the_state() -> None:
    # No Holliday, Missouri, in the gazetteer: the state beats a namesake in Texas.
    text = "The truck skidded two miles south of Holliday, Missouri, on an icy county road."
    fields = geocode_spans(text, spans_of(text, "Holliday", "Missouri"))
    assert fields[0]["admin1"] == "Missouri" and fields[0]["geonames_id"] is None


def test_resolve_comma_list_of_areas_is_not_an_address() -> None:
    text = "The crew flew to Guam, Alaska and Hawaii before heading home to Ohio."
    fields = geocode_spans(text, spans_of(text, "Guam", "Alaska", "Hawaii", "Ohio"))
    assert fields[0]["country"] == "GUM"
    assert [f["admin1"] for f in fields[1:]] == ["Alaska", "Hawaii", "Ohio"]


def test_resolve_unlisted_building_takes_the_city_written_beside_it() -> None:
    # The article's most mentioned town is Cork; the hall is in Dublin, as the text says.
    text = (
        "The Cork pianist, who grew up in Cork and studied in Cork, played a recital at the "
        "Grand Hibernian Hall in Dublin on Sunday."
    )
    lat, lon, country = reading_of(text, ("Cork", "Grand Hibernian Hall", "Dublin"),
                                   "Grand Hibernian Hall")  # fmt: skip
    assert country == "IRL" and haversine_km(lat, lon, 53.35, -6.26) < 20


def test_resolve_possessive_puts_a_place_in_its_city() -> None:
    text = "Flights resumed at London's Gatwick Airport on Friday; the runway had been shut."
    lat, lon, _ = reading_of(text, ("London", "Gatwick Airport"), "Gatwick Airport")
    assert haversine_km(lat, lon, 51.15, -0.18) < 10


def test_resolve_unlisted_place_without_a_town_takes_the_articles_country() -> None:
    text = (
        "Voters in Quarrytown Constituency say the Bahamas government has forgotten them; "
        "Quarrytown Constituency has had no clinic since the hurricane."
    )
    lat, lon, country = reading_of(text, ("Quarrytown Constituency", "Bahamas"),
                                   "Quarrytown Constituency")  # fmt: skip
    assert country == "BHS" and haversine_km(lat, lon, 25.05, -77.35) < 100


def test_resolve_unlisted_places_take_the_town_of_the_articles_state() -> None:
    # Charleston and Stonewall, read in Mississippi, come first; Centreville, Gainesville
    # and "Va." outnumber them, so the golf club is placed in Virginia.
    text = (
        "Buyers compare Charleston and Stonewall prices, but the Oak Hollow Golf Club draws "
        "them to new homes near Centreville and Gainesville, Va."
    )
    names = ("Charleston", "Stonewall", "Oak Hollow Golf Club", "Centreville", "Gainesville",
             "Va.")  # fmt: skip
    lat, lon, country = reading_of(text, names, "Oak Hollow Golf Club")
    assert country == "USA" and haversine_km(lat, lon, 38.8, -77.5) < 100


def test_resolve_us_county_has_its_own_point() -> None:
    # No town in the article, no town called Cooke: the county's own point, not the middle
    # of Texas.
    text = "Cooke County deputies arrested two men on Tuesday after a chase on the interstate."
    lat, lon, _ = reading_of(text, ("Cooke County",), "Cooke County")
    assert haversine_km(lat, lon, 33.64, -97.21) < 40


def test_resolve_namesakes_across_a_state_line_are_read_together() -> None:
    # Hanover, New Hampshire, lies across the river from White River Junction, Vermont.
    text = "Buses run from Hanover to White River Junction every hour."
    lat, lon, _ = reading_of(text, ("Hanover", "White River Junction"), "Hanover")
    assert haversine_km(lat, lon, 43.70, -72.29) < 30


def test_resolve_tiny_namesakes_are_no_evidence_of_the_state() -> None:
    # Illinois has an Atlanta, a Washington and a Petersburg; this story is not there.
    text = "The airline will fly Washington to Petersburg, with a stop in Atlanta."
    lat, lon, _ = reading_of(text, ("Washington", "Petersburg", "Atlanta"), "Atlanta")
    assert haversine_km(lat, lon, 33.75, -84.39) < 30


def test_resolve_country_code_inside_an_institution_name() -> None:
    text = "The US Federal Reserve raised rates again on Wednesday."
    *_, country = reading_of(text, ("US Federal Reserve",), "US Federal Reserve")
    assert country == "USA"


@pytest.mark.parametrize(
    ("text", "names", "container"),
    [
        ("Paris, Texas, is small.", ("Paris", "Texas"), {"Paris": ("Texas", True)}),
        ("a hall in Dublin", ("hall", "Dublin"), {"hall": ("Dublin", False)}),
        ("London's Heathrow", ("London", "Heathrow"), {"Heathrow": ("London", False)}),
        ("Paris and Texas", ("Paris", "Texas"), {}),
    ],
)
def test_resolve_find_containers(
    text: str, names: tuple[str, ...], container: dict[str, tuple[str, bool]]
) -> None:
    mentions = [[(text.index(n), text.index(n) + len(n))] for n in names]
    found = find_containers(text, mentions)
    expected = [
        (names.index(container[n][0]), container[n][1]) if n in container else None for n in names
    ]
    assert found == expected


def test_resolve_town_and_county_read_where_both_can_be() -> None:
    # Paris and Henry County both have namesakes in several states; only in Tennessee is
    # the town inside the county.
    text = (
        "A Paris man was arrested on Sunday and is scheduled to appear in Henry County "
        "General Sessions Court on Tuesday."
    )
    for target, point in (("Paris", (36.30, -88.33)), ("Henry County", (36.33, -88.32))):
        lat, lon, country = reading_of(text, ("Paris", "Henry County"), target)
        assert country == "USA" and haversine_km(lat, lon, *point) < 40, target


def test_resolve_bare_county_name_reads_with_the_county() -> None:
    # "DeKalb" after "DeKalb County" is the county (Georgia, beside Decatur), not the
    # larger town of DeKalb, Illinois.
    text = (
        "The DeKalb County Commission will vote on a plan for land north of Decatur on "
        "Tuesday. DeKalb police said traffic would be diverted."
    )
    names = ("DeKalb County", "DeKalb", "Decatur")
    spans = [s for s in spans_of(text, *names) if text[s[0] : s[1]] in names]
    # "DeKalb" also matches inside "DeKalb County": keep the longest span at each start.
    spans = [s for s in spans if not any(o[0] == s[0] and o[1] > s[1] for o in spans)]
    fields = geocode_spans(text, spans)
    points = {text[s:e]: (f["lat"], f["lon"]) for (s, e), f in zip(spans, fields, strict=True)}
    for name in names:
        assert haversine_km(*points[name], 33.77, -84.26) < 40, name


def test_resolve_bare_state_name_is_not_a_county_alias() -> None:
    # "Indiana counties" names many counties, and Indiana is a state, not Indiana County.
    text = "Boone County is near the middle of Indiana counties, the Indiana data show."
    lat, lon, country = reading_of(text, ("Indiana",), "Indiana")
    assert country == "USA" and haversine_km(lat, lon, 40.0, -86.25) < 100


def test_resolve_capital_is_not_pulled_to_a_namesake_by_the_state() -> None:
    # Pennsylvania and Texas in the story do not make the dateline Washington, Pa.
    text = (
        "WASHINGTON - The Army said on Monday that wiring at bases in Texas and Pennsylvania "
        "would be inspected after two soldiers died."
    )
    lat, lon, _ = reading_of(text, ("WASHINGTON", "Texas", "Pennsylvania"), "WASHINGTON")
    assert haversine_km(lat, lon, 38.90, -77.04) < 30


def test_resolve_capital_namesake_written_with_its_state() -> None:
    text = "The fair opens on Friday in Washington, Pa., south of Pittsburgh."
    lat, lon, _ = reading_of(text, ("Washington", "Pa.", "Pittsburgh"), "Washington")
    assert haversine_km(lat, lon, 40.17, -80.25) < 30


def test_resolve_small_namesake_in_another_state_gives_way_to_the_article_town() -> None:
    # The gazetteer has no Kirbyville in Missouri; the one in Texas is not this story's.
    text = (
        "BRANSON, Missouri - A Kirbyville man was hurt on Tuesday when his truck left the road "
        "near Reeds Spring, the Taney County sheriff said. He was taken to a Branson hospital, "
        "and Stone County deputies closed the road for two hours."
    )
    names = ("BRANSON", "Branson", "Missouri", "Kirbyville", "Reeds Spring", "Taney County",
             "Stone County")  # fmt: skip
    lat, lon, _ = reading_of(text, names, "Kirbyville")
    assert haversine_km(lat, lon, 36.62, -93.14) < 40


def test_resolve_unlisted_village_is_in_the_article_country() -> None:
    # Liverpool is named most often, but the story is about Egypt: Nagrig, a village no
    # gazetteer here lists, is placed at the Egyptian town of the story, not in England.
    text = (
        "CAIRO - Liverpool fans in Egypt cheered on Sunday. Liverpool, Liverpool and again "
        "Liverpool were on every Egyptian lip, from Cairo to the village of Nagrig, where "
        "Egyptian children play in red shirts. Egypt hopes Liverpool visits."
    )
    names = ("CAIRO", "Cairo", "Liverpool", "Egypt", "Egyptian", "Nagrig")
    lat, lon, country = reading_of(text, names, "Nagrig")
    assert country == "EGY" and haversine_km(lat, lon, 30.97, 30.87) < 161
