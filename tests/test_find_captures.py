"""Which files of the input folder are captures, in what order, and which are reported as something else."""

from __future__ import annotations

import os
from pathlib import Path

from newsarchive.capture.read import find_captures, source_name


def test_captures_are_found_in_sub_folders_in_order_and_the_rest_is_reported(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.html", "a/y", "A/x.md", "c/d/e.warc.gz", "c/page.HTML", "notes.pdf", "a/image.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text", "utf-8")
    found = find_captures(tmp_path)
    captures, others = found.captures, found.others
    assert [p.relative_to(tmp_path).as_posix() for p in captures] == ["A/x.md", "a/y", "a/z.html", "b.txt", "c/d/e.warc.gz", "c/page.HTML"]
    assert all(p.is_file() for p in captures)
    assert others == ["a/image.png", "notes.pdf"]


def test_hidden_files_and_folders_and_linked_folders_are_passed_over_and_a_linked_file_counts(tmp_path: Path) -> None:
    root, outside = tmp_path / "raw", tmp_path / "outside"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD.txt").write_text("ref", "utf-8")
    (root / ".draft.txt").write_text("draft", "utf-8")
    outside.mkdir()
    (outside / "elsewhere.txt").write_text("elsewhere", "utf-8")
    os.symlink(outside, root / "linked")
    os.symlink(outside / "elsewhere.txt", root / "kept.txt")
    os.symlink(tmp_path / "gone.txt", root / "broken.txt")
    found = find_captures(root)
    assert [p.name for p in found.captures] == ["kept.txt"]
    assert found.others == []
    assert [(p.source, p.message) for p in found.problems] == [
        ("broken.txt", f"skipped: a link to {str(tmp_path / 'gone.txt')!r}, which is not there"),
        ("linked", "skipped: a link to a folder: linked folders are not followed"),
    ]


def test_a_link_that_loops_and_a_folder_named_like_a_capture_are_reported_not_raised(tmp_path: Path) -> None:
    os.symlink("loop", tmp_path / "loop")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    (tmp_path / "x.html").mkdir()
    (tmp_path / "x.html" / "inside.txt").write_text("text", "utf-8")
    found = find_captures(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found.captures] == ["x.html/inside.txt"]
    assert [(p.source, p.message) for p in found.problems] == [
        ("loop", "skipped: a link that loops (it leads back to itself)"),
        ("loop.txt", "skipped: a link that loops (it leads back to itself)"),
    ]


def test_a_name_that_is_not_utf8_is_found_and_shown_with_replacement_characters(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes, as an old archive names its files
    (tmp_path / name).write_text("text", "utf-8")
    found = find_captures(tmp_path)
    assert [p.name for p in found.captures] == [name]
    assert source_name(found.captures[0], tmp_path) == "caf\ufffd.txt"
    (tmp_path / os.fsdecode(b"notes\xff.pdf")).write_text("x", "utf-8")
    assert find_captures(tmp_path).others == ["notes\ufffd.pdf"]
