"""OPML: a list of feed URLs, as feed readers export them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sitrep.ingest.article import InputError


def feed_urls(data: bytes, origin: str) -> list[str]:
    """The `xmlUrl` of every outline, in document order, each once."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{origin} is not well-formed OPML ({exc}). Export it again from the feed reader.") from None
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in urls:
            urls.append(url)
    if not urls:
        raise InputError(
            f"{origin} lists no feeds: none of its <outline> elements has an xmlUrl attribute."
        )
    return urls
