"""Every time-word lexicon entry loads, normalises as its row says, and is reachable."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from newsgraph.dates.component import TimeTagger
from newsgraph.dates.lexicon import TimeWordRow, time_words, word_table
from newsgraph.dates.normalise import Normaliser

ROWS = time_words()


def test_lexicon_loads_through_the_registry() -> None:
    from spacy.util import registry

    loader = registry.misc.get("newsgraph.time_words.v1")
    assert loader() == ROWS and len(ROWS) > 50


@pytest.mark.parametrize("row", ROWS, ids=[r.text for r in ROWS])
def test_lexicon_every_entry_is_used_by_the_normaliser(row: TimeWordRow) -> None:
    found = Normaliser(word_table(ROWS))(row.text, date(2025, 4, 9), None)
    if row.kind == "reject":
        assert found is None
        return
    assert found is not None and found.type == row.type
    if row.kind in ("word", "duration", "set"):
        assert found.value == row.value
    else:
        assert found.value is not None and found.value[:4].isdigit()


@pytest.mark.model
@pytest.mark.parametrize("row", [r for r in ROWS if r.match], ids=lambda r: r.text)
def test_lexicon_every_matched_entry_is_found_in_text(nlp: Language, row: TimeWordRow) -> None:
    tagger = TimeTagger(nlp, "test", words=ROWS)
    doc = nlp.make_doc(f"The ministers said so {row.text} , officials added .")
    assert any(span.text.lower() == row.text for span in tagger.candidates(doc))
