"""Language identification with py3langid, whose model ships inside the pip package."""

from __future__ import annotations

from functools import lru_cache

import pycountry
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsgraph.errors import InputError

MIN_CHARS_TO_JUDGE = 80
"""Texts shorter than this are too short to identify reliably; they pass as English."""

REJECT_PROBABILITY = 0.90
"""A text is refused only when another language is this probable."""


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Return the most probable ISO 639-1 language code of ``text`` and its probability."""
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)


def language_name(code: str) -> str:
    """Return the English name of an ISO 639-1 code, or the code itself."""
    lang = pycountry.languages.get(alpha_2=code)
    return str(lang.name) if lang is not None else code


def ensure_english(text: str, *, source: str | None = None) -> str:
    """Return "en" when ``text`` is English (or too short to tell), else raise.

    Raises:
        InputError: The text is confidently identified as another language.
    """
    if len(text) < MIN_CHARS_TO_JUDGE:
        return "en"
    lang, prob = detect_language(text)
    if lang != "en" and prob >= REJECT_PROBABILITY:
        raise InputError(
            f"text is not English (detected {language_name(lang)} '{lang}', "
            f"p={prob:.2f}); newsgraph analyses English news only",
            source=source,
        )
    return "en"
