"""Pages rendered ahead by forked workers: what MkDocs itself would have made, with what it would have logged."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from newsarchive.site.page_render import Ahead, Built, render

PAGES = {
    "index.md": "# Home\n\nSee [the other page](other.md#second) and [a page that is not there](missing.md).\n",
    "other.md": "---\ntitle: Other\n---\n\n# Other page\n\n## First\n\nText with *emphasis*.\n\n## Second\n\n- one\n- two\n",
}


def _site(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    for name, text in PAGES.items():
        (docs / name).write_text(text, "utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: Test\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\nmarkdown_extensions: [toc]\n", "utf-8")
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    files = get_files(config)
    get_navigation(files, config)
    return config, files


def _made_by_mkdocs(page) -> tuple:
    links = {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()}
    return page.content, [(a.title, a.id, a.level, [c.id for c in a.children]) for a in page.toc], page.title, page.present_anchor_ids, links


@pytest.fixture
def site(tmp_path: Path):
    return _site(tmp_path)


def test_a_page_rendered_ahead_is_what_mkdocs_renders(tmp_path: Path, caplog) -> None:
    config, files = _site(tmp_path / "by-mkdocs")
    expected = {}
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        for name in PAGES:
            page = files.get_file_from_path(name).page
            page.read_source(config)
            page.render(config, files)
            expected[name] = _made_by_mkdocs(page)
        logged_by_mkdocs = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert any("missing.md" in message for _, _, message in logged_by_mkdocs)
    caplog.clear()

    config, files = _site(tmp_path / "ahead")
    pages = [files.get_file_from_path(name).page for name in PAGES]
    ahead = Ahead(pages, config, files, jobs=2)
    try:
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            for page in pages:
                page.read_source(config)
                assert ahead.use(page, page.markdown)
                page.render(config, files)  # the worker's rendering, and its log records said here
                assert "render" not in vars(page)  # used once: a later build renders as usual
            logged_ahead = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    finally:
        ahead.close()
    assert {name: _made_by_mkdocs(page) for name, page in zip(PAGES, pages)} == expected
    assert logged_ahead == logged_by_mkdocs
    assert list(pages[0].links_to_anchors) == [files.get_file_from_path("other.md")]  # the parent's own File, for MkDocs' anchor check


def test_markdown_changed_after_the_worker_read_it_is_rendered_again(site) -> None:
    config, files = site
    page = files.get_file_from_path("other.md").page
    ahead = Ahead([page], config, files, jobs=2)
    try:
        page.read_source(config)
        assert not ahead.use(page, page.markdown + "\nA line a plugin added.\n")
        assert "render" not in vars(page)
        assert not ahead.use(page, page.markdown)  # taken once, and only once
    finally:
        ahead.close()


def test_a_page_not_rendered_ahead_is_left_to_mkdocs(site) -> None:
    config, files = site
    other, index = (files.get_file_from_path(name).page for name in ("other.md", "index.md"))
    ahead = Ahead([other], config, files, jobs=2)
    try:
        index.read_source(config)
        assert not ahead.use(index, index.markdown)
        other.read_source(config)
        assert ahead.use(other, other.markdown)  # still there: asking for another page took nothing
    finally:
        ahead.close()


def test_the_rendering_crosses_processes(site) -> None:
    config, files = site
    page = files.get_file_from_path("other.md").page
    rendered = pickle.loads(pickle.dumps(render(page, config, files)))
    assert [a.id for a in rendered.toc] == ["other-page"] and [c.id for c in next(iter(rendered.toc)).children] == ["first", "second"]
    assert rendered.title == "Other page" and "<em>emphasis</em>" in rendered.content


def test_a_page_built_ahead_is_the_file_mkdocs_writes(tmp_path: Path, monkeypatch) -> None:
    from mkdocs.commands.build import _build_page
    from mkdocs.structure.files import InclusionLevel

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1297418760")  # MkDocs's theme prints when each page was made

    made = {}
    for way in ("by-mkdocs", "ahead"):
        config, files = _site(tmp_path / way)
        config.plugins.on_pre_build(config=config)
        nav = get_navigation(files, config)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in doc_files:
            file.page.read_source(config)
            file.page.render(config, files)
        env = config.theme.get_env()
        built = Built([f.page for f in doc_files], config, nav, doc_files, env, jobs=2) if way == "ahead" else None
        try:
            for file in doc_files:
                _build_page(file.page, config, doc_files, nav, built.environment(env) if built else env)
        finally:
            if built:
                built.close()
        made[way] = {f.src_uri: Path(f.abs_dest_path).read_text("utf-8") for f in doc_files}
        if built:
            assert built.used == len(doc_files)
    assert made["ahead"] == made["by-mkdocs"]
    assert "Other page" in made["ahead"]["other.md"]


def test_a_worker_that_dies_leaves_its_pages_to_mkdocs(site, monkeypatch, caplog) -> None:
    import os

    from newsarchive.site import page_render

    config, files = site
    pages = [files.get_file_from_path(name).page for name in PAGES]
    monkeypatch.setattr(page_render, "render", lambda *_, **__: os._exit(9))  # as the kernel's out-of-memory killer would
    ahead = Ahead(pages, config, files, jobs=2)
    try:
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            for page in pages:
                page.read_source(config)
                assert not ahead.use(page, page.markdown)
    finally:
        ahead.close()
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("newsarchive: pages are made one at a time from index.md on: a worker stopped") for m in said), said


def test_a_worker_lets_go_of_its_copy_of_the_page(site) -> None:
    config, files = site
    page = files.get_file_from_path("other.md").page
    assert render(page, config, files).content and page.content and page.meta == {"title": "Other"}  # here: kept
    rendered = render(page, config, files, worker=True)
    assert "<em>emphasis</em>" in rendered.content and rendered.title == "Other page"
    assert page.markdown is None and page.content is None and page.meta == {}
