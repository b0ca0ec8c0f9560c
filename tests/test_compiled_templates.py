"""Compiled templates kept between runs: loaded back while their source and the environment's settings are the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from newsarchive.build import pipeline
from newsarchive.site.page_cache import TEMPLATES_DIR
from newsarchive.site.compiled_templates import keep_compiled, settings_digest
from newsarchive.site.render import environment

from .sitebuild import build_site


def _environment(templates: Path, **settings) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), **settings)


def _compiles(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates ``env`` compiles from now on."""
    compiled: list[str] = []
    original = env.compile

    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(source, name, filename, raw, defer_init)

    monkeypatch.setattr(env, "compile", compile)
    return compiled


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.md").write_text("{% for item in items %}\n- {{ item | upper }}\n{% endfor %}\n", "utf-8")
    return folder


def test_a_second_environment_loads_the_kept_code_and_compiles_nothing(templates: Path, tmp_path: Path, monkeypatch) -> None:
    first = _environment(templates)
    keep_compiled(first, tmp_path / "kept")
    assert first.get_template("page.md").render(items=["a", "b"]) == "\n- A\n\n- B\n"
    second = _environment(templates)
    keep_compiled(second, tmp_path / "kept")
    compiled = _compiles(second, monkeypatch)
    assert second.get_template("page.md").render(items=["a", "b"]) == "\n- A\n\n- B\n"
    assert compiled == []


def test_a_changed_template_is_compiled_again(templates: Path, tmp_path: Path, monkeypatch) -> None:
    keep_compiled(first := _environment(templates), tmp_path / "kept")
    first.get_template("page.md").render(items=["a"])
    (templates / "page.md").write_text("{% for item in items %}* {{ item }}\n{% endfor %}", "utf-8")
    keep_compiled(second := _environment(templates), tmp_path / "kept")
    compiled = _compiles(second, monkeypatch)
    assert second.get_template("page.md").render(items=["a"]) == "* a\n"
    assert compiled == ["page.md"]


def test_code_compiled_for_other_settings_is_never_loaded(templates: Path, tmp_path: Path, monkeypatch) -> None:
    plain = _environment(templates)
    trimmed = _environment(templates, trim_blocks=True)
    finalized = _environment(templates, finalize=str.strip)
    assert len({settings_digest(plain), settings_digest(trimmed), settings_digest(finalized)}) == 3
    keep_compiled(plain, tmp_path / "kept")
    plain.get_template("page.md").render(items=["a"])
    keep_compiled(trimmed, tmp_path / "kept")
    compiled = _compiles(trimmed, monkeypatch)
    assert trimmed.get_template("page.md").render(items=["a", "b"]) == "- A\n- B\n"  # trim_blocks: no line after each tag
    assert compiled == ["page.md"]


def test_the_same_settings_give_the_same_folder_in_every_process() -> None:
    # the finalize function, filters and tests are named by module and name, not by their address in memory
    code = "from newsarchive.site.render import environment; from newsarchive.site.compiled_templates import settings_digest; print(settings_digest(environment()))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert other == settings_digest(environment())


def test_without_a_folder_nothing_is_kept(templates: Path, tmp_path: Path) -> None:
    env = _environment(templates)
    keep_compiled(env, tmp_path / "kept")
    assert keep_compiled(env, None) is None
    assert env.bytecode_cache is None


def test_a_conversion_with_a_cache_keeps_its_templates_compiled(seed_dir: Path, tmp_path: Path) -> None:
    environment.cache_clear()  # a fresh environment, as in a new process: one that loaded its templates already keeps them
    pipeline.convert(seed_dir, tmp_path / "docs", cache_dir=tmp_path / "cache", jobs=1)
    kept = list((tmp_path / "cache" / TEMPLATES_DIR).glob("*/*.cache"))
    assert len(kept) >= 5  # article, entity, listing, timeline, home pages and their parts
    pipeline.convert(seed_dir, tmp_path / "again", jobs=1)
    assert environment().bytecode_cache is None


@pytest.mark.site
def test_a_second_site_build_compiles_no_theme_template_and_makes_the_same_site(seed_dir: Path, tmp_path: Path) -> None:
    site = build_site(seed_dir, tmp_path)
    kept = {p: p.stat().st_mtime_ns for p in (tmp_path / ".newsarchive-cache" / TEMPLATES_DIR).glob("*/*.cache")}
    assert len(kept) >= 20  # Material's templates and partials
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    build_site(seed_dir, tmp_path)
    # loaded, not compiled again: a compiled template would be stored anew
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / ".newsarchive-cache" / TEMPLATES_DIR).glob("*/*.cache")} == kept
    second = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert second.keys() == first.keys()
    assert [p for p in first if first[p] != second[p]] == []
