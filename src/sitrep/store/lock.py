"""One writer at a time per SQLite store.

The writer keeps running tallies in memory (entity and place counts, stories, merged events),
read from the store when it starts: a second writer's commits would make them stale, and two
runs creating a new store would both create its tables. So `sitrep ingest` holds an exclusive
lock on `<store>-lock` (next to SQLite's own `-wal` and `-shm` files) from before the schema is
created until its run ends; a second run waits for it, saying so, and then starts from what the
first stored. Readers (`events`, `export`, a SQLite browser) never take the lock.

The lock is an advisory `flock` on a separate file, never on the database itself: closing any
descriptor of the database file would drop SQLite's own POSIX locks. The file is left in place
(removing it would let a third run lock a new file while the second holds the old one). Server
databases (PostgreSQL) are not locked here; run one ingest at a time against them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; one ingest at a time is then the user's to keep
    fcntl = None  # type: ignore[assignment]


def lock_path(url: str) -> Path | None:
    """The lock file of a `sqlite:///` file URL; None for other databases and in-memory stores."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    database = parsed.database
    if database.startswith("file:"):  # a URI filename: sqlite:///file:x.db?mode=ro&uri=true
        database = database[len("file:"):].split("?", 1)[0]
    return Path(database + "-lock")


@contextmanager
def store_lock(url: str, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's writer lock for the block; when another process holds it, call
    `waiting` with who holds it, then wait until it is released."""
    path = lock_path(url)
    if path is None or fcntl is None:
        yield
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        # A folder sitrep cannot create files in holds a store it cannot write either (SQLite
        # needs its -wal file there): opening the store says so, better than a lock error would.
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(_holder(fd))
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {time.strftime('%H:%M:%S')}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
    except OSError:
        return "another process"
