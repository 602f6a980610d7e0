"""Find event triggers in a sentence and decide which class each one is.

A trigger word can belong to several classes ("storm" attacks or captures; "enter" moves troops
or takes a town). The words around it decide; weak triggers ("hit", "took") only count when the
sentence holds an armed actor, a weapon word or a casualty.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from sitrep.extract.actors import ActorResult
from sitrep.extract.events.lexicon import EventClass, EventLexicon
from sitrep.extract.places import PlaceResult
from sitrep.nlp.docinfo import sentences
from sitrep.taxonomy import ActorKind


@dataclass
class Trigger:
    start: int
    end: int
    phrase: str
    cls: EventClass
    weak: bool
    # The weapon and manner cues of the sentence, without the words of mentions that are not
    # happenings here (a claim's topic, a test, history): None when not computed.
    cues: frozenset[str] | None = None
    # "state" / "nonstate" from the words of the trigger's subject, for when no actor was named.
    subject_kind: str | None = None
    # The WordNet concept a trigger not in the lexicon was learned from (wordnet.yaml).
    learned: str | None = None

    # head()'s token index, found once: the builder asks it hundreds of times an article.
    # Not an init field, so `replace()` (a new class may change the answer) starts afresh.
    _head: int | None = field(default=None, init=False, repr=False, compare=False)

    def head(self, doc) -> Token:
        """The token that carries the trigger's syntax: the last noun, or the first verb."""
        if self._head is None:
            self._head = self._find_head(doc).i
        return doc[self._head]

    def _find_head(self, doc) -> Token:
        span = doc[self.start : self.end]
        for t in span:
            if t.pos_ in ("VERB", "AUX"):
                return t
        root = span.root
        # "Syria is willing to withdraw": a predicative adjective's subject hangs on the verb.
        if self.cls.family == "verbal" and root.pos_ == "ADJ" and root.dep_ == "acomp" and root.head.i != root.i:
            return root.head
        return root


EXPLOSION_CLASSES = frozenset({"explosive"})
REMOTE_CLASSES = frozenset({"air_strike", "drone_strike", "shelling", "explosive", "suicide_bomb", "chemical"})
REMOTE_CUES = frozenset({"aerial", "drone", "shelling"})
TEMPORAL_MARKS = frozenset({"after", "when", "as", "since", "while", "because", "once", "before", "until", "following", "whilst"})


def _matches(doc, idxs, index) -> bool:
    """Does a phrase of `index` start at one of the token indices?"""
    for i in sorted(idxs):
        if index.match_at(doc, i) is not None:
            return True
    return False


def _words_in(doc, idxs, words: frozenset[str]) -> bool:
    return any(doc[i].lower_ in words or doc[i].lemma_.lower() in words for i in idxs)


def _sentence_has_armed_context(sent: Span, actors: ActorResult, lex: EventLexicon,
                                skip: tuple[int, int] = (0, 0), casualties: bool = False) -> bool:
    """An armed actor, armed forces, an attack word or an unambiguous weapon word; with
    `casualties`, a death or injury word too. The trigger's own words (`skip`) do not count."""
    for m in actors.mentions:
        if sent.start <= m.start < sent.end and actors.entities[m.entity_id].armed:
            return True
    doc = sent.doc
    window = (doc, sent.start, sent.end)
    if next(lex.attack_markers.matches(*window), None) or next(lex.armed_presence.matches(*window), None):
        return True
    for i, end, cue in lex.cues.matches(*window):
        if skip[0] <= i < skip[1] or cue in ("intervention", "excessive_force", "riot_violence", "peaceful"):
            continue
        if doc[i:end].text.lower() not in lex.ambiguous_cues and doc[i].lemma_.lower() not in lex.ambiguous_cues:
            return True
    if casualties:
        for i, _, (_, class_names) in lex.triggers.matches(*window):
            if not skip[0] <= i < skip[1] and any(lex.classes[c].outcome for c in class_names):
                return True
    return False


def _national_modifier(head: Token, actors: ActorResult) -> bool:
    """"Russian strikes", "coalition strikes", "Israeli raids": a state or an armed actor
    written as the noun's modifier makes a weak word military. (Labour strikes are not
    "Russian strikes" in a war report.)"""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    from sitrep.knowledge.countries import Countries

    countries = Countries.load()
    for c in head.children:
        if c.dep_ not in ("amod", "compound", "nmod", "poss"):
            continue
        m = actors.by_token.get(c.i)
        if m is not None and actors.entities[m.entity_id].armed:
            return True
        if countries.by_demonym(c.text) is not None or countries.by_name(c.text) is not None:
            return True
    return False


