"""The two endpoints that take text: POST /api/extract (nothing stored) and POST /api/articles
(ingest into the store). Both need the bearer token; neither ever fetches a URL: an article's
`url` is kept as its identity and never opened."""

from __future__ import annotations

import io
import json
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from sitrep.api.settings import ServerState
from sitrep.api.security import require_writer
from sitrep.ingest.article import DEFAULT_MAX_CHARS, InputError

router = APIRouter(prefix="/api", tags=["write"])


class ArticleIn(BaseModel):
    text: str = Field(description="The article's text.", max_length=DEFAULT_MAX_CHARS)
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD; relative dates resolve against it.", examples=["2024-12-02"])
    id: str | None = None
    source: str | None = Field(None, description="The outlet.")
    url: str | None = Field(None, description="Kept as the article's identity; never fetched.")


@router.post("/extract", summary="Text in, a sitrep.document/1 out; nothing is stored")
async def extract(article: ArticleIn, st: Annotated[ServerState, Depends(require_writer)]):
    from sitrep.ingest.article import make_article

    try:
        item = make_article(article.text, published=article.published, title=article.title, id=article.id,
                            source=article.source, url=article.url)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    # The extractor is loaded once per process; spaCy work and the JSON (pydantic's, in Rust,
    # not FastAPI's field-by-field encoding of a dict) run off the event loop.
    body = await run_in_threadpool(lambda: st.extractor().extract_article(item).to_json())
    return Response(body, media_type="application/json")


@router.post("/articles", summary="Ingest one article (JSON) or a batch (JSON Lines) into the store")
async def ingest(request: Request, st: Annotated[ServerState, Depends(require_writer)]):
    """`Content-Type: application/json` for one `{"text", "title", "published", "id", "source",
    "url"}` object; `application/x-ndjson` (or `application/jsonl`) for one such object a line.
    Articles already stored are skipped; each stored article is merged into the store's events
    as `sitrep ingest` does."""
    body = await request.body()
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            one = json.loads(body)
        except ValueError as exc:
            raise HTTPException(422, f"the body is not JSON ({exc}); send one article object, or JSON Lines "
                                     "with Content-Type: application/x-ndjson") from None
        if not isinstance(one, dict):
            raise HTTPException(422, "send one article object; for many, JSON Lines with Content-Type: application/x-ndjson")
        body = json.dumps(one).encode() + b"\n"
    elif kind not in ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines"):
        raise HTTPException(415, "send application/json (one article) or application/x-ndjson (JSON Lines)")
    if not body.strip():
        raise HTTPException(422, "the body is empty: send at least one article")
    return await run_in_threadpool(_ingest, st, body)


def _ingest(st: ServerState, body: bytes) -> dict:
    from sitrep.corpus.pipeline import IngestOptions
    from sitrep.corpus.pipeline import ingest as run
    from sitrep.ingest.readers.base import ReaderOptions
    from sitrep.ingest.readers.jsonl import jsonl_items
    from sitrep.store.engine import StoreError
    from sitrep.store.lock import store_lock
    from sitrep.corpus.writer import CorpusWriter

    extractor = st.extractor()
    try:
        items = list(jsonl_items(io.BufferedReader(io.BytesIO(body)), "request", ReaderOptions()))
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    try:
        # The same writer lock as `sitrep ingest`: one writer at a time, and the writer's
        # in-memory merge state is rebuilt from what others stored before this request.
        with store_lock(st.url):
            writer = CorpusWriter(st.engine)
            run_id = writer.start_run(["api"], 1)
            stats = run(items, writer, run_id, IngestOptions(workers=1), extractor=extractor)
            writer.finish_run(run_id, stats.counts())
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from None
    return dict(stats.counts(), run_id=run_id,
                failures=[{"origin": o, "reason": r} for o, r in stats.failures])
