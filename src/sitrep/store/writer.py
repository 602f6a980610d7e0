"""Write documents into the store: one transaction per article, so a killed run leaves every
article either fully stored or absent, and a rerun stores each exactly once.

The writer keeps two in-memory indexes rebuilt from the store when it opens: near-duplicate
signatures (stories) and merged events (the cross-article merge). Only the writing process
touches them; worker processes only extract.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from sitrep import __version__
from sitrep.corpus.dedup import DEFAULT_THRESHOLD, NearDuplicateIndex
from sitrep.corpus.merge import ActorRef, EventIndex, MergedEvent, MergeRules, Report, reconcile_fatalities
from sitrep.model import Document, Event
from sitrep.store import acled
from sitrep.store.tables import (
    ArticleDocument,
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


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


@dataclass
class StoredArticle:
    key: str
    story_id: int
    duplicate_of: str | None
    similarity: float | None
    n_events: int
    n_new_events: int


class StoreWriter:
    def __init__(self, engine: Engine, *, dedup_threshold: float = DEFAULT_THRESHOLD,
                 rules: MergeRules | None = None):
        self.engine = engine
        self.dedup = NearDuplicateIndex(threshold=dedup_threshold)
        self.events = EventIndex(rules or MergeRules())
        self.known: set[str] = set()
        self._story_of: dict[str, int] = {}
        self._actors: dict[str, ActorRef] = {}
        self.load_state()

    # ------------------------------------------------------------------ state
    def load_state(self) -> None:
        """(Re)build the in-memory indexes from what the store holds."""
        self.dedup = NearDuplicateIndex(threshold=self.dedup.threshold, num_perm=self.dedup.num_perm)
        self.events = EventIndex(self.events.rules)
        self.known.clear()
        self._story_of.clear()
        self._actors.clear()
        with Session(self.engine) as s:
            rows = s.execute(select(ArticleRow.id, ArticleRow.story_id, ArticleRow.minhash)
                             .order_by(ArticleRow.ingested_at, ArticleRow.id))
            for key, story_id, sig in rows:
                self.known.add(key)
                self._story_of[key] = story_id
                if sig:
                    self.dedup.insert(key, self.dedup.from_bytes(sig))
            for e in s.scalars(select(EntityRow)):
                self._actors[e.id] = ActorRef(e.id, e.generic, e.country, e.inter)
            reports: dict[int, list[Report]] = {}
            for rep in s.scalars(select(EventReport).order_by(EventReport.id)):
                reports.setdefault(rep.event_id, []).append(self._report_from_row(rep))
            for ev in s.scalars(select(EventRow).order_by(EventRow.id)):
                merged = MergedEvent(
                    id=ev.id, event_type=ev.event_type, sub_event_type=ev.sub_event_type,
                    plover_type=ev.plover_type, status=ev.status,
                    actor1=self._actors.get(ev.actor1_id) if ev.actor1_id else None,
                    actor2=self._actors.get(ev.actor2_id) if ev.actor2_id else None,
                    country=ev.country, admin1=ev.admin1, place_id=ev.place_id, lat=ev.latitude,
                    lon=ev.longitude, geo_precision=ev.geo_precision, date_start=ev.event_date,
                    date_end=ev.date_end, reports=reports.get(ev.id, []),
                )
                self.events.add_existing(merged)

    def _report_from_row(self, rep: EventReport) -> Report:
        return Report(
            key=f"{rep.article_id}#{rep.document_event_id}", article_id=rep.article_id,
            event_type=rep.event_type, sub_event_type=rep.sub_event_type, plover_type=rep.plover_type,
            status=rep.status,
            actor1=self._actors.get(rep.actor1) if rep.actor1 else None,
            actor2=self._actors.get(rep.actor2) if rep.actor2 else None,
            country=rep.country, admin1=rep.admin1, place_id=rep.place_id, lat=rep.latitude,
            lon=rep.longitude, geo_precision=rep.geo_precision, date_start=rep.date_start,
            date_end=rep.date_end, fatalities=rep.fatalities, fatalities_low=rep.fatalities_low,
            fatalities_high=rep.fatalities_high, certainty=rep.certainty,
            attribution_kind=rep.attribution_kind, story_id=rep.story_id, duplicate=rep.duplicate,
        )

    # ------------------------------------------------------------------ runs
    def start_run(self, sources: list[str], workers: int) -> int:
        with Session(self.engine) as s, s.begin():
            run = Run(sitrep_version=__version__, started_at=_now(), status="running",
                      sources=json.dumps(sources), workers=workers)
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
        with Session(self.engine) as s, s.begin():
            s.execute(update(Run).where(Run.id == run_id).values(
                finished_at=_now(), status=status, **{f"n_{k}": v for k, v in counts.items()}))

    def record_failure(self, run_id: int, origin: str, stage: str, reason: str,
                       article_id: str | None = None) -> None:
        now = _now()
        with Session(self.engine) as s, s.begin():
            row = s.scalar(select(Failure).where(Failure.origin == origin, Failure.stage == stage))
            if row is None:
                s.add(Failure(origin=origin, stage=stage, reason=reason, article_id=article_id,
                              first_run_id=run_id, last_run_id=run_id, attempts=1,
                              first_seen=now, last_seen=now))
            elif row.last_run_id != run_id:
                row.reason, row.last_run_id, row.last_seen = reason, run_id, now
                row.attempts += 1

    # ------------------------------------------------------------------ articles
    def add_document(self, key: str, doc: Document, run_id: int, origin: str | None = None) -> StoredArticle | None:
        """Store one article's document; None when the article is already stored."""
        if key in self.known:
            return None
        sig = self.dedup.signature(doc.article.text)
        dup = self.dedup.find(sig)
        try:
            with Session(self.engine) as s, s.begin():
                stored = self._write(s, key, doc, run_id, origin, sig, dup)
        except Exception:
            # The merge index was changed before the transaction failed: rebuild it from
            # what the store actually holds.
            self.load_state()
            raise
        self.known.add(key)
        self._story_of[key] = stored.story_id
        self.dedup.insert(key, sig)
        return stored

    def _write(self, s: Session, key: str, doc: Document, run_id: int, origin, sig, dup) -> StoredArticle:
        art = doc.article
        published = _date(art.published)
        now = _now()
        if dup is not None:
            story_id = self._story_of[dup.key]
            story = s.get(Story, story_id)
            story.n_articles += 1
            if published:
                story.first_published = min(filter(None, (story.first_published, published)))
                story.last_published = max(filter(None, (story.last_published, published)))
        else:
            story = Story(first_article_id=key, title=art.title, first_published=published,
                          last_published=published, n_articles=1)
            s.add(story)
            s.flush()
            story_id = story.id
        s.add(ArticleRow(
            id=key, document_id=art.id, title=art.title, published=published, source=art.source,
            url=art.url, origin=origin, n_chars=len(art.text), text_sha256=_text_hash(art.text),
            story_id=story_id, duplicate_of=dup.key if dup else None,
            similarity=round(dup.similarity, 4) if dup else None, minhash=self.dedup.to_bytes(sig),
            n_events=len(doc.events), run_id=run_id, ingested_at=now,
        ))
        # No ORM relationships are declared, so parents are flushed before their children.
        s.flush()
        s.add(ArticleDocument(article_id=key, document=doc.to_json()))
        s.flush()
        self._write_entities(s, key, doc, published)
        self._write_places(s, doc)
        n_new = self._write_events(s, key, doc, story_id, dup is not None, published)
        self._write_relations(s, key, doc, story_id, published)
        for st in doc.statements:
            ev = st.evidence[0] if st.evidence else None
            s.add(StatementRow(article_id=key, speaker=st.speaker, speaker_text=st.speaker_text,
                               title=st.title, text=st.text, direct_quote=st.direct_quote,
                               start=ev.start if ev else None, end=ev.end if ev else None,
                               published=published))
        s.execute(update(Run).where(Run.id == run_id).values(
            n_stored=Run.n_stored + 1, n_duplicates=Run.n_duplicates + (1 if dup else 0),
            n_reports=Run.n_reports + len(doc.events)))
        # A later success clears earlier failures of the same input.
        if origin:
            for f in s.scalars(select(Failure).where(Failure.origin == origin)):
                s.delete(f)
        return StoredArticle(key, story_id, dup.key if dup else None,
                             dup.similarity if dup else None, len(doc.events), n_new)

    def _write_entities(self, s: Session, key: str, doc: Document, published: date | None) -> None:
        for ent in doc.entities:
            row = s.get(EntityRow, ent.id)
            if row is None:
                row = EntityRow(id=ent.id, name=ent.name, kind=ent.kind, inter=ent.inter,
                                country=ent.country, generic=ent.generic, n_articles=0,
                                first_seen=published, last_seen=published)
                s.add(row)
                s.flush()
            row.n_articles += 1
            if published:
                row.first_seen = min(filter(None, (row.first_seen, published)))
                row.last_seen = max(filter(None, (row.last_seen, published)))
            self._actors.setdefault(ent.id, ActorRef(ent.id, ent.generic, ent.country, ent.inter))
            s.add(ArticleEntity(article_id=key, entity_id=ent.id, n_mentions=len(ent.mentions)))
        s.flush()

    def _write_places(self, s: Session, doc: Document) -> None:
        for p in doc.places:
            row = s.get(PlaceRow, p.id)
            if row is None:
                row = PlaceRow(id=p.id, name=p.name, country=p.country, admin1=p.admin1,
                               latitude=p.lat, longitude=p.lon, feature=p.feature, n_articles=0)
                s.add(row)
            row.n_articles += 1

    # ------------------------------------------------------------------ events
    def _report(self, key: str, ev: Event, story_id: int, duplicate: bool) -> Report:
        loc = ev.location
        return Report(
            key=f"{key}#{ev.id}", article_id=key, event_type=ev.event_type,
            sub_event_type=ev.sub_event_type, plover_type=ev.plover.type if ev.plover else None,
            status=ev.status,
            actor1=self._actor(ev.actor1), actor2=self._actor(ev.actor2),
            country=loc.country, admin1=loc.admin1, place_id=loc.place, lat=loc.lat, lon=loc.lon,
            geo_precision=loc.geo_precision, date_start=_date(ev.date.start),
            date_end=_date(ev.date.end) or _date(ev.date.start), fatalities=ev.fatalities,
            fatalities_low=ev.fatalities_range.low, fatalities_high=ev.fatalities_range.high,
            certainty=ev.certainty, attribution_kind=ev.attribution.kind, story_id=story_id,
            duplicate=duplicate,
        )

    def _actor(self, entity_id: str | None) -> ActorRef | None:
        if not entity_id:
            return None
        return self._actors.get(entity_id) or ActorRef(entity_id)

    def _write_events(self, s: Session, key: str, doc: Document, story_id: int, duplicate: bool,
                      published: date | None) -> int:
        text = doc.article.text
        n_new = 0
        for ev in doc.events:
            report = self._report(key, ev, story_id, duplicate)
            merged, reason, created = self.events.add(report)
            if created:
                n_new += 1
                s.add(EventRow(id=merged.id, status=merged.status, updated_at=_now(), updated_timestamp=0))
                s.flush()
            loc = ev.location
            evidence = [[sp.start, sp.end] for sp in ev.evidence]
            s.add(EventReport(
                event_id=merged.id, article_id=key, document_event_id=ev.id, story_id=story_id,
                duplicate=duplicate, merge_reason=reason, published=published,
                source=doc.article.source or ev.attribution.via,
                status=ev.status, event_type=ev.event_type, sub_event_type=ev.sub_event_type,
                plover_type=ev.plover.type if ev.plover else None, actor1=ev.actor1, actor2=ev.actor2,
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
            s.flush()
            self._refresh_event(s, merged, ev if created else None)
        return n_new

    def _refresh_event(self, s: Session, merged: MergedEvent, first: Event | None) -> None:
        """Recompute a merged event's row from the merge state and all its reports."""
        row = s.get(EventRow, merged.id)
        reps = list(s.scalars(select(EventReport).where(EventReport.event_id == merged.id)
                              .order_by(EventReport.id)))
        names = self._names(s, merged, reps)
        fat = reconcile_fatalities(merged.reports)
        country = merged.country
        a1, a2 = merged.actor1, merged.actor2
        inter1 = acled.inter_code(a1.inter, a1.country, country) if a1 else None
        inter2 = acled.inter_code(a2.inter, a2.country, country) if a2 else None
        assoc1, assoc2 = self._assoc(merged, reps)
        loc_rep = next((r for r in reps if r.place_id == merged.place_id and r.geo_precision == merged.geo_precision), reps[0])
        outlets = list(dict.fromkeys(r.source for r in reps if r.source))
        published = [r.published for r in reps if r.published]
        now = _now()
        row.event_id_cnty = f"{country or 'XXX'}{merged.id}"
        row.status = merged.status
        row.event_date, row.date_end = merged.date_start, merged.date_end
        row.year = merged.date_start.year if merged.date_start else None
        row.time_precision = acled.time_precision(merged.date_start, merged.date_end)
        row.event_type, row.sub_event_type = merged.event_type, merged.sub_event_type
        row.disorder_type = acled.disorder_type(merged.event_type, merged.sub_event_type)
        row.plover_type = merged.plover_type
        if first is not None and first.plover is not None:
            row.plover_mode = first.plover.mode
        row.actor1_id, row.actor1 = (a1.id, names.get(a1.id, a1.id)) if a1 else (None, None)
        row.actor2_id, row.actor2 = (a2.id, names.get(a2.id, a2.id)) if a2 else (None, None)
        row.assoc_actor_1_ids, row.assoc_actor_1 = "; ".join(assoc1) or None, "; ".join(names.get(x, x) for x in assoc1) or None
        row.assoc_actor_2_ids, row.assoc_actor_2 = "; ".join(assoc2) or None, "; ".join(names.get(x, x) for x in assoc2) or None
        row.inter1, row.inter2 = inter1, inter2
        row.interaction = acled.interaction(inter1, inter2)
        row.civilian_targeting = any(r.civilian_targeting for r in reps)
        row.country, row.admin1, row.place_id = country, merged.admin1, merged.place_id
        row.location = loc_rep.location
        row.latitude, row.longitude, row.geo_precision = merged.lat, merged.lon, merged.geo_precision
        row.fatalities, row.fatalities_low, row.fatalities_high = fat.best, fat.low, fat.high
        row.fatalities_conflict, row.fatalities_reason = fat.conflict, fat.reason
        row.n_reports, row.n_sources = len(reps), merged.n_sources
        row.sources = "; ".join(outlets) or None
        row.notes = reps[0].summary
        row.first_reported = min(published) if published else None
        row.last_reported = max(published) if published else None
        row.updated_at = now
        row.updated_timestamp = int(time.time())

    def _names(self, s: Session, merged: MergedEvent, reps: list[EventReport]) -> dict[str, str]:
        ids = {a.id for a in (merged.actor1, merged.actor2) if a}
        for r in reps:
            ids.update(json.loads(r.assoc_actor_1 or "[]"))
            ids.update(json.loads(r.assoc_actor_2 or "[]"))
        if not ids:
            return {}
        return dict(s.execute(select(EntityRow.id, EntityRow.name).where(EntityRow.id.in_(ids))).all())

    def _assoc(self, merged: MergedEvent, reps: list[EventReport]) -> tuple[list[str], list[str]]:
        """Associated actors from every report, on the side of the main actor they go with."""
        main = {a.id for a in (merged.actor1, merged.actor2) if a}
        side1: dict[str, None] = {}
        side2: dict[str, None] = {}
        for r in reps:
            swapped = merged.swapped.get(f"{r.article_id}#{r.document_event_id}", False)
            a1, a2 = json.loads(r.assoc_actor_1 or "[]"), json.loads(r.assoc_actor_2 or "[]")
            if swapped:
                a1, a2 = a2, a1
            side1.update(dict.fromkeys(x for x in a1 if x not in main))
            side2.update(dict.fromkeys(x for x in a2 if x not in main))
        return list(side1), [x for x in side2 if x not in side1]

    # ------------------------------------------------------------------ relations
    def _write_relations(self, s: Session, key: str, doc: Document, story_id: int,
                         published: date | None) -> None:
        text = doc.article.text
        for rel in doc.relations:
            row = s.scalar(select(RelationRow).where(
                RelationRow.subject == rel.subject, RelationRow.predicate == rel.predicate,
                RelationRow.object == rel.object))
            if row is None:
                row = RelationRow(subject=rel.subject, predicate=rel.predicate, object=rel.object,
                                  status=rel.status, first_seen=published, last_seen=published,
                                  n_reports=0, n_sources=0, n_current=0, n_historical=0)
                s.add(row)
                s.flush()
            new_source = s.scalar(select(func.count()).select_from(RelationEvidence).where(
                RelationEvidence.relation_id == row.id, RelationEvidence.story_id == story_id)) == 0
            row.n_reports += 1
            row.n_sources += 1 if new_source else 0
            if rel.status == "current":
                row.n_current += 1
            else:
                row.n_historical += 1
            # The status is what the most recent report says of the relation.
            if published is None or row.last_seen is None or published >= row.last_seen:
                row.status = rel.status
            if published:
                row.first_seen = min(filter(None, (row.first_seen, published)))
                row.last_seen = max(filter(None, (row.last_seen, published)))
            for sp in rel.evidence or []:
                s.add(RelationEvidence(relation_id=row.id, article_id=key, story_id=story_id,
                                       status=rel.status, published=published, start=sp.start,
                                       end=sp.end, text=text[sp.start:sp.end]))
            s.flush()


def _text_hash(text: str) -> str:
    from sitrep.ingest.article import text_id

    return text_id(text)


def stored_counts(engine: Engine) -> Counter:
    """Row counts of the main tables (tests and the end-of-run summary use them)."""
    out: Counter = Counter()
    with Session(engine) as s:
        for name, table in (("articles", ArticleRow), ("stories", Story), ("events", EventRow),
                            ("event_reports", EventReport), ("relations", RelationRow),
                            ("statements", StatementRow), ("failures", Failure)):
            out[name] = s.scalar(select(func.count()).select_from(table)) or 0
    return out