def _arguments(head: Token) -> list[Token]:
    """What the trigger acts on: its object, its passive subject, what a noun trigger is of;
    for a participle ("weapons found in a house") the noun it describes."""
    out = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    if head.pos_ in ("NOUN", "PROPN"):
        out += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "containing") for g in c.children if g.dep_ == "pobj"]
        out += [c for c in head.children if c.dep_ in ("compound", "nmod")]
    if head.dep_ in ("acl", "relcl") and head.head.i != head.i:
        out.append(head.head)
    # "have cleared landmines ... and destroyed them": a conjoined verb shares the object.
    if not out and head.dep_ == "conj":
        out += [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
    return out


def _argument_tokens(head: Token) -> set[int]:
    idxs: set[int] = set()
    for a in _arguments(head):
        idxs.update(x.i for x in a.subtree)
    return idxs


def _object_is_territory(head: Token, places: PlaceResult, lex: EventLexicon) -> bool:
    """Does the trigger take a place or a territory noun ("took control of the town")? Only the
    trigger's object, its subject for "fell to", and what "control of" / "into" name count: a
    place where something else was seized ("seized weapons in the Aziz area") is no capture."""
    doc = head.doc
    window: list[Token] = []
    args = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    for c in args:
        window.extend(c.subtree)
    for c in head.children:
        if c.dep_ in ("nsubj",) and head.lemma_.lower() in ("fall", "fell", "fallen"):
            window.extend(c.subtree)
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "they"):
            window.extend(c.subtree)
        if c.dep_ == "prep" and (c.lower_ in ("of", "over", "into", "from", "out", "across", "to")
                                 or (not args and c.lower_ in ("in", "on", "near", "around"))):
            window.extend(c.subtree)
        if c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "out"):
            window.extend(c.subtree)
    if head.pos_ in ("NOUN", "PROPN"):
        window.extend(head.subtree)
    if head.dep_ in ("acl", "relcl"):
        window.append(head.head)
    for t in window:
        if t.i == head.i:
            continue
        if t.i in places.by_token and places.by_token[t.i].entry.feature != "country":
            return True
        if t.lemma_.lower() in lex.territory_nouns or t.lower_ in lex.territory_nouns:
            return True
        # "recaptured it": a pronoun standing for a town named earlier in the sentence.
        if t.dep_ in ("dobj", "nsubjpass") and t.lower_ in ("it", "them") and t.head.i == head.i:
            sent = head.sent
            if any(m.entry.feature != "country" for m in places.mentions if sent.start <= m.start < t.i):
                return True
    # A country taken whole is rare; entering a country is a troop movement, not a capture.
    return False


def _object_is_person(head: Token, actors: ActorResult) -> bool:
    """'dismissed the general', 'appointed a new commander', 'the minister resigned'."""
    from sitrep.extract.actors import _lexicons

    titles = _lexicons().titles
    # The parser often reads "dismissed the general commanding its troops" as a clause whose
    # subject is "the general": look one clause down too.
    args = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    args += [g for c in head.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"]
    for c in args:
        for t in c.subtree:
            if t.lower_ in titles or t.lemma_.lower() in titles or t.ent_type_ == "PERSON":
                return True
            m = actors.by_token.get(t.i)
            if m is not None and actors.entities[m.entity_id].kind in (ActorKind.OFFICIAL, ActorKind.PERSON):
                return True
    return False


def _irrealis(tok: Token, lex: EventLexicon) -> bool:
    """Under "to avoid", "fear of", "plans to", "in combating": not a happening."""
    cur = tok
    for _ in range(3):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return False
        # "vowed an investigation after seven people were murdered": a clause of time tells
        # what happened, whatever governs it.
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in cur.children):
            return False
        cur = cur.head
        if cur.lemma_.lower() in lex.irrealis_heads or cur.lower_ in lex.irrealis_heads:
            return True
    return False


FRAME_DEPS = frozenset({"pobj", "prep", "pcomp", "dobj", "compound", "amod", "nmod", "conj", "appos", "xcomp", "poss", "acl", "npadvmod", "nummod"})


def _under(tok: Token, heads: frozenset[str], hops: int = 5, subject: bool = False) -> bool:
    """Is the trigger inside a phrase governed by one of `heads` ("responsibility for ...",
    "in the wake of ...")? Walks up through objects, prepositions and modifiers only."""
    cur = tok
    for _ in range(hops):
        if cur.head.i == cur.i:
            return False
        ok = cur.dep_ in FRAME_DEPS or (subject and cur.dep_ in ("nsubj", "nsubjpass"))
        if not ok:
            return False
        cur = cur.head
        if cur.lemma_.lower() in heads or cur.lower_ in heads:
            return True
    return False


def _history_year(tok: Token) -> bool:
    """"a deadly 2017 chemical weapons attack": an event noun dated by a year is history."""
    nouns = [tok]
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        nouns.append(tok.head)
    for n in nouns:
        if n.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in n.children:
            if c.dep_ in ("nummod", "compound", "amod", "npadvmod", "nmod") and c.text.isdigit() and len(c.text) == 4 \
                    and 1900 <= int(c.text) <= 2099:
                return True
    return False


def _modifier_only(tok: Token, lex: EventLexicon) -> bool:
    """"missile tests", "air defense forces", "riot police": a trigger word modifying a noun that
    is not a happening."""
    if tok.dep_ not in ("compound", "amod", "nmod"):
        return False
    h = tok.head
    return h.i != tok.i and (h.lemma_.lower() in lex.modifier_heads or h.lower_ in lex.modifier_heads)


