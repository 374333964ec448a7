"""Scorers that measure marsad against annotated data."""
