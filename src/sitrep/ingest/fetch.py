"""Fetch one URL over HTTP(S), only when a user asked for it: a deadline on the whole request
(connecting, headers and body), a size cap, a User-Agent that says who is asking, and no scheme
but http and https (also after redirects, so a page cannot send sitrep to file:// or ftp://).

What a feed or page says must not steer sitrep at the user's own network: a feed item's link or
a redirect to `127.0.0.1`, `10.0.0.5` or the cloud metadata address `169.254.169.254` is
refused. The check is made on the addresses the host name resolves to, at the moment of
connecting (so a name that resolves to a public address when checked and a private one when
used cannot slip through), for the first request and every redirect. `allow_private=True`
(`--allow-private`) lifts it, for a user who runs a feed server on their own network.
Through a proxy from the environment the proxy connects, so the target's name is resolved
here only to check it, as far as this machine can resolve it.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

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


class _Refused(OSError):
    """A connection sitrep will not make (an OSError, so urllib reports it as a URLError)."""


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return ip.is_global and not ip.is_multicast


def _refusal(host: str, ip) -> _Refused:
    shown = host if _literal(host) == ip else f"{host} ({ip})"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    kind = ("a loopback" if ip.is_loopback else "a link-local" if ip.is_link_local
            else "a private" if ip.is_private else "a non-public")
    return _Refused(
        f"{shown} is {kind} address; sitrep does not fetch from the local network unless asked "
        "(pass --allow-private if you mean to)"
    )


def _literal(host: str):
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


def _check_host(host: str, resolve: bool) -> None:
    """Raise _Refused when `host` is, or (with `resolve`) resolves to, a non-public address.
    A name that does not resolve here passes: the connection (or the proxy) will judge it."""
    ip = _literal(host)
    if ip is not None:
        if not _public(ip):
            raise _refusal(host, ip)
        return
    if host.lower().rstrip(".") == "localhost" or host.lower().endswith(".localhost"):
        raise _refusal(host, ipaddress.ip_address("127.0.0.1"))
    if not resolve:
        return
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return
    for *_, sockaddr in infos:
        addr = _literal(sockaddr[0])
        if addr is not None and not _public(addr):
            raise _refusal(host, addr)


@dataclass
class _Request:
    """A running fetch: its end time, and the connections it opened. When time is up a timer
    shuts their sockets down, which ends a read blocked on a server that trickles its headers
    (the socket timeout alone bounds each read, not the request). Connections, not sockets, are
    kept: HTTPS replaces a connection's socket with a TLS one when it wraps it."""

    expires: float
    connections: list = field(default_factory=list)
    expired: bool = False

    def expire(self) -> None:
        self.expired = True
        for conn in list(self.connections):
            sock = getattr(conn, "sock", None)
            if sock is None:
                continue
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Current(threading.local):
    request: _Request | None = None


_current = _Current()


def _connect(address, timeout, source_address=None, *, guard: bool):
    """socket.create_connection, checking every address the host resolves to (when `guard`)
    and connecting only to those checked: no second lookup an attacker's DNS could answer
    differently."""
    host, port = address
    request = _current.request
    if request is not None:
        remaining = request.expires - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("timed out")
        timeout = remaining if timeout is None or timeout is socket._GLOBAL_DEFAULT_TIMEOUT else min(timeout, remaining)
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if guard:
        for *_, sockaddr in infos:
            ip = _literal(sockaddr[0])
            if ip is not None and not _public(ip):
                raise _refusal(host, ip)
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
        except OSError as exc:
            sock.close()
            error = exc
            continue
        return sock
    raise error or OSError(f"cannot resolve {host}")


def _connection_class(cls, req, allow_private: bool):
    """`cls` (HTTPConnection or HTTPSConnection) connecting through `_connect`."""
    tunnel = getattr(req, "_tunnel_host", None)
    proxied = bool(tunnel) or req.has_proxy()
    if proxied and not allow_private:
        # The proxy (the user's own, often on a private address) makes the connection: check
        # the target instead, as well as this machine can resolve it.
        target = tunnel or urllib.parse.urlsplit(req.full_url).hostname or ""
        _check_host(target.rsplit(":", 1)[0] if tunnel and not target.endswith("]") else target, resolve=True)
    guard = not allow_private and not proxied

    def make(host, **kwargs):
        conn = cls(host, **kwargs)
        conn._create_connection = functools.partial(_connect, guard=guard)
        if _current.request is not None:
            _current.request.connections.append(conn)
        return conn

    return make


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, allow_private: bool):
        super().__init__()
        self.allow_private = allow_private

    def http_open(self, req):
        return self.do_open(_connection_class(http.client.HTTPConnection, req, self.allow_private), req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, allow_private: bool):
        super().__init__()
        self.allow_private = allow_private

    def https_open(self, req):
        kwargs = {"context": self._context}
        if hasattr(self, "_check_hostname"):  # Python < 3.12
            kwargs["check_hostname"] = self._check_hostname
        return self.do_open(_connection_class(http.client.HTTPSConnection, req, self.allow_private), req, **kwargs)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = _MAX_REDIRECTS

    def __init__(self, allow_private: bool):
        super().__init__()
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urljoin(req.full_url, newurl)
        check_url(target)
        if not self.allow_private:
            # Refused here with the redirect named; the connection would refuse it anyway.
            try:
                _check_host(urllib.parse.urlsplit(target).hostname or "", resolve=False)
            except _Refused as exc:
                raise FetchError(f"{req.full_url} redirects to {target}, and {exc}.") from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@functools.cache
def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        _GuardedHTTP(allow_private), _GuardedHTTPS(allow_private), _HttpOnlyRedirects(allow_private)
    )


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = 20_000_000,
          user_agent: str = USER_AGENT, allow_private: bool = False) -> Fetched:
    """The response body, or FetchError (an InputError) for refusals, HTTP errors, timeouts,
    oversize responses and network failures. `timeout` bounds the whole request."""
    check_url(url)
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent,
        "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                  "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
    })
    deadline = time.monotonic() + timeout
    state = _current.request = _Request(deadline)
    timer = threading.Timer(timeout, state.expire)
    timer.daemon = True
    timer.start()
    try:
        with _opener(allow_private).open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _too_large(url, max_bytes)
            data = _read_capped(response, url, max_bytes, deadline, timeout)
            if state.expired:  # the timer closed the socket: what was read is cut short
                raise _timed_out(url, timeout)
            return Fetched(response.geturl(), data, response.headers.get_content_type().lower()
                           if response.headers.get("Content-Type") else "")
    except FetchError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure of a fetch is a FetchError for its URL
        if state.expired or time.monotonic() >= deadline:
            raise _timed_out(url, timeout) from None
        raise _failure(url, exc, timeout) from None
    finally:
        timer.cancel()
        _current.request = None


def _failure(url: str, exc: Exception, timeout: float) -> FetchError:
    if isinstance(exc, urllib.error.HTTPError):
        return FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}. Check the address.")
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, _Refused):
            return FetchError(f"{url}: refused: {reason}.")
        if isinstance(reason, TimeoutError):
            return _timed_out(url, timeout)
        return FetchError(f"{url}: could not connect ({reason}). Check the address and the network.")
    if isinstance(exc, _Refused):
        return FetchError(f"{url}: refused: {exc}.")
    if isinstance(exc, TimeoutError):
        return _timed_out(url, timeout)
    return FetchError(f"{url}: the download failed ({exc.__class__.__name__}: {exc}). Try again later.")


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
