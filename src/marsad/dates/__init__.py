"""Dates: Arabic temporal expressions, their values resolved against the publication date."""
