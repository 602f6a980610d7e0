"""A bound on how long one article may take to extract.

spaCy's time and memory grow with an article's length, and a pathological text can keep the
extractors busy far longer than its length suggests; in a batch, one such article must cost
that article, not the run. The bound is a SIGALRM timer: it interrupts Python code (the
extractors, spaCy's Python layers) as soon as the interpreter regains control, so a single
long C call (one parser pass) can overrun it by that call's time, but no article runs on
unbounded. Timers exist only in a process's main thread on POSIX; elsewhere (a thread, Windows)
`time_limit` does nothing rather than fail.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Default for `sitrep ingest --article-timeout`: a long report takes a few seconds; two minutes
# is far beyond any real article and still short enough not to stall a batch.
DEFAULT_ARTICLE_TIMEOUT = 120.0


class ArticleTimeout(Exception):
    """Extraction ran out of its time."""


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in the block when it runs longer than `seconds` (None: no bound)."""
    if not seconds or seconds <= 0 or not _can_time():
        yield
        return

    def expire(_signum, _frame):
        raise ArticleTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
