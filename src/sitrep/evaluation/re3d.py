"""re3d: conflict documents with entity spans and relations (one folder per source, each with
`documents.json`, `entities.json`, `relations.json`: JSON lines with a UTF-8 BOM).

Scored: Organisation / Location / Person spans, sitrep (entities + places) beside spaCy's bare
NER on the same text, and the recall of `FightingAgainst` pairs as actor1/actor2 of one event.
Spans are compared exactly and, leniently, by overlap with a span of the same type; re3d marks
whole noun phrases, so sitrep's mentions are compared by their `phrase` when they have one. Nested gold
spans are flattened to the outermost (a flat tagger cannot give both "the Jordan Armed Forces –
Arab Army" and "Arab Army"), and so are nested predictions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from sitrep.evaluation import scoring
from sitrep.evaluation.common import EvalInputError, Pipe, Progress, clip, doc_brief, evaluate_with, select, mapping
from sitrep.evaluation.report import EvalReport
from sitrep.ingest.article import make_article, normalise_text
from sitrep.model import Document, Mention

NAME = "re3d"
# Its folder in the shared development data (../shared/data), where there is one.
DEV_SET = 're3d'
SUMMARY = "re3d folders (documents/entities/relations.json): entity spans and FightingAgainst pairs"

Span = tuple[int, int, str]  # start, end (exclusive), re3d type


@dataclass
class Item:
    id: str
    source: str
    title: str | None
    text: str  # normalised, as sitrep reads it; all offsets below index it
    spans: list[Span] = field(default_factory=list)
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def load(path: str | Path, limit: int | None = None, split: str = "all") -> list[Item]:
    root = Path(path)
    if not root.exists():
        raise EvalInputError(f"{root} does not exist. Give the re3d folder (or one of its source folders).")
    if root.is_file():
        if root.name != "documents.json":
            raise EvalInputError(
                f"{root} is a file; re3d is read from a folder holding documents.json, entities.json "
                "and relations.json (or a folder of such folders)."
            )
        root = root.parent
    folders = [root] if (root / "documents.json").is_file() else sorted(
        p.parent for p in root.glob("*/documents.json")
    )
    if not folders:
        raise EvalInputError(f"{root} holds no re3d documents.json (directly or one folder down).")
    table = mapping("re3d")
    items: list[Item] = []
    for folder in folders:
        items.extend(_load_folder(folder, set(table["types"]), float(table["min_confidence"]), table["relation"]))
    if not items:
        raise EvalInputError(f"{root}: the documents.json files hold no documents.")
    return select(items, NAME, split, limit)


def _load_folder(folder: Path, types: set[str], min_conf: float, relation: str) -> list[Item]:
    if not (folder / "entities.json").is_file():
        raise EvalInputError(f"{folder} has documents.json but no entities.json beside it.")
    docs = _json_lines(folder / "documents.json")
    ents = _json_lines(folder / "entities.json")
    rels = _json_lines(folder / "relations.json") if (folder / "relations.json").is_file() else []
    items = []
    for d in docs:
        raw = d.get("text")
        if not isinstance(raw, str) or "_id" not in d:
            raise EvalInputError(f"{folder / 'documents.json'}: every document needs an _id and a text.")
        text = normalise_text(raw)
        where = _offset_map(raw, text, f"{folder.name}/{d['_id']}")
        gold = {
            (where(e["begin"], e["end"]) + (e["type"],))
            for e in ents
            if e.get("documentId") == d["_id"] and e.get("type") in types and e.get("confidence", 1) >= min_conf
        }
        pairs = set()
        for r in rels:
            if r.get("documentId") == d["_id"] and r.get("type") == relation and r.get("confidence", 1) >= min_conf:
                a = where(r["sourceBegin"], r["sourceEnd"])
                b = where(r["targetBegin"], r["targetEnd"])
                pairs.add((min(a, b), max(a, b)))
        items.append(Item(id=d["_id"], source=folder.name, title=d.get("title"), text=text,
                          spans=sorted(outermost(gold)), pairs=sorted(pairs)))
    return items


def _json_lines(path: Path) -> list[dict[str, Any]]:
    out = []
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EvalInputError(f"{path} line {n} is not JSON ({exc.msg}); re3d files hold one JSON object a line.") from None
    return out


def _offset_map(raw: str, norm: str, origin: str):
    """Gold offsets index the raw text; sitrep's index the normalised one. Normalising only
    drops characters (BOM, CR, trailing and outer spaces) or turns control characters into
    spaces, so a left-to-right walk pairs the two."""
    to_norm: list[int] = []
    j = 0
    for ch in raw:
        to_norm.append(j)
        if j < len(norm) and (ch == norm[j] or (norm[j] == " " and (ord(ch) < 32 or ord(ch) == 127))):
            j += 1
    if j != len(norm):
        raise EvalInputError(f"{origin}: cannot align the gold offsets with the normalised text.")
    to_norm.append(j)

    def where(begin: int, end: int) -> tuple[int, int]:
        s = to_norm[begin]
        e = to_norm[end - 1] + 1 if end > begin else s
        return s, max(s, e)

    return where


def outermost(spans: Iterable[Span]) -> set[Span]:
    """Drop spans that lie strictly inside another span (of any type); identical spans of
    different types are kept."""
    spans = set(spans)
    return {
        s for s in spans
        if not any(o[0] <= s[0] and s[1] <= o[1] and (o[0], o[1]) != (s[0], s[1]) for o in spans)
    }


# --------------------------------------------------------------------------- predictions

LOCATION_ROLES = frozenset({"location", "metonym"})


def sitrep_spans(doc: Document) -> set[Span]:
    table = mapping("re3d")
    kinds: dict[str, str] = table["entity_kinds"]
    out: set[Span] = set()
    for ent in doc.entities:
        t = kinds.get(ent.kind)
        if t is None:
            continue
        out.update(_extent(m) + (t,) for m in ent.mentions)
    # re3d's Location is a place named as a place: a demonym is its Nationality type, a name
    # inside an organisation's name is part of that Organisation, and a name qualifying a noun
    # ("UK officials") is no Location mention.
    for place in doc.places:
        out.update(_extent(m) + ("Location",) for m in place.mentions if m.role in LOCATION_ROLES)
    return outermost(out)


def _extent(m: Mention) -> tuple[int, int]:
    """re3d marks whole noun phrases ("the Government of Iraq"): a mention's phrase when it has one."""
    return (m.phrase.start, m.phrase.end) if m.phrase is not None else (m.start, m.end)


