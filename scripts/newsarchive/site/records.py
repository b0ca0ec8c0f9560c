"""An article with its provenance and its place in the site: what every renderer takes."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..common.models import Article
from ..common.paths import link_from


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
    url: str | None = None  # the address a page capture (HTML in a WARC) was captured from
    captured_at: str | None = None  # when, as the WARC record says
    #: the key its article was parsed and cached under (``ParseCache.key``), which names the article wholly:
    #: the capture's bytes, the batch's furniture and the parser's code; empty when not known
    parsed: str = ""

    @property
    def author_text(self) -> str | None:
        names = self.article.authors
        if not names:
            return None
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def link_from(self, page: str) -> str:
        """A relative link to this record's page from another page of the docs folder."""
        return link_from(page, self.page)

    def words(self) -> int:
        body = self.article.body
        return sum(len(b.text.split()) + sum(len(i.text.split()) for i in b.items) for b in body)

    def reading_minutes(self) -> int:
        return max(1, round(self.words() / WORDS_PER_MINUTE))

    @property
    def publication(self) -> str:
        """Where the article appeared: the byline's organisation, else the folder the capture sits in."""
        if self.article.organisation:
            return self.article.organisation
        folder = posixpath.dirname(self.source)
        return folder.split("/")[0] if folder else UNKNOWN_SOURCE


WORDS_PER_MINUTE = 230
UNKNOWN_SOURCE = "Unattributed captures"


def built_address(page: str, directory_urls: bool = False) -> str:
    """The address MkDocs gives a docs page, relative to the site root: plain ``.html`` addresses, or with
    ``directory_urls`` (MkDocs' ``use_directory_urls``) a folder's ("articles/x.md" -> "articles/x/")."""
    if not page.endswith(".md"):
        return page
    if not directory_urls:
        return page[:-3] + ".html"
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5] or "./"
    return stem + "/"


def built_file(page: str, directory_urls: bool = False) -> str:
    """The file MkDocs writes for a docs page, relative to the site root ("articles/x/index.html" with ``directory_urls``)."""
    address = built_address(page, directory_urls).removeprefix("./")
    return address + "index.html" if address.endswith("/") or not address else address


def address_from(file: str, address: str) -> str:
    """A relative link from the built file ``file`` to the address ``address`` (both from the site root); a
    folder's address keeps its closing slash, so a browser opens its index from ``file://`` too."""
    if address == "./":
        address = ""
    link = link_from(file, address or ".")
    return link + "/" if address.endswith("/") or not address else link
