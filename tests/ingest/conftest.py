from __future__ import annotations

import pytest

from marsad.ingest import InputError, read_inputs


@pytest.fixture
def read_all():
    """Every item read_inputs yields for the given paths, as a list."""

    def run(*paths, **kwargs):
        return list(read_inputs([str(p) for p in paths], **kwargs))

    return run


@pytest.fixture
def read_one(read_all):
    """The single Document read from one path."""

    def run(path, **kwargs):
        items = read_all(path, **kwargs)
        assert len(items) == 1, items
        assert not isinstance(items[0], InputError), items[0]
        return items[0]

    return run
