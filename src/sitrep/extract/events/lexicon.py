"""The event lexicons (data/lexicons/events.yaml, attribution.yaml, background.yaml) compiled
into phrase indexes, once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.knowledge.lexicon_schemas import (AttributionLexicon, BackgroundLexicon, EventsLexicon, SharedWords,
                                              WordNetLexicon)
from sitrep.knowledge.lexicons import LexiconError, lexicon
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
    learned: PhraseIndex  # words learned from WordNet concepts (wordnet.yaml): -> (phrase, (class,), synset)
    weak: frozenset[str]
    non_conflict: PhraseIndex  # phrase -> kind (natural_disaster, man_made_disaster, crime)
    attack_markers: PhraseIndex
    organised_crime: PhraseIndex  # armed crime groups: a crime sentence whose violence still counts
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
    light_verbs: frozenset[str]
    recipient_preps: frozenset[str]
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
    person_pronouns: frozenset[str]
    plural_demonstratives: frozenset[str]
    distinct_words: frozenset[str]
    # verbal (PLOVER-only) readings
    verbal_weak: frozenset[str] = frozenset()
    main_act_frames: frozenset[str] = frozenset()
    reporting_nouns: frozenset[str] = frozenset()


def _flag_index(words) -> PhraseIndex:
    return PhraseIndex((w, True) for w in words)


# The EventLexicon fields that are the lexicons' word sets under the same name.
_EVENT_SETS = (
    "civilian_targets", "armed_targets", "territory_nouns", "not_triggers", "noun_only", "verb_only",
    "irrealis_heads", "reaction_verbs", "battle_words", "ambiguous_cues", "modifier_heads",
    "attribution_heads", "background_frames", "grievance_heads", "crowd_words",
    "weapon_object_triggers", "property_object_triggers", "person_nouns", "person_object_triggers",
    "abuse_objects", "taken_to_safety", "prisoner_object_triggers", "establishing_verbs",
    "push_verbs", "push_particles", "handover_verbs", "execution_triggers", "light_verbs",
    "recipient_preps", "kill_euphemisms",
    "bombing_words", "sustained_bombing", "people_objects", "verbal_weak", "main_act_frames",
    "toll_lemmas", "target_preps", "plural_demonstratives", "distinct_words",
)
_EVENT_INDEXES = ("weapon_nouns", "property_nouns", "prisoner_words", "state_words", "nonstate_words",
                  "toll_update_cues")
_ATTRIBUTION_INDEXES = ("according_to", "denied", "unconfirmed", "claimed", "planned")


def _learned_index(classes: dict[str, EventClass]) -> PhraseIndex:
    """The words learned from WordNet (wordnet.yaml): word -> (word, (class,), synset)."""
    learned = lexicon(WordNetLexicon).words
    unknown = set(learned) - set(classes)
    if unknown:
        raise LexiconError(f"lexicons/wordnet.yaml: words of unknown event classes {sorted(unknown)}; "
                           f"known: {sorted(classes)}")
    return PhraseIndex((w, (w, (cls,), synset)) for cls, words in learned.items() for w, synset in words.items())


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    ev = lexicon(EventsLexicon)
    classes: dict[str, EventClass] = {}
    phrase_classes: dict[str, list[str]] = {}
    for name, spec in ev.classes.items():
        classes[name] = EventClass(
            name=name,
            sub_event=spec.sub_event,
            plover=(spec.plover[0], spec.plover[1]) if spec.plover else None,
            family=spec.family,
            weight=float(spec.weight),
            outcome=spec.outcome,
        )
        for phrase in spec.triggers:
            phrase_classes.setdefault(phrase.lower(), []).append(name)
    triggers = PhraseIndex((p, (p, tuple(cs))) for p, cs in phrase_classes.items())
    nc = ev.non_conflict
    non_conflict = PhraseIndex(
        [(w, kind) for kind in ("natural_disaster", "man_made_disaster", "crime") for w in getattr(nc, kind)]
        + [(w, "crime") for w in nc.organised_crime]
    )
    cues = PhraseIndex((w, name) for name, words in ev.cues.items() for w in words)
    att = lexicon(AttributionLexicon)
    speaker = PhraseIndex((w, kind) for kind, words in att.speaker_kinds.items() for w in words)
    bg = lexicon(BackgroundLexicon)
    shared = lexicon(SharedWords)
    return EventLexicon(
        classes=classes,
        triggers=triggers,
        learned=_learned_index(classes),
        weak=ev.weak_triggers,
        non_conflict=non_conflict,
        attack_markers=_flag_index(nc.attack_markers),
        organised_crime=_flag_index(nc.organised_crime),
        cues=cues,
        armed_presence=_flag_index(nc.armed_presence),
        non_conflict_blocks=dict(nc.blocks),
        reporting_verbs=att.reporting_verbs,
        claim_verbs=att.claim_verbs,
        responsibility_nouns=att.responsibility_nouns,
        blame_verbs=att.blame_verbs,
        blame_preps=att.blame_preps,
        reporting_nouns=att.reporting_nouns,
        speaker_kinds=speaker,
        max_age_days=bg.max_age_days,
        running_toll_min=bg.running_toll_min,
        background_cues=_flag_index(bg.cues),
        # The word classes several extractors read come from shared.yaml, defined once there.
        death_lemmas=shared.death_lemmas,
        definite_dets=shared.definite_article | shared.demonstratives,
        person_pronouns=shared.singular_person_pronouns,
        demonstrative_dets=shared.demonstratives,
        **{key: getattr(ev, key) for key in _EVENT_SETS},
        **{key: _flag_index(getattr(ev, key)) for key in _EVENT_INDEXES},
        **{key: _flag_index(getattr(att, key)) for key in _ATTRIBUTION_INDEXES},
    )
