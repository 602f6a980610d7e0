"""The document model: the single source of the `sitrep.document/1` JSON Schema.

Every record an extractor hands to the document is one of these classes. The JSON
Schema under `docs/schema/` is generated from them (`python -m sitrep.schema`) and a
test fails when the committed file drifts from the model.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from sitrep import taxonomy
from sitrep.taxonomy import EVENT_TYPE_OF, SUB_EVENTS, ActorKind

SCHEMA_ID = "sitrep.document/1"



def _values(enum) -> tuple[str, ...]:
    # Literals of the enums' plain values: the JSON Schema stays a plain string enum, and a
    # validated record holds a plain string, as before the taxonomy module.
    return tuple(m.value for m in enum)


EntityKind = Literal[_values(ActorKind)]  # type: ignore[valid-type]
PlaceFeature = Literal[
    "country", "admin1", "admin2", "city", "town", "village", "region", "border", "facility"
]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
EventStatus = Literal["current", "background"]
Certainty = Literal["asserted", "reported", "claimed", "unconfirmed", "denied", "planned"]
AttributionKind = Literal[
    "named_official",
    "anonymous_official",
    "witness",
    "monitor",
    "media",
    "social_media",
    "party_to_conflict",
    "unattributed",
]
SizeQualifier = Literal["exact", "at_least", "at_most", "about", "vague"]
Predicate = Literal[
    "backs",
    "allied_with",
    "member_of",
    "affiliated_with",
    "formerly_affiliated_with",
    "fights",
    "leads",
    "part_of",
]
RelationStatus = Literal["current", "historical"]
PloverType = Literal[_values(taxonomy.PloverType)]  # type: ignore[valid-type]

# Event type -> its sub-event types, and back (kept here for the model's importers).
ACLED_TYPES: dict[str, tuple[str, ...]] = dict(SUB_EVENTS)
SUB_EVENT_TO_TYPE: dict[str, str] = dict(EVENT_TYPE_OF)

EventType = Literal[_values(taxonomy.EventType)]  # type: ignore[valid-type]
SubEventType = Literal[_values(taxonomy.SubEventType)]  # type: ignore[valid-type]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Record):
    """Character offsets into `article.text`, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Mention(Span):
    text: str
    phrase: Optional[Span] = Field(
        None,
        description="For entity and place mentions: the whole noun phrase the name stands in "
        "('Iraqi President Fuad Masum', 'the city of Mosul'), when it is longer than the name.",
    )


class Article(_Record):
    id: str = Field(description="The input id, else `sha256:` of the normalised text.")
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO date (YYYY-MM-DD) or null.")
    source: Optional[str] = Field(None, description="The outlet.")
    url: Optional[str] = None
    language: str = "en"
    text: str = Field(description="The exact text that every offset in the document indexes.")


class Entity(_Record):
    id: str = Field(description="`kb:<slug>` for knowledge-base actors and for ACLED-style unnamed actors (`kb:rebels-syria`, `kb:civilians-iraq`), `new:<slug>` for named actors discovered in the text.")
    name: str
    kind: EntityKind
    inter: Optional[int] = Field(None, ge=1, le=8, description="ACLED actor-type code.")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3.")
    mentions: list[Mention] = Field(default_factory=list)
    generic: bool = Field(
        False, description="True for a typed generic agent ('rebels', 'residents')."
    )
    reason: Optional[str] = Field(
        None, description="Why the kind, country or id were chosen when not read from the KB."
    )


PlaceRole = Literal["location", "metonym", "modifier", "demonym", "organisation"]


class PlaceMention(Mention):
    role: PlaceRole = Field(
        "location",
        description="What the name does here: `location` (where something is or happens), `metonym` "
        "(it stands for a government or team: 'France condemned'), `modifier` (a name qualifying a noun: "
        "'UK officials'), `demonym` ('the Turkish minister'), `organisation` (part of an organisation's "
        "name: 'Kabul University'). Event locations come from `location` mentions only.",
    )


class Place(_Record):
    id: str = Field(description="`geonames:<id>`, or a stable id for a region.")
    name: str
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    feature: PlaceFeature
    mentions: list[PlaceMention] = Field(default_factory=list)
    reason: Optional[str] = Field(None, description="How an ambiguous name was resolved.")


class EventLocation(_Record):
    place: Optional[str] = Field(None, description="Id of a record in `places`.")
    name: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geo_precision: Optional[int] = Field(None, ge=1, le=3)
    reason: Optional[str] = None


class EventDate(_Record):
    start: Optional[str] = None
    end: Optional[str] = None
    precision: DatePrecision = "unknown"
    text: Optional[str] = None
    reason: Optional[str] = None


class FatalityRange(_Record):
    low: Optional[int] = Field(None, ge=0)
    high: Optional[int] = Field(None, ge=0)


class Size(_Record):
    value: Optional[int] = Field(None, ge=0)
    qualifier: SizeQualifier
    unit: Optional[str] = None
    text: Optional[str] = None


class Attribution(_Record):
    text: Optional[str] = None
    entity: Optional[str] = Field(None, description="Entity id of the source, when known.")
    kind: AttributionKind = "unattributed"
    via: Optional[str] = Field(None, description="The outlet that relays the source.")


class Plover(_Record):
    type: PloverType
    mode: Optional[str] = None


class Event(_Record):
    id: str
    status: EventStatus
    event_type: Optional[EventType] = None
    sub_event_type: Optional[SubEventType] = None
    plover: Optional[Plover] = None
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    assoc_actor_1: list[str] = Field(default_factory=list)
    assoc_actor_2: list[str] = Field(default_factory=list)
    interaction: Optional[int] = Field(
        None, description="ACLED's two-digit code, lower inter first (10 with no second actor)."
    )
    location: EventLocation = Field(default_factory=EventLocation)
    date: EventDate = Field(default_factory=EventDate)
    fatalities: Optional[int] = Field(None, ge=0)
    fatalities_range: FatalityRange = Field(default_factory=FatalityRange)
    civilian_targeting: bool = False
    size: Optional[Size] = None
    attribution: Attribution = Field(default_factory=Attribution)
    certainty: Certainty = "asserted"
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)
    summary: str
    trigger: Optional[Mention] = Field(
        None, description="The word or phrase that announced the event."
    )
    mentions: list[Span] = Field(
        default_factory=list,
        description="Every trigger linked to this event (coreference within the article).",
    )
    reason: Optional[str] = Field(
        None, description="Why the status or type was chosen when a rule, not the text, decided."
    )


class Relation(_Record):
    subject: str
    predicate: Predicate
    object: str
    status: RelationStatus = "current"
    evidence: list[Span] = Field(default_factory=list)


class Statement(_Record):
    speaker: Optional[str] = Field(None, description="Entity id of the speaker.")
    speaker_text: Optional[str] = None
    title: Optional[str] = None
    text: str
    direct_quote: bool
    evidence: list[Span] = Field(default_factory=list)


class Document(_Record):
    schema_: Literal["sitrep.document/1"] = Field(SCHEMA_ID, alias="schema")
    sitrep_version: Optional[str] = None
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    warnings: list[str] = Field(
        default_factory=list, description="What the extractor skipped or could not read, and why."
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def place(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)
