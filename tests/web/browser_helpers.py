"""Fixtures of the browser tests (a module, not a conftest.py: test modules elsewhere import
`conftest` by name): a real `sitrep serve` process over the test store, and headless Chromium
driven by Playwright. Chromium is Debian's package (/usr/bin/chromium, installed by .ci/run); without it
these tests skip and say how to get it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from serve_helpers import serve_db  # noqa: F401  (fixture)

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tmp" / "artifacts"
CHROMIUM = os.environ.get("SITREP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# As root, Chromium needs --no-sandbox; the rest keep it from calling home during a test.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-default-apps"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server_url(serve_db, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    env.pop("SITREP_TOKEN", None)
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", str(serve_db), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"sitrep serve did not start: {log.read_text()}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium) "
                    "or set SITREP_CHROMIUM to a Chromium binary; .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extra (requirements.lock)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server_url, request):
    """A fresh page (its own profile) that fails the test on any script error or dialog and
    on any request that leaves the server: the UI must work offline."""
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    page = context.new_page()
    problems: list[str] = []
    foreign: list[str] = []

    def guard(route):
        if route.request.url.startswith(server_url + "/") or route.request.url.startswith("data:") or route.request.url.startswith("blob:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.problems, page.foreign = problems, foreign
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert not problems, problems
    assert not foreign, f"the UI asked for something off the server: {foreign}"
