"""The web UI's files, served at / by `sitrep serve`. `static/` holds the page, its script and
style, the vendored libraries (with their licences) and the base map; `npm/` rebuilds the
vendored files from npm (see npm/README.md)."""

from pathlib import Path

STATIC = Path(__file__).parent / "static"
