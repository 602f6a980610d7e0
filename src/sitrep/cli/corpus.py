"""Corpus mode: `sitrep ingest`, `events`, `actors`, `graph`, `timeline`, `export`, `failures`.

Thin: parse options, call `sitrep.corpus` / `sitrep.store` / `sitrep.export`, print.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from sitrep.cli.app import app, err
from sitrep.corpus.deadline import DEFAULT_ARTICLE_TIMEOUT
from sitrep.ingest.article import DEFAULT_MAX_CHARS, MAX_CHARS_LIMIT
from sitrep.cli.app import fail as _fail
from sitrep.store.engine import DEFAULT_DB, StoreError, display_name

DB_HELP = "The store: a SQLite file (created when missing) or a SQLAlchemy URL."
out = Console()


def fail(message: str) -> None:
    # Paths, URLs and reasons may hold [brackets], which rich would read as markup.
    from rich.markup import escape

    _fail(escape(message))


def _db_option(default: str = DEFAULT_DB):
    return typer.Option(default, "--db", help=DB_HELP)


def _open(db: str, must_exist: bool = True):
    from sitrep.store.engine import open_store

    try:
        return open_store(db, must_exist=must_exist)
    except StoreError as exc:
        fail(str(exc))


def _filters(country, since, until, type_, actor, background=False):
    from sitrep.store.queries import EventFilters

    try:
        return EventFilters.parse(country, since, until, type_, actor, background)
    except StoreError as exc:
        fail(str(exc))


def _table(headers: tuple[str, ...], rows: list[tuple], count: str | None = None) -> None:
    """A table for a person at a terminal; tab-separated values, one row a line, with nothing
    folded or cut, when the output goes to a file or another program (`| grep`, `> x.tsv`)."""
    if not out.is_terminal:
        w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        w.writerow(headers)
        w.writerows(["" if v is None else str(v) for v in row] for row in rows)
        return
    from rich.markup import escape

    t = Table()
    for h in headers:
        t.add_column(h, overflow="fold")
    for row in rows:
        t.add_row(*(escape("" if v is None else str(v)) for v in row))
    out.print(t)
    if count:
        out.print(count)


# Shared filter options (the same on `events` and `export`).
COUNTRY = typer.Option(None, "--country", help="ISO code (SYR) or name (Syria).")
SINCE = typer.Option(None, "--since", help="Events on or after this date (YYYY-MM-DD).")
UNTIL = typer.Option(None, "--until", help="Events on or before this date (YYYY-MM-DD).")
TYPE = typer.Option(None, "--type", help='ACLED event or sub-event type ("Explosions/Remote violence", "Air/drone strike") or PLOVER type.')
ACTOR = typer.Option(None, "--actor", help="Actor id (kb:hezbollah) or part of a name.")
BACKGROUND = typer.Option(False, "--background", help="Include events the articles tell as history.")


# ------------------------------------------------------------------ ingest
@app.command()
def ingest(
    sources: list[str] = typer.Argument(..., help="Files, folders (read recursively), feeds, JSON Lines, CSV; - for standard input."),
    db: str = _db_option(),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extraction processes (the main process writes the store)."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per spaCy batch."),
    column: list[str] = typer.Option([], "--column", help="Map a field to a CSV column / JSON key: text=article_content (repeatable)."),
    date_format: Optional[str] = typer.Option(None, "--date-format", help="strptime format of the date column, e.g. %m/%d/%y."),
    published: Optional[str] = typer.Option(None, "--published", "-p", help="Publication date (YYYY-MM-DD) for articles that carry none, e.g. plain-text files."),
    delimiter: Optional[str] = typer.Option(None, "--delimiter", help="CSV field separator (default: , for .csv, tab for .tsv)."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=1, max=MAX_CHARS_LIMIT, help="Refuse articles longer than this (at most 1,000,000, the longest text spaCy parses)."),
    article_timeout: float = typer.Option(DEFAULT_ARTICLE_TIMEOUT, "--article-timeout", min=0, help="Seconds one article may take to extract before it is recorded as a failure (0: no bound)."),
    fetch: bool = typer.Option(False, "--fetch", help="Allow fetching URLs and the feeds listed in OPML files."),
    fetch_pages: bool = typer.Option(False, "--fetch-pages", help="Also fetch each feed item's page for its full text (needs --fetch)."),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds for each whole download (connecting, headers and body)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Also fetch from loopback, private and link-local addresses (refused by default, so a feed cannot point sitrep at your own network)."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", min=1, help="The most bytes read from one whole file (text, HTML, feed) or one download."),
    actors: list[Path] = typer.Option([], "--actors", help="An extra actor file or folder (YAML); repeatable."),
    dedup_threshold: float = typer.Option(0.7, "--dedup-threshold", min=0.05, max=1.0, help="Estimated Jaccard similarity (word 3-grams) from which an article is a near-duplicate."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Extract on this Dask cluster (tcp://HOST:8786); this process stores (needs sitrep[dask])."),
    dask_local: Optional[int] = typer.Option(None, "--dask-local", min=1, help="Extract on a Dask LocalCluster of this many worker processes (needs sitrep[dask])."),
    merge_window: Optional[int] = typer.Option(None, "--merge-window", min=1, help="Keep in memory only the events of the last DAYS (older ones are read back from the store when a report could join one): the same events, in bounded memory, for a large store."),
) -> None:
    """Read, extract and store articles. Resumable: stored articles are skipped."""
    if scheduler and dask_local:
        fail("give either --scheduler (an existing Dask cluster) or --dask-local N (one started here), not both.")
    from sitrep.ingest.readers import ReaderOptions, parse_columns, read_sources
    from sitrep.ingest.readers.sources import count_items

    from sitrep.ingest.article import InputError, parse_published

    try:
        options = ReaderOptions(columns=parse_columns(column), date_format=date_format, delimiter=delimiter,
                                max_chars=max_chars, fetch=fetch, fetch_pages=fetch_pages, timeout=timeout,
                                allow_private=allow_private, max_bytes=max_bytes,
                                published=parse_published(published))
    except (ValueError, InputError) as exc:
        fail(str(exc))
        return
    from sitrep.corpus.pipeline import IngestOptions
    from sitrep.store.engine import database_url
    from sitrep.corpus.writer import CorpusWriter
    from sitrep.store.lock import store_lock
    from sitrep.store.persist import stored_keys

    try:
        url = database_url(db)
    except StoreError as exc:
        fail(str(exc))
        return

    def waiting(holder: str) -> None:
        err.print(f"[yellow]waiting:[/] another `sitrep ingest` ({holder}) is writing to {display_name(db)}; "
                  "this run starts when it ends (Ctrl-C to stop).")

    # One writer at a time into a SQLite file (see store/lock.py), from before the schema is
    # created to the end. A PostgreSQL store takes concurrent runs (see corpus/writer.py).
    with store_lock(url, waiting):
        engine = _open(db, must_exist=False)
        try:
            with err.status("Opening the store…"):
                # Only the stored keys for now: a rerun with nothing new stops there.
                writer = CorpusWriter(engine, dedup_threshold=dedup_threshold, known=stored_keys(engine),
                                      merge_window=merge_window)
            run_id = writer.start_run(list(sources), workers)
        except StoreError as exc:
            fail(str(exc))
            return
        _run_ingest(read_sources(sources, options=options), writer, run_id,
                    IngestOptions(workers=workers, batch_size=batch_size, actor_paths=actors,
                                  article_timeout=article_timeout or None,
                                  dask=scheduler or (f"local:{dask_local}" if dask_local else None)), db,
                    count=lambda: count_items(sources, options))


def _run_ingest(items, writer, run_id: int, options, db: str, count=None) -> None:
    """`count`: a function giving the number of input items (or None), for the progress bar's
    total and time remaining; it runs in a thread so that a large input starts at once."""
    import threading

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from sitrep.corpus.cluster import ClusterError
    from sitrep.corpus.pipeline import ingest as run
    from sitrep.corpus.workers import WorkerStartError
    from sitrep.knowledge.actors import KnowledgeError

    started = time.monotonic()
    columns = (SpinnerColumn(), BarColumn(bar_width=20), MofNCompleteColumn(), TextColumn("inputs;"),
               TextColumn("{task.fields[done]} articles stored"),
               TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("{task.fields[skipped]} skipped"),
               TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn(), TextColumn("left:"),
               TimeRemainingColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("ingest", total=None, done=0, rate=0.0, skipped=0, failed=0)

        def set_total() -> None:
            try:
                total = count()
            except Exception:  # noqa: BLE001 - an estimate; the run goes on without one
                total = None
            if total:
                progress.update(task, total=total)

        if count is not None:
            threading.Thread(target=set_total, daemon=True).start()

        def update(stats) -> None:
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(task, completed=stats.stored + stats.skipped + stats.failed + stats.ignored,
                            done=stats.stored, rate=stats.stored / elapsed, skipped=stats.skipped, failed=stats.failed)

        try:
            stats = run(items, writer, run_id, options, update)
        except (KnowledgeError, ClusterError) as exc:
            writer.finish_run(run_id, {}, status="failed")
            progress.stop()
            fail(str(exc))
            return
        except WorkerStartError as exc:
            writer.finish_run(run_id, {}, status="failed")
            progress.stop()
            fail(f"a worker could not start: {exc}")
            return
        except KeyboardInterrupt:
            writer.finish_run(run_id, {}, status="interrupted")
            err.print("[yellow]interrupted:[/] every article stored so far is kept; run the same command again to resume.")
            raise typer.Exit(130)
        except StoreError as exc:
            progress.stop()
            _finish_quietly(writer, run_id, "failed")
            fail(f"{exc} Every article stored before this is kept; run the same command again to resume.")
            return
    writer.finish_run(run_id, stats.counts())
    elapsed = time.monotonic() - started
    err.print(
        f"stored {stats.stored} article(s) ({stats.duplicates} near-duplicate), {stats.reports} event report(s); "
        f"skipped {stats.skipped} already stored; {stats.failed} failed; {elapsed:.1f} s. Store: {display_name(db)}"
    )
    for origin, reason in stats.failures:
        err.print(f"  [red]failed[/] {origin}: {reason}")
    if stats.failed > len(stats.failures):
        err.print(f"  … `sitrep failures --db {display_name(db)}` lists all {stats.failed}.")
    if not stats.stored and not stats.skipped and (stats.failed or stats.ignored):
        # Nothing could be read (only failures, or only files sitrep does not read): a script
        # must not take this for success.
        if stats.ignored and not stats.failed:
            err.print(f"  nothing to read: {stats.ignored} input(s) skipped as not articles "
                      f"(`sitrep failures --skipped --db {display_name(db)}` says why).")
        raise typer.Exit(1)


def _finish_quietly(writer, run_id: int, status: str) -> None:
    """Mark the run ended when the store still takes writes (a full disk may refuse even that;
    the run then stays 'running', as a killed one does)."""
    try:
        writer.finish_run(run_id, {}, status=status)
    except StoreError:
        pass


# ------------------------------------------------------------------ reextract
@app.command()
def reextract(
    db: str = _db_option(),
    since: Optional[str] = typer.Option(None, "--since", help="Only articles published on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only articles published on or before this date (YYYY-MM-DD)."),
    article: list[str] = typer.Option([], "--article", help="Only this article (its URL or id, as `sitrep events --format json` shows it); repeatable."),
    source: list[str] = typer.Option([], "--source", help="Only articles from this outlet; repeatable."),
    actors: list[Path] = typer.Option([], "--actors", help="An extra actor file or folder (YAML); repeatable."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per spaCy batch."),
    dedup_threshold: float = typer.Option(0.7, "--dedup-threshold", min=0.05, max=1.0, help="As given to `sitrep ingest`."),
) -> None:
    """Extract stored articles again (after the knowledge or sitrep changed) and merge anew;
    an event keeps its id when it is the same event. Prints what changed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from sitrep.corpus.reextract import Selection, reextract as run
    from sitrep.knowledge.actors import KnowledgeError
    from sitrep.store.engine import database_url
    from sitrep.store.lock import store_lock
    from sitrep.store.queries import EventFilters

    try:
        dates = EventFilters.parse(since=since, until=until)
        url = database_url(db)
    except StoreError as exc:
        fail(str(exc))
        return
    selection = Selection(dates.since, dates.until, frozenset(article), frozenset(source))

    def build():
        from sitrep.document import Extractor

        return Extractor(actor_paths=list(actors))

    with store_lock(url, lambda holder: err.print(f"[yellow]waiting:[/] {holder} is writing to {display_name(db)}.")):
        engine = _open(db)
        with Progress(BarColumn(bar_width=20), MofNCompleteColumn(), TextColumn("articles extracted again"),
                      TimeElapsedColumn(), console=err, transient=True) as progress:
            task = progress.add_task("reextract", total=None)
            try:
                result = run(engine, build, selection, dedup_threshold, batch_size,
                             lambda done, total: progress.update(task, completed=done, total=total))
            except (KnowledgeError, StoreError) as exc:
                progress.stop()
                fail(f"{exc} The store is as it was.")
                return
    err.print(f"extracted {result.n_extracted} of {result.n_articles} stored article(s) again "
              f"({result.n_documents_changed} document(s) changed); events {result.n_events_before} -> "
              f"{result.n_events_after}: {result.count('added')} added, {result.count('removed')} removed, "
              f"{result.count('retyped')} retyped.")
    for article_id, reason in result.failed:
        err.print(f"  [red]failed[/] {article_id}: {reason} (its stored document is kept)")
    if result.changes:
        _table(("change", "event", "type", "date", "location"),
               [(c.kind, c.event_id, f"{c.old_type} -> {c.new_type}" if c.kind == "retyped" else (c.new_type or c.old_type),
                 c.date or "", c.location or "") for c in sorted(result.changes, key=lambda c: (c.kind, c.event_id))])


