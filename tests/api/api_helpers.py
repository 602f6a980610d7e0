"""The API tests' client over the session's test store (a module, not a conftest.py: test
modules elsewhere import `conftest` by name)."""

import pytest

from serve_helpers import serve_db  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def client(serve_db):
    from fastapi.testclient import TestClient

    from sitrep.api import Settings, create_app

    with TestClient(create_app(Settings(db=str(serve_db)))) as c:
        yield c
