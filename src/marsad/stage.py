"""The stage protocol: a callable doc -> doc that says which layers it requires and provides.

    @stage(requires=("text",), provides=("tokens",))
    def tokenize(doc: Document) -> Document: ...

    class EntityStage:
        name = "entities"
        requires = ("tokens", "sentences")
        provides = ("role_phrases", "entities")

Layer names are the names of Document fields (`raw`, `text`, `sentences`,
`tokens` …). `Pipeline` checks them when it is built, as stanza's processors
are checked. This module imports nothing of marsad but `document.py`, so an
analysis can declare its stages without importing the pipeline that runs them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar, runtime_checkable

from .document import Document


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


StageFunction = TypeVar("StageFunction", bound=Callable[[Document], Document])


def stage(*, requires: Iterable[str] = (), provides: Iterable[str]) -> Callable[[StageFunction], StageFunction]:
    """Declare a plain function doc -> doc a stage, named after the function."""

    def declare(function: StageFunction) -> StageFunction:
        function.name = function.__name__  # type: ignore[attr-defined]
        function.requires = tuple(requires)  # type: ignore[attr-defined]
        function.provides = tuple(provides)  # type: ignore[attr-defined]
        return function

    return declare
