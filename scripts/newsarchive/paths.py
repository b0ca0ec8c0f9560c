"""Relative links between paths of the docs folder, by string work alone (``posixpath.relpath`` asks the OS for
the working folder on every call, which dominated rendering at 10,000 articles)."""

from __future__ import annotations

import posixpath


def relpath(path: str, start: str) -> str:
    """``path`` relative to the folder ``start``; both plain relative POSIX paths ("" or "." is the docs root).

    Equal to ``posixpath.relpath(path, start)`` for such paths.
    """
    to = [p for p in path.split("/") if p and p != "."]
    base = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(to, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def link_from(page: str, target: str) -> str:
    """A link from the page ``page`` to ``target``: relative to the page's folder."""
    return relpath(target, posixpath.dirname(page))
