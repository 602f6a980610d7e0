"""The `sitrep` command: a thin layer over the library (parse options, call, print).

Each module registers its commands on the one typer app; importing it is what adds them.
"""

from __future__ import annotations

from sitrep.cli.app import app
from sitrep.cli import extract as _extract  # noqa: F401  (registers extract, schema)
from sitrep.cli import fetch as _fetch  # noqa: F401  (registers fetch)
from sitrep.cli import evaluate as _evaluate  # noqa: F401  (registers eval)
from sitrep.cli import corpus as _corpus  # noqa: F401  (registers ingest, events, actors, graph, timeline, export, failures)
from sitrep.cli import serve as _serve  # noqa: F401  (registers serve)


def main() -> None:
    app()


__all__ = ["app", "main"]
