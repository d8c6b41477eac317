"""Time expressions normalised against the publication date (the ``ng_dates`` component)."""
