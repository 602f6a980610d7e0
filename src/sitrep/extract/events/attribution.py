"""Who said so, and how sure: the source of a reported event and its certainty.

"According to two sources within Iraqi security forces" -> anonymous_official;
"Russian military bloggers reported that ..." -> social_media, unconfirmed;
"Residents and rescue workers report ..." -> witness; "..., Reuters reports." -> media.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.nlp.docinfo import doc_text
from sitrep.extract.actors import ActorResult
from sitrep.extract.events.lexicon import EventLexicon
from sitrep.taxonomy import ActorKind


@dataclass
class Source:
    text: str | None
    entity: str | None
    kind: str
    start: int | None = None  # token span of the source phrase
    end: int | None = None


def _has(index, span: Span) -> bool:
    return next(index.matches(span.doc, span.start, span.end), None) is not None


def _phrase_span(tok: Token) -> Span:
    doc = tok.doc
    return doc[tok.left_edge.i : tok.right_edge.i + 1]


def classify_speaker(span: Span, actors: ActorResult, lex: EventLexicon) -> tuple[str, str | None]:
    """(kind, entity id) for a speaker phrase."""
    entity = None
    kinds = []
    for m in actors.mentions:
        if m.start >= span.start and m.end <= span.end:
            entity = entity or m.entity_id
            kinds.append(actors.entities[m.entity_id].kind)
    for _, _, kind in lex.speaker_kinds.matches(span.doc, span.start, span.end):
        if kind == "anonymous_official" and any(k in (ActorKind.OFFICIAL, ActorKind.PERSON) for k in kinds):
            return "named_official", entity
        if kind in ("monitor", "social_media", "witness"):
            return kind, entity
        if kind == "anonymous_official":
            return kind, None
        if kind == "media":
            return "media", entity
    if kinds:
        k = kinds[0]
        if k in (ActorKind.OFFICIAL, ActorKind.PERSON):
            return "named_official", entity
        if k == ActorKind.MEDIA:
            return "media", entity
        if k in (ActorKind.NGO, ActorKind.INTERNATIONAL_ORG):
            return "monitor", entity
        if k in (ActorKind.GOVERNMENT, ActorKind.STATE, ActorKind.STATE_FORCES):
            return "party_to_conflict", entity
        return "party_to_conflict", entity
    return "unattributed", None


def find_source(sent: Span, trigger: Token, actors: ActorResult, lex: EventLexicon) -> Source | None:
    doc = sent.doc
    # "according to X"
    for i, end_tok, _ in lex.according_to.matches(doc, sent.start, sent.end):
        prep = doc[end_tok - 1]
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if objs:
            span = _phrase_span(objs[0])
        else:
            stop = end_tok
            while stop < sent.end and not doc[stop].is_punct:
                stop += 1
            span = doc[end_tok:stop]
        if len(span) == 0:
            continue
        kind, entity = classify_speaker(span, actors, lex)
        return Source(span.text, entity, kind, span.start, span.end)
    # A reporting verb whose subject is the source: "bloggers reported that ...",
    # "..., Reuters reports", "a source said".
    for tok in sent:
        if tok.lemma_.lower() not in lex.reporting_verbs and tok.lower_ not in lex.reporting_verbs:
            continue
        if tok.i == trigger.i:
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            # "..., killing 12 civilians, the Syrian Observatory for Human Rights said.": the
            # parser often hangs the trailing speaker on the last noun; the phrase between the
            # last comma and the verb is the speaker.
            source = _trailing_speaker(sent, tok, trigger, actors, lex)
            if source is not None:
                return source
            continue
        if subj.lower_ in ("it", "this", "that", "which", "who"):
            continue
        span = _phrase_span(subj)
        # The trigger must not be part of the speaker phrase.
        if span.start <= trigger.i < span.end:
            continue
        kind, entity = classify_speaker(span, actors, lex)
        if kind == "unattributed" and subj.pos_ == "PRON":
            continue
        return Source(span.text, entity, kind, span.start, span.end)
    # "Residents and rescue workers report intensified airstrikes" parsed as a compound noun.
    for tok in sent:
        if tok.lower_ in lex.reporting_nouns and tok.pos_ == "NOUN" and tok.i < trigger.i:
            left = tok.left_edge.i
            if left < tok.i:
                span = doc[left : tok.i]
                kind, entity = classify_speaker(span, actors, lex)
                if kind != "unattributed":
                    return Source(span.text, entity, kind, span.start, span.end)
    return None


def _trailing_speaker(sent: Span, verb: Token, trigger: Token, actors: ActorResult, lex: EventLexicon) -> Source | None:
    doc = sent.doc
    if verb.i <= trigger.i:
        return None
    # At most two words after the verb ("..., the ministry said on Sunday." is too long).
    words_after = 0
    for t in doc[verb.i + 1 : sent.end]:
        words_after += not t.is_punct
        if words_after > 2:
            return None
    comma = next((i for i in range(verb.i - 1, max(sent.start, verb.i - 12) - 1, -1) if doc[i].text == ","), None)
    if comma is None or comma + 1 >= verb.i or comma < trigger.i:
        return None
    span = doc[comma + 1 : verb.i]
    kind, entity = classify_speaker(span, actors, lex)
    if kind == "unattributed":
        return None
    return Source(span.text, entity, kind, span.start, span.end)


def certainty(sent: Span, trigger: Token, source: Source | None, actor_ids: set[str], lex: EventLexicon) -> str:
    if _has(lex.denied, sent):
        return "denied"
    # Future or intended actions: a modal or "plans to" governing the trigger.
    window = sent.doc[max(sent.start, trigger.i - 4) : trigger.i]
    if next(lex.planned.matches(sent.doc, window.start, window.end), None) is not None:
        if trigger.tag_ in ("VB", "VBP") or trigger.pos_ == "VERB":
            return "planned"
    # "Iran will provide any support": a modal on the verb that governs the trigger.
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children):
        return "planned"
    if _has(lex.unconfirmed, sent):
        return "unconfirmed"
    if source is not None and source.kind == "social_media":
        return "unconfirmed"
    if source is not None and (
        source.kind == "party_to_conflict" and source.entity in actor_ids
    ):
        return "claimed"
    if _has(lex.claimed, sent) and source is not None:
        return "claimed"
    if source is not None and source.kind != "unattributed":
        return "reported"
    return "asserted"


def wire_outlet(doc: Doc, actors: ActorResult, limit_chars: int = 600) -> str | None:
    """The outlet relaying the story, when the lead names one ("..., Reuters reports",
    "BEIRUT (Reuters) -", "- REUTERS")."""
    for m in actors.mentions:
        rec = actors.entities[m.entity_id]
        if rec.kind != ActorKind.MEDIA:
            continue
        if m.start_char <= limit_chars or m.start_char >= len(doc_text(doc)) - 40:
            return rec.name
    return None
