"""Two mentions of one happening in an article become one event.

"Intensified airstrikes ... on rebel-held areas" and "These strikes include an attack on a
displacement camp that killed seven" are linked: the second points back ("These strikes") and
nothing contradicts the first. Two strikes on two different towns are never merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.knowledge import Knowledge
from sitrep.taxonomy import REMOTE_VIOLENCE, ActorKind

if TYPE_CHECKING:
    from sitrep.extract.events import EventRecord

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


def _places_compatible(a: "EventRecord", b: "EventRecord") -> bool:
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return True
    if a.place_borrowed or b.place_borrowed:
        # A place borrowed from the sentences around is a guess: it never keeps mentions apart
        # that agree on everything else.
        return pa.entry.country == pb.entry.country
    if pa.entry.id == pb.entry.id:
        return True
    if pa.entry.country != pb.entry.country:
        return False
    # A town and the region it lies in can be one happening; two towns cannot.
    if pa.precision == 1 and pb.precision == 1 and pa.entry.feature != "country" and pb.entry.feature != "country":
        return False
    return True


def _actors_compatible(a: "EventRecord", b: "EventRecord", actors) -> bool:
    if not a.actor1 or not b.actor1 or a.actor1 == b.actor1:
        return True
    if b.actor1 in a.assoc_actor_1 or a.actor1 in b.assoc_actor_1:
        return True
    # "Iraqi militants" and "the Badr Organization" can be one force: a generic description and a
    # named group of the same country.
    ra, rb = actors.get(a.actor1), actors.get(b.actor1)
    if ra is None or rb is None:
        return False
    state = (ActorKind.STATE, ActorKind.STATE_FORCES, ActorKind.GOVERNMENT)
    if (
        (ra.generic or rb.generic) and ra.country and ra.country == rb.country and ra.armed and rb.armed
        # rebels and the army of one country are two sides, never one force
        and (ra.kind in state) == (rb.kind in state)
    ):
        return True
    return False


def _dates_compatible(a: "EventRecord", b: "EventRecord") -> bool:
    if a.time is None or b.time is None or a.date_start is None or b.date_start is None:
        return True
    return not (a.date_end < b.date_start or b.date_end < a.date_start)


# Trigger classes that say only that violence happened ("attacked", "killed"), not how.
GENERIC_CLASSES = frozenset({"attack", "kill"})

def _generic(rec: "EventRecord") -> bool:
    return rec.family == "violent" and all(t.cls.name in GENERIC_CLASSES for t in rec.triggers)


def _generic_and_specific(a: "EventRecord", b: "EventRecord") -> bool:
    """"Air strikes hit Idlib ... The attack killed 12": a generic retelling of a strike."""
    return (_generic(a) and b.sub_event_type in REMOTE_VIOLENCE) or (_generic(b) and a.sub_event_type in REMOTE_VIOLENCE)


def _types_compatible(a: "EventRecord", b: "EventRecord") -> bool:
    if a.family != b.family:
        return False
    if a.family == "verbal":
        # Speech acts have no ACLED type: their PLOVER type tells one act from another
        # ("accused ... and demanded ...").
        return bool(a.plover and b.plover and a.plover[0] == b.plover[0])
    if a.sub_event_type == b.sub_event_type:
        return True
    if _generic_and_specific(a, b):
        return True
    # "These strikes include an attack": an anaphoric generic mention adopts the earlier type.
    if a.family == "violent" and b.anaphoric:
        return True
    return a.sub_event_type is None or b.sub_event_type is None


@dataclass(frozen=True)
class TollStanding:
    """Where and how a death figure was told, which decides between two figures of one
    happening. In order of weight: a number beats a vague word ("dozens" then "at least 38");
    an update supersedes what came before ("the toll has risen to 13"); the headline, written
    last, has the latest count; the lead gives the report's own total, where the body tells its
    parts ("19 in Hara ... three in Tel Minis") or earlier counts."""

    vague: bool = False
    update: bool = False
    headline: bool = False
    lead: bool = False

    def rank(self) -> tuple[bool, bool, bool, bool]:
        return (not self.vague, self.update, self.headline, self.lead)

    def joined(self, other: "TollStanding") -> "TollStanding":
        """One figure told twice has the standing of both tellings ("21" in the headline and
        again in the lead is the headline's figure)."""
        return TollStanding(self.vague and other.vague, self.update or other.update,
                            self.headline or other.headline, self.lead or other.lead)


def _toll_of(a: "EventRecord", b: "EventRecord") -> "EventRecord":
    """The telling whose figure one happening keeps when two tellings give two (a on ties): the
    better standing; at equal standing, between two sources ACLED's most conservative figure,
    within one telling the larger (the whole)."""
    if a.toll.rank() != b.toll.rank():
        return a if a.toll.rank() > b.toll.rank() else b
    if _sources_differ(a.source, b.source):
        return a if a.fatalities <= b.fatalities else b
    return a if a.fatalities >= b.fatalities else b


def _sources_differ(a, b) -> bool:
    """Both tellings are attributed, to two different sources."""
    if a is None or b is None or "unattributed" in (a.kind, b.kind):
        return False
    if a.entity and b.entity:
        return a.entity != b.entity
    # "a police source" ... "the source": one source named twice shares its head noun.
    heads = [(s.text or "").strip().lower().split()[-1:] for s in (a, b)]
    return heads[0] != heads[1]


def _merge(a: "EventRecord", b: "EventRecord", actors) -> None:
    a_generic = _generic(a)
    a.triggers = a.triggers + b.triggers
    a.evidence = sorted(set(a.evidence + b.evidence))
    a.mentions = sorted(set(a.mentions + b.mentions))
    if a.sub_event_type is None or (a_generic and b.sub_event_type in REMOTE_VIOLENCE):
        # The weapon says how: a strike retold as "the attack" stays a strike.
        a.sub_event_type, a.plover, a.type_reason = b.sub_event_type, b.plover, b.type_reason
    for attr in ("actor1", "actor2"):
        mine, theirs = getattr(a, attr), getattr(b, attr)
        if mine is None and theirs is not None:
            setattr(a, attr, theirs)
        elif mine is not None and theirs is not None and mine != theirs:
            ra, rb = actors.get(mine), actors.get(theirs)
            # A named group says more than a generic description of it.
            if ra is not None and rb is not None and ra.generic and not rb.generic:
                setattr(a, attr, theirs)
    for x in b.assoc_actor_1:
        if x not in a.assoc_actor_1 and x != a.actor1:
            a.assoc_actor_1.append(x)
    for x in b.assoc_actor_2:
        if x not in a.assoc_actor_2 and x != a.actor2:
            a.assoc_actor_2.append(x)
    if b.place is not None and (
        a.place is None
        or (a.place_borrowed and not b.place_borrowed)
        or (b.place.precision < a.place.precision and not (b.place_borrowed and not a.place_borrowed))
        or (b.place.precision == a.place.precision and a.place.entry.feature == "country" and b.place.entry.feature != "country")
    ):
        a.place, a.location_reason, a.place_borrowed = b.place, b.location_reason, b.place_borrowed
    if b.time is not None and b.date_start is not None and (
        a.time is None or PRECISION_RANK.get(b.date_precision, 4) < PRECISION_RANK.get(a.date_precision, 4)
    ):
        a.time = b.time
        a.date_start, a.date_end, a.date_precision = b.date_start, b.date_end, b.date_precision
        a.date_text, a.date_reason = b.date_text, b.date_reason
    # Fatalities: one happening told twice is counted once; the range keeps every figure.
    figures = [x for x in (a.fatalities, b.fatalities) if x is not None]
    if figures:
        lows = [x for x in (a.fatalities_low, b.fatalities_low) if x is not None]
        highs = [x for x in (a.fatalities_high, b.fatalities_high, *figures) if x is not None]
        if b.fatalities == a.fatalities:
            a.toll = a.toll.joined(b.toll)
        elif b.fatalities is not None and (a.fatalities is None or _toll_of(a, b) is b):
            a.fatalities, a.toll = b.fatalities, b.toll
        a.fatalities_low = min(lows) if lows else a.fatalities
        a.fatalities_high = max(highs) if highs else None
    a.civilian_targeting = a.civilian_targeting or b.civilian_targeting
    if a.size is None:
        a.size = b.size
    elif b.size is not None and b.size.qualifier != "vague" and a.size.qualifier == "vague":
        a.size = b.size  # "at least 300" says more than "hundreds"
    if a.source is None or a.source.kind == "unattributed":
        a.source = b.source
        if b.certainty != "asserted":
            a.certainty = b.certainty
    a.confidence = max(a.confidence, b.confidence)
    if a.in_headline and not b.in_headline:
        a.in_headline = False
        a.sent = b.sent


def link_mentions(records: list["EventRecord"], knowledge: Knowledge, actors: dict) -> list["EventRecord"]:
    out: list["EventRecord"] = []
    for rec in records:
        target = None
        for prev in reversed(out):
            if rec.distinct:
                continue
            # "The US accused Damascus of that attack, which killed 1,429": an undated "that
            # attack" is the earlier one, history or not.
            if prev.status != rec.status and not (rec.demonstrative and prev.status == "background"):
                continue
            if not _types_compatible(prev, rec):
                continue
            if not (_places_compatible(prev, rec) and _actors_compatible(prev, rec, actors) and _dates_compatible(prev, rec)):
                continue
            # Linked when the text points back ("these strikes"), when the headline retells the
            # lead, or when neighbouring sentences tell the same kind of happening with nothing
            # that sets them apart.
            same_place = prev.place is not None and rec.place is not None and prev.place.entry.id == rec.place.entry.id
            if (
                rec.anaphoric
                or prev.in_headline
                or same_place
                or (prev.sub_event_type == rec.sub_event_type and rec.sent - prev.last_sent <= 2)
                or (_generic_and_specific(prev, rec) and rec.sent - prev.last_sent <= 2)
            ):
                target = prev
                break
        if target is None:
            out.append(rec)
        else:
            _merge(target, rec, actors)
            target.last_sent = max(target.last_sent, rec.sent)
    return out
