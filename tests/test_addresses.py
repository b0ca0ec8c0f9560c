"""The address book: read back as written, with non-ASCII names; a damaged one is reported, not trusted."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from newsarchive.site.addresses import AddressBook, AddressBookError, load_book, redirect_files, save_book
from newsarchive.common.memo import StepCache
from newsarchive.site.records import address_from, built_address, built_file


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


_names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20) | st.sampled_from(["yes", "No", "null", "1e5", "0x1F", "2011-02-11", "~", "- a", "a: b", "#c", "'q'"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_names, st.dictionaries(_names, _names, max_size=3), max_size=5), st.dictionaries(_names, _names, max_size=3))
def test_any_book_of_strings_reads_back_as_written(tmp_path_factory, pages, redirects) -> None:
    """Written line by line, not by PyYAML: any name, whatever YAML might read into it, comes back the same."""
    path = tmp_path_factory.mktemp("book") / "addresses.yml"
    book = AddressBook(pages, redirects)
    save_book(book, path)
    assert yaml.safe_load(path.read_text("utf-8")) == {"pages": pages, "redirects": redirects}
    assert load_book(path) == book


def test_a_book_edited_by_hand_is_read_again_and_one_the_last_run_wrote_is_read_back(tmp_path) -> None:
    path, steps = tmp_path / "addresses.yml", StepCache(tmp_path / "steps")
    book = AddressBook({"a.txt": {"page": "articles/undated/a.md", "sha256": "1" * 64}}, {})
    save_book(book, path, steps)
    assert load_book(path, steps) == book
    assert len(list((tmp_path / "steps").iterdir())) == 1  # kept when written
    path.write_text(path.read_text("utf-8").replace("articles/undated/a.md", "articles/2011/02/a.md"), "utf-8")
    assert load_book(path, steps).pages["a.txt"]["page"] == "articles/2011/02/a.md"  # the text changed: read again
    path.write_text("pages: [unclosed", "utf-8")
    with pytest.raises(AddressBookError):
        load_book(path, steps)


def test_a_book_with_values_other_than_strings_is_written_by_pyyaml(tmp_path) -> None:
    path = tmp_path / "addresses.yml"
    book = AddressBook({"a.txt": {"page": "articles/undated/a.md", "sha256": "1" * 64, "note": 3}}, {})  # type: ignore[dict-item]
    save_book(book, path)
    assert load_book(path) == book


@pytest.mark.parametrize(
    ("directory_urls", "where", "target"),
    [
        (False, "articles/2011/02/old.html", "../03/new.html"),
        (True, "articles/2011/02/old/index.html", "../../03/new/"),
    ],
)
def test_a_redirect_page_is_where_the_old_page_was_built_and_leads_to_the_new_address(directory_urls, where, target) -> None:
    """With MkDocs' directory URLs, the old page was ``old/index.html`` and the new one is a folder's address."""
    record = SimpleNamespace(page="articles/2011/03/new.md", article=SimpleNamespace(title="A <title>"))
    book = AddressBook({}, {"articles/2011/02/old.md": "articles/2011/03/new.md"})
    (path, page), = redirect_files(book, [record], directory_urls).items()  # type: ignore[list-item]
    assert path == where
    assert f'content="0; url={target}"' in page and f'<a href="{target}">A &lt;title&gt;</a>' in page


def test_addresses_as_mkdocs_makes_them() -> None:
    assert [built_address(p) for p in ("index.md", "articles/index.md", "articles/2011/x.md", "feed.xml")] == [
        "index.html", "articles/index.html", "articles/2011/x.html", "feed.xml"
    ]
    assert [built_address(p, True) for p in ("index.md", "articles/index.md", "articles/2011/x.md", "feed.xml")] == [
        "./", "articles/", "articles/2011/x/", "feed.xml"
    ]
    assert built_file("articles/x.md", True) == "articles/x/index.html" and built_file("index.md", True) == "index.html"
    assert address_from("articles/x/index.html", "./") == "../../" and address_from("index.html", "articles/") == "articles/"
