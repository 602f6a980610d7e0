"""The corpus writer: near-duplicate and merge state, and the rows each document adds.

It keeps what it aggregates in memory, rebuilt from the store when it opens: the near-duplicate
signatures (stories), the merged events with their reports (the cross-article merge), and the
running counts of entities, places, stories and relations. Each document then costs a few
multi-row INSERT/UPDATE statements (`sitrep.store.persist` runs them) instead of a query per
row, and a batch of documents is written in one transaction: a killed run leaves every batch
either fully stored or absent, and a rerun stores the rest exactly once.

Only the writing process holds this state; workers only extract. Before each write the writer
checks that the store holds exactly the articles it knows of; when another process wrote
meanwhile (two ingests into one PostgreSQL database) it re-reads its state first, inside the
same serialised transaction, so merges and counts always start from what is committed. If a
transaction fails, the state is re-read too, so memory never disagrees with the store.
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from sitrep.corpus.dedup import DEFAULT_THRESHOLD, NearDuplicateIndex
from sitrep.corpus.merge import ActorRef, EventIndex, MergedEvent, MergeRules, Report, reconcile_fatalities
from sitrep.corpus.merge import span_ok
from sitrep.ingest.article import text_id
from sitrep.store import acled, persist
from sitrep.store.engine import write_error
from sitrep.store.persist import insert_one, insert_rows, now as _now, update_rows

if TYPE_CHECKING:  # the pydantic models take a while to import; a rerun with nothing new needs none
    from sitrep.model import Document, Event


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _span(first: date | None, last: date | None, new: date | None) -> tuple[date | None, date | None]:
    if new is None:
        return first, last
    return min(first or new, new), max(last or new, new)


@dataclass
class StoredArticle:
    key: str
    story_id: int
    duplicate_of: str | None
    similarity: float | None
    n_events: int
    n_new_events: int


@dataclass
class ReportInfo:
    """What the store aggregates from a report besides the merge fields (Report.payload)."""

    source: str | None
    location: str | None
    summary: str
    published: date | None
    civilian_targeting: bool
    assoc1: list[str]
    assoc2: list[str]
    plover_mode: str | None


@dataclass
class _Tally:
    """Running counts of an entity, place or story."""

    n: int
    first: date | None = None
    last: date | None = None
    name: str | None = None


@dataclass
class _RelationState:
    id: int
    status: str
    first: date | None
    last: date | None
    n_reports: int
    n_current: int
    n_historical: int
    stories: set = field(default_factory=set)


def _store_level(method):
    """Turn a database error no article causes (read-only store, full disk, lock timeout) into
    a StoreError: the run stops with a message, instead of failing every article in turn."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except OperationalError as exc:
            raise write_error(exc, self.engine) from None

    return wrapper


