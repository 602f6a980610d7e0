"""Geoparsing gold (GeoVirus's shape, JSON Lines): one article per line,
`{"id", "text", "toponyms": [{"start", "end", "name", "lat", "lon", "page"}]}`, offsets 0-based and
end-exclusive into `text`.

Measures of Gritta, Pilehvar and Collier, "A Pragmatic Guide to Geoparsing Evaluation" (2019):
recognition precision/recall/F1 by span overlap (a predicted toponym matches one gold toponym it
overlaps), and for the recognised toponyms the distance from sitrep's point to the gold point:
acc@161 (the share within 161 km, 100 miles), mean and median km, and the AUC of the sorted
log(1 + km) curve normalised by log(20039 km), the greatest distance on Earth (0 is perfect, 1
is always at the antipode).

What sitrep counts as a toponym: every mention in `places[]` except a demonym ("the Turkish
minister"): the gold annotates place names, including names used for a government ("France
condemned"), as a modifier ("UK officials") or inside an organisation's name, but not adjectives.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from sitrep.evaluation import scoring
from sitrep.evaluation.common import EvalInputError, Pipe, Progress, clip, evaluate_with, find_file, select
from sitrep.evaluation.report import EvalReport
from sitrep.ingest.article import make_article
from sitrep.model import Document

NAME = "geo"
DEV_SET = "geovirus-dev"
SUMMARY = ("geoparsing JSON Lines (GeoVirus's shape: text + toponym spans with gold points): recognition "
           "P/R/F1 by overlap, acc@161, mean/median km and AUC on recognised toponyms")
ACC_KM = 161.0
# Half the Earth's circumference: no two points are further apart (Gritta et al. use 20039 km).
MAX_KM = 20039.0
# Roles of a place mention that are not toponyms in the gold's sense.
NOT_TOPONYMS = frozenset({"demonym"})


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    page: str | None = None


@dataclass
class Item:
    id: str
    text: str
    toponyms: list[Toponym]


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    text: str
    place_id: str
    name: str
    lat: float | None
    lon: float | None
    role: str | None
    reason: str | None


def load(path: str | Path, limit: int | None = None, split: str = "all") -> list[Item]:
    f = find_file(path, "geoparsing", ("*.jsonl",), "JSON Lines file")
    items = []
    with f.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{f} line {n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalInputError(f"{where} is not JSON ({exc.msg}); each line must be one article object.") from None
            items.append(_item(row, where))
    if not items:
        raise EvalInputError(f"{f} holds no articles.")
    return select(items, NAME, split, limit)


def _item(row: object, where: str) -> Item:
    if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
        raise EvalInputError(f"{where}: each line needs an \"id\", a \"text\" and \"toponyms\" (GeoVirus's shape).")
    text = row["text"]
    tops = []
    for t in row.get("toponyms") or []:
        try:
            top = Toponym(int(t["start"]), int(t["end"]), str(t["name"]), float(t["lat"]), float(t["lon"]), t.get("page"))
        except (KeyError, TypeError, ValueError):
            raise EvalInputError(f"{where}: a toponym needs start, end, name, lat and lon; got {t!r}.") from None
        if text[top.start:top.end] != top.name:
            raise EvalInputError(
                f"{where}: toponym {top.name!r} does not match text[{top.start}:{top.end}] "
                f"= {text[top.start:top.end]!r}; offsets must be 0-based, end-exclusive.")
        tops.append(top)
    return Item(id=str(row["id"]), text=text, toponyms=tops)


def evaluate(path: str | Path, extractor: Pipe, limit: int | None = None,
             progress: Progress | None = None, split: str = "all") -> EvalReport:
    return evaluate_with(path, extractor, limit, progress, split=split, load=load, article=_article, score=score)


def _article(it: Item):
    return make_article(it.text, id=it.id, origin=f"article {it.id}")


def predicted(doc: Document) -> list[Predicted]:
    """sitrep's toponyms in a document: every place mention but demonyms, in text order."""
    out = []
    for p in doc.places:
        for m in p.mentions:
            role = getattr(m, "role", None)
            if role in NOT_TOPONYMS:
                continue
            out.append(Predicted(m.start, m.end, m.text, p.id, p.name, p.lat, p.lon, role, p.reason))
    return sorted(out, key=lambda x: (x.start, x.end))


