"""The ``ng_actors`` component: canonical actors with roles and codes, and the article's places.

How a mention becomes an actor or a place:

1. Collective noun phrases whose head is a sector word become group actors coded by country
   and sector: "Russian forces" (RUSMIL), "Ukraine's military" (UKRMIL), "protesters in
   Tbilisi" (GEOCVL).
2. Named entities are repaired before use: entities inside a title-cased headline are kept
   only when a lexicon or the body confirms them ("Russia Launches Overnight Attacks" is not an
   organisation, but its "Russia" is a country); a large city tagged PERSON or ORG is a place;
   a lone department word ("Defense") is dropped; the dateline is a place.
3. Countries are actors when they act or are acted upon, places when they are locations ("in
   Ukraine"). Seats of power ("Washington", "the Kremlin") become the government actor when
   they act or speak, and stay places when they are locations (metonymy).
4. Mentions merge into canonical actors: a surname joins the one full name it ends, an acronym
   its organisation, and a role phrase ("the NATO chief", "the governor") the person who holds
   that role. The canonical name is the fullest proper name in the article.
5. Each person gets the roles the text gives them (``roles.py``); codes follow CAMEO: country
   ISO alpha-3 plus sector (FRAGOV, UKRMIL), IGO codes for international organisations.
6. An office holder the text does not name ("a senior British minister") is still a person
   actor with that role and code (GBRGOV), unless a named person holds the same role.
7. A people is PLOVER's civilians of a state: "Palestinians" (PSECVL), "Iraqi Kurds"
   (IRQCVL), and "ethnic Albanians in Serbia" of the state they live in (SRBCVL). Rebels,
   police or protesters the text gives no country take the one country the article names.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.actors.gazetteer import (
    country_name,
    country_of,
    large_cities,
    local_country,
    local_reading,
    place_country,
)
from newsgraph.actors.lexicons import (
    ActorLexicons,
    default_lexicons,
    load_countries,
    load_organizations,
    load_seats,
)
from newsgraph.actors.local import local_places
from newsgraph.actors.roles import RoleReading, read_roles
from newsgraph.extensions import register_extensions

logger = logging.getLogger(__name__)

LOCATIVE_PREPS = {
    "in",
    "at",
    "near",
    "to",
    "from",
    "across",
    "into",
    "outside",
    "around",
    "inside",
    "through",
    "toward",
    "towards",
    "throughout",
    "within",
    "via",
    "over",
    "off",
    "along",
    "between",
    "onto",
}
REGION_WORDS = {"region", "oblast", "province", "district", "governorate", "county", "state"}
AGENT_DEPS = {"nsubj", "nsubjpass", "agent", "poss", "dobj", "dative", "conj", "appos"}
STRONG_GROUPS = {"CVL", "REB", "MIL", "COP", "UAF"}
"""Sectors whose collective nouns are actors even without a country ("protesters")."""
DEPARTMENT_WORDS = {
    "defense",
    "defence",
    "state",
    "interior",
    "treasury",
    "justice",
    "commerce",
    "energy",
    "foreign",
    "homeland",
    "war",
    "finance",
    "health",
}
NAME_PARTICLES = {
    "von",
    "der",
    "van",
    "de",
    "den",
    "bin",
    "al",
    "la",
    "le",
    "da",
    "di",
    "du",
    "del",
    "ibn",
}
NATIONAL_SECTORS = {"GOV", "LEG", "JUD", "COP", "MIL", "OPP", "ELI"}
"""Sectors of national office: an unqualified title ("Prime Minister Donald Tusk") in a story
datelined in a country is of that country, as wire style qualifies foreign officials."""
APPOSITION_WINDOW = 10
GENERIC_TITLES = {"leader", "chief", "head", "official", "diplomat", "candidate"}
PERSON_PREFIXES = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "sheikh"}
SECTOR_MODIFIERS = {"army", "police", "border patrol"}
"""Sector words that make the noun they modify a collective actor ("army bulldozers")."""
SECTOR_NAMES = {"GOV": "government", "MIL": "military", "LEG": "legislature", "IGO": ""}
DOMESTIC_GROUPS = {"REB", "COP", "CVL", "OPP", "REF", "UAF", "GOV"}
"""Sectors of groups that act at home: "Shona rebels", "police" in a story about one country
are that country's. Troops (MIL) are left alone, as armies often fight abroad."""
TENTATIVE_GROUP_WORDS = {
    "government",
    "authorities",
    "administration",
    "cabinet",
    "demonstrators",
    "protesters",
    "protestors",
    "residents",
    "villagers",
    "civilians",
}
"""Heads of a group that is an actor only with a country: "the government" or "protesters"
in a story about one country are that country's; with no country they are dropped."""
ETHNIC_WORDS = {"ethnic"}

OWNER_PRONOUNS = frozenset({"its", "their"})
"""Possessives by which a group is the speaker's own ("said its forces", "their troops")."""
"""A word that makes a demonym an ethnicity: "ethnic Albanians" live in Serbia or Macedonia."""


@dataclass
class Mention:
    """One mention of a candidate actor, before merging."""

    start: int
    end: int
    kind: str
    name: str
    key: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    organization: str | None = None
    roles: list[RoleReading] = field(default_factory=list)
    token: int = 0


@dataclass
class _Actor:
    kind: str
    key: str
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    organization: str | None = None
    roles: list[RoleReading] = field(default_factory=list)
    first_token: int = 0
    last_tokens: list[int] = field(default_factory=list)


def _strip_possessive(span: Span) -> Span:
    if len(span) > 1 and span[-1].lower_ in {"'s", "\u2019s", "'", "\u2019"}:
        return span[:-1]
    return span


def _strip_space(span: Span) -> Span:
    while len(span) > 1 and span[-1].is_space:
        span = span[:-1]
    while len(span) > 1 and span[0].is_space:
        span = span[1:]
    return span


def _strip_determiner(span: Span) -> Span:
    while len(span) > 1 and span[0].lower_ in {"the", "a", "an"}:
        span = span[1:]
    return span


