"""Fetching against a server on 127.0.0.1 (see conftest.py): limits, refusals, redirects."""

import time

import pytest

from sitrep.ingest.fetch import USER_AGENT, FetchError, check_url
from sitrep.ingest.fetch import fetch as _fetch


def fetch(url, **kwargs):
    """The test server is on 127.0.0.1, which sitrep refuses unless told: these tests opt in."""
    return _fetch(url, allow_private=True, **kwargs)


def test_fetch_returns_the_body_and_its_media_type(http_server):
    got = fetch(f"{http_server}/page.html")
    assert got.content_type == "text/html"
    assert b"Air strike hits Idlib market" in got.data
    assert got.url == f"{http_server}/page.html"


def test_redirects_are_followed_and_the_final_url_reported(http_server):
    got = fetch(f"{http_server}/redirect")
    assert got.url == f"{http_server}/page.html"


def test_sitrep_says_who_it_is(http_server):
    assert fetch(f"{http_server}/user-agent").data.decode() == f"The request came from {USER_AGENT}."
    assert USER_AGENT.startswith("sitrep/")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed.xml", "javascript:alert(1)", "/etc/passwd"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch(url)


@pytest.mark.parametrize("route, refusal", [
    ("/to-ftp", "only http:// and https://"),  # sitrep's own check: urllib would follow ftp
    ("/to-file", "file:///etc/passwd' is not allowed"),  # urllib refuses this one itself
])
def test_a_redirect_away_from_http_is_refused(http_server, route, refusal):
    with pytest.raises(FetchError, match=refusal):
        fetch(f"{http_server}{route}")


def test_an_address_without_a_host_is_refused():
    with pytest.raises(FetchError, match="no host name"):
        check_url("http:///feed.rss")


def test_a_server_that_does_not_answer_in_time_is_given_up(http_server):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no complete answer within 0.5 s.*--timeout"):
        fetch(f"{http_server}/slow", timeout=0.5)
    assert time.monotonic() - started < 1.5


# /trickle-headers: the whole request is bounded, not only the body (one header line at a time).
@pytest.mark.parametrize("route", ["/trickle", "/trickle-headers"])
def test_a_trickling_server_is_bounded_by_the_whole_download_deadline(http_server, route):
    started = time.monotonic()
    with pytest.raises(FetchError, match="no complete answer within 1 s"):
        fetch(f"{http_server}{route}", timeout=1.0)
    assert time.monotonic() - started < 2.5


def test_an_announced_oversize_response_is_refused(http_server):
    with pytest.raises(FetchError, match=r"larger than 1,000 bytes.*--max-bytes"):
        fetch(f"{http_server}/big", max_bytes=1000)


def test_an_unannounced_oversize_response_is_cut_off(http_server):
    with pytest.raises(FetchError, match=r"larger than 1,000 bytes"):
        fetch(f"{http_server}/unannounced-big", max_bytes=1000)
    assert len(fetch(f"{http_server}/unannounced-big", max_bytes=100_000).data) == 19 * 500


def test_http_errors_name_the_status(http_server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{http_server}/no-such-page")


def test_a_closed_port_is_a_connection_failure():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect"):
        fetch(f"http://127.0.0.1:{port}/", timeout=2)


# ------------------------------------------------------------------ the local network
def test_loopback_is_refused_by_default(http_server):
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is a loopback address.*--allow-private"):
        _fetch(f"{http_server}/page.html")


@pytest.mark.parametrize("url, kind", [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.0.0.5/feed.rss", "private"),
    ("http://[::1]:8080/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://localhost:9/secret.html", "loopback"),
])
def test_private_and_link_local_targets_are_refused_without_connecting(url, kind):
    with pytest.raises(FetchError, match=f"is a {kind} address"):
        _fetch(url, timeout=1)


def test_a_name_that_resolves_to_loopback_is_refused(http_server, monkeypatch):
    import socket

    port = int(http_server.rsplit(":", 1)[1])
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "feeds.example.test":  # a public-looking name an attacker points at loopback
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=r"feeds\.example\.test \(127\.0\.0\.1\) is a loopback address"):
        _fetch(f"http://feeds.example.test:{port}/page.html", timeout=2)
    assert b"Idlib" in fetch(f"http://feeds.example.test:{port}/page.html", timeout=2).data


@pytest.fixture
def public_server(monkeypatch):
    """The test server on 127.0.0.2, which these tests treat as a public address, so that
    what it redirects to is judged as a real site's redirects would be."""
    import ipaddress
    import threading

    from conftest import _routes, _Server
    from http.server import BaseHTTPRequestHandler

    import sitrep.ingest.fetch as f

    routes: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            routes.get(self.path, lambda h: h.send_error(404))(self)

        def log_message(self, *args):
            pass

    try:
        server = _Server(("127.0.0.2", 0), Handler)
    except OSError:
        pytest.skip("127.0.0.2 is not available here")
    base = f"http://127.0.0.2:{server.server_address[1]}"
    routes.update(_routes(base))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    real = f._public
    monkeypatch.setattr(f, "_public", lambda ip: ip == ipaddress.ip_address("127.0.0.2") or real(ip))
    monkeypatch.setenv("no_proxy", "127.0.0.1,127.0.0.2,localhost")
    yield base
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("route, target", [("/to-loopback", "127.0.0.1"), ("/to-metadata", "169.254.169.254")])
def test_a_redirect_to_the_local_network_is_refused(public_server, route, target):
    assert b"Idlib" in _fetch(f"{public_server}/page.html").data  # the public server itself is fine
    with pytest.raises(FetchError, match=f"redirects to http://{target}.*--allow-private"):
        _fetch(f"{public_server}{route}", timeout=2)


def test_feed_item_links_to_the_local_network_are_not_fetched(public_server, tmp_path):
    from sitrep.ingest.readers import ReaderOptions, read_sources

    feed = tmp_path / "feed.rss"
    feed.write_bytes(fetch(f"{public_server}/feed.rss").data.replace(b"127.0.0.2", b"127.0.0.1"))
    items = list(read_sources([feed], ReaderOptions(fetch=True, fetch_pages=True, timeout=2)))
    idlib = items[0]
    # The page was refused; the item keeps the feed's summary, and its notes say why.
    assert idlib.origin == f"{feed}#item-1"
    assert any("loopback address" in note for note in idlib.notes), idlib.notes
