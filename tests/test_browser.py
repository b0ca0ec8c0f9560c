"""The shipped corpus as a reader sees it: real chromium, from the file system and from a web server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import ARTIFACTS, Reader, chromium, serve
from .conftest import SEED
from .sitebuild import build_site

pytestmark = [pytest.mark.site, pytest.mark.browser]

TOM_WARREN = ["Official: Nokia partners with Microsoft for Windows Phone 7", "Ballmer talks up Nokia Windows Phone 7 partnership"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(SEED, tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module", params=["file", "http"])
def base(request, site: Path) -> Iterator[str]:
    if request.param == "file":
        yield site.as_uri() + "/"
    else:
        with serve(site) as url:
            yield url


@pytest.fixture
def reader(browser, base: str) -> Iterator[Reader]:
    instance = Reader(browser, base)
    yield instance
    instance.close()
    assert instance.errors == []


def kind(base: str) -> str:
    return "file" if base.startswith("file:") else "http"


def test_search_finds_both_tom_warren_articles(reader: Reader) -> None:
    reader.open("index.html")
    titles = reader.search("burning platform")
    for title in TOM_WARREN:
        assert any(title in t for t in titles), titles


def test_search_result_opens_the_article_with_its_nested_reply(reader: Reader, base: str) -> None:
    reader.open("index.html")
    reader.search("burning platform")
    reader.page.locator(".md-search-result__item a", has_text="Ballmer talks up").first.click()
    reader.page.wait_for_url(re.compile(r".*001-82de473aebdb76e8\.html.*"))
    reply = reader.page.locator(".na-comment .na-comment", has_text="Tom W").first
    assert reply.is_visible()
    assert "article author" in reply.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reader.page.screenshot(path=str(ARTIFACTS / f"article-{kind(base)}.png"), full_page=True)
    # the README's picture of an article's comments (screenshots/article-comments.png is a copy of it)
    heading = reader.page.locator("h2", has_text="Comments").first  # at the top, under the header that stays in view
    heading.evaluate("node => window.scrollTo(0, node.getBoundingClientRect().top + window.scrollY - 64)")
    reader.page.screenshot(path=str(ARTIFACTS / f"article-comments-{kind(base)}.png"))


def test_entity_link_leads_to_the_entity_page(reader: Reader, base: str) -> None:
    reader.open("articles/2011/02/000-e8bd22a597f5bb90.html")
    reader.page.locator("a.na-entity", has_text="Stephen Elop").first.click()
    reader.page.wait_for_url(re.compile(r".*entities/stephen-elop\.html"))
    assert reader.page.locator("h1").inner_text().strip() == "Stephen Elop"
    assert reader.page.locator("text=Nokia CEO").first.is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reader.page.screenshot(path=str(ARTIFACTS / f"entity-{kind(base)}.png"))  # the README's (screenshots/entity-page.png)


def test_timeline_link_leads_to_the_timeline(reader: Reader, base: str) -> None:
    reader.open("index.html")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reader.page.screenshot(path=str(ARTIFACTS / f"home-{kind(base)}.png"), full_page=True)
    reader.page.locator("article a", has_text="Timeline").first.click()
    reader.page.wait_for_url(re.compile(r".*timeline\.html"))
    assert reader.page.locator(".na-timeline .na-tl-item").count() >= 7
    reader.page.locator(".na-tl-item", has_text="press event on Sunday").first.scroll_into_view_if_needed()
    reader.page.screenshot(path=str(ARTIFACTS / f"timeline-{kind(base)}.png"), full_page=True)


def test_dark_mode_switches_and_stays(reader: Reader, base: str) -> None:
    reader.open("timeline.html")
    body = reader.page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    reader.page.locator("label.md-header__button[for^='__palette']").first.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    reader.page.screenshot(path=str(ARTIFACTS / f"timeline-dark-{kind(base)}.png"))


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory) -> Path:
    """An archive of a capture in Arabic beside one in English."""
    raw = tmp_path_factory.mktemp("scripts-raw")
    fixtures = Path(__file__).parent / "fixtures" / "raw"
    for name in ("encoding_windows1256_arabic_byline.txt", "byline_pipe_separated.txt"):
        (raw / name).write_bytes((fixtures / name).read_bytes())
    return build_site(raw, tmp_path_factory.mktemp("scripts"))


def _text_gaps(page, selector: str) -> tuple[float, float]:
    """How far a paragraph's text stands from its box's left and right edges, in pixels."""
    return page.locator(selector).first.evaluate(
        "p => { const r = document.createRange(); r.selectNodeContents(p); const t = r.getBoundingClientRect(), b = p.getBoundingClientRect();"
        " return [t.left - b.left, b.right - t.right]; }"
    )


def test_arabic_text_reads_right_to_left_beside_english(browser, scripts_site: Path) -> None:
    reader = Reader(browser, scripts_site.as_uri() + "/")
    try:
        reader.open("articles/2011/02/encoding-windows1256-arabic-byline.html")
        left, right = _text_gaps(reader.page, "article p:has-text('نوكيا')")
        assert right < 2 < left  # set against the right edge, as Arabic is read
        reader.page.screenshot(path=str(ARTIFACTS / "article-arabic.png"))
        english = next(scripts_site.glob("articles/*/*/byline-pipe-separated.html")).relative_to(scripts_site).as_posix()
        reader.open(english)
        left, right = _text_gaps(reader.page, "article p:has-text('tram line')")
        assert left < 2 < right
    finally:
        reader.close()
    assert reader.errors == []
