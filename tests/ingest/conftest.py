"""Fixtures for the ingest tests: the fixture folder, a reader shortcut, and a local HTTP
server on 127.0.0.1 (tests never touch the network)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.ingest.article import ArticleInput
from sitrep.ingest.readers import ReaderOptions, ReadFailure, read_sources

FIXTURES = Path(__file__).parent / "fixtures"
FEED_HOST = "https://levant.example.net"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def read():
    """read(*sources, **options) -> (articles, failures), each in the order read_sources gave."""

    def run(*sources, **options) -> tuple[list[ArticleInput], list[ReadFailure]]:
        items = list(read_sources([str(s) for s in sources], ReaderOptions(**options)))
        articles = [i for i in items if isinstance(i, ArticleInput)]
        failures = [i for i in items if isinstance(i, ReadFailure)]
        assert len(articles) + len(failures) == len(items), items
        return articles, failures

    return run


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # The slow routes outlive the client's timeout and then write to a closed socket;
        # that is the point of those tests, not an error worth printing.
        pass


def _routes(base: str) -> dict[str, Callable[[BaseHTTPRequestHandler], None]]:
    page = (FIXTURES / "html" / "idlib-market-strike.html").read_bytes()
    feed = (FIXTURES / "feeds" / "levant-wire.rss").read_bytes().replace(FEED_HOST.encode(), base.encode())
    opml = (
        (FIXTURES / "feeds" / "subscriptions.opml").read_bytes()
        .replace(f"{FEED_HOST}/feed.rss".encode(), f"{base}/feed.rss".encode())
        .replace(b"https://observer.example.com/atom.xml", f"{base}/missing.xml".encode())
    )

    def send(body: bytes, content_type: str, status: int = 200, headers: dict | None = None):
        def handler(h: BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(body)

        return handler

    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(2.0)
        send(page, "text/html")(h)

    def trickle(h: BaseHTTPRequestHandler) -> None:
        # Each byte comes well within the socket timeout; the whole body does not.
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.end_headers()
        for _ in range(40):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.1)

    def trickle_headers(h: BaseHTTPRequestHandler) -> None:
        # The status line at once, then one header line at a time: no read waits long, the
        # headers never end in time.
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
        for _ in range(40):
            h.wfile.write(b"X-Slow: a\r\n")
            h.wfile.flush()
            time.sleep(0.1)

    def unannounced_big(h: BaseHTTPRequestHandler) -> None:
        # No Content-Length: only counting the bytes read can catch it.
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(b"Shelling reported. " * 500)

    def user_agent(h: BaseHTTPRequestHandler) -> None:
        send(f"The request came from {h.headers.get('User-Agent')}.".encode(), "text/plain; charset=utf-8")(h)

    return {
        "/page.html": send(page, "text/html; charset=utf-8"),
        "/2024/12/02/idlib-market-strike": send(page, "text/html; charset=utf-8"),
        "/feed.rss": send(feed, "application/rss+xml"),
        "/feed-as-html": send(feed, "text/html"),  # servers mislabel feeds
        "/subs.opml": send(opml, "text/x-opml"),
        "/nested.opml": send(f'<opml><body><outline xmlUrl="{base}/subs.opml"/></body></opml>'.encode(), "text/x-opml"),
        "/report.pdf": send(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        "/slow": slow,
        "/trickle": trickle,
        "/big": send(b"Shelling reported. " * 500, "text/plain"),
        "/unannounced-big": unannounced_big,
        "/redirect": send(b"", "text/plain", 302, {"Location": "/page.html"}),
        "/to-file": send(b"", "text/plain", 302, {"Location": "file:///etc/passwd"}),
        "/to-ftp": send(b"", "text/plain", 302, {"Location": "ftp://127.0.0.1/feed.xml"}),
        "/user-agent": user_agent,
        "/trickle-headers": trickle_headers,
        "/to-loopback": send(b"", "text/plain", 302, {"Location": base.replace("127.0.0.2", "127.0.0.1") + "/page.html"}),
        "/to-metadata": send(b"", "text/plain", 302, {"Location": "http://169.254.169.254/latest/meta-data/"}),
    }


@pytest.fixture(scope="module")
def http_server():
    """Base URL of a server on 127.0.0.1 with the routes above; anything else is a 404."""
    routes: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
            else:
                route(self)

        def log_message(self, format, *args) -> None:
            pass  # keep test output to test results

    server = _Server(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    routes.update(_routes(base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with pytest.MonkeyPatch.context() as mp:
        # A proxy configured in the environment must not catch requests to the test server.
        mp.setenv("no_proxy", "127.0.0.1,localhost")
        mp.setenv("NO_PROXY", "127.0.0.1,localhost")
        yield base
    server.shutdown()
    server.server_close()
