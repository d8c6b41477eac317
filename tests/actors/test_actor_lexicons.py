"""Every lexicon entry loads, validates, and does its job through the component."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from spacy.language import Language

from newsgraph.actors.component import ActorFinder
from newsgraph.actors.lexicons import (
    ActorLexicons,
    load_countries,
    load_organizations,
    load_seats,
    load_sectors,
    load_titles,
)
from newsgraph.errors import LexiconError


def _fresh() -> ActorLexicons:
    return ActorLexicons.build(
        load_titles(), load_sectors(), load_organizations(), load_countries(), load_seats()
    )


def _actors(nlp: Language, finder: ActorFinder, sentences: list[str]) -> list[list[dict]]:
    return [finder(doc)._.ng_actors for doc in nlp.pipe(sentences)]


def test_lexicons_every_file_is_valid_and_documented() -> None:
    data = files("newsgraph.actors").joinpath("data")
    sources = data.joinpath("SOURCES.md").read_text(encoding="utf-8")
    for name in (
        "titles.jsonl",
        "sectors.jsonl",
        "organizations.jsonl",
        "countries.jsonl",
        "seats.jsonl",
        "cities.csv",
    ):
        assert f"`{name}`" in sources
    assert len(load_titles()) > 50 and len(load_countries()) > 100


def test_lexicons_bad_row_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.actors import lexicons

    class Broken:
        def joinpath(self, *parts: str) -> Broken:
            return self

        def read_text(self, encoding: str) -> str:
            return json.dumps({"phrase": "x", "title": "X", "sector": "NOPE"})

    monkeypatch.setattr(lexicons, "files", lambda _: Broken())
    with pytest.raises(LexiconError, match=r"titles\.jsonl:1"):
        lexicons.load_titles()


@pytest.mark.model
def test_lexicons_every_title_gives_its_role(nlp: Language) -> None:
    lex = _fresh()
    rows = load_titles()
    sentences = [
        f"On Monday, {r.phrase.title()} Jonas Kowalczyk Brennan spoke to reporters." for r in rows
    ]
    wrong = []
    for row, actors in zip(
        rows, _actors(nlp, ActorFinder(nlp, "t", lexicons=lex), sentences), strict=True
    ):
        titles = {r["title"] for a in actors if a["kind"] == "person" for r in a["roles"]}
        if row.title not in titles:
            wrong.append((row.phrase, titles))
    assert not wrong


@pytest.mark.model
def test_lexicons_every_sector_codes_a_group(nlp: Language) -> None:
    lex = _fresh()
    rows = load_sectors()
    sentences = [f"The Russian {r.phrase} said on Monday that it would respond." for r in rows]
    wrong = []
    for row, actors in zip(
        rows, _actors(nlp, ActorFinder(nlp, "s", lexicons=lex), sentences), strict=True
    ):
        if not any(a["code"] == f"RUS{row.sector}" for a in actors):
            wrong.append((row.phrase, [(a["name"], a["code"]) for a in actors]))
    assert not wrong


@pytest.mark.model
def test_lexicons_every_organization_alias_names_it(nlp: Language) -> None:
    lex = _fresh()
    cases = [
        (org, alias)
        for org in load_organizations()
        for alias in org.aliases
        if not alias.startswith("the ")
    ]
    sentences = [f"Officials from the {alias} met in Geneva on Monday." for _, alias in cases]
    wrong = []
    for (org, alias), actors in zip(
        cases, _actors(nlp, ActorFinder(nlp, "o", lexicons=lex), sentences), strict=True
    ):
        if not any(a["name"] == org.name and a["code"] == org.code for a in actors):
            wrong.append((alias, [(a["name"], a["code"]) for a in actors]))
    assert not wrong


@pytest.mark.model
def test_lexicons_every_country_name_and_demonym(nlp: Language) -> None:
    lex = _fresh()
    cases = []
    for country in load_countries():
        for alias in {country.name, *country.aliases}:
            cases.append(
                (country.iso3, f"{alias} said on Monday that it would respond to the attack.")
            )
        for demonym in country.demonyms:
            cases.append(
                (
                    country.iso3,
                    f"{demonym} forces said on Monday that they had repelled the attack.",
                )
            )
    results = _actors(nlp, ActorFinder(nlp, "c", lexicons=lex), [s for _, s in cases])
    wrong = [
        (sentence, [(a["name"], a["code"]) for a in actors])
        for (iso3, sentence), actors in zip(cases, results, strict=True)
        if not any(a["country"] == iso3 for a in actors)
    ]
    # the statistical NER misses a few rare names as subjects; every entry must still be reachable
    assert len(wrong) <= 0.05 * len(cases), wrong
    keys = {k for t, k in lex.used if t in ("countries", "demonyms")}
    assert set(lex.countries) | set(lex.demonyms) <= keys | {k for k in lex.acronyms}


@pytest.mark.model
def test_lexicons_every_seat_stands_for_its_government(nlp: Language) -> None:
    lex = _fresh()
    rows = load_seats()
    sentences = [
        f"{'The ' if not r.is_city else ''}{r.text} said on Monday that the talks had failed."
        for r in rows
    ]
    wrong = []
    for row, actors in zip(
        rows, _actors(nlp, ActorFinder(nlp, "m", lexicons=lex), sentences), strict=True
    ):
        expected = row.country + row.sector if len(row.country) == 3 else None
        ok = (
            any(a["code"] == expected for a in actors)
            if expected
            else any(a["kind"] == "organization" for a in actors)
        )
        if not ok:
            wrong.append((row.text, [(a["name"], a["code"]) for a in actors]))
    assert not wrong
