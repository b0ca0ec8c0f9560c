"""Build a real site with real MkDocs from any folder of captures, with the project's own mkdocs.yml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def build_site(raw_dir: Path, work: Path, extra_plugins: tuple[str, ...] = (), strict: bool = True, **options) -> Path:
    """``mkdocs build --strict`` (or without ``strict``) of ``raw_dir`` into ``work/site``; returns the site folder.
    ``options`` go to the plugin.

    Its log is kept in ``work/build.log``."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["site_dir"] = str(work / "site")
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["plugins"] = [p if not (isinstance(p, dict) and "newsarchive" in p) else {"newsarchive": {"raw_dir": str(raw_dir), **options}} for p in config["plugins"]]
    config["plugins"] += list(extra_plugins)
    config["strict"] = strict
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", str(config_file)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (work / "build.log").write_text(result.stderr, "utf-8")
    return work / "site"


def mkdocs_build(config: dict, work: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of any ``config`` (its folders relative to ``work``, where its mkdocs.yml is
    written); returns the finished process, whether or not the build succeeded."""
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )


def search_text(site: Path) -> str:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    return " ".join(doc["text"] for doc in index["docs"])


class CommentTree(HTMLParser):
    """The comment threads of a built page as (depth, author) pairs, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # for each open div: is it a comment?
        self.threads: list[tuple[int, str]] = []
        self._in_author = False

    def handle_starttag(self, tag, attrs):
        if tag == "div":
            self.stack.append("na-comment" in (dict(attrs).get("class") or "").split())
        elif tag == "strong" and self.stack and self.stack[-1] and (not self.threads or self.threads[-1][1] != "…"):
            self._in_author = True
            self.threads.append((sum(self.stack) - 1, ""))

    def handle_endtag(self, tag):
        if tag == "div" and self.stack:
            self.stack.pop()
        elif tag == "strong":
            self._in_author = False

    def handle_data(self, data):
        if self._in_author:
            depth, text = self.threads[-1]
            self.threads[-1] = (depth, text + data)


def comment_tree(html: str) -> list[tuple[int, str]]:
    parser = CommentTree()
    parser.feed(html)
    return parser.threads


class _ActiveContent(HTMLParser):
    """Everything in a page that a browser would run or follow: event handlers, javascript: links, inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        # schema.org data is a script element the browser never runs; tojson escapes "<" in it
        self._script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        self._data = tag == "script" and not self._script

    def handle_endtag(self, tag):
        self._script = self._data = False

    def handle_data(self, data):
        if getattr(self, "_data", False) and "<" in data:
            self.found.append(f"<script type=application/ld+json>{data[:60]}")
        if self._script and "alert(" in data:
            self.found.append(f"<script>{data[:60]}")


def active_content(html: str) -> list[str]:
    parser = _ActiveContent()
    parser.feed(html)
    return parser.found
