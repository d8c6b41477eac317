"""Allow ``python -m newsgraph``."""

from newsgraph.cli import app

app(prog_name="newsgraph")