# ------------------------------------------------------------------ events
class EventFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


@app.command()
def events(
    db: str = _db_option(),
    country: Optional[str] = COUNTRY, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    type_: Optional[str] = TYPE, actor: Optional[str] = ACTOR, background: bool = BACKGROUND,
    fmt: EventFormat = typer.Option(EventFormat.table, "--format", "-f", help="table (tab-separated when not at a terminal), csv (ACLED columns), json (an array of events, each with every report and why it was merged) or jsonl (the same, one event a line)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most this many events."),
) -> None:
    """Merged events, filtered."""
    from sqlalchemy.orm import Session

    from sitrep.store import queries

    engine = _open(db)
    filters = _filters(country, since, until, type_, actor, background)
    with Session(engine) as s:
        if fmt == EventFormat.csv:
            from sitrep.export.acled import ACLED_COLUMNS, acled_events

            w = csv.DictWriter(sys.stdout, fieldnames=ACLED_COLUMNS)
            w.writeheader()
            for n, (_, row) in enumerate(acled_events(s, filters)):
                if limit and n >= limit:
                    break
                w.writerow({k: "" if v is None else v for k, v in row.items()})
            return
        rows = queries.events(s, filters, limit)
        if fmt in (EventFormat.json, EventFormat.jsonl):
            reports = queries.reports_of(s, [e.id for e in rows])
            records = (_event_json(e, reports.get(e.id, [])) for e in rows)
            if fmt == EventFormat.json:  # one JSON document: an array of events
                sys.stdout.write(json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")
            else:  # one event a line
                for record in records:
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        _events_table(rows)


def _event_json(e, reports) -> dict:
    cols = [c.name for c in e.__table__.columns]
    d = {c: getattr(e, c) for c in cols}
    d["reports"] = [
        {"article_id": r.article_id, "event": r.document_event_id, "published": r.published, "source": r.source,
         "duplicate": r.duplicate, "fatalities": r.fatalities, "certainty": r.certainty,
         "attribution": r.attribution_text, "summary": r.summary, "evidence": r.evidence_text,
         "merge_reason": r.merge_reason}
        for r in reports
    ]
    return json.loads(json.dumps(d, default=str))


def _events_table(rows) -> None:
    if not rows:
        err.print("no events match.")
        return
    table = []
    for e in rows:
        actors = " vs ".join(a for a in (e.actor1, e.actor2) if a) or "-"
        killed = "" if e.fatalities is None else str(e.fatalities)
        if e.fatalities_high is not None and e.fatalities_high != e.fatalities:
            killed += f" ({e.fatalities_low}-{e.fatalities_high})"
        date = e.event_date.isoformat() if e.event_date else "?"
        if e.status != "current":
            date += " (hist.)"
        table.append((e.event_id_cnty, date, e.sub_event_type or e.plover_type or "-", actors,
                      f"{e.location or '-'} ({e.country or '?'}, p{e.geo_precision or '?'})", killed,
                      f"{e.n_sources} ({e.n_reports} reports)"))
    _table(("id", "date", "type", "actors", "location", "killed", "sources"), table, f"{len(rows)} event(s)")


# ------------------------------------------------------------------ actors, graph, timeline
@app.command()
def actors(db: str = _db_option(), limit: int = typer.Option(50, "--limit", min=1)) -> None:
    """Actors in the store, by number of articles."""
    from sqlalchemy.orm import Session

    from sitrep.store import queries

    engine = _open(db)
    with Session(engine) as s:
        rows = [a for a in queries.actors(s) if not a.generic][:limit]
        _table(("id", "name", "kind", "inter", "country", "articles", "first seen", "last seen"),
               [(a.id, a.name, a.kind, a.inter or "", a.country or "", a.n_articles, a.first_seen or "",
                 a.last_seen or "") for a in rows])


@app.command()
def graph(
    db: str = _db_option(),
    actor: Optional[str] = ACTOR, country: Optional[str] = COUNTRY, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
) -> None:
    """Who backs, fights or belongs to whom, with first/last seen dates and report counts."""
    from sqlalchemy.orm import Session

    from sitrep.store import queries

    engine = _open(db)
    filters = _filters(country, since, until, None, actor)
    with Session(engine) as s:
        names = {k: v.name for k, v in queries.entity_names(s).items()}
        rows = queries.relations(s, filters)
        if not rows:
            err.print("no relations match.")
            return
        _table(("subject", "relation", "object", "status", "first seen", "last seen", "reports", "sources"),
               [(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object), r.status,
                 r.first_seen or "", r.last_seen or "", r.n_reports, r.n_sources) for r in rows])


