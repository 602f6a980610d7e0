"""/api/articles/{id}: an article's text with the spans each value came from."""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from sitrep.api.evidence import article_spans
from sitrep.api.records import row_dict
from sitrep.api.security import state_of
from sitrep.store import queries

router = APIRouter(prefix="/api", tags=["articles"])


@router.get("/articles/{article_id:path}", summary="An article's text, with the spans of every event, actor, place and date")
def get_article(request: Request, article_id: str):
    """`article_id` is the stored id (a URL, an input id or `sha256:…`), URL-encoded. Offsets
    are characters (Unicode code points) of `text`."""
    st = state_of(request)
    with Session(st.engine) as s:
        found = queries.article(s, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in the store; event reports name their article ids")
        row, document = found
        doc = json.loads(document)
        events = queries.reports_by_article(s, article_id)
    article = doc.get("article", {})
    meta = row_dict(row, skip=("minhash", "text_sha256", "run_id"))
    return JSONResponse({
        "article": dict(meta, text=article.get("text", ""), language=article.get("language")),
        "events": [{"id": ev.get("id"), "summary": ev.get("summary"), "status": ev.get("status"),
                    "event_type": ev.get("event_type"), "sub_event_type": ev.get("sub_event_type"),
                    "merged_event": events.get(ev.get("id"))} for ev in doc.get("events", [])],
        "entities": [{"id": e["id"], "name": e["name"], "kind": e.get("kind"), "country": e.get("country")}
                     for e in doc.get("entities", [])],
        "places": [{"id": p["id"], "name": p["name"], "country": p.get("country"), "admin1": p.get("admin1"),
                    "feature": p.get("feature")} for p in doc.get("places", [])],
        "spans": article_spans(doc),
        "warnings": doc.get("warnings", []),
    })
