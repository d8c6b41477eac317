"""newsgraph: English news about politics, diplomacy and conflict as structured, source-linked data.

The public API is ``extract()`` for one article and ``extract_many()`` for a batch; both
return the typed ``Document`` model (see ``newsgraph.model``).
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

from newsgraph.extensions import register_extensions  # noqa: E402

register_extensions()

from newsgraph.model import Document  # noqa: E402
from newsgraph.pipeline import load  # noqa: E402
from newsgraph.process import extract, extract_many  # noqa: E402

__all__ = ["Document", "__version__", "extract", "extract_many", "load"]
