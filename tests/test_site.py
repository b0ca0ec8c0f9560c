"""Real sites built by real MkDocs: the shipped corpus end to end, and hostile captures."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest
from newsarchive.build import pipeline
from newsarchive.common.slugs import slugify

from .sitebuild import active_content, build_site, comment_tree, search_text

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    from .conftest import SEED

    # every generated page rendered by worker processes, which large archives do (test_render_ahead_changes_nothing)
    return build_site(SEED, tmp_path_factory.mktemp("seed"), render_jobs=2, render_ahead_from=1)


def read(site: Path, pattern: str) -> str:
    return next(site.glob(pattern)).read_text("utf-8")


def test_render_ahead_changes_nothing(seed_site: Path, tmp_path: Path) -> None:
    from .conftest import SEED

    log = (seed_site.parent / "build.log").read_text("utf-8")
    ahead = re.search(r"newsarchive: (\d+) of (\d+) generated pages rendered ahead by 2 processes", log)
    assert ahead and ahead[1] == ahead[2] and int(ahead[1]) > 20, log
    built = re.search(r"newsarchive: (\d+) of (\d+) generated pages built ahead by 2 processes", log)
    assert built and built[1] == built[2] == ahead[1], log
    serial = build_site(SEED, tmp_path, render_jobs=1)
    serial_log = (tmp_path / "build.log").read_text("utf-8")
    assert "rendered ahead" not in serial_log and "built ahead" not in serial_log
    built = sorted(p.relative_to(seed_site) for p in seed_site.rglob("*") if p.is_file())
    assert built == sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert [p for p in built if (seed_site / p).read_bytes() != (serial / p).read_bytes()] == []


def test_pages_are_not_made_ahead_with_a_plugin_not_known(tmp_path: Path) -> None:
    from .conftest import SEED

    build_site(SEED, tmp_path, extra_plugins=("meta",), render_jobs=2, render_ahead_from=1)
    log = (tmp_path / "build.log").read_text("utf-8")
    assert "MkDocs makes every page itself: plugin material/meta" in log
    assert "rendered ahead" not in log and "built ahead" not in log


def test_home_lists_the_three_articles_newest_first(seed_site: Path) -> None:
    home = read(seed_site, "index.html")
    titles = ["Ballmer talks up Nokia Windows Phone 7 partnership", "Official: Nokia partners with Microsoft for Windows Phone 7", "A long term strategic alliance"]
    positions = [home.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Tom Warren" in home and "2011-02-11T10:26" in home and "undated" in home


def test_navigation_lists_sections_not_articles(seed_site: Path) -> None:
    home = read(seed_site, "index.html")
    nav = home[home.index("md-nav--primary") : home.index('class="md-content"')]
    assert all(label in nav for label in ("Timeline", "By date", "By author", "By source", "Entities", "Tags", "Coverage report", "About"))
    assert "Ballmer talks up" not in nav and "articles/2011" not in nav


def test_article_page_shows_fields_and_nested_reply(seed_site: Path) -> None:
    page = read(seed_site, "articles/2011/02/001-*.html")
    assert "<h1" in page and "Ballmer talks up Nokia Windows Phone 7 partnership" in page
    assert re.search(r'By <a href="../../../authors/tom-warren.html">Tom Warren</a> · <time datetime="2011-02-11T10:26">Friday 11 February 2011, 10:26</time>', page)
    assert "12 comments captured of 12 the page claimed" in page
    tree = comment_tree(page)
    assert tree[:4] == [(0, "Jamie Thomson"), (1, "Tom W"), (1, "Jamie Thomson"), (0, "Unknown commenter")]
    assert "article author" in page


def test_undated_article_is_marked_not_dropped(seed_site: Path) -> None:
    page = read(seed_site, "articles/undated/002-*.html")
    assert "Title inferred" in page and "Undated" in page
    assert "Nokia Strategy and Financial Briefing" in page  # a reference


def test_search_index_holds_article_text(seed_site: Path) -> None:
    text = search_text(seed_site)
    assert "burning platform" in text
    assert "its going to be an awesome ride" in text  # comments are searchable too


def test_raw_captures_are_published(seed_site: Path) -> None:
    from .conftest import SEED

    for source in SEED.glob("*.txt"):
        slug = slugify(source.stem, "")
        assert (seed_site / "captures" / f"{slug}.txt").read_bytes() == source.read_bytes()
    page = read(seed_site, "articles/2011/02/000-*.html")
    assert re.search(r'<a download href="[./]*captures/000-e8bd22a597f5bb90\.txt"', page)


HOSTILE = """<script>alert("title")</script> He said "no": --- the end

By <img src=x onerror=alert(1)> | 1 March 2011

A paragraph with <script>alert("body")</script> and [a link](javascript:alert(2)) and {: onclick="alert(3)" } in it, long enough.

  • <b onmouseover=alert(4)>Mallory</b>

    <script>alert("comment")</script> nice article, said nobody at all today.
