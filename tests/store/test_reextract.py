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
