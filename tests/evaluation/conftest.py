from pathlib import Path

import pytest

from handmade import FILES


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory) -> Path:
    """Small gold files in each dataset's format, written by hand for these tests (see
    `handmade.py`), laid out in a temporary folder."""
    root = tmp_path_factory.mktemp("handmade-gold")
    for rel, content in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root
