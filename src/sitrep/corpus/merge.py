"""Cross-article event merging: which reports, from different articles, tell one happening.

Pure functions over plain records (no database), so the rules can be tested and timed alone.
The store feeds reports in ingestion order; `merge_reports` feeds a whole set in a canonical
order, which makes the result independent of the order the set was given in.

Two reports are one event when all of these hold (`compatible`):

- same ACLED event_type and sub_event_type (or, for PLOVER-only events, the same PLOVER type);
- dates: both known, each range at most `max_date_span_days` long, and the ranges overlap
  (a report dated only to a month or a year is too vague to tell one strike from another);
- places: same country, and
    both coded to a town (geo_precision 1) -> the same place;
    otherwise within `km_by_precision[coarser precision]` (1 -> 10 km, 2 -> 50 km);
    geo_precision 3 (only a region known) -> the same admin1 region, both known;
- actors: actor1/actor2 carry no direction (ACLED), so the pair may match either way round;
  two actors match when they are the same, one is missing, or one is a generic agent
  ("gunmen", "rebels") of the same country and actor type as the other;
- the event holds no report from the same article (the extractor already told those apart).

Among compatible events the best-scoring one wins (same place, nearer, more actors equal, more
date overlap); ties go to the oldest event, so the outcome is deterministic.

A report from a near-duplicate article (a wire copy, a light rewrite) is first matched against
the events of its story with looser place rules, because it tells the same story in nearly the
same words; it then adds a report to that event but never a second independent source.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Iterator

# Reports whose certainty is one of these do not count toward the conservative figure.
NOT_CREDIBLE = frozenset({"denied", "planned"})


@dataclass(frozen=True)
class ActorRef:
    id: str
    generic: bool = False
    country: str | None = None
    inter: int | None = None


@dataclass
class Report:
    """One article's mention of an event: the fields the merge looks at."""

    key: str  # unique and stable, e.g. "<article id>#e1"
    article_id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_type: str | None = None
    status: str = "current"
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    country: str | None = None
    admin1: str | None = None
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    date_start: date | None = None
    date_end: date | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    certainty: str = "asserted"
    attribution_kind: str = "unattributed"
    story_id: int | str | None = None
    # True when the article is a near-duplicate of an earlier article of its story.
    duplicate: bool = False
    # Whatever the caller wants back with the merged event (the store keeps the fields it
    # aggregates: outlet, location name, summary, ...); the merge never looks at it.
    payload: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class MergeRules:
    km_by_precision: tuple[tuple[int, float], ...] = ((1, 10.0), (2, 50.0))
    max_date_span_days: int = 7
    # Within a story (near-duplicate articles) places only need to be this close.
    story_km: float = 50.0

    def km(self, precision: int) -> float | None:
        return dict(self.km_by_precision).get(precision)


DEFAULT_RULES = MergeRules()


@dataclass
class Fatalities:
    best: int | None
    low: int | None
    high: int | None
    conflict: bool
    reason: str | None


@dataclass
class MergedEvent:
    id: int
    event_type: str | None
    sub_event_type: str | None
    plover_type: str | None
    status: str
    actor1: ActorRef | None
    actor2: ActorRef | None
    country: str | None
    admin1: str | None
    place_id: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    date_start: date | None
    date_end: date | None
    reports: list[Report] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # report key -> why it joined
    # report key -> True when the report names the event's actor1 as its actor2 (and so on).
    swapped: dict[str, bool] = field(default_factory=dict)

    @property
    def article_ids(self) -> set[str]:
        return {r.article_id for r in self.reports}

    @property
    def n_sources(self) -> int:
        """Independent sources: stories, so near-duplicate copies count once."""
        return len({r.story_id if r.story_id is not None else r.article_id for r in self.reports})

    def fatalities(self) -> Fatalities:
        return reconcile_fatalities(self.reports)


@dataclass
class Match:
    event: MergedEvent
    reason: str
    score: float


# --------------------------------------------------------------------------- rules
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _same_type(r: Report, e: MergedEvent) -> bool:
    if r.event_type or e.event_type:
        return r.event_type == e.event_type and r.sub_event_type == e.sub_event_type
    return r.plover_type is not None and r.plover_type == e.plover_type


