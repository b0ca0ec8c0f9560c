"""Cross-linking: entities, shared passages, references and related articles, for the whole archive at once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..models import Article
from .citations import resolve_references
from .curation import Curation, CurationError, load_curation
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
    phrases: Sequence[np.ndarray] | None = None,
    paragraphs: Sequence[Paragraphs] | None = None,
) -> Links:
    """Cross-link the articles, given as (page, article) pairs.

    ``phrases`` (their ``discover.phrase_table``) and ``paragraphs`` (``passages.paragraphs``) are what each
    article's own text gives, in order, when they are known already; else they are worked out here.
    """
    tables = {page: table for (page, _), table in zip(articles, phrases)} if phrases is not None else None
    entities = find_entities(articles, curation, tables)
    passages = find_passages(articles, paragraphs)
    references = resolve_references(articles)
    pages = [page for page, _ in articles]
    return Links(entities, passages, relate(pages, entities, passages, references), references, cooccurring(entities))
