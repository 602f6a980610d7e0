"""The README's screenshot of the web UI on the example article (docs/ui.png).

    python scripts/ui_screenshot.py [--out docs/ui.png]

Ingests examples/iraqi-fighters-enter-syria.txt into a throwaway store, starts `sitrep serve`
on a free loopback port and photographs, in headless Chromium (Debian's /usr/bin/chromium),
the map with the article open at an air strike, its toll's words highlighted.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "iraqi-fighters-enter-syria.txt"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "ui.png")
    ap.add_argument("--chromium", default=os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium"))
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    env.pop("SITREP_TOKEN", None)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "example.db"
        subprocess.run([sys.executable, "-m", "sitrep", "ingest", str(EXAMPLE), "--published", "2024-12-02", "--db", str(db)],
                       env=env, check=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--port", str(port)], env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(url + "/api/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 820})
                page.goto(url + "/")
                page.wait_for_selector("body[data-ready='1']")
                page.wait_for_selector("body[data-basemap='ready']")
                page.locator("#event-list li", has_text="Air/drone strike").first.click()
                page.wait_for_selector("#event-title")
                page.locator("#panel .report button[data-field='fatalities']").first.click()
                page.wait_for_selector("#article-text .hl")
                page.wait_for_timeout(500)
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
