"""The ``newsgraph`` command line (Typer + Rich): thin wrappers over library functions."""

from newsgraph.cli.main import app

__all__ = ["app"]
