"""The caches: an unchanged capture is not parsed again nor an unchanged page rendered again; a bad entry is only a miss."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

from newsarchive.build import pipeline
from newsarchive.build.cache import CAPTURES_FILE, PARSED_INDEX, PARSED_PACK, ParseCache

from tests import goldens

from .conftest import SEED, stored_after


def _kept(cache) -> set[str]:
    with ParseCache(cache) as store:
        return store.keys()


def _copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(goldens.RAW, raw)
    return raw


def test_a_second_run_reads_every_capture_from_the_cache(tmp_path, monkeypatch) -> None:
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    first, _ = pipeline.collect(raw, cache_dir=cache)
    entries = _kept(cache)
    assert len(entries) == len(first.records)

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed a capture the cache holds")

    monkeypatch.setattr("newsarchive.build.workers.parse_capture", no_parsing)
    second, _ = pipeline.collect(raw, cache_dir=cache)
    assert [r.article for r in second.records] == [r.article for r in first.records]
    assert second.problems == first.problems
    assert _kept(cache) == entries


def test_a_second_run_decodes_no_unchanged_capture_and_reports_the_same(tmp_path, monkeypatch) -> None:
    """A capture whose bytes were read before is only hashed: its encoding, repairs and furniture lines are kept."""
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    first, _ = pipeline.collect(raw, cache_dir=cache, jobs=1)
    assert any("decoded as Windows-1252" in p.message for p in first.problems)

    def no_reading(*args, **kwargs):
        raise AssertionError("decoded a capture read before")

    monkeypatch.setattr(pipeline, "read_capture", no_reading)
    second, raw_files = pipeline.collect(raw, cache_dir=cache, jobs=1)
    assert second.records == first.records and second.problems == first.problems
    assert all(Path(raw_files[r.raw_copy]).read_bytes() for r in second.records)


def test_a_capture_that_shows_the_size_and_times_the_last_run_saw_is_not_even_read(tmp_path, monkeypatch) -> None:
    """Captures stamped by the last run (settled: not changed in the seconds before) are trusted by their size
    and times; one edited since is read, even with its size kept and its time put back, and the run gives
    what a run without a cache gives."""
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    pipeline.collect(raw, cache_dir=cache, jobs=1)
    stamps = cache / CAPTURES_FILE
    data = json.loads(stamps.read_text("utf-8"))
    data["recorded_ns"] = max(stamp[2] for stamp in data["stamps"].values()) + 3_000_000_000  # as if stored later
    stamps.write_text(json.dumps(data), "utf-8")
    changed = sorted(raw.glob("*.txt"))[0]
    before = changed.stat()
    text = changed.read_bytes()
    assert b" the " in text
    changed.write_bytes(text.replace(b" the ", b" thy ", 1))
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    opened: list[str] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(self.name) or original(self))
    again, _ = pipeline.collect(raw, cache_dir=cache, jobs=1)
    assert [name for name in opened if name.endswith(".txt") and (raw / name).is_file()] == [changed.name]
    fresh, _ = pipeline.collect(raw, jobs=1)
    assert again.records == fresh.records and again.problems == fresh.problems


def test_new_site_furniture_reads_the_known_captures_again_and_parses_them_anew(tmp_path, monkeypatch) -> None:
    """A line that becomes common to the batch changes every capture's parse: those read before are decoded again."""
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    pipeline.collect(raw, cache_dir=cache, jobs=1)
    captures = sorted(raw.glob("*.txt"))
    for path in captures[: len(captures) // 2]:  # half the batch: the line is furniture now
        path.write_bytes(path.read_bytes().rstrip() + b"\n\nSubscribe to our weekly digest\n")
    read: list[str] = []
    original = pipeline.read_capture
    monkeypatch.setattr(pipeline, "read_capture", lambda path, *a, **kw: read.append(path.name) or original(path, *a, **kw))
    again, _ = pipeline.collect(raw, cache_dir=cache, jobs=1)
    assert sorted(read) == sorted(p.name for p in raw.glob("*.txt"))  # the 12 changed ones, and the others once the furniture was known
    fresh, _ = pipeline.collect(raw, jobs=1)
    assert again.records == fresh.records and again.problems == fresh.problems
    assert not any("Subscribe to our weekly digest" in b.text for r in again.records for b in r.article.body)


def test_only_the_changed_capture_is_parsed_again_and_its_old_entry_goes(tmp_path, monkeypatch) -> None:
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    first, _ = pipeline.collect(raw, cache_dir=cache)
    before = _kept(cache)
    changed = sorted(raw.glob("*.txt"))[0]
    changed.write_text(changed.read_text("utf-8") + "\nOne more paragraph, added later by the editors of the page.\n", "utf-8")
    from newsarchive.build import workers

    parsed: list[str] = []
    original = workers.parse_capture
    monkeypatch.setattr(workers, "parse_capture", lambda text, **kw: parsed.append(text) or original(text, **kw))
    archive, _ = pipeline.collect(raw, cache_dir=cache, jobs=1)
    assert len(parsed) == 1 and "added later by the editors" in parsed[0]
    after = _kept(cache)
    assert len(after - before) == 1 and len(before - after) == 1
    old = {r.source: r.article for r in first.records}
    assert [r.source for r in archive.records if r.article != old[r.source]] == [changed.name]


def test_an_unreadable_or_old_entry_is_a_miss_not_an_error(tmp_path) -> None:
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    first, _ = pipeline.collect(raw, cache_dir=cache)
    keys = sorted(_kept(cache))
    token, index = pickle.loads((cache / PARSED_INDEX).read_bytes())
    with (cache / PARSED_PACK).open("r+b") as pack:
        pack.seek(index[keys[0]][0])
        pack.write(b"not a pickle")
    with ParseCache(cache) as store:
        store.put(keys[1], first.records[0].article)  # type: ignore[arg-type]  # an article alone, as older versions kept
        store.save()
    with ParseCache(cache) as store:
        assert store.get(keys[0]) is None and store.get(keys[1]) is None and store.misses == 2
    again, _ = pipeline.collect(raw, cache_dir=cache)
    assert [r.article for r in again.records] == [r.article for r in first.records]


def test_the_parse_pack_keeps_what_a_run_used_and_is_written_anew_when_mostly_out_of_use(tmp_path) -> None:
    """Entries a run parses are added at the end of one pack; bytes added by a run stopped before its index
    was stored are never read; a pack whose index was stored by another run is not read at all; once the
    pack holds more bytes out of use than in use, it is written again with the entries in use alone."""
    raw, cache = _copy(tmp_path), tmp_path / "cache"
    first, _ = pipeline.collect(raw, cache_dir=cache)
    size = (cache / PARSED_PACK).stat().st_size
    captures = sorted(raw.glob("*.txt"))
    captures[0].write_bytes(captures[0].read_bytes() + b"\nA paragraph the editors added later, as they often do.\n")
    pipeline.collect(raw, cache_dir=cache)
    grown = (cache / PARSED_PACK).stat().st_size
    assert size < grown < 1.5 * size  # one entry added, the others read where they stand
    with ParseCache(cache) as stopped:  # stopped before its index was stored
        stopped.put("a-key-no-index-names", (first.records[0].article, first.features[0]))
    assert "a-key-no-index-names" not in _kept(cache)
    (cache / "0123-old-entry.pickle").write_bytes(b"an entry as earlier versions kept them")
    for capture in captures[: len(captures) * 2 // 3]:  # their entries out of use: most of the pack, whatever their sizes
        capture.unlink()
    again, _ = pipeline.collect(raw, cache_dir=cache)
    assert not list(cache.glob("*.pickle"))
    rewritten = (cache / PARSED_PACK).stat().st_size
    with ParseCache(cache) as store:
        # the entries out of use are gone from the pack: it holds the entries in use and its token, nothing else
        in_use = sum(length for _, length, _ in pickle.loads((cache / PARSED_INDEX).read_bytes())[1].values())
        assert rewritten - in_use < 100 < grown - size
        assert store.keys() == {r.parsed for r in again.records}
        assert [store.get(r.parsed)[0] for r in again.records] == [r.article for r in again.records]  # type: ignore[index]
    (cache / PARSED_INDEX).write_bytes(pickle.dumps((b"another run's token", pickle.loads((cache / PARSED_INDEX).read_bytes())[1])))
    assert _kept(cache) == set()


def _files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_read_back_from_the_cache_are_the_pages_a_fresh_run_makes(tmp_path, monkeypatch) -> None:
    """After a capture's title changes, the cached run re-renders that page and the pages that link to it, and
    gives the same site as a run without any cache; with nothing changed, no article page is rendered again."""
    from newsarchive.site import entity_pages as entity_pages_module
    from newsarchive.site import render
    from newsarchive.cli import main

    raw, cache, docs = _copy(tmp_path), tmp_path / "cache", tmp_path / "docs"
    for seed in SEED.glob("*.txt"):
        shutil.copy(seed, raw / seed.name)
    count = len(list(raw.glob("*.txt")))
    rendered: list[str] = []
    original = render.render_article
    monkeypatch.setattr("newsarchive.site.render.render_article", lambda record, *a: rendered.append(record.page) or original(record, *a))
    entity_pages: list[str] = []
    original_entity = entity_pages_module.render_entity
    monkeypatch.setattr(entity_pages_module, "render_entity", lambda entity, *a: entity_pages.append(entity.id) or original_entity(entity, *a))
    assert main(["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]) == 0
    assert len(rendered) == count and entity_pages
    rendered.clear()
    entity_pages.clear()
    assert main(["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]) == 0
    assert rendered == [] and entity_pages == []

    links = json.loads("[" + ",".join((docs / "corpus.jsonl").read_text("utf-8").splitlines()) + "]")
    cited = next(line for line in links if any(other["links"]["related"] and other["links"]["related"][0]["page"] == line["page"] for other in links))
    capture = raw / cited["source"]
    capture.write_text(capture.read_text("utf-8").replace(cited["title"], cited["title"] + " (updated)", 1), "utf-8")
    assert main(["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]) == 0
    assert cited["page"] in rendered and 1 < len(rendered) < count  # the page itself and those that show its title
    fresh = tmp_path / "fresh"
    assert main(["convert", str(raw), str(fresh), "-q", "--jobs", "1"]) == 0
    assert _files(docs) == _files(fresh)


def test_timeline_months_that_did_not_change_are_read_back_and_the_others_made_anew(tmp_path, monkeypatch) -> None:
    """An archive whose timeline has a page per month: after one article's title changes, only the pages of
    the months that show it are rendered again, and the site is the one a run without any cache makes."""
    from newsarchive.site import timeline_pages
    from newsarchive.cli import main
    from newsarchive.bench.synth import generate

    raw, cache, docs = tmp_path / "raw", tmp_path / "cache", tmp_path / "docs"
    generate(60, raw, 3)
    rendered: list[str] = []
    original = timeline_pages._page
    monkeypatch.setattr(timeline_pages, "_page", lambda **values: rendered.append(str(values.get("title", "index"))) or original(**values))
    parts: list[tuple[int, int]] = []  # the months whose part of timeline.json is made
    original_part = timeline_pages._json_month
    monkeypatch.setattr(timeline_pages, "_json_month", lambda month, records, directory_urls: parts.append(month[0]) or original_part(month, records, directory_urls))
    convert = ["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]
    assert main(convert) == 0
    months = [title for title in rendered if title.startswith("Timeline: ")]
    assert len(months) > 3 and len(parts) > 3
    all_parts = list(parts)
    rendered.clear()
    parts.clear()
    assert main(convert) == 0
    assert [title for title in rendered if title.startswith("Timeline: ")] == [] and parts == []

    line = json.loads((docs / "corpus.jsonl").read_text("utf-8").splitlines()[0])
    capture = raw / line["source"]
    capture.write_text(capture.read_text("utf-8").replace(line["title"], line["title"] + " (updated)", 1), "utf-8")
    rendered.clear()
    assert main(convert) == 0
    again = [title for title in rendered if title.startswith("Timeline: ")]
    assert 1 <= len(again) < len(months) and 1 <= len(parts) < len(all_parts) / 2
    fresh = tmp_path / "fresh"
    assert main(["convert", str(raw), str(fresh), "-q", "--jobs", "1"]) == 0
    assert _files(docs) == _files(fresh)


def test_listing_pages_that_did_not_change_are_read_back_and_the_others_made_anew(tmp_path, monkeypatch) -> None:
    """Listings by month, author and source: after one article's title changes, only the listing pages that show
    it are rendered again, and the site is the one a run without any cache makes."""
    from newsarchive.site import browse
    from newsarchive.cli import main
    from newsarchive.bench.synth import generate

    raw, cache, docs = tmp_path / "raw", tmp_path / "cache", tmp_path / "docs"
    generate(60, raw, 3)
    monkeypatch.setattr(browse, "PER_PAGE", 4)  # listings of several pages, so that some of a listing's pages change and some do not
    rendered: list[str] = []
    original = browse._rows
    monkeypatch.setattr(browse, "_rows", lambda lines, page: rendered.append(page) or original(lines, page))
    convert = ["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]
    assert main(convert) == 0
    listings = [page for page in rendered if page.startswith(("authors/", "sources/")) or page.count("/") == 3]
    assert len(listings) > 10
    rendered.clear()
    assert main(convert) == 0
    assert [page for page in rendered if page in listings] == []

    line = json.loads((docs / "corpus.jsonl").read_text("utf-8").splitlines()[0])
    capture = raw / line["source"]
    capture.write_text(capture.read_text("utf-8").replace(line["title"], line["title"] + " (updated)", 1), "utf-8")
    rendered.clear()
    assert main(convert) == 0
    again = [page for page in rendered if page in listings]
    assert 3 <= len(again) < len(listings) // 2  # its month's, its author's and its source's page
    assert all(line["title"] + " (updated)" in (docs / page).read_text("utf-8") for page in again)
    fresh = tmp_path / "fresh"
    assert main(["convert", str(raw), str(fresh), "-q", "--jobs", "1"]) == 0
    assert _files(docs) == _files(fresh)


def test_the_run_after_a_first_one_reads_no_page_it_copied(tmp_path, monkeypatch) -> None:
    """Pages a run renders are written as copies of their files in the page cache, and stamped: the next run
    finds each unchanged page by its stamps and reads neither the page nor its cached file."""
    from newsarchive.build.cache import COPIES_FILE
    from newsarchive.site.page_cache import PAGES_DIR
    from newsarchive.cli import main
    from newsarchive.bench.synth import generate

    raw, cache, docs = tmp_path / "raw", tmp_path / "cache", tmp_path / "docs"
    generate(40, raw, 5)
    convert = ["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]
    assert main(convert) == 0
    stamps = json.loads((cache / COPIES_FILE).read_text("utf-8"))
    # every page of the cache, but the parts of timeline.json, which is made of them, not a copy
    pages = [page for page in (cache / PAGES_DIR).iterdir() if not page.name.startswith("events-")]
    assert len(pages) > 40 and {str(page) for page in pages} <= {stamp[0] for stamp in stamps["stamps"].values()}
    stored_after(cache / COPIES_FILE, 3_000_000_000)
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    assert main(convert) == 0
    assert [path for path in read if path.parent == cache / PAGES_DIR] == []


def test_a_run_in_a_fresh_process_renders_nothing_again(tmp_path) -> None:
    """Python orders sets by a hash that changes with each process: no page, nor what its cache key digests,
    may depend on it, or every run would find pages "changed" and render them again."""
    import os
    import subprocess
    import sys

    from newsarchive.bench.synth import generate

    raw, cache = tmp_path / "raw", tmp_path / "cache"
    generate(80, raw, 7)
    sites, cached = [], []
    for seed in ("1", "2"):
        docs = tmp_path / f"docs-{seed}"
        command = [sys.executable, "-m", "newsarchive", "convert", str(raw), str(docs), "-q", "--jobs", "1", "--cache", str(cache)]
        subprocess.run(command, check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        sites.append(_files(docs))
        cached.append(sorted(p.name for p in (cache / "pages").iterdir()))
    assert cached[1] == cached[0]
    assert sites[0].keys() == sites[1].keys()
    assert [path for path in sites[0] if sites[0][path] != sites[1][path]] == []


def test_the_whole_conversion_names_its_stages_in_order_and_writes_what_is_selected(tmp_path) -> None:
    """``pipeline.convert``, which the command line and the MkDocs plugin both run."""
    stages: list[str] = []
    held: list[str] = []

    def without_captures(files):
        for path, content in files:
            if path.startswith("captures/"):
                held.append(path)
            else:
                yield path, content

    archive, written = pipeline.convert(goldens.RAW, tmp_path / "docs", stage=stages.append, select=without_captures, jobs=1)
    assert stages == list(pipeline.STAGES)
    assert held and not any(path.startswith("captures/") for path in written.paths)
    assert all((tmp_path / "docs" / path).is_file() for path in written.paths)
    assert archive.records and {r.page for r in archive.records} <= set(written.paths)


def test_a_cached_run_after_edits_to_article_text_is_a_fresh_run(tmp_path) -> None:
    """After a sentence that names someone new and dates something is added to one article and a paragraph is
    taken out of another, the cached run (parses, cross-linking's kept steps, pages) gives the docs folder a run
    without any cache gives. The new name sorts first, so every other name's number moves: mentions kept
    under the old numbers would name the wrong entities."""
    from newsarchive.cli import main

    raw, cache, docs = _copy(tmp_path), tmp_path / "cache", tmp_path / "docs"
    for seed in SEED.glob("*.txt"):
        shutil.copy(seed, raw / seed.name)
    assert main(["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]) == 0
    assert sorted(p.name for p in (cache / "steps").iterdir()) == [
        "discovery-sums.pickle", "entity-matches.pickle", "name-occurrences.pickle", "references.pickle", "relations.pickle"
    ]

    named = next(p for p in sorted(raw.glob("*.txt")) if "\n\nNokia CEO, Stephen Elop" in p.read_text("utf-8"))
    text = named.read_text("utf-8")
    added = "Adele Aardvark of Aardco said on 3 March 2011 that Adele Aardvark would meet Stephen Elop."
    named.write_text(text.replace("\n\nNokia CEO, Stephen Elop", f"\n\n{added}\n\nNokia CEO, Stephen Elop", 1), "utf-8")
    other = next(p for p in sorted(raw.glob("*.txt")) if p != named and p.name in {s.name for s in SEED.glob("*.txt")})
    blocks = other.read_text("utf-8").split("\n\n")
    longest = max(range(len(blocks)), key=lambda n: len(blocks[n]))
    other.write_text("\n\n".join(blocks[:longest] + blocks[longest + 1:]), "utf-8")

    assert main(["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]) == 0
    fresh = tmp_path / "fresh"
    assert main(["convert", str(raw), str(fresh), "-q", "--jobs", "1"]) == 0
    assert _files(docs) == _files(fresh)
    assert "Adele Aardvark" in (docs / "entities" / "index.md").read_text("utf-8")  # first of the names: every other one moves


def test_a_line_pack_reads_back_the_lines_it_kept_and_makes_only_the_others(tmp_path) -> None:
    from newsarchive.site.page_cache import LINES_INDEX, LinePack

    made: list[list[int]] = []

    def make(texts):
        def making(numbers):
            made.append(numbers)
            return (texts[n] for n in numbers)
        return making

    pack = LinePack(tmp_path)
    first = ['{"a": "é"}', "two", "three"]
    assert list(pack.lines(["a", "b", "c"], make(first))) == first and made == [[0, 1, 2]]
    second = ["new", "two", "three", "four"]
    assert list(pack.lines(["n", "b", "c", "d"], make(second))) == second and made[-1] == [0, 3]
    assert list(pack.lines(["n", "b", "c", "d"], make(second))) == second and made[-1] == []  # all read back
    stopped = pack.lines(["x", "b"], make(["x", "two"]))
    assert next(stopped) == "x"
    stopped.close()  # a run stopped half way keeps the last whole pack
    assert list(pack.lines(["n", "b", "c", "d"], make(second))) == second and made[-1] == []
    pack_file = tmp_path / "lines.pack"
    pack_file.write_bytes(pack_file.read_bytes()[:-4])  # cut short: the index names bytes it no longer holds
    assert list(pack.lines(["n", "b", "c", "d"], make(second))) == second and made[-1] == [0, 1, 2, 3]
    (tmp_path / LINES_INDEX).write_bytes(pickle.dumps((b"another run's token", {"n": (0, 3)})))
    assert list(pack.lines(["n", "b"], make(["new", "two"]))) == ["new", "two"] and made[-1] == [0, 1]  # not the pack's index: nothing read
    assert list(LinePack(None).lines(["n"], make(["new"]))) == ["new"]
    assert not list(tmp_path.glob("*.tmp"))


def test_a_line_pack_adds_a_few_new_lines_at_its_end_and_is_written_anew_when_mostly_out_of_use(tmp_path) -> None:
    from newsarchive.site.page_cache import LinePack

    pack, pack_file = LinePack(tmp_path), tmp_path / "lines.pack"
    texts = [f"line {n} " + "x" * 50 for n in range(10)]
    keys = [f"k{n}" for n in range(10)]
    assert list(pack.lines(keys, lambda numbers: (texts[n] for n in numbers))) == texts
    before = pack_file.read_bytes()
    texts[4], keys[4] = "changed", "k4-2"
    assert list(pack.lines(keys, lambda numbers: (texts[n] for n in numbers))) == texts
    assert pack_file.read_bytes() == before + b"changed\n"  # added at the end, nothing else rewritten
    made: list[list[int]] = []

    def making(numbers):
        made.append(numbers)
        return (texts[n] for n in numbers)

    assert list(pack.lines(keys, making)) == texts and made == [[]]  # the added line is read back too
    stopped = pack.lines(keys[:2] + ["k-new"], lambda numbers: iter(["unfinished"]))
    next(stopped), next(stopped)
    stopped.close()
    assert list(pack.lines(keys, making)) == texts and made[-1] == []  # a run stopped half way changes nothing read
    texts, keys = [f"new {n}" for n in range(10)], [f"n{n}" for n in range(10)]
    assert list(pack.lines(keys, making)) == texts and made[-1] == list(range(10))
    assert b"line 0" not in pack_file.read_bytes()  # mostly out of use: written anew with this run's lines alone
    assert list(pack.lines(keys, making)) == texts and made[-1] == []


def test_pages_of_titles_not_in_the_archive_that_did_not_change_are_read_back(tmp_path, monkeypatch) -> None:
    """"Not in the archive": after one citing article's title changes, only the page that lists it is made
    again, and the site is the one a run without any cache makes."""
    from newsarchive.site import entity_pages
    from newsarchive.site.page_cache import PAGES_DIR
    from newsarchive.cli import main
    from newsarchive.bench.synth import generate

    raw, cache, docs = tmp_path / "raw", tmp_path / "cache", tmp_path / "docs"
    generate(60, raw, 3)
    monkeypatch.setattr(entity_pages, "MISSING_PER_PAGE", 4)  # several pages, so that some change and some do not
    convert = ["convert", str(raw), str(docs), "--cache", str(cache), "-q", "--jobs", "1"]

    def stored() -> dict[str, int]:
        return {page.name: page.stat().st_mtime_ns for page in (cache / PAGES_DIR).glob("missing-*")}

    assert main(convert) == 0
    first = stored()
    assert len(first) > 3 and len(first) == len(list(docs.glob("missing*.md")))
    assert main(convert) == 0
    assert stored() == first
    lines = [json.loads(line) for line in (docs / "corpus.jsonl").read_text("utf-8").splitlines()]
    citing = next(line for line in lines if None in line["links"]["reference_targets"])
    capture = raw / citing["source"]
    capture.write_text(capture.read_text("utf-8").replace(citing["title"], citing["title"] + " (updated)", 1), "utf-8")
    assert main(convert) == 0
    again = stored()
    assert len(set(again) - set(first)) == 1 and len(set(first) - set(again)) == 1
    assert sum(citing["title"] + " (updated)" in page.read_text("utf-8") for page in docs.glob("missing*.md")) == 1
    fresh = tmp_path / "fresh"
    assert main(["convert", str(raw), str(fresh), "-q", "--jobs", "1"]) == 0
    assert _files(docs) == _files(fresh)
