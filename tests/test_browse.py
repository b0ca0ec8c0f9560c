"""Paginated listings: no listing page grows with the archive."""

from __future__ import annotations

from newsarchive import browse
from newsarchive.render import pager, paginate

from .conftest import SEED


def test_paginate_names_the_pages_after_the_first() -> None:
    assert paginate("authors/jo.md", list(range(5)), 2) == [("authors/jo.md", [0, 1]), ("authors/jo-2.md", [2, 3]), ("authors/jo-3.md", [4])]
    assert paginate("missing.md", [], 100) == [("missing.md", [])]


def test_pager_links_every_page_and_marks_the_current_one() -> None:
    assert pager(["authors/jo.md"], 0) == []
    assert pager(["authors/jo.md", "authors/jo-2.md"], 1) == [("1", "jo.md", False), ("2", "jo-2.md", True)]


def test_a_listing_longer_than_a_page_is_split(monkeypatch) -> None:
    from newsarchive import pipeline

    monkeypatch.setattr(browse, "PER_PAGE", 1)
    archive, raw_files = pipeline.collect(SEED)
    files = browse.render_browse(archive.records, pipeline.link_archive(archive)[1])
    assert "authors/tom-warren-2.md" in files
    assert files["authors/tom-warren-2.md"].rstrip().endswith('<p class="na-pager" markdown>Pages: [1](tom-warren.md) · **2**</p>')