def _back_reference(tok: Token, lex: EventLexicon, span: tuple[int, int] = (0, 0)) -> bool:
    """"condemned the attack", "claimed responsibility for the bombing": a bare definite event
    noun under a verb of reaction points back at an event; it is not a new one."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    kids = list(tok.children)
    # "an end to such attacks": a kind of event, not one that happened.
    if any(c.lower_ == "such" and c.dep_ in ("amod", "det", "predet") for c in kids):
        return True
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "its", "their") for c in kids):
        return False
    # Words of the trigger itself ("the air strikes") do not make it a new, described event.
    if any(c.dep_ in ("prep", "relcl", "acl", "nummod", "compound") and not (span[0] <= c.i < span[1]) for c in kids):
        return False
    return _governed_by(tok, lex.reaction_verbs, 3, stop_at_verb=True)


def _governed_by(tok: Token, words: frozenset[str], hops: int, stop_at_verb: bool = False) -> bool:
    """Is one of `words` among the first `hops` heads above the token (up to the first verb)?"""
    cur = tok
    for _ in range(hops):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in words or cur.lower_ in words:
            return True
        if stop_at_verb and cur.pos_ in ("VERB", "AUX"):
            return False
    return False


def _non_conflict_in(sent: Span, lex: EventLexicon) -> tuple[str | None, bool]:
    """(the first non-conflict kind named in the sentence, whether an attack word stands outside
    the non-conflict phrases: "cyber attack" names a crime, not an attack)."""
    doc = sent.doc
    kind = None
    covered: set[int] = set()
    free = sent.start  # phrases do not overlap: the next may start where the last ended
    for i, end, found in lex.non_conflict.matches(doc, sent.start, sent.end):
        # Natural disasters are named by nouns ("a storm", "floods"); the verb of the same word
        # ("fighters stormed the village", "troops flooded into the city") is no disaster.
        if i < free or (found == "natural_disaster" and end - i == 1 and doc[i].pos_ == "VERB"):
            continue
        kind = kind or found
        covered.update(range(i, end))
        free = end
    marker = any(i not in covered for i, _, _ in lex.attack_markers.matches(doc, sent.start, sent.end))
    return kind, marker


def _non_conflict(sent: Span, lex: EventLexicon) -> str | None:
    kind, marker = _non_conflict_in(sent, lex)
    if marker:
        return None
    if kind is not None:
        return kind
    # An accident told over a few sentences: "a furnace exploded ... The explosion occurred at
    # the plant". The sentences around explain it when none of them names an attack.
    sents = sentences(sent.doc)
    idx = next((k for k, x in enumerate(sents) if x.start == sent.start), None)
    if idx is None:
        return None
    found = None
    for k in range(max(0, idx - 2), min(len(sents), idx + 3)):
        if k == idx:
            continue
        kk, mk = _non_conflict_in(sents[k], lex)
        if mk:
            return None
        if kk in ("natural_disaster", "man_made_disaster") and found is None:
            found = kk
    return found


def _subject_kind(head: Token, lex: EventLexicon) -> str | None:
    """State or non-state, from the words of the subject ("troopers captured", "rebels seized")."""
    doc = head.doc
    subj = [c for c in head.children if c.dep_ in ("nsubj",)]
    subj += [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not subj and head.dep_ in ("conj", "xcomp", "advcl") and head.head.i != head.i:
        subj = [c for c in head.head.children if c.dep_ == "nsubj"]
    for c in subj:
        idxs = {x.i for x in c.subtree}
        if _matches(doc, idxs, lex.nonstate_words):
            return "nonstate"
        if _matches(doc, idxs, lex.state_words):
            return "state"
    return None


def _establishing(tok: Token, lex: EventLexicon) -> bool:
    """A base noun governed by a verb of setting up, or a "new" one."""
    if any(c.lower_ == "new" for c in tok.children):
        return True
    return _governed_by(tok, lex.establishing_verbs, 3, stop_at_verb=True)


def _dep_trigger(tok: Token, lex: EventLexicon) -> tuple[str, str] | None:
    """Triggers whose particle stands apart: "pushed the militants back", "drove them out",
    "handed the district over". (phrase, class name)."""
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    parts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep")}
    if lemma in lex.push_verbs and parts & lex.push_particles:
        obj = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(x.lemma_.lower() in ("attack", "assault", "offensive", "advance", "incursion", "infiltration", "attempt") for o in obj for x in o.subtree):
            return None
        return f"{lemma} {'back' if 'back' in parts else 'out'}", "recapture"
    if lemma in lex.handover_verbs and "over" in parts:
        return "hand over", "transfer"
    return None


def _grievance(tok: Token, lex: EventLexicon) -> bool:
    """"protested over the death of a prisoner", "rallied to mourn those killed": the violence
    is what the protest is about."""
    return _governed_by(tok, lex.grievance_heads, 4)


@dataclass
class _Sentence:
    """What every trigger decision in one sentence reads: the parse, the other extractors'
    results, the lexicon, the non-conflict kind that blocks violence, and the words of mentions
    that are no happening here (masked)."""

    sent: Span
    actors: ActorResult
    places: PlaceResult
    lex: EventLexicon
    blocked: str | None
    blocked_classes: frozenset[str]
    masked: set[int]
    violence_blocked: bool = False


@dataclass
class _Candidate:
    start: int
    end: int
    phrase: str
    class_names: tuple[str, ...]
    listed: bool  # found in the trigger lexicon, not only by the parse
    learned: str | None = None  # the WordNet concept of a word learned from it (wordnet.yaml)


@dataclass
class _Guarded:
    """A candidate being weighed for one class: its head and the tokens of its arguments."""

    cand: _Candidate
    s: _Sentence
    root: Token
    head: Token
    arg_idxs: set[int]


def find_triggers(
    sent: Span, actors: ActorResult, places: PlaceResult, lex: EventLexicon
) -> tuple[list[Trigger], str | None]:
    """Triggers in a sentence, and the non-conflict kind that blocked violence (if any)."""
    blocked = _non_conflict(sent, lex)
    s = _Sentence(sent, actors, places, lex, blocked,
                  lex.non_conflict_blocks.get(blocked, frozenset()) if blocked else frozenset(), set())
    # An armed crime group named in a crime sentence: its violence is coded, its crimes are not.
    s.violence_blocked = blocked is not None and not (
        blocked == "crime" and _matches(sent.doc, set(range(sent.start, sent.end)), lex.organised_crime))
    found: list[Trigger] = []
    i = sent.start
    while i < sent.end:
        cand = _candidate_at(s, i)
        if cand is None:
            i += 1
            continue
        t = _trigger_of(cand, s)
        if t is not None:
            found.append(t)
        i = cand.end
    return _refine(found, s), blocked


def _candidate_at(s: _Sentence, i: int) -> _Candidate | None:
    """A lexicon phrase starting at token i, else a trigger the parse shows ("pushed ... back")."""
    doc, lex = s.sent.doc, s.lex
    hit = lex.triggers.match_at(doc, i)
    if hit is None:
        dep = _dep_trigger(doc[i], lex)
        if dep is not None:
            return _Candidate(i, i + 1, dep[0], (dep[1],), False)
        return _learned_at(s, i)
    end, (phrase, class_names) = hit
    return _Candidate(i, min(end, s.sent.end), phrase, class_names, True)


def _learned_at(s: _Sentence, i: int) -> _Candidate | None:
    """A verb WordNet files under a concept of an event class ("strangled" is a way to kill).
    Only verbs are learned, so the word must be used as one here."""
    doc = s.sent.doc
    if doc[i].pos_ != "VERB":
        return None
    hit = s.lex.learned.match_at(doc, i)
    if hit is None:
        return None
    end, (phrase, class_names, synset) = hit
    return _Candidate(i, min(end, s.sent.end), phrase, class_names, False, synset)


def _trigger_of(cand: _Candidate, s: _Sentence) -> Trigger | None:
    doc = s.sent.doc
    if _not_a_trigger(cand, s) or _no_happening_here(cand, s):
        return None
    if cand.listed:
        # A push with its particle ("pushed back"): ground changing hands, not only fighting.
        dep = _dep_trigger(doc[cand.start], s.lex)
        if dep is not None and dep[1] == "recapture":
            cand = replace(cand, phrase=dep[0], class_names=("recapture",))
    chosen, weak = _choose_class(cand, s)
    if chosen is None:
        return None
    chosen, weak = _weigh(chosen, weak, cand, s)
    if chosen is None:
        return None
    t = Trigger(cand.start, cand.end, cand.phrase, chosen, weak, learned=cand.learned)
    if chosen.family == "territory":
        t.subject_kind = _subject_kind(t.head(doc), s.lex)
    return t


def _not_a_trigger(cand: _Candidate, s: _Sentence) -> bool:
    """Words the other extractors own, or of the wrong part of speech for the phrase."""
    doc, lex, i, end = s.sent.doc, s.lex, cand.start, cand.end
    tok = doc[i]
    # Names the actor or place extractors own are not triggers ("Hezbollah al-Nujaba").
    if i in s.actors.by_token and s.actors.by_token[i].source in ("kb", "ner", "metonymy"):
        return True
    if tok.ent_type_ in ("PERSON", "GPE", "ORG") and end - i == 1:
        return True
    # "Turkish-backed": the participle of a backing compound describes an actor.
    if i > 0 and doc[i - 1].text in ("-", "–"):
        return True
    if tok.lower_ in lex.not_triggers:
        return True
    return end - i == 1 and (
        (cand.phrase in lex.noun_only and tok.pos_ not in ("NOUN", "PROPN"))
        or (cand.phrase in lex.verb_only and tok.pos_ not in ("VERB", "AUX")))


def _no_happening_here(cand: _Candidate, s: _Sentence) -> bool:
    """A modifier ("missile tests"), something not real (planned, feared), a back-reference, a
    year of history, a claim's or a grievance's topic: masked, so its weapon words do not type
    the sentence's real happening either."""
    doc, lex = s.sent.doc, s.lex
    root = doc[cand.start:cand.end].root
    if _modifier_only(root, lex):
        s.masked.update(range(cand.start, cand.end))
        return True
    if (_irrealis(root, lex) or _back_reference(root, lex, (cand.start, cand.end)) or _history_year(root)
            or _under(root, lex.attribution_heads, subject=True) or _under(root, lex.background_frames)):
        s.masked.update(x.i for x in root.subtree)
        s.masked.update(range(cand.start, cand.end))
        return True
    return False


