"""The facts of one happening that ACLED's codebook decides on: the weapon, who acts, who is hit,
what was targeted, and what the words say of force and of a crowd.

A `Situation` is all the codebook interpreter (codebook.py) may look at. It is built here from
the parsed participants and the trigger words; which trigger classes and cue words set which
facts is data (`class_facts`, `cue_facts`, `manner`, `means` in knowledge/data/codebook).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from sitrep.taxonomy import ActorKind

if TYPE_CHECKING:
    from sitrep.extract.actors import ActorRecord
    from sitrep.extract.events.codebook import Codebook
    from sitrep.extract.events.triggers import Trigger


@dataclass(frozen=True)
class Situation:
    # the weapon (Explosions/Remote violence)
    means: str | None = None
    means_reason: str | None = None
    state_bombing: bool = False
    place_bombed: bool = False
    state_military_strikes: bool = False
    # the act against people
    sexual: bool = False
    abduction: bool = False
    lethal: bool = False
    execution: bool = False
    fighting: bool = False
    offensive: bool = False
    manner: str | None = None
    # the sides
    actor1_armed: bool = False
    actor2_armed: bool = False
    actor2_civilians: bool = False
    actor2_named: bool = False
    target_armed: bool = False
    target_civilian: bool = False
    # territory
    transfer: bool = False
    taker: str | None = None
    subject: str | None = None
    retaken: bool = False
    # demonstrations
    riot: bool = False
    riot_words: bool = False
    force_on_crowd: bool = False
    force_words: bool = False
    mob: bool = False
    dispersed: bool = False
    intervention_words: bool = False




def own_cues(triggers: Iterable["Trigger"], sentence_cues: Callable[[], Iterable[str]]) -> frozenset[str]:
    """The cues of the happening: its triggers' own (without the words of mentions that are no
    happening here, such as a claim's topic or a test), else the whole sentence's, read only
    then (find_triggers gives every trigger its cues, so that is rare)."""
    own = [t.cues for t in triggers if t.cues is not None]
    return frozenset().union(*own) if own else frozenset(sentence_cues())


def word_facts(triggers: list["Trigger"], cues: frozenset[str], cb: "Codebook") -> dict[str, bool]:
    """Facts read straight off the trigger classes and cue words (the codebook's tables)."""
    out: dict[str, bool] = {}
    for t in triggers:
        fact = cb.class_facts.get(t.cls.name)
        if fact is not None:
            out[fact] = True
    for cue in cues:
        fact = cb.cue_facts.get(cue)
        if fact is not None:
            out[fact] = True
    return out


def resolve_means(triggers: list["Trigger"], cues: frozenset[str], cb: "Codebook") -> tuple[str | None, str | None]:
    """The weapon: the most specific one a trigger names, made more specific by an overriding
    weapon word in the sentence; else the most specific weapon word near a generic attack word."""
    names = {t.cls.name for t in triggers}
    table = cb.means
    named = [i for i, m in enumerate(table) if m.trigger_class in names]
    if named:
        first = named[0]
        for stronger in table[:first]:
            if stronger.overrides and stronger.name in cues:
                return stronger.name, f"'{stronger.name}' weapon words"
        return table[first].name, "trigger word"
    for m in table:
        if m.name in cues:
            return m.name, f"'{m.name}' weapon words near a generic attack word"
    return None, None


def manner(triggers: list["Trigger"], cues: frozenset[str], cb: "Codebook") -> str | None:
    names = {t.cls.name for t in triggers}
    for m in cb.manner:
        if cues & m.cues or names & m.classes:
            return m.name
    return None


def _state_bombing(triggers: list["Trigger"], agents: list["ActorRecord"], cb: "Codebook") -> bool:
    """A state's forces bombing, told only with bare bombing words (no planted-device word)."""
    words = cb.words
    if not any(a.kind in words["state_kinds"] and "police" not in a.id for a in agents):
        return False
    explosive = {m.trigger_class for m in cb.means if m.name == "explosive"}
    bombing = [t for t in triggers if t.phrase in words["bare_bombing"]]
    planted = [t for t in triggers if t.cls.name in explosive]
    return bool(bombing) and all(t.phrase in words["bare_bombing"] for t in planted)


def violent_situation(
    triggers: list["Trigger"],
    cues: frozenset[str],
    agents: list["ActorRecord"],
    patients: list["ActorRecord"],
    target_civilian: bool,
    target_armed: bool,
    place_bombed: Callable[[], bool],
    battle_words: frozenset[str],
    execution_words: frozenset[str],
    cb: "Codebook",
) -> Situation:
    words = cb.words
    means, means_reason = resolve_means(triggers, cues, cb)
    lethal = any(t.cls.name in words["lethal_classes"] and t.phrase not in words["harm_only"] for t in triggers)
    military = any(a.kind == ActorKind.STATE_FORCES and a.id.startswith("kb:military-forces-of") for a in agents)
    return Situation(
        means=means,
        means_reason=means_reason,
        state_bombing=means == "explosive" and _state_bombing(triggers, agents, cb),
        place_bombed=means == "explosive" and place_bombed(),
        state_military_strikes=military and any(t.phrase in words["strikes"] for t in triggers),
        lethal=lethal,
        execution=any(t.phrase.lower() in execution_words for t in triggers),
        offensive=any(t.phrase in battle_words for t in triggers),
        manner=manner(triggers, cues, cb),
        actor1_armed=any(a.armed for a in agents),
        actor2_armed=any(p.armed for p in patients),
        actor2_civilians=any(p.kind == ActorKind.CIVILIANS for p in patients),
        actor2_named=bool(patients),
        target_armed=target_armed,
        target_civilian=target_civilian,
        **word_facts(triggers, cues, cb),
    )


def territory_situation(trigger: "Trigger", agents: list["ActorRecord"], cb: "Codebook") -> Situation:
    taker = None
    if agents:
        first = agents[0]
        taker = "state" if first.kind in cb.words["state_kinds"] else "armed" if first.armed else "other"
    return Situation(taker=taker, subject=trigger.subject_kind, **word_facts([trigger], frozenset(), cb))


def demonstration_situation(triggers: list["Trigger"], cues: frozenset[str], cb: "Codebook") -> Situation:
    return Situation(**word_facts(triggers, cues, cb))
