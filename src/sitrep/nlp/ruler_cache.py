"""The knowledge ruler's compiled patterns (token ids of every actor and place name), cached on
disk so that an extractor starts in a fraction of the time tokenising them takes.

The cache key is a hash of everything the ids depend on: the names with their labels and
match attributes, and the spaCy model and version that tokenised them. Changed knowledge
(an edited actor file, a rebuilt gazetteer, `--actors`) gives a new key, so a stale entry is
never read; old entries are removed when a new one is written. A cache that cannot be read or
written (a read-only home, a damaged file) is rebuilt or skipped, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

# Bump when the cached layout changes.
_LAYOUT = 1
_PREFIX = "ruler-"


def cache_dir() -> Path:
    from sitrep.knowledge.gazetteer import default_cache_dir

    return default_cache_dir()


def fingerprint(tokenizer: str, patterns: list[tuple[int, str, list[str]]]) -> str:
    h = hashlib.sha256(f"{_LAYOUT}\0{tokenizer}\0".encode())
    for attr, key, surfaces in patterns:
        h.update(f"{attr}\0{key}\0".encode())
        h.update("\x1f".join(surfaces).encode())
        h.update(b"\x1e")
    return h.hexdigest()[:24]


def _path(key: str) -> Path:
    return cache_dir() / f"{_PREFIX}{key}.pickle"


def load(key: str):
    try:
        with _path(key).open("rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign file: rebuild it
        return None


def save(key: str, compiled) -> None:
    path = _path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ruler-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(compiled, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError:
        return
    _remove_others(path)


def _remove_others(keep: Path, keep_newest: int = 4) -> None:
    """Keep a few entries (two actor sets in use, say), drop the oldest."""
    try:
        entries = sorted(keep.parent.glob(f"{_PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep_newest:]:
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError:
        pass
