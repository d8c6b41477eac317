"""Exceptions and coded warnings.

Every exception derives from ``NewsgraphError`` and carries the HTTP status the API should
answer with; subclasses also derive from the matching built-in so callers can catch either.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""

    status_code = 500


class ConfigError(NewsgraphError, ValueError):
    """A setting or argument has a value newsgraph cannot use."""

    status_code = 400


class LexiconError(NewsgraphError, ValueError):
    """A lexicon data file is missing or has a malformed row."""


class NotFoundError(NewsgraphError, LookupError):
    """A requested object (document, event, actor) does not exist."""

    status_code = 404


class StoreError(NewsgraphError):
    """The store could not read or write."""


class ExtractionError(NewsgraphError):
    """A document could not be read or analysed."""

    status_code = 422


class InputError(ExtractionError, ValueError):
    """An input is empty, binary, undecodable, unparseable, too large or not English.

    ``source`` names the file, URL or record so that a batch summary can say which input
    failed and why.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.reason = message
        super().__init__(f"{source}: {message}" if source else message)


class ModelNotFoundError(ConfigError):
    """The configured spaCy pipeline is not installed."""


class Warnings:
    """Coded warnings, so that users can filter them by code."""

    W001 = "[W001] {n} document(s) could not be read and were skipped."
    W002 = "[W002] The spaCy pipeline '{model}' lacks components {missing}; some fields stay empty."
