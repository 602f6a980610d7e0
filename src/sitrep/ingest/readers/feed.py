"""RSS and Atom: one article per item, from its link, date, title and summary or content."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from sitrep.ingest.article import ArticleInput, InputError, make_article
from sitrep.ingest.readers.base import ReaderOptions, ReadFailure, ReadItem, read_item, unexpected
from sitrep.ingest.readers.html import html_to_text
from sitrep.ingest.readers.sniff import root_name

# Fetches an item's page and returns its article; given only when fetch_pages is on.
PageFetcher = Callable[[str], ArticleInput]


def parse_feed(data: bytes, origin: str):
    """feedparser's result, or InputError when the data is not an RSS or Atom feed."""
    import feedparser

    # A stream, never a string: feedparser fetches a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version") and not parsed.entries:
        root = root_name(data)
        what = f"its root element is <{root}>" if root else "it does not start with an XML element"
        problem = parsed.get("bozo_exception")
        raise InputError(
            f"{origin} is not an RSS or Atom feed ({what}"
            + (f"; the parser said: {problem}" if problem else "")
            + "). sitrep reads feeds, HTML pages, text, JSON Lines and CSV."
        )
    return parsed


def feed_items(
    data: bytes, origin: str, options: ReaderOptions, fetch_page: PageFetcher | None = None
) -> Iterator[ReadItem]:
    parsed = parse_feed(data, origin)
    if not parsed.entries:
        yield ReadFailure(origin, f"{origin} is a feed with no items: there is nothing to read yet.")
        return
    channel = parsed.get("feed", {})
    outlet = _text(channel, "title")
    language = channel.get("language") or "en"
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#item-{n}"
        yield read_item(where, lambda: _item(entry, where, outlet, language, options, fetch_page))


def _item(entry, where: str, outlet: str | None, language: str, options: ReaderOptions,
          fetch_page: PageFetcher | None) -> ArticleInput:
    link = entry.get("link") or None
    title = _text(entry, "title")
    published = _published(entry)
    # An aggregator's item names the outlet that first published it.
    source = _text(entry.get("source", {}), "title") or outlet
    page_error = None
    if fetch_page is not None and link:
        try:
            page = fetch_page(link)
        except InputError as exc:
            page_error = str(exc)
        except Exception as exc:  # noqa: BLE001 - a page that breaks the reader leaves the feed's summary
            page_error = unexpected(link, exc)
        else:
            # The feed knows the item's date and title more surely than a guess from the page.
            page.title = title or page.title
            page.published = published or page.published
            page.source = source or page.source
            page.origin = link
            return page
    body = _body(entry)
    if not body:
        if page_error:
            hint = f"and its page could not be read: {page_error}"
        elif link:
            hint = "pass --fetch --fetch-pages to read the item's page"
        else:
            hint = "it has no link either"
        raise InputError(f"{where} has a title but no summary or content text; {hint}")
    article = make_article(
        body, id=entry.get("id") or None, title=title, published=published, source=source,
        url=link, language=language, max_chars=options.max_chars, origin=where, refuse_other_languages=True,
    )
    if page_error:
        article.notes.append(f"the item's page could not be read ({page_error}); the feed's summary was used")
    return article


def _text(container, key: str) -> str | None:
    value = container.get(key)
    if not value:
        return None
    detail = container.get(f"{key}_detail") or {}
    return " ".join(_as_text(value, detail.get("type") or "").split()) or None


def _body(entry) -> str:
    """The longest of the item's content and summary, as text. (Only `summary_detail` counts:
    feedparser answers `summary` with the content when an Atom entry has no summary.)"""
    parts = [*entry.get("content", []), *([entry["summary_detail"]] if entry.get("summary_detail") else [])]
    texts = [_as_text(p.get("value") or "", p.get("type") or "") for p in parts]
    return max(texts, key=len, default="")


def _as_text(value: str, media_type: str) -> str:
    return html_to_text(value) if "html" in media_type else value.strip()


def _published(entry) -> date | None:
    """The date as the outlet wrote it, in its own time zone: feedparser's parsed dates are in
    UTC, which moves a late-evening report in Damascus to the next day and shifts 'yesterday'."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            local = _local_date(raw)
            if local is not None:
                return local
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=timezone.utc).date()
    return None


def _local_date(raw: str) -> date | None:
    try:
        return parsedate_to_datetime(raw).date()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).date()  # Atom: RFC 3339
    except ValueError:
        return None
