"""Render the cross-links: a page per entity, the entity index, the "Not in the archive" page, entities.jsonl."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..link import Entity, Kind, Links, Mention
from ..link.entities import body_texts
from .markdown import md_escape, page_text
from .page_cache import PageCache
from .render import ENTITIES_DIR, MISSING_PAGE, Record, environment, entity_page, newest_first, paged, relative
from .write import Content

ENTITIES_INDEX = f"{ENTITIES_DIR}/index.md"
LISTED_ARTICLES = 200  # articles listed on one entity page, newest first
INDEX_TOP = 100  # entities of a kind listed on the entity index, most named first; all of them on pages of their own
KIND_PER_PAGE = 100
SNIPPET = 240

_KIND_TITLES = {
    Kind.PERSON: "People",
    Kind.ORGANISATION: "Organisations",
    Kind.PRODUCT: "Products",
    Kind.PLACE: "Places",
    Kind.EVENT: "Events",
}
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…][”’\"')]*\s+")


def snippet(text: str, start: int, end: int) -> Markup:
    """The sentence around a mention, escaped, the mention in bold, cut to about 240 characters."""
    sentence_start = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        sentence_start = match.end()
    found = _SENTENCE_END.search(text, end)
    sentence_end = found.start() + 1 if found else len(text)
    left, right = text[sentence_start:start], text[end:sentence_end]
    room = max(SNIPPET - (end - start), 40)
    if len(left) > room // 2:
        left = "…" + left[-(room // 2):].lstrip()
    if len(right) > room - len(left):
        right = right[: room - len(left)].rstrip() + "…"
    one_line = lambda t: _SPACE.sub(" ", t)  # noqa: E731
    return Markup(f"{md_escape(one_line(left))}**{md_escape(text[start:end])}**{md_escape(one_line(right))}")


def _text_at(record: Record, mention: Mention) -> str:
    block = record.article.body[mention.spot.block]
    return block.items[mention.spot.item].text if mention.spot.item >= 0 else block.text


def ranks(records: Iterable[Record]) -> dict[str, int]:
    """Each record's page and its place in the archive, newest first."""
    return {record.page: number for number, record in enumerate(newest_first(list(records)))}


@dataclass(frozen=True)
class Listing:
    """What an entity's page shows of the archive's articles, read from them beforehand."""

    articles: tuple[tuple[str, Markup, str, int, Markup], ...]  # (title, link, date, mentions, snippet), newest first
    unlisted: int  # older articles left out
    article_count: int
    quotations: tuple[tuple[str, str, Markup], ...]  # (quotation, title of its article, link)


def _listed(entity: Entity, rank: dict[str, int]) -> tuple[dict[str, list[Mention]], list[str]]:
    """The entity's mentions by article, and the articles in ``rank`` that it names, newest first."""
    by_article: dict[str, list[Mention]] = {}
    for mention in entity.mentions:
        by_article.setdefault(mention.article, []).append(mention)
    return by_article, sorted((p for p in by_article if p in rank), key=rank.__getitem__)


def listing_inputs(entity: Entity, records: dict[str, Record], rank: dict[str, int]) -> tuple | None:
    """What ``listing`` reads, for a cache key, without reading the articles: each named by the key it was
    parsed under (``Record.parsed``); None when an article it would read has no such key."""
    by_article, ordered = _listed(entity, rank)
    read = [*ordered[:LISTED_ARTICLES], *(q.article for q in entity.quotations if q.article in records)]
    if not all(records[p].parsed for p in read):
        return None
    articles = tuple((p, records[p].parsed, len(by_article[p]), by_article[p][0].spot, by_article[p][0].start, by_article[p][0].end) for p in ordered[:LISTED_ARTICLES])
    quotations = tuple((q.text, q.article, records[q.article].parsed) for q in entity.quotations if q.article in records)
    return articles, len(by_article), len(ordered), quotations


def listing(entity: Entity, records: dict[str, Record], rank: dict[str, int]) -> Listing:
    """What ``entity``'s page lists; ``rank`` is each page's place in the archive newest first (``ranks``)."""
    page = entity_page(entity.id)
    by_article, ordered = _listed(entity, rank)
    articles = []
    for article_page in ordered[:LISTED_ARTICLES]:
        record, first = records[article_page], by_article[article_page][0]
        link = Markup(relative(article_page, page))
        date = record.article.published.iso() or "undated"
        articles.append((record.article.title, link, date, len(by_article[article_page]), snippet(_text_at(record, first), first.start, first.end)))
    quotations = tuple(
        (quotation.text, records[quotation.article].article.title, Markup(relative(quotation.article, page)))
        for quotation in entity.quotations
        if quotation.article in records
    )
    return Listing(tuple(articles), max(0, len(ordered) - LISTED_ARTICLES), len(by_article), quotations)


