"""An article's identity in the store: its URL when known, else its id, else its text hash.

The identity is known before extraction, so a rerun skips stored articles without parsing them.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from sitrep.ingest.article import ArticleInput

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, default port and fragment dropped; path and query kept
    (they can tell articles apart)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and _DEFAULT_PORTS.get(scheme) != parts.port:
        host = f"{host}:{parts.port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def article_key(article: ArticleInput) -> str:
    if article.url and article.url.strip():
        return normalise_url(article.url)
    return article.article_id
