"""What a document is, judged from its first bytes: extensions and Content-Type headers lie
(an `.xml` that is a sitemap, a `.txt` saved from a browser, a feed served as text/html)."""

from __future__ import annotations

import re

HTML, FEED, OPML, XML, TEXT = "html", "feed", "opml", "xml", "text"

_HEAD = 4096
# XML declarations, processing instructions, comments and non-HTML doctypes before the root.
_PROLOG = re.compile(rb"^(?:<\?.*?\?>|<!--.*?-->|<!doctype(?!\s+html)[^>]*>|\s+)", re.S | re.I)
_ROOT = re.compile(rb"^<([A-Za-z_][\w.:-]*)")
# Pages saved without <html> still start with the tags of a page.
_PAGE_START = re.compile(rb"^<(?:head|body|meta|title|div|p|article|section)\b", re.I)


def _head(data: bytes) -> bytes:
    head = data[:_HEAD]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.lstrip(b"\xef\xbb\xbf").lstrip()
    while (m := _PROLOG.match(head)) and m.group(0):
        head = head[m.end():]
    return head


def root_name(data: bytes) -> str | None:
    """The root element's name, or None when the data does not start like markup."""
    root = _ROOT.match(_head(data))
    return root.group(1).decode("ascii", errors="replace") if root else None


def sniff(data: bytes) -> str:
    """One of HTML, FEED, OPML, XML (some other XML) or TEXT (anything else)."""
    head = _head(data)
    if head[:14].lower() == b"<!doctype html" or _PAGE_START.match(head):
        return HTML
    name = root_name(data)
    if name is None:
        return TEXT
    local = name.lower().split(":")[-1]
    if local in ("rss", "feed", "rdf"):
        return FEED
    if local == "opml":
        return OPML
    if local == "html":
        return HTML
    return XML
