"""The built site holds together: no broken internal link, no request to another site, old addresses redirect."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browser import chromium
from .conftest import SEED
from .sitebuild import build_site

pytestmark = pytest.mark.site

_FOLLOWED = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}
_REQUESTING = ("src", "srcset", "poster", "data", "action", "background")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(values[name])
        if tag in _FOLLOWED and values.get(_FOLLOWED[tag]) is not None:
            self.links.append(values[_FOLLOWED[tag]])
        for name, value in attrs:
            if value and (name in _REQUESTING or name == "href") and re.match(r"^\s*(?:https?:)?//", value):
                self.external.append(f"<{tag} {name}={value}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.links.append((values.get("content") or "").split("url=", 1)[-1])


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    return build_site(SEED, tmp_path_factory.mktemp("integrity"))


def broken_links(site: Path) -> list[str]:
    pages = {path: parse(path) for path in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or not (parts.path or parts.fragment):
                continue
            if parts.path.startswith("/"):  # from the site root (the 404 page's links)
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {link} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (no such anchor)")
    return broken


def test_no_internal_link_is_broken(seed_site: Path) -> None:
    assert broken_links(seed_site) == []


def test_the_link_checker_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html#here">b</a><a href="c.html">c</a><a href="#top">top</a><p id="top"></p>', "utf-8")
    (tmp_path / "b.html").write_text('<p id="there"></p>', "utf-8")
    assert broken_links(tmp_path) == ["a.html: b.html#here (no such anchor)", "a.html: c.html (no such file)"]


def test_no_request_leaves_the_site(seed_site: Path) -> None:
    captured = " ".join(path.read_text("utf-8", "replace") for path in SEED.glob("*.txt"))
    external = [
        f"{path.relative_to(seed_site)}: {tag}"
        for path in seed_site.rglob("*.html")
        for tag in parse(path).external
        if tag.split("=", 1)[1].rstrip(">") not in captured  # links that the articles themselves carry may stay
    ]
    assert external == []
    for sheet in seed_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//|@import\s+['\"]?(?:url\()?\s*['\"]?(?:https?:)?//", sheet.read_text("utf-8")), sheet


def test_feed_and_sitemap_list_the_articles(seed_site: Path) -> None:
    feed = (seed_site / "feed.xml").read_text("utf-8")
    assert feed.count("<entry>") == 2 and "Ballmer talks up Nokia Windows Phone 7 partnership" in feed
    assert "articles/2011/02/001-82de473aebdb76e8.html" in feed
    assert "001-82de473aebdb76e8" in (seed_site / "sitemap.xml").read_text("utf-8")


def test_article_head_carries_schema_org_data(seed_site: Path) -> None:
    import json

    page = (seed_site / "articles/2011/02/000-e8bd22a597f5bb90.html").read_text("utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["author"] == [{"@type": "Person", "name": "Tom Warren"}]
    assert data["datePublished"] == "2011-02-11T07:34" and data["commentCount"] == 12


def test_an_address_survives_a_title_change_and_redirects_after_a_date_change(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(SEED, raw)
    work = tmp_path / "work"
    work.mkdir()
    capture = next(raw.glob("000_*.txt"))
    site = build_site(raw, work)
    old = site / "articles/2011/02/000-e8bd22a597f5bb90.html"
    assert old.exists()
    text = capture.read_text("utf-8")
    capture.write_text(text.replace("Official: Nokia partners", "Official: Nokia teams up", 1), "utf-8")
    site = build_site(raw, work)
    assert "Official: Nokia teams up" in old.read_text("utf-8")  # a new title, the same address
    capture.write_text(capture.read_text("utf-8").replace("11th Feb 11 7:34 am", "11th Mar 11 7:34 am", 1), "utf-8")
    site = build_site(raw, work)
    new = site / "articles/2011/03/000-e8bd22a597f5bb90.html"
    assert new.exists() and "Moved" in old.read_text("utf-8")
    assert broken_links(site) == []
    with chromium() as browser:
        page = browser.new_page()
        page.goto(old.as_uri())
        page.wait_for_url(re.compile(r".*/articles/2011/03/000-e8bd22a597f5bb90\.html"))
        assert "Official: Nokia teams up" in page.locator("h1").inner_text()
