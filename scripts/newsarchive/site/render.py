"""Render records to Markdown pages with YAML front matter, and the corpus to JSON Lines."""

from __future__ import annotations

import dataclasses
import enum
import json
import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

import jinja2
from markupsafe import Markup

from ..common.guard import FailedPage, reason_of
from ..common.memo import inputs_digest
from ..common.models import Article, Precision, PubDate
from ..common.paths import link_from
from ..common.processes import fork_map
from ..common.slugs import slugify
from ..link import Entity, Links, Mention, Relation, ResolvedReference, SharedPassage, Spot
from .cite import apa, bibtex, fence, mla
from .markdown import finalize, md_escape, page_text
from .page_cache import LinePack
from .records import UNKNOWN_SOURCE, Record

SITE_TITLE = "News archive"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsarchive.site", "templates"),
        finalize=finalize,
        autoescape=False,  # Markdown, not HTML: ``finalize`` escapes every value for Markdown
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def author_page(name: str) -> str:
    return f"authors/{_name_slug(name)}.md"


def source_page(name: str) -> str:
    return f"sources/{_name_slug(name)}.md"


def _name_slug(name: str) -> str:
    """An author's or a source's slug, never one of the folder's index pages ("index", "index-2"…)."""
    slug = slugify(name, "unknown")
    return f"named-{slug}" if re.fullmatch(r"index(-\d+)?", slug) else slug


def month_page(date: PubDate) -> str:
    """The archive page of the month (or year) an article appeared in; undated ones have their own."""
    if date.value is None:
        return "articles/undated/index.md"
    if date.precision is Precision.YEAR:
        return f"articles/{date.value.year:04d}/index.md"
    return f"articles/{date.value.year:04d}/{date.value.month:02d}/index.md"


def date_label(date: PubDate) -> str:
    value = date.value
    if value is None:
        return "undated"
    if date.precision is Precision.YEAR:
        return str(value.year)
    if date.precision is Precision.MONTH:
        return value.strftime("%B %Y")
    day = f"{value.strftime('%A')} {value.day} {value.strftime('%B %Y')}"
    return f"{day}, {value.strftime('%H:%M')}" if date.precision is Precision.MINUTE else day


def _link(text: str, target: str, page: str) -> Markup:
    return Markup(f"[{md_escape(text)}]({relative(target, page)})")


def _byline(record: Record) -> Markup:
    """Author, date and time, source and dateline, each linked to its browse page."""
    article, page = record.article, record.page
    if article.authors:
        links = [_link(name, author_page(name), page) for name in article.authors]
        who = Markup("By ") + (links[0] if len(links) == 1 else Markup(", ").join(links[:-1]) + Markup(" and ") + links[-1])
    else:
        who = Markup("Author unknown")
    date = article.published
    when = Markup(f'<time datetime="{date.iso()}">{md_escape(date_label(date))}</time>') if date.known else Markup("Undated")
    parts = [who, when + Markup(" (") + _link(month_label(date), month_page(date), page) + Markup(")"), _link(record.publication, source_page(record.publication), page)]
    if article.dateline:
        parts.append(Markup(md_escape(article.dateline)))
    return Markup(" · ").join(parts)


def _facts(record: Record) -> str:
    article = record.article
    captured, claimed = article.comments_captured(), article.comments_claimed
    comments = f"{captured} comment{'s' if captured != 1 else ''} captured"
    if claimed is not None:
        comments += f" of {claimed} the page claimed"
    return f"{record.words()} words · {record.reading_minutes()} min read · {comments}"


def front_matter(record: Record) -> dict:
    """The page's metadata, written through python-frontmatter's YAML handler."""
    article = record.article
    return {
        "title": article.title,
        "title_inferred": article.title_inferred,
        "subtitle": article.subtitle,
        "author": record.author_text,
        "authors": list(article.authors),
        "organisation": article.organisation,
        "date": article.published.iso(),
        "date_precision": article.published.precision.value,
        "date_text": article.published.text or None,
        "dateline": article.dateline,
        "source": record.source,
        "source_url": record.url,
        "captured_at": record.captured_at,
        "sha256": record.sha256,
        "encoding": record.encoding,
        "raw": link_from(record.page, record.raw_copy),
        "words": record.words(),
        "comments_claimed": article.comments_claimed,
        "comments_captured": article.comments_captured(),
        "warnings": list(article.warnings),
    }


