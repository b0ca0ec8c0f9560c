"""Fuzzing the batch: captures made of real-looking parts with random damage never stop a run; the good ones
convert and each damaged one is converted or reported."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsarchive.build import pipeline

from .conftest import SEED

TEXTS = sorted(SEED.glob("*.txt"))
CALENDAR_ENDS = ["January 1, 0001", "31/12/9999", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1 January 1970", "29 February 2100"]
PROSE = "<p>The company said on Friday that it would build its phones on the new system, in a deal analysts had expected for weeks.</p>"


def html_page(date: str, depth: int) -> bytes:
    ld = json.dumps({"@type": "NewsArticle", "headline": "A page of the batch", "datePublished": date})
    return (
        f'<html><head><script type="application/ld+json">{ld}</script><title>A page of the batch</title></head><body>'
        + "<div>" * depth + f"<article><h1>A page of the batch</h1>{PROSE * 4}</article>" + "</div>" * depth + "</body></html>"
    ).encode()


@st.composite
def damaged(draw) -> tuple[str, bytes]:
    """A capture file's name and bytes: a shipped capture or a page, with one kind of damage."""
    kind = draw(st.sampled_from(["cut", "flipped", "encoding", "repeated", "nested", "date"]))
    if kind == "nested":
        return "nested.html", html_page("2011-02-11", draw(st.sampled_from([300, 5000])))
    if kind == "date" and draw(st.booleans()):
        return "dated.html", html_page(draw(st.sampled_from(CALENDAR_ENDS)), 1)
    text = TEXTS[draw(st.integers(0, len(TEXTS) - 1))].read_text("utf-8")
    data = text.encode("utf-8")
    if kind == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif kind == "flipped":
        spots = draw(st.lists(st.integers(0, len(data) - 1), min_size=1, max_size=40))
        mutable = bytearray(data)
        for spot in spots:
            mutable[spot] ^= draw(st.integers(1, 255))
        data = bytes(mutable)
    elif kind == "encoding":
        data = text.encode(draw(st.sampled_from(["utf-16", "utf-16-le", "cp1252", "latin-1", "shift_jis", "koi8-r"])), "replace")
    elif kind == "repeated":
        lines = text.splitlines()
        at = draw(st.integers(0, len(lines) - 1))
        data = "\n".join(lines[:at] + [lines[at]] * 10_000 + lines[at:]).encode("utf-8")
    else:
        lines = text.splitlines()
        data = "\n".join([lines[0], "", f"By Jane Roe | {draw(st.sampled_from(CALENDAR_ENDS))}", *lines[1:]]).encode("utf-8")
    return f"{kind}.txt", data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(damaged(), min_size=1, max_size=3))
def test_a_batch_with_damaged_captures_finishes_and_reports_each_one(tmp_path_factory, captures: list[tuple[str, bytes]]) -> None:
    folder = tmp_path_factory.mktemp("batch")
    raw, out = folder / "raw", folder / "docs"
    raw.mkdir()
    good = [path.name for path in TEXTS[:2]]
    for name in good:
        (raw / name).write_bytes((SEED / name).read_bytes())
    names = []
    for n, (name, data) in enumerate(captures):
        names.append(f"{n}-{name}")
        (raw / names[-1]).write_bytes(data)
    archive, written = pipeline.convert(raw, out, jobs=1)
    made = {r.source.split("#")[0] for r in archive.records}
    said = {p.source for p in archive.problems}
    assert set(good) <= made
    assert all(name in made or name in said for name in names)
    failed = {p.source for p in archive.problems if p.severity.value == "error"}
    assert all(any(copy.startswith("captures/failed/") for source, copy in archive.kept if source == name) for name in failed if (raw / name).stat().st_size)
    assert all(r.article.published.value is None or 1990 <= r.article.published.value.year for r in archive.records)
    assert (out / "index.md").is_file() and (out / "coverage.md").is_file()
