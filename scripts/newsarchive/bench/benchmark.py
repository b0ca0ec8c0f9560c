"""The benchmark: synthetic archives of 1,000 and 10,000 articles, each stage timed, against a bare Material build.

    newsarchive bench [--sizes 1000 10000] [--work bench]

For each size it generates the captures (once; they are reused), converts them
(read and parse, cross-link, timeline, render), builds the site with this
project's mkdocs.yml, builds the same pages with a bare Material configuration,
changes one capture and converts again and rebuilds with ``mkdocs build --dirty`` (``INCREMENTAL_RUNS`` times, a
new change each time; the median counts), and measures peak memory (the
larger of any one process's peak and the sampled sum over the process tree), site size, the largest page, the
bytes a browser fetches for a first search, and how long a first search takes to show a result in headless
chromium, from a web server and from file://. The figures go to
``WORK/results.json`` and ``WORK/results.md``; the targets are checked there,
not by timed tests.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from .headless import chromium, chromium_missing, first_search
from .synth import Generator, generate

ROOT = Path(__file__).resolve().parents[3]

TARGETS = {
    "articles_per_second": 1000.0,  # conversion rate, at least
    "pipeline_over_bare": 1.2,  # convert + build against a bare Material build of the same pages, at most
    "peak_mib": 1024.0,  # a whole command, worker processes included, under
    "incremental_share": 0.1,  # re-conversion after one capture changed, against a full one, at most
    "first_search_kib": 300.0,  # bytes fetched for a first query, at most
    "first_search_seconds": 1.0,  # from the loaded page to the first result, from http and from file://, at most
}

#: The results the split search shows for a query (na-search.js): each may fetch a chunk of summaries.
RESULTS_SHOWN = 20

#: How many times one capture is changed, converted again and rebuilt: the first run after the full builds may
#: find the cache out of the system's memory (on a virtual machine, even stages that read no file ran up to twice
#: as slow after the system dropped its caches), so one run is the worst case more than the usual one; the
#: median counts, and the table shows every run.
INCREMENTAL_RUNS = 3

#: How long a first search may take before the benchmark gives up on it (Material's index at 10,000 articles).
SEARCH_TIMEOUT = 60.0


@dataclass
class Run:
    seconds: float
    peak_mib: float
    returncode: int


@dataclass
class Figures:
    articles: int
    stages: dict[str, float] = field(default_factory=dict)
    convert: Run | None = None
    build: Run | None = None
    bare_build: Run | None = None
    incremental_convert: Run | None = None  # the median of ``incremental_converts``
    incremental_build: Run | None = None  # `mkdocs build --dirty` with the pipeline, after one capture changed: the median
    #: every re-conversion and ``--dirty`` build after a change, in order
    incremental_converts: list[Run] = field(default_factory=list)
    incremental_builds: list[Run] = field(default_factory=list)
    incremental_stages: list[dict[str, float]] = field(default_factory=list)  # the seconds of each re-conversion's stages
    site_mib: float = 0.0
    bare_site_mib: float = 0.0
    largest_page: str = ""
    largest_page_kib: float = 0.0
    bare_largest_page_kib: float = 0.0
    first_search_kib: float = 0.0
    bare_first_search_kib: float = 0.0
    search: str = ""
    #: seconds from the loaded page (the query typed as soon as the search box shows) to the first result in
    #: headless chromium, by origin ("http", "file"); None: no result within ``SEARCH_TIMEOUT``
    first_search_seconds: dict[str, float | None] = field(default_factory=dict)
    bare_first_search_seconds: dict[str, float | None] = field(default_factory=dict)
    #: what chromium fetched of the search files for that query, uncompressed (as from file://), by origin
    first_search_fetched_kib: dict[str, float] = field(default_factory=dict)
    #: why the browser figures are missing, when they are
    browser: str = ""

    def checks(self) -> dict[str, dict]:
        assert self.convert and self.build and self.bare_build and self.incremental_convert
        rate = self.articles / max(self.convert.seconds, 1e-9)
        ratio = self.build.seconds / max(self.bare_build.seconds, 1e-9)  # the build runs the whole pipeline
        runs = (self.convert, self.build, self.incremental_convert, self.incremental_build, *self.incremental_converts, *self.incremental_builds)
        peak = max(run.peak_mib for run in runs if run)
        share = self.incremental_convert.seconds / max(self.convert.seconds, 1e-9)
        checks = {
            "articles_per_second": {"value": round(rate, 1), "target": f">= {TARGETS['articles_per_second']:.0f}", "met": rate >= TARGETS["articles_per_second"]},
            "pipeline_over_bare": {"value": round(ratio, 2), "target": f"<= {TARGETS['pipeline_over_bare']}", "met": ratio <= TARGETS["pipeline_over_bare"]},
            "peak_mib": {"value": round(peak, 1), "target": f"< {TARGETS['peak_mib']:.0f}", "met": peak < TARGETS["peak_mib"]},
            "incremental_share": {"value": round(share, 4), "target": f"<= {TARGETS['incremental_share']}", "met": share <= TARGETS["incremental_share"]},
            "first_search_kib": {"value": round(self.first_search_kib, 1), "target": f"<= {TARGETS['first_search_kib']:.0f}", "met": self.first_search_kib <= TARGETS["first_search_kib"]},
        }
        if self.first_search_seconds:
            times = list(self.first_search_seconds.values())
            slowest = None if None in times else max(times)  # type: ignore[type-var]
            met = slowest is not None and slowest <= TARGETS["first_search_seconds"]
            checks["first_search_seconds"] = {"value": slowest, "target": f"<= {TARGETS['first_search_seconds']}", "met": met}
        if self.first_search_fetched_kib:
            fetched = max(self.first_search_fetched_kib.values())  # uncompressed: what file:// reads, and a server without gzip sends
            checks["first_search_fetched_kib"] = {"value": fetched, "target": f"<= {TARGETS['first_search_kib']:.0f}", "met": fetched <= TARGETS["first_search_kib"]}
        if self.incremental_build:
            rebuild = self.incremental_build.seconds / max(self.build.seconds, 1e-9)
            checks["incremental_build_share"] = {"value": round(rebuild, 4), "target": f"<= {TARGETS['incremental_share']}", "met": rebuild <= TARGETS["incremental_share"]}
        return checks


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rindex(")") + 2:].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _own_kib(pid: int) -> int:
    """A process's proportional set size: pages shared with forked relatives count once across them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_kib(root: int) -> int:
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _own_kib(pid)
        todo += tree.get(pid, [])
    return total


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run a command; its wall time and its peak memory.

    The peak is the larger of the kernel's peak for any one process (wait4) and the peak sum over the
    command's process tree (worker processes included), sampled ten times a second.
    """
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    tree_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not done.wait(0.1):
            tree_peak = max(tree_peak, _tree_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc/self/smaps_rollup").exists():
        sampler.start()
    errors = process.stderr.read()
    done.set()
    _, status, usage = os.wait4(process.pid, 0)
    if sampler.is_alive():
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.stderr.write(errors.decode("utf-8", "replace")[-2000:])
    return Run(round(seconds, 2), round(max(usage.ru_maxrss, tree_peak) / 1024, 1), process.returncode)


#: The generated pages the bare build keeps out of its navigation, as the plugin does: all but the ways in.
BARE_NOT_IN_NAV = "\n".join(f"/{folder}/**" for folder in ("articles", "entities", "timeline", "authors", "sources"))


def _config(docs: Path, site: Path, bare: bool, folder: Path) -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config["site_dir"] = str(site)
    config["strict"] = False
    # the whole pipeline inside MkDocs, as `make site` runs it: conversion, cross-links, timeline, build
    plugin = {"raw_dir": str(folder / "raw"), "cache_dir": str(folder / "build-cache"), "addresses_file": str(folder / "addresses.yml")}
    config["plugins"] = [{"newsarchive": plugin} if isinstance(p, dict) and "newsarchive" in p else p for p in config["plugins"]]
    config["docs_dir"] = str(ROOT / "docs")
    if bare:
        config = {
            "site_name": "Bare Material",
            "docs_dir": str(docs),
            "site_dir": str(site),
            "use_directory_urls": False,
            "theme": {"name": "material"},
            "markdown_extensions": config["markdown_extensions"],
            # the same sections-only navigation: listing every article would make Material's build quadratic
            "nav": config["nav"],
            # what the plugin keeps out of the navigation in the other build
            "not_in_nav": BARE_NOT_IN_NAV,
        }
    else:
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    return config


def _folder_mib(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1_048_576, 1)


def _largest(folder: Path) -> tuple[str, float]:
    pages = [(p.stat().st_size, p) for p in folder.rglob("*.html")]
    size, path = max(pages) if pages else (0, folder)
    return path.relative_to(folder).as_posix(), round(size / 1024, 1)


def _first_search_kib(site: Path) -> tuple[float, str]:
    """Gzipped bytes a browser fetches before it can show a first result.

    Material's index is fetched whole at every page load. With the split index, a
    two-word query fetches the manifest, at most two shards, and the chunks of summaries
    of the 20 results it shows, at most 20: the largest of each are counted, besides
    Material's (small) index. ``time_first_searches`` measures what chromium fetches.
    """
    material = site / "search" / "search_index.js"
    files = [material if material.exists() else site / "search" / "search_index.json"]
    kind = "Material search index"
    split = site / "search" / "na"
    if (split / "t").is_dir():
        shards = sorted((split / "t").glob("*.js"), key=lambda p: p.stat().st_size, reverse=True)[:2]
        chunks = sorted((split / "d").glob("*.js"), key=lambda p: p.stat().st_size, reverse=True)[:RESULTS_SHOWN]
        files += [split / "manifest.js", *shards, *chunks]
        kind = f"split index (two largest shards, {RESULTS_SHOWN} largest chunks) and Material's index"
    return round(sum(len(gzip.compress(f.read_bytes(), 6)) for f in files) / 1024, 1), kind


def _query() -> str:
    """A query a reader of the synthetic archive would type: the surname of the person the generator names first."""
    return Generator().people[0].split()[-1]


def time_first_searches(figures: Figures, site: Path, bare_site: Path) -> None:
    """Time a first search in headless chromium on both sites, from a web server and from file://."""
    missing = chromium_missing()
    if missing:
        figures.browser = f"not measured: {missing}"
        return
    query = _query()
    with chromium() as browser:
        for origin in ("http", "file"):
            ours = first_search(browser, site, origin, query, SEARCH_TIMEOUT)
            figures.first_search_seconds[origin] = ours.seconds
            figures.first_search_fetched_kib[origin] = round(sum(ours.fetched.values()) / 1024, 1)
            figures.bare_first_search_seconds[origin] = first_search(browser, bare_site, origin, query, SEARCH_TIMEOUT, split=False).seconds
    figures.browser = f"headless chromium, query {query!r}"


