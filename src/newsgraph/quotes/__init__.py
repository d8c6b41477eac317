"""Quotes: direct and indirect statements with their cues and speakers resolved to actors."""
