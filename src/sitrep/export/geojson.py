"""GeoJSON (RFC 7946): one Point feature per merged event, ACLED columns and sitrep's extras
as properties. An event without coordinates keeps its feature with a null geometry."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from sitrep.export.acled import acled_row
from sitrep.store.queries import EventFilters, events
from sitrep.store.reference import country_rows


def write_geojson(s: Session, filters: EventFilters, path: Path) -> int:
    countries = {r["iso3"]: r for r in country_rows()}
    features = [event_feature(e, countries) for e in events(s, filters)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return len(features)


def event_feature(e, countries: dict[str, dict], confidence: float | None = None) -> dict:
    """One event as a GeoJSON Feature; `confidence` (the best of its reports) is added as
    `sitrep_confidence` when given."""
    props = acled_row(e, countries)
    props.update({
        "sitrep_event_id": e.id, "status": e.status, "plover_type": e.plover_type,
        "actor1_id": e.actor1_id, "actor2_id": e.actor2_id, "date_end": e.date_end.isoformat() if e.date_end else None,
        "fatalities_low": e.fatalities_low, "fatalities_high": e.fatalities_high,
        "fatalities_conflict": e.fatalities_conflict, "n_reports": e.n_reports, "n_sources": e.n_sources,
    })
    if confidence is not None:
        props["sitrep_confidence"] = confidence
    geometry = None
    if e.latitude is not None and e.longitude is not None:
        # GeoJSON puts longitude first.
        geometry = {"type": "Point", "coordinates": [e.longitude, e.latitude]}
    return {"type": "Feature", "id": e.event_id_cnty, "geometry": geometry, "properties": props}
