"""References ("Read more" titles) matched to archived articles by fuzzy title match."""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..common.models import Article
from .models import ResolvedReference

MIN_SCORE = 88.0
CANDIDATES = 20  # titles compared in full with a reference's, of those sharing most words with it
_WORD = re.compile(r"\w+")
_STOP = frozenset("a an and the of to in on for with by at from is are as its it this that how why what".split())


def normalise(title: str) -> str:
    return " ".join(_WORD.findall(title.casefold()))


def _keys(title: str) -> set[str]:
    return _words(normalise(title))


def _words(normalised: str) -> set[str]:
    return {w for w in normalised.split() if w not in _STOP and len(w) > 2}


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
    scored: dict[str, list[tuple[str, float]]] = {}  # by wanted title: several articles cite the same one
    resolved = []
    for page, article in articles:
        for index, reference in enumerate(article.references):
            wanted = normalise(reference.title)
            if wanted not in scored:
                scored[wanted] = _candidates(wanted, postings, titles)
            target, score = _match(wanted, page, exact, scored[wanted])
            resolved.append(ResolvedReference(page, index, reference.title, reference.group, target, score))
    return tuple(resolved)


def _candidates(wanted: str, postings: dict[str, list[str]], titles: dict[str, str]) -> list[tuple[str, float]]:
    """The titles that share most words with ``wanted``, ties by page, with how like it each is: one more than
    are compared, for the citing article, which may be among them, is left out of its own candidates."""
    shared: Counter[str] = Counter()
    for key in _words(wanted):
        shared.update(postings.get(key, ()))
    # ties by page: the same whatever order the words come in (a set's order changes from run to run)
    best = heapq.nsmallest(CANDIDATES + 1, shared.items(), key=lambda item: (-item[1], item[0]))
    return [(page, max(fuzz.ratio(wanted, titles[page]), fuzz.token_sort_ratio(wanted, titles[page]))) for page, _ in best]


def _match(wanted: str, page: str, exact: dict[str, str], candidates: list[tuple[str, float]]) -> tuple[str | None, float]:
    """The article a reference from ``page`` to the title ``wanted`` names, and how sure that is."""
    if exact.get(wanted) not in (None, page):
        return exact[wanted], 100.0
    best, best_score = None, 0.0
    for candidate, score in [c for c in candidates if c[0] != page][:CANDIDATES]:
        if score > best_score:
            best, best_score = candidate, score
    return (best, round(best_score, 1)) if best_score >= MIN_SCORE else (None, round(best_score, 1))
