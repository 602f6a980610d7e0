"""Decide the ACLED sub-event type and the PLOVER mode of an event from its triggers, the
weapon words around them, who acted and who was hit.

ACLED's rules, in short: remote weapons (aircraft, drones, artillery, explosives) make an
Explosions/Remote violence event whoever is hit; armed actors fighting each other make a Battle;
an armed actor attacking unarmed people is Violence against civilians; who took territory
decides between "Government regains territory" and "Non-state actor overtakes territory".
"""

from __future__ import annotations

from spacy.tokens import Span

from sitrep.extract.actors import ActorRecord
from sitrep.extract.events.lexicon import EventLexicon
from sitrep.extract.events.triggers import Trigger, _cues
from sitrep.taxonomy import ActorKind, PloverMode, SubEventType

# Most specific first: a suicide car bomb is a suicide bomb, a chemical air strike a chemical attack.
CUE_ORDER = ("chemical", "suicide", "drone", "aerial", "shelling", "grenade", "explosive")
CUE_SUB_EVENT = {
    "chemical": (SubEventType.CHEMICAL_WEAPON, PloverMode.UNCONVENTIONAL),
    "suicide": (SubEventType.SUICIDE_BOMB, PloverMode.SUICIDE_ATTACK),
    "drone": (SubEventType.AIR_DRONE_STRIKE, PloverMode.DRONE),
    "aerial": (SubEventType.AIR_DRONE_STRIKE, PloverMode.AERIAL),
    "shelling": (SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK, PloverMode.HEAVY_WEAPONS),
    "grenade": (SubEventType.GRENADE, PloverMode.EXPLOSIVES),
    "explosive": (SubEventType.REMOTE_EXPLOSIVE_LANDMINE_IED, PloverMode.EXPLOSIVES),
}
CLASS_CUE = {
    "chemical": "chemical",
    "suicide_bomb": "suicide",
    "drone_strike": "drone",
    "air_strike": "aerial",
    "shelling": "shelling",
    "grenade": "grenade",
    "explosive": "explosive",
}
STATE_KINDS = frozenset({ActorKind.STATE_FORCES, ActorKind.GOVERNMENT, ActorKind.STATE})


def cues_in(span: Span, lex: EventLexicon) -> set[str]:
    return set(_cues(span, lex, set()))


# Bare bombing words: by a state's forces they mean bombs dropped from aircraft ("regime
# bombing killed 16"); a planted or vehicle bomb is named as such ("car bomb", "roadside bomb").
_BARE_BOMBING = frozenset({"bomb", "bombs", "bombing", "bombings", "bombed", "bombarded"})


def _state_bombing(triggers: list[Trigger], agents: list[ActorRecord]) -> bool:
    if not any(a.kind in STATE_KINDS and "police" not in a.id for a in agents):
        return False
    bombing = [t for t in triggers if t.phrase in _BARE_BOMBING]
    explosive = [t for t in triggers if CLASS_CUE.get(t.cls.name) == "explosive"]
    return bool(bombing) and all(t.phrase in _BARE_BOMBING for t in explosive)


_HARM_ONLY = frozenset("wound wounded injure injured injuries injury casualty casualties".split())


