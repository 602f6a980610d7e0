"""Events: triggers + arguments -> ACLED / PLOVER typed events, with history told apart from
news, a source and a certainty, and one record per happening (mentions linked, not counted twice).

    triggers.py     which words announce which kind of event
    arguments.py    who, on whom, where, when, how many
    classify.py     the ACLED sub-event type from weapons, actors and targets
    attribution.py  who said so and how sure
    status.py       history or news
    coref.py        two mentions of one happening become one event
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span

from sitrep.extract.actors import ActorMention, ActorRecord, ActorResult
from sitrep.extract.context import ArticleContext, country_of_name
from sitrep.extract.events import arguments as args
from sitrep.extract.events.attribution import Source, certainty, find_source
from sitrep.extract.events.classify import cues_in, demonstration_type, territory_type, violent_type
from sitrep.extract.events.coref import GENERIC_CLASSES, TollStanding, link_mentions
from sitrep.extract.events.status import war_toll_words
from sitrep.extract.events.lexicon import EventLexicon, event_lexicon
from sitrep.extract.events.perpetrator import FLYING_KINDS, attribute_air_strikes
from sitrep.extract.events.status import decide_status
from sitrep.extract.events.triggers import Trigger, find_triggers
from sitrep.extract.furniture import furniture_tokens
from sitrep.extract.places import PlaceMention, PlaceResult
from sitrep.extract.quantities import Quantity
from sitrep.extract.time import TimeExpression
from sitrep.knowledge import Knowledge
from sitrep.model import SUB_EVENT_TO_TYPE
from sitrep.nlp.docinfo import sentences
from sitrep.taxonomy import ActorKind, Inter, PloverMode, PloverType, SubEventType

NO_CASUALTY_PHRASES = (
    "no casualties", "no one was killed", "no one was hurt", "no one was injured", "nobody was killed",
    "nobody was hurt", "no deaths", "no fatalities", "no injuries", "without casualties",
    "no casualties were reported", "caused no casualties", "no one was harmed",
)


@dataclass
class EventRecord:
    sent: int
    triggers: list[Trigger]
    family: str
    sub_event_type: str | None
    plover: tuple[str, str | None] | None
    actor1: str | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    actor2: str | None = None
    assoc_actor_2: list[str] = field(default_factory=list)
    place: PlaceMention | None = None
    location_reason: str | None = None
    place_borrowed: bool = False  # taken from the sentences around, not the event's own
    war_toll: str | None = None  # what the toll totals ("the whole war"), when the event is only a running toll
    time: TimeExpression | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    date_reason: str | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    toll: TollStanding = field(default_factory=TollStanding)  # how the figure was told
    civilian_targeting: bool = False
    size: Quantity | None = None
    source: Source | None = None
    certainty: str = "asserted"
    status: str = "current"
    status_reason: str | None = None
    confidence: float = 0.5
    evidence: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    type_reason: str | None = None
    actor_reason: str | None = None  # why actor1 was inferred rather than read
    anaphoric: bool = False  # "these strikes", "the attack": points back to an earlier event
    distinct: bool = False  # "another strike", "a separate attack": a new happening
    demonstrative: bool = False  # "that attack": points back, undated, possibly to history
    last_sent: int = -1
    in_headline: bool = False

    @property
    def event_type(self) -> str | None:
        return SUB_EVENT_TO_TYPE.get(self.sub_event_type) if self.sub_event_type else None


class _EventBuilder:
    def __init__(self, doc: Doc, knowledge: Knowledge, ctx: ArticleContext, actors: ActorResult,
                 places: PlaceResult, times: list[TimeExpression], quantities: list[Quantity]):
        self.doc = doc
        self.knowledge = knowledge
        self.ctx = ctx
        self.actors = actors
        self.places = places
        self.times = times
        self.quantities = quantities
        self.lex: EventLexicon = event_lexicon()
        # The headline and the lead: the sentences that end within the first 400 characters
        # after the headline (at least the first two sentences).
        lead_end = max(ctx.headline_end, 1) + 400
        ends = [i for i, sent in enumerate(doc.sents) if sent.start_char < lead_end]
        self._lead_last_sentence = max(ends[-1] if ends else 0, 1)

    # ------------------------------------------------------------------ clusters
    def clusters(self, triggers: list[Trigger]) -> list[list[Trigger]]:
        """Group a sentence's triggers into happenings: violent words of one clause describe one
        event ("killed in an air strike"); other families stand alone, one per class."""
        doc = self.doc
        groups: list[list[Trigger]] = []
        violent = [t for t in triggers if t.cls.family == "violent"]
        territory = [t for t in triggers if t.cls.family == "territory"]
        others = [t for t in triggers if t.cls.family not in ("violent", "territory")]
        # "defused a roadside bomb", "a missile ... was intercepted": the weapon never struck.
        disrupted = [t for t in others if t.cls.name == "disrupted"]
        if disrupted:
            stopped = set()
            for d in disrupted:
                dh = d.head(doc)
                for c in dh.children:
                    if c.dep_ in ("dobj", "nsubjpass"):
                        stopped.update(x.i for x in c.subtree)
                if dh.dep_ == "relcl":
                    stopped.add(dh.head.i)
            violent = [t for t in violent if not any(i in stopped for i in range(t.start, t.end))]
        acts = [t for t in violent if not t.cls.outcome]
        outcomes = [t for t in violent if t.cls.outcome]
        if territory:
            # "rebels captured the town after clashes": the capture is the event ACLED codes;
            # remote violence in the same sentence stays its own event.
            for t in territory:
                groups.append([t])
            acts = [t for t in acts if t.cls.sub_event is not None and t.cls.name != "clash"]
        if acts:
            by_place: dict[str, list[Trigger]] = {}
            for t in acts:
                head = t.head(doc)
                sent = doc[head.i].sent
                place, _ = args.location_for(head, sent, self.places, [])
                key = place.entry.id if place is not None and place.precision == 1 else "_"
                by_place.setdefault(key, []).append(t)
            keyed = [g for k, g in by_place.items() if k != "_"]
            loose = by_place.get("_", [])
            if keyed:
                keyed[0].extend(loose)
                groups.extend(keyed)
            else:
                groups.append(loose)
            for o in outcomes:
                nearest = min(
                    (g for g in groups if g[0].cls.family == "violent"),
                    key=lambda g: min(abs(o.start - t.start) for t in g),
                )
                nearest.append(o)
        elif outcomes:
            groups.append(outcomes)
        by_class: dict[str, list[Trigger]] = {}
        for t in others:
            key = t.cls.family if t.cls.family == "demonstration" else t.cls.name
            by_class.setdefault(key, []).append(t)
        groups.extend(by_class.values())
        return groups

    # ------------------------------------------------------------------ one event
    def build(self, sent_index: int, sent: Span, group: list[Trigger]) -> EventRecord | None:
        doc = self.doc
        lex = self.lex
        main = max(group, key=lambda t: (not t.cls.outcome, t.cls.sub_event is not None, t.cls.weight))
        head = main.head(doc)
        part = args.participants(head, sent, self.actors)
        agents = list(part.agents)
        patients = list(part.patients)
        # Outcome words carry victims: "killed seven people".
        patient_tokens = list(part.patient_tokens)  # every trigger's targets, for typing below
        opponents = list(part.opponents)
        for t in group:
            if t is main:
                continue
            p2 = args.participants(t.head(doc), sent, self.actors)
            patient_tokens += p2.patient_tokens
            opponents += p2.opponents
            for m in p2.patients:
                if all(m.entity_id != x.entity_id for x in patients + agents):
                    patients.append(m)
            for m in p2.agents:
                if t.cls.outcome:
                    continue
                if all(m.entity_id != x.entity_id for x in agents):
                    agents.append(m)
        family = main.cls.family
        if not agents and family in ("violent", "territory"):
            # "Israeli air strikes", "Russian warplanes' raids": a national adjective on the
            # trigger names that state's forces.
            # Every word of the happening counts ("New strikes kill 25 ... killed in heavy
            # Russian and Syrian strikes"), and coordinated adjectives name allies.
            heads = [head] + [t.head(doc) for t in group if t is not main]
            mods = [c for h in heads for c in h.children if c.dep_ in ("amod", "compound", "nmod")]
            mods += [cc for c in mods for cc in c.conjuncts]
            for c in mods:
                if c.i in self.actors.by_token:
                    continue
                iso3 = country_of_name(c.text, self.knowledge)
                mil = self.knowledge.actors.state_actor(iso3, "military", self.ctx.published) if iso3 else None
                if mil is not None and all(a.entity_id != mil.id for a in agents):
                    self._ensure_entity(mil)
                    agents.append(ActorMention(mil.id, c.i, c.i + 1, c.i, c.idx, c.idx + len(c), c.text, "demonym", sent_index))
        if not agents and family in ("violent", "territory"):
            # "Syrian regime bombing", "Russian-led coalition strikes", "regime or Russian air
            # strikes": an actor written as the trigger's modifier did it.
            for c in head.children:
                if c.dep_ not in ("amod", "compound", "nmod", "poss") or agents:
                    continue
                for t in c.subtree:
                    m = self.actors.by_token.get(t.i)
                    if m is not None and self.actors.entities[m.entity_id].kind not in (ActorKind.CIVILIANS, ActorKind.MEDIA, ActorKind.NGO, ActorKind.INTERNATIONAL_ORG, ActorKind.PROTESTERS):
                        agents.append(m)
                        break
        if not agents and family == "violent" and len({p.entity_id for p in patients}) > 1:
            # "10 Syrian troops killed in clashes with IS": the other side of the fight killed
            # the fallen.
            fought = [m for m in opponents if self.actors.entities[m.entity_id].armed]
            if fought:
                agents.append(fought[0])
                patients = [m for m in patients if m.entity_id != fought[0].entity_id]
        if not agents and family in ("violent", "territory"):
            m = args.nearest_armed(head, sent, self.actors, {p.entity_id for p in patients})
            if m is not None:
                agents.append(m)
        if family in ("violent", "territory"):
            # An outlet or a monitor reports violence; it never commits it ("... Monitor AFP
            # Syrian government air strikes ...").
            # Nor do civilians or a political body commit it (the opposition Coalition that
            # "condemned the massacre carried out by Russian warplanes").
            agents = [m for m in agents if self.actors.entities[m.entity_id].kind not in (
                ActorKind.MEDIA, ActorKind.NGO, ActorKind.INTERNATIONAL_ORG, ActorKind.CIVILIANS, ActorKind.POLITICAL_PARTY)]
        agent_recs = [self.actors.entities[m.entity_id] for m in agents]
        patient_recs = [self.actors.entities[m.entity_id] for m in patients]
        # Non-verbal families need an actor or a place to be worth recording.
        if family == "verbal":
            if not agent_recs or all(r.generic for r in agent_recs):
                return None
            if any(r.kind in (ActorKind.CIVILIANS,) for r in agent_recs):
                return None

        cues = cues_in(sent, lex)
        kill_tokens = {i for t in group if t.cls.outcome for i in range(t.start, t.end)}
        kill_tokens |= {
            tok.i for tok in sent
            if tok.lemma_.lower() in ("kill", "die", "dead", "death", "toll", "slay", "perish", "execute", "behead", "massacre")
        }
        # "in a war that has killed 300,000": the war's running toll is not this event's.
        tolls = war_toll_words(sent)
        trigger_tokens = {i for t in group for i in range(t.start, t.end)}
        war_toll = next((tolls[i] for i in trigger_tokens if i in tolls), None) if trigger_tokens <= set(tolls) | {
            i for i in trigger_tokens if self.doc[i].lemma_.lower() in ("kill", "die", "dead", "death", "toll")
        } and any(i in tolls for i in trigger_tokens) else None
        kill_tokens -= set(tolls)
        fatal, low, high, counted = args.fatalities_for(sent, self.quantities, kill_tokens)
        if fatal is None and args.singular_victim(sent, kill_tokens):
            fatal, low, high = 1, 1, 1
        # Targets come from every word of the happening (gathered above: "27 security personnel
        # were killed in Taliban attacks" names the target on "killed"), and coordinated verbs
        # share the object ("attacked and overran several checkpoints").
        for t in group:
            th = t.head(doc)
            if th.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in th.children):
                for conj in th.conjuncts:
                    patient_tokens += [x for c in conj.children if c.dep_ == "dobj" for x in c.subtree]
        target_words = {t.lemma_.lower() for t in patient_tokens} | {t.lower_ for t in patient_tokens}
        # Two-word targets ("security personnel", "police post").
        ordered = sorted({t.i for t in patient_tokens})
        target_words |= {f"{doc[i].lower_} {doc[i + 1].lower_}" for i in ordered if i + 1 in ordered}
        for t in group:
            th = t.head(doc)
            for c in th.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "targeting"):
                    target_words |= {x.lemma_.lower() for x in c.subtree}
        civilian_target = bool(target_words & lex.civilian_targets)
        armed_target = bool(target_words & lex.armed_targets)

        sub_event: str | None = main.cls.sub_event
        plover = main.cls.plover
        type_reason = None
        if family == "violent":
            sub_event, mode, type_reason = violent_type(group, cues, agent_recs, patient_recs, civilian_target, armed_target, lex.battle_words, lex.execution_triggers)
            plover = (PloverType.ASSAULT, mode)
            if sub_event == SubEventType.REMOTE_EXPLOSIVE_LANDMINE_IED and self._bombing_of_a_place(group):
                sub_event, mode = SubEventType.AIR_DRONE_STRIKE, PloverMode.AERIAL
                type_reason = "the bombing of a place, or a bombing campaign: from the air, not a planted device"
                plover = (PloverType.ASSAULT, mode)
            if mode == PloverMode.AERIAL:
                # Only states fly combat aircraft in these wars: a group named near an air strike
                # is its target or its neighbour, not its pilot (drones are another mode).
                if agents and not any(self.actors.entities[m.entity_id].kind in FLYING_KINDS for m in agents):
                    agents, agent_recs = [], []
        elif family == "territory":
            sub_event, type_reason = territory_type(main, agent_recs)
            plover = (PloverType.ASSAULT, None)
        elif family == "demonstration":
            sub_event, mode, type_reason = demonstration_type(group, cues, fatal)
            plover = (PloverType.PROTEST, mode)
            # Protesters are the first actor of a demonstration; those who intervene the second.
            if not any(r.kind in (ActorKind.PROTESTERS, ActorKind.RIOTERS) for r in agent_recs):
                crowd = [m for m in self.actors.mentions if sent.start <= m.start < sent.end
                         and self.actors.entities[m.entity_id].kind in (ActorKind.PROTESTERS, ActorKind.RIOTERS)]
                if crowd:
                    others = [m for m in agents if m not in crowd]
                    agents = crowd[:1] + []
                    patients = others + patients
                    agent_recs = [self.actors.entities[m.entity_id] for m in agents]
                    patient_recs = [self.actors.entities[m.entity_id] for m in patients]

        rec = EventRecord(
            sent=sent_index,
            triggers=group,
            family=family,
            sub_event_type=sub_event,
            plover=plover,
            type_reason=type_reason,
        )
        rec.in_headline = sent.start_char < self.ctx.headline_end
        rec.war_toll = war_toll
        # Who said so is not who did it or suffered it ("..., the Syrian Observatory for Human
        # Rights said" often parses as an apposition to the victims).
        source = find_source(sent, head, self.actors, lex)
        if source is not None and source.start is not None:
            outside = lambda m: not (source.start <= m.start < source.end)  # noqa: E731
            agents = [m for m in agents if outside(m)]
            patients = [m for m in patients if outside(m)]
        self.assign_actors(rec, agents, patients, civilian_target)

        # where
        place, why = args.location_for(head, sent, self.places, part.patient_tokens)
        if place is None:
            for t in group:
                if t is main:
                    continue
                place, why = args.location_for(t.head(doc), sent, self.places, [])
                if place is not None:
                    break
        borrowed = None
        # Fighting and protest happen somewhere precise; a movement "into Syria" is coded to
        # the country it names.
        if (place is None or place.entry.feature == "country") and family in ("violent", "territory", "demonstration"):
            borrowed = self._context_place(sent_index, place.entry.country if place is not None else None)
            if borrowed is not None:
                place, why = borrowed
        rec.place, rec.location_reason = place, why
        rec.place_borrowed = borrowed is not None
        # when
        expr, _ = args.time_for(head, sent, self.times)
        rec.time = expr
        # how many
        if family in ("violent", "territory", "demonstration"):
            rec.fatalities, rec.fatalities_low, rec.fatalities_high = fatal, low, high
            if fatal is not None:
                rec.toll = TollStanding(
                    vague=bool(counted) and all(q.qualifier == "vague" for q in counted),
                    update=any(self._update_cue_before(q.number_token, sent) for q in counted),
                    headline=rec.in_headline,
                    lead=sent_index <= self._lead_last_sentence,
                )
            if fatal is None and any(p in sent.text.lower() for p in NO_CASUALTY_PHRASES):
                rec.fatalities, rec.fatalities_low, rec.fatalities_high = 0, 0, 0
        rec.civilian_targeting = family == "violent" and (
            civilian_target or any(r.kind == ActorKind.CIVILIANS for r in patient_recs)
        )
        if family == "violent" and rec.sub_event_type == SubEventType.ATTACK:
            rec.civilian_targeting = True
        size_agents = agents or [m for m in self.actors.mentions if sent.start <= m.start < sent.end and m.start < head.i]
        rec.size = args.size_for(size_agents, self.quantities, sent) if family in ("strategic", "demonstration", "territory", "violent") else None
        if rec.size is not None and rec.fatalities is not None and rec.size.value == rec.fatalities:
            rec.size = None  # the count was of the dead, not of the force
        # who said so
        rec.source = source
        actor_ids = {x for x in (rec.actor1, rec.actor2) if x}
        rec.certainty = certainty(sent, head, rec.source, actor_ids, lex)
        # evidence
        rec.evidence = [(sent.start_char, sent.end_char)]
        rec.mentions = [(doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1])) for t in group]
        dets = {c.lower_ for t in group for c in t.head(doc).children if c.dep_ == "det"}
        rec.anaphoric = bool(dets & {"these", "this", "the", "those", "that"}) \
            or head.head.lemma_.lower() in ("include", "including") or self._event_subject_is_definite(head) or (
            # "gave a higher toll of 23 dead", "the death toll rose to 13": a toll told alone
            # retells a happening already told.
            all(t.cls.outcome for t in group) and any(doc[i].lemma_.lower() == "toll" for i in range(sent.start, sent.end))
        )
        # "that attack", "those strikes": pointing back, even to history told before.
        rec.demonstrative = rec.time is None and bool(dets & {"that", "those", "this", "these"})
        rec.distinct = any(
            c.lower_ in ("another", "separate", "second", "third", "other", "separately")
            for t in group for c in t.head(doc).children
        )
        rec.last_sent = sent_index
        # confidence: the class's weight, raised by what was found, lowered by doubts
        conf = main.cls.weight
        conf += 0.05 if rec.actor1 else -0.05
        # A weapon or a named kind of act says more than "attacked" or "killed".
        conf += 0.05 if any(t.cls.name not in GENERIC_CLASSES for t in group) and family == "violent" else 0.0
        conf += 0.05 if place is not None and place.precision < 3 else 0.0
        conf -= 0.15 if main.weak else 0.0
        conf -= 0.1 if rec.certainty in ("unconfirmed", "denied") else 0.0
        rec.confidence = max(0.05, min(0.99, conf))
        return rec

    def _update_cue_before(self, number: int, sent: Span) -> bool:
        """"has risen to 13", "the toll climbed to 82": the count is an update."""
        for i in range(max(sent.start, number - 6), number):
            hit = self.lex.toll_update_cues.match_at(self.doc, i)
            if hit is not None and hit[0] <= number:
                return True
        return False

    def _bombing_of_a_place(self, group: list[Trigger]) -> bool:
        """"the relentless bombing of besieged Douma", "the bombing campaign on the city": a town
        or an area bombed, or bombing kept up, is bombing from the air; a planted bomb goes off
        at a place ("a bombing at a checkpoint")."""
        doc, lex = self.doc, self.lex
        for t in group:
            if t.phrase.lower() not in lex.bombing_words:
                continue
            head = t.head(doc)
            for c in head.children:
                if c.lower_ in lex.sustained_bombing:
                    return True
                if c.dep_ == "prep" and c.lower_ in ("of", "on"):
                    for p in c.children:
                        if p.dep_ == "pobj" and (p.i in self.places.by_token or p.lemma_.lower() in self.lex.territory_nouns):
                            return True
            if head.head.lemma_.lower() == "campaign" and head.dep_ == "compound":
                return True
        return False

    def _context_place(self, sent_index: int, country: str | None):
        """Where an event is when its own sentence names no place below the country: the place
        named just before (the story goes on there), else the one the headline and lead are
        about. Borrowed places are coded no finer than ACLED precision 2."""

        def usable(m) -> bool:
            return m.entry.feature not in ("country", "border") and (country is None or m.entry.country == country)

        for back in (1, 2):
            prior = [m for m in self.places.mentions if m.sent == sent_index - back and usable(m) and m.locative]
            if prior:
                m = min(prior, key=lambda m: (m.precision, -m.start))
                return replace(m, precision=max(m.precision, 2)), "no place in the sentence; the place named just before it"
        lead = [m for m in self.places.mentions if m.sent <= self._lead_last_sentence and usable(m)]
        if lead:
            counts: dict[str, int] = {}
            for m in self.places.mentions:
                counts[m.entry.id] = counts.get(m.entry.id, 0) + 1
            m = min(lead, key=lambda m: (m.precision, -counts[m.entry.id], m.start))
            return replace(m, precision=max(m.precision, 2)), "no place in the sentence; the place the headline and lead are about"
        # Else the place the whole article keeps coming back to, if it names one more than once
        # ("a chemical attack in Syria" ... "health workers in Idlib" ... "Idlib province"):
        # coded as a region known only roughly (ACLED precision 3).
        named: dict[str, list] = {}
        for m in self.places.mentions:
            if usable(m):
                named.setdefault(m.entry.id, []).append(m)
        often = [ms for ms in named.values() if len(ms) >= 2]
        if often:
            ms = max(often, key=lambda ms: (len(ms), -ms[0].start))
            return replace(ms[0], precision=3), "no place in the sentence or the lead; the place the article names most"
        return None

    def _event_subject_is_definite(self, head) -> bool:
        """"The strikes killed at least 20": an outcome told of an event already named."""
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass") and self.lex.triggers.match_at(self.doc, c.i) is not None:
                if any(d.dep_ in ("det", "poss") and d.lower_ in ("the", "these", "this", "those", "that", "its", "their") for d in c.children):
                    return True
        return False

    def assign_actors(self, rec: EventRecord, agents: list[ActorMention], patients: list[ActorMention], civilian_target: bool):
        kb = self.knowledge.actors
        on = self.ctx.published

        def normalise(m: ActorMention) -> str | None:
            r = self.actors.entities[m.entity_id]
            # Violence is done by armed forces: "the Syrian government" bombing is its military;
            # a head of state is not coded as a fighter.
            if rec.family in ("violent", "territory") and r.kind in (ActorKind.GOVERNMENT, ActorKind.STATE, ActorKind.OFFICIAL, ActorKind.PERSON):
                if r.country:
                    mil = kb.state_actor(r.country, "military", on)
                    if mil is not None and r.kind in (ActorKind.GOVERNMENT, ActorKind.STATE):
                        self._ensure_entity(mil)
                        return mil.id
                if r.kind in (ActorKind.OFFICIAL, ActorKind.PERSON):
                    return None
            return r.id

        a_ids = [x for x in dict.fromkeys(normalise(m) for m in agents) if x]
        p_ids = [x for x in dict.fromkeys(normalise(m) for m in patients) if x and x not in a_ids]
        if rec.family == "violent" and not p_ids and rec.sub_event_type == SubEventType.ATTACK:
            # One-sided violence always has a civilian second actor (ACLED).
            p_ids = [self._civilians()]
        if a_ids:
            rec.actor1, rec.assoc_actor_1 = a_ids[0], a_ids[1:]
        if p_ids:
            rec.actor2, rec.assoc_actor_2 = p_ids[0], p_ids[1:]

    def _ensure_entity(self, actor):
        if actor.id not in self.actors.entities:
            self.actors.entities[actor.id] = ActorRecord(
                id=actor.id, name=actor.name, kind=actor.kind, inter=actor.inter, country=actor.country,
                reason="state forces acting for a government named in the text",
            )

    def _civilians(self) -> str:
        iso3 = self.ctx.focus_country
        cname = None
        if iso3:
            c = self.knowledge.countries.get(iso3)
            cname = c.name if c else iso3
        name = f"Civilians ({cname})" if cname else "Civilians"
        from sitrep.knowledge.names import slugify

        eid = "kb:" + slugify(name)
        if eid not in self.actors.entities:
            self.actors.entities[eid] = ActorRecord(
                id=eid, name=name, kind=ActorKind.CIVILIANS, inter=Inter.CIVILIANS, country=iso3, generic=True, role="civilians",
                reason="victims of one-sided violence, not named; the article's main country",
            )
        return eid

    # ------------------------------------------------------------------ dates
    def resolve_date(self, rec: EventRecord, previous: EventRecord | None):
        expr = rec.time
        if expr is not None and expr.start is not None:
            rec.date_start = expr.start.isoformat()
            rec.date_end = (expr.end or expr.start).isoformat()
            rec.date_precision = expr.precision
            rec.date_text = expr.text
            rec.date_reason = expr.reason
            return
        if expr is not None:
            rec.date_text = expr.text
        start, end, precision, reason = args.event_date_default(self.ctx.published)
        rec.date_start, rec.date_end, rec.date_precision, rec.date_reason = start, end, precision, reason


def extract_events(
    doc: Doc,
    knowledge: Knowledge,
    ctx: ArticleContext,
    actors: ActorResult,
    places: PlaceResult,
    times: list[TimeExpression],
    quantities: list[Quantity],
) -> list[EventRecord]:
    # A link list's headlines tell other stories; a share widget's count is no toll.
    furniture = furniture_tokens(doc)
    quantities = [q for q in quantities if q.number_token not in furniture]
    b = _EventBuilder(doc, knowledge, ctx, actors, places, times, quantities)
    records: list[EventRecord] = []
    for si, sent in enumerate(sentences(doc)):
        triggers, _blocked = find_triggers(sent, actors, places, b.lex)
        triggers = [t for t in triggers if t.start not in furniture]
        if not triggers:
            continue
        for group in b.clusters(triggers):
            rec = b.build(si, sent, group)
            if rec is not None:
                records.append(rec)
    previous = None
    for rec in records:
        b.resolve_date(rec, previous)
        decide_status(rec, doc, ctx, b.lex)
        previous = rec
    events = link_mentions(records, knowledge, actors.entities)
    attribute_air_strikes(events, doc, actors, ctx, knowledge)
    return events
