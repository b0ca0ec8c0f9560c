"""Debian's chromium driven by Playwright, a static web server on 127.0.0.1, and a first search timed as a reader meets it.

The benchmark times a first search here; the browser tests use the same browser and server. Playwright
comes with ``make setup`` and chromium with ``make browser``; nothing is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = os.environ.get("NEWSARCHIVE_CHROMIUM", "/usr/bin/chromium")
#: Flags for a closed network: without them chromium keeps calling home and logs refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is the base class's
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_missing() -> str | None:
    """Why a headless chromium cannot be started here, or None when it can."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found: run 'make browser' (installs Debian's chromium) or set NEWSARCHIVE_CHROMIUM"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed: run 'make setup'"
    return None


@contextmanager
def chromium() -> Iterator[object]:
    """A headless chromium; fails with the command to run when it cannot be started."""
    missing = chromium_missing()
    if missing:
        raise RuntimeError(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass(frozen=True)
class FirstSearch:
    """A first query typed into the search box of a freshly opened page, as a reader meets it."""

    seconds: float | None  # from the loaded page (the search box shown) to the first result; None when none came in time
    titles: tuple[str, ...]  # the results' titles
    fetched: dict[str, int]  # bytes of each search file the browser fetched, by address, from the page load on
    errors: tuple[str, ...]  # the page's console errors and uncaught exceptions


def first_search(browser, site: Path, origin: str, query: str, timeout: float = 5.0, split: bool = True) -> FirstSearch:
    """Open the site's home page from ``origin`` ("file" or "http"), type ``query`` into the search box, time the first result.

    With ``split``, the page's split search (``naSearch``) must be defined before the query is typed;
    either way, Material's search box takes the keys.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.new_page()
    errors: list[str] = []
    fetched: dict[str, int] = {}
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def count(response) -> None:
        if "/search/" in response.url:
            try:
                fetched[response.url] = len(response.body())
            except Exception:  # noqa: BLE001 - file:// responses may carry no body to read back
                path = Path(unquote(urlsplit(response.url).path))
                fetched[response.url] = path.stat().st_size if path.is_file() else 0
    page.on("response", count)
    try:
        with nullcontext(site.resolve().as_uri() + "/") if origin == "file" else serve(site) as url:
            page.goto(url + "index.html")
            page.wait_for_load_state("load")
            if split:
                page.wait_for_function("window.naSearch !== undefined")
            box = page.locator("input.md-search__input")
            started = time.perf_counter()  # a reader types as soon as the box shows: waiting for it counts
            try:
                box.wait_for(state="visible", timeout=timeout * 1000)
                box.click(force=True)
                page.keyboard.type(query)
                page.locator(".md-search-result__item").first.wait_for(timeout=timeout * 1000)
            except PlaywrightTimeout:  # no search box, or no result, in time
                return FirstSearch(None, (), fetched, tuple(errors))
            seconds = time.perf_counter() - started
            titles = tuple(page.locator(".md-search-result__item h1").all_inner_texts())
        return FirstSearch(round(seconds, 3), titles, fetched, tuple(errors))
    finally:
        page.close()
