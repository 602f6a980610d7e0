"""Arguments of an event trigger: who acted, on whom, where, when, how many.

The small parser is often wrong, so each argument is looked for first along the dependency
tree and then by surface cues in the sentence ("by X" after the trigger, "on X", "in X").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actors import ActorMention, ActorResult
from sitrep.extract.places import PlaceMention, PlaceResult
from sitrep.extract.quantities import Quantity
from sitrep.extract.time import TimeExpression
from sitrep.knowledge.lexicon_schemas import AttributionLexicon, EventsLexicon, QuantitiesLexicon, SharedWords, TimeLexicon
from sitrep.knowledge.lexicons import lexicon

REPORTING_SUBJECT_VERBS = lexicon(AttributionLexicon).reporting_subject_verbs
RECIPROCAL_VERBS = lexicon(EventsLexicon).reciprocal_verbs
INJURY_WORDS = lexicon(QuantitiesLexicon).injury_words


def _is_backer(m: ActorMention, doc) -> bool:
    """'Iran' in 'Iran-backed militants' describes who backs the actor; it is not the actor."""
    return m.end + 1 < len(doc) and doc[m.end].text in ("-", "–") and doc[m.end + 1].pos_ in ("VERB", "ADJ")


def _mentions_in(tokens, actors: ActorResult) -> list[ActorMention]:
    out: list[ActorMention] = []
    seen = set()
    for t in tokens:
        m = actors.by_token.get(t.i)
        if m is not None and id(m) not in seen and not _is_backer(m, t.doc):
            seen.add(id(m))
            out.append(m)
    return out


def _with_conjuncts(tok: Token) -> list[Token]:
    out = []
    for t in [tok, *tok.conjuncts]:
        out.extend(t.subtree if t is tok else [t, *[c for c in t.children if c.dep_ in ("amod", "compound", "poss", "det")]])
    return out


def _governing_verb(tok: Token) -> Token | None:
    """For a noun trigger that is the object of a light verb ("launched an attack", "carried
    out airstrikes"), the verb whose subject is the attacker."""
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("dobj", "pobj", "attr", "nsubjpass", "conj"):
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        else:
            break
    return None


@dataclass
class Participants:
    agents: list[ActorMention]
    patients: list[ActorMention]
    patient_tokens: list[Token]
    # The other side of a fight, named with "with", "between" or "against" ("clashes with IS"):
    # patients too, but the ones who fought rather than fell.
    opponents: list[ActorMention] = field(default_factory=list)

    def add(self, role: str, mentions) -> None:
        lst = getattr(self, role)
        for m in mentions:
            if all(m is not x for x in lst):
                lst.append(m)


def _headline_passive(verb: Token) -> bool:
    """"100 ISIL Terrorists Killed in Kobani", "Syrian troops killed in clashes with IS": a
    headline drops "were", and the parser reads the victims as the killers. A killing verb in
    the past with no auxiliary and no object of its own is passive."""
    if verb.lemma_.lower() not in _agentive_death_verbs() or verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    # "8 Civilians Killed 14 Injured": a bare number as object is the next count, misparsed.
    return not any(c.dep_ == "dobj" and c.tag_ != "CD" for c in verb.children)


def participants(trigger: Token, sent: Span, actors: ActorResult) -> Participants:
    """Who acts (agents) and who is acted on (patients) for one trigger: its own syntactic
    arguments first, then the constructions that name them elsewhere in the clause, each tried
    only while no agent is found."""
    p = Participants([], [], [], [])
    is_verb = trigger.pos_ in ("VERB", "AUX")
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    _own_arguments(trigger, actors, p, is_verb)
    if not is_verb and trigger.dep_ in ("nsubj", "nsubjpass") and not p.patients:
        _sides_on_the_verb(trigger, actors, p)
    # "100 ISIL terrorists killed in Kobani", "soldiers killed in the attack": the noun a past
    # participle of killing describes is its victim.
    if is_verb and trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.lemma_.lower() in _agentive_death_verbs():
        p.add("patients", _mentions_in(_with_conjuncts(trigger.head), actors))
        p.patient_tokens.extend(t for t in trigger.head.subtree if t.i < trigger.i)
    # "rebels who have captured Aleppo": the relative clause's antecedent acted.
    if trigger.dep_ == "relcl" and not p.agents:
        m = actors.by_token.get(trigger.head.i)
        rel_subj = any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in trigger.children)
        if m is not None and (rel_subj or not passive):
            p.add("agents", [m])
    if not p.agents and not is_verb:
        _light_verb_subject(trigger, actors, p)
    if not p.agents and is_verb and trigger.dep_ == "conj" and not passive:
        _misattached_conjunct(trigger, sent, actors, p)
    # "fighters ... crossed the border": a participial or conjoined verb shares the subject.
    if not p.agents and is_verb and trigger.dep_ in ("conj", "advcl", "xcomp") and not passive:
        for c in trigger.head.children:
            if c.dep_ == "nsubj":
                p.add("agents", _mentions_in(_with_conjuncts(c), actors))
    if not p.agents:
        _by_phrase(trigger, sent, actors, p)
    # Agents never double as patients.
    p.patients = [m for m in p.patients if all(m.entity_id != a.entity_id for a in p.agents)]
    return p


