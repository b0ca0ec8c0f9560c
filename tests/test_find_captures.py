"""Which files of the input folder are captures, in what order, and which are reported as something else."""

from __future__ import annotations

import os
from pathlib import Path

from newsarchive.read import find_captures


def test_captures_are_found_in_sub_folders_in_order_and_the_rest_is_reported(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.html", "a/y", "A/x.md", "c/d/e.warc.gz", "c/page.HTML", "notes.pdf", "a/image.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text", "utf-8")
    captures, others = find_captures(tmp_path)
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
    captures, others = find_captures(root)
    assert [p.name for p in captures] == ["kept.txt"]
    assert others == []
