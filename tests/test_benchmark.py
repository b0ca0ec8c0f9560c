"""The benchmark's own measuring: memory counts worker processes too, and the figures check their targets."""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from pathlib import Path

from newsarchive.bench.benchmark import Figures, Run, run
from newsarchive.bench.parsing import main as parsing_main
from newsarchive.bench.parsing import time_parsing
from newsarchive.cli import main as cli_main

from .conftest import SEED

_FORKED_WORKER = """
import multiprocessing, time
def work(_):
    block = b"x" * (160 * 2**20)  # touched, so resident
    time.sleep(0.6)
    return len(block)
if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pool.map(work, [0])
"""


def test_peak_memory_includes_worker_processes() -> None:
    result = run([sys.executable, "-c", _FORKED_WORKER])
    assert result.returncode == 0
    assert result.peak_mib >= 160


def test_checks_compare_each_figure_with_its_target() -> None:
    figures = Figures(1000, convert=Run(0.5, 300.0, 0), build=Run(12.0, 900.0, 0), bare_build=Run(10.0, 700.0, 0),
                      incremental_convert=Run(0.04, 200.0, 0), first_search_kib=120.0)
    checks = figures.checks()
    assert checks["articles_per_second"] == {"value": 2000.0, "target": ">= 1000", "met": True}
    assert checks["pipeline_over_bare"]["value"] == 1.2 and checks["pipeline_over_bare"]["met"]
    assert checks["peak_mib"]["value"] == 900.0 and checks["peak_mib"]["met"]
    assert checks["incremental_share"]["met"] and checks["first_search_kib"]["met"]
    slow = Figures(1000, convert=Run(5.0, 1500.0, 0), build=Run(30.0, 900.0, 0), bare_build=Run(10.0, 700.0, 0),
                   incremental_convert=Run(4.0, 200.0, 0), first_search_kib=400.0)
    assert not any(check["met"] for check in slow.checks().values())


def test_a_first_search_counts_only_when_every_origin_shows_a_result_within_a_second() -> None:
    def figures(seconds: dict) -> Figures:
        return Figures(1000, convert=Run(0.5, 300.0, 0), build=Run(12.0, 900.0, 0), bare_build=Run(10.0, 700.0, 0),
                       incremental_convert=Run(0.04, 200.0, 0), first_search_seconds=seconds)

    assert figures({"http": 0.4, "file": 0.9}).checks()["first_search_seconds"] == {"value": 0.9, "target": "<= 1.0", "met": True}
    assert not figures({"http": 0.4, "file": 1.3}).checks()["first_search_seconds"]["met"]
    assert figures({"http": 0.4, "file": None}).checks()["first_search_seconds"] == {"value": None, "target": "<= 1.0", "met": False}
    assert "first_search_seconds" not in figures({}).checks()  # not measured (no chromium): no check, and the table says why
    fetched = figures({"http": 0.4, "file": 0.5})
    fetched.first_search_fetched_kib = {"http": 180.0, "file": 1372.5}  # what chromium fetched, uncompressed
    assert fetched.checks()["first_search_fetched_kib"] == {"value": 1372.5, "target": "<= 300", "met": False}


def test_the_table_shows_each_origins_first_search_and_none_for_no_result() -> None:
    from newsarchive.bench.benchmark import _markdown

    figures = Figures(10000, convert=Run(9.0, 300.0, 0), build=Run(12.0, 900.0, 0), bare_build=Run(10.0, 700.0, 0),
                      incremental_convert=Run(1.0, 200.0, 0), incremental_converts=[Run(1.0, 200.0, 0)], first_search_seconds={"http": 0.31, "file": 0.42},
                      bare_first_search_seconds={"http": 7.5, "file": None}, first_search_fetched_kib={"http": 120.0, "file": 120.0},
                      browser="headless chromium, query 'Mubo'")
    table = _markdown([figures], {"cpus": 2, "python": "3.11", "platform": "linux"})
    assert "| 10000 | headless chromium, query 'Mubo' | 0.31 | 0.42 | 7.5 | none | 120.0 / 120.0 |" in table
    assert "| 10000 | first_search_seconds | 0.42 | <= 1.0 | yes |" in table


