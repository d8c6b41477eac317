"""Checks: numeric claims that do not add up."""
