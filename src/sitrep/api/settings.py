"""What one server process is configured with, and what it keeps for its lifetime."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

# One JSON Lines batch of articles (each at most sitrep's default 200,000 characters) fits;
# anything larger is refused before it is read into memory.
DEFAULT_MAX_BODY = 10_000_000


@dataclass(frozen=True)
class Settings:
    db: str = "sitrep.db"
    # The bearer token that write requests (extract, ingest) must carry; None: writes are off.
    token: str | None = None
    read_only: bool = False
    max_body: int = DEFAULT_MAX_BODY
    # Origins allowed to call the API from other pages; empty: CORS off (same origin only).
    cors_origins: tuple[str, ...] = ()
    actor_paths: tuple[Path, ...] = ()
    # Build the extractor when the server starts rather than on the first extract request.
    preload: bool = False


@dataclass
class ServerState:
    """The store's engine and the extractor, built once and shared by every request."""

    settings: Settings
    engine: Engine
    url: str
    _extractor: object | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def extractor(self):
        """The extractor, built on first use (12-16 s) and kept for the process's lifetime."""
        with self._lock:
            if self._extractor is None:
                from sitrep.document import Extractor

                self._extractor = Extractor(actor_paths=list(self.settings.actor_paths))
            return self._extractor

    @property
    def extractor_loaded(self) -> bool:
        return self._extractor is not None
