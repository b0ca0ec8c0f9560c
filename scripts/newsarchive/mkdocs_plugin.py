"""The MkDocs plugin: runs the conversion inside ``mkdocs build`` and ``mkdocs serve``.

The conversion runs in a forked process that writes the generated pages into a
folder of their own (``generated`` in the cache folder, or a temporary one) and
ends before MkDocs renders anything: its memory is returned to the system, so the
build's peak is the larger of the two, not their sum. Nothing is written into the
docs folder, so hand-written pages and generated ones never mix.

In a site with pages of its own, the archive lives in a folder of the site
(``archive_dir``), joins its navigation as one section, and never takes the place
of a page the site's authors wrote. Its stylesheet, search script, feed link and
each article's schema.org data go into every page's head from here, whatever the
theme.
"""

from __future__ import annotations

import html
import logging
import posixpath
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.utils import htmlsafe_json_dumps
from mkdocs.config import base, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .build import pipeline
from .build.report import summary
from .common.models import Problem, Severity
from .common.processes import POOL_FROM, default_jobs, in_child
from .site.compiled_templates import keep_compiled
from .site.feed import FEED
from .site.page_cache import TEMPLATES_DIR
from .site.page_render import KNOWN_PLUGINS, Ahead, Built
from .site.search_index import SEARCH_DIR
from .site.write import Content

log = logging.getLogger("mkdocs.plugins.newsarchive")

#: The stylesheet and the split search's script, shipped in the package and published with the archive.
ASSETS = Path(__file__).resolve().parent / "site" / "assets"
ASSETS_DIR = "assets/newsarchive"
STYLESHEET, SEARCH_SCRIPT = f"{ASSETS_DIR}/archive.css", f"{ASSETS_DIR}/na-search.js"
#: The archive's folder in a site with pages of its own, unless ``archive_dir`` names another.
DEFAULT_FOLDER = "archive"
#: The Markdown extensions the generated pages are written for, with their options; added when a site lacks one.
EXTENSIONS: dict[str, dict] = {
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
    "pymdownx.tabbed": {"alternate_style": True},
}


class NewsArchiveConfig(base.Config):
    raw_dir = config_options.Type(str, default="raw")
    #: the folder of the site the archive lives in ("" or "/": the site's root); unset, the root of a site that
    #: has no pages of its own, else "archive"
    archive_dir = config_options.Optional(config_options.Type(str))
    #: the title of the archive's section in the site's navigation
    nav_section = config_options.Type(str, default="Archive")
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
    notes: tuple[str, ...] = ()


def generate(
    raw_dir: Path, out_dir: Path, options: NewsArchiveConfig, entities: Path, addresses: Path, cache: Path | None, directory_urls: bool = False
) -> Generated:
    """Convert every capture of ``raw_dir`` and write the generated files into ``out_dir``, for a site with or
    without ``directory_urls``. Paths are the archive's own, as if it were the site's root."""
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
        directory_urls=directory_urls,
    )
    total = archive.total()
    return Generated(
        {**{path: str(out_dir / path) for path in written.paths}, **raw},
        archive.problems,
        summary(archive, total),
        len(archive.records) >= options.split_search_from,
        archive.notes,
    )


def placed_in(folder: str, path: str) -> str:
    """The path in the site of the archive's file ``path``, the archive being in ``folder`` ("": the root)."""
    return f"{folder}/{path}" if folder else path


