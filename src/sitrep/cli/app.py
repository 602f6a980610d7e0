"""The typer application every command module registers on, and the shared error exit."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="sitrep: sourced conflict-event data from news reports.",
)
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error (what went wrong, what to do) and exit without a traceback."""
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)
