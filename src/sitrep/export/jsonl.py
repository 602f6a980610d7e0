"""JSON Lines of the stored documents, byte for byte as the extractor produced them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from sitrep.store.queries import EventFilters, documents


def write_jsonl(s: Session, filters: EventFilters, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for doc in documents(s, filters):
            f.write(doc + "\n")
            n += 1
    return n
