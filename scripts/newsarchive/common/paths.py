"""Relative links between paths of the docs folder, by string work alone (``posixpath.relpath`` asks the OS for
the working folder on every call, which dominated rendering at 10,000 articles)."""

from __future__ import annotations

import functools
import posixpath


def relpath(path: str, start: str) -> str:
    """``path`` relative to the folder ``start``; both plain relative POSIX paths ("" or "." is the docs root).

    Equal to ``posixpath.relpath(path, start)`` for such paths. A site links between a few hundred folders
    only, so the way from one folder to another is worked out once and the file's name put after it.
    """
    folder, _, name = path.rpartition("/")
    if name in ("", ".", "..") or not _plain(path) or not _plain(start) or path == start or start.startswith(path + "/"):
        return _relpath(path, start)  # a link to a folder the start is in, or an odd path: the long way
    way = _folder_relpath(folder, start)
    return name if way == "." else f"{way}/{name}"


def _plain(path: str) -> bool:
    """Not a path with an empty or "." part, where parts are not what they seem ("a//b", "./a")."""
    return path in ("", ".") or not (path.startswith(("/", "./")) or path.endswith(("/", "/.")) or "//" in path or "/./" in path)


@functools.lru_cache(maxsize=16384)
def _folder_relpath(folder: str, start: str) -> str:
    return _relpath(folder, start)


def _relpath(path: str, start: str) -> str:
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
