"""The MkDocs plugin: runs the conversion inside ``mkdocs build`` and ``mkdocs serve``.

The conversion runs in a forked process that writes the generated pages into a
folder of their own (``generated`` in the cache folder, or a temporary one) and
ends before MkDocs renders anything: its memory is returned to the system, so the
build's peak is the larger of the two, not their sum. Nothing is written into the
docs folder, so hand-written pages and generated ones never mix.
"""

from __future__ import annotations

import html
import logging
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import pipeline
from .cache import TEMPLATES_DIR
from .compiled_templates import keep_compiled
from .models import Problem, Severity
from .page_render import KNOWN_PLUGINS, Ahead, Built
from .processes import POOL_FROM, default_jobs, in_child
from .report import summary
from .write import Content

log = logging.getLogger("mkdocs.plugins.newsarchive")


class NewsArchiveConfig(base.Config):
    raw_dir = config_options.Type(str, default="raw")
    max_mib = config_options.Type(float, default=20.0)
    #: curated entities (YAML), relative to mkdocs.yml; optional
    entities_file = config_options.Type(str, default="entities.yml")
    #: the address book (YAML) that keeps old addresses redirecting, relative to mkdocs.yml
    addresses_file = config_options.Type(str, default="addresses.yml")
    #: parsed captures and rendered pages kept by content hash, relative to mkdocs.yml; "" turns the cache off
    cache_dir = config_options.Type(str, default=".newsarchive-cache")
    #: from this many articles on, articles are searched through the split index instead of Material's
    split_search_from = config_options.Type(int, default=pipeline.SPLIT_SEARCH_FROM)
    #: report the captures' own warnings (missing byline, inferred title…) as MkDocs warnings
    warn_on_capture_warnings = config_options.Type(bool, default=False)
    #: processes that make the generated pages (their Markdown, then their templates) ahead of MkDocs, which
    #: takes what they made (all cores by default; 1: MkDocs makes every page itself), from this many pages on
    render_jobs = config_options.Type(int, default=0)
    render_ahead_from = config_options.Type(int, default=POOL_FROM)


