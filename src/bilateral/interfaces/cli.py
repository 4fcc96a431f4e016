"""The command line: one Typer command per verb, over the same pipeline and store as the API.

Exit codes: 0 everything read; 1 one or more documents were skipped (each named on
stderr with its reason); 2 the command itself was wrong (bad option, unknown country,
a store that cannot be opened). An empty answer (`pair` or `country` with no events) is
not an error: 0, with one line on stderr saying so.
"""

from __future__ import annotations

import contextlib
import sys
from importlib import resources
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import __version__
from ..actors import gazetteer
from ..analysis import summarise_pairs
from ..config import Config, load_config
from ..errors import BilateralError, InputError
from ..pipeline import run
from ..records import CATEGORIES, STATUSES
from ..store import Query, Store, ingest as store_ingest
from ..text.dates_meta import normalise_published
from .formats import EXPORTERS

app = typer.Typer(
    name="bilateral",
    help="Evidence-backed event records of relations between countries, from news and commentary.",
    epilog=(
        "Examples:\n\n"
        "  bilateral demo\n\n"
        "  bilateral code article.txt --published 2023-05-01 --format table\n\n"
        "  bilateral ingest news/ && bilateral pair PAK RUS --format html -o brief.html"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB_HELP = "Store: a path to a SQLite file or a SQLAlchemy URL. [env: BILATERAL_DB; default: bilateral.db]"
PUBLISHED_HELP = "Publication date (YYYY-MM-DD) for documents that carry none."


class Exit:
    OK, SKIPPED, USAGE = 0, 1, 2


WORKERS_HELP = "Code in this many worker processes (each loads the model once); results keep the input order."


def _fail(message: str) -> "typer.Exit":
    err.print(f"error: {message}", markup=False)
    return typer.Exit(Exit.USAGE)


def _config(min_confidence: float | None = None) -> Config:
    try:
        return load_config().with_overrides(min_confidence=min_confidence)
    except BilateralError as exc:
        raise _fail(str(exc)) from None


def _published(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return normalise_published(value)
    except ValueError:
        raise _fail(f"--published {value!r} is not a date: use YYYY-MM-DD") from None


def _open_store(db: Optional[str], config: Config) -> Store:
    try:
        return Store(db or config.db, config=config)
    except BilateralError as exc:
        raise _fail(str(exc)) from None


def _report_skip(exc: BilateralError) -> None:
    err.print(f"skipped {exc}", markup=False)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _main(
    # Eager, so it runs before click asks for a command ("bilateral --version" alone).
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
) -> None:
    pass


@app.command()
def code(
    paths: List[str] = typer.Argument(..., help="Files, folders, URLs, or - for standard input."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or table."),
    published: Optional[str] = typer.Option(None, "--published", help=PUBLISHED_HELP),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="Drop events below this confidence."),
    workers: int = typer.Option(1, "--workers", min=1, help=WORKERS_HELP),
) -> None:
    """Code documents and print their events; nothing is stored.

    Examples:

      bilateral code article.txt --published 2023-05-01

      bilateral code pages/ --format table

      cat article.html | bilateral code - --format csv

      bilateral code pages/ --workers 2
    """
    if format not in EXPORTERS:
        raise _fail(f"unknown format {format!r}: use one of {', '.join(EXPORTERS)}")
    config = _config(min_confidence)
    pub = _published(published)
    failed = 0
    events = []
    try:
        for item in run(paths, config, pub, workers=workers):
            if isinstance(item, InputError):
                failed += 1
                _report_skip(item)
                continue
            events.extend(item[1])
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    EXPORTERS[format](events, sys.stdout)
    raise typer.Exit(Exit.SKIPPED if failed else Exit.OK)


@app.command()
def ingest(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Files, folders, URLs, .warc/.warc.gz/.arc files, or - for standard input."
    ),
    feed: List[str] = typer.Option([], "--feed", help="An RSS or Atom feed (URL or file): its items' pages. Repeatable."),
    opml: List[str] = typer.Option([], "--opml", help="An OPML file: every feed it lists. Repeatable."),
    sitemap: List[str] = typer.Option([], "--sitemap", help="A sitemap, sitemap index or news sitemap URL. Repeatable."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
    published: Optional[str] = typer.Option(None, "--published", help=PUBLISHED_HELP),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="Drop events below this confidence."),
    dask: Optional[str] = typer.Option(
        None, "--dask", help="Code on a Dask cluster: tcp://host:8786, or 'local' for a local cluster of 2 worker processes."
    ),
    parquet: Optional[Path] = typer.Option(
        None, "--parquet", help="Write the coded documents to this Parquet dataset folder instead of the store."
    ),
    workers: int = typer.Option(1, "--workers", min=1, help=WORKERS_HELP),
) -> None:
    """Code documents and write them, with their events, into the store.

    A document already in the store is skipped whole; a document that fails leaves
    nothing behind. Reports of one event from several articles are merged into one
    event (docs/stories.md).
    With --dask the coding runs on a Dask cluster (docs/scale.md) and
    the results come back here to be stored, or written to a Parquet dataset with
    --parquet (load it later with `bilateral load`).

    Examples:

      bilateral ingest news/ --db analysis.db

      bilateral ingest news/ --workers 2

      bilateral ingest feed.jsonl --published 2024-01-31

      bilateral ingest --feed https://news.example/world.rss --opml feeds.opml

      bilateral ingest https://news.example/a.html CC-NEWS-2024.warc.gz --sitemap https://news.example/sitemap.xml

      bilateral ingest news/ --dask tcp://scheduler:8786 --db postgresql://bilateral@dbhost/news

      bilateral ingest news/ --dask local --parquet coded/
    """
    from ..sources import Spec

    sources: list = [*(paths or []), *(Spec("feed", f) for f in feed), *(Spec("opml", o) for o in opml)]
    sources += [Spec("sitemap", u) for u in sitemap]
    if not sources:
        raise _fail("nothing to ingest: give paths or URLs, --feed, --opml or --sitemap")
    if dask and workers > 1:
        raise _fail("--workers is for this machine, --dask for a cluster: give one of them")
    config = _config(min_confidence)
    pub = _published(published)
    sink = _Dataset(parquet, config.parquet_part_size) if parquet else _StoreSink(_open_store(db, config), config.store_batch)
    totals = {"stored": 0, "duplicate": 0, "failed": 0, "events": 0}
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    )
    with progress, _coding(sources, config, pub, dask, workers) as results:
        task = progress.add_task("ingesting", total=None)
        try:
            for outcome, item in sink.ingest(results):
                totals[outcome] += 1
                if outcome == "failed":
                    progress.console.print(f"skipped {item}", markup=False)
                elif outcome == "stored":
                    totals["events"] += len(item[1])
                progress.update(task, advance=1, description=f"{totals['stored']} stored, {totals['events']} events")
        except BilateralError as exc:
            done = f"{totals['stored']} documents were stored before it; run the same command again to resume"
            raise _fail(f"{exc}. {done}") from None
    err.print(
        f"{totals['stored']} documents stored ({totals['events']} events), {totals['duplicate']} already in the store, "
        f"{totals['failed']} skipped. {sink.holds()}",
        markup=False,
    )
    raise typer.Exit(Exit.SKIPPED if totals["failed"] else Exit.OK)


class _Dataset:
    """A Parquet dataset as ingest's sink: coded documents are written a part at a time."""

    def __init__(self, folder: Path, part_size: int):
        from ..scale import DatasetWriter

        self.part_size = max(1, part_size)
        try:
            self.writer = DatasetWriter(folder)
        except BilateralError as exc:
            raise _fail(str(exc)) from None
        self.folder, self.documents = folder, 0

    def ingest(self, results):
        part: list = []
        for item in results:
            if isinstance(item, BilateralError):
                yield "failed", item
                continue
            part.append(item)
            if len(part) >= self.part_size:
                yield from self._flush(part)
                part = []
        yield from self._flush(part)

    def _flush(self, part: list):
        self.documents += self.writer.write(part)  # counted as stored once the part is on disk
        for item in part:
            yield "stored", item

    def holds(self) -> str:
        return f"Written to the Parquet dataset {self.folder} ({self.writer.parts} part files this run)."


class _StoreSink:
    def __init__(self, store: Store, batch_size: int = 1):
        self.store, self.batch_size = store, batch_size

    def ingest(self, results):
        return store_ingest(self.store, results, batch_size=self.batch_size)

    def holds(self) -> str:
        counts = self.store.counts()
        return (
            f"The store holds {counts['documents']} documents and {counts['events']} events "
            f"({self.store.merged_count()} once reports of one event are merged)."
        )


@contextlib.contextmanager
def _coding(paths: List[str], config: Config, pub: Optional[str], dask: Optional[str], workers: int = 1):
    """The coded results: from this process (or its --workers), or from a Dask cluster with --dask."""
    if not dask:
        results = run(paths, config, pub, workers=workers)
        try:
            yield results
        finally:
            results.close()  # stop the worker processes even if the run ends early
        return
    from ..scale.cluster import connect, run_on_cluster

    try:
        with connect(dask, config.dask_workers, config.dask_connect_timeout) as client:
            yield run_on_cluster(paths, config, pub, client=client, batch_size=config.dask_batch)
    except BilateralError as exc:
        raise _fail(str(exc)) from None


def _pair(value: str) -> tuple[str, str]:
    parts = [p for p in value.replace(",", "-").split("-") if p.strip()]
    if len(parts) != 2:
        raise _fail(f"--pair {value!r}: give two countries as AAA-BBB, e.g. PAK-RUS")
    return _country(parts[0]), _country(parts[1])


def _country(value: str) -> str:
    try:
        return gazetteer().resolve_country(value)
    except BilateralError as exc:
        raise _fail(str(exc)) from None


# The filters `events` and `export` share (one definition, the same help in both).
PAIR_FILTER = typer.Option(None, "--pair", help="Two countries, e.g. PAK-RUS.")
COUNTRY_FILTER = typer.Option(None, "--country", help="Events with this country on either side.")
CATEGORY_FILTER = typer.Option(None, "--category", help="One of the 16 PLOVER categories.")
STATUS_FILTER = typer.Option(None, "--status", help="reported, future, hypothetical, negated (comma-separated).")
SINCE_FILTER = typer.Option(None, "--since", help="Events on or after this date (YYYY[-MM[-DD]]).")
UNTIL_FILTER = typer.Option(None, "--until", help="Events on or before this date (YYYY[-MM[-DD]]).")
LIMIT_FILTER = typer.Option(None, "--limit", help="At most this many events.")


@app.command()
def events(
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
    pair: Optional[str] = PAIR_FILTER,
    country: Optional[str] = COUNTRY_FILTER,
    category: Optional[str] = CATEGORY_FILTER,
    status: Optional[str] = STATUS_FILTER,
    since: Optional[str] = SINCE_FILTER,
    until: Optional[str] = UNTIL_FILTER,
    limit: Optional[int] = LIMIT_FILTER,
    format: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
    merged: bool = typer.Option(
        False, "--merged", help="One line per event, however many articles report it, with num_articles, num_sources, num_mentions."
    ),
) -> None:
    """Query the events in the store, dated by when they happened.

    Examples:

      bilateral events --pair PAK-RUS

      bilateral events --country Russia --category ASSAULT --since 2022 --format csv

      bilateral events --pair PAK-RUS --status hypothetical,future

      bilateral events --pair IRN-SAU --merged --format jsonl
    """
    if format not in EXPORTERS:
        raise _fail(f"unknown format {format!r}: use one of {', '.join(EXPORTERS)}")
    q = _event_query(pair, country, category, status, since, until, limit)
    config = _config()
    store = _open_store(db, config)
    try:
        EXPORTERS[format](store.iter_events(q, merged=merged), sys.stdout)
    except BilateralError as exc:
        raise _fail(str(exc)) from None


def _event_query(pair, country, category, status, since, until, limit) -> Query:
    """The filters `events` and `export` share, checked."""
    if category and category.upper() not in CATEGORIES:
        raise _fail(f"unknown category {category!r}: use one of {', '.join(CATEGORIES)}")
    if status and any(s.strip() not in STATUSES for s in status.split(",")):
        raise _fail(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return Query(
        pair=_pair(pair) if pair else None,
        country=_country(country) if country else None,
        category=category.upper() if category else None,
        status=status,
        since=_bound(since, "since", first=True),
        until=_bound(until, "until", first=False),
        limit=limit,
    )


EXPORT_FORMATS = ("csv", "jsonl", "plover", "gdelt", "parquet")


@app.command()
def export(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (needed for parquet), not standard output."),
    format: str = typer.Option("jsonl", "--format", "-f", help="csv, jsonl (our record), plover (PLOVER JSON Lines), gdelt (GDELT 2.0 events table) or parquet."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
    pair: Optional[str] = PAIR_FILTER,
    country: Optional[str] = COUNTRY_FILTER,
    category: Optional[str] = CATEGORY_FILTER,
    status: Optional[str] = STATUS_FILTER,
    since: Optional[str] = SINCE_FILTER,
    until: Optional[str] = UNTIL_FILTER,
    limit: Optional[int] = LIMIT_FILTER,
    merged: bool = typer.Option(
        False, "--merged", help="One row per event however many articles report it; gdelt then carries real NumArticles, NumSources, NumMentions."
    ),
) -> None:
    """Export events from the store for other tools, with the same filters as `events`.

    Formats (docs/exports.md): csv; jsonl, our record (SCHEMA.md); plover, PLOVER's JSON
    field names; gdelt, a GDELT 2.0 events table (61 tab-separated columns, no header);
    parquet, one Parquet file (needs -o).

    Examples:

      bilateral export --pair PAK-RUS --format plover -o pak-rus.jsonl

      bilateral export --country RUS --since 2022 --format gdelt -o rus.export.CSV

      bilateral export --status reported --format parquet -o events.parquet
    """
    from .formats import BINARY_EXPORTERS

    if format not in EXPORT_FORMATS:
        raise _fail(f"unknown format {format!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if format in BINARY_EXPORTERS and output is None:
        raise _fail(f"--format {format} writes a binary file: give it with -o FILE")
    if merged and format in BINARY_EXPORTERS:
        raise _fail(f"--merged is not available with --format {format}: use csv, jsonl, plover or gdelt")
    q = _event_query(pair, country, category, status, since, until, limit)
    store = _open_store(db, _config())
    try:
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
        if format in BINARY_EXPORTERS:
            n = BINARY_EXPORTERS[format](store.iter_events(q, merged=merged), str(output))
        elif output is None:
            n = EXPORTERS[format](store.iter_events(q, merged=merged), sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                n = EXPORTERS[format](store.iter_events(q, merged=merged), fh)
    except OSError as exc:
        from ..errors import ExportError

        raise _fail(str(ExportError(str(output), f"cannot write the export: {exc.strerror or exc}"))) from None
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    err.print(f"{n} events exported as {format}" + (f" to {output}" if output else ""), markup=False)


@app.command()
def load(
    dataset: Path = typer.Argument(..., help="A Parquet dataset folder written by `bilateral ingest --parquet`."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
) -> None:
    """Load a Parquet dataset of coded documents into the store.

    Documents already in the store are skipped; each document goes in with its events
    in one transaction. A dataset written in another format version is refused (E701)
    before anything is written.

    Examples:

      bilateral load coded/ --db analysis.db

      bilateral load /shared/coded --db postgresql://bilateral@dbhost/news
    """
    from ..scale import load_dataset

    store = _open_store(db, _config())
    totals = {"stored": 0, "duplicate": 0, "failed": 0, "events": 0}
    try:
        for outcome, item in load_dataset(dataset, store):
            totals[outcome] += 1
            if outcome == "failed":
                _report_skip(item)
            elif outcome == "stored":
                totals["events"] += len(item[1])
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    counts = store.counts()
    err.print(
        f"{totals['stored']} documents loaded ({totals['events']} events), {totals['duplicate']} already in the store, "
        f"{totals['failed']} skipped. The store holds {counts['documents']} documents and {counts['events']} events.",
        markup=False,
    )
    raise typer.Exit(Exit.SKIPPED if totals["failed"] else Exit.OK)


@app.command("import-gdelt")
def import_gdelt(
    files: List[Path] = typer.Argument(..., help="GDELT 2.0 events export files (.CSV, tab-separated; zipped or not)."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
) -> None:
    """Import GDELT 2.0 events into the store, to compare with ours (`pair A B --compare gdelt`).

    They go into a table of their own (gdelt_events), never mixed with our events. A line
    that is not a GDELT event row is reported on stderr (E703) and the import goes on;
    an event already imported is skipped.

    Examples:

      bilateral import-gdelt 20240101120000.export.CSV.zip

      bilateral import-gdelt gdelt/*.export.CSV --db analysis.db
    """
    from ..store.gdelt import gdelt_count, import_gdelt as run_import

    store = _open_store(db, _config())
    bad = imported = duplicate = 0
    for f in files:
        try:
            c = run_import(store, f, on_bad=_report_skip)
        except BilateralError as exc:
            raise _fail(str(exc)) from None
        bad += c.bad
        imported += c.imported
        duplicate += c.duplicate
    err.print(
        f"{imported} GDELT events imported, {duplicate} already there, {bad} lines skipped. "
        f"The store holds {gdelt_count(store)} GDELT events.",
        markup=False,
    )
    raise typer.Exit(Exit.SKIPPED if bad else Exit.OK)


@app.command()
def watch(
    feed: List[str] = typer.Option([], "--feed", help="A feed to watch, besides the config's [watch] feeds. Repeatable."),
    opml: List[str] = typer.Option([], "--opml", help="An OPML file of feeds to watch. Repeatable."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
    interval: Optional[str] = typer.Option(
        None, "--interval", help="Time between rounds: seconds, or 30s, 15m, 1h. [config: watch_interval, 900 s]"
    ),
    rounds: Optional[int] = typer.Option(None, "--rounds", help="Stop after this many rounds (default: until a signal)."),
    published: Optional[str] = typer.Option(None, "--published", help=PUBLISHED_HELP),
) -> None:
    """Poll feeds on a schedule and ingest only their new items.

    What was seen is kept in the store, so a restart goes on where it stopped. One line
    per round on stderr: items seen, new, coded, failed. A failing feed is backed off;
    SIGINT or SIGTERM stops after the item in hand.

    Examples:

      bilateral watch --feed https://news.example/world.rss --interval 15m

      bilateral watch --opml feeds.opml --db news.db

      bilateral watch --rounds 1
    """
    import signal

    from ..sources.watch import Watcher, feeds_to_watch

    config = _config()
    pub = _published(published)
    seconds = _duration(interval) if interval is not None else None
    if rounds is not None and rounds < 1:
        raise _fail("--rounds must be 1 or more")
    try:
        feeds = feeds_to_watch(config, feed, opml)
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    store = _open_store(db, config)
    def log(line: str) -> None:
        # Plain writes, flushed: a watcher's lines are read as they come (and Rich's
        # buffered console is no place to write from a signal handler).
        print(line, file=sys.stderr, flush=True)

    def report(exc: BilateralError) -> None:
        log(f"skipped {exc}")

    watcher = Watcher(store, config, feeds, published=pub, report=report, log=log)
    caught: list[str] = []

    def _stop(signum, _frame) -> None:
        caught.append(signal.Signals(signum).name)
        watcher.stop.set()  # only this here: the loop sees it and ends after the item in hand

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    log(f"watching {len(feeds)} feed(s) into {store.url}, every {config.watch_interval if seconds is None else seconds:g} s")
    try:
        done = watcher.run(rounds=rounds, interval=seconds)
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        watcher.close()
    if caught:
        log(f"{caught[0]}: stopped after the item in hand")
    log(f"stopped after {len(done)} round(s); {watcher.failed_total} failure(s) in all")
    raise typer.Exit(Exit.SKIPPED if watcher.failed_total else Exit.OK)


def _duration(value: str) -> float:
    """'90' or '90s' → 90.0; '15m' → 900.0; '1h' → 3600.0."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value)
    if not m:
        raise _fail(f"--interval {value!r}: give seconds, or a number with s, m or h (30s, 15m, 1h)")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def _bound(value: Optional[str], name: str, first: bool) -> Optional[str]:
    """'2016' → '2016-01-01' (since) or '2016-12-31' (until)."""
    if value is None:
        return None
    import datetime as dt
    import re

    from ..store.store import date_bounds

    m = re.fullmatch(r"(\d{4})(-\d{2})?(-\d{2})?", value.strip())
    if not m:
        raise _fail(f"--{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    precision = "day" if m.group(3) else "month" if m.group(2) else "year"
    try:
        lo, hi = date_bounds(value.strip(), precision, None)
        # date_bounds does not check its input: refuse month 13 or 30 February here.
        dt.date.fromisoformat(lo)
        dt.date.fromisoformat(hi)
    except ValueError:
        raise _fail(f"--{name} {value!r} is not a date") from None
    return lo if first else hi


@app.command()
def demo(
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
) -> None:
    """Ingest the bundled sample corpus and print a summary for each country pair.

    The corpus is written by the bilateral team in the style of real news; its events
    are invented or simplified and are not a historical record.

    Examples:

      bilateral demo

      bilateral demo --db /tmp/demo.db && bilateral events --db /tmp/demo.db --pair PAK-RUS
    """
    config = _config()
    store = _open_store(db, config)
    sample = resources.files("bilateral.samples").joinpath("demo")
    with resources.as_file(sample) as folder:
        stored = failed = dup = 0
        with err.status("coding the sample corpus…"):
            for outcome, item in store_ingest(store, run([str(folder)], config), batch_size=config.store_batch):
                if outcome == "failed":
                    failed += 1
                    _report_skip(item)
                elif outcome == "stored":
                    stored += 1
                else:
                    dup += 1
    counts = store.counts()
    gaz = gazetteer()
    table = Table(title=f"Country pairs in {store.url} ({counts['documents']} documents, {counts['events']} events)")
    for col in ("pair", "reported", "cooperative", "conflictual", "proposals", "index", "years", "top categories"):
        table.add_column(col, justify="right" if col in ("reported", "cooperative", "conflictual", "proposals", "index") else "left")
    for s in summarise_pairs(store, min_events=2):
        coop = s.quads[1] + s.quads[2]
        conf = s.quads[3] + s.quads[4]
        index = f"{s.index:+.1f}" if s.index is not None else "—"
        years = f"{s.first}–{s.last}" if s.first and s.first != s.last else (s.first or "—")
        top = ", ".join(f"{c} {n}" for c, n in s.categories.most_common(3))
        table.add_row(f"{gaz.label(s.a)} – {gaz.label(s.b)}", str(s.reported), str(coop), str(conf), str(s.proposals), index, years, top)
    # Piped or captured output has no width: use a wide one, as formats.write_table does.
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    err.print(
        f"{stored} documents stored, {dup} already there, {failed} skipped. "
        "Index: mean PLOVER intensity of reported events (−10 hostile … +10 cooperative). "
        "Try: bilateral events --pair PAK-RUS, or bilateral pair PAK RUS --format html -o brief.html",
        markup=False,
    )
    raise typer.Exit(Exit.SKIPPED if failed else Exit.OK)


@app.command()
def evaluate(
    gold: List[str] = typer.Argument(..., help="PLOVER gold JSON files and/or folders of annotated articles."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the report as JSON to this file."),
    confusion: bool = typer.Option(True, "--confusion/--no-confusion", help="Print the confusion matrix."),
) -> None:
    """Score the coder against gold records and annotated articles.

    PLOVER-style records (a JSON list, 0.5 names mapped) are scored on their most
    confident event; article folders (docs/annotation.md) event by event.

    Examples:

      bilateral evaluate ../shared/data/plover-gsr-dev.json

      bilateral evaluate gold/articles/dev gold/articles/test --json report.json
    """
    import json

    from ..evaluation import evaluate as run_evaluation, read_gold
    from ..pipeline import get_coder

    config = _config()
    reports = []
    try:
        coder = get_coder(config)
        for g in gold:
            docs = read_gold(g)
            with err.status(f"scoring {g}…"):
                reports.append(run_evaluation(g, docs, coder, config))
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    console = Console(width=None if sys.stdout.isatty() else 160)
    for r in reports:
        _print_report(console, r, confusion)
    if json_out:
        json_out.write_text(json.dumps({"reports": [r.to_dict() for r in reports]}, indent=2), "utf-8")
        err.print(f"report written to {json_out}", markup=False)


def _print_report(console: Console, r, confusion: bool) -> None:
    console.print(
        f"\n{r.name}: {r.units} {'records' if r.kind == 'plover' else 'articles'}, "
        f"{r.gold_events} gold events, {r.predicted} predicted",
        markup=False, highlight=False,
    )
    head = Table()
    head.add_column("figure")
    head.add_column("value", justify="right")
    for k, v in r.figures.items():
        head.add_row(k, f"{v:.3f}" if isinstance(v, float) else str(v))
    console.print(head)
    cats = Table(title="per category")
    for col in ("category", "precision", "recall", "f1", "support"):
        cats.add_column(col, justify="left" if col == "category" else "right")
    for c, m in r.per_category.items():
        cats.add_row(c, f"{m['precision']:.2f}", f"{m['recall']:.2f}", f"{m['f1']:.2f}", str(m["support"]))
    console.print(cats)
    if confusion and r.confusion:
        preds = sorted({p for row in r.confusion.values() for p in row})
        cm = Table(title="confusion (rows gold, columns predicted)")
        cm.add_column("gold")
        for p in preds:
            cm.add_column(p[:4], justify="right")
        for g, row in r.confusion.items():
            cm.add_row(g, *[str(row.get(p, "")) for p in preds])
        console.print(cm)
    for f in r.failures[:10]:
        err.print(f"note: {f}", markup=False)


REPORT_FORMATS = ("table", "json", "md", "html")
BY_HELP = "Count by year, quarter or month."
STATUS_HELP = (
    "Statuses to include, comma-separated (default all): reported, future, hypothetical, negated. "
    "--status reported leaves the proposals out."
)


def _report_options(format: str, by: str, status: Optional[str], since: Optional[str], until: Optional[str]) -> dict:
    """Check the options pair and country share; the analysis keywords they give."""
    from ..analysis.distinct import PERIODS

    if format not in REPORT_FORMATS:
        raise _fail(f"unknown format {format!r}: use one of {', '.join(REPORT_FORMATS)}")
    if by not in PERIODS:
        raise _fail(f"--by {by!r}: use one of {', '.join(PERIODS)}")
    if status is not None and (not status.strip() or any(s.strip() not in STATUSES for s in status.split(","))):
        raise _fail(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return dict(
        since=_bound(since, "since", first=True), until=_bound(until, "until", first=False), statuses=status, by=by,
    )


def _write_report(analysis, format: str, output: Optional[Path], charts_dir: Optional[Path], empty: str) -> None:
    """Render an analysis to stdout or a file; an empty one is a one-line message (exit 0)."""
    import shutil

    from ..reports import NEEDS_CHARTS, REPORTS, charts_for
    from ..reports.brief import chart_paths

    if analysis.empty:
        err.print(empty, markup=False)
        if format != "json":
            raise typer.Exit(Exit.OK)
    charts = charts_for(analysis) if (format in NEEDS_CHARTS or charts_dir) and not analysis.empty else []
    paths = None
    if charts_dir:
        try:
            for c in charts:
                c.write(charts_dir)
        except OSError as exc:
            raise _fail(f"cannot write the charts to {charts_dir}: {exc.strerror or exc}") from None
        paths = chart_paths(charts, str(charts_dir), str(output.parent) if output else None)
        err.print(f"{len(charts)} charts written to {charts_dir} (SVG and PNG)", markup=False)
    width = None
    if format == "table":
        width = shutil.get_terminal_size().columns if output is None and sys.stdout.isatty() else 160
    text = REPORTS[format](analysis, charts, paths, width)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, "utf-8")
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    err.print(f"written to {output}", markup=False)


def _selection(since: Optional[str], until: Optional[str], status: Optional[str]) -> str:
    parts = [f"--since {since}" if since else "", f"--until {until}" if until else "", f"--status {status}" if status else ""]
    picked = " ".join(p for p in parts if p)
    return f" ({picked})" if picked else ""


@app.command()
def pair(
    a: str = typer.Argument(..., metavar="A", help="A country: ISO 3166 alpha-3 code or name (PAK, Pakistan)."),
    b: str = typer.Argument(..., metavar="B", help="The other country."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
    by: str = typer.Option("year", "--by", help=BY_HELP),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after this date (YYYY[-MM[-DD]])."),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before this date (YYYY[-MM[-DD]])."),
    status: Optional[str] = typer.Option(None, "--status", help=STATUS_HELP),
    format: str = typer.Option("table", "--format", "-f", help="table, json, md or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file, not standard output."),
    charts: Optional[Path] = typer.Option(None, "--charts", help="Also write the charts (SVG and PNG) into this folder."),
    compare: Optional[str] = typer.Option(
        None, "--compare", help="gdelt: GDELT's events for the pair (bilateral import-gdelt) side by side with ours; table or json."
    ),
) -> None:
    """A country pair: activity and index over time, scorecard by field, milestones, proposals.

    Every claim cites its sentences. A pair with no events prints one line on stderr and
    exits 0 (with --format json, the empty analysis is still written).

    Examples:

      bilateral pair PAK RUS

      bilateral pair Pakistan Russia --by quarter --since 2014

      bilateral pair PAK RUS --format html -o brief.html

      bilateral pair PAK RUS --format md -o brief.md --charts charts/

      bilateral pair PAK RUS --compare gdelt --by year
    """
    from ..analysis import analyse_pair, resolve_pair

    options = _report_options(format, by, status, since, until)
    try:
        ca, cb = resolve_pair(a, b)
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    config = _config()
    store = _open_store(db, config)
    if compare is not None:
        _compare(store, ca, cb, compare, format, output, options)
        return
    try:
        analysis = analyse_pair(store, ca, cb, config=config, **options)
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    gaz = gazetteer()
    empty = (
        f"no events between {gaz.label(ca)} ({ca}) and {gaz.label(cb)} ({cb}) in {store.url}"
        f"{_selection(since, until, status)}"
    )
    _write_report(analysis, format, output, charts, empty)


def _compare(store: Store, a: str, b: str, against: str, format: str, output: Optional[Path], options: dict) -> None:
    """`pair --compare gdelt`: ours and GDELT's side by side."""
    import json

    from ..analysis.compare import compare_gdelt, render_comparison
    from ..store.gdelt import gdelt_count

    if against != "gdelt":
        raise _fail(f"--compare {against!r}: the one source to compare with is gdelt")
    if format not in ("table", "json"):
        raise _fail(f"--compare gdelt prints a table or json, not {format!r}")
    if gdelt_count(store) == 0:
        raise _fail(f"no GDELT events in {store.url}: import some first with bilateral import-gdelt FILE")
    try:
        result = compare_gdelt(store, a, b, by=options["by"], since=options["since"], until=options["until"],
                               statuses=options["statuses"])
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    text = json.dumps(result, indent=2) + "\n" if format == "json" else render_comparison(result)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, "utf-8")
        err.print(f"written to {output}", markup=False)


@app.command()
def country(
    name: str = typer.Argument(..., metavar="COUNTRY", help="A country: ISO 3166 alpha-3 code or name."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
    by: str = typer.Option("year", "--by", help=BY_HELP),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after this date (YYYY[-MM[-DD]])."),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before this date (YYYY[-MM[-DD]])."),
    status: Optional[str] = typer.Option(None, "--status", help=STATUS_HELP),
    format: str = typer.Option("table", "--format", "-f", help="table, json, md or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file, not standard output."),
    charts: Optional[Path] = typer.Option(None, "--charts", help="Also write the charts (SVG and PNG) into this folder."),
) -> None:
    """A country: its partners ranked by volume and index, its network, its shifts over time.

    Examples:

      bilateral country RUS

      bilateral country Russia --since 2022 --format html -o russia.html

      bilateral country PAK --format json
    """
    from ..analysis import analyse_country

    options = _report_options(format, by, status, since, until)
    code = _country(name)
    config = _config()
    store = _open_store(db, config)
    try:
        analysis = analyse_country(store, code, config=config, **options)
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    empty = f"no events of {gazetteer().label(code)} ({code}) in {store.url}{_selection(since, until, status)}"
    _write_report(analysis, format, output, charts, empty)


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
    host: Optional[str] = typer.Option(None, "--host", help="Address to listen on. [config: serve_host; default 127.0.0.1]"),
    port: Optional[int] = typer.Option(None, "--port", help="Port to listen on. [config: serve_port; default 8000]"),
    private: Optional[bool] = typer.Option(None, "--private/--public", help="Reads need a token too. [config: serve_private]"),
) -> None:
    """Serve the REST API (/api/v1) and the web dashboard over the store.

    Reads are open unless --private; writes (ingest) need a token from
    `bilateral token create`. See docs/serve.md.

    Examples:

      bilateral serve --db analysis.db

      bilateral serve --db analysis.db --host 0.0.0.0 --port 8080 --private
    """
    from ..serve.run import run_server

    config = _config().with_overrides(serve_host=host, serve_port=port, serve_private=private)
    store = _open_store(db, config)
    err.print(
        f"serving {store.url} on http://{config.serve_host}:{config.serve_port}/ "
        f"(API /api/v1, reads {'need a token' if config.serve_private else 'open'}); Ctrl-C stops",
        markup=False,
    )
    try:
        run_server(store, config)
    except BilateralError as exc:
        raise _fail(str(exc)) from None


token_app = typer.Typer(help="API tokens for bilateral serve: create, list, revoke.", no_args_is_help=True)
app.add_typer(token_app, name="token")


def _tokens(db: Optional[str]):
    from ..serve.tokens import Tokens

    return Tokens(_open_store(db, _config()))


@token_app.command("create")
def token_create(
    name: str = typer.Argument(..., help="What the token is for (a person, a script)."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
) -> None:
    """Make a token; the secret is printed once, and only its hash is stored.

    Examples:

      bilateral token create "newsroom scraper" --db analysis.db
    """
    info, secret = _tokens(db).create(name)
    typer.echo(secret)
    err.print(f"token {info.id} ({info.name}) created: keep the secret above, it is not shown again", markup=False)


@token_app.command("list")
def token_list(db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP)) -> None:
    """List the tokens (ids, names, dates; never the secrets).

    Examples:

      bilateral token list --db analysis.db
    """
    table = Table()
    for col in ("id", "name", "created", "last used", "revoked"):
        table.add_column(col)
    for t in _tokens(db).list():
        table.add_row(t.id, t.name, t.created_at, t.last_used_at or "—", t.revoked_at or "—")
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@token_app.command("revoke")
def token_revoke(
    token_id: str = typer.Argument(..., metavar="ID", help="The token's id (bilateral token list)."),
    db: Optional[str] = typer.Option(None, "--db", envvar="BILATERAL_DB", help=DB_HELP),
) -> None:
    """Revoke a token: requests with it are refused from now on.

    Examples:

      bilateral token revoke 3f9c01ab --db analysis.db
    """
    try:
        info = _tokens(db).revoke(token_id)
    except BilateralError as exc:
        raise _fail(str(exc)) from None
    err.print(f"token {info.id} ({info.name}) revoked", markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
