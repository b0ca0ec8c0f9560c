"""Shared passages: paragraphs that several articles carry verbatim or nearly so.

Paragraphs are compared through MinHash signatures (datasketch's, worked out in
its arithmetic) of their word 4-grams, banded as locality-sensitive hashing with
the bands and rows datasketch chooses for the threshold. The bands are joined by
sorting, not by a hash table of every band of every paragraph, so memory stays
at a few hundred bytes per paragraph: shingles are kept as 32-bit hashes, never
as strings. Each paragraph is compared only with those that share a band with
it, and every candidate is confirmed with the exact Jaccard similarity of the
shingle hashes.
"""

from __future__ import annotations

import functools
import itertools
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..common.models import Article
from .entities import body_texts
from .models import PassageCopy, SharedPassage, Spot, Text

MIN_WORDS = 20  # shorter paragraphs are shared by chance ("Nokia declined to comment.")
SHINGLE = 4
NUM_PERM = 64
LSH_THRESHOLD = 0.6
MIN_SIMILARITY = 0.5  # exact Jaccard of word 4-grams: a reworded sentence or two still counts
_BATCH = 2048  # paragraphs signed at a time

# datasketch 2's MinHash (its default 32-bit scheme, seed 1) and MinHashLSH, in their own arithmetic, written out
# here: importing datasketch imports SciPy (for the LSH's band sizes), 1.1 s of every run, which is a fifth of a
# re-conversion of 1,000 articles. tests/test_features.py holds the signatures to ``MinHash.bulk``'s values and
# the bands to ``MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)``'s.
_SEED = 1
BANDS, ROWS = 10, 6  # MinHashLSH's b and r for LSH_THRESHOLD and NUM_PERM

_WORD = re.compile(r"\w+")


def shingles(text: str) -> np.ndarray:
    """The sorted, distinct 32-bit hashes of the text's word 4-grams."""
    words = _WORD.findall(text.casefold())
    grams = {" ".join(words[i: i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32, count=len(grams)))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted sets of shingle hashes."""
    common = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - common
    return common / union if union else 1.0


@functools.lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutations for ``NUM_PERM``, h -> a * h + b modulo 2**32 with an odd ``a`` (the same for
    every MinHash of that size and seed), drawn as it draws them."""
    draw = np.random.RandomState(_SEED)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch applies to each hash before the permutations."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def _signatures(units: Sequence[np.ndarray]) -> np.ndarray:
    """One MinHash signature per paragraph, as rows of a matrix: the values of datasketch's ``MinHash.bulk``.

    Worked out for all of an article's paragraphs at once, in datasketch's own arithmetic (its 32-bit scheme:
    each shingle hash mixed, mapped by each permutation, the least kept); a MinHash object per paragraph cost
    more than the arithmetic.
    """
    matrix = np.empty((len(units), NUM_PERM), dtype=np.uint32)
    a, b = _permutations()
    for start in range(0, len(units), _BATCH):
        batch = units[start: start + _BATCH]
        values = _fmix(np.concatenate(batch).astype(np.uint32))
        with np.errstate(over="ignore"):  # the products wrap around 2**32, as datasketch's do
            mapped = values[:, None] * a + b
        offsets = np.cumsum([0] + [len(unit) for unit in batch[:-1]])
        matrix[start: start + len(batch)] = np.minimum.reduceat(mapped, offsets, axis=0)
    return matrix


@dataclass(frozen=True)
class Paragraphs:
    """The paragraphs of one article long enough to be shared: where they stand, their shingles, their signatures."""

    spots: tuple[Spot, ...]
    #: every paragraph's shingles, one after another, and where each paragraph's end: two arrays an article
    #: rather than one a paragraph, as an archive's are read back from the parse cache in every run
    hashes: np.ndarray
    ends: tuple[int, ...]
    signatures: np.ndarray  # a row per paragraph

    @property
    def shingles(self) -> tuple[np.ndarray, ...]:
        """Each paragraph's sorted, distinct shingle hashes."""
        return tuple(self.hashes[start:end] for start, end in zip((0, *self.ends), self.ends))


def paragraphs(texts: Sequence[Text]) -> Paragraphs:
    """What finding shared passages needs of one article, from its ``body_texts`` alone."""
    long = [t for t in texts if t.spot.item < 0 and len(t.text.split()) >= MIN_WORDS]
    units = [shingles(t.text) for t in long]
    hashes = np.concatenate(units) if units else np.zeros(0, dtype=np.uint32)
    return Paragraphs(tuple(t.spot for t in long), hashes, tuple(itertools.accumulate(len(unit) for unit in units)), _signatures(units))


def _candidates(signatures: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of paragraphs that agree on a whole band of their signatures, as LSH buckets them.

    In a bucket, each paragraph is paired with the bucket's first and with the one before it, so a
    paragraph copied into a thousand articles costs a thousand comparisons, not half a million.
    """
    pairs: set[tuple[int, int]] = set()
    for band in range(BANDS):
        rows = np.ascontiguousarray(signatures[:, band * ROWS: (band + 1) * ROWS])
        keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * ROWS))).ravel()
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            members = order[start:end].tolist()
            pairs.update((members[0], m) for m in members[1:])
            pairs.update(zip(members[1:-1], members[2:]))
    return pairs


def find_passages(articles: Sequence[tuple[str, Article]], prepared: Sequence[Paragraphs] | None = None) -> tuple[SharedPassage, ...]:
    """Groups of near-identical paragraphs found in at least two different articles.

    ``prepared`` are the ``paragraphs`` of each article, in order, when they are known already.
    """
    copies: list[PassageCopy] = []
    texts: list[int] = []  # the article of each paragraph, to fetch its words at the end
    units: list[np.ndarray] = []
    signatures: list[np.ndarray] = []
    for number, (page, article) in enumerate(articles):
        own = prepared[number] if prepared is not None else paragraphs(body_texts(article))
        for spot in own.spots:
            copies.append(PassageCopy(page, spot))
            texts.append(number)
        units.extend(own.shingles)
        signatures.append(own.signatures)
    if len(units) < 2:
        return ()
    parent = list(range(len(units)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(_candidates(np.concatenate(signatures))):
        if copies[i].article != copies[j].article and root(i) != root(j) and jaccard(units[i], units[j]) >= MIN_SIMILARITY:
            parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(units)):
        groups.setdefault(root(i), []).append(i)
    passages = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        if len({copies[i].article for i in members}) < 2:
            continue
        first = members[0]
        similarity = min(jaccard(units[first], units[i]) for i in members[1:])
        text = next(t.text for t in body_texts(articles[texts[first]][1]) if t.spot == copies[first].spot)
        passages.append(SharedPassage(len(passages) + 1, tuple(copies[i] for i in members), round(similarity, 3), text))
    return tuple(passages)
