"""Related articles and co-occurring entities, from inverted indexes rather than every pair of articles."""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations

from .models import Entity, Relation, ResolvedReference, SharedPassage, entities_by_page

RELATED = 5  # shown per article
MAX_POSTING = 150  # an entity in more articles than this is no probe for related articles (it still scores)
PROBES = 12  # per article, the rarest entities it shares with others are the probes that find candidates
CANDIDATES = 4 * RELATED  # candidates per article scored exactly, over every entity they share
PASSAGE_WEIGHT = 3.0
CITATION_WEIGHT = 2.0
NEIGHBOURS = 8  # co-occurring entities shown per entity
PER_ARTICLE = 40  # entities per article taken into co-occurrence, most mentioned first


# Long: the inverted indexes of the three kinds of evidence (entities, passages, citations) are built, then
# each page's candidates are drawn from them and scored over all three, in one pass.
def relate(
    pages: Sequence[str],
    entities: Sequence[Entity],
    passages: Sequence[SharedPassage],
    references: Sequence[ResolvedReference],
) -> dict[str, tuple[Relation, ...]]:
    """For each page, the most related other pages and why.

    Candidates come from inverted indexes (the page's rarest shared entities, its passages, its citations),
    never from every pair of pages; each candidate is then scored over all the entities the two share.
    """
    total = max(len(pages), 1)
    articles = {e.id: e.articles for e in entities}  # a property that walks every mention: once per entity
    weight = {entity_id: math.log(1 + total / len(found)) for entity_id, found in articles.items()}
    postings = {entity_id: found for entity_id, found in articles.items() if len(found) <= MAX_POSTING}
    rank = {entity_id: n for n, entity_id in enumerate(sorted(weight, key=lambda e: (-weight[e], e)))}  # rarest first: an order to sort by
    named = entities_by_page(entities)
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
        # candidates: articles found through the page's rarest shared entities, passages and citations;
        # bounded probes keep this linear in the archive (common names have long postings)
        own = named.get(page, set())
        probes = sorted((e for e in own if e in postings and len(postings[e]) > 1), key=rank.__getitem__)[:PROBES]
        rough: dict[str, float] = {}
        for entity_id in probes:
            rarity = weight[entity_id]
            for other in postings[entity_id]:
                rough[other] = rough.get(other, 0.0) + rarity
        passages_with = shared_passages.get(page, Counter())
        for other, n in passages_with.items():
            rough[other] = rough.get(other, 0.0) + PASSAGE_WEIGHT * n
        citing, cited = cites.get(page, set()), cited_by.get(page, set())
        for other in citing | cited:
            rough[other] = rough.get(other, 0.0) + CITATION_WEIGHT
        rough.pop(page, None)
        relations = []
        for _, other in heapq.nsmallest(CANDIDATES, [(-value, other) for other, value in rough.items()]):  # highest, ties by page
            entities_shared = tuple(sorted(own & named.get(other, set()), key=rank.__getitem__))
            passages_shared = passages_with[other]
            linked = other in citing or other in cited
            if len(entities_shared) < 2 and not passages_shared and not linked:
                continue  # one name in common is chance
            value = sum(weight[e] for e in entities_shared) + PASSAGE_WEIGHT * passages_shared + (CITATION_WEIGHT if linked else 0.0)
            relations.append(Relation(other, round(value, 3), entities_shared, passages_shared, other in citing, other in cited))
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
