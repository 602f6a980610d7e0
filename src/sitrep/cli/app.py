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


def _version(value: bool) -> None:
    if value:
        from sitrep import __version__

        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, metavar="",
                                 help="Print sitrep's version and exit."),
) -> None:
    """sitrep: sourced conflict-event data from news reports."""


_TYPE_NAMES = {"str": "TEXT", "path": "PATH", "int": "INTEGER", "int range": "INTEGER", "float": "NUMBER",
               "float range": "NUMBER", "bool": ""}


def _plain(original):
    """The value column of --help without typer's Python annotations (`<bool>` on flags that
    take no value, `<list[Path]>`): nothing for a flag, TEXT/PATH/INTEGER/NUMBER for a value,
    `(repeatable)` for an option given many times."""

    def display(self, ctx):
        if getattr(self, "is_flag", False):
            return self.metavar or None
        shown = original(self, ctx)
        if self.metavar is not None or not isinstance(shown, str) or not shown.startswith("<"):
            return shown
        inner, repeat = shown.strip("<>.").strip(">"), ""
        if inner.startswith("list[") and inner.endswith("]"):
            inner, repeat = inner[5:-1], " (repeatable)" if isinstance(self, TyperOption) else "..."
        # Choices are shown as typed ("table|csv"); a type by its click-style name.
        name = inner if "|" in inner else _TYPE_NAMES.get(inner.lower(), inner.upper())
        return name + repeat if name else None

    return display


try:  # typer renders --help through this method; without it the patch is simply not used
    from typer.core import TyperArgument, TyperOption

    TyperOption.display_type_rich = _plain(TyperOption.display_type_rich)
    TyperArgument.display_type_rich = _plain(TyperArgument.display_type_rich)
except (ImportError, AttributeError):
    pass


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error (what went wrong, what to do) and exit without a traceback."""
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)