def _own_arguments(trigger: Token, actors: ActorResult, p: Participants, is_verb: bool) -> None:
    """The subject acts and the object suffers; a passive's "by" agent acts; "on/against" names
    the target and "with/between" the other side; a noun's modifier is its doer ("rebel
    offensive", "Russian airstrikes", "the army's assault"). A headline's passive without
    "were" has its victims as subject."""
    headline_passive = is_verb and _headline_passive(trigger)

    def pobjs(c):
        return [x for x in c.children if x.dep_ == "pobj"]

    # A reciprocal verb with coordinated subjects and no "with" ("government forces and rebels
    # clashed") sets its subjects against each other: the first is actor1, the rest the other side.
    reciprocal = is_verb and trigger.lemma_.lower() in RECIPROCAL_VERBS and not any(
        c.dep_ == "prep" and c.lower_ in ("with", "between", "against") for c in trigger.children)
    for c in trigger.children:
        dep, word = c.dep_, c.lower_
        if dep == "nsubj" and is_verb and not headline_passive:
            sides = _mentions_in(_with_conjuncts(c), actors)
            if reciprocal and len({m.entity_id for m in sides}) > 1:
                p.add("agents", sides[:1])
                p.add("patients", sides[1:])
                p.add("opponents", sides[1:])
            else:
                p.add("agents", sides)
        elif dep in ("nsubj", "nsubjpass", "dobj") and (dep != "nsubj" or is_verb):
            p.add("patients", _mentions_in(_with_conjuncts(c), actors))
            p.patient_tokens.extend(c.subtree)
        elif dep == "agent" or (dep == "prep" and word == "by"):
            for x in pobjs(c):
                p.add("agents", _mentions_in(_with_conjuncts(x), actors))
        elif dep == "prep" and word in ("on", "against", "targeting", "at"):
            for x in pobjs(c):
                p.add("patients", _mentions_in(_with_conjuncts(x), actors))
                p.patient_tokens.extend(x.subtree)
        elif dep == "prep" and word in ("with", "between"):
            for x in pobjs(c):
                p.add("patients", _mentions_in(_with_conjuncts(x), actors))
                p.add("opponents", _mentions_in(_with_conjuncts(x), actors))
        elif dep in ("amod", "compound", "poss", "nmod", "npadvmod") and not is_verb:
            p.add("agents", _mentions_in(c.subtree, actors))


def _sides_on_the_verb(trigger: Token, actors: ActorResult, p: Participants) -> None:
    """"Clashes erupted between the SDF and Turkish-backed factions": the sides hang on the verb."""
    for c in trigger.head.children:
        if c.dep_ != "prep" or c.lower_ not in ("between", "among", "with"):
            continue
        for x in c.children:
            if x.dep_ != "pobj":
                continue
            sides = _mentions_in([x, *x.conjuncts], actors) or _mentions_in(x.subtree, actors)
            if sides and not p.agents:
                p.add("agents", sides[:1])
                p.add("patients", sides[1:])
            else:
                p.add("patients", sides)


def _light_verb_subject(trigger: Token, actors: ActorResult, p: Participants) -> None:
    """"launched an attack", "carried out airstrikes": the light verb's subject (a reporting
    verb's subject only told of it)."""
    verb = _governing_verb(trigger)
    if verb is None or verb.lemma_.lower() in REPORTING_SUBJECT_VERBS:
        return
    for c in verb.children:
        if c.dep_ == "nsubj":
            p.add("agents", _mentions_in(_with_conjuncts(c), actors))
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for x in c.children:
                p.add("agents", _mentions_in(_with_conjuncts(x), actors))