def test_the_incremental_figures_are_the_median_run_and_the_table_shows_every_run() -> None:
    from newsarchive.bench.benchmark import _markdown, median_run

    converts = [Run(9.5, 900.0, 0), Run(2.0, 300.0, 0), Run(2.5, 310.0, 0)]  # the first, after the full builds, was slow
    builds = [Run(4.0, 400.0, 0), Run(3.0, 1100.0, 0), Run(3.6, 400.0, 0)]
    assert median_run(converts) is converts[2] and median_run(builds) is builds[2]
    assert median_run(converts[:2]).seconds == 9.5  # of two, the slower
    figures = Figures(1000, convert=Run(20.0, 300.0, 0), build=Run(40.0, 900.0, 0), bare_build=Run(40.0, 700.0, 0),
                      incremental_convert=median_run(converts), incremental_build=median_run(builds),
                      incremental_converts=converts, incremental_builds=builds)
    checks = figures.checks()
    assert checks["incremental_share"] == {"value": 0.125, "target": "<= 0.1", "met": False}
    assert checks["incremental_build_share"]["value"] == 0.09 and checks["incremental_build_share"]["met"]
    assert checks["peak_mib"] == {"value": 1100.0, "target": "< 1024", "met": False}  # any run's peak counts, not the median's
    table = _markdown([figures], {"cpus": 2, "python": "3.11", "platform": "linux"})
    assert "| 2.5 (9.5 / 2.0 / 2.5) | 3.6 (4.0 / 3.0 / 3.6) |" in table
    alone = Figures(1000, convert=Run(20.0, 300.0, 0), build=Run(40.0, 900.0, 0), bare_build=Run(40.0, 700.0, 0),
                    incremental_convert=Run(2.5, 300.0, 0))
    assert "| 2.5 |  |" in _markdown([alone], {"cpus": 2, "python": "3.11", "platform": "linux"})  # no runs listed: nothing after


def test_a_share_just_over_its_target_does_not_read_as_the_target() -> None:
    figures = Figures(1000, convert=Run(15.25, 300.0, 0), build=Run(43.25, 900.0, 0), bare_build=Run(50.24, 700.0, 0),
                      incremental_convert=Run(3.34, 200.0, 0), incremental_build=Run(4.33, 200.0, 0))
    assert figures.checks()["incremental_build_share"] == {"value": 0.1001, "target": "<= 0.1", "met": False}


def test_the_parsers_are_timed_on_a_folder_of_captures_by_kind(tmp_path) -> None:
    folder = tmp_path / "captures"
    folder.mkdir()
    for capture in sorted(SEED.glob("*.txt"))[:2]:
        shutil.copy(capture, folder / capture.name)
    html = Path(__file__).parent / "fixtures" / "html"
    shutil.copy(html / "wordpress_nested_comments.html", folder)
    (folder / "listing.html.gz").write_bytes(gzip.compress((html / "not_an_article.html").read_bytes()))
    times = {t.kind: t for t in time_parsing(folder, passes=1)}
    assert (times["text"].captures, times["text"].articles) == (2, 2)
    assert (times["html"].captures, times["html"].articles) == (2, 1)  # the listing is timed, and refused
    assert 0 < times["html"].median_ms <= times["html"].p95_ms <= times["html"].slowest_ms
    assert times["text"].check() is None and times["html"].check()["target"] == "<= 30.0"
    assert cli_main(["bench", "--captures", str(folder), "--work", str(tmp_path / "work")]) == 0
    assert parsing_main(tmp_path / "nowhere", tmp_path / "work") == 2
    written = json.loads((tmp_path / "work" / "parsing.json").read_text())
    assert [r["kind"] for r in written["results"]] == ["text", "html"]
    assert "| html | 2 (1 held an article) |" in (tmp_path / "work" / "parsing.md").read_text()
