"""What the gazetteer and its index builder share: spelling keys, great-circle distance, the
cache location and the curated place data files. Its own module so that `gazetteer` imports
`gazetteer_build` and neither imports the other back."""

from __future__ import annotations

import math
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from sitrep.knowledge.names import name_key

DIRECTIONS = ("north", "south", "east", "west", "northeast", "northwest", "southeast",
              "southwest", "central")


# ---------------------------------------------------------------------------- spelling keys

_SKEL_SUBS = [
    (re.compile(r"dj|dzh|dsch"), "j"),  # French/German/Russian spellings of j: Djisr, Dzhisr
    (re.compile(r"tch|ch"), "sh"),  # French ch = sh: Cheikh, Chaghour
    (re.compile(r"ck|q|c"), "k"),  # Qamishli / Kamishli, Rakka / Raqqa
    (re.compile(r"ph"), "f"),
    (re.compile(r"v"), "w"),  # Vardak / Wardak
    (re.compile(r"([a-z])\1+"), r"\1"),  # doubled letters: Tall/Tal, Raqqa/Raqa
    (re.compile(r"(?<=[aeiouy])h\b"), ""),  # trailing -ah/-eh: Raqqah, Hasakeh
    (re.compile(r"(?<=[aeiou])[wy](?![aeiou])"), ""),  # diphthongs: Dayr/Deir, Zawr/Zor
    (re.compile(r"[aeiou\W_]+"), ""),  # vowels and word breaks
]


def canonical_key(text: str, *, keyed: bool = False) -> str:
    """name_key with the generic words of Arabic place names in one spelling
    (data/places/generic_words.yaml): 'Tell Rifaat' -> 'tall rifaat', 'Ain Issa' -> 'ayn issa'."""
    key = text if keyed else name_key(text)
    table = _generic_words()
    return " ".join(table.get(w, w) for w in key.split())


def variant_key(text: str, *, keyed: bool = False) -> str:
    """A consonant skeleton for transliteration variants: 'Saraqeb' and 'Saraqib' -> 'srkb',
    'Khan Sheikhoun' and 'Khan Shaykhun' -> 'khnshkhn', 'Deir al-Zour' and 'Dayr az Zawr'
    -> 'drzr'. Vowels go (Arabic short vowels are written any way); w and y count as vowels
    after a vowel and before a consonant (Dayr, Zawr); word breaks go (Bukamal / Bu Kamal).
    `keyed`: `text` is already a canonical_key."""
    s = text if keyed else canonical_key(text)
    for pattern, repl in _SKEL_SUBS:
        s = pattern.sub(repl, s)
    return s


def skeleton_usable(skel: str, canon: str) -> bool:
    # Two consonants identify a two-word name ("Ain Issa" -> 'ns'), not a one-word one.
    return len(skel) >= 3 or (len(skel) == 2 and " " in canon)


@lru_cache(maxsize=1)
def _generic_words() -> dict[str, str]:
    table = {}
    for canonical, forms in (load_place_data("generic_words").get("canonical") or {}).items():
        for form in (canonical, *forms):
            table[name_key(str(form), drop_article=False)] = canonical
    return table


# ---------------------------------------------------------------------------- geometry


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# ---------------------------------------------------------------------------- files


def default_cache_dir() -> Path:
    env = os.environ.get("SITREP_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sitrep"


@lru_cache(maxsize=None)
def load_place_data(name: str) -> dict:
    """A YAML file from data/places/ (each carries a `source` note)."""
    path = resources.files("sitrep.knowledge") / "data" / "places" / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))
