"""Render records to Markdown pages with YAML front matter, and the corpus to JSON Lines."""

from __future__ import annotations

import dataclasses
import enum
import itertools
import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import frontmatter
import jinja2
from markupsafe import Markup

from .link import Entity, Links, Relation, ResolvedReference, SharedPassage, Spot
from .markdown import finalize, md_escape
from .models import Article, BlockKind, Precision, PubDate

SITE_TITLE = "News archive"


@dataclass(frozen=True)
class Record:
    """An article with its provenance and where it lives in the site."""

    source: str  # input path relative to the raw folder
    sha256: str
    size: int
    encoding: str
    page: str  # e.g. "articles/2011/02/000-e8bd22a5.md"
    raw_copy: str  # e.g. "captures/000-e8bd22a5.txt"
    article: Article

    @property
    def author_text(self) -> str | None:
        names = self.article.authors
        if not names:
            return None
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def link_from(self, page: str) -> str:
        """A relative link to this record's page from another page of the docs folder."""
        return posixpath.relpath(self.page, posixpath.dirname(page) or ".")

    def words(self) -> int:
        body = self.article.body
        return sum(len(b.text.split()) + sum(len(i.text.split()) for i in b.items) for b in body)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsarchive", "templates"),
        finalize=finalize,
        autoescape=False,  # Markdown, not HTML: ``finalize`` escapes every value for Markdown
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _byline(record: Record) -> str:
    article = record.article
    parts = [f"By {record.author_text}" if record.author_text else "Author unknown"]
    parts.append(article.published.iso() or "undated")
    if article.organisation:
        parts.append(article.organisation)
    if article.dateline:
        parts.append(article.dateline)
    return " · ".join(parts)


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
        "sha256": record.sha256,
        "encoding": record.encoding,
        "raw": posixpath.relpath(record.raw_copy, posixpath.dirname(record.page)),
        "words": record.words(),
        "comments_claimed": article.comments_claimed,
        "comments_captured": article.comments_captured(),
        "warnings": list(article.warnings),
    }


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
        earliest: dict[str, tuple[Spot, int, int]] = {}
        for mention in entity.mentions:
            place = (mention.spot, mention.start, mention.end)
            if mention.article not in earliest or (place[0].block, place[0].item, place[1]) < (
                earliest[mention.article][0].block,
                earliest[mention.article][0].item,
                earliest[mention.article][1],
            ):
                earliest[mention.article] = place
            seen = counts.setdefault(mention.article, {})
            seen[entity.id] = (entity, seen.get(entity.id, (entity, 0))[1] + 1)
        for page, (spot, start, end) in earliest.items():
            first.setdefault(page, {}).setdefault(spot, []).append((start, end, entity))
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


def entity_page(entity_id: str) -> str:
    return f"{ENTITIES_DIR}/{entity_id}.md"


def relative(target: str, page: str) -> str:
    """A relative link from ``page`` to ``target``, both paths of the docs folder (an anchor may follow)."""
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return f"{link}#{anchor}" if anchor else link


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


def render_article(record: Record, view: ArticleLinks | None = None, titles: dict[str, str] | None = None) -> str:
    """An article's page. ``view`` holds its cross-links, ``titles`` the title of every page it may link to."""
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
    body = _environment().get_template("article.md.j2").render(
        article=article,
        blocks=_block_views(record, view, titles),
        references=references,
        missing_link=Markup(relative(MISSING_PAGE, record.page)),
        related=related,
        byline=_byline(record),
        comment_summary=summary,
        source=posixpath.basename(record.source),
        raw_link=Markup(posixpath.relpath(record.raw_copy, posixpath.dirname(record.page))),
        sha256=record.sha256,
    )
    post = frontmatter.Post(body, **front_matter(record))
    return frontmatter.dumps(post, sort_keys=False) + "\n"


def newest_first(records: Sequence[Record]) -> list[Record]:
    """Dated articles newest first, then the undated, each by source for a stable order."""
    dated = sorted((r for r in records if r.article.published.known), key=lambda r: r.source)
    dated.sort(key=lambda r: r.article.published.value.replace(tzinfo=None), reverse=True)  # type: ignore[union-attr]
    undated = sorted((r for r in records if not r.article.published.known), key=lambda r: r.source)
    return dated + undated


HOME_NEWEST = 20


def render_index(records: Sequence[Record], page: str = "index.md") -> str:
    """The home page: what the archive holds and its newest articles."""
    ordered = newest_first(records)
    dates = [r.article.published.iso() for r in ordered if r.article.published.known]
    return _environment().get_template("index.md.j2").render(
        site_title=SITE_TITLE,
        records=ordered,
        newest=ordered[:HOME_NEWEST],
        undated=sum(1 for r in records if not r.article.published.known),
        base=page,
        all_link=relative(ARTICLES_PAGE, page),
        timeline_link=relative("timeline.md", page),
        entities_link=relative(f"{ENTITIES_DIR}/index.md", page),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        comment_total=sum(r.article.comments_captured() for r in records),
    )


ARTICLES_PAGE = "articles/index.md"


def render_articles(records: Sequence[Record], page: str = ARTICLES_PAGE) -> str:
    """Every article by month of publication, newest first; the undated last."""
    ordered = newest_first(records)
    months = [
        (month, list(group))
        for month, group in itertools.groupby(ordered, key=lambda r: _month_label(r.article.published))
    ]
    return _environment().get_template("articles.md.j2").render(records=ordered, months=months, base=page)


def _month_label(date: PubDate) -> str:
    if not date.known:
        return "Undated"
    assert date.value is not None
    if date.precision is Precision.YEAR:
        return f"{date.value.year} (month unknown)"
    return date.value.strftime("%B %Y")


def _jsonable(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def article_data(article: Article) -> dict:
    """The whole parsed article as JSON-ready data (the schema of ``corpus.jsonl``)."""
    data = _jsonable(dataclasses.asdict(article))
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
    article = article_data(record.article)
    data = {
        "id": posixpath.splitext(posixpath.basename(record.page))[0],
        "source": record.source,
        "sha256": record.sha256,
        "size": record.size,
        "encoding": record.encoding,
        "page": record.page,
        "raw": record.raw_copy,
        **article,
        "links": _links_data(view or ArticleLinks()),
    }
    return json.dumps(_jsonable(data), ensure_ascii=False, sort_keys=False)


def render_corpus(records: Sequence[Record], views: dict[str, ArticleLinks] | None = None) -> str:
    views = views or {}
    return "".join(corpus_line(r, views.get(r.page)) + "\n" for r in sorted(records, key=lambda r: r.source))
