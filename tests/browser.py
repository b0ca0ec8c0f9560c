"""The browser tests' chromium and web server (the package's own, which the benchmark uses too), and where screenshots go."""

from __future__ import annotations

import os
from pathlib import Path

from newsarchive.headless import chromium, first_search, serve

__all__ = ["ARTIFACTS", "chromium", "first_search", "serve"]

ARTIFACTS = Path(os.environ.get("NEWSARCHIVE_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))
