"""The writer never writes outside its output folder, whatever the generated paths or the links already in it."""

from __future__ import annotations

import pytest
from newsarchive.write import UnsafePathError, write_files


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