def json_ld(record: Record) -> dict:
    """schema.org NewsArticle data for the page head."""
    article = record.article
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "author": [{"@type": "Person", "name": name} for name in article.authors],
        "wordCount": record.words(),
        "commentCount": article.comments_captured(),
        "isAccessibleForFree": True,
    }
    if article.published.known:
        data["datePublished"] = article.published.iso()
    if record.publication != UNKNOWN_SOURCE:
        data["publisher"] = {"@type": "Organization", "name": record.publication}
    if article.dateline:
        data["dateline"] = article.dateline
    return data


ENTITIES_DIR = "entities"
MISSING_PAGE = "missing.md"


@dataclass(frozen=True)
class ArticleLinks:
    """What cross-linking found for one article, arranged for its page."""

    first_mentions: dict[Spot, list[tuple[int, int, Entity]]] = field(default_factory=dict)
    passages: dict[Spot, list[SharedPassage]] = field(default_factory=dict)
    related: tuple[Relation, ...] = ()
    references: dict[int, ResolvedReference] = field(default_factory=dict)
    entities: tuple[tuple[Entity, int], ...] = ()  # with the number of mentions, most first


def article_links(links: Links) -> dict[str, ArticleLinks]:
    """Every article's share of the cross-links, by page."""
    first: dict[str, dict[Spot, list[tuple[int, int, Entity]]]] = {}
    counts: dict[str, dict[str, tuple[Entity, int]]] = {}
    for entity in links.entities:
        earliest: dict[str, tuple[tuple[int, int, int], Mention]] = {}  # by page: where its first mention stands
        times: dict[str, int] = {}
        for mention in entity.mentions:
            article, spot = mention.article, mention.spot
            times[article] = times.get(article, 0) + 1
            place = (spot.block, spot.item, mention.start)
            kept = earliest.get(article)
            if kept is None or place < kept[0]:
                earliest[article] = place, mention
        for page, number in times.items():
            counts.setdefault(page, {})[entity.id] = (entity, number)
        for page, (_, mention) in earliest.items():
            first.setdefault(page, {}).setdefault(mention.spot, []).append((mention.start, mention.end, entity))
    passages: dict[str, dict[Spot, list[SharedPassage]]] = {}
    for passage in links.passages:
        for copy in passage.copies:
            passages.setdefault(copy.article, {}).setdefault(copy.spot, []).append(passage)
    references: dict[str, dict[int, ResolvedReference]] = {}
    for reference in links.references:
        references.setdefault(reference.article, {})[reference.index] = reference
    pages = set(first) | set(passages) | set(links.related) | set(references)
    return {
        page: ArticleLinks(
            first.get(page, {}),
            passages.get(page, {}),
            links.related.get(page, ()),
            references.get(page, {}),
            tuple(sorted(counts.get(page, {}).values(), key=lambda item: (-item[1], item[0].name))),
        )
        for page in pages
    }


def shown_links(views: dict[str, ArticleLinks], links: Links, shown: Links) -> dict[str, ArticleLinks]:
    """``article_links(shown)`` from ``views``, which is ``article_links(links)``, where ``shown`` is ``links.shown()``:
    each article's share with only the shown entities, in the same order, worked out without a second pass over
    every mention."""
    if shown is links:
        return views
    kept = {entity.id for entity in shown.entities}
    order = {entity.id: n for n, entity in enumerate(links.entities)}
    out = {}
    for page, view in views.items():
        firsts = []  # (where its first shown entity stands among the entities, spot, its shown mentions)
        for spot, found in view.first_mentions.items():
            shown_here = [item for item in found if item[2].id in kept]
            if shown_here:
                firsts.append((order[shown_here[0][2].id], spot, shown_here))
        firsts.sort(key=lambda first: first[0])  # as ``article_links`` meets the spots: in the entities' order
        first_mentions = {spot: found for _, spot, found in firsts}
        if not (first_mentions or view.passages or view.related or view.references):
            continue
        entities = tuple(item for item in view.entities if item[0].id in kept)
        out[page] = ArticleLinks(first_mentions, view.passages, view.related, view.references, entities)
    return out


def entity_page(entity_id: str) -> str:
    return f"{ENTITIES_DIR}/{entity_id}.md"


def relative(target: str, page: str) -> str:
    """A relative link from ``page`` to ``target``, both paths of the docs folder (an anchor may follow)."""
    path, _, anchor = target.partition("#")
    link = link_from(page, path)
    return f"{link}#{anchor}" if anchor else link


