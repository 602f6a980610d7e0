"""Reading the store: the event filters every listing and export shares, and the queries
behind `sitrep events / actors / graph / timeline / failures`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from sitrep.knowledge.countries import Countries
from sitrep.model import ACLED_TYPES, SUB_EVENT_TO_TYPE
from sitrep.store.engine import StoreError
from sitrep.store.tables import (
    ArticleDocument,
    ArticleEntity,
    ArticleRow,
    EntityRow,
    EventReport,
    EventRow,
    Failure,
    RelationEvidence,
    RelationRow,
    Run,
)


@dataclass(frozen=True)
class EventFilters:
    country: str | None = None  # ISO alpha-3 (a name or alpha-2 is converted)
    since: date | None = None
    until: date | None = None
    type: str | None = None  # an ACLED event type, sub-event type or PLOVER type
    actor: str | None = None  # an entity id (kb:...), or part of an actor's name
    background: bool = False  # include events the articles tell as history

    @classmethod
    def parse(cls, country: str | None = None, since: str | None = None, until: str | None = None,
              type: str | None = None, actor: str | None = None, background: bool = False) -> "EventFilters":
        """From command-line strings; StoreError says what is wrong with a value."""
        return cls(_country(country), _day(since, "--since"), _day(until, "--until"), _type(type),
                   actor.strip() if actor else None, background)

    @property
    def selects(self) -> bool:
        """True when a filter narrows the events (background alone widens them)."""
        return any((self.country, self.since, self.until, self.type, self.actor))

    def apply(self, q: Select) -> Select:
        if not self.background:
            q = q.where(EventRow.status == "current")
        if self.country:
            q = q.where(EventRow.country == self.country)
        # An event counts when its date range touches [since, until].
        if self.since:
            q = q.where(or_(EventRow.date_end >= self.since, EventRow.event_date >= self.since))
        if self.until:
            q = q.where(EventRow.event_date <= self.until)
        if self.type:
            if self.type in ACLED_TYPES:
                q = q.where(EventRow.event_type == self.type)
            elif self.type in SUB_EVENT_TO_TYPE:
                q = q.where(EventRow.sub_event_type == self.type)
            else:
                q = q.where(EventRow.plover_type == self.type)
        if self.actor:
            a = self.actor
            if ":" in a:
                q = q.where(or_(EventRow.actor1_id == a, EventRow.actor2_id == a,
                                EventRow.assoc_actor_1_ids.contains(a, autoescape=True),
                                EventRow.assoc_actor_2_ids.contains(a, autoescape=True)))
            else:
                like = name_pattern(a)
                q = q.where(or_(*(column.ilike(like, escape=_ESCAPE) for column in (
                    EventRow.actor1, EventRow.actor2, EventRow.assoc_actor_1, EventRow.assoc_actor_2))))
        return q


_ESCAPE = "\\"


def name_pattern(part: str) -> str:
    """A LIKE pattern matching names that contain `part` literally: `%` and `_` in what the
    user typed are characters to find, not wildcards (`--actor %` must not match everyone)."""
    escaped = part.lower().replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
    return f"%{escaped}%"


def _country(value: str | None) -> str | None:
    if not value:
        return None
    countries = Countries.load()
    c = countries.get(value) if len(value.strip()) in (2, 3) else None
    c = c or countries.by_name(value)
    if c is None:
        raise StoreError(f"unknown country {value!r}: give an ISO code such as SYR, or a name such as Syria.")
    return c.iso3


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise StoreError(f"{option} takes a date as YYYY-MM-DD, e.g. 2024-11-25; got {value!r}.") from None


def _type(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    from typing import get_args

    from sitrep.model import PloverType

    names = {n.lower(): n for n in (*ACLED_TYPES, *SUB_EVENT_TO_TYPE, *get_args(PloverType))}
    if v.lower() not in names:
        raise StoreError(
            f"unknown event type {value!r}: give an ACLED event type (e.g. \"Battles\"), a sub-event "
            "type (e.g. \"Air/drone strike\") or a PLOVER type (e.g. ASSAULT)."
        )
    return names[v.lower()]


# ------------------------------------------------------------------ events
def events(s: Session, filters: EventFilters, limit: int | None = None) -> list[EventRow]:
    q = filters.apply(select(EventRow)).order_by(EventRow.event_date, EventRow.id)
    if limit:
        q = q.limit(limit)
    return list(s.scalars(q))


def reports_of(s: Session, event_ids: list[int]) -> dict[int, list[EventReport]]:
    out: dict[int, list[EventReport]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        for r in s.scalars(select(EventReport).where(EventReport.event_id.in_(chunk)).order_by(EventReport.id)):
            out.setdefault(r.event_id, []).append(r)
    return out


def documents(s: Session, filters: EventFilters) -> Iterator[str]:
    """Stored document JSON, in ingestion order; with filters, only articles that report a
    matching event."""
    q = select(ArticleDocument.document).join(ArticleRow, ArticleRow.id == ArticleDocument.article_id)
    if filters.selects:
        matching = filters.apply(select(EventRow.id))
        articles = select(EventReport.article_id).where(EventReport.event_id.in_(matching))
        q = q.where(ArticleRow.id.in_(articles))
    q = q.order_by(ArticleRow.ingested_at, ArticleRow.id)
    yield from s.scalars(q)


# ------------------------------------------------------------------ actors and graph
def actors(s: Session) -> list[EntityRow]:
    return list(s.scalars(select(EntityRow).where(EntityRow.generic.is_(False) | (EntityRow.n_articles > 0))
                          .order_by(EntityRow.n_articles.desc(), EntityRow.name)))


def relations(s: Session, filters: EventFilters | None = None) -> list[RelationRow]:
    """Aggregated relations; with filters: those touching the actor or country, and seen
    within [since, until]."""
    q = select(RelationRow)
    f = filters or EventFilters()
    if f.actor:
        ids = _actor_ids(s, f.actor)
        q = q.where(or_(RelationRow.subject.in_(ids), RelationRow.object.in_(ids)))
    if f.country:
        in_country = select(EntityRow.id).where(EntityRow.country == f.country)
        q = q.where(or_(RelationRow.subject.in_(in_country), RelationRow.object.in_(in_country)))
    if f.since or f.until:
        ev = select(RelationEvidence.relation_id)
        if f.since:
            ev = ev.where(RelationEvidence.published >= f.since)
        if f.until:
            ev = ev.where(RelationEvidence.published <= f.until)
        q = q.where(RelationRow.id.in_(ev))
    return list(s.scalars(q.order_by(RelationRow.n_reports.desc(), RelationRow.id)))


def _actor_ids(s: Session, actor: str) -> list[str]:
    if ":" in actor:
        return [actor]
    return list(s.scalars(select(EntityRow.id).where(EntityRow.name.ilike(name_pattern(actor), escape=_ESCAPE))))


def entity_names(s: Session) -> dict[str, EntityRow]:
    return {e.id: e for e in s.scalars(select(EntityRow))}


def resolve_actor(s: Session, actor: str) -> EntityRow:
    row = s.get(EntityRow, actor)
    if row is not None:
        return row
    matches = list(s.scalars(select(EntityRow).where(EntityRow.name.ilike(name_pattern(actor), escape=_ESCAPE))
                             .order_by(EntityRow.n_articles.desc(), EntityRow.id)))
    # "Islamic State" names one actor exactly, however many others contain the words.
    exact = [m for m in matches if m.name.casefold() == actor.strip().casefold()]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise StoreError(f"no actor {actor!r} in the store; `sitrep actors --db ...` lists them with their ids.")
    listed = ", ".join(f"{m.id} ({m.name})" for m in matches[:5])
    raise StoreError(f"{actor!r} matches several actors: {listed}. Give the id.")


def failures(s: Session, include_skipped: bool = False) -> list[Failure]:
    q = select(Failure).order_by(Failure.last_seen.desc(), Failure.id)
    if not include_skipped:
        q = q.where(Failure.stage != "skipped")
    return list(s.scalars(q))


# ------------------------------------------------------------------ browsing (the HTTP API)
@dataclass(frozen=True)
class EventQuery(EventFilters):
    """`EventFilters` and the API's further filters: admin1 region, sub-event type, status,
    the least confidence among an event's reports, a bounding box. Every listing and export
    that takes EventFilters takes this too. `status="background"` needs `background=True`."""

    admin1: str | None = None
    sub_event_type: str | None = None
    status: str | None = None  # current | background
    min_confidence: float | None = None  # an event counts when any of its reports reaches it
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north (degrees)

    @property
    def selects(self) -> bool:
        return super().selects or any((self.admin1, self.sub_event_type, self.status, self.bbox,
                                       self.min_confidence is not None))

    def apply(self, q: Select) -> Select:
        q = super().apply(q)
        if self.admin1:
            q = q.where(EventRow.admin1.ilike(self.admin1.strip().replace(_ESCAPE, _ESCAPE * 2)
                                              .replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_"), escape=_ESCAPE))
        if self.sub_event_type:
            q = q.where(EventRow.sub_event_type == self.sub_event_type)
        if self.status:
            q = q.where(EventRow.status == self.status)
        if self.min_confidence is not None:
            sure = select(EventReport.event_id).where(EventReport.confidence >= self.min_confidence)
            q = q.where(EventRow.id.in_(sure))
        if self.bbox:
            west, south, east, north = self.bbox
            q = q.where(EventRow.latitude >= south, EventRow.latitude <= north)
            if west <= east:
                q = q.where(EventRow.longitude >= west, EventRow.longitude <= east)
            else:  # a box across the antimeridian
                q = q.where(or_(EventRow.longitude >= west, EventRow.longitude <= east))
        return q


def events_page(s: Session, filters: EventFilters, limit: int,
                after: tuple[date | None, int] | None = None, plain: bool = False,
                with_confidence: bool = False) -> list:
    """A page of filtered events, newest first (events without a date last), after the
    (event_date, id) of the previous page's last event: keyset pagination, so a page costs
    the same however deep it is and stays stable while events are added. Dated and undated
    events are read apart, so that each read walks an index in order on every database (a
    NULLS LAST ordering would sort the whole filtered set first). `plain`: read-only rows
    (columns as attributes, `._mapping` by name) instead of ORM objects, at a third of the
    cost, for a page that is only serialised. `with_confidence` (plain rows only): each row
    also carries `confidence`, the highest among its reports, read in the same query."""
    from sqlalchemy import and_

    if plain:
        columns = [EventRow.__table__]
        if with_confidence:
            columns.append(_best_confidence().label("confidence"))
        base = filters.apply(select(*columns))
    else:
        base = filters.apply(select(EventRow))
    read = (lambda q: s.execute(q).all()) if plain else (lambda q: list(s.scalars(q)))
    out: list = []
    if after is None or after[0] is not None:
        q = base.where(EventRow.event_date.is_not(None))
        if after is not None:
            day, last_id = after
            q = q.where(or_(EventRow.event_date < day, and_(EventRow.event_date == day, EventRow.id < last_id)))
        out = read(q.order_by(EventRow.event_date.desc(), EventRow.id.desc()).limit(limit))
    if len(out) < limit:
        q = base.where(EventRow.event_date.is_(None))
        if after is not None and after[0] is None:
            q = q.where(EventRow.id < after[1])
        out += read(q.order_by(EventRow.id.desc()).limit(limit - len(out)))
    return out


def count_events(s, filters: EventFilters) -> int:
    """How many events the filters select (a Session or a Core connection)."""
    from sqlalchemy import func

    return s.execute(filters.apply(select(func.count(EventRow.id)))).scalar_one()


def event_by_key(s: Session, key: str) -> EventRow | None:
    """An event by its row id (`12`) or its ACLED-style id (`SYR12`)."""
    if key.isdigit():
        return s.get(EventRow, int(key))
    return s.scalars(select(EventRow).where(EventRow.event_id_cnty == key)).first()


def timeline_counts(s: Session, filters: EventFilters) -> list[tuple[date, str, int]]:
    """(day, type, number of events) for the filtered events with a date; the type is the
    ACLED event type, else the PLOVER type. Grouped by the plain columns, in the order of the
    (status, event_date, event_type, plover_type) index, so that the count streams off it."""
    from collections import Counter

    from sqlalchemy import func

    q = filters.apply(select(EventRow.event_date, EventRow.event_type, EventRow.plover_type, func.count()))
    q = q.where(EventRow.event_date.is_not(None)).group_by(EventRow.event_date, EventRow.event_type, EventRow.plover_type)
    counts: Counter[tuple[date, str]] = Counter()
    for day, event_type, plover_type, n in s.execute(q):
        counts[(day, event_type or plover_type or "")] += n
    return [(d, t, n) for (d, t), n in sorted(counts.items())]


def _best_confidence():
    from sqlalchemy import func

    return (select(func.max(EventReport.confidence)).where(EventReport.event_id == EventRow.id)
            .correlate(EventRow).scalar_subquery())


def confidences(s: Session, event_ids: list[int]) -> dict[int, float]:
    """The highest extraction confidence among each event's reports."""
    from sqlalchemy import func

    out: dict[int, float] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        q = select(EventReport.event_id, func.max(EventReport.confidence)).where(
            EventReport.event_id.in_(chunk)).group_by(EventReport.event_id)
        out.update({eid: c for eid, c in s.execute(q)})
    return out


