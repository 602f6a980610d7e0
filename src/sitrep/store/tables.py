"""The store's tables (SQLAlchemy 2 ORM). Portable types only, so a PostgreSQL URL works too.

Names are meant to read well in a SQLite browser, R or pandas: one table per kind of thing,
ids that say what they point at, dates as dates. Changing a table means adding an Alembic
migration under `store/migrations/versions/`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(2048)  # article ids are URLs when known
REF = String(512)  # entity, place and other ids


class Base(DeclarativeBase):
    pass


class Run(Base):
    """One `sitrep ingest` invocation. A run killed mid-way keeps status 'running'."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sitrep_version: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")
    sources: Mapped[str | None] = mapped_column(Text)
    workers: Mapped[int] = mapped_column(Integer, default=1)
    n_read: Mapped[int] = mapped_column(Integer, default=0)
    n_stored: Mapped[int] = mapped_column(Integer, default=0)
    n_skipped: Mapped[int] = mapped_column(Integer, default=0)
    n_duplicates: Mapped[int] = mapped_column(Integer, default=0)
    n_failed: Mapped[int] = mapped_column(Integer, default=0)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)


class Story(Base):
    """A cluster of near-duplicate articles (a wire story and its copies)."""

    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    first_article_id: Mapped[str] = mapped_column(ID)
    title: Mapped[str | None] = mapped_column(Text)
    first_published: Mapped[date | None] = mapped_column(Date)
    last_published: Mapped[date | None] = mapped_column(Date)
    n_articles: Mapped[int] = mapped_column(Integer, default=1)


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    document_id: Mapped[str] = mapped_column(ID)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    source: Mapped[str | None] = mapped_column(REF)
    url: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    n_chars: Mapped[int] = mapped_column(Integer)
    text_sha256: Mapped[str] = mapped_column(String(80), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    duplicate_of: Mapped[str | None] = mapped_column(ID)
    similarity: Mapped[float | None] = mapped_column(Float)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class ArticleDocument(Base):
    """The `sitrep.document/1` JSON exactly as the extractor produced it."""

    __tablename__ = "article_documents"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    document: Mapped[str] = mapped_column(Text)


class EntityRow(Base):
    __tablename__ = "entities"
    id: Mapped[str] = mapped_column(REF, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    inter: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(3))
    generic: Mapped[bool] = mapped_column(Boolean, default=False)
    n_articles: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)


class ArticleEntity(Base):
    __tablename__ = "article_entities"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), primary_key=True, index=True)
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)


