"""CASE 2021 Task 2: one news snippet, one label (`id`, `EventSnippet`, `SubType` TSV).

sitrep's answer for a snippet is the sub-event type of its current event with the highest
confidence; no current event with a sub-event type means "no event". The 25 conflict labels
are scored against ACLED sub-event types; the five non-conflict labels expect no event.
Per-class scores are counted over every snippet (a sub-event type given to a non-conflict
snippet is a false positive of that type) and averaged over the 25 ACLED classes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sitrep.evaluation import scoring
from sitrep.evaluation.common import (
    EvalInputError, Pipe, Progress, evaluate_with, check_columns, clip, doc_brief, find_file, select, mapping,
    top_typed_event,
)
from sitrep.evaluation.report import EvalReport
from sitrep.ingest.article import make_article
from sitrep.model import SUB_EVENT_TO_TYPE, Document

NAME = "case2021"
# Its folder in the shared development data (../shared/data), where there is one.
DEV_SET = 'case2021-task2-dev'
SUMMARY = "CASE 2021 Task 2 TSV (id, EventSnippet, SubType): sub-event type of each snippet"
NO_EVENT = "(no event)"
COLUMNS = ("id", "EventSnippet", "SubType")


@dataclass
class Item:
    id: str
    text: str
    label: str
    # ACLED sub-event type, or NO_EVENT for the non-conflict labels.
    gold: str


def load(path: str | Path, limit: int | None = None, split: str = "all") -> list[Item]:
    table = mapping("case2021")
    labels: dict[str, str] = table["labels"]
    non_conflict = set(table["non_conflict"])
    f = find_file(path, "CASE 2021 Task 2", ("*.tsv",), "TSV file")
    items = []
    with f.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        check_columns(reader.fieldnames, COLUMNS, f, "CASE 2021 Task 2")
        for line, row in enumerate(reader, 2):
            label = (row["SubType"] or "").strip()
            if label in labels:
                gold = labels[label]
            elif label in non_conflict:
                gold = NO_EVENT
            else:
                raise EvalInputError(
                    f"{f} line {line}: unknown SubType {label!r}; expected one of the 30 CASE 2021 "
                    "Task 2 labels (e.g. ARMED_CLASH, AIR_STRIKE, DIPLO)."
                )
            items.append(Item(id=row["id"], text=row["EventSnippet"] or "", label=label, gold=gold))
    if not items:
        raise EvalInputError(f"{f} has a header but no snippets.")
    return select(items, NAME, split, limit)


def predict(doc: Document) -> str:
    event = top_typed_event(doc)
    return event.sub_event_type if event is not None else NO_EVENT


def evaluate(path: str | Path, extractor: Pipe, limit: int | None = None,
             progress: Progress | None = None, split: str = "all") -> EvalReport:
    return evaluate_with(path, extractor, limit, progress, split=split, load=load, score=score,
                         article=lambda it: make_article(it.text, id=it.id, origin=f"snippet {it.id}"))


def score(items: list[Item], docs: list[Document], path: str = "") -> EvalReport:
    gold = [it.gold for it in items]
    pred = [predict(d) for d in docs]
    acled_classes = list(mapping("case2021")["labels"].values())
    classes = scoring.per_class(gold, pred, labels=acled_classes)
    # Average only over the classes that occur in the gold, so a --limit sample or a set that
    # lacks a class is not charged an F1 of 0 for a class it could not contain.
    present = {c: prf for c, prf in classes.items() if prf.support}
    conflict = [(g, p) for g, p in zip(gold, pred) if g != NO_EVENT]
    quiet = [p for g, p in zip(gold, pred) if g == NO_EVENT]
    report = EvalReport(dataset=NAME, path=path, n=len(items))
    report.add("weighted F1 (25 ACLED sub-types)", scoring.weighted_f1(present), len(conflict))
    report.add("macro F1 (25 ACLED sub-types)", scoring.macro_f1(present), len(present),
               note="n = classes present in the gold")
    report.add("accuracy (conflict snippets)", scoring.accuracy(*_unzip(conflict)), len(conflict))
    report.add("accuracy (all snippets)", scoring.accuracy(gold, pred), len(gold),
               note="non-conflict snippets count as right when sitrep finds no event")
    report.add("no conflict event on non-conflict snippets",
               scoring.ratio(sum(p == NO_EVENT for p in quiet), len(quiet)), len(quiet))
    coarse = [(SUB_EVENT_TO_TYPE[g], SUB_EVENT_TO_TYPE.get(p, NO_EVENT)) for g, p in conflict]
    report.add("event type accuracy (conflict snippets)", scoring.accuracy(*_unzip(coarse)), len(coarse))
    report.per_class["sub_event_type"] = {c: prf.as_dict() for c, prf in classes.items()}
    report.confusion["sub_event_type"] = scoring.confusion(gold, pred)
    for it, doc, p in zip(items, docs, pred):
        if p != it.gold:
            report.errors.append({
                "id": it.id, "text": clip(it.text), "gold": {"label": it.label, "sub_event_type": it.gold},
                "sitrep": {"sub_event_type": p, "events": doc_brief(doc)},
            })
    return report


def _unzip(pairs):
    return [a for a, _ in pairs], [b for _, b in pairs]
