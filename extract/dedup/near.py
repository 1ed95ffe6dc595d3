"""Near-duplicate components of a set of texts: MinHash LSH blocking, rapidfuzz verification.

``near_components(texts, threshold, settings)`` returns, for every text, the index of the
component it belongs to: the connected components of the graph whose edges are the pairs with
``rapidfuzz.fuzz.ratio >= threshold``. Two paths compute it:

- ``method="lsh"`` (the default): character-3-gram MinHash sketches (datasketch 2.x,
  ``num_perm`` and ``seed`` from Settings, scheme pinned to ``affine32``), banded as datasketch's
  ``MinHashLSH`` bands them, give buckets of candidates; within a bucket, texts not yet in one
  component are verified with rapidfuzz (every pair in small buckets, a few representatives per
  component in large ones), so work grows near-linearly with the number of texts.
- ``method="brute"``: every pair, for tests and for measuring the LSH path's recall.

Both take the texts in sorted order, so the result does not depend on input order.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz, process

from extract.config import Settings
from extract.engine.fanout import map_slices

SHINGLE = 3
# Jaccard threshold of the LSH banding on character 3-grams (b=32, r=4 at 128 permutations): low
# enough that texts with a ratio of 90 still become candidates (pair recall 1.0 against brute
# force in benchmarks/DEDUP.md); rapidfuzz verification removes the false candidates.
LSH_JACCARD = 0.4
# Buckets up to this size are verified pair by pair; larger ones against representatives.
EXACT_BUCKET = 64
REPRESENTATIVES = 3
MINHASH_SCHEME = "affine32"


class UnionFind:
    """Disjoint sets over 0..n-1; the root of a set is its smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def roots(self) -> list[int]:
        return [self.find(i) for i in range(len(self.parent))]


def shingles(text: str) -> list[bytes]:
    """Character 3-grams of a text (the text itself when shorter)."""
    if len(text) <= SHINGLE:
        return [text.encode("utf-8")]
    return sorted({text[i : i + SHINGLE].encode("utf-8") for i in range(len(text) - SHINGLE + 1)})


def _crc32(data: bytes) -> int:
    # Deterministic across runs and platforms (unlike hash()) and much faster than sha1.
    return zlib.crc32(data)


def sketches(texts: Sequence[str], settings: Settings) -> list[MinHash]:
    """MinHash sketches of the texts, all with the settings' num_perm and seed."""
    return MinHash.bulk(
        [shingles(t) for t in texts],
        num_perm=settings.minhash_num_perm,
        seed=settings.minhash_seed,
        hashfunc=_crc32,
        scheme=MINHASH_SCHEME,
    )


def signature_matrix(texts: Sequence[str], settings: Settings) -> np.ndarray:
    """The texts' MinHash hash values, one row per text (sketched over the settings' workers)."""
    rows = map_slices(lambda part: [m.hashvalues for m in sketches(part, settings)], texts, settings.workers)
    return np.vstack(rows)


def band_params(settings: Settings) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for our Jaccard threshold."""
    lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=settings.minhash_num_perm)
    return lsh.b, lsh.r


def lsh_buckets(texts: Sequence[str], settings: Settings) -> Iterator[list[int]]:
    """Every LSH bucket with two or more texts, as ascending text indexes.

    The banding is MinHashLSH's (its b and r), applied with numpy to all sketches at once: a
    per-text ``MinHashLSH.query`` returns a text's whole cluster, which makes work quadratic in
    cluster size on boilerplate-heavy archives.
    """
    bands, rows = band_params(settings)
    matrix = signature_matrix(texts, settings)
    for band in range(bands):
        part = np.ascontiguousarray(matrix[:, band * rows : (band + 1) * rows])
        keys = part.view(np.dtype((np.void, part.dtype.itemsize * rows))).ravel()
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        shared = np.flatnonzero(counts[inverse] > 1)
        if shared.size == 0:
            continue
        order = shared[np.argsort(inverse[shared], kind="stable")]
        cuts = np.flatnonzero(np.diff(inverse[order])) + 1
        for bucket in np.split(order, cuts):
            yield sorted(bucket.tolist())


def near_components(
    texts: Sequence[str], threshold: float, settings: Settings, method: str = "lsh"
) -> list[int]:
    """Return the component (smallest member index) of every text; see the module docstring."""
    n = len(texts)
    sets = UnionFind(n)
    if n < 2:
        return sets.roots()
    if method == "brute":
        for a, b in brute_force_pairs(texts, threshold, settings.workers):
            sets.union(a, b)
        return sets.roots()
    for bucket in lsh_buckets(texts, settings):
        if len(bucket) <= EXACT_BUCKET:
            _join_all_pairs(bucket, texts, threshold, sets)
        else:
            _join_via_representatives(bucket, texts, threshold, sets)
    return sets.roots()


def _similar(texts: Sequence[str], a: int, b: int, threshold: float) -> bool:
    return bool(fuzz.ratio(texts[a], texts[b], score_cutoff=threshold))


def _join_all_pairs(bucket: list[int], texts: Sequence[str], threshold: float, sets: UnionFind) -> None:
    """Verify every pair of a small bucket not yet in one component (exact on candidates)."""
    for position, item in enumerate(bucket):
        for other in bucket[:position]:
            if sets.find(other) != sets.find(item) and _similar(texts, other, item, threshold):
                sets.union(other, item)


def _join_via_representatives(
    bucket: list[int], texts: Sequence[str], threshold: float, sets: UnionFind
) -> None:
    """Verify a large bucket's texts against up to REPRESENTATIVES members per component.

    Boilerplate buckets hold thousands of near-equal texts; comparing each with a few members
    of every component found so far (in one rapidfuzz call) keeps the work linear in the
    bucket's size, and the many bands give every pair further chances (recall is measured
    against brute force in benchmarks/DEDUP.md).
    """
    representatives: list[int] = []
    choices: list[str] = []
    per_root: dict[int, int] = defaultdict(int)
    for item in bucket:
        matches = process.extract(texts[item], choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
        for _, _, position in matches:
            sets.union(representatives[position], item)
        root = sets.find(item)
        if per_root[root] < REPRESENTATIVES:
            per_root[root] += 1
            representatives.append(item)
            choices.append(texts[item])


def brute_force_pairs(
    texts: Sequence[str], threshold: float, workers: int = 1, chunk: int = 2000
) -> list[tuple[int, int]]:
    """Every pair (a < b) with ratio >= threshold, by rapidfuzz ``cdist`` in row chunks."""
    pairs: list[tuple[int, int]] = []
    for low in range(0, len(texts), chunk):
        rows = texts[low : low + chunk]
        scores = process.cdist(
            rows, texts, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8, workers=workers
        )
        for a, b in zip(*np.nonzero(scores), strict=True):
            a_index = low + int(a)
            if a_index < int(b):
                pairs.append((a_index, int(b)))
    return pairs