class PlaceRow(Base):
    __tablename__ = "places"
    id: Mapped[str] = mapped_column(REF, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    feature: Mapped[str] = mapped_column(String(32))
    n_articles: Mapped[int] = mapped_column(Integer, default=0)


class EventRow(Base):
    """A merged event: one happening, however many articles report it (ACLED-style columns)."""

    __tablename__ = "events"
    __table_args__ = (
        # Browsing (sitrep serve): a page of one country's events of one type, newest first;
        # and the timeline's count per day and type, read from the index alone.
        Index("ix_events_country_type_date", "country", "event_type", "event_date"),
        Index("ix_events_status_date_type", "status", "event_date", "event_type", "plover_type"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id_cnty: Mapped[str | None] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    event_date: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    disorder_type: Mapped[str | None] = mapped_column(String(64))
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    plover_type: Mapped[str | None] = mapped_column(String(16))
    plover_mode: Mapped[str | None] = mapped_column(String(32))
    actor1_id: Mapped[str | None] = mapped_column(REF, index=True)
    actor1: Mapped[str | None] = mapped_column(Text)
    assoc_actor_1: Mapped[str | None] = mapped_column(Text)
    assoc_actor_1_ids: Mapped[str | None] = mapped_column(Text)
    inter1: Mapped[int | None] = mapped_column(Integer)
    actor2_id: Mapped[str | None] = mapped_column(REF, index=True)
    actor2: Mapped[str | None] = mapped_column(Text)
    assoc_actor_2: Mapped[str | None] = mapped_column(Text)
    assoc_actor_2_ids: Mapped[str | None] = mapped_column(Text)
    inter2: Mapped[int | None] = mapped_column(Integer)
    interaction: Mapped[int | None] = mapped_column(Integer)
    civilian_targeting: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(REF)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    fatalities_conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    fatalities_reason: Mapped[str | None] = mapped_column(Text)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    first_reported: Mapped[date | None] = mapped_column(Date)
    last_reported: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # ACLED's `timestamp`: Unix seconds of the last change (a plain integer reads everywhere).
    updated_timestamp: Mapped[int] = mapped_column(Integer)


class EventReport(Base):
    """One article's account of an event, as extracted, linked to the merged event."""

    __tablename__ = "event_reports"
    __table_args__ = (UniqueConstraint("article_id", "document_event_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    document_event_id: Mapped[str] = mapped_column(String(16))
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)  # a near-duplicate's story (merge window)
    duplicate: Mapped[bool] = mapped_column(Boolean, default=False)
    merge_reason: Mapped[str] = mapped_column(Text)
    # True when this report's actor1 is the merged event's actor2 (ACLED actors have no direction).
    actors_swapped: Mapped[bool] = mapped_column(Boolean, default=False)
    published: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    event_type: Mapped[str | None] = mapped_column(String(64))
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    plover_type: Mapped[str | None] = mapped_column(String(16))
    plover_mode: Mapped[str | None] = mapped_column(String(32))
    actor1: Mapped[str | None] = mapped_column(REF)
    actor2: Mapped[str | None] = mapped_column(REF)
    assoc_actor_1: Mapped[str | None] = mapped_column(Text)
    assoc_actor_2: Mapped[str | None] = mapped_column(Text)
    interaction: Mapped[int | None] = mapped_column(Integer)
    civilian_targeting: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(REF)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(Text)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    certainty: Mapped[str] = mapped_column(String(16))
    attribution_kind: Mapped[str] = mapped_column(String(32))
    attribution_text: Mapped[str | None] = mapped_column(Text)
    attribution_entity: Mapped[str | None] = mapped_column(REF)
    confidence: Mapped[float] = mapped_column(Float)
    summary: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)  # JSON [[start, end], ...] into the article text
    evidence_text: Mapped[str | None] = mapped_column(Text)


class RelationRow(Base):
    """Who backs / fights / belongs to whom, aggregated over every article."""

    __tablename__ = "relations"
    __table_args__ = (UniqueConstraint("subject", "predicate", "object"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(REF, index=True)
    predicate: Mapped[str] = mapped_column(String(32))
    object: Mapped[str] = mapped_column(REF, index=True)
    status: Mapped[str] = mapped_column(String(16))
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    n_current: Mapped[int] = mapped_column(Integer, default=0)
    n_historical: Mapped[int] = mapped_column(Integer, default=0)


class RelationEvidence(Base):
    __tablename__ = "relation_evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    relation_id: Mapped[int] = mapped_column(ForeignKey("relations.id"), index=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    story_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    published: Mapped[date | None] = mapped_column(Date)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class StatementRow(Base):
    __tablename__ = "statements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    speaker: Mapped[str | None] = mapped_column(REF, index=True)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    direct_quote: Mapped[bool] = mapped_column(Boolean)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    published: Mapped[date | None] = mapped_column(Date)


class Failure(Base):
    """An input that could not be read, extracted or stored; one row per (origin, stage)."""

    __tablename__ = "failures"
    __table_args__ = (Index("ix_failures_origin_stage", "origin", "stage", unique=True),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(String(2048))
    stage: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(ID)
    first_run_id: Mapped[int] = mapped_column(Integer)
    last_run_id: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)


class CountryRow(Base):
    """Reference data for the ACLED columns: ISO numeric code, English name, ACLED region."""

    __tablename__ = "countries"
    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    iso_numeric: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)


class CounterRow(Base):
    """A number that must outlive the rows it numbers (`next_event_id`: event ids are never
    reused, even after `sitrep reextract` removed the event that held one)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
