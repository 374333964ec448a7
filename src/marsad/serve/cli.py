"""The `marsad` command: records on stdout, progress and warnings on stderr, exit 0/1/2."""
from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from .. import __version__
from ..document import Document
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
) -> None:
    """Analyse articles and print one record per article."""
    from ..ingest import InputError, read_inputs

    pipeline = load_pipeline()
    unreadable = 0
    held: list[Document] = []
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            stderr.print(f"marsad: cannot open {item.path}: {item.message}", markup=False)
            unreadable += 1
            continue
        item.published = item.published or published
        doc = pipeline(item)
        for warning in doc.warnings:
            stderr.print(f"marsad: {doc.source.path or '-'}"
                         f"{':' + str(doc.source.line) if doc.source.line else ''}: {warning}", markup=False)
        if format is OutputFormat.json:
            held.append(doc)
            if len(held) > 1:
                stderr.print("marsad: --format json takes exactly one article; this input holds more (use --format jsonl)")
                raise typer.Exit(EXIT_USAGE)
        else:
            sys.stdout.write(dumps(doc.to_record()) + "\n")
    if format is OutputFormat.json:
        if not held:
            stderr.print("marsad: --format json needs exactly one article; this input holds none")
            raise typer.Exit(EXIT_USAGE if not unreadable else EXIT_FAILED_INPUT)
        sys.stdout.write(dumps(held[0].to_record(), indent=2) + "\n")
    counters = pipeline.counters
    stderr.print(f"marsad: {counters.processed} articles, {counters.failed} failed, {unreadable} unreadable paths",
                 markup=False)
    if counters.failed or unreadable:
        raise typer.Exit(EXIT_FAILED_INPUT)


@evaluate_app.command("ner")
def evaluate_ner_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CoNLL file: token TAG per line.")],
) -> None:
    """Entity-level P/R/F1 of the shipped NER model on a CoNLL file (last line: micro F1)."""
    from ..evaluate.ner import evaluate_ner

    print(evaluate_ner(file))
