"""Typed records of the cross-linking stage."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple


class Kind(str, enum.Enum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PRODUCT = "product"
    PLACE = "place"
    EVENT = "event"


class Spot(NamedTuple):
    """Where a piece of article text sits: the body block, and the list item for lists (else -1).

    A named tuple, not a dataclass: spots key the mentions of every article, and a tuple hashes in C.
    """

    block: int
    item: int = -1


@dataclass(frozen=True)
class Text:
    """One piece of an article's body text that cross-linking reads."""

    spot: Spot
    text: str


@dataclass(frozen=True)
class Mention:
    """An entity named in an article's text."""

    article: str  # the record's page
    spot: Spot
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Quotation:
    article: str
    spot: Spot
    text: str


@dataclass(frozen=True)
class Entity:
    """A person, organisation, product, place or event, with every place the archive names it."""

    id: str  # slug, the entity page's file name
    name: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), repr=False)
    quotations: tuple[Quotation, ...] = field(default=(), repr=False)
    curated: bool = False

    @property
    def articles(self) -> tuple[str, ...]:
        """Pages that mention this entity, in order of first appearance."""
        return tuple(dict.fromkeys(m.article for m in self.mentions))


def entities_by_page(entities: Iterable[Entity]) -> dict[str, set[str]]:
    """The ids of the entities each page names."""
    named: dict[str, set[str]] = {}
    for entity in entities:
        for mention in entity.mentions:
            named.setdefault(mention.article, set()).add(entity.id)
    return named


@dataclass(frozen=True)
class PassageCopy:
    article: str
    spot: Spot


@dataclass(frozen=True)
class SharedPassage:
    """A paragraph that appears, verbatim or nearly, in several articles."""

    id: int
    copies: tuple[PassageCopy, ...]
    similarity: float  # lowest word-shingle Jaccard between a copy and the first one; 1.0 is verbatim
    text: str


@dataclass(frozen=True)
class Relation:
    """Why one article is related to another."""

    article: str
    score: float
    shared_entities: tuple[str, ...] = ()  # entity ids, most telling first
    shared_passages: int = 0
    cites: bool = False
    cited_by: bool = False

    def reason(self, names: dict[str, str]) -> str:
        parts = []
        if self.shared_passages:
            parts.append(f"{self.shared_passages} shared passage{'s' if self.shared_passages > 1 else ''}")
        if self.cites:
            parts.append("cited in its further reading")
        if self.cited_by:
            parts.append("cites this article")
        if self.shared_entities:
            shown = [names.get(e, e) for e in self.shared_entities[:4]]
            more = len(self.shared_entities) - len(shown)
            parts.append("both mention " + ", ".join(shown) + (f" and {more} more" if more > 0 else ""))
        return "; ".join(parts)


@dataclass(frozen=True)
class ResolvedReference:
    """A "Read more" title of one article, matched to an archived article or not."""

    article: str
    index: int  # position in the article's references
    title: str
    group: str
    target: str | None  # the matched record's page
    score: float = 0.0


#: How many times an entity is named, in one article or several, before it gets a page of its own: a name met
#: once is as often a name the recognisers misread, and its kind a guess.
SHOWN_FROM = 2


@dataclass(frozen=True)
class Links:
    """Everything the cross-linking stage found."""

    entities: tuple[Entity, ...] = ()
    passages: tuple[SharedPassage, ...] = ()
    related: dict[str, tuple[Relation, ...]] = field(default_factory=dict)
    references: tuple[ResolvedReference, ...] = ()
    cooccurring: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # entity id: (entity id, articles)

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def shown(self) -> Links:
        """The cross-links as the site's pages show them: only the entities named ``SHOWN_FROM`` times or more (in
        one article or several) or curated get a page, a link from the articles and a place in the indexes; the
        others stay in the data files (``corpus.jsonl``, ``entities.jsonl``) and in the articles' searchable text."""
        kept = tuple(e for e in self.entities if e.curated or len(e.mentions) >= SHOWN_FROM)
        if len(kept) == len(self.entities):
            return self
        ids = {e.id for e in kept}
        cooccurring = {key: tuple((other, n) for other, n in value if other in ids) for key, value in self.cooccurring.items() if key in ids}
        return replace(self, entities=kept, cooccurring=cooccurring)
