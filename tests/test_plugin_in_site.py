"""The plugin added to an existing MkDocs site: the archive in a folder of its own, beside the site's own pages.

Real builds of small sites of their own (their home page, a guide, a blog), with directory URLs or plain ones,
Material or MkDocs' own theme, read by the link checker and in chromium from a server and from the file system.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsarchive.mkdocs_plugin import EXTENSIONS

from .browser import Reader, chromium, serve
from .conftest import SEED
from .sitebuild import ROOT, mkdocs_build
from .test_site_integrity import broken_links

pytestmark = pytest.mark.site

WELCOME = "Welcome to the team handbook"
TOM_WARREN = ["Official: Nokia partners with Microsoft for Windows Phone 7", "Ballmer talks up Nokia Windows Phone 7 partnership"]
#: the Markdown extensions a site of its own would have (the plugin adds those its pages need)
OWN_EXTENSIONS = ["toc"]


#: Material as a site that works offline has it: no fonts from Google's servers
MATERIAL = {"name": "material", "font": False}


def own_site(work: Path, *, theme: object = MATERIAL, plugins: tuple = ("search",), nav: list | None = None, blog: bool = False, **options) -> dict:
    """A small site of its own in ``work``: a home page and a guide (a blog with ``blog``), and the plugin at the end."""
    docs = work / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(f"# Handbook\n\n{WELCOME}. See the [guide](guide.md).\n", "utf-8")
    (docs / "guide.md").write_text("# Guide\n\nHow we work. Back [home](index.md).\n", "utf-8")
    if blog:
        (docs / "blog" / "posts").mkdir(parents=True)
        (docs / "blog" / "index.md").write_text("# Blog\n", "utf-8")
        (docs / "blog" / "posts" / "hello.md").write_text("---\ndate: 2024-03-01\ntags: [news]\n---\n\n# Hello from the team\n\nOur first post.\n", "utf-8")
    raw = work / "raw"
    if not raw.exists():
        shutil.copytree(SEED, raw)
    config: dict = {
        "site_name": "Team handbook",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "markdown_extensions": list(OWN_EXTENSIONS),
        "plugins": [*plugins, {"newsarchive": {"raw_dir": "raw", **options}}],
    }
    if nav is not None:
        config["nav"] = nav
    return config


def built(config: dict, work: Path) -> Path:
    result = mkdocs_build(config, work)
    assert result.returncode == 0, result.stderr
    (work / "build.log").write_text(result.stderr, "utf-8")
    assert "WARNING" not in result.stderr, result.stderr
    return work / "site"


class _Nav(HTMLParser):
    """The texts of a page's links in its navigation (``nav`` elements), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.texts, self._link = 0, [], False

    def handle_starttag(self, tag, attrs):
        if tag == "nav":
            self.depth += 1
        elif tag in ("a", "label") and self.depth:
            self._link = True
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "nav":
            self.depth -= 1
        elif tag in ("a", "label"):
            self._link = False

    def handle_data(self, data):
        if self._link:
            self.texts[-1] += data.strip()


def nav_texts(page: Path) -> list[str]:
    """The texts of a Material page's navigation; a section's title, repeated over its items, once."""
    parser = _Nav()
    parser.feed(page.read_text("utf-8"))
    texts = [t for t in parser.texts if t]
    return [t for n, t in enumerate(texts) if n == 0 or t != texts[n - 1]]


@pytest.fixture(scope="module")
def team_site(tmp_path_factory) -> Path:
    """Material, directory URLs (MkDocs' default), automatic navigation, the blog and tags plugins beside the archive."""
    work = tmp_path_factory.mktemp("team")
    config = own_site(work, plugins=("search", "tags", "blog"), blog=True)
    config["site_url"] = "https://handbook.example.org/"
    return built(config, work)


def test_the_site_keeps_its_home_page_and_the_archive_has_a_folder(team_site: Path) -> None:
    assert WELCOME in (team_site / "index.html").read_text("utf-8")
    assert "How we work" in (team_site / "guide/index.html").read_text("utf-8")
    home = (team_site / "archive/index.html").read_text("utf-8")
    assert "News archive" in home and "Official: Nokia partners" in home
    for name in ("articles", "entities", "timeline", "coverage", "missing", "tags", "about", "corpus.jsonl", "feed.xml", "search/na", "captures"):
        assert (team_site / "archive" / name).exists(), name
        assert not (team_site / name).exists() or name == "search/na" and not (team_site / name / "manifest.js").exists(), name
    assert (team_site / "archive/articles/2011/02/000-e8bd22a597f5bb90/index.html").exists()  # a folder's address
    assert "Our first post" in (team_site / "blog/2024/03/01/hello-from-the-team/index.html").read_text("utf-8")  # the blog's pages stay
    assert "Hello from the team" in (team_site / "blog/index.html").read_text("utf-8")