def paginate(base: str, items: Sequence, per_page: int) -> list[tuple[str, list]]:
    """``items`` in pages of ``per_page``: ``base`` ("authors/tom-warren.md"), then "…-2.md", "…-3.md"."""
    chunks = [list(items[i: i + per_page]) for i in range(0, max(len(items), 1), per_page)]
    return [(base if n == 0 else f"{base[:-3]}-{n + 1}.md", chunk) for n, chunk in enumerate(chunks)]


def pager(paths: Sequence[str], current: int) -> list[tuple[str, Markup, bool]]:
    """(number, link, is this page) for each page of a paginated listing, seen from page ``current``; none for one page."""
    if len(paths) < 2:
        return []
    return [(str(n + 1), Markup(relative(path, paths[current])), n == current) for n, path in enumerate(paths)]


class Page(NamedTuple):
    """One page of a paginated listing (``paged``)."""

    path: str
    items: list
    pager: list[tuple[str, Markup, bool]]
    number: int  # from 1

    def title(self, title: str) -> str:
        """The listing's title, with the page's number after the first page."""
        return title if self.number == 1 else f"{title} (page {self.number})"


def paged(base: str, items: Sequence, per_page: int) -> list[Page]:
    """``items`` in pages of ``per_page`` (``paginate``), each with the pager that leads to the others."""
    parts = paginate(base, items, per_page)
    paths = [path for path, _ in parts]
    return [Page(path, chunk, pager(paths, n), n + 1) for n, (path, chunk) in enumerate(parts)]


def linked_text(text: str, spans: list[tuple[int, int, str, str]]) -> Markup:
    """``text`` escaped for Markdown, with each (start, end, href, css class) span made a link."""
    out, position = [], 0
    for start, end, href, css in sorted(spans):
        if start < position:
            continue
        out.append(md_escape(text[position:start]))
        out.append(f"[{md_escape(text[start:end])}]({href}){{: .{css} }}")
        position = end
    out.append(md_escape(text[position:]))
    return Markup("".join(out))


@dataclass(frozen=True)
class _BlockView:
    kind: str
    text: Markup
    items: tuple[tuple[int, Markup], ...] = ()
    ordered: bool = False
    level: int = 2
    anchor: str = ""
    shared: tuple[tuple[Markup, str], ...] = ()  # (link Markdown, how similar)


def _block_views(record: Record, view: ArticleLinks, titles: dict[str, str]) -> list[_BlockView]:
    blocks = []
    anchored: set[int] = set()
    for index, block in enumerate(record.article.body):
        def spans(item: int) -> list[tuple[int, int, str, str]]:
            return [
                (start, end, relative(entity_page(entity.id), record.page), "na-entity")
                for start, end, entity in view.first_mentions.get(Spot(index, item), [])
            ]

        shared = []
        anchor = ""
        for passage in view.passages.get(Spot(index), []):
            if passage.id not in anchored:
                anchored.add(passage.id)
                anchor = f"passage-{passage.id}"
            how = "verbatim" if passage.similarity >= 1.0 else "nearly verbatim"
            for copy in passage.copies:
                if copy.article != record.page and copy.article in titles:
                    href = relative(f"{copy.article}#passage-{passage.id}", record.page)
                    shared.append((Markup(f"[{md_escape(titles[copy.article])}]({href})"), how))
        items = tuple((item.depth, linked_text(item.text, spans(n))) for n, item in enumerate(block.items))
        blocks.append(
            _BlockView(block.kind.value, linked_text(block.text, spans(-1)), items, block.ordered, block.level, anchor, tuple(shared))
        )
    return blocks


