"""What every adapter shares: finding the gold file the user pointed at, the tune/check split,
running the extractor over the articles in order, loading the mapping tables, and describing a
document compactly for the errors file."""

from __future__ import annotations

import hashlib
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Iterator, Protocol, Sequence

import yaml

from sitrep.evaluation.report import EvalReport
from sitrep.ingest.article import ArticleInput, InputError
from sitrep.model import Article, Document, Event
from sitrep.taxonomy import check_data

# progress(done, total) after each document; the CLI draws a bar with it.
Progress = Callable[[int, int], None]


class EvalInputError(ValueError):
    """Gold data sitrep cannot read. The message says what is wrong and what to do."""


class Pipe(Protocol):
    def pipe(self, articles: Iterable[ArticleInput], batch_size: int = 16) -> Iterator[Document]: ...


def find_file(path: str | Path, dataset: str, patterns: Sequence[str], what: str) -> Path:
    """The gold file itself, or the one file in a folder that matches `patterns`."""
    p = Path(path)
    if not p.exists():
        raise EvalInputError(f"{p} does not exist. Give the {dataset} {what} or the folder that holds it.")
    if p.is_file():
        return p
    found = sorted({f for pat in patterns for f in p.glob(pat) if f.is_file()})
    if not found:
        raise EvalInputError(
            f"{p} holds no {what} ({', '.join(patterns)}). Point at the file itself, "
            f"or at the folder of the {dataset} set."
        )
    if len(found) > 1:
        names = ", ".join(f.name for f in found[:5])
        raise EvalInputError(f"{p} holds several candidate files ({names}); give the one to score.")
    return found[0]


def check_columns(header: Sequence[str] | None, required: Sequence[str], origin: Path, dataset: str) -> None:
    missing = [c for c in required if c not in (header or ())]
    if missing:
        raise EvalInputError(
            f"{origin} lacks the column(s) {', '.join(missing)} of the {dataset} format "
            f"(it has: {', '.join(header or []) or 'no header'}). Is this the right file and --dataset?"
        )


def limited(items: list, limit: int | None) -> list:
    if limit is not None and limit < 1:
        raise EvalInputError(f"--limit must be a positive number of items, got {limit}.")
    return items if limit is None else items[:limit]


# --------------------------------------------------------------------------- tune / check split

SPLITS = ("tune", "check", "all")


def split_of(dataset: str, item_id: object) -> str:
    """"tune" or "check" for one item, from one bit of sha256(dataset + id): fixed for ever,
    independent of row order, file version and Python's hash seed. Rows that share an id (FA-KES
    codes one article in several rows) share a half, so no article sits on both sides."""
    digest = hashlib.sha256(f"{dataset}\x1f{item_id}".encode("utf-8")).digest()
    return "check" if digest[0] & 1 else "tune"


def content_key(text: str) -> str:
    """An id for a gold row that has none, from its text rather than its row number, so that its
    half does not change when rows are added, removed or reordered."""
    return "text-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def select(items: list, dataset: str, split: str, limit: int | None) -> list:
    """The items of one half (or all of them), in file order; `limit` counts within the half."""
    if split not in SPLITS:
        raise EvalInputError(f"unknown split {split!r}; choose one of: {', '.join(SPLITS)}.")
    if split != "all":
        items = [it for it in items if split_of(dataset, it.id) == split]
    return limited(items, limit)


def withhold_check_errors(report: EvalReport) -> None:
    """Keep only the errors of tune items. Errors of check items are counted, never kept, so that
    no one can read them one by one and fit a rule to them: check stays a fair preview of unseen
    text. Every adapter writes the item id as each error's "id"."""
    kept = [e for e in report.errors if split_of(report.dataset, e["id"]) == "tune"]
    report.withheld_errors = len(report.errors) - len(kept)
    report.errors = kept


def run(extractor: Pipe, articles: Sequence[ArticleInput], progress: Progress | None = None,
        batch_size: int = 16) -> list[Document]:
    """Documents in article order. An article the extractor fails on is scored as an empty
    document whose warning says why: one bad item never stops an evaluation."""
    docs: list[Document] = []
    for lo in range(0, len(articles), batch_size):
        batch = list(articles[lo : lo + batch_size])
        try:
            out = list(extractor.pipe(batch, batch_size=batch_size))
        except Exception:
            out = [_one(extractor, a) for a in batch]
        if len(out) != len(batch):
            raise RuntimeError(f"the extractor returned {len(out)} documents for {len(batch)} articles")
        docs.extend(out)
        if progress is not None:
            progress(len(docs), len(articles))
    return docs


