"""The split index kept between runs: after documents change, it is what a run from nothing makes."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from newsarchive.site import search_index
from newsarchive.common.models import Article, Block, BlockKind
from newsarchive.site.records import Record
from newsarchive.site.search_index import SEARCH_DIR, build_search_index, document_terms

# few letters, so that terms share their first two and shards fill and split
_WORDS = [a + b + c for a in "ab" for b in "ab" for c in "abcdefgh"] + ["ab" + "x" * n for n in range(1, 9)]


def _record(number: int, words: list[str], version: int) -> Record:
    article = Article(title="Document", body=(Block(BlockKind.PARAGRAPH, " ".join(words)),))
    return Record(f"{number}.txt", "0" * 64, 1, "utf-8", f"articles/2011/03/doc-{number:03}.md", f"captures/{number}.txt", article, parsed=f"{number}-{version}")


def _texts(files: dict) -> dict[str, str]:
    return {path: content.read_text("utf-8") if isinstance(content, Path) else content for path, content in files.items()}


def _build(records: list[Record], kept: Path | None) -> dict[str, str]:
    return _texts(build_search_index(records, [document_terms(r.article) for r in records], kept))


_document = st.lists(st.sampled_from(_WORDS), max_size=12)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_document, min_size=10, max_size=30),
    st.lists(st.tuples(st.integers(0, 29), _document), min_size=1, max_size=6),
    st.sampled_from([search_index.SHARD_BYTES, 150]),
)
def test_an_index_updated_run_after_run_is_the_one_made_from_nothing(tmp_path_factory, documents, edits, shard_bytes) -> None:
    """Also with shards so small that edits split them and join them again: a term then moves to another shard."""
    kept = tmp_path_factory.mktemp("kept") / "search"
    with mock.patch.object(search_index, "SHARD_BYTES", shard_bytes):
        records = [_record(n, words, 0) for n, words in enumerate(documents)]
        assert _build(records, kept) == _build(records, None)
        for version, (number, words) in enumerate(edits, start=1):
            number %= len(records)
            records[number] = _record(number, words, version)
            assert _build(records, kept) == _build(records, None)


def test_only_the_shards_of_changed_terms_are_made_again(tmp_path) -> None:
    kept = tmp_path / "search"
    records = [_record(n, _WORDS, 0) for n in range(10)] + [_record(10, ["aaa", "aab"], 0)]
    _build(records, kept)
    for script in kept.glob("*.js"):
        os.utime(script, ns=(1_000_000_000, 1_000_000_000))  # long ago: a script made again is made now
    before = {script.name: script.read_text("utf-8") for script in kept.glob("*.js")}
    assert len(before) == 5  # aa, ab, ba, bb, and "do" for the titles
    records[10] = _record(10, ["aac"], 1)  # from two terms of shard "aa" to a third
    assert _build(records, kept) == _build(records, None)
    again = sorted(script.name for script in kept.glob("*.js") if script.stat().st_mtime_ns != 1_000_000_000)
    assert len(again) == 1 and before[again[0]] != (kept / again[0]).read_text("utf-8")


def test_a_kept_index_damaged_or_cut_short_is_made_again(tmp_path) -> None:
    kept = tmp_path / "search"
    records = [_record(n, _WORDS[n: n + 5], 0) for n in range(12)]
    _build(records, kept)
    for shard in kept.glob("*.js"):
        shard.write_text(shard.read_text("utf-8")[:-5], "utf-8")  # a script cut short: its postings cannot be read
    records[0] = _record(0, ["aaa", "bbb"], 1)
    assert _build(records, kept) == _build(records, None)
    (kept / "index.pickle").write_bytes(b"not a pickle")
    records[1] = _record(1, ["aba"], 1)
    assert _build(records, kept) == _build(records, None)
    assert f"{SEARCH_DIR}/manifest.js" in _build(records, kept)
