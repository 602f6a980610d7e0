"""The store with real extraction: idempotency, stories, cross-article merge, the ACLED view."""

import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from corpus_helpers import ARTICLES, articles, corpus_store, ingest_articles, make_store, postgres, store_db  # noqa: F401  (fixtures)
from sitrep.store.engine import StoreError, database_url, open_store
from sitrep.store.tables import ArticleRow, EventReport, EventRow, Failure, RelationRow, Run
from sitrep.store.persist import stored_counts


def _event_at(s: Session, place_name: str, sub_event_type: str = "Air/drone strike") -> list[EventRow]:
    return list(s.scalars(select(EventRow).where(EventRow.location == place_name,
                                                 EventRow.sub_event_type == sub_event_type)))


def test_ingesting_the_same_input_twice_changes_nothing(store_db, extractor):
    db = store_db
    engine, first = ingest_articles(db, extractor)
    assert first.stored == len(ARTICLES) and first.failed == 0
    before = stored_counts(engine)
    _, second = ingest_articles(db, extractor)
    assert (second.stored, second.skipped) == (0, len(ARTICLES))
    assert stored_counts(engine) == before
    with Session(engine) as s:
        runs = list(s.scalars(select(Run).order_by(Run.id)))
        assert [(r.status, r.n_stored, r.n_skipped) for r in runs] == [
            ("finished", len(ARTICLES), 0), ("finished", 0, len(ARTICLES))]


def test_identity_is_the_url_else_the_id_or_text_hash(store_db, extractor):
    from sitrep.ingest.article import make_article

    text = ARTICLES[0]["text"]
    items = [make_article(text, url="HTTPS://Wire.Example/a#top"), make_article(text, url="https://wire.example/a"),
             make_article(text), make_article(text + " ")]
    engine, stats = ingest_articles(store_db, extractor, items)
    assert (stats.stored, stats.skipped) == (2, 2)
    with Session(engine) as s:
        keys = sorted(s.scalars(select(ArticleRow.id)))
    assert keys[0] == "https://wire.example/a" and keys[1].startswith("sha256:")


def test_near_duplicate_copy_joins_the_story_and_its_events_are_not_counted_twice(make_store, extractor):
    original = [a for a in articles() if a.id == "saraqeb-reuters"]
    copy = [a for a in articles() if a.id == "saraqeb-copy"]
    engine, _ = ingest_articles(make_store(), extractor, original)
    alone = stored_counts(engine)
    engine, stats = ingest_articles(make_store(), extractor, original + copy)
    both = stored_counts(engine)
    assert stats.duplicates == 1
    assert both["stories"] == 1 and both["articles"] == 2
    assert both["events"] == alone["events"]  # the copy adds reports, not events
    assert both["event_reports"] == 2 * alone["event_reports"]
    with Session(engine) as s:
        copy_row = s.get(ArticleRow, "https://regional.example/news/2024/12/04/saraqeb")
        assert copy_row.duplicate_of == "https://wire.example/reuters/saraqeb-strike" and copy_row.similarity >= 0.7
        for e in s.scalars(select(EventRow)):
            assert (e.n_reports, e.n_sources) == (2, 1)
        reasons = s.scalars(select(EventReport.merge_reason).where(EventReport.duplicate.is_(True)))
        assert all(r.startswith("near-duplicate article of the same story") for r in reasons)


def test_one_strike_told_by_two_outlets_is_one_event_with_reconciled_fatalities(corpus_store):
    engine = open_store(corpus_store)
    with Session(engine) as s:
        [saraqeb] = _event_at(s, "Saraqib")
        assert saraqeb.fatalities == 12 and (saraqeb.fatalities_low, saraqeb.fatalities_high) == (12, 15)
        assert saraqeb.fatalities_conflict and "12, 15" in saraqeb.fatalities_reason
        assert saraqeb.n_sources == 2 and saraqeb.n_reports == 3  # Reuters, AFP, and the copy
        reports = list(s.scalars(select(EventReport).where(EventReport.event_id == saraqeb.id)))
        assert sorted(r.fatalities for r in reports) == [12, 12, 15]  # every claim kept
        afp = next(r for r in reports if r.source == "AFP")
        assert "same place" in afp.merge_reason and "dates overlap" in afp.merge_reason
        assert set(saraqeb.sources.split("; ")) == {"Reuters", "AFP", "Regional Daily"}


def test_two_strikes_on_two_towns_on_the_same_day_stay_two_events(corpus_store):
    engine = open_store(corpus_store)
    with Session(engine) as s:
        [saraqeb], [ariha] = _event_at(s, "Saraqib"), _event_at(s, "Ariha")
        assert saraqeb.id != ariha.id and saraqeb.event_date == ariha.event_date
        assert ariha.fatalities == 4 and ariha.n_sources == 1


def test_relations_are_aggregated_with_dates_and_counts(corpus_store):
    engine = open_store(corpus_store)
    with Session(engine) as s:
        rel = s.scalar(select(RelationRow).where(RelationRow.subject == "kb:government-of-iran",
                                                 RelationRow.object == "kb:hezbollah"))
        assert rel.predicate == "backs" and rel.status == "current"
        assert str(rel.first_seen) == str(rel.last_seen) == "2024-11-20" and rel.n_reports == 1


