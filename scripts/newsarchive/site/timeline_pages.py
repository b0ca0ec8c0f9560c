"""Render the timeline: a vertical timeline page (split by year for large archives) and timeline.json for TimelineJS."""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..common.jsontext import compact
from ..common.memo import inputs_digest
from ..link import Links
from ..timeline import Event, Span, Timeline, When, published_key, sort_key
from .page_cache import PageCache
from .records import built_address
from .render import Record, environment, date_label, entity_page, paged, paginate, relative
from .write import Content

TIMELINE_PAGE = "timeline.md"
TIMELINE_JSON = "timeline.json"
PAGE_LIMIT = 400  # entries on one page; above it the timeline is split into a page per month, and a month into pages
UNDATED_LIMIT = 100  # undated articles listed on the timeline page; more go to pages of their own
UNDATED_PAGE = "timeline/undated.md"

_MONTH_NAMES = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@dataclass(frozen=True)
class _Item:
    key: tuple
    kind: str  # "article" or "event"
    iso: str
    label: str
    precision: str
    title: str = ""
    link: str = ""
    byline: str = ""
    sentences: tuple[tuple[str, tuple[tuple[str, Markup], ...]], ...] = ()
    entities: tuple[tuple[str, Markup], ...] = ()


def _article_item(record: Record, page: str) -> _Item:
    published = record.article.published
    return _Item(
        (*published_key(published), record.page),
        "article",
        published.iso() or "",
        date_label(published),
        published.precision.value,
        record.article.title,
        Markup(relative(record.page, page)),
        f"By {record.author_text}" if record.author_text else "",
    )


def _event_item(event: Event, records: dict[str, Record], names: dict[str, str], page: str) -> _Item:
    sentences: dict[str, list[str]] = {}
    for evidence in event.evidence:
        sources = sentences.setdefault(evidence.sentence, [])
        if evidence.article not in sources:
            sources.append(evidence.article)
    told = tuple(
        (sentence, tuple((records[p].article.title, Markup(relative(p, page))) for p in pages if p in records))
        for sentence, pages in sentences.items()
    )
    entities = tuple((names[e], Markup(relative(entity_page(e), page))) for e in event.entities if e in names)
    y, m, d = sort_key(event.when)
    return _Item((y, m, d, 0, 0, event.evidence[0].sentence), "event", event.when.iso(), event.when.label(), event.when.span.value, sentences=told, entities=entities)


def _items(timeline: Timeline, records: dict[str, Record], names: dict[str, str], page: str) -> list[_Item]:
    items = [_article_item(records[p], page) for p in timeline.articles if p in records]
    items += [_event_item(e, records, names, page) for e in timeline.events]
    return sorted(items, key=lambda item: item.key)


def _months(items: list[_Item]) -> list[tuple[int, list[tuple[str, list[_Item]]]]]:
    years = []
    for year, in_year in itertools.groupby(items, key=lambda i: i.key[0]):
        months = [
            (_MONTH_NAMES[month] + f" {year}" if month else f"{year}, month not stated", list(group))
            for month, group in itertools.groupby(in_year, key=lambda i: i.key[1])
        ]
        years.append((year, months))
    return years


def _undated(timeline: Timeline, records: dict[str, Record], page: str) -> list[tuple[Record, Markup, When | None, str, tuple]]:
    return [
        (records[u.article], Markup(relative(u.article, page)), u.inferred, u.reason, tuple((records[p].article.title, Markup(relative(p, page))) for p in u.because_of))
        for u in timeline.undated
        if u.article in records
    ]


def render_timeline(
    timeline: Timeline, records: Sequence[Record], links: Links, cache: PageCache | None = None, directory_urls: bool = False
) -> dict[str, Content]:
    """The timeline page or pages, and ``timeline.json`` (in pieces, to be written as they come), whose links
    are the pages' addresses as MkDocs makes them (``directory_urls``: its ``use_directory_urls``).

    A large timeline gets a page per month, and a month or a list of undated articles too long for one
    page is split into several (``PAGE_LIMIT`` and ``UNDATED_LIMIT`` entries each), so no page grows with the archive.
    A month's pages whose entries did not change are read back from ``cache``.
    """
    by_page = {r.page: r for r in records}
    names = {e.id: e.name for e in links.entities}
    files: dict[str, Content] = {}
    total = len(timeline.articles) + len(timeline.events)
    counts = {"articles": len(timeline.articles), "events": len(timeline.events)}
    undated, undated_pages = _undated_part(timeline, by_page)
    files.update(undated_pages)
    cache = cache or PageCache(None)
    months = _by_month(timeline, by_page)
    # what each month shows, digested once for its pages and its part of timeline.json (None: not to be kept)
    shown = [_month_digest(*month, by_page, names) if cache.folder is not None else None for month in months]
    if total <= PAGE_LIMIT:
        items = _items(timeline, by_page, names, TIMELINE_PAGE)
        files[TIMELINE_PAGE] = _page(years=_months(items), **undated, **counts)
    else:  # a page per month (or several for a long month), so that no page grows with the archive
        files.update(_month_pages(months, by_page, names, cache, shown))
        files[TIMELINE_PAGE] = _page(year_pages=_period_pages(months), **undated, **counts)
    files[TIMELINE_JSON] = timeline_json(timeline, by_page, months, cache, shown, directory_urls)
    return files


