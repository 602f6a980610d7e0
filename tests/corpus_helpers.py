"""A small corpus of short wire-style reports (written for these tests) and fixtures that
store it. Imported by the store, export and CLI tests (`tests/` is on sys.path).

The reports are built so that the right answers are known:
- saraqeb-reuters and saraqeb-afp tell one air strike on Saraqeb with different tolls (12, 15);
- saraqeb-copy is a republished, lightly edited copy of saraqeb-reuters (a near-duplicate);
- ariha-ap is a second strike the same day on another town, Ariha (25 km away): another event.
"""

from __future__ import annotations

import json
import os
import uuid
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


# ------------------------------------------------------------------ store backends
# The store tests run on SQLite and on PostgreSQL. CI starts a PostgreSQL server and sets this
# variable (.ci/run); in a clone without one the PostgreSQL cases skip and say how to run them.
PG_URL = os.environ.get("SITREP_TEST_PG_URL")
BACKENDS = ["sqlite", "postgresql"]


class PostgresDatabases:
    """Throwaway databases on the test server, one per store, dropped at the end."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def new(self) -> str:
        from sqlalchemy import text

        name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        self.names.append(name)
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        import time

        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        with self.admin.connect() as c:
            for name in self.names:
                # An autovacuum worker busy in the new database makes a non-superuser's FORCE
                # fail ("must be a member of the role whose process is being terminated"); it
                # finishes within moments.
                for attempt in range(20):
                    try:
                        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                        break
                    except DBAPIError as exc:
                        if "must be a member of the role" not in str(exc.orig) or attempt == 19:
                            raise
                        time.sleep(0.5)
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres():
    if not PG_URL:
        pytest.skip("no PostgreSQL server for the tests: set SITREP_TEST_PG_URL=postgresql+psycopg://USER:PASSWORD@HOST/DB "
                    "(a role that may create databases; .ci/run starts one and sets it)")
    dbs = PostgresDatabases(PG_URL)
    yield dbs
    dbs.drop_all()


@pytest.fixture(params=BACKENDS)
def make_store(request, tmp_path):
    """A function giving a new, empty store (a SQLite file, or a PostgreSQL database URL)."""
    if request.param == "sqlite":
        names = iter(range(1000))
        return lambda: str(tmp_path / f"store{next(names)}.db")
    dbs = request.getfixturevalue("postgres")
    return dbs.new


@pytest.fixture
def store_db(make_store) -> str:
    return make_store()


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_store(request, tmp_path_factory, extractor) -> str:
    """The whole corpus, stored once per session in each backend. Tests must not write to it."""
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("corpus") / "corpus.db")
    else:
        db = request.getfixturevalue("postgres").new()
    ingest_articles(db, extractor)
    return db
