"""A writer with a merge window keeps only recent events in memory and reads older ones back
when a report could join one: the store it writes is the one a writer without a window writes."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from corpus_helpers import corpus_db, make_store, postgres  # noqa: F401  (fixtures)
from sitrep.corpus.writer import CorpusWriter
from sitrep.model import Document
from sitrep.store import persist
from sitrep.store.engine import open_store


def _shift(day: str | None, days: int) -> str | None:
    return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat() if day else None


def _copy(doc: Document, suffix: str, days: int, retold: bool = False) -> Document:
    """The article again, `days` later, under another id; `retold`: in other words (not a
    near-duplicate), so that only the merge's own rules can join its events to the earlier ones."""
    art = doc.article
    words = art.text if not retold else " ".join(f"w{suffix}{i}" for i in range(len(art.text.split()))) + " " + art.text[:40]
    events = [e.model_copy(update={"date": e.date.model_copy(update={"start": _shift(e.date.start, days),
                                                                     "end": _shift(e.date.end, days)})})
              for e in doc.events]
    return doc.model_copy(update={
        "article": art.model_copy(update={"id": f"{art.id}-{suffix}", "text": words,
                                          "published": _shift(art.published, days)}),
        "events": events})


def _stream(corpus_db) -> list[tuple[str, Document, str]]:
    """Five weeks of the corpus, nine days apart; then the first week told again (late reports
    for events long out of a short window) and copied again (near-duplicates of old stories)."""
    with open_store(corpus_db).connect() as c:
        rows = persist.read_article_index(c)
        stored = persist.read_documents(c, [r.id for r in rows])
    docs = [Document.model_validate_json(stored[r.id]) for r in rows]
    out = [_copy(d, f"w{week}", 9 * week) for week in range(5) for d in docs]
    out += [_copy(d, "late", 1, retold=True) for d in docs]
    out += [_copy(d, "copy", 0) for d in docs]
    return [(f"{d.article.id}", d, d.article.id) for d in out]


def _store(db) -> tuple[list, list]:
    with open_store(db).connect() as c:
        events = c.execute(text("SELECT id, event_type, sub_event_type, country, admin1, place_id, event_date, "
                                "date_end, actor1_id, actor2_id, fatalities, n_reports, n_sources, sources, "
                                "location FROM events ORDER BY id")).all()
        reports = c.execute(text("SELECT event_id, article_id, document_event_id, merge_reason, actors_swapped, "
                                 "duplicate FROM event_reports ORDER BY id")).all()
    return events, reports


def test_a_windowed_writer_stores_what_an_unbounded_one_stores(make_store, corpus_db):
    items = _stream(corpus_db)
    stores, in_memory = [], []
    for window in (None, 1):
        db = make_store()
        writer = CorpusWriter(open_store(db), merge_window=window)
        run_id = writer.start_run(["stream"], 1)
        for lo in range(0, len(items), 3):
            writer.add_documents(items[lo:lo + 3], run_id)
        stores.append(_store(db))
        in_memory.append(len(writer.events.events))
    (events, reports), (windowed_events, windowed_reports) = stores
    assert windowed_events == events and windowed_reports == reports
    assert in_memory[1] < in_memory[0] == len(events)  # the window did evict
    # The late reports joined events of the first week, and the copies their stories' events.
    late = {r.event_id for r in reports if r.article_id.endswith("-late")}
    first = {r.event_id for r in reports if r.article_id.endswith("-w0")}
    assert late & first
    assert any(r.duplicate and r.article_id.endswith("-copy") and r.event_id in first for r in reports)


def test_a_windowed_writer_that_opens_a_store_reads_only_recent_events(tmp_path, corpus_db):
    db = tmp_path / "s.db"
    items = _stream(corpus_db)
    writer = CorpusWriter(open_store(db))
    writer.add_documents(items, writer.start_run(["stream"], 1))
    everything = len(writer.events.events)
    reopened = CorpusWriter(open_store(db), merge_window=3)
    assert 0 < len(reopened.events.events) < everything
    assert reopened.events.next_id == writer.events.next_id
