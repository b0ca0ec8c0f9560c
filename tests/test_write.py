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
