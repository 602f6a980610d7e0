"""Name normalisation shared by the actor knowledge base and the gazetteer.

News spells Middle Eastern names many ways (al-Nujaba / Nujabaa / an-Nujaba', Tall / Tal / Tell,
Deir ez-Zor / Deir al-Zour). Lookups compare keys built here, so every source of names (KB,
gazetteer, user files) and every mention in text meets on the same form.
"""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

# Arabic definite article as transliterated in English news, with sun-letter assimilation.
_ARTICLE = re.compile(
    r"\b(?:al|el|il|ul|as|es|ash|esh|ad|ed|adh|ar|er|az|ez|at|et|an|en|ath|ud)[-\s](?=\w)", re.I
)
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u02bb\u02be\u02bf`'\u00b4]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Latin letters that Unicode does not decompose into base + accent, so NFKD leaves them:
# Turkish dotless i (Şanlıurfa), Polish l, Nordic o, ... GeoNames uses them in main names.
_UNDECOMPOSABLE = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
     "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe"}
)


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)  # asked of the same few hundred words again and again in an article
def name_key(text: str, drop_article: bool = True) -> str:
    """A lookup key: lowercase, no diacritics, no apostrophes, hyphens as spaces,
    a leading English "the" removed and (by default) Arabic articles removed."""
    s = strip_accents(text).lower()
    s = _APOSTROPHES.sub("", s)
    s = _DASHES.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    if drop_article:
        s = _ARTICLE.sub("", s)
        s = _SPACES.sub(" ", s).strip()
    return s


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text, drop_article=False)).strip("-")
