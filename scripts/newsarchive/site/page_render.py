"""The generated pages made by every core while MkDocs goes through its build on one.

MkDocs builds a site's pages one after the other on one core: it renders every page's Markdown
(Python-Markdown, most of a build), then puts every page through the theme's templates (most of the rest).
The generated pages are known before MkDocs reads any (the plugin wrote them in ``on_files``), so forked
workers (``processes.fork_map``) do both ahead, in the order MkDocs will ask for them, while MkDocs itself
goes on with each page's events:

- ``Ahead`` renders the Markdown, from ``on_nav``: each worker calls MkDocs's own ``Page.read_source`` and
  ``Page.render``, so the HTML, the table of contents, the title and the anchors are what MkDocs would have
  made. A page whose Markdown a plugin changed before it is rendered (``on_page_markdown``) is rendered by
  MkDocs as usual: ``Ahead.use`` compares the two.
- ``Built`` puts the pages through the templates, from ``on_env``, once every page is rendered: each worker
  does what MkDocs's ``_build_page`` does up to the file it writes (the page's context, the plugins'
  ``on_page_context`` events, the template). MkDocs still runs those events itself, for what plugins keep
  (Material's search index), and then takes the worker's HTML (``Built.environment``).

Both are right only when no plugin makes a page from what other pages' events left behind, or changes
how a page is rendered without changing its Markdown: they are done only with the plugins of
``KNOWN_PLUGINS``; with any other, MkDocs makes every page itself, as usual.

What a worker logged comes back and is logged again in the build, so ``strict`` counts it as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from ..common.processes import fork_map

log = logging.getLogger("mkdocs.plugins.newsarchive")

#: Plugins whose events make a page from that page alone (or do not touch it): with only these, pages may be
#: made ahead. Material's search and tags keep what they see of each page, which MkDocs's own events still give them.
KNOWN_PLUGINS = frozenset({"search", "material/search", "tags", "material/tags", "offline", "material/offline", "newsarchive"})

Logs = tuple[tuple[str, int, str], ...]  # logger, level, message

R = TypeVar("R")


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` set on a page, as a worker made it; links name their files by source path."""

    digest: bytes  # of the Markdown rendered
    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None
    logs: Logs


@dataclass(frozen=True)
class PageHTML:
    """A page's HTML file, as the theme's templates made it in a worker."""

    html: str
    logs: Logs


def digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not self.records or self.records[-1] is not record:  # a record reaches both loggers it is held at
            self.records.append(record)