def violent_type(
    triggers: list[Trigger],
    cues: set[str],
    agents: list[ActorRecord],
    patients: list[ActorRecord],
    civilian_target: bool,
    armed_target: bool,
    battle_words: frozenset[str] = frozenset(),
    execution_words: frozenset[str] = frozenset(),
) -> tuple[str, str | None, str]:
    """(sub_event_type, plover mode, reason) for a cluster of violent triggers."""
    names = {t.cls.name for t in triggers}
    # The triggers carry their sentence's cues without the words of mentions that are no
    # happening here ("accused of a chlorine attack", "missile tests").
    own = [t.cues for t in triggers if t.cues is not None]
    if own:
        cues = frozenset().union(*own)
    explicit = [CLASS_CUE[n] for n in names if n in CLASS_CUE]
    for cue in CUE_ORDER:
        if cue in explicit:
            # A weapon word in the sentence can make an explicit trigger more specific
            # ("a suicide car bomb" is a suicide bomb; "a chemical air strike" chemical).
            for stronger in CUE_ORDER[: CUE_ORDER.index(cue)]:
                if stronger in cues and stronger in ("chemical", "suicide", "drone"):
                    sub, mode = CUE_SUB_EVENT[stronger]
                    return sub, mode, f"'{stronger}' weapon words"
            if cue == "explosive" and _state_bombing(triggers, agents):
                sub, mode = CUE_SUB_EVENT["aerial"]
                return sub, mode, "a state's forces bombing: from the air, not a planted device"
            sub, mode = CUE_SUB_EVENT[cue]
            return sub, mode, "trigger word"
    for cue in CUE_ORDER:
        if cue in cues:
            if cue == "explosive" and _state_bombing(triggers, agents):
                sub, mode = CUE_SUB_EVENT["aerial"]
                return sub, mode, "a state's forces bombing: from the air, not a planted device"
            sub, mode = CUE_SUB_EVENT[cue]
            return sub, mode, f"'{cue}' weapon words near a generic attack word"
    # "Russian strikes kill 34": a state military's bare "strikes" in a war report are air
    # strikes (a ground assault is told as fighting, shelling or a raid).
    if any(t.phrase in ("strike", "strikes") for t in triggers) and any(
        a.kind == ActorKind.STATE_FORCES and a.id.startswith("kb:military-forces-of") for a in agents
    ):
        sub, mode = CUE_SUB_EVENT["aerial"]
        return sub, mode, "a state military's strikes: from the air"
    for n in ("abduction", "sexual"):
        # Captives who are killed ("execute 50 captive troops", "kidnapped and killed") were
        # attacked: the killing, not the capture, is the happening ACLED codes.
        if n == "abduction" and names & {"shooting", "kill"} and any(
            t.cls.name in ("shooting", "kill") and t.phrase not in _HARM_ONLY for t in triggers
        ):
            continue
        if n in names:
            t = next(t for t in triggers if t.cls.name == n)
            return t.cls.sub_event, t.cls.plover[1] if t.cls.plover else None, "trigger word"
    if any(t.phrase.lower() in execution_words for t in triggers):
        return SubEventType.ATTACK, PloverMode.FIREARMS, "killing of people held or captured: one-sided violence"
    armed_agent = any(a.armed for a in agents)
    civ_patients = any(p.kind == ActorKind.CIVILIANS for p in patients)
    armed_patients = any(p.armed for p in patients)
    mode = PloverMode.FIREARMS if ("firearms" in cues or "shooting" in names) else None
    if "cold_weapons" in cues:
        mode = PloverMode.PRIMITIVE
    if "clash" in names and (not civ_patients or armed_agent or armed_patients):
        # "government forces and Kurdish fighters clashed, killing several people": fighting
        # between armed groups stays a battle when bystanders die in it.
        return SubEventType.ARMED_CLASH, PloverMode.FIREARMS, "fighting between armed groups"
    # An armed target named outright ("a police post", "security personnel") outweighs victims
    # known only as "people"; a civilian target named outright ("a market") does not yield.
    if armed_patients or (armed_target and not civilian_target):
        return SubEventType.ARMED_CLASH, mode or PloverMode.FIREARMS, "the target is armed"
    if civ_patients or civilian_target:
        return SubEventType.ATTACK, mode, "armed violence against civilians"
    if "clash" in names:
        return SubEventType.ARMED_CLASH, PloverMode.FIREARMS, "fighting words"
    if armed_agent and patients:
        return SubEventType.ARMED_CLASH, mode, "armed actors on both sides"
    if armed_agent and any(t.phrase in battle_words for t in triggers):
        return SubEventType.ARMED_CLASH, mode or PloverMode.FIREARMS, "an armed offensive with no civilian target named"
    return SubEventType.ATTACK, mode, "violence with no armed opponent named"


def territory_type(trigger: Trigger, agents: list[ActorRecord]) -> tuple[str, str]:
    if trigger.cls.name == "transfer":
        return SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY, "the ground changed hands without fighting"
    if agents:
        if agents[0].kind in STATE_KINDS:
            return SubEventType.GOVERNMENT_REGAINS_TERRITORY, "state forces took the territory"
        if trigger.subject_kind == "state" and not agents[0].armed:
            return SubEventType.GOVERNMENT_REGAINS_TERRITORY, "the subject names state forces"
        return SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY, "a non-state actor took the territory"
    if trigger.subject_kind == "state":
        return SubEventType.GOVERNMENT_REGAINS_TERRITORY, "the subject names state forces"
    if trigger.subject_kind == "nonstate":
        return SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY, "the subject names a non-state group"
    if trigger.cls.name == "recapture":
        return SubEventType.GOVERNMENT_REGAINS_TERRITORY, "'retake' words, taker not named: most often the state"
    return SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY, "capture words, taker not named"


def demonstration_type(triggers: list[Trigger], cues: set[str], fatalities: int | None) -> tuple[str, str, str]:
    names = {t.cls.name for t in triggers}
    own = [t.cues for t in triggers if t.cues is not None]
    if own:
        cues = frozenset().union(*own)
    if "protest_force" in names:
        return SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS, PloverMode.RIOT if "riot" in names else PloverMode.DEMO, "violence against the demonstrators"
    if "riot" in names:
        return SubEventType.VIOLENT_DEMONSTRATION, PloverMode.RIOT, "the demonstrators used violence"
    if "excessive_force" in cues:
        return SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS, PloverMode.DEMO, "force used against the demonstrators"
    if "mob" in names:
        return SubEventType.MOB_VIOLENCE, PloverMode.RIOT, "mob"
    if "riot_violence" in cues:
        return SubEventType.VIOLENT_DEMONSTRATION, PloverMode.RIOT, "the demonstrators used violence"
    if "protest_intervention" in names:
        return SubEventType.PROTEST_WITH_INTERVENTION, PloverMode.DEMO, "the demonstration was dispersed or suppressed"
    if "intervention" in cues:
        return SubEventType.PROTEST_WITH_INTERVENTION, PloverMode.DEMO, "the demonstration was dispersed or suppressed"
    return SubEventType.PEACEFUL_PROTEST, PloverMode.DEMO, "a demonstration with no violence reported"
