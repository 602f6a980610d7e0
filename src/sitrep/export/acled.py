"""The ACLED flat table: the columns ACLED publishes, in its order, from merged events.

The same mapping as the `acled_events` view in the store (a test keeps the two equal).
"""

from __future__ import annotations

from typing import Iterator

from sqlalchemy.orm import Session

from sitrep.store.queries import EventFilters, events
from sitrep.store.reference import country_rows
from sitrep.store.tables import EventRow

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)


def acled_row(e: EventRow, countries: dict[str, dict]) -> dict:
    c = countries.get(e.country or "", {})
    return {
        "event_id_cnty": e.event_id_cnty,
        "event_date": e.event_date.isoformat() if e.event_date else None,
        "year": e.year,
        "time_precision": e.time_precision,
        "disorder_type": e.disorder_type,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1,
        "assoc_actor_1": e.assoc_actor_1,
        "inter1": e.inter1,
        "actor2": e.actor2,
        "assoc_actor_2": e.assoc_actor_2,
        "inter2": e.inter2,
        "interaction": e.interaction,
        "civilian_targeting": "Civilian targeting" if e.civilian_targeting else "",
        "iso": c.get("iso_numeric"),
        "region": c.get("region"),
        "country": c.get("name") or e.country,
        "admin1": e.admin1,
        "admin2": None,
        "admin3": None,
        "location": e.location,
        "latitude": e.latitude,
        "longitude": e.longitude,
        "geo_precision": e.geo_precision,
        "source": e.sources,
        "source_scale": None,
        "notes": e.notes,
        # ACLED writes 0 when no report gives a figure.
        "fatalities": e.fatalities if e.fatalities is not None else 0,
        "tags": None,
        "timestamp": e.updated_timestamp,
    }


def acled_events(s: Session, filters: EventFilters) -> Iterator[tuple[EventRow, dict]]:
    """(event, ACLED row) for every filtered event with an ACLED type."""
    countries = {r["iso3"]: r for r in country_rows()}
    for e in events(s, filters):
        if e.event_type is None:
            continue  # PLOVER-only events (statements of support, threats) are not ACLED events
        yield e, acled_row(e, countries)