def _misattached_conjunct(trigger: Token, sent: Span, actors: ActorResult, p: Participants) -> None:
    """A coordinated verb the parser hung on the wrong clause ("Rebels controlled Aleppo until
    government forces, with support from Russia, recaptured it"): the nearest armed actor on its
    left that is not inside a "with/from/by/of" phrase."""
    doc = trigger.doc
    j = trigger.i - 1
    while j >= sent.start and not (doc[j].pos_ == "VERB" and doc[j].dep_ not in ("amod", "compound")):
        m = actors.by_token.get(j)
        if m is not None and not _is_backer(m, doc):
            prep = doc[m.head].head if doc[m.head].dep_ == "pobj" else None
            if (prep is None or prep.lower_ not in ("with", "from", "by", "of", "for", "to", "against")) \
                    and actors.entities[m.entity_id].armed:
                p.add("agents", [m])
                break
        j -= 1
    if p.agents:
        p.patients = [m for m in p.patients if all(m.entity_id != a.entity_id for a in p.agents)]


def _by_phrase(trigger: Token, sent: Span, actors: ActorResult, p: Participants) -> None:
    """Surface fallback: "airstrikes by the Syrian government and Russian military planes"."""
    doc = trigger.doc
    i = trigger.i + 1
    if i >= sent.end or doc[i].lower_ != "by":
        return
    j = i + 1
    while j < sent.end and not (doc[j].is_punct and doc[j].text != "-") \
            and doc[j].lower_ not in ("on", "in", "against", "at", "near"):
        j += 1
    p.add("agents", _mentions_in(doc[i + 1 : j], actors))


def nearest_armed(trigger: Token, sent: Span, actors: ActorResult, exclude: set[str]) -> ActorMention | None:
    """An armed actor written before the trigger in the same sentence, nearest first."""
    best = None
    for m in actors.mentions:
        if not (sent.start <= m.start < sent.end) or m.start > trigger.i:
            continue
        rec = actors.entities[m.entity_id]
        if not rec.armed or m.entity_id in exclude:
            continue
        best = m
    return best


# ---------------------------------------------------------------------------- place


def location_for(
    trigger: Token,
    sent: Span,
    places: PlaceResult,
    patient_tokens: list[Token],
) -> tuple[PlaceMention | None, str | None]:
    """The place where the event happened, and a reason when it was not read directly."""
    in_sent = [m for m in places.mentions if sent.start <= m.start < sent.end]
    if not in_sent:
        return None, None
    subtree = {t.i for t in trigger.subtree}
    # A place governed by the trigger or written as its object ("captured Aleppo",
    # "airstrikes ... in the northwest", "an attack on a camp in Idlib").
    governed = [m for m in in_sent if m.head in subtree or any(i in subtree for i in range(m.start, m.end))]
    patient_ids = {t.i for t in patient_tokens}
    direct = [m for m in governed if m.locative or m.head in patient_ids]
    for group in (direct, governed):
        if group:
            return _most_specific(group), None
    # "recaptured it": the pronoun stands for the last town named before it.
    for t in patient_tokens:
        if t.lower_ in ("it", "them"):
            before = [m for m in in_sent if m.end <= t.i and m.entry.feature != "country"]
            if before:
                return before[-1], "the place the pronoun refers to"
    # A place in the trigger's clause (the verb that governs it).
    clause = trigger
    while clause.dep_ not in ("ROOT",) and clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    clause_ids = {t.i for t in clause.subtree}
    doc = trigger.doc
    # "A separate air strike hit Khan Sheikhoun": the object of the clause's verb is where it hit.
    objects = [m for m in in_sent if doc[m.head].dep_ in ("dobj", "nsubjpass") and doc[m.head].head.i == clause.i]
    if objects:
        return _most_specific(objects), None
    near = [m for m in in_sent if m.head in clause_ids and m.locative]
    if near:
        return _most_specific(near), None
    locative = [m for m in in_sent if m.locative]
    if locative:
        return _most_specific(locative), "the place named in the same sentence"
    return None, None


def _most_specific(group: list[PlaceMention]) -> PlaceMention:
    return min(group, key=lambda m: (m.precision, m.entry.feature == "country", m.start))


# ---------------------------------------------------------------------------- time


