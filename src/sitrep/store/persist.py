"""Persisting what the corpus writer decided: rows in, rows out, nothing decided here.

The corpus (`sitrep.corpus.writer`) owns near-duplicate and merge state and builds the rows;
this module writes them and reads back what that state is rebuilt from. One write transaction
at a time per store: SQLite serialises writers itself (and `sitrep ingest` also holds the
store's lock file, see lock.py); on PostgreSQL `writing()` takes a transaction-scoped advisory
lock, so two processes writing one database take turns per batch and each sees what the other
committed before it writes (`article_count` tells it whether to re-read its state).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from sitrep import __version__
from sitrep.store.engine import serialise
from sitrep.store.tables import (
    ArticleDocument,
    CounterRow,
    ArticleEntity,
    ArticleRow,
    EntityRow,
    EventReport,
    EventRow,
    Failure,
    PlaceRow,
    RelationEvidence,
    RelationRow,
    Run,
    StatementRow,
    Story,
)

TABLES = {
    "articles": ArticleRow.__table__, "article_documents": ArticleDocument.__table__,
    "stories": Story.__table__, "entities": EntityRow.__table__, "article_entities": ArticleEntity.__table__,
    "places": PlaceRow.__table__, "events": EventRow.__table__, "event_reports": EventReport.__table__,
    "relations": RelationRow.__table__, "relation_evidence": RelationEvidence.__table__,
    "statements": StatementRow.__table__, "failures": Failure.__table__, "runs": Run.__table__,
    "counters": CounterRow.__table__,
}
NEXT_EVENT_ID = "next_event_id"


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, serialised against other writers of the same store."""
    with engine.begin() as c:
        serialise(c)
        yield c


# ------------------------------------------------------------------ generic rows
def insert_rows(c: Connection, table: str, rows: list[dict]) -> None:
    if rows:
        c.execute(insert(TABLES[table]), rows)


def insert_one(c: Connection, table: str, values: dict) -> int:
    """Insert a row and return its generated primary key."""
    return c.execute(insert(TABLES[table]).values(**values)).inserted_primary_key[0]


def update_rows(c: Connection, table: str, rows: list[dict]) -> None:
    """Update rows by their `id` (every row names the same columns)."""
    if not rows:
        return
    t = TABLES[table]
    params = [{**{k: v for k, v in r.items() if k != "id"}, "b_id": r["id"]} for r in rows]
    c.execute(update(t).where(t.c.id == bindparam("b_id")), params)


def article_count(c: Connection) -> int:
    return c.execute(select(func.count()).select_from(TABLES["articles"])).scalar() or 0


def clear_failures(c: Connection, origins: list[str]) -> None:
    if origins:
        c.execute(delete(Failure).where(Failure.origin.in_(origins)))


def read_counter(c: Connection, name: str, default: int = 1) -> int:
    value = c.execute(select(CounterRow.value).where(CounterRow.name == name)).scalar()
    return default if value is None else value


def raise_counter(c: Connection, name: str, value: int) -> None:
    """Set a counter to `value` unless it is already higher (counters never go down)."""
    current = c.execute(select(CounterRow.value).where(CounterRow.name == name)).scalar()
    if current is None:
        c.execute(insert(CounterRow).values(name=name, value=value))
    elif current < value:
        c.execute(update(CounterRow).where(CounterRow.name == name).values(value=value))


# ------------------------------------------------------------------ runs and failures
def start_run(engine: Engine, sources: list[str], workers: int) -> int:
    with engine.begin() as c:
        return insert_one(c, "runs", dict(sitrep_version=__version__, started_at=now(), status="running",
                                          sources=json.dumps(sources), workers=workers, n_read=0, n_stored=0,
                                          n_skipped=0, n_duplicates=0, n_failed=0, n_reports=0))


def count_into_run(c: Connection, run_id: int, stored: int, duplicates: int, reports: int) -> None:
    c.execute(update(Run).where(Run.id == run_id).values(
        n_stored=Run.n_stored + stored, n_duplicates=Run.n_duplicates + duplicates,
        n_reports=Run.n_reports + reports))


