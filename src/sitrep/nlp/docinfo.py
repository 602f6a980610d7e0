"""Small per-document lookups that several extractors need, computed once and cached on the Doc."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once: spaCy joins every token each time the property is read."""
    cached = doc.user_data.get("sitrep.text")
    if cached is None:
        cached = doc.text
        doc.user_data["sitrep.text"] = cached
    return cached


def entities(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, read once: spaCy builds every entity Span anew each time (the extractors
    ask a dozen times an article). Read after the pipeline, which is the last to set them."""
    cached = doc.user_data.get("sitrep.ents")
    if cached is None:
        cached = doc.user_data["sitrep.ents"] = tuple(doc.ents)
    return cached


def sentences(doc: Doc) -> list[Span]:
    cached = doc.user_data.get("sitrep.sents")
    if cached is None:
        cached = list(doc.sents)
        doc.user_data["sitrep.sents"] = cached
    return cached


def sent_ids(doc: Doc) -> list[int]:
    """Sentence index of every token."""
    cached = doc.user_data.get("sitrep.sent_ids")
    if cached is None:
        cached = [0] * len(doc)
        for si, sent in enumerate(sentences(doc)):
            for i in range(sent.start, sent.end):
                cached[i] = si
        doc.user_data["sitrep.sent_ids"] = cached
    return cached


def clause_root(tok: Token) -> Token:
    """The nearest verb (or sentence root) governing `tok`: the clause it belongs to."""
    cur = tok
    for _ in range(40):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("amod", "compound", "aux", "auxpass"):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def ancestors_upto(tok: Token, limit: int = 12) -> list[Token]:
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
    return out


def token_at_char(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