def time_for(
    trigger: Token, sent: Span, times: list[TimeExpression]
) -> tuple[TimeExpression | None, bool]:
    """The temporal expression that dates the trigger; (expr, in the same clause)."""
    in_sent = [t for t in times if sent.start_char <= t.span[0] < sent.end_char]
    if not in_sent:
        return None, False
    doc = trigger.doc
    clause = trigger
    while (clause.pos_ not in ("VERB", "AUX") or _in_until_now_idiom(clause)) and clause.head.i != clause.i:
        clause = clause.head
    lo = clause.left_edge.idx
    hi = clause.right_edge.idx + len(clause.right_edge)
    # Nested clauses that have their own verb date their own events: a date inside a relative or
    # adverbial clause below this one ("the Taliban, who have waged an insurgency since 2007")
    # dates that clause, not the trigger.
    nested = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge), c.dep_) for c in clause.subtree
              if c.dep_ in ("relcl", "acl", "advcl", "ccomp") and c.i != clause.i
              and not (c.left_edge.i <= trigger.i <= c.right_edge.i)]
    own = [t for t in in_sent if lo <= t.span[0] < hi and t.relation != "duration"
           and not any(a <= t.span[0] < b for a, b, _ in nested)]
    if own:
        return min(own, key=lambda t: abs(t.span[0] - trigger.idx)), True
    # Nor does the sentence lend the trigger a date a relative clause of its own holds ("struck
    # the town, which rebels captured last year").
    usable = [t for t in in_sent if t.relation != "duration"
              and not any(a <= t.span[0] < b for a, b, dep in nested if dep == "relcl")]
    # A relative or complement clause with no date of its own ("rebels who have captured
    # Aleppo") does not borrow the main clause's date.
    if clause.dep_ in ("relcl", "ccomp", "acl", "advcl", "pcomp") and clause.head.i != clause.i:
        # "... to 2016, when government forces recaptured it": a "when" clause on a date is
        # dated by it.
        if any(c.lower_ == "when" for c in clause.children):
            anchor = clause.head.idx
            for t in usable:
                if t.span[0] <= anchor < t.span[1]:
                    return t, True
        return None, False
    if usable:
        return min(usable, key=lambda t: abs(t.span[0] - trigger.idx)), False
    return None, False


# The "up to now" idioms by their last word, split once: time_for asks of every word it climbs.
_UNTIL_NOW: dict[str, list[list[str]]] = {}
for _idiom in lexicon(TimeLexicon).until_now_idioms:
    _words = _idiom.lower().split()
    _UNTIL_NOW.setdefault(_words[-1], []).append(_words)


def _in_until_now_idiom(tok: Token) -> bool:
    """The last word of an "up to now" idiom ("to date") that the parser took for a verb."""
    doc = tok.doc
    for words in _UNTIL_NOW.get(tok.lower_, ()):
        start = tok.i - len(words) + 1
        if start >= 0 and [t.lower_ for t in doc[start:tok.i + 1]] == words:
            return True
    return False


# ---------------------------------------------------------------------------- numbers


def fatalities_for(
    sent: Span, quantities: list[Quantity], kill_tokens: set[int]
) -> tuple[int | None, int | None, int | None, list[Quantity]]:
    """Deaths reported in the sentence: counts tied to a death word ("killed seven people",
    "seven people were killed", "a death toll of 70", "20 dead"). Injuries are not counted.

    Counts tied to one death word are different victims and add up ("killed five soldiers and
    two civilians"); counts tied to different death words retell one toll (a headline run into
    its lead: "Car bomb kills at least 34 ... A car bomb killed at least 34 people"), so the
    largest is kept."""
    doc = sent.doc
    groups: dict[int, list[Quantity]] = {}
    for q in quantities:
        if not (sent.start_char <= q.span[0] < sent.end_char):
            continue
        if q.subset_of is not None:
            continue
        anchor = doc[q.unit_token] if q.unit_token is not None else doc[q.number_token]
        # "3 killed 40 injured", "nine killed 12 wounded", "16 others injured": a count written
        # just before an injury word counts the injured, whatever the parser hangs it on.
        number = doc[q.number_token]
        if _injury_word(anchor) or _injury_after(number) or _injury_after(anchor):
            continue
        k = _death_word_of(anchor, doc[q.number_token], kill_tokens)
        if k is not None and not _with_injuries(doc[k]):
            groups.setdefault(k, []).append(q)
    if not groups:
        return None, None, None, []

    def total(group: list[Quantity]) -> tuple[int, int, int | None]:
        value = sum(q.value or 0 for q in group)
        # "up to 50": a ceiling says nothing of the least number killed.
        if any(q.qualifier == "at_most" and q.low is None for q in group):
            highs = [q.high if q.high is not None else q.value for q in group]
            return value, None, (sum(h for h in highs) if all(h is not None for h in highs) else None)
        low = sum((q.low if q.low is not None else (q.value or 0)) for q in group)
        highs = [q.high for q in group]
        return value, low, (sum(h for h in highs) if all(h is not None for h in highs) else None)

    best = max(groups.values(), key=lambda g: total(g)[0])
    value, low, high = total(best)
    return value, low, high, best