def render_entity(entity: Entity, shown: Listing, links: Links, names: dict[str, Entity], split_search: bool = False) -> str:
    """An entity's page. What it shows of the articles comes in ``shown``, so that a forked worker making it
    reads no article: reading one writes its reference counts, and the worker would copy its memory."""
    page = entity_page(entity.id)
    neighbours = [
        (names[other], Markup(relative(entity_page(other), page)), count)
        for other, count in links.cooccurring.get(entity.id, ())
        if other in names
    ]
    body = environment().get_template("entity.md.j2").render(
        entity=entity,
        kind=entity.kind.value,
        mentions=len(entity.mentions),
        article_count=shown.article_count,
        articles=shown.articles,
        unlisted=shown.unlisted,
        quotations=shown.quotations,
        neighbours=neighbours,
        index_link=Markup(relative(ENTITIES_INDEX, page)),
    )
    meta: dict = {"title": entity.name, "entity_kind": entity.kind.value, "aliases": list(entity.aliases), "roles": list(entity.roles)}
    if split_search:
        meta["search"] = {"exclude": True}  # Material's index would grow with the archive
    return page_text(body, meta)


def article_counts(entities: Sequence[Entity]) -> dict[str, int]:
    """How many articles name each entity, by its id: ``Entity.articles`` walks every mention, so once each."""
    return {e.id: len(e.articles) for e in entities}


def render_entities_index(entities: Sequence[Entity], counts: dict[str, int] | None = None) -> dict[str, str]:
    """The entity index, a section per kind, most named first; a kind with more than ``INDEX_TOP`` entities
    shows its first ones there and lists them all on pages of its own (``KIND_PER_PAGE`` rows each).
    ``counts`` are the ``article_counts``, when known already."""
    counts = counts if counts is not None else article_counts(entities)
    files: dict[str, str] = {}
    sections = []
    for kind, title in _KIND_TITLES.items():
        members = sorted((e for e in entities if e.kind is kind), key=lambda e: (-counts[e.id], e.name.casefold()))
        if not members:
            continue
        whole = None
        if len(members) > INDEX_TOP:
            pages = paged(f"{ENTITIES_DIR}/kinds/{title.lower()}.md", members, KIND_PER_PAGE)
            for page in pages:
                files[page.path] = environment().get_template("entity_kind.md.j2").render(
                    title=page.title(title),
                    total=len(members),
                    what=title.lower(),
                    rows=_index_rows(page.items, page.path, counts),
                    pager=page.pager,
                    index_link=Markup(relative(ENTITIES_INDEX, page.path)),
                )
            whole = Markup(relative(pages[0].path, ENTITIES_INDEX))
        sections.append((title, _index_rows(members[:INDEX_TOP], ENTITIES_INDEX, counts), len(members), whole))
    files[ENTITIES_INDEX] = environment().get_template("entities.md.j2").render(sections=sections, total=len(entities))
    return files


def _index_rows(members: Sequence[Entity], page: str, counts: dict[str, int]) -> list[tuple[Entity, Markup, int, int]]:
    return [(e, Markup(relative(entity_page(e.id), page)), counts[e.id], len(e.mentions)) for e in members]


MISSING_PER_PAGE = 100  # citing articles on one page of "Not in the archive"
TAGS_PAGE = "tags.md"
TAGS_LISTED = 300


def render_missing(links: Links, records: dict[str, Record], cache: PageCache | None = None) -> dict[str, Content]:
    """References that no archived article matches, grouped by the article that cites them, 100 articles a page;
    a page that shows what it showed when it was stored comes from ``cache``."""
    citing: dict[str, list] = {}
    for reference in links.references:
        if reference.target is None and reference.article in records:
            citing.setdefault(reference.article, []).append(reference)
    found = sum(1 for r in links.references if r.target)
    missing = sum(len(refs) for refs in citing.values())
    pages = paged(MISSING_PAGE, newest_first([records[p] for p in citing]), MISSING_PER_PAGE)

    def render(i: int) -> str:
        page = pages[i]
        groups = [(record, Markup(relative(record.page, page.path)), citing[record.page]) for record in page.items]
        return environment().get_template("missing.md.j2").render(groups=groups, missing=missing, found=found, pager=page.pager)

    def inputs(i: int) -> tuple:
        page = pages[i]  # what the template prints; the links follow from the pages' paths
        shown = tuple((r.page, r.article.title, tuple((ref.title, ref.group) for ref in citing[r.page])) for r in page.items)
        return page.path, tuple(page.pager), missing, found, shown

    made = (cache or PageCache(None)).pages("missing", len(pages), inputs, render, jobs=1)
    return {page.path: text for page, text in zip(pages, made)}


