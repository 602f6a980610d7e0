"""/api/actors, /api/actors/{id} and /api/graph: who is who, and who backs or fights whom."""

from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from sitrep.api.params import MAX_PAGE, event_query
from sitrep.api.records import event_dict, row_dict
from sitrep.api.security import state_of
from sitrep.store import queries
from sitrep.store.engine import StoreError
from sitrep.store.queries import EventFilters, EventQuery

router = APIRouter(prefix="/api", tags=["actors"])

# Predicates that make the subject a sponsor of the object.
SPONSORING = ("backs",)


@router.get("/actors", summary="Actors, by number of articles")
def list_actors(
    request: Request,
    q: Annotated[str | None, Query(description="Part of a name, or an id; also finds generic agents.")] = None,
    country: Annotated[str | None, Query(description="ISO code or name.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
):
    st = state_of(request)
    offset = _offset(cursor)
    iso = None
    if country:
        try:
            iso = EventFilters.parse(country=country).country
        except StoreError as exc:
            raise HTTPException(422, str(exc)) from None
    with Session(st.engine) as s:
        rows = queries.actors_page(s, q, iso, limit + 1, offset)
    more = len(rows) > limit
    nxt = base64.urlsafe_b64encode(str(offset + limit).encode()).decode() if more else None
    return JSONResponse({"items": [row_dict(a) for a in rows[:limit]], "next_cursor": nxt, "limit": limit})


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        value = int(base64.urlsafe_b64decode(cursor.encode()).decode())
        if value < 0:
            raise ValueError(value)
        return value
    except ValueError:
        raise HTTPException(422, "cursor is not one this server gave; pass the `next_cursor` of the previous page as is") from None


@router.get("/actors/{actor_id:path}", summary="One actor: aliases, kind, country, sponsors, relations, events")
def get_actor(request: Request, actor_id: str,
              limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="At most this many of its events, newest first.")] = 100):
    st = state_of(request)
    with Session(st.engine) as s:
        ent = s.get(queries.EntityRow, actor_id)
        if ent is None:
            raise HTTPException(404, f"no actor {actor_id!r}; /api/actors lists them with their ids")
        names = {k: v.name for k, v in queries.entity_names(s).items()}
        rels = queries.relations(s, EventFilters(actor=ent.id))
        events = queries.events_page(s, EventQuery(actor=ent.id, background=True), limit)
        conf = queries.confidences(s, [e.id for e in events])
        aliases = queries.actor_aliases(s, ent.id)

        def rel(r):
            return dict(row_dict(r), subject_name=names.get(r.subject, r.subject), object_name=names.get(r.object, r.object))

        return JSONResponse(dict(
            row_dict(ent),
            aliases=[{"text": t, "n_articles": n} for t, n in aliases],
            sponsors=[{"id": r.subject, "name": names.get(r.subject, r.subject), "status": r.status,
                       "first_seen": _iso(r.first_seen), "last_seen": _iso(r.last_seen), "n_reports": r.n_reports}
                      for r in rels if r.object == ent.id and r.predicate in SPONSORING],
            relations=[rel(r) for r in rels],
            events=[event_dict(e, conf.get(e.id)) for e in events],
        ))


def _iso(d):
    return d.isoformat() if d else None


@router.get("/graph", summary="Actors as nodes; relations and fighting as edges, with first/last seen")
def graph(request: Request, query: Annotated[EventQuery, Depends(event_query)],
          fighting: Annotated[bool, Query(description="Also edges between the two sides of the filtered events.")] = True):
    """Relations are narrowed by actor, country and dates (seen in an article published in the
    range); fighting edges by every event filter."""
    st = state_of(request)
    with Session(st.engine) as s:
        entities = queries.entity_names(s)
        edges = []
        for r in queries.relations(s, query):
            edges.append({"id": f"r{r.id}", "source": r.subject, "target": r.object, "kind": "relation",
                          "predicate": r.predicate, "status": r.status, "first_seen": _iso(r.first_seen),
                          "last_seen": _iso(r.last_seen), "n_reports": r.n_reports, "n_sources": r.n_sources})
        if fighting:
            from sitrep.export.graphml import fighting_pairs

            pairs = fighting_pairs(queries.events(s, query))
            for (x, y), a in sorted(pairs.items()):
                edges.append({"id": f"e:{x}|{y}", "source": x, "target": y, "kind": "event", "predicate": "fights",
                              "first_seen": _iso(a["first"]), "last_seen": _iso(a["last"]), "n_events": a["n"],
                              "fatalities": a["fatalities"]})
        ids = sorted({n for e in edges for n in (e["source"], e["target"])})
        nodes = []
        for nid in ids:
            ent = entities.get(nid)
            nodes.append({"id": nid, "name": ent.name if ent else nid, "kind": ent.kind if ent else None,
                          "country": ent.country if ent else None, "generic": bool(ent and ent.generic),
                          "n_articles": ent.n_articles if ent else 0,
                          "first_seen": _iso(ent.first_seen) if ent else None, "last_seen": _iso(ent.last_seen) if ent else None})
    return JSONResponse({"nodes": nodes, "edges": edges})
