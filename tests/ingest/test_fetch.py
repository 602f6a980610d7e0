"""Fetching against a server on 127.0.0.1 (see conftest.py): limits, refusals, redirects."""

import time

import pytest

from sitrep.ingest.fetch import USER_AGENT, FetchError, check_url, fetch


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


def test_a_trickling_server_is_bounded_by_the_whole_download_deadline(http_server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="no complete answer within 1 s"):
        fetch(f"{http_server}/trickle", timeout=1.0)
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
