"""PLOVER gold-standard records: one sentence each, coded with a PLOVER type and source/target
actors with CAMEO country codes (a loose JSON array: trailing commas are allowed).

sitrep's answer for a sentence is its event with a PLOVER type, current before background,
then the most confident. Scored: PLOVER type accuracy, and whether the country of actor1 is
one of the gold source countries and the country of actor2 one of the gold target countries
(over the sides whose gold has a country code; IGO, NGO and other non-state codes are skipped).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from sitrep.evaluation import scoring
from sitrep.evaluation.common import (
    EvalInputError, Pipe, Progress, evaluate_with, clip, content_key, doc_brief, event_brief, find_file, select, mapping,
)
from sitrep.evaluation.report import EvalReport
from sitrep.ingest.article import make_article
from sitrep.knowledge.countries import Countries
from sitrep.model import Document, Event, PloverType

NAME = "plover"
# Its folder in the shared development data (../shared/data), where there is one.
DEV_SET = 'plover-gsr'
SUMMARY = "PLOVER gold-standard records (JSON): PLOVER type and actor countries per sentence"
NO_EVENT = "(no event)"
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")


@dataclass
class Item:
    id: str
    text: str
    label: str  # as coded in the file
    gold: str  # in sitrep's 16-type PLOVER
    source_countries: frozenset[str]
    target_countries: frozenset[str]


def load(path: str | Path, limit: int | None = None, split: str = "all") -> list[Item]:
    f = find_file(path, "PLOVER gold-standard", ("*.txt", "*.json"), "records file")
    raw = f.read_text(encoding="utf-8-sig")
    try:
        records = json.loads(_TRAILING_COMMA.sub(r"\1", raw))
    except json.JSONDecodeError as exc:
        raise EvalInputError(f"{f} is not a JSON array of records (line {exc.lineno}: {exc.msg}).") from None
    if not isinstance(records, list):
        raise EvalInputError(f"{f} must hold a JSON array of PLOVER records.")
    table = mapping("plover")
    renamed, skip = table["types"], set(table["skip_types"])
    known = set(get_args(PloverType))
    items = []
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict) or rec.get("event") in skip:
            continue
        label, text = rec.get("event"), rec.get("text")
        if not label or not isinstance(text, str) or not text.strip():
            raise EvalInputError(f"{f} record {n} ({rec.get('id')}) lacks an event type or a text.")
        gold = renamed.get(label, label)
        if gold not in known:
            raise EvalInputError(
                f"{f} record {n} ({rec.get('id')}): event type {label!r} is neither PLOVER nor a known "
                "older PLOVER name; add it to knowledge/data/evaluation/plover.yaml."
            )
        items.append(Item(id=str(rec.get("id") or content_key(text)), text=text, label=label, gold=gold,
                          source_countries=_countries(rec.get("source")),
                          target_countries=_countries(rec.get("target"))))
    if not items:
        raise EvalInputError(f"{f} holds no PLOVER event records.")
    return select(items, NAME, split, limit)


def _countries(actors) -> frozenset[str]:
    if not isinstance(actors, list):  # "" or a stray string where no actor was coded
        return frozenset()
    cameo = mapping("plover")["cameo_countries"]
    countries = Countries.load()
    out = set()
    for a in actors:
        code = str(a.get("code") or "").upper() if isinstance(a, dict) else ""
        code = cameo.get(code, code)
        c = countries.get(code) if len(code) == 3 else None
        if c is not None and c.iso3 == code:
            out.add(code)
    return frozenset(out)


def pick(doc: Document) -> Event | None:
    typed = [e for e in doc.events if e.plover is not None]
    return max(typed, key=lambda e: (e.status == "current", e.confidence)) if typed else None


def _country(doc: Document, entity_id: str | None) -> str | None:
    ent = doc.entity(entity_id) if entity_id else None
    return ent.country if ent is not None else None


def evaluate(path: str | Path, extractor: Pipe, limit: int | None = None,
             progress: Progress | None = None, split: str = "all") -> EvalReport:
    return evaluate_with(path, extractor, limit, progress, split=split, load=load, score=score,
                         article=lambda it: make_article(it.text, id=it.id, origin=f"record {it.id}"))


def score(items: list[Item], docs: list[Document], path: str = "") -> EvalReport:
    report = EvalReport(dataset=NAME, path=path, n=len(items))
    gold, pred = [], []
    sides = {"source": [0, 0], "target": [0, 0]}  # [agree, gold sides with a country]
    for it, doc in zip(items, docs):
        ev = pick(doc)
        p = ev.plover.type if ev is not None else NO_EVENT
        gold.append(it.gold)
        pred.append(p)
        got = {"source": _country(doc, ev.actor1) if ev else None,
               "target": _country(doc, ev.actor2) if ev else None}
        want = {"source": it.source_countries, "target": it.target_countries}
        wrong = [] if p == it.gold else ["type"]
        for side in sides:
            if want[side]:
                sides[side][1] += 1
                if got[side] in want[side]:
                    sides[side][0] += 1
                else:
                    wrong.append(f"{side} country")
        if wrong:
            report.errors.append({
                "id": it.id, "wrong": wrong, "text": clip(it.text),
                "gold": {"type": it.gold, "coded_as": it.label, "source_countries": sorted(it.source_countries),
                         "target_countries": sorted(it.target_countries)},
                "sitrep": {"type": p, "actor1_country": got["source"], "actor2_country": got["target"],
                           "event": event_brief(doc, ev), "events": doc_brief(doc)},
            })
    report.add("PLOVER type accuracy", scoring.accuracy(gold, pred), len(gold))
    agree = sides["source"][0] + sides["target"][0]
    total = sides["source"][1] + sides["target"][1]
    report.add("actor country agreement (source and target sides)", scoring.ratio(agree, total), total)
    report.add("source country = actor1 country", scoring.ratio(*sides["source"]), sides["source"][1])
    report.add("target country = actor2 country", scoring.ratio(*sides["target"]), sides["target"][1])
    report.add("sentences with a PLOVER event", scoring.ratio(sum(p != NO_EVENT for p in pred), len(pred)), len(pred))
    report.per_class["plover"] = {k: v.as_dict() for k, v in scoring.per_class(gold, pred).items()}
    report.confusion["plover"] = scoring.confusion(gold, pred)
    return report
