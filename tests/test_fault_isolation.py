"""No capture can stop the batch: whatever goes wrong with one file fails that file alone, says where and why,
counts in the exit code, and keeps its raw capture in the archive."""

from __future__ import annotations

import gzip
import json
import os
import signal
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsarchive.build import pipeline
from newsarchive.site import render
from newsarchive.cli import main
from newsarchive.parse.dates import implausible, interpret
from newsarchive.common.guard import Failure, guarded
from newsarchive.parse.html import html_article
from newsarchive.common.models import PubDate, Precision, Severity
from newsarchive.parse import parse_capture
from newsarchive.common.processes import fork_map
from newsarchive.timeline.expressions import find_expressions

PROSE = (
    "The company said on Friday that it would build its phones on the new system, in a deal that analysts had "
    "expected for weeks. Its chief executive told reporters that the change would take two years."
)


def capture(title: str, dateline: str = "By Jane Roe | 1 March 2011") -> str:
    return f"{title}\n\n{dateline}\n\n{PROSE}\n\n{PROSE} Last Tuesday the board agreed.\n"


def html_page(date_published: str) -> bytes:
    ld = json.dumps({"@type": "NewsArticle", "headline": "A page with a placeholder date", "datePublished": date_published})
    body = "".join(f"<p>{PROSE}</p>" for _ in range(3))
    return f'<html><head><script type="application/ld+json">{ld}</script></head><body><article><h1>A page</h1>{body}</article></body></html>'.encode()


def messages(archive: pipeline.Archive, source: str) -> list[str]:
    return [p.message for p in archive.problems if p.source == source]


# --- the guard -----------------------------------------------------------------------------------


def test_a_guarded_step_turns_any_exception_into_a_failure_of_its_stage() -> None:
    failure = guarded("parsing", lambda: [][1])
    assert isinstance(failure, Failure) and failure.stage == "parsing"
    assert failure.reason.startswith("IndexError: list index out of range")
    problem = failure.problem("a.txt")
    assert problem.severity is Severity.ERROR and problem.source == "a.txt"
    assert problem.message.startswith("failed while parsing: IndexError") and "raw capture is kept" in problem.message
    assert guarded("parsing", lambda: 3) == 3
    with pytest.raises(KeyError):  # an exception the step raises to say something passes
        guarded("parsing", lambda: {}["x"], (KeyError,))


def _parse_or_fail(text: str, *args, **kwargs):
    if "EXPLODE" in text:
        raise RuntimeError("a rule met something it never saw")
    if "DIE" in text:
        os.kill(os.getpid(), signal.SIGKILL)  # a worker killed by the system (out of memory), mid-capture
    return parse_capture(text, *args, **kwargs)


