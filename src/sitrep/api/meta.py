"""/api/meta: what the UI needs to build its filters, and /api/health."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitrep import __version__
from sitrep.api.security import state_of
from sitrep.model import ACLED_TYPES
from sitrep.store.tables import CountryRow, EventRow

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/health", summary="The server is up")
def health(request: Request):
    st = state_of(request)
    return {"status": "ok", "sitrep_version": __version__, "extractor_loaded": st.extractor_loaded}


@router.get("/meta", summary="Event types, the store's countries and date range, and what this server allows")
def meta(request: Request):
    st = state_of(request)
    with Session(st.engine) as s:
        first, last, n = s.execute(select(func.min(EventRow.event_date), func.max(EventRow.event_date),
                                          func.count(EventRow.id))).one()
        countries = s.execute(
            select(EventRow.country, CountryRow.name, func.count(EventRow.id))
            .join(CountryRow, CountryRow.iso3 == EventRow.country, isouter=True)
            .where(EventRow.country.is_not(None)).group_by(EventRow.country, CountryRow.name)
            .order_by(func.count(EventRow.id).desc())).all()
    return {
        "sitrep_version": __version__,
        "event_types": {t: list(subs) for t, subs in ACLED_TYPES.items()},
        "countries": [{"iso3": c, "name": name or c, "n_events": k} for c, name, k in countries],
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
        "n_events": n,
        "writes": bool(st.settings.token) and not st.settings.read_only,
        "read_only": st.settings.read_only,
    }
