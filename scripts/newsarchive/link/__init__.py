"""Cross-linking: entities, shared passages, references and related articles, for the whole archive at once."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article
from .citations import resolve_references
from .curation import Curation, CurationError, load_curation
from .discover import Reading
from .entities import find_entities
from .models import Entity, Kind, Links, Mention, Relation, ResolvedReference, SharedPassage, Spot
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
) -> Links:
    """Cross-link the articles, given as (page, article) pairs.

    ``readings`` (``discover.read``) and ``paragraphs`` (``passages.paragraphs``) are what each article's
    own text gives, in order, when they are known already; else they are worked out here.
    """
    by_page = {page: reading for (page, _), reading in zip(articles, readings)} if readings is not None else None
    entities = find_entities(articles, curation, by_page)
    passages = find_passages(articles, paragraphs)
    references = resolve_references(articles)
    pages = [page for page, _ in articles]
    return Links(entities, passages, relate(pages, entities, passages, references), references, cooccurring(entities))
