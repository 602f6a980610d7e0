"""Near-duplicate articles (wire copies, light rewrites) with MinHash LSH over word shingles.

An article whose estimated Jaccard similarity to an earlier article reaches the threshold joins
that article's story. Signatures are stored with the article (`to_bytes`/`from_bytes`), so a
later run rebuilds the index from the store instead of re-reading every text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

DEFAULT_THRESHOLD = 0.7
NUM_PERM = 128
SHINGLE_WORDS = 3
_SEED = 1
# datasketch 2 names its hashing scheme; stored signatures are only comparable within one.
_SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Word k-grams of the lower-cased text, punctuation and spacing ignored."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@dataclass
class DuplicateMatch:
    key: str
    similarity: float


class NearDuplicateIndex:
    """Keys (article ids) with their signatures; `find` returns the most similar earlier key."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"the near-duplicate threshold must be in (0, 1], got {threshold}")
        # datasketch imports scipy (a second and a half): only when an index is really built,
        # never for a rerun with nothing new.
        from datasketch import MinHash, MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, object] = {}  # key -> LeanMinHash
        # Building the permutations is the slow part of a MinHash: do it once.
        self._perm = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def signature(self, text: str):
        from datasketch import LeanMinHash, MinHash

        m = MinHash(num_perm=self.num_perm, seed=_SEED, permutations=self._perm, scheme=_SCHEME)
        m.update_batch(list(shingles(text)))
        return LeanMinHash(m)

    def find(self, sig) -> DuplicateMatch | None:
        best: DuplicateMatch | None = None
        for key in self._lsh.query(sig):
            sim = float(sig.jaccard(self._sigs[key]))
            if sim < self.threshold:
                continue
            # Highest similarity; on a tie the earliest inserted article.
            if best is None or sim > best.similarity or (
                sim == best.similarity and self._order[key] < self._order[best.key]
            ):
                best = DuplicateMatch(key, sim)
        return best

    def insert(self, key: str, sig) -> None:
        if key in self._sigs:
            return
        self._lsh.insert(key, sig)
        self._sigs[key] = sig
        self._order[key] = len(self._order)

    def to_bytes(self, sig) -> bytes:
        return np.asarray(sig.hashvalues, dtype=np.uint32).tobytes()

    def from_bytes(self, data: bytes):
        from datasketch import LeanMinHash

        values = np.frombuffer(data, dtype=np.uint32)
        if len(values) != self.num_perm:
            raise ValueError(f"stored signature has {len(values)} values, expected {self.num_perm}")
        return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)
