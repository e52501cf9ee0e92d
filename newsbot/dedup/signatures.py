"""MinHash signatures and LSH band keys over shingle hashes.

Our own MinHash rather than datasketch's: datasketch hashes every shingle with SHA-1
and works modulo a Mersenne prime; here the shingles already are stable 32-bit hashes,
so one vectorized multiply-shift per permutation is enough (about 3x faster per
article: 160 us against 480 us for 500 shingles and 96 permutations).

Banding: ``bands`` bands of ``rows`` rows. Two bodies become candidates when they agree
on all rows of at least one band, with probability ``1 - (1 - s**rows) ** bands`` for
Jaccard ``s``. The defaults (32 x 3 = 96 permutations) give P = 0.58 at s = 0.3,
0.89 at 0.4, 0.987 at 0.5 and 0.999 at 0.6: low enough to find trimmed copies, which
are verified by containment, while two unrelated bodies (s near 0) almost never meet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newsbot.dedup.fingerprint import ShingleArray

DEFAULT_BANDS = 32
DEFAULT_ROWS = 3
_SEED = 0x6E657773  # fixed: signatures must agree across processes and runs
_MASK63 = np.uint64((1 << 63) - 1)


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The chance that two bodies of Jaccard ``similarity`` share a band."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)


@dataclass(frozen=True)
class MinHasher:
    """Computes MinHash signatures and their LSH band keys."""

    bands: int = DEFAULT_BANDS
    rows: int = DEFAULT_ROWS
    _multipliers: npt.NDArray[np.uint64] = field(init=False, repr=False, compare=False)
    _offsets: npt.NDArray[np.uint64] = field(init=False, repr=False, compare=False)
    _band_mix: npt.NDArray[np.uint64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rng = np.random.Generator(np.random.PCG64(_SEED))
        top = np.iinfo(np.uint64).max
        perms = self.bands * self.rows
        multipliers = rng.integers(1, top, size=perms, dtype=np.uint64, endpoint=True) | 1
        offsets = rng.integers(0, top, size=perms, dtype=np.uint64, endpoint=True)
        band_mix = rng.integers(1, top, size=self.rows + 1, dtype=np.uint64, endpoint=True) | 1
        object.__setattr__(self, "_multipliers", multipliers.reshape(-1, 1))
        object.__setattr__(self, "_offsets", offsets.reshape(-1, 1))
        object.__setattr__(self, "_band_mix", band_mix)

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def signature(self, shingles: ShingleArray) -> npt.NDArray[np.uint32]:
        """The MinHash signature: per permutation, the least hashed shingle."""
        if len(shingles) == 0:
            raise ValueError("an empty shingle set has no signature")
        # In place: one permutations x shingles array instead of three (half the time).
        with np.errstate(over="ignore"):
            hashed = np.multiply.outer(self._multipliers.ravel(), shingles.astype(np.uint64))
            hashed += self._offsets
            hashed >>= np.uint64(32)
        return hashed.min(axis=1).astype(np.uint32)

    def band_keys(self, signature: npt.NDArray[np.uint32]) -> list[int]:
        """One non-negative 63-bit key per band; the band's index is mixed in."""
        rows = signature.astype(np.uint64).reshape(self.bands, self.rows)
        with np.errstate(over="ignore"):
            keys = np.arange(self.bands, dtype=np.uint64) * self._band_mix[-1]
            for r in range(self.rows):
                keys = (keys ^ rows[:, r]) * self._band_mix[r]
                keys ^= keys >> np.uint64(31)
        return [int(k) for k in keys & _MASK63]

    def keys_for(self, shingles: ShingleArray) -> list[int]:
        """The band keys of a shingle set, or none for an empty one."""
        if len(shingles) == 0:
            return []
        return self.band_keys(self.signature(shingles))
