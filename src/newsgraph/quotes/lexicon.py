"""The quote lexicons: reporting cues (verbs, nouns, phrases) and speaker nouns.

Both are JSON Lines files in ``quotes/data``, read with ``importlib.resources``, validated row
by row with pydantic, and reachable through registered loaders (``newsgraph.reporting_verbs.v1``
and ``newsgraph.speaker_nouns.v1``) so a user can swap them in a pipeline config. Matching is by
the lower-cased word form as written, not only by lemma: the small English model mislemmatises
reporting verbs often enough ("stressed" as an adjective) that forms are the safer key, and a
set lookup per token costs nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any, Literal, TypeVar

import numpy
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry

from newsgraph.errors import LexiconError
from newsgraph.lexicon_io import parse_jsonl_rows

logger = logging.getLogger(__name__)

Frame = Literal["clause", "object", "infinitive", "naming", "medium", "utterance"]
"""How a cue takes its content: a clause ("said that ..."), a direct object ("confirmed his
participation"), an infinitive ("urged allies to ..."), a naming ("called the detentions an act
of revenge", "described the plan as reckless"), for nouns, a medium the statement was made in
("said in a statement"), or, for verbs of voicing words, an utterance: quoted words however
few ("chanted "Lock her up"", "the sign read "Hispanics 4 Trump"")."""


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CueRow(_Row):
    """A reporting cue: a verb, a noun or a fixed phrase, with the forms it is written in."""

    lemma: str = Field(min_length=2)
    pos: Literal["verb", "noun", "phrase"]
    forms: list[str] = Field(min_length=1, description="Lower-cased forms as written.")
    frames: list[Frame] = Field(default_factory=list)
    preps: list[str] = Field(
        default_factory=list, description='Prepositions whose object is the content ("call for").'
    )

    @field_validator("forms", "preps")
    @classmethod
    def _lower(cls, values: list[str]) -> list[str]:
        if any(v != v.lower().strip() or not v for v in values):
            raise ValueError(f"forms and preps must be lower-case and trimmed: {values}")
        return values


class SpeakerNounRow(_Row):
    """A common noun that can head a speaker phrase: a person ("spokesman"), a body ("the
    army") or a document that speaks for its author ("the report", "final results")."""

    noun: str = Field(min_length=2)
    kind: Literal["person", "collective", "document"]
    same_as: list[str] = Field(
        default_factory=list,
        description='Words an actor name may use for the same body ("army" -> "armed forces").',
    )


Row = TypeVar("Row", bound=_Row)


def read_rows(name: str, model: type[Row]) -> list[Row]:
    """Read and validate one JSON Lines lexicon from ``quotes/data``.

    Raises:
        LexiconError: The file is missing or a row does not validate.
    """
    resource = files("newsgraph.quotes").joinpath("data", name)
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise LexiconError(f"lexicon {name} is missing from newsgraph/quotes/data") from error
    return parse_jsonl_rows(text, name, model)


@registry.misc("newsgraph.reporting_verbs.v1")
def load_reporting_verbs() -> list[dict[str, Any]]:
    """Reporting verbs, nouns and phrases ("said", "in a statement", "according to")."""
    return [row.model_dump() for row in read_rows("reporting_verbs.jsonl", CueRow)]


@registry.misc("newsgraph.speaker_nouns.v1")
def load_speaker_nouns() -> list[dict[str, Any]]:
    """Common nouns heading speaker phrases ("the spokesman", "the army")."""
    return [row.model_dump() for row in read_rows("speaker_nouns.jsonl", SpeakerNounRow)]


@dataclass
class QuoteLexicon:
    """The lookup tables the quote finder needs, built once from the lexicon rows."""

    verbs: dict[str, CueRow] = field(default_factory=dict)
    """Verb form -> its row."""
    nouns: dict[str, CueRow] = field(default_factory=dict)
    """Noun form -> its row."""
    phrases: dict[tuple[str, ...], CueRow] = field(default_factory=dict)
    """Phrase words -> its row ("according", "to")."""
    person_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    collective_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    """Collective noun -> the words an actor name may use for it (itself included)."""
    _hashes: numpy.ndarray[Any, Any] | None = field(default=None, repr=False)

    @classmethod
    def from_rows(
        cls, cues: Iterable[dict[str, Any]], speakers: Iterable[dict[str, Any]] = ()
    ) -> QuoteLexicon:
        """Validate rows (as the loaders return them) and index them.

        Raises:
            LexiconError: A row does not validate.
        """
        lexicon = cls()
        persons: set[str] = set()
        documents: set[str] = set()
        try:
            cue_rows = [CueRow.model_validate(row) for row in cues]
            noun_rows = [SpeakerNounRow.model_validate(row) for row in speakers]
        except ValidationError as error:
            raise LexiconError(f"invalid quote lexicon row ({error})") from error
        for row in cue_rows:
            for form in row.forms:
                if row.pos == "verb":
                    lexicon.verbs[form] = row
                elif row.pos == "noun":
                    lexicon.nouns[form] = row
                else:
                    lexicon.phrases[tuple(form.split())] = row
        for noun in noun_rows:
            if noun.kind == "person":
                persons.add(noun.noun)
            elif noun.kind == "document":
                documents.add(noun.noun)
            else:
                lexicon.collective_nouns[noun.noun] = frozenset({noun.noun, *noun.same_as})
        lexicon.person_nouns = frozenset(persons)
        lexicon.document_nouns = frozenset(documents)
        logger.debug(
            "quote lexicon: %d verb forms, %d noun forms, %d phrases",
            len(lexicon.verbs),
            len(lexicon.nouns),
            len(lexicon.phrases),
        )
        return lexicon

    def rows(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Return the rows this lexicon was built from (for serialisation)."""
        cues: dict[tuple[str, str], CueRow] = {}
        for row in (*self.verbs.values(), *self.nouns.values(), *self.phrases.values()):
            cues.setdefault((row.pos, row.lemma), row)
        speakers: list[dict[str, Any]] = [
            {"noun": noun, "kind": "person", "same_as": []} for noun in sorted(self.person_nouns)
        ]
        speakers += [
            {"noun": noun, "kind": "document", "same_as": []}
            for noun in sorted(self.document_nouns)
        ]
        speakers += [
            {"noun": noun, "kind": "collective", "same_as": sorted(same - {noun})}
            for noun, same in sorted(self.collective_nouns.items())
        ]
        return [row.model_dump() for row in cues.values()], speakers

    def candidates(self, doc: Doc) -> list[int]:
        """Indices of the tokens written like a cue (a verb, noun or phrase start), found
        with one vectorised lookup instead of a Python pass over every token."""
        if self._hashes is None:
            forms = {*self.verbs, *self.nouns, *(words[0] for words in self.phrases)}
            self._hashes = numpy.array(sorted(get_string_id(f) for f in forms), dtype="uint64")
        lowers = doc.to_array(LOWER)
        return [int(i) for i in numpy.flatnonzero(numpy.isin(lowers, self._hashes))]

    def phrase_starts(self) -> dict[str, list[tuple[str, ...]]]:
        """First word -> the phrases starting with it, longest first."""
        starts: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(self.phrases, key=len, reverse=True):
            starts.setdefault(words[0], []).append(words)
        return starts


def default_lexicon() -> QuoteLexicon:
    """The lexicon built from the package's data files."""
    return QuoteLexicon.from_rows(load_reporting_verbs(), load_speaker_nouns())
