"""Whole documents (a file's or a response's bytes) to items, by what the bytes are; and URLs,
fetched only when the options allow. The two call each other: an OPML list names feed URLs."""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.ingest.article import ArticleInput, InputError, decode_bytes, make_article
from sitrep.ingest.fetch import check_url, fetch
from sitrep.ingest.readers.base import ReaderOptions, ReadFailure, ReadItem, guarded
from sitrep.ingest.readers.feed import feed_items, parse_feed
from sitrep.ingest.readers.html import page_article
from sitrep.ingest.readers.opml import feed_urls
from sitrep.ingest.readers.sniff import FEED, HTML, OPML, TEXT, XML, sniff

_MEDIA_TYPES = {
    "text/html": HTML, "application/xhtml+xml": HTML,
    "application/rss+xml": FEED, "application/atom+xml": FEED, "application/rdf+xml": FEED,
    "application/xml": XML, "text/xml": XML, "text/x-opml": OPML, "text/plain": TEXT,
}


def content_items(
    data: bytes, origin: str, options: ReaderOptions, declared: str, url: str | None = None
) -> Iterator[ReadItem]:
    """`declared` is what the extension or Content-Type claims; the bytes win when they are
    clearly HTML, a feed or OPML. Raises InputError when the whole document is unreadable."""
    actual = sniff(data)
    kind = actual if actual in (HTML, FEED, OPML) else declared
    if kind == HTML and actual == TEXT:
        kind = TEXT  # a page saved as plain text: nothing for trafilatura to strip
    if kind == HTML:
        yield page_article(data, origin, options, url=url)
    elif kind == FEED:
        yield from feed_items(data, origin, options, _page_fetcher(options))
    elif kind == OPML:
        yield from _opml_items(data, origin, options)
    elif kind == XML:
        parse_feed(data, origin)  # raises, saying which XML it is instead
        yield from feed_items(data, origin, options, _page_fetcher(options))
    elif kind == TEXT:
        yield make_article(decode_bytes(data, origin), url=url, max_chars=options.max_chars, origin=origin,
                           refuse_other_languages=True)
    else:
        raise InputError(f"{origin}: sitrep cannot read {declared} content.")


def url_items(url: str, options: ReaderOptions, *, from_opml: bool = False) -> Iterator[ReadItem]:
    """A feed URL yields its items, a page URL one article. Raises InputError (FetchError)."""
    check_url(url)
    if not options.fetch:
        raise InputError(f"{url} is a URL; sitrep fetches from the network only when asked: pass --fetch.")
    fetched = fetch(url, timeout=options.timeout, max_bytes=options.max_bytes, user_agent=options.user_agent,
                    allow_private=options.allow_private)
    declared = _MEDIA_TYPES.get(fetched.content_type)
    if declared is None and sniff(fetched.data) not in (HTML, FEED, OPML):
        raise InputError(
            f"{url} is {fetched.content_type or 'of no stated type'}, not a page or a feed sitrep "
            "can read. Download it and convert it to text first."
        )
    if from_opml and sniff(fetched.data) == OPML:
        raise InputError(f"{url} is another OPML list; sitrep follows one level of OPML only.")
    yield from content_items(fetched.data, url, options, declared or TEXT, url=fetched.url)


def _opml_items(data: bytes, origin: str, options: ReaderOptions) -> Iterator[ReadItem]:
    urls = feed_urls(data, origin)
    if not options.fetch:
        yield ReadFailure(
            origin,
            f"{origin} lists {len(urls)} feed(s), which sitrep reads only when fetching is "
            "enabled: pass --fetch (nothing was downloaded).",
        )
        return
    for url in urls:
        yield from guarded(url, lambda url=url: url_items(url, options, from_opml=True))


def _page_fetcher(options: ReaderOptions):
    if not options.fetch_pages:
        return None

    def fetch_page(link: str) -> ArticleInput:
        page = fetch(link, timeout=options.timeout, max_bytes=options.max_bytes, user_agent=options.user_agent,
                     allow_private=options.allow_private)
        return page_article(page.data, link, options, url=page.url)

    return fetch_page
