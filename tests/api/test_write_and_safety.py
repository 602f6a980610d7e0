"""Writes need the token; a read-only server and store refuse them; bodies are bounded; the
UI's headers forbid foreign scripts; CORS is off unless asked for."""

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api_helpers import serve_db  # noqa: F401  (fixture)
from corpus_helpers import make_store, postgres, store_db  # noqa: F401  (fixtures: SQLite and PostgreSQL stores)
from sitrep.api import Settings, create_app

ARTICLE = {"id": "api-1", "published": "2024-12-04", "source": "Reuters",
           "text": "Syrian government air strikes killed 12 people in the town of Saraqeb in Idlib province "
                   "on Tuesday, rescue workers said."}
AUTH = {"Authorization": "Bearer s3cret"}


def server(db, extractor=None, **settings):
    app = create_app(Settings(db=str(db), **settings))
    if extractor is not None:
        app.state.sitrep._extractor = extractor  # the session's, instead of loading another
    return TestClient(app)


@pytest.fixture
def fresh_db(tmp_path):
    return tmp_path / "fresh.db"


def test_without_a_configured_token_writes_are_off(fresh_db):
    with server(fresh_db) as c:
        for path, body in (("/api/extract", ARTICLE), ("/api/articles", ARTICLE)):
            r = c.post(path, json=body, headers=AUTH)
            assert r.status_code == 403 and "SITREP_TOKEN" in r.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"},
                                     {"Authorization": "Basic s3cret"}])
def test_writes_need_the_right_bearer_token(fresh_db, headers):
    with server(fresh_db, token="s3cret") as c:
        for path in ("/api/extract", "/api/articles"):
            r = c.post(path, json=ARTICLE, headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_extract_returns_a_document_and_stores_nothing(store_db, extractor, schema_validator):
    with server(store_db, extractor, token="s3cret") as c:
        r = c.post("/api/extract", json=ARTICLE, headers=AUTH)
        assert r.status_code == 200, r.text
        doc = r.json()
        assert not sorted(schema_validator.iter_errors(doc), key=str)
        assert doc["schema"] == "sitrep.document/1"
        assert [e["sub_event_type"] for e in doc["events"]] == ["Air/drone strike"]
        assert c.get("/api/events").json()["items"] == []
        assert c.post("/api/extract", json={"title": "no text"}, headers=AUTH).status_code == 422


def test_ingest_one_article_then_a_jsonl_batch(store_db, extractor):
    with server(store_db, extractor, token="s3cret") as c:
        r = c.post("/api/articles", json=ARTICLE, headers=AUTH)
        assert r.status_code == 200, r.text
        assert (r.json()["stored"], r.json()["failed"]) == (1, 0)
        events = c.get("/api/events").json()["items"]
        assert [(e["location"], e["fatalities"]) for e in events] == [("Saraqib", 12)]
        second = dict(ARTICLE, id="api-2", source="AFP",
                      text="Syrian government warplanes killed at least 15 civilians in Saraqeb on Tuesday, a monitor said.")
        batch = "\n".join(json.dumps(a) for a in (ARTICLE, second, {"id": "bad"})) + "\n"
        r = c.post("/api/articles", content=batch.encode(), headers=dict(AUTH, **{"Content-Type": "application/x-ndjson"}))
        assert r.status_code == 200, r.text
        result = r.json()
        assert (result["stored"], result["skipped"], result["failed"]) == (1, 1, 1)
        assert "request:3" in result["failures"][0]["origin"]
        merged = c.get("/api/events").json()["items"]
        assert len(merged) == 1 and merged[0]["n_reports"] == 2  # the second report joined the first event


def test_ingest_refuses_other_content_types(fresh_db, extractor):
    with server(fresh_db, extractor, token="s3cret") as c:
        r = c.post("/api/articles", content=b"text", headers=dict(AUTH, **{"Content-Type": "text/plain"}))
        assert r.status_code == 415
        r = c.post("/api/articles", content=b"[1, 2]", headers=dict(AUTH, **{"Content-Type": "application/json"}))
        assert r.status_code == 422


def test_read_only_refuses_writes_in_the_api_and_in_the_database(serve_db, tmp_path):
    import sqlite3

    db = tmp_path / "copy.db"
    # The backup API, not a file copy: recent writes may still sit in the store's WAL file.
    with sqlite3.connect(serve_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    app = create_app(Settings(db=str(db), token="s3cret", read_only=True))
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 200
        for path in ("/api/extract", "/api/articles"):
            r = c.post(path, json=ARTICLE, headers=AUTH)
            assert r.status_code == 403 and "read-only" in r.json()["detail"]
        assert c.get("/api/meta").json()["writes"] is False


def test_read_only_refuses_writes_in_the_database_itself(make_store):
    from sitrep.store.engine import open_store

    db = make_store()
    open_store(db).dispose()
    app = create_app(Settings(db=db, read_only=True))
    engine = app.state.sitrep.engine
    for _ in range(2):  # and still on a connection back from the pool
        with pytest.raises(Exception, match="readonly|read-only"):
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE probe (x INTEGER)"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0
    engine.dispose()


def test_read_only_needs_an_existing_store(tmp_path):
    from sitrep.store.engine import StoreError

    with pytest.raises(StoreError, match="no store"):
        create_app(Settings(db=str(tmp_path / "missing.db"), read_only=True))
    assert not (tmp_path / "missing.db").exists()


def test_request_bodies_are_size_limited(fresh_db):
    with server(fresh_db, token="s3cret", max_body=2048) as c:
        big = dict(ARTICLE, text="word " * 1000)
        r = c.post("/api/extract", json=big, headers=AUTH)
        assert r.status_code == 413 and "larger than" in r.json()["detail"]

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(10):
                yield b"x" * 1000

        r = c.post("/api/articles", content=chunks(), headers=dict(AUTH, **{"Content-Type": "application/x-ndjson"}))
        assert r.status_code == 413


def test_cors_is_off_by_default_and_on_for_named_origins(fresh_db):
    origin = {"Origin": "https://elsewhere.example"}
    with server(fresh_db) as c:
        r = c.get("/api/events", headers=origin)
        assert "access-control-allow-origin" not in r.headers
    with server(fresh_db, cors_origins=("https://elsewhere.example",)) as c:
        r = c.get("/api/events", headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_pages_forbid_inline_and_foreign_scripts(fresh_db):
    with server(fresh_db) as c:
        r = c.get("/")
        assert r.status_code == 200
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_serve_binds_loopback_by_default():
    import inspect

    from sitrep.cli.serve import serve

    assert inspect.signature(serve).parameters["host"].default.default == "127.0.0.1"