def _is_title_cased(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6


def _is_locative(span: Span) -> bool:
    """Whether an entity names a location here ("in Ukraine", "the Kyiv region")."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    if span.end < len(span.doc) and span.doc[span.end].lower_ in REGION_WORDS:
        return True
    return root.dep_ in {"compound", "npadvmod"} and root.head.lower_ in REGION_WORDS | {
        "city",
        "capital",
        "border",
    }


def _is_agentive(span: Span) -> bool:
    """Whether an entity acts or speaks here ("Washington cannot guarantee", "Moscow's move")."""
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return True
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


class ActorFinder:
    """Find canonical actors with roles and codes, and the article's places.

    Assigns ``doc._.ng_actors`` and ``doc._.ng_places`` (lists of plain dicts).
    """

    def __init__(self, nlp: Language, name: str, *, lexicons: ActorLexicons | None = None) -> None:
        register_extensions()
        self.name = name
        self.lex = lexicons or default_lexicons()
        self.gazetteer = self._build_gazetteer(nlp)
        self.title_starts = {phrase.split()[0] for phrase in self.lex.titles}
        self.caps_gazetteer = self._build_caps_gazetteer(nlp)
        self.common_words: set[str] = set()
        # the text and noun chunks of the document being read (set by _find)
        self._text = ""
        self._chunks: tuple[Span, ...] = ()
        if "lemmatizer" in nlp.pipe_names:
            lemmatizer: Any = nlp.get_pipe("lemmatizer")
            lookups = lemmatizer.lookups
            if lookups.has_table("lemma_index"):
                index = lookups.get_table("lemma_index")
                for pos in ("noun", "verb", "adj", "adv"):
                    self.common_words.update(index.get(pos, []))

    # -- mention collection -------------------------------------------------------------

    def _sealed_blocks(self, doc: Doc) -> list[tuple[int, int]]:
        """Title-cased title and heading blocks, where the NER model over-tags entities."""
        sealed = []
        whole = self._text
        for block in doc._.ng_blocks or []:
            if block["kind"] in ("title", "heading"):
                text = whole[block["start"] : block["end"]]
                if _is_title_cased(text):
                    sealed.append((block["start"], block["end"]))
        return sealed

    def _country_in(self, span: Span) -> str | None:
        """The country a demonym or country name among a phrase's modifiers names."""
        words = [t for t in span if t.lower_ not in {"'s", "\u2019s"}]
        for width in (3, 2, 1):
            for i in range(len(words) - width + 1):
                text = " ".join(t.text for t in words[i : i + width])
                row = self.lex.demonym(text) or country_of(text, self.lex)
                if row is not None:
                    return row.iso3
        for token in words:
            # "Darfur rebels", "Kharkiv police": a region or large city names the country
            if token.pos_ == "PROPN" and token.ent_type_ in {"GPE", "LOC", "ORG", ""}:
                iso3 = place_country(token.text, self.lex, subdivisions=False)
                if iso3 is not None:
                    return iso3
        return None

    def _speaker_country(self, root: Token) -> str | None:
        """The country of the subject of a clause above ``root`` ("Russia's Defence
        Ministry said its forces ...", "Kyiv says its troops ..."), or None."""
        node = root
        for _ in range(4):
            if node.head.i == node.i:
                return None
            node = node.head
            if node.pos_ not in ("VERB", "AUX"):
                continue
            for subject in (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")):
                if subject.i <= root.i <= subject.right_edge.i:
                    continue  # the phrase itself
                country = self._country_in(_phrase(subject))
                if country is not None:
                    return country
        return None

    def _located_country(self, root: Token) -> str | None:
        """The country a people's phrase places them in: "Albanians *in south Serbia*",
        "guerrillas *operating in Macedonia*", "Palestinians *living in* the West Bank"."""
        heads = [root, *(c for c in root.children if c.dep_ in ("acl", "relcl"))]
        for head in heads:
            for prep in (c for c in head.children if c.dep_ == "prep"):
                if prep.lower_ not in {"in", "throughout", "inside"}:
                    continue
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    named = _strip_determiner(_phrase(pobj))
                    country = place_country(named.text, self.lex) or self._country_in(named)
                    if country:
                        return country
        return None

    def _home_country(self, root: Token, exclude: str | None) -> str | None:
        """Where an ethnic group lives: the place its phrase names, else the one other
        country its sentence names ("ethnic Albanians demonstrated in Serbia").

        CAMEO codes a people by the state they live in, not the state of their kin, so
        "ethnic Albanians" in Serbia are Serbian civilians (SRBCVL).
        """
        located = self._located_country(root)
        if located:
            return located
        others = set()
        for ent in root.sent.ents:
            if ent.label_ in {"GPE", "LOC"}:
                country = place_country(_strip_possessive(ent).text, self.lex, subdivisions=False)
                if country and country != exclude:
                    others.add(country)
        return next(iter(others)) if len(others) == 1 else None

    def _groups(self, doc: Doc, taken: set[int]) -> list[Mention]:
        """Collective actors: noun phrases headed by a sector word."""
        mentions = []
        for chunk in _group_phrases(doc, self._chunks):
            chunk = _strip_determiner(chunk)
            root = chunk.root
            sector_row = None
            by_modifier = False
            for width in (2, 1):
                if root.i - width + 1 < chunk.start:
                    continue
                sector_row = self.lex.sector(doc[root.i - width + 1 : root.i + 1].text)
                if sector_row is not None:
                    break
            for width in (2, 1) if sector_row is None else ():
                # "Israeli army bulldozers", "Israeli police custody": the force owns its kit;
                # "U.S. border patrol agents" are the patrol's
                if root.i - width < chunk.start:
                    continue
                modifier = doc[root.i - width : root.i]
                if modifier.text.lower() in SECTOR_MODIFIERS and modifier[-1].dep_ in (
                    "compound",
                    "nmod",
                ):
                    sector_row = self.lex.sector(modifier.text)
                    by_modifier = True
                    break
            if sector_row is None or any(
                t.ent_type_ == "PERSON"
                and self.lex.demonym(t.text) is None
                and not (t.i > chunk.start and self.lex.demonym(doc[t.i - 1].text))
                for t in chunk
            ):
                # a name in the phrase makes it a person's ("Putin's government"), but a
                # people's name after a nationality is not one ("Turkish Kurd refugees")
                continue
            org_name = org_code = None
            where = ""
            country = self._country_in(chunk[: root.i - chunk.start])
            for ent in chunk.ents:
                org = self.lex.organization(ent.text)
                demonym = self.lex.demonym(_strip_possessive(ent).text)
                if demonym is not None:
                    country = demonym.iso3
                elif org is not None:
                    org_name, org_code = org.name, org.code
                elif country is None:
                    country = place_country(_strip_possessive(ent).text, self.lex)
            if country is None and any(
                c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in root.children
            ):
                # "Russia's Defence Ministry said its forces had struck ...": the forces are
                # the speaking country's
                country = self._speaker_country(root)
            if any(t.lower_ in ETHNIC_WORDS for t in chunk):
                # "ethnic Albanian guerrillas operating in Macedonia" are Macedonia's
                country = self._home_country(root, exclude=country) or country
            if country is None and org_name is None:
                # "protesters in Tbilisi", "opposition parties in Nepal", "the government of
                # France": CAMEO codes a domestic group by where it is; only an army abroad
                # is not of the country it is in ("troops in Ukraine")
                preps = {"of"} if sector_row.sector == "MIL" else {"of", "in", "throughout"}
                for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in preps):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        named = _phrase(pobj)
                        country = place_country(
                            _strip_determiner(named).text, self.lex
                        ) or self._country_in(named)  # "inhabitants of the Syrian Golan"
                        for word in (pobj, *(c for c in pobj.children if c.dep_ == "compound")):
                            country = country or place_country(word.text, self.lex)
                        if country:
                            where = f" {prep.text} {named.text}"  # "protesters in Tbilisi"
                            break
                    if country:
                        break
            tentative = (
                country is None
                and org_name is None
                and not by_modifier
                and root.lower_ in TENTATIVE_GROUP_WORDS
                and root.dep_ in AGENT_DEPS | {"pobj"}
            )
            if (
                country is None
                and org_name is None
                and (sector_row.sector not in STRONG_GROUPS or by_modifier)
                and not tentative
            ):
                continue  # "the police station" is no actor; "Israeli police custody" is
            if sector_row.sector == "CVL" and country is None and not tentative:
                continue
            if by_modifier:
                chunk = doc[chunk.start : root.i]  # the actor is "Israeli army", not its kit
            name = chunk.text + where
            key = f"group:{country or org_name or ''}:{sector_row.sector}"
            # "UN peacekeepers" (IGOUNOMIL): an IGO's sector follows its organisation code,
            # but "EU leaders" are the EU itself (IGOEUREEC); an armed group's code already
            # holds its sector ("Hamas fighters" is PSEREB)
            suffix = sector_row.sector
            if org_code and (org_code[:3] not in ("IGO", "NGO") or suffix == "GOV"):
                suffix = ""
            code = (org_code if org_code else (country or "")) + suffix
            mentions.append(
                Mention(
                    chunk.start_char,
                    chunk.end_char,
                    "group",
                    name,
                    key,
                    country,
                    sector_row.sector,
                    code or None,
                    org_name,
                    token=chunk.start,
                )
            )
            taken.update(range(chunk.start, chunk.end))
        return mentions

    def _titled_names(self, doc: Doc) -> list[Span]:
        """Names right after a title that the model missed or cut short.

        "Kharkiv Mayor Ihor Terekhov" (no entity at all) and "Defence Minister Rustem Umerov"
        (only "Umerov" tagged) both become a PERSON span over the capitalised proper nouns
        that follow the title phrase.
        """
        found = []
        i = 0
        while i < len(doc):
            if doc[i].lower_ not in self.title_starts:
                i += 1
                continue
            match_end = None
            for width in range(min(self.lex.max_title_words, len(doc) - i), 0, -1):
                if self.lex.title(doc[i : i + width].text) is not None:
                    match_end = i + width
                    break
            if match_end is None:
                i += 1
                continue
            end = match_end
            while (
                end < len(doc)
                and end - match_end < 4
                and doc[end].is_title
                and doc[end].pos_ == "PROPN"
                and doc[end].ent_type_ in {"", "PERSON"}
            ):
                end += 1
            if end > match_end:
                end = _name_end(doc, end)
            names = doc[match_end:end]
            whole_entity = (  # the model already tagged exactly these words as one name
                len(names) > 0
                and names[0].ent_iob_ == "B"
                and names[0].ent_type_ == "PERSON"
                and all(t.ent_iob_ == "I" for t in names[1:])
                and (end >= len(doc) or doc[end].ent_iob_ != "I")
            )
            if len(names) >= 2 and not whole_entity:
                found.append(Span(doc, match_end, end, label="PERSON"))
            i = max(end, i + 1)
        found.extend(self._names_before_apposition(doc, found))
        found.extend(self._untagged_full_names(doc, found))
        return found

    def _untagged_full_names(self, doc: Doc, known: list[Span]) -> list[Span]:
        """A full name left untagged where its surname is tagged elsewhere ("Vitaliy Kim")."""
        surnames = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
        taken = {i for span in known for i in range(span.start, span.end)}
        found = []
        for token in doc:
            if token.text not in surnames or token.ent_type_ or token.i in taken or token.i == 0:
                continue
            start = _name_start(doc, token.i, self)
            if start < token.i:
                found.append(Span(doc, start, token.i + 1, label="PERSON"))
        return found

    @staticmethod
    def _build_gazetteer(nlp: Language) -> PhraseMatcher:
        """A matcher over the lexicons' names: organisations, countries, demonyms, seats."""
        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        phrases: dict[str, set[str]] = {"ORG": set(), "GPE": set(), "NORP": set(), "FAC": set()}
        for org in load_organizations():
            phrases["ORG"].update((org.name, org.full_name, *org.aliases))
        for country in load_countries():
            phrases["GPE"].update((country.name, *country.aliases))
            phrases["NORP"].update(country.demonyms)
        for seat in load_seats():
            phrases["GPE" if seat.is_city else "FAC"].add(seat.text)
        for label, names in phrases.items():
            matcher.add(
                label, [nlp.make_doc(n) for n in sorted(names) if not n.lower().startswith("the ")]
            )
        return matcher

    @staticmethod
    def _build_caps_gazetteer(nlp: Language) -> PhraseMatcher:
        """Countries and capitals by lower-case form, for all-caps headlines the model misses."""
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names: set[str] = set()
        for country in load_countries():
            names.update(a for a in (country.name, *country.aliases) if not a.isupper())
        names.update(seat.text for seat in load_seats() if seat.is_city)
        matcher.add(
            "GPE", [nlp.make_doc(n) for n in sorted(names) if not n.lower().startswith("the ")]
        )
        return matcher

    def _caps_names(self, doc: Doc) -> list[Span]:
        """Country and capital names inside all-caps blocks ("ENGLAND V PAKISTAN")."""
        blocks = []
        whole = self._text
        for block in doc._.ng_blocks or []:
            letters = [c for c in whole[block["start"] : block["end"]] if c.isalpha()]
            if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
                blocks.append((block["start"], block["end"]))
        if not blocks:
            return []
        spans = [Span(doc, start, end, label="GPE") for _, start, end in self.caps_gazetteer(doc)]
        return [s for s in spans if any(b <= s.start_char and s.end_char <= e for b, e in blocks)]

    def _known_names(self, doc: Doc) -> list[Span]:
        """Lexicon names the model missed or cut short; a longer overlapping entity wins."""
        spans = filter_spans(
            [Span(doc, start, end, label=match_id) for match_id, start, end in self.gazetteer(doc)]
        )
        kept = []
        for span in spans:
            overlapping = [
                _strip_determiner(e) for e in doc.ents if e.start < span.end and span.start < e.end
            ]
            if all(span.start <= e.start and e.end <= span.end for e in overlapping):
                same = [
                    e
                    for e in overlapping
                    if (e.start, e.end, e.label_) == (span.start, span.end, span.label_)
                ]
                if not same:  # a relabelling ("Moldovan" tagged PERSON) or a longer name
                    kept.append(span)
        return kept

    def _names_before_apposition(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Untagged names that open a sentence before a role: "Dmytro Lubinets, Ukraine's
        parliamentary human rights commissioner, said"."""
        found = []
        taken = {i for span in known for i in range(span.start, span.end)}
        for sent in doc.sents:
            start = sent.start
            while start < sent.end and doc[start].is_space:
                start += 1
            end = start
            while (
                end < sent.end
                and doc[end].is_title
                and doc[end].pos_ == "PROPN"
                # a first name the recogniser read as a people ("Roman Mrochko", "German")
                and doc[end].ent_type_ in ("", "NORP")
            ):
                end += 1
            if end - start < 2 or end >= sent.end or doc[end].text != "," or start in taken:
                continue
            if all(doc[i].ent_type_ for i in range(start, end)):
                continue  # a people's name throughout is no person's name
            window = doc[end + 1 : min(sent.end, end + 1 + APPOSITION_WINDOW)]
            if any(self.lex.title(t.text) for t in window if t.is_lower):
                found.append(Span(doc, start, end, label="PERSON"))
        return found

    def _entity(
        self,
        doc: Doc,
        ent: Span,
        sealed: list[tuple[int, int]],
        body_persons: set[str],
        dateline: tuple[int, int] | None,
    ) -> tuple[list[Mention], list[Span]]:
        """Classify one named entity into actor mentions and place spans."""
        label = ent.label_
        span = _strip_possessive(_strip_determiner(_strip_space(ent)))
        text = span.text
        if len(span) == 1 and label != "PERSON" and text in self._surnames:
            label = "PERSON"  # "Sybiha" in a headline, when the body names Andrii Sybiha
        elif (
            len(span) == 1
            and label in {"ORG", "PERSON"}
            and span[0].tag_ in {"NNPS", "NNS"}
            and self.lex.demonym(text) is not None
        ):
            label = "NORP"  # "ethnic Uzbeks" tagged ORG: a people all the same
        in_sealed = any(s <= ent.start_char and ent.end_char <= e for s, e in sealed)
        if dateline and dateline[0] <= ent.start_char < dateline[1]:
            return (
                ([], [span])
                if label in {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"}
                else ([], [])
            )
        org = self.lex.organization(text)
        country = (
            country_of(text, self.lex) if label in {"GPE", "ORG", "PERSON", "NORP", "LOC"} else None
        )
        seat = self.lex.seat(text) if label in {"GPE", "ORG", "FAC", "LOC", "PERSON"} else None
        if in_sealed and not (org or country or seat):
            if label == "PERSON" and text in body_persons:
                pass
            elif label in {"ORG", "PERSON", "NORP"}:
                # "Russia Launches Overnight Attacks": keep a leading country, drop the rest
                for width in range(len(span) - 1, 0, -1):
                    head = country_of(span[:width].text, self.lex)
                    if head is not None:
                        return [self._country_mention(span[:width], head.iso3)], []
                return [], []
        if org is not None:
            return [
                Mention(
                    span.start_char,
                    span.end_char,
                    "organization",
                    org.name,
                    f"org:{org.name}",
                    code=org.code,
                    organization=org.name,
                    token=span.start,
                )
            ], []
        if seat is not None and (country is None or label != "GPE" or _is_agentive(ent)):
            if _is_locative(ent) or (seat.is_city and not _is_agentive(ent)):
                return [], [span]
            # an acting capital is the government here, not a place ("Washington cannot ...")
            return [self._government_mention(span, seat.country, seat.sector)], []
        if country is not None and label != "NORP":
            if _is_locative(ent):
                return [], [span]
            # "Russia launched": the country acts, and its name is a toponym all the same
            return [self._country_mention(span, country.iso3)], [span]
        if label == "NORP":
            return self._norp(span), []
        if label in {"GPE", "LOC", "FAC"}:
            return [], [span]
        if (
            label in {"PERSON", "ORG"}
            and len(span) == 1
            and not text.isupper()
            and text not in self._surnames
            and (text in large_cities() or text.lower() in self._place_words)
        ):
            return [], [span]  # a city the model took for a person or organisation
        if label == "ORG":
            if len(span) == 1 and span[0].lower_ in DEPARTMENT_WORDS:
                return [], []
            return [self._organization_mention(span)], []
        if label == "PERSON":
            while len(span) > 1 and (
                span[0].lower_ in PERSON_PREFIXES or self.lex.title(span[0].text)
            ):
                span = span[1:]
            span = doc[_name_start(doc, span.start, self) : _name_end(doc, span.end)]
            if not any(t.is_alpha and t.text[0].isupper() for t in span):
                return [], []
            return [
                Mention(
                    span.start_char,
                    span.end_char,
                    "person",
                    span.text,
                    span.text,
                    roles=read_roles(doc, span, self.lex),
                    token=span.start,
                )
            ], []
        return [], []

    def _country_mention(self, span: Span, iso3: str) -> Mention:
        return Mention(
            span.start_char,
            span.end_char,
            "country",
            country_name(iso3, self.lex),
            f"country:{iso3}",
            country=iso3,
            code=iso3,
            token=span.start,
        )

    def _government_mention(self, span: Span, country: str, sector: str) -> Mention:
        if len(country) != 3:  # "Brussels" stands for the European Union
            org = self.lex.organization(country)
            name = org.name if org else country
            return Mention(
                span.start_char,
                span.end_char,
                "organization",
                name,
                f"org:{name}",
                code=org.code if org else None,
                organization=name,
                token=span.start,
            )
        name = f"{country_name(country, self.lex)} {SECTOR_NAMES.get(sector, 'government')}".strip()
        return Mention(
            span.start_char,
            span.end_char,
            "organization",
            name,
            f"gov:{country}:{sector}",
            country=country,
            sector=sector,
            code=country + sector,
            token=span.start,
        )

    def _organization_mention(self, span: Span) -> Mention:
        """An organisation without a lexicon entry; coded when its name gives country and sector."""
        country = sector = None
        for token in span:
            row = self.lex.demonym(token.text) or country_of(token.text, self.lex)
            if row is not None:
                country = country or row.iso3
            # "Georgia Public Service Commission" in a story about the US state
            country = country or local_country(token.text)
        for width in (2, 1):
            sector_row = self.lex.sector(span[-width:].text) if len(span) >= width else None
            if sector_row is not None:
                sector = sector_row.sector
                break
        code = country + sector if country and sector else None
        return Mention(
            span.start_char,
            span.end_char,
            "organization",
            span.text,
            f"org:{span.text.lower()}",
            country=country,
            sector=sector,
            code=code,
            token=span.start,
        )

    def _norp(self, span: Span) -> list[Mention]:
        """A nationality: the country when it modifies an event noun ("Russian shelling")."""
        root = span.root
        demonym = self.lex.demonym(span.text)
        if demonym is None:
            if root.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and root.tag_ in {"NNPS", "NNS"}:
                # a people ("Kurds"): coded where the text places them, or by the nationality
                # that qualifies them ("Iraqi Kurds" are IRQCVL)
                country = self._located_country(root)
                for child in root.children:
                    if country is None and child.dep_ in {"amod", "compound"}:
                        row = self.lex.demonym(child.text)
                        country = row.iso3 if row is not None else None
                country = country or self._home_country(root, exclude=None)
                return [
                    Mention(
                        span.start_char,
                        span.end_char,
                        "group",
                        span.text,
                        f"group:{span.text.lower()}",
                        country=country,
                        sector="CVL" if country else None,
                        code=f"{country}CVL" if country else None,
                        token=span.start,
                    )
                ]
            return []
        head = root.head
        if root.dep_ in {"amod", "compound"} and (
            self.lex.title(head.text) or head.ent_type_ == "PERSON" or head.ent_type_ == "ORG"
        ):
            return []  # "French President ...": a role, read by roles.py
        if root.dep_ in {"amod", "compound", "nmod"} and head.pos_ in {"NOUN", "PROPN"}:
            return [self._country_mention(span, demonym.iso3)]
        if root.tag_ in {"NNPS", "NNS"}:
            # "Palestinians", "Ghanaians": a people, PLOVER's civilians (CVL) of their
            # country; "ethnic Albanians" are civilians of the country they live in
            country = demonym.iso3
            if any(c.lower_ in ETHNIC_WORDS for c in root.children):
                country = self._home_country(root, exclude=country) or country
            return [
                Mention(
                    span.start_char,
                    span.end_char,
                    "group",
                    span.text,
                    f"group:{country}:CVL",
                    country=country,
                    sector="CVL",
                    code=f"{country}CVL",
                    token=span.start,
                )
            ]
        return []

    # -- merging ------------------------------------------------------------------------

    def _merge(self, mentions: list[Mention]) -> list[_Actor]:
        actors: dict[str, _Actor] = {}
        for m in sorted((m for m in mentions if m.kind != "person"), key=lambda m: m.start):
            actor = actors.setdefault(m.key, _Actor(m.kind, m.key, first_token=m.token))
            self._absorb(actor, m)
        persons = sorted(
            (m for m in mentions if m.kind == "person"), key=lambda m: -len(m.name.split())
        )
        person_actors: list[_Actor] = []
        for m in persons:
            words = m.name.split()
            owner = next((a for a in person_actors if m.name in a.names), None)
            if owner is None and len(words) < 3:
                candidates = [
                    a
                    for a in person_actors
                    if any(_contains_name(n.split(), words) for n in a.names)
                ]
                owner = candidates[0] if len(candidates) == 1 else None
            if owner is None:
                owner = _Actor("person", f"person:{m.name}", first_token=m.token)
                person_actors.append(owner)
            self._absorb(owner, m)
        merged = list(actors.values()) + person_actors
        merged.sort(key=lambda a: min(a.mentions)[0])
        return merged

    @staticmethod
    def _absorb(actor: _Actor, m: Mention) -> None:
        actor.names.append(m.name)
        actor.mentions.append((m.start, m.end))
        actor.last_tokens.append(m.token)
        actor.country = actor.country or m.country
        actor.sector = actor.sector or m.sector
        actor.code = actor.code or m.code
        actor.organization = actor.organization or m.organization
        actor.roles.extend(m.roles)
        actor.first_token = min(actor.first_token, m.token)

    def _nominal_mentions(self, doc: Doc, persons: list[_Actor], taken: set[int]) -> None:
        """Attach "the governor", "the NATO chief", "the French leader" to the role holder."""
        if not persons:
            return
        for chunk in self._chunks:
            if chunk[0].lower_ != "the" or chunk.root.i in taken or len(chunk) > 4:
                continue
            if any(t.ent_type_ == "PERSON" for t in chunk) or chunk.root.tag_ not in {"NN", "NNP"}:
                continue
            title = self.lex.title(chunk.root.text)
            if title is None:
                continue
            country = org = None
            for token in chunk[1:-1]:
                row = self.lex.demonym(token.text) or country_of(token.text, self.lex)
                if row is not None:
                    country = row.iso3
                org_row = self.lex.organization(token.text)
                if org_row is not None:
                    org = org_row.name
            generic = title.title in {"leader", "chief", "head", "official"}
            if generic and not (country or org):
                continue  # "the head" alone could be anyone; "the NATO chief" cannot
            if chunk.root.dep_ == "appos" or (
                chunk.start >= 2
                and doc[chunk.start - 1].text == ","
                and doc[chunk.start - 2].ent_type_ == "PERSON"
            ):
                continue  # "Roman Mrochko, the head of ...": describes the name before it

            def matches(
                actor: _Actor,
                title_name: str = title.title,
                generic: bool = generic,
                country: str | None = country,
                org: str | None = org,
            ) -> bool:
                for role in actor.roles:
                    if not generic and role.title != title_name:
                        continue
                    if generic and role.title is None and not (org and role.organization == org):
                        continue
                    if country and role.country != country:
                        continue
                    if org and role.organization != org:
                        continue
                    return True
                return False

            before = [a for a in persons if a.first_token < chunk.start and matches(a)]
            if not before:
                continue
            holder = max(before, key=lambda a: max(t for t in a.last_tokens if t < chunk.start))
            holder.mentions.append((chunk.start_char, chunk.end_char))

    # -- output -------------------------------------------------------------------------

    def _actor_dict(self, index: int, actor: _Actor) -> dict[str, Any]:
        roles: list[dict[str, Any]] = []
        seen = set()
        for role in actor.roles:
            key = (role.title, role.country, role.organization)
            if key not in seen:
                seen.add(key)
                roles.append(role.as_dict())
        name = _canonical_name(actor)
        country = actor.country or next((r.country for r in actor.roles if r.country), None)
        code = actor.code
        if actor.kind == "person" and code is None:
            org_codes = [
                o.code
                for r in actor.roles
                if r.organization
                for o in [self.lex.organization(r.organization)]
                if o is not None
            ]
            sector = next((r.sector for r in actor.roles if r.sector), None)
            if org_codes:
                code = org_codes[0]
            elif country and sector:
                code = country + ("GOV" if sector == "IGO" else sector)
        return {
            "id": f"a{index}",
            "name": name,
            "kind": actor.kind,
            "country": country,
            "code": code,
            "roles": roles,
            "mentions": [list(m) for m in sorted(set(actor.mentions))],
        }

    def __call__(self, doc: Doc) -> Doc:
        # "Georgia Gov. Brian Kemp", "ATHENS, Ga.": read the article's US places as such
        # in every lookup below, roles included
        with local_reading(local_places(doc, self.lex)):
            return self._find(doc)

    def _find(self, doc: Doc) -> Doc:
        # spaCy rebuilds the text and the noun chunks on every access; several passes below
        # read them
        self._text = doc.text
        self._chunks = tuple(doc.noun_chunks)
        sealed = self._sealed_blocks(doc)
        dateline_info = doc._.ng_dateline
        dateline = (dateline_info["start"], dateline_info["end"]) if dateline_info else None
        body_persons = {
            e.text
            for e in doc.ents
            if e.label_ == "PERSON" and not any(s <= e.start_char < en for s, en in sealed)
        }
        self._surnames = {
            e.text.split()[-1] for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) > 1
        }
        # words tagged as places somewhere in the article, and the dateline's place
        self._place_words = {e.text.lower() for e in doc.ents if e.label_ in {"GPE", "LOC"}}
        if dateline_info:
            self._place_words.add(dateline_info["place_text"].lower())
        taken: set[int] = set()
        mentions = self._groups(doc, taken)
        place_spans: list[Span] = []
        # persons first: their title phrases ("US National Security Adviser") are not actors
        recovered = filter_spans(
            self._titled_names(doc) + self._known_names(doc) + self._caps_names(doc)
        )
        recovered_tokens = {i for span in recovered for i in range(span.start, span.end)}
        ents = recovered + [
            e for e in doc.ents if not any(i in recovered_tokens for i in range(e.start, e.end))
        ]
        ents.sort(key=lambda e: (e.label_ != "PERSON", e.start))
        role_spans: list[tuple[int, int]] = []
        for ent in ents:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            if ent.label_ != "PERSON" and any(
                s <= ent.start_char and ent.end_char <= e for s, e in role_spans
            ):
                continue
            found, places = self._entity(doc, ent, sealed, body_persons, dateline)
            for m in found:
                role_spans.extend((r.start, r.end) for r in m.roles)
                if m.kind == "person":  # a name extended over "von der Leyen" owns its tokens
                    person_span = doc.char_span(m.start, m.end)
                    if person_span is not None:
                        taken.update(range(person_span.start, person_span.end))
            mentions.extend(found)
            place_spans.extend(places)
        if dateline and not any(dateline[0] <= p.start_char < dateline[1] for p in place_spans):
            place_span = doc.char_span(dateline[0], dateline[0] + len(dateline_info["place_text"]))
            if place_span is not None:
                place_spans.append(place_span)
        actors = self._merge(mentions)
        actors = [a for a in actors if not self._is_stray_word(a)]
        persons = [a for a in actors if a.kind == "person"]
        self._dateline_roles(actors, persons, dateline_info)
        self._article_country_roles(actors, persons, place_spans)
        self._article_country_groups(actors, persons, place_spans)
        actors = [a for a in actors if not self._is_countryless_tentative(a)]
        self._nominal_mentions(doc, persons, taken)
        actors.extend(self._unnamed_officials(doc, actors, persons, taken))
        actors.sort(key=lambda a: min(a.mentions)[0])
        doc._.ng_actors = [self._actor_dict(i, a) for i, a in enumerate(actors, start=1)]
        doc._.ng_places = self._places(doc, place_spans)
        return doc

    @staticmethod
    def _is_countryless_tentative(actor: _Actor) -> bool:
        """A government or civilian group that found no country: "the government" of no
        known state is no actor (armed groups, police and troops are kept uncoded)."""
        return (
            actor.kind == "group"
            and actor.country is None
            and actor.organization is None
            and actor.sector in {"GOV", "LEG", "JUD", "CVL", "BUS", "EDU", "JRN", "SOC", "OPP"}
        )

    def _is_stray_word(self, actor: _Actor) -> bool:
        """A lone common word the model took for a person ("Debris damaged a house")."""
        return (
            actor.kind == "person"
            and not actor.roles
            and all(len(n.split()) == 1 and n.lower() in self.common_words for n in actor.names)
        )

    def _dateline_roles(
        self, actors: list[_Actor], persons: list[_Actor], dateline: dict[str, Any] | None
    ) -> None:
        """Give an unqualified national title the country of the dateline."""
        if not dateline:
            return
        country = None
        for text in (dateline.get("region_text"), dateline.get("place_text")):
            if text:
                country = place_country(text, self.lex) or place_country(text.title(), self.lex)
                if country:
                    break
        named = {a.country for a in actors if a.kind in ("country", "group")}
        region = dateline.get("region_text")
        # a dateline that names the country: "KHERSON, Ukraine"
        stated = isinstance(region, str) and country_of(region, self.lex) is not None
        if country is None or not (stated or country in named):
            return  # a dateline city the article does not tie to its country (Brussels summits)
        for person in persons:
            # "Former President Dmitry Medvedev, deputy chairman of Russia's Security Council"
            # in a story from Washington: a person another role ties to a country is of it
            own = next((r.country for r in person.roles if r.country), None)
            for role in person.roles:
                if (
                    role.country is None
                    and role.organization is None
                    and role.sector in NATIONAL_SECTORS
                    and role.title not in GENERIC_TITLES
                ):
                    role.country = own or country

    def _article_country_roles(
        self, actors: list[_Actor], persons: list[_Actor], place_spans: list[Span]
    ) -> None:
        """Give an unqualified national title the one country the article names.

        "President Omar El Bashir shortened the curfew imposed in Sudan": wire copy leaves
        the country of a head of state unsaid when the story is about that country alone.
        Only an article whose actors, roles and places all point at one country qualifies,
        and not when that country's government is already an actor: "President Museveni met
        Kenyan officials" is a visitor meeting his hosts. The dateline rule runs first.
        """
        unqualified = [
            role
            for person in persons
            for role in person.roles
            if role.country is None
            and role.organization is None
            and role.sector in NATIONAL_SECTORS
            and role.title not in GENERIC_TITLES
        ]
        if not unqualified:
            return
        country = self._one_country(actors, persons, place_spans)
        if country is None:
            return
        governments = {a.country for a in actors if a.sector == "GOV" and a.kind != "person"}
        governments |= {r.country for p in persons for r in p.roles if r.sector == "GOV"}
        if country in governments:
            return
        for role in unqualified:
            role.country = country

    def _one_country(
        self, actors: list[_Actor], persons: list[_Actor], place_spans: list[Span]
    ) -> str | None:
        """The one country the article's actors, roles and places point at, if only one."""
        named = {a.country for a in actors if a.country and a.kind != "person"}
        named |= {r.country for p in persons for r in p.roles if r.country}
        for span in place_spans:
            country = place_country(span.text, self.lex, subdivisions=False)
            if country:
                named.add(country)
        return next(iter(named)) if len(named) == 1 else None

    def _article_country_groups(
        self, actors: list[_Actor], persons: list[_Actor], place_spans: list[Span]
    ) -> None:
        """Give a domestic group of no stated country the one country the article names.

        "The Mozambique government accepted demands from Shona rebels": wire copy names
        the country once and leaves its rebels, police and protesters unqualified, and CAMEO
        codes them as that country's (MOZREB). Troops are left alone (armies fight abroad),
        and so are groups when an organisation such as the UN is an actor.
        """
        bare = [
            a
            for a in actors
            if a.kind == "group"
            and a.country is None
            and a.organization is None
            and a.sector in DOMESTIC_GROUPS
        ]
        if not bare or any(a.kind == "organization" and a.country is None for a in actors):
            return
        country = self._one_country(actors, persons, place_spans)
        if country is None:
            return
        for group in bare:
            group.country = country
            group.code = f"{country}{group.sector}"

    def _unnamed_officials(
        self, doc: Doc, actors: list[_Actor], persons: list[_Actor], taken: set[int]
    ) -> list[_Actor]:
        """Office holders the text does not name: "a French minister", "a top U.S. official".

        CAMEO codes "a Russian official" RUSGOV just as it codes a named one, and wire copy
        often hides the name. A singular noun phrase headed by a title and qualified by a
        country, seat or organisation becomes a person actor with that role; when a person
        named in the article already holds the same role, the phrase is one more mention of
        them instead ("Ukraine's foreign minister said").
        """
        covered = [m for a in actors for m in a.mentions]
        found: dict[str, _Actor] = {}
        for chunk in self._chunks:
            root = chunk.root
            if root.tag_ not in {"NN", "NNP"} or root.i in taken:
                continue
            if any(s <= root.idx < e for s, e in covered):
                continue
            if any(t.ent_type_ == "PERSON" for t in chunk) or root.dep_ == "appos":
                continue
            if any(c.dep_ == "appos" for c in root.children):
                continue  # "the governor, Oleg Chemezov": the name says who
            if (
                chunk.start >= 2
                and doc[chunk.start - 1].text == ","
                and doc[chunk.start - 2].ent_type_ == "PERSON"
            ):
                continue  # "Kenzo Oshima, the UN coordinator": describes the name
            if chunk.end < len(doc) and doc[chunk.end].ent_type_ == "PERSON":
                continue
            title = None
            title_start = root.i
            for width in (3, 2, 1):
                if root.i - width + 1 < chunk.start:
                    continue
                title = self.lex.title(doc[root.i - width + 1 : root.i + 1].text)
                if title is not None:
                    title_start = root.i - width + 1
                    break
            if title is None:
                continue
            qualifier = doc[chunk.start : title_start]
            country = self._country_in(qualifier) if len(qualifier) else None
            of_country = ""
            for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"):
                # "the president of Armenia"
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    row = country_of(pobj.text, self.lex)
                    if country is None and row is not None:
                        country, of_country = row.iso3, f" of {pobj.text}"
            org = None
            for ent in qualifier.ents:
                text = _strip_possessive(ent).text
                org = org or self.lex.organization(text)
                if country is None and org is None:  # "Cairo's security chief"
                    country = place_country(text, self.lex, subdivisions=False)
            if country is None and org is None:
                continue
            org_name = org.name if org is not None else None
            holder = next(
                (
                    p
                    for p in persons
                    if any(
                        r.title == title.title
                        and (r.country == country if country else r.organization == org_name)
                        for r in p.roles
                    )
                ),
                None,
            )
            if holder is not None:
                holder.mentions.append((chunk.start_char, chunk.end_char))
                continue
            sector = "GOV" if title.sector == "IGO" and org is None else title.sector
            code = org.code if org is not None else f"{country}{sector}"
            name = _strip_determiner(chunk).text + of_country
            actor = found.setdefault(
                code + title.title,
                _Actor(
                    "person",
                    f"office:{code}:{title.title}",
                    country=country,
                    sector=sector,
                    code=code,
                    organization=org.name if org is not None else None,
                    first_token=chunk.start,
                ),
            )
            actor.names.append(name)
            actor.mentions.append((chunk.start_char, chunk.end_char))
            actor.last_tokens.append(chunk.start)
            actor.roles.append(
                RoleReading(
                    title.title,
                    country,
                    org.name if org is not None else None,
                    title.sector,
                    chunk.start_char,
                    chunk.end_char,
                )
            )
        return list(found.values())

    def _places(self, doc: Doc, spans: list[Span]) -> list[dict[str, Any]]:
        """Group place mentions by name; "Kyiv region" keeps its region word."""
        places: dict[str, dict[str, Any]] = {}
        for span in sorted(spans, key=lambda s: s.start):
            if span.end < len(doc) and doc[span.end].lower_ in REGION_WORDS and span.label_ != "":
                span = doc[span.start : span.end + 1]
            name = span.text
            if name.isupper() and len(name) > 3:
                name = name.title()
            key = name.lower()
            place = places.setdefault(key, {"name": name, "mentions": []})
            place["mentions"].append([span.start_char, span.end_char])
        return [
            {"id": f"p{i}", "name": p["name"], "mentions": p["mentions"]}
            for i, p in enumerate(places.values(), start=1)
        ]


def _group_phrases(doc: Doc, chunks: Iterable[Span]) -> Iterator[Span]:
    """The noun chunks, and the possessor phrase inside each ("the Russian government" of
    "the Russian government's refusal"): the chunk's head is the thing owned, and the owner
    is an actor of its own."""
    for chunk in chunks:
        yield chunk
        for token in chunk:
            if token.dep_ == "poss" and token.i > chunk.start and token.tag_ in {"NN", "NNS"}:
                yield doc[chunk.start : token.i + 1]


def _phrase(token: Token) -> Span:
    """The phrase a token heads, from its left edge to itself ("Russia's Defence Ministry")."""
    return token.doc[token.left_edge.i : token.i + 1]


def _canonical_name(actor: _Actor) -> str:
    """The name an actor goes by: a person's or organisation's fullest name ("Emmanuel
    Macron" over "Macron"); a group's most used name, the first on a tie, since a group is
    every mention of one sector of one country ("Russian forces", "the Russian army",
    "Russia's Defence Ministry") and the longest is seldom the one the story uses.
    """
    if actor.kind != "group":
        return max(actor.names, key=lambda n: (len(n.split()), len(n)))
    counts = Counter(n.casefold() for n in actor.names)
    return max(actor.names, key=lambda n: (counts[n.casefold()], -actor.names.index(n)))


def _name_start(doc: Doc, start: int, finder: ActorFinder) -> int:
    """Extend a name left over an untagged given name ("Vitaliy" + "Kim")."""
    while start > 0:
        token = doc[start - 1]
        if (
            token.pos_ == "PROPN"
            and token.is_title
            and not token.ent_type_
            and token.lower_ not in finder.common_words
            and finder.lex.title(token.text) is None
            and finder.lex.demonym(token.text) is None
            and country_of(token.text, finder.lex) is None
        ):
            start -= 1
        else:
            break
    return start


def _name_end(doc: Doc, end: int) -> int:
    """Extend a name over particles, hyphens and the rest of a PERSON entity it runs into.

    "Ursula von" + "der Leyen", "Sheikh Tamim" + "bin Hamad Al Thani", "Mohammed Al" +
    "-Khulaifi".
    """
    while end < len(doc):
        token = doc[end]
        previous = doc[end - 1]
        continues_entity = token.ent_type_ == "PERSON" and token.ent_iob_ == "I"
        particle = token.lower_ in NAME_PARTICLES and end + 1 < len(doc) and doc[end + 1].is_title
        after_particle = previous.lower_ in NAME_PARTICLES and token.is_title
        hyphenated = (
            token.text == "-"
            and not previous.whitespace_
            and not token.whitespace_
            and end + 1 < len(doc)
            and doc[end + 1].is_title
        )
        if continues_entity or particle or after_particle:
            end += 1
        elif hyphenated:
            end += 2
        else:
            break
    return end


def _contains_name(full: list[str], short: list[str]) -> bool:
    """Whether a short name is the surname, the given name or a suffix of a full name."""
    if len(short) >= len(full):
        return False
    if full[-len(short) :] == short:
        return True
    return len(short) == 1 and full[0] == short[0]


@Language.factory(
    "ng_actors",
    requires=["doc.ents", "token.dep", "token.tag"],
    assigns=["doc._.ng_actors", "doc._.ng_places"],
    default_config={},
)
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    """Build the ``ng_actors`` component."""
    return ActorFinder(nlp, name)
