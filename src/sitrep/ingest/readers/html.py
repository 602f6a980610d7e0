"""HTML: a whole page through trafilatura (main text and metadata), and small fragments such
as feed summaries through a tag stripper that keeps paragraph breaks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sitrep.ingest.article import ArticleInput, InputError, make_article
from sitrep.ingest.readers.base import ReaderOptions

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_HIDDEN = frozenset(("script", "style", "noscript", "template", "head"))
_MIN_WORDS = 8
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # In HTML a line break inside text is just a space; breaks come from block tags.
            self.parts.append(_SPACE.sub(" ", data))


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment: one line per block (paragraph, list item, heading)."""
    parser = _Stripper()
    parser.feed(fragment)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def page_article(
    data: bytes | str, origin: str, options: ReaderOptions, url: str | None = None
) -> ArticleInput:
    """One article from a whole HTML page: trafilatura finds the main text (leaving out menus,
    footers and comments) and reads title, date, site name and canonical URL from metadata.

    `url` is where the page was fetched from; it wins over the page's own canonical URL,
    because URLs are article identities and a mis-set canonical link (often the front page)
    would make different articles one."""
    import trafilatura  # a slow import; only pages need it

    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(doc, "text", None) if doc is not None else None
    # On a page with no article trafilatura falls back to whatever text is left, often a
    # menu ("Home"); no news report is that short.
    if not text or len(text.split()) < _MIN_WORDS:
        raise InputError(
            f"{origin}: no article text found in the page (a front page, a page built by "
            "JavaScript, or one behind a paywall?). Save the article's own page, or its text as .txt."
        )
    return make_article(
        text,
        title=doc.title or None,
        published=doc.date or None,
        source=doc.sitename or doc.hostname or None,
        url=url or doc.url or None,
        max_chars=options.max_chars,
        origin=origin,
        refuse_other_languages=True,
    )
