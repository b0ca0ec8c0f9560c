"""A search index split by term, for archives too large for Material's single index.

Material's search fetches one index of every page before its first result
(7 MB, 2.8 MB gzipped, per 1,000 articles); from ``file://`` a large one
freezes every page load. This index is split into shards by the first letters
of each term, and into chunks of document summaries. A query loads the small
manifest, the shard of each of its terms and the chunks of its best results,
all as ``<script>`` files, which browsers load from ``file://`` too.
``docs/javascripts/na-search.js`` answers queries typed in Material's own
search box with it.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path

import orjson

from ..common.jsontext import compact
from ..common.memo import StepCache
from ..common.models import Article
from ..common.packed import PackedCounts
from .records import Record, built_address
from .write import Content

SEARCH_DIR = "search/na"
SHARD_BYTES = 120_000  # a shard above this (before gzip) is split by one more letter
DOCS_PER_CHUNK = 10  # a result fetches its chunk: the 20 shown may each sit in another one
SNIPPET = 220
TITLE_WEIGHT = 5
#: The kept postings are updated when at most this share of the documents (one in so many) are new or changed;
#: else they are made again from every document, which is then quicker.
UPDATE_UP_TO = 10
#: The folder, in the step cache's, that keeps the last run's index (``_Kept``).
KEPT_FOLDER = "search-index"

#: A whole run of word characters, 2 to 30 long: what the index keeps of the runs na-search.js splits queries into.
_TERM = re.compile(r"(?<!\w)\w{2,30}(?!\w)")


def terms(text: str) -> list[str]:
    """The words of ``text`` as the index keeps them; na-search.js splits queries the same way."""
    return _TERM.findall(text.lower())


def document_terms(article: Article) -> PackedCounts:
    """The terms the index keeps of ``article`` (title, body and comments) with their weights, the title's
    weighing ``TITLE_WEIGHT`` each; packed, for they are worked out where the article is parsed (``features``)
    and cached with it, and a run after one capture changed reads them back instead of splitting every article again."""
    counts: Counter[str] = Counter()
    for term in terms(article.title):
        counts[term] += TITLE_WEIGHT
    texts = [text for block in article.body for text in (block.text, *(item.text for item in block.items))]
    counts.update(terms("\n".join(texts + article.comment_paragraphs())))  # no word runs across a line break
    return PackedCounts.of(counts)


def _script(call: str, key: object, data: object) -> str:
    payload = compact(data)
    # JSON inside a script file: "</" and line separators are the only sequences that could end or break it
    payload = payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"naSearch.{call}({json.dumps(key)},{payload});\n"


def _shards(sizes: dict[str, int]) -> dict[str, list[str]]:
    """Terms (with how many documents hold each) grouped by their first letters, two at least, more where a
    group would be too large; each group's terms in the order of ``sizes``."""
    shards: dict[str, list[str]] = {}
    pending: list[tuple[int, list[str]]] = [(2, list(sizes))]
    while pending:
        length, group = pending.pop()
        by_key: defaultdict[str, list[str]] = defaultdict(list)
        for term in group:
            by_key[term[:length]].append(term)
        for key, members in by_key.items():
            size = sum(len(t) + 12 * sizes[t] for t in members)  # a posting is two numbers of about five digits
            longer = [t for t in members if len(t) > length]
            if size > SHARD_BYTES and longer and length < 6:
                pending.append((length + 1, longer))
                short = [t for t in members if len(t) <= length]
                if short:
                    shards[key] = short
            else:
                shards[key] = members
    return shards


def _postings(documents: Sequence[PackedCounts]) -> dict[str, list[int]]:
    """Each term's postings, (document number, weight) one after the other, documents numbered in their order."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    posting = postings.__getitem__  # a new term's list made by the defaultdict, in C
    for number, counts in enumerate(documents):
        if counts.words:  # each term's posting extended by (number, weight), in C loops: 10,000 articles hold millions
            deque(map(list.extend, map(posting, counts.words.split("\n")), zip(repeat(number), counts.counts)), maxlen=0)
    return postings


def _updated(posting: list[int], gone: set[int], added: list[tuple[int, int]]) -> list[int]:
    """``posting`` without the documents ``gone``, with the ``added`` (document, weight) pairs, in document order;
    each found by halving, for a common word's posting holds most of the archive."""
    posting = list(posting)
    for number in gone:
        at = _place(posting, number)
        if at < len(posting) and posting[at] == number:
            del posting[at: at + 2]
    for number, weight in added:
        at = _place(posting, number)
        posting[at:at] = [number, weight]
    return posting


