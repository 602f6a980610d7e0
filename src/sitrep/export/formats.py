"""Pick an export by name; every format takes the same event filters."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitrep.store.queries import EventFilters

FORMATS = ("acled-csv", "geojson", "graphml", "jsonl", "parquet")


STDOUT = "-"


@contextmanager
def output_file(path: Path) -> Iterator[Path]:
    """The path an export writes to. A regular file is written beside its final name and
    renamed into place when complete, so a crash or a full disk never leaves half an export
    where the last good one was. `-` is standard output (the whole export, once written);
    a device or pipe (`/dev/full`, a FIFO) is written directly, since renaming over it would
    replace it."""
    if str(path) == STDOUT:
        with tempfile.TemporaryDirectory(prefix="sitrep-export-") as tmp:
            staged = Path(tmp) / "export"
            yield staged
            with staged.open("rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        return
    if path.exists() and not path.is_file():
        yield path
        return
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    staged = Path(name)
    try:
        yield staged
        # mkstemp makes the file private (0600); an export gets the mode a new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staged, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~umask)
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def export(engine: Engine, fmt: str, path: Path, filters: EventFilters, *, acled_only: bool = False) -> str:
    """Write the export (atomically, see `output_file`); return a one-line summary of what
    was written. OSError when the file cannot be written. `acled_only`: the ACLED CSV has
    exactly ACLED's 31 columns, without sitrep's after them."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with output_file(path) as staged:
        return _write(engine, fmt, staged, filters, acled_only)


def _write(engine: Engine, fmt: str, path: Path, filters: EventFilters, acled_only: bool) -> str:
    with Session(engine) as s:
        if fmt == "acled-csv":
            from sitrep.export.acled_csv import write_acled_csv

            return f"{write_acled_csv(s, filters, path, acled_only)} events"
        if fmt == "geojson":
            from sitrep.export.geojson import write_geojson

            return f"{write_geojson(s, filters, path)} events"
        if fmt == "graphml":
            from sitrep.export.graphml import write_graphml

            nodes, edges = write_graphml(s, filters, path)
            return f"{nodes} actors, {edges} edges"
        if fmt == "jsonl":
            from sitrep.export.jsonl import write_jsonl

            return f"{write_jsonl(s, filters, path)} documents"
        if fmt == "parquet":
            from sitrep.export.parquet import write_parquet

            return f"{write_parquet(s, filters, path)} events"
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
