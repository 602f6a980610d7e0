"""ACLED-column CSV: the header ACLED publishes, so acledR and existing scripts read it, then
(unless `acled_only`) sitrep's columns after ACLED's 31, which tools that select ACLED's columns
by name ignore: how sure the extractor was and which articles report the event."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy.orm import Session

from sitrep.export.acled import ACLED_COLUMNS, acled_events
from sitrep.store.queries import EventFilters


# After ACLED's columns: the highest extraction confidence among the event's reports (0-1),
# the articles that report it (URL, or input id), and how many independent sources did.
EXTRA_COLUMNS = ("sitrep_confidence", "sitrep_source_articles", "sitrep_n_sources")


def write_acled_csv(s: Session, filters: EventFilters, path: Path, acled_only: bool = False) -> int:
    from sitrep.store.queries import reports_of

    rows = list(acled_events(s, filters))
    reports = {} if acled_only else reports_of(s, [e.id for e, _ in rows])
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=ACLED_COLUMNS if acled_only else (*ACLED_COLUMNS, *EXTRA_COLUMNS))
        w.writeheader()
        for e, row in rows:
            if not acled_only:
                mine = reports.get(e.id, [])
                row = dict(row, sitrep_confidence=max((r.confidence for r in mine), default=None),
                           sitrep_source_articles="; ".join(dict.fromkeys(r.article_id for r in mine)) or None,
                           sitrep_n_sources=e.n_sources)
            w.writerow({k: "" if v is None else v for k, v in row.items()})
    return len(rows)
