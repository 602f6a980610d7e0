"""Fetch one URL over HTTP(S), only when a user asked for it: a timeout on the whole download,
a size cap, a User-Agent that says who is asking, and no scheme but http and https (also
after redirects, so a page cannot send sitrep to file:// or ftp://)."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from sitrep import __version__
from sitrep.ingest.article import InputError

USER_AGENT = f"sitrep/{__version__} (news-report reader; fetches only what its user asked for)"

_CHUNK = 64 * 1024
_MAX_REDIRECTS = 5


class FetchError(InputError):
    """A URL that could not be fetched; the message says why and what to try."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # the media type, lower case, without parameters; "" when not given


def check_url(url: str) -> str:
    """The URL, or FetchError when it is not an http(s) address with a host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(
            f"{url}: sitrep fetches only http:// and https:// addresses, not {parts.scheme or 'a bare path'}:. "
            "Give a local file as a path instead."
        )
    if not parts.hostname:
        raise FetchError(f"{url}: the address has no host name.")
    return url


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = _MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(urllib.parse.urljoin(req.full_url, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects())


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = 20_000_000,
          user_agent: str = USER_AGENT) -> Fetched:
    """The response body, or FetchError (an InputError) for refusals, HTTP errors, timeouts,
    oversize responses and network failures."""
    check_url(url)
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent,
        "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                  "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
    })
    deadline = time.monotonic() + timeout
    try:
        with _opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _too_large(url, max_bytes)
            data = _read_capped(response, url, max_bytes, deadline, timeout)
            return Fetched(response.geturl(), data, response.headers.get_content_type().lower()
                           if response.headers.get("Content-Type") else "")
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}. Check the address.") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise _timed_out(url, timeout) from None
        raise FetchError(f"{url}: could not connect ({reason}). Check the address and the network.") from None
    except TimeoutError:
        raise _timed_out(url, timeout) from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"{url}: the download failed ({exc.__class__.__name__}: {exc}). Try again later.") from None


def _read_capped(response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    # The socket timeout bounds each read; the deadline bounds a server that trickles bytes
    # (read1: one read from the socket at most, so a trickle cannot hold a read open).
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        if time.monotonic() > deadline:
            raise _timed_out(url, timeout)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, max_bytes: int) -> FetchError:
    return FetchError(
        f"{url}: the response is larger than {max_bytes:,} bytes, sitrep's limit for one page or "
        "feed. Raise it with --max-bytes if the page is really that large."
    )


def _timed_out(url: str, timeout: float) -> FetchError:
    return FetchError(
        f"{url}: no complete answer within {timeout:g} s. Try again later, or allow longer with --timeout."
    )