def _place(posting: list[int], number: int) -> int:
    """Where document ``number`` stands, or would stand, in ``posting``."""
    low, high = 0, len(posting) // 2
    while low < high:
        middle = (low + high) // 2
        if posting[2 * middle] < number:
            low = middle + 1
        else:
            high = middle
    return 2 * low


@dataclass(frozen=True)
class _Index:
    """What the last run's split index was made from, and how its terms were grouped into shards."""

    pages: tuple[str, ...]  # the documents, in number order
    parsed: tuple[str, ...]  # what each one's terms were read from (``Record.parsed``); "" when not known
    terms: tuple[PackedCounts, ...]  # each one's terms and their weights
    counts: dict[str, int]  # how many documents hold each term
    shards: dict[str, tuple[str, ...]]  # each shard's terms, by its key


class _Kept:
    """The last run's split index, kept in a folder between runs: the ``_Index`` (a ``StepCache`` step of the
    folder), and each shard's script (``<key>.js``), which the docs folder copies and which holds the shard's
    postings."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.steps = StepCache(folder)

    def index(self) -> _Index | None:
        kept = self.steps.last(_INDEX_STEP)
        return kept if isinstance(kept, _Index) else None

    def postings(self, key: str) -> dict[str, list[int]] | None:
        """The postings of shard ``key``, read back from its script; None if it is not there or not whole."""
        start = f"naSearch.shard({json.dumps(key)},"
        try:
            script = self.script(key).read_text("utf-8")
            kept = orjson.loads(script[len(start): -3]) if script.startswith(start) and script.endswith(");\n") else None
        except (OSError, UnicodeDecodeError, orjson.JSONDecodeError):
            return None
        return kept if isinstance(kept, dict) else None

    def script(self, key: str) -> Path:
        return self.folder / f"{_file_name(key)}.js"

    def keep_shard(self, key: str, script: str) -> None:
        """Keep the script of shard ``key``; written in place, for the index that names it is written after
        (``forget``)."""
        self.script(key).write_text(script, "utf-8")

    def forget(self) -> None:
        """Drop the kept index (making its folder) before any shard changes: a run stopped half way leaves none
        (the next run makes every shard), never one that names shards as they were before it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.steps.forget(_INDEX_STEP)

    def keep_index(self, index: _Index) -> None:
        """Keep ``index``, and drop the files of shards it does not name."""
        self.steps.keep(_INDEX_STEP, index)
        named = {_file_name(key) for key in index.shards}
        for path in self.folder.iterdir():
            if path.suffix == ".js" and path.stem not in named:
                path.unlink(missing_ok=True)


#: The step, in the kept folder, that keeps the ``_Index``.
_INDEX_STEP = "index"


def _file_name(key: str) -> str:
    """A shard's file name in the kept folder: its key (word characters) by their code points, which no file
    system folds together or refuses, and which cannot be "index"."""
    return "s" + "-".join(f"{ord(c):x}" for c in key)


#: The manifest of an archive small enough for Material's own search: na-search.js then stays out of the way.
SMALL_ARCHIVE_MANIFEST = 'naSearch.manifest("index",{"split":false});\n'


