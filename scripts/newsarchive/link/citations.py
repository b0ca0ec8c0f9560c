"""References ("Read more" titles) matched to archived articles by fuzzy title match."""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..models import Article
from .models import ResolvedReference

MIN_SCORE = 88.0
CANDIDATES = 20  # titles compared in full with a reference's, of those sharing most words with it
_WORD = re.compile(r"\w+")
_STOP = frozenset("a an and the of to in on for with by at from is are as its it this that how why what".split())


def normalise(title: str) -> str:
    return " ".join(_WORD.findall(title.casefold()))


def _keys(title: str) -> set[str]:
    return {w for w in normalise(title).split() if w not in _STOP and len(w) > 2}


def resolve_references(articles: Sequence[tuple[str, Article]]) -> tuple[ResolvedReference, ...]:
    """Every reference of every article, with the archived article it names when one matches."""
    exact: dict[str, str] = {}
    postings: defaultdict[str, list[str]] = defaultdict(list)
    titles: dict[str, str] = {}
    for page, article in articles:
        if article.title_inferred:
            continue  # an inferred title is a sentence of the text, not a headline anyone cites
        titles[page] = normalise(article.title)
        exact.setdefault(titles[page], page)
        for key in _keys(article.title):
            postings[key].append(page)
    resolved = []
    for page, article in articles:
        for index, reference in enumerate(article.references):
            target, score = _match(reference.title, page, exact, postings, titles)
            resolved.append(ResolvedReference(page, index, reference.title, reference.group, target, score))
    return tuple(resolved)


def _match(title: str, page: str, exact: dict[str, str], postings: dict[str, list[str]], titles: dict[str, str]) -> tuple[str | None, float]:
    wanted = normalise(title)
    if exact.get(wanted) not in (None, page):
        return exact[wanted], 100.0
    shared: Counter[str] = Counter()
    for key in _keys(title):
        shared.update(p for p in postings.get(key, ()) if p != page)
    best, best_score = None, 0.0
    # the 20 that share most words, ties by page: the same whatever order the words come in (a set's order changes from run to run)
    for candidate, _ in heapq.nsmallest(CANDIDATES, shared.items(), key=lambda item: (-item[1], item[0])):
        score = max(fuzz.ratio(wanted, titles[candidate]), fuzz.token_sort_ratio(wanted, titles[candidate]))
        if score > best_score:
            best, best_score = candidate, score
    return (best, round(best_score, 1)) if best_score >= MIN_SCORE else (None, round(best_score, 1))