def _choose_class(cand: _Candidate, s: _Sentence) -> tuple[EventClass | None, bool]:
    """The first of the phrase's classes whose conditions hold (a class's guard may swap it
    for another or change its weakness)."""
    doc, lex = s.sent.doc, s.lex
    root = doc[cand.start:cand.end].root
    head = Trigger(cand.start, cand.end, cand.phrase, lex.classes[cand.class_names[0]], False).head(doc)
    arg_idxs = _argument_tokens(head) | (set(range(cand.start, cand.end)) if head.pos_ in ("NOUN", "PROPN") else set())
    g = _Guarded(cand, s, root, head, arg_idxs)
    # A learned word of armed violence, ground or strategy counts only in a war report, as a weak
    # listed word does: WordNet knows what the word means, not that this sentence is about war.
    weak = cand.phrase in lex.weak or (
        cand.learned is not None and lex.classes[cand.class_names[0]].family not in ("verbal", "demonstration"))
    for name in _euphemism_classes(g):
        cls = lex.classes[name]
        if (s.violence_blocked and cls.family in ("violent", "territory")) or name in s.blocked_classes:
            if not (name == "disrupted" and s.blocked == "crime" and _matches(doc, arg_idxs, lex.weapon_nouns)):
                continue
        if cls.family == "territory" and not _takes_ground(g):
            # "overran an army outpost": an armed party's post overrun is an assault on it, not
            # ground held (ACLED: a battle when the other side is armed). Fighters taken are
            # people, not a post (their noun is an actor mention).
            posts = {a.i for a in _arguments(g.root) if a.i not in g.s.actors.by_token}
            if _words_in(doc, posts, lex.armed_targets):
                return lex.classes["attack"], weak
            continue
        guard = _CLASS_GUARDS.get(name)
        verdict = guard(g, cls, weak) if guard is not None else (cls, weak)
        if verdict is not None:
            return verdict
    return None, weak


