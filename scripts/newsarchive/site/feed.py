"""An Atom feed of the newest articles by publication date (feedgen)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from .records import Record, built_address
from .render import SITE_TITLE, newest_first

FEED = "feed.xml"
FEED_ENTRIES = 50


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def render_feed(records: Sequence[Record], directory_urls: bool = False) -> str:
    """The newest dated articles as Atom; ids are content hashes, so they never change with an address.

    Links are relative to the feed, as MkDocs addresses pages (``directory_urls``: its ``use_directory_urls``).
    """
    dated = [r for r in newest_first(records) if r.article.published.value is not None][:FEED_ENTRIES]
    feed = FeedGenerator()
    feed.id("urn:newsarchive:" + (dated[0].sha256 if dated else "empty"))
    feed.title(SITE_TITLE)
    feed.link(href=built_address("index.md", directory_urls), rel="alternate")
    feed.link(href=FEED, rel="self")
    feed.language("en")
    feed.updated(_aware(dated[0].article.published.value) if dated else datetime(1970, 1, 1, tzinfo=timezone.utc))  # type: ignore[arg-type]
    for record in reversed(dated):  # feedgen puts the last added first
        entry = feed.add_entry()
        entry.id(f"urn:sha256:{record.sha256}")
        entry.title(record.article.title)
        entry.link(href=built_address(record.page, directory_urls), rel="alternate")
        when = _aware(record.article.published.value)  # type: ignore[arg-type]
        entry.published(when)
        entry.updated(when)
        for name in record.article.authors or ("Author unknown",):
            entry.author(name=name)
        first = next((b.text for b in record.article.body if b.text), "")
        entry.summary(first[:400])
    return feed.atom_str(pretty=True).decode("utf-8")
