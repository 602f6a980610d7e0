"""Pages of events and timelines are answered from memory while the store is unchanged, and
never after it changed: whoever wrote, however the events changed."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from corpus_helpers import ingest_articles, make_store, postgres, store_db  # noqa: F401  (fixtures)
from sitrep.api import Settings, create_app
from sitrep.api.cache import Cached, ResponseCache

SARAQEB = ("saraqeb-reuters", "ariha-ap")


@pytest.fixture
def stored(store_db, extractor):
    """A store with two of the corpus's articles (two events), in each backend."""
    from corpus_helpers import articles

    engine, _ = ingest_articles(store_db, extractor, [a for a in articles() if a.id in SARAQEB])
    engine.dispose()
    return store_db


def test_a_repeated_page_is_answered_from_memory_with_the_same_bytes(stored):
    app = create_app(Settings(db=stored))
    cache = app.state.sitrep.cache
    with TestClient(app) as c:
        first = c.get("/api/events", params={"country": "SYR", "limit": 10})
        misses = cache.misses
        again = c.get("/api/events", params={"country": "SYR", "limit": 10})
        assert again.content == first.content and again.headers["content-type"] == first.headers["content-type"]
        assert (cache.hits, cache.misses) == (1, misses)
        for path in ("/api/timeline", "/api/events?format=csv", "/api/events?format=geojson"):
            body = c.get(path).content
            assert c.get(path).content == body
        assert cache.hits == 4
        # Another filter is another answer.
        assert c.get("/api/events", params={"country": "LBN"}).json()["items"] == []


def test_an_ingest_by_another_process_shows_at_once(stored, extractor):
    from corpus_helpers import articles

    with TestClient(create_app(Settings(db=stored))) as c:
        before = c.get("/api/events").json()["items"]
        timeline = c.get("/api/timeline").json()
        assert before
        # Another writer (a `sitrep ingest` next to the server), through its own connections.
        engine, _ = ingest_articles(stored, extractor, [a for a in articles() if a.id == "beirut-hezbollah"])
        engine.dispose()
        after = c.get("/api/events").json()["items"]
        assert len(after) > len(before)
        assert sum(c.get("/api/timeline").json()["types"].values()) > sum(timeline["types"].values())


def test_sqlite_any_commit_by_another_connection_drops_the_answers(tmp_path, extractor):
    """A rewrite that adds no report (as `sitrep reextract` may leave the newest report id where
    it was) still shows: SQLite counts every commit."""
    from corpus_helpers import articles

    db = tmp_path / "store.db"
    engine, _ = ingest_articles(db, extractor, [a for a in articles() if a.id in SARAQEB])
    with TestClient(create_app(Settings(db=str(db)))) as c:
        assert {e["fatalities"] for e in c.get("/api/events").json()["items"]} != {999}
        with engine.begin() as conn:
            conn.execute(text("UPDATE events SET fatalities = 999"))
        assert {e["fatalities"] for e in c.get("/api/events").json()["items"]} == {999}
    engine.dispose()


def test_store_version_moves_with_each_run_and_report(store_db, extractor):
    """What the cache keys on where the database has no commit counter (PostgreSQL)."""
    from sqlalchemy.orm import Session

    from corpus_helpers import articles
    from sitrep.store import persist
    from sitrep.store.engine import open_store
    from sitrep.store.queries import store_version

    engine = open_store(store_db)
    seen = []

    def version():
        with Session(engine) as s:
            seen.append(store_version(s))

    version()
    run = persist.start_run(engine, ["test"], 1)  # a reextract starts a run before it rewrites
    version()
    persist.finish_run(engine, run, {})  # and ends it after its one transaction
    version()
    engine2, _ = ingest_articles(store_db, extractor, [a for a in articles() if a.id == "ariha-ap"])
    engine2.dispose()
    version()
    assert len(set(seen)) == 4, seen
    engine.dispose()


def test_an_answer_computed_while_the_store_changed_is_not_kept():
    versions = iter([1, 2])

    class Version:
        sqlite = True

        def __call__(self):
            return next(versions)

    cache = ResponseCache(Version())
    at, hit = cache.lookup("/api/events?")
    assert hit is None
    cache.lookup("/api/other?")  # the store moved to version 2 meanwhile
    cache.keep(at, "/api/events?", Cached(b"{}", "application/json"))
    assert "/api/events?" not in cache._entries


def test_the_least_recently_used_answers_go_first_past_the_size_bound():
    class Version:
        sqlite = True

        def __call__(self):
            return 1

    cache = ResponseCache(Version(), max_bytes=10)
    for key in ("a", "b", "c"):
        at, _ = cache.lookup(key)
        cache.keep(at, key, Cached(b"1234", "application/json"))
    assert list(cache._entries) == ["b", "c"]
    cache.lookup("b")
    at, _ = cache.lookup("d")
    cache.keep(at, "d", Cached(b"1234", "application/json"))
    assert list(cache._entries) == ["b", "d"]
    at, _ = cache.lookup("huge")
    cache.keep(at, "huge", Cached(b"x" * 11, "application/json"))
    assert "huge" not in cache._entries
