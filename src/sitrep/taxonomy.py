"""ACLED's and PLOVER's names, owned here and nowhere else.

ACLED's 6 event types and 25 sub-event types, the sub-event -> event-type hierarchy, the actor
kinds sitrep types entities with, ACLED's inter codes, and the PLOVER event types and modes sitrep
emits (ACLED Codebook 2023, sections 1.1-1.2 and 3.3; `../shared/reference/codebooks.md`).

They are `StrEnum`s (inter codes an `IntEnum`) so a member *is* its string (or number): JSON
output, YAML values and comparisons with plain strings are unchanged by using them. Code names a
type by its member (`SubEventType.AIR_DRONE_STRIKE`), never by spelling the string out; a test
greps `src/` for spelled-out names. Data files keep ACLED's strings and are checked against these
enums when read (`member`), so a misspelt name fails loudly, naming the file.
"""

from __future__ import annotations

from enum import Enum, IntEnum, StrEnum
from typing import TypeVar


class TaxonomyError(ValueError):
    """A data file names a type, kind or code that is not in the taxonomy."""


class EventType(StrEnum):
    """ACLED's event types, in the order of the document model (not ACLED's rank; see RANK)."""

    BATTLES = "Battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class SubEventType(StrEnum):
    """ACLED's 25 sub-event types, spelled character for character as ACLED exports them."""

    ARMED_CLASH = "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING_ARTILLERY_MISSILE_ATTACK = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE_LANDMINE_IED = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION_FORCED_DISAPPEARANCE = "Abduction/forced disappearance"
    PEACEFUL_PROTEST = "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP_ACTIVITY = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_OR_BASE_ESTABLISHED = "Headquarters or base established"
    LOOTING_PROPERTY_DESTRUCTION = "Looting/property destruction"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = "Non-violent transfer of territory"
    OTHER = "Other"


E, S = EventType, SubEventType

# Which event type each sub-event type belongs to (codebook 1.1), grouped in the model's order.
SUB_EVENTS: dict[EventType, tuple[SubEventType, ...]] = {
    E.BATTLES: (S.ARMED_CLASH, S.GOVERNMENT_REGAINS_TERRITORY, S.NON_STATE_ACTOR_OVERTAKES_TERRITORY),
    E.EXPLOSIONS_REMOTE_VIOLENCE: (
        S.CHEMICAL_WEAPON, S.AIR_DRONE_STRIKE, S.SUICIDE_BOMB, S.SHELLING_ARTILLERY_MISSILE_ATTACK,
        S.REMOTE_EXPLOSIVE_LANDMINE_IED, S.GRENADE,
    ),
    E.VIOLENCE_AGAINST_CIVILIANS: (S.SEXUAL_VIOLENCE, S.ATTACK, S.ABDUCTION_FORCED_DISAPPEARANCE),
    E.PROTESTS: (S.PEACEFUL_PROTEST, S.PROTEST_WITH_INTERVENTION, S.EXCESSIVE_FORCE_AGAINST_PROTESTERS),
    E.RIOTS: (S.VIOLENT_DEMONSTRATION, S.MOB_VIOLENCE),
    E.STRATEGIC_DEVELOPMENTS: (
        S.AGREEMENT, S.ARRESTS, S.CHANGE_TO_GROUP_ACTIVITY, S.DISRUPTED_WEAPONS_USE,
        S.HEADQUARTERS_OR_BASE_ESTABLISHED, S.LOOTING_PROPERTY_DESTRUCTION,
        S.NON_VIOLENT_TRANSFER_OF_TERRITORY, S.OTHER,
    ),
}
EVENT_TYPE_OF: dict[SubEventType, EventType] = {sub: t for t, subs in SUB_EVENTS.items() for sub in subs}

# ACLED's hierarchy, highest first (codebook 1.1): when concurrent tactics of the same actors at
# the same place and day are merged, the event takes the highest type and sub-event type.
RANK: tuple[SubEventType, ...] = (
    S.GOVERNMENT_REGAINS_TERRITORY, S.NON_STATE_ACTOR_OVERTAKES_TERRITORY, S.ARMED_CLASH,
    S.EXCESSIVE_FORCE_AGAINST_PROTESTERS, S.PROTEST_WITH_INTERVENTION, S.PEACEFUL_PROTEST,
    S.VIOLENT_DEMONSTRATION, S.MOB_VIOLENCE,
    S.CHEMICAL_WEAPON, S.AIR_DRONE_STRIKE, S.SUICIDE_BOMB, S.SHELLING_ARTILLERY_MISSILE_ATTACK,
    S.REMOTE_EXPLOSIVE_LANDMINE_IED, S.GRENADE,
    S.SEXUAL_VIOLENCE, S.ATTACK, S.ABDUCTION_FORCED_DISAPPEARANCE,
    S.AGREEMENT, S.ARRESTS, S.CHANGE_TO_GROUP_ACTIVITY, S.DISRUPTED_WEAPONS_USE,
    S.HEADQUARTERS_OR_BASE_ESTABLISHED, S.LOOTING_PROPERTY_DESTRUCTION,
    S.NON_VIOLENT_TRANSFER_OF_TERRITORY, S.OTHER,
)
# Remote violence (codebook 1.2): one side strikes from range or by a device the target cannot
# answer; code that asks "was it remote?" asks this set.
REMOTE_VIOLENCE: frozenset[SubEventType] = frozenset(SUB_EVENTS[E.EXPLOSIONS_REMOTE_VIOLENCE])



class DisorderType(StrEnum):
    """ACLED's disorder types (codebook 1.1), a column of every ACLED event."""

    POLITICAL_VIOLENCE = "Political violence"
    DEMONSTRATIONS = "Demonstrations"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


