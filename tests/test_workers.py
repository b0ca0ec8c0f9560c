"""Work shared over forked processes gives what the calling process would, errors included."""

from __future__ import annotations

import gc
import os

import pytest
from newsarchive.build import pipeline
from newsarchive.common.processes import batch, collector_paused, fork_map, in_child

from tests import goldens


def test_worker_processes_parse_as_the_caller_does() -> None:
    """The fixtures parsed by a pool of two processes give the same articles, in the same order."""
    serial, _ = pipeline.collect(goldens.RAW, jobs=1)
    pooled, _ = pipeline.collect(goldens.RAW, jobs=2, pool_from=1)
    assert [r.article for r in pooled.records] == [r.article for r in serial.records]
    assert pooled.problems == serial.problems


def test_fork_map_keeps_order_and_shares_the_callers_memory() -> None:
    table = {n: f"row {n}" for n in range(300)}  # not passed: the workers inherit it
    pids = list(fork_map(lambda i: (table[i], os.getpid()), 300, jobs=2, pool_from=1))
    assert [row for row, _ in pids] == [f"row {n}" for n in range(300)]
    assert os.getpid() not in {pid for _, pid in pids}


def test_workers_are_renewed_in_long_batches_when_asked_and_the_collector_is_restored(monkeypatch) -> None:
    """Fresh workers every RENEW_AFTER items when asked (so each copies little of the caller's memory), with nothing lost."""
    import gc

    from newsarchive.common import processes

    monkeypatch.setattr(processes, "RENEW_AFTER", 50)
    results = list(fork_map(lambda i: (i, os.getpid()), 300, jobs=2, pool_from=1, renew=True))
    assert [i for i, _ in results] == list(range(300))
    assert len({pid for _, pid in results}) > 2  # two workers could not have served six batches alone
    kept = list(fork_map(lambda i: os.getpid(), 300, jobs=2, pool_from=1))
    assert len(set(kept)) <= 2  # without renew, the same two serve the whole batch
    assert gc.get_freeze_count() == 0


def test_a_batch_keeps_settled_objects_out_of_the_collectors_sight_until_it_ends() -> None:
    """Settled stages stay frozen through a share-out inside the batch; the batch gives the collector back as it was."""
    import gc

    from newsarchive.common.processes import BATCH_THRESHOLDS, batch, settle

    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with batch():
        assert gc.get_threshold() == BATCH_THRESHOLDS
        archive = [{"row": n} for n in range(1000)]
        settle()
        frozen = gc.get_freeze_count()
        assert frozen >= len(archive)
        assert list(fork_map(lambda i: archive[i]["row"], 300, jobs=2, pool_from=1)) == list(range(300))
        assert gc.get_freeze_count() >= frozen  # the share-out did not undo the settling
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_work_in_a_child_process_returns_its_result_and_its_errors() -> None:
    assert in_child(lambda: os.getpid()) != os.getpid()
    with pytest.raises(ValueError, match="bad capture"):
        in_child(lambda: (_ for _ in ()).throw(ValueError("bad capture")))


def test_article_and_entity_pages_are_both_rendered_by_workers(tmp_path, monkeypatch) -> None:
    """Each share-out ends before the next begins, so the entity pages go to workers as the article pages did."""
    from newsarchive.site import entity_pages
    from newsarchive.bench.synth import generate

    generate(240, tmp_path / "raw")
    archive, raw_files = pipeline.collect(tmp_path / "raw", jobs=2)
    archive, links = pipeline.link_archive(archive)
    assert len(archive.records) >= 200 and len(links.shown().entities) >= 100
    monkeypatch.setattr("newsarchive.site.render.render_article", lambda *args: f"pid {os.getpid()}")
    monkeypatch.setattr(entity_pages, "render_entity", lambda *args: f"pid {os.getpid()}")
    files = dict(pipeline.render_files(archive, raw_files, links, jobs=2))
    here = f"pid {os.getpid()}"
    assert all(files[r.page] != here for r in archive.records)
    shown = links.shown().entities
    assert len(shown) >= 100 and all(files[f"entities/{e.id}.md"] != here for e in shown)


def test_captures_are_read_and_parsed_by_workers(tmp_path, monkeypatch) -> None:
    """Reading shares out first; it must end before parsing shares out, or parsing runs in the caller alone."""
    from newsarchive.build import workers
    from newsarchive.bench.synth import generate

    generate(240, tmp_path / "raw")
    monkeypatch.setattr(pipeline, "read_capture", _elsewhere(pipeline.read_capture))
    monkeypatch.setattr(workers, "parse_capture", _elsewhere(workers.parse_capture))
    archive, _ = pipeline.collect(tmp_path / "raw", jobs=2)
    assert len(archive.records) == 240


