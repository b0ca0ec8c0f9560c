"""Rendered pages and ``corpus.jsonl``'s lines kept between runs under digests of what they were made from,
so that a page or a line whose inputs did not change is not made again."""

from __future__ import annotations

import os
import pickle
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..common.guard import FailedPage
from ..common.memo import At, checksum, inputs_digest, store_file, whole_index
from ..common.processes import fork_map

#: The folder of rendered pages inside a cache folder; parsed captures sit beside it.
PAGES_DIR = "pages"

#: The folder of compiled templates inside a cache folder (``compiled_templates``).
TEMPLATES_DIR = "templates"

#: The files inside a cache folder of the lines the last run made (``corpus.jsonl``'s), and of their keys (``LinePack``).
LINES_PACK = "lines.pack"
LINES_INDEX = "lines.index"


class PageCache:
    """Rendered pages, each keyed by a digest of everything that went into it, so an unchanged page is not rendered again.

    The inputs are pickled for the digest: what a page shows of the rest of the archive must be among them,
    reduced to what it uses (an entity's id and name, not all of its mentions). Pickling the same values
    in another run may give other bytes (shared objects are pickled once); that costs a render, never a stale page.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self._names: set[str] | None = None  # the folder's files, listed once: a look for each page was slower

    def key(self, kind: str, *inputs: object) -> str:
        if self.folder is None:
            return kind  # no cache: spare the digest
        return f"{kind}-{inputs_digest(kind, inputs)[:40]}"

    def stored(self, key: str) -> Path | None:
        """The file of the page stored under ``key``, if there is one."""
        if self.folder is None:
            return None
        self.used.add(key)
        if self._names is None:
            try:
                self._names = set(os.listdir(self.folder))
            except OSError:  # not made yet
                self._names = set()
        name = f"{key}.txt"
        return self.folder / name if name in self._names else None

    def pages(
        self,
        kind: str,
        count: int,
        inputs: Callable[[int], tuple],
        render: Callable[[int], str],
        jobs: int | None = None,
        prepare: Callable[[list[int]], None] | None = None,
    ) -> Iterator[str | Path]:
        """``render(0)``, …, ``render(count - 1)``, in order, each as the file it is stored in (a ``write.Content``):
        a page stored for the same ``kind`` and ``inputs(i)`` is not rendered again, and the others are rendered
        by ``jobs`` processes (``fork_map``) and stored. A page just rendered comes as its file too, so that the
        writer copies it and stamps the copy (``write.CopyStamps``): the next run then trusts the copy by its
        stamps instead of reading it and its source whole. ``prepare`` is given the numbers of the pages to render,
        in this process, before any is. The pages must be drawn to the end before anything else is shared out.
        Without a folder, the pages come as text."""
        if self.folder is None:
            if prepare is not None:
                prepare(list(range(count)))
            yield from fork_map(render, count, jobs, renew=True)
            return
        keys = [self.key(kind, *inputs(i)) for i in range(count)]  # here: digesting the inputs is cheap, reading a page is not
        files = [self.stored(key) for key in keys]
        missing = [i for i, file in enumerate(files) if file is None]
        if prepare is not None:
            prepare(missing)
        # renewed workers: a page reads all of its article
        made = fork_map(lambda j: render(missing[j]), len(missing), jobs, renew=True)
        for i, file in enumerate(files):
            if file is None:
                page = next(made)
                if isinstance(page, FailedPage):
                    yield page  # not kept: the next run tries again, and says why it failed again
                    continue
                file = self.folder / f"{keys[i]}.txt"
                store_file(file, page.encode("utf-8"))
                if self._names is not None:
                    self._names.add(file.name)
                yield file
            else:
                yield file
        next(made, None)  # drawn to the end, so the workers stop

    def prune(self) -> None:
        """Drop the pages this run did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".tmp" or (path.suffix == ".txt" and path.stem not in self.used):
                path.unlink(missing_ok=True)


def _into(
    out: BinaryIO, offset: int, keys: list[str], kept: dict[str, At], pack: BinaryIO | None, made: Iterator[str],
    index: dict[str, At], copy: bool,
) -> Iterator[str]:
    """The line of each key, kept in ``pack`` or ``made``; the made ones (with ``copy``, the kept ones too) are
    written to ``out``, whose next byte is ``offset``, and ``index`` gets where each line stands."""
    for key in keys:
        if key in kept and pack is not None:
            start, length, _ = kept[key]
            pack.seek(start)
            data = pack.read(length)
            line = data.decode("utf-8")
            if not copy:
                index[key] = kept[key]
                yield line
                continue
        else:
            line = next(made)
            data = line.encode("utf-8")
            if b"\n" in data:
                raise ValueError(f"a line to keep holds a line break: {line[:80]!r}")
        out.write(data + b"\n")
        index[key] = (offset, len(data), checksum(data))
        offset += len(data) + 1
        yield line


