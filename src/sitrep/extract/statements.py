"""Statements: who said what, quoted or reported.

  direct:   '... he added that "resistance groups will help, and Iran will provide any support."'
  reported: 'Araghchi stated that Syria's army is capable of countering the rebels'
  sourced:  '..., according to Kremlin spokesperson Dmitry Peskov.'
A pronoun speaker ("he added") is the last person named before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actors import ActorResult, _lexicons
from sitrep.knowledge.lexicon_schemas import AttributionLexicon, SharedWords
from sitrep.knowledge.lexicons import lexicon
from sitrep.nlp.docinfo import doc_text, sent_ids, sentences
from sitrep.taxonomy import ActorKind

_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{12,}?)[\"\u201d]")
_PERSON_KINDS = (ActorKind.OFFICIAL, ActorKind.PERSON)


@dataclass
class StatementRecord:
    speaker: str | None
    speaker_text: str | None
    title: str | None
    text: str
    direct_quote: bool
    evidence: tuple[int, int]


class _Statements:
    def __init__(self, doc: Doc, actors: ActorResult):
        self.doc = doc
        self.actors = actors
        self.sid = sent_ids(doc)
        self.sents = sentences(doc)
        self.reporting = lexicon(AttributionLexicon).reporting_verbs
        self.statement_verbs = lexicon(AttributionLexicon).statement_verbs
        self.articles = lexicon(SharedWords).articles
        self.titles = _lexicons().titles
        self.out: list[StatementRecord] = []
        self.covered: list[tuple[int, int]] = []

    def _speaker_phrase(self, verb: Token) -> Token | None:
        return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)

    def _resolve(self, subj: Token) -> tuple[str | None, str | None, str | None]:
        """(entity id, speaker text, title) of a speaker phrase."""
        doc = self.doc
        if subj.pos_ == "PRON" and subj.lower_ in ("he", "she"):
            prior = [
                m for m in self.actors.mentions
                if m.end <= subj.i and self.actors.entities[m.entity_id].kind in _PERSON_KINDS
            ]
            if prior:
                m = prior[-1]
                return m.entity_id, m.text, self._title(m.start, m.end)
            return None, subj.text, None
        span = doc[subj.left_edge.i : subj.right_edge.i + 1]
        person = None
        for m in self.actors.mentions:
            if span.start <= m.start and m.end <= span.end:
                rec = self.actors.entities[m.entity_id]
                if rec.kind in _PERSON_KINDS:
                    person = m
                    break
                person = person or m
        if person is not None:
            return person.entity_id, span.text, self._title(person.start, person.end, span)
        return None, span.text, None

    def _title(self, start: int, end: int, phrase: Span | None = None) -> str | None:
        doc = self.doc
        lo = phrase.start if phrase is not None else max(0, start - 6)
        words = []
        i = start - 1
        while i >= lo:
            t = doc[i]
            if t.is_punct or t.lower_ in self.articles or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ"):
                break
            words.insert(0, t)
            i -= 1
        if any(w.lower_ in self.titles or w.lemma_.lower() in self.titles for w in words):
            return doc[words[0].i : words[-1].i + 1].text
        # "Dmitry Peskov, the Kremlin spokesperson"
        if phrase is not None:
            tail = doc[end : phrase.end]
            if any(t.lower_ in self.titles for t in tail):
                return tail.text.strip(" ,").removeprefix("the ").removeprefix("The ") or None
        return None

    def _reporting_verb_near(self, sent: Span, outside: tuple[int, int]) -> Token | None:
        for tok in sent:
            if outside[0] <= tok.idx < outside[1]:
                continue
            if tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in self.reporting or tok.lower_ in self.reporting):
                if self._speaker_phrase(tok) is not None:
                    return tok
        return None

    def quotes(self):
        text = doc_text(self.doc)
        for m in _QUOTE.finditer(text):
            inner = m.group(1).strip()
            if len(inner.split()) < 3:
                continue
            start, end = m.start(), m.end()
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            si = self.sid[span.start]
            sent = self.sents[si]
            verb = self._reporting_verb_near(sent, (start, end))
            if verb is None and si + 1 < len(self.sents):
                verb = self._reporting_verb_near(self.sents[si + 1], (start, end))
            speaker = speaker_text = title = None
            if verb is not None:
                speaker, speaker_text, title = self._resolve(self._speaker_phrase(verb))
            lo = min(sent.start_char, start)
            hi = max(sent.end_char, end)
            self.out.append(StatementRecord(speaker, speaker_text, title, inner, True, (lo, hi)))
            self.covered.append((start, end))

    def reported(self):
        for tok in self.doc:
            if tok.pos_ not in ("VERB",) or tok.lemma_.lower() not in self.statement_verbs:
                continue
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            subj = self._speaker_phrase(tok)
            if comp is None or subj is None:
                continue
            lo = comp.left_edge.idx
            right = comp.right_edge
            hi = right.idx + len(right)
            if any(a <= lo < b or lo <= a < hi for a, b in self.covered):
                continue
            speaker, speaker_text, title = self._resolve(subj)
            if speaker is None:
                # Anonymous sources are recorded as the attribution of events, not as statements.
                continue
            rec = self.actors.entities.get(speaker)
            if rec is None or rec.kind not in (ActorKind.OFFICIAL, ActorKind.PERSON, ActorKind.GOVERNMENT, ActorKind.STATE, ActorKind.INTERNATIONAL_ORG, ActorKind.NGO, ActorKind.STATE_FORCES):
                continue
            text = doc_text(self.doc)[lo:hi].strip()
            if text.lower().startswith("that "):
                text = text[5:]
            sent = self.sents[self.sid[tok.i]]
            self.out.append(StatementRecord(speaker, speaker_text, title, text, False, (sent.start_char, sent.end_char)))
            self.covered.append((lo, hi))

    def according_to(self):
        doc = self.doc
        for i, tok in enumerate(doc[:-1]):
            if tok.lower_ != "according" or doc[i + 1].lower_ != "to":
                continue
            prep = doc[i + 1]
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            speaker, speaker_text, title = self._resolve(obj)
            rec = self.actors.entities.get(speaker) if speaker else None
            if rec is None or rec.kind not in _PERSON_KINDS:
                continue
            sent = self.sents[self.sid[i]]
            # The claim is the sentence without the "according to" phrase.
            cut_lo = tok.idx
            cut_hi = obj.right_edge.idx + len(obj.right_edge)
            before = doc_text(doc)[sent.start_char:cut_lo].strip(" ,;:\n\t")
            after = doc_text(doc)[cut_hi:sent.end_char].strip(" ,.;:\n\t")
            text = before + (", " + after if after and before else after) + "."
            if any(a <= sent.start_char < b for a, b in self.covered):
                continue
            self.out.append(StatementRecord(speaker, speaker_text, title, text, False, (sent.start_char, sent.end_char)))
            self.covered.append((sent.start_char, sent.end_char))


def extract_statements(doc: Doc, actors: ActorResult) -> list[StatementRecord]:
    s = _Statements(doc, actors)
    s.quotes()
    s.reported()
    s.according_to()
    return sorted(s.out, key=lambda r: r.evidence[0])