def finish_run(engine: Engine, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
    with engine.begin() as c:
        c.execute(update(Run).where(Run.id == run_id).values(
            finished_at=now(), status=status, **{f"n_{k}": v for k, v in counts.items()}))


def record_failure(engine: Engine, run_id: int, origin: str, stage: str, reason: str,
                   article_id: str | None = None) -> None:
    """One row per (input, stage): a repeated failure counts an attempt per run."""
    t = TABLES["failures"]
    stamp = now()
    with writing(engine) as c:
        row = c.execute(select(t.c.id, t.c.last_run_id).where(t.c.origin == origin, t.c.stage == stage)).first()
        if row is None:
            c.execute(insert(t).values(origin=origin, stage=stage, reason=reason, article_id=article_id,
                                       first_run_id=run_id, last_run_id=run_id, attempts=1,
                                       first_seen=stamp, last_seen=stamp))
        elif row.last_run_id != run_id:
            c.execute(update(t).where(t.c.id == row.id).values(
                reason=reason, last_run_id=run_id, last_seen=stamp, attempts=t.c.attempts + 1))


# ------------------------------------------------------------------ reading the state back
@dataclass
class StoredState:
    """Everything the corpus writer rebuilds its memory from, as rows."""

    articles: list = field(default_factory=list)  # (id, story_id, minhash), in ingestion order
    stories: list = field(default_factory=list)
    entities: list = field(default_factory=list)
    places: list = field(default_factory=list)  # (id, n_articles)
    relation_stories: list = field(default_factory=list)  # (relation_id, story_id), distinct
    relations: list = field(default_factory=list)
    reports: list = field(default_factory=list)  # in id order
    events: list = field(default_factory=list)  # in id order
    failed_origins: set = field(default_factory=set)
    next_event_id: int = 1  # ids below it were given out once, and are not given again


def read_state(c: Connection, events_from: date | None = None) -> StoredState:
    """Everything; with `events_from`, only the merged events that end on or after that day
    (and their reports)."""
    t = TABLES
    a, rel_ev = t["articles"], t["relation_evidence"]
    if events_from is not None:
        ev = t["events"]
        events, reports = read_events(c, ev.c.date_end >= events_from)
    else:
        events = c.execute(select(t["events"]).order_by(t["events"].c.id)).all()
        reports = c.execute(select(t["event_reports"]).order_by(t["event_reports"].c.id)).all()
    return StoredState(
        articles=c.execute(select(a.c.id, a.c.story_id, a.c.minhash).order_by(a.c.ingested_at, a.c.id)).all(),
        stories=c.execute(select(t["stories"])).all(),
        entities=c.execute(select(t["entities"])).all(),
        places=c.execute(select(t["places"].c.id, t["places"].c.n_articles)).all(),
        relation_stories=c.execute(select(rel_ev.c.relation_id, rel_ev.c.story_id).distinct()).all(),
        relations=c.execute(select(t["relations"])).all(),
        reports=reports,
        events=events,
        failed_origins=set(c.execute(select(t["failures"].c.origin)).scalars()),
        next_event_id=read_counter(c, NEXT_EVENT_ID),
    )


def read_events(c: Connection, where) -> tuple[list, list]:
    """Merged events matching `where` (a condition on the events table) and their reports,
    each in id order."""
    ev, rep = TABLES["events"], TABLES["event_reports"]
    events = c.execute(select(ev).where(where).order_by(ev.c.id)).all()
    ids = [e.id for e in events]
    reports = []
    for lo in range(0, len(ids), 500):  # bound the statement's parameters
        reports += c.execute(select(rep).where(rep.c.event_id.in_(ids[lo:lo + 500]))).all()
    reports.sort(key=lambda r: r.id)
    return events, reports


def newest_event_day(c: Connection) -> date | None:
    ev = TABLES["events"]
    return c.execute(select(func.max(ev.c.date_end))).scalar()


def event_ids_of_story(c: Connection, story_id: int) -> set[int]:
    rep = TABLES["event_reports"]
    return set(c.execute(select(rep.c.event_id).where(rep.c.story_id == story_id).distinct()).scalars())


def event_ids_overlapping(c: Connection, country: str, start: date, end: date, event_type: str | None,
                          sub_event_type: str | None, plover_type: str | None) -> set[int]:
    """Merged events in `country` of this type (ACLED's pair, else the PLOVER type) whose
    dates overlap start..end."""
    ev = TABLES["events"]

    def same(column, value):
        return column.is_(None) if value is None else column == value

    kind = (same(ev.c.event_type, event_type), same(ev.c.sub_event_type, sub_event_type)) if event_type else (
        ev.c.event_type.is_(None), ev.c.plover_type == plover_type)
    return set(c.execute(select(ev.c.id).where(ev.c.country == country, *kind, ev.c.event_date <= end,
                                               ev.c.date_end >= start)).scalars())


def stored_keys(engine: Engine) -> set[str]:
    """The identities of the stored articles: enough to tell a rerun with nothing new."""
    with engine.connect() as c:
        return set(c.execute(select(TABLES["articles"].c.id)).scalars())


def stored_counts(engine: Engine) -> Counter:
    """Row counts of the main tables (tests and the end-of-run summary use them)."""
    out: Counter = Counter()
    with engine.connect() as c:
        for name in ("articles", "stories", "events", "event_reports", "relations", "statements", "failures"):
            out[name] = c.execute(select(func.count()).select_from(TABLES[name])).scalar() or 0
    return out


# ------------------------------------------------------------------ rewriting (sitrep reextract)
# Children before parents, so that foreign keys hold at every step.
_ARTICLE_DATA = ("relation_evidence", "relations", "event_reports", "events", "article_entities", "entities",
                 "places", "statements", "article_documents", "articles", "stories")


def read_article_index(c: Connection) -> list:
    """Every stored article, in ingestion order, without its document:
    (id, origin, run_id, ingested_at, published, source)."""
    a = TABLES["articles"]
    return c.execute(select(a.c.id, a.c.origin, a.c.run_id, a.c.ingested_at, a.c.published, a.c.source)
                     .order_by(a.c.ingested_at, a.c.id)).all()


def read_documents(c: Connection, article_ids: list[str]) -> dict[str, str]:
    """{article id: its stored document (JSON)} for these articles."""
    d = TABLES["article_documents"]
    out: dict[str, str] = {}
    for lo in range(0, len(article_ids), 500):  # bound the statement's parameters
        part = article_ids[lo:lo + 500]
        out.update(c.execute(select(d.c.article_id, d.c.document).where(d.c.article_id.in_(part))).all())
    return out


def read_event_identities(c: Connection) -> tuple[list, list]:
    """The merged events' identifying fields, and (event_id, article_id) of every report."""
    e, r = TABLES["events"], TABLES["event_reports"]
    events = c.execute(select(e.c.id, e.c.event_type, e.c.sub_event_type, e.c.plover_type, e.c.event_date,
                              e.c.country, e.c.place_id, e.c.location, e.c.status).order_by(e.c.id)).all()
    return events, c.execute(select(r.c.event_id, r.c.article_id)).all()


def delete_article_data(c: Connection) -> None:
    """Remove every article and all that was derived from them (runs, failures and reference
    data stay); the caller writes them again in the same transaction."""
    for name in _ARTICLE_DATA:
        c.execute(delete(TABLES[name]))
