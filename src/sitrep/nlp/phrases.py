"""Longest-match lookup of lexicon phrases in a parsed document.

Lexicons list words in their base form ("air strike", "pro-government forces"); a text token
matches a phrase word when its lowercase form or its lemma equals it, so "Airstrikes" and
"air-strikes" both find "airstrike" / "air strike". Hyphens inside a phrase are optional.
"""

from __future__ import annotations

import threading
from typing import Generic, Iterable, Iterator, TypeVar

from spacy.tokens import Doc, Span, Token

T = TypeVar("T")

# The extractors ask some fifteen indexes about every token of an article, thousands of
# lookups a document: each token's forms are read from spaCy once per document and kept here
# (for the last document seen, per thread) instead of being built anew on every lookup.
_last = threading.local()


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().replace("-", " - ").split())


def token_forms(tok: Token) -> tuple[str, str]:
    return tok.lower_, tok.lemma_.lower()


def doc_forms(doc: Doc) -> list[tuple[str, str]]:
    """(lowercase form, lowercase lemma) of every token, read from spaCy once per document."""
    # Held by reference, not by id(): a new Doc may reuse a collected one's address. The
    # length guards against a Doc retokenised after its forms were read.
    if getattr(_last, "doc", None) is not doc or len(_last.forms) != len(doc):
        _last.doc, _last.forms, _last.starts, _last.where = doc, [token_forms(t) for t in doc], {}, None
    return _last.forms


def _doc_starts(doc: Doc, index: "PhraseIndex") -> bytearray:
    """1 where a phrase of `index` may start (its first word is the token's form or lemma):
    read once per document and index, so that most positions are ruled out by one lookup."""
    forms = doc_forms(doc)
    starts = _last.starts.get(index)
    if starts is None:
        if _last.where is None:  # each form and lemma of the document -> its token positions
            where: dict[str, list[int]] = {}
            for i, (lower, lemma) in enumerate(forms):
                where.setdefault(lower, []).append(i)
                if lemma != lower:
                    where.setdefault(lemma, []).append(i)
            _last.where, _last.words = where, frozenset(where)
        starts = _last.starts[index] = bytearray(len(forms))
        # The document's few hundred words against the index's first words: a set
        # intersection runs over the smaller side.
        for word in _last.words & index._firsts:
            for i in _last.where[word]:
                starts[i] = 1
    return starts


class PhraseIndex(Generic[T]):
    def __init__(self, entries: Iterable[tuple[str, T]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for phrase, payload in entries:
            words = _words(phrase)
            if not words:
                continue
            self._by_first.setdefault(words[0], []).append((words, payload))
            # A phrase written with a hyphen also matches without it, and a closed compound
            # ("airstrike") is listed separately by the lexicon when it is common.
            if "-" in words:
                bare = tuple(w for w in words if w != "-")
                self._by_first.setdefault(bare[0], []).append((bare, payload))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self._firsts = frozenset(self._by_first)

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def match_at(self, doc: Doc | Span, i: int) -> tuple[int, T] | None:
        """Longest phrase starting at token i: (end token, payload)."""
        n = len(doc)
        if not 0 <= i < n:
            # As indexing does: a negative i counts from the end, one past it raises.
            return self._match(doc, [token_forms(t) for t in doc], 0, n, i)
        base, offset = (doc.doc, doc.start) if isinstance(doc, Span) else (doc, 0)
        if not _doc_starts(base, self)[offset + i]:
            return None
        return self._match(doc, _last.forms, offset, n, i)

    def _match(self, doc, forms, offset: int, n: int, i: int) -> tuple[int, T] | None:
        lower, lemma = forms[offset + i]
        candidates = self._by_first.get(lower) or self._by_first.get(lemma)
        if not candidates:
            return None
        for words, payload in candidates:
            j = i
            for w in words:
                if j >= n or w not in forms[offset + j]:
                    break
                j += 1
            else:
                return j, payload
        return None

    def matches(self, doc: Doc | Span, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, T]]:
        """(start, end, payload) of the longest phrase at each token of doc[start:end] where one
        starts, left to right, as `match_at(doc, i)` finds them (so they may overlap, and a
        phrase may run past `end` but not past the end of `doc`)."""
        n = len(doc)
        base, offset = (doc.doc, doc.start) if isinstance(doc, Span) else (doc, 0)
        starts = _doc_starts(base, self)
        forms = _last.forms  # kept: the caller may read another document between matches
        stop = offset + (n if end is None else min(end, n))
        i = starts.find(1, offset + start, stop)
        while i != -1:
            hit = self._match(doc, forms, offset, n, i - offset)
            if hit is not None:
                yield i - offset, hit[0], hit[1]
            i = starts.find(1, i + 1, stop)

    def find_all(self, doc: Doc | Span, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, T]]:
        """Non-overlapping longest matches starting in doc[start:end], left to right (indices
        relative to `doc`; a phrase may run past `end` as in `matches`)."""
        free = start
        for i, end, payload in self.matches(doc, start, end):
            if i >= free:
                yield i, end, payload
                free = end