def _clash(paths: list[str], folder: str, raw_dir: str) -> str:
    """What to say when the archive would take the place of files of the site."""
    shown = ", ".join(f"docs/{path}" for path in paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    where = f"in {folder}/" if folder else "at the site's root"
    return (
        f"newsarchive: {shown} {'is a file' if len(paths) == 1 else 'are files'} of this site, and the archive "
        f"{where} generates {'a file' if len(paths) == 1 else 'files'} of the same name from the captures in {raw_dir}: "
        "a generated page never replaces one you wrote. Set archive_dir (a folder the site does not use, such as "
        f"'{DEFAULT_FOLDER}') in the plugin's options, or move the site's file{'s' if len(paths) > 1 else ''}."
    )


def _link_in_order(pages: list[Page]) -> None:
    """Each page's previous and next page, as MkDocs links the pages of its navigation."""
    for previous, page in zip([None, *pages], pages):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if pages:
        pages[-1].next_page = None


class NewsArchivePlugin(BasePlugin[NewsArchiveConfig]):
    def __init__(self) -> None:
        self.generated: set[str] = set()
        self.folder: str | None = None  # where this build's archive lives in the site ("": the root); None: no archive
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

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the Markdown extensions the generated pages are written for, and say what a theme other than Material lacks."""
        added = []
        for name, options in EXTENSIONS.items():
            if not any(isinstance(e, str) and e.removeprefix("markdown.extensions.") == name for e in config.markdown_extensions):
                config.markdown_extensions.append(name)
                if options:
                    config.mdx_configs[name] = dict(options)
                added.append(name)
        if added:
            log.info("newsarchive: Markdown extensions the archive's pages are written for, added: %s", ", ".join(added))
        if config.theme.name != "material":
            log.info(
                "newsarchive: theme %s: the archive's pages read the same, but its search of large archives, tag chips, tabs "
                "and dark mode are made for Material for MkDocs",
                config.theme.name or "(custom)",
            )
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.folder = None
        raw_dir = self._raw_dir(config)
        if not raw_dir.is_dir():
            log.warning("newsarchive: the folder of captures %s does not exist; set raw_dir in mkdocs.yml", raw_dir)
            return files
        folder = self._folder(files)
        self.generated = set()
        self.split_search = False
        cache = self._cache_dir(config)
        out_dir = self._out_dir(config)
        entities, addresses = self._config_path(config, self.config.entities_file), self._config_path(config, self.config.addresses_file)
        directory_urls = config.use_directory_urls
        result = in_child(lambda: generate(raw_dir, out_dir, self.config, entities, addresses, cache, directory_urls))
        self.split_search = result.split_search
        for problem in result.problems:
            level = logging.WARNING if problem.severity is Severity.ERROR or self.config.warn_on_capture_warnings else logging.INFO
            log.log(level, "newsarchive: %s", problem)
        placed = {placed_in(folder, path): source for path, source in result.sources.items()}
        placed.update({placed_in(folder, asset): str(ASSETS / posixpath.basename(asset)) for asset in (STYLESHEET, SEARCH_SCRIPT)})
        clashes = sorted(path for path in placed if files.get_file_from_path(path) is not None)
        if clashes:
            raise PluginError(_clash(clashes, folder, self.config.raw_dir))
        for path, source in sorted(placed.items()):
            # out of the automatic navigation: ``on_nav`` adds the ways in, the other pages are reached from them
            files.append(File.generated(config, path, abs_src_path=source, inclusion=InclusionLevel.NOT_IN_NAV))
            self.generated.add(path)
        self.folder = folder
        log.info("newsarchive: %s%s", result.summary, f" The archive is in {folder}/." if folder else "")
        for note in result.notes:
            log.info("newsarchive: %s", note)
        return files

    def _folder(self, files: Files) -> str:
        """Where the archive lives in the site: ``archive_dir``, else the root of a site that has no pages of its own."""
        chosen = self.config.archive_dir
        if chosen is None:
            own = [file.src_uri for file in files.documentation_pages()]
            if own:
                log.info("newsarchive: the site has pages of its own (docs/%s…): the archive is in %s/; set archive_dir to choose", own[0], DEFAULT_FOLDER)
            return DEFAULT_FOLDER if own else ""
        folder = chosen.strip().strip("/")
        parts = folder.split("/") if folder else []
        if "\\" in folder or any(part in ("", ".", "..") for part in parts):
            raise PluginError(f"newsarchive: archive_dir {chosen!r} is not a folder inside the site: give a relative path such as 'archive', or '' for the root")
        return folder

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

    def _join(self, nav: Navigation, files: Files) -> None:
        """The archive's ways in at the end of the navigation: one section (``nav_section``) in a site with a
        navigation of its own, else the navigation itself; nothing when the site's ``nav`` lists them already."""
        if self.folder is None:
            return
        found = ((title, files.get_file_from_path(placed_in(self.folder, path))) for title, path in pipeline.WAYS_IN)
        ways_in = [(title, file.page) for title, file in found if file is not None and file.page is not None]
        listed = {id(page) for page in nav.pages}
        if not ways_in or any(id(page) in listed for _, page in ways_in):
            return
        pages = [page for _, page in ways_in]
        if nav.items:
            section = Section(self.config.nav_section, list(pages))
            for number, (title, page) in enumerate(ways_in):
                page.title, page.parent = ("Overview" if number == 0 else title), section
            nav.items.append(section)
        else:
            for title, page in ways_in:
                page.title = title
            nav.items.extend(pages)
        nav.pages.extend(pages)
        _link_in_order(nav.pages)

    def _jobs(self) -> int:
        return self.config.render_jobs or default_jobs()

    @event_priority(-100)  # after every other plugin's: the navigation as the templates will show it
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Join the archive's ways in to the site's navigation, then start rendering the generated pages' Markdown
        ahead, in other processes, in the order MkDocs reads them."""
        self._join(nav, files)
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

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Put the archive's stylesheet, search script and feed in the head of every page of the site (the search
        box and its results are on each), and a generated page's schema.org data in its own."""
        at = output.find("</head>") if self.folder is not None else -1
        if at < 0:
            return output
        return output[:at] + self._head(page, config) + output[at:]

    def _head(self, page: Page, config: MkDocsConfig) -> str:
        folder, here = self.folder or "", page.url

        def to(path: str) -> str:
            return html.escape(get_relative_url(placed_in(folder, path), here), quote=True)

        title = config.site_name if not folder else f"{config.site_name}: {self.config.nav_section}"
        head = (
            f'<link rel="stylesheet" href="{to(STYLESHEET)}">\n'
            f"<script>window.naSearchBase = {htmlsafe_json_dumps(get_relative_url(placed_in(folder, SEARCH_DIR) + '/', here))};</script>\n"
            f'<script src="{to(SEARCH_SCRIPT)}"></script>\n'
            # "alternate feed", not "alternate": Material fetches sitemap.xml for every rel=alternate link (a language switch)
            f'<link rel="alternate feed" type="application/atom+xml" title="{html.escape(title, quote=True)}" href="{to(FEED)}">\n'
        )
        schema = page.meta.get("schema") if page.file.src_uri in self.generated else None
        if schema is not None:  # htmlsafe_json_dumps escapes <, > and & (as Jinja's tojson)
            head += f'<script type="application/ld+json">{htmlsafe_json_dumps(schema, sort_keys=True)}</script>\n'
        return head

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