def _euphemism_classes(g: _Guarded) -> tuple[str, ...]:
    """"destroyed over 60 terrorists": people destroyed or eliminated were killed; things
    destroyed were not."""
    cand, doc, lex = g.cand, g.s.sent.doc, g.s.lex
    if cand.phrase not in lex.kill_euphemisms:
        return cand.class_names
    if any(doc[k].lower_ in lex.people_objects or doc[k].lemma_.lower() in lex.people_objects
           for k in _argument_tokens(g.head)):
        return ("kill",)
    return tuple(n for n in cand.class_names if n != "kill")


def _takes_ground(g: _Guarded) -> bool:
    """Territory words need ground as their object; "pushed the militants back" takes the
    enemy, but a push with its particle is ground changing hands."""
    if _object_is_territory(g.root, g.s.places, g.s.lex):
        return True
    words = g.cand.phrase.split()
    return len(words) == 2 and words[1] in g.s.lex.push_particles


def _weigh(chosen: EventClass, weak: bool, cand: _Candidate, s: _Sentence) -> tuple[EventClass | None, bool]:
    """A weak word counts only in a war report: an armed actor, a weapon or attack word, or
    with a national modifier, deaths. Outside one, its verbal reading stands (if it has one)."""
    if chosen.family == "verbal" and cand.phrase not in s.lex.verbal_weak:
        return chosen, False  # a speech act or cooperation is news in any sentence
    if not weak:
        return chosen, weak
    doc = s.sent.doc
    # "Two women were shot", "shot the rider": a weapon fired at people is violence done to
    # them, whatever the sentence around it (a photo or a goal is not shot at a person).
    if chosen.name == "shooting" and _at_people(doc[cand.start:cand.end].root, s.lex):
        return chosen, False
    # "Russian strikes kill 34": a national modifier plus deaths makes it military ("French
    # strikes disrupted rail traffic" stays a labour dispute).
    national = _national_modifier(doc[cand.start:cand.end].root, s.actors)
    if _sentence_has_armed_context(s.sent, s.actors, s.lex, (cand.start, cand.end),
                                   casualties=national or chosen.name in EXPLOSION_CLASSES):
        return chosen, weak
    return _verbal_reading(cand.phrase, cand.class_names, chosen, s.lex), False


def _at_people(head: Token, lex: EventLexicon) -> bool:
    """Is the trigger's object (or passive subject) a person: a person noun, a personal name, or
    a personal pronoun?"""
    return any(a.lemma_.lower() in lex.person_nouns or a.lower_ in lex.person_nouns or a.ent_type_ == "PERSON"
               or (a.pos_ == "PRON" and a.lower_ in lex.person_pronouns)
               for a in _arguments(head))


def _refine(found: list[Trigger], s: _Sentence) -> list[Trigger]:
    """Sentence-level readings: negated acts, verbal topics, the main act, weapons stopped,
    ground handed over, violence inside a demonstration; then each trigger's cues."""
    doc, lex = s.sent.doc, s.lex
    found = _negated_acts(found, doc, lex)
    found = _verbal_topics(found, doc)
    found = _main_acts(found, doc, lex)
    found = _disrupted_objects(found, doc, lex)
    found = _fold_transfers(found, lex)
    cues = _cues(s.sent, lex, s.masked)
    found = _fold_demonstrations(found, doc, lex, cues)
    for t in found:
        t.cues = cues
    return found


