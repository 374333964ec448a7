"""The `marsad` command: records on stdout, progress and warnings on stderr, exit 0/1/2."""
from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from collections.abc import Iterator
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .. import __version__
from ..document import Document
from ..ingest import InputError, read_inputs
from ..ner.taggers import DEFAULT_TAGGER, TaggerKind
from ..pipeline import load_pipeline
from ..record import dumps

app = typer.Typer(add_completion=False, no_args_is_help=True, help="marsad (مرصد): Arabic news intelligence.")
evaluate_app = typer.Typer(no_args_is_help=True, help="Score marsad against annotated data.")
app.add_typer(evaluate_app, name="evaluate")
stderr = Console(stderr=True, soft_wrap=True, highlight=False)  # one log line stays one line when piped

EXIT_FAILED_INPUT = 1
EXIT_USAGE = 2


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


def _version(value: bool) -> None:
    if value:
        print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """marsad (مرصد): Arabic news intelligence."""


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for stdin.")],
    published: Annotated[Optional[str], typer.Option(callback=_check_date,
                                                     help="Publication date (YYYY-MM-DD) when the input has none.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="jsonl: one record a line; json: one article.")] = OutputFormat.jsonl,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (records keep input order).")] = 1,
) -> None:
    """Analyse articles and print one record per article."""
    pipeline = load_pipeline()
    unreadable = 0
    held: list[Document] = []
    progress = Progress(SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                        console=stderr, transient=True, disable=not stderr.is_terminal)
    task = progress.add_task("analyse", total=None)
    with progress:
        for item in pipeline.run(_dated(read_inputs(paths), published), jobs):
            progress.advance(task)
            unreadable += _emit(item, format, held)
    if format is OutputFormat.json:
        if not held:
            stderr.print("marsad: --format json needs exactly one article; this input holds none")
            raise typer.Exit(EXIT_USAGE if not unreadable else EXIT_FAILED_INPUT)
        sys.stdout.write(dumps(held[0].to_record(), indent=2) + "\n")
    counters = pipeline.counters
    stderr.print(f"marsad: {counters.processed} articles, {counters.failed} failed, {counters.warned} with warnings, "
                 f"{unreadable} unreadable paths",
                 markup=False)
    if counters.failed or unreadable:
        raise typer.Exit(EXIT_FAILED_INPUT)


def _dated(items: Iterator[Document | InputError], published: Optional[str]) -> Iterator[Document | InputError]:
    """The --published date for documents whose input gave none."""
    for item in items:
        if isinstance(item, Document):
            item.published = item.published or published
        yield item


def _emit(doc: Document | InputError, format: OutputFormat, held: list[Document]) -> int:
    """Write one analysed document's record (or hold it for --format json); 1 for an unreadable path."""
    if isinstance(doc, InputError):
        stderr.print(f"marsad: cannot open {doc.path}: {doc.message}", markup=False)
        return 1
    where = f"{doc.source.path or '-'}{':' + str(doc.source.line) if doc.source.line else ''}"
    for warning in doc.warnings:
        stderr.print(f"marsad: {where}: {warning}", markup=False)
    if format is OutputFormat.jsonl:
        sys.stdout.write(dumps(doc.to_record()) + "\n")
        return 0
    held.append(doc)
    if len(held) > 1:
        stderr.print("marsad: --format json takes exactly one article; this input holds more (use --format jsonl)")
        raise typer.Exit(EXIT_USAGE)
    return 0


@evaluate_app.command("ner")
def evaluate_ner_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CoNLL file: token TAG per line.")],
    tagger: Annotated[TaggerKind, typer.Option(help="Which shipped tagger to score.")] = DEFAULT_TAGGER,
) -> None:
    """Entity-level P/R/F1 of a shipped NER tagger on a CoNLL file (last line: micro F1)."""
    from ..evaluate.ner import evaluate_ner
    from ..ner.taggers import load

    print(evaluate_ner(file, load(tagger)))