def test_the_archive_is_one_section_of_the_sites_navigation(team_site: Path) -> None:
    texts = nav_texts(team_site / "guide/index.html")
    assert "Guide" in texts and "Blog" in texts
    at = len(texts) - 1 - texts[::-1].index("Archive")  # the blog has an archive of its own, before
    assert texts[at + 1: at + 4] == ["Overview", "Timeline", "By date"], texts
    assert "About" in texts[at:] and not any(title in texts for title in TOM_WARREN)  # articles are reached from listings
    assert "Archive" in nav_texts(team_site / "archive/articles/2011/02/000-e8bd22a597f5bb90/index.html")


def test_every_link_holds_with_directory_urls(team_site: Path) -> None:
    assert broken_links(team_site) == []
    archive = team_site / "archive"
    feed = (archive / "feed.xml").read_text("utf-8")
    for link in re.findall(r'<link href="([^"]+)" rel="alternate"', feed):
        assert (archive / link / "index.html").exists() if link.endswith("/") else (archive / link).exists(), link
    sitemap = (team_site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://handbook.example.org/archive/articles/2011/02/000-e8bd22a597f5bb90/</loc>" in sitemap
    assert "<loc>https://handbook.example.org/guide/</loc>" in sitemap
    timeline = json.loads((archive / "timeline.json").read_text("utf-8"))
    links = [re.search(r'href="([^"]+)"', e["text"]["headline"]).group(1) for e in timeline["events"] if e["group"] == "Articles"]
    assert links and all(link.endswith("/") and (archive / link / "index.html").exists() for link in links), links


def test_every_page_of_the_site_carries_the_archives_stylesheet_and_feed(team_site: Path) -> None:
    guide = (team_site / "guide/index.html").read_text("utf-8")
    assert '<link rel="stylesheet" href="../archive/assets/newsarchive/archive.css">' in guide
    assert 'href="../archive/feed.xml"' in guide and 'window.naSearchBase = "../archive/search/na/"' in guide
    article = (team_site / "archive/articles/2011/02/000-e8bd22a597f5bb90/index.html").read_text("utf-8")
    assert article.count('type="application/ld+json"') == 1 and '"@type": "NewsArticle"' in article
    assert 'type="application/ld+json"' not in guide


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as instance:
        yield instance


def test_search_from_the_sites_home_finds_the_archive_over_http(browser, team_site: Path) -> None:
    with serve(team_site) as base:
        reader = Reader(browser, base)
        try:
            reader.open("")
            titles = reader.search("burning platform")
            assert all(any(title in t for t in titles) for title in TOM_WARREN), titles
            reader.page.locator(".md-search-result__item a", has_text="Ballmer talks up").first.click()
            reader.page.wait_for_url(re.compile(r".*/archive/articles/2011/02/001-82de473aebdb76e8/.*"))
            assert reader.page.locator(".na-comment").count() >= 2
            reader.open("archive/")
            reader.page.locator("article a", has_text="Timeline").first.click()
            reader.page.wait_for_url(re.compile(r".*/archive/timeline/$"))
            assert reader.page.locator(".na-timeline .na-tl-item").count() >= 7
        finally:
            reader.close()
        assert reader.errors == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """Material with the offline plugin (plain .html addresses) and a navigation the site wrote, its own folder name."""
    work = tmp_path_factory.mktemp("offline")
    nav = [{"Home": "index.md"}, {"Guide": "guide.md"}]
    config = own_site(work, plugins=("search", "offline"), nav=nav, archive_dir="press", nav_section="Press archive")
    # as an offline site of its own would: the search worker's shim from the site, not from unpkg.com
    shim = "javascripts/vendor/iframe-worker-shim-1.0.4.js"
    (work / "docs" / shim).parent.mkdir(parents=True)
    shutil.copy(ROOT / "docs" / shim, work / "docs" / shim)
    config["extra"] = {"polyfills": [shim]}
    return built(config, work)


@pytest.mark.browser
@pytest.mark.parametrize("origin", ["file", "http"])
def test_an_offline_site_finds_the_archive_from_the_file_system_and_a_server(browser, offline_site: Path, origin: str) -> None:
    texts = nav_texts(offline_site / "index.html")
    assert texts.index("Guide") < texts.index("Press archive") and "Overview" in texts
    assert broken_links(offline_site) == []
    with serve(offline_site) if origin == "http" else _file(offline_site) as base:
        reader = Reader(browser, base)
        try:
            reader.open("index.html")
            assert WELCOME in reader.page.locator("article").inner_text()
            titles = reader.search("burning platform")
            assert any(TOM_WARREN[0] in t for t in titles), titles
            reader.page.locator(".md-search-result__item a", has_text="Official: Nokia partners").first.click()
            reader.page.wait_for_url(re.compile(r".*/press/articles/2011/02/000-e8bd22a597f5bb90\.html.*"))
            reader.page.locator("a.na-entity", has_text="Stephen Elop").first.click()
            reader.page.wait_for_url(re.compile(r".*/press/entities/stephen-elop\.html"))
        finally:
            reader.close()
        assert reader.errors == []


class _file:
    """The site's folder as a file:// base, as ``serve`` gives an http one."""

    def __init__(self, site: Path) -> None:
        self.base = site.resolve().as_uri() + "/"

    def __enter__(self) -> str:
        return self.base

    def __exit__(self, *exc) -> None:
        return None


def test_another_theme_reads_the_archive_and_the_log_says_what_it_lacks(tmp_path: Path) -> None:
    nav = [{"Home": "index.md"}, {"Guide": "guide.md"}]
    site = built(own_site(tmp_path, theme="mkdocs", nav=nav), tmp_path)
    log = (tmp_path / "build.log").read_text("utf-8")
    assert "theme mkdocs: the archive's pages read the same" in log
    added = re.search(r"the archive's pages are written for, added: (.*)", log)
    assert added and {"md_in_html", "admonition", "pymdownx.details"} <= set(added.group(1).split(", ")) <= set(EXTENSIONS)
    article = (site / "archive/articles/2011/02/001-82de473aebdb76e8/index.html").read_text("utf-8")
    assert "Ballmer talks up Nokia Windows Phone 7 partnership" in article
    assert 'class="na-comment' in article and "markdown=" not in article  # md_in_html made the comments
    guide = (site / "guide/index.html").read_text("utf-8")
    assert "Archive" in guide and 'href="../archive/timeline/"' in guide  # the section in the theme's own menu
    assert broken_links(site) == []


def test_a_generated_page_never_replaces_one_the_site_wrote(tmp_path: Path) -> None:
    config = own_site(tmp_path)
    (tmp_path / "docs/archive").mkdir()
    (tmp_path / "docs/archive/timeline.md").write_text("# Our own timeline\n", "utf-8")
    result = mkdocs_build(config, tmp_path)
    assert result.returncode != 0
    assert "docs/archive/timeline.md is a file of this site" in result.stderr and "set archive_dir" in result.stderr.lower()
    config["plugins"][-1]["newsarchive"]["archive_dir"] = ""  # the root: the site's own home page clashes
    result = mkdocs_build(config, tmp_path)
    assert result.returncode != 0 and "docs/index.md" in result.stderr and "a generated page never replaces one you wrote" in result.stderr


def test_a_site_without_pages_of_its_own_is_the_archive(tmp_path: Path) -> None:
    config = own_site(tmp_path)
    for page in (tmp_path / "docs").glob("*.md"):
        page.unlink()
    (tmp_path / "docs/extra.css").write_text("body { margin: 0 }\n", "utf-8")
    site = built(config, tmp_path)
    assert "News archive" in (site / "index.html").read_text("utf-8") and not (site / "archive").exists()
    texts = nav_texts(site / "articles/2011/02/000-e8bd22a597f5bb90/index.html")  # no page of the navigation: no table of contents in it
    assert texts[texts.index("Home"):][:3] == ["Home", "Timeline", "By date"] and "Archive" not in texts, texts


@pytest.mark.parametrize("folder", ["../outside", "/abs/../x", "a/./b"])
def test_an_archive_folder_outside_the_site_is_refused(tmp_path: Path, folder: str) -> None:
    result = mkdocs_build(own_site(tmp_path, archive_dir=folder), tmp_path)
    assert result.returncode != 0 and "is not a folder inside the site" in result.stderr
