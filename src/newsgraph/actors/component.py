"""The ``ng_actors`` component: canonical actors and places from named entities.

This first version groups entity mentions into canonical actors (a surname joins the full
name it ends, "Rutte" joins "Mark Rutte") and sends toponyms to places. A country name acts as
an actor when it is the doer of a clause ("Russia launched"), and is a place otherwise ("in
Ukraine").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.extensions import register_extensions

ACTOR_LABELS = {"PERSON": "person", "ORG": "organization", "NORP": "group"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """Return the ISO 3166 alpha-3 code of a country name, or None."""
    cleaned = name.removeprefix("the ").strip()
    if len(cleaned) < 4 and not cleaned.isupper():
        return None
    try:
        return str(pycountry.countries.lookup(cleaned).alpha_3)
    except LookupError:
        return None


def _key(text: str) -> str:
    text = text.strip()
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if text.lower().startswith("the "):
        text = text[4:]
    return " ".join(text.split()).lower()


def _is_agent(ent: Span) -> bool:
    root = ent.root
    if root.dep_ in AGENT_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


def _mention(ent: Span) -> list[int]:
    end = ent.end_char
    if ent.text.endswith(("'s", "\u2019s")):
        end -= 2
    return [ent.start_char, end]


class ActorFinder:
    """Group entity mentions into canonical actors and places.

    Assigns ``doc._.ng_actors`` and ``doc._.ng_places`` (lists of plain dicts).
    """

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        actors: dict[str, dict[str, Any]] = {}
        places: dict[str, dict[str, Any]] = {}
        for ent in doc.ents:
            key = _key(ent.text)
            if not key:
                continue
            if ent.label_ == "GPE" and _is_agent(ent) and country_code(ent.text):
                kind = "country"
            elif ent.label_ in PLACE_LABELS:
                place = places.setdefault(key, {"name": ent.text, "mentions": []})
                place["mentions"].append(_mention(ent))
                continue
            elif ent.label_ in ACTOR_LABELS:
                kind = ACTOR_LABELS[ent.label_]
            else:
                continue
            actor = actors.setdefault(
                f"{kind}:{key}",
                {"name": doc.text[slice(*_mention(ent))], "kind": kind, "mentions": []},
            )
            actor["mentions"].append(_mention(ent))
        merged = _merge_surnames(list(actors.values()))
        doc._.ng_actors = [
            {
                "id": f"a{i}",
                "name": actor["name"],
                "kind": actor["kind"],
                "country": country_code(actor["name"]) if actor["kind"] == "country" else None,
                "code": None,
                "roles": [],
                "mentions": sorted(actor["mentions"]),
            }
            for i, actor in enumerate(merged, start=1)
        ]
        doc._.ng_places = [
            {"id": f"p{i}", "name": place["name"], "mentions": sorted(place["mentions"])}
            for i, place in enumerate(places.values(), start=1)
        ]
        return doc


def _merge_surnames(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold a one-word person ("Rutte") into the one full name it ends ("Mark Rutte")."""
    full_names = [a for a in actors if a["kind"] == "person" and len(a["name"].split()) > 1]
    kept: list[dict[str, Any]] = []
    for actor in actors:
        words = actor["name"].split()
        if actor["kind"] == "person" and len(words) == 1:
            owners = [f for f in full_names if f["name"].split()[-1] == words[0]]
            if len(owners) == 1:
                owners[0]["mentions"].extend(actor["mentions"])
                continue
        kept.append(actor)
    for actor in kept:
        longest = max(actor["mentions"], key=lambda m: m[1] - m[0])
        actor.setdefault("span", longest)
    return kept


@Language.factory(
    "ng_actors",
    requires=["doc.ents", "token.dep"],
    assigns=["doc._.ng_actors", "doc._.ng_places"],
    default_config={},
)
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    """Build the ``ng_actors`` component."""
    return ActorFinder(nlp, name)