def _injury_word(tok: Token) -> bool:
    return tok.lemma_.lower() in INJURY_WORDS or tok.lower_ in INJURY_WORDS


# Words between a count and its participle: "thousands more injured", "20 others were wounded".
_BETWEEN = lexicon(QuantitiesLexicon).count_gap_words


def _injury_after(tok: Token) -> bool:
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and i - tok.i <= 3 and doc[i].lower_ in _BETWEEN:
        i += 1
    return i < len(doc) and _injury_word(doc[i])


def _with_injuries(death: Token) -> bool:
    """"49 fighters were killed and wounded": one count of dead and wounded together says
    nothing sure of the dead (a coordinated injury word with nothing of its own; "killed and
    many more wounded" has its own count)."""
    return any(
        c.dep_ == "conj" and _injury_word(c) and not any(
            g.dep_ in ("dobj", "nsubj", "nsubjpass") or g.like_num or g.lower_ in _COUNT_WORDS for g in c.children
        )
        for c in death.children
    )


_COUNT_WORDS = lexicon(QuantitiesLexicon).count_words


def singular_victim(sent: Span, kill_tokens: set[int]) -> bool:
    """"shot dead a local official", "a soldier was killed", "a child died": one death, written
    without a number."""
    doc = sent.doc
    shared = lexicon(SharedWords)
    for k in sorted(kill_tokens):
        if not (sent.start <= k < sent.end):
            continue
        tok = doc[k]
        if tok.lemma_.lower() in INJURY_WORDS:
            continue
        if tok.pos_ == "NOUN" and _one_named_of(tok, shared):
            return True  # "the death of a soldier", "the assassination of the mayor"
        verbs = [tok]
        if tok.dep_ in ("oprd", "acomp", "advmod", "xcomp", "amod") and tok.head.i != tok.i:
            verbs.append(tok.head)  # "shot dead", "found dead"
        # A resultative "to death" makes its verb a killing: "was shot to death", "beat him to death".
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.pos_ == "VERB":
            verbs.append(tok.head.head)
        for v in verbs:
            if v.pos_ not in ("VERB", "AUX"):
                continue
            deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in v.children) else ("dobj",)
            if v.lemma_.lower() in shared.dying_verbs:
                deps = ("nsubj",)
            if any(c.dep_ in deps and _one_person(c, shared) for c in v.children):
                return True
    return False


def _one_named_of(noun: Token, shared) -> bool:
    """A noun of death takes who died as its "of" argument, as the verb takes its object."""
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        o.dep_ == "pobj" and _one_person(o, shared) for o in p.children) for p in noun.children)


def _one_person(c: Token, shared) -> bool:
    """One victim written without a number: "a local official", "the mayor", a person's name,
    a singular personal pronoun ("killing him")."""
    if c.tag_ == "PRP":
        return c.lower_ in shared.singular_person_pronouns
    if c.tag_ not in ("NN", "NNP"):
        return False
    # "a family of five", "soldiers and a child": a count or a list, not one death.
    if any(g.dep_ in ("nummod", "conj") for g in c.children) or any(g.like_num for g in c.subtree):
        return False
    return any(g.dep_ == "det" and (g.lower_ in shared.articles or g.lower_ == "one") for g in c.children) \
        or c.ent_type_ == "PERSON"


# "20 people were reported killed": verbs of hearsay between the victims and the death word.
_HEARSAY_VERBS = lexicon(AttributionLexicon).hearsay_verbs

def _agentive_death_verbs() -> frozenset[str]:
    """Verbs whose subject is the killer or the weapon, never the victims ("a car bomb killed 20")."""
    return lexicon(SharedWords).agentive_death_verbs


