"""Analyse and store: inputs read, the articles the store already holds skipped before any analysis, the rest run
through the pipeline (in worker processes with --jobs) and stored a batch per transaction. Killed at any point, the
same command run again goes on where the last committed batch ended.

    summary = ingest(["day.jsonl"], store, PipelineConfig(), on_progress=print)
"""
from __future__ import annotations

import functools
import gc
import itertools
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .. import __version__
from ..config import PipelineConfig
from ..document import Document, Source
from ..ingest import IngestStats, InputError, read_inputs
from ..record import to_record
from ..scale.local import DEFAULT_START, LocalRunner, usable_cpus
from .base import Store
from .rows import Stored, prepare_pair

GIVEN = ("title", "published", "outlet", "byline")  # what a reader may set before analysis, kept with the input
BATCH = 250  # records a transaction stores: a kill loses at most this much work, never stores half of it
LOOKUP = 500  # inputs whose ids are looked up in the store at once


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    already: int = 0  # in the store before this run
    duplicates: int = 0  # the same article twice in this run's inputs
    failed: int = 0  # stored with the failure in their warnings
    unreadable: list[str] = field(default_factory=list)  # paths that could not be read, with why

    def lines(self) -> list[str]:
        return [f"marsad: {self.read} articles read, {self.stored} stored, {self.already} already there, "
                f"{self.duplicates} duplicates, {self.failed} failed, {len(self.unreadable)} unreadable paths"]


def made_by(config: PipelineConfig) -> dict:
    """What made a stored record: the marsad version and the models (kept for re-analysis)."""
    return {"marsad": __version__, "tagger": config.entities.tagger.value}


def ingest(paths: Iterable[str], store: Store, config: PipelineConfig, *, jobs: int = 1,
           published: str | None = None, reanalyse: bool = False, batch: int = BATCH,
           on_progress: Callable[[int], None] | None = None, on_error: Callable[[str], None] | None = None
           ) -> IngestSummary:
    """Analyse the inputs and store what the store lacks (everything, replacing, with `reanalyse`)."""
    summary = IngestSummary()
    runner = LocalRunner(config, jobs=jobs)
    given: dict[str, Stored] = {}
    docs = _new(read_inputs(paths, stats=IngestStats()), store, summary, published, reanalyse, on_error, given)
    _store(runner.run(docs), store, made_by(config), summary, reanalyse, on_progress, given, batch)
    return summary


def store_records(paths: Iterable[str], store: Store, *, jobs: int = 1, batch: int = BATCH,
                  on_progress: Callable[[int], None] | None = None, on_error: Callable[[str], None] | None = None
                  ) -> IngestSummary:
    """Store records that `marsad analyze` (or another runner) wrote, as they are: nothing is analysed. A record
    read back is the input kept for re-analysis (its text); a line that is no record is counted unreadable. With
    `jobs`, worker processes make the rows while the store writes."""
    from ..export.records import BadRecord, read_records

    summary = IngestSummary()
    given: dict[str, Stored] = {}
    items = (InputError(r.where, r.message) if isinstance(r, BadRecord) else r for r in read_records(paths))
    docs = _new(items, store, summary, None, False, on_error, given)
    _store(docs, store, {"stored_by": __version__, "from": "records"}, summary, False, on_progress, given, batch,
           jobs)
    return summary


