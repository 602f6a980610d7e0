"""The store and export files when something is wrong with them: damaged, foreign, read-only,
on a full disk, or an export that fails halfway."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from corpus_helpers import corpus_db  # noqa: F401  (fixture)
from sitrep.store.engine import StoreError, open_store


def _damage(db, tmp_path):
    copy = tmp_path / "damaged.db"
    shutil.copy(corpus_db_path(db), copy)
    page = sqlite3.connect(copy).execute("PRAGMA page_size").fetchone()[0]
    with copy.open("r+b") as f:
        f.seek(page * 3)  # a page of the tables, past the header and the schema
        f.write(b"\xa5" * page * 4)
    return copy


def corpus_db_path(db):
    # The session store may still have a WAL; checkpoint it so the copy holds everything.
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def test_a_damaged_store_is_detected_when_opened(corpus_db, tmp_path):
    with pytest.raises(StoreError, match=r"is damaged .*\.recover"):
        open_store(_damage(corpus_db, tmp_path))


def test_garbage_and_foreign_databases_are_refused_untouched(tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(StoreError, match="not a sitrep store, or is damaged"):
        open_store(garbage)
    foreign = tmp_path / "notes.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a sitrep store"):
        open_store(foreign)
    tables = sqlite3.connect(foreign).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("notes",)]  # nothing of sitrep's was added


def test_a_read_only_store_stops_the_run_with_a_message(corpus_db, tmp_path):
    from sitrep.corpus.writer import CorpusWriter

    db = tmp_path / "ro.db"
    shutil.copy(corpus_db_path(corpus_db), db)
    engine = open_store(f"sqlite:///file:{db}?mode=ro&uri=true")
    writer = CorpusWriter(engine)
    with pytest.raises(StoreError, match="read-only: check the permissions"):
        writer.start_run(["x"], 1)


def test_an_export_that_fails_halfway_leaves_the_previous_file(corpus_db, tmp_path, monkeypatch):
    from sitrep.export import geojson
    from sitrep.export.formats import export
    from sitrep.store.queries import EventFilters

    engine = open_store(corpus_db)
    out = tmp_path / "events.geojson"
    export(engine, "geojson", out, EventFilters())
    good = out.read_bytes()

    def broken(s, filters, path):
        path.write_text('{"type": "FeatureCollection", "features": [')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(geojson, "write_geojson", broken)
    with pytest.raises(OSError):
        export(engine, "geojson", out, EventFilters())
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]  # no partial file left behind
