"""Phrase extents: the whole noun phrase a mention stands in, read from spaCy's parse.

A mention's own span is the name ("Fuad Masum", "Security Council", "Mosul"); other code keys
on it. Readers who compare with annotation that marks noun phrases ("Iraqi President Fuad
Masum", "The Members of the Security Council", "the city of Mosul") want the phrase the name
heads: its determiner, possessor and premodifiers (titles, nationality adjectives), and its
"of"-phrase. A name that modifies or follows "of" a noun of its own class is referred to by
that noun's phrase: a group noun for an actor ("ISIL tactical units"), a place noun for a
place ("the Mosul Dam"). A place followed by ", " and the place that contains it is one phrase
("Berlin, Germany").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc, Token

from sitrep.extract.actors import ARMED_KINDS, title_before
from sitrep.knowledge.lexicon_schemas import AgentsLexicon, MetonymyLexicon, PeopleLexicon, PhrasesLexicon, PlacesLexicon
from sitrep.knowledge.lexicons import lexicon
from sitrep.nlp.docinfo import sentences, sent_ids
from sitrep.taxonomy import ActorKind

# Left dependents that belong to the noun phrase; anything else (a coordination, a comma, a
# verb's argument the parser attached here) ends it.
_PREMODIFIERS = frozenset({"det", "predet", "poss", "amod", "compound", "nmod"})
# Kinds that name one person: their phrase takes titles but never grows into a group's.
_PEOPLE = frozenset({ActorKind.PERSON, ActorKind.OFFICIAL})
_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class _Heads:
    group: frozenset[str]
    place: frozenset[str]
    prepositions: frozenset[str]  # never begin a noun phrase, whatever the tagger says ("Near")


def _head_word(entry: str) -> str:
    """The head of a lexicon entry: its last word ("air base" -> "base"; "area of" -> "area")."""
    words = entry.lower().split()
    if len(words) > 1 and words[-1] == "of":
        words.pop()
    return words[-1]


@lru_cache(maxsize=1)
def _heads() -> _Heads:
    phrases = lexicon(PhrasesLexicon)
    places = lexicon(PlacesLexicon)
    titles = lexicon(PeopleLexicon).titles
    # Agent nouns of armed bodies and governments ("fighters", "regime"), not personal titles
    # ("president"): "ISIL fighters" is ISIL, "Assad's president" is someone else.
    agent_nouns = [
        n for a in lexicon(AgentsLexicon).agents if a.kind in ARMED_KINDS | {ActorKind.GOVERNMENT}
        for n in a.nouns if n.lower() not in titles
    ]
    group = {_head_word(w) for w in [*agent_nouns, *phrases.group_heads]}
    place = {
        _head_word(w)
        for words in (places.admin1_words, places.settlement_words, places.border_words)
        for w in words
    } | {_head_word(w) for w in phrases.place_heads}
    directions = {w.lower() for words in places.directions.values() for w in words}
    prepositions = lexicon(MetonymyLexicon).locative_prepositions - directions
    return _Heads(group=frozenset(group), place=frozenset(place), prepositions=prepositions)


def _is_head(tok: Token, heads: frozenset[str]) -> bool:
    return tok.pos_ in _NOUNS and (tok.lower_ in heads or tok.lemma_.lower() in heads)


def _climb(tok: Token, heads: frozenset[str]) -> Token:
    """From a name to the noun of its class it modifies ("ISIL units") or follows "of"
    ("members of the Council", "the city of Mosul")."""
    for _ in range(3):
        gov = tok.head
        if tok.dep_ in ("compound", "nmod", "amod") and gov.i > tok.i and _is_head(gov, heads):
            tok = gov
        elif (tok.dep_ == "pobj" and gov.lower_ == "of" and gov.head.i < gov.i
              and _is_head(gov.head, heads)):
            tok = gov.head
        else:
            break
    return tok


def _extent(root: Token, name: range, nested: bool = True) -> tuple[int, int]:
    """Token range [first, last] of the noun phrase `root` heads: its premodifiers and the
    "of"-phrase after it; not counts ("three ISIL units" is ISIL's units, whatever their
    number), relative clauses, other prepositions or appositions. An "of"-phrase inside the
    "of"-phrase describes its object, not the referent ("the families of the victims" of
    the bombing), so only the first is taken (`nested` False below it). The name's own tokens
    are passed over whatever the parser made of them ("al", "-" in "al-Abadi")."""
    first = last = root.i
    for child in reversed(list(root.lefts)):
        if child.i in name:
            continue
        if child.dep_ not in _PREMODIFIERS:
            break
        first = child.left_edge.i
    for child in root.rights:
        if child.i in name:
            continue
        if child.dep_ in ("compound", "nmod"):
            last = child.right_edge.i
        elif child.dep_ == "prep" and child.lower_ == "of" and nested:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                break
            last = _extent(objects[0], range(0), nested=False)[1]
        else:
            break
    return first, last


def _window(doc: Doc, first: int, last: int, name: range) -> tuple[int, int]:
    """Keep the part of [first, last] around the name that no coordination, list comma or
    parenthesis crosses ("the U.S. and Royal Navy" is two phrases), starting at a word of the
    phrase, not at a preposition the parser attached to it ("Near Mosul")."""
    def breaks(t: Token) -> bool:
        return t.dep_ in ("cc", "preconj") or t.is_space or t.text in (",", ";", "(", ")", "[", "]")

    prepositions = _heads().prepositions

    lo = name.start
    while lo > first and not breaks(doc[lo - 1]):
        lo -= 1
    hi = name.stop - 1
    while hi < last and not breaks(doc[hi + 1]):
        hi += 1
    while lo < name.start and (doc[lo].is_punct or doc[lo].pos_ in ("ADP", "SCONJ", "CCONJ")
                               or doc[lo].lower_ in prepositions):
        lo += 1
    while hi > name.stop - 1 and (doc[hi].is_punct or doc[hi].dep_ == "case"):
        hi -= 1
    return lo, hi


class PhraseFinder:
    """Phrase extents for one parsed article; `place_mentions` are the place extractor's
    records (token `start`/`end`, `entry`), used to join "City, Country"."""

    def __init__(self, doc: Doc, place_mentions: Sequence = ()):
        self.doc = doc
        self.heads = _heads()
        self.sid = sent_ids(doc)
        self._at: dict[int, object] = {m.start: m for m in place_mentions}

    def actor(self, start: int, end: int, kind: str) -> tuple[int, int] | None:
        """Token range [start, end) of an actor mention's phrase, or None when it is the name."""
        if kind not in _PEOPLE:
            return self._phrase(start, end, self.heads.group)
        found = self._phrase(start, end, frozenset())
        title = title_before(self.doc, start)
        if not title:
            return found
        # The parser often cuts a title from the name ("Prime Minister Al-Abadi"): the title
        # words before the name, and their article, are the phrase too.
        first = title[0].i
        if first > 0 and self.doc[first - 1].lower_ == "the":
            first -= 1
        return min(first, found[0] if found else start), max(found[1] if found else end, end)

    def place(self, mention) -> tuple[int, int] | None:
        """Token range [start, end) of a place mention's phrase, or None when it is the name."""
        doc = self.doc
        found = self._phrase(mention.start, mention.end, self.heads.place)
        first, stop = found if found else (mention.start, mention.end)
        nxt = self._at.get(mention.end + 1)
        if (nxt is not None and stop == mention.end and doc[mention.end].text == ","
                and _contains(nxt.entry, mention.entry)):
            stop = nxt.end  # "Vermillion, South Dakota": the place and where it lies
        return None if (first, stop) == (mention.start, mention.end) else (first, stop)

    def _phrase(self, start: int, end: int, heads: frozenset[str]) -> tuple[int, int] | None:
        doc = self.doc
        name = range(start, end)
        first, last = _extent(_climb(doc[start:end].root, heads), name)
        sent = sentences(doc)[self.sid[start]]
        first, last = max(min(first, start), sent.start), min(max(last, end - 1), sent.end - 1)
        first, last = _window(doc, first, last, name)
        return None if (first, last + 1) == (start, end) else (first, last + 1)

    def chars(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is None:
            return None
        return self.doc[span[0]].idx, self.doc[span[1] - 1].idx + len(self.doc[span[1] - 1])


def _contains(outer, inner) -> bool:
    """Does gazetteer entry `outer` (a country or a first-level unit) contain `inner`?"""
    if outer.id == inner.id or not inner.country or inner.country != outer.country:
        return False
    if outer.feature == "country":
        return inner.feature != "country"
    return outer.feature == "admin1" and inner.feature != "admin1" and inner.admin1 == outer.name
