"""Near-duplicate articles: the copies of one story that several outlets print (an SPA wire story under another
masthead, with a sentence added, under its own title), found by the Jaccard similarity of their word shingles.

    sig = signature(terms(body))     # NUM_PERM little-endian uint32, or None for a text too short to judge
    index = DuplicateIndex()
    index.add(n, sig)                # the earlier keys whose similarity with it is at least THRESHOLD

A signature is the MinHash (datasketch, scheme affine32, seed SEED, CRC-32 of each shingle) of the runs of SHINGLE
consecutive search terms of the body; the title is left out, as each outlet writes its own. MinHashLSH proposes
candidates and similarity() checks each, so its bands are weighted for recall (LSH_WEIGHTS).

Measured on SaudiNewsNet (27,644 articles; benchmarks/store/duplicates.py), reading pairs on both sides of each
threshold:
- SHINGLE 5: two royal telegrams on one template, to Jamaica and to Bolivia, have an exact Jaccard of 0.73 with
  3-word shingles, 0.68 with 4 and 0.64 with 5.
- THRESHOLD 0.72: the pairs read above it were copies of one story (40 of 40 in a random sample). Between 0.65
  and 0.72 most are still copies, edited, but templates and stories sharing a paragraph come in: at 0.70, 39 of
  5,387 pairs have an exact Jaccard below 0.65 (telegrams to Niger and to Jamaica among them); at 0.72, 11 of 5,024.
- NUM_PERM 128: the estimate is off by 0.037 (standard deviation against the exact Jaccard, bias 0.004), and a
  signature takes about 0.16 ms; 256 cut the error to 0.026 for 0.05 ms more.
- LSH_WEIGHTS: 21 bands of 6 rows find 5,018 of those 5,024 pairs; the default weights (12 of 10) find 4,336.
- MIN_TERMS 20: shorter texts are captions and contact boxes, and one changed word takes them below the threshold.
Signatures compare only under the same parameters and datasketch scheme: changing them means signing again.
"""
from __future__ import annotations

import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 5  # words a shingle
NUM_PERM = 128  # hash values a signature
THRESHOLD = 0.72  # estimated Jaccard from which two articles are copies of one story
MIN_TERMS = 20  # fewer terms: too short to judge
SEED = 1  # the permutations; fixed, so that signatures stored by one run match those of the next
LSH_WEIGHTS = (0.05, 0.95)  # false positive vs false negative: every candidate is verified, a miss is lost

VERSION = f"minhash affine32 crc32 shingle {SHINGLE} perm {NUM_PERM} seed {SEED}"  # what signatures compare under

_DTYPE = np.dtype("<u4")  # the affine32 scheme's hash values, little-endian
_EMPTY = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


def _shingles(terms: list[str]) -> list[bytes]:
    """Every run of SHINGLE consecutive terms, joined by a space, in UTF-8."""
    words = [t.encode() for t in terms]
    return list(map(b" ".join, zip(*(words[k:] for k in range(SHINGLE)))))


def signature(terms: list[str]) -> bytes | None:
    """The MinHash of the shingles of `terms` (NUM_PERM uint32, little-endian); None below MIN_TERMS terms."""
    if len(terms) < MIN_TERMS:
        return None
    m = _EMPTY.copy()
    m.update_batch(_shingles(terms))
    return m.hashvalues.astype(_DTYPE, copy=False).tobytes()


def _values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype=_DTYPE)


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity of two texts' shingles, estimated from their signatures."""
    return np.count_nonzero(_values(a) == _values(b)) / NUM_PERM


class DuplicateIndex:
    """The signatures added so far, in memory; `add` answers which of them the new one copies."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
        self._sigs: dict[int, bytes] = {}
        self._last: tuple[bytes, MinHash] | None = None

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, key: int, sig: bytes) -> list[int]:
        """Insert `sig` under `key`; the keys added earlier whose similarity with it is at least THRESHOLD, sorted."""
        found = self.copies(sig)
        self.insert(key, sig)
        return found

    def copies(self, sig: bytes) -> list[int]:
        """The keys whose similarity with `sig` is at least THRESHOLD, sorted."""
        return sorted(k for k in self._lsh.query(self._minhash(sig)) if similarity(sig, self._sigs[k]) >= THRESHOLD)

    def insert(self, key: int, sig: bytes) -> None:
        self._lsh.insert(key, self._minhash(sig))
        self._sigs[key] = sig

    def _minhash(self, sig: bytes) -> MinHash:
        """The MinHash of a signature (the last one made kept: `copies` then `insert` ask for the same)."""
        if self._last is None or self._last[0] != sig:
            self._last = (sig, MinHash(seed=SEED, hashvalues=_values(sig), permutations=_EMPTY.permutations,
                                       scheme=_EMPTY.scheme))
        return self._last[1]
