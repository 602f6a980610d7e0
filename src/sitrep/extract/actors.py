"""Actors: who is named or described in the article, as typed entities with a country.

Four sources, in order of trust:
  1. names the knowledge ruler matched to the actor KB ("Hayat Tahrir al-Sham", "Badr");
  2. place names used for a government (metonymy: "Tehran has pledged", "support for Damascus");
  3. names the statistical NER found that the KB does not know (new:<slug>);
  4. generic agents from the agents lexicon ("rebels", "regime forces", "Russian military
     planes", "residents"), typed and given a country from a demonym, a possessor, the
     sentence or the article.

The extractor returns plain records; it decides nothing about events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from sitrep.extract.context import ArticleContext, capital_country, country_of_name
from sitrep.extract.furniture import furniture_tokens
from sitrep.knowledge import Knowledge
from sitrep.knowledge.actors import is_acronym
from sitrep.knowledge.lexicon_schemas import AgentsLexicon, MetonymyLexicon, PeopleLexicon, PlacesLexicon, SharedWords
from sitrep.knowledge.lexicons import lexicon
from sitrep.knowledge.names import name_key, slugify
from sitrep.nlp.docinfo import entities, sent_ids
from sitrep.nlp.phrases import PhraseIndex
from sitrep.nlp.ruler import PLACE_KB_ID
from sitrep.taxonomy import ActorKind

ARMED_KINDS = frozenset(
    {ActorKind.STATE_FORCES, ActorKind.REBEL_GROUP, ActorKind.POLITICAL_MILITIA, ActorKind.IDENTITY_MILITIA, ActorKind.EXTERNAL_FORCES}
)
STATE_ROLES = ("military", "police", "government")
# Actors whose country is only where they are based, not the war they take part in.
_SEATED_KINDS = frozenset({ActorKind.MEDIA, ActorKind.NGO, ActorKind.INTERNATIONAL_ORG})


@dataclass
class ActorMention:
    entity_id: str
    start: int  # token span in the doc
    end: int
    head: int  # token index of the syntactic head of the mention
    start_char: int
    end_char: int
    text: str
    source: str  # kb | metonymy | ner | generic | anaphor
    sent: int


@dataclass
class ActorRecord:
    id: str
    name: str
    kind: str
    inter: int | None
    country: str | None
    generic: bool = False
    reason: str | None = None
    role: str | None = None  # for generic agents: the lexicon role (rebels, civilians, ...)
    mentions: list[ActorMention] = field(default_factory=list)

    @property
    def armed(self) -> bool:
        return self.kind in ARMED_KINDS


@dataclass
class ActorResult:
    entities: dict[str, ActorRecord]
    mentions: list[ActorMention]
    by_token: dict[int, ActorMention]
    metonymic_tokens: set[int]

    def at(self, tok_index: int) -> ActorMention | None:
        return self.by_token.get(tok_index)

    def entity(self, entity_id: str) -> ActorRecord:
        return self.entities[entity_id]


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Agent:
    role: str
    kind: str
    inter: int | None
    name: str | None
    implies_home: bool


@dataclass(frozen=True)
class _Lexicons:
    agents: PhraseIndex
    modifiers: dict[str, str]
    group_preps: frozenset[str]
    place_subject_verbs: frozenset[str]
    political_nouns: frozenset[str]
    political_possessions: frozenset[str]
    backing_suffixes: frozenset[str]
    locative_preps: frozenset[str]
    political_preps: frozenset[str]
    agentive_participles: frozenset[str]
    titles: frozenset[str]
    political_object_verbs: frozenset[str]
    group_anaphor_nouns: frozenset[str]
    org_cues: tuple[tuple[str, str, int | None], ...]
    police_words: frozenset[str]


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    agents_lex = lexicon(AgentsLexicon)
    entries = []
    for a in agents_lex.agents:
        for noun in a.nouns:
            entries.append(
                (
                    noun,
                    _Agent(
                        role=a.role,
                        kind=a.kind,
                        inter=a.inter,
                        name=a.name,
                        implies_home=noun.lower() in a.implies_home_country,
                    ),
                )
            )
    modifiers = {}
    for role, words in agents_lex.modifiers.items():
        for w in words:
            modifiers[w.lower()] = role
    met = lexicon(MetonymyLexicon)
    people = lexicon(PeopleLexicon)
    return _Lexicons(
        agents=PhraseIndex(entries),
        modifiers=modifiers,
        group_preps=agents_lex.group_prepositions,
        place_subject_verbs=met.place_subject_verbs,
        political_nouns=met.political_nouns,
        political_possessions=met.political_possessions,
        backing_suffixes=met.backing_suffixes,
        locative_preps=met.locative_prepositions,
        political_preps=met.political_prepositions,
        agentive_participles=met.agentive_participles,
        titles=people.titles,
        political_object_verbs=met.political_object_verbs,
        group_anaphor_nouns=agents_lex.group_anaphor_nouns,
        org_cues=tuple(
            (cue.lower(), row.kind, row.inter)
            for row in people.organisation_cues
            for cue in row.words
        ),
        # One-word nouns of the police role ("police", "gendarmerie"): a unit named with one is police.
        police_words=frozenset(
            n.lower() for a in agents_lex.agents if a.role == "police" for n in a.nouns if " " not in n
        ),
    )


# --------------------------------------------------------------------------- extractor


class _Builder:
    def __init__(self, doc: Doc, knowledge: Knowledge, ctx: ArticleContext):
        self.doc = doc
        self.kb = knowledge.actors
        self.knowledge = knowledge
        self.ctx = ctx
        self.lex = _lexicons()
        self.sid = sent_ids(doc)
        self.entities: dict[str, ActorRecord] = {}
        self.mentions: list[ActorMention] = []
        self.taken: set[int] = set()
        self.metonymic: set[int] = set()
        self.furniture = furniture_tokens(doc)
        self._full_name_countries: frozenset[str] | None = None

    # -- records
    def entity_from_actor(self, actor) -> ActorRecord:
        rec = self.entities.get(actor.id)
        if rec is None:
            rec = ActorRecord(
                id=actor.id,
                name=actor.name,
                kind=actor.kind,
                inter=actor.inter,
                country=actor.country,
            )
            self.entities[actor.id] = rec
        return rec

    def add_mention(self, rec: ActorRecord, span: Span, source: str, head: Token | None = None):
        if any(i in self.taken for i in range(span.start, span.end)):
            return None
        m = ActorMention(
            entity_id=rec.id,
            start=span.start,
            end=span.end,
            head=(head or span.root).i,
            start_char=span.start_char,
            end_char=span.end_char,
            text=span.text,
            source=source,
            sent=self.sid[span.start],
        )
        rec.mentions.append(m)
        self.mentions.append(m)
        self.taken.update(range(span.start, span.end))
        return m

    # -- 1. KB names
    def in_furniture(self, span: Span) -> bool:
        """Page furniture (share widgets, link lists of other stories) is not the report: a
        name in it is no actor of this article ("Youtube Subscribe", "TRT World on Youtube")."""
        return any(i in self.furniture for i in range(span.start, span.end))

    def kb_names(self):
        for ent in entities(self.doc):
            if not ent.kb_id_.startswith("kb:"):
                continue
            if self.in_furniture(ent):
                continue
            actors = self.kb.lookup(ent.text, on=self.ctx.published)
            if not actors:
                actor = self.kb.get(ent.kb_id_)
                actors = [actor] if actor is not None else []
            actor = self.choose(actors, ent)
            if actor is None:
                continue
            self.add_mention(self.entity_from_actor(actor), ent, "kb")

    def countries_of_full_names(self) -> frozenset[str]:
        """Countries of the actors the article names in full ("New People's Army", "Philippine
        News Agency"): a report that names a country's groups is about that country even where it
        names no place of it that sitrep knows."""
        if self._full_name_countries is None:
            out = set()
            for ent in entities(self.doc):
                if is_acronym(ent.text):
                    continue
                if ent.kb_id_.startswith("kb:"):
                    actors = [self.kb.get(ent.kb_id_)]
                elif not ent.kb_id_ and ent.label_ in ("ORG", "NORP", "PERSON"):
                    span = _trim(ent)  # a known name the ruler missed and the NER found
                    actors = self.kb.lookup(span.text, on=self.ctx.published) if span is not None else []
                else:
                    continue
                out.update(a.country for a in actors if a is not None and a.country)
            self._full_name_countries = frozenset(out)
        return self._full_name_countries

    def choose(self, actors: list, span: Span):
        """The actor a name stands for in this article.

        A short form names different groups in different wars (SNA: the Syrian National Army and
        the Somali National Army; PAF: the Pakistani and the Philippine air forces; PA: the
        Palestinian Authority and the Philippine Army). A reader takes the one of the country the
        report is about, so among several actors the one whose country the sentence, then the
        article, names most wins; actors of no country (the UN, IS) and outlets, NGOs and
        international bodies (whose country is only their seat) are never ruled out. An acronym
        of three letters or fewer whose every armed or state reading belongs to a country the
        article never names is no actor at all: such short forms are too ambiguous to be read without
        their country ("PA" in a report from Manila is not the Palestinian Authority)."""
        if not actors:
            return None
        counts = self.ctx.country_counts
        sent_country = self.ctx.sentence_countries.get(self.sid[span.start])
        named = self.countries_of_full_names()

        def fits(a) -> bool:
            # An outlet, NGO or international body reports from anywhere; its country is only
            # its seat ("AFP" in a report from Idlib is still the agency).
            if a.country is None or a.kind in _SEATED_KINDS:
                return True
            return a.country in counts or a.country in named or a.country == sent_country

        fitting = [a for a in actors if fits(a)]
        if not fitting:
            if is_acronym(span.text) and len(_acronym_letters(span.text)) <= 3:
                return None
            return actors[0]
        if len(fitting) == 1:
            return fitting[0]
        order = {id(a): i for i, a in enumerate(fitting)}
        return min(
            fitting,
            key=lambda a: (
                a.country is None or a.country != sent_country,
                -counts.get(a.country, 0) if a.country else 0,
                order[id(a)],
            ),
        )

    # -- 2. metonymy
    def metonymy(self):
        for ent in entities(self.doc):
            if ent.label_ not in ("GPE", "LOC", "ORG") or ent.kb_id_.startswith("kb:"):
                continue
            if ent.label_ == "ORG" and ent.kb_id_ != PLACE_KB_ID:
                continue
            iso3 = self._country_of_place_name(ent)
            if iso3 is None:
                continue
            if not self.is_metonymic(ent):
                continue
            actor = self.kb.state_actor(iso3, "government", self.ctx.published)
            if actor is None:
                continue
            rec = self.entity_from_actor(actor)
            if self.add_mention(rec, ent, "metonymy") is not None:
                self.metonymic.update(range(ent.start, ent.end))

    def _country_of_place_name(self, ent: Span) -> str | None:
        c = self.knowledge.countries.by_name(ent.text)
        if c is not None:
            return c.iso3
        return capital_country(ent.text, self.knowledge)

    def is_metonymic(self, ent: Span) -> bool:
        """Does this country or capital name stand for its government here?"""
        lex = self.lex
        root = ent.root
        doc = self.doc
        # "Tehran-backed", "Iran-backed": the name modifies a backing participle.
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.text in ("-", "–") and ent.end + 1 < len(doc):
            if doc[ent.end + 1].lower_ in lex.backing_suffixes:
                return True
        dep = root.dep_
        head = root.head
        # A name in a coordination or a compound takes the role of the phrase it sits in
        # ("Moscow and Tehran said", "support from Russia and Iranian-backed militias").
        for _ in range(4):
            if dep not in ("conj", "nmod", "compound", "appos") or head == root:
                break
            root = head
            dep, head = root.dep_, root.head
        if dep in ("nsubj", "nsubjpass"):
            verb = head
            if verb.lemma_.lower() in lex.place_subject_verbs:
                return False
            return verb.pos_ in ("VERB", "AUX")
        if dep == "poss":
            if self.lex.agents.match_at(self.doc, head.i) is not None:
                return False  # "Syria's army": the army is the actor, Syria gives its country
            return head.lemma_.lower() in lex.political_possessions or head.lower_ in lex.political_possessions
        if dep == "pobj":
            prep = head
            gov = prep.head
            p = prep.lower_
            if p == "by" and gov.lower_ in lex.agentive_participles:
                return True
            if p in lex.political_preps and (
                gov.lemma_.lower() in lex.political_nouns or gov.lower_ in lex.political_nouns
            ):
                return True
            return False
        if dep == "dobj":
            verb = head.lemma_.lower()
            return verb in self.lex.political_object_verbs
        return False

    # -- 3. NER names the KB does not know
    def ner_names(self):
        for ent in entities(self.doc):
            if ent.kb_id_:
                continue
            if ent.label_ not in ("ORG", "PERSON", "NORP"):
                continue
            if any(i in self.taken for i in range(ent.start, ent.end)):
                continue
            span = _trim(ent)
            if span is None or self.in_furniture(span):
                continue
            lost = self.lost_apostrophe(span)
            if lost is not None:
                # "Hezbollahs fighters": the possessor is the named actor; "Aleppos old city",
                # "Syrias": a place's possessive, no actor.
                if lost is not False:
                    self.add_mention(self.entity_from_actor(lost), span[:1], "kb")
                continue
            if _after_settlement_word(span):
                continue  # "the village of Dabiq": a place the NER took for a name
            actors = self.kb.lookup(span.text, on=self.ctx.published)
            if actors:
                actor = self.choose(actors, span)
                if actor is not None:
                    self.add_mention(self.entity_from_actor(actor), span, "kb")
                continue
            if ent.label_ == "NORP":
                continue  # demonyms modify actors; they are not actors alone
            if self._toponym_like(span):
                continue  # "Khan Sheikhoun", "Maarat al-": a town the NER took for a name
            hit = self.lex.agents.match_at(self.doc, span.start)
            if hit is not None and hit[0] >= span.end:
                # "Rebels" capitalised at a sentence start, or the first word of "Regime forces":
                # a generic agent (or its start), not a name.
                continue
            if ent.label_ == "PERSON":
                self.person(span)
            else:
                self.organisation(span)

    def lost_apostrophe(self, span: Span):
        """A possessive written without its apostrophe ("Syrias civil war", "Aleppos old city",
        "Turkeys official news agency") at the start of a name the NER found. English forms a
        possessive with 's; scraped text often drops the apostrophe, leaving a word that is a known
        place or actor name plus "s". The word is read as that possessive when the "s" form is not
        itself a name sitrep knows (Homs, the Houthis, Hamas stay what they are).

        Returns the actor possessed for an actor name, False for a place name, None when the
        first word is no such possessive."""
        word = span[0].text
        if len(word) < 4 or not word.endswith("s") or word.endswith("ss") or not word[0].isupper():
            return None
        if self.kb.lookup(word) or country_of_name(word, self.knowledge) or self.knowledge.gazetteer.lookup(word):
            return None  # the "s" form is a name itself
        stem = word[:-1]
        if country_of_name(stem, self.knowledge):
            return False
        # A place of the article's countries or of the wars sitrep covers, or a big city known on
        # its own: the same evidence the article context accepts for a town.
        focus = set(self.knowledge.focus_countries) | set(self.ctx.country_counts)
        if any(
            e.country in focus or (e.feature in ("city", "admin1") and e.population >= 100_000)
            for e in self.knowledge.gazetteer.lookup(stem)
        ):
            return False
        actors = [a for a in self.kb.lookup(stem, on=self.ctx.published) if a.kind in ARMED_KINDS]
        if actors and len(span) == 1:
            return self.choose(actors, span)
        return None

    def _toponym_like(self, span: Span) -> bool:
        doc = span.doc
        if span[-1].text in ("-", "–") or (span.end < len(doc) and doc[span.end].text in ("-", "–") and span[-1].lower_ in _shared().article_particles):
            return True  # a name cut in half at "al-": the rest is a place-name run
        if span[0].lower_ not in _toponym_prefixes() or len(span) < 2:
            return False
        focus = set(self.knowledge.focus_countries)
        return any(e.country in focus for e in self.knowledge.gazetteer.lookup(span.text))

    def person(self, span: Span):
        group = self.group_of_person(span)
        if group is not None:
            # The person acts for the group the text names: ACLED codes the group, not the man.
            self.add_mention(self.entities[group.entity_id], span, "ner")
            return
        title, title_country = self.title_of(span)
        kind = ActorKind.OFFICIAL if title else ActorKind.PERSON
        iso3 = title_country
        rec, created = self._discovered(
            span, kind, None, iso3,
            f"named person not in the knowledge base; title {title!r}" if title else "named person not in the knowledge base",
        )
        if not created and title and rec.kind == ActorKind.PERSON:
            rec.kind = ActorKind.OFFICIAL
            rec.country = rec.country or iso3
        self.add_mention(rec, span, "ner")

    def group_of_person(self, span: Span) -> ActorMention | None:
        """The armed group a named person holds a post in, when the text says so: an appositive
        title with an "of"/"in"/"from" phrase naming the group ("Abu Khaled, a commander of
        Hayat Tahrir al-Sham"; "a CJNG leader, El Chuy,"), or a title written before the name
        that holds the group's name ("CJNG regional boss El Chuy"). ACLED codes an act by a
        group's member or commander to the group (Codebook, actor names: the organisation is the
        actor); a person whose post names no group stays a person."""
        doc = self.doc
        root = span.root
        titles = [c for c in root.children if c.dep_ == "appos" and is_title(c)]
        if root.dep_ == "appos" and is_title(root.head):
            titles.append(root.head)
        for t in titles:
            for prep in t.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("of", "in", "from", "with"):
                    continue
                for tok in prep.subtree:
                    m = self.at(tok.i)
                    if m is not None and m.source == "kb" and self.entities[m.entity_id].armed:
                        return m
            for tok in doc[t.left_edge.i : t.i]:
                m = self.at(tok.i)
                if m is not None and m.source == "kb" and self.entities[m.entity_id].armed:
                    return m
        words = title_before(doc, span.start)
        if words and any(is_title(w) for w in words):
            for w in words:
                m = self.at(w.i)
                if m is not None and m.source == "kb" and self.entities[m.entity_id].armed:
                    return m
        return None

    def title_of(self, span: Span) -> tuple[str | None, str | None]:
        """Title words written before a name: "Iranian Foreign Minister Abbas Araghchi"."""
        doc = self.doc
        words = title_before(doc, span.start)
        if not words:
            # "Dmitry Peskov, the Kremlin spokesperson": an appositive after the name.
            for child in span.root.children:
                if child.dep_ == "appos" and is_title(child):
                    sub = doc[child.left_edge.i : child.i + 1]
                    return sub.text.removeprefix("the ").removeprefix("The "), self._country_in(sub)
            return None, None
        sub = doc[words[0].i : words[-1].i + 1]
        return sub.text, self._country_in(sub)

    def _country_in(self, span: Span) -> str | None:
        for t in span:
            m = self.at(t.i)
            if m is not None:
                rec = self.entities[m.entity_id]
                if rec.country:
                    return rec.country
            iso3 = country_of_name(t.text, self.knowledge)
            if iso3:
                return iso3
        return None

    def organisation(self, span: Span):
        key = span.text.lower()
        kind, inter = ActorKind.OTHER, None
        for cue, cue_kind, cue_inter in self.lex.org_cues:
            if re.search(rf"\b{re.escape(cue)}\b", key):
                kind, inter = cue_kind, cue_inter
                break
        iso3 = None
        for t in span:
            iso3 = country_of_name(t.text, self.knowledge)
            if iso3:
                break
        if kind == ActorKind.STATE_FORCES and self.state_unit(span, iso3):
            return
        reason = ("organisation not in the knowledge base; kind from its name" if kind != ActorKind.OTHER
                  else "organisation not in the knowledge base; kind unknown")
        if kind == ActorKind.OTHER and self.named_as_source(span):
            kind, reason = ActorKind.MEDIA, "organisation not in the knowledge base; the text cites it as its source"
        rec, _ = self._discovered(span, kind, inter, iso3, reason)
        self.add_mention(rec, span, "ner")

    def state_unit(self, span: Span, iso3: str | None) -> bool:
        """A unit of a state's forces that the knowledge base does not list ("Jabonga Municipal
        Police Station", "29th Infantry Battalion", "Zapopan Municipal Police") is that state's
        police or military: ACLED names a unit by appending it to the force's name (Codebook,
        actor names: named unit), so the actor is the force. Its country is the one in its
        name, else the sentence's, else the article's."""
        iso3 = iso3 or self.ctx.sentence_countries.get(self.sid[span.start]) or self.ctx.focus_country
        if iso3 is None:
            return False
        police = any(t.lower_ in self.lex.police_words for t in span)
        actor = self.kb.state_actor(iso3, "police" if police else "military", self.ctx.published)
        if actor is None:
            return False
        rec = self.entity_from_actor(actor)
        if rec.reason is None:
            rec.reason = f"'{span.text}': a unit of the state's {'police' if police else 'military'} forces not in the knowledge base"
        self.add_mention(rec, span, "ner")
        return True

    def named_as_source(self, span: Span) -> bool:
        """An organisation the report cites as its source: what "according to" introduces, whom
        someone "told" something, or the subject of "reported". Such a body tells of the
        events; it is an outlet or a monitor, never a party to them (ACLED codes the source in
        its own column, not as an actor)."""
        root = span.root
        head = root.head
        if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return True
        if root.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell":
            return True
        return root.dep_ == "nsubj" and head.lemma_.lower() == "report"

    def _discovered(self, span: Span, kind: str, inter: int | None, country: str | None, reason: str) -> tuple[ActorRecord, bool]:
        """The `new:` record for a name not in the knowledge base, made on its first mention."""
        eid = "new:" + slugify(span.text)
        rec = self.entities.get(eid)
        if rec is not None:
            return rec, False
        rec = ActorRecord(id=eid, name=span.text, kind=kind, inter=inter, country=country, reason=reason)
        self.entities[eid] = rec
        return rec, True

    def at(self, i: int) -> ActorMention | None:
        for m in self.mentions:
            if m.start <= i < m.end:
                return m
        return None

    # -- 4. generic agents
    def generic_agents(self):
        doc = self.doc
        for start, end, agent in self.lex.agents.find_all(doc):
            if any(i in self.taken for i in range(start, end)):
                continue
            head = doc[end - 1]
            if head.pos_ not in ("NOUN", "PROPN", "PRON") and head.dep_ not in (
                "nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos",
            ):
                continue
            if head.ent_type_ in ("PERSON", "GPE", "ORG", "DATE", "TIME"):
                continue
            self.generic(start, end, agent)

    def generic(self, start: int, end: int, agent: _Agent):
        doc = self.doc
        head = doc[end - 1]
        # Extend the span over modifiers so the mention reads naturally ("Russian military
        # planes"), but never across a coordination or a name another mention owns. An agent noun
        # that itself modifies a noun ("a Turkish military convoy") shares that noun's earlier
        # modifiers: "Turkish" says whose military it is.
        owner = head.head if head.dep_ in ("compound", "amod", "npadvmod") and head.head.i > head.i else head
        left = min([start] + [c.left_edge.i for c in owner.lefts
                              if c.left_edge.i < start and c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod")])
        if left < start:
            left = max(left, start - 6)
            for i in range(start - 1, left - 1, -1):
                if i in self.taken or doc[i].dep_ in ("cc", "conj") or doc[i].text in (",", ";", "(", ")"):
                    left = i + 1
                    break
        while left < start and (
            doc[left].lower_ in _shared().articles | _shared().demonstratives
            or doc[left].is_punct
            or doc[left].tag_ == "POS"
            or (doc[left].lower_ in self.lex.backing_suffixes and doc[left - 1].text == "-")
        ):
            left += 1
        mod_tokens = [doc[i] for i in range(left, start)]
        role = agent.role
        kind, inter, name_tpl = agent.kind, agent.inter, agent.name
        reason_parts: list[str] = []

        # A named group after "from/of" ("fighters from Badr"), or written as the noun's
        # modifier ("Houthi rebels", "Hezbollah fighters"): the fighters are that group.
        group = self._group_of(head) or self._group_before(start, head)
        if group is not None:
            rec = self.entities[group.entity_id]
            self.add_mention(rec, doc[left:end], "generic", head=head)
            return

        # A modifier may move the noun to another role ("pro-government fighters").
        for t in mod_tokens:
            moved = self._modifier_role(t, mod_tokens)
            if moved and moved != role and role in ("militants", "rebels", "military", "unidentified"):
                role = moved
                spec = _role_spec(moved)
                if spec:
                    kind, inter, name_tpl = spec
                break

        if role not in STATE_ROLES and self._definite(head) and not self._named_country(head, mod_tokens):
            prior = self._recent_generic(role, head.i)
            if prior is not None:
                self.add_mention(prior, doc[left:end], "anaphor", head=head)
                return
        iso3, why = self._country_for(head, mod_tokens, agent)
        if why:
            reason_parts.append(why)

        if role in STATE_ROLES:
            if iso3 is None:
                return  # "troops" of no known country: not an actor sitrep can name
            actor = self.kb.state_actor(iso3, role, self.ctx.published)
            if actor is None:
                return
            rec = self.entity_from_actor(actor)
            if reason_parts and rec.reason is None:
                rec.reason = f"'{doc[left:end].text}': " + "; ".join(reason_parts)
            self.add_mention(rec, doc[left:end], "generic", head=head)
            return

        country_name = self._country_name(iso3) if iso3 else None
        name = (name_tpl or role.title()).format(country=country_name or "unknown country")
        if iso3 is None:
            name = name.replace(" (unknown country)", "")
        eid = "kb:" + slugify(name)
        rec = self.entities.get(eid)
        if rec is None:
            rec = ActorRecord(
                id=eid,
                name=name,
                kind=kind,
                inter=inter,
                country=iso3,
                generic=True,
                role=role,
                reason=f"generic agent '{doc[left:end].text}'" + (f"; {'; '.join(reason_parts)}" if reason_parts else ""),
            )
            self.entities[eid] = rec
        self.add_mention(rec, doc[left:end], "generic", head=head)

    @staticmethod
    def _definite(head: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in _shared().definite_article | _shared().demonstratives for c in head.children)

    def _named_country(self, head: Token, mods: list[Token]) -> bool:
        return any(country_of_name(t.text, self.knowledge) for t in mods)

    def _recent_generic(self, role: str, before: int) -> ActorRecord | None:
        """The last generic actor of the same role in the previous three sentences."""
        sent = self.sid[before]
        for m in reversed(self.mentions):
            if m.start >= before or m.sent < sent - 3:
                continue
            rec = self.entities[m.entity_id]
            if rec.generic and rec.role == role:
                return rec
        return None

    def _group_of(self, head: Token) -> ActorMention | None:
        for child in self._group_phrases(head):
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                for t in pobj.subtree:
                    m = self.at(t.i)
                    if m is not None and m.source in ("kb", "ner"):
                        rec = self.entities[m.entity_id]
                        if rec.kind not in (ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.OFFICIAL, ActorKind.PERSON, ActorKind.MEDIA):
                            return m
        return None

    def _group_phrases(self, head: Token) -> list[Token]:
        """The prepositions that name the noun's group: "fighters from Badr", and the adjective or
        participle phrases ending in one ("militants loyal to IS", "gunmen affiliated with HTS"),
        whose preposition hangs on the adjective, not the noun."""
        out = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in self.lex.group_preps:
                out.append(child)
            elif child.dep_ in ("amod", "acl"):
                out += [g for g in child.children
                        if g.dep_ == "prep" and f"{child.lower_} {g.lower_}" in self.lex.group_preps]
        return out

    def _group_before(self, start: int, head: Token) -> ActorMention | None:
        if start == 0:
            return None
        m = self.at(start - 1)
        if m is None or m.source not in ("kb", "ner") or m.end != start:
            return None
        if self.doc[m.end - 1].head.i != head.i:
            return None
        rec = self.entities[m.entity_id]
        if rec.kind in (ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.OFFICIAL, ActorKind.PERSON, ActorKind.MEDIA, ActorKind.CIVILIANS, ActorKind.INTERNATIONAL_ORG, ActorKind.NGO):
            return None
        return m

    def _modifier_role(self, tok: Token, mods: list[Token]) -> str | None:
        text = tok.lower_
        # Hyphenated modifiers are split by the tokenizer: rebuild "pro-government".
        if tok.i + 2 < len(self.doc) and self.doc[tok.i + 1].text == "-":
            text = f"{tok.lower_}-{self.doc[tok.i + 2].lower_}"
        return self.lex.modifiers.get(text) or self.lex.modifiers.get(tok.lower_)

    def _country_for(self, head: Token, mods: list[Token], agent: _Agent) -> tuple[str | None, str | None]:
        # A demonym, country name or known actor among the modifiers: "Iraqi militants",
        # "Russian military planes", "Syria's army", "Hezbollah fighters".
        for t in mods:
            if t.text == "-" or t.lower_ in self.lex.backing_suffixes:
                continue
            nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.text == "-":
                continue  # "Iran-backed": the backer, not the actor's country
            iso3 = country_of_name(t.text, self.knowledge)
            if iso3:
                return iso3, None
            m = self.at(t.i)
            if m is not None and self.entities[m.entity_id].country:
                return self.entities[m.entity_id].country, None
        # "forces of Syria", "the army of Iraq"
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    iso3 = country_of_name(pobj.text, self.knowledge)
                    if iso3:
                        return iso3, None
        # A possessor: "Bashar al-Assad's regime", "Syria's army".
        for child in head.children:
            if child.dep_ == "poss":
                for t in child.subtree:
                    m = self.at(t.i)
                    if m is not None and self.entities[m.entity_id].country:
                        return self.entities[m.entity_id].country, None
                    iso3 = country_of_name(t.text, self.knowledge)
                    if iso3:
                        return iso3, None
        if agent.role in STATE_ROLES and not agent.implies_home:
            return None, None
        sent_country = self.ctx.sentence_countries.get(self.sid[head.i])
        if agent.role in STATE_ROLES:
            if self.ctx.focus_country:
                return self.ctx.focus_country, (
                    f"no country named; the article's main country ({self.ctx.focus_country})"
                )
            return None, None
        if sent_country:
            return sent_country, f"no country named; the country of the sentence ({sent_country})"
        if self.ctx.focus_country:
            return self.ctx.focus_country, (
                f"no country named; the article's main country ({self.ctx.focus_country})"
            )
        return None, "no country named anywhere in the article"

    def _country_name(self, iso3: str) -> str:
        c = self.knowledge.countries.get(iso3)
        return c.name if c else iso3

    # -- anaphora: "the group", "the militia" → the last named armed group
    def anaphora(self):
        doc = self.doc
        named = sorted(
            (m for m in self.mentions if m.source in ("kb", "ner")),
            key=lambda m: m.start,
        )
        for tok in doc:
            if tok.i in self.taken or tok.lower_ not in self.lex.group_anaphor_nouns:
                continue
            if not any(c.lower_ in _shared().definite_article | _shared().demonstratives for c in tok.children if c.dep_ == "det"):
                continue
            following = next((m for m in named if tok.i < m.start <= tok.i + 2), None)
            if following is not None:
                # "the Islamist group Hayat Tahrir al-Sham": the description names what follows.
                det = next(c for c in tok.children if c.dep_ == "det")
                self.add_mention(self.entities[following.entity_id], doc[det.i : tok.i + 1], "anaphor", head=tok)
                continue
            prior = [m for m in named if m.end <= tok.i and m.sent >= self.sid[tok.i] - 3]
            prior = [m for m in prior if self.entities[m.entity_id].armed]
            if not prior:
                continue
            target = prior[-1]
            det = next(c for c in tok.children if c.dep_ == "det")
            self.add_mention(self.entities[target.entity_id], doc[det.i : tok.i + 1], "anaphor", head=tok)


_ROLE_SPECS: dict[str, tuple[str, int | None, str | None]] = {}


def _shared() -> SharedWords:
    return lexicon(SharedWords)


def _toponym_prefixes() -> frozenset[str]:
    return lexicon(PlacesLexicon).toponym_prefixes


def _role_spec(role: str) -> tuple[str, int | None, str | None] | None:
    if not _ROLE_SPECS:
        for a in lexicon(AgentsLexicon).agents:
            _ROLE_SPECS[a.role] = (a.kind, a.inter, a.name)
    return _ROLE_SPECS.get(role)


def _after_settlement_word(span: Span) -> bool:
    doc = span.doc
    i = span.start
    while i > 0 and doc[i - 1].lower_ in ("the",):
        i -= 1
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in lexicon(PlacesLexicon).place_of_words


def title_before(doc: Doc, start: int) -> list[Token]:
    """The title written just before a name ("Iranian Foreign Minister" before "Abbas
    Araghchi"): the run of up to six words before it that ends at punctuation, an article, a
    verb, a preposition, a conjunction or a pronoun, if it holds a title word, less leading
    words that are not part of the title (a stray adverb). Empty when there is none."""
    words = _words_before(doc, start)
    if not any(is_title(w) for w in words):
        return []
    while words and not (
        words[0].ent_type_ in ("NORP", "GPE", "ORG")
        or words[0].lower_ in _lexicons().titles
        or words[0].pos_ in ("ADJ", "PROPN", "NOUN")
    ):
        words.pop(0)
    return words


def _words_before(doc: Doc, start: int) -> list[Token]:
    words: list[Token] = []
    i = start - 1
    while i >= 0 and i >= start - 6:
        t = doc[i]
        if t.is_punct and t.text != "-":
            break
        if t.lower_ in _shared().articles or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON"):
            break
        words.insert(0, t)
        i -= 1
    return words


def is_title(tok: Token) -> bool:
    titles = _lexicons().titles
    return tok.lower_ in titles or tok.lemma_.lower() in titles


def _acronym_letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def _trim(ent: Span) -> Span | None:
    """Drop a leading article and a trailing possessive from an entity span."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in _shared().articles:
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    if len(span.text) < 2 or not any(ch.isalpha() for ch in span.text):
        return None
    return span


def extract_actors(doc: Doc, knowledge: Knowledge, ctx: ArticleContext) -> ActorResult:
    b = _Builder(doc, knowledge, ctx)
    b.kb_names()
    b.metonymy()
    b.ner_names()
    b.generic_agents()
    b.anaphora()
    by_token: dict[int, ActorMention] = {}
    for m in b.mentions:
        for i in range(m.start, m.end):
            by_token[i] = m
    return ActorResult(
        entities=b.entities,
        mentions=sorted(b.mentions, key=lambda m: m.start),
        by_token=by_token,
        metonymic_tokens=b.metonymic,
    )


def iter_conjuncts(tok: Token) -> Iterable[Token]:
    yield tok
    for c in tok.conjuncts:
        yield c
