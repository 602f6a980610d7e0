"""`sitrep eval`: score the extractor on a gold set and show where it goes wrong."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.cli.app import app, err, fail
from sitrep.cli.extract import _extractor
from sitrep.evaluation import ADAPTERS, EvalInputError, EvalReport, adapter

Dataset = Enum("Dataset", {name: name for name in ADAPTERS}, type=str)


_HELP = "Run the extractor on a gold set and print its scores.\n\n" + "\n\n".join(
    f"{name}: {m.SUMMARY}" for name, m in ADAPTERS.items())


@app.command("eval", help=_HELP)
def evaluate(
    dataset: Dataset = typer.Option(..., "--dataset", "-d", help="The gold set's format (see above)."),
    path: Path = typer.Argument(..., help="The gold file, or the folder that holds it."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Score only the first N items."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Write every wrong case here as JSON Lines."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON instead of a table."),
    actors: list[Path] = typer.Option([], "--actors", help="An extra actor file or folder (YAML); repeatable."),
) -> None:
    module = adapter(dataset.value)
    if limit is not None and limit < 1:
        fail(f"--limit must be a positive number of items, got {limit}.")
    if errors is not None and not errors.parent.is_dir():
        fail(f"cannot write {errors}: the folder {errors.parent} does not exist.")
    try:
        # Read the gold before loading the model, so a wrong path fails in a second, not ten.
        n = len(module.load(path, limit))
    except EvalInputError as exc:
        fail(str(exc))
        return
    extractor = _extractor(actors)
    with Progress(TextColumn(f"{dataset.value}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("extract", total=n)
        try:
            report = module.evaluate(path, extractor, limit=limit,
                                     progress=lambda done, total: bar.update(task, completed=done, total=total))
        except EvalInputError as exc:
            fail(str(exc))
            return
    if errors is not None:
        with errors.open("w", encoding="utf-8") as fh:
            for case in report.errors:
                fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    if as_json:
        out = report.to_dict()
        out["errors"] = len(report.errors)
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    else:
        _print(report, Console())
    if errors is not None:
        err.print(f"{len(report.errors)} wrong case(s) written to {errors}")


def _print(report: EvalReport, console: Console) -> None:
    table = Table(title=f"sitrep eval --dataset {report.dataset}: {report.n} items, {report.seconds} s")
    table.add_column("measure")
    table.add_column("score", justify="right")
    table.add_column("n", justify="right")
    table.add_column("note", style="dim")
    for s in report.metrics:
        table.add_row(s.name, _fmt(s.value, s.unit), str(s.n), s.note)
    console.print(table)
    if report.notes:
        for note in report.notes:
            console.print(f"[dim]{note}[/]")
    console.print(f"{len(report.errors)} of {report.n} items have something wrong"
                  " (--errors FILE writes them out).")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ratio":
        return f"{value:.3f}"
    if unit == "km":
        return f"{value:.1f} km"
    if unit == "count":
        return f"{value:g}"
    return f"{value:.1f}"
