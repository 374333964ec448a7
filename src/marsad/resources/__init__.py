"""Models and lexicons shipped in the package, read through importlib.resources."""
from __future__ import annotations

import gzip
from collections.abc import Iterator
from importlib import resources


def data_rows(relative: str) -> Iterator[list[str]]:
    """Tab-separated rows of a shipped data file (gzip'd when it ends in .gz), comments skipped."""
    for line in _lines(relative):
        yield line.split("\t")


def data_columns(relative: str, width: int) -> list[list[str]]:
    """The `width` columns of a shipped tab-separated file, each a list (one split of the whole file: a large
    lexicon loads several times faster than row by row)."""
    cells = "\t".join(_lines(relative)).split("\t")
    if len(cells) % width:
        raise ValueError(f"{relative}: rows of other than {width} columns")
    return [cells[k::width] for k in range(width)]


def _lines(relative: str) -> list[str]:
    raw = resources.files(__package__).joinpath(relative).read_bytes()
    if relative.endswith(".gz"):
        raw = gzip.decompress(raw)
    return [line for line in raw.decode("utf-8").split("\n") if line and not line.startswith("#")]
