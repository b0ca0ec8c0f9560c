"""Write generated files into an output folder: never outside it, never one file twice, only when changed."""

from __future__ import annotations

import filecmp
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..common.memo import Stamps, file_times

MANIFEST = ".newsarchive-manifest.json"


class UnsafePathError(ValueError):
    """A generated path that would leave the output folder."""


def safe_target(out_dir: Path, relative: str, resolved: dict[str, str] | None = None) -> Path:
    """The file ``relative`` names inside ``out_dir``; raise when it would be anywhere else.

    ``resolved`` keeps folders already resolved, for a caller that asks for many files: the parts of the
    path are plain names, so only a link (the file's own or a folder's) could lead elsewhere.
    """
    return Path(_safe_target(out_dir, relative, resolved))


def _safe_target(out_dir: Path, relative: str, resolved: dict[str, str] | None = None) -> str:
    """``safe_target`` as a string: most files a run writes are unchanged copies, checked by their times alone."""
    parts = relative.split("/")
    if not relative or relative[0] == "/" or "\\" in relative or any(part in ("", ".", "..") for part in parts):
        pure = PurePosixPath(relative)  # "a//b" and "a/./b" name a plain path too
        if pure.is_absolute() or not pure.parts or any(part in ("..", "", ".") for part in pure.parts) or "\\" in relative:
            raise UnsafePathError(f"refusing to write {relative!r}: not a plain path inside the output folder")
        parts = list(pure.parts)
    resolved = {} if resolved is None else resolved
    root = resolved.get("")
    if root is None:
        root = resolved[""] = os.path.realpath(out_dir)
    folder_key = "/".join(parts[:-1])
    folder = resolved.get(folder_key)
    if folder is None:
        folder = resolved[folder_key] = os.path.realpath(os.path.join(out_dir, *parts[:-1]))
    target = os.path.join(folder, parts[-1])
    if os.path.islink(target):
        target = os.path.realpath(target)
    if not target.startswith(root.rstrip(os.sep) + os.sep):
        raise UnsafePathError(f"refusing to write {relative!r}: it resolves outside {out_dir}")
    return target


@dataclass(frozen=True)
class Written:
    """What a write did: every path of the output, how many files changed, how many stale ones went."""

    paths: tuple[str, ...]
    written: int
    removed: int
    #: files to copy that could not be read (gone or changed since the run read them): (path, why)
    unreadable: tuple[tuple[str, str], ...] = ()


#: A generated file's content: text, bytes, a file to copy, or text in pieces (for files too large to hold whole).
Content = str | bytes | Path | Iterator[str]


