"""A one-sentence note in the style of ACLED's `notes` column: when, who did what to whom,
where, how many killed, and who said so."""

from __future__ import annotations

from datetime import date

from sitrep.taxonomy import PloverType, SubEventType

ACTIONS = {
    SubEventType.ARMED_CLASH: "clashed with",
    SubEventType.GOVERNMENT_REGAINS_TERRITORY: "regained control of territory from",
    SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY: "took control of territory from",
    SubEventType.CHEMICAL_WEAPON: "carried out a chemical attack on",
    SubEventType.AIR_DRONE_STRIKE: "carried out air/drone strikes on",
    SubEventType.SUICIDE_BOMB: "carried out a suicide bombing against",
    SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK: "shelled",
    SubEventType.REMOTE_EXPLOSIVE_LANDMINE_IED: "detonated an explosive device against",
    SubEventType.GRENADE: "threw a grenade at",
    SubEventType.SEXUAL_VIOLENCE: "committed sexual violence against",
    SubEventType.ATTACK: "attacked",
    SubEventType.ABDUCTION_FORCED_DISAPPEARANCE: "abducted",
    SubEventType.PEACEFUL_PROTEST: "protested",
    SubEventType.PROTEST_WITH_INTERVENTION: "protested and were dispersed by",
    SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS: "protested and faced lethal force from",
    SubEventType.VIOLENT_DEMONSTRATION: "rioted against",
    SubEventType.MOB_VIOLENCE: "carried out mob violence against",
    SubEventType.AGREEMENT: "reached an agreement with",
    SubEventType.ARRESTS: "arrested",
    SubEventType.CHANGE_TO_GROUP_ACTIVITY: "changed activity (deployment, defection or leadership change) involving",
    SubEventType.DISRUPTED_WEAPONS_USE: "disrupted weapons use by",
    SubEventType.HEADQUARTERS_OR_BASE_ESTABLISHED: "established a base near",
    SubEventType.LOOTING_PROPERTY_DESTRUCTION: "looted or destroyed property of",
    SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY: "handed over territory to",
    SubEventType.OTHER: "was involved in a development with",
}
# Strategic developments say more with the trigger's class than with the sub-event type.
CLASS_ACTIONS = {
    "deployment": "deployed or moved forces",
    "defection": "defected, merged or changed allegiance",
    "leadership": "changed leaders or commanders",
    "base": "established a base or position",
    "disrupted": "disrupted weapons use",
}
PLOVER_ACTIONS = {
    PloverType.AGREE: "agreed with", PloverType.CONSULT: "consulted", PloverType.SUPPORT: "expressed support for",
    PloverType.CONCEDE: "made concessions to", PloverType.COOPERATE: "cooperated with", PloverType.AID: "gave aid to",
    PloverType.RETREAT: "withdrew from", PloverType.REQUEST: "made a request to", PloverType.ACCUSE: "accused",
    PloverType.REJECT: "rejected", PloverType.THREATEN: "threatened", PloverType.SANCTION: "sanctioned",
    PloverType.PROTEST: "protested against", PloverType.MOBILIZE: "mobilised against", PloverType.COERCE: "coerced",
    PloverType.ASSAULT: "attacked",
}


def _date_words(start: str | None, precision: str) -> str:
    if not start:
        return "On an unknown date"
    d = date.fromisoformat(start)
    if precision == "day":
        return f"On {d.day} {d:%B %Y}"
    if precision == "week":
        return f"In the week of {d.day} {d:%B %Y}"
    if precision == "month":
        return f"In {d:%B %Y}"
    if precision == "year":
        return f"In {d.year}"
    return f"Around {d.day} {d:%B %Y}"


def summarise(
    *,
    sub_event_type: str | None,
    plover_type: str | None,
    actor1: str | None,
    actor2: str | None,
    place: str | None,
    date_start: str | None,
    date_precision: str,
    fatalities: int | None,
    size_text: str | None,
    source_text: str | None,
    status: str,
    trigger_class: str | None = None,
) -> str:
    who = actor1 or "Unidentified actors"
    if trigger_class in CLASS_ACTIONS:
        action = CLASS_ACTIONS[trigger_class] + (" with" if actor2 else "")
    elif sub_event_type:
        action = ACTIONS.get(sub_event_type, "acted against")
    else:
        action = PLOVER_ACTIONS.get(plover_type or "", "acted towards")
    target = actor2 or ""
    if sub_event_type in (SubEventType.PEACEFUL_PROTEST,) or not target:
        action = action.removesuffix(" with").removesuffix(" on").removesuffix(" against").removesuffix(" of").removesuffix(" from").removesuffix(" to").removesuffix(" by").removesuffix(" at").removesuffix(" involving").removesuffix(" for").removesuffix(" near")
    text = f"{_date_words(date_start, date_precision)}, {who}"
    if size_text:
        text += f" ({size_text})"
    text += f" {action}"
    if target:
        text += f" {target}"
    if place:
        text += f" in {place}"
    text += "."
    if fatalities is not None:
        text += f" {fatalities} reported fatalities." if fatalities != 1 else " 1 reported fatality."
    if source_text:
        text += f" Source: {source_text}."
    if status == "background":
        text = "[Background] " + text
    return text
