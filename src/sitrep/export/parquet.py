"""Parquet (pyarrow): the ACLED columns, typed, plus sitrep's reconciliation columns."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from sitrep.export.acled import ACLED_COLUMNS, acled_events
from sitrep.store.queries import EventFilters

_INT = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
        "fatalities", "timestamp", "fatalities_low", "fatalities_high", "n_reports", "n_sources"}
_FLOAT = {"latitude", "longitude"}
EXTRA = ("fatalities_low", "fatalities_high", "n_reports", "n_sources", "actor1_id", "actor2_id")


def _type(name: str) -> pa.DataType:
    if name in _INT:
        return pa.int64()
    if name in _FLOAT:
        return pa.float64()
    if name == "event_date":
        return pa.date32()
    return pa.string()


SCHEMA = pa.schema([(c, _type(c)) for c in (*ACLED_COLUMNS, *EXTRA)])


def write_parquet(s: Session, filters: EventFilters, path: Path) -> int:
    cols: dict[str, list] = {c: [] for c in SCHEMA.names}
    for e, row in acled_events(s, filters):
        row = dict(row, event_date=e.event_date, fatalities_low=e.fatalities_low,
                   fatalities_high=e.fatalities_high, n_reports=e.n_reports, n_sources=e.n_sources,
                   actor1_id=e.actor1_id, actor2_id=e.actor2_id)
        for c in SCHEMA.names:
            cols[c].append(row[c])
    pq.write_table(pa.table(cols, schema=SCHEMA), path)
    return len(cols["event_id_cnty"])
