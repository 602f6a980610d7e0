"""Lexicons: the word lists and cue tables the extractors are configured by.

Each is a YAML file under `data/lexicons/` with a `source` note and a `version`; they are
loaded once per process and handed to extractors, which hold no word lists of their own.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitrep.taxonomy import check_data


class LexiconError(ValueError):
    pass


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> dict[str, Any]:
    path = resources.files("sitrep.knowledge") / "data" / "lexicons" / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"lexicon {name!r} is missing from the package ({path})") from None
    if not isinstance(data, dict) or "source" not in data:
        raise LexiconError(f"lexicon {path} must be a mapping with a 'source' note")
    check_data(f"lexicons/{name}.yaml", data)
    return data


def word_set(lexicon: dict[str, Any], key: str) -> frozenset[str]:
    """A flat set of lowercase words/phrases from a list entry of a lexicon."""
    values = lexicon.get(key)
    if values is None:
        raise LexiconError(f"lexicon entry {key!r} is missing")
    bad = [v for v in values if not isinstance(v, (str, int)) or isinstance(v, bool)]
    if bad:
        # YAML reads a bare on/off/yes/no as a boolean: the word would silently never match.
        raise LexiconError(f"lexicon entry {key!r} holds non-words {bad!r}: quote them (\"on\", \"off\", \"no\")")
    return frozenset(str(v).lower() for v in values)
