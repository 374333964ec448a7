"""`python -m marsad` is the `marsad` command."""
from .serve.cli import app

app(prog_name="marsad")
