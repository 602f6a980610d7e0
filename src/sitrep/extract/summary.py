"""A one-sentence note in the style of ACLED's `notes` column: when, who did what to whom,
where, how many killed, and who said so."""

from __future__ import annotations

from datetime import date

ACTIONS = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained control of territory from",
    "Non-state actor overtakes territory": "took control of territory from",
    "Chemical weapon": "carried out a chemical attack on",
    "Air/drone strike": "carried out air/drone strikes on",
    "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "shelled",
    "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Grenade": "threw a grenade at",
    "Sexual violence": "committed sexual violence against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Peaceful protest": "protested",
    "Protest with intervention": "protested and were dispersed by",
    "Excessive force against protesters": "protested and faced lethal force from",
    "Violent demonstration": "rioted against",
    "Mob violence": "carried out mob violence against",
    "Agreement": "reached an agreement with",
    "Arrests": "arrested",
    "Change to group/activity": "changed activity (deployment, defection or leadership change) involving",
    "Disrupted weapons use": "disrupted weapons use by",
    "Headquarters or base established": "established a base near",
    "Looting/property destruction": "looted or destroyed property of",
    "Non-violent transfer of territory": "handed over territory to",
    "Other": "was involved in a development with",
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
    "AGREE": "agreed with", "CONSULT": "consulted", "SUPPORT": "expressed support for",
    "CONCEDE": "made concessions to", "COOPERATE": "cooperated with", "AID": "gave aid to",
    "RETREAT": "withdrew from", "REQUEST": "made a request to", "ACCUSE": "accused",
    "REJECT": "rejected", "THREATEN": "threatened", "SANCTION": "sanctioned",
    "PROTEST": "protested against", "MOBILIZE": "mobilised against", "COERCE": "coerced",
    "ASSAULT": "attacked",
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
    if sub_event_type in ("Peaceful protest",) or not target:
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
