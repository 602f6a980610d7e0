"""/api/events (JSON, GeoJSON, ACLED CSV pages), /api/events/{id}, /api/timeline, /api/export."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from sitrep.api.cache import Cached, cached
from sitrep.api.evidence import event_fields
from sitrep.api.params import MAX_PAGE, decode_cursor, encode_cursor, event_query
from sitrep.api.records import event_dict, event_items, json_bytes
from sitrep.api.security import state_of
from sitrep.store import queries
from sitrep.store.queries import EventQuery

router = APIRouter(prefix="/api", tags=["events"])


@router.get("/events", summary="Merged events, filtered, a page at a time")
async def list_events(
    request: Request,
    query: Annotated[EventQuery, Depends(event_query)],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Events per page.")] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
    format: Annotated[Literal["json", "geojson", "csv"], Query(description="json, geojson (a FeatureCollection) or csv (ACLED columns).")] = "json",
):
    """Newest first. Each page says `next_cursor`, null on the last page (GeoJSON: a member of
    the FeatureCollection; CSV: the `X-Next-Cursor` header)."""
    st = state_of(request)
    after = decode_cursor(cursor) if cursor else None
    return await cached(request, lambda: _page(st, query, limit, after, format))


def _page(st, query: EventQuery, limit: int, after, format: str) -> Cached:
    # A Core connection, not a Session: plain rows need none of the ORM's loading machinery.
    with st.engine.connect() as c:
        rows = queries.events_page(c, query, limit + 1, after, plain=True, with_confidence=True)
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(rows[-1].event_date, rows[-1].id) if more else None
    if format == "csv":
        return _csv_page(rows, nxt)
    if format == "geojson":
        from sitrep.export.geojson import event_feature
        from sitrep.store.reference import country_rows

        countries = {r["iso3"]: r for r in country_rows()}
        features = [event_feature(e, countries, e.confidence) for e in rows]
        return Cached(json_bytes({"type": "FeatureCollection", "features": features, "next_cursor": nxt}),
                      "application/geo+json")
    return Cached(json_bytes({"items": event_items(rows), "next_cursor": nxt, "limit": limit}), "application/json")


@router.get("/events/count", summary="How many events the filters select")
async def count_events(request: Request, query: Annotated[EventQuery, Depends(event_query)]):
    """The total behind the pages (the UI says how many of them its map shows)."""
    st = state_of(request)

    def count() -> Cached:
        with st.engine.connect() as c:
            return Cached(json_bytes({"count": queries.count_events(c, query)}), "application/json")

    return await cached(request, count)


def _csv_page(rows, nxt: str | None) -> Cached:
    from sitrep.export.acled import ACLED_COLUMNS, acled_row
    from sitrep.store.reference import country_rows

    countries = {r["iso3"]: r for r in country_rows()}
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    w.writeheader()
    for e in rows:
        if e.event_type is None:
            continue  # PLOVER-only events are not ACLED events (as in the ACLED export)
        w.writerow({k: "" if v is None else v for k, v in acled_row(e, countries).items()})
    headers = {"X-Next-Cursor": nxt} if nxt else {}
    return Cached(out.getvalue().encode(), "text/csv; charset=utf-8", headers)


@router.get("/events/{event_id}", summary="One event with every source report, its evidence and why it merged")
def get_event(request: Request, event_id: str):
    st = state_of(request)
    with Session(st.engine) as s:
        e = queries.event_by_key(s, event_id)
        if e is None:
            raise HTTPException(404, f"no event {event_id!r}: give an id from /api/events (12 or SYR12)")
        reports = queries.reports_of(s, [e.id]).get(e.id, [])
        arts = queries.articles_by_id(s, [r.article_id for r in reports])
        docs: dict[str, dict] = {}
        out = event_dict(e, max((r.confidence for r in reports), default=None))
        out["reports"] = []
        for r in reports:
            if r.article_id not in docs:
                found = queries.article(s, r.article_id)
                docs[r.article_id] = json.loads(found[1]) if found else {}
            doc = docs[r.article_id]
            doc_event = next((x for x in doc.get("events", []) if x.get("id") == r.document_event_id), {})
            a = arts.get(r.article_id)
            out["reports"].append({
                "article": {"id": r.article_id, "title": a.title if a else None, "url": a.url if a else None,
                            "source": a.source if a else r.source, "published": r.published.isoformat() if r.published else None},
                "document_event_id": r.document_event_id,
                "merge_reason": r.merge_reason,
                "duplicate": r.duplicate,
                "actors_swapped": r.actors_swapped,
                "status": r.status,
                "event_type": r.event_type, "sub_event_type": r.sub_event_type, "plover_type": r.plover_type,
                "actor1": r.actor1, "actor2": r.actor2,
                "location": r.location, "geo_precision": r.geo_precision,
                "date_start": r.date_start.isoformat() if r.date_start else None,
                "date_end": r.date_end.isoformat() if r.date_end else None,
                "date_precision": r.date_precision, "date_text": r.date_text,
                "fatalities": r.fatalities, "fatalities_low": r.fatalities_low, "fatalities_high": r.fatalities_high,
                "certainty": r.certainty, "confidence": r.confidence,
                "attribution": {"kind": r.attribution_kind, "text": r.attribution_text, "entity": r.attribution_entity},
                "summary": r.summary,
                "evidence_text": r.evidence_text,
                # Why the extractor chose each inferred value (type, actor, status; place; date).
                "reasons": {k: v for k, v in {
                    "event": doc_event.get("reason"),
                    "location": (doc_event.get("location") or {}).get("reason"),
                    "date": (doc_event.get("date") or {}).get("reason"),
                }.items() if v},
                "fields": event_fields(doc, doc_event) if doc_event else {},
            })
        return JSONResponse(out)


@router.get("/timeline", summary="Events per day by type")
async def timeline(request: Request, query: Annotated[EventQuery, Depends(event_query)]):
    st = state_of(request)
    return await cached(request, lambda: _timeline(st, query))


def _timeline(st, query: EventQuery) -> Cached:
    with Session(st.engine) as s:
        rows = queries.timeline_counts(s, query)
    days: dict[str, dict] = {}
    types: dict[str, int] = {}
    for day, kind, n in rows:
        d = days.setdefault(day.isoformat(), {"date": day.isoformat(), "total": 0, "counts": {}})
        d["counts"][kind or "other"] = n
        d["total"] += n
        types[kind or "other"] = types.get(kind or "other", 0) + n
    return Cached(json_bytes({"days": list(days.values()), "types": types}), "application/json")


_EXPORTS = {"acled-csv": ("text/csv; charset=utf-8", "csv"), "geojson": ("application/geo+json", "geojson"),
            "graphml": ("application/graphml+xml", "graphml")}


@router.get("/export", summary="The whole filtered set as ACLED CSV, GeoJSON or GraphML")
def export(
    request: Request,
    query: Annotated[EventQuery, Depends(event_query)],
    format: Annotated[Literal["acled-csv", "geojson", "graphml"], Query(description="acled-csv, geojson or graphml.")] = "acled-csv",
):
    """What `sitrep export` writes, for the same filters (GraphML: relations are narrowed by
    actor, country and dates; event edges by every filter)."""
    from sitrep.export.formats import export as run

    st = state_of(request)
    media, ext = _EXPORTS[format]
    fd, name = tempfile.mkstemp(prefix="sitrep-api-export-", suffix="." + ext)
    os.close(fd)
    try:
        run(st.engine, format, Path(name), query)
    except BaseException:
        os.unlink(name)
        raise
    return FileResponse(name, media_type=media, filename=f"sitrep-events.{ext}",
                        background=BackgroundTask(os.unlink, name))

