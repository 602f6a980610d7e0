"""The API tests' client over the session's test store, on SQLite and on PostgreSQL (a module,
not a conftest.py: test modules elsewhere import `conftest` by name). A test module that uses
`client` imports `serve_store`, `serve_db` and `postgres` too: pytest looks fixtures up from the test."""

import pytest

from corpus_helpers import BACKENDS, postgres  # noqa: F401  (fixture)
from serve_helpers import ingest_serve_items, serve_db  # noqa: F401  (fixture)


@pytest.fixture(scope="session", params=BACKENDS)
def serve_store(request, extractor) -> str:
    """The store of serve_helpers (the test corpus, the example, the hostile article) in each
    backend; the SQLite one is the browser tests' file."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("serve_db"))
    db = request.getfixturevalue("postgres").new()
    ingest_serve_items(db, extractor)
    return db


@pytest.fixture(scope="module")
def client(serve_store):
    from fastapi.testclient import TestClient

    from sitrep.api import Settings, create_app

    with TestClient(create_app(Settings(db=serve_store))) as c:
        yield c
