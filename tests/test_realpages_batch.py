"""Every real page of the development set, as text and as saved HTML, converts in one batch with no failure.

Reads ``../shared/realpages`` where it is there; nothing of it is copied into the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from newsarchive.build import pipeline
from newsarchive.common.models import Severity

from .conftest import ROOT

REALPAGES = ROOT.parent / "shared" / "realpages"


@pytest.mark.skipif(not (REALPAGES / "manifest.json").is_file(), reason=f"no real pages at {REALPAGES}: the batch of real pages is not converted")
def test_every_real_page_as_text_and_as_html_converts_in_one_batch(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    pages = sorted((REALPAGES / "text").glob("*.txt")) + sorted((REALPAGES / "html").glob("*.html.gz"))
    for page in pages:
        os.symlink(page, raw / page.name)  # a linked file counts as the file it links to
    archive, written = pipeline.convert(raw, tmp_path / "docs")
    failures = [str(p) for p in archive.problems if p.severity is Severity.ERROR]
    assert failures == []
    skipped = {p.source for p in archive.problems if "skipped: not an article" in p.message}
    assert len({r.source for r in archive.records}) + len(skipped) == len(pages)
    assert len(skipped) <= len(pages) // 100  # a few real pages are listings, which hold no article
    assert all(r.article.published.value is None or r.article.published.value.year >= 1990 for r in archive.records)
