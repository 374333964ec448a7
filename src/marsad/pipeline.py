"""The stage protocol and the pipeline that runs stages over one document or a stream of them."""
from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from .document import Document

Stage = Callable[[Document], Document]
Item = TypeVar("Item")  # a Document, or anything else a stream carries through untouched (an unreadable path)
BATCH_PER_JOB = 64  # documents handed to each worker at a time: memory stays bounded, order is kept


@dataclass(slots=True)
class Counters:
    processed: int = 0
    failed: int = 0
    warned: int = 0

    def tally(self, doc: Document) -> None:
        self.processed += 1
        self.failed += doc.failed
        self.warned += bool(doc.warnings)


@dataclass(slots=True)
class Pipeline:
    """Stages run in order; a stage that raises is recorded on the document and the run goes on."""

    stages: list[Stage]
    counters: Counters = field(default_factory=Counters)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as err:  # noqa: BLE001 - one bad article must never stop a batch
                doc.warn(f"stage {_name(stage)} failed: {type(err).__name__}: {err}", failure=True)
                break
        return doc

    def run(self, items: Iterable[Item], jobs: int = 1) -> Iterator[Item]:
        """Analyse the documents of a stream in order, in `jobs` worker processes; other items pass through."""
        results = map(self._analyse, items) if jobs <= 1 else _in_workers(self, items, jobs)
        for item in results:
            if isinstance(item, Document):
                self.counters.tally(item)
            yield item

    def _analyse(self, item: Item) -> Item:
        return self(item) if isinstance(item, Document) else item


_worker_pipeline: Pipeline | None = None


def _start_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _analyse_in_worker(item: Item) -> Item:
    assert _worker_pipeline is not None
    return _worker_pipeline._analyse(item)


def _in_workers(pipeline: Pipeline, items: Iterable[Item], jobs: int) -> Iterator[Item]:
    stream = iter(items)
    with multiprocessing.get_context("fork").Pool(jobs, _start_worker, (pipeline,)) as pool:
        while batch := list(itertools.islice(stream, jobs * BATCH_PER_JOB)):
            yield from pool.map(_analyse_in_worker, batch, chunksize=max(1, len(batch) // (jobs * 4)))


def _name(stage: Stage) -> str:
    return getattr(stage, "__name__", type(stage).__name__)


def load_pipeline() -> Pipeline:
    """The default pipeline: cleaning, segmentation, tokens, entities."""
    from .ner.entities import EntityStage
    from .text.clean import clean
    from .text.segment import segment, tokenize

    return Pipeline([clean, segment, tokenize, EntityStage()])
