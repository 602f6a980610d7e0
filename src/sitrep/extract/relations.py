"""Relations between actors stated in the text: who backs, leads, fights or belongs to whom.

Each relation points at the sentence it came from. Relations told as history ("formerly
affiliated with al-Qaeda", a sentence about 2016) are marked historical.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from spacy.tokens import Doc, Token

from sitrep.extract.actors import ActorMention, ActorResult
from sitrep.extract.context import ArticleContext, country_of_name
from sitrep.extract.time import TimeExpression
from sitrep.knowledge import Knowledge
from sitrep.knowledge.lexicon_schemas import BackgroundLexicon, RelationsLexicon, SharedWords
from sitrep.knowledge.lexicons import lexicon
from sitrep.nlp.docinfo import clause_root, sent_ids, sentences


@dataclass
class RelationRecord:
    subject: str
    predicate: str
    object: str
    status: str
    evidence: tuple[int, int]


@dataclass(frozen=True)
class _Lex:
    hyphen: dict[str, str]
    passive_backing: frozenset[str]
    support_nouns: frozenset[str]
    backing_verbs: frozenset[str]
    formerly: frozenset[str]
    affiliation: frozenset[str]
    hostility: frozenset[str]
    inclusion: frozenset[str]
    background_cues: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    lex = lexicon(RelationsLexicon)
    hyphen = {w.lower(): pred for pred, words in lex.hyphen_predicates.items() for w in words}
    return _Lex(
        hyphen=hyphen,
        passive_backing=lex.passive_backing,
        support_nouns=lex.support_nouns,
        backing_verbs=lex.backing_verbs,
        formerly=lex.formerly_words,
        affiliation=lex.affiliation_words,
        hostility=lex.hostility_nouns,
        inclusion=lex.inclusion_verbs,
        background_cues=lexicon(BackgroundLexicon).cues,
    )


def _possessives() -> frozenset[str]:
    shared = lexicon(SharedWords)
    return shared.possessive_determiners | shared.personal_possessives


class _Relations:
    def __init__(self, doc, knowledge, ctx, actors: ActorResult, times: list[TimeExpression]):
        self.doc = doc
        self.knowledge = knowledge
        self.ctx = ctx
        self.actors = actors
        self.times = times
        self.lex = _lex()
        self.sid = sent_ids(doc)
        self.sents = sentences(doc)
        self.out: list[RelationRecord] = []

    def actor_at(self, tok: Token) -> str | None:
        m = self.actors.by_token.get(tok.i)
        return m.entity_id if m else None

    def actor_of_phrase(self, tok: Token) -> str | None:
        """The actor a noun phrase names: its head's mention, else an appositive's antecedent."""
        m = self.actors.by_token.get(tok.i)
        if m is not None:
            return m.entity_id
        # "Hezbollah, a key Iran-backed group": the description is in apposition to a name.
        if tok.dep_ == "appos":
            return self.actor_of_phrase(tok.head)
        for c in tok.children:
            if c.dep_ == "appos":
                m = self.actors.by_token.get(c.i)
                if m is not None:
                    return m.entity_id
        return None

    def government_of_word(self, tok: Token) -> str | None:
        m = self.actors.by_token.get(tok.i)
        # A mention that is just this name ("Tehran-backed") is the backer; a longer one
        # ("Turkish-backed factions") is the client, and the word names a country.
        if m is not None and m.end <= tok.i + 1:
            return m.entity_id
        iso3 = country_of_name(tok.text, self.knowledge)
        if iso3:
            gov = self.knowledge.actors.state_actor(iso3, "government", self.ctx.published)
            if gov is not None:
                self._ensure(gov, f"'{tok.text}' names a country; read as its government")
                return gov.id
        return None

    def _ensure(self, actor, reason: str):
        from sitrep.extract.actors import ActorRecord

        if actor.id not in self.actors.entities:
            self.actors.entities[actor.id] = ActorRecord(
                id=actor.id, name=actor.name, kind=actor.kind, inter=actor.inter, country=actor.country,
                reason=reason,
            )

    def status_of(self, sent_index: int, historical_word: bool = False, tok: Token | None = None) -> str:
        if historical_word:
            return "historical"
        sent = self.sents[sent_index]
        if tok is not None:
            # Only dates in the relation's own clause count ("Russia, whose intervention in 2015
            # shifted the war, continues to back ...": 2015 dates the intervention).
            clause = clause_root(tok)
            skip = {d.i for c in clause.children if c.dep_ in ("relcl", "acl", "advcl", "ccomp") for d in c.subtree}
            ids = [t.i for t in clause.subtree if t.i not in skip]
            sent = self.doc[min(ids) : max(ids) + 1] if ids else sent
        text = sent.text.lower()
        if any(cue in text for cue in self.lex.background_cues if " " in cue):
            return "historical"
        if self.ctx.published is not None:
            horizon = self.ctx.published - timedelta(days=365)
            for t in self.times:
                if sent.start_char <= t.span[0] < sent.end_char and t.end is not None and t.end < horizon and t.relation not in ("since",):
                    return "historical"
        return "current"

    def add(self, subject, predicate, obj, tok: Token, historical_word: bool = False):
        if not subject or not obj or subject == obj:
            return
        si = self.sid[tok.i]
        sent = self.sents[si]
        status = self.status_of(si, historical_word, tok)
        if predicate == "formerly_affiliated_with":
            status = "historical"
        rec = RelationRecord(subject, predicate, obj, status, (sent.start_char, sent.end_char))
        if not any(
            (r.subject, r.predicate, r.object, r.evidence) == (rec.subject, rec.predicate, rec.object, rec.evidence)
            for r in self.out
        ):
            self.out.append(rec)

    # ---------------------------------------------------------------- patterns
    def hyphenated(self):
        """'Iran-backed Iraqi militants', 'Tehran-backed regional groups', 'US-led coalition'."""
        doc = self.doc
        for i in range(1, len(doc) - 1):
            if doc[i].text not in ("-", "–"):
                continue
            part = doc[i + 1]
            pred = self.lex.hyphen.get(part.lower_)
            if pred is None:
                continue
            backer = self.government_of_word(doc[i - 1])
            if backer is None:
                continue
            # The participle modifies a noun: that noun (or its phrase) is the client.
            noun = part.head if part.dep_ in ("amod", "compound") else part
            while noun.dep_ in ("amod", "compound") and noun.head.i != noun.i:
                noun = noun.head
            client = self.actor_of_phrase(noun)
            if client is None:
                # the parser sometimes hangs the participle elsewhere: take the next actor
                for j in range(i + 2, min(i + 6, len(doc))):
                    m = self.actors.by_token.get(j)
                    if m is not None:
                        client = m.entity_id
                        break
            if client is None:
                continue
            if pred == "leads":
                self.add(backer, "leads", client, part)
            else:
                self.add(backer, pred, client, part)

    def passive(self):
        """'backed by Russia', 'with support from Russia and Iranian-backed militias'."""
        doc = self.doc
        for tok in doc:
            lower = tok.lower_
            if lower in self.lex.passive_backing:
                preps = [c for c in tok.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"]
                client_tok = tok.head if tok.dep_ in ("acl", "amod", "relcl") else None
                if client_tok is None:
                    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
                    client_tok = subj
            elif tok.lemma_.lower() in self.lex.support_nouns and tok.dep_ == "pobj" and tok.head.lower_ == "with":
                preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "by")]
                # "government forces, with support from Russia, recaptured it": the actor
                # written just before "with", else the clause subject.
                client_tok = None
                for j in range(tok.head.i - 1, max(tok.head.i - 5, -1), -1):
                    if self.actors.by_token.get(j) is not None:
                        client_tok = self.doc[j]
                        break
                if client_tok is None:
                    verb = tok.head.head
                    client_tok = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            else:
                continue
            if client_tok is None:
                continue
            client = self.actor_of_phrase(client_tok)
            if client is None:
                continue
            for p in preps:
                for obj in p.children:
                    if obj.dep_ != "pobj":
                        continue
                    for t in [obj, *obj.conjuncts]:
                        backer = self.actor_of_phrase(t) or self.government_of_word(t)
                        self.add(backer, "backs", client, tok)

    def verbs(self):
        """'Russia continues to back the Syrian president', 'Iran supports Hezbollah'."""
        for tok in self.doc:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.lex.backing_verbs:
                continue
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None:
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            cur = tok
            while subj is None and cur.dep_ in ("xcomp", "ccomp", "conj") and cur.head.i != cur.i:
                cur = cur.head
                subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            backer = self.actor_of_phrase(subj)
            client = self.actor_of_phrase(obj)
            self.add(backer, "backs", client, tok)

    def affiliation(self):
        """'Hayat Tahrir al-Sham, which was formerly affiliated with al-Qaeda'."""
        for tok in self.doc:
            if tok.lower_ not in self.lex.affiliation:
                continue
            formerly = any(c.lower_ in self.lex.formerly for c in tok.children) or (
                tok.i > 0 and self.doc[tok.i - 1].lower_ in self.lex.formerly
            )
            obj = None
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("with", "to", "of"):
                    obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is None:
                continue
            target = self.actor_of_phrase(obj)
            # The subject: a relative clause's antecedent or the clause subject.
            cur = tok
            subj_tok = None
            for _ in range(4):
                subj_tok = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj_tok is not None and subj_tok.tag_ in ("WDT", "WP"):
                    subj_tok = cur.head if cur.dep_ == "relcl" else None
                if subj_tok is not None:
                    break
                if cur.dep_ == "relcl":
                    subj_tok = cur.head
                    break
                if cur.head.i == cur.i:
                    break
                cur = cur.head
            if subj_tok is None:
                continue
            subject = self.actor_of_phrase(subj_tok)
            pred = "formerly_affiliated_with" if formerly else "affiliated_with"
            if tok.lower_ in ("allied", "aligned") and not formerly:
                pred = "allied_with"
            self.add(subject, pred, target, tok, historical_word=formerly)

    def hostility(self):
        """'Hezbollah ... its conflict with Israel', 'the war against the Islamic State'."""
        for tok in self.doc:
            if tok.lemma_.lower() not in self.lex.hostility:
                continue
            other = None
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("with", "against"):
                    o = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if o is not None:
                        other = self.actor_of_phrase(o) or self.government_of_word(o)
            if other is None:
                continue
            owner = None
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None:
                owner = self.actor_of_phrase(poss)
                if owner is None and poss.lower_ in _possessives():
                    owner = self._clause_subject_actor(tok)
            if owner is None:
                owner = self._clause_subject_actor(tok)
            self.add(owner, "fights", other, tok)

    def _clause_subject_actor(self, tok: Token) -> str | None:
        cur = tok
        for _ in range(6):
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return self.actor_of_phrase(subj)
            if cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    def inclusion(self):
        """'The rebels include major Turkish-backed factions as well as ... Hayat Tahrir al-Sham'."""
        for tok in self.doc:
            if tok.lemma_.lower() not in self.lex.inclusion or tok.pos_ != "VERB":
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if subj is None or obj is None:
                continue
            whole = self.actor_of_phrase(subj)
            if whole is None:
                continue
            members: list[str] = []
            skip = {d.i for t in obj.subtree if t.dep_ in ("relcl", "acl") for d in t.subtree}
            for t in obj.subtree:
                if t.i in skip:
                    continue
                m = self.actors.by_token.get(t.i)
                if m is not None and m.entity_id not in members and m.entity_id != whole:
                    rec = self.actors.entities[m.entity_id]
                    if rec.armed:
                        members.append(m.entity_id)
            for member in members:
                self.add(member, "part_of", whole, tok)


def extract_relations(
    doc: Doc, knowledge: Knowledge, ctx: ArticleContext, actors: ActorResult, times: list[TimeExpression]
) -> list[RelationRecord]:
    r = _Relations(doc, knowledge, ctx, actors, times)
    r.hyphenated()
    r.passive()
    r.verbs()
    r.affiliation()
    r.hostility()
    r.inclusion()
    return r.out
