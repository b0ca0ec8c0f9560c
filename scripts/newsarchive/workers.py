"""Parse captures on every core: a pool of processes for large batches, the calling process for small ones."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from .models import Article
from .parse import parse_capture

#: Below this many captures to parse, starting a pool costs more than it saves.
POOL_FROM = 200

_common: frozenset[str] = frozenset()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _start(common: frozenset[str]) -> None:
    global _common
    _common = common


def _parse(text: str) -> Article:
    return parse_capture(text, common=_common)


def parse_all(texts: Sequence[str], common: frozenset[str], jobs: int | None = None, pool_from: int = POOL_FROM) -> Iterator[Article]:
    """The parsed ``texts``, in order, with ``common`` lines treated as the batch's site furniture.

    With ``jobs`` above one and at least ``pool_from`` texts, they are parsed by that many forked worker
    processes. Forked, not spawned: a spawned worker imports the caller's main script again, which breaks
    callers without one (a script read from stdin) and costs a second start-up. The workers only parse; they
    take none of the locks that other threads of the caller (a progress bar) may hold.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 2 or len(texts) < pool_from:
        for text in texts:
            yield parse_capture(text, common=common)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    chunk = max(1, min(64, len(texts) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(common,)) as pool:
        yield from pool.map(_parse, texts, chunksize=chunk)