D = DisorderType
# Event type -> disorder type (codebook 1.1). Two sub-event types sit apart from their event type:
# force used on peaceful protesters is filed under both, and mob violence is political violence.
DISORDER_OF: dict[EventType, str] = {
    E.BATTLES: D.POLITICAL_VIOLENCE,
    E.EXPLOSIONS_REMOTE_VIOLENCE: D.POLITICAL_VIOLENCE,
    E.VIOLENCE_AGAINST_CIVILIANS: D.POLITICAL_VIOLENCE,
    E.PROTESTS: D.DEMONSTRATIONS,
    E.RIOTS: D.DEMONSTRATIONS,
    E.STRATEGIC_DEVELOPMENTS: D.STRATEGIC_DEVELOPMENTS,
}

del E, S, D


class ActorKind(StrEnum):
    """The `kind` of an entity: ACLED's actor types (codebook 3), split finer where sitrep needs
    it (a state, its government and its forces; persons, parties, organisations, media)."""

    STATE = "state"
    STATE_FORCES = "state_forces"
    REBEL_GROUP = "rebel_group"
    POLITICAL_MILITIA = "political_militia"
    IDENTITY_MILITIA = "identity_militia"
    EXTERNAL_FORCES = "external_forces"
    POLITICAL_PARTY = "political_party"
    GOVERNMENT = "government"
    OFFICIAL = "official"
    PERSON = "person"
    INTERNATIONAL_ORG = "international_org"
    NGO = "ngo"
    MEDIA = "media"
    CIVILIANS = "civilians"
    PROTESTERS = "protesters"
    RIOTERS = "rioters"
    OTHER = "other"


class Inter(IntEnum):
    """ACLED's inter codes, the actor type of actor1/actor2 (codebook 3.3)."""

    STATE_FORCES = 1
    REBEL_GROUPS = 2
    POLITICAL_MILITIAS = 3
    IDENTITY_MILITIAS = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER = 8


class PloverType(StrEnum):
    """The 16 PLOVER event types sitrep emits (the POLECAT set), in the model's order."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    SANCTION = "SANCTION"
    PROTEST = "PROTEST"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class PloverMode(StrEnum):
    """The PLOVER modes sitrep's event classes emit (PLOVER 0.5 mode table)."""

    ABDUCT = "abduct"
    AERIAL = "aerial"
    ARREST = "arrest"
    DEMO = "demo"
    DESTROY = "destroy"
    DRONE = "drone"
    EXPLOSIVES = "explosives"
    FIREARMS = "firearms"
    HEAVY_WEAPONS = "heavy-weapons"
    PRIMITIVE = "primitive"
    RIOT = "riot"
    SEIZE = "seize"
    SEXUAL = "sexual"
    SUICIDE_ATTACK = "suicide-attack"
    UNCONVENTIONAL = "unconventional"


_Enum = TypeVar("_Enum", bound=Enum)


def member(enum: type[_Enum], value: object, where: str) -> _Enum:
    """`value` as a member of `enum`, or a TaxonomyError naming `where` (the file and entry) and
    the value, with the allowed values."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in enum)
        raise TaxonomyError(f"{where}: {value!r} is not an ACLED/PLOVER {enum.__name__} ({allowed})") from None


# Where the data files under `knowledge/data/` spell taxonomy names, as paths into the parsed YAML:
# a key, `*` for every value of a mapping or item of a list, `~` for every key of a mapping. A
# missing key or a null value is not checked (it means "none", e.g. a class with no sub-event).
DATA_RULES: dict[str, dict[str, type[Enum]]] = {
    "lexicons/events.yaml": {
        "classes.*.sub_event": SubEventType,
        "classes.*.plover.0": PloverType,
        "classes.*.plover.1": PloverMode,
    },
    "lexicons/agents.yaml": {"agents.*.kind": ActorKind, "agents.*.inter": Inter},
    "lexicons/people.yaml": {"organisation_cues.*.kind": ActorKind, "organisation_cues.*.inter": Inter},
    "evaluation/case2021.yaml": {"labels.*": SubEventType},
    "evaluation/fakes.yaml": {
        "violent_event_types.*": EventType,
        "cause_of_death.~": SubEventType,
        "actor_classes.*.kinds.*.*": ActorKind,
    },
    "evaluation/plover.yaml": {"types.*": PloverType},
    "evaluation/re3d.yaml": {"entity_kinds.~": ActorKind},
    "codebook/sub_events.yaml": {
        "families.*.*.sub_event": SubEventType,
        "families.*.*.mode": PloverMode,
        "plover.*": PloverType,
        "words.state_kinds.*": ActorKind,
    },
}


def _walk(node: object, steps: list[str], at: str):
    """(value, where) for every value the path `steps` reaches in `node`."""
    if not steps:
        if node is not None:
            yield node, at
        return
    step, rest = steps[0], steps[1:]
    if step == "~" and isinstance(node, dict):
        for key in node:
            yield key, f"{at}.{key}"
    elif step == "*" and isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, rest, f"{at}.{key}")
    elif step == "*" and isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, rest, f"{at}[{i}]")
    elif isinstance(node, dict) and step in node:
        yield from _walk(node[step], rest, f"{at}.{step}")
    elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
        yield from _walk(node[int(step)], rest, f"{at}[{step}]")


def check_data(name: str, data: object) -> None:
    """Check the taxonomy names in a parsed data file (`name` relative to knowledge/data, e.g.
    "lexicons/events.yaml"); raise TaxonomyError naming the file, the entry and the value."""
    for path, enum in DATA_RULES.get(name, {}).items():
        for value, at in _walk(data, path.split("."), ""):
            member(enum, value, f"knowledge/data/{name}: {at.lstrip('.')}")