def article(s: Session, article_id: str) -> tuple[ArticleRow, str] | None:
    """A stored article and its document JSON."""
    row = s.get(ArticleRow, article_id)
    if row is None:
        return None
    doc = s.get(ArticleDocument, article_id)
    return row, doc.document if doc else "{}"


def articles_by_id(s: Session, article_ids: list[str]) -> dict[str, ArticleRow]:
    ids = list(dict.fromkeys(article_ids))
    return {a.id: a for i in range(0, len(ids), 500)
            for a in s.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids[i : i + 500])))}


def actors_page(s: Session, search: str | None, country: str | None, limit: int, offset: int) -> list[EntityRow]:
    """Actors by number of articles (named ones; generic agents only with `search`)."""
    q = select(EntityRow).where(EntityRow.n_articles > 0)
    if search:
        q = q.where(or_(EntityRow.name.ilike(name_pattern(search), escape=_ESCAPE), EntityRow.id == search.strip()))
    else:
        q = q.where(EntityRow.generic.is_(False))
    if country:
        q = q.where(EntityRow.country == country)
    return list(s.scalars(q.order_by(EntityRow.n_articles.desc(), EntityRow.id).limit(limit).offset(offset)))


def actor_aliases(s: Session, actor_id: str, limit: int = 50) -> list[tuple[str, int]]:
    """The ways articles named an actor (`entity.mentions[].text` of the stored documents),
    with how many articles used each, most used first."""
    import json
    from collections import Counter

    seen: Counter[str] = Counter()
    docs = select(ArticleDocument.document).join(ArticleEntity, ArticleEntity.article_id == ArticleDocument.article_id
                                                 ).where(ArticleEntity.entity_id == actor_id).limit(500)
    for text in s.scalars(docs):
        names = set()
        for ent in json.loads(text).get("entities", []):
            if ent.get("id") == actor_id:
                names.update(m["text"] for m in ent.get("mentions", []) if m.get("text"))
        seen.update(names)
    return seen.most_common(limit)


def reports_by_article(s: Session, article_id: str) -> dict[str, dict]:
    """An article's document event id -> the merged event it joined ({"id", "event_id_cnty"})."""
    q = select(EventReport.document_event_id, EventRow.id, EventRow.event_id_cnty).join(
        EventRow, EventRow.id == EventReport.event_id).where(EventReport.article_id == article_id)
    return {d: {"id": i, "event_id_cnty": c} for d, i, c in s.execute(q)}


def store_version(s: Session) -> tuple:
    """What changes whenever the events may have: the newest event report id and the newest
    run with its end (see sitrep.api.cache for why that suffices on a database whose ids come
    from sequences)."""
    from sqlalchemy import func

    newest_report = select(func.max(EventReport.id)).scalar_subquery()
    run = s.execute(select(Run.id, Run.finished_at, newest_report).order_by(Run.id.desc()).limit(1)).first()
    if run is None:
        return (s.scalar(select(func.max(EventReport.id))), None, None)
    return (run[2], run[0], run[1])