def render_tags(entities: Sequence[Entity], counts: dict[str, int] | None = None) -> str:
    """The tags (the entities articles name most), with their number of articles, each leading to its entity page.
    ``counts`` are the ``article_counts``, when known already."""
    counts = counts if counts is not None else article_counts(entities)
    ranked = sorted(entities, key=lambda e: (-counts[e.id], e.name.casefold()))[:TAGS_LISTED]
    rows = [(e, Markup(relative(entity_page(e.id), TAGS_PAGE)), counts[e.id]) for e in ranked]
    return environment().get_template("tags.md.j2").render(rows=rows, total=len(entities), index=Markup(relative(ENTITIES_INDEX, TAGS_PAGE)))


def entity_line(entity: Entity, links: Links, shown: bool = True) -> str:
    """One record of ``entities.jsonl``; the page is null for an entity the site shows no page of (``Links.shown``)."""
    by_article: dict[str, int] = {}
    for mention in entity.mentions:
        by_article[mention.article] = by_article.get(mention.article, 0) + 1
    data = {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind.value,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "curated": entity.curated,
        "page": entity_page(entity.id) if shown else None,
        "mentions": len(entity.mentions),
        "articles": [{"page": page, "mentions": n} for page, n in by_article.items()],
        "quotations": [{"page": q.article, "block": q.spot.block, "text": q.text} for q in entity.quotations],
        "cooccurring": [{"id": other, "articles": n} for other, n in links.cooccurring.get(entity.id, ())],
    }
    return json.dumps(data, ensure_ascii=False)


def render_link_pages(
    links: Links,
    records: Sequence[Record],
    split_search: bool = False,
    jobs: int | None = None,
    cache: PageCache | None = None,
    shown: Links | None = None,
) -> Iterator[tuple[str, Content]]:
    """Every page and data file of the cross-links, as (path in the docs folder, ``Content``); entity pages
    by ``jobs`` processes, and read back from ``cache`` when what they show did not change. Pages and indexes
    show the entities of ``shown`` (``links.shown()``, when the caller has not worked it out); ``entities.jsonl``
    holds them all."""
    every = links
    links = shown if shown is not None else links.shown()
    by_page = {r.page: r for r in records}
    names = links.by_id()
    entities = links.entities
    rank = ranks(records)
    cache = cache or PageCache(None)
    shown: dict[int, Listing] = {}  # made before the pages that need them are shared out (``prepare``)

    def inputs(i: int) -> tuple:
        entity = entities[i]
        neighbours = tuple((other, names[other].name, names[other].kind, count) for other, count in links.cooccurring.get(entity.id, ()) if other in names)
        listed = listing_inputs(entity, by_page, rank)
        if listed is None:  # an article not named by a parse key: the listing itself goes into the key
            listed = shown[i] = listing(entity, by_page, rank)
        return entity.id, entity.name, entity.kind, entity.aliases, entity.roles, len(entity.mentions), listed, neighbours, split_search

    def prepare(missing: list[int]) -> None:
        shown.update((i, listing(entities[i], by_page, rank)) for i in missing if i not in shown)

    pages = cache.pages("entity", len(entities), inputs, lambda i: render_entity(entities[i], shown[i], links, names, split_search), jobs, prepare)
    for number, page in enumerate(pages):  # drawn to the end, so the workers stop before the next share-out
        yield entity_page(entities[number].id), page
    counts = article_counts(links.entities)
    yield from render_entities_index(links.entities, counts).items()
    yield from render_missing(links, by_page, cache).items()
    yield TAGS_PAGE, render_tags(links.entities, counts)
    paged = {e.id for e in links.entities}
    yield "entities.jsonl", (entity_line(e, every, e.id in paged) + "\n" for e in every.entities)


__all__ = ["ENTITIES_INDEX", "body_texts", "render_link_pages", "snippet"]
