"""The web page over a store (page.py), its templates and its static files."""
