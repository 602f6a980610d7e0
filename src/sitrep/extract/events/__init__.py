"""Events: triggers + arguments -> ACLED / PLOVER typed events, with history told apart from
news, a source and a certainty, and one record per happening (mentions linked, not counted twice).

    triggers.py     which words announce which kind of event
    arguments.py    who, on whom, where, when, how many
    situation.py    the facts of a happening the codebook decides on
    codebook.py     ACLED's sub-event rules (data) and the interpreter that applies them
    attribution.py  who said so and how sure
    status.py       history or news
    coref.py        two mentions of one happening become one event
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actors import ActorMention, ActorRecord, ActorResult
from sitrep.extract.context import ArticleContext, country_of_name
from sitrep.extract.events import arguments as args
from sitrep.extract.events.attribution import Source, certainty, find_source
from sitrep.extract.events import situation as sit
from sitrep.extract.events.claims import attribute_claims
from sitrep.extract.events.codebook import codebook
from sitrep.extract.events.coref import GENERIC_CLASSES, TollStanding, link_mentions
from sitrep.extract.events.status import war_toll_words
from sitrep.extract.events.lexicon import EventLexicon, event_lexicon
from sitrep.extract.events.perpetrator import FLYING_KINDS, attribute_air_strikes
from sitrep.extract.events.status import decide_status, relative_clause
from sitrep.extract.events.triggers import Trigger, find_triggers, light_execution, sentence_cues
from sitrep.extract.furniture import furniture_tokens
from sitrep.extract.places import PlaceMention, PlaceResult
from sitrep.extract.quantities import Quantity
from sitrep.extract.time import TimeExpression
from sitrep.knowledge import Knowledge
from sitrep.model import SUB_EVENT_TO_TYPE
from sitrep.nlp.docinfo import sentences
from sitrep.nlp.phrases import doc_forms
from sitrep.taxonomy import ActorKind, EventType, PloverMode, SubEventType

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
    story: int | None = None  # the relative clause the main trigger is told in (None: the main clause)

    @property
    def event_type(self) -> str | None:
        return SUB_EVENT_TO_TYPE.get(self.sub_event_type) if self.sub_event_type else None


# Those who report violence (outlets, monitors, agencies), suffer it or condemn it (civilians,
# political bodies) are never its doers: ACLED's actors of violence are the parties to it.
NEVER_VIOLENT_KINDS = frozenset({ActorKind.MEDIA, ActorKind.NGO, ActorKind.INTERNATIONAL_ORG, ActorKind.CIVILIANS,
                                 ActorKind.POLITICAL_PARTY})


@dataclass
class _Happening:
    """What one cluster of triggers is found to hold, filled in step by step by the builder."""

    sent_index: int
    sent: Span
    group: list[Trigger]
    main: Trigger
    head: Token
    family: str
    agents: list[ActorMention]
    patients: list[ActorMention]
    patient_tokens: list[Token]  # every trigger's targets
    opponents: list[ActorMention]
    own_patient_tokens: list[Token]  # the main trigger's own targets
    civilian_victims: bool = False


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
        self.codebook = codebook()
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
        """One event from one cluster of triggers: who, the type, where, when, how many, who said
        so and how sure. Each step below reads what the ones before it found."""
        h = self._participants(sent_index, sent, group)
        if h.family in ("violent", "territory"):
            self._infer_agents(h)
        if not self._worth_recording(h):
            return None
        fatal, war_toll = self._toll(h)
        civilian_target, armed_target = self._targets(h)
        rec = self._typed(h, civilian_target, armed_target)
        rec.in_headline = sent.start_char < self.ctx.headline_end
        rec.story = relative_clause(h.head)
        rec.war_toll = war_toll
        # Who said so is not who did it or suffered it ("..., the Syrian Observatory for Human
        # Rights said" often parses as an apposition to the victims).
        source = find_source(sent, h.head, self.actors, self.lex)
        if source is not None and source.start is not None:
            outside = lambda m: not (source.start <= m.start < source.end)  # noqa: E731
            h.agents = [m for m in h.agents if outside(m)]
            h.patients = [m for m in h.patients if outside(m)]
        self.assign_actors(rec, h.agents, h.patients, civilian_target)
        if h.family == "verbal" and rec.actor2 is None:
            self._recipient_state(rec, h)
        self._locate(rec, h)
        rec.time, _ = args.time_for(h.head, sent, self.times)
        self._count(rec, h, fatal, civilian_target)
        rec.source = source
        rec.certainty = certainty(sent, h.head, source, {x for x in (rec.actor1, rec.actor2) if x}, self.lex)
        self._mark_references(rec, h)
        rec.confidence = self._confidence(rec, h)
        return rec

    def _participants(self, sent_index: int, sent: Span, group: list[Trigger]) -> _Happening:
        """Who acts and who is acted on, read off every trigger of the happening: outcome words
        carry victims ("killed seven people"), never agents."""
        doc = self.doc
        main = max(group, key=lambda t: (not t.cls.outcome, t.cls.sub_event is not None, t.cls.weight))
        head = main.head(doc)
        part = args.participants(head, sent, self.actors)
        h = _Happening(sent_index, sent, group, main, head, main.cls.family, list(part.agents),
                       list(part.patients), list(part.patient_tokens), list(part.opponents),
                       list(part.patient_tokens))
        for t in group:
            if t is main:
                continue
            p2 = args.participants(t.head(doc), sent, self.actors)
            h.patient_tokens += p2.patient_tokens
            h.opponents += p2.opponents
            for m in p2.patients:
                if all(m.entity_id != x.entity_id for x in h.patients + h.agents):
                    h.patients.append(m)
            if t.cls.outcome:
                continue
            for m in p2.agents:
                if all(m.entity_id != x.entity_id for x in h.agents):
                    h.agents.append(m)
        return h

    def _infer_agents(self, h: _Happening) -> None:
        """Who did it, when no subject names the doer: a national adjective, a modifier, the
        other side of the fight, the nearest armed actor, in that order. Those who only report
        or suffer violence are never its doers (ACLED §3: actors are the parties)."""
        if not h.agents:
            self._demonym_agents(h)
        if not h.agents:
            self._modifier_agent(h)
        if not h.agents and h.family == "violent" and len({p.entity_id for p in h.patients}) > 1:
            # "10 Syrian troops killed in clashes with IS": the other side of the fight killed
            # the fallen.
            fought = [m for m in h.opponents if self.actors.entities[m.entity_id].armed]
            if fought:
                h.agents.append(fought[0])
                h.patients = [m for m in h.patients if m.entity_id != fought[0].entity_id]
        if not h.agents:
            m = args.nearest_armed(h.head, h.sent, self.actors, {p.entity_id for p in h.patients})
            if m is not None:
                h.agents.append(m)
        # An outlet or a monitor reports violence; civilians and political bodies suffer or
        # condemn it: none of them commits it.
        h.agents = [m for m in h.agents if self.actors.entities[m.entity_id].kind not in NEVER_VIOLENT_KINDS]

    def _demonym_agents(self, h: _Happening) -> None:
        """"Israeli air strikes", "heavy Russian and Syrian strikes": a national adjective on any
        word of the happening names that state's forces; coordinated adjectives name allies."""
        doc = self.doc
        heads = [h.head] + [t.head(doc) for t in h.group if t is not h.main]
        mods = [c for x in heads for c in x.children if c.dep_ in ("amod", "compound", "nmod")]
        mods += [cc for c in mods for cc in c.conjuncts]
        for c in mods:
            if c.i in self.actors.by_token:
                continue
            iso3 = country_of_name(c.text, self.knowledge)
            mil = self.knowledge.actors.state_actor(iso3, "military", self.ctx.published) if iso3 else None
            if mil is not None and all(a.entity_id != mil.id for a in h.agents):
                self._ensure_entity(mil)
                h.agents.append(ActorMention(mil.id, c.i, c.i + 1, c.i, c.idx, c.idx + len(c), c.text,
                                             "demonym", h.sent_index))

    def _modifier_agent(self, h: _Happening) -> None:
        """"Syrian regime bombing", "regime or Russian air strikes": an actor written as the
        trigger's modifier did it."""
        for c in h.head.children:
            if c.dep_ not in ("amod", "compound", "nmod", "poss"):
                continue
            for t in c.subtree:
                m = self.actors.by_token.get(t.i)
                # Protesters are non-violent by definition (ACLED inter 6).
                if m is not None and self.actors.entities[m.entity_id].kind not in NEVER_VIOLENT_KINDS | {ActorKind.PROTESTERS}:
                    h.agents.append(m)
                    return

    def _worth_recording(self, h: _Happening) -> bool:
        """A verbal act (PLOVER only) needs a named doer that is not the public at large."""
        if h.family != "verbal":
            return True
        recs = [self.actors.entities[m.entity_id] for m in h.agents]
        return bool(recs) and not all(r.generic for r in recs) and not any(r.kind == ActorKind.CIVILIANS for r in recs)

    def _toll(self, h: _Happening) -> tuple[tuple[int | None, int | None, int | None, list[Quantity]], str | None]:
        """The happening's deaths (ACLED §4.1), and what a running toll totals when its death
        words only tell the war's toll ("in a war that has killed 300,000")."""
        sent, group = h.sent, h.group
        kill_tokens = {i for t in group if t.cls.outcome for i in range(t.start, t.end)}
        forms = doc_forms(self.doc)
        kill_tokens |= {i for i in range(sent.start, sent.end) if forms[i][1] in self.lex.death_lemmas
                        and not light_execution(self.doc[i], self.lex)}
        tolls = war_toll_words(sent)
        trigger_tokens = {i for t in group for i in range(t.start, t.end)}
        death_words = {i for i in trigger_tokens if self.doc[i].lemma_.lower() in self.lex.toll_lemmas}
        war_toll = None
        if trigger_tokens <= set(tolls) | death_words and any(i in tolls for i in trigger_tokens):
            war_toll = next((tolls[i] for i in trigger_tokens if i in tolls), None)
        kill_tokens -= set(tolls)
        fatal, low, high, counted = args.fatalities_for(sent, self.quantities, kill_tokens)
        if fatal is None and args.singular_victim(sent, kill_tokens):
            fatal, low, high = 1, 1, 1
        if war_toll is None and fatal is not None and self._aggregate(group):
            war_toll = "the happenings told before it"
        return (fatal, low, high, counted), war_toll

    def _aggregate(self, group: list[Trigger]) -> bool:
        """"These attacks and assassinations claimed the lives of 803 persons": a toll told of a
        plural set of happenings pointed back to totals several of them; ACLED §2.4 codes no
        event from such a total. The set is the subject of the toll's word (or the antecedent of
        its relative clause), not merely a word near it ("these strikes include an attack that
        killed seven" is one attack's toll)."""
        doc = self.doc
        for t in group:
            if not t.cls.outcome:
                continue
            head = t.head(doc)
            told_of = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if head.dep_ == "relcl":
                told_of.append(head.head)
            for x in told_of:
                if x.tag_ in ("NNS", "NNPS") and any(
                        c.dep_ == "det" and c.lower_ in self.lex.plural_demonstratives for c in x.children):
                    return True
        return False

    def _targets(self, h: _Happening) -> tuple[bool, bool]:
        """Is the target named as civilian ("a market") or armed ("a police post")? Every word of
        the happening names targets, and coordinated verbs share their object ("attacked and
        overran several checkpoints")."""
        doc, lex = self.doc, self.lex
        tokens = list(h.patient_tokens)
        for t in h.group:
            th = t.head(doc)
            if th.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in th.children):
                for conj in th.conjuncts:
                    tokens += [x for c in conj.children if c.dep_ == "dobj" for x in c.subtree]
        words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
        ordered = sorted({t.i for t in tokens})
        words |= {f"{doc[i].lower_} {doc[i + 1].lower_}" for i in ordered if i + 1 in ordered}
        for t in h.group:
            for c in t.head(doc).children:
                if c.dep_ == "prep" and c.lower_ in lex.target_preps:
                    words |= {x.lemma_.lower() for x in c.subtree}
        return bool(words & lex.civilian_targets), bool(words & lex.armed_targets)

    def _typed(self, h: _Happening, civilian_target: bool, armed_target: bool) -> EventRecord:
        """The record with its ACLED sub-event type and PLOVER type, decided by the codebook."""
        family = h.family
        agent_recs = [self.actors.entities[m.entity_id] for m in h.agents]
        patient_recs = [self.actors.entities[m.entity_id] for m in h.patients]
        sub_event, plover, type_reason = h.main.cls.sub_event, h.main.cls.plover, None
        if family in self.codebook.families:
            facts = self._situation(family, h.group, h.main, h.sent, agent_recs, patient_recs,
                                    civilian_target, armed_target)
            decision = self.codebook.decide(family, facts)
            sub_event, type_reason = decision.sub_event, decision.reason
            plover = (self.codebook.plover[family], decision.mode)
        if h.main.learned:
            learned = f"'{h.main.phrase}' is a kind of WordNet's {h.main.learned}, a concept of {h.main.cls.name}"
            type_reason = f"{type_reason}; {learned}" if type_reason else learned
        if family == "violent" and plover[1] == PloverMode.AERIAL:
            # Only states fly combat aircraft in these wars: a group named near an air strike
            # is its target or its neighbour, not its pilot (drones are another mode).
            if not any(r.kind in FLYING_KINDS for r in agent_recs):
                h.agents = []
        elif family == "demonstration":
            self._crowd_first(h)
        h.civilian_victims = any(self.actors.entities[m.entity_id].kind == ActorKind.CIVILIANS for m in h.patients)
        return EventRecord(sent=h.sent_index, triggers=h.group, family=family, sub_event_type=sub_event,
                           plover=plover, type_reason=type_reason)

    def _crowd_first(self, h: _Happening) -> None:
        """Protesters are the first actor of a demonstration; those who intervene the second."""
        kinds = (ActorKind.PROTESTERS, ActorKind.RIOTERS)
        if any(self.actors.entities[m.entity_id].kind in kinds for m in h.agents):
            return
        crowd = [m for m in self.actors.mentions if h.sent.start <= m.start < h.sent.end
                 and self.actors.entities[m.entity_id].kind in kinds]
        if crowd:
            others = [m for m in h.agents if m not in crowd]
            h.agents = crowd[:1]
            h.patients = others + h.patients

    def _locate(self, rec: EventRecord, h: _Happening) -> None:
        """Where: the place the trigger's own words name, else another trigger's; fighting and
        protest happen somewhere precise, so a country alone borrows the place around it."""
        doc = self.doc
        place, why = args.location_for(h.head, h.sent, self.places, h.own_patient_tokens)
        if place is None:
            for t in h.group:
                if t is h.main:
                    continue
                place, why = args.location_for(t.head(doc), h.sent, self.places, [])
                if place is not None:
                    break
        borrowed = None
        if (place is None or place.entry.feature == "country") and h.family in ("violent", "territory", "demonstration"):
            borrowed = self._context_place(h.sent_index, place.entry.country if place is not None else None)
            if borrowed is not None:
                place, why = borrowed
        rec.place, rec.location_reason = place, why
        rec.place_borrowed = borrowed is not None

    def _count(self, rec: EventRecord, h: _Happening, toll, civilian_target: bool) -> None:
        """How many died (with how the figure was told), whether civilians were the target
        (ACLED §3.5), and how large a force was."""
        fatal, low, high, counted = toll
        sent, family = h.sent, h.family
        if family in ("violent", "territory", "demonstration"):
            rec.fatalities, rec.fatalities_low, rec.fatalities_high = fatal, low, high
            if fatal is not None:
                rec.toll = TollStanding(
                    vague=bool(counted) and all(q.qualifier == "vague" for q in counted),
                    update=any(self._update_cue_before(q.number_token, sent) for q in counted),
                    headline=rec.in_headline,
                    lead=h.sent_index <= self._lead_last_sentence,
                )
            said = sent.text.lower() if fatal is None else ""  # once: Span.text joins every token
            if any(p in said for p in NO_CASUALTY_PHRASES):
                rec.fatalities, rec.fatalities_low, rec.fatalities_high = 0, 0, 0
        # Every Violence against civilians event targets civilians (§3.5).
        rec.civilian_targeting = family == "violent" and (
            civilian_target or h.civilian_victims or rec.event_type == EventType.VIOLENCE_AGAINST_CIVILIANS)
        if family not in ("strategic", "demonstration", "territory", "violent"):
            return
        size_agents = h.agents or [m for m in self.actors.mentions
                                   if sent.start <= m.start < sent.end and m.start < h.head.i]
        rec.size = args.size_for(size_agents, self.quantities, sent)
        if rec.size is not None and rec.fatalities is not None and rec.size.value == rec.fatalities:
            rec.size = None  # the count was of the dead, not of the force

    def _mark_references(self, rec: EventRecord, h: _Happening) -> None:
        """Evidence spans, and whether the words point back to a happening already told ("the
        attack", "that attack"), or say it is a new one ("another strike")."""
        doc, group, head = self.doc, h.group, h.head
        rec.evidence = [(h.sent.start_char, h.sent.end_char)]
        rec.mentions = [(doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1])) for t in group]
        dets = {c.lower_ for t in group for c in t.head(doc).children if c.dep_ == "det"}
        # "gave a higher toll of 23 dead", "the death toll rose to 13": a toll told alone
        # retells a happening already told.
        toll_alone = all(t.cls.outcome for t in group) and any(
            doc[i].lemma_.lower() == "toll" for i in range(h.sent.start, h.sent.end))
        rec.anaphoric = bool(dets & self.lex.definite_dets) or toll_alone \
            or head.head.lemma_.lower() in ("include", "including") or self._event_subject_is_definite(head)
        rec.demonstrative = rec.time is None and bool(dets & self.lex.demonstrative_dets)
        rec.distinct = any(c.lower_ in self.lex.distinct_words for t in group for c in t.head(doc).children)
        rec.last_sent = h.sent_index

    def _confidence(self, rec: EventRecord, h: _Happening) -> float:
        """The class's weight, raised by what was found, lowered by doubts."""
        conf = h.main.cls.weight
        conf += 0.05 if rec.actor1 else -0.05
        # A weapon or a named kind of act says more than "attacked" or "killed".
        named_act = any(t.cls.name not in GENERIC_CLASSES for t in h.group)
        conf += 0.05 if named_act and h.family == "violent" else 0.0
        conf += 0.05 if rec.place is not None and rec.place.precision < 3 else 0.0
        conf -= 0.15 if h.main.weak else 0.0
        conf -= 0.1 if rec.certainty in ("unconfirmed", "denied") else 0.0
        return max(0.05, min(0.99, conf))

    def _situation(self, family: str, group: list[Trigger], main: Trigger, sent: Span,
                   agents: list[ActorRecord], patients: list[ActorRecord],
                   civilian_target: bool, armed_target: bool) -> sit.Situation:
        """The facts the codebook decides this happening's sub-event type on."""
        cb = self.codebook
        if family == "territory":
            return sit.territory_situation(main, agents, cb)
        cues = sit.own_cues(group, lambda: sentence_cues(sent, self.lex))
        if family == "demonstration":
            return sit.demonstration_situation(group, cues, cb)
        return sit.violent_situation(
            # The bombing of a place only matters once the weapon is a bomb: asked lazily.
            group, cues, agents, patients, civilian_target, armed_target, lambda: self._bombing_of_a_place(group),
            self.lex.battle_words, self.lex.execution_triggers, cb)

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

    def _recipient_state(self, rec: EventRecord, h: _Happening) -> None:
        """PLOVER's recipient of a speech act or a cooperation that names no party: the country
        its object or a recipient preposition names ("aid to Mozambique", "visit Senegal",
        "an embargo on Iran") stands for its government; not actor1's own country."""
        heads = [h.head] + [t.head(self.doc) for t in h.group if t is not h.main]
        tokens: set[int] = set()
        while heads:
            head = heads.pop()
            for c in head.children:
                if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in self.lex.recipient_preps):
                    tokens.update(x.i for x in c.subtree)
                elif c.dep_ in ("xcomp", "ccomp"):
                    # "promised to continue aid to X", "demanded that the US cancel ...": the act
                    # goes on in its complement, whose subject is addressed too.
                    heads.append(c)
                    tokens.update(x.i for g in c.children if g.dep_ == "nsubj" for x in g.subtree)
        own = self.actors.entities[rec.actor1].country if rec.actor1 in self.actors.entities else None
        # A state named there ("demanded that Peru release ..."): the name already stands for it.
        for i in sorted(tokens):
            m = self.actors.by_token.get(i)
            if m is not None and m.source == "metonymy" and m.entity_id != rec.actor1:
                rec.actor2 = m.entity_id
                return
        for m in self.places.mentions:
            if m.head not in tokens or m.entry.feature != "country" or m.entry.country == own:
                continue
            actor = self.knowledge.actors.state_actor(m.entry.country, "government", self.ctx.published)
            if actor is not None and actor.id != rec.actor1:
                self._ensure_entity(actor)
                rec.actor2 = actor.id
                return

    def _ensure_entity(self, actor):
        if actor.id not in self.actors.entities:
            self.actors.entities[actor.id] = ActorRecord(
                id=actor.id, name=actor.name, kind=actor.kind, inter=actor.inter, country=actor.country,
                reason="state forces acting for a government named in the text",
            )

    def _civilians(self) -> str:
        return self.generic_actor("civilians", self.ctx.focus_country,
                                  "victims of one-sided violence, not named; the article's main country")

    def generic_actor(self, role: str, iso3: str | None, reason: str, own_country: bool = True) -> str:
        """The id of a generic actor of the agents lexicon ("Civilians (Syria)", "Unidentified
        Armed Group (Nigeria)"), created on first use. `own_country=False`: the country only
        says where it acted (ACLED's parenthesis), not whose actor it is."""
        from sitrep.extract.actors import _role_spec
        from sitrep.knowledge.names import slugify

        kind, inter, template = _role_spec(role)
        cname = None
        if iso3:
            c = self.knowledge.countries.get(iso3)
            cname = c.name if c else iso3
        name = template.format(country=cname) if cname else template.replace(" ({country})", "")
        eid = "kb:" + slugify(name)
        if eid not in self.actors.entities:
            self.actors.entities[eid] = ActorRecord(
                id=eid, name=name, kind=kind, inter=inter, country=iso3 if own_country else None,
                generic=True, role=role, reason=reason,
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
    attribute_claims(events, doc, actors, b.lex)
    attribute_air_strikes(events, doc, actors, ctx, knowledge)
    for rec in events:
        _parties_only(rec, actors)
        _unnamed_attacker(rec, b)
    return events


# Those who only tell of a happening are never a side of it (ACLED §3: actors are the parties).
REPORTER_KINDS = frozenset({ActorKind.MEDIA, ActorKind.NGO, ActorKind.INTERNATIONAL_ORG})


def _parties_only(rec: EventRecord, actors: ActorResult) -> None:
    """After every merge and inference: an outlet, monitor or agency is no side; the victims of
    violence are never its doer; one actor is never both sides."""
    if rec.family not in ("violent", "territory", "demonstration"):
        return

    def kind(eid: str | None) -> str | None:
        r = actors.entities.get(eid) if eid else None
        return r.kind if r is not None else None

    if kind(rec.actor1) in REPORTER_KINDS:
        rec.actor1, rec.assoc_actor_1 = None, []
    if kind(rec.actor2) in REPORTER_KINDS:
        rec.actor2 = None
    if rec.family == "violent" and kind(rec.actor1) == ActorKind.CIVILIANS:
        if rec.actor2 is None:
            rec.actor2 = rec.actor1
        rec.actor1, rec.assoc_actor_1 = None, []
    if rec.actor2 is not None and rec.actor2 == rec.actor1:
        rest = [x for x in rec.assoc_actor_2 if x != rec.actor1]
        rec.actor2, rec.assoc_actor_2 = (rest[0], rest[1:]) if rest else (None, [])


def _unnamed_attacker(rec: EventRecord, b: _EventBuilder) -> None:
    """ACLED never leaves actor1 empty: an attacker no report names is "Unidentified Armed
    Group (Country)", and an air strike no one is known to have flown is an unidentified
    military's (codebook §3.6), with the reason."""
    if rec.family != "violent" or rec.actor1 is not None or rec.sub_event_type is None:
        return
    # The country in the name is where it acted: the event's place, unless that place lies
    # outside the country the article is about (a namesake abroad is likelier a wrong reading).
    iso3 = b.ctx.focus_country
    if rec.place is not None and (iso3 is None or rec.place.entry.country == iso3):
        iso3 = rec.place.entry.country
    if rec.plover is not None and rec.plover[1] == PloverMode.AERIAL:
        rec.actor1 = b.generic_actor("unidentified_military", iso3, "an air strike no report attributes",
                                     own_country=False)
        rec.actor_reason = "no report names who flew the strike: an unidentified military (ACLED §3.6)"
    else:
        rec.actor1 = b.generic_actor("unidentified", iso3, "an attacker no report names")
        rec.actor_reason = "no report names the attacker: Unidentified Armed Group (ACLED §3.6)"
    if rec.actor2 == rec.actor1:
        rec.actor2 = None