def batch_with(tmp_path: Path, monkeypatch, good: int, bad_name: str, bad_title: str) -> Path:
    """A folder of ``good`` good captures and one whose parsing fails as its title says (``_parse_or_fail``)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(good):
        (raw / f"good{n}.txt").write_text(capture(f"A good article number {n}"), "utf-8")
    (raw / bad_name).write_text(capture(bad_title), "utf-8")
    monkeypatch.setattr("newsarchive.build.workers.parse_capture", _parse_or_fail)
    return raw


@pytest.mark.parametrize("jobs, pool_from", [(1, 200), (2, 1)], ids=["in-process", "forked-workers"])
def test_a_capture_whose_parsing_raises_fails_alone(tmp_path: Path, monkeypatch, jobs: int, pool_from: int) -> None:
    raw = batch_with(tmp_path, monkeypatch, 4, "bad.txt", "EXPLODE this article")
    archive, raw_files = pipeline.collect(raw, jobs=jobs, pool_from=pool_from)
    assert sorted(r.source for r in archive.records) == [f"good{n}.txt" for n in range(4)]
    (message,) = messages(archive, "bad.txt")
    assert message.startswith("failed while parsing: RuntimeError: a rule met something it never saw (at ")
    assert message.endswith("; its raw capture is kept in the archive (see the coverage page)")
    assert archive.failed() == 1
    assert archive.kept == (("bad.txt", "captures/failed/bad.txt"),)
    assert raw_files["captures/failed/bad.txt"] == raw / "bad.txt"


def test_a_worker_process_that_dies_fails_its_capture_not_the_pool(tmp_path: Path, monkeypatch) -> None:
    raw = batch_with(tmp_path, monkeypatch, 6, "killed.txt", "DIE in the middle")
    archive, _ = pipeline.collect(raw, jobs=2, pool_from=1)
    assert len(archive.records) == 6
    (message,) = messages(archive, "killed.txt")
    assert message.startswith("failed while parsing: its worker process died")


def test_fork_map_with_died_yields_every_item_in_order_around_the_dead_ones() -> None:
    def work(i: int) -> int:
        if i in (3, 11):
            os.kill(os.getpid(), signal.SIGKILL)
        return i * i

    results = list(fork_map(work, 16, jobs=2, pool_from=1, died=lambda i, why: -i))
    assert results == [-i if i in (3, 11) else i * i for i in range(16)]


def test_the_command_line_reports_a_failed_file_counts_it_in_the_exit_code_and_links_its_raw_capture(tmp_path: Path, monkeypatch, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "docs"
    raw.mkdir()
    (raw / "good.txt").write_text(capture("A good article"), "utf-8")
    (raw / "bad.txt").write_text(capture("EXPLODE this article"), "utf-8")
    monkeypatch.setattr("newsarchive.build.workers.parse_capture", _parse_or_fail)
    assert main(["convert", str(raw), str(out), "-q"]) == 1
    report = " ".join(capsys.readouterr().err.split())
    assert "bad.txt" in report and "failed while parsing: RuntimeError" in report
    assert (out / "captures/failed/bad.txt").read_bytes() == (raw / "bad.txt").read_bytes()
    coverage = (out / "coverage.md").read_text("utf-8")
    assert "| [bad.txt](captures/failed/bad.txt) | error | failed while parsing: RuntimeError" in coverage


def test_an_article_whose_page_fails_to_render_gets_a_page_that_says_so(tmp_path: Path, monkeypatch, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "docs"
    raw.mkdir()
    (raw / "good.txt").write_text(capture("A good article"), "utf-8")
    (raw / "odd.txt").write_text(capture("An odd article"), "utf-8")
    original = render.render_article

    def fails_for_odd(record, *args):
        if record.source == "odd.txt":
            raise ValueError("a template met a value it cannot show")
        return original(record, *args)

    monkeypatch.setattr(render, "render_article", fails_for_odd)
    assert main(["convert", str(raw), str(out), "-q", "--jobs", "1"]) == 1
    report = " ".join(capsys.readouterr().err.split())
    assert "odd.txt" in report and "Converted 1 of 2 files: 1 failed" in report
    page = next(out.rglob("odd.md")).read_text("utf-8")
    assert "This article's page could not be made" in page and "captures/odd.txt" in page
    assert "| [odd.txt](captures/odd.txt) | error | failed while rendering its page: ValueError: a template met a value it cannot show" in (out / "coverage.md").read_text("utf-8")


# --- plausible dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "9999-12-31", "2999-01-01T10:00:00+00:00"])
def test_a_placeholder_date_in_a_page_s_metadata_is_set_aside_and_said(written: str) -> None:
    article = html_article(html_page(written))
    assert not article.published.known
    assert any(w.startswith(f"the publication date {written!r} is no publication date") for w in article.warnings)


def test_a_page_captured_before_its_metadata_s_date_is_dated_by_the_page_or_not_at_all() -> None:
    article = html_article(html_page("2011-03-01T10:00:00Z"), "https://example.org/a", "2011-02-11T10:00:00Z")
    assert not article.published.known
    assert any("after the page was captured" in w for w in article.warnings)
    assert html_article(html_page("2011-02-11T09:00:00Z"), "https://example.org/a", "2011-02-11T10:00:00Z").published.known


@pytest.mark.parametrize("written", ["January 1, 0001", "31/12/9999", "1 January 1970"])
def test_a_text_capture_dated_at_the_ends_of_the_calendar_is_undated(written: str) -> None:
    article = parse_capture(capture("An article with a placeholder date", f"By Jane Roe | {written}"))
    assert not article.published.known
    assert any(written in w and "is no publication date" in w for w in article.warnings)


def test_a_year_of_four_digits_is_that_year_not_a_short_one() -> None:
    assert interpret("January 1, 0001").value == datetime(1, 1, 1)  # type: ignore[union-attr]
    assert interpret("12th Jun 11").value == datetime(2011, 6, 12)  # type: ignore[union-attr]


def test_plausibility_says_why() -> None:
    day = PubDate(datetime(2011, 2, 11), Precision.DAY, "11 February 2011")
    assert implausible(day) is None
    assert implausible(day, datetime(2011, 2, 10)) is None  # a day's grace for time zones
    assert implausible(day, datetime(2011, 2, 1)) == "after the page was captured"
    assert implausible(PubDate(datetime(1989, 12, 31), Precision.DAY)) == "before 1990, a placeholder"
    assert implausible(PubDate(datetime(date.today().year + 1, 1, 1), Precision.DAY)) == "in the future"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
    st.sampled_from(["day", "minute", "month", "year"]),
    st.sampled_from([
        "It happened last Friday and will again next Monday.",
        "Yesterday, and tomorrow, and this morning too.",
        "Next year, last month, this week and three days ago.",
        "On 31 December it ends; in January it starts; on 1 January 0001 and 31/12/9999 nothing did.",
        "Since Sunday, until Saturday, by Wednesday.",
    ]),
)
def test_timeline_arithmetic_never_raises_whatever_the_base_date(base: datetime, precision: str, sentence: str) -> None:
    found = find_expressions(sentence, PubDate(base, Precision(precision), "x"))
    assert all(1000 <= f.when.value.year <= 9999 for f in found)


def test_a_date_in_the_text_at_a_calendar_s_end_is_no_event() -> None:
    base = PubDate(datetime(2011, 2, 11), Precision.DAY, "11 February 2011")
    found = find_expressions("The file said 31/12/9999 and January 1, 0001, but the charter of 1863 stands.", base)
    assert [f.when.value.year for f in found] == [1863]


# --- odd bodies ------------------------------------------------------------------------------------


def test_a_quotation_of_nothing_but_its_marks_parses() -> None:
    article = parse_capture(f"A title\n\nBy Jane Roe\n\n{PROSE}\n\n>\n>\n> \n\n{PROSE}\n")
    assert article.title == "A title" and len(article.body) >= 2


def test_a_page_with_a_placeholder_date_joins_the_archive_undated(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.html.gz").write_bytes(gzip.compress(html_page("0001-01-01T00:00:00Z")))
    (raw / "good.txt").write_text(capture("A good article"), "utf-8")
    archive, _ = pipeline.collect(raw)
    assert len(archive.records) == 2 and archive.failed() == 0
    archive, links = pipeline.link_archive(archive)
    timeline = pipeline.place(archive.linked(), links)
    assert [u.article for u in timeline.undated] == ["articles/undated/page.md"]
    assert all(event.when.value.year >= 1000 for event in timeline.events)


# --- the input folder as it comes ------------------------------------------------------------------


def test_a_folder_with_loops_dangling_links_pipes_and_odd_names_converts_what_it_can(tmp_path: Path, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "docs"
    raw.mkdir()
    (raw / "good.txt").write_text(capture("A good article"), "utf-8")
    os.symlink("loop", raw / "loop")
    os.symlink("nowhere.txt", raw / "dangling.txt")
    (raw / "x.html").mkdir()
    (raw / "x.html" / "inner.txt").write_text(capture("An article in a folder named like a page"), "utf-8")
    os.mkfifo(raw / "pipe.txt")
    (raw / os.fsdecode(b"caf\xe9.txt")).write_text(capture("An article under an old name"), "utf-8")
    assert main(["convert", str(raw), str(out), "-q"]) == 0  # warnings only: every capture converted
    coverage = (out / "coverage.md").read_text("utf-8")
    for row in (
        "| loop | warning | skipped: a link that loops (it leads back to itself) |",
        "| dangling.txt | warning | skipped: a link to 'nowhere.txt', which is not there |",
        "| pipe.txt | warning | skipped: not a file (a pipe, a socket or a device) |",
    ):
        assert row in coverage
    corpus = [json.loads(line) for line in (out / "corpus.jsonl").read_text("utf-8").splitlines()]
    assert sorted(r["source"] for r in corpus) == ["caf\ufffd.txt", "good.txt", "x.html/inner.txt"]


def test_a_capture_that_vanishes_before_its_copy_is_said_and_the_rest_is_written(tmp_path: Path, monkeypatch, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "docs"
    raw.mkdir()
    (raw / "good.txt").write_text(capture("A good article"), "utf-8")
    (raw / "fleeting.txt").write_text(capture("An article deleted mid-run"), "utf-8")
    original = pipeline.readdress

    def then_vanish(*args, **kwargs):
        (raw / "fleeting.txt").unlink()  # after reading and parsing, before the copies are written
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "readdress", then_vanish)
    assert main(["convert", str(raw), str(out), "-q"]) == 1
    report = " ".join(capsys.readouterr().err.split())
    assert "fleeting.txt" in report and "gone while the run read it" in report
    assert (out / "captures/good.txt").is_file() and (out / "coverage.md").is_file()


# --- inside mkdocs build -----------------------------------------------------------------------------


@pytest.mark.site
def test_mkdocs_build_warns_of_a_failed_file_and_builds_the_site(tmp_path: Path) -> None:
    from .sitebuild import build_site

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(capture("A good article"), "utf-8")
    (raw / "placeholder.html").write_bytes(html_page("0001-01-01T00:00:00Z"))
    (raw / "quotes.txt").write_text(f"A title\n\nBy Jane Roe\n\n{PROSE}\n\n>\n>\n\n{PROSE}\n", "utf-8")
    (raw / "empty.txt").write_bytes(b"")
    site = build_site(raw, tmp_path, strict=False)
    log = (tmp_path / "build.log").read_text("utf-8")
    assert "WARNING -  newsarchive: error: empty.txt: is empty" in log
    assert "Converted 3 of 4 files: 1 failed" in log
    assert (site / "captures/failed/empty.txt").is_file()
    assert 'href="captures/failed/empty.txt"' in (site / "coverage.html").read_text("utf-8")
    assert len(list((site / "articles").rglob("*.html"))) >= 3
