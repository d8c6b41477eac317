"""Places: toponyms resolved offline to GeoNames entries (the ``ng_geocoder`` component)."""
