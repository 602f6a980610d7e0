"""Extraction in worker processes gives the store exactly what extraction in-process gives."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from corpus_helpers import ARTICLES, articles, corpus_db  # noqa: F401  (fixture)
from sitrep.corpus.pipeline import IngestOptions, ingest
from sitrep.corpus.workers import WorkerStartError
from sitrep.store.engine import open_store
from sitrep.store.tables import EventRow
from sitrep.corpus.writer import CorpusWriter
from sitrep.store.persist import stored_counts


def _events(engine):
    with Session(engine) as s:
        return sorted((e.event_id_cnty, e.sub_event_type, e.location, e.fatalities, e.n_reports, e.n_sources)
                      for e in s.scalars(select(EventRow)))


def test_two_workers_store_the_same_as_one_process(tmp_path, corpus_db):
    engine = open_store(tmp_path / "w.db")
    writer = CorpusWriter(engine)
    run_id = writer.start_run(["corpus"], 2)
    stats = ingest(articles(), writer, run_id, IngestOptions(workers=2, batch_size=2))
    assert (stats.stored, stats.failed) == (len(ARTICLES), 0)
    reference = open_store(corpus_db)
    assert stored_counts(engine) == stored_counts(reference)
    assert _events(engine) == _events(reference)


def test_a_worker_that_cannot_start_stops_the_run_with_its_reason(tmp_path):
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors: [this is not: a valid actor\n", encoding="utf-8")
    writer = CorpusWriter(open_store(tmp_path / "b.db"))
    run_id = writer.start_run(["corpus"], 2)
    with pytest.raises(WorkerStartError):
        ingest(articles()[:2], writer, run_id, IngestOptions(workers=2, actor_paths=[bad]))


def test_a_dask_local_cluster_of_two_stores_the_same_as_one_process(tmp_path, corpus_db):
    pytest.importorskip("distributed", reason="Dask is an extra: pip install 'sitrep[dask]'")
    engine = open_store(tmp_path / "dask.db")
    writer = CorpusWriter(engine)
    run_id = writer.start_run(["corpus"], 2)
    stats = ingest(articles(), writer, run_id, IngestOptions(batch_size=2, dask="local:2"))
    assert (stats.stored, stats.failed) == (len(ARTICLES), 0)
    reference = open_store(corpus_db)
    assert stored_counts(engine) == stored_counts(reference)
    # The same event ids, types, places, tolls and counts: documents are stored in input order.
    assert _events(engine) == _events(reference)


def test_local_cluster_workers_run_without_dasks_malloc_trim_setting():
    """Dask's MALLOC_TRIM_THRESHOLD_ fixes glibc's mmap threshold and costs spaCy 10-15% CPU."""
    distributed = pytest.importorskip("distributed", reason="Dask is an extra: pip install 'sitrep[dask]'")
    import os

    from sitrep.corpus.cluster import local_cluster

    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        env = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS")))
    assert list(env.values()) == [(None, "1")]
