"""Each fixture of tests/fixtures/raw parses and renders exactly as its golden files say.

After an intended change: `.venv/bin/python -m tests.goldens`, then review the diff.
"""

from __future__ import annotations

import pytest

from tests import goldens

PAGES = goldens.rendered_pages()


@pytest.mark.parametrize("name", goldens.names())
def test_parse_matches_golden(name: str) -> None:
    expected = (goldens.EXPECTED / f"{name}.json").read_text("utf-8")
    assert goldens.parsed_json(name) == expected


@pytest.mark.parametrize("name", goldens.names())
def test_page_matches_golden(name: str) -> None:
    expected = (goldens.EXPECTED / f"{name}.md").read_text("utf-8")
    assert PAGES[name] == expected


SITE = goldens.rendered_site()


@pytest.mark.parametrize("page", goldens.SITE_PAGES)
def test_site_page_matches_golden(page: str) -> None:
    assert SITE[page] == goldens.site_golden(page).read_text("utf-8")

