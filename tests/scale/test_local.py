"""The local runner: worker processes built from the config give the records of one process, in order."""
from __future__ import annotations

import os
import signal

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


MARKER = "\n(this document kills its worker)"
ANALYSE_BATCH = local.analyse_batch


def killing_batch(config, batch):
    """analyse_batch, but the worker process dies (SIGKILL) on a document holding the marker."""
    if any(isinstance(d, Document) and MARKER in d.raw for d in batch):
        os.kill(os.getpid(), signal.SIGKILL)
    return ANALYSE_BATCH(config, batch)


def test_a_killed_worker_costs_only_the_document_that_killed_it(monkeypatch):
    """Its piece is tried again a document at a time on a new pool; the one that kills a worker again comes back
    failed, with a warning; every other document comes back analysed, in order."""
    monkeypatch.setattr(local, "PIECE", 3)
    items = documents(20)
    items[7].raw += MARKER
    expected = [to_record(d) if isinstance(d, Document) else d for d in LocalRunner(KB_ONLY).run(items)]
    items = documents(20)
    items[7].raw += MARKER
    monkeypatch.setattr(local, "analyse_batch", killing_batch)
    runner = LocalRunner(KB_ONLY, jobs=2, start_method="fork")
    if runner.jobs < 2:
        pytest.skip("one usable processor: no worker processes")
    got = list(runner.run(items))
    assert len(got) == 21 and got[3] == "not a document"
    assert got[7].failed and "worker process" in got[7].warnings[-1]
    records = [to_record(d) if isinstance(d, Document) else d for d in got]
    assert records[:7] + records[8:] == expected[:7] + expected[8:]
    assert runner.counters.processed == 20 and runner.counters.failed == 1
