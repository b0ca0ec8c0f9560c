"""Bad input gets a message naming the file and the problem; the rest of the batch converts."""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter
import pytest
from newsarchive.cli import main

from .conftest import SEED

GOOD = "A good article\n\nBy Jo Bloggs | 1 March 2011\n\nThis capture is fine and has a paragraph of prose that is long enough.\n"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(GOOD, "utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (raw / "undecodable.txt").write_bytes(bytes((i * 37) % 31 + 1 for i in range(4000)))
    (raw / "only_furniture.txt").write_text("Skip to main content\nHome | News | Sport | Contact\n[logo]\nAdvertisement\n", "utf-8")
    with (raw / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # a sparse 50 MB file
    (raw / "picture.png").write_bytes(b"\x89PNG")
    return raw


def run(capsys, *args: str) -> tuple[int, str]:
    """Run the command; return its exit code and its report with white space folded (rich wraps lines)."""
    code = main(["convert", *args])
    return code, " ".join(capsys.readouterr().err.split())


def test_bad_files_are_named_and_the_batch_goes_on(batch: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "docs"
    code, report = run(capsys, str(batch), str(out))
    assert code == 1  # some files failed
    pages = list((out / "articles").rglob("*.md"))
    assert [p.name for p in pages if p.name != "index.md"] == ["good.md"]
    flat = report
    for name, words in {
        "empty.txt": "is empty",
        "binary.txt": "is a binary file",
        "undecodable.txt": "does not decode to text",
        "huge.txt": "is 50.0 MiB, over the 20 MiB limit",
        "only_furniture.txt": "holds no article text",
        "picture.png": "not a capture",
    }.items():
        assert name in report and words in flat, name
    assert "Converted 1 of 6 files: 5 failed" in flat


def test_strict_fails_on_warnings(tmp_path: Path, capsys) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "untitled.txt").write_text("Just a paragraph of prose with no title line, no byline and no date at all.\n", "utf-8")
    assert run(capsys, str(raw), str(tmp_path / "a"))[0] == 0
    code, report = run(capsys, "--strict", str(raw), str(tmp_path / "b"))
    assert code == 1 and "untitled.txt" in report and "no title line" in report


def test_converting_twice_gives_identical_bytes(seed_dir: Path, tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    run(capsys, str(seed_dir), str(first))
    run(capsys, str(seed_dir), str(second))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_rerun_writes_nothing_and_removes_stale_pages(seed_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "docs"
    run(capsys, str(seed_dir), str(out))
    code, report = run(capsys, str(seed_dir), str(out))
    assert "Wrote 0 files" in report
    removed = next(seed_dir.glob("002_*.txt"))
    removed.unlink()
    code, report = run(capsys, str(seed_dir), str(out))
    # the page, the raw copy, and the pages that only the removed article needed
    assert "(4 stale files removed)" in report
    assert not list(out.rglob("002-*")) and not (out / "articles" / "undated").exists()
    assert not (out / "authors" / "author-unknown.md").exists()
    assert not (out / "entities" / "xbox-live.md").exists() and (out / "entities" / "nokia.md").exists()


def test_front_matter_and_corpus(seed_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "docs"
    assert run(capsys, str(seed_dir), str(out))[0] == 0
    page = frontmatter.load(next(out.rglob("000-*.md")))
    assert page["title"] == "Official: Nokia partners with Microsoft for Windows Phone 7"
    assert page["author"] == "Tom Warren" and page["date"] == "2011-02-11T07:34"
    assert page["source"] == "000_e8bd22a597f5bb90.txt" and len(page["sha256"]) == 64
    undated = frontmatter.load(next(out.rglob("002-*.md")))
    assert undated["date"] is None and undated["title_inferred"] is True
    records = [json.loads(line) for line in (out / "corpus.jsonl").read_text("utf-8").splitlines()]
    assert [r["source"] for r in records] == sorted(p.name for p in SEED.glob("*.txt"))
    assert records[0]["published"]["iso"] == "2011-02-11T07:34"
    assert records[1]["comments"][0]["replies"][0]["author"] == "Tom W"
    links = records[0]["links"]
    assert {"id": "stephen-elop", "mentions": 6} in links["entities"]
    assert links["related"][0]["page"] == records[1]["page"] and links["related"][0]["shared_passages"] == 2
    assert records[2]["links"]["reference_targets"] == [None] * 8
    raw_copy = out / records[0]["raw"]
    assert raw_copy.read_bytes() == next(SEED.glob("000_*.txt")).read_bytes()


def test_missing_input_folder(tmp_path: Path, capsys) -> None:
    code, report = run(capsys, str(tmp_path / "nope"), str(tmp_path / "docs"))
    assert code == 2 and "no such folder" in report


def test_shipped_seed_copy_is_current() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seed-articles"
    if not shared.is_dir():
        pytest.skip("no shared/ folder beside the project")
    for path in shared.glob("*.txt"):
        assert (SEED / path.name).read_bytes() == path.read_bytes()
