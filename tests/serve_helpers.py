"""A store for the API and browser tests: the test corpus (corpus_helpers), the example
article, and a hostile article whose title and text carry markup and script that must never
run in the UI. Imported by tests/api and tests/web (`tests/` is on sys.path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_helpers import articles, ingest_articles

REPO_EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "iraqi-fighters-enter-syria.txt"

EXAMPLE_ID = "iraqi-fighters-enter-syria"
HOSTILE_ID = "hostile-markup"
# Each payload sets window.__pwned if it ever runs; the browser test checks it never is.
HOSTILE_TITLE = '<script>window.__pwned = "title"</script><img src=x onerror="window.__pwned=\'title-img\'">'
HOSTILE_TEXT = (
    "Syrian government air strikes killed five people in Maarat al-Numan in Idlib province on Monday, "
    "rescue workers said. <script>window.__pwned = 'script'</script> "
    "Witnesses posted <img src=x onerror=\"window.__pwned='img'\"> pictures and a link "
    "<a href=\"javascript:window.__pwned='link'\">javascript:window.__pwned='bare'</a> to the attack.\n"
    "The strikes hit a market, the White Helmets said."
)


def serve_items():
    from sitrep.ingest.article import make_article

    example = REPO_EXAMPLE.read_text(encoding="utf-8")
    return articles() + [
        make_article(example, id=EXAMPLE_ID, published="2024-12-02", source="Reuters", origin="examples"),
        make_article(HOSTILE_TEXT, id=HOSTILE_ID, title=HOSTILE_TITLE, published="2024-12-03", source="Hostile Daily",
                     url="javascript:window.__pwned='url'", origin="hostile"),
    ]


def ingest_serve_items(db, extractor) -> None:
    """Store serve_items() in `db`, and stop the session there, saying why, unless every
    article was stored: the tests that read the store would otherwise fail on a store that
    lacks articles or events, far from the cause."""
    items = serve_items()
    engine, stats = ingest_articles(db, extractor, items)
    engine.dispose()
    if stats.stored != len(items) or stats.failed:
        pytest.fail(f"the API tests' store holds {stats.stored} of {len(items)} articles; failures: {stats.failures}",
                    pytrace=False)


@pytest.fixture(scope="session")
def serve_db(tmp_path_factory, extractor) -> Path:
    """The store the API and browser tests read; tests that write use their own."""
    db = tmp_path_factory.mktemp("serve") / "serve.db"
    ingest_serve_items(db, extractor)
    return db
