"""Who flew: an air strike told without its attacker ("were killed in air strikes on Idlib").

Only states fly combat aircraft in the wars sitrep covers, so such a strike belongs to an air
force operating there at the time. Where one air force struck that kind of target throughout
(`knowledge/data/air_campaigns.yaml`), it becomes actor1 and the event's reason says it was
inferred and which other air forces flew there; otherwise actor1 stays empty."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from sitrep.extract.actors import ActorRecord, ActorResult
from sitrep.extract.context import ArticleContext
from sitrep.knowledge import Knowledge
from sitrep.knowledge.campaigns import AirCampaign, air_campaigns
from sitrep.taxonomy import ActorKind, PloverMode, SubEventType
from sitrep.nlp.docinfo import doc_text

if TYPE_CHECKING:
    from sitrep.extract.events import EventRecord

# Actor kinds that can fly an air strike: states, their forces and the coalitions they lead.
FLYING_KINDS = frozenset({ActorKind.STATE, ActorKind.STATE_FORCES, ActorKind.GOVERNMENT, ActorKind.EXTERNAL_FORCES})


def _target_tags(rec: "EventRecord", actors: ActorResult) -> set[str]:
    """What the target is, in the campaign table's terms: a generic role and/or a KB id."""
    tags: set[str] = set()
    for eid in filter(None, (rec.actor2, *rec.assoc_actor_2)):
        r = actors.entities.get(eid)
        if r is None:
            continue
        tags.add(eid.removeprefix("kb:"))
        if r.kind == ActorKind.CIVILIANS:
            tags.add("civilians")
        if r.generic and r.role:
            tags.add(r.role)
    return tags


def _area_tags(text: str, cues: dict[str, tuple[str, ...]]) -> set[str]:
    return {
        who for who, phrases in cues.items()
        if any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text, re.IGNORECASE) for p in phrases)
    }


def _named_in(rec: "EventRecord", actors: ActorResult, doc: Doc) -> set[str]:
    """KB ids of every actor named in the event's sentences (an IS-held village names IS)."""
    return {
        m.entity_id.removeprefix("kb:") for m in actors.mentions
        if any(a <= doc[m.start].idx < b for a, b in rec.evidence)
    }


def _campaign_for(rec: "EventRecord", tags: set[str], named: set[str], country: str | None,
                  day: date | None) -> AirCampaign | None:
    found = [
        c for c in air_campaigns().flown_in(country, day)
        if tags & c.targets and not (tags | named) & c.not_when
    ]
    return found[0] if len(found) == 1 else None


def _reason(c: AirCampaign, knowledge: Knowledge, day: date | None) -> str:
    actor = knowledge.actors.get(c.actor)
    name = actor.name if actor else c.actor
    since = f" since {c.start.isoformat()}" if c.start else ""
    others = [o.note for o in c.also_flying if o.start is None or day is None or o.start <= day]
    tail = f" ({'; '.join(others)})" if others else ""
    return f"not named in the text; inferred: {name} flew strikes on such targets there{since}{tail}"


def attribute_air_strikes(records: list["EventRecord"], doc: Doc, actors: ActorResult,
                          ctx: ArticleContext, knowledge: Knowledge) -> None:
    table = air_campaigns()
    for rec in records:
        if rec.sub_event_type != SubEventType.AIR_DRONE_STRIKE:
            continue
        if rec.actor1 is not None and rec.plover and rec.plover[1] == PloverMode.AERIAL:
            # A group without aircraft that a retelling brought in as actor1 did not fly the
            # strike (drones are another mode).
            flown = actors.entities.get(rec.actor1)
            if flown is not None and flown.kind not in FLYING_KINDS:
                rec.actor1, rec.assoc_actor_1 = None, []
        if rec.actor1 is not None:
            continue
        country = rec.place.entry.country if rec.place is not None else ctx.focus_country
        day = date.fromisoformat(rec.date_start[:10]) if rec.date_start else ctx.published
        text = " ".join(doc_text(doc)[a:b] for a, b in rec.evidence)
        tags = _target_tags(rec, actors) | _area_tags(text, table.area_cues)
        campaign = _campaign_for(rec, tags, _named_in(rec, actors, doc), country, day)
        if campaign is None:
            continue
        actor = knowledge.actors.get(campaign.actor)
        if actor is None:
            continue
        if actor.id not in actors.entities:
            actors.entities[actor.id] = ActorRecord(
                id=actor.id, name=actor.name, kind=actor.kind, inter=actor.inter, country=actor.country,
                reason="the air force inferred for an air strike told without its attacker",
            )
        rec.actor1 = actor.id
        rec.actor_reason = _reason(campaign, knowledge, day)