# Long: the benchmark's steps in the order it runs them (generate, convert, build, build bare, time the first
# searches, then change a capture, convert and rebuild, three times), each timed where it runs; read top to
# bottom, it is the benchmark.
def measure(size: int, work: Path) -> Figures:
    folder = work / str(size)
    raw = folder / "raw"
    if len(list(raw.glob("*.txt"))) != size:
        shutil.rmtree(raw, ignore_errors=True)
        generate(size, raw)
    docs, cache = folder / "docs", folder / "cache"
    for path in (docs, cache, folder / "site", folder / "bare-site", folder / "build-cache", folder / "addresses.yml"):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    shutil.copytree(ROOT / "docs", docs)
    figures = Figures(size)
    timings = folder / "timings.json"
    convert = [sys.executable, "-m", "newsarchive", "convert", str(raw), str(docs), "-q", "--cache", str(cache), "--timings", str(timings)]
    figures.convert = run(convert)
    if figures.convert.returncode not in (0, 1):  # 1: some captures failed, as synthetic ones may not
        raise SystemExit(f"benchmark: converting {size} articles failed (its errors are above)")
    figures.stages = json.loads(timings.read_text("utf-8"))["stages"]
    for bare, name in ((False, "site"), (True, "bare-site")):
        config = folder / f"{name}.yml"
        config.write_text(yaml.safe_dump(_config(docs, folder / name, bare, folder)), "utf-8")
        result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)])
        if result.returncode != 0:
            raise SystemExit(f"benchmark: the {name} build of {size} articles failed (its errors are above)")
        if bare:
            figures.bare_build = result
        else:
            figures.build = result
    figures.stages["mkdocs_build_with_pipeline"] = figures.build.seconds  # type: ignore[union-attr]
    figures.site_mib, figures.bare_site_mib = _folder_mib(folder / "site"), _folder_mib(folder / "bare-site")
    figures.largest_page, figures.largest_page_kib = _largest(folder / "site")
    figures.bare_largest_page_kib = _largest(folder / "bare-site")[1]
    figures.first_search_kib, figures.search = _first_search_kib(folder / "site")
    figures.bare_first_search_kib = _first_search_kib(folder / "bare-site")[0]
    time_first_searches(figures, folder / "site", folder / "bare-site")
    changed = sorted(raw.glob("*.txt"))[size // 2]
    original = changed.read_bytes()
    try:
        for number in range(1, INCREMENTAL_RUNS + 1):  # each run finds the capture changed again: one change since the last
            sentence = f"\n\nA sentence added for incremental run {number}, on Friday.\n\n".encode()
            changed.write_bytes(original.replace(b"\n\n", sentence, 1))
            figures.incremental_converts.append(run(convert))
            figures.incremental_stages.append(json.loads(timings.read_text("utf-8"))["stages"])
            # MkDocs rebuilds only pages whose source is newer than the built page; the plugin rewrites only changed pages
            figures.incremental_builds.append(run([sys.executable, "-m", "mkdocs", "build", "-q", "--dirty", "-f", str(folder / "site.yml")]))
    finally:
        changed.write_bytes(original)
    figures.incremental_convert, figures.incremental_build = median_run(figures.incremental_converts), median_run(figures.incremental_builds)
    return figures


def median_run(runs: list[Run]) -> Run:
    """The run of the median time (of an even number, the slower of the middle two)."""
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def _each(runs: list[Run]) -> str:
    """Each run's seconds, after the median: " (29.96 / 25.53 / 27.24)"; nothing without runs."""
    return f" ({' / '.join(f'{r.seconds}' for r in runs)})" if runs else ""


def _markdown(results: list[Figures], machine: dict) -> str:
    lines = [
        "# Benchmark",
        "",
        f"Machine: {machine['cpus']} cores, Python {machine['python']}, {machine['platform']}. Run: `newsarchive bench`.",
        "",
        "| Articles | Read+parse s | Cross-link s | Timeline s | Render s | Convert s | `mkdocs build` with the pipeline s | Bare Material s | Ratio | Peak MiB | Site MiB | Largest page KiB | First search KiB (bare) | Re-convert after 1 change s, median (each run) | `mkdocs build --dirty` after 1 change s, median (each run) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f in results:
        assert f.convert and f.build and f.bare_build and f.incremental_convert
        checks = f.checks()
        lines.append(
            f"| {f.articles} | {f.stages.get('read_parse')} | {f.stages.get('cross_link')} | {f.stages.get('timeline')} | {f.stages.get('render_write')} "
            f"| {f.convert.seconds} | {f.build.seconds} | {f.bare_build.seconds} | {checks['pipeline_over_bare']['value']} "
            f"| {checks['peak_mib']['value']} | {f.site_mib} | {f.largest_page_kib} | {f.first_search_kib} ({f.bare_first_search_kib}) "
            f"| {f.incremental_convert.seconds}{_each(f.incremental_converts)} "
            f"| {f.incremental_build.seconds if f.incremental_build else ''}{_each(f.incremental_builds)} |"
        )
    lines += [
        "",
        "## First search in headless chromium",
        "",
        "Seconds from the loaded page, the query typed as soon as the search box shows, to the first result (none: no result within "
        f"{SEARCH_TIMEOUT:.0f} s), and the search files fetched, uncompressed.",
        "",
        "| Articles | Query | Ours, http s | Ours, file:// s | Bare Material, http s | Bare Material, file:// s | Fetched KiB, http / file:// |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f in results:
        if not f.first_search_seconds:
            lines.append(f"| {f.articles} | {f.browser} | | | | | |")
            continue
        ours, bare, fetched = f.first_search_seconds, f.bare_first_search_seconds, f.first_search_fetched_kib
        lines.append(
            f"| {f.articles} | {f.browser} | {_seconds(ours.get('http'))} | {_seconds(ours.get('file'))} | {_seconds(bare.get('http'))} "
            f"| {_seconds(bare.get('file'))} | {fetched.get('http')} / {fetched.get('file')} |"
        )
    lines += ["", "## Targets", "", "| Articles | Figure | Value | Target | Met |", "| ---: | --- | ---: | --- | --- |"]
    for f in results:
        for name, check in f.checks().items():
            lines.append(f"| {f.articles} | {name} | {check['value']} | {check['target']} | {'yes' if check['met'] else 'no'} |")
    return "\n".join(lines) + "\n"


def _seconds(value: float | None) -> str:
    return "none" if value is None else f"{value}"


def main(sizes: list[int], work: Path) -> int:
    work = work.resolve()  # MkDocs reads the folders of a config relative to the config file
    work.mkdir(parents=True, exist_ok=True)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    results = []
    for size in sizes:
        print(f"benchmark: {size} articles…", file=sys.stderr, flush=True)
        figures = measure(size, work)
        results.append(figures)
        data = {"machine": machine, "results": [{**asdict(f), "checks": f.checks()} for f in results]}
        (work / "results.json").write_text(json.dumps(data, indent=1) + "\n", "utf-8")
        (work / "results.md").write_text(_markdown(results, machine), "utf-8")
        print(_markdown([figures], machine), file=sys.stderr)
    failed = [c for f in results for c in f.checks().values() if not c["met"]]
    print(f"benchmark: figures in {work / 'results.json'} and {work / 'results.md'}; {len(failed)} targets not met", file=sys.stderr)
    return 0
