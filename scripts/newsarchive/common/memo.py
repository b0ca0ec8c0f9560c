"""Results kept between runs under a digest of what they were worked out from, and of the code that did it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from .processes import collector_paused

T = TypeVar("T")

#: The package's folder: its code is part of every key.
PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of every source file, template and fitted model of the package: what a kept result may depend on."""
    return files_digest(sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".json")))


def files_digest(files: Iterable[Path]) -> str:
    """A hash of the package's ``files``: their names and their bytes."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.relative_to(PACKAGE).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def inputs_digest(name: str, inputs: object) -> str:
    """A digest of what a result named ``name`` is worked out from (plain values, no cycles), and of the code.

    The values are pickled without the pickler's memo, so that the bytes depend on the values alone, not on
    which of them are one object: a string shared by two records in a fresh run is two strings once read back
    from a cache. Values that pickle otherwise still (a set's order) cost working the result out again, never a stale one.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: each value pickled in full wherever it appears
    pickler.dump((code_fingerprint(), name, inputs))
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


def store_file(path: Path, data: bytes) -> None:
    """Store ``data`` at ``path`` whole or not at all: written beside it, then moved over it (a reader never sees half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


class StepCache:
    """What the whole-archive steps (cross-linking) worked out in the last run, so that a run after a small
    change does not work it all out again.

    ``once`` keeps a step's whole result under a digest of its inputs; ``each`` keeps a step's result for
    each of many items (articles) under a key of the item, valid while what the items are read against (the
    ``shared`` fingerprint) stays the same; ``keep`` and ``last`` keep a value that a step updates from run
    to run. All are keyed by the package's code as well, and each step keeps only its last run's results.
    Without a folder, every result is worked out.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def once(self, name: str, inputs: object, work: Callable[[], T]) -> T:
        """``work()``, or what it gave in the last run, if ``inputs`` were the same then."""
        if self.folder is None:
            return work()
        key = inputs_digest(name, inputs)
        kept = self._kept(name, key)
        if kept is not _NOTHING:
            return kept  # type: ignore[return-value]
        result = work()
        self._keep(name, key, result)
        return result

    def each(
        self, name: str, shared: object, keys: list[str], work: Callable[[int], T], valid: Callable[[T], bool] | None = None
    ) -> list[T]:
        """``[work(0), …, work(len(keys) - 1)]``, each item's result kept under its key, as long as ``shared`` is;
        with ``valid``, a kept result is used only if it says so (it may hold what it was worked out against)."""
        if self.folder is None:
            return [work(i) for i in range(len(keys))]
        fingerprint = inputs_digest(name, shared)
        kept = self._kept(name, fingerprint)
        known: dict[str, T] = kept if isinstance(kept, dict) else {}
        results = [known[key] if key in known and (valid is None or valid(known[key])) else work(i) for i, key in enumerate(keys)]
        now = dict(zip(keys, results))
        if now.keys() != known.keys() or any(now[key] is not known[key] for key in now):
            self._keep(name, fingerprint, now)
        return results

    def last(self, name: str) -> object:
        """What step ``name`` kept with ``keep``, by this code, in the last run; None if nothing."""
        if self.folder is None:
            return None
        kept = self._kept(name, inputs_digest(name, None))
        return None if kept is _NOTHING else kept

    def keep(self, name: str, value: object) -> None:
        """Keep ``value`` for the next run's ``last``, in place of what step ``name`` kept before."""
        if self.folder is not None:
            self._keep(name, inputs_digest(name, None), value)

    def forget(self, name: str) -> None:
        """Drop what step ``name`` kept: for a step about to change files its kept value describes."""
        if self.folder is not None:
            (self.folder / f"{name}.pickle").unlink(missing_ok=True)

    def _kept(self, name: str, key: str) -> object:
        """What step ``name`` kept under ``key`` in the last run; ``_NOTHING`` if it kept nothing, or under another key."""
        assert self.folder is not None
        try:
            with collector_paused():
                stored = pickle.loads((self.folder / f"{name}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError):
            return _NOTHING
        return stored[1] if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key else _NOTHING

    def _keep(self, name: str, key: str, value: object) -> None:
        assert self.folder is not None
        store_file(self.folder / f"{name}.pickle", pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))


_NOTHING = object()


def file_times(info: os.stat_result) -> list[int]:
    """A file's size, modification time and change time: what a stamp holds of it (``Stamps``)."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns]


class Stamps:
    """What a run saw of files by their sizes and times (modified, changed), as git's index does, so that the next
    run can trust a file that still shows the same instead of reading it.

    ``kept`` holds the last run's stamps (lists of JSON values, by name); ``now`` collects this run's, which
    ``save`` stores in place of them. A time in the last seconds before the stamps were stored is not
    ``settled``: a change made within the same tick of the clock would not show in it (git's "racy" files),
    so such a file is read all the same. Without a file, or with a damaged one, nothing is trusted.
    """

    RACY_NS = 2_000_000_000

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.kept: dict[str, list] = {}
        self.now: dict[str, list] = {}
        self._settled_before = 0
        if file is None:
            return
        try:
            data = json.loads(file.read_text("utf-8"))
            recorded, kept = int(data["recorded_ns"]), data["stamps"]
        except (OSError, ValueError, TypeError, KeyError):
            return
        if isinstance(kept, dict):
            self.kept = {name: stamp for name, stamp in kept.items() if isinstance(stamp, list)}
            self._settled_before = recorded - self.RACY_NS

    def settled(self, *times: object) -> bool:
        """Whether files last changed at ``times`` (nanoseconds) had settled when the last run stored its stamps."""
        return all(isinstance(t, int) and t < self._settled_before for t in times)

    def save(self) -> None:
        if self.file is not None:
            store_file(self.file, json.dumps({"recorded_ns": time.time_ns(), "stamps": self.now}).encode("utf-8"))


#: Where an entry stands in a pack, and its checksum: (offset, length, ``checksum`` of its bytes).
At = tuple[int, int, bytes]


def checksum(data: bytes) -> bytes:
    """The checksum an index keeps of each entry of a pack: an entry whose bytes were damaged is not trusted."""
    return hashlib.blake2b(data, digest_size=8).digest()


def whole_index(index: object, size: int) -> bool:
    """Whether ``index`` is an index of a pack of ``size`` bytes: each entry an ``At`` that ends inside it."""
    return isinstance(index, dict) and all(
        isinstance(at, tuple) and len(at) == 3 and isinstance(at[2], bytes) and at[0] + at[1] <= size for at in index.values()
    )