def span_ok(start: date | None, end: date | None, rules: MergeRules) -> bool:
    if start is None:
        return False
    end = end or start
    return (end - start).days < rules.max_date_span_days


def _dates(r: Report, e: MergedEvent, rules: MergeRules, story: bool = False) -> tuple[bool, float, str]:
    if story and r.date_start is None and e.date_start is None:
        return True, 1.0, "both undated (same story)"
    if story and (r.date_start is None or e.date_start is None):
        return False, 0.0, "a date is missing"
    # Within a story any overlap will do: a copy dates the same happening the same way.
    if not story and (not span_ok(r.date_start, r.date_end, rules) or not span_ok(e.date_start, e.date_end, rules)):
        return False, 0.0, "a date is missing or too vague"
    rs, re_ = r.date_start, r.date_end or r.date_start
    es, ee = e.date_start, e.date_end or e.date_start
    lo, hi = max(rs, es), min(re_, ee)  # type: ignore[type-var]
    if lo > hi:
        return False, 0.0, "dates do not overlap"
    overlap = (hi - lo).days + 1
    longer = max((re_ - rs).days, (ee - es).days) + 1  # type: ignore[operator]
    return True, overlap / longer, f"dates overlap ({lo.isoformat()}..{hi.isoformat()})"


def _places(r: Report, e: MergedEvent, rules: MergeRules, story: bool = False) -> tuple[bool, float, str]:
    if story and r.country is None and e.country is None:
        return True, 0.0, "no place in either copy (same story)"
    if not r.country or r.country != e.country:
        return False, 0.0, "different or unknown country"
    if r.place_id and r.place_id == e.place_id:
        return True, 1.0, f"same place ({r.place_id})"
    pr, pe = r.geo_precision or 3, e.geo_precision or 3
    have_coords = None not in (r.lat, r.lon, e.lat, e.lon)
    if story:
        if have_coords:
            d = haversine_km(r.lat, r.lon, e.lat, e.lon)  # type: ignore[arg-type]
            if d <= rules.story_km:
                return True, 1.0 - d / rules.story_km, f"places {d:.0f} km apart (same story)"
        if r.admin1 and r.admin1 == e.admin1:
            return True, 0.0, f"same region ({r.admin1}, same story)"
        return False, 0.0, "places too far apart"
    if pr == 1 and pe == 1:
        return False, 0.0, "two different towns"
    coarser = max(pr, pe)
    limit = rules.km(coarser)
    if limit is not None:
        if not have_coords:
            return False, 0.0, "no coordinates"
        d = haversine_km(r.lat, r.lon, e.lat, e.lon)  # type: ignore[arg-type]
        if d > limit:
            return False, 0.0, f"places {d:.0f} km apart (limit {limit:.0f} km at precision {coarser})"
        return True, 1.0 - d / limit, f"places {d:.0f} km apart (within {limit:.0f} km at precision {coarser})"
    if r.admin1 and r.admin1 == e.admin1:
        return True, 0.0, f"same region ({r.admin1}) at precision 3"
    return False, 0.0, "region unknown or different at precision 3"


def _actor_match(a: ActorRef | None, b: ActorRef | None) -> float | None:
    """2 = same actor (or both missing), 1.5 = a generic agent of the same country and actor
    type as the other, 1 = one missing, None = incompatible."""
    if a is None and b is None:
        return 2.0
    if a is None or b is None:
        return 1.0
    if a.id == b.id:
        return 2.0
    if (a.generic or b.generic) and a.country and a.country == b.country and (
        a.inter is None or b.inter is None or a.inter == b.inter
    ):
        return 1.5
    return None


def _actors(r: Report, e: MergedEvent) -> tuple[bool, float, bool, str]:
    """(compatible, score, swapped, reason). ACLED's actor1/actor2 carry no direction.

    When both sides name actors, at least one actor must be matched by an actor (not by a
    gap): 'HTS clashed' and 'gunmen clashed' are not the same clash just because each report
    leaves the other side unnamed."""
    both_named = any((r.actor1, r.actor2)) and any((e.actor1, e.actor2))
    options = []
    for swapped, pairs in ((False, ((r.actor1, e.actor1), (r.actor2, e.actor2))),
                           (True, ((r.actor1, e.actor2), (r.actor2, e.actor1)))):
        scores = [_actor_match(a, b) for a, b in pairs]
        if None in scores:
            continue
        anchored = any(a is not None and b is not None for a, b in pairs)
        if both_named and not anchored:
            continue
        options.append((sum(scores), swapped))  # type: ignore[arg-type]
    if not options:
        return False, 0.0, False, "actors differ"
    score, swapped = max(options, key=lambda o: (o[0], not o[1]))
    return True, score / 4, swapped, "same actors" if score == 4 else "compatible actors"


