"""Cross-linking: entities, shared passages, references and related articles, for the whole archive at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..common.memo import StepCache
from ..common.models import Article
from .citations import resolve_references
from .curation import Curation, CurationError, load_curation
from .discover import Reading, Sums
from .entities import body_texts, find_entities
from .models import Entity, Kind, Links, Mention, Relation, ResolvedReference, SharedPassage, Spot
from .ner import Recognised, recognise
from .passages import Paragraphs, find_passages
from .related import cooccurring, relate

__all__ = [
    "Curation",
    "CurationError",
    "Entity",
    "Kind",
    "Links",
    "Mention",
    "Relation",
    "ResolvedReference",
    "SharedPassage",
    "Spot",
    "link",
    "load_curation",
]


def link(
    articles: Sequence[tuple[str, Article]],
    curation: Curation | None = None,
    readings: Sequence[Reading] | None = None,
    paragraphs: Sequence[Paragraphs] | None = None,
    steps: StepCache | None = None,
    sums: Sums | None = None,
    recognised: Sequence[Recognised | None] | None = None,
) -> Links:
    """Cross-link the articles, given as (page, article) pairs.

    ``readings`` (``discover.read``) and ``paragraphs`` (``passages.paragraphs``) are what each article's
    own text gives, in order, when they are known already; else they are worked out here. ``steps`` keeps
    what the last run worked out, so that what did not change is not worked out again; ``sums`` are the
    ``readings`` summed, when they are known already (``discover.kept_sums``); ``recognised``, what the trained
    model read in each article (``ner.recognise``), when it is known already.
    """
    steps = steps or StepCache(None)
    by_page = {page: reading for (page, _), reading in zip(articles, readings)} if readings is not None else None
    if recognised is None:
        recognised = [recognise([t.text for t in body_texts(article)]) for _, article in articles]
    entities = find_entities(articles, curation, by_page, steps, sums, {page: found for (page, _), found in zip(articles, recognised)})
    passages = find_passages(articles, paragraphs)
    cited = [  # all that matching references reads: not where they stand in the capture, which an edit above them moves
        (page, article.title, article.title_inferred, [(r.title, r.group) for r in article.references]) for page, article in articles
    ]
    references = steps.once("references", cited, lambda: resolve_references(articles))
    pages = [page for page, _ in articles]
    related, neighbours = steps.once(
        "relations",
        (  # all that relating reads: which pages name each entity how often, share passages, cite others
            pages,
            [(e.id, tuple(Counter(m.article for m in e.mentions).items())) for e in entities],
            [sorted({c.article for c in p.copies}) for p in passages],
            [(r.article, r.target) for r in references],
        ),
        lambda: (relate(pages, entities, passages, references), cooccurring(entities)),
    )
    return Links(entities, passages, related, references, neighbours)
