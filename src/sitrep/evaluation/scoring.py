"""The measures every adapter reports: accuracy, per-class precision/recall/F1 with macro and
weighted averages, a confusion matrix, span precision/recall/F1, and great-circle distance.

Small and dependency-free on purpose: the formulas are the textbook ones (weighted F1 weights
each class by its gold support, as scikit-learn's `average="weighted"` does), so a reader can
check a score by hand.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence


def ratio(num: float, den: float) -> float | None:
    """num/den, or None when there is nothing to divide by (a score over no items is unknown,
    not zero)."""
    return num / den if den else None


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float | None:
    _same_length(gold, predicted)
    return ratio(sum(g == p for g, p in zip(gold, predicted)), len(gold))


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        # F1 = 2TP / (2TP + FP + FN): defined as 0 when a class was neither predicted nor
        # found, so a class with gold items that is never predicted pulls the average down.
        den = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / den if den else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict:
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "support": self.support, "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }


def per_class(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Iterable[Hashable] | None = None
) -> dict[Hashable, PRF]:
    """One-vs-rest counts per label. `labels` fixes which classes are reported (default: every
    label seen in gold or predictions); items whose labels fall outside still count as false
    positives / negatives of the classes they touch."""
    _same_length(gold, predicted)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for g, p in zip(gold, predicted):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    names = list(labels) if labels is not None else sorted(set(gold) | set(predicted), key=str)
    return {label: PRF(tp[label], fp[label], fn[label]) for label in names}


def macro_f1(classes: dict[Hashable, PRF]) -> float | None:
    return ratio(sum(c.f1 for c in classes.values()), len(classes))


def weighted_f1(classes: dict[Hashable, PRF]) -> float | None:
    total = sum(c.support for c in classes.values())
    return ratio(sum(c.f1 * c.support for c in classes.values()), total)


def confusion(
    gold: Sequence[Hashable], predicted: Sequence[Hashable]
) -> dict[Hashable, dict[Hashable, int]]:
    """matrix[gold][predicted] = count, only the cells that occur."""
    _same_length(gold, predicted)
    matrix: dict[Hashable, Counter] = {}
    for g, p in zip(gold, predicted):
        matrix.setdefault(g, Counter())[p] += 1
    return {g: dict(row) for g, row in matrix.items()}


def span_prf(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> PRF:
    """Exact-match counts over two sets of spans (any hashable: (doc, start, end, type))."""
    g, p = set(gold), set(predicted)
    return PRF(len(g & p), len(p - g), len(g - p))


def overlap_prf(
    gold: Iterable[tuple[Hashable, int, int, Hashable]],
    predicted: Iterable[tuple[Hashable, int, int, Hashable]],
) -> PRF:
    """Lenient counts: a predicted (doc, start, end, type) matches one gold span of the same
    document and type that it overlaps; each gold span is matched at most once."""
    unmatched: dict[tuple, list[tuple[int, int]]] = {}
    for doc, s, e, t in sorted(set(gold), key=str):
        unmatched.setdefault((doc, t), []).append((s, e))
    tp = fp = 0
    for doc, s, e, t in sorted(set(predicted), key=str):
        pool = unmatched.get((doc, t), [])
        hit = next((i for i, (gs, ge) in enumerate(pool) if s < ge and gs < e), None)
        if hit is None:
            fp += 1
        else:
            pool.pop(hit)
            tp += 1
    fn = sum(len(v) for v in unmatched.values())
    return PRF(tp, fp, fn)


EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within(predicted: float, gold: float, relative: float) -> bool:
    """|predicted - gold| <= relative * gold (so a gold of 0 needs an exact 0)."""
    return abs(predicted - gold) <= relative * abs(gold)


def mean(values: Iterable[float]) -> float | None:
    vals = list(values)
    return ratio(sum(vals), len(vals))


def median(values: Iterable[float]) -> float | None:
    vals = sorted(values)
    if not vals:
        return None
    mid = len(vals) // 2
    return vals[mid] if len(vals) % 2 else (vals[mid - 1] + vals[mid]) / 2


def _same_length(gold: Sequence, predicted: Sequence) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
