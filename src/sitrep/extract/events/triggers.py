"""Find event triggers in a sentence and decide which class each one is.

A trigger word can belong to several classes ("storm" attacks or captures; "enter" moves troops
or takes a town). The words around it decide; weak triggers ("hit", "took") only count when the
sentence holds an armed actor, a weapon word or a casualty.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitrep.extract.actors import ActorResult
from sitrep.extract.events.lexicon import EventClass, EventLexicon
from sitrep.extract.places import PlaceResult


@dataclass
class Trigger:
    start: int
    end: int
    phrase: str
    cls: EventClass
    weak: bool

    def head(self, doc) -> Token:
        """The token that carries the trigger's syntax: the last noun, or the first verb."""
        span = doc[self.start : self.end]
        for t in span:
            if t.pos_ in ("VERB", "AUX"):
                return t
        return span.root


def _sentence_has_armed_context(sent: Span, actors: ActorResult, lex: EventLexicon) -> bool:
    for m in actors.mentions:
        if sent.start <= m.start < sent.end and actors.entities[m.entity_id].armed:
            return True
    doc = sent.doc
    for i in range(sent.start, sent.end):
        if lex.cues.match_at(doc, i) is not None:
            return True
        if lex.attack_markers.match_at(doc, i) is not None:
            return True
    return False


def _object_is_territory(head: Token, places: PlaceResult, lex: EventLexicon) -> bool:
    """Does the trigger take a place or a territory noun ("took control of the town")?"""
    doc = head.doc
    window = list(head.subtree) if head.pos_ in ("VERB", "AUX") else list(head.subtree)
    # "fell to the rebels": the subject is the territory.
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            window.extend(c.subtree)
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
            if m is not None and actors.entities[m.entity_id].kind in ("official", "person"):
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
        cur = cur.head
        if cur.lemma_.lower() in lex.irrealis_heads or cur.lower_ in lex.irrealis_heads:
            return True
    return False


def _back_reference(tok: Token, lex: EventLexicon) -> bool:
    """"condemned the attack", "claimed responsibility for the bombing": a bare definite event
    noun under a verb of reaction points back at an event; it is not a new one."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    kids = list(tok.children)
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "its", "their") for c in kids):
        return False
    if any(c.dep_ in ("prep", "relcl", "acl", "nummod", "compound") for c in kids):
        return False
    cur = tok
    for _ in range(3):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in lex.reaction_verbs or cur.lower_ in lex.reaction_verbs:
            return True
        if cur.pos_ in ("VERB", "AUX"):
            return False
    return False


def _non_conflict(sent: Span, lex: EventLexicon) -> str | None:
    doc = sent.doc
    kind = None
    for i in range(sent.start, sent.end):
        hit = lex.non_conflict.match_at(doc, i)
        if hit is not None:
            kind = hit[1]
            break
    if kind is None:
        return None
    for i in range(sent.start, sent.end):
        if lex.attack_markers.match_at(doc, i) is not None:
            return None
    return kind


def find_triggers(
    sent: Span, actors: ActorResult, places: PlaceResult, lex: EventLexicon
) -> tuple[list[Trigger], str | None]:
    """Triggers in a sentence, and the non-conflict kind that blocked violence (if any)."""
    doc = sent.doc
    found: list[Trigger] = []
    blocked = _non_conflict(sent, lex)
    armed = None
    i = sent.start
    while i < sent.end:
        hit = lex.triggers.match_at(doc, i)
        if hit is None:
            i += 1
            continue
        end, (phrase, class_names) = hit
        end = min(end, sent.end)
        tok = doc[i]
        # Names the actor or place extractors own are not triggers ("Hezbollah al-Nujaba").
        if i in actors.by_token and actors.by_token[i].source in ("kb", "ner", "metonymy"):
            i = end
            continue
        if tok.ent_type_ in ("PERSON", "GPE", "ORG") and end - i == 1:
            i = end
            continue
        # "Turkish-backed": the participle of a backing compound describes an actor.
        if i > 0 and doc[i - 1].text in ("-", "–"):
            i = end
            continue
        if tok.lower_ in lex.not_triggers:
            i = end
            continue
        if end - i == 1 and (
            (phrase in lex.noun_only and tok.pos_ not in ("NOUN", "PROPN"))
            or (phrase in lex.verb_only and tok.pos_ not in ("VERB", "AUX"))
        ):
            i = end
            continue
        if _irrealis(doc[i:end].root, lex) or _back_reference(doc[i:end].root, lex):
            i = end
            continue
        weak = phrase in lex.weak
        if weak:
            if armed is None:
                armed = _sentence_has_armed_context(sent, actors, lex)
            if not armed:
                i = end
                continue
        trig_head = doc[i:end].root
        chosen: EventClass | None = None
        for name in class_names:
            cls = lex.classes[name]
            if blocked and cls.family in ("violent", "territory"):
                continue
            if cls.family == "territory" and not _object_is_territory(trig_head, places, lex):
                continue
            if name == "deployment" and phrase in ("enter", "entered") and _object_is_territory(trig_head, places, lex):
                continue
            if name == "leadership" and not _object_is_person(trig_head, actors):
                continue
            chosen = cls
            break
        if chosen is not None:
            found.append(Trigger(i, end, phrase, chosen, weak))
        i = end
    return found, blocked
