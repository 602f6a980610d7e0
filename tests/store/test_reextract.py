"""`sitrep reextract`: the same knowledge changes nothing; a changed extraction keeps the ids of
the events that are still the same happening and says what was added, removed and retyped."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from corpus_helpers import ARTICLES, ingest_articles, make_store, postgres, store_db  # noqa: F401  (fixtures)
from sitrep.corpus.reextract import Selection, reextract
from sitrep.store.persist import stored_counts
from sitrep.store.tables import EventRow


def _events(engine):
    with Session(engine) as s:
        return {e.id: (e.event_id_cnty, e.sub_event_type or e.plover_type, e.location, e.fatalities, e.n_reports,
                       e.n_sources) for e in s.scalars(select(EventRow))}


class Edited:
    """The real extractor, with its documents edited by `edit(document)`."""

    def __init__(self, extractor, edit):
        self.extractor, self.edit = extractor, edit

    def pipe(self, articles, batch_size=16):
        return (self.edit(d) for d in self.extractor.pipe(articles, batch_size=batch_size))

    def extract_article(self, article):
        return self.edit(self.extractor.extract_article(article))


def test_reextracting_with_the_same_knowledge_changes_nothing(store_db, extractor):
    engine, _ = ingest_articles(store_db, extractor)
    before, counts = _events(engine), stored_counts(engine)
    result = reextract(engine, lambda: extractor)
    assert (result.n_articles, result.n_extracted, result.n_documents_changed) == (len(ARTICLES), len(ARTICLES), 0)
    assert result.changes == [] and result.n_events_before == result.n_events_after == len(before)
    assert _events(engine) == before
    assert stored_counts(engine) == counts


def test_a_changed_extraction_keeps_event_ids_and_reports_what_changed(store_db, extractor):
    engine, _ = ingest_articles(store_db, extractor)
    before = _events(engine)
    [ariha_id] = [i for i, e in before.items() if e[2] == "Ariha"]
    [protest_id] = [i for i, e in before.items() if e[2] == "Baghdad"]

    def edit(doc):
        if doc.article.id == "baghdad-protest":  # the protest is no longer found
            return doc.model_copy(update={"events": []})
        if doc.article.id == "ariha-ap":  # the strike on Ariha is now read as shelling
            events = [e.model_copy(update={"sub_event_type": "Shelling/artillery/missile attack"}) for e in doc.events]
            return doc.model_copy(update={"events": events})
        return doc

    result = reextract(engine, lambda: Edited(extractor, edit), Selection(articles=frozenset(
        {"https://wire.example/afp/baghdad-protest", "https://wire.example/ap/ariha"})))
    assert result.n_extracted == 2 and result.n_documents_changed == 2
    assert {(c.kind, c.event_id) for c in result.changes} == {("removed", protest_id), ("retyped", ariha_id)}
    retyped = next(c for c in result.changes if c.kind == "retyped")
    assert (retyped.old_type, retyped.new_type) == ("Air/drone strike", "Shelling/artillery/missile attack")
    after = _events(engine)
    assert protest_id not in after and after[ariha_id][1] == "Shelling/artillery/missile attack"
    # Every other event is untouched, id and all.
    assert {i: e for i, e in after.items() if i != ariha_id} == {
        i: e for i, e in before.items() if i not in (ariha_id, protest_id)}
    # Extracting again with the stock extractor brings the protest back, under an id no stored
    # event holds.
    again = reextract(engine, lambda: extractor)
    [added] = [c for c in again.changes if c.kind == "added"]
    assert added.location == "Baghdad" and added.event_id not in after


def test_an_event_id_freed_by_a_removal_is_never_given_out_again(store_db, extractor):
    from sitrep.ingest.article import make_article
    from sitrep.store.tables import EventReport

    engine, _ = ingest_articles(store_db, extractor)
    before = _events(engine)
    top = max(before)  # the newest id: the one a "highest id + 1" rule would hand out again
    with Session(engine) as s:
        reporting = frozenset(s.scalars(select(EventReport.article_id).where(EventReport.event_id == top)))

    def drop(doc):
        return doc.model_copy(update={"events": []}) if doc.article.url in reporting or doc.article.id in reporting else doc

    removed = reextract(engine, lambda: Edited(extractor, drop), Selection(articles=reporting))
    assert ("removed", top) in {(c.kind, c.event_id) for c in removed.changes}
    assert max(_events(engine)) < top

    # Brought back by a later reextract, and new events of a later ingest: above every id given.
    again = reextract(engine, lambda: extractor)
    [added] = [c for c in again.changes if c.kind == "added"]
    assert added.event_id > top
    news = make_article("Turkish drone strikes killed two people in Qamishli in Hasakah province on Monday, "
                        "the Kurdish-led SDF said.", id="qamishli-drone", url="https://wire.example/qamishli",
                        source="Wire", published="2024-12-09", origin="corpus#qamishli")
    stored = set(_events(engine))
    ingest_articles(store_db, extractor, [news])
    new_ids = set(_events(engine)) - stored
    assert new_ids and min(new_ids) > added.event_id


def test_a_store_made_before_the_counter_starts_it_above_its_events(tmp_path, extractor):
    """Migration 0003 on a store with events: the next event id is one past the highest."""
    from alembic import command
    from sqlalchemy import text

    from sitrep.store.engine import alembic_config, open_engine
    from sitrep.store.persist import NEXT_EVENT_ID, read_counter

    db = tmp_path / "old.db"
    engine, _ = ingest_articles(db, extractor)
    top = max(_events(engine))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    engine = open_engine(db)  # migrates to the head again
    with engine.connect() as conn:
        assert read_counter(conn, NEXT_EVENT_ID) == top + 1


def test_documents_streamed_a_few_at_a_time_give_the_same_store(make_store, extractor, monkeypatch):
    """Reextract reads, extracts and rewrites in batches: batches of 2 articles (a story and its
    copy fall in different ones) leave the store as one batch of all does."""
    from sitrep.corpus import reextract as module

    def edit(doc):  # a changed extraction, so that the rewrite has something to do
        if doc.article.id == "ariha-ap":
            return doc.model_copy(update={"events": [e.model_copy(update={"fatalities": 5}) for e in doc.events]})
        return doc

    stores = []
    for batch in (1000, 2):
        monkeypatch.setattr(module, "READ_BATCH", batch)
        engine, _ = ingest_articles(make_store(), extractor)
        result = reextract(engine, lambda: Edited(extractor, edit), batch_size=3)
        stores.append((_events(engine), stored_counts(engine), result.n_documents_changed, result.changes))
    assert stores[0] == stores[1]
    assert stores[0][2] == 1