def write_files(out_dir: Path, files: Mapping[str, Content] | Iterable[tuple[str, Content]], copies: Path | None = None) -> Written:
    """Write every file (text, bytes, a file to copy, or pieces of text); remove files an earlier run generated that are gone now.

    ``files`` may be a stream of (path, content): each is stored before the next is asked for, so a whole
    site never has to be in memory; content in pieces is written as it comes, so not even a whole file.
    Unchanged files are not touched, so two runs give the same bytes and the same modification times. A
    path that would leave ``out_dir``, or that differs from another only in case, raises ``UnsafePathError``
    before anything is written for it.

    With ``copies`` (a file outside ``out_dir``), a file copied from another is compared with it by their sizes
    and times, as the last run left them (``CopyStamps``), instead of by reading both.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    lowered: dict[str, str] = {}
    resolved: dict[str, str] = {}
    written = 0
    unreadable: list[tuple[str, str]] = []
    stamps = CopyStamps(copies)
    for relative, content in files.items() if isinstance(files, Mapping) else files:
        target = _safe_target(out_dir, relative, resolved)
        clash = lowered.setdefault(relative.lower(), relative)
        if clash != relative:
            raise UnsafePathError(f"refusing to write both {clash!r} and {relative!r}: they are one file on case-insensitive disks")
        if isinstance(content, Path) and stamps.unchanged(relative, content, target):
            continue
        try:
            written += _store(Path(target), content)
        except OSError as error:
            if not isinstance(content, Path):
                raise  # the output folder itself: nothing more can be written
            unreadable.append((relative, f"{content.name} cannot be copied: {error.strerror or error}"))
            continue
        if isinstance(content, Path):
            stamps.record(relative, content, target)
    stamps.save()
    paths = tuple(sorted(lowered.values()))
    removed = _remove_stale(out_dir, set(paths))
    manifest = json.dumps(paths, indent=0) + "\n"
    manifest_path = out_dir / MANIFEST
    if not manifest_path.is_file() or manifest_path.read_text("utf-8") != manifest:
        _replace(manifest_path, manifest.encode("utf-8"))
    return Written(paths, written, removed, tuple(unreadable))


class CopyStamps(Stamps):
    """What the last run left of each file it copied: the source's path, and the size, modification time and
    change time of the source and of the copy. A copy whose source and itself still show the same is the same
    file, and is not read; a copy or a source changed since, by any program, shows another change time, which
    no program can set back (``memo.Stamps``)."""

    @staticmethod
    def _stamp(source: Path, target: str) -> list | None:
        try:
            of_source, of_target = os.stat(source), os.stat(target)
        except OSError:
            return None
        # the source by its absolute path: a run given the folders as relative paths and one given them in full
        # name the same files (else the second compared all 26,000 copies of a 10,000-article archive in full)
        return [os.path.abspath(source), *file_times(of_source), *file_times(of_target)]

    def unchanged(self, relative: str, source: Path, target: str) -> bool:
        """Whether ``target``, a copy of ``source``, is as the last run left it, from a source as it was then."""
        kept = self.kept.get(relative)
        if kept is None or len(kept) != 7 or not self.settled(kept[3], kept[6]):
            return False
        stamp = self._stamp(source, target)
        if stamp != kept:
            return False
        self.now[relative] = stamp
        return True

    def record(self, relative: str, source: Path, target: str) -> None:
        """``target`` holds what ``source`` holds now."""
        if self.file is not None:
            stamp = self._stamp(source, target)
            if stamp is not None:
                self.now[relative] = stamp


def _store(target: Path, content: Content) -> bool:
    """Write ``content`` to ``target`` unless it holds that already; whether it was written."""
    if isinstance(content, Iterator):
        return _store_pieces(target, content)
    data = content.read_bytes() if isinstance(content, Path) else content.encode("utf-8") if isinstance(content, str) else content
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    _replace(target, data)
    return True


def _replace(target: Path, data: bytes) -> None:
    """``target`` holds ``data``, whole or not at all: a run stopped here leaves the old file, or none."""
    partial = _partial(target)
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _partial(target: Path) -> Path:
    """The hidden file beside ``target`` that its new content is written to before it takes ``target``'s place.

    Hidden, so that MkDocs passes over one a stopped run left; the same name each time, so that the next
    run that writes ``target`` writes over it."""
    return target.with_name(f".{target.name}.partial")


def _store_pieces(target: Path, pieces: Iterator[str]) -> bool:
    """Write the pieces to a hidden file beside ``target``; it replaces ``target`` if the two differ."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(target)  # made like any file, so with the usual permissions
    partial.unlink(missing_ok=True)  # a leftover of a run that was stopped
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            stream.writelines(pieces)
        if target.is_file() and filecmp.cmp(partial, target, shallow=False):
            partial.unlink()
            return False
        os.replace(partial, target)
        return True
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _remove_stale(out_dir: Path, current: set[str]) -> int:
    manifest_path = out_dir / MANIFEST
    if not manifest_path.is_file():
        return 0
    removed = 0
    try:
        listed = json.loads(manifest_path.read_text("utf-8"))
    except (OSError, ValueError):
        return 0  # unreadable: what it listed cannot be told apart from what the user put there, so it is left
    for relative in listed if isinstance(listed, list) else ():
        if not isinstance(relative, str) or relative in current:
            continue
        try:
            target = safe_target(out_dir, relative)
        except UnsafePathError:
            continue
        if target.is_file():
            target.unlink()
            removed += 1
            _prune_empty(target.parent, out_dir)
    return removed


def _prune_empty(folder: Path, out_dir: Path) -> None:
    """Remove folders left empty by stale files, up to (not including) the output folder."""
    root = out_dir.resolve()
    while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
