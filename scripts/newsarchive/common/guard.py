"""One guard for every step that handles one capture: whatever goes wrong becomes that file's failure.

A step over one capture (reading, decoding, HTML or WARC extraction, parsing, its features, rendering its
page) runs under ``guarded``; an exception it raises, of any kind, comes back as a ``Failure`` that names
the stage and says in one line what went wrong and where. The batch goes on with the next capture.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TypeVar

from .models import Problem, Severity

T = TypeVar("T")

#: What a failed capture's problem adds: nothing of it is lost.
KEPT = "its raw capture is kept in the archive (see the coverage page)"


@dataclass(frozen=True)
class Failure:
    """A step that failed on one capture: the stage it was in and the one-line reason."""

    stage: str
    reason: str

    def problem(self, source: str) -> Problem:
        return Problem(source, Severity.ERROR, f"failed while {self.stage}: {self.reason}; {KEPT}")


class FailedPage(str):
    """The page that stands for one whose rendering failed (``render.failed_page``). ``reason`` says what went
    wrong; such a page is never kept in a cache, so that the next run tries again and says why again."""

    reason: str


def reason_of(error: BaseException) -> str:
    """One line: the exception, its message (cut short) and the line of newsarchive that raised it."""
    message = " ".join(str(error).split())
    if len(message) > 160:
        message = message[:159] + "…"
    where = _where(error)
    return f"{type(error).__name__}{': ' + message if message else ''}{f' (at {where})' if where else ''}"


def _where(error: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "newsarchive" in PurePath(f.filename).parts]
    if not frames:
        return ""
    last = frames[-1]
    parts = PurePath(last.filename).parts
    return f"{'/'.join(parts[parts.index('newsarchive') + 1:])}:{last.lineno}"


def guarded(stage: str, step: Callable[[], T], expected: tuple[type[Exception], ...] = ()) -> T | Failure:
    """``step()``, or the ``Failure`` of ``stage`` that any exception it raises (memory, recursion too) becomes,
    but for the ``expected`` ones, which the step raises to say something of its capture, and which pass."""
    try:
        return step()
    except expected:
        raise
    except Exception as error:  # noqa: BLE001 - the point: one capture's failure of any kind is that capture's
        return Failure(stage, reason_of(error))


__all__ = ["FailedPage", "Failure", "KEPT", "guarded", "reason_of"]
