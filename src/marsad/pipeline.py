"""The stage protocol and the pipeline that runs stages over one document or a stream of them."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .document import Document

Stage = Callable[[Document], Document]


@dataclass(slots=True)
class Counters:
    processed: int = 0
    failed: int = 0
    warned: int = 0


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
        self.counters.processed += 1
        self.counters.failed += doc.failed
        self.counters.warned += bool(doc.warnings)
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def _name(stage: Stage) -> str:
    return getattr(stage, "__name__", type(stage).__name__)


def load_pipeline() -> Pipeline:
    """The default pipeline: cleaning, segmentation, entities."""
    from .text.clean import clean
    from .text.segment import segment, tokenize

    return Pipeline([clean, segment, tokenize])