# ---------------------------------------------------------------------- class guards
# Each returns the class (or the one it turns into) with its weakness, or None to try the
# phrase's next class.

def _guard_capture(g: _Guarded, cls: EventClass, weak: bool):
    doc, lex = g.s.sent.doc, g.s.lex
    if g.cand.phrase in lex.person_object_triggers and any(
            doc[k].lower_ in lex.person_nouns for k in _argument_tokens(g.head) if doc[k].dep_ in ("dobj", "nsubjpass")):
        return None  # "took five men from their homes": people, not ground
    return cls, weak


def _guard_deployment(g: _Guarded, cls: EventClass, weak: bool):
    # "entered the town": taking ground, not a movement of troops.
    if g.cand.phrase in ("enter", "entered") and _object_is_territory(g.root, g.s.places, g.s.lex):
        return None
    # "ambushed a military convoy", "a convoy was struck": a movement that is what another act
    # was done to is that act's target, not a deployment of its own.
    if _target_of_another_act(g.head, g.s.lex):
        return None
    return cls, weak


def _target_of_another_act(head: Token, lex: EventLexicon, family: str | None = None, other_than: str = "") -> bool:
    """A noun trigger that is the object of a trigger verb ("ambushed a convoy", "beheaded two
    hostages") names who or what that act was done to, not a happening of its own. With
    `family`, only a verb with a class of that family other than `other_than` counts ("seized two
    hostages" is still the taking)."""
    if head.pos_ != "NOUN" or head.dep_ not in ("dobj", "nsubjpass", "pobj"):
        return False
    gov = head.head.head if head.dep_ == "pobj" else head.head
    if gov.i == head.i or gov.pos_ != "VERB":
        return False
    hit = lex.triggers.match_at(gov.doc, gov.i)
    if hit is None:
        return False
    return family is None or any(lex.classes[c].family == family and c != other_than for c in hit[1][1])


def _guard_leadership(g: _Guarded, cls: EventClass, weak: bool):
    return (cls, weak) if _object_is_person(g.root, g.s.actors) else None


def _guard_disrupted(g: _Guarded, cls: EventClass, weak: bool):
    doc, lex, phrase = g.s.sent.doc, g.s.lex, g.cand.phrase
    if phrase not in lex.weapon_object_triggers:
        return cls, weak
    # "destroyed" by warplanes or artillery is the strike itself.
    if phrase in ("destroy", "destroyed") and _remote_cues(g.s.sent, lex, g.s.masked):
        return lex.classes["attack"], weak
    if not _matches(doc, g.arg_idxs, lex.weapon_nouns):
        return None
    return cls, False  # the weapon object confirms it


def _guard_looting(g: _Guarded, cls: EventClass, weak: bool):
    doc, lex, phrase = g.s.sent.doc, g.s.lex, g.cand.phrase
    if phrase in lex.property_object_triggers:
        aimed = {x.i for c in g.head.children if c.dep_ == "prep" and c.lower_ in ("to", "on") for x in c.subtree}
        if not _matches(doc, g.arg_idxs | aimed, lex.property_nouns):
            return None
    if phrase in ("destroy", "destroyed") and _remote_cues(g.s.sent, lex, g.s.masked):
        return lex.classes["attack"], weak
    return cls, weak


def _guard_person_harm(g: _Guarded, cls: EventClass, weak: bool):
    """Abduction and sexual violence told with a general verb ("took", "abused") need people
    as the object, and people taken to safety were not abducted. Captives that another act was
    done to ("executed the hostages") are that act's victims: the taking is not told here."""
    lex = g.s.lex
    if cls.name == "abduction" and _target_of_another_act(g.head, lex, "violent", other_than="abduction"):
        return None
    if g.cand.phrase not in lex.person_object_triggers:
        return cls, weak
    objs = [g.s.sent.doc[k] for k in _argument_tokens(g.head)]
    words = lex.abuse_objects if cls.name == "sexual" else lex.person_nouns
    if not any(t.lower_ in words or t.lemma_.lower() in words for t in objs):
        return None
    if any(c.dep_ == "prep" and any(x.lemma_.lower() in lex.taken_to_safety or x.lower_ in lex.taken_to_safety
                                    for x in c.subtree) for c in g.head.children):
        return None
    return cls, weak or cls.name == "sexual"


def _guard_agreement(g: _Guarded, cls: EventClass, weak: bool):
    lex, sent = g.s.lex, g.s.sent
    if g.cand.phrase in lex.prisoner_object_triggers and not _matches(
            sent.doc, set(range(sent.start, sent.end)), lex.prisoner_words):
        return None
    return cls, weak


def _guard_base(g: _Guarded, cls: EventClass, weak: bool):
    doc, lex, phrase = g.s.sent.doc, g.s.lex, g.cand.phrase
    if not any(w in phrase for w in ("establish", "set", "build", "built", "new")) and not _establishing(g.root, lex):
        return None
    if weak:
        # "set up a new observation post": the base named as object confirms it.
        objs = _argument_tokens(g.head)
        if any((m := lex.triggers.match_at(doc, k)) is not None and "base" in m[1][1] for k in objs) \
                or _words_in(doc, objs, lex.armed_targets):
            weak = False
    return cls, weak


