"""Ways into the archive: the home page, by date (year and month pages), by author, by source, and the coverage report.

Listings are paginated, so no page grows with the archive beyond ``PER_PAGE`` rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..common.models import Precision, Problem, Severity
from ..link import Links
from .page_cache import PageCache
from .records import Record
from .render import ARTICLES_PAGE, SITE_TITLE, environment, author_page, month_label, month_page, newest_first, paged, relative, source_page
from .write import Content

PER_PAGE = 100  # rows of one listing page
HOME_NEWEST = 20
COVERAGE_PAGE = "coverage.md"
#: What the archive is and how to read it: its conventions for dates, titles and comments.
ABOUT_PAGE = "about.md"
AUTHORS_PAGE = "authors/index.md"
SOURCES_PAGE = "sources/index.md"


@dataclass(frozen=True)
class Line:
    """What a listing shows of an article, worked out once for every listing that shows it."""

    page: str
    title: str
    author: str
    date: str
    comments: int


def _lines(records: Sequence[Record]) -> dict[str, Line]:
    """Each record's ``Line``, by its page."""
    return {
        r.page: Line(r.page, r.article.title, r.author_text or "author unknown", r.article.published.iso() or "undated", r.article.comments_captured())
        for r in records
    }


@dataclass(frozen=True)
class Row:
    """An article as one line of a listing."""

    title: str
    link: Markup
    author: str
    date: str
    comments: int


def _rows(lines: Sequence[Line], page: str) -> list[Row]:
    return [Row(line.title, Markup(relative(line.page, page)), line.author, line.date, line.comments) for line in lines]


@dataclass(frozen=True)
class _Listing:
    """The pages of one listing (a month, an author, a source), to be rendered or read back from the cache."""

    base: str
    title: str
    intro: str
    lines: list[Line]
    up: tuple[str, str] | None = None


def _listing_pages(listings: Sequence[_Listing], cache: PageCache) -> Iterator[tuple[str, Content]]:
    """Every page of every listing; a page that shows what it showed when it was stored comes from ``cache``."""
    parts = [(listing, page) for listing in listings for page in paged(listing.base, listing.lines, PER_PAGE)]

    def render(i: int) -> str:
        listing, page = parts[i]
        return environment().get_template("listing.md.j2").render(
            title=page.title(listing.title),
            intro=listing.intro,
            rows=_rows(page.items, page.path),
            pager=page.pager,
            up=(listing.up[0], Markup(relative(listing.up[1], page.path))) if listing.up else None,
        )

    def inputs(i: int) -> tuple:
        listing, page = parts[i]  # the links follow from the pages' paths
        return page.path, page.number, len(page.pager), listing.base, listing.title, listing.intro, listing.up, page.items

    for (_, page), text in zip(parts, cache.pages("listing", len(parts), inputs, render, jobs=1)):
        yield page.path, text


def _by_date(ordered: Sequence[Record], lines: dict[str, Line], listings: list[_Listing]) -> dict[str, str]:
    """articles/index.md (years and months) and a page per year; the listings of each month and of the undated
    are added to ``listings``. ``ordered`` are the records newest first."""
    files: dict[str, str] = {}
    months: defaultdict[str, list[Record]] = defaultdict(list)
    for record in ordered:
        months[month_page(record.article.published)].append(record)
    years: defaultdict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for path, group in months.items():
        date = group[0].article.published
        label = month_label(date)
        if date.value is not None:
            years[date.value.year].append((path, label, len(group)))
        if date.value is not None and date.precision is Precision.YEAR:
            continue  # the year page lists them itself
        up = (str(date.value.year), f"articles/{date.value.year:04d}/index.md") if date.value else ("All articles", ARTICLES_PAGE)
        listings.append(_Listing(path, label, f"{len(group)} articles, newest first.", [lines[r.page] for r in group], up))
    for year, entries in years.items():
        path = f"articles/{year:04d}/index.md"
        year_only = months.get(path, [])
        files[path] = environment().get_template("year.md.j2").render(
            year=year,
            months=[(label, Markup(relative(p, path)), n) for p, label, n in sorted(entries, reverse=True) if p != path],
            total=sum(n for _, _, n in entries),
            rows=_rows([lines[r.page] for r in year_only], path),
            up=Markup(relative(ARTICLES_PAGE, path)),
        )
    undated = months.get("articles/undated/index.md", [])
    files[ARTICLES_PAGE] = environment().get_template("articles.md.j2").render(
        total=len(ordered),
        years=[
            (year, Markup(relative(f"articles/{year:04d}/index.md", ARTICLES_PAGE)), sum(n for _, _, n in entries),
             [(label, Markup(relative(p, ARTICLES_PAGE)), n) for p, label, n in sorted(entries, reverse=True) if not p.endswith(f"{year:04d}/index.md")])
            for year, entries in sorted(years.items(), reverse=True)
        ],
        undated=len(undated),
        undated_link=Markup(relative("articles/undated/index.md", ARTICLES_PAGE)),
        newest=_rows([lines[r.page] for r in ordered[:HOME_NEWEST]], ARTICLES_PAGE),
    )
    return files


