"""Models and lexicons shipped in the package, read through importlib.resources."""
from __future__ import annotations

import gzip
from collections.abc import Iterator
from importlib import resources


def data_rows(relative: str) -> Iterator[list[str]]:
    """Tab-separated rows of a shipped data file (gzip'd when it ends in .gz), comments skipped."""
    ref = resources.files(__package__).joinpath(relative)
    raw = ref.read_bytes()
    if relative.endswith(".gz"):
        raw = gzip.decompress(raw)
    for line in raw.decode("utf-8").split("\n"):
        if line and not line.startswith("#"):
            yield line.split("\t")