def light_execution(tok: Token, lex: EventLexicon) -> bool:
    """"Execute" kills people; with an act as its object ("executed 20 air strikes", "executing
    the operation") it is a light verb meaning "carry out", and the act noun is the trigger."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.light_verbs:
        return False
    return any(c.dep_ == "dobj" and _names_an_act(c, lex) for c in tok.children)


def _names_an_act(tok: Token, lex: EventLexicon) -> bool:
    """A trigger noun for a happening, not for people ("hostages", "captives" are listed for
    abduction but name who was held)."""
    hit = lex.triggers.match_at(tok.doc, tok.i)
    return hit is not None and any(c != "abduction" for c in hit[1][1])


def _guard_light_execution(g: _Guarded, cls: EventClass, weak: bool):
    return None if light_execution(g.head, g.s.lex) else (cls, weak)


_CLASS_GUARDS = {
    "shooting": _guard_light_execution,
    "capture": _guard_capture,
    "deployment": _guard_deployment,
    "leadership": _guard_leadership,
    "disrupted": _guard_disrupted,
    "looting": _guard_looting,
    "abduction": _guard_person_harm,
    "sexual": _guard_person_harm,
    "agreement": _guard_agreement,
    "base": _guard_base,
}


def _cues(sent: Span, lex: EventLexicon, masked: set[int]) -> frozenset[str]:
    """The cue names of the sentence's weapon and manner words, except masked ones."""
    return frozenset(cue for i, _, cue in lex.cues.find_all(sent.doc, sent.start, sent.end) if i not in masked)


def sentence_cues(sent: Span, lex: EventLexicon) -> frozenset[str]:
    return _cues(sent, lex, set())


def _remote_cues(sent: Span, lex: EventLexicon, masked: set[int]) -> bool:
    return bool(_cues(sent, lex, masked) & REMOTE_CUES)


def _disrupted_objects(found: list[Trigger], doc, lex: EventLexicon) -> list[Trigger]:
    """"explosive devices were discovered", "a cache containing hand grenades": the weapons a
    disrupted-weapons trigger handles are not an explosion of their own."""
    stopped: set[int] = set()
    for t in found:
        if t.cls.name != "disrupted":
            continue
        h = t.head(doc)
        stopped |= _argument_tokens(h)
        if h.pos_ in ("NOUN", "PROPN"):
            stopped |= {x.i for x in h.subtree}
    if not stopped:
        return found
    return [t for t in found if not (t.cls.family == "violent" and any(k in stopped for k in range(t.start, t.end)))]


def _fold_transfers(found: list[Trigger], lex: EventLexicon) -> list[Trigger]:
    """"IS retook Palmyra after the army pulled out", "regained the town without a fight": ground
    that changes hands without fighting is a non-violent transfer of territory (ACLED)."""
    if not any(t.cls.name == "transfer" for t in found):
        return found
    territory = [t for t in found if t.cls.family == "territory"]
    if not territory:
        return found
    transfer = lex.classes["transfer"]
    out = []
    for t in found:
        if t.cls.family == "territory":
            out.append(replace(t, cls=transfer))
        elif t.cls.name == "transfer" and territory:
            continue  # the capture word carries the event
        else:
            out.append(t)
    return out


MOLOTOV = ("molotov", "petrol", "firebomb", "fire bomb")


def _fold_demonstrations(found: list[Trigger], doc, lex: EventLexicon, cues: frozenset[str]) -> list[Trigger]:
    """In a sentence about a demonstration, the violence and arrests are part of it (ACLED):
    protesters who clash or throw petrol bombs make it a violent demonstration; police who beat,
    shoot or kill demonstrators, excessive force; arrests and deployments, an intervention. In a
    sentence about a mob or vigilantes, their violence is mob violence."""
    demo = [t for t in found if t.cls.family == "demonstration"]
    if not demo:
        return found
    remote = any(t.cls.name in REMOTE_CLASSES for t in found)
    riot, force = lex.classes["riot"], lex.classes["protest_force"]
    if all(t.cls.name == "mob" for t in demo):
        mob = lex.classes["mob"]
        return [replace(t, cls=mob)
                if t.cls.name in ("attack", "shooting", "kill", "clash") and not remote else t for t in found]
    # The bare protest words take the reading the sentence's cues give.
    if "excessive_force" in cues:
        protest = force
    elif "riot_violence" in cues:
        protest = riot
    elif "intervention" in cues:
        protest = lex.classes["protest_intervention"]
    else:
        protest = lex.classes["protest"]
    out = []
    for t in found:
        name = t.cls.name
        new = None
        if name == "protest" and protest.name != "protest":
            new = protest
        elif name == "arrest":
            new = protest
        elif name == "deployment":
            continue
        elif name == "clash":
            new = riot
        elif name == "grenade" and any(w in t.phrase for w in MOLOTOV):
            new = riot
        elif name in ("attack", "shooting", "kill") and not remote:
            h = t.head(doc)
            if _grievance(h, lex):
                continue
            subj = [c for c in h.children if c.dep_ == "nsubj"]
            if any(x.lower_ in lex.crowd_words or x.lemma_.lower() in lex.crowd_words for c in subj for x in c.subtree) \
                    and not t.cls.outcome:
                new = riot
            else:
                new = force
        if new is None:
            out.append(t)
        else:
            # Force, violence or an intervention told with it confirm a weak protest word.
            weak = t.weak and not (name == "protest" and new is not t.cls)
            out.append(replace(t, cls=new, weak=weak))
    return out