@app.command()
def timeline(db: str = _db_option(), actor: str = typer.Option(..., "--actor", help="Actor id (kb:...) or a unique part of its name.")) -> None:
    """One actor over time: its events and its relations, by date."""
    from sqlalchemy.orm import Session

    from sitrep.store import queries

    engine = _open(db)
    with Session(engine) as s:
        try:
            ent = queries.resolve_actor(s, actor)
        except StoreError as exc:
            fail(str(exc))
            return
        names = {k: v.name for k, v in queries.entity_names(s).items()}
        f = queries.EventFilters(actor=ent.id, background=True)
        entries = []
        for e in queries.events(s, f):
            other = e.actor2 if e.actor1_id == ent.id else e.actor1
            what = (e.sub_event_type or e.plover_type or "event") + (f" with {other}" if other else "")
            killed = f", {e.fatalities} killed" if e.fatalities else ""
            hist = " [dim](told as history)[/]" if e.status != "current" else ""
            entries.append((e.event_date, f"{what} in {e.location or '?'}{killed} — {e.n_sources} source(s){hist}"))
        for r in queries.relations(s, queries.EventFilters(actor=ent.id)):
            subj, obj = names.get(r.subject, r.subject), names.get(r.object, r.object)
            entries.append((r.first_seen, f"first seen: {subj} {r.predicate.replace('_', ' ')} {obj} "
                                          f"({r.status}, last seen {r.last_seen or '?'}, {r.n_reports} report(s))"))
        out.print(f"[bold]{ent.name}[/] ({ent.id}, {ent.kind}, {ent.country or 'no country'}) — in {ent.n_articles} article(s)")
        if not entries:
            out.print("no events or relations yet.")
        for when, text in sorted(entries, key=lambda x: (x[0] is None, x[0] or "", x[1])):
            out.print(f"{when or '????-??-??'}  {text}")


