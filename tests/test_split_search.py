"""Search over an archive too large for Material's single index: the split index, in chromium, from file:// and http."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from newsarchive.site.search_index import build_search_index, terms
from newsarchive.bench.synth import generate

from .browser import chromium, first_search
from .sitebuild import build_site

pytestmark = [pytest.mark.site, pytest.mark.browser]

ARTICLES = 300
SPLIT_FROM = 100  # so that a generated archive CI can build in seconds uses the split index


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("split")
    generate(ARTICLES, work / "raw")
    return build_site(work / "raw", work, split_search_from=SPLIT_FROM)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as instance:
        yield instance


def test_articles_leave_materials_index_for_the_split_one(site: Path) -> None:
    import json
    import re

    locations = [doc["location"] for doc in json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]]
    assert not [place for place in locations if re.search(r"article-\d{6}\.html", place)]
    assert (site / "search/na/manifest.js").read_text("utf-8").startswith('naSearch.manifest("index",{"split":true')
    assert len(list((site / "search/na/t").glob("*.js"))) > 20


def test_split_index_finds_every_word_of_a_title() -> None:
    from newsarchive.parse import parse_capture
    from newsarchive.site.records import Record

    article = parse_capture("Harbour tram opens\n\nBy Ann Lee, 3 March 2011\n\nThe harbour tram opened today, to cheers.\n")
    record = Record("a.txt", "0" * 64, 1, "utf-8", "articles/2011/03/a.md", "captures/a.txt", article)
    files = build_search_index([record])
    shard = files["search/na/t/ha.js"]
    assert '"harbour":[0,6]' in shard and "</script" not in shard
    assert terms("Nokia’s 2011 — Élan") == ["nokia", "2011", "élan"]


def test_terms_worked_out_beforehand_give_the_same_index() -> None:
    from newsarchive.parse import parse_capture
    from newsarchive.site.records import Record
    from newsarchive.site.search_index import document_terms

    texts = [
        "Harbour tram opens\n\nBy Ann Lee, 3 March 2011\n\nThe harbour tram opened today, to cheers.\n\n- Fares: two euros\n- Tram, tram, tram\n",
        "Quiet day\n\nNothing happened at the harbour.\n",
    ]
    records = [
        Record(f"{n}.txt", "0" * 64, 1, "utf-8", f"articles/2011/03/{name}.md", f"captures/{n}.txt", parse_capture(text))
        for n, (name, text) in enumerate(zip(["b", "a"], texts))
    ]
    known = [document_terms(r.article) for r in records]
    assert dict(known[0].items())["tram"] == 5 + 4  # the title weighs five, then one for each of the four in the body
    assert build_search_index(records, known) == build_search_index(records)
    with pytest.raises(ValueError):
        build_search_index(records, known[:1])


def test_an_article_without_words_has_no_terms() -> None:
    from newsarchive.common.models import Article
    from newsarchive.site.search_index import document_terms

    assert list(document_terms(Article(title="…")).items()) == []


@pytest.mark.parametrize("origin", ["file", "http"])
def test_first_query_is_small_and_fast(site: Path, browser, origin: str) -> None:
    found = first_search(browser, site, origin, "Vukojo")
    assert found.seconds is not None and any("Vukojo" in t for t in found.titles), found
    # The figure, a second, is checked by the benchmark (`newsarchive bench`), not here: on a loaded
    # 2-core runner this query has taken up to 2 s. The bound still fails on what it guards against: an index
    # that freezes the page (Material's, from file://).
    assert found.seconds < 3.0
    searched = sum(size for address, size in found.fetched.items() if "/search/na/" in address)
    material = sum(size for address, size in found.fetched.items() if "search_index" in address)
    assert 0 < searched <= 300 * 1024
    assert material < 50 * 1024  # Material's own index holds only the hand-written pages
    assert found.errors == ()