def match(gold: list[Toponym], pred: list[Predicted]) -> tuple[list[tuple[Toponym, Predicted]], list[Toponym], list[Predicted]]:
    """Pairs by overlap, in text order, each gold and each prediction used at most once:
    (matched pairs, missed gold, predictions that match no gold)."""
    free = sorted(gold, key=lambda g: (g.start, g.end))
    pairs, extra = [], []
    for p in pred:
        hit = next((i for i, g in enumerate(free) if p.start < g.end and g.start < p.end), None)
        if hit is None:
            extra.append(p)
        else:
            pairs.append((free.pop(hit), p))
    return pairs, free, extra


def auc(errors_km: list[float]) -> float | None:
    """Area under the sorted log(1 + km) / log(20039) curve over [0, 1] (trapezoids): Gritta et
    al.'s AUC, 0 when every point is exact."""
    if not errors_km:
        return None
    ys = [math.log(1 + min(e, MAX_KM)) / math.log(MAX_KM) for e in sorted(errors_km)]
    if len(ys) == 1:
        return ys[0]
    step = 1 / (len(ys) - 1)
    return sum((a + b) / 2 * step for a, b in zip(ys, ys[1:]))


def score(items: list[Item], docs: list[Document], path: str = "") -> EvalReport:
    report = EvalReport(dataset=NAME, path=path, n=len(items))
    tp = fp = fn = 0
    errors_km: list[float] = []
    unplaced = 0
    for it, doc in zip(items, docs):
        pairs, missed, extra = match(it.toponyms, predicted(doc))
        tp, fp, fn = tp + len(pairs), fp + len(extra), fn + len(missed)
        far = []
        for g, p in pairs:
            if p.lat is None or p.lon is None:
                # A recognised name with no point is as wrong as a point can be.
                unplaced += 1
                d = MAX_KM
            else:
                d = scoring.km(g.lat, g.lon, p.lat, p.lon)
            errors_km.append(d)
            if d > ACC_KM:
                far.append({"name": g.name, "start": g.start, "gold": g.page or [g.lat, g.lon],
                            "sitrep": p.place_id, "sitrep_name": p.name, "km": round(d), "role": p.role,
                            "reason": p.reason})
        if missed or extra or far:
            report.errors.append({
                "id": it.id, "wrong": [w for w, bad in (("missed", missed), ("false place", extra), ("far", far)) if bad],
                "text": clip(it.text, 3000),
                "gold": {"missed": [{"name": g.name, "start": g.start, "page": g.page} for g in missed]},
                "sitrep": {"false_places": [{"text": p.text, "start": p.start, "place": p.place_id, "name": p.name,
                                             "role": p.role} for p in extra],
                           "far": far},
            })
    prf = scoring.PRF(tp, fp, fn)
    n = len(errors_km)
    report.add("recognition precision (overlap)", prf.precision, tp + fp)
    report.add("recognition recall (overlap)", prf.recall, tp + fn)
    report.add("recognition F1 (overlap)", prf.f1 if tp + fp + fn else None, tp + fp + fn)
    report.add("acc@161 (recognised toponyms)", scoring.ratio(sum(e <= ACC_KM for e in errors_km), n), n)
    report.add("AUC of log error (recognised; lower is better)", auc(errors_km), n)
    report.add("mean error (recognised)", scoring.mean(errors_km), n, unit="km")
    report.add("median error (recognised)", scoring.median(errors_km), n, unit="km")
    if unplaced:
        report.notes.append(f"{unplaced} recognised toponym(s) had no point and count as {MAX_KM:.0f} km off")
    return report
