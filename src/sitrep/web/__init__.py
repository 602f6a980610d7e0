"""The web UI's files, served at / by `sitrep serve`. `static/` holds the page, its script and
style, the vendored libraries (with their licences) and the base map; `build/` rebuilds the
vendored files from npm (see build/README.md)."""

from pathlib import Path

STATIC = Path(__file__).parent / "static"
