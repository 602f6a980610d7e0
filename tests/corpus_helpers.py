"""A small corpus of short wire-style reports (written for these tests) and fixtures that
store it. Imported by the store, export and CLI tests (`tests/` is on sys.path).

The reports are built so that the right answers are known:
- saraqeb-reuters and saraqeb-afp tell one air strike on Saraqeb with different tolls (12, 15);
- saraqeb-copy is a republished, lightly edited copy of saraqeb-reuters (a near-duplicate);
- ariha-ap is a second strike the same day on another town, Ariha (25 km away): another event.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ARTICLES: list[dict] = [
    {
        "id": "saraqeb-reuters", "url": "https://wire.example/reuters/saraqeb-strike",
        "source": "Reuters", "published": "2024-12-04",
        "text": "Syrian government air strikes killed 12 people in the town of Saraqeb in Idlib province "
                "on Tuesday, rescue workers said.\nThe strikes hit a crowded market in the rebel-held town, "
                "the White Helmets civil defence group said. Residents said warplanes circled the area for "
                "an hour before the attack, and many of the wounded were taken to hospitals near the "
                "Turkish border.",
    },
    {
        "id": "saraqeb-afp", "url": "https://wire.example/afp/idlib-raids",
        "source": "AFP", "published": "2024-12-04",
        "text": "Syrian government warplanes killed at least 15 civilians in Saraqeb in northwest Syria on "
                "Tuesday, a war monitor said.\nChildren were among the dead in the town in Idlib province, "
                "the Syrian Observatory for Human Rights said.",
    },
    {
        "id": "saraqeb-copy", "url": "https://regional.example/news/2024/12/04/saraqeb",
        "source": "Regional Daily", "published": "2024-12-04",
        "text": "Syrian government air strikes killed 12 people in the town of Saraqeb in Idlib province "
                "on Tuesday, rescue workers said.\nThe strikes hit a crowded market in the rebel-held town, "
                "the White Helmets civil defence group said. Residents said warplanes circled the area for "
                "about an hour before the attack, and many of the wounded were taken to hospitals near the "
                "border with Turkey.",
    },
    {
        "id": "ariha-ap", "url": "https://wire.example/ap/ariha",
        "source": "AP", "published": "2024-12-04",
        "text": "Syrian government air strikes killed four people in the town of Ariha in Idlib province on "
                "Tuesday, residents said.\nRescue workers pulled survivors from a destroyed building.",
    },
    {
        "id": "beirut-hezbollah", "url": "https://wire.example/reuters/hezbollah-iran",
        "source": "Reuters", "published": "2024-11-20",
        "text": "Iran-backed Hezbollah fired rockets at northern Israel on Tuesday, the Israeli military said.\n"
                "Israeli air strikes later hit the town of Nabatieh in southern Lebanon, killing three "
                "people, Lebanon's health ministry said.",
    },
    {
        "id": "baghdad-protest", "url": "https://wire.example/afp/baghdad-protest",
        "source": "AFP", "published": "2024-11-29",
        "text": "Thousands of protesters rallied in Baghdad on Friday to demand jobs and better public "
                "services, witnesses said.\nThe demonstration in Tahrir Square ended peacefully.",
    },
]


def articles():
    from sitrep.ingest.article import make_article

    return [make_article(a["text"], id=a["id"], url=a["url"], source=a["source"],
                         published=a["published"], origin=f"corpus#{a['id']}") for a in ARTICLES]


def write_jsonl(path: Path, records: list[dict] | None = None) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for a in records or ARTICLES:
            f.write(json.dumps(a) + "\n")
    return path


def ingest_articles(db: Path, extractor, items=None, **writer_options):
    """Store `items` (default: the corpus) with the test session's extractor."""
    from sitrep.corpus.pipeline import IngestOptions, ingest
    from sitrep.store.engine import open_store
    from sitrep.corpus.writer import CorpusWriter

    engine = open_store(db)
    writer = CorpusWriter(engine, **writer_options)
    run_id = writer.start_run(["corpus"], 1)
    stats = ingest(articles() if items is None else items, writer, run_id, IngestOptions(batch_size=4),
                   extractor=extractor)
    writer.finish_run(run_id, stats.counts())
    return engine, stats


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, extractor) -> Path:
    """The whole corpus, stored once per session. Tests must not write to it."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    ingest_articles(db, extractor)
    return db
