"""The local runner: a stream of documents analysed in worker processes, results in input order.

    runner = LocalRunner(PipelineConfig(), jobs=2)
    for item in runner.run(read_inputs(paths)): ...
    runner.counters                                  # tallied here, as results come back

Workers get the config, never a pipeline: each builds its own once
(`pipeline_for`), so any start method works (fork shares the models the parent
already loaded; spawn and forkserver load them again). Documents come back from
workers with the layers of their record; the working layers (tokens, role
phrases, paragraphs) stay behind.
"""
from __future__ import annotations

import collections
import functools
import gc
import itertools
import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from ..config import PipelineConfig
from ..document import Document
from ..pipeline import Counters, Pipeline, load_pipeline

log = logging.getLogger(__name__)
Item = TypeVar("Item")
PIECE = 16  # documents a worker takes at a time
PIECES_AHEAD = 4  # pieces handed out ahead for each worker: at most 64 documents a worker in flight (memory stays
# bounded, order is kept)
WORKING_LAYERS = ("tokens", "role_phrases", "paragraphs")  # what the stages work on and no record holds: left in
# the worker (a document pickles to a third of its size without them, 14 KB instead of 39 KB on SaudiNewsNet)
DEFAULT_START = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


@functools.lru_cache(maxsize=1)
def pipeline_for(config: PipelineConfig) -> Pipeline:
    """The pipeline of this process for `config`, built on first use."""
    pipeline = load_pipeline(config)
    gc.freeze()
    return pipeline


def analyse_batch(config: PipelineConfig, batch: Sequence[Item]) -> list[Item]:
    """Run in a worker: the documents of a batch analysed, without their working layers, anything else passed
    through."""
    pipeline = pipeline_for(config)
    out = []
    for item in batch:
        if isinstance(item, Document):
            item = pipeline(item)
            for layer in WORKING_LAYERS:
                setattr(item, layer, [])
        out.append(item)
    return out


def usable_cpus() -> int:
    """The processors this process may run on (its affinity mask, as taskset or a container sets it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalRunner:
    """`jobs` worker processes, never more than the usable processors (more only slow the run and cost memory)."""

    def __init__(self, config: PipelineConfig | None = None, *, jobs: int = 1, start_method: str = DEFAULT_START) -> None:
        self.config = config or PipelineConfig()
        self.jobs = min(jobs, usable_cpus())
        self.start_method = start_method
        self.pipeline = load_pipeline(self.config)  # also loads the models that forked workers then share
        gc.freeze()  # the models live as long as the run: the collector need never walk them again

    @property
    def counters(self) -> Counters:
        return self.pipeline.counters

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        if self.jobs <= 1:
            yield from self.pipeline.run(items)
            return
        for item in self._in_workers(items):
            if isinstance(item, Document):
                self.pipeline.tally(item)
            yield item

    def _in_workers(self, items: Iterable[Item]) -> Iterator[Item]:
        """Pieces handed out ahead, a few per worker, and taken back in order: the workers go on with the next ones
        while this process writes what came back. A worker that dies (killed, out of memory, a crash in C) costs
        a new pool: its piece is tried again a document at a time, and a document that kills a worker again comes
        back failed, with a warning; the run goes on."""
        stream = iter(items)
        work = functools.partial(analyse_batch, self.config)
        pool = self._pool()
        pending: collections.deque = collections.deque()  # (piece, its future), in input order
        try:
            while True:
                while len(pending) < self.jobs * PIECES_AHEAD and (piece := list(itertools.islice(stream, PIECE))):
                    pending.append((piece, pool.submit(work, piece)))
                if not pending:
                    return
                piece, future = pending.popleft()
                try:
                    yield from future.result()
                    continue
                except BrokenProcessPool:
                    log.warning("a worker process died: its %d documents are analysed again, one at a time", len(piece))
                pool.shutdown(wait=True, cancel_futures=True)
                pool = self._pool()
                for item in piece:
                    try:
                        yield from pool.submit(work, [item]).result()
                    except BrokenProcessPool:
                        yield _lost(item)
                        pool.shutdown(wait=True)
                        pool = self._pool()
                pending = collections.deque((p, f if _succeeded(f) else pool.submit(work, p)) for p, f in pending)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(self.start_method))


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _lost(item: Item) -> Item:
    """A document that a worker process died on, alone: failed, with a warning that says so."""
    if isinstance(item, Document):
        item.warn("analysis failed: the worker process analysing this document alone died (killed, out of memory "
                  "or a crash in native code)", failure=True)
    return item
