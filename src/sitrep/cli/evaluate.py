"""`sitrep eval`: score the extractor on a gold set and show where it goes wrong."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.cli.app import app, err, fail
from sitrep.cli.extract import _extractor
from sitrep.evaluation import ADAPTERS, SPLITS, EvalInputError, EvalReport, adapter
from sitrep.evaluation.report import format_value

Dataset = Enum("Dataset", {name: name for name in ADAPTERS}, type=str)
Split = Enum("Split", {name: name for name in SPLITS}, type=str)


_HELP = ("Run the extractor on a gold set and print its scores.\n\n"
         "Every set is cut into two fixed halves by a hash of each item's id: tune, whose errors you "
         "read, and check, which is only scored (a rule that lifts tune but not check is fitted to "
         "its examples). --errors writes tune items' errors only.\n\n") + "\n\n".join(
    f"{name}: {m.SUMMARY}" for name, m in ADAPTERS.items())


@app.command("eval", help=_HELP)
def evaluate(
    dataset: Dataset = typer.Option(..., "--dataset", "-d", help="The gold set's format (see above)."),
    path: Path = typer.Argument(..., help="The gold file, or the folder that holds it."),
    split: Split = typer.Option("all", "--split", help="Which half: tune, check, or all of the set."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", help="Score only the first N items (of the split)."),
    errors: Optional[Path] = typer.Option(
        None, "--errors", help="Write every wrong case of a tune item here as JSON Lines (check items' are withheld)."),
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
        n = len(module.load(path, limit, split.value))
    except EvalInputError as exc:
        fail(str(exc))
        return
    extractor = _extractor(actors)
    with Progress(TextColumn(f"{dataset.value}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("extract", total=n)
        try:
            report = module.evaluate(path, extractor, limit=limit, split=split.value,
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
        err.print(f"{len(report.errors)} wrong case(s) of tune items written to {errors}; "
                  f"{report.withheld_errors} of check items withheld (check is scored, never read item by item)")


def _print(report: EvalReport, console: Console) -> None:
    table = Table(title=f"sitrep eval --dataset {report.dataset} --split {report.split}: "
                        f"{report.n} items, {report.seconds} s")
    table.add_column("measure")
    table.add_column("score", justify="right")
    table.add_column("n", justify="right")
    table.add_column("note", style="dim")
    for s in report.metrics:
        # Names such as "deaths within [low, high]" hold brackets that rich would read as markup.
        table.add_row(escape(s.name), format_value(s.value, s.unit), str(s.n), escape(s.note))
    console.print(table)
    if report.notes:
        for note in report.notes:
            console.print(f"[dim]{escape(note)}[/]")
    console.print(f"{report.wrong} of {report.n} items have something wrong: {len(report.errors)} tune, "
                  f"{report.withheld_errors} check (--errors FILE writes the tune ones out).")

