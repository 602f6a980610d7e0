"""Things slow to build and quick to read back, cached on disk next to the gazetteer index
(`$SITREP_CACHE`, else `~/.cache/sitrep`): the knowledge ruler's compiled patterns (token ids
of some 100,000 names; tokenising them is most of an extractor's start-up) and the language
identifier's model (stored LZMA-compressed in its package: decompressing it takes a second).

Each entry's key is a hash of everything it was built from (the names with their labels, the
spaCy model and version; the model file and the library version), so a stale entry is never
read: changed knowledge gives a new key. Entries that skip even reading the knowledge (the
actor KB, the whole compiled ruler) are keyed by `source_fingerprint`: the bytes of every file
of the code and data they are derived from, which costs milliseconds to hash. The most recently used entries of each kind are kept
(a dozen), the others removed. A cache that cannot be read or written (a read-only home, a
damaged file) is rebuilt or skipped, never an error. Entries are pickles this process wrote: the cache folder is the user's own.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

# Bump when the layout of any cached object changes.
_LAYOUT = 1


def cache_dir() -> Path:
    from sitrep.knowledge.gazetteer import default_cache_dir

    return default_cache_dir()


def fingerprint(*parts: str | bytes | Iterable[str]) -> str:
    """A short hash of strings, bytes, or sequences of strings (kept apart by separators)."""
    h = hashlib.sha256(f"{_LAYOUT}\0".encode())
    for part in parts:
        if isinstance(part, bytes):
            h.update(part)
        elif isinstance(part, str):
            h.update(part.encode())
        else:
            h.update("\x1f".join(part).encode())
        h.update(b"\x1e")
    return h.hexdigest()[:24]


# What knowledge-derived entries are built from: the knowledge package (its code and data
# files), the spaCy components that compile it, and the taxonomy its records use.
_SOURCES = ("knowledge", "nlp", "taxonomy.py", "disk_cache.py")


@lru_cache(maxsize=1)
def source_fingerprint() -> str:
    """A hash of the bytes of every file under `_SOURCES` (in this installed sitrep), and of
    sitrep's version: any edit to the knowledge or to the code that reads it changes it."""
    from sitrep import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{_LAYOUT}\0{__version__}".encode())
    for name in _SOURCES:
        top = root / name
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top]
        for p in files:
            if "__pycache__" in p.parts or p.suffix in (".pyc", ".pyo"):
                continue
            h.update(p.relative_to(root).as_posix().encode() + b"\0")
            h.update(p.read_bytes())
            h.update(b"\x1e")
    return h.hexdigest()[:24]


def files_fingerprint(paths: Iterable[Path]) -> str:
    """A hash of files' paths and bytes, in the order given."""
    h = hashlib.sha256()
    for p in paths:
        h.update(str(p).encode() + b"\0")
        h.update(Path(p).read_bytes())
        h.update(b"\x1e")
    return h.hexdigest()[:24]


def _path(kind: str, key: str) -> Path:
    return cache_dir() / f"{kind}-{key}.pickle"


def load(kind: str, key: str):
    """The cached object, or None when there is none (or it cannot be read)."""
    path = _path(kind, key)
    try:
        with path.open("rb") as f:
            obj = pickle.load(f)
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: build it again
        return None
    try:
        os.utime(path)  # recently used: the last to be removed (see save)
    except OSError:
        pass
    return obj


def save(kind: str, key: str, obj, keep: int = 12) -> None:
    """Write an entry; of the entries of this kind, keep the `keep` most recently used (each
    extractor uses two ruler entries, actors and places; an `--actors` set adds one)."""
    path = _path(kind, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        return
    try:
        entries = sorted(path.parent.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
