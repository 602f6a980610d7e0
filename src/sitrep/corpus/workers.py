"""Extraction in batches, in this process or in worker processes.

Worker functions live here (an importable module) so that `spawn`ed processes can find them.
Each worker builds its Extractor once, in the pool initializer, and parses with
`Extractor.pipe` (spaCy's `nlp.pipe` batching).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from sitrep.ingest.article import ArticleInput
from sitrep.model import Document


@dataclass
class Extracted:
    key: str
    origin: str
    document: Document | None = None
    error: str | None = None


def extract_batch(extractor, batch: Sequence[tuple[str, ArticleInput]], batch_size: int) -> list[Extracted]:
    """Documents for a batch, in order. One article that breaks the extractor fails alone:
    the batch is then redone one article at a time."""
    try:
        docs = list(extractor.pipe((a for _, a in batch), batch_size=batch_size))
        return [Extracted(k, _origin(k, a), d) for (k, a), d in zip(batch, docs)]
    except Exception:  # noqa: BLE001 - the per-article pass below names the culprit
        pass
    out = []
    for key, article in batch:
        try:
            out.append(Extracted(key, _origin(key, article), extractor.extract_article(article)))
        except Exception as exc:  # noqa: BLE001 - any extractor bug must not end the run
            out.append(Extracted(key, _origin(key, article), error=f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _origin(key: str, article: ArticleInput) -> str:
    return getattr(article, "origin", None) or key


# ------------------------------------------------------------------ worker processes
_EXTRACTOR = None
_BATCH_SIZE = 16


def init_worker(actor_paths: Sequence[str], batch_size: int) -> None:
    global _EXTRACTOR, _BATCH_SIZE
    from sitrep.document import Extractor

    _EXTRACTOR = Extractor(actor_paths=[Path(p) for p in actor_paths])
    _BATCH_SIZE = batch_size


def work(batch: list[tuple[str, ArticleInput]]) -> list[Extracted]:
    assert _EXTRACTOR is not None, "init_worker did not run"
    return extract_batch(_EXTRACTOR, batch, _BATCH_SIZE)
