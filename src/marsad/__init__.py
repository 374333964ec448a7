"""marsad (مرصد): Arabic-native news intelligence, one evidence-linked record per article."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .document import Document, Source
from .pipeline import Pipeline, load_pipeline

try:
    __version__ = version("marsad")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["Document", "Pipeline", "analyze", "load_pipeline", "__version__"]

_default_pipeline: Pipeline | None = None


def analyze(text: str, published: str | None = None, *, title: str | None = None) -> Document:
    """Analyse one article given as text (as scraped); `.to_record()` gives the contract's record."""
    global _default_pipeline
    if _default_pipeline is None:
        _default_pipeline = load_pipeline()
    doc = Document(Source(format="text"), raw=text, published=published, title=title)
    return _default_pipeline(doc)
