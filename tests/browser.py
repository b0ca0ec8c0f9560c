"""The browser tests' chromium and web server (the package's own, which the benchmark uses too), and where screenshots go."""

from __future__ import annotations

import os
from pathlib import Path

from newsarchive.bench.headless import chromium, first_search, serve

__all__ = ["ARTIFACTS", "Reader", "chromium", "first_search", "serve"]

ARTIFACTS = Path(os.environ.get("NEWSARCHIVE_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))


class Reader:
    """A page in chromium that records every console error, page error and failed request."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        # a request the browser cancels because the test moved on (net::ERR_ABORTED) is no fault of the site;
        # a missing file is, and shows as a failed response
        self.page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else self.errors.append(f"request failed: {r.url} {r.failure}"))
        self.page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        self.page.on("request", lambda r: None if r.url.startswith(("file:", base, "data:", "blob:")) else self.errors.append(f"left the site: {r.url}"))

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def search(self, words: str) -> list[str]:
        self.page.locator("input.md-search__input").click(force=True)  # the box sits under its label until focused
        self.page.keyboard.type(words)  # Material searches on key events, so type as a person does
        results = self.page.locator(".md-search-result__item")
        results.first.wait_for(timeout=10_000)
        return [t.strip() for t in results.all_inner_texts()]

    def close(self) -> None:
        self.page.close()