def test_parsed_entries_are_pickled_once_in_the_worker_and_cached_as_sent(tmp_path, monkeypatch) -> None:
    """A worker's entry crosses to the caller as its bytes, which the parse cache stores as they are: the caller
    pickles none of them again, and what the cache gives back is what the caller parses."""
    import pickle
    from types import SimpleNamespace

    from newsarchive.build import workers
    from newsarchive.build.cache import ParseCache

    monkeypatch.setattr(workers, "pickle", SimpleNamespace(dumps=_elsewhere(pickle.dumps), loads=pickle.loads, HIGHEST_PROTOCOL=pickle.HIGHEST_PROTOCOL))
    pooled, _ = pipeline.collect(goldens.RAW, jobs=2, pool_from=1, cache_dir=tmp_path)
    serial, _ = pipeline.collect(goldens.RAW, jobs=1)
    assert [r.article for r in pooled.records] == [r.article for r in serial.records]
    with ParseCache(tmp_path) as kept:
        entries = [kept.get(r.parsed, use=False) for r in pooled.records]
    assert [entry[0] for entry in entries if entry] == [r.article for r in serial.records]
    # features hold arrays, which do not compare as wholes: their bytes do (the workers share this hash seed)
    assert [pickle.dumps(entry[1]) for entry in entries if entry] == [pickle.dumps(f) for f in serial.features]


def test_a_pickled_entry_gives_its_entry_and_its_bytes_and_is_sent_as_its_bytes() -> None:
    import pickle

    from newsarchive.build.workers import Pickled

    archive, _ = pipeline.collect(goldens.RAW, jobs=1)
    entry = (archive.records[0].article, archive.features[0])
    made = Pickled(entry)
    assert made.entry() is entry and made.data() == pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    sent = pickle.loads(pickle.dumps(made))
    assert sent._entry is None and sent.data() == made.data()  # not read back until asked
    assert sent.entry()[0] == entry[0] and pickle.dumps(sent.entry()[1]) == pickle.dumps(entry[1])  # features hold arrays
    with pytest.raises(ValueError):
        Pickled()


def _elsewhere(function):
    """``function``, failing when called in this process: to show that a forked process does the work."""
    caller = os.getpid()

    def checked(*args, **kwargs):
        assert os.getpid() != caller, f"{function.__name__} ran in the calling process"
        return function(*args, **kwargs)

    return checked


def test_the_collector_is_paused_inside_and_left_as_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("a capture that cannot be read back")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # paused by someone else before: still paused
    finally:
        gc.enable()


def test_what_is_read_with_the_collector_paused_is_settled_inside_a_batch_only() -> None:
    """Inside a batch, objects read back stay out of the collector's sight, as a finished stage's do: else
    the first collection after the pause scans them all. Outside one, nothing is hidden from it."""
    with collector_paused():
        outside = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0
    with batch():
        with collector_paused():
            inside = [[n] for n in range(1000)]
        assert gc.get_freeze_count() >= len(inside)
    assert gc.get_freeze_count() == 0  # the batch's end gives them back
    del outside, inside


@pytest.mark.parametrize("cached", [False, True], ids=["fresh", "cached"])
def test_cross_linking_and_the_timeline_make_no_garbage_in_cycles(tmp_path, cached: bool) -> None:
    """``convert`` runs both stages with the collector paused: garbage in reference cycles made there would
    stay until the conversion ends. Fresh, and with kept steps read back after an edit."""
    from newsarchive.bench.synth import generate

    raw, cache = tmp_path / "raw", tmp_path / "cache" if cached else None
    generate(60, raw, 7)
    if cached:
        pipeline.convert(raw, tmp_path / "docs", cache_dir=cache, jobs=1)
        capture = sorted(raw.iterdir())[30]
        capture.write_text(capture.read_text("utf-8").replace("\n\n", "\n\nA new sentence, on Monday.\n\n", 1), "utf-8")
    archive, _ = pipeline.collect(raw, jobs=1, cache_dir=cache)
    gc.collect()
    gc.disable()
    try:
        archive, links = pipeline.link_archive(archive, None, cache)
        timeline = pipeline.place(archive.linked(), links)
        gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds stays in gc.garbage, to be shown
        found = gc.collect()
        assert found == 0, [type(o).__name__ for o in gc.garbage[:20]]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert links.entities and timeline.events