def _death_word_of(anchor: Token, number: Token, kill_tokens: set[int]) -> int | None:
    """The death word a count belongs to, or None."""
    for tok in (anchor, number):
        cur = tok
        for _ in range(3):
            lemma = cur.lemma_.lower()
            if cur.i in kill_tokens and lemma not in INJURY_WORDS:
                return cur.i
            # "the death toll has risen to 13", "The death toll reached 330": the count of a verb
            # whose subject is the toll (the verb may be the sentence's root).
            if cur.pos_ in ("VERB", "AUX"):
                toll = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in kill_tokens
                             and c.lemma_.lower() == "toll"), None)
                if toll is not None:
                    return toll.i
            # "killing four and wounding 20": a count that belongs to an injury word, or to a
            # verb coordinated with the death word, is not a death count.
            if lemma in INJURY_WORDS or cur.lower_ in INJURY_WORDS or (cur.dep_ == "conj" and cur.pos_ == "VERB") or cur.head.i == cur.i:
                break
            # "Views 1662 An Islamic State car bomb killed 20": the active subject of "kill" is
            # the killer; a number inside it is not a toll.
            if cur.dep_ == "nsubj" and cur.head.lemma_.lower() in _agentive_death_verbs():
                break
            # "kill 21 hundreds flee": the subject of another verb is that verb's, not the toll's.
            if cur.dep_ in ("nsubj", "nsubjpass") and cur.head.i not in kill_tokens and not (
                cur.dep_ == "nsubjpass" and cur.head.lemma_.lower() in _HEARSAY_VERBS
            ):
                break
            cur = cur.head
        for c in tok.children:
            # "31 people killed", "20 dead"; but in "towns ... killing at least 100 people" the
            # participle has victims of its own.
            if c.i in kill_tokens and c.lemma_.lower() not in INJURY_WORDS and not _active(c):
                return c.i
        # "20 people were reported killed", "12 are believed to have died": the passive hearsay
        # verb's subject is the victims (in "activists say 15 were killed" it is the reporters).
        if cur.lemma_.lower() in _HEARSAY_VERBS and tok.dep_ == "nsubjpass" and tok.head.i == cur.i:
            said = next((c for c in cur.children if c.dep_ in ("xcomp", "ccomp") and c.i in kill_tokens), None)
            if said is not None and said.lemma_.lower() not in INJURY_WORDS:
                return said.i
    # "seven people were killed and 12 injured": the count right before a death word.
    nxt = anchor.i + 1
    doc = anchor.doc
    while nxt < len(doc) and doc[nxt].lower_ in ("were", "was", "have", "had", "been", "are", "people"):
        nxt += 1
    # ("One person killed 16 others injured": a headline's past tense reads as active; only the
    # -ing participle surely has victims of its own.)
    if nxt < len(doc) and nxt in kill_tokens and doc[nxt].lemma_.lower() not in INJURY_WORDS and doc[nxt].tag_ != "VBG":
        return nxt
    return None


def _active(tok: Token) -> bool:
    """"killing at least 100 people": an active participle, or a verb with an object of its own,
    has its own victims; the noun before it is not among them."""
    # A bare number as object is a headline's next count misparsed ("8 Killed 14 Injured").
    return tok.tag_ == "VBG" or any(c.dep_ == "dobj" and c.tag_ != "CD" for c in tok.children)


def size_for(agents: list[ActorMention], quantities: list[Quantity], sent: Span) -> Quantity | None:
    """A count of the acting force or crowd ("at least 300 fighters", "hundreds of militants")."""
    doc = sent.doc
    for q in quantities:
        if not (sent.start_char <= q.span[0] < sent.end_char) or q.subset_of is not None:
            continue
        unit = q.unit_token
        for m in agents:
            if unit is not None and (m.start <= unit < m.end or unit == m.head):
                return q
            # "Hundreds of ... militants": the number heads the phrase, the actor is its "of" object.
            num = doc[q.number_token]
            if any(m.start <= t.i < m.end for t in num.subtree):
                return q
    return None


def event_date_default(published: date | None) -> tuple[str | None, str | None, str, str]:
    if published is None:
        return None, None, "unknown", "no date in the text and no publication date given"
    iso = published.isoformat()
    return iso, iso, "day", "no date in the text; the publication date is used"
