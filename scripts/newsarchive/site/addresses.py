"""Permanent addresses: every address an article ever had keeps working.

An article's address comes from its publication date and its capture's file
name, never from its title, so a better title inference or a corrected headline
leaves it alone. When an address does change (a corrected date, a renamed or
moved capture), the address book remembers the old one and the site gets a
redirect page there. The book is a small YAML file beside mkdocs.yml, meant to
be kept with the captures.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..common.memo import StepCache
from .records import Record, address_from, built_address, built_file

ADDRESS_BOOK = "addresses.yml"

# LibYAML's loader and dumper where PyYAML has them: the book holds a line or two for every article, and at
# 10,000 articles PyYAML's own took 2.75 s to read it and 1.78 s to write it, on every build. Even LibYAML's
# took 1 s and 0.7 s, so a book is read back from the step cache by the digest of its text when it can be,
# and a book of plain entries (every one this program writes) is written by ``_book_text``.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_HEADER = "# newsarchive keeps this file: the address of every article and every address that moved.\n"


@dataclass
class AddressBook:
    """Where each capture's article lives (by source path, with its sha256), and every old address."""

    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # source: {page, sha256}
    redirects: dict[str, str] = field(default_factory=dict)  # old page: current page


class AddressBookError(ValueError):
    pass


def load_book(path: Path | None, steps: StepCache | None = None) -> AddressBook:
    """The book kept at ``path`` (an empty one if there is none); with ``steps``, read back as the last run
    read or wrote it, if its text is the same."""
    if path is None or not path.is_file():
        return AddressBook()
    data = path.read_bytes()
    return (steps or StepCache(None)).once(BOOK_STEP, hashlib.sha256(data).hexdigest(), lambda: _parse_book(data, path.name))


#: The step cache's name for the last book read or written.
BOOK_STEP = "address-book"


def _parse_book(text: bytes, name: str) -> AddressBook:
    try:
        data = yaml.load(text.decode("utf-8"), Loader=_LOADER) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise AddressBookError(f"{name}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("pages", {}), dict) or not isinstance(data.get("redirects", {}), dict):
        raise AddressBookError(f"{name}: expected the keys 'pages' and 'redirects'; delete the file to start a new one")
    return AddressBook(dict(data.get("pages") or {}), {str(k): str(v) for k, v in (data.get("redirects") or {}).items()})


def update_book(book: AddressBook, records: Sequence[Record]) -> AddressBook:
    """The book after this build: the current addresses, and a redirect for every address that moved."""
    by_hash = {entry.get("sha256"): entry.get("page") for entry in book.pages.values()}
    current = {r.page for r in records}
    redirects = dict(book.redirects)
    pages: dict[str, dict[str, str]] = {}
    for record in records:
        known = book.pages.get(record.source)
        old = known.get("page") if known else by_hash.get(record.sha256)  # a capture renamed or moved, unchanged
        if old and old != record.page:
            redirects[old] = record.page
        pages[record.source] = {"page": record.page, "sha256": record.sha256}
    for source, entry in book.pages.items():
        if source not in pages and entry.get("page") not in current:
            pages[source] = entry  # a capture gone from this build: keep its address for when it comes back
    resolved = {}
    for old in redirects:
        target, seen = redirects[old], {old}
        while target in redirects and target not in seen:  # follow chains: a → b → c is a → c
            seen.add(target)
            target = redirects[target]
        if old not in current and target in current:
            resolved[old] = target
    return AddressBook(dict(sorted(pages.items())), dict(sorted(resolved.items())))


def save_book(book: AddressBook, path: Path, steps: StepCache | None = None) -> None:
    """Write ``book`` to ``path`` unless it holds it already; with ``steps``, keep it to be read back by ``load_book``."""
    data = _book_text(book).encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.write_bytes(data)
    if steps is not None:
        steps.once(BOOK_STEP, hashlib.sha256(data).hexdigest(), lambda: book)


def _book_text(book: AddressBook) -> str:
    """The book as YAML, sorted. A book whose entries are all strings (as ``update_book`` makes them) is written
    line by line; one with other values (edited by hand) by PyYAML."""
    entries = [(source, entry) for source, entry in book.pages.items() if isinstance(source, str) and isinstance(entry, dict)]
    plain = len(entries) == len(book.pages) and all(isinstance(k, str) and isinstance(v, str) for _, e in entries for k, v in e.items())
    plain = plain and all(isinstance(k, str) and isinstance(v, str) for k, v in book.redirects.items())
    if not plain:
        return _HEADER + yaml.dump({"pages": book.pages, "redirects": book.redirects}, Dumper=_DUMPER, sort_keys=True, allow_unicode=True)
    lines = [_HEADER.rstrip("\n"), "pages:" if book.pages else "pages: {}"]
    for source, entry in sorted(entries):
        lines.append(f"  {_scalar(source)}:" if entry else f"  {_scalar(source)}: {{}}")
        lines.extend(f"    {_scalar(key)}: {_scalar(value)}" for key, value in sorted(entry.items()))
    lines.append("redirects:" if book.redirects else "redirects: {}")
    lines.extend(f"  {_scalar(old)}: {_scalar(new)}" for old, new in sorted(book.redirects.items()))
    return "\n".join(lines) + "\n"


#: A string YAML reads as that string when written bare: a letter first, then none of YAML's signs, and not one
#: of the words YAML 1.1 reads as true, false or null.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._/-]*\Z")
_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
#: What a double-quoted YAML string must escape: its quote and backslash, control characters, line and
#: paragraph separators, the byte order mark, surrogates (a file name's undecodable bytes) and non-characters.
_ESCAPE = re.compile("[\"\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _scalar(value: str) -> str:
    if _PLAIN.match(value) and value.lower() not in _WORDS:
        return value
    return '"' + _ESCAPE.sub(_escaped, value) + '"'


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return "\\" + char if char in '"\\' else f"\\u{ord(char):04x}"


def redirect_page(where: str, new: str, title: str, directory_urls: bool = False) -> str:
    """A static page, the file ``where`` of the site, that sends the reader on to the docs page ``new``, with or without JavaScript."""
    target = html.escape(address_from(where, built_address(new, directory_urls)), quote=True)
    name = html.escape(title)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Moved: {name}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
        f"<link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n"
        f"<body>\n<p>This article has moved: <a href=\"{target}\">{name}</a>.</p>\n</body>\n</html>\n"
    )


def redirect_files(book: AddressBook, records: Sequence[Record], directory_urls: bool = False) -> dict[str, str]:
    """The redirect pages of the book, by path in the docs folder (``.html`` files, copied as they are), each
    where MkDocs would have written the old page (``directory_urls``: its ``use_directory_urls``)."""
    titles = {r.page: r.article.title for r in records}
    redirects = ((built_file(old, directory_urls), new) for old, new in book.redirects.items() if new in titles)
    return {where: redirect_page(where, new, titles[new], directory_urls) for where, new in redirects}