def escape_meta(value: Any) -> Any:
    """HTML-escape every string in page metadata: Material prints ``page.meta.title`` and others unescaped."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [escape_meta(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_meta(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Generated:
    """What a conversion wrote, and what it has to say."""

    sources: dict[str, str]  # every generated file's path in the docs, and where its content is
    problems: tuple[Problem, ...]
    summary: str
    split_search: bool


def generate(raw_dir: Path, out_dir: Path, options: NewsArchiveConfig, entities: Path, addresses: Path, cache: Path | None) -> Generated:
    """Convert every capture of ``raw_dir`` and write the generated files into ``out_dir``."""
    raw: dict[str, str] = {}  # captures published as they are: MkDocs copies them from where they lie

    def texts(files: Iterator[tuple[str, Content]]) -> Iterator[tuple[str, Content]]:
        for path, content in files:
            if isinstance(content, Path):
                raw[path] = str(content)
            else:
                yield path, content

    archive, written = pipeline.convert(
        raw_dir,
        out_dir,
        max_bytes=int(options.max_mib * 1_048_576),
        entities=entities,
        addresses=addresses,
        split_search_from=options.split_search_from,
        cache_dir=cache,
        select=texts,
    )
    total = archive.total()
    return Generated({**{path: str(out_dir / path) for path in written.paths}, **raw}, archive.problems, summary(archive, total), len(archive.records) >= options.split_search_from)


class NewsArchivePlugin(BasePlugin[NewsArchiveConfig]):
    def __init__(self) -> None:
        self.generated: set[str] = set()
        self.split_search = False
        self._scratch: tempfile.TemporaryDirectory | None = None
        self._command, self._dirty = "build", False
        self._ahead: Ahead | None = None
        self._built: Built | None = None
        self._nav: Navigation | None = None
        self._pages: list[Page] | None = None  # made ahead in this build (``_pages_ahead``)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty

    def _out_dir(self, config: MkDocsConfig) -> Path:
        """Where the generated files go: kept in the cache folder (only changed files are rewritten), else temporary."""
        cache = self._cache_dir(config)
        if cache is not None:
            return cache / "generated"
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="newsarchive-")
        return Path(self._scratch.name)

    def _raw_dir(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path).parent / self.config.raw_dir).resolve()

    def _cache_dir(self, config: MkDocsConfig) -> Path | None:
        return self._config_path(config, self.config.cache_dir) if self.config.cache_dir else None

    @staticmethod
    def _config_path(config: MkDocsConfig, name: str) -> Path:
        return (Path(config.config_file_path).parent / name).resolve()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        raw_dir = self._raw_dir(config)
        if not raw_dir.is_dir():
            log.warning("newsarchive: the folder of captures %s does not exist; set raw_dir in mkdocs.yml", raw_dir)
            return files
        self.generated = set()
        self.split_search = False
        cache = self._cache_dir(config)
        out_dir = self._out_dir(config)
        entities, addresses = self._config_path(config, self.config.entities_file), self._config_path(config, self.config.addresses_file)
        result = in_child(lambda: generate(raw_dir, out_dir, self.config, entities, addresses, cache))
        self.split_search = result.split_search
        for problem in result.problems:
            level = logging.WARNING if problem.severity is Severity.ERROR or self.config.warn_on_capture_warnings else logging.INFO
            log.log(level, "newsarchive: %s", problem)
        for path, source in sorted(result.sources.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                log.warning("newsarchive: docs/%s is generated from the captures; the file in the docs folder is ignored", path)
                files.remove(existing)
            files.append(File.generated(config, path, abs_src_path=source))
            self.generated.add(path)
        log.info("newsarchive: %s", result.summary)
        return files

    def _pages_ahead(self, config: MkDocsConfig, files: Files) -> list[Page] | None:
        """The generated pages MkDocs will make, in its order, for workers to make ahead; None if not worth it.

        Only in ``mkdocs build`` (``serve`` runs a web server's threads, which forked processes must not
        inherit), with only ``KNOWN_PLUGINS``; with ``--dirty``, only the pages MkDocs will make again.
        """
        unknown = sorted(set(config.plugins) - KNOWN_PLUGINS)
        if unknown:
            log.info("newsarchive: MkDocs makes every page itself: plugin %s may make a page from what other pages left behind", ", ".join(unknown))
        if self._command == "serve" or self._jobs() < 2 or unknown:
            return None
        pages = [
            file.page
            for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if file.src_uri in self.generated and file.page is not None and (not self._dirty or file.is_modified())
        ]
        return pages if len(pages) >= self.config.render_ahead_from else None

    def _jobs(self) -> int:
        return self.config.render_jobs or default_jobs()

    @event_priority(-100)  # after every other plugin's: the navigation as the templates will show it
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Start rendering the generated pages' Markdown ahead, in other processes, in the order MkDocs reads them."""
        self._stop_ahead()
        self._nav, self._pages = nav, self._pages_ahead(config, files)  # the same pages go through the templates (on_env)
        if self._pages is not None:
            self._ahead = Ahead(self._pages, config, files, self._jobs())
        return nav

    @event_priority(-100)  # after every other plugin's: the Markdown as it will be rendered
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Capture text in front matter is data: escape it before any template prints it.

        A page rendered ahead from this very Markdown is not rendered again.
        """
        if self._ahead is not None:
            self._ahead.use(page, markdown)
        if page.file.src_uri in self.generated:
            schema = page.meta.pop("schema", None)  # printed through tojson, which escapes it for a script
            page.meta = escape_meta(page.meta)
            if schema is not None:
                page.meta["schema"] = schema
            if self.split_search:
                page.meta["search"] = {"exclude": True}  # the split index serves the archive's pages
        return markdown

    @event_priority(-100)  # after the tags plugin has made its listings, which the templates show
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page is rendered now: put the generated ones through the templates ahead, with known plugins only.

        With a cache folder, the theme's compiled templates are kept there for the next build.
        """
        cache = self._cache_dir(config)
        keep_compiled(env, cache / TEMPLATES_DIR if cache is not None else None)
        if self._ahead is not None:
            log.info("newsarchive: %d of %d generated pages rendered ahead by %d processes", self._ahead.used, self._ahead.count, self._ahead.jobs)
        self._stop_ahead()
        if self._pages is None or self._nav is None:
            return env
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self._built = Built(self._pages, config, self._nav, doc_files, env, self._jobs())
        return self._built.environment(env)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._built is not None:
            log.info("newsarchive: %d of %d generated pages built ahead by %d processes", self._built.used, self._built.count, self._built.jobs)
        self._stop_ahead()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_ahead()

    def _stop_ahead(self) -> None:
        for ahead in (self._ahead, self._built):
            if ahead is not None:
                ahead.close()
        self._ahead = self._built = None

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        server.watch(str(self._raw_dir(config)))
        curated = self._config_path(config, self.config.entities_file)
        if curated.exists():
            server.watch(str(curated))
        return server
