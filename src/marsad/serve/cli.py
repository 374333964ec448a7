"""The `marsad` command: records on stdout, progress and warnings on stderr, exit 0/1/2."""
from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .. import __version__
from ..config import DEFAULT_TAGGER, PipelineConfig, TaggerKind
from ..document import Document
from ..ingest import IngestStats, InputError, read_inputs
from ..ingest.published import iso_day
from ..pipeline import Counters, PipelineError
from ..record import dumps, to_record
from ..scale.local import LocalRunner, usable_cpus

app = typer.Typer(add_completion=False, no_args_is_help=True, help="marsad (مرصد): Arabic news intelligence.")
evaluate_app = typer.Typer(no_args_is_help=True, help="Score marsad against annotated data.")
app.add_typer(evaluate_app, name="evaluate")
export_app = typer.Typer(no_args_is_help=True, help="Write a layer of analysed records as a table.")
app.add_typer(export_app, name="export")
spark_app = typer.Typer(no_args_is_help=True, help="Run marsad on Apache Spark (the spark extra).")
app.add_typer(spark_app, name="spark")
stderr = Console(stderr=True, soft_wrap=True, highlight=False)  # one log line stays one line when piped

EXIT_FAILED_INPUT = 1
EXIT_USAGE = 2


class EventFormat(str, Enum):
    tsv = "tsv"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ListFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


class ColumnSet(str, Enum):
    all = "all"
    gdelt = "gdelt"


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
        return iso_day(value)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None


