"""ACLED exports: one coded event a row (`event_date`, `event_type`, `sub_event_type`, `actor1`,
`actor2`, `admin1`, `latitude`, `longitude`, `fatalities`, `notes`, ...), as ACLED publishes
them. Analysts with an ACLED licence can score sitrep on their own exports.

sitrep reads `notes` with `event_date` as the publication date; its answer is the current event
with a sub-event type it is most sure of. Actor names are compared after
`sitrep.knowledge.names.name_key`, and without direction: ACLED's actor1/actor2 are not
attacker/defender, so a gold actor matches either of sitrep's two.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sitrep.evaluation import scoring
from sitrep.evaluation.common import (
    EvalInputError, Pipe, Progress, evaluate_with, actor_name, content_key, check_columns, clip, doc_brief, event_brief, find_file,
    select, top_typed_event,
)
from sitrep.evaluation.report import EvalReport
from sitrep.ingest.article import make_article
from sitrep.knowledge.names import name_key
from sitrep.model import Document

NAME = "acled"
# Its folder in the shared development data (../shared/data), where there is one.
DEV_SET = None
SUMMARY = "ACLED export CSV: event type, sub-event type, actors, admin1, distance, fatalities from notes"
COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1",
           "latitude", "longitude", "fatalities", "notes")
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


@dataclass
class Item:
    id: str
    notes: str
    published: date
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    admin1: str
    lat: float | None
    lon: float | None
    fatalities: int


def load(path: str | Path, limit: int | None = None, split: str = "all") -> list[Item]:
    f = find_file(path, "ACLED", ("*.csv",), "export CSV")
    items = []
    with f.open(encoding="utf-8-sig", newline="") as fh:
        # ACLED's own exports are comma-separated; some tools re-save them with semicolons.
        sample = fh.read(4096)
        fh.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.DictReader(fh, delimiter=delimiter)
        check_columns(reader.fieldnames, COLUMNS, f, "ACLED export")
        for line, row in enumerate(reader, 2):
            where = f"{f} line {line} ({row.get('event_id_cnty') or 'no event_id_cnty'})"
            if not (row["notes"] or "").strip():
                raise EvalInputError(f"{where}: empty notes; sitrep reads the notes, so every row needs them.")
            rid = row.get("event_id_cnty") or content_key(row["notes"])
            try:
                fatalities = int(float(row["fatalities"] or 0))
            except ValueError:
                raise EvalInputError(f"{where}: fatalities {row['fatalities']!r} is not a number.") from None
            items.append(Item(
                id=rid, notes=row["notes"], published=_date(row["event_date"], where),
                event_type=(row["event_type"] or "").strip(), sub_event_type=(row["sub_event_type"] or "").strip(),
                actor1=(row["actor1"] or "").strip(), actor2=(row["actor2"] or "").strip(),
                admin1=(row["admin1"] or "").strip(), lat=_float(row["latitude"], where),
                lon=_float(row["longitude"], where), fatalities=fatalities,
            ))
    if not items:
        raise EvalInputError(f"{f} has a header but no events.")
    return select(items, NAME, split, limit)


def _date(text: str, where: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime((text or "").strip(), fmt).date()
        except ValueError:
            continue
    raise EvalInputError(f"{where}: cannot read event_date {text!r}; ACLED writes e.g. 02 December 2024 or 2024-12-02.")


def _float(text: str, where: str) -> float | None:
    if not (text or "").strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise EvalInputError(f"{where}: coordinate {text!r} is not a number.") from None


def evaluate(path: str | Path, extractor: Pipe, limit: int | None = None,
             progress: Progress | None = None, split: str = "all") -> EvalReport:
    return evaluate_with(path, extractor, limit, progress, split=split, load=load, score=score,
                         article=lambda it: make_article(it.notes, id=it.id, published=it.published, origin=it.id))


def score(items: list[Item], docs: list[Document], path: str = "") -> EvalReport:
    report = EvalReport(dataset=NAME, path=path, n=len(items))
    ev_ok = sub_ok = a1_ok = fat_ok = 0
    a2 = [0, 0]
    adm = [0, 0]
    dists: list[float] = []
    abs_err: list[int] = []
    gold_sub, pred_sub = [], []
    for it, doc in zip(items, docs):
        ev = top_typed_event(doc)
        names = {name_key(n) for n in (actor_name(doc, ev.actor1), actor_name(doc, ev.actor2)) if n} if ev else set()
        wrong = []
        if ev is not None and ev.event_type == it.event_type:
            ev_ok += 1
        else:
            wrong.append("event_type")
        p_sub = ev.sub_event_type if ev is not None else "(no event)"
        gold_sub.append(it.sub_event_type)
        pred_sub.append(p_sub)
        if p_sub == it.sub_event_type:
            sub_ok += 1
        else:
            wrong.append("sub_event_type")
        if it.actor1 and name_key(it.actor1) in names:
            a1_ok += 1
        else:
            wrong.append("actor1")
        if it.actor2:
            a2[1] += 1
            if name_key(it.actor2) in names:
                a2[0] += 1
            else:
                wrong.append("actor2")
        if it.admin1:
            adm[1] += 1
            if ev is not None and ev.location.admin1 and name_key(ev.location.admin1) == name_key(it.admin1):
                adm[0] += 1
            else:
                wrong.append("admin1")
        loc = ev.location if ev is not None else None
        dist = None
        if it.lat is not None and it.lon is not None and loc is not None and loc.lat is not None and loc.lon is not None:
            dist = scoring.km(it.lat, it.lon, loc.lat, loc.lon)
            dists.append(dist)
        toll = (ev.fatalities or 0) if ev is not None else 0
        abs_err.append(abs(toll - it.fatalities))
        if toll == it.fatalities:
            fat_ok += 1
        else:
            wrong.append("fatalities")
        if wrong:
            report.errors.append({
                "id": it.id, "wrong": wrong, "text": clip(it.notes),
                "gold": {"event_date": it.published.isoformat(), "event_type": it.event_type,
                         "sub_event_type": it.sub_event_type, "actor1": it.actor1, "actor2": it.actor2,
                         "admin1": it.admin1, "latitude": it.lat, "longitude": it.lon, "fatalities": it.fatalities},
                "sitrep": {"event": event_brief(doc, ev), "km": None if dist is None else round(dist, 1),
                           "events": doc_brief(doc)},
            })
    n = len(items)
    with_point = sum(1 for it in items if it.lat is not None and it.lon is not None)
    report.add("event type accuracy", scoring.ratio(ev_ok, n), n)
    report.add("sub-event type accuracy", scoring.ratio(sub_ok, n), n)
    report.add("actor1 name match", scoring.ratio(a1_ok, n), n, note="either of sitrep's two actors")
    report.add("actor2 name match", scoring.ratio(*a2), a2[1], note="rows with a gold actor2")
    report.add("admin1 accuracy", scoring.ratio(*adm), adm[1], note="rows with a gold admin1")
    report.add("median distance to the gold point", scoring.median(dists), len(dists), unit="km")
    report.add("mean distance to the gold point", scoring.mean(dists), len(dists), unit="km")
    report.add("rows with a gold point but no sitrep point", with_point - len(dists), with_point, unit="count")
    report.add("fatalities exact", scoring.ratio(fat_ok, n), n)
    report.add("fatalities mean absolute error", scoring.mean(abs_err), n, unit="deaths")
    report.per_class["sub_event_type"] = {k: v.as_dict() for k, v in scoring.per_class(gold_sub, pred_sub).items()}
    report.confusion["sub_event_type"] = scoring.confusion(gold_sub, pred_sub)
    return report
