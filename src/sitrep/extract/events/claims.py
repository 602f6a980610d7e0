"""Who claimed it: an attacker named only in a claim of responsibility is the attacker.

ACLED codes the perpetrator a report names and falls back to "Unidentified Armed Group" only
when none is named (codebook §3.6). Reports often tell the attack first, with no doer, and the
claim after it: "A car bomb killed 12 ... The Islamic State claimed responsibility". The claim
is read by grammar: a claiming verb whose object is responsibility or credit ("claimed
responsibility for", "took responsibility"), a claiming or perpetrating verb whose object is a
violent act ("claimed the attack", "said it carried out the attack"), or the act claimed by
someone ("the attack was claimed by X"). The
claimant is the armed group in the verb's subject (or its "by" agent); the claimed happening is
the violent event the claim names, else the nearest violent event told before it whose doer is
unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from sitrep.extract.actors import ActorResult
from sitrep.extract.events.lexicon import EventLexicon
from sitrep.nlp.docinfo import sentences

if TYPE_CHECKING:
    from sitrep.extract.events import EventRecord


@dataclass(frozen=True)
class Claim:
    sent: int
    claimant: str  # actor id
    start_char: int
    end_char: int  # the claim's object: the act claimed, when it names one
    text: str
    by_others: bool = False  # blamed on the actor by someone else, not claimed by it


def _armed_in(tokens, actors: ActorResult, generic: bool = False) -> str | None:
    """The first named armed actor among the tokens (a generic "gunmen" claims nothing; an
    attack blamed on "rebels" is theirs, with `generic`)."""
    for t in tokens:
        m = actors.by_token.get(t.i)
        if m is None:
            continue
        rec = actors.entities[m.entity_id]
        if rec.armed and (generic or not rec.generic):
            return rec.id
    return None


def _claim_object(verb: Token, lex: EventLexicon) -> Token | None:
    """The object that makes `verb` a claim of violence: responsibility or credit, or a violent
    act; for "responsibility", the act it is for when it is named."""
    for c in verb.children:
        if c.dep_ not in ("dobj", "nsubjpass"):
            continue
        if c.lemma_.lower() in lex.responsibility_nouns or _names_violence(c, lex):
            return c
    return None


def _names_violence(tok: Token, lex: EventLexicon) -> bool:
    doc = tok.doc
    for t in tok.subtree:
        hit = lex.triggers.match_at(doc, t.i)
        if hit is not None and any(lex.classes[c].family == "violent" for c in hit[1][1]):
            return True
    return False


def _claimant(verb: Token, actors: ActorResult) -> str | None:
    """The subject of the claim, or the "by" agent of a passive claim; a claim made in a
    conjoined or dependent verb ("IS issued a statement claiming ...") takes the governing
    verb's subject."""
    for c in verb.children:
        if c.dep_ == "nsubj" and c.pos_ == "PRON" and verb.dep_ == "ccomp":
            # "X said it carried out the attack": the pronoun is the speaker.
            break
        if c.dep_ in ("nsubj", "agent"):
            return _armed_in(c.subtree, actors)
    if verb.dep_ in ("conj", "xcomp", "advcl", "acl", "ccomp") and verb.head.i != verb.i:
        for c in verb.head.children:
            if c.dep_ == "nsubj":
                return _armed_in(c.subtree, actors)
    return None


def find_claims(doc: Doc, actors: ActorResult, lex: EventLexicon) -> list[Claim]:
    claims: list[Claim] = []
    for si, sent in enumerate(sentences(doc)):
        for tok in sent:
            if tok.lemma_.lower() not in lex.claim_verbs:
                continue
            obj = _claim_object(tok, lex)
            if obj is None:
                continue
            who = _claimant(tok, actors)
            if who is None:
                continue
            span = doc[obj.left_edge.i : obj.right_edge.i + 1]
            claims.append(Claim(si, who, span.start_char, span.end_char, sent.text))
        claims += _attributions(si, sent, actors, lex)
    return claims


def _attributions(si: int, sent, actors: ActorResult, lex: EventLexicon) -> list[Claim]:
    """A violent act blamed on an armed group by the report or its sources: "blamed the attack
    on X", "blamed X for the attack", "the attack was attributed to X", "X was behind the
    attack". The group named is the attacker the report gives (ACLED codes the perpetrator
    named in reporting; §3.6 keeps "unidentified" for attacks no one names)."""
    doc = sent.doc
    out: list[Claim] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        act: Token | None = None
        who_tokens: list[Token] = []
        if lemma in lex.blame_verbs:
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            # "the attack ... which was blamed on X": the relative pronoun stands for its noun.
            objs = [tok.head if o.tag_ in ("WDT", "WP") and tok.dep_ == "relcl" else o for o in objs]
            # The parser hangs "on X" on the verb or on its object ("blamed [the attack on X]").
            preps = [c for w in (tok, *objs) for c in w.children if c.dep_ == "prep" and c.lower_ in lex.blame_preps]
            pobjs = [g for c in preps for g in c.children if g.dep_ == "pobj"]
            if any(_names_violence(o, lex) for o in objs):
                act = next(o for o in objs if _names_violence(o, lex))
                who_tokens = [t for p in pobjs for t in p.subtree]
            elif any(_names_violence(p, lex) for p in pobjs):
                act = next(p for p in pobjs if _names_violence(p, lex))
                who_tokens = [t for o in objs for t in o.subtree]
        elif tok.lower_ == "behind" and tok.dep_ == "prep":
            pobjs = [g for g in tok.children if g.dep_ == "pobj"]
            verb = tok.head
            if any(_names_violence(p, lex) for p in pobjs):
                act = pobjs[0]
                who_tokens = [t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
        if act is None or not who_tokens:
            continue
        who = _armed_in(who_tokens, actors, generic=True)
        if who is not None:
            span = doc[act.left_edge.i : act.right_edge.i + 1]
            out.append(Claim(si, who, span.start_char, span.end_char, sent.text, by_others=True))
    return out


def _claimed_event(claim: Claim, events: list["EventRecord"]) -> "EventRecord | None":
    violent = [e for e in events if e.family == "violent" and e.status == "current"]
    named = [e for e in violent if any(claim.start_char <= a < claim.end_char for a, _ in e.mentions)]
    if named:
        return named[0]
    before = [e for e in violent if e.sent <= claim.sent]
    return max(before, key=lambda e: e.sent) if before else None


def attribute_claims(events: list["EventRecord"], doc: Doc, actors: ActorResult, lex: EventLexicon) -> None:
    """Give each claimed violent event whose doer is unknown (none, or a generic agent) its
    claimant as actor1, with the reason."""
    for claim in find_claims(doc, actors, lex):
        rec = _claimed_event(claim, events)
        if rec is None or rec.actor1 == claim.claimant:
            continue
        current = actors.entities.get(rec.actor1) if rec.actor1 else None
        if current is not None and not current.generic:
            continue
        if current is not None and actors.entities[claim.claimant].generic:
            continue  # one generic doer is no better than another
        if rec.actor2 == claim.claimant:
            continue
        if current is not None:
            rec.assoc_actor_1 = [x for x in rec.assoc_actor_1 if x != claim.claimant]
        rec.actor1 = claim.claimant
        how = "the attack is blamed on it" if claim.by_others else "claimed responsibility"
        rec.actor_reason = f"{actors.entities[claim.claimant].name}: {how} (sentence {claim.sent + 1})"

