"""Paginated listings: no listing page grows with the archive."""

from __future__ import annotations

from newsarchive.site import browse
from newsarchive.site.render import pager, paginate

from .conftest import SEED


def test_paginate_names_the_pages_after_the_first() -> None:
    assert paginate("authors/jo.md", list(range(5)), 2) == [("authors/jo.md", [0, 1]), ("authors/jo-2.md", [2, 3]), ("authors/jo-3.md", [4])]
    assert paginate("missing.md", [], 100) == [("missing.md", [])]


def test_pager_links_every_page_and_marks_the_current_one() -> None:
    assert pager(["authors/jo.md"], 0) == []
    assert pager(["authors/jo.md", "authors/jo-2.md"], 1) == [("1", "jo.md", False), ("2", "jo-2.md", True)]


def test_a_listing_longer_than_a_page_is_split(monkeypatch) -> None:
    from newsarchive.build import pipeline

    monkeypatch.setattr(browse, "PER_PAGE", 1)
    archive, raw_files = pipeline.collect(SEED)
    files = browse.render_browse(archive.records, pipeline.link_archive(archive)[1])
    assert "authors/tom-warren-2.md" in files
    assert files["authors/tom-warren-2.md"].rstrip().endswith('<p class="na-pager" markdown>Pages: [1](tom-warren.md) · **2**</p>')
    index = [path for path in files if path.startswith("authors/index")]
    assert len(index) == len({name for r in archive.records for name in r.article.authors or ("Author unknown",)}) > 1  # a name a page
    assert all(files[path].count("](") >= 2 and "Pages:" in files[path] for path in index)  # its name, and the pager


def test_no_author_or_source_page_takes_an_index_page_s_name() -> None:
    from newsarchive.site.render import author_page, source_page

    assert author_page("Index") == "authors/named-index.md" and source_page("Index 2") == "sources/named-index-2.md"
    assert author_page("Indexer") == "authors/indexer.md" and source_page("Index Ventures") == "sources/index-ventures.md"


def test_a_kind_with_many_entities_is_listed_whole_on_pages_of_its_own(monkeypatch) -> None:
    from collections import Counter

    from newsarchive.site import entity_pages
    from newsarchive.build import pipeline

    monkeypatch.setattr(entity_pages, "INDEX_TOP", 2)
    monkeypatch.setattr(entity_pages, "KIND_PER_PAGE", 2)
    archive, _ = pipeline.collect(SEED)
    entities = pipeline.link_archive(archive)[1].entities
    files = entity_pages.render_entities_index(entities)
    index = files["entities/index.md"]
    per_kind = Counter(e.kind for e in entities)
    assert index.count("| [") == sum(min(2, n) for n in per_kind.values())  # the two named in most articles of each kind
    long_kinds = [kind for kind, n in per_kind.items() if n > 2]
    assert long_kinds
    for kind in long_kinds:
        title = entity_pages._KIND_TITLES[kind].lower()
        pages = sorted(p for p in files if p.startswith(f"entities/kinds/{title}"))
        assert len(pages) == (per_kind[kind] + 1) // 2
        assert f"of {per_kind[kind]}: [all {title}](kinds/{title}.md)" in index
        listed = "".join(files[p] for p in pages)
        assert all(f"](../{e.id}.md)" in listed for e in entities if e.kind is kind)  # every one, on one of the pages