def render_article(
    record: Record, view: ArticleLinks | None = None, titles: dict[str, str] | None = None, split_search: bool = False
) -> str:
    """An article's page. ``view`` holds its cross-links, ``titles`` the title of every page it may link to.

    With ``split_search`` the page stays out of Material's index: the split index finds it.
    """
    view = view or ArticleLinks()
    titles = titles or {}
    article = record.article
    captured = article.comments_captured()
    summary = f"{captured} comments captured"
    if article.comments_claimed is not None:
        summary += f"; the page claimed {article.comments_claimed}"
    references = []
    for index, reference in enumerate(article.references):
        resolved = view.references.get(index)
        target = resolved.target if resolved else None
        references.append((reference, Markup(relative(target, record.page)) if target and target in titles else None))
    names = {entity.id: entity.name for entity, _ in view.entities}
    related = [
        (titles[r.article], Markup(relative(r.article, record.page)), r.reason(names))
        for r in view.related
        if r.article in titles
    ]
    body = environment().get_template("article.md.j2").render(
        article=article,
        blocks=_block_views(record, view, titles),
        references=references,
        missing_link=Markup(relative(MISSING_PAGE, record.page)),
        related=related,
        byline=_byline(record),
        facts=_facts(record),
        citations=[("APA", apa(record)), ("MLA", mla(record)), ("BibTeX", bibtex(record))],
        fence=fence,
        comment_summary=summary,
        source=posixpath.basename(record.source.split("#", 1)[0]),
        raw_link=Markup(link_from(record.page, record.raw_copy)),
        sha256=record.sha256,
        url=Markup(record.url.replace("`", "")) if record.url else None,
        captured_at=record.captured_at,
    )
    meta = front_matter(record)
    meta["tags"] = [entity.name for entity, _ in view.entities[:TAGS]]
    meta["schema"] = json_ld(record)
    if split_search:
        meta["search"] = {"exclude": True}
    return page_text(body, meta)


TAGS = 5  # the entities an article names most become its tags


def failed_page(record: Record, reason: str) -> FailedPage:
    """The stand-in page of ``record``, whose rendering raised ``reason``: nothing of its capture is lost."""
    body = (
        f"# {md_escape(record.article.title)}\n\n"
        f"!!! failure \"This article's page could not be made\"\n\n"
        f"    {md_escape(reason)}\n\n"
        f"[The raw capture]({link_from(record.page, record.raw_copy)}) holds all of it.\n"
    )
    page = FailedPage(page_text(body, {"title": record.article.title}))
    page.reason = reason
    return page


def guarded_article(record: Record, view: ArticleLinks | None = None, titles: dict[str, str] | None = None, split_search: bool = False) -> str:
    """``render_article``, or the ``failed_page`` of an article whose page raises: one article's trouble fails
    only its own page."""
    try:
        return render_article(record, view, titles, split_search)
    except Exception as error:  # noqa: BLE001 - any failure of one page is that page's
        return failed_page(record, f"failed while rendering its page: {reason_of(error)}")


def page_inputs(record: Record, view: ArticleLinks | None) -> tuple:
    """Everything ``render_article`` and ``corpus_line`` read besides the code and the titles of other pages, for a cache key.

    The record (its article by the key it was parsed under, when known: far less to digest than the article
    itself), and of the rest of the archive only what the page shows: entity ids and names (not their
    mentions), the passages' copies, the relations, the reference targets, and last the pages it links to,
    whose titles the article page shows too. Records of cross-linking are spelled as plain tuples of their
    fields, in order, which pickle faster than the objects (10,000 pages' keys are made in every run).
    """
    view = view or ArticleLinks()
    fields = vars(record)
    own = tuple(None if name == "article" and record.parsed else value for name, value in fields.items())  # named by ``parsed``
    mentions = tuple(((spot.block, spot.item), tuple((start, end, entity.id) for start, end, entity in found)) for spot, found in view.first_mentions.items())
    passages = tuple(
        ((spot.block, spot.item), tuple((p.id, p.similarity, tuple((c.article, c.spot.block, c.spot.item) for c in p.copies)) for p in found))
        for spot, found in view.passages.items()
    )
    linked = {c.article for found in view.passages.values() for p in found for c in p.copies}
    linked |= {r.article for r in view.related} | {r.target for r in view.references.values() if r.target}
    return (
        own,
        mentions,
        passages,
        tuple(tuple(vars(relation).values()) for relation in view.related),
        tuple((number, tuple(vars(reference).values())) for number, reference in sorted(view.references.items())),
        tuple((entity.id, entity.name, count) for entity, count in view.entities),
        tuple(sorted(linked)),
    )


class InputDigests:
    """The digest of each record's ``page_inputs``, with the pages it links to: worked out once for a run,
    where both its page and its corpus line are looked up in the page cache."""

    def __init__(self, views: dict[str, ArticleLinks]) -> None:
        self.views = views
        self._made: dict[str, tuple[str, tuple[str, ...]]] = {}

    def __call__(self, record: Record) -> tuple[str, tuple[str, ...]]:
        made = self._made.get(record.page)
        if made is None:
            inputs = page_inputs(record, self.views.get(record.page))
            made = self._made[record.page] = (inputs_digest("article", inputs), inputs[-1])
        return made

    def page_key_inputs(self, record: Record, titles: dict[str, str]) -> tuple:
        """What an article page's key is made of: its inputs' digest and the titles of the pages it links to."""
        digest, linked = self(record)
        return digest, tuple(titles.get(page) for page in linked)


