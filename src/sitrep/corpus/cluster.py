"""Extraction on a Dask distributed cluster: `sitrep ingest --scheduler ADDRESS` (an existing
cluster) or `--dask-local N` (a LocalCluster of N worker processes on this machine).

Each worker builds one extractor, when it joins, through a worker plugin; batches of articles
are sent as tasks, at most a few per worker at a time, and their documents come back to this
process in input order, where the one writer stores them batch by batch (so a run killed at any
point resumes as a local one does, and the store gets the same events as one process would
make). Workers run tasks in threads, where the per-article time bound (a SIGALRM timer) cannot
run: on a cluster an article is not cut short.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.corpus.workers import Extracted, WorkerStartError, extract_batch

if TYPE_CHECKING:
    from sitrep.corpus.pipeline import IngestOptions

PLUGIN_NAME = "sitrep-extractor"
LOCAL_PREFIX = "local:"


class ClusterError(RuntimeError):
    """The cluster cannot be reached or used; the message says what to do."""


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ClusterError("Dask is not installed: `pip install 'sitrep[dask]'` (on this machine and on "
                           "every worker), then run the command again.") from None
    return distributed


def _plugin_class():
    distributed = _distributed()

    class ExtractorPlugin(distributed.WorkerPlugin):
        """Builds the worker's extractor once, when the worker starts or joins."""

        name = PLUGIN_NAME

        def __init__(self, actor_paths: list[str], batch_size: int):
            self.actor_paths = actor_paths
            self.batch_size = batch_size
            self.extractor = None
            self.error: str | None = None

        def setup(self, worker) -> None:
            try:
                from sitrep.document import Extractor

                self.extractor = Extractor(actor_paths=[Path(p) for p in self.actor_paths])
            except Exception as exc:  # noqa: BLE001 - reported with the first batch
                self.error = f"{type(exc).__name__}: {exc}"

    return ExtractorPlugin


def extract_on_worker(batch: list) -> list[Extracted]:
    """The task: extract a batch with the worker's extractor (built by the plugin)."""
    from distributed import get_worker

    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.extractor is None:
        raise WorkerStartError(getattr(plugin, "error", None) or "the worker has no sitrep extractor")
    return extract_batch(plugin.extractor, batch, plugin.batch_size, None)


def local_cluster(n: int):
    """A LocalCluster of n worker processes of one thread each (spaCy is CPU-bound; threads
    would share one GIL)."""
    distributed = _distributed()
    import dask

    # Dask starts workers with MALLOC_TRIM_THRESHOLD_ set, which fixes glibc's mmap threshold
    # at 128 KiB: spaCy's arrays are then mapped and unmapped on every batch, 10-15% more CPU
    # an article (bench/corpus_speed.py). A worker's memory is the model and one batch, flat
    # without trimming, so the variable is left unset.
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        return distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                        dashboard_address=None, memory_limit=0)


@contextmanager
def extract_on_cluster(options: "IngestOptions") -> Iterator[Callable[[Iterable[list]], Iterator[list[Extracted]]]]:
    """A function from batches to extracted batches (input order), run on the cluster."""
    distributed = _distributed()
    address = options.dask or ""
    cluster = None
    try:
        if address.startswith(LOCAL_PREFIX):
            cluster = local_cluster(int(address[len(LOCAL_PREFIX):]))
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(address, timeout="30s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc}); start one with "
                           "`dask scheduler` and workers with `dask worker ADDRESS`, or use --dask-local N.") from None
    try:
        client.register_plugin(_plugin_class()([str(p) for p in options.actor_paths], options.batch_size))
        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)

        def run(batches: Iterable[list]) -> Iterator[list[Extracted]]:
            # A few batches per worker in flight: workers never wait, memory stays bounded.
            pending: deque = deque()
            for batch in batches:
                pending.append(client.submit(extract_on_worker, batch, pure=False))
                if len(pending) >= 2 * n_workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

        yield run
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
