"""Captures read from disk: text files (``read``), and which files are page captures beside them: HTML files
(``.html``, ``.htm``, gzipped too) and WARC archives (``warc``)."""

from __future__ import annotations

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


def capture_kind(name: str) -> str | None:
    """"html" or "warc" for a page capture's file name, None for anything else."""
    lower = name.lower()
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    return None
