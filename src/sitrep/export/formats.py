"""Pick an export by name; every format takes the same event filters."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitrep.store.queries import EventFilters

FORMATS = ("acled-csv", "geojson", "graphml", "jsonl", "parquet")


def export(engine: Engine, fmt: str, path: Path, filters: EventFilters) -> str:
    """Write the export; return a one-line summary of what was written."""
    with Session(engine) as s:
        if fmt == "acled-csv":
            from sitrep.export.acled_csv import write_acled_csv

            return f"{write_acled_csv(s, filters, path)} events"
        if fmt == "geojson":
            from sitrep.export.geojson import write_geojson

            return f"{write_geojson(s, filters, path)} events"
        if fmt == "graphml":
            from sitrep.export.graphml import write_graphml

            nodes, edges = write_graphml(s, filters, path)
            return f"{nodes} actors, {edges} edges"
        if fmt == "jsonl":
            from sitrep.export.jsonl import write_jsonl

            return f"{write_jsonl(s, filters, path)} documents"
        if fmt == "parquet":
            from sitrep.export.parquet import write_parquet

            return f"{write_parquet(s, filters, path)} events"
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