def compatible(
    r: Report, e: MergedEvent, rules: MergeRules = DEFAULT_RULES, story: bool = False
) -> tuple[Match | None, str]:
    """A Match with its reason when `r` may join `e`; otherwise None and why not."""
    if r.article_id in e.article_ids:
        return None, "the event already has a report from this article"
    if not _same_type(r, e):
        return None, "different event type"
    ok, d_score, d_reason = _dates(r, e, rules, story)
    if not ok:
        return None, d_reason
    ok, p_score, p_reason = _places(r, e, rules, story=story)
    if not ok:
        return None, p_reason
    ok, a_score, _, a_reason = _actors(r, e)
    if not ok:
        return None, a_reason
    kind = e.sub_event_type or e.plover_type or "event"
    prefix = "near-duplicate article of the same story; " if story else ""
    reason = f"{prefix}same type ({kind}); {a_reason}; {p_reason}; {d_reason}"
    return Match(e, reason, p_score + a_score + d_score), ""


def reconcile_fatalities(reports: Iterable[Report]) -> Fatalities:
    """ACLED's conservative single figure: the lowest figure among credible reports.

    Credible = not denied and not merely planned; when any source other than a party to the
    conflict gives a figure, parties' own claims are set aside for the single figure. low/high
    span every credible report (ranges included), so a rising toll shows in `high`.
    """
    credible = [r for r in reports if r.fatalities is not None and r.certainty not in NOT_CREDIBLE]
    if not credible:
        return Fatalities(None, None, None, False, None)
    neutral = [r for r in credible if r.attribution_kind != "party_to_conflict"]
    pool = neutral or credible
    best = min(r.fatalities for r in pool)  # type: ignore[type-var]
    low = min(r.fatalities_low if r.fatalities_low is not None else r.fatalities for r in credible)  # type: ignore[type-var]
    high = max(r.fatalities_high if r.fatalities_high is not None else r.fatalities for r in credible)  # type: ignore[type-var]
    figures = sorted({r.fatalities for r in credible})  # type: ignore[type-var]
    conflict = len(figures) > 1
    if conflict:
        why = "lowest of the credible figures " + ", ".join(map(str, figures))
        if neutral and len(neutral) < len(credible):
            why += " (claims by parties to the conflict set aside)"
    else:
        why = None
    return Fatalities(best, low, high, conflict, why)


