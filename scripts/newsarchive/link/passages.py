"""Shared passages: paragraphs that several articles carry verbatim or nearly so.

Paragraphs are compared through MinHash signatures of their word 4-grams and a
locality-sensitive hash index (datasketch), so the work grows with the number
of paragraphs, not with the number of pairs of articles. Every candidate pair
the index returns is confirmed with the exact Jaccard similarity.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from ..models import Article
from .entities import body_texts
from .models import PassageCopy, SharedPassage

MIN_WORDS = 20  # shorter paragraphs are shared by chance ("Nokia declined to comment.")
SHINGLE = 4
NUM_PERM = 64
LSH_THRESHOLD = 0.6
MIN_SIMILARITY = 0.5  # exact Jaccard of word 4-grams: a reworded sentence or two still counts

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i: i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def _hash(data: bytes) -> int:
    return zlib.crc32(data)


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def find_passages(articles: Sequence[tuple[str, Article]]) -> tuple[SharedPassage, ...]:
    """Groups of near-identical paragraphs found in at least two different articles."""
    units: list[tuple[str, PassageCopy, str, set[str]]] = []
    for page, article in articles:
        for text in body_texts(article):
            if text.spot.item < 0 and len(text.text.split()) >= MIN_WORDS:
                units.append((page, PassageCopy(page, text.spot), text.text, shingles(text.text)))
    if len(units) < 2:
        return ()
    signatures = MinHash.bulk([[s.encode() for s in unit[3]] for unit in units], num_perm=NUM_PERM, hashfunc=_hash)
    index = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    parent = list(range(len(units)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, signature in enumerate(signatures):
        for j in index.query(signature):
            if units[j][0] != units[i][0] and jaccard(units[i][3], units[j][3]) >= MIN_SIMILARITY:
                parent[root(i)] = root(j)
        index.insert(i, signature)
    groups: dict[int, list[int]] = {}
    for i in range(len(units)):
        groups.setdefault(root(i), []).append(i)
    passages = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        if len({units[i][0] for i in members}) < 2:
            continue
        first = units[members[0]]
        similarity = min(jaccard(first[3], units[i][3]) for i in members[1:])
        passages.append(SharedPassage(len(passages) + 1, tuple(units[i][1] for i in members), round(similarity, 3), first[2]))
    return tuple(passages)
