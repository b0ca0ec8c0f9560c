"""The generated pages' Markdown turned into HTML by every core, while MkDocs reads the others.

MkDocs renders a site's pages one after the other on one core, and in a large archive most of a build is
Python-Markdown at work on the generated pages. Those pages are known before MkDocs reads any (the plugin
wrote them in ``on_files``), so forked workers (``processes.fork_map``) render them ahead, in the order
MkDocs will ask for them, while MkDocs itself goes on with each page's events. Each worker calls MkDocs'
own ``Page.read_source`` and ``Page.render``, so the HTML, the table of contents, the title and the anchors
are what MkDocs would have made; what it logged comes back and is logged again here, so ``strict`` counts
it as before.

A worker rendered the Markdown as the file holds it. Where a plugin changed that Markdown before it is
rendered (an ``on_page_markdown`` event), the page is rendered again here, as usual: ``use`` compares the
two.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from .processes import fork_map


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` set on a page, as a worker made it; links name their files by source path."""

    digest: bytes  # of the Markdown rendered
    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None
    logs: tuple[tuple[str, int, str], ...]  # logger, level, message


def digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not self.records or self.records[-1] is not record:  # a record reaches both loggers it is held at
            self.records.append(record)


def render(page: Page, config: MkDocsConfig, files: Files) -> Rendered:
    """``page`` read and rendered by MkDocs, its log records held back: the part of a build a worker does."""
    collect = _Collect()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    saved = [(logger.handlers, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.handlers = [collect]
    loggers[1].propagate = False
    config._current_page = page
    try:
        page.read_source(config)
        assert page.markdown is not None
        page.render(config, files)
    finally:
        config._current_page = None
        for logger, (handlers, propagate) in zip(loggers, saved):
            logger.handlers, logger.propagate = handlers, propagate
    assert page.content is not None
    links = None if page.links_to_anchors is None else {file.src_uri: anchors for file, anchors in page.links_to_anchors.items()}
    logs = tuple((r.name, r.levelno, r.getMessage()) for r in collect.records)
    return Rendered(digest(page.markdown), page.content, page.toc, page._title_from_render, frozenset(page.present_anchor_ids or ()), links, logs)


class Ahead:
    """``pages`` rendered by ``jobs`` forked workers, in their order, for ``use`` to hand to MkDocs."""

    def __init__(self, pages: Sequence[Page], config: MkDocsConfig, files: Files, jobs: int) -> None:
        self._files, self.jobs = files, jobs
        self._results: Iterator[Rendered | None] = fork_map(lambda i: _render_or_none(pages[i], config, files), len(pages), jobs, pool_from=1)
        self._order = iter([page.file.src_uri for page in pages])
        self._ahead = {page.file.src_uri for page in pages}  # not taken yet
        self._waiting: dict[str, Rendered | None] = {}
        self.count, self.used = len(pages), 0

    def _take(self, src_uri: str) -> Rendered | None:
        """The rendering of the page ``src_uri``; None if it was not rendered ahead or has been taken."""
        if src_uri not in self._ahead:
            return None
        self._ahead.discard(src_uri)
        if src_uri in self._waiting:
            return self._waiting.pop(src_uri)
        for uri in self._order:  # pages MkDocs skipped stay here, for a later page's turn
            result = next(self._results)
            if uri == src_uri:
                return result
            self._waiting[uri] = result
        return None

    def use(self, page: Page, markdown: str) -> bool:
        """Have MkDocs take ``page``'s rendering from a worker, if one rendered this ``markdown``; whether it will."""
        rendered = self._take(page.file.src_uri)
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
            for name, level, message in rendered.logs:
                logging.getLogger(name).log(level, message)

        page.render = rendered_ahead  # type: ignore[method-assign]
        self.used += 1
        return True

    def close(self) -> None:
        """Stop the workers; pages not taken yet are rendered by MkDocs as usual."""
        self._order = iter(())
        self._ahead.clear()
        self._waiting.clear()
        close = getattr(self._results, "close", None)
        if close is not None:
            close()


def _render_or_none(page: Page, config: MkDocsConfig, files: Files) -> Rendered | None:
    """A worker's rendering of ``page``; None when it failed, for MkDocs to render it again and say why."""
    try:
        return render(page, config, files)
    except Exception:  # noqa: BLE001 - MkDocs, rendering the page itself, reports the error as it does
        return None


__all__ = ["Ahead", "Rendered", "digest", "render"]