"""


def test_capture_text_is_shown_as_text_never_run(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "hostile.txt").write_text(HOSTILE, "utf-8")
    site = build_site(raw, tmp_path)
    page = read(site, "articles/**/hostile.html")
    assert "<script>alert" not in page
    assert "<title>&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; He said" in page.replace("&quot;", "&#34;")
    assert active_content(page) == []
    assert "&lt;script&gt;alert(" in page  # shown, as text
    home = read(site, "index.html")
    assert "<script>alert" not in home and active_content(home) == []


def test_titles_round_trip_through_front_matter(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "hostile.txt").write_text(HOSTILE, "utf-8")
    archive, raw_files = pipeline.collect(raw)
    files = dict(pipeline.render_files(archive, raw_files))
    page = frontmatter.loads(files[archive.records[0].page])
    assert page["title"] == '<script>alert("title")</script> He said "no": --- the end'


def test_file_names_never_escape_or_collide(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    text = "A title\n\nBy Jo Bloggs | 1 March 2011\n\nA paragraph of prose that is long enough to count as one.\n"
    for name in ["sub/a.txt", "sub-a.txt", "Sub A.txt", "!!.txt", "Ünïcode — name!!.txt"]:
        (raw / name).write_text(text, "utf-8")
    archive, raw_files = pipeline.collect(raw)
    pages = [r.page for r in archive.records]
    assert len(set(pages)) == 5
    assert all(re.fullmatch(r"articles/2011/03/[a-z0-9-]+\.md", page) for page in pages), pages
    assert "articles/2011/03/sub-a-2.md" in pages  # a collision gets a number, not an overwrite
    site = build_site(raw, tmp_path)
    assert len([p for p in (site / "articles" / "2011" / "03").glob("*.html") if p.name != "index.html"]) == 5


def test_first_mention_links_to_the_entity_page(seed_site: Path) -> None:
    page = read(seed_site, "articles/2011/02/000-*.html")
    links = re.findall(r'<a class="na-entity" href="([^"]+)">([^<]+)</a>', page)
    targets = dict((text, href) for href, text in links)
    assert targets["Stephen Elop"] == "../../../entities/stephen-elop.html"
    assert [text for _, text in links].count("Nokia") == 1  # the first mention only
    entity = read(seed_site, "entities/stephen-elop.html")
    assert "Nokia CEO" in entity and "Today Nokia and Microsoft intend" in entity
    assert "Official: Nokia partners with Microsoft for Windows Phone 7" in entity


def test_shared_passages_link_both_ways(seed_site: Path) -> None:
    first = read(seed_site, "articles/2011/02/000-*.html")
    second = read(seed_site, "articles/2011/02/001-*.html")
    for page, other in ((first, "001-82de473aebdb76e8.html"), (second, "000-e8bd22a597f5bb90.html")):
        assert 'id="passage-2"' in page and f'href="{other}#passage-2"' in page


def test_not_in_the_archive_lists_references_by_citing_article(seed_site: Path) -> None:
    page = read(seed_site, "missing.html")
    assert "Open Letter from Stephen Elop and Steve Ballmer" in page
    assert 'href="articles/undated/002-8430df1c30ceea1c.html"' in page
    article = read(seed_site, "articles/undated/002-*.html")
    assert 'href="../../missing.html"' in article


def test_entity_index_and_data_are_published(seed_site: Path) -> None:
    index = read(seed_site, "entities/index.html")
    assert "People" in index and "Stephen Elop" in index
    assert "Mobile World Congress" not in index  # named once: data, not a page
    import json

    lines = [json.loads(line) for line in read(seed_site, "entities.jsonl").splitlines()]
    elop = next(e for e in lines if e["name"] == "Stephen Elop")
    assert elop["kind"] == "person" and "Elop" in elop["aliases"] and len(elop["articles"]) == 3
    assert elop["page"] == "entities/stephen-elop.md"
    congress = next(e for e in lines if e["name"] == "Mobile World Congress")
    assert congress["kind"] == "event" and congress["page"] is None and congress["mentions"] == 1
    assert not (seed_site / "entities" / "mobile-world-congress.html").exists()


def test_timeline_page_shows_events_and_articles_in_order(seed_site: Path) -> None:
    page = read(seed_site, "timeline.html")
    assert 'class="na-timeline"' in page
    marks = ['datetime="2010-09"', 'datetime="2011-02-11"', 'datetime="2011-02-11T07:34"', 'datetime="2011-02-11T10:26"', 'datetime="2011-02-13"']
    positions = [page.index(mark) for mark in marks]
    assert positions == sorted(positions)
    assert "press event on Sunday" in page and 'href="entities/windows-phone-7.html"' in page
    undated = page[page.index('id="undated"'):]
    assert "A long term strategic alliance" in undated and "inferred" in undated
    home = read(seed_site, "index.html")
    assert 'href="timeline.html"' in home
    import json

    data = json.loads(read(seed_site, "timeline.json"))
    assert len(data["events"]) == 2 + 7