def _config(path: Optional[Path], tagger: Optional[TaggerKind]) -> PipelineConfig:
    """The defaults, then the TOML file, then the options given on the command line."""
    try:
        config = PipelineConfig.from_toml(path) if path else PipelineConfig()
    except (OSError, ValueError) as err:  # tomllib.TOMLDecodeError is a ValueError
        raise typer.BadParameter(f"{path}: {err}", param_hint="--config") from None
    if tagger is not None:
        config = dataclasses.replace(config, entities=dataclasses.replace(config.entities, tagger=tagger))
    return config


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for stdin.")],
    published: Annotated[Optional[str], typer.Option(callback=_check_date,
                                                     help="Publication date (YYYY-MM-DD) when the input has none.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="jsonl: one record a line; json: one article.")] = OutputFormat.jsonl,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (records keep input order).")] = 1,
    config: Annotated[Optional[Path], typer.Option(help="TOML file of stage options ([entities] tagger = ...).")] = None,
    tagger: Annotated[Optional[TaggerKind], typer.Option(help="NER tagger (none: knowledge base only); overrides --config.")] = None,
) -> None:
    """Analyse articles and print one record per article."""
    if jobs > (cpus := usable_cpus()):
        stderr.print(f"marsad: --jobs {jobs} is more than the {cpus} processors here: {cpus} workers", markup=False)
    try:
        runner = LocalRunner(_config(config, tagger), jobs=jobs)
    except PipelineError as err:
        stderr.print(f"marsad: {err}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    stats = IngestStats()
    held: list[Document] = []
    # on a terminal's stderr while the records go to a file or a pipe; rich must not take stdout over (by default it
    # prints what the program writes there above the bar, on stderr: `> out.jsonl` got nothing)
    progress = Progress(SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                        console=stderr, transient=True, redirect_stdout=False, redirect_stderr=False,
                        disable=not stderr.is_terminal or sys.stdout.isatty())
    task = progress.add_task("analyse", total=None)
    with progress:
        for item in runner.run(_dated(read_inputs(paths, stats=stats), published)):
            progress.advance(task)
            _emit(item, format, held)
    if format is OutputFormat.json:
        if not held:
            stderr.print("marsad: --format json needs exactly one article; this input holds none")
            raise typer.Exit(EXIT_USAGE if not stats.errors else EXIT_FAILED_INPUT)
        sys.stdout.write(dumps(to_record(held[0]), indent=2) + "\n")
    counters = runner.counters
    for line in summary(counters, stats):
        stderr.print(line, markup=False)
    if counters.failed or stats.errors:
        raise typer.Exit(EXIT_FAILED_INPUT)


@spark_app.command("analyze")
def spark_analyze(
    paths: Annotated[list[str], typer.Argument(help="Files or folders every executor can read.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for records/ and tables/ (replaced).")],
    master: Annotated[Optional[str], typer.Option(help="Spark master (default: spark-submit's, else local[*]).")] = None,
    published: Annotated[Optional[str], typer.Option(callback=_check_date,
                                                     help="Publication date (YYYY-MM-DD) when the input has none.")] = None,
    part_mb: Annotated[float, typer.Option(min=0.001, help="A JSON Lines file is read in pieces of this many MB.")] = 32,
    config: Annotated[Optional[Path], typer.Option(help="TOML file of stage options.")] = None,
    tagger: Annotated[Optional[TaggerKind], typer.Option(help="NER tagger; overrides --config.")] = None,
) -> None:
    """Analyse articles on Spark: JSON Lines records and Parquet tables under --out."""
    try:
        from ..scale import spark
    except ImportError:
        stderr.print("marsad: Spark needs pyspark: pip install 'marsad[spark]'", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    done = spark.analyze(paths, out, config=_config(config, tagger), published=published, master=master,
                         part_bytes=int(part_mb * 2**20))
    for error in done.errors:
        stderr.print(f"marsad: {error}", markup=False)
    stderr.print(f"marsad: {done.articles} articles, {done.failed} failed, {done.warned} with warnings, "
                 f"{len(done.errors)} unreadable paths: {out}/records, {out}/tables", markup=False)
    if done.failed or done.errors:
        raise typer.Exit(EXIT_FAILED_INPUT)


def summary(counters: Counters, stats: IngestStats) -> list[str]:
    """The run's last lines on stderr: documents, what was read and skipped, and each stage's counts."""
    lines = [f"marsad: {counters.processed} articles, {counters.failed} failed, {counters.warned} with warnings, "
             f"{stats.errors} unreadable paths"]
    read = f"marsad: read {sum(stats.documents.values())} documents ({_counts(stats.documents) or 'none'})"
    if stats.skipped:
        read += f"; skipped {sum(stats.skipped.values())} archive records ({_counts(stats.skipped)})"
    lines.append(read)
    stages = []
    for name, counts in counters.stages.items():
        notes = []
        if counts.failed:
            notes.append("failed: " + _counts(counts.failed))
        if counts.skipped:
            notes.append("skipped: " + ", ".join(f"{n} without {layer}" for layer, n in counts.skipped.most_common()))
        stages.append(f"{name} {counts.processed}" + (f" ({'; '.join(notes)})" if notes else ""))
    lines.append("marsad: stages: " + ", ".join(stages))
    return lines


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {what}" for what, n in counter.most_common())


def _dated(items: Iterator[Document | InputError], published: Optional[str]) -> Iterator[Document | InputError]:
    """The --published date for documents whose input gave none."""
    for item in items:
        if isinstance(item, Document):
            item.published = item.published or published
        yield item


def _emit(doc: Document | InputError, format: OutputFormat, held: list[Document]) -> None:
    """Write one analysed document's record (or hold it for --format json); one line for an unreadable path."""
    if isinstance(doc, InputError):
        stderr.print(f"marsad: cannot open {doc.path}: {doc.message}", markup=False)
        return
    where = f"{doc.source.path or '-'}{':' + str(doc.source.line) if doc.source.line else ''}"
    for warning in doc.warnings:
        stderr.print(f"marsad: {where}: {warning}", markup=False)
    if format is OutputFormat.jsonl:
        sys.stdout.write(dumps(to_record(doc)) + "\n")
        return
    held.append(doc)
    if len(held) > 1:
        stderr.print("marsad: --format json takes exactly one article; this input holds more (use --format jsonl)")
        raise typer.Exit(EXIT_USAGE)


def _db_option():
    return typer.Option("--db", help="The store: an SQLite file (default ./marsad.db, or $MARSAD_DB), or postgresql://….")


@app.command()
def ingest(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, folders or - (none with --reanalyse: every stored article).")] = None,
    db: Annotated[Optional[str], _db_option()] = None,
    published: Annotated[Optional[str], typer.Option(callback=_check_date,
                                                     help="Publication date (YYYY-MM-DD) when the input has none.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    reanalyse: Annotated[bool, typer.Option("--reanalyse", help="Analyse stored articles again and replace their records.")] = False,
    batch: Annotated[int, typer.Option(min=1, max=100_000, help="Articles stored a transaction (a kill loses at most one batch's work).")] = 250,
    records: Annotated[bool, typer.Option("--records", help="The inputs are records of marsad analyze (JSON Lines): stored as they are, not analysed.")] = False,
    config: Annotated[Optional[Path], typer.Option(help="TOML file of stage options.")] = None,
    tagger: Annotated[Optional[TaggerKind], typer.Option(help="NER tagger; overrides --config.")] = None,
) -> None:
    """Analyse articles and store them; an article the store holds is skipped, so a rerun goes on where it stopped."""
    import time

    from ..store import StoreError, open_store
    from ..store.ingest import default_db, ingest as run_ingest, reanalyse_all, store_records

    if not paths and not reanalyse:
        raise typer.BadParameter("give files to ingest, or --reanalyse for every stored article", param_hint="PATHS")
    url = db or default_db()
    try:
        store = open_store(url)
    except StoreError as err:
        stderr.print(f"marsad: {err}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    started = time.perf_counter()
    progress = Progress(SpinnerColumn(), TextColumn("{task.completed} stored · {task.fields[rate]} articles/s"),
                        TimeElapsedColumn(), console=stderr, transient=True, disable=not stderr.is_terminal)
    task = progress.add_task("ingest", total=None, rate="0")
    last_line = [0]

    def on_progress(stored: int) -> None:
        rate = stored / max(time.perf_counter() - started, 1e-9)
        progress.update(task, completed=stored, rate=f"{rate:,.0f}")
        if not stderr.is_terminal and stored - last_line[0] >= 1000:
            stderr.print(f"marsad: {stored} stored ({rate:,.0f} articles/s)", markup=False)
            last_line[0] = stored

    try:
        with progress:
            cfg = _config(config, tagger)
            if paths and records:
                summary = store_records(paths, store, jobs=jobs, batch=batch, on_progress=on_progress,
                                        on_error=lambda m: stderr.print(f"marsad: {m}", markup=False))
            elif paths:
                summary = run_ingest(paths, store, cfg, jobs=jobs, published=published, reanalyse=reanalyse, batch=batch,
                                     on_progress=on_progress, on_error=lambda m: stderr.print(f"marsad: {m}", markup=False))
            else:
                summary = reanalyse_all(store, cfg, jobs=jobs, batch=batch, on_progress=on_progress)
    except (StoreError, OSError) as err:
        stderr.print(f"marsad: the ingest stopped: {err}; every batch stored before stays, and the same command run "
                     "again goes on from there", markup=False)
        raise typer.Exit(EXIT_FAILED_INPUT) from None
    finally:
        store.close()
    for line in summary.lines():
        stderr.print(line, markup=False)
    if summary.unreadable:
        raise typer.Exit(EXIT_FAILED_INPUT)


def _existing_store(db: Optional[str]):
    """The store --db names (or the default one), opened; a usage error when there is none or it is no store."""
    from ..store import StoreError, open_store
    from ..store.ingest import default_db

    url = db or default_db()
    _require(url)
    try:
        return open_store(url)
    except StoreError as err:
        stderr.print(f"marsad: {err}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None


def _require(url: str) -> None:
    """A usage error where no SQLite store is at `url` (a server's is checked by connecting)."""
    from ..store import is_server

    if not is_server(url) and not Path(url.removeprefix("sqlite:///")).exists():
        stderr.print(f"marsad: {url}: no store there (marsad ingest makes one)", markup=False)
        raise typer.Exit(EXIT_USAGE)


@contextmanager
def _reading(db: Optional[str]):
    """The store --db names, open for reading; a store that fails while read is a message and exit 1."""
    from ..store import StoreError

    store = _existing_store(db)
    try:
        yield store
    except StoreError as err:
        stderr.print(f"marsad: {err}", markup=False)
        raise typer.Exit(EXIT_FAILED_INPUT) from None
    finally:
        store.close()


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must match) and "phrases in quotes".')],
    db: Annotated[Optional[str], _db_option()] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", callback=_check_date, help="Published on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", callback=_check_date, help="Published on or before.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    entity: Annotated[Optional[str], typer.Option(help="Only articles naming this entity (KB id or name).")] = None,
    root: Annotated[Optional[str], typer.Option(help="Only articles with an event of this CAMEO root (04, 19 …).")] = None,
    quote_by: Annotated[Optional[str], typer.Option("--quote-by", help="Only articles quoting this entity.")] = None,
    collapse: Annotated[bool, typer.Option("--collapse", help="One result per story: near-copies folded into the best one.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    format: Annotated[ListFormat, typer.Option("--format", help="text (the terminal) or jsonl.")] = ListFormat.text,
) -> None:
    """Search the stored articles (Arabic full text: أعلنت finds اعلنت, قال finds وقال), best first."""
    import json

    from rich.text import Text

    with _reading(db) as store:
        hits = store.search(query, date_from=date_from, date_to=date_to, outlet=outlet, entity=entity, root=root,
                            quote_by=quote_by, collapse=collapse, limit=limit)
    console = Console(highlight=False, soft_wrap=True)
    for hit in hits:
        if format is ListFormat.jsonl:
            sys.stdout.write(json.dumps(dataclasses.asdict(hit), ensure_ascii=False) + "\n")
            continue
        copies = f"  (+{hit.copies - 1} copies)" if hit.copies > 1 else ""
        console.print(f"{hit.published or '-'}  {hit.outlet or '-'}  {hit.title or '(no title)'}  [{hit.article}]{copies}",
                      markup=False)
        line = Text(hit.snippet.replace("\n", " "))
        for s, e in hit.highlights:
            line.stylize("bold", s - hit.start, e - hit.start)
        console.print(line)
    stderr.print(f"marsad: {len(hits)} articles", markup=False)


@app.command()
def entities(
    db: Annotated[Optional[str], _db_option()] = None,
    type: Annotated[Optional[str], typer.Option("--type", help="Only PERSON, ORG, GPE, LOC or MISC.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    format: Annotated[ListFormat, typer.Option("--format", help="text (the terminal) or jsonl.")] = ListFormat.text,
) -> None:
    """The stored entities across articles, the most mentioned first: mentions, articles, first and last seen, and
    who appears with them."""
    import json

    with _reading(db) as store:
        found = store.entities(limit=limit, type=type)
    for e in found:
        if format is ListFormat.jsonl:
            sys.stdout.write(json.dumps(dataclasses.asdict(e), ensure_ascii=False) + "\n")
            continue
        together = "، ".join(f"{name} ({n})" for name, n in e.together)
        print(f"{e.name} ({e.name_en or '-'}, {e.type}, {e.key}): {e.mentions} mentions in {e.articles} articles, "
              f"{e.first_seen or '-'} to {e.last_seen or '-'}; with {together or '-'}")


@app.command()
def serve(
    db: Annotated[Optional[str], _db_option()] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless told otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """Serve the web page and the HTTP API over a store, read only (OpenAPI at /api/v1/openapi.json)."""
    import uvicorn

    from ..store import StoreError
    from ..store.ingest import default_db
    from .app import create_app

    url = db or default_db()
    _require(url)
    try:
        api = create_app(url)
    except StoreError as err:
        stderr.print(f"marsad: {err}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    stderr.print(f"marsad: serving {url}: open http://{host}:{port}/ in a browser (the API: /api/v1/, its OpenAPI"
                 " schema: /api/v1/openapi.json)", markup=False)
    uvicorn.run(api, host=host, port=port, log_level="warning")


def _sources(paths: Optional[list[str]], db: Optional[str], counts: Counter) -> Iterator[Document]:
    """The documents of record files, or of a store; an unreadable record is one line on stderr."""
    from ..export.records import BadRecord, read_records
    from ..store import StoreError, stored_records

    if not paths and not db:
        raise typer.BadParameter("give record files (or -), or --db for a store", param_hint="PATHS")
    try:
        for item in stored_records(db) if db else read_records(paths or []):
            if isinstance(item, BadRecord):
                counts["bad"] += 1
                stderr.print(f"marsad: {item.where}: {item.message}", markup=False)
                continue
            counts["records"] += 1
            yield item
    except StoreError as err:
        stderr.print(f"marsad: {err}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None


def _write_out(out: Optional[Path], binary: bool, write, name: str, counts: Counter) -> None:
    """Rows written by `write(stream)` to --out (bytes for Parquet) or stdout; the count on stderr, exit 1 when a
    record was unreadable, exit 2 when the format cannot be written here (Parquet without pyarrow)."""
    try:
        if out is None:
            written = write(sys.stdout)
        else:
            with open(out, "wb") if binary else open(out, "w", encoding="utf-8", newline="") as stream:
                written = write(stream)
    except RuntimeError as err:
        stderr.print(f"marsad: {err}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    stderr.print(f"marsad: {written} {name} from {counts['records']} records, {counts['bad']} unreadable",
                 markup=False)
    if counts["bad"]:
        raise typer.Exit(EXIT_FAILED_INPUT)


def _table_command(name: str):
    def export_table(
        paths: Annotated[Optional[list[str]], typer.Argument(help="Record files (JSON Lines, .gz too) or -; or --db.")] = None,
        db: Annotated[Optional[str], typer.Option("--db", help="Export from this store instead of record files.")] = None,
        format: Annotated[ExportFormat, typer.Option("--format", help="jsonl, csv or parquet (typed columns; needs --out).")] = ExportFormat.jsonl,
        out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    ) -> None:
        from ..export.tables import TABLES, write

        if format is ExportFormat.parquet and out is None:
            raise typer.BadParameter("parquet is binary: give --out FILE", param_hint="--out")
        table = TABLES[name]
        counts: Counter = Counter()
        rows = (row for doc in _sources(paths, db, counts) for row in table.rows(doc))
        _write_out(out, format is ExportFormat.parquet, lambda stream: write(rows, table, format.value, stream),
                   name, counts)

    export_table.__doc__ = f"The {name} of records or of a store, one row each (JSON Lines, CSV or Parquet)."
    return export_table


for _name in ("articles", "entities", "mentions", "quotes", "dates"):
    export_app.command(_name)(_table_command(_name))


@export_app.command("events")
def export_events(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Record files of `marsad analyze` (JSON Lines, .gz too) or -; or --db.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Export from this store instead of record files.")] = None,
    format: Annotated[EventFormat, typer.Option("--format", help="tsv: GDELT 2.0 columns then marsad's; jsonl: the same as objects; csv; parquet (typed, needs --out).")] = EventFormat.tsv,
    columns: Annotated[ColumnSet, typer.Option(help="all, or gdelt: GDELT's 61 event columns only, in GDELT's order.")] = ColumnSet.all,
    header: Annotated[bool, typer.Option(help="A first line of column names (GDELT's own files have none).")] = True,
    observed: Annotated[bool, typer.Option("--observed", help="Leave out denied events and those reported in a quote.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """One row per event of the records, as GDELT's event table has it, with the evidence (trigger, sentence, offsets)."""
    from ..export.events import COLUMNS, GDELT_COLUMNS, column_type, event_rows, write_tsv
    from ..export.tables import Table, write

    if format is EventFormat.parquet and out is None:
        raise typer.BadParameter("parquet is binary: give --out FILE", param_hint="--out")
    chosen = GDELT_COLUMNS if columns is ColumnSet.gdelt else COLUMNS
    counts: Counter = Counter()

    def rows():
        for doc in _sources(paths, db, counts):
            for row in event_rows(doc, observed_only=observed):
                yield {c: row[c] for c in chosen}

    def to(stream) -> int:
        if format is EventFormat.tsv:
            return write_tsv(rows(), stream, chosen, header=header)
        return write(rows(), Table("events", tuple((c, column_type(c)) for c in chosen), event_rows), format.value,
                     stream)

    _write_out(out, format is EventFormat.parquet, to, "events", counts)


@evaluate_app.command("ner")
def evaluate_ner_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CoNLL file: token TAG per line.")],
    tagger: Annotated[TaggerKind, typer.Option(help="Which shipped tagger to score (crf or neural).")] = DEFAULT_TAGGER,
) -> None:
    """Entity-level P/R/F1 of a shipped NER tagger on a CoNLL file (last line: micro F1)."""
    from ..evaluate.ner import evaluate_ner

    if tagger is TaggerKind.none:
        raise typer.BadParameter("'none' is no tagger to score: choose crf or neural", param_hint="--tagger")
    print(evaluate_ner(file, tagger))
