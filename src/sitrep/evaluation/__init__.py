"""Measured accuracy on gold data: one adapter module per dataset format, shared scoring.

    from sitrep.evaluation import evaluate
    report = evaluate("fakes", "../shared/data/fakes-dev", extractor, limit=20, split="tune")

Every adapter reads the gold from the path it is given (a file or the folder holding it), keeps
one half of it (`split`: "tune", "check" or "all"; see `common.split_of`), runs the extractor
over the articles in order, and returns an `EvalReport` with the scores and every case sitrep
got wrong among the tune items (check items' errors are only counted).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from sitrep.evaluation import acled, case2021, fakes, geo, plover, re3d, ucdp
from sitrep.evaluation.common import SPLITS, EvalInputError, Pipe, Progress, split_of
from sitrep.evaluation.report import EvalReport, Score

ADAPTERS: dict[str, ModuleType] = {m.NAME: m for m in (acled, case2021, fakes, re3d, plover, ucdp, geo)}


def adapter(name: str) -> ModuleType:
    try:
        return ADAPTERS[name]
    except KeyError:
        raise EvalInputError(f"unknown dataset {name!r}; choose one of: {', '.join(ADAPTERS)}.") from None


def evaluate(name: str, path: str | Path, extractor: Pipe, limit: int | None = None,
             progress: Progress | None = None, split: str = "all") -> EvalReport:
    return adapter(name).evaluate(path, extractor, limit=limit, progress=progress, split=split)


__all__ = ["ADAPTERS", "SPLITS", "EvalInputError", "EvalReport", "Score", "adapter", "evaluate", "split_of"]
