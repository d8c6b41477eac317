"""Roles the article gives a person: title before the name, apposition, possessive, predicate.

"US Secretary of Defense Pete Hegseth", "Mark Rutte, NATO's secretary general,", "Ukraine's
foreign minister Andrii Sybiha" and "Kim is the governor of Mykolaiv" each give a title, and a
country or an organisation, read from the tokens around the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.gazetteer import country_of, place_country
from newsgraph.actors.lexicons import ActorLexicons, TitleRow

HONORIFICS = {
    "sheikh",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "gen.",
    "lt.",
}
"""Words between a title and a name that do not change the role ("Emir Sheikh Tamim")."""
CLAUSE_BREAKS = {",", ";", ":", "(", ")", '"', "\u201c", "\u201d", "\u2014", "\u2013"}
"""Punctuation no qualifier of a title runs across."""
SKIPPABLE = {
    "the",
    "a",
    "an",
    "'s",
    "\u2019s",
    "former",
    "acting",
    "then",
    "deputy",
    "top",
    "new",
    "visiting",
}
"""Words that may stand between a qualifier and a title without changing the role."""
APPOSITION_MAX_TOKENS = 12
FORMER_WORDS = {"former", "ousted", "exiled", "deposed", "toppled", "ex"}
"""Words that make a title a past office ("ousted President", "Iraq's former prime minister")."""
OFFICE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
"""Sectors of state office; who no longer holds one is an elite (PLOVER's ELI: "former
government officials ..., including exiled/ousted officials"), not the government."""


@dataclass
class RoleReading:
    """A role read from the text, with the sector its title implies."""

    title: str | None
    country: str | None
    organization: str | None
    sector: str | None
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        """The role as stored on ``doc._.ng_actors``."""
        return {
            "title": self.title,
            "country": self.country,
            "organization": self.organization,
            "evidence": [self.start, self.end],
        }


def _qualifier(span: Span, lex: ActorLexicons) -> tuple[str | None, str | None]:
    """(country ISO3, organisation name) a short span names, if any."""
    text = span.text
    seat = lex.seat(text)
    if seat is not None and not seat.is_city and len(seat.country) == 3:
        return seat.country, None  # "Kremlin spokesman", "White House press secretary"
    demonym = lex.demonym(text)
    if demonym is not None:
        return demonym.iso3, None
    org = lex.organization(text)
    if org is not None:
        return None, org.name
    country = country_of(text, lex)
    if country is not None:
        return country.iso3, None
    if any(t.ent_type_ == "ORG" for t in span) and span[0].is_title:
        return None, text
    if all(t.ent_type_ in {"GPE", "LOC"} or (t.is_title and not t.ent_type_) for t in span):
        return place_country(text, lex), None  # "Ohio Governor", "Kharkiv Mayor"
    return None, None


def _qualifiers_before(
    doc: Doc, end: int, floor: int, lex: ActorLexicons
) -> tuple[str | None, str | None, int]:
    """Scan left from token ``end`` for a country or organisation qualifying a title."""
    country = org = None
    position = end
    modifiers = 0
    while position > floor:
        token = doc[position - 1]
        if token.lower_ in SKIPPABLE or (token.is_punct and token.text in {"'", "\u2019"}):
            position -= 1
            continue
        if (
            token.is_lower
            and token.pos_ in {"NOUN", "ADJ", "PROPN"}
            and modifiers < 3
            and not (country or org)
        ):
            modifiers += 1  # "foreign ministry spokesman", "parliamentary ... commissioner"
            position -= 1
            continue
        found = False
        if token.ent_type_ in {"ORG", "GPE", "NORP"}:
            # take the whole entity: "European Commission President", "US Secretary"
            start = position - 1
            while start > floor and doc[start].ent_iob_ == "I":
                start -= 1
            c, o = _qualifier(doc[start:position], lex)
            if c or o:
                country = country or c
                org = org or o
                position = start
                continue
        for width in (3, 2, 1):
            start = position - width
            if start < floor or any(t.text in CLAUSE_BREAKS for t in doc[start:position]):
                continue  # a comma ends the title's phrase: "the ... campus, Georgia Gov."
            c, o = _qualifier(doc[start:position], lex)
            if c or o:
                country = country or c
                org = org or o
                position = start
                found = True
                break
        if not found:
            break
    return country, org, position


def _office_sector(doc: Doc, row: TitleRow, start: int, title_start: int, floor: int) -> str:
    """The title's sector, or ELI when a word just before it says the office is past.

    ``start`` is where the title's qualifiers begin ("Iraq's former"); the word before them
    is read too ("Ousted President Askar Akayev").
    """
    if row.sector not in OFFICE_SECTORS:
        return row.sector
    words = {t.lower_.rstrip("-") for t in doc[max(floor, start - 1) : title_start]}
    return "ELI" if words & FORMER_WORDS else row.sector


def _title_ending_at(
    doc: Doc, end: int, floor: int, lex: ActorLexicons
) -> tuple[TitleRow, int] | None:
    """The longest title phrase whose last token is just before ``end``."""
    for width in range(min(lex.max_title_words, end - floor), 0, -1):
        span = doc[end - width : end]
        row = lex.title(span.text)
        if row is not None:
            return row, end - width
    return None


def role_before(doc: Doc, person: Span, lex: ActorLexicons) -> RoleReading | None:
    """A title (and its country or organisation) written just before a name.

    Also reads a role set off by a comma before the name: "Mali's interim president,
    General Assimi Goita".
    """
    floor = person.sent.start
    end = person.start
    while end > floor and doc[end - 1].lower_ in HONORIFICS and not lex.title(doc[end - 1].text):
        end -= 1
    found = _title_ending_at(doc, end, floor, lex)
    if found is not None and found[1] - 1 > floor and doc[found[1] - 1].text == ",":
        earlier = _title_ending_at(doc, found[1] - 1, floor, lex)
        if earlier is not None and found[0].sector == "MIL":
            found = (earlier[0], earlier[1])
            end = found[1] + len(found[0].phrase.split())
    if found is None and end - 1 > floor and doc[end - 1].text == ",":
        found = _title_ending_at(doc, end - 1, floor, lex)
    if found is None:
        # "NATO's Mark Rutte": an organisation or country possessive with no title
        if end - 2 >= floor and doc[end - 1].lower_ in {"'s", "\u2019s"}:
            country, org, start = _qualifiers_before(doc, end, floor, lex)
            if country or org:
                return RoleReading(None, country, org, None, doc[start].idx, doc[end - 1].idx)
        return None
    row, title_start = found
    country, org, start = _qualifiers_before(doc, title_start, floor, lex)
    last = doc[person.start - 1]
    sector = _office_sector(doc, row, start, title_start, floor)
    return RoleReading(row.title, country, org, sector, doc[start].idx, last.idx + len(last))


def _role_in_window(tokens: Span, lex: ActorLexicons) -> RoleReading | None:
    """A role phrase inside a window: "NATO's secretary general", "the governor of Mykolaiv"."""
    doc = tokens.doc
    best: tuple[TitleRow, int, int] | None = None
    for start in range(tokens.start, tokens.end):
        for width in range(min(lex.max_title_words, tokens.end - start), 0, -1):
            row = lex.title(doc[start : start + width].text)
            if row is not None:
                if best is None or width > best[2] - best[1]:
                    best = (row, start, start + width)
                break
    if best is None:
        return None
    row, title_start, title_end = best
    country, org, qual_start = _qualifiers_before(doc, title_start, tokens.start, lex)
    end = title_end
    # "governor of Mykolaiv", "secretary general of NATO"
    if title_end + 1 < tokens.end and doc[title_end].lower_ in {"of", "for"}:
        tail = doc[title_end + 1 : tokens.end]
        tail_text = tail.text.removeprefix("the ").strip()
        org_row = lex.organization(tail_text)
        if org_row is not None:
            org = org or org_row.name
        else:
            country = country or place_country(tail_text, lex)
        owner = next((t.i for t in tail if t.lower_ in ("'s", "\u2019s")), None)
        if country is None and org is None and owner is not None and owner > tail.start:
            # "deputy chairman of Russia's Security Council": the owner's country
            country = _qualifier(doc[tail.start : owner], lex)[0]
        end = tokens.end
    return RoleReading(
        row.title,
        country,
        org,
        _office_sector(doc, row, qual_start, title_start, tokens.start),
        doc[qual_start].idx,
        doc[end - 1].idx + len(doc[end - 1]),
    )


def role_apposition(doc: Doc, person: Span, lex: ActorLexicons) -> RoleReading | None:
    """A role in an apposition after the name: "Mark Rutte, NATO's secretary general,"."""
    if person.end >= len(doc) or doc[person.end].text != ",":
        return None
    start = person.end + 1
    end = start
    limit = min(person.sent.end, start + APPOSITION_MAX_TOKENS)
    while end < limit and doc[end].text not in {",", ".", ";", ":", '"', "\u201c", "\u201d"}:
        end += 1
    if end == start or doc[start].pos_ == "VERB":
        return None
    if any(t.ent_type_ == "PERSON" for t in doc[start:end]):
        return None  # a list of names ("Merz, British Prime Minister Keir Starmer and ...")
    return _role_in_window(doc[start:end], lex)


def role_predicate(doc: Doc, person: Span, lex: ActorLexicons) -> RoleReading | None:
    """A role stated by a copula: "Kim is the governor of Mykolaiv"."""
    root: Token = person.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    for child in root.head.children:
        if child.dep_ == "attr":
            subtree = list(child.subtree)
            return _role_in_window(doc[subtree[0].i : subtree[-1].i + 1], lex)
    return None


def read_roles(doc: Doc, person: Span, lex: ActorLexicons) -> list[RoleReading]:
    """Every role the text gives the person named by ``person``."""
    roles = []
    for reader in (role_before, role_apposition, role_predicate):
        role = reader(doc, person, lex)
        if role is not None and (role.title or role.country or role.organization):
            roles.append(role)
    return roles
