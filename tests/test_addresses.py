"""The address book: read back as written, with non-ASCII names; a damaged one is reported, not trusted."""

from __future__ import annotations

import pytest
from newsarchive.addresses import AddressBook, AddressBookError, load_book, save_book


def test_the_book_reads_back_as_written(tmp_path) -> None:
    book = AddressBook(
        {"Café/déjà-vu: «quoted».txt": {"page": "articles/2011/02/déjà-vu.md", "sha256": "0" * 64}, "a.txt": {"page": "articles/undated/a.md", "sha256": "1" * 64}},
        {"articles/2011/01/old.md": "articles/2011/02/déjà-vu.md"},
    )
    path = tmp_path / "addresses.yml"
    save_book(book, path)
    assert "déjà-vu" in path.read_text("utf-8")  # written as text, not escaped
    assert load_book(path) == book
    modified = path.stat().st_mtime_ns
    save_book(load_book(path), path)
    assert path.stat().st_mtime_ns == modified  # the same book is not written again


@pytest.mark.parametrize("text", ["pages: [unclosed", "- just\n- a list\n", "pages: [1, 2]\n"])
def test_a_damaged_book_is_reported(tmp_path, text) -> None:
    path = tmp_path / "addresses.yml"
    path.write_text(text, "utf-8")
    with pytest.raises(AddressBookError, match="addresses.yml"):
        load_book(path)