class CorpusWriter:
    def __init__(self, engine: Engine, *, dedup_threshold: float = DEFAULT_THRESHOLD,
                 rules: MergeRules | None = None, known: set[str] | None = None,
                 merge_window: int | None = None):
        """`known`: the stored article keys, when the caller has just read them; the rest of the
        state is then read on the first write (a rerun with nothing new never needs it).

        `merge_window` (days): keep in memory only the merged events that end within this many
        days of the newest, and read older ones back from the store when a report could join
        one (see `_recall`): the same events as without a window, in bounded memory."""
        self.engine = engine
        if not 0.0 < dedup_threshold <= 1.0:
            raise ValueError(f"the near-duplicate threshold must be in (0, 1], got {dedup_threshold}")
        if merge_window is not None and merge_window < 1:
            raise ValueError(f"the merge window is a number of days, at least 1; got {merge_window}")
        self._dedup_threshold = dedup_threshold  # the index itself is built with the state
        self._window = timedelta(days=merge_window) if merge_window else None
        # Every merged event out of memory ends before this day (or has no date).
        self._horizon: date | None = None
        self._recalled = False  # events were read back since the last eviction
        self.events = self._event_index(rules or MergeRules())
        self.known: set[str] = set()
        self._loaded = False
        if known is None:
            self.load_state()
        else:
            self.known = set(known)

    # ------------------------------------------------------------------ state
    @_store_level
    def load_state(self, c: Connection | None = None) -> None:
        """(Re)build the in-memory state from what the store holds."""
        if c is None:
            with self.engine.connect() as conn:
                state = self._read_state(conn)
        else:
            state = self._read_state(c)
        self.dedup = NearDuplicateIndex(threshold=self._dedup_threshold)
        self.events = self._event_index(self.events.rules)
        self.known = set()
        self._story_of: dict[str, int] = {}
        self._stories: dict[int, _Tally] = {}
        self._entities: dict[str, _Tally] = {}
        self._actors: dict[str, ActorRef] = {}
        self._places: dict[str, int] = dict(state.places)
        self._relations: dict[tuple[str, str, str], _RelationState] = {}
        for key, story_id, sig in state.articles:
            self.known.add(key)
            self._story_of[key] = story_id
            if sig:
                self.dedup.insert(key, self.dedup.from_bytes(sig))
        for r in state.stories:
            self._stories[r.id] = _Tally(r.n_articles, r.first_published, r.last_published)
        for e in state.entities:
            self._entities[e.id] = _Tally(e.n_articles, e.first_seen, e.last_seen, e.name)
            self._actors[e.id] = ActorRef(e.id, e.generic, e.country, e.inter)
        stories_of: dict[int, set] = {}
        for rel_id, story in state.relation_stories:
            stories_of.setdefault(rel_id, set()).add(story)
        for r in state.relations:
            self._relations[(r.subject, r.predicate, r.object)] = _RelationState(
                r.id, r.status, r.first_seen, r.last_seen, r.n_reports, r.n_current, r.n_historical,
                stories_of.get(r.id, set()))
        self._add_events(state.events, state.reports)
        # An id freed by a removed event (sitrep reextract) is never given to another event.
        self.events.reserve_below(state.next_event_id)
        self._next_event_id_stored = state.next_event_id
        self._failed_origins = state.failed_origins
        self._loaded = True

    def _event_index(self, rules: MergeRules) -> EventIndex:
        # Evicted events come back in the index's tie order only when ties go by id.
        return EventIndex(rules, order_by_id=self._window is not None)

    def _read_state(self, c: Connection) -> persist.StoredState:
        if self._window is None:
            return persist.read_state(c)
        newest = persist.newest_event_day(c)
        self._horizon = newest - self._window if newest else None
        return persist.read_state(c, events_from=self._horizon or date.min)

    def _add_events(self, events: list, report_rows: list) -> None:
        """Merged events from their rows (id order) and their reports' rows (id order)."""
        reports: dict[int, list[tuple[Report, bool, str]]] = {}
        for rep in report_rows:
            reports.setdefault(rep.event_id, []).append((self._report_from_row(rep), rep.actors_swapped, rep.merge_reason))
        for ev in events:
            merged = MergedEvent(
                id=ev.id, event_type=ev.event_type, sub_event_type=ev.sub_event_type,
                plover_type=ev.plover_type, status=ev.status, actor1=self._actor(ev.actor1_id),
                actor2=self._actor(ev.actor2_id), country=ev.country, admin1=ev.admin1,
                place_id=ev.place_id, lat=ev.latitude, lon=ev.longitude, geo_precision=ev.geo_precision,
                date_start=ev.event_date, date_end=ev.date_end,
            )
            for rep, swapped, reason in reports.get(ev.id, []):
                merged.reports.append(rep)
                merged.swapped[rep.key] = swapped
                merged.reasons[rep.key] = reason
            self.events.add_existing(merged)

    # ------------------------------------------------------------------ merge window
    def _recall(self, c: Connection, r: Report) -> None:
        """Read back from the store every evicted event `r` could join: those of its story (a
        near-duplicate is matched against its story's events at any date), and those in its
        country whose dates overlap its own (the only ones the merge compares it with)."""
        if self._window is None:
            return
        ids: set[int] = set()
        if r.duplicate and r.story_id is not None:
            ids |= persist.event_ids_of_story(c, r.story_id)
        # As the merge's rules (merge.compatible): same type, country, overlapping dates
        # spanning under a week; only an event that ends before the horizon can be out.
        if (self._horizon is not None and r.country and (r.event_type or r.plover_type)
                and span_ok(r.date_start, r.date_end, self.events.rules) and r.date_start < self._horizon):
            ids |= persist.event_ids_overlapping(c, r.country, r.date_start, r.date_end or r.date_start,
                                                 r.event_type, r.sub_event_type, r.plover_type)
        missing = sorted(ids - self.events.events.keys())
        if missing:
            table = persist.TABLES["events"]
            self._add_events(*persist.read_events(c, table.c.id.in_(missing)))
            self._recalled = True

    def _evict(self) -> None:
        """Out of memory: the events that end more than the window before the newest one, and
        undated events whose reports are all that old. Each stays in the store."""
        if self._window is None or not self.events.events:
            return
        newest = max((e.date_end for e in self.events.events.values() if e.date_end), default=None)
        if newest is None:
            return
        horizon = newest - self._window
        if self._horizon is not None and horizon <= self._horizon and not self._recalled:
            return
        horizon = max(horizon, self._horizon or horizon)
        self._recalled = False
        old = []
        for e in self.events.events.values():
            if e.date_end is not None:
                if e.date_end < horizon:
                    old.append(e.id)
            else:
                days = [r.payload.published for r in e.reports if r.payload is not None]
                if days and None not in days and max(days) < horizon:
                    old.append(e.id)
        self.events.evict(old)
        self._horizon = horizon

    def _report_from_row(self, rep) -> Report:
        return Report(
            key=f"{rep.article_id}#{rep.document_event_id}", article_id=rep.article_id,
            event_type=rep.event_type, sub_event_type=rep.sub_event_type, plover_type=rep.plover_type,
            status=rep.status, actor1=self._actor(rep.actor1), actor2=self._actor(rep.actor2),
            country=rep.country, admin1=rep.admin1, place_id=rep.place_id, lat=rep.latitude,
            lon=rep.longitude, geo_precision=rep.geo_precision, date_start=rep.date_start,
            date_end=rep.date_end, fatalities=rep.fatalities, fatalities_low=rep.fatalities_low,
            fatalities_high=rep.fatalities_high, certainty=rep.certainty,
            attribution_kind=rep.attribution_kind, story_id=rep.story_id, duplicate=rep.duplicate,
            payload=ReportInfo(rep.source, rep.location, rep.summary, rep.published, rep.civilian_targeting,
                               json.loads(rep.assoc_actor_1 or "[]"), json.loads(rep.assoc_actor_2 or "[]"),
                               rep.plover_mode),
        )

    def _actor(self, entity_id: str | None) -> ActorRef | None:
        if not entity_id:
            return None
        return self._actors.get(entity_id) or ActorRef(entity_id)

    # ------------------------------------------------------------------ runs and failures
    @_store_level
    def start_run(self, sources: list[str], workers: int) -> int:
        return persist.start_run(self.engine, sources, workers)

    @_store_level
    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
        persist.finish_run(self.engine, run_id, counts, status)

    @_store_level
    def record_failure(self, run_id: int, origin: str, stage: str, reason: str,
                       article_id: str | None = None) -> None:
        persist.record_failure(self.engine, run_id, origin, stage, reason, article_id)
        if self._loaded:
            self._failed_origins.add(origin)

    # ------------------------------------------------------------------ articles
    def add_document(self, key: str, doc: Document, run_id: int, origin: str | None = None) -> StoredArticle | None:
        """Store one article's document; None when the article is already stored."""
        return self.add_documents([(key, doc, origin)], run_id)[0]

    @_store_level
    def add_documents(self, items: list[tuple[str, Document, str | None]], run_id: int) -> list[StoredArticle | None]:
        """Store a batch of documents in one transaction; None for an article already stored.
        An exception from any of them undoes the whole batch (store them one by one to find
        which article it was)."""
        try:
            with persist.writing(self.engine) as c:
                # Another process may have written since this one last did: start from the store.
                if not self._loaded or persist.article_count(c) != len(self.known):
                    self.load_state(c)
                return self.write_documents(c, items, run_id)
        except Exception:
            # Memory was updated along with the failed transaction: rebuild it from the store.
            self._loaded = False
            self.load_state()
            raise

    def write_documents(self, c: Connection, items: list[tuple[str, Document, str | None]],
                        run_id: int) -> list[StoredArticle | None]:
        """`add_documents` inside the caller's transaction (which must hold the writer's turn,
        and whose failure leaves this writer's memory to be rebuilt with `load_state`)."""
        out: list[StoredArticle | None] = []
        added = []
        for key, doc, origin in items:
            if key in self.known:
                out.append(None)
                continue
            sig = self.dedup.signature(doc.article.text)
            dup = self.dedup.find(sig)
            stored = self._write(c, key, doc, run_id, origin, sig, dup)
            # Later articles of the batch see this one (as a story, as merged events).
            self.known.add(key)
            self._story_of[key] = stored.story_id
            self.dedup.insert(key, sig)
            added.append(stored)
            out.append(stored)
        persist.count_into_run(c, run_id, len(added), sum(1 for s in added if s.duplicate_of),
                               sum(s.n_events for s in added))
        persist.clear_failures(c, [o for _, _, o in items if o and o in self._failed_origins])
        if self.events.next_id > self._next_event_id_stored:
            persist.raise_counter(c, persist.NEXT_EVENT_ID, self.events.next_id)
            self._next_event_id_stored = self.events.next_id
        self._evict()
        return out

    def _write(self, c: Connection, key: str, doc: Document, run_id: int, origin, sig, dup) -> StoredArticle:
        art = doc.article
        published = _date(art.published)
        if dup is not None:
            story_id = self._story_of[dup.key]
            st = self._stories[story_id]
            st.n += 1
            st.first, st.last = _span(st.first, st.last, published)
            update_rows(c, "stories", [dict(id=story_id, n_articles=st.n, first_published=st.first,
                                            last_published=st.last)])
        else:
            story_id = insert_one(c, "stories", dict(
                first_article_id=key, title=art.title, first_published=published, last_published=published,
                n_articles=1))
            self._stories[story_id] = _Tally(1, published, published)
        insert_rows(c, "articles", [dict(
            id=key, document_id=art.id, title=art.title, published=published, source=art.source,
            url=art.url, origin=origin, n_chars=len(art.text), text_sha256=text_id(art.text),
            story_id=story_id, duplicate_of=dup.key if dup else None,
            similarity=round(dup.similarity, 4) if dup else None, minhash=self.dedup.to_bytes(sig),
            n_events=len(doc.events), run_id=run_id, ingested_at=_now(),
        )])
        insert_rows(c, "article_documents", [dict(article_id=key, document=doc.to_json())])
        self._write_entities(c, key, doc, published)
        self._write_places(c, doc)
        n_new = self._write_events(c, key, doc, story_id, dup is not None, published)
        self._write_relations(c, key, doc, story_id, published)
        statements = []
        for stmt in doc.statements:
            ev = stmt.evidence[0] if stmt.evidence else None
            statements.append(dict(article_id=key, speaker=stmt.speaker, speaker_text=stmt.speaker_text,
                                   title=stmt.title, text=stmt.text, direct_quote=stmt.direct_quote,
                                   start=ev.start if ev else None, end=ev.end if ev else None, published=published))
        insert_rows(c, "statements", statements)
        return StoredArticle(key, story_id, dup.key if dup else None,
                             dup.similarity if dup else None, len(doc.events), n_new)

    def _write_entities(self, c: Connection, key: str, doc: Document, published: date | None) -> None:
        new, changed, links = [], [], []
        for ent in doc.entities:
            tally = self._entities.get(ent.id)
            if tally is None:
                tally = self._entities[ent.id] = _Tally(1, published, published, ent.name)
                self._actors[ent.id] = ActorRef(ent.id, ent.generic, ent.country, ent.inter)
                new.append(dict(id=ent.id, name=ent.name, kind=ent.kind, inter=ent.inter, country=ent.country,
                                generic=ent.generic, n_articles=1, first_seen=published, last_seen=published))
            else:
                tally.n += 1
                tally.first, tally.last = _span(tally.first, tally.last, published)
                changed.append(dict(id=ent.id, n_articles=tally.n, first_seen=tally.first, last_seen=tally.last))
            links.append(dict(article_id=key, entity_id=ent.id, n_mentions=len(ent.mentions)))
        insert_rows(c, "entities", new)
        update_rows(c, "entities", changed)
        insert_rows(c, "article_entities", links)

    def _write_places(self, c: Connection, doc: Document) -> None:
        new, changed = [], []
        for p in doc.places:
            n = self._places.get(p.id)
            if n is None:
                self._places[p.id] = 1
                new.append(dict(id=p.id, name=p.name, country=p.country, admin1=p.admin1, latitude=p.lat,
                                longitude=p.lon, feature=p.feature, n_articles=1))
            else:
                self._places[p.id] = n + 1
                changed.append(dict(id=p.id, n_articles=n + 1))
        insert_rows(c, "places", new)
        update_rows(c, "places", changed)

    # ------------------------------------------------------------------ events
    def _report(self, key: str, ev: Event, story_id: int, duplicate: bool, source: str | None,
                published: date | None) -> Report:
        loc = ev.location
        return Report(
            key=f"{key}#{ev.id}", article_id=key, event_type=ev.event_type,
            sub_event_type=ev.sub_event_type, plover_type=ev.plover.type if ev.plover else None,
            status=ev.status, actor1=self._actor(ev.actor1), actor2=self._actor(ev.actor2),
            country=loc.country, admin1=loc.admin1, place_id=loc.place, lat=loc.lat, lon=loc.lon,
            geo_precision=loc.geo_precision, date_start=_date(ev.date.start),
            date_end=_date(ev.date.end) or _date(ev.date.start), fatalities=ev.fatalities,
            fatalities_low=ev.fatalities_range.low, fatalities_high=ev.fatalities_range.high,
            certainty=ev.certainty, attribution_kind=ev.attribution.kind, story_id=story_id,
            duplicate=duplicate,
            payload=ReportInfo(source, loc.name, ev.summary, published, ev.civilian_targeting,
                               list(ev.assoc_actor_1), list(ev.assoc_actor_2),
                               ev.plover.mode if ev.plover else None),
        )

    def _write_events(self, c: Connection, key: str, doc: Document, story_id: int, duplicate: bool,
                      published: date | None) -> int:
        text = doc.article.text
        touched: dict[int, MergedEvent] = {}
        created_ids: set[int] = set()
        rows = []
        for ev in doc.events:
            source = doc.article.source or ev.attribution.via
            report = self._report(key, ev, story_id, duplicate, source, published)
            self._recall(c, report)
            merged, reason, created = self.events.add(report)
            touched[merged.id] = merged
            if created:
                created_ids.add(merged.id)
            loc = ev.location
            evidence = [[sp.start, sp.end] for sp in ev.evidence]
            rows.append(dict(
                event_id=merged.id, article_id=key, document_event_id=ev.id, story_id=story_id,
                duplicate=duplicate, merge_reason=reason, actors_swapped=merged.swapped[report.key],
                published=published, source=source, status=ev.status, event_type=ev.event_type,
                sub_event_type=ev.sub_event_type, plover_type=report.plover_type,
                plover_mode=report.payload.plover_mode, actor1=ev.actor1, actor2=ev.actor2,
                assoc_actor_1=json.dumps(ev.assoc_actor_1), assoc_actor_2=json.dumps(ev.assoc_actor_2),
                interaction=ev.interaction, civilian_targeting=ev.civilian_targeting,
                country=loc.country, admin1=loc.admin1, location=loc.name, place_id=loc.place,
                latitude=loc.lat, longitude=loc.lon, geo_precision=loc.geo_precision,
                date_start=report.date_start, date_end=report.date_end, date_precision=ev.date.precision,
                date_text=ev.date.text, fatalities=ev.fatalities, fatalities_low=ev.fatalities_range.low,
                fatalities_high=ev.fatalities_range.high, certainty=ev.certainty,
                attribution_kind=ev.attribution.kind, attribution_text=ev.attribution.text,
                attribution_entity=ev.attribution.entity, confidence=ev.confidence, summary=ev.summary,
                evidence=json.dumps(evidence),
                evidence_text=text[evidence[0][0]:evidence[0][1]] if evidence else None,
            ))
        new = [self._event_row(e) for i, e in touched.items() if i in created_ids]
        changed = [self._event_row(e) for i, e in touched.items() if i not in created_ids]
        insert_rows(c, "events", new)
        update_rows(c, "events", changed)
        insert_rows(c, "event_reports", rows)
        return len(created_ids)

    def _event_row(self, m: MergedEvent) -> dict:
        """A merged event's row, from the merge state and its reports' payloads."""
        infos: list[ReportInfo] = [r.payload for r in m.reports]
        fat = reconcile_fatalities(m.reports)
        a1, a2 = m.actor1, m.actor2
        inter1 = acled.inter_code(a1.inter, a1.country, m.country) if a1 else None
        inter2 = acled.inter_code(a2.inter, a2.country, m.country) if a2 else None
        assoc1, assoc2 = self._assoc(m)
        # The location name of the report that gave the event its (most precise) place.
        loc = next((r.payload.location for r in m.reports
                    if r.place_id == m.place_id and r.geo_precision == m.geo_precision), infos[0].location)
        published = [i.published for i in infos if i.published]
        name = self._name
        return dict(
            id=m.id, event_id_cnty=f"{m.country or 'XXX'}{m.id}", status=m.status,
            event_date=m.date_start, date_end=m.date_end, year=m.date_start.year if m.date_start else None,
            time_precision=acled.time_precision(m.date_start, m.date_end),
            disorder_type=acled.disorder_type(m.event_type, m.sub_event_type),
            event_type=m.event_type, sub_event_type=m.sub_event_type, plover_type=m.plover_type,
            plover_mode=next((i.plover_mode for i in infos if i.plover_mode), None),
            actor1_id=a1.id if a1 else None, actor1=name(a1.id) if a1 else None,
            assoc_actor_1="; ".join(map(name, assoc1)) or None, assoc_actor_1_ids="; ".join(assoc1) or None,
            inter1=inter1,
            actor2_id=a2.id if a2 else None, actor2=name(a2.id) if a2 else None,
            assoc_actor_2="; ".join(map(name, assoc2)) or None, assoc_actor_2_ids="; ".join(assoc2) or None,
            inter2=inter2, interaction=acled.interaction(inter1, inter2),
            civilian_targeting=any(i.civilian_targeting for i in infos),
            country=m.country, admin1=m.admin1, location=loc, place_id=m.place_id,
            latitude=m.lat, longitude=m.lon, geo_precision=m.geo_precision,
            fatalities=fat.best, fatalities_low=fat.low, fatalities_high=fat.high,
            fatalities_conflict=fat.conflict, fatalities_reason=fat.reason,
            n_reports=len(m.reports), n_sources=m.n_sources,
            sources="; ".join(dict.fromkeys(i.source for i in infos if i.source)) or None,
            notes=infos[0].summary,
            first_reported=min(published) if published else None,
            last_reported=max(published) if published else None,
            updated_at=_now(), updated_timestamp=int(time.time()),
        )

    def _name(self, entity_id: str) -> str:
        tally = self._entities.get(entity_id)
        return tally.name if tally and tally.name else entity_id

    @staticmethod
    def _assoc(m: MergedEvent) -> tuple[list[str], list[str]]:
        """Associated actors from every report, on the side of the main actor they go with."""
        main = {a.id for a in (m.actor1, m.actor2) if a}
        side1: dict[str, None] = {}
        side2: dict[str, None] = {}
        for r in m.reports:
            a1, a2 = r.payload.assoc1, r.payload.assoc2
            if m.swapped.get(r.key, False):
                a1, a2 = a2, a1
            side1.update(dict.fromkeys(x for x in a1 if x not in main))
            side2.update(dict.fromkeys(x for x in a2 if x not in main))
        return list(side1), [x for x in side2 if x not in side1]

    # ------------------------------------------------------------------ relations
    def _write_relations(self, c: Connection, key: str, doc: Document, story_id: int,
                         published: date | None) -> None:
        text = doc.article.text
        evidence = []
        for rel in doc.relations:
            spo = (rel.subject, rel.predicate, rel.object)
            state = self._relations.get(spo)
            if state is None:
                rel_id = insert_one(c, "relations", dict(
                    subject=rel.subject, predicate=rel.predicate, object=rel.object, status=rel.status,
                    first_seen=published, last_seen=published, n_reports=0, n_sources=0, n_current=0,
                    n_historical=0))
                state = self._relations[spo] = _RelationState(rel_id, rel.status, published, published, 0, 0, 0)
            state.n_reports += 1
            state.stories.add(story_id)
            if rel.status == "current":
                state.n_current += 1
            else:
                state.n_historical += 1
            # The status is what the most recent report says of the relation.
            if published is None or state.last is None or published >= state.last:
                state.status = rel.status
            state.first, state.last = _span(state.first, state.last, published)
            update_rows(c, "relations", [dict(id=state.id,
                status=state.status, first_seen=state.first, last_seen=state.last, n_reports=state.n_reports,
                n_sources=len(state.stories), n_current=state.n_current, n_historical=state.n_historical)])
            for sp in rel.evidence or []:
                evidence.append(dict(relation_id=state.id, article_id=key, story_id=story_id, status=rel.status,
                                     published=published, start=sp.start, end=sp.end, text=text[sp.start:sp.end]))
        insert_rows(c, "relation_evidence", evidence)