@contextmanager
def _held_logs(config: MkDocsConfig, page: Page) -> Iterator[list[logging.LogRecord]]:
    """Log records held back instead of printed, and ``page`` the one MkDocs is at, as in its build."""
    collect = _Collect()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    saved = [(logger.handlers, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.handlers = [collect]
    loggers[1].propagate = False
    config._current_page = page
    try:
        yield collect.records
    finally:
        config._current_page = None
        for logger, (handlers, propagate) in zip(loggers, saved):
            logger.handlers, logger.propagate = handlers, propagate


def _said(records: list[logging.LogRecord]) -> Logs:
    return tuple((r.name, r.levelno, r.getMessage()) for r in records)


def _say_again(logs: Logs) -> None:
    for name, level, message in logs:
        logging.getLogger(name).log(level, message)


def render(page: Page, config: MkDocsConfig, files: Files, worker: bool = False) -> Rendered:
    """``page`` read and rendered by MkDocs, its log records held back: the Markdown part of a worker's work.

    In a ``worker``, the page lets go of what it read and made once it is rendered: that is the worker's copy.
    """
    with _held_logs(config, page) as records:
        page.read_source(config)
        assert page.markdown is not None
        page.render(config, files)
    assert page.content is not None
    links = None if page.links_to_anchors is None else {file.src_uri: anchors for file, anchors in page.links_to_anchors.items()}
    rendered = Rendered(digest(page.markdown), page.content, page.toc, page._title_from_render, frozenset(page.present_anchor_ids or ()), links, _said(records))
    if not worker:
        return rendered
    # Kept, half of a site's HTML would be held twice more, once in each worker (at 10,000 articles, the build's
    # peak went from 779 to 1,664 MiB).
    page.markdown, page.meta, page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = None, {}, None, [], None, None  # type: ignore[assignment]
    return rendered


def build(page: Page, config: MkDocsConfig, nav: Navigation, doc_files: Sequence[File], env: jinja2.Environment) -> PageHTML:
    """``page`` put through the theme's templates as MkDocs's ``_build_page`` does, up to the file it writes."""
    building = config._current_page  # in a worker forked while MkDocs built that page, which is no longer shown
    if isinstance(building, Page) and building is not page:
        building.active = False
    with _held_logs(config, page) as records:
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            html = template.render(context)
        finally:
            page.active = False
    return PageHTML(html, _said(records))


class _InOrder(Generic[R]):
    """What ``work`` makes of each of ``pages``, made by ``jobs`` forked workers, taken one page at a time."""

    def __init__(self, pages: Sequence[Page], work: Callable[[Page], R], jobs: int, renew: bool = False) -> None:
        self._results: Iterator[R | None] = fork_map(lambda i: _or_none(work, pages[i]), len(pages), jobs, pool_from=1, renew=renew)
        self._order = iter([page.file.src_uri for page in pages])
        self._ahead = {page.file.src_uri for page in pages}  # not taken yet
        self._waiting: dict[str, R | None] = {}
        self.count, self.used, self.jobs = len(pages), 0, jobs

    def take(self, page: Page) -> R | None:
        """What was made of ``page``; None if it was not made ahead, failed, or has been taken."""
        src_uri = page.file.src_uri
        if src_uri not in self._ahead:
            return None
        self._ahead.discard(src_uri)
        if src_uri in self._waiting:
            return self._waiting.pop(src_uri)
        for uri in self._order:  # pages MkDocs skipped stay here, for a later page's turn
            try:
                result = next(self._results)
            except Exception as error:  # noqa: BLE001 - a worker that died (out of memory) leaves the rest to MkDocs
                log.warning("newsarchive: pages are made one at a time from %s on: a worker stopped (%s)", src_uri, error)
                self.close()
                return None
            if uri == src_uri:
                return result
            self._waiting[uri] = result
        return None

    def close(self) -> None:
        """Stop the workers; pages not taken yet are made by MkDocs as usual."""
        self._order = iter(())
        self._ahead.clear()
        self._waiting.clear()
        close = getattr(self._results, "close", None)
        if close is not None:
            close()


def _or_none(work: Callable[[Page], R], page: Page) -> R | None:
    """A worker's work on ``page``; None when it failed, for MkDocs to do it again and say why."""
    try:
        return work(page)
    except Exception:  # noqa: BLE001 - MkDocs, doing the same itself, reports the error as it does
        return None


class Ahead(_InOrder[Rendered]):
    """``pages``' Markdown rendered by ``jobs`` forked workers, in their order, for ``use`` to hand to MkDocs."""

    def __init__(self, pages: Sequence[Page], config: MkDocsConfig, files: Files, jobs: int) -> None:
        owner = os.getpid()
        # Not renewed: workers forked from the grown MkDocs process would share the pages it goes on writing to, and
        # each write copies one (at 10,000 articles, the peak went from 956 to 1,127 MiB, and the build took 33 s more).
        super().__init__(pages, lambda page: render(page, config, files, worker=os.getpid() != owner), jobs)
        self._files = files

    def use(self, page: Page, markdown: str) -> bool:
        """Have MkDocs take ``page``'s rendering from a worker, if one rendered this ``markdown``; whether it will."""
        rendered = self.take(page)
        if rendered is None or rendered.digest != digest(markdown):
            return False
        files = self._files

        def rendered_ahead(config: MkDocsConfig, files_: Files) -> None:  # stands in for page.render, once
            del page.render
            page.content, page.toc, page._title_from_render = rendered.content, rendered.toc, rendered.title
            page.present_anchor_ids = set(rendered.anchors)
            if rendered.links is not None:
                targets = ((files.get_file_from_path(uri), anchors) for uri, anchors in rendered.links.items())
                page.links_to_anchors = {file: anchors for file, anchors in targets if file is not None}
            _say_again(rendered.logs)

        page.render = rendered_ahead  # type: ignore[method-assign]
        self.used += 1
        return True


class Built(_InOrder[PageHTML]):
    """``pages`` put through the templates by ``jobs`` forked workers, for MkDocs to take through ``environment``."""

    def __init__(self, pages: Sequence[Page], config: MkDocsConfig, nav: Navigation, doc_files: Sequence[File], env: jinja2.Environment, jobs: int) -> None:
        # renew: a worker reads every page's HTML it builds, and so copies its memory; fresh ones start from the shared pages again
        super().__init__(pages, lambda page: build(page, config, nav, doc_files, env), jobs, renew=True)

    def environment(self, env: jinja2.Environment) -> jinja2.Environment:
        """``env``, whose templates give a page built ahead its worker's HTML (MkDocs has run its events by then)."""
        return _Environment(env, self)  # type: ignore[return-value]


class _Wrapped:
    """What ``inner`` is (every attribute is its own) but for what a subclass gives ``built``'s pages."""

    def __init__(self, inner: Any, built: Built) -> None:
        self._inner, self._built = inner, built

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _Environment(_Wrapped):
    """A Jinja environment whose templates are ``_Template``s."""

    def get_template(self, *args: Any, **kwargs: Any) -> _Template:
        return _Template(self._inner.get_template(*args, **kwargs), self._built)


class _Template(_Wrapped):
    """A Jinja template that gives a page built ahead its worker's HTML."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        page = (args[0] if args else kwargs).get("page")
        made = self._built.take(page) if isinstance(page, Page) else None
        if made is None:
            return self._inner.render(*args, **kwargs)
        self._built.used += 1
        _say_again(made.logs)
        return made.html


__all__ = ["Ahead", "Built", "KNOWN_PLUGINS", "PageHTML", "Rendered", "build", "digest", "render"]
