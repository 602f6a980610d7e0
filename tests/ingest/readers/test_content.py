"""URLs through read_sources against the local server (see tests/ingest/conftest.py)."""

from sitrep.ingest.readers import ReadFailure, read_sources, ReaderOptions


def test_a_page_url_yields_one_article(read, http_server):
    (article,), failures = read(f"{http_server}/page.html", fetch=True, allow_private=True)
    assert failures == []
    assert article.title == "Air strike hits Idlib market"
    assert article.url == f"{http_server}/page.html" and article.origin == article.url
    assert article.source == "Levant Wire"


def test_a_feed_url_yields_its_items_even_when_mislabelled(read, http_server):
    for route in ("/feed.rss", "/feed-as-html"):
        articles, failures = read(f"{http_server}{route}", fetch=True, allow_private=True)
        assert [a.url for a in articles] == [
            f"{http_server}/2024/12/02/idlib-market-strike", f"{http_server}/2024/12/01/manbij-clashes",
        ]
        assert articles[0].text.startswith("An air strike hit a crowded market")  # the summary
        assert len(failures) == 1 and failures[0].origin == f"{http_server}{route}#item-3"


def test_fetch_pages_reads_each_items_page_and_falls_back_to_the_summary(read, http_server):
    (idlib, manbij), failures = read(f"{http_server}/feed.rss", fetch=True, allow_private=True, fetch_pages=True)
    assert "vegetable market" in idlib.text  # only the page says "vegetable"
    assert idlib.origin == idlib.url == f"{http_server}/2024/12/02/idlib-market-strike"
    assert idlib.published.isoformat() == "2024-12-03"  # the feed's date wins over the page's guess
    # The Manbij page is a 404: the summary is used, and the document will say so.
    assert manbij.text.startswith("Turkish-backed factions")
    assert any("HTTP 404" in note and "summary was used" in note for note in manbij.notes)
    # The headline-only item's page is a 404 and it has no summary: a failure, not silence.
    (failure,) = failures
    assert "no summary or content text; and its page could not be read" in failure.reason
    assert "HTTP 404" in failure.reason


def test_opml_with_fetching_reads_each_listed_feed(read, http_server, tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline type="rss" xmlUrl="{http_server}/feed.rss"/>'
        f'<outline type="rss" xmlUrl="{http_server}/missing.xml"/></body></opml>'
    )
    articles, failures = read(opml, fetch=True, allow_private=True)
    assert len(articles) == 2 and all(a.url.startswith(http_server) for a in articles)
    assert [f.origin for f in failures] == [f"{http_server}/feed.rss#item-3", f"{http_server}/missing.xml"]
    assert "HTTP 404" in failures[1].reason


def test_fetch_failures_are_records_and_the_batch_goes_on(http_server):
    items = list(read_sources(
        [f"{http_server}/slow", f"{http_server}/report.pdf", f"{http_server}/page.html"],
        ReaderOptions(fetch=True, allow_private=True, timeout=0.5),
    ))
    slow, pdf, page = items
    assert isinstance(slow, ReadFailure) and "no complete answer within 0.5 s" in slow.reason
    assert isinstance(pdf, ReadFailure) and "application/pdf" in pdf.reason
    assert not isinstance(page, ReadFailure)


def test_an_opml_url_is_followed_one_level_only(read, http_server):
    articles, failures = read(f"{http_server}/subs.opml", fetch=True, allow_private=True)
    assert len(articles) == 2
    assert [f.origin for f in failures] == [f"{http_server}/feed.rss#item-3", f"{http_server}/missing.xml"]
    articles, (failure,) = read(f"{http_server}/nested.opml", fetch=True, allow_private=True)
    assert articles == [] and failure.origin == f"{http_server}/subs.opml"
    assert "another OPML list" in failure.reason


def test_the_size_limit_applies_to_fetched_pages(read, http_server):
    _, (failure,) = read(f"{http_server}/big", fetch=True, allow_private=True, max_bytes=1000)
    assert "larger than 1,000 bytes" in failure.reason
