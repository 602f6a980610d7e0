"""The plain result of one evaluation: what was measured, over how many items, and every case
sitrep got wrong (text, gold, what sitrep produced) so errors can be grouped by cause."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Unit = Literal["ratio", "km", "count", "deaths"]


@dataclass
class Score:
    name: str
    value: float | None
    # How many items the measure is taken over (its denominator).
    n: int
    unit: Unit = "ratio"
    note: str = ""


@dataclass
class EvalReport:
    dataset: str
    path: str
    n: int
    metrics: list[Score] = field(default_factory=list)
    # measure -> label -> {precision, recall, f1, support, tp, fp, fn}
    per_class: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    # measure -> gold label -> predicted label -> count
    confusion: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    # The wrong cases of tune items only; those of check items are counted in withheld_errors.
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float | None = None
    # "tune", "check" or "all": which half of the set `n` counts (see common.split_of).
    split: str = "all"
    withheld_errors: int = 0

    @property
    def wrong(self) -> int:
        """Items with something wrong, check items included."""
        return len(self.errors) + self.withheld_errors

    def add(self, name: str, value: float | None, n: int, unit: Unit = "ratio", note: str = "") -> None:
        self.metrics.append(Score(name, value, n, unit, note))

    def metric(self, name: str) -> Score:
        for s in self.metrics:
            if s.name == name:
                return s
        raise KeyError(f"{self.dataset} reports no measure {name!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def format_value(value: float | None, unit: str) -> str:
    """A score as the CLI and the accuracy table print it: ratios to 3 decimals, counts whole."""
    if value is None:
        return "–"
    if unit == "ratio":
        return f"{value:.3f}"
    if unit == "km":
        return f"{value:.1f} km"
    if unit == "count":
        return f"{value:g}"
    return f"{value:.1f}"