class LinePack:
    """Lines of text kept under their keys in one file, as the last run made them (``corpus.jsonl``'s, a line
    per article), so that a run after a small change reads the unchanged ones back in one pass over one file
    rather than from a file each.

    The pack opens with a random token that its index repeats: a pack and an index stored by different runs
    (one stopped between storing the two) are never read together. Without a folder, every line is made.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        #: lines whose bytes did not match their checksum: made again
        self.damaged = 0

    def lines(self, keys: list[str], make: Callable[[list[int]], Iterator[str]]) -> Iterator[str]:
        """The line under each of ``keys`` in turn (without its line break): read back when the last run kept
        it, else made by ``make``, which is given the numbers of the lines to make and yields them in order.
        Once all are drawn, this run's lines replace the last run's; a line may hold no line break.

        The lines made are added at the end of the pack, as long as it holds no more lines out of use than in
        use; else the pack is written anew with this run's lines alone. Either way the new index is stored
        last: a run stopped before leaves the last run's pack and index as they were, for bytes added at the
        end are bytes no index names."""
        if self.folder is None:
            yield from make(list(range(len(keys))))
            return
        kept, pack, size = self._kept()
        missing = [i for i, key in enumerate(keys) if key not in kept]
        made = make(missing)
        used = sum(kept[key][1] + 1 for key in dict.fromkeys(keys) if key in kept)
        try:
            if pack is not None and 2 * used >= size:
                yield from self._added(keys, kept, pack, size, made)
            else:
                yield from self._written(keys, kept, pack, made)
        finally:
            if pack is not None:
                pack.close()

    def _added(self, keys: list[str], kept: dict[str, At], pack: BinaryIO, size: int, made: Iterator[str]) -> Iterator[str]:
        """``lines`` with the lines made added at the end of ``pack`` (of ``size`` bytes), under its token."""
        assert self.folder is not None
        pack.seek(0)
        token = pack.readline()[:-1]
        index: dict[str, At] = {}
        with (self.folder / LINES_PACK).open("ab") as out:
            yield from _into(out, size, keys, kept, pack, made, index, copy=False)
        next(made, None)  # drawn to the end, so the workers stop
        store_file(self.folder / LINES_INDEX, pickle.dumps((token, index), protocol=pickle.HIGHEST_PROTOCOL))

    def _written(self, keys: list[str], kept: dict[str, At], pack: BinaryIO | None, made: Iterator[str]) -> Iterator[str]:
        """``lines`` with a new pack of this run's lines alone, under a new token."""
        assert self.folder is not None
        token = secrets.token_hex(16).encode()
        index: dict[str, At] = {}
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{LINES_PACK}.{os.getpid()}.tmp"
        try:
            with temporary.open("wb") as out:
                out.write(token + b"\n")
                yield from _into(out, len(token) + 1, keys, kept, pack, made, index, copy=True)
            next(made, None)  # drawn to the end, so the workers stop
            temporary.replace(self.folder / LINES_PACK)
            store_file(self.folder / LINES_INDEX, pickle.dumps((token, index), protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            temporary.unlink(missing_ok=True)

    def _kept(self) -> tuple[dict[str, At], BinaryIO | None, int]:
        """The last run's index, its pack opened for reading and the pack's size; an empty index and None when
        they do not match."""
        assert self.folder is not None
        try:
            token, index = pickle.loads((self.folder / LINES_INDEX).read_bytes())
            pack = (self.folder / LINES_PACK).open("rb")
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return {}, None, 0
        size = os.fstat(pack.fileno()).st_size
        if not (isinstance(token, bytes) and whole_index(index, size - 1) and pack.read(len(token) + 1) == token + b"\n"):
            pack.close()  # another run's pack, or one cut short: every line is made again
            return {}, None, 0
        return self._sound(index, pack), pack, size

    def _sound(self, index: dict[str, At], pack: BinaryIO) -> dict[str, At]:
        """The entries of ``index`` whose lines in ``pack`` match their checksums, read in one pass in order;
        the others are counted in ``damaged``, and made again."""
        sound = {}
        for key, at in sorted(index.items(), key=lambda item: item[1][0]):
            pack.seek(at[0])
            data = pack.read(at[1])
            if checksum(data) == at[2] and _is_utf8(data):
                sound[key] = at
            else:
                self.damaged += 1
        return sound


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
