"""The document model: the output contract and its JSON Schema."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from newsgraph.model import Document, DocumentInfo, Span, json_schema

CONTRACT = {
    "document": {"id", "source", "title", "published", "url", "language"},
    "actors": {"id", "name", "kind", "roles", "code", "mentions"},
    "places": {"id", "name", "lat", "lon", "country", "admin1", "geonames_id", "mentions"},
    "events": {
        "id",
        "type",
        "mode",
        "cameo",
        "source",
        "target",
        "place",
        "date",
        "quantities",
        "factuality",
        "evidence",
    },
    "quotes": {
        "id",
        "kind",
        "text",
        "start",
        "end",
        "speaker",
        "speaker_text",
        "speaker_span",
        "cue",
        "cue_span",
    },
    "checks": {"kind", "severity", "message", "values", "evidence"},
}


def _item_properties(schema: dict, field: str) -> set[str]:
    defs = schema["$defs"]
    node = schema["properties"][field]
    ref = node.get("$ref") or node["items"]["$ref"]
    return set(defs[ref.split("/")[-1]]["properties"])


@pytest.mark.parametrize("field", sorted(CONTRACT))
def test_model_schema_keeps_the_contract(field: str) -> None:
    assert CONTRACT[field] <= _item_properties(json_schema(), field)


def test_model_schema_role_and_quantity_fields() -> None:
    defs = json_schema()["$defs"]
    assert {"title", "country", "organization"} <= set(defs["Role"]["properties"])
    assert {"value", "unit", "status", "text"} <= set(defs["Quantity"]["properties"])
    assert set(defs["Factuality"]["enum"]) == {"asserted", "negated", "hypothetical", "future"}
    assert set(defs["ActorKind"]["enum"]) == {"person", "organization", "country", "group"}


def test_model_span_rejects_reversed_offsets() -> None:
    with pytest.raises(ValidationError):
        Span(start=5, end=2, text="")


def test_model_rejects_unknown_fields_and_is_frozen() -> None:
    with pytest.raises(ValidationError):
        DocumentInfo(id="x", text="t", colour="red")  # type: ignore[call-arg]
    info = DocumentInfo(id="x", text="t")
    with pytest.raises(ValidationError):
        info.title = "changed"  # type: ignore[misc]


def test_model_round_trips_through_json() -> None:
    document = Document(document=DocumentInfo(id="abc", text="Talks resumed."))
    again = Document.model_validate_json(document.model_dump_json())
    assert again == document
    assert again.id == "abc" and again.text == "Talks resumed."
