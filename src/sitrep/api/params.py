"""Query parameters shared by the event listings: the filters of `sitrep events` and the
API's own (admin1, sub-event type, status, confidence, bounding box), and the page cursor."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Annotated, Literal

from fastapi import HTTPException, Query

from sitrep.model import SUB_EVENT_TO_TYPE
from sitrep.store.engine import StoreError
from sitrep.store.queries import EventQuery

MAX_PAGE = 1000


async def event_query(
    since: Annotated[str | None, Query(description="Events on or after this day (YYYY-MM-DD).", examples=["2024-11-25"])] = None,
    until: Annotated[str | None, Query(description="Events on or before this day (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, Query(description="ISO code (SYR) or name (Syria).")] = None,
    admin1: Annotated[str | None, Query(description="First-level region as stored, e.g. Idlib (case-insensitive).")] = None,
    event_type: Annotated[str | None, Query(description='ACLED event type ("Battles") or PLOVER type (ASSAULT); a sub-event type works too.')] = None,
    sub_event_type: Annotated[str | None, Query(description='ACLED sub-event type ("Air/drone strike").')] = None,
    actor: Annotated[str | None, Query(description="Actor id (kb:hezbollah) or part of a name.")] = None,
    status_: Annotated[Literal["current", "background", "any"], Query(
        alias="status", description="current: what the articles report as news (default); background: what they tell as history; any: both.")] = "current",
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Events with a report at least this sure (0-1).")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees, e.g. 35.5,35,37.5,37.")] = None,
) -> EventQuery:
    # async, though it does no I/O: FastAPI runs a plain function dependency in a worker
    # thread, a thread switch per request that a cached page does not otherwise need.
    try:
        base = EventQuery.parse(country, since, until, event_type, actor, background=status_ != "current")
    except StoreError as exc:
        raise HTTPException(422, _api_words(str(exc))) from None
    sub = None
    if sub_event_type:
        names = {n.lower(): n for n in SUB_EVENT_TO_TYPE}
        sub = names.get(sub_event_type.strip().lower())
        if sub is None:
            raise HTTPException(422,
                                f"unknown sub_event_type {sub_event_type!r}: give an ACLED sub-event type, e.g. \"Air/drone strike\"")
    return EventQuery(
        country=base.country, since=base.since, until=base.until, type=base.type, actor=base.actor,
        background=base.background, admin1=admin1.strip() if admin1 and admin1.strip() else None,
        sub_event_type=sub, status=None if status_ == "any" else status_, min_confidence=min_confidence,
        bbox=_bbox(bbox) if bbox else None,
    )


def _api_words(message: str) -> str:
    """StoreError messages name the CLI's options; the API's parameters have other names."""
    return message.replace("--since", "since").replace("--until", "until")


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(x) for x in text.split(","))
    except ValueError:
        raise HTTPException(422,
                            f"bbox takes four numbers west,south,east,north, e.g. 35.5,35,37.5,37; got {text!r}") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422,
                            "bbox: longitudes lie in -180..180 and latitudes in -90..90, south before north")
    return west, south, east, north


# ------------------------------------------------------------------ cursor
def encode_cursor(day: date | None, event_id: int) -> str:
    raw = json.dumps([day.isoformat() if day else None, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        if not isinstance(event_id, int) or (day is not None and not isinstance(day, str)):
            raise ValueError(cursor)
        return (date.fromisoformat(day) if day else None), event_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise HTTPException(422,
                            "cursor is not one this server gave; pass the `next_cursor` of the previous page as is") from None