def spacy_spans(sdoc) -> set[Span]:
    labels: dict[str, str] = mapping("re3d")["spacy_labels"]
    return outermost((e.start_char, e.end_char, labels[e.label_]) for e in sdoc.ents if e.label_ in labels)


def pair_found(doc: Document, pair: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    """Both sides of the pair are actor1 and actor2 (either way round) of one event: each side's
    span overlaps a mention of one of the two actors."""
    (a0, a1), (b0, b1) = pair

    def touches(entity_id: str | None, s: int, e: int) -> bool:
        ent = doc.entity(entity_id) if entity_id else None
        return ent is not None and any(m.start < e and s < m.end for m in ent.mentions)

    for ev in doc.events:
        x, y = ev.actor1, ev.actor2
        if x and y and ((touches(x, a0, a1) and touches(y, b0, b1)) or (touches(y, a0, a1) and touches(x, b0, b1))):
            return True
    return False


# --------------------------------------------------------------------------- scoring

def evaluate(path: str | Path, extractor: Pipe, limit: int | None = None,
             progress: Progress | None = None, split: str = "all",
             bare_nlp=None) -> EvalReport:
    """`bare_nlp`: spaCy's stock pipeline to compare with (default: the model sitrep builds on)."""
    if bare_nlp is None:
        from sitrep.nlp.pipeline import load_base

        bare_nlp = load_base()

    def score_both(items: list[Item], docs: list[Document], where: str) -> EvalReport:
        bare = [spacy_spans(s) for s in bare_nlp.pipe([it.text for it in items], batch_size=16)]
        return score(items, docs, bare, where)

    return evaluate_with(path, extractor, limit, progress, split=split, load=load, score=score_both,
                         article=lambda it: make_article(it.text, id=it.id, title=it.title,
                                                         origin=f"re3d {it.source}/{it.id}"))


def score(items: list[Item], docs: list[Document], bare: list[set[Span]], path: str = "") -> EvalReport:
    types = mapping("re3d")["types"]
    report = EvalReport(dataset=NAME, path=path, n=len(items))
    gold_all = [(it.id, s, e, t) for it in items for s, e, t in it.spans]
    systems = {
        "sitrep": [(it.id, s, e, t) for it, d in zip(items, docs) for s, e, t in sitrep_spans(d)],
        "spaCy": [(it.id, s, e, t) for it, b in zip(items, bare) for s, e, t in b],
    }
    for system, pred_all in systems.items():
        for match, fn in (("exact", scoring.span_prf), ("overlap", scoring.overlap_prf)):
            per_type = {t: fn([g for g in gold_all if g[3] == t], [p for p in pred_all if p[3] == t]) for t in types}
            for t in types:
                report.add(f"{system} {t} F1 ({match})", per_type[t].f1, per_type[t].support)
            total = sum(per_type.values(), scoring.PRF(0, 0, 0))
            report.add(f"{system} all three F1 ({match})", total.f1, total.support)
            report.per_class[f"{system} ({match})"] = {t: per_type[t].as_dict() for t in types}
    found = [pair_found(d, p) for it, d in zip(items, docs) for p in it.pairs]
    report.add("FightingAgainst pairs as actor1/actor2 of one event (recall)",
               scoring.ratio(sum(found), len(found)), len(found))
    for it, doc, b in zip(items, docs, bare):
        gold = set(it.spans)
        mine = sitrep_spans(doc)
        missed_pairs = [p for p in it.pairs if not pair_found(doc, p)]
        if gold == mine and not missed_pairs:
            continue
        quote = lambda spans: sorted(({"text": it.text[s:e], "type": t, "start": s} for s, e, t in spans),  # noqa: E731
                                     key=lambda x: x["start"])
        report.errors.append({
            "id": it.id, "source": it.source, "title": it.title, "text": clip(it.text, 4000),
            "gold": {"missed": quote(gold - mine),
                     "fighting_pairs_missed": [[it.text[a[0]:a[1]], it.text[c[0]:c[1]]] for a, c in missed_pairs]},
            "sitrep": {"spurious": quote(mine - gold), "events": doc_brief(doc)},
            "spacy": {"missed": len(gold - b), "spurious": len(b - gold)},
        })
    return report
