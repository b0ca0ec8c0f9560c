"""Work shared out over every core: forked processes for large batches, the calling process for small ones.

Workers are forked, not spawned, so they start with the caller's memory as it is: the archive, its links,
anything a stage has computed. Only item numbers go to them and only results come back. (A spawned worker
would also import the caller's main script again, which breaks callers without one, such as a script read
from stdin.) The workers run pure functions of that memory; they print nothing and take none of the locks
that other threads of the caller, such as a progress bar, may hold.

The caller waits while its workers run, except where it draws their results one at a time as it needs them
(``page_render``: MkDocs goes on with each page while the workers make the next ones). A stage worked out
by a forked process beside the caller (the search index while pages are rendered, passages while entities
are found) was tried and measured: each memory page that either process touches is copied while both
live, and at 10,000 articles the peak went from 815 MiB to 1,015-1,291 MiB for a few seconds gained.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

#: Below this many items, starting workers costs more than it saves.
POOL_FROM = 200

#: For share-outs whose calls read the caller's large data (``renew=True``), workers are replaced by fresh
#: ones after this many items. A worker that reads an object of the caller's memory writes its reference
#: count, and so gets its own copy of that memory page; fresh workers start again from the shared pages, so
#: the copies stay few however large the batch. (Not for all: a fresh worker must warm its caches again.)
RENEW_AFTER = 500

_task: Callable[[int], object] | None = None
_batches = 0  # the ``batch`` blocks this process is in
_owner: int | None = None  # the process whose workers run _task


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


#: The collector's thresholds in a conversion (``batch``): young objects are collected ten times less often,
#: so fewer of a stage's passing objects live long enough to be promoted and scanned again and again.
BATCH_THRESHOLDS = (10_000, 20, 10)


@contextmanager
def batch() -> Iterator[None]:
    """The garbage collector as a conversion wants it; as it was again at the end.

    A conversion holds an archive that only grows from stage to stage: each full collection scans all of it,
    and at 10,000 articles those scans took a fifth of a re-conversion. Inside, young objects are collected
    less often, and ``settle`` puts what a finished stage made out of the collector's sight.
    """
    global _batches
    thresholds = gc.get_threshold()
    gc.set_threshold(*BATCH_THRESHOLDS)
    _batches += 1
    try:
        yield
    finally:
        _batches -= 1
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection inside: for reading many objects back (unpickling), which makes no garbage in cycles.

    Each object read counts towards the next collection, and each full one scans everything read so far:
    10,000 cached articles took 4.5 s to unpickle with the collector on and 1.9 s with it paused. Inside a
    ``batch``, what was read is settled at the end (``settle``): else the first collection after the pause
    scans all of it as young objects (1.2 s for those articles) to find nothing to free.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _batches:
            settle()
        if enabled:
            gc.enable()


def settle() -> None:
    """Put every object alive now out of the garbage collector's sight, between the stages of a ``batch``.

    Settled objects are still freed when their last reference goes; only garbage in reference cycles among
    them waits for the end of the batch.
    """
    gc.freeze()


def _call(index: int) -> object:
    assert _task is not None
    return _task(index)


def fork_map(
    function: Callable[[int], T],
    count: int,
    jobs: int | None = None,
    pool_from: int = POOL_FROM,
    renew: bool = False,
    died: Callable[[int, str], T] | None = None,
) -> Iterator[T]:
    """``function(0)``, …, ``function(count - 1)``, in order.

    With ``jobs`` above one (all cores by default) and ``count`` at least ``pool_from``, the calls run in
    that many forked processes, each inheriting ``function`` and all it refers to; with ``renew``, fresh
    ones every ``RENEW_AFTER`` items. A call made from one of them may share out its own work in turn; a
    second share-out in the same process runs in it instead.

    With ``died``, a worker process that dies (killed by a signal, out of memory) fails only its own item:
    ``died(item, why)`` stands for that item's result, and the other items are worked out by fresh workers.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 2 or count < pool_from or not _can_fork() or _owner == os.getpid():
        yield from map(function, range(count))
    else:
        yield from _forked(function, count, jobs, RENEW_AFTER if renew else count, died)


def helper(ready: Callable[[], object]) -> ProcessPoolExecutor | None:
    """One forked worker, started now and readied by ``ready()`` while the caller goes on; the caller hands it
    work later (``submit``) and shuts it down before forking workers of its own. None where processes cannot
    be forked, or from a worker (which keeps to its own core)."""
    if not _can_fork() or _owner == os.getpid():
        return None
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_readied, initargs=(ready,))
    pool.submit(int)  # forks the worker now: an executor starts its processes on the first work handed to it
    return pool


def _readied(ready: Callable[[], object]) -> None:
    _die_with_parent()
    ready()


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


def _forked(function: Callable[[int], T], count: int, workers: int, renew_after: int, died: Callable[[int, str], T] | None = None) -> Iterator[T]:
    global _task, _owner
    previous = _task, _owner
    _task, _owner = function, os.getpid()
    # Out of the collector's sight, this process's objects are not written to by a worker's collections,
    # so their memory pages stay shared with the workers instead of being copied into each of them.
    _trim()
    settled = gc.get_freeze_count() > 0  # by ``settle``: they stay out of sight after the share-out too
    gc.freeze()
    try:
        for start in range(0, count, renew_after):
            items = range(start, min(count, start + renew_after))
            if died is None:
                with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_die_with_parent) as pool:
                    yield from pool.map(_call, items, chunksize=_chunk(len(items), workers))  # type: ignore[misc]
            else:
                yield from _surviving(list(items), workers, died)  # type: ignore[misc]
    finally:
        if not settled:
            gc.unfreeze()
        _task, _owner = previous


def _chunk(items: int, workers: int) -> int:
    return max(1, min(64, items // (workers * 8)))


def _surviving(items: list[int], workers: int, died: Callable[[int, str], T]) -> Iterator[T]:
    """The results of ``items``, in order, where a worker that dies fails only its own item.

    When a pool breaks, the first item without a result is worked out alone by a worker of its own: if that
    one dies too, the item is the culprit and ``died`` stands for its result; either way, fresh workers go on
    with the items after it. Each break costs a fresh pool, and advances by one item at least.
    """
    context = multiprocessing.get_context("fork")
    while items:
        done = 0
        try:
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
                for result in pool.map(_call, items, chunksize=_chunk(len(items), workers)):
                    yield result  # type: ignore[misc]
                    done += 1
            return
        except BrokenProcessPool:
            pass
        first, items = items[done], items[done + 1 :]
        try:
            with ProcessPoolExecutor(1, mp_context=context, initializer=_die_with_parent) as alone:
                result = alone.submit(_call, first).result()
        except BrokenProcessPool as error:
            result = died(first, f"its worker process died ({error})")
        yield result  # type: ignore[misc]


#: Linux's prctl option that has the system send a process a signal when its parent ends.
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """A worker ends with the process that made it: killed (``kill -9``, out of memory), a parent leaves no
    workers behind waiting for work that will never come."""
    prctl = getattr(_libc(), "prctl", None)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


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