# --------------------------------------------------------------------------- index
class EventIndex:
    """Merged events with a blocking index, so a lookup touches a handful of candidates
    whatever the size of the corpus.

    Blocks are (type, country, ISO week) and then where: a grid cell of `CELL_DEG` degrees for
    events placed within a town or near one (geo_precision 1-2), and the admin1 region for
    region-level events (geo_precision 3), which match by region rather than by distance.
    Only events that can merge at all (a country and a date range of at most
    `max_date_span_days`) are indexed.
    """

    CELL_DEG = 0.5

    def __init__(self, rules: MergeRules = DEFAULT_RULES, order_by_id: bool = False):
        """`order_by_id`: ties go to the lower id rather than to the event created or loaded
        first. The same thing whenever ids are given out in order (not in `sitrep reextract`),
        and it lets events leave the index and come back (`evict`, `add_existing`) without
        changing which event a tie goes to."""
        self.rules = rules
        self.order_by_id = order_by_id
        self.events: dict[int, MergedEvent] = {}
        self._cells: dict[tuple, set[int]] = defaultdict(set)  # precise events by grid cell
        self._regions: dict[tuple, set[int]] = defaultdict(set)  # every event by admin1
        self._region_level: dict[tuple, set[int]] = defaultdict(set)  # precision-3 events by admin1
        self._by_story: dict[object, set[int]] = defaultdict(set)
        self._next_id = 1
        # Ties go to the event created (or loaded) first; ids usually follow that order, but
        # `sitrep reextract` gives new events the ids of the stored events they continue.
        self._order: dict[int, int] = {}
        # When set, the id of each new event (else the next free number).
        self.allocate: Callable[[], int] | None = None
        self._reach_km = max((km for _, km in rules.km_by_precision), default=0.0)

    @property
    def next_id(self) -> int:
        """The id the next new event gets (unless `allocate` gives it one)."""
        return self._next_id

    def reserve_below(self, next_id: int) -> None:
        """Give out no id below `next_id`: ids once given out, to events since removed too."""
        self._next_id = max(self._next_id, next_id)

    # -- building
    def new_event(self, r: Report, event_id: int | None = None) -> MergedEvent:
        if event_id is None:
            event_id = self.allocate() if self.allocate else self._next_id
        self._next_id = max(self._next_id, event_id + 1)
        self._order[event_id] = event_id if self.order_by_id else len(self._order)
        e = MergedEvent(
            id=event_id, event_type=r.event_type, sub_event_type=r.sub_event_type,
            plover_type=r.plover_type, status=r.status, actor1=r.actor1, actor2=r.actor2,
            country=r.country, admin1=r.admin1, place_id=r.place_id, lat=r.lat, lon=r.lon,
            geo_precision=r.geo_precision, date_start=r.date_start, date_end=r.date_end or r.date_start,
        )
        self.events[event_id] = e
        self._index(e)
        return e

    def add_existing(self, e: MergedEvent) -> None:
        """Load an event (with its reports) from the store."""
        self.events[e.id] = e
        self._next_id = max(self._next_id, e.id + 1)
        self._order[e.id] = e.id if self.order_by_id else len(self._order)
        self._index(e)
        for r in e.reports:
            self._by_story[self._story(r)].add(e.id)

    def evict(self, ids: Iterable[int]) -> None:
        """Take events out of memory (the writer reads them back before a report could join
        one: see CorpusWriter._recall). Needs `order_by_id`."""
        assert self.order_by_id, "evicted events come back in id order"
        for i in ids:
            e = self.events.pop(i, None)
            if e is None:
                continue
            del self._order[i]
            # Its current blocks; blocks it sat in before a refinement keep its id, which
            # `candidates` skips.
            for table, key in self._blocks(e):
                block = table.get(key)
                if block is not None:
                    block.discard(i)
                    if not block:
                        del table[key]
            for r in e.reports:
                story = self._by_story.get(self._story(r))
                if story is not None:
                    story.discard(i)
                    if not story:
                        del self._by_story[self._story(r)]

    def _weeks(self, x: Report | MergedEvent) -> list[tuple]:
        if not x.country or not span_ok(x.date_start, x.date_end, self.rules):
            return []
        first, last = x.date_start.toordinal() // 7, (x.date_end or x.date_start).toordinal() // 7  # type: ignore[union-attr]
        kind = (x.event_type, x.sub_event_type, None if x.event_type else x.plover_type)
        return [(kind, x.country, w) for w in range(first, last + 1)]

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.CELL_DEG), math.floor(lon / self.CELL_DEG)

    def _blocks(self, e: MergedEvent) -> Iterator[tuple[dict, tuple]]:
        for wk in self._weeks(e):
            if e.admin1:
                yield self._regions, (*wk, e.admin1)
            if (e.geo_precision or 3) >= 3:
                if e.admin1:
                    yield self._region_level, (*wk, e.admin1)
            elif e.lat is not None and e.lon is not None:
                yield self._cells, (*wk, *self._cell(e.lat, e.lon))

    def _index(self, e: MergedEvent) -> None:
        """(Re)index after a change; a stale entry only adds a candidate that is rechecked."""
        for table, key in self._blocks(e):
            table[key].add(e.id)

    @staticmethod
    def _story(r: Report) -> object:
        return r.story_id if r.story_id is not None else ("article", r.article_id)

    # -- matching
    def candidates(self, r: Report) -> list[MergedEvent]:
        ids: set[int] = set()
        precise = (r.geo_precision or 3) < 3 and r.lat is not None and r.lon is not None
        for wk in self._weeks(r):
            if r.admin1:
                # A region-level report matches anything in its region; a precise one matches
                # region-level events of its region (and precise ones by distance, below).
                ids |= self._region_level.get((*wk, r.admin1), set()) if precise else self._regions.get((*wk, r.admin1), set())
            if precise:
                ci, cj = self._cell(r.lat, r.lon)  # type: ignore[arg-type]
                cell_km = 111.32 * self.CELL_DEG
                di = math.ceil(self._reach_km / cell_km)
                dj = math.ceil(self._reach_km / max(cell_km * math.cos(math.radians(r.lat)), 1.0))  # type: ignore[arg-type]
                for i in range(ci - di, ci + di + 1):
                    for j in range(cj - dj, cj + dj + 1):
                        ids |= self._cells.get((*wk, i, j), set())
        # An id not in `events` is an evicted event's stale block entry.
        return [self.events[i] for i in sorted(ids & self.events.keys(), key=self._order.__getitem__)]

    def match(self, r: Report) -> Match | None:
        best: Match | None = None
        if r.duplicate and r.story_id is not None:
            for eid in sorted(self._by_story.get(r.story_id, ()), key=self._order.__getitem__):
                m, _ = compatible(r, self.events[eid], self.rules, story=True)
                if m is not None and (best is None or m.score > best.score):
                    best = m
            if best is not None:
                return best
        for e in self.candidates(r):
            m, _ = compatible(r, e, self.rules)
            # Strictly greater: on a tie the older event (created or loaded first) keeps it.
            if m is not None and (best is None or m.score > best.score):
                best = m
        return best

    def add(self, r: Report, new_event_id: int | None = None) -> tuple[MergedEvent, str, bool]:
        """Attach a report: (event, reason, created). The event's fields are refined."""
        m = self.match(r)
        swapped = False
        if m is None:
            e = self.new_event(r, new_event_id)
            reason = "first report of this event"
            created = True
        else:
            e, reason, created = m.event, m.reason, False
            swapped = _actors(r, e)[2]
            self._refine(e, r, swapped)
        e.reports.append(r)
        e.reasons[r.key] = reason
        e.swapped[r.key] = swapped
        self._by_story[self._story(r)].add(e.id)
        return e, reason, created

    def _refine(self, e: MergedEvent, r: Report, swapped: bool) -> None:
        """Keep the most specific value any report gives."""
        ra1, ra2 = (r.actor2, r.actor1) if swapped else (r.actor1, r.actor2)
        e.actor1 = _more_specific(e.actor1, ra1)
        e.actor2 = _more_specific(e.actor2, ra2)
        if r.geo_precision is not None and (e.geo_precision is None or r.geo_precision < e.geo_precision):
            e.place_id, e.lat, e.lon, e.admin1, e.geo_precision = r.place_id, r.lat, r.lon, r.admin1 or e.admin1, r.geo_precision
        if r.date_start and e.date_start:
            # Overlapping ranges: their intersection is what every report agrees on.
            start = max(r.date_start, e.date_start)
            end = min(r.date_end or r.date_start, e.date_end or e.date_start)
            if start <= end:
                e.date_start, e.date_end = start, end
        if r.status == "current":
            e.status = "current"
        self._index(e)


def _more_specific(current: ActorRef | None, other: ActorRef | None) -> ActorRef | None:
    if current is None:
        return other
    if other is not None and current.generic and not other.generic:
        return other
    return current


def canonical_order(reports: Iterable[Report]) -> list[Report]:
    """The order `merge_reports` feeds reports in: story originals before their copies, then
    by date and key, so the same set of reports always merges the same way."""
    return sorted(
        reports,
        key=lambda r: (r.duplicate, r.date_start or date.max, r.article_id, r.key),
    )


def merge_reports(reports: Iterable[Report], rules: MergeRules = DEFAULT_RULES) -> list[MergedEvent]:
    index = EventIndex(rules)
    for r in canonical_order(reports):
        index.add(r)
    return list(index.events.values())


def iter_reasons(events: Iterable[MergedEvent]) -> Iterator[tuple[int, str, str]]:
    for e in events:
        for r in e.reports:
            yield e.id, r.key, e.reasons[r.key]