#: Each month's dated articles and events, in order (``_by_month``).
Months = list[tuple[tuple[int, int], tuple[list[str], list[Event]]]]


def _by_month(timeline: Timeline, records: dict[str, Record]) -> Months:
    """The dated articles and the events of each month (month 0: the year's, month not stated), in order."""
    groups: defaultdict[tuple[int, int], tuple[list[str], list[Event]]] = defaultdict(lambda: ([], []))
    for page in timeline.articles:
        published = records[page].article.published if page in records else None
        if published is not None and published.value is not None:
            groups[published_key(published)[:2]][0].append(page)
    for event in timeline.events:
        groups[sort_key(event.when)[:2]][1].append(event)
    return sorted(groups.items())


def _month_path(year: int, month: int) -> str:
    return f"timeline/{year:04d}-{month:02d}.md"


def _month_label(year: int, month: int) -> str:
    return f"{_MONTH_NAMES[month]} {year}" if month else f"{year}, month not stated"


def _period_pages(months: Months) -> list[tuple[str, Markup, int]]:
    """The timeline page's list of months: label, link and number of entries."""
    return [
        (_month_label(year, month), Markup(relative(_month_path(year, month), TIMELINE_PAGE)), len(pages) + len(events))
        for (year, month), (pages, events) in months
    ]


def _month_pages(
    months: Months, records: dict[str, Record], names: dict[str, str], cache: PageCache, shown: list[str | None]
) -> Iterator[tuple[str, Content]]:
    """Every page of every month; a page whose month shows the same entries (``shown``: their ``_month_digest``)
    as when it was stored comes from ``cache``."""
    parts = [  # (month's place in ``months``, page's place in its month, path)
        (number, part, path)
        for number, ((year, month_number), (pages, events)) in enumerate(months)
        for part, (path, _) in enumerate(paginate(_month_path(year, month_number), range(len(pages) + len(events)), PAGE_LIMIT))
    ]
    made: dict[int, list] = {}  # a month's pages, made once for all its parts

    def month(number: int) -> list:
        if number not in made:
            (year, month_number), (pages, events) = months[number]
            first = _month_path(year, month_number)
            items = _items(Timeline(tuple(pages), tuple(events), ()), records, names, first)  # links alike from every page of the month
            made.clear()  # one month at a time: its parts come in turn
            made[number] = paged(first, items, PAGE_LIMIT)
        return made[number]

    def inputs(i: int) -> tuple:
        number, part, path = parts[i]
        return path, part, shown[number] or month(number)

    def render(i: int) -> str:
        number, part, _ = parts[i]
        (year, month_number), (pages, events) = months[number]
        page = month(number)[part]
        label = _month_label(year, month_number)
        return _page(years=_months(page.items), articles=len(pages), events=len(events), title=page.title(f"Timeline: {label}"), pager=page.pager)

    for (_, _, path), text in zip(parts, cache.pages("timeline", len(parts), inputs, render, jobs=1)):
        yield path, text


def _month_digest(when: tuple[int, int], entries: tuple[list[str], list[Event]], records: dict[str, Record], names: dict[str, str]) -> str | None:
    """A digest of what a month's pages and its part of timeline.json show, for their cache keys: its articles named
    by the keys they were parsed under (``Record.parsed``), its events by what is printed of them; None when an
    article has no such key."""
    pages, events = entries
    told = {e.article for event in events for e in event.evidence if e.article in records}
    if not all(records[p].parsed for p in (*pages, *told)):
        return None
    return inputs_digest("month", (
        when,
        tuple((p, records[p].parsed) for p in pages),
        tuple(
            (
                event.when.iso(), event.when.label(), event.when.span.value, sort_key(event.when),
                tuple((e.sentence, e.article, records[e.article].parsed if e.article in records else None) for e in event.evidence),
                tuple((entity, names.get(entity)) for entity in event.entities),
            )
            for event in events
        ),
    ))


def _page(**values: object) -> str:
    """A page of the timeline; what ``values`` leaves out, it has none of."""
    defaults = {"years": [], "undated": [], "year_pages": [], "pager": [], "undated_link": None, "undated_only": False, "articles": 0, "events": 0}
    return environment().get_template("timeline.md.j2").render({**defaults, **values})