def reanalyse_all(store: Store, config: PipelineConfig, *, jobs: int = 1, batch: int = BATCH,
                  on_progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Run every stored article through the current pipeline again and replace its record."""
    summary = IngestSummary()
    runner = LocalRunner(config, jobs=jobs)
    given: dict[str, Stored] = {}

    def stored() -> Iterator[Document]:
        for record, kept in store.inputs():
            src = record["source"]
            doc = Document(Source(src["format"], path=src.get("path"), line=src.get("line"),
                                  input_id=src.get("input_id"), url=src.get("url")), raw=kept.raw)
            for name in GIVEN:
                setattr(doc, name, kept.fields.get(name))
            doc.stored_id = record["id"]
            given[doc.id] = kept
            summary.read += 1
            yield doc

    _store(runner.run(stored()), store, made_by(config), summary, True, on_progress, given, batch)
    return summary


def _new(items: Iterable[Document | InputError], store: Store, summary: IngestSummary, published: str | None,
         reanalyse: bool, on_error: Callable[[str], None] | None, given: dict[str, Stored]) -> Iterator[Document]:
    """The documents to analyse: each article once, and none the store holds (unless re-analysing); their input
    kept in `given` until stored."""
    seen: set[str] = set()
    chunk: list[Document] = []

    def flush() -> Iterator[Document]:
        held = set() if reanalyse else store.stored(d.id for d in chunk)
        for doc in chunk:
            if doc.id in held:
                summary.already += 1
            else:
                raw = doc.raw if doc.raw is not None else doc.text  # (a record read back keeps no input)
                given[doc.id] = Stored(raw, {name: getattr(doc, name) for name in GIVEN})
                yield doc
        chunk.clear()

    for item in items:
        if isinstance(item, InputError):
            summary.unreadable.append(f"{item.path}: {item.message}")
            if on_error:
                on_error(f"cannot read {item.path}: {item.message}")
            continue
        summary.read += 1
        item.published = item.published or published
        if item.id in seen:
            summary.duplicates += 1
            continue
        seen.add(item.id)
        chunk.append(item)
        if len(chunk) >= LOOKUP:
            yield from flush()
    yield from flush()


def _store(docs: Iterable[Document], store: Store, who: dict, summary: IngestSummary, replace: bool,
           on_progress: Callable[[int], None] | None, given: dict[str, Stored], size: int, jobs: int = 1) -> None:
    def pairs() -> Iterator[tuple[dict, Stored]]:
        for doc in docs:
            summary.failed += doc.failed
            yield to_record(doc), given.pop(doc.id)

    def progress(stored: int) -> None:
        summary.stored = stored
        if on_progress:
            on_progress(stored)

    put_all(pairs(), store, who, jobs=jobs, batch=size, replace=replace, on_progress=progress)


def put_all(pairs: Iterable[tuple[dict, Stored]], store: Store, made_by: dict, *, jobs: int = 1, batch: int = BATCH,
            replace: bool = False, on_progress: Callable[[int], None] | None = None) -> int:
    """Store (record, input) pairs a batch a transaction; with `jobs`, worker processes make the next batch's rows
    (store/rows.py) while this one writes the last. Returns how many were written."""
    work = functools.partial(prepare_pair, made_by=json.dumps(made_by, sort_keys=True))
    chunks = iter(lambda it=iter(pairs): list(itertools.islice(it, batch)), [])
    stored = 0

    def put(rows) -> None:
        nonlocal stored
        gc.disable()  # (a batch's rows are few and acyclic: no collection while they are written)
        try:
            stored += store.put_rows(rows, replace=replace)
        finally:
            gc.enable()
        gc.freeze()  # what the run keeps (the duplicate index grows by every article) need not be walked again
        if on_progress:
            on_progress(stored)

    if min(jobs, usable_cpus()) <= 1:
        for chunk in chunks:
            put(list(map(work, chunk)))
        return stored
    with multiprocessing.get_context(DEFAULT_START).Pool(min(jobs, usable_cpus())) as pool:
        ahead = None
        for chunk in chunks:  # (read here, in this thread: the store is used by no other)
            job = pool.map_async(work, chunk, chunksize=max(1, len(chunk) // (jobs * 4)))
            if ahead is not None:
                put(ahead.get())
            ahead = job
        if ahead is not None:
            put(ahead.get())
    return stored


def default_db(environ: dict | None = None) -> str:
    """The store a command uses when --db is not given: $MARSAD_DB, else ./marsad.db."""
    env = os.environ if environ is None else environ
    return env.get("MARSAD_DB") or "marsad.db"
