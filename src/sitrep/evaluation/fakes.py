"""FA-KES: Syrian-war articles with one governorate, actor class, cause of death and death toll
each (CSV: `article_title`, `article_content`, `date` M/D/YY, `location`, `actor`,
`cause_of_death`, `nb_civilians`, `nb_noncivilians`, ...).

sitrep reads title + content with the report `date` as publication date. The article's main
event is the current event with the most fatalities, else the first current violent event; it
answers the governorate, actor class, cause of death and date. The death toll is the largest
`fatalities` of any current event (none reported counts as 0).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sitrep.evaluation import common, scoring
from sitrep.evaluation.common import (
    EvalInputError, Pipe, Progress, evaluate_with, check_columns, clip, current, doc_brief, event_brief, find_file,
    select, mapping,
)
from sitrep.evaluation.report import EvalReport
from sitrep.ingest.article import make_article
from sitrep.knowledge.names import name_key
from sitrep.model import Document, Event

NAME = "fakes"
# Its folder in the shared development data (../shared/data), where there is one.
DEV_SET = 'fakes-dev'
SUMMARY = "FA-KES CSV: governorate, death toll, actor class, cause of death and date per article"
COLUMNS = ("unit_id", "article_title", "article_content", "date", "location", "actor",
           "cause_of_death", "nb_civilians", "nb_noncivilians")
UNKNOWN = "unknown"
NO_GOVERNORATE = "(none)"
TOLL_MARGIN = 0.10


@dataclass
class Item:
    id: str
    title: str
    text: str
    published: date
    governorate: str
    actor: str
    cause: str
    deaths: int


def load(path: str | Path, limit: int | None = None, split: str = "all") -> list[Item]:
    f = find_file(path, "FA-KES", ("*.csv",), "CSV file")
    items = []
    with f.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        check_columns(reader.fieldnames, COLUMNS, f, "FA-KES")
        for line, row in enumerate(reader, 2):
            where = f"{f} row {line - 1} (unit_id {row['unit_id']})"
            published = _date(row["date"], where)
            try:
                deaths = int(row["nb_civilians"] or 0) + int(row["nb_noncivilians"] or 0)
            except ValueError:
                raise EvalInputError(f"{where}: nb_civilians and nb_noncivilians must be whole numbers.") from None
            items.append(Item(
                id=row["unit_id"], title=(row["article_title"] or "").strip(), text=row["article_content"] or "",
                published=published, governorate=(row["location"] or "").strip().lower(),
                actor=(row["actor"] or "").strip().lower(), cause=(row["cause_of_death"] or "").strip().lower(), deaths=deaths,
            ))
    if not items:
        raise EvalInputError(f"{f} has a header but no articles.")
    return select(items, NAME, split, limit)


def _date(text: str | None, where: str) -> date:
    # FA-KES writes M/D/YY; a re-saved copy may have four-digit years.
    for fmt in ("%m/%d/%y", "%m/%d/%Y"):
        try:
            return datetime.strptime((text or "").strip(), fmt).date()
        except ValueError:
            continue
    raise EvalInputError(f"{where}: cannot read the date {text!r}; FA-KES writes M/D/YY, e.g. 4/5/17.")


def evaluate(path: str | Path, extractor: Pipe, limit: int | None = None,
             progress: Progress | None = None, split: str = "all") -> EvalReport:
    return evaluate_with(path, extractor, limit, progress, split=split, load=load, article=_article, score=score)


def _article(it: Item):
    # Title on the first line, as a headline: sitrep reads it as part of the report.
    text = f"{it.title}\n{it.text}" if it.title else it.text
    return make_article(text, id=it.id, title=it.title or None, published=it.published, origin=f"article {it.id}")


# --------------------------------------------------------------------------- sitrep's answers

def main_event(doc: Document) -> Event | None:
    return common.main_event(doc, mapping("fakes")["violent_event_types"])


def death_toll(doc: Document) -> int:
    return max((e.fatalities for e in current(doc) if e.fatalities is not None), default=0)


def governorate_matches(gold: str, admin1: str | None) -> bool:
    if not admin1:
        return False
    names = mapping("fakes")["governorates"].get(gold, [gold])
    return name_key(admin1) in {name_key(n) for n in names}


def actor_class(doc: Document, entity_id: str | None) -> str:
    if not entity_id:
        return UNKNOWN
    classes = mapping("fakes")["actor_classes"]
    bare = entity_id.removeprefix("kb:")
    for c in classes:
        if bare in (c.get("ids") or ()):
            return c["class"]
    for c in classes:
        if any(bare.startswith(p) for p in c.get("id_prefixes") or ()):
            return c["class"]
    ent = doc.entity(entity_id)
    if ent is not None and ent.country:
        for c in classes:
            if ent.kind in ((c.get("kinds") or {}).get(ent.country) or ()):
                return c["class"]
    return UNKNOWN


def causes(event: Event | None) -> list[str]:
    if event is None or event.sub_event_type is None:
        return [UNKNOWN]
    return mapping("fakes")["cause_of_death"].get(event.sub_event_type, [UNKNOWN])


def date_within(event: Event | None, gold: date, days: int = 1) -> bool:
    if event is None or not event.date.start:
        return False
    try:
        start = date.fromisoformat(event.date.start[:10])
    except ValueError:
        return False
    return abs(start - gold) <= timedelta(days=days)


# --------------------------------------------------------------------------- scoring

def score(items: list[Item], docs: list[Document], path: str = "") -> EvalReport:
    report = EvalReport(dataset=NAME, path=path, n=len(items))
    gov_ok = toll_exact = toll_close = actor_ok = cause_ok = date_ok = 0
    abs_errors: list[int] = []
    gold_actor, pred_actor, gold_gov, pred_gov = [], [], [], []
    for it, doc in zip(items, docs):
        ev = main_event(doc)
        admin1 = ev.location.admin1 if ev is not None else None
        toll = death_toll(doc)
        cls = actor_class(doc, ev.actor1 if ev is not None else None)
        cause = causes(ev)
        wrong = []
        if governorate_matches(it.governorate, admin1):
            gov_ok += 1
            pred_gov.append(it.governorate)
        else:
            wrong.append("governorate")
            pred_gov.append(admin1 or NO_GOVERNORATE)
        gold_gov.append(it.governorate)
        if toll == it.deaths:
            toll_exact += 1
        else:
            wrong.append("deaths")
        toll_close += scoring.within(toll, it.deaths, TOLL_MARGIN)
        abs_errors.append(abs(toll - it.deaths))
        if cls == it.actor:
            actor_ok += 1
        else:
            wrong.append("actor")
        gold_actor.append(it.actor)
        pred_actor.append(cls)
        if it.cause in cause:
            cause_ok += 1
        else:
            wrong.append("cause_of_death")
        if date_within(ev, it.published):
            date_ok += 1
        else:
            wrong.append("date")
        if wrong:
            report.errors.append({
                "id": it.id, "wrong": wrong, "title": it.title, "text": clip(it.text),
                "gold": {"governorate": it.governorate, "deaths": it.deaths, "actor": it.actor,
                         "cause_of_death": it.cause, "date": it.published.isoformat()},
                "sitrep": {"governorate": admin1, "deaths": toll, "actor": cls,
                           "actor1": ev and event_brief(doc, ev)["actor1"], "cause_of_death": cause,
                           "date": ev.date.start if ev else None,
                           "main_event": event_brief(doc, ev), "events": doc_brief(doc)},
            })
    n = len(items)
    report.add("governorate accuracy", scoring.ratio(gov_ok, n), n)
    report.add("total deaths exact", scoring.ratio(toll_exact, n), n)
    report.add("total deaths within 10%", scoring.ratio(toll_close, n), n)
    report.add("total deaths mean absolute error", scoring.mean(abs_errors), n, unit="deaths")
    report.add("total deaths median absolute error", scoring.median(abs_errors), n, unit="deaths")
    report.add("actor class accuracy", scoring.ratio(actor_ok, n), n)
    report.add("cause-of-death agreement", scoring.ratio(cause_ok, n), n)
    report.add("event date within 1 day", scoring.ratio(date_ok, n), n)
    report.per_class["actor"] = {k: v.as_dict() for k, v in scoring.per_class(gold_actor, pred_actor).items()}
    report.confusion["actor"] = scoring.confusion(gold_actor, pred_actor)
    report.confusion["governorate"] = scoring.confusion(gold_gov, pred_gov)
    return report
