"""A run killed at any moment leaves nothing that a later run trusts: the rerun gives the same site, byte for
byte, as a run from nothing; and a damaged cache is rebuilt from the captures, with a message."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from newsarchive.build import pipeline
from newsarchive.site.page_cache import LINES_PACK
from newsarchive.build.cache import PARSED_PACK
from newsarchive.bench.synth import generate

from .conftest import SEED

TRIALS = 8


def _site(folder: Path) -> dict[str, bytes]:
    """Every file a reader or MkDocs sees (hidden files aside: MkDocs passes over them)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def _gone(marker: str, seconds: float = 5.0) -> bool:
    """Whether every process whose command line holds ``marker`` has ended, within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                alive += [cmdline] if marker in cmdline.read_bytes().decode("utf-8", "replace") else []
            except OSError:
                continue  # ended while looked at
        if not alive:
            return True
        time.sleep(0.05)
    return False


def _convert(raw: Path, out: Path, cache: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "newsarchive.cli", "convert", str(raw), str(out), "--cache", str(cache), "-q", "--jobs", "2"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, dict[str, bytes], float]:
    """A batch of captures, the site a run from nothing makes of it, and how long that run took."""
    folder = tmp_path_factory.mktemp("crash")
    raw = folder / "raw"
    generate(60, raw, 7)
    for capture in SEED.glob("*.txt"):
        shutil.copy(capture, raw / capture.name)
    started = time.monotonic()
    assert _convert(raw, folder / "clean", folder / "clean-cache").wait() == 0
    return raw, _site(folder / "clean"), time.monotonic() - started


def test_a_rerun_after_a_kill_at_any_moment_equals_a_run_from_nothing(archive, tmp_path: Path) -> None:
    raw, clean, took = archive
    out, cache = tmp_path / "docs", tmp_path / "cache"
    chance = random.Random(2011)
    matched = 0
    for trial in range(TRIALS):
        run = _convert(raw, out, cache)
        time.sleep(chance.uniform(0.05, took))
        run.send_signal(signal.SIGKILL)
        run.wait()
        assert _gone(str(out)), f"trial {trial}: the killed run's workers live on"
        if trial == TRIALS // 2:
            (cache / PARSED_PACK).write_bytes(b"")  # and once, a cache emptied under the run
        assert _convert(raw, out, cache).wait() == 0, f"trial {trial}"
        assert _site(out) == clean, f"trial {trial}: the site differs from a run from nothing"
        matched += 1
    assert matched == TRIALS


def test_damaged_cache_entries_are_made_again_and_said(tmp_path: Path) -> None:
    raw, out, cache = tmp_path / "raw", tmp_path / "docs", tmp_path / "cache"
    shutil.copytree(SEED, raw)
    first, _ = pipeline.convert(raw, out, cache_dir=cache, jobs=1)
    clean = _site(out)
    for name in (PARSED_PACK, LINES_PACK):
        pack = bytearray((cache / name).read_bytes())
        for spot in range(len(pack) // 3, len(pack), len(pack) // 7):
            pack[spot] ^= 0x5A  # bytes damaged on disk, the pack's length and token intact
        (cache / name).write_bytes(bytes(pack))
    again, _ = pipeline.convert(raw, out, cache_dir=cache, jobs=1)
    assert [r.article for r in again.records] == [r.article for r in first.records]
    assert _site(out) == clean
    messages = [p.message for p in again.problems if p.source == pipeline.CACHE_NAME]
    assert any("entries of the parse cache were damaged" in m for m in messages)
    assert any("lines of corpus.jsonl kept in the cache were damaged" in m for m in messages)
    third, _ = pipeline.convert(raw, out, cache_dir=cache, jobs=1)
    assert not [p for p in third.problems if p.source == pipeline.CACHE_NAME]  # rebuilt


def test_an_unreadable_index_is_rebuilt_with_a_message(tmp_path: Path) -> None:
    raw, out, cache = tmp_path / "raw", tmp_path / "docs", tmp_path / "cache"
    shutil.copytree(SEED, raw)
    pipeline.convert(raw, out, cache_dir=cache, jobs=1)
    (cache / "parsed.index").write_bytes(b"\x80\x05 cut short")
    again, _ = pipeline.convert(raw, out, cache_dir=cache, jobs=1)
    (message,) = [p.message for p in again.problems if p.source == pipeline.CACHE_NAME]
    assert message.startswith("the parse cache was not used: its index cannot be read")
