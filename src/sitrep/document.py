"""One article in, one `sitrep.document/1` out: the extractors run in order and their records
are assembled into the document model.

    article -> spaCy Doc -> context -> actors -> places -> time, quantities
            -> events -> relations, statements -> Document
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from sitrep import __version__
from sitrep.extract.actors import ActorRecord, ActorResult, extract_actors
from sitrep.extract.context import build_context
from sitrep.extract.events import EventRecord, extract_events
from sitrep.extract.mentions import PhraseFinder
from sitrep.extract.places import PlaceResult, extract_places
from sitrep.extract.quantities import extract_quantities
from sitrep.extract.relations import extract_relations
from sitrep.extract.statements import extract_statements
from sitrep.extract.summary import summarise
from sitrep.extract.time import dateline, extract_times
from sitrep.ingest.article import ArticleInput, make_article
from sitrep.knowledge import Knowledge
from sitrep.model import (
    Article,
    Attribution,
    Document,
    Entity,
    Event,
    EventDate,
    EventLocation,
    FatalityRange,
    Mention,
    Place,
    PlaceMention,
    Plover,
    Relation,
    Size,
    Span,
    Statement,
)
from sitrep.nlp.pipeline import build_pipeline
from sitrep.taxonomy import ActorKind

log = logging.getLogger(__name__)


class Extractor:
    """Holds the knowledge and the spaCy pipeline; build once, extract many."""

    def __init__(self, actor_paths: Sequence[str | Path] = ()):
        self.knowledge = Knowledge.load(actor_paths)
        self.nlp: Language = build_pipeline(self.knowledge)

    def extract(self, text: str, **kwargs) -> Document:
        return self.extract_article(make_article(text, **kwargs))

    def extract_article(self, article: ArticleInput) -> Document:
        return self._assemble(article, self.nlp(article.text))

    def pipe(self, articles: Iterable[ArticleInput | str], batch_size: int = 16) -> Iterator[Document]:
        """Documents in input order; spaCy parses in batches. A plain string is an article
        without a date or title (`make_article(text)`)."""
        pairs = ((a.text, a) for a in (make_article(x) if isinstance(x, str) else x for x in articles))
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._assemble(article, doc)

    # ------------------------------------------------------------------ assembly
    def _assemble(self, article: ArticleInput, doc: Doc) -> Document:
        k = self.knowledge
        warnings: list[str] = list(article.notes)
        published = article.published
        if published is None:
            dl = dateline(doc)
            if dl is not None and dl.start is not None:
                published = dl.start
                warnings.append(f"no publication date given; used the dateline '{dl.text}' ({published.isoformat()})")
            else:
                warnings.append("no publication date given or found: relative dates cannot be resolved")
        ctx = build_context(doc, k, published, article.headline_end)
        actors = extract_actors(doc, k, ctx)
        places = extract_places(doc, k, ctx, actors)
        times = extract_times(doc, published)
        quantities = extract_quantities(doc)
        events = extract_events(doc, k, ctx, actors, places, times, quantities)
        relations = extract_relations(doc, k, ctx, actors, times)
        statements = extract_statements(doc, actors)
        for name, s, e, why in places.unresolved:
            warnings.append(f"place '{name}' (characters {s}-{e}) {why}")
        return self._document(article, published, doc, actors, places, events, relations, statements, warnings, ctx)

    def _document(self, article, published, doc, actors: ActorResult, places: PlaceResult,
                  events: list[EventRecord], relations, statements, warnings, ctx) -> Document:
        via_default = _wire_outlet(actors) or article.source
        used: set[str] = set()
        out_events: list[Event] = []
        for n, rec in enumerate(events, 1):
            if problem := _implausible_numbers(rec):
                warnings.append(f"event e{n}: {problem}")
            out_events.append(self._event(f"e{n}", rec, actors, ctx, via_default, article.text))
            for x in (rec.actor1, rec.actor2, *rec.assoc_actor_1, *rec.assoc_actor_2):
                if x:
                    used.add(x)
            if rec.source is not None and rec.source.entity:
                used.add(rec.source.entity)
        out_relations = [
            Relation(subject=r.subject, predicate=r.predicate, object=r.object, status=r.status,
                     evidence=[Span(start=r.evidence[0], end=r.evidence[1])])
            for r in relations
        ]
        for r in relations:
            used.update((r.subject, r.object))
        out_statements = [
            Statement(speaker=s.speaker, speaker_text=s.speaker_text, title=s.title, text=s.text,
                      direct_quote=s.direct_quote, evidence=[Span(start=s.evidence[0], end=s.evidence[1])])
            for s in statements
        ]
        used.update(s.speaker for s in statements if s.speaker)
        phrases = PhraseFinder(doc, places.mentions)
        entities = []
        for rec in actors.entities.values():
            # Generic agents matter only when something refers to them; named actors always do.
            if rec.generic and rec.id not in used:
                continue
            if not rec.mentions and rec.id not in used:
                continue
            entities.append(_entity(rec, phrases))
        out_places = _places(places, phrases)
        return Document(
            sitrep_version=__version__,
            article=Article(
                id=article.article_id,
                title=article.title,
                published=published.isoformat() if published else None,
                source=article.source,
                url=article.url,
                language=article.language,
                text=article.text,
            ),
            entities=entities,
            places=out_places,
            events=out_events,
            relations=out_relations,
            statements=out_statements,
            warnings=warnings,
        )

    def _event(self, eid: str, rec: EventRecord, actors: ActorResult, ctx, via_default, text: str) -> Event:
        place = rec.place
        country = place.entry.country if place else None
        gaz = self.knowledge.gazetteer
        if place is not None:
            e, reason = place.entry, rec.location_reason or place.reason
            seat = gaz.seat(e)
            if seat is not None:
                # ACLED codes an event known only to a country or province to its capital: the
                # capital's name (ACLED's `location`), point and admin1, with geo_precision 3.
                name, lat, lon, admin1 = seat.name, seat.lat, seat.lon, e.admin1 if e.feature == "admin1" else seat.admin1
                reason = "; ".join(filter(None, (reason, f"coded to {seat.name}, the capital of {e.name} (geo_precision 3)")))
            else:
                name, lat, lon, admin1 = e.name, e.lat, e.lon, e.admin1
            loc = EventLocation(
                place=e.id, name=name, country=e.country, admin1=admin1, lat=lat, lon=lon,
                geo_precision=place.precision, reason=reason,
            )
        else:
            fallback = gaz.country(ctx.focus_country) if ctx.focus_country else None
            if fallback is not None:
                country = fallback.country
                capital = gaz.seat(fallback)
                loc = EventLocation(
                    place=None, name=(capital or fallback).name, country=fallback.country,
                    admin1=capital.admin1 if capital else None,
                    lat=(capital or fallback).lat, lon=(capital or fallback).lon, geo_precision=3,
                    reason=f"no place named for this event; the article's main country ({ctx.reason}), "
                           f"coded to its capital",
                )
            else:
                loc = EventLocation(reason="no place named for this event or in the article")
        inters = [self._inter(rec.actor1, actors, country), self._inter(rec.actor2, actors, country)]
        interaction = None
        if inters[0] is not None or inters[1] is not None:
            a, b = inters[0] or 0, inters[1] or 0
            lo, hi = sorted((a, b))
            interaction = int(f"{hi}0") if lo == 0 else int(f"{lo}{hi}")
        src = rec.source
        via = via_default
        if src is not None and src.entity and actors.entities.get(src.entity) and actors.entities[src.entity].kind == ActorKind.MEDIA:
            via = None if via_default == actors.entities[src.entity].name else via_default
        attribution = Attribution(
            text=src.text if src else None,
            entity=src.entity if src else None,
            kind=src.kind if src else "unattributed",
            via=via,
        )
        size = None
        if rec.size is not None:
            size = Size(value=rec.size.value, qualifier=rec.size.qualifier, unit=rec.size.unit, text=rec.size.text)
        name = lambda x: actors.entities[x].name if x and x in actors.entities else None  # noqa: E731
        summary = summarise(
            sub_event_type=rec.sub_event_type,
            plover_type=rec.plover[0] if rec.plover else None,
            actor1=name(rec.actor1), actor2=name(rec.actor2),
            place=loc.name, date_start=rec.date_start, date_precision=rec.date_precision,
            fatalities=rec.fatalities, size_text=rec.size.text if rec.size else None,
            source_text=src.text if src else None, status=rec.status,
            trigger_class=rec.triggers[0].cls.name,
        )
        doc_text_span = (rec.mentions[0] if rec.mentions else rec.evidence[0])
        reasons = [r for r in (
            rec.type_reason and f"type: {rec.type_reason}",
            rec.actor_reason and f"actor1: {rec.actor_reason}",
            rec.status_reason and f"status: {rec.status_reason}",
        ) if r]
        return Event(
            id=eid,
            status=rec.status,
            event_type=rec.event_type,
            sub_event_type=rec.sub_event_type,
            plover=Plover(type=rec.plover[0], mode=rec.plover[1]) if rec.plover else None,
            actor1=rec.actor1,
            actor2=rec.actor2,
            assoc_actor_1=rec.assoc_actor_1,
            assoc_actor_2=rec.assoc_actor_2,
            interaction=interaction,
            location=loc,
            date=EventDate(start=rec.date_start, end=rec.date_end, precision=rec.date_precision,
                           text=rec.date_text, reason=rec.date_reason),
            fatalities=rec.fatalities,
            fatalities_range=FatalityRange(low=rec.fatalities_low, high=rec.fatalities_high),
            civilian_targeting=rec.civilian_targeting,
            size=size,
            attribution=attribution,
            certainty=rec.certainty,
            evidence=[Span(start=s, end=e) for s, e in rec.evidence],
            confidence=round(rec.confidence, 3),
            summary=summary,
            trigger=Mention(start=doc_text_span[0], end=doc_text_span[1], text=text[doc_text_span[0] : doc_text_span[1]]),
            mentions=[Span(start=s, end=e) for s, e in rec.mentions],
            reason="; ".join(reasons) or None,
        )

    def _inter(self, entity_id: str | None, actors: ActorResult, event_country: str | None) -> int | None:
        if not entity_id or entity_id not in actors.entities:
            return None
        rec = actors.entities[entity_id]
        inter = rec.inter
        # State forces acting outside their own country are external forces (ACLED inter 8).
        if inter == 1 and rec.country and event_country and rec.country != event_country:
            return 8
        return inter


# No single event kills more people than this, nor deploys more; a larger figure is a misread
# (a year, a phone number) or a typing error, and past 2**63 no database column can hold it.
MAX_FATALITIES = 1_000_000
MAX_SIZE = 100_000_000


def _implausible_numbers(rec: EventRecord) -> str | None:
    """Clear a toll or size no event can have (the record is changed) and say why; None when
    the figures are plausible. Done here, where the document is assembled, so that every
    consumer (JSON, the store's integer columns) sees only figures it can hold."""
    problems = []
    tolls = [v for v in (rec.fatalities, rec.fatalities_low, rec.fatalities_high) if v is not None]
    if any(v > MAX_FATALITIES for v in tolls):
        problems.append(f"the death toll {max(tolls):,} is more than any one event's (over "
                        f"{MAX_FATALITIES:,}), so it was left out as a misreading")
        rec.fatalities = rec.fatalities_low = rec.fatalities_high = None
    if rec.size is not None and rec.size.value is not None and rec.size.value > MAX_SIZE:
        problems.append(f"the size {rec.size.value:,} is implausible (over {MAX_SIZE:,}) and was left out")
        rec.size = dataclasses.replace(rec.size, value=None)  # Quantity is frozen
    return "; ".join(problems) or None


def _wire_outlet(actors: ActorResult) -> str | None:
    for m in actors.mentions:
        rec = actors.entities[m.entity_id]
        if rec.kind == ActorKind.MEDIA and m.start_char < 600:
            return rec.name
    return None


def _entity(rec: ActorRecord, phrases: PhraseFinder) -> Entity:
    return Entity(
        id=rec.id, name=rec.name, kind=rec.kind, inter=rec.inter, country=rec.country,
        mentions=[_mention(m, phrases.actor(m.start, m.end, rec.kind), phrases) for m in rec.mentions],
        generic=rec.generic, reason=rec.reason,
    )


def _places(places: PlaceResult, phrases: PhraseFinder) -> list[Place]:
    """Every toponym of the article: the places events can sit in, then the names used otherwise
    (a government, a modifier, a demonym, an organisation's name), each mention with its role."""
    by_id: dict[str, Place] = {}
    for m in sorted([*places.mentions, *places.others], key=lambda m: m.start):
        e = m.entry
        p = by_id.get(e.id)
        if p is None:
            p = Place(id=e.id, name=e.name, country=e.country, admin1=e.admin1, lat=e.lat, lon=e.lon,
                      feature=e.feature, mentions=[], reason=m.reason)
            by_id[e.id] = p
        phrase = phrases.place(m) if m.role == "location" else None
        chars = phrases.chars(phrase)
        p.mentions.append(PlaceMention(start=m.start_char, end=m.end_char, text=m.text, role=m.role,
                                       phrase=Span(start=chars[0], end=chars[1]) if chars else None))
    return list(by_id.values())


def _mention(m, phrase: tuple[int, int] | None, phrases: PhraseFinder) -> Mention:
    chars = phrases.chars(phrase)
    return Mention(start=m.start_char, end=m.end_char, text=m.text,
                   phrase=Span(start=chars[0], end=chars[1]) if chars else None)


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract(
    text: str,
    *,
    published: str | date | datetime | None = None,
    title: str | None = None,
    id: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Document:
    """Extract one article with the default knowledge: `sitrep.extract(text, published=...)`."""
    return default_extractor().extract(text, published=published, title=title, id=id, source=source, url=url)
