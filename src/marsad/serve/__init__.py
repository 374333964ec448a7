"""Entry points: the command line (and later the HTTP API and web page)."""
