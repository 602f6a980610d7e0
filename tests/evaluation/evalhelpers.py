"""Hand-built documents for scoring tests: the adapters score what an extractor returns, so a
canned extractor with known output lets each expected score be worked out by hand."""

from sitrep.model import (
    SUB_EVENT_TO_TYPE, Article, Document, Entity, Event, EventDate, EventLocation, Mention, Place, PlaceMention,
    Plover,
)


def event(eid="e1", sub=None, status="current", confidence=0.8, actor1=None, actor2=None,
          fatalities=None, admin1=None, lat=None, lon=None, date=None, plover=None, name=None,
          country=None) -> Event:
    return Event(
        id=eid, status=status, sub_event_type=sub, event_type=SUB_EVENT_TO_TYPE.get(sub),
        plover=Plover(type=plover) if plover else None, actor1=actor1, actor2=actor2,
        fatalities=fatalities, confidence=confidence, summary="hand-made",
        location=EventLocation(name=name or admin1, country=country, admin1=admin1, lat=lat, lon=lon),
        date=EventDate(start=date, end=date, precision="day" if date else "unknown"),
    )


def entity(eid, name, kind="rebel_group", country=None, mentions=(), generic=False, text="") -> Entity:
    return Entity(id=eid, name=name, kind=kind, country=country, generic=generic,
                  mentions=[Mention(start=s, end=e, text=text[s:e]) for s, e in mentions])


def place(pid, name, mentions=(), text="") -> Place:
    return Place(id=pid, name=name, feature="town",
                 mentions=[PlaceMention(start=s, end=e, text=text[s:e]) for s, e in mentions])


def document(text="x", events=(), entities=(), places=()) -> Document:
    return Document(article=Article(id="a", text=text), events=list(events), entities=list(entities),
                    places=list(places))


class Canned:
    """Stands in for the Extractor: returns prepared documents by article id, in input order."""

    def __init__(self, by_id: dict[str, Document]):
        self.by_id = by_id
        self.seen: list = []

    def pipe(self, articles, batch_size=16):
        for a in articles:
            self.seen.append(a)
            yield self.by_id.get(a.id) or document(a.text)


def all_errors(module, path, canned: Canned, *extra) -> list[dict]:
    """Every wrong case, check items' included, straight from the adapter's scoring: `evaluate`
    withholds check items' errors, but a scoring test must see what each item got wrong."""
    items = module.load(path)
    docs = [canned.by_id.get(str(it.id)) or document() for it in items]
    return module.score(items, docs, *extra).errors