def _one(extractor: Pipe, article: ArticleInput) -> Document:
    try:
        return next(iter(extractor.pipe([article], batch_size=1)))
    except Exception as exc:  # scored as "found nothing", and said so
        return Document(
            article=Article(
                id=article.article_id, title=article.title,
                published=article.published.isoformat() if article.published else None,
                source=article.source, url=article.url, text=article.text,
            ),
            warnings=[f"extraction failed ({type(exc).__name__}: {exc}); scored as an empty document"],
        )


def evaluate_with(
    path: str | Path, extractor: Pipe, limit: int | None, progress: Progress | None, *,
    load: Callable[[str | Path, int | None, str], list],
    article: Callable[[Any], ArticleInput],
    score: Callable[[list, list[Document], str], EvalReport],
    split: str = "all",
) -> EvalReport:
    """The one shape of every evaluation: read the gold (one half of it, or all), turn each item
    into an article, extract in order, score, withhold the errors of check items; the report's
    `seconds` covers all of it."""
    started = time.perf_counter()
    items = load(path, limit, split)
    articles = []
    for it in items:
        try:
            articles.append(article(it))
        except InputError as exc:
            raise EvalInputError(str(exc)) from None
    docs = run(extractor, articles, progress)
    report = score(items, docs, str(path))
    report.split = split
    withhold_check_errors(report)
    report.seconds = round(time.perf_counter() - started, 1)
    return report


@lru_cache(maxsize=None)
def mapping(name: str) -> dict[str, Any]:
    """A mapping table from `knowledge/data/evaluation/<name>.yaml` (each carries a source note)."""
    path = resources.files("sitrep.knowledge") / "data" / "evaluation" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "source" not in data:
        raise ValueError(f"evaluation table {path} must be a mapping with a 'source' note")
    check_data(f"evaluation/{name}.yaml", data)
    return data


# --------------------------------------------------------------------------- picking events

def current(doc: Document) -> list[Event]:
    return [e for e in doc.events if e.status == "current"]


def main_event(doc: Document, violent_types: Collection[str]) -> Event | None:
    """The event an article is about: the current event with the most fatalities (first on
    ties), else the first current event of a violent ACLED type."""
    events = current(doc)
    with_deaths = [e for e in events if e.fatalities]
    if with_deaths:
        return max(with_deaths, key=lambda e: e.fatalities)
    return next((e for e in events if e.event_type in violent_types), None)


def top_typed_event(doc: Document) -> Event | None:
    """The current event with an ACLED sub-event type that sitrep is most sure of (first on ties)."""
    typed = [e for e in current(doc) if e.sub_event_type is not None]
    return max(typed, key=lambda e: e.confidence) if typed else None


def actor_name(doc: Document, entity_id: str | None) -> str | None:
    if not entity_id:
        return None
    ent = doc.entity(entity_id)
    return ent.name if ent is not None else entity_id


# --------------------------------------------------------------------------- errors file

def event_brief(doc: Document, event: Event | None) -> dict[str, Any] | None:
    if event is None:
        return None
    loc = event.location
    return {
        "id": event.id,
        "status": event.status,
        "sub_event_type": event.sub_event_type,
        "plover": event.plover.type if event.plover else None,
        "actor1": actor_name(doc, event.actor1),
        "actor2": actor_name(doc, event.actor2),
        "location": loc.name,
        "admin1": loc.admin1,
        "country": loc.country,
        "date": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "fatalities": event.fatalities,
        "confidence": event.confidence,
        "trigger": event.trigger.text if event.trigger else None,
        "summary": event.summary,
    }


def doc_brief(doc: Document) -> list[dict[str, Any]]:
    """Every event of the document, compactly: enough to see why a pick went wrong."""
    return [event_brief(doc, e) for e in doc.events]


def clip(text: str, limit: int = 1500) -> str:
    return text if len(text) <= limit else text[:limit] + " …"
