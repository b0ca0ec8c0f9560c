"""Work shared out over every core: forked processes for large batches, the calling process for small ones.

Workers are forked, not spawned, so they start with the caller's memory as it is: the archive, its links,
anything a stage has computed. Only item numbers go to them and only results come back. (A spawned worker
would also import the caller's main script again, which breaks callers without one, such as a script read
from stdin.) The workers run pure functions of that memory; they print nothing and take none of the locks
that other threads of the caller, such as a progress bar, may hold.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import BinaryIO, Generic, TypeVar

T = TypeVar("T")

#: Below this many items, starting workers costs more than it saves.
POOL_FROM = 200

#: For share-outs whose calls read the caller's large data (``renew=True``), workers are replaced by fresh
#: ones after this many items. A worker that reads an object of the caller's memory writes its reference
#: count, and so gets its own copy of that memory page; fresh workers start again from the shared pages, so
#: the copies stay few however large the batch. (Not for all: a fresh worker must warm its caches again.)
RENEW_AFTER = 500

_task: Callable[[int], object] | None = None
_owner: int | None = None  # the process whose workers run _task


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _call(index: int) -> object:
    assert _task is not None
    return _task(index)


def fork_map(
    function: Callable[[int], T], count: int, jobs: int | None = None, pool_from: int = POOL_FROM, renew: bool = False
) -> Iterator[T]:
    """``function(0)``, …, ``function(count - 1)``, in order.

    With ``jobs`` above one (all cores by default) and ``count`` at least ``pool_from``, the calls run in
    that many forked processes, each inheriting ``function`` and all it refers to; with ``renew``, fresh
    ones every ``RENEW_AFTER`` items. A call made from one of them may share out its own work in turn; a
    second share-out in the same process runs in it instead.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 2 or count < pool_from or not _can_fork() or _owner == os.getpid():
        yield from map(function, range(count))
    else:
        yield from _forked(function, count, jobs, RENEW_AFTER if renew else count)


def in_child(function: Callable[[], T]) -> T:
    """``function()``, run in a forked process whose memory is all returned to the system when it ends.

    Its result and any exception it raises come back pickled. Where processes cannot be forked, it runs here.
    """
    if not _can_fork() or _owner == os.getpid():
        return function()
    results = _forked(lambda _: function(), 1, 1, 1)
    try:
        return next(results)
    finally:
        results.close()  # shuts the worker down


class Background(Generic[T]):
    """``function()`` started now in a forked process while this one goes on with other work; ``result()`` waits for it.

    For a stage that needs none of the work done meanwhile: the whole-archive steps run one after another in
    one process, so a second core is otherwise idle then. The result (or the exception raised) comes back
    pickled through a pipe. With ``fork`` false, with one core, during a share-out of this process (as in
    ``fork_map``), or where processes cannot be forked, ``function`` runs here when its result is asked for.
    """

    def __init__(self, function: Callable[[], T], *, fork: bool = True, jobs: int | None = None) -> None:
        self._function: Callable[[], T] | None = function
        self._pid = 0
        self._stream: BinaryIO | None = None
        jobs = default_jobs() if jobs is None else jobs
        if not fork or jobs < 2 or not _can_fork() or _owner == os.getpid():
            return
        read, write = os.pipe()
        _trim()
        gc.freeze()  # as for workers: the child's collections leave the pages it shares with this process alone
        pid = os.fork()
        if pid == 0:
            _run_child(function, read, write)  # never returns
        gc.unfreeze()
        os.close(write)
        self._function, self._pid, self._stream = None, pid, os.fdopen(read, "rb")

    def result(self) -> T:
        if self._function is not None:
            function, self._function = self._function, None
            return function()
        if self._stream is None:
            raise RuntimeError("the result of a background process was asked for twice")
        try:
            header = self._stream.read(8)
            data = self._stream.read(int.from_bytes(header, "little")) if len(header) == 8 else b""
            if len(header) < 8 or len(data) < int.from_bytes(header, "little"):
                raise RuntimeError("a background process ended without its result (was it killed, out of memory?)")
        finally:
            self.close()
        done, value = pickle.loads(data)
        if not done:
            raise value
        return value

    def close(self) -> None:
        """Stop waiting: a child still at work ends when it finds nobody reading."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None
            os.waitpid(self._pid, 0)


def _run_child(function: Callable[[], object], read: int, write: int) -> None:
    global _owner
    status = 1
    try:
        os.close(read)
        _owner = os.getpid()  # share-outs of this child run in it
        try:
            outcome: tuple[bool, object] = (True, function())
        except Exception as error:  # handed to the caller, like a worker's
            outcome = (False, error)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:
            data = pickle.dumps((False, RuntimeError(f"the result of a background process cannot be pickled: {error}")))
        with os.fdopen(write, "wb") as stream:
            stream.write(len(data).to_bytes(8, "little"))
            stream.write(data)
        status = 0
    finally:
        os._exit(status)  # never back into the caller's code: its other threads, buffers and exit handlers are not the child's


def _forked(function: Callable[[int], T], count: int, workers: int, renew_after: int) -> Iterator[T]:
    global _task, _owner
    previous = _task, _owner
    _task, _owner = function, os.getpid()
    # Out of the collector's sight, this process's objects are not written to by a worker's collections,
    # so their memory pages stay shared with the workers instead of being copied into each of them.
    _trim()
    gc.freeze()
    try:
        for start in range(0, count, renew_after):
            items = range(start, min(count, start + renew_after))
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                yield from pool.map(_call, items, chunksize=max(1, min(64, len(items) // (workers * 8))))  # type: ignore[misc]
    finally:
        gc.unfreeze()
        _task, _owner = previous


def _trim() -> None:
    """Give the memory this process has freed back to the system (glibc keeps it otherwise), so workers
    forked now do not count it, and cannot copy it."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)  # this program and the C library it runs on
    except OSError:  # pragma: no cover - where a program cannot open itself
        return None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
