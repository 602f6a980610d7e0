"""What one server process is configured with, and what it keeps for its lifetime."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from sitrep.api.cache import ResponseCache

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
    cache: ResponseCache | None = None
    _extractor: object | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if self.cache is None:
            from sitrep.api.cache import StoreVersion

            self.cache = ResponseCache(StoreVersion(self.engine))

    def extractor(self):
        """The extractor, built on first use (12-16 s) and kept for the process's lifetime."""
        with self._lock:
            if self._extractor is None:
                from sitrep.document import Extractor

                extractor = Extractor(actor_paths=list(self.settings.actor_paths))
                _settle(extractor)
                self._extractor = extractor
            return self._extractor

    @property
    def extractor_loaded(self) -> bool:
        return self._extractor is not None


# A short report touching what every article does (an attack, its toll, a place, a day, a
# source, named actors), extracted once when the extractor is built.
WARM_UP_TEXT = ("Government air strikes killed 12 people in the town of Saraqeb in Idlib province on Tuesday, "
                "the Syrian Observatory for Human Rights said. Hezbollah fighters shelled an army post near "
                "Aleppo, rescue workers said.")


def _settle(extractor) -> None:
    """Make the first real request as fast as the later ones. The first extraction in a
    process reads lexicons, compiles their patterns and fills caches that later ones reuse
    (measured on the example article, profiled: 2.0 s against 1.1 s for the second call;
    after this warm-up the first costs what the second does); one short article pays it here. Then everything the model
    holds is moved out of the garbage collector's sight (`gc.freeze`): a full collection would
    otherwise walk its hundreds of thousands of objects, a pause of 0.2 s in a request now and
    then (26 ms after freezing)."""
    import gc

    from sitrep.ingest.article import make_article

    extractor.extract_article(make_article(WARM_UP_TEXT, published="2024-12-04"))
    gc.collect()
    gc.freeze()