def newest_first(records: Sequence[Record]) -> list[Record]:
    """Dated articles newest first, then the undated, each by source for a stable order."""
    dated = sorted((r for r in records if r.article.published.known), key=lambda r: r.source)
    dated.sort(key=lambda r: r.article.published.value.replace(tzinfo=None), reverse=True)  # type: ignore[union-attr]
    undated = sorted((r for r in records if not r.article.published.known), key=lambda r: r.source)
    return dated + undated


ARTICLES_PAGE = "articles/index.md"


def month_label(date: PubDate) -> str:
    if not date.known:
        return "Undated"
    assert date.value is not None
    if date.precision is Precision.YEAR:
        return f"{date.value.year} (month unknown)"
    return date.value.strftime("%B %Y")


def _jsonable(value: object) -> object:
    """``value`` as JSON-ready data: a dataclass as a dict of its fields, in order (what ``dataclasses.asdict``
    gives, without the deep copy it makes of every value: a third of an article's ``corpus.jsonl`` line), an
    enum as its value, a date and time in ISO 8601, a tuple as a list."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    names = _field_names(kind)
    if names is not None:
        return {name: _jsonable(getattr(value, name)) for name in names}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass, in order, as ``dataclasses.fields`` lists them; None for other types."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None


def article_data(article: Article) -> dict:
    """The whole parsed article as JSON-ready data (the schema of ``corpus.jsonl``)."""
    data = _jsonable(article)
    assert isinstance(data, dict)
    data["published"]["iso"] = article.published.iso()
    return data


def _links_data(view: ArticleLinks) -> dict:
    """An article's cross-links as JSON-ready data."""
    passages = sorted({(p.id, spot.block) for spot, found in view.passages.items() for p in found})
    return {
        "entities": [{"id": entity.id, "mentions": count} for entity, count in view.entities],
        "shared_passages": [{"id": pid, "block": block} for pid, block in passages],
        "related": [
            {"page": r.article, "score": r.score, "shared_entities": list(r.shared_entities), "shared_passages": r.shared_passages, "cites": r.cites, "cited_by": r.cited_by}
            for r in view.related
        ],
        "reference_targets": [view.references[i].target if i in view.references else None for i in range(len(view.references))],
    }


def corpus_line(record: Record, view: ArticleLinks | None = None) -> str:
    """One record of ``corpus.jsonl``: provenance, the whole parsed article, and its cross-links."""
    provenance = {
        "id": posixpath.splitext(posixpath.basename(record.page))[0],
        "source": record.source,
        "source_url": record.url,
        "captured_at": record.captured_at,
        "sha256": record.sha256,
        "size": record.size,
        "encoding": record.encoding,
        "page": record.page,
        "raw": record.raw_copy,
    }
    data = {**provenance, **article_data(record.article), "links": _links_data(view or ArticleLinks())}  # all three JSON-ready
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


def render_corpus(
    records: Sequence[Record],
    views: dict[str, ArticleLinks] | None = None,
    jobs: int | None = None,
    pack: LinePack | None = None,
    digests: InputDigests | None = None,
) -> Iterator[str]:
    """``corpus.jsonl`` in pieces, a line per record in order of source; by ``jobs`` processes in large archives.

    With ``pack``, the line of a record whose inputs did not change is read back, not made again; ``digests``
    may hold their digests already, worked out for the article pages. The pieces must be drawn to the end, as a
    writer does, before anything else is shared out.
    """
    views = views or {}
    pack = pack or LinePack(None)
    ordered = sorted(records, key=lambda r: r.source)
    if pack.folder is not None:
        digests = digests or InputDigests(views)
        keys = [digests(record)[0] for record in ordered]
    else:
        keys = [""] * len(ordered)  # no pack: spare the digests

    def make(numbers: list[int]) -> Iterator[str]:
        return fork_map(lambda j: corpus_line(ordered[numbers[j]], views.get(ordered[numbers[j]].page)), len(numbers), jobs, renew=True)

    return (line + "\n" for line in pack.lines(keys, make))
