"""ACLED-column CSV: the header ACLED publishes, so acledR and existing scripts read it."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy.orm import Session

from sitrep.export.acled import ACLED_COLUMNS, acled_events
from sitrep.store.queries import EventFilters


def write_acled_csv(s: Session, filters: EventFilters, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=ACLED_COLUMNS)
        w.writeheader()
        for _, row in acled_events(s, filters):
            w.writerow({k: "" if v is None else v for k, v in row.items()})
            n += 1
    return n
