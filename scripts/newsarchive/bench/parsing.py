"""The parsers' speed on real captures: ``newsarchive bench --captures DIR``.

The synthetic archives of ``benchmark`` hold the text captures its generator writes; how fast the parsers read
pages of real sites (text dumps and saved HTML: the real pages of ``../shared/realpages`` for the project's own
figures) is timed here, on the captures of a folder the user names. Each capture is read into memory, then parsed
in this one process as a worker parses it (``parse_capture`` for a text capture, ``html_article`` for a saved
page), a first pass to warm up (imports, caches, the compiled patterns) and ``PASSES`` timed. A capture's time is
its best timed pass; the figures are the mean, the median and the 95th percentile per capture, by kind, against
``TARGETS_MS`` (the text parser's target, 2 ms, is for the synthetic captures of ``benchmark``: a real page's
whole dump holds its menus, sidebars and comments, many times the lines). Figures go to ``WORK/parsing.json`` and
``WORK/parsing.md``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..capture import capture_kind
from ..capture.read import CaptureError, find_captures, read_capture

#: A capture's parse, in milliseconds on average, at most: a saved HTML page.
TARGETS_MS = {"html": 30.0}
#: How many times each capture is parsed and timed, after the warm-up.
PASSES = 2


@dataclass(frozen=True)
class ParseTimes:
    """How long one kind of capture took to parse: over ``captures`` captures, of which ``articles`` held an
    article (the others were refused: a listing, a page of too few words)."""

    kind: str
    captures: int
    articles: int
    mean_ms: float
    median_ms: float
    p95_ms: float
    slowest: str
    slowest_ms: float

    def check(self) -> dict | None:
        target = TARGETS_MS.get(self.kind)
        return None if target is None else {"value": round(self.mean_ms, 2), "target": f"<= {target}", "met": self.mean_ms <= target}


def _parsers() -> dict[str, Callable[[Path, Path], Callable[[], object]]]:
    """For each kind, what reads a capture once (untimed) and gives the parse to time."""
    from ..parse import parse_capture
    from ..parse.html import NotAnArticle, decode_html, html_article

    def text(path: Path, root: Path) -> Callable[[], object]:
        captured = read_capture(path, root).text
        return lambda: parse_capture(captured)

    def html(path: Path, root: Path) -> Callable[[], object]:
        data = decode_html(path.read_bytes(), path.name)

        def parse() -> object:
            try:
                return html_article(data)
            except NotAnArticle:
                return None

        return parse

    return {"text": text, "html": html}


def time_parsing(folder: Path, passes: int = PASSES) -> list[ParseTimes]:
    """The parse times of the text and HTML captures below ``folder`` (WARC archives are left out: their pages
    are saved HTML, timed as such when saved on their own); a capture that cannot be read is passed over."""
    parsers = _parsers()
    jobs: dict[str, list[tuple[str, Callable[[], object]]]] = {"text": [], "html": []}
    for path in find_captures(folder).captures:
        kind = capture_kind(path.name) or "text"
        if kind in jobs:
            try:
                jobs[kind].append((path.relative_to(folder).as_posix(), parsers[kind](path, folder)))
            except (CaptureError, OSError, ValueError):
                continue
    found = []
    for kind, parses in jobs.items():
        if not parses:
            continue
        articles = sum(parse() is not None for _, parse in parses)  # the warm-up
        best = {name: float("inf") for name, _ in parses}
        for _ in range(passes):
            for name, parse in parses:
                start = time.perf_counter()
                parse()
                best[name] = min(best[name], (time.perf_counter() - start) * 1000)
        times = sorted(best.values())
        slowest = max(best, key=best.__getitem__)
        found.append(ParseTimes(kind, len(parses), articles, statistics.fmean(times), statistics.median(times),
                                times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], slowest, best[slowest]))
    return found


def _target(times: ParseTimes) -> str:
    check = times.check()
    return "none" if check is None else f"{TARGETS_MS[times.kind]:g}{'' if check['met'] else ': **not met**'}"


def parsing_markdown(results: list[ParseTimes], folder: Path) -> str:
    rows = [
        f"| {r.kind} | {r.captures} ({r.articles} held an article) | {r.mean_ms:.1f} | {r.median_ms:.1f} | {r.p95_ms:.1f} | "
        f"{r.slowest} ({r.slowest_ms:.0f}) | {_target(r)} |"
        for r in results
    ]
    return "\n".join([
        f"# Parsing the captures of {folder}",
        "",
        f"Each capture parsed in one process, after a warm-up pass; its time is its best of {PASSES} passes (milliseconds).",
        "",
        "| Kind | Captures | Mean | Median | 95th percentile | Slowest | Target (mean) |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
        *rows,
        "",
    ])


def main(folder: Path, work: Path) -> int:
    if not folder.is_dir():
        print(f"bench: {folder} is not a folder of captures", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    print(f"benchmark: parsing the captures of {folder}…", file=sys.stderr, flush=True)
    results = time_parsing(folder)
    if not results:
        print(f"bench: no text or HTML captures in {folder}", file=sys.stderr)
        return 2
    data = {"folder": str(folder), "passes": PASSES, "results": [{**asdict(r), "check": r.check()} for r in results]}
    (work / "parsing.json").write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    (work / "parsing.md").write_text(parsing_markdown(results, folder), "utf-8")
    print(parsing_markdown(results, folder), file=sys.stderr)
    print(f"benchmark: figures in {work / 'parsing.json'} and {work / 'parsing.md'}", file=sys.stderr)
    return 0
