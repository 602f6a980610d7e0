"""Longest-match lookup of lexicon phrases in a parsed document.

Lexicons list words in their base form ("air strike", "pro-government forces"); a text token
matches a phrase word when its lowercase form or its lemma equals it, so "Airstrikes" and
"air-strikes" both find "airstrike" / "air strike". Hyphens inside a phrase are optional.
"""

from __future__ import annotations

from typing import Generic, Iterable, Iterator, TypeVar

from spacy.tokens import Doc, Span, Token

T = TypeVar("T")


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().replace("-", " - ").split())


def token_forms(tok: Token) -> tuple[str, str]:
    return tok.lower_, tok.lemma_.lower()


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

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def match_at(self, doc: Doc | Span, i: int) -> tuple[int, T] | None:
        """Longest phrase starting at token i: (end token, payload)."""
        tok = doc[i]
        lower, lemma = token_forms(tok)
        candidates = self._by_first.get(lower) or self._by_first.get(lemma)
        if candidates is None and lemma != lower:
            candidates = self._by_first.get(lemma)
        if not candidates:
            return None
        n = len(doc)
        for words, payload in candidates:
            j = i
            ok = True
            for w in words:
                if j >= n:
                    ok = False
                    break
                if w not in token_forms(doc[j]):
                    ok = False
                    break
                j += 1
            if ok:
                return j, payload
        return None

    def find_all(self, doc: Doc | Span) -> Iterator[tuple[int, int, T]]:
        """Non-overlapping longest matches, left to right (indices relative to `doc`)."""
        i = 0
        n = len(doc)
        while i < n:
            hit = self.match_at(doc, i)
            if hit is None:
                i += 1
                continue
            end, payload = hit
            yield i, end, payload
            i = end
