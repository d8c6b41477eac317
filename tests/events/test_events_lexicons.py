"""Every events lexicon entry loads, validates and is used."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.errors import LexiconError
from newsgraph.events.codes import load_table
from newsgraph.events.factuality import CUE_KINDS, CueRow, Cues, event_cues
from newsgraph.events.quantities import (
    QuantityFinder,
    QuantityLexicon,
    QuantityRow,
    event_quantities,
    parse_number,
)
from newsgraph.events.triggers import (
    ComplementTable,
    ModeTable,
    TriggerLexicon,
    TriggerRow,
    event_complements,
    event_modes,
    event_triggers,
    validate_rows,
)

TRIGGER_ROWS = [TriggerRow.model_validate(row) for row in event_triggers()]


def test_lexicons_load_and_validate() -> None:
    assert len(TRIGGER_ROWS) > 350
    assert TriggerLexicon.from_dicts(event_triggers()).rows == TRIGGER_ROWS
    assert ComplementTable.from_dicts(event_complements()).rows
    assert ModeTable.from_dicts(event_modes()).rows
    assert Cues.from_dicts(event_cues()).sets
    assert QuantityLexicon.from_dicts(event_quantities()).numbers


def test_lexicons_bad_row_names_the_file() -> None:
    with pytest.raises(LexiconError, match=r"triggers\.jsonl row 1"):
        validate_rows(TriggerRow, [{"lemma": "Attack", "pos": "VERB"}], "triggers.jsonl")


def test_lexicons_trigger_rows_are_distinct() -> None:
    keys = [row.model_dump_json() for row in TRIGGER_ROWS]
    assert len(keys) == len(set(keys))


@pytest.mark.model
def test_lexicons_every_trigger_fires_on_its_example(nlp: Language) -> None:
    lexicon = nlp.get_pipe("ng_events").lexicon
    missed = []
    for row, doc in zip(TRIGGER_ROWS, nlp.pipe(r.example for r in TRIGGER_ROWS), strict=True):
        if not any(trigger.row == row for trigger in lexicon.find(doc)):
            missed.append((row.lemma, row.pos, row.type, row.example))
    assert missed == []


def test_lexicons_every_complement_is_reachable() -> None:
    table = ComplementTable.from_dicts(event_complements())
    for row in table.rows:
        assert table.refine(row.outer, row.inner) == (row.cameo, row.mode)


@pytest.mark.model
def test_lexicons_every_mode_word_sets_its_mode(nlp: Language) -> None:
    table = ModeTable.from_dicts(event_modes())
    for row in table.rows:
        token = nlp.make_doc(row.lemma)[0]
        assert table.lookup(row.type, [token]) == (row.mode, row.cameo), row


@pytest.mark.parametrize("kind", CUE_KINDS)
def test_lexicons_every_cue_kind_is_filled_and_looked_up(kind: str) -> None:
    rows = [CueRow.model_validate(r) for r in event_cues() if r["kind"] == kind]
    cues = Cues.from_dicts(event_cues())
    assert rows, kind
    assert {r.lemma for r in rows} == set(cues.sets[kind])


def test_lexicons_every_number_word_parses() -> None:
    lexicon = QuantityLexicon.from_dicts(event_quantities())
    for words, value in lexicon.numbers.items():
        assert parse_number(list(words), lexicon.numbers) == value, words


def test_lexicons_quantity_rows_all_land_in_a_table() -> None:
    rows = [QuantityRow.model_validate(r) for r in event_quantities()]
    lexicon = QuantityLexicon.from_dicts(event_quantities())
    sizes = {
        "status": len(lexicon.statuses) + len(lexicon.particle_statuses),
        "approximator": len(lexicon.approximators),
        "vague": len(lexicon.vague),
        "number": len(lexicon.numbers),
        "munition": len(lexicon.munitions),
        "person": len(lexicon.persons),
    }
    for kind, size in sizes.items():
        assert size == len({r.phrase for r in rows if r.kind == kind}), kind


@pytest.mark.model
def test_lexicons_every_approximator_and_vague_amount_bounds_a_count(nlp: Language) -> None:
    lexicon = QuantityLexicon.from_dicts(event_quantities())
    finder = QuantityFinder(lexicon)
    for words, bound in lexicon.approximators.items():
        doc = nlp(f"Officials said {' '.join(words)} 40 people were killed in the attack.")
        found = [q for s in doc.sents for q in finder.find(s) if q.status == "killed"]
        assert found and found[0].value == 40, words
        assert (found[0].lower, found[0].upper) != (40, 40) or bound is None, words
    for words, (lower, _) in lexicon.vague.items():
        if words == ("dozen",):
            continue
        doc = nlp(f"Officials said {' '.join(words)} of people were killed in the attack.")
        found = [q for s in doc.sents for q in finder.find(s) if q.status == "killed"]
        assert found and found[0].lower == lower and found[0].value is None, words


def test_lexicons_every_trigger_code_has_a_goldstein_weight() -> None:
    table = load_table()
    assert all(table.goldstein(row.cameo) is not None for row in TRIGGER_ROWS)
