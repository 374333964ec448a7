"""marsad (مرصد): Arabic-native news intelligence, one evidence-linked record per article.

    doc = marsad.analyze(text, published="2023-11-29")
    record = marsad.to_record(doc)                    # the contract's record (a dict)
    pipeline = marsad.load_pipeline(PipelineConfig(entities=EntityConfig(tagger=TaggerKind.neural)))
"""
from __future__ import annotations

import datetime
from importlib.metadata import PackageNotFoundError, version

from .config import EntityConfig, PipelineConfig, TaggerKind
from .document import Document, Source
from .pipeline import Pipeline, load_pipeline
from .record import from_record, to_record

try:
    __version__ = version("marsad")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["Document", "EntityConfig", "Pipeline", "PipelineConfig", "Source", "TaggerKind", "analyze", "from_record",
           "load_pipeline", "to_record", "__version__"]

_pipelines: dict[PipelineConfig, Pipeline] = {}


def analyze(text: str, published: str | datetime.date | None = None, *, title: str | None = None,
            config: PipelineConfig | None = None) -> Document:
    """Analyse one article given as text (as scraped); `to_record(doc)` gives the contract's record.
    `published` is YYYY-MM-DD or a date; anything else is a ValueError, text that is not a str a TypeError."""
    if not isinstance(text, str):
        hint = " (decode bytes first, or read files with marsad.ingest.read_inputs)" if isinstance(text, bytes) else ""
        raise TypeError(f"marsad.analyze needs the article as a str, not {type(text).__name__}{hint}")
    if published is not None:
        from .ingest.published import iso_day

        published = iso_day(published)
    config = config or PipelineConfig()
    pipeline = _pipelines.get(config)
    if pipeline is None:
        pipeline = _pipelines[config] = load_pipeline(config)
    return pipeline(Document(Source(format="text"), raw=text, published=published, title=title))
