"""The typed schema of every lexicon file under `data/lexicons/`, one class per file.

Each class declares every key of its file (an unknown key is an error, so a misspelt key cannot
silently switch a list off). `WordSet` fields are lowercase sets for membership tests; `Words`
fields keep the file's order and case where it matters (phrase tables, regex alternations).
Read them with `sitrep.knowledge.lexicons.lexicon(Schema)`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, StrictBool, StrictFloat, StrictInt, StrictStr

from sitrep.knowledge.lexicons import Lexicon, Row, Words, WordSet
from sitrep.taxonomy import ActorKind, Inter, PloverMode, PloverType, SubEventType


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- shared word classes


class SharedWords(Lexicon):
    """Word classes that several extractors read: each defined once, here."""

    FILE = "shared.yaml"

    death_lemmas: WordSet
    agentive_death_verbs: WordSet
    dying_verbs: WordSet
    article_particles: WordSet
    kinship_particles: WordSet
    name_connectives: WordSet
    definite_article: WordSet
    indefinite_articles: WordSet
    demonstratives: WordSet
    possessive_determiners: WordSet
    personal_possessives: WordSet
    singular_person_pronouns: WordSet

    @property
    def articles(self) -> frozenset[str]:
        return self.definite_article | self.indefinite_articles

    @property
    def definite_determiners(self) -> frozenset[str]:
        """Determiners of something the reader knows: the, this, those, its, ..."""
        return self.definite_article | self.demonstratives | self.possessive_determiners


# --------------------------------------------------------------------------- events


class EventClassSpec(_Entry):
    sub_event: SubEventType | None = None
    plover: tuple[PloverType, PloverMode | None] | None = None
    family: Literal["violent", "territory", "demonstration", "strategic", "verbal"]
    weight: StrictFloat | StrictInt = 0.6
    outcome: StrictBool = False
    triggers: Words


class NonConflict(_Entry):
    natural_disaster: Words
    man_made_disaster: Words
    crime: Words
    organised_crime: Words
    blocks: dict[str, WordSet]
    attack_markers: WordSet
    armed_presence: WordSet


class EventsLexicon(Lexicon):
    FILE = "events.yaml"

    classes: dict[str, EventClassSpec]
    non_conflict: NonConflict
    cues: dict[str, Words]
    civilian_targets: WordSet
    armed_targets: WordSet
    weak_triggers: WordSet
    territory_nouns: WordSet
    not_triggers: WordSet
    noun_only: WordSet
    verb_only: WordSet
    reaction_verbs: WordSet
    irrealis_heads: WordSet
    battle_words: WordSet
    ambiguous_cues: WordSet
    modifier_heads: WordSet
    attribution_heads: WordSet
    background_frames: WordSet
    grievance_heads: WordSet
    crowd_words: WordSet
    weapon_nouns: WordSet
    weapon_object_triggers: WordSet
    property_nouns: WordSet
    property_object_triggers: WordSet
    person_nouns: WordSet
    person_object_triggers: WordSet
    abuse_objects: WordSet
    taken_to_safety: WordSet
    prisoner_words: WordSet
    prisoner_object_triggers: WordSet
    establishing_verbs: WordSet
    state_words: WordSet
    nonstate_words: WordSet
    push_verbs: WordSet
    push_particles: WordSet
    handover_verbs: WordSet
    reciprocal_verbs: WordSet
    toll_update_cues: WordSet
    execution_triggers: WordSet
    light_verbs: WordSet
    recipient_preps: WordSet
    verbal_weak: WordSet
    main_act_frames: WordSet
    kill_euphemisms: WordSet
    people_objects: WordSet
    bombing_words: WordSet
    sustained_bombing: WordSet
    toll_lemmas: WordSet
    target_preps: WordSet
    plural_demonstratives: WordSet
    distinct_words: WordSet


class WordNetLexicon(Lexicon):
    """Trigger words learned from WordNet concepts (scripts/build_wordnet_lexicon.py)."""

    FILE = "wordnet.yaml"

    concepts: dict[str, Words]  # event class -> WordNet synsets its codebook definition names
    exclude: WordSet
    words: dict[str, dict[StrictStr, StrictStr]]  # event class -> {word: synset it was learned from}


class AttributionLexicon(Lexicon):
    FILE = "attribution.yaml"

    reporting_verbs: WordSet
    according_to: WordSet
    speaker_kinds: dict[str, Words]
    denied: WordSet
    unconfirmed: WordSet
    claimed: WordSet
    planned: WordSet
    claim_verbs: WordSet
    responsibility_nouns: WordSet
    blame_verbs: WordSet
    blame_preps: WordSet
    reporting_subject_verbs: WordSet
    hearsay_verbs: WordSet
    statement_verbs: WordSet
    reporting_nouns: WordSet


class BackgroundLexicon(Lexicon):
    FILE = "background.yaml"

    max_age_days: StrictInt
    running_toll_min: StrictInt
    cues: WordSet
    toll_nouns: WordSet
    toll_span_units: WordSet
    same_span_nouns: WordSet


# --------------------------------------------------------------------------- actors and mentions


class AgentSpec(_Entry):
    role: StrictStr
    kind: ActorKind
    inter: Inter | None = None
    name: StrictStr | None = None
    nouns: Words
    implies_home_country: WordSet = frozenset()


class AgentsLexicon(Lexicon):
    FILE = "agents.yaml"

    agents: tuple[AgentSpec, ...]
    modifiers: dict[str, Words]
    group_prepositions: WordSet
    group_anaphor_nouns: WordSet


class OrganisationCue(_Entry):
    kind: ActorKind
    inter: Inter | None
    words: Words


class PeopleLexicon(Lexicon):
    FILE = "people.yaml"

    titles: WordSet
    organisation_cues: tuple[OrganisationCue, ...]


class MetonymyLexicon(Lexicon):
    FILE = "metonymy.yaml"

    place_subject_verbs: WordSet
    political_nouns: WordSet
    political_possessions: WordSet
    backing_suffixes: WordSet
    locative_prepositions: WordSet
    political_prepositions: WordSet
    agentive_participles: WordSet
    political_object_verbs: WordSet


class PhrasesLexicon(Lexicon):
    FILE = "phrases.yaml"

    group_heads: WordSet
    place_heads: WordSet


class FurnitureLexicon(Lexicon):
    FILE = "furniture.yaml"

    link_list_markers: Words  # matched case-sensitively: "Related" is a marker, "related" prose
    widgets: Words


class RelationsLexicon(Lexicon):
    FILE = "relations.yaml"

    hyphen_predicates: dict[str, Words]
    passive_backing: WordSet
    support_nouns: WordSet
    backing_verbs: WordSet
    alliance_verbs: WordSet
    formerly_words: WordSet
    affiliation_words: WordSet
    hostility_nouns: WordSet
    inclusion_verbs: WordSet


# --------------------------------------------------------------------------- places, numbers, time


class PlacesLexicon(Lexicon):
    FILE = "places.yaml"

    directions: dict[str, Words]
    admin1_words: WordSet
    settlement_words: WordSet
    near_words: WordSet
    border_words: WordSet
    country_anaphors: WordSet
    toponym_prefixes: WordSet
    designation_words: WordSet
    place_heads: WordSet
    organisation_heads: WordSet
    direction_name_words: WordSet
    neighbourhood_words: WordSet
    relative_bearing_preps: WordSet
    place_of_words: WordSet
    focus_prepositions: WordSet


class QuantitiesLexicon(Lexicon):
    FILE = "quantities.yaml"

    qualifiers: dict[str, Words]
    postposed_qualifiers: dict[str, Words]
    range_connectors: Words
    range_openers: WordSet
    change_openers: WordSet
    vague: dict[str, StrictInt]
    vague_need_noun: Words
    fixed_phrases: dict[str, StrictInt]
    magnitudes: dict[str, StrictInt]
    plural_magnitudes: dict[str, StrictInt]
    person_nouns: WordSet
    nominal_adjectives: WordSet
    collective_nouns: WordSet
    phrase_breakers: WordSet
    vague_blockers: WordSet
    not_counted: dict[str, Words]
    time_words: WordSet
    currency_marks: WordSet
    age_words: WordSet
    label_words: WordSet
    subset_markers: Words
    containing_markers: Words
    months: WordSet
    injury_words: WordSet
    count_words: WordSet
    count_gap_words: WordSet


class TimeLexicon(Lexicon):
    FILE = "time.yaml"

    day_words: dict[str, Row]
    anaphoric: dict[str, Row]
    day_modifiers: Words
    weekday_selectors: dict[str, StrictStr]
    parts_of_day: Words
    standalone_parts_of_day: dict[str, Words]
    locative_prepositions: WordSet
    plural_weekday_openers: WordSet
    day_of_month_cues: WordSet
    unit_selectors: dict[str, StrictInt]
    unit_cuts: dict[str, StrictStr]
    part_modifiers: dict[str, Row]
    seasons: dict[str, Row]
    vague_counts: dict[str, Row]
    offset_words: dict[str, StrictInt]
    anchor_prepositions: WordSet
    count_qualifiers: Words
    run_words: Words
    run_tails: Words
    period_openers: dict[Literal["back", "ahead"], Words]
    recent_periods: dict[str, Row]
    since: Words
    until: Words
    before_after: dict[str, StrictInt]
    range_openers: Words
    range_joiners: Words
    until_now_idioms: Words
    duration_openers: Words
    vague_duration_openers: Words
    vague_durations: Words
    recurring_words: Words
    recurring_openers: Words
    year_cues: WordSet
    not_year_after: WordSet
    future_grace_days: StrictInt
    future_auxiliaries: WordSet
    future_governors: WordSet
    numeric_order: dict[str, StrictStr]
    date_name_heads: WordSet
    dateline_introducers: Words
    dateline_max_offset: StrictInt
    not_dateline_after: WordSet
