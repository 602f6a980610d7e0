"""Which words of an article each value came from, read from the stored document.

A document event carries its evidence sentences and trigger; its actors and place are
entities whose mentions the document lists; its date, toll, size and source are phrases it
quotes. A field's span is the mention (or quoted phrase) inside the event's evidence
sentences; when the sentences hold none, the first mention in the article, marked
`in_evidence: false`. Pure functions over the document's JSON.
"""

from __future__ import annotations

import re

Span = dict  # {"start", "end", "text", "in_evidence"}

_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                 "fifteen sixteen seventeen eighteen nineteen twenty").split()


def event_fields(doc: dict, event: dict) -> dict[str, list[Span]]:
    """Field name -> spans, for the fields of one document event that have words behind them."""
    text = doc.get("article", {}).get("text", "")
    evidence = [(s["start"], s["end"]) for s in event.get("evidence", [])]
    out: dict[str, list[Span]] = {}

    def put(name: str, spans: list[Span]) -> None:
        if spans:
            out[name] = spans

    put("event", [_span(text, s, e, True) for s, e in evidence])
    trig = event.get("trigger")
    if trig:
        put("trigger", [_span(text, trig["start"], trig["end"], _inside(trig["start"], trig["end"], evidence))])
    entities = {e["id"]: e for e in doc.get("entities", [])}
    for name in ("actor1", "actor2"):
        if event.get(name) in entities:
            put(name, _mentions(text, entities[event[name]].get("mentions", []), evidence))
    for name in ("assoc_actor_1", "assoc_actor_2"):
        spans = [s for eid in event.get(name) or [] if eid in entities
                 for s in _mentions(text, entities[eid].get("mentions", []), evidence)]
        put(name, spans)
    places = {p["id"]: p for p in doc.get("places", [])}
    loc = (event.get("location") or {}).get("place")
    if loc in places:
        put("location", _mentions(text, places[loc].get("mentions", []), evidence))
    put("date", _phrase(text, (event.get("date") or {}).get("text"), evidence))
    attribution = event.get("attribution") or {}
    put("attribution", _phrase(text, attribution.get("text"), evidence))
    size = event.get("size") or {}
    put("size", _phrase(text, size.get("text"), evidence))
    put("fatalities", _toll(text, event, evidence))
    return out


def article_spans(doc: dict) -> list[dict]:
    """Every span the document points at, for highlighting the article: the events' fields,
    actor and place mentions, relation and statement evidence. Sorted by position."""
    text = doc.get("article", {}).get("text", "")
    spans: list[dict] = []
    for ev in doc.get("events", []):
        for field, found in event_fields(doc, ev).items():
            spans += [dict(s, kind="event", event=ev["id"], field=field) for s in found]
    for ent in doc.get("entities", []):
        spans += [dict(_span(text, m["start"], m["end"], True), kind="actor", id=ent["id"], name=ent["name"])
                  for m in ent.get("mentions", [])]
    for place in doc.get("places", []):
        spans += [dict(_span(text, m["start"], m["end"], True), kind="place", id=place["id"], name=place["name"])
                  for m in place.get("mentions", [])]
    for n, rel in enumerate(doc.get("relations", [])):
        spans += [dict(_span(text, s["start"], s["end"], True), kind="relation", relation=n,
                       predicate=rel["predicate"], subject=rel["subject"], object=rel["object"])
                  for s in rel.get("evidence", [])]
    for n, st in enumerate(doc.get("statements", [])):
        spans += [dict(_span(text, s["start"], s["end"], True), kind="statement", statement=n, speaker=st.get("speaker"))
                  for s in st.get("evidence", [])]
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return spans


def _span(text: str, start: int, end: int, in_evidence: bool) -> Span:
    return {"start": start, "end": end, "text": text[start:end], "in_evidence": in_evidence}


def _inside(start: int, end: int, evidence: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in evidence)


def _mentions(text: str, mentions: list[dict], evidence: list[tuple[int, int]]) -> list[Span]:
    inside = [_span(text, m["start"], m["end"], True) for m in mentions if _inside(m["start"], m["end"], evidence)]
    if inside or not mentions:
        return inside
    first = min(mentions, key=lambda m: m["start"])
    return [_span(text, first["start"], first["end"], False)]


def _phrase(text: str, phrase: str | None, evidence: list[tuple[int, int]]) -> list[Span]:
    """Where a quoted phrase (a date's words, a source) stands: in the evidence first."""
    if not phrase or not phrase.strip():
        return []
    for s, e in evidence:
        i = text.find(phrase, s, e)
        if i >= 0:
            return [_span(text, i, i + len(phrase), True)]
    i = text.find(phrase)
    return [_span(text, i, i + len(phrase), False)] if i >= 0 else []


def _toll(text: str, event: dict, evidence: list[tuple[int, int]]) -> list[Span]:
    """The number behind the toll: its digits or its word, inside the evidence sentences."""
    figures = {v for v in (event.get("fatalities"), *(event.get("fatalities_range") or {}).values()) if v is not None}
    out: list[Span] = []
    for n in sorted(figures):
        words = [f"{n:,}", str(n)] + ([_NUMBER_WORDS[n]] if n < len(_NUMBER_WORDS) else [])
        alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        # Whole numbers only: 12 is not the 12 of 120 or of 1,125.
        pattern = re.compile(r"(?<!\w)(?<!\d[,.])(" + alternatives + r")(?!\w)(?![,.]\d)", re.IGNORECASE)
        for s, e in evidence:
            m = pattern.search(text, s, e)
            if m:
                out.append(_span(text, m.start(), m.end(), True))
                break
    return out
