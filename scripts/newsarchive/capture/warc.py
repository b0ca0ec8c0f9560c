"""WARC archives: every HTML response is a candidate article, with its address and capture time as provenance.

Revisit records and later captures of an address already read are left out,
with the reason; a truncated or damaged record ends the reading of that file
with a problem, and the records before it are kept.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

_LISTING = re.compile(r"/(?:tag|tags|category|categories|topics?|author|search|page|archives?|feed)(?:/|$)", re.I)


@dataclass(frozen=True)
class WarcPage:
    url: str
    captured_at: str  # WARC-Date
    payload: bytes  # the HTTP response body, as captured
    offset: int


@dataclass(frozen=True)
class Skipped:
    url: str
    reason: str


def listing_reason(url: str) -> str | None:
    """Why an address is a home page, a listing or a search page rather than an article, or None."""
    parts = urlsplit(url)
    if parts.path in ("", "/", "/index.html", "/index.php"):
        return "a home page"
    if _LISTING.search(parts.path):
        return "a listing page (tag, category, author, search or archive)"
    if re.search(r"(?:^|&)(?:s|q|search|query)=", parts.query):
        return "a search page"
    return None


def read_warc(path: Path) -> tuple[list[WarcPage], list[Skipped], str | None]:
    """The HTML pages of a WARC file, what was left out and why, and the damage that stopped reading, if any."""
    pages: list[WarcPage] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    damage = None
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        records: Iterator = iter(iterator)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as error:
                damage = f"damaged or truncated record after byte {iterator.offset}: {error}; the records before it are kept"
                break
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            date = record.rec_headers.get_header("WARC-Date") or ""
            if record.rec_type == "revisit":
                skipped.append(Skipped(url, f"a revisit record of {date} (the page is unchanged since an earlier capture)"))
                continue
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            kind = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in kind:
                continue
            if status != "200":
                skipped.append(Skipped(url, f"HTTP status {status}"))
                continue
            try:
                payload = record.content_stream().read()
            except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as error:
                damage = f"damaged or truncated record for {url}: {error}; the records before it are kept"
                break
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:  # the file ends inside this record
                damage = f"truncated record for {url}: {missing} of its {record.length} bytes are missing; the records before it are kept"
                break
            if url in seen:
                skipped.append(Skipped(url, f"captured again at {date}; the capture of {seen[url]} is kept"))
                continue
            seen[url] = date
            pages.append(WarcPage(url, date, payload, iterator.offset))
    return pages, skipped, damage