def build_search_index(
    records: Sequence[Record], known: Sequence[PackedCounts] = (), kept: Path | None = None, directory_urls: bool = False
) -> dict[str, Content]:
    """Every file of the split index, by path in the docs folder; its pages' addresses as MkDocs makes them
    (``directory_urls``: its ``use_directory_urls``).

    ``known`` holds the ``document_terms`` of each record, in the order of ``records``, when they were worked
    out beforehand; without them they are worked out here. With ``known`` and ``kept`` (a folder), the index of
    the last run is kept there: when the same pages come again and at most one in ``UPDATE_UP_TO`` has other
    terms (by ``Record.parsed``), only the shards of the terms those had or have are made again, the others are
    copied from there, and the whole is as a run from nothing would make it.
    """
    found = known or [document_terms(record.article) for record in records]
    if len(found) != len(records):
        raise ValueError(f"{len(found)} documents' terms for {len(records)} records")
    order = sorted(range(len(records)), key=lambda i: records[i].page)
    documents = [found[i] for i in order]
    index = _Index(
        tuple(records[i].page for i in order), tuple(records[i].parsed if known else "" for i in order), tuple(documents), {}, {}
    )
    store = _Kept(kept) if kept is not None and known else None
    last = store.index() if store is not None else None
    shards: tuple[_Index, dict[str, Content]] | None = None
    if store is not None and last is not None and last.pages == index.pages:
        changed = [n for n, key in enumerate(index.parsed) if not key or key != last.parsed[n]]
        if not changed:
            shards = last, {f"{SEARCH_DIR}/t/{key}.js": store.script(key) for key in last.shards}
        elif len(changed) <= len(documents) // UPDATE_UP_TO:
            shards = _update(store, last, index, changed, documents)
    index, files = shards or _make(store, index, documents)
    if store is not None and index is not last:
        store.keep_index(index)
    summaries = []
    for number in order:
        record = records[number]
        first = next((b.text for b in record.article.body if b.text), "")
        meta = " · ".join(p for p in (record.author_text, record.article.published.iso() or "undated") if p)
        summaries.append([built_address(record.page, directory_urls), record.article.title, meta, first[:SNIPPET]])
    chunks = [summaries[i: i + DOCS_PER_CHUNK] for i in range(0, len(summaries), DOCS_PER_CHUNK)]
    files.update({f"{SEARCH_DIR}/d/{n}.js": _script("docs", n, chunk) for n, chunk in enumerate(chunks)})
    manifest = {"split": True, "documents": len(summaries), "perChunk": DOCS_PER_CHUNK, "shards": sorted(index.shards)}
    files[f"{SEARCH_DIR}/manifest.js"] = _script("manifest", "index", manifest)
    return files


def _make(store: _Kept | None, index: _Index, documents: Sequence[PackedCounts]) -> tuple[_Index, dict[str, Content]]:
    """``index`` with the terms of ``documents`` and their shards, each made, and each shard's file."""
    files: dict[str, Content] = {}
    if store is not None:
        store.forget()
    postings = _postings(documents)
    counts = {term: len(postings[term]) // 2 for term in sorted(postings)}
    index = replace(index, counts=counts, shards={key: tuple(members) for key, members in _shards(counts).items()})
    for key, members in index.shards.items():
        rows = {term: postings[term] for term in members}
        script = _script("shard", key, rows)
        if store is not None:
            store.keep_shard(key, script)
        files[f"{SEARCH_DIR}/t/{key}.js"] = store.script(key) if store is not None else script
    return index, files


def _update(store: _Kept, last: _Index, index: _Index, changed: list[int], documents: Sequence[PackedCounts]) -> tuple[_Index, dict[str, Content]] | None:
    """``index`` after the documents ``changed`` (by number) took their new terms, and each shard's file: the
    shards of the terms they had or have are made again and kept, the others are as kept. None if a kept shard
    could not be read."""
    counts = dict(last.counts)
    gone: defaultdict[str, set[int]] = defaultdict(set)
    added: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for number in changed:  # a term whose weight in the document is the same keeps its posting
        before, now = dict(last.terms[number].items()), dict(documents[number].items())
        for term in before.keys() - now.keys():
            counts[term] = counts.get(term, 0) - 1
            gone[term].add(number)
        for term, weight in now.items():
            if before.get(term) != weight:
                if term in before:
                    gone[term].add(number)
                else:
                    counts[term] = counts.get(term, 0) + 1
                added[term].append((number, weight))
    counts = {term: counts[term] for term in sorted(counts) if counts[term] > 0}
    touched = gone.keys() | added.keys()
    shards = {key: tuple(members) for key, members in _shards(counts).items()}
    home = {term: key for key, members in last.shards.items() for term in members}
    remade = [key for key, members in shards.items() if last.shards.get(key) != members or not touched.isdisjoint(members)]
    # every kept shard a term comes from is read before any is written: a shard that splits is written first,
    # under the key it had, and then no longer holds the terms that moved to the new ones
    read: dict[str, dict[str, list[int]]] = {}
    for key in {home[term] for key in remade for term in shards[key] if term in home}:
        kept = store.postings(key)
        if kept is None:
            return None
        read[key] = kept
    files: dict[str, Content] = {f"{SEARCH_DIR}/t/{key}.js": store.script(key) for key in shards}
    store.forget()
    for key in remade:
        rows = {}
        for term in shards[key]:
            before = read[home[term]].get(term, []) if term in home else []
            rows[term] = _updated(before, gone.get(term, set()), added.get(term, [])) if term in touched else before
        store.keep_shard(key, _script("shard", key, rows))
    return replace(index, counts=counts, shards=shards), files
