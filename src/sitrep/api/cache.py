"""Responses of the read endpoints that cost most (a filtered page of events, the timeline),
kept in memory while the store is unchanged.

The UI asks for the same few pages and timelines over and over while nobody writes; a page
costs milliseconds of SQL and serialisation, a timeline over the whole store a tenth of a
second, a cached answer a dictionary lookup. Every request first reads the store's version,
cheaply, and the whole cache is dropped when it moved:

- SQLite: `PRAGMA data_version` on a connection kept for that alone. It changes whenever any
  other connection (an ingest, another server, this server's own writes) commits, whatever the
  change was: a `sitrep reextract` that rewrites every event changes it too.
- other databases: the newest event report id and the newest run with its end time. Every
  change to the events comes with a new report (ingest, the API's ingest) or a new run around
  a rewrite (`sitrep reextract`), and their ids come from sequences that never hand out an id
  twice.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import Response

# Enough for every page and timeline one analyst's session touches; a page of 1,000 events
# is about 1.5 MB, a page of 100 a tenth of that.
DEFAULT_MAX_BYTES = 64_000_000


@dataclass(frozen=True)
class Cached:
    body: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)

    def response(self) -> Response:
        return Response(self.body, media_type=self.media_type, headers=self.headers)


class StoreVersion:
    """A value that differs whenever the store's events may have changed."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self._lock = threading.Lock()
        self._watcher = None

    def __call__(self):
        if not self.sqlite:
            from sqlalchemy.orm import Session

            from sitrep.store.queries import store_version

            with Session(self.engine) as s:
                return store_version(s)
        with self._lock:
            if self._watcher is None:
                # Held for the server's lifetime and never written through: data_version
                # counts the commits of every other connection.
                self._watcher = self.engine.raw_connection()
            cur = self._watcher.driver_connection.execute("PRAGMA data_version")
            return cur.fetchone()[0]

    def close(self) -> None:
        with self._lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None


class ResponseCache:
    """Least recently used responses up to `max_bytes`, all dropped when the store changes."""

    def __init__(self, version: StoreVersion, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.version = version
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Cached] = OrderedDict()
        self._size = 0
        self._at = None  # the store version the entries were read at
        self.hits = 0
        self.misses = 0

    def lookup(self, key: str) -> tuple[object, Cached | None]:
        """The store's version now, and the response kept for `key` at that version."""
        now = self.version()
        with self._lock:
            if now != self._at:
                self._entries.clear()
                self._size = 0
                self._at = now
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
        return now, hit

    def keep(self, at, key: str, value: Cached) -> None:
        """Keep a response computed after `lookup` gave version `at` (read before the data, so
        an answer that raced a write is at worst newer than its version, never older)."""
        size = len(value.body)
        if size > self.max_bytes:
            return
        with self._lock:
            if at != self._at:
                return  # the store moved on while this was computed
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._entries[key] = value
            self._size += size
            while self._size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped.body)


def cache_key(request: Request) -> str:
    return f"{request.url.path}?{request.url.query}"


async def cached(request: Request, compute) -> Response:
    """The kept response for this request's path and query, or `compute()` (run in a worker
    thread: it reads the store) kept and returned. `compute` gives a Cached."""
    from fastapi.concurrency import run_in_threadpool

    from sitrep.api.security import state_of

    cache = state_of(request).cache
    key = cache_key(request)
    if cache.version.sqlite:
        at, hit = cache.lookup(key)  # microseconds: no need to leave the event loop
    else:
        at, hit = await run_in_threadpool(cache.lookup, key)
    if hit is None:
        hit = await run_in_threadpool(compute)
        cache.keep(at, key, hit)
    return hit.response()
