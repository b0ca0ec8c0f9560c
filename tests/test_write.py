"""The writer never writes outside its output folder, whatever the generated paths or the links already in it, and rewrites only what changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from newsarchive.site.write import UnsafePathError, write_files

from .conftest import stored_after


@pytest.mark.parametrize("path", ["../escape.md", "/etc/escape.md", "articles/../../escape.md", "a\\b.md", ""])
def test_paths_that_leave_the_folder_are_refused(tmp_path, path) -> None:
    with pytest.raises(UnsafePathError):
        write_files(tmp_path / "docs", {path: "x"})
    assert not (tmp_path / "escape.md").exists()


def test_a_linked_folder_or_file_that_leads_outside_is_refused(tmp_path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "articles").mkdir(parents=True)
    outside.mkdir()
    (docs / "entities").symlink_to(outside, target_is_directory=True)
    (docs / "articles" / "page.md").symlink_to(outside / "page.md")
    written = write_files(docs, {"articles/one.md": "fine", "articles/two.md": "fine too"})
    assert written.written == 2
    for path in ("entities/nokia.md", "articles/page.md"):
        with pytest.raises(UnsafePathError, match="resolves outside"):
            write_files(docs, {path: "x"})
    assert list(outside.iterdir()) == []


def test_text_in_pieces_is_written_whole_and_only_when_changed(tmp_path) -> None:
    docs = tmp_path / "docs"
    lines = [f'{{"n": {n}, "text": "línea {n}"}}\n' for n in range(1000)]
    assert write_files(docs, {"corpus.jsonl": iter(lines), "page.md": "x"}).written == 2
    assert (docs / "corpus.jsonl").read_text("utf-8") == "".join(lines)
    assert (docs / "corpus.jsonl").stat().st_mode == (docs / "page.md").stat().st_mode  # no private temporary's mode
    before = (docs / "corpus.jsonl").stat().st_mtime_ns
    again = write_files(docs, {"corpus.jsonl": iter(lines), "page.md": "x"})
    assert again.written == 0 and (docs / "corpus.jsonl").stat().st_mtime_ns == before
    assert sorted(p.name for p in docs.iterdir()) == [".newsarchive-manifest.json", "corpus.jsonl", "page.md"]


def test_pieces_that_fail_leave_the_old_file_and_no_partial_one(tmp_path) -> None:
    docs = tmp_path / "docs"
    write_files(docs, {"corpus.jsonl": "old\n"})

    def failing():
        yield "new\n"
        raise RuntimeError("a record could not be made")

    with pytest.raises(RuntimeError):
        write_files(docs, {"corpus.jsonl": failing()})
    assert (docs / "corpus.jsonl").read_text("utf-8") == "old\n"
    assert sorted(p.name for p in docs.iterdir()) == [".newsarchive-manifest.json", "corpus.jsonl"]


def test_copies_are_trusted_by_their_stamps_and_compared_when_either_side_changed(tmp_path, monkeypatch) -> None:
    """A copy whose source and itself show the sizes and times the last run left is not read again; a copy
    made just before the stamps were stored, edited by hand (even with its time put back), a changed source,
    or damaged stamps are compared in full, and the copy is made again where it differs."""
    docs, stamps = tmp_path / "docs", tmp_path / "cache" / "copies.json"
    source, target = tmp_path / "page.txt", docs / "page.md"
    source.write_text("the page", "utf-8")
    assert write_files(docs, {"page.md": source}, stamps).written == 1
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))

    stored_after(stamps, 1_000_000_000)  # within the same tick as the copy, a change would not show: compared
    assert write_files(docs, {"page.md": source}, stamps).written == 0 and read
    read.clear()
    stored_after(stamps, 3_000_000_000)
    assert write_files(docs, {"page.md": source}, stamps).written == 0 and read == []  # trusted: neither file read

    target.write_text("edited by hand!", "utf-8")
    assert write_files(docs, {"page.md": source}, stamps).written == 1
    assert target.read_text("utf-8") == "the page"

    stored_after(stamps, 3_000_000_000)
    source.write_text("the new page", "utf-8")  # a source changed since
    assert write_files(docs, {"page.md": source}, stamps).written == 1
    assert target.read_text("utf-8") == "the new page"

    stored_after(stamps, 3_000_000_000)
    before = target.stat().st_mtime_ns
    target.write_text("the old page", "utf-8")  # the same size, and the time put back: its change time tells
    os.utime(target, ns=(before, before))
    assert write_files(docs, {"page.md": source}, stamps).written == 1
    assert target.read_text("utf-8") == "the new page"

    stored_after(stamps, 3_000_000_000)
    stamps.write_text("{not json", "utf-8")
    read.clear()
    assert write_files(docs, {"page.md": source}, stamps).written == 0 and read  # damaged stamps: compared


def test_a_copy_stays_trusted_when_its_source_is_named_by_a_relative_path(tmp_path, monkeypatch) -> None:
    """One run given the folders in full and the next given them relative to where it runs name the same files."""
    docs, stamps = tmp_path / "docs", tmp_path / "cache" / "copies.json"
    (tmp_path / "page.txt").write_text("the page", "utf-8")
    assert write_files(docs, {"page.md": tmp_path / "page.txt"}, stamps).written == 1
    stored_after(stamps, 3_000_000_000)
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    monkeypatch.chdir(tmp_path)
    assert write_files(Path("docs"), {"page.md": Path("page.txt")}, Path("cache/copies.json")).written == 0
    assert read == []  # trusted: neither file read