def _verbal_reading(phrase: str, class_names: tuple[str, ...], chosen: EventClass,
                    lex: EventLexicon) -> EventClass | None:
    """The verbal class of a phrase whose conflict reading lacked an armed context, if it has
    one and its everyday sense is not mostly something else. A word read by its object as a
    change of leadership ("dismissed the minister") has no other reading."""
    if chosen.name == "leadership" or phrase in lex.verbal_weak:
        return None
    for name in class_names:
        cls = lex.classes[name]
        if cls.family == "verbal":
            return cls
    return None


# Readings a negation turns into a rejection ("will not accept", "refused to meet", "failed to
# reach agreement").
COOPERATIVE = frozenset({"AGREE", "SUPPORT", "CONSULT", "CONCEDE", "AID", "COOPERATE"})
REFUSING_HEADS = frozenset({"refuse", "fail", "decline", "reject"})


def _negated(tok: Token) -> bool:
    """The verb of the trigger carries "not"/"never", or the trigger is what was refused."""
    verb = tok
    for _ in range(3):  # a noun's governing verb ("reach agreement") up to a clause
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSING_HEADS


def _negated_acts(found: list[Trigger], doc, lex: EventLexicon) -> list[Trigger]:
    """"Syria will not accept more refugees", "failed to reach agreement": a cooperative speech
    act denied is a rejection (PLOVER REJECT). Only verbal readings change: an ACLED event
    stays what it is."""
    reject = lex.classes.get("reject")
    if reject is None:
        return found
    out = []
    for t in found:
        if t.cls.family == "verbal" and t.cls.plover and t.cls.plover[0] in COOPERATIVE and _negated(t.head(doc)):
            t = replace(t, cls=reject)
        out.append(t)
    return out


MAIN_ACT_WEIGHT = 0.95
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "conj"})


def _is_main_verb(tok: Token, lex: EventLexicon) -> bool:
    """The sentence's own act: its root; a verb joined to the root; the complement of a root
    that only reports or announces ("Hungary said it will support ..."); the adjective of a
    root "be" ("is willing to ...")."""
    for _ in range(3):
        if tok.dep_ == "ROOT":
            return True
        head = tok.head
        if tok.dep_ == "conj" or (tok.dep_ in ("acomp", "attr") and head.lemma_ == "be"):
            tok = head
            continue
        if tok.dep_ in COMPLEMENT_DEPS and head.dep_ == "ROOT" and (
                head.lemma_.lower() in lex.main_act_frames or head.lower_ in lex.main_act_frames):
            return True
        return False
    return False


def _main_acts(found: list[Trigger], doc, lex: EventLexicon) -> list[Trigger]:
    """A speech act or a cooperative act told by the sentence's main verb is what the sentence
    reports: "Palestinians blamed Israel for the bombing", "Beirut rejected a UN appeal for
    deploying troops", "Bosnia agreed to a ceasefire after fighting". Its event is weighted above
    the happenings it is about, which keep their own events (an ACLED reader still codes the
    bombing)."""
    if len(found) < 2:
        return found
    out = []
    for t in found:
        if t.cls.family == "verbal" and t.cls.weight < MAIN_ACT_WEIGHT and _is_main_verb(t.head(doc), lex):
            others = [o for o in found if o is not t]
            if others:
                t = replace(t, cls=replace(t.cls, weight=MAIN_ACT_WEIGHT))
        out.append(t)
    return out


CONTENT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "prep", "attr", "oprd", "acomp", "acl", "relcl"})


def _verbal_topics(found: list[Trigger], doc) -> list[Trigger]:
    """"rejected a call for sanctions", "accepted the rebels' demands", "lifted the curfew",
    "agreed to lift the embargo": a verbal word in what another verbal act is about (its object
    or complement) is the topic of that act, not an act of its own. Only verbal readings are
    dropped."""
    verbal = [t for t in found if t.cls.family == "verbal"]
    if len(verbal) < 2:
        return found
    # token -> the PLOVER types of the verbal acts it is the topic of
    inside: dict[int, set[str]] = {}
    for v in verbal:
        h = v.head(doc)
        for c in h.children:
            if c.dep_ in CONTENT_DEPS and not (v.start <= c.i < v.end):
                for x in c.subtree:
                    inside.setdefault(x.i, set()).add(v.cls.plover[0] if v.cls.plover else "")
    # One act told twice ("refused to meet": a rejection either way) stays, for its arguments.
    return [t for t in found if not (t.cls.family == "verbal" and t.start in inside
                                     and (t.cls.plover[0] if t.cls.plover else "") not in inside[t.start])]