def _by_name(
    ordered: Sequence[Record], lines: dict[str, Line], listings: list[_Listing], names_of, page_of, index: str, title: str, what: str
) -> dict[str, str]:
    """The index of the names (authors, sources), a page per ``PER_PAGE`` of them; each name's listing is added
    to ``listings``. ``ordered`` are the records newest first."""
    groups: defaultdict[str, list[Record]] = defaultdict(list)
    for record in ordered:
        for name in names_of(record):
            groups[name].append(record)
    files: dict[str, str] = {}
    entries = []
    for name, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0].casefold())):
        dates = [r.article.published.iso() for r in group if r.article.published.known]
        path = page_of(name)
        listings.append(_Listing(path, name, f"{len(group)} articles {what} {name}, newest first.", [lines[r.page] for r in group], (title, index)))
        entries.append((name, path, len(group), min(dates) if dates else "", max(dates) if dates else ""))
    for page in paged(index, entries, PER_PAGE):
        files[page.path] = environment().get_template("names.md.j2").render(
            title=page.title(title),
            what=title.lower(),
            total=len(entries),
            entries=[(name, Markup(relative(target, page.path)), *figures) for name, target, *figures in page.items],
            pager=page.pager,
        )
    return files


def render_home(
    records: Sequence[Record], links: Links, page: str = "index.md", lines: dict[str, Line] | None = None, ordered: Sequence[Record] | None = None
) -> str:
    """The home page; ``lines`` and ``ordered`` (``newest_first``) may be given, worked out already for the listings."""
    lines = lines if lines is not None else _lines(records)
    ordered = ordered if ordered is not None else newest_first(records)
    dates = [r.article.published.iso() for r in ordered if r.article.published.known]
    authors = {name for r in records for name in r.article.authors}
    return environment().get_template("index.md.j2").render(
        site_title=SITE_TITLE,
        articles=len(records),
        sources=len({r.publication for r in records}),
        authors=len(authors),
        entities=len(links.entities),
        comments=sum(lines[r.page].comments for r in records),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        undated=sum(1 for r in records if not r.article.published.known),
        newest=_rows([lines[r.page] for r in ordered[:HOME_NEWEST]], page),
        link=lambda target: Markup(relative(target, page)),
    )


def render_coverage(
    records: Sequence[Record],
    problems: Sequence[Problem],
    skipped: Sequence[str],
    lines: dict[str, Line] | None = None,
    ordered: Sequence[Record] | None = None,
    kept: Sequence[tuple[str, str]] = (),
) -> str:
    """What the archive holds against what its captures claimed, and everything set aside; ``lines`` and ``ordered``
    as for ``render_home``; ``kept``: the raw copy of each capture that failed (source, site path)."""
    page = COVERAGE_PAGE
    lines = lines if lines is not None else _lines(records)
    ordered = ordered if ordered is not None else newest_first(records)
    per_source = Counter(r.publication for r in records)
    per_month = Counter(month_label(r.article.published) for r in records if r.article.published.known)
    month_order = sorted({(r.article.published.value.year, r.article.published.value.month if r.article.published.precision is not Precision.YEAR else 0, month_label(r.article.published)) for r in records if r.article.published.value})  # type: ignore[union-attr]
    short = [
        (r.article.title, Markup(relative(r.page, page)), r.article.comments_claimed, lines[r.page].comments)
        for r in ordered
        if r.article.comments_claimed is not None and lines[r.page].comments < r.article.comments_claimed
    ]
    undated = [(r.article.title, Markup(relative(r.page, page))) for r in records if not r.article.published.known]
    by_file: defaultdict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.source].append(problem)
    failed = sorted(s for s, ps in by_file.items() if any(p.severity is Severity.ERROR for p in ps))
    copies = {source: Markup(relative(copy, page)) for source, copy in kept}
    pages = {r.source: Markup(relative(r.raw_copy, page)) for r in records if r.source in by_file}
    removed = []
    reasons: Counter[str] = Counter()
    for record in sorted(records, key=lambda r: r.source):
        if record.article.removed:
            reasons.update(item.reason for item in record.article.removed)
            removed.append((record.article.title, Markup(relative(record.page, page)), Markup(relative(record.raw_copy, page)), record.article.removed))
    return environment().get_template("coverage.md.j2").render(
        total=len(records),
        files=len(records) + len(failed),
        per_source=sorted(per_source.items(), key=lambda item: (-item[1], item[0])),
        per_month=[(label, per_month[label]) for _, _, label in month_order],
        undated=undated,
        short=short,
        problems=sorted(by_file.items()),
        raw_links={**pages, **copies},
        failed=failed,
        removed=removed,
        reasons=reasons.most_common(),
        removed_total=sum(reasons.values()),
    )


def render_browse(
    records: Sequence[Record],
    links: Links,
    problems: Sequence[Problem] = (),
    skipped: Sequence[str] = (),
    cache: PageCache | None = None,
    kept: Sequence[tuple[str, str]] = (),
) -> dict[str, Content]:
    """The home page, the listings by date, author and source, the coverage report and the page about the
    archive, by path; ``kept`` as
    for ``render_coverage``.

    A listing page that shows the same articles as when it was stored in ``cache`` is read back from it.
    """
    lines = _lines(records)
    ordered = newest_first(records)
    listings: list[_Listing] = []
    files: dict[str, Content] = {"index.md": render_home(records, links, lines=lines, ordered=ordered)}
    files.update(_by_date(ordered, lines, listings))
    files.update(_by_name(ordered, lines, listings, lambda r: r.article.authors or ("Author unknown",), author_page, AUTHORS_PAGE, "Authors", "by"))
    files.update(_by_name(ordered, lines, listings, lambda r: (r.publication,), source_page, SOURCES_PAGE, "Sources", "from"))
    files.update(_listing_pages(listings, cache or PageCache(None)))
    files[COVERAGE_PAGE] = render_coverage(records, problems, skipped, lines, ordered, kept)
    files[ABOUT_PAGE] = environment().get_template("about.md.j2").render()
    return files


__all__ = ["ABOUT_PAGE", "COVERAGE_PAGE", "PER_PAGE", "render_browse"]