def _undated_part(timeline: Timeline, records: dict[str, Record]) -> tuple[dict, dict[str, str]]:
    """What the timeline page shows of the undated articles, and the pages that list them when they are too many for it."""
    if len(timeline.undated) <= UNDATED_LIMIT:
        return {"undated": _undated(timeline, records, TIMELINE_PAGE)}, {}
    pages = {
        part.path: _page(undated=part.items, title=part.title("Timeline: undated articles"), pager=part.pager, undated_only=True)
        for part in paged(UNDATED_PAGE, _undated(timeline, records, UNDATED_PAGE), UNDATED_LIMIT)
    }
    return {"undated": [], "undated_link": (len(timeline.undated), Markup(relative(UNDATED_PAGE, TIMELINE_PAGE)))}, pages


# --- TimelineJS ---------------------------------------------------------------------------------


def _tl_date(iso: str, span: str, label: str) -> dict:
    date = {"year": iso[:4]}
    if len(iso) >= 7:
        date["month"] = str(int(iso[5:7]))
    if len(iso) >= 10:
        date["day"] = str(int(iso[8:10]))
    if len(iso) >= 16:
        date["hour"], date["minute"] = str(int(iso[11:13])), str(int(iso[14:16]))
    date["display_date"] = label
    return date


def timeline_json(
    timeline: Timeline,
    records: dict[str, Record],
    months: Months | None = None,
    cache: PageCache | None = None,
    shown: list[str | None] | None = None,
    directory_urls: bool = False,
) -> Iterator[str]:
    """The timeline in TimelineJS 3's JSON format, in pieces (an event a line); every text is HTML-escaped.

    The events come a month at a time (``months``, from ``_by_month``): its dated articles, then its dated
    events. A month whose ``shown`` digest is the one its part was stored under is read back from ``cache``.
    """
    title = {"text": {"headline": "Timeline", "text": f"{len(timeline.articles)} articles and {len(timeline.events)} dated events"}}
    yield '{"title":' + compact(title) + ',"events":['
    months = months if months is not None else _by_month(timeline, records)
    shown = shown if shown is not None else [None] * len(months)
    kept = [n for n, digest in enumerate(shown) if digest]
    parts = (cache or PageCache(None)).pages(
        "events", len(kept), lambda i: (shown[kept[i]], directory_urls), lambda i: _json_month(months[kept[i]], records, directory_urls), jobs=1
    )
    for number, month in enumerate(months):
        part = next(parts) if shown[number] else _json_month(month, records, directory_urls)
        yield ("\n" if number == 0 else ",\n") + (part.read_text("utf-8") if isinstance(part, Path) else part)
    next(parts, None)  # drawn to the end, as ``PageCache.pages`` asks
    yield "\n]}\n"


def _json_month(month: tuple[tuple[int, int], tuple[list[str], list[Event]]], records: dict[str, Record], directory_urls: bool) -> str:
    """A month's events of ``timeline_json``, a line each; an event's id is unique by its month and place in it."""
    (year, month_number), (pages, events) = month
    return ",\n".join(compact(event) for event in _tl_events(f"{year:04d}-{month_number:02d}", pages, events, records, directory_urls))


def _tl_events(month: str, pages: Sequence[str], events: Sequence[Event], records: dict[str, Record], directory_urls: bool) -> Iterator[dict]:
    for page in pages:
        record = records[page]
        published = record.article.published
        link = html.escape(built_address(page, directory_urls), quote=True)
        yield {
            "unique_id": f"article-{page.rsplit('/', 1)[-1][:-3]}",
            "group": "Articles",
            "start_date": _tl_date(published.iso() or "", published.precision.value, date_label(published)),
            "text": {
                "headline": f'<a href="{link}">{html.escape(record.article.title)}</a>',
                "text": html.escape(f"By {record.author_text}" if record.author_text else "Author unknown"),
            },
        }
    for n, event in enumerate(events, start=1):
        sources = ", ".join(
            f'<a href="{html.escape(built_address(p, directory_urls), quote=True)}">{html.escape(records[p].article.title)}</a>' for p in event.sources if p in records
        )
        sentences = "".join(f"<p>{html.escape(s)}</p>" for s in dict.fromkeys(e.sentence for e in event.evidence))
        yield {
            "unique_id": f"event-{month}-{n}",
            "group": "Events",
            "start_date": _tl_date(event.when.iso(), event.when.span.value, event.when.label()),
            "text": {
                "headline": html.escape(_headline(event.evidence[0].sentence)),
                "text": f"{sentences}<p>Precision: {event.when.span.value}. Told in {sources}.</p>",
            },
        }


def _headline(sentence: str, limit: int = 90) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


__all__ = ["TIMELINE_JSON", "TIMELINE_PAGE", "render_timeline", "timeline_json", "Span"]