# ------------------------------------------------------------------ export, failures
class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    graphml = "graphml"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def export(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="acled-csv, geojson, graphml, jsonl (documents) or parquet."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write; - for standard output."),
    db: str = _db_option(),
    country: Optional[str] = COUNTRY, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    type_: Optional[str] = TYPE, actor: Optional[str] = ACTOR, background: bool = BACKGROUND,
    acled_only: bool = typer.Option(False, "--acled-only", help="acled-csv: exactly ACLED's 31 columns, without sitrep's confidence and source articles after them."),
) -> None:
    """Write the store's events (or documents, or actor graph) to a file."""
    from sitrep.export.formats import export as run

    engine = _open(db)
    filters = _filters(country, since, until, type_, actor, background)
    to_stdout = str(output) == "-"
    if not to_stdout:
        if output.is_dir():
            fail(f"{output} is a folder; give a file name, e.g. {output / ('events.' + fmt.value.split('-')[-1])}.")
        if not output.parent.is_dir():
            fail(f"the folder {output.parent} does not exist; create it first (mkdir -p {output.parent}).")
    try:
        summary = run(engine, fmt.value, output, filters, acled_only=acled_only)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}. Check the disk space and permissions, or choose another -o.")
        return
    err.print(f"wrote {summary} to {'standard output' if to_stdout else output}")


@app.command()
def failures(
    db: str = _db_option(),
    skipped: bool = typer.Option(False, "--skipped", help="Also list inputs that were skipped as not articles."),
) -> None:
    """What could not be read, extracted or stored, and why."""
    from sqlalchemy.orm import Session

    from sitrep.store import queries

    engine = _open(db)
    with Session(engine) as s:
        rows = queries.failures(s, include_skipped=skipped)
        if not rows:
            out.print("no failures.")
            return
        _table(("input", "stage", "reason", "attempts", "last run"),
               [(f.origin, f.stage, f.reason, f.attempts, f.last_run_id) for f in rows], f"{len(rows)} failure(s)")
