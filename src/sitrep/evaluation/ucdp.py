"""UCDP-AEC: news articles each aligned to one UCDP GED event (JSON Lines: `id`, `text`,
`published` "YYYY-MM-DD HH:MM", `gold` with `side_a`, `side_b`, `low`, `high`, `country`,
`adm_1`, `date_start`, `date_end`, ...).

sitrep reads the text with the article date as publication date. Its main event is chosen as for
FA-KES (the current event with the most fatalities, else the first current violent event) and
scored against the GED event: its fatalities within [low, high] (none reported counts as 0), its
country and admin1, the UCDP sides among its actor1/actor2, UCDP's type of violence read from the
sides against the same reading of its actors, and its start date within a day of the GED dates.
Names are compared as `ucdp_names` says.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitrep.evaluation import common, scoring, ucdp_names as names
from sitrep.evaluation.common import (
    EvalInputError, Pipe, Progress, clip, doc_brief, evaluate_with, event_brief, find_file, select,
)
from sitrep.evaluation.report import EvalReport
from sitrep.ingest.article import make_article
from sitrep.knowledge.actors import ActorKB
from sitrep.knowledge.gazetteer import Gazetteer
from sitrep.model import Document, Entity, Event

NAME = "ucdp"
# Its folder in the shared development data (../shared/data), where there is one.
DEV_SET = 'ucdp-aec-dev'
SUMMARY = ("UCDP-AEC JSON Lines (article + GED event): deaths in range, country, admin1, sides as "
           "actor1/actor2, type of violence, date")
GOLD_KEYS = ("side_a", "side_b", "low", "high", "country", "adm_1", "date_start", "date_end")
# Countries with at least this many scored items get their own line in the JSON report.
COUNTRY_MIN_ITEMS = 15
DATE_MARGIN = timedelta(days=1)


@dataclass
class Item:
    id: int
    text: str
    published: date
    side_a: str
    side_b: str
    low: int
    high: int
    country: str
    iso3: str | None
    adm_1: str
    date_start: date
    date_end: date


def load(path: str | Path, limit: int | None = None, split: str = "all") -> list[Item]:
    f = find_file(path, "UCDP-AEC", ("*.jsonl",), "JSON Lines file")
    items = []
    with f.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                items.append(_item(line, f"{f} line {n}"))
    if not items:
        raise EvalInputError(f"{f} holds no articles.")
    return select(items, NAME, split, limit)


def _item(line: str, where: str) -> Item:
    try:
        row = json.loads(line)
        gold = row["gold"]
        missing = [k for k in GOLD_KEYS if k not in gold]
        if missing or not isinstance(row.get("text"), str):
            raise EvalInputError(f"{where}: a UCDP-AEC row needs an id, a text and gold {', '.join(GOLD_KEYS)}"
                                 f"{' (missing: ' + ', '.join(missing) + ')' if missing else ''}.")
        return Item(
            id=row["id"], text=row["text"], published=date.fromisoformat(str(row["published"])[:10]),
            side_a=gold["side_a"] or "", side_b=gold["side_b"] or "", low=int(gold["low"]), high=int(gold["high"]),
            country=gold["country"] or "", iso3=names.country_iso3(gold["country"] or ""),
            adm_1=" ".join((gold["adm_1"] or "").split()), date_start=date.fromisoformat(gold["date_start"]),
            date_end=date.fromisoformat(gold["date_end"]),
        )
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise EvalInputError(f"{where} is not a UCDP-AEC row ({type(exc).__name__}: {exc}).") from None


def evaluate(path: str | Path, extractor: Pipe, limit: int | None = None,
             progress: Progress | None = None, split: str = "all") -> EvalReport:
    return evaluate_with(path, extractor, limit, progress, split=split, load=load, score=score,
                         article=lambda it: make_article(it.text, id=str(it.id), published=it.published,
                                                         origin=f"UCDP event {it.id}"))


# --------------------------------------------------------------------------- one item

def main_event(doc: Document) -> Event | None:
    return common.main_event(doc, names.table()["violent_event_types"])


def _start(event: Event | None) -> date | None:
    if event is None or not event.date.start:
        return None
    try:
        return date.fromisoformat(event.date.start[:10])
    except ValueError:
        return None


def judge(it: Item, doc: Document, kb: ActorKB, gazetteer=None) -> dict[str, Any]:
    """Every measure for one article: name -> True/False, or None where the gold has no value."""
    ev = main_event(doc)
    a1 = doc.entity(ev.actor1) if ev is not None and ev.actor1 else None
    a2 = doc.entity(ev.actor2) if ev is not None and ev.actor2 else None
    deaths = (ev.fatalities or 0) if ev is not None else 0
    start = _start(ev)
    side = {k: names.side_matches(s, a, kb) for k, s, a in
            (("a1", it.side_a, a1), ("a2", it.side_a, a2), ("b1", it.side_b, a1), ("b2", it.side_b, a2))}
    loc = ev.location if ev is not None else None
    return {
        "violent event found": ev is not None,
        "deaths within [low, high]": it.low <= deaths <= it.high,
        "country": names.country_matches(it.iso3, loc.country if loc else None) if it.iso3 else None,
        "admin1": (names.admin1_matches(names.admin1_forms(it.iso3, it.adm_1, gazetteer), loc.admin1 if loc else None)
                   if it.adm_1 else None),
        "side_a is actor1": side["a1"],
        "side_b is actor2": side["b2"],
        "side_a among actor1, actor2": side["a1"] or side["a2"],
        "side_b among actor1, actor2": side["b1"] or side["b2"],
        "both sides as actor1, actor2 (either order)": (side["a1"] and side["b2"]) or (side["a2"] and side["b1"]),
        "type of violence": names.gold_violence_type(it.side_a, it.side_b) == names.sitrep_violence_type(a1, a2),
        "date within a day of the GED dates": start is not None and (
            it.date_start - DATE_MARGIN <= start <= it.date_end + DATE_MARGIN),
        # The facts behind the verdicts, for the errors file and the confusion matrix.
        "_event": ev, "_deaths": deaths, "_actors": (a1, a2), "_start": start,
    }


# --------------------------------------------------------------------------- scoring

def score(items: list[Item], docs: list[Document], path: str = "") -> EvalReport:
    kb, gazetteer = ActorKB.load(), Gazetteer.load()
    report = EvalReport(dataset=NAME, path=path, n=len(items))
    verdicts = [judge(it, doc, kb, gazetteer) for it, doc in zip(items, docs)]
    for measure, (ok, n) in _tally(verdicts).items():
        report.add(measure, scoring.ratio(ok, n), n, note="" if n == len(items) else "items whose gold has it")
    fallback = sum(1 for v in verdicts if not v["date within a day of the GED dates"]
                   and v["_event"] is not None and not v["_event"].date.text)
    report.add("date misses dated by the publication date alone", fallback, len(items), unit="count",
               note="no date words in the text for the main event")
    gold_type = [names.gold_violence_type(it.side_a, it.side_b) for it in items]
    pred_type = [names.sitrep_violence_type(*v["_actors"]) for v in verdicts]
    report.confusion["type of violence"] = scoring.confusion(gold_type, pred_type)
    report.per_class["type of violence"] = {
        k: prf.as_dict() for k, prf in scoring.per_class(gold_type, pred_type).items()}
    report.per_class["by country"] = _by_country(items, verdicts)
    for it, doc, v, g, p in zip(items, docs, verdicts, gold_type, pred_type):
        wrong = [m for m, ok in v.items() if not m.startswith("_") and ok is False]
        if wrong:
            report.errors.append(_case(it, doc, v, wrong, g, p))
    return report


def _tally(verdicts: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """measure -> (right, scored), over the items whose gold has the measure."""
    out: dict[str, tuple[int, int]] = {}
    for measure in (m for m in (verdicts[0] if verdicts else {}) if not m.startswith("_")):
        scored = [v[measure] for v in verdicts if v[measure] is not None]
        out[measure] = (sum(scored), len(scored))
    return out


def _by_country(items: list[Item], verdicts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The measures per GED country, for the countries with enough items to say something."""
    counts = Counter(it.country for it in items)
    out = {}
    for country, n in counts.most_common():
        if n < COUNTRY_MIN_ITEMS:
            continue
        mine = [v for it, v in zip(items, verdicts) if it.country == country]
        out[country] = {"n": n, **{m: scoring.ratio(ok, k) for m, (ok, k) in _tally(mine).items()}}
    return out


def _case(it: Item, doc: Document, v: dict[str, Any], wrong: list[str], gold_type: str, pred_type: str) -> dict:
    a1, a2 = v["_actors"]
    return {
        "id": it.id, "wrong": wrong, "text": clip(it.text),
        "gold": {"side_a": it.side_a, "side_b": it.side_b, "low": it.low, "high": it.high,
                 "country": it.country, "adm_1": it.adm_1, "date_start": it.date_start.isoformat(),
                 "date_end": it.date_end.isoformat(), "type_of_violence": gold_type},
        "sitrep": {"deaths": v["_deaths"], "actor1": _who(a1), "actor2": _who(a2),
                   "type_of_violence": pred_type, "date": v["_start"] and v["_start"].isoformat(),
                   "main_event": event_brief(doc, v["_event"]), "events": doc_brief(doc)},
    }


def _who(ent: Entity | None) -> dict[str, Any] | None:
    return None if ent is None else {"id": ent.id, "name": ent.name, "kind": ent.kind, "country": ent.country}
