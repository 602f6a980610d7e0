import pytest

from sitrep.ingest.article import InputError
from sitrep.ingest.readers.opml import feed_urls


def test_feed_urls_in_document_order_without_page_links(fixtures):
    data = (fixtures / "feeds" / "subscriptions.opml").read_bytes()
    assert feed_urls(data, "subs.opml") == [
        "https://levant.example.net/feed.rss",
        "https://observer.example.com/atom.xml",
    ]


@pytest.mark.parametrize("data, problem", [
    (b"<opml><body><outline text='x' htmlUrl='https://example.org/'/></body></opml>", "lists no feeds"),
    (b"<opml><body><outline", "not well-formed OPML"),
])
def test_opml_without_feeds_is_an_error(data, problem):
    with pytest.raises(InputError, match=problem):
        feed_urls(data, "subs.opml")
