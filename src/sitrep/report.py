"""The readable report `sitrep extract --format table` prints (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from sitrep.model import Document


def print_report(doc: Document, console: Console) -> None:
    a = doc.article
    names = {e.id: e.name for e in doc.entities}
    console.print(f"[bold]{a.title or '(untitled)'}[/]  published {a.published or 'unknown'}"
                  + (f"  {a.source}" if a.source else ""))

    t = Table(title="Events", show_lines=True, expand=True)
    for col in ("id", "status", "type", "actors", "place", "date", "killed", "source / certainty", "conf."):
        t.add_column(col, overflow="fold")
    for e in doc.events:
        kind = e.sub_event_type or (f"PLOVER {e.plover.type}" if e.plover else "?")
        actors = names.get(e.actor1, e.actor1 or "—")
        if e.assoc_actor_1:
            actors += " (+ " + ", ".join(names.get(x, x) for x in e.assoc_actor_1) + ")"
        if e.actor2:
            actors += " → " + names.get(e.actor2, e.actor2)
        place = f"{e.location.name or '—'} (p{e.location.geo_precision})" if e.location.name else "—"
        date = f"{e.date.start or '?'}" + ("" if e.date.precision == "day" else f" ({e.date.precision})")
        killed = "—" if e.fatalities is None else str(e.fatalities)
        if e.size is not None:
            killed += f"\nsize: {e.size.text or e.size.value}"
        src = f"{e.attribution.kind}" + (f": {e.attribution.text}" if e.attribution.text else "")
        t.add_row(e.id, e.status, kind, actors, place, date, killed, f"{src}\n{e.certainty}", f"{e.confidence:.2f}")
    console.print(t)

    backers: dict[str, list[str]] = {}
    for r in doc.relations:
        if r.predicate == "backs":
            backers.setdefault(r.object, []).append(names.get(r.subject, r.subject))
    t = Table(title="Actors", expand=True)
    for col in ("id", "name", "kind", "inter", "country", "backed by", "mentions"):
        t.add_column(col, overflow="fold")
    for e in doc.entities:
        t.add_row(e.id, e.name, e.kind, str(e.inter or ""), e.country or "", ", ".join(backers.get(e.id, [])), str(len(e.mentions)))
    console.print(t)

    if doc.relations:
        t = Table(title="Relations", expand=True)
        for col in ("subject", "predicate", "object", "status"):
            t.add_column(col, overflow="fold")
        for r in doc.relations:
            t.add_row(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object), r.status)
        console.print(t)

    if doc.statements:
        t = Table(title="Statements", expand=True)
        for col in ("speaker", "title", "quote?", "text"):
            t.add_column(col, overflow="fold")
        for s in doc.statements:
            t.add_row(names.get(s.speaker, s.speaker_text or "—") if s.speaker else (s.speaker_text or "—"),
                      s.title or "", "yes" if s.direct_quote else "no", s.text)
        console.print(t)
    for w in doc.warnings:
        console.print(f"[dim]note: {w}[/]")