def test_the_acled_view_has_acleds_columns_and_matches_the_export(corpus_store):
    from sitrep.export.acled import ACLED_COLUMNS, acled_events
    from sitrep.store.queries import EventFilters

    engine = open_store(corpus_store)
    with engine.connect() as conn:
        result = conn.execute(text("SELECT * FROM acled_events ORDER BY event_date, event_id_cnty"))
        assert tuple(result.keys()) == ACLED_COLUMNS
        view = [dict(r._mapping) for r in result]
    with Session(engine) as s:
        exported = sorted((row for _, row in acled_events(s, EventFilters())), key=lambda r: (r["event_date"], r["event_id_cnty"]))
    assert len(view) == len(exported) > 0
    for v, x in zip(view, exported):
        v = {k: (str(val) if k == "event_date" else val) for k, val in v.items()}
        assert v == x
    syria = next(r for r in view if r["location"] == "Saraqib")
    assert (syria["iso"], syria["region"], syria["country"]) == (760, "Middle East", "Syria")


def test_documents_are_stored_exactly(corpus_store):
    from sitrep.model import Document

    engine = open_store(corpus_store)
    with engine.connect() as conn:
        docs = [Document.model_validate_json(d) for (d,) in conn.execute(text("SELECT document FROM article_documents"))]
    assert sorted(d.article.id for d in docs) == sorted(a["id"] for a in ARTICLES)


def test_an_article_that_breaks_the_extractor_is_recorded_and_the_run_goes_on(store_db, extractor, monkeypatch):
    from sitrep.ingest.readers import ReadFailure

    real = extractor.extract_article

    def flaky(article):
        if article.id == "ariha-ap":
            raise RuntimeError("simulated extractor bug")
        return real(article)

    monkeypatch.setattr(extractor, "extract_article", flaky)
    monkeypatch.setattr(extractor, "pipe", lambda arts, batch_size=16: (flaky(a) for a in arts))
    items = [ReadFailure("broken.html", "broken.html is empty: there is nothing to read."), *articles()]
    engine, stats = ingest_articles(store_db, extractor, items)
    assert (stats.stored, stats.failed) == (len(ARTICLES) - 1, 2)
    with Session(engine) as s:
        fails = {f.origin: (f.stage, f.reason) for f in s.scalars(select(Failure))}
    assert fails["broken.html"][0] == "read"
    assert fails["corpus#ariha-ap"] == ("extract", "extraction failed: RuntimeError: simulated extractor bug")


def test_store_errors_say_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="create one with `sitrep ingest"):
        open_store(tmp_path / "missing.db", must_exist=True)
    with pytest.raises(StoreError, match="does not exist"):
        database_url(tmp_path / "no" / "such" / "x.db")
    assert database_url("postgresql://u@localhost/sitrep") == "postgresql://u@localhost/sitrep"


def test_reopening_a_store_keeps_its_schema_version(store_db):
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect

    from sitrep.store.engine import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    open_store(store_db)
    engine = open_store(store_db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
    assert inspect(engine).get_view_names() == ["acled_events"]


def test_merge_state_survives_a_new_writer(store_db, extractor):
    """A later run (a new process) merges new reports into events stored by an earlier one."""
    reuters = [a for a in articles() if a.id == "saraqeb-reuters"]
    afp = [a for a in articles() if a.id == "saraqeb-afp"]
    db = store_db
    ingest_articles(db, extractor, reuters)
    engine, _ = ingest_articles(db, extractor, afp)
    with Session(engine) as s:
        [event] = _event_at(s, "Saraqib")
        assert event.n_sources == 2 and event.fatalities == 12
        evidence = json.loads(s.scalars(select(EventReport.evidence)).first())
        assert evidence and evidence[0][0] < evidence[0][1]


def test_the_migrations_create_exactly_the_tables_the_code_declares(store_db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from sitrep.store.tables import Base

    engine = open_store(store_db)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_url_store_is_shown_without_its_password_and_a_missing_driver_is_explained():
    from sitrep.store.engine import display_name

    assert "secret" not in display_name("postgresql+psycopg://analyst:secret@db.example/sitrep")
    with pytest.raises(StoreError, match="driver") as info:
        open_store("nosuchdialect://analyst:secret@db.example/sitrep")
    assert "secret" not in str(info.value)


def test_a_rerun_with_nothing_new_builds_no_extractor_and_reads_no_merge_state(store_db, extractor):
    from sitrep.corpus.pipeline import IngestOptions, ingest
    from sitrep.corpus.writer import CorpusWriter
    from sitrep.store.persist import stored_keys

    ingest_articles(store_db, extractor)
    engine = open_store(store_db)
    writer = CorpusWriter(engine, known=stored_keys(engine))
    run_id = writer.start_run(["corpus"], 1)

    def refuse():
        raise AssertionError("an extractor was built for a rerun with nothing new")

    stats = ingest(articles(), writer, run_id, IngestOptions(), extractor=refuse)
    assert (stats.stored, stats.skipped) == (0, len(ARTICLES))
    assert not writer._loaded
