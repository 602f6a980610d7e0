"""The ingest pipeline: read items -> skip what is stored -> extract in batches -> store.

Works on any iterable of `ArticleInput` / `ReadFailure` (what `read_sources` yields). Only this
process writes to the store, one transaction per batch, in input order; extraction runs here
(`workers=1`), in a process pool, or on a Dask cluster (`corpus.cluster`), with a bounded number
of batches in flight, so memory stays flat on a corpus of any size. Nothing is loaded (language
model, worker processes) until a batch needs extracting: a rerun with nothing new is quick.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from sitrep.corpus.deadline import DEFAULT_ARTICLE_TIMEOUT
from sitrep.corpus.workers import Extracted, extract_batch, init_worker, work
from sitrep.ingest.article import ArticleInput
from sitrep.corpus.writer import CorpusWriter
from sitrep.store.engine import StoreError
from sitrep.store.identity import article_key


@dataclass
class IngestOptions:
    workers: int = 1
    batch_size: int = 16
    actor_paths: Sequence[Path] = ()
    # Seconds one article may take to extract before it is recorded as a failure (None: no bound).
    article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT
    # A Dask scheduler address ("tcp://host:8786"), or "local:N" for a LocalCluster of N workers.
    dask: str | None = None


@dataclass
class IngestStats:
    read: int = 0  # articles read (failures to read not included)
    stored: int = 0
    skipped: int = 0  # already in the store, or repeated in the input
    ignored: int = 0  # inputs that are not articles (a README in a folder); not failures
    duplicates: int = 0  # stored, and a near-duplicate of an earlier article
    failed: int = 0
    reports: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # the first few, for the summary

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "stored": self.stored, "skipped": self.skipped,
                "duplicates": self.duplicates, "failed": self.failed, "reports": self.reports}


Progress = Callable[[IngestStats], None]


def ingest(items: Iterable, writer: CorpusWriter, run_id: int, options: IngestOptions | None = None,
           progress: Progress | None = None, extractor: Any = None) -> IngestStats:
    """Store every new article of `items`; record every failure; return the counts.

    `extractor`: an Extractor, or a function that builds one (called only when an article needs
    extracting); by default one is built from `options.actor_paths`."""
    options = options or IngestOptions()
    stats = IngestStats()
    batches = _batches(items, writer, run_id, stats, options.batch_size, progress)
    first = next(batches, None)
    if first is None:
        return stats  # nothing new: no model, no workers
    batches = itertools.chain([first], batches)
    if options.dask:
        from sitrep.corpus.cluster import extract_on_cluster

        with extract_on_cluster(options) as run_batches:
            _store_all(run_batches(batches), writer, run_id, stats, progress)
    elif options.workers <= 1:
        if extractor is None:
            extractor = _default_extractor(options)
        if not hasattr(extractor, "pipe"):  # a function that builds one
            extractor = extractor()
        results: Iterator[list[Extracted]] = (extract_batch(extractor, b, options.batch_size, options.article_timeout)
                                              for b in batches)
        _store_all(results, writer, run_id, stats, progress)
    else:
        # spawn, not fork: the parent holds database connections and a progress thread.
        ctx = mp.get_context("spawn")
        with ctx.Pool(options.workers, initializer=init_worker,
                      initargs=([str(p) for p in options.actor_paths], options.batch_size,
                                options.article_timeout)) as pool:
            _store_all(_pooled(pool, batches, options.workers * 2), writer, run_id, stats, progress)
    return stats


def _default_extractor(options: IngestOptions) -> Callable[[], Any]:
    def build():
        from sitrep.document import Extractor

        return Extractor(actor_paths=list(options.actor_paths))

    return build


def _batches(items: Iterable, writer: CorpusWriter, run_id: int, stats: IngestStats, size: int,
             progress: Progress | None) -> Iterator[list[tuple[str, ArticleInput]]]:
    seen: set[str] = set()
    batch: list[tuple[str, ArticleInput]] = []
    for item in _guarded(items, writer, run_id, stats):
        if not isinstance(item, ArticleInput):
            if getattr(item, "kind", "unreadable") == "skipped":
                # Not an input sitrep reads (a README in a folder): noted, not a failure.
                writer.record_failure(run_id, item.origin, "skipped", item.reason)
                stats.ignored += 1
            else:
                _fail(writer, run_id, stats, item.origin, "read", item.reason)
            if progress:
                progress(stats)
            continue
        stats.read += 1
        try:
            key = article_key(item)
        except Exception as exc:  # noqa: BLE001 - an article without an identity fails alone
            _fail(writer, run_id, stats, item.origin or "input", "read",
                  f"cannot identify the article ({type(exc).__name__}: {exc}).")
            continue
        if key in writer.known or key in seen:
            stats.skipped += 1
            if progress:
                progress(stats)
            continue
        seen.add(key)
        batch.append((key, item))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _guarded(items: Iterable, writer: CorpusWriter, run_id: int, stats: IngestStats) -> Iterator:
    """`items`, until it raises: the readers turn every bad input into a failure record, so an
    exception here is a reader bug. It is recorded, reading stops (a generator that raised is
    finished), and everything read before it is still extracted and stored."""
    it = iter(items)
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - see above
            _fail(writer, run_id, stats, "input", "read",
                  f"reading stopped after {stats.read} article(s): {type(exc).__name__}: {exc}. "
                  "Please report this with the input that caused it.")
            return
        yield item


def _pooled(pool, batches: Iterator, in_flight: int) -> Iterator[list[Extracted]]:
    """Results in input order, with at most `in_flight` batches submitted at a time."""
    pending: deque = deque()
    for batch in batches:
        pending.append(pool.apply_async(work, (batch,)))
        if len(pending) >= in_flight:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _store_all(results: Iterable[list[Extracted]], writer: CorpusWriter, run_id: int,
               stats: IngestStats, progress: Progress | None) -> None:
    for batch in results:
        for x in batch:
            if x.document is None:
                _fail(writer, run_id, stats, x.origin, "extract", x.error or "no document", x.key)
        done = [x for x in batch if x.document is not None]
        try:
            outcomes: list = writer.add_documents([(x.key, x.document, x.origin) for x in done], run_id)
        except StoreError:
            raise  # the store cannot be written at all: no use trying the next article
        except Exception:  # noqa: BLE001 - one article undid the batch: store them one by one
            outcomes = []
            for x in done:
                try:
                    outcomes.append(writer.add_document(x.key, x.document, run_id, x.origin))
                except StoreError:
                    raise
                except Exception as exc:  # noqa: BLE001 - one article must not end the run
                    outcomes.append(exc)
        for x, stored in zip(done, outcomes):
            if isinstance(stored, Exception):
                _fail(writer, run_id, stats, x.origin, "store", f"{type(stored).__name__}: {stored}", x.key)
            elif stored is None:
                stats.skipped += 1
            else:
                stats.stored += 1
                stats.reports += stored.n_events
                stats.duplicates += 1 if stored.duplicate_of else 0
        if progress:
            progress(stats)


def _fail(writer: CorpusWriter, run_id: int, stats: IngestStats, origin: str, stage: str, reason: str,
          key: str | None = None) -> None:
    stats.failed += 1
    if len(stats.failures) < 5:
        stats.failures.append((origin, reason))
    writer.record_failure(run_id, origin, stage, reason, key)
