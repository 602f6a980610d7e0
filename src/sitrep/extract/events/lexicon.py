"""The event lexicons (data/lexicons/events.yaml, attribution.yaml, background.yaml) compiled
into phrase indexes, once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.knowledge.lexicons import load_lexicon, word_set
from sitrep.nlp.phrases import PhraseIndex


@dataclass(frozen=True)
class EventClass:
    name: str
    sub_event: str | None
    plover: tuple[str, str | None] | None
    family: str  # violent | territory | demonstration | strategic | verbal
    weight: float
    outcome: bool  # an outcome word (killed, dead) rather than the act itself


@dataclass(frozen=True)
class EventLexicon:
    classes: dict[str, EventClass]
    triggers: PhraseIndex  # phrase -> (phrase, tuple of class names)
    weak: frozenset[str]
    non_conflict: PhraseIndex  # phrase -> kind (natural_disaster, man_made_disaster, crime)
    attack_markers: PhraseIndex
    cues: PhraseIndex  # phrase -> cue name (aerial, drone, shelling, ...)
    civilian_targets: frozenset[str]
    armed_targets: frozenset[str]
    territory_nouns: frozenset[str]
    not_triggers: frozenset[str]
    noun_only: frozenset[str]
    verb_only: frozenset[str]
    irrealis_heads: frozenset[str]
    reaction_verbs: frozenset[str]
    battle_words: frozenset[str]
    armed_presence: PhraseIndex
    non_conflict_blocks: dict[str, frozenset[str]]  # kind -> strategic classes it also blocks
    ambiguous_cues: frozenset[str]
    modifier_heads: frozenset[str]
    attribution_heads: frozenset[str]
    background_frames: frozenset[str]
    grievance_heads: frozenset[str]
    crowd_words: frozenset[str]
    weapon_nouns: PhraseIndex
    weapon_object_triggers: frozenset[str]
    property_nouns: PhraseIndex
    property_object_triggers: frozenset[str]
    person_nouns: frozenset[str]
    person_object_triggers: frozenset[str]
    abuse_objects: frozenset[str]
    taken_to_safety: frozenset[str]
    prisoner_words: PhraseIndex
    prisoner_object_triggers: frozenset[str]
    establishing_verbs: frozenset[str]
    state_words: PhraseIndex
    nonstate_words: PhraseIndex
    push_verbs: frozenset[str]
    push_particles: frozenset[str]
    handover_verbs: frozenset[str]
    # attribution
    reporting_verbs: frozenset[str]
    according_to: PhraseIndex
    speaker_kinds: PhraseIndex
    denied: PhraseIndex
    unconfirmed: PhraseIndex
    claimed: PhraseIndex
    claim_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    blame_verbs: frozenset[str]
    blame_preps: frozenset[str]
    planned: PhraseIndex
    # background
    toll_update_cues: PhraseIndex
    execution_triggers: frozenset[str]
    kill_euphemisms: frozenset[str]
    bombing_words: frozenset[str]
    sustained_bombing: frozenset[str]
    people_objects: frozenset[str]
    max_age_days: int
    running_toll_min: int
    background_cues: PhraseIndex
    death_lemmas: frozenset[str]
    toll_lemmas: frozenset[str]
    target_preps: frozenset[str]
    definite_dets: frozenset[str]
    demonstrative_dets: frozenset[str]
    plural_demonstratives: frozenset[str]
    distinct_words: frozenset[str]
    # verbal (PLOVER-only) readings
    verbal_weak: frozenset[str] = frozenset()
    main_act_frames: frozenset[str] = frozenset()


def _flag_index(words) -> PhraseIndex:
    return PhraseIndex((w, True) for w in words)


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    ev = load_lexicon("events")
    classes: dict[str, EventClass] = {}
    phrase_classes: dict[str, list[str]] = {}
    for name, spec in ev["classes"].items():
        plover = spec.get("plover")
        classes[name] = EventClass(
            name=name,
            sub_event=spec.get("sub_event"),
            plover=(plover[0], plover[1]) if plover else None,
            family=spec["family"],
            weight=float(spec.get("weight", 0.6)),
            outcome=bool(spec.get("outcome", False)),
        )
        for phrase in spec["triggers"]:
            phrase_classes.setdefault(phrase.lower(), []).append(name)
    triggers = PhraseIndex((p, (p, tuple(cs))) for p, cs in phrase_classes.items())
    nc = ev["non_conflict"]
    non_conflict = PhraseIndex(
        (w, kind) for kind in ("natural_disaster", "man_made_disaster", "crime") for w in nc[kind]
    )
    cues = PhraseIndex((w, name) for name, words in ev["cues"].items() for w in words)
    att = load_lexicon("attribution")
    speaker = PhraseIndex((w, kind) for kind, words in att["speaker_kinds"].items() for w in words)
    bg = load_lexicon("background")
    return EventLexicon(
        classes=classes,
        triggers=triggers,
        weak=word_set(ev, "weak_triggers"),
        non_conflict=non_conflict,
        attack_markers=_flag_index(nc["attack_markers"]),
        cues=cues,
        civilian_targets=word_set(ev, "civilian_targets"),
        armed_targets=word_set(ev, "armed_targets"),
        territory_nouns=word_set(ev, "territory_nouns"),
        not_triggers=word_set(ev, "not_triggers"),
        noun_only=word_set(ev, "noun_only"),
        verb_only=word_set(ev, "verb_only"),
        irrealis_heads=word_set(ev, "irrealis_heads"),
        reaction_verbs=word_set(ev, "reaction_verbs"),
        battle_words=word_set(ev, "battle_words"),
        armed_presence=_flag_index(nc["armed_presence"]),
        non_conflict_blocks={k: frozenset(v) for k, v in nc["blocks"].items()},
        ambiguous_cues=word_set(ev, "ambiguous_cues"),
        modifier_heads=word_set(ev, "modifier_heads"),
        attribution_heads=word_set(ev, "attribution_heads"),
        background_frames=word_set(ev, "background_frames"),
        grievance_heads=word_set(ev, "grievance_heads"),
        crowd_words=word_set(ev, "crowd_words"),
        weapon_nouns=_flag_index(ev["weapon_nouns"]),
        weapon_object_triggers=word_set(ev, "weapon_object_triggers"),
        property_nouns=_flag_index(ev["property_nouns"]),
        property_object_triggers=word_set(ev, "property_object_triggers"),
        person_nouns=word_set(ev, "person_nouns"),
        person_object_triggers=word_set(ev, "person_object_triggers"),
        abuse_objects=word_set(ev, "abuse_objects"),
        taken_to_safety=word_set(ev, "taken_to_safety"),
        prisoner_words=_flag_index(ev["prisoner_words"]),
        prisoner_object_triggers=word_set(ev, "prisoner_object_triggers"),
        establishing_verbs=word_set(ev, "establishing_verbs"),
        state_words=_flag_index(ev["state_words"]),
        nonstate_words=_flag_index(ev["nonstate_words"]),
        push_verbs=word_set(ev, "push_verbs"),
        push_particles=word_set(ev, "push_particles"),
        handover_verbs=word_set(ev, "handover_verbs"),
        reporting_verbs=word_set(att, "reporting_verbs"),
        according_to=_flag_index(att["according_to"]),
        speaker_kinds=speaker,
        denied=_flag_index(att["denied"]),
        unconfirmed=_flag_index(att["unconfirmed"]),
        claimed=_flag_index(att["claimed"]),
        claim_verbs=word_set(att, "claim_verbs"),
        responsibility_nouns=word_set(att, "responsibility_nouns"),
        blame_verbs=word_set(att, "blame_verbs"),
        blame_preps=word_set(att, "blame_preps"),
        planned=_flag_index(att["planned"]),
        toll_update_cues=_flag_index(ev["toll_update_cues"]),
        execution_triggers=word_set(ev, "execution_triggers"),
        kill_euphemisms=word_set(ev, "kill_euphemisms"),
        bombing_words=word_set(ev, "bombing_words"),
        sustained_bombing=word_set(ev, "sustained_bombing"),
        people_objects=word_set(ev, "people_objects"),
        max_age_days=int(bg["max_age_days"]),
        running_toll_min=int(bg["running_toll_min"]),
        background_cues=_flag_index(bg["cues"]),
        death_lemmas=word_set(ev, "death_lemmas"),
        toll_lemmas=word_set(ev, "toll_lemmas"),
        target_preps=word_set(ev, "target_preps"),
        definite_dets=word_set(ev, "definite_dets"),
        demonstrative_dets=word_set(ev, "demonstrative_dets"),
        plural_demonstratives=word_set(ev, "plural_demonstratives"),
        distinct_words=word_set(ev, "distinct_words"),
        verbal_weak=word_set(ev, "verbal_weak"),
        main_act_frames=word_set(ev, "main_act_frames"),
    )
