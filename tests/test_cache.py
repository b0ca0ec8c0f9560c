"""The parse cache: an unchanged capture is not parsed again, a changed one is, and a bad entry is only a miss."""

from __future__ import annotations

import pickle
import shutil

from newsarchive import pipeline
from newsarchive.cache import ParseCache

from tests import goldens


def _copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(goldens.RAW, raw)
    return raw


def test_a_second_run_reads_every_capture_from_the_cache(tmp_path, monkeypatch) -> None:
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    first, _ = pipeline.collect(raw, cache_dir=cache)
    entries = sorted(p.name for p in cache.glob("*.pickle"))
    assert len(entries) == len(first.records)

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed a capture the cache holds")

    monkeypatch.setattr("newsarchive.workers.parse_capture", no_parsing)
    second, _ = pipeline.collect(raw, cache_dir=cache)
    assert [r.article for r in second.records] == [r.article for r in first.records]
    assert second.problems == first.problems
    assert sorted(p.name for p in cache.glob("*.pickle")) == entries


def test_only_the_changed_capture_is_parsed_again_and_its_old_entry_goes(tmp_path, monkeypatch) -> None:
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    first, _ = pipeline.collect(raw, cache_dir=cache)
    before = {p.name for p in cache.glob("*.pickle")}
    changed = sorted(raw.glob("*.txt"))[0]
    changed.write_text(changed.read_text("utf-8") + "\nOne more paragraph, added later by the editors of the page.\n", "utf-8")
    from newsarchive import workers

    parsed: list[str] = []
    original = workers.parse_capture
    monkeypatch.setattr(workers, "parse_capture", lambda text, **kw: parsed.append(text) or original(text, **kw))
    archive, _ = pipeline.collect(raw, cache_dir=cache, jobs=1)
    assert len(parsed) == 1 and "added later by the editors" in parsed[0]
    after = {p.name for p in cache.glob("*.pickle")}
    assert len(after - before) == 1 and len(before - after) == 1
    old = {r.source: r.article for r in first.records}
    assert [r.source for r in archive.records if r.article != old[r.source]] == [changed.name]


def test_an_unreadable_or_old_entry_is_a_miss_not_an_error(tmp_path) -> None:
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    first, _ = pipeline.collect(raw, cache_dir=cache)
    entries = sorted(cache.glob("*.pickle"))
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(pickle.dumps(first.records[0].article))  # an article alone, as older versions kept
    store = ParseCache(cache)
    assert store.get(entries[0].stem) is None and store.get(entries[1].stem) is None and store.misses == 2
    again, _ = pipeline.collect(raw, cache_dir=cache)
    assert [r.article for r in again.records] == [r.article for r in first.records]
