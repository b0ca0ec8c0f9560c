"""Render records to Markdown pages with YAML front matter, and the corpus to JSON Lines."""

from __future__ import annotations

import dataclasses
import enum
import itertools
import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import frontmatter
import jinja2
from markupsafe import Markup

from .markdown import finalize
from .models import Article, Precision, PubDate

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


def render_article(record: Record) -> str:
    article = record.article
    captured = article.comments_captured()
    summary = f"{captured} comments captured"
    if article.comments_claimed is not None:
        summary += f"; the page claimed {article.comments_claimed}"
    body = _environment().get_template("article.md.j2").render(
        article=article,
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
        all_link=posixpath.relpath(ARTICLES_PAGE, posixpath.dirname(page) or "."),
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


def corpus_line(record: Record) -> str:
    """One record of ``corpus.jsonl``: provenance plus the whole parsed article."""
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
    }
    return json.dumps(_jsonable(data), ensure_ascii=False, sort_keys=False)


def render_corpus(records: Sequence[Record]) -> str:
    return "".join(corpus_line(r) + "\n" for r in sorted(records, key=lambda r: r.source))
