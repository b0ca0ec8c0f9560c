"""Ways into the archive: the home page, by date (year and month pages), by author, by source, and the coverage report.

Listings are paginated, so no page grows with the archive beyond ``PER_PAGE`` rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .link import Links
from .models import Precision, Problem, Severity
from .records import Record
from .render import (
    ARTICLES_PAGE,
    SITE_TITLE,
    _environment,
    author_page,
    month_label,
    month_page,
    newest_first,
    paged,
    relative,
    source_page,
)

PER_PAGE = 100  # rows of one listing page
HOME_NEWEST = 20
COVERAGE_PAGE = "coverage.md"
AUTHORS_PAGE = "authors/index.md"
SOURCES_PAGE = "sources/index.md"


@dataclass(frozen=True)
class Row:
    """An article as one line of a listing."""

    title: str
    link: Markup
    author: str
    date: str
    comments: int


def _rows(records: Sequence[Record], page: str) -> list[Row]:
    return [
        Row(r.article.title, Markup(relative(r.page, page)), r.author_text or "author unknown", r.article.published.iso() or "undated", r.article.comments_captured())
        for r in records
    ]


def _listing(base: str, title: str, intro: str, records: list[Record], up: tuple[str, str] | None = None) -> dict[str, str]:
    return {
        page.path: _environment().get_template("listing.md.j2").render(
            title=page.title(title),
            intro=intro,
            rows=_rows(page.items, page.path),
            pager=page.pager,
            up=(up[0], Markup(relative(up[1], page.path))) if up else None,
        )
        for page in paged(base, records, PER_PAGE)
    }


def _by_date(records: Sequence[Record]) -> dict[str, str]:
    """articles/index.md (years and months), a page per year, a page per month, and the undated."""
    files: dict[str, str] = {}
    ordered = newest_first(records)
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
        files.update(_listing(path, label, f"{len(group)} articles, newest first.", group, up))
    for year, entries in years.items():
        path = f"articles/{year:04d}/index.md"
        year_only = months.get(path, [])
        files[path] = _environment().get_template("year.md.j2").render(
            year=year,
            months=[(label, Markup(relative(p, path)), n) for p, label, n in sorted(entries, reverse=True) if p != path],
            total=sum(n for _, _, n in entries),
            rows=_rows(year_only, path),
            up=Markup(relative(ARTICLES_PAGE, path)),
        )
    undated = months.get("articles/undated/index.md", [])
    files[ARTICLES_PAGE] = _environment().get_template("articles.md.j2").render(
        total=len(records),
        years=[
            (year, Markup(relative(f"articles/{year:04d}/index.md", ARTICLES_PAGE)), sum(n for _, _, n in entries),
             [(label, Markup(relative(p, ARTICLES_PAGE)), n) for p, label, n in sorted(entries, reverse=True) if not p.endswith(f"{year:04d}/index.md")])
            for year, entries in sorted(years.items(), reverse=True)
        ],
        undated=len(undated),
        undated_link=Markup(relative("articles/undated/index.md", ARTICLES_PAGE)),
        newest=_rows(ordered[:HOME_NEWEST], ARTICLES_PAGE),
    )
    return files


def _by_name(records: Sequence[Record], names_of, page_of, index: str, title: str, what: str) -> dict[str, str]:
    groups: defaultdict[str, list[Record]] = defaultdict(list)
    for record in newest_first(records):
        for name in names_of(record):
            groups[name].append(record)
    files: dict[str, str] = {}
    entries = []
    for name, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0].casefold())):
        dates = [r.article.published.iso() for r in group if r.article.published.known]
        path = page_of(name)
        files.update(_listing(path, name, f"{len(group)} articles {what} {name}, newest first.", group, (title, index)))
        entries.append((name, path, len(group), min(dates) if dates else "", max(dates) if dates else ""))
    for page in paged(index, entries, PER_PAGE):
        files[page.path] = _environment().get_template("names.md.j2").render(
            title=page.title(title),
            what=title.lower(),
            total=len(entries),
            entries=[(name, Markup(relative(target, page.path)), *figures) for name, target, *figures in page.items],
            pager=page.pager,
        )
    return files


def render_home(records: Sequence[Record], links: Links, page: str = "index.md") -> str:
    ordered = newest_first(records)
    dates = [r.article.published.iso() for r in ordered if r.article.published.known]
    authors = {name for r in records for name in r.article.authors}
    return _environment().get_template("index.md.j2").render(
        site_title=SITE_TITLE,
        articles=len(records),
        sources=len({r.publication for r in records}),
        authors=len(authors),
        entities=len(links.entities),
        comments=sum(r.article.comments_captured() for r in records),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        undated=sum(1 for r in records if not r.article.published.known),
        newest=_rows(ordered[:HOME_NEWEST], page),
        link=lambda target: Markup(relative(target, page)),
    )


def render_coverage(records: Sequence[Record], problems: Sequence[Problem], skipped: Sequence[str]) -> str:
    """What the archive holds against what its captures claimed, and everything set aside."""
    page = COVERAGE_PAGE
    per_source = Counter(r.publication for r in records)
    per_month = Counter(month_label(r.article.published) for r in records if r.article.published.known)
    month_order = sorted({(r.article.published.value.year, r.article.published.value.month if r.article.published.precision is not Precision.YEAR else 0, month_label(r.article.published)) for r in records if r.article.published.value})  # type: ignore[union-attr]
    short = [
        (r.article.title, Markup(relative(r.page, page)), r.article.comments_claimed, r.article.comments_captured())
        for r in newest_first(records)
        if r.article.comments_claimed is not None and r.article.comments_captured() < r.article.comments_claimed
    ]
    undated = [(r.article.title, Markup(relative(r.page, page))) for r in records if not r.article.published.known]
    by_file: defaultdict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.source].append(problem)
    failed = sorted(s for s, ps in by_file.items() if any(p.severity is Severity.ERROR for p in ps))
    removed = []
    reasons: Counter[str] = Counter()
    for record in sorted(records, key=lambda r: r.source):
        if record.article.removed:
            reasons.update(item.reason for item in record.article.removed)
            removed.append((record.article.title, Markup(relative(record.page, page)), Markup(relative(record.raw_copy, page)), record.article.removed))
    return _environment().get_template("coverage.md.j2").render(
        total=len(records),
        files=len(records) + len(failed),
        per_source=sorted(per_source.items(), key=lambda item: (-item[1], item[0])),
        per_month=[(label, per_month[label]) for _, _, label in month_order],
        undated=undated,
        short=short,
        problems=sorted(by_file.items()),
        failed=failed,
        removed=removed,
        reasons=reasons.most_common(),
        removed_total=sum(reasons.values()),
    )


def render_browse(records: Sequence[Record], links: Links, problems: Sequence[Problem] = (), skipped: Sequence[str] = ()) -> dict[str, str]:
    files = {"index.md": render_home(records, links)}
    files.update(_by_date(records))
    files.update(_by_name(records, lambda r: r.article.authors or ("Author unknown",), author_page, AUTHORS_PAGE, "Authors", "by"))
    files.update(_by_name(records, lambda r: (r.publication,), source_page, SOURCES_PAGE, "Sources", "from"))
    files[COVERAGE_PAGE] = render_coverage(records, problems, skipped)
    return files


__all__ = ["COVERAGE_PAGE", "PER_PAGE", "render_browse"]
