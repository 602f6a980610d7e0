from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    """Small gold files in each dataset's format, written by hand for these tests."""
    return FIXTURES
