"""Related articles and co-occurring entities, from inverted indexes rather than every pair of articles."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations

from .models import Entity, Relation, ResolvedReference, SharedPassage

RELATED = 5  # shown per article
MAX_POSTING = 2000  # an entity in more articles than this tells nothing about relatedness
PASSAGE_WEIGHT = 3.0
CITATION_WEIGHT = 2.0
NEIGHBOURS = 8  # co-occurring entities shown per entity
PER_ARTICLE = 40  # entities per article taken into co-occurrence, most mentioned first


def relate(
    pages: Sequence[str],
    entities: Sequence[Entity],
    passages: Sequence[SharedPassage],
    references: Sequence[ResolvedReference],
) -> dict[str, tuple[Relation, ...]]:
    """For each page, the most related other pages and why."""
    total = max(len(pages), 1)
    weight = {e.id: math.log(1 + total / len(e.articles)) for e in entities}
    by_page: defaultdict[str, list[str]] = defaultdict(list)
    for entity in entities:
        for page in entity.articles:
            by_page[page].append(entity.id)
    postings = {e.id: e.articles for e in entities if len(e.articles) <= MAX_POSTING}
    shared_passages: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for passage in passages:
        copies = sorted({c.article for c in passage.copies})
        for a, b in combinations(copies, 2):
            shared_passages[a][b] += 1
            shared_passages[b][a] += 1
    cites: defaultdict[str, set[str]] = defaultdict(set)
    for reference in references:
        if reference.target:
            cites[reference.article].add(reference.target)
    cited_by: defaultdict[str, set[str]] = defaultdict(set)
    for page, targets in cites.items():
        for target in targets:
            cited_by[target].add(page)

    related: dict[str, tuple[Relation, ...]] = {}
    for page in pages:
        score: Counter[str] = Counter()
        shared: defaultdict[str, list[str]] = defaultdict(list)
        for entity_id in by_page.get(page, ()):
            for other in postings.get(entity_id, ()):
                if other != page:
                    score[other] += weight[entity_id]
                    shared[other].append(entity_id)
        for other, n in shared_passages[page].items():
            score[other] += PASSAGE_WEIGHT * n
        for other in cites[page] | cited_by[page]:
            if other != page:
                score[other] += CITATION_WEIGHT
        relations = []
        for other, value in score.items():
            entities_shared = tuple(sorted(shared[other], key=lambda e: (-weight[e], e)))
            passages_shared = shared_passages[page][other]
            if len(entities_shared) < 2 and not passages_shared and other not in cites[page] | cited_by[page]:
                continue  # one name in common is chance
            relations.append(Relation(other, round(value, 3), entities_shared, passages_shared, other in cites[page], other in cited_by[page]))
        relations.sort(key=lambda r: (-r.score, r.article))
        related[page] = tuple(relations[:RELATED])
    return related


def cooccurring(entities: Sequence[Entity]) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each entity, the entities named in the most of the same articles."""
    mentions: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for entity in entities:
        for mention in entity.mentions:
            mentions[mention.article][entity.id] += 1
    pairs: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for counts in mentions.values():
        top = sorted(e for e, _ in counts.most_common(PER_ARTICLE))
        for a, b in combinations(top, 2):
            pairs[a][b] += 1
            pairs[b][a] += 1
    return {
        entity_id: tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:NEIGHBOURS])
        for entity_id, counter in pairs.items()
    }
