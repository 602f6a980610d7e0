"""Extraction in batches, in this process or in worker processes.

Worker functions live here (an importable module) so that `spawn`ed processes can find them.
Each worker builds its Extractor once, in the pool initializer, and parses with
`Extractor.pipe` (spaCy's `nlp.pipe` batching).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from sitrep.corpus.deadline import ArticleTimeout, time_limit
from sitrep.ingest.article import ArticleInput

if TYPE_CHECKING:  # the pydantic models take a while to import; a rerun with nothing new needs none
    from sitrep.model import Document


@dataclass
class Extracted:
    key: str
    origin: str
    document: Document | None = None
    error: str | None = None


def extract_batch(extractor, batch: Sequence[tuple[str, ArticleInput]], batch_size: int,
                  article_timeout: float | None = None) -> list[Extracted]:
    """Documents for a batch, in order. One article that breaks the extractor, or runs past
    `article_timeout` seconds, fails alone: the batch is then redone one article at a time,
    each with its own bound."""
    try:
        with time_limit(article_timeout and article_timeout * len(batch)):
            docs = list(extractor.pipe((a for _, a in batch), batch_size=batch_size))
        return [Extracted(k, _origin(k, a), d) for (k, a), d in zip(batch, docs)]
    except Exception:  # noqa: BLE001 - the per-article pass below names the culprit
        pass
    out = []
    for key, article in batch:
        try:
            with time_limit(article_timeout):
                out.append(Extracted(key, _origin(key, article), extractor.extract_article(article)))
        except ArticleTimeout as exc:
            out.append(Extracted(key, _origin(key, article), error=(
                f"extraction {exc}, the bound for one article ({len(article.text):,} characters); "
                "split the article, or allow longer with --article-timeout.")))
        except Exception as exc:  # noqa: BLE001 - any extractor bug must not end the run
            out.append(Extracted(key, _origin(key, article), error=f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _origin(key: str, article: ArticleInput) -> str:
    return getattr(article, "origin", None) or key


# ------------------------------------------------------------------ worker processes
class WorkerStartError(RuntimeError):
    """A worker could not build its extractor (e.g. a broken --actors file)."""


_EXTRACTOR = None
_INIT_ERROR: str | None = None
_BATCH_SIZE = 16
_ARTICLE_TIMEOUT: float | None = None


def init_worker(actor_paths: Sequence[str], batch_size: int, article_timeout: float | None = None) -> None:
    global _EXTRACTOR, _BATCH_SIZE, _INIT_ERROR, _ARTICLE_TIMEOUT
    _ARTICLE_TIMEOUT = article_timeout
    # An exception escaping a pool initializer makes multiprocessing restart the worker
    # forever; keep the error and report it with the first batch instead.
    try:
        from sitrep.document import Extractor

        _EXTRACTOR = Extractor(actor_paths=[Path(p) for p in actor_paths])
    except Exception as exc:  # noqa: BLE001 - handed to the parent as a WorkerStartError
        _INIT_ERROR = str(exc) or type(exc).__name__
    _BATCH_SIZE = batch_size


def work(batch: list[tuple[str, ArticleInput]]) -> list[Extracted]:
    if _EXTRACTOR is None:
        raise WorkerStartError(_INIT_ERROR or "the worker's extractor was not built")
    return extract_batch(_EXTRACTOR, batch, _BATCH_SIZE, _ARTICLE_TIMEOUT)
