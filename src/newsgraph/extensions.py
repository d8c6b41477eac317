"""Every ``Doc._`` attribute newsgraph uses, registered in one place.

Values are plain msgpack-serialisable data (dicts, lists, strings, numbers, character
offsets), never pydantic objects or ``Span`` objects, so that ``nlp.pipe(n_process=N)`` and
``DocBin(store_user_data=True)`` carry them. ``model/convert.py`` turns them into the public
document model at the boundary.
"""

from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Doc

logger = logging.getLogger(__name__)

DOC_EXTENSIONS: dict[str, Any] = {
    "ng_meta": None,  # dict: id, source, title, published (ISO), url, author, language
    "ng_blocks": None,  # list of {kind, start, end}: title, heading, dateline, paragraph
    "ng_dateline": None,  # {start, end, place_text, date_text} or None
    "ng_actors": None,  # list of actor dicts (see actors/component.py)
    "ng_places": None,  # list of place dicts
    "ng_times": None,  # list of time-expression dicts
    "ng_events": None,  # list of event dicts
    "ng_quotes": None,  # list of quote dicts
    "ng_checks": None,  # list of check dicts
}
"""Name -> default of every stored Doc extension (defaults are None: lists are per doc)."""


def register_extensions(force: bool = False) -> None:
    """Register every newsgraph ``Doc`` extension once; idempotent.

    Args:
        force: Re-register attributes that already exist (logs a warning for each).
    """
    for name, default in DOC_EXTENSIONS.items():
        if Doc.has_extension(name):
            if not force:
                continue
            logger.warning("Overwriting existing Doc extension %r", name)
        Doc.set_extension(name, default=default, force=force)
