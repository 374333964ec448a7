"""The local runner: worker processes built from the config give the records of one process, in order."""
from __future__ import annotations

import pytest

from marsad.config import EntityConfig, PipelineConfig, TaggerKind
from marsad.document import Document, Source
from marsad.record import to_record
from marsad.scale import local
from marsad.scale.local import LocalRunner

from ..conftest import saudinewsnet_day

KB_ONLY = PipelineConfig(entities=EntityConfig(tagger=TaggerKind.none))


def documents(n: int) -> list:
    """SaudiNewsNet articles (2015-07-21), with an item that is not a document among them."""
    items: list = [Document(Source(format="jsonl", path="day.jsonl", line=i), raw=a["content"] or "")
                   for i, a in enumerate(saudinewsnet_day()[:n], 1)]
    items.insert(3, "not a document")
    return items


@pytest.mark.parametrize("start_method", ["spawn", "fork"])
def test_workers_give_the_records_of_one_process_in_order(start_method, monkeypatch):
    monkeypatch.setattr(local, "PIECE", 3)  # 14 pieces: more than are handed out ahead at once
    one = LocalRunner(KB_ONLY)
    expected = [to_record(d) if isinstance(d, Document) else d for d in one.run(documents(40))]
    many = LocalRunner(KB_ONLY, jobs=2, start_method=start_method)
    got = [to_record(d) if isinstance(d, Document) else d for d in many.run(documents(40))]
    assert got == expected
    assert many.counters.processed == one.counters.processed == 40
    assert many.counters.stages["entities"].processed == 40
