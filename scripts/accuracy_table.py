#!/usr/bin/env python
"""Score every shared dev set on its tune and its check half and print one markdown table:
set | measure | tune | check | gap (tune - check).

    python scripts/accuracy_table.py                      # all sets, ../shared/data
    python scripts/accuracy_table.py --sets fakes,ucdp --json after.json
    python scripts/accuracy_table.py --compare before.json  # adds the before columns

The extractor is loaded once; each set is read twice (tune, then check), so the whole run
extracts every article once. Only numbers go to stdout, in a fixed order, so two runs of the
same code print the same table; progress and timing go to stderr. Error cases are not printed:
tune's are what `sitrep eval --split tune --errors FILE` is for, check's are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from sitrep.evaluation import ADAPTERS, EvalReport, re3d
from sitrep.evaluation.report import format_value

REPO = Path(__file__).resolve().parents[1]
# Set name -> folder under the shared data, in the order of the table.
SETS = {name: m.DEV_SET for name, m in ADAPTERS.items() if m.DEV_SET}
# Measures of the other system re3d scores beside sitrep (bare spaCy): not sitrep's numbers.
SKIP_PREFIXES = ("spaCy ",)
BY_COUNTRY = "_by_country"
Numbers = dict[str, dict[str, dict[str, Any]]]  # set -> split -> {"n": items, measure: [value, unit]}


def measure(sets: list[str], data: Path) -> Numbers:
    from sitrep.document import Extractor
    from sitrep.nlp.pipeline import load_base

    extractor, bare = Extractor(), None
    out: Numbers = {}
    for name in sets:
        out[name] = {}
        for split in ("tune", "check"):
            started = time.perf_counter()
            if ADAPTERS[name] is re3d:
                bare = bare or load_base()
                report = re3d.evaluate(data / SETS[name], extractor, split=split, bare_nlp=bare)
            else:
                report = ADAPTERS[name].evaluate(data / SETS[name], extractor, split=split)
            out[name][split] = _numbers(report)
            print(f"{name} {split}: {report.n} items, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return out


def _numbers(report: EvalReport) -> dict[str, Any]:
    row: dict[str, Any] = {"n": report.n}
    for s in report.metrics:
        if not s.name.startswith(SKIP_PREFIXES):
            row[s.name] = [s.value, s.unit]
    if "by country" in report.per_class:  # ucdp: kept in --json, too long for the table
        row[BY_COUNTRY] = report.per_class["by country"]
    return row


def gap(tune: float | None, check: float | None, unit: str) -> str:
    if tune is None or check is None:
        return "–"
    d = tune - check
    return f"{d:+.3f}" if unit == "ratio" else f"{d:+.1f}"


def table(now: Numbers, before: Numbers | None = None) -> str:
    head = ["set", "measure"] + (["tune before", "check before"] if before else []) + ["tune", "check", "gap"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, halves in now.items():
        tune, check = halves["tune"], halves["check"]
        label = f"{name} (tune {tune['n']} / check {check['n']})"
        for m in (k for k in tune if k not in ("n", BY_COUNTRY)):
            (tv, unit), (cv, _) = tune[m], check.get(m, [None, None])
            cells = [label, m]
            if before:
                old = before.get(name, {})
                cells += [format_value((old.get(s, {}).get(m) or [None])[0], unit) for s in ("tune", "check")]
            cells += [format_value(tv, unit), format_value(cv, unit), gap(tv, cv, unit)]
            lines.append("| " + " | ".join(cells) + " |")
            label = ""
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of: {', '.join(SETS)}")
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the shared data folder")
    ap.add_argument("--json", type=Path, help="also write the numbers here (for --compare later)")
    ap.add_argument("--compare", type=Path, help="numbers of an earlier run (--json) to show beside")
    args = ap.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        ap.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(SETS)}")
    missing = [str(args.data / SETS[s]) for s in sets if not (args.data / SETS[s]).exists()]
    if missing:
        ap.error(f"not found: {', '.join(missing)} (give the shared data folder with --data)")
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    now = measure(sets, args.data)
    if args.json:
        args.json.write_text(json.dumps(now, indent=1) + "\n", encoding="utf-8")
    print(table(now, before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
