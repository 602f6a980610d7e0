"""`sitrep reextract`: extract stored articles again (after the knowledge or sitrep changed) and
rebuild what the store derives from them, keeping each merged event's id when it is the same
event.

1. The selected articles are extracted again from their stored text; the others keep their
   stored documents (an article whose extraction now fails keeps its old one, and is reported).
2. Every document is merged again, in the original ingestion order, into a scratch in-memory
   store: the merge is order-dependent, so all of it is redone, not only the changed articles.
3. Each new merged event is matched to a stored one: they share a reporting article, and have
   the same type, or the same date and place (then the event was retyped). Matches are taken
   best first (most shared articles, then same type, date, place), each stored event once.
   A matched event keeps its id; an unmatched new event gets a new id (added); an unmatched
   stored event is gone (removed).
   A new event's id is above every id the store ever gave out (`counters.next_event_id`), so
   an id freed by a removed event is never reused.
4. In one transaction, the store's articles and everything derived from them are replaced by
   the same merge, with those ids. Runs and failures stay; the run of each article is kept.

Documents are streamed, `READ_BATCH` articles at a time: the scratch store is a file, and the
rewrite reads the documents back from it. What stays in memory is the article index (ids and
dates), the events' identities, and the merge state the writer keeps for any ingest.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import Engine

from sitrep.corpus.dedup import DEFAULT_THRESHOLD
from sitrep.corpus.workers import extract_batch
from sitrep.corpus.writer import CorpusWriter
from sitrep.ingest.article import MAX_CHARS_LIMIT, ArticleInput, make_article
from sitrep.model import Document
from sitrep.store import persist
from sitrep.store.engine import StoreError, open_engine, serialise

# Articles read, extracted and written at a time.
READ_BATCH = 256


@dataclass(frozen=True)
class Selection:
    """Which stored articles to extract again (all when empty)."""

    since: date | None = None  # published on or after
    until: date | None = None
    articles: frozenset[str] = frozenset()  # article ids (URLs or input ids)
    sources: frozenset[str] = frozenset()  # outlets

    def __call__(self, row) -> bool:
        if self.articles and row.id not in self.articles:
            return False
        if self.sources and (row.source or "") not in self.sources:
            return False
        if self.since and (row.published is None or row.published < self.since):
            return False
        if self.until and (row.published is None or row.published > self.until):
            return False
        return True


@dataclass(frozen=True)
class EventChange:
    kind: str  # added, removed, retyped
    event_id: int
    old_type: str | None
    new_type: str | None
    date: date | None
    location: str | None


@dataclass
class ReextractResult:
    n_articles: int = 0  # stored articles
    n_extracted: int = 0  # extracted again
    n_documents_changed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article, reason): kept as they were
    n_events_before: int = 0
    n_events_after: int = 0
    changes: list[EventChange] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


def _type(e) -> str | None:
    return e.sub_event_type or e.event_type or e.plover_type


def _article_input(row, doc: Document) -> ArticleInput:
    a = doc.article
    article = make_article(a.text, id=a.id, published=a.published, source=a.source, url=a.url,
                           origin=row.origin, max_chars=MAX_CHARS_LIMIT)
    # The stored title may have come from the reader rather than from the text's first line.
    if a.title != article.title:
        article = make_article(a.text, id=a.id, title=a.title, published=a.published, source=a.source,
                               url=a.url, origin=row.origin, max_chars=MAX_CHARS_LIMIT)
    return article


def _match(old_events, old_reports, new_events, new_reports) -> dict[int, int]:
    """new event id -> stored event id, for the events that are the same happening."""
    articles_of: dict[tuple[str, int], set[str]] = {}
    for side, reports in (("old", old_reports), ("new", new_reports)):
        for event_id, article_id in reports:
            articles_of.setdefault((side, event_id), set()).add(article_id)
    old_by_article: dict[str, set[int]] = {}
    for event_id, article_id in old_reports:
        old_by_article.setdefault(article_id, set()).add(event_id)
    old = {e.id: e for e in old_events}
    pairs = []
    for n in new_events:
        mine = articles_of.get(("new", n.id), set())
        for oid in set().union(*(old_by_article.get(a, set()) for a in mine)) if mine else ():
            o = old[oid]
            same_type = _type(o) == _type(n)
            same_date = o.event_date == n.event_date
            same_place = (o.place_id or o.location, o.country) == (n.place_id or n.location, n.country)
            if not same_type and not (same_date and same_place):
                continue
            shared = len(mine & articles_of.get(("old", oid), set()))
            pairs.append(((shared, same_type, same_date, same_place), n.id, oid))
    # Best first; on equal scores the lower ids, so the outcome does not depend on set order.
    pairs.sort(key=lambda p: (tuple(-int(x) for x in p[0]), p[1], p[2]))
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    for _, nid, oid in pairs:
        if nid not in mapping and oid not in taken:
            mapping[nid] = oid
            taken.add(oid)
    return mapping


def _chunks(rows: list, size: int | None = None) -> Iterator[list]:
    size = size or READ_BATCH
    for lo in range(0, len(rows), size):
        yield rows[lo:lo + size]


def _extract_again(ex, rows: list, stored: dict[str, str], batch_size: int, result: ReextractResult,
                   done: Callable[[int], None]) -> dict[str, Document]:
    """New documents of `rows` (an article whose extraction fails keeps its stored one);
    `done(n)` after each batch of n."""
    docs = {row.id: Document.model_validate_json(stored[row.id]) for row in rows}
    for part in _chunks(rows, batch_size):
        batch = [(row.id, _article_input(row, docs[row.id])) for row in part]
        for row, x in zip(part, extract_batch(ex, batch, batch_size)):
            if x.document is None:
                result.failed.append((row.id, x.error or "no document"))
                continue
            result.n_extracted += 1
            if x.document.to_json() != stored[row.id]:
                result.n_documents_changed += 1
            docs[row.id] = x.document
        done(len(part))
    return docs


def reextract(engine: Engine, extractor: Callable[[], object], selection: Selection = Selection(),
              dedup_threshold: float = DEFAULT_THRESHOLD, batch_size: int = 16,
              progress: Callable[[int, int], None] | None = None) -> ReextractResult:
    """Re-extract the selected articles and rewrite the store; `extractor` builds the extractor
    (called only when some article is selected); `progress(done, total)` after each batch."""
    result = ReextractResult()
    with engine.connect() as c:
        rows = persist.read_article_index(c)
        old_events, old_reports = persist.read_event_identities(c)
        next_event_id = persist.read_counter(c, persist.NEXT_EVENT_ID)
    result.n_articles, result.n_events_before = len(rows), len(old_events)
    chosen = {row.id for row in rows if selection(row)}
    ex = extractor() if chosen else None

    with tempfile.TemporaryDirectory(prefix="sitrep-reextract-") as tmp:
        # The merge, done once in a scratch store to learn which new event is which stored one;
        # the scratch store also keeps the new documents for the rewrite.
        scratch = open_engine(Path(tmp) / "scratch.db")
        try:
            scratch_writer = CorpusWriter(scratch, dedup_threshold=dedup_threshold)
            scratch_run = persist.start_run(scratch, ["reextract"], 1)
            extracted = 0

            def done(n: int) -> None:
                nonlocal extracted
                extracted += n
                if progress:
                    progress(extracted, len(chosen))

            with scratch.begin() as sc:
                for part in _chunks(rows):
                    with engine.connect() as c:
                        stored = persist.read_documents(c, [row.id for row in part])
                    again = [row for row in part if row.id in chosen]
                    docs = _extract_again(ex, again, stored, batch_size, result, done) if again else {}
                    scratch_writer.write_documents(sc, [
                        (row.id, docs.get(row.id) or Document.model_validate_json(stored[row.id]), row.origin)
                        for row in part], scratch_run)
            with scratch.connect() as sc:
                new_events, new_reports = persist.read_event_identities(sc)
            final = _final_ids(old_events, old_reports, new_events, new_reports, next_event_id, result)

            # The same merge into the store, in one transaction, with those ids.
            run_id = persist.start_run(engine, ["reextract"], 1)
            try:
                _rewrite(engine, scratch, rows, new_events, final, dedup_threshold, run_id)
            except BaseException:
                persist.finish_run(engine, run_id, {"read": result.n_articles, "stored": 0,
                                                    "failed": len(result.failed), "reports": 0}, status="failed")
                raise
        finally:
            scratch.dispose()
    persist.finish_run(engine, run_id, {"read": result.n_articles, "stored": result.n_extracted,
                                        "failed": len(result.failed), "reports": 0})
    return result


def _rewrite(engine: Engine, scratch: Engine, rows: list, new_events: list, final: dict[int, int],
             dedup_threshold: float, run_id: int) -> None:
    """Replace the store's articles and all derived from them by the scratch store's documents,
    merged again in the same order, the new events getting the ids `final` gives them."""
    with engine.begin() as c:
        serialise(c)
        if persist.article_count(c) != len(rows):
            raise StoreError("articles were stored while `sitrep reextract` ran; nothing was changed. "
                             "Run it again when the ingest has finished.")
        persist.delete_article_data(c)
        writer = CorpusWriter(engine, dedup_threshold=dedup_threshold, known=set())
        writer.load_state(c)
        order = iter(n.id for n in new_events)
        writer.events.allocate = lambda: final[next(order)]
        for part in _chunks(rows):
            with scratch.connect() as sc:
                documents = persist.read_documents(sc, [row.id for row in part])
            writer.write_documents(c, [(row.id, Document.model_validate_json(documents[row.id]), row.origin)
                                       for row in part], run_id)
            persist.update_rows(c, "articles", [dict(id=row.id, run_id=row.run_id, ingested_at=row.ingested_at)
                                                for row in part])


def _final_ids(old_events, old_reports, new_events, new_reports, next_event_id: int,
               result: ReextractResult) -> dict[int, int]:
    """{scratch event id: its id in the store}, and the changes into `result`."""
    mapping = _match(old_events, old_reports, new_events, new_reports)
    # Above every id ever given out: a removed event's id is not given to another.
    next_free = max([e.id + 1 for e in old_events] + [next_event_id])
    final: dict[int, int] = {}
    for n in new_events:  # creation order = scratch id order
        if n.id in mapping:
            final[n.id] = mapping[n.id]
        else:
            final[n.id], next_free = next_free, next_free + 1

    old_by_id = {e.id: e for e in old_events}
    for n in new_events:
        o = old_by_id.get(final[n.id])
        if o is None:
            result.changes.append(EventChange("added", final[n.id], None, _type(n), n.event_date, n.location))
        elif _type(o) != _type(n):
            result.changes.append(EventChange("retyped", o.id, _type(o), _type(n), n.event_date, n.location))
    kept = set(mapping.values())
    for o in old_events:
        if o.id not in kept:
            result.changes.append(EventChange("removed", o.id, _type(o), None, o.event_date, o.location))
    result.n_events_after = len(new_events)
    return final
