"""The pipeline: stages checked for order when it is built, run over one document or a stream of them.

    pipeline = load_pipeline()                 # the shipped stages, PipelineConfig() defaults
    doc = pipeline(doc)                        # one document
    for doc in pipeline.run(docs): ...         # a stream, in this process; scale/ runs it in many

A stage that raises is recorded on its document (`warnings`, `failed_stages`);
the stages that require what it provides are skipped (`skipped_stages`), the
others still run. `counters` say, per stage, how many documents it ran on,
failed on and skipped, and why.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .config import PipelineConfig
from .document import Document
from .stage import Stage

Item = TypeVar("Item")  # a Document, or anything else a stream carries through untouched (an unreadable path)
INPUT_LAYERS = ("raw",)  # what a reader gives a Document: the article as read, and its metadata
LAYERS = frozenset(f.name for f in dataclasses.fields(Document))


class PipelineError(ValueError):
    """Stages that cannot run in the order given."""


@dataclass(slots=True)
class StageCounts:
    processed: int = 0  # documents the stage ran on
    failed: Counter[str] = field(default_factory=Counter)  # error type -> documents
    skipped: Counter[str] = field(default_factory=Counter)  # missing layer -> documents


@dataclass(slots=True)
class Counters:
    processed: int = 0  # documents
    failed: int = 0
    warned: int = 0
    stages: dict[str, StageCounts] = field(default_factory=dict)

    def tally(self, doc: Document) -> None:
        self.processed += 1
        self.failed += doc.failed
        self.warned += bool(doc.warnings)
        for name, counts in self.stages.items():
            if name in doc.skipped_stages:
                counts.skipped[doc.skipped_stages[name]] += 1
                continue
            counts.processed += 1
            if name in doc.failed_stages:
                counts.failed[doc.failed_stages[name]] += 1


class Pipeline:
    """Stages in an order where each finds the layers it requires, given `given` on entry."""

    def __init__(self, stages: Sequence[Stage], *, given: Iterable[str] = INPUT_LAYERS) -> None:
        self.stages = list(stages)
        self.given = tuple(given)
        check_order(self.stages, self.given)
        self.counters = Counters(stages={s.name: StageCounts() for s in self.stages})

    def __call__(self, doc: Document) -> Document:
        lost: dict[str, str] = {}  # layer -> the stage that failed to provide it
        for stage in self.stages:
            lacking = next((layer for layer in stage.requires if layer in lost), None)
            if lacking is not None:
                doc.skipped_stages[stage.name] = lacking
                doc.warn(f"stage {stage.name} skipped: it needs {lacking}, which stage {lost[lacking]} did not provide")
                for layer in stage.provides:
                    lost.setdefault(layer, lost[lacking])
                continue
            try:
                result = stage(doc)
                if not isinstance(result, Document):
                    raise TypeError(f"returned {type(result).__name__}, not the Document")
                doc = result
            except Exception as err:  # noqa: BLE001 - one bad article must never stop a batch
                doc.failed_stages[stage.name] = type(err).__name__
                doc.warn(f"stage {stage.name} failed: {type(err).__name__}: {err}", failure=True)
                for layer in stage.provides:
                    lost.setdefault(layer, stage.name)
        return doc

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """Analyse the documents of a stream in order, counting them; other items pass through."""
        for item in items:
            if isinstance(item, Document):
                item = self(item)
                self.tally(item)
            yield item

    def tally(self, doc: Document) -> None:
        """Count an analysed document (runners call this where results come back)."""
        self.counters.tally(doc)

    def with_stage(self, replacement: Stage) -> Pipeline:
        """The same pipeline with the stage of the same name replaced (a custom tagger, say)."""
        if replacement.name not in self.counters.stages:
            raise PipelineError(f"no stage named {replacement.name} to replace")
        return Pipeline([replacement if s.name == replacement.name else s for s in self.stages], given=self.given)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]


def check_order(stages: Sequence[Stage], given: Iterable[str]) -> None:
    """Raise PipelineError, saying what is missing, unless every stage finds what it requires."""
    available = {*given}
    seen: set[str] = set()
    for s in stages:
        if not isinstance(s, Stage):
            raise PipelineError(f"{s!r} is not a stage: it needs a name, requires and provides (see marsad.stage)")
        if s.name in seen:
            raise PipelineError(f"two stages are named {s.name}")
        seen.add(s.name)
        unknown = [layer for layer in (*s.requires, *s.provides) if layer not in LAYERS]
        if unknown:
            raise PipelineError(f"stage {s.name} names {', '.join(unknown)}, which is no Document layer")
        missing = [layer for layer in s.requires if layer not in available]
        if missing:
            before = ", ".join(sorted(available)) or "nothing"
            raise PipelineError(f"stage {s.name} requires {', '.join(missing)}, which no earlier stage provides "
                                f"(available before it: {before})")
        available.update(s.provides)


def load_pipeline(config: PipelineConfig | None = None) -> Pipeline:
    """The shipped pipeline: cleaning, segmentation, language, tokens, role phrases and entities, quotes, dates,
    events."""
    from .dates.stage import dates
    from .events.stage import EventStage
    from .ner.entities import EntityStage
    from .quotes.stage import QuoteStage
    from .text.clean import clean
    from .text.language import identify_language
    from .text.segment import segment, tokenize

    config = config or PipelineConfig()
    return Pipeline([clean, segment, identify_language, tokenize, EntityStage(config.entities), QuoteStage(), dates,
                     EventStage()])
