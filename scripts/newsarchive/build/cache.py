"""Caches keyed by content: a capture that did not change is not parsed again, a page whose inputs did not change is not rendered again.

Each entry is the parsed article and its ``Features`` (what cross-linking and the timeline read in it).
The key is the capture's SHA-256, the lines the batch treats as site furniture,
and a fingerprint of the code that makes both, so a new parser version or a new
batch-wide furniture line parses everything afresh. Entries not used by a run
are removed at its end.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..common.memo import PACKAGE, At, checksum, files_digest, store_file, whole_index
from ..common.models import Article
from ..link.ner import version as ner_version
from .features import Features

_PARSER_FILES = (
    "parse", "capture", "common/models.py",
    "build/features.py", "link/models.py", "link/discover.py", "link/lexicon.py", "link/passages.py", "link/entities.py", "link/ner.py", "timeline",
    "site/search_index.py", "common/packed.py",
)

Parsed = tuple[Article, Features]

#: The folder of whole-archive steps' results inside a cache folder (``memo.StepCache``).
STEPS_DIR = "steps"

#: The file inside a cache folder of what the last run left of the files it copied into the output (``write.CopyStamps``).
COPIES_FILE = "copies.json"

#: The file inside a cache folder of the text captures' sizes, times and hashes, as the last run saw them (``memo.Stamps``).
CAPTURES_FILE = "captures.json"

#: The file of read summaries inside a cache folder.
READS = "reads.index"

#: The files inside a cache folder of the parsed captures, and of where each stands in it (``ParseCache``).
PARSED_PACK = "parsed.pack"
PARSED_INDEX = "parsed.index"


class ReadSummary(NamedTuple):
    """What reading a capture gave besides its text: enough to key its parse without reading it again."""

    encoding: str
    warnings: tuple[str, ...]
    candidates: frozenset[str]  # its lines that may be site furniture (``parse.furniture_candidates``)


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A hash of the parser's and the features' source: a changed rule invalidates every cached parse."""
    paths = [PACKAGE / name for name in _PARSER_FILES]
    code = files_digest(file for path in paths for file in (sorted(path.rglob("*.py")) if path.is_dir() else [path]))
    return hashlib.sha256(f"{code} {ner_version()}".encode()).hexdigest()[: len(code)]  # another model reads names again


def furniture_fingerprint(common: frozenset[str]) -> str:
    return hashlib.sha256("\n".join(sorted(common)).encode()).hexdigest()[:16]


class ParseCache:
    """Parsed captures in one file (``PARSED_PACK``), each pickled on its own and found by ``PARSED_INDEX``.

    One file rather than a file per capture: a run reads every entry, and from a disk cache that the system
    has dropped, 10,000 small files took 3.8 s where one file of the same bytes, read in order, takes a
    tenth of a second. Entries parsed by a run are added at the end; the index is stored after them, so
    bytes a stopped run added are bytes no index names. ``prune`` keeps the entries the run used and
    writes the pack anew once it holds more bytes out of use than in use. The pack opens with a random
    token that its index repeats, so a pack and an index stored by different runs are never read together.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self._reads: dict[str, ReadSummary] | None = None
        self._index: dict[str, At] | None = None  # where each entry stands in the pack
        #: entries whose bytes did not match their checksum: parsed again from their captures
        self.damaged = 0
        #: why the whole cache could not be used, if it could not
        self.trouble: str | None = None
        self._token = b""
        self._size = 0  # the pack's bytes as this run found them and added to them
        self._pack: BinaryIO | None = None
        self._added = False

    def key(self, sha256: str, furniture: str) -> str:
        return f"{sha256}-{furniture}-{parser_fingerprint()}"

    def get(self, key: str, use: bool = True) -> Parsed | None:
        """The entry kept under ``key``; with ``use``, it is kept by ``prune`` (else it is only looked at)."""
        if self.folder is None:
            return None
        if use:
            self.used.add(key)
        at = self._opened().get(key)
        entry = None
        if at is not None and self._pack is not None:
            try:
                self._pack.seek(at[0])
                data = self._pack.read(at[1])
                if checksum(data) != at[2]:
                    self.damaged += 1
                    raise ValueError("damaged")
                entry = pickle.loads(data)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError, KeyError):
                entry = None
        if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Article) and isinstance(entry[1], Features)):
            entry = None
        if use and entry is not None:
            self.hits += 1
        elif use:
            self.misses += 1
        return entry

    def put(self, key: str, entry: Parsed, data: Callable[[], bytes] | None = None) -> None:
        """Add ``entry`` at the end of the pack; ``save`` (or ``prune``) makes it found by later runs. ``data``
        gives the entry pickled already, to be stored as it is; it is asked only when there is a pack to store in."""
        if self.folder is None:
            return
        self.used.add(key)
        index = self._opened()
        if self._pack is None:
            self._start_pack()
        assert self._pack is not None
        pickled = data() if data is not None else pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        self._pack.seek(self._size)
        self._pack.write(pickled)
        index[key] = (self._size, len(pickled), checksum(pickled))
        self._size += len(pickled)
        self._added = True

    def keys(self) -> set[str]:
        """The keys of the entries kept (by the last run, and by this one so far)."""
        return set(self._opened()) if self.folder is not None else set()

    def save(self) -> None:
        """Make the entries added so far found by later runs; the entries of the last run stay as well."""
        if self._added:
            self._store_index(self._opened())

    def prune(self) -> None:
        """Keep only the entries this run used; the pack is written anew when most of its bytes are out of use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.pickle"):  # entries kept as a file each, by earlier versions
            path.unlink(missing_ok=True)
        index = self._opened()
        kept = {key: at for key, at in index.items() if key in self.used}
        if kept == index and not self._added:
            return
        live = sum(at[1] for at in kept.values())
        if self._pack is not None and 2 * live < self._size - len(self._token) - 1:
            kept = self._rewritten(kept)
        self._store_index(kept)

    def close(self) -> None:
        if self._pack is not None:
            self._pack.close()
            self._pack = None

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(self, *error: object) -> None:
        self.close()

    def _opened(self) -> dict[str, At]:
        """The index, read once with the pack opened; empty when they do not match."""
        if self._index is not None:
            return self._index
        self._index = {}
        assert self.folder is not None
        if not (self.folder / PARSED_INDEX).exists():
            return self._index  # a new cache
        try:
            token, index = pickle.loads((self.folder / PARSED_INDEX).read_bytes())
            pack = (self.folder / PARSED_PACK).open("r+b")
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            self.trouble = "its index cannot be read"
            return self._index
        size = os.fstat(pack.fileno()).st_size
        if not (isinstance(token, bytes) and whole_index(index, size) and pack.read(len(token) + 1) == token + b"\n"):
            pack.close()  # another run's pack, or one cut short: every capture is parsed again
            self.trouble = "its index does not match its pack (a run was stopped, or a file damaged)"
            return self._index
        self._index, self._pack, self._token, self._size = index, pack, token, size
        return self._index

    def _start_pack(self) -> None:
        """A new, empty pack under a new token, in place of one that did not match its index."""
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        self._token = secrets.token_hex(16).encode()
        temporary = self.folder / f"{PARSED_PACK}.{os.getpid()}.tmp"
        temporary.write_bytes(self._token + b"\n")
        temporary.replace(self.folder / PARSED_PACK)
        self._pack = (self.folder / PARSED_PACK).open("r+b")
        self._size = len(self._token) + 1

    def _rewritten(self, kept: dict[str, At]) -> dict[str, At]:
        """The ``kept`` entries copied into a new pack, in the order they stand; their new places."""
        assert self.folder is not None and self._pack is not None
        token = secrets.token_hex(16).encode()
        moved: dict[str, At] = {}
        temporary = self.folder / f"{PARSED_PACK}.{os.getpid()}.tmp"
        try:
            with temporary.open("wb") as out:
                out.write(token + b"\n")
                offset = len(token) + 1
                for key, (start, length, sum_) in sorted(kept.items(), key=lambda item: item[1][0]):
                    self._pack.seek(start)
                    out.write(self._pack.read(length))
                    moved[key] = (offset, length, sum_)
                    offset += length
            self.close()
            temporary.replace(self.folder / PARSED_PACK)
        finally:
            temporary.unlink(missing_ok=True)
        self._pack = (self.folder / PARSED_PACK).open("r+b")
        self._token, self._size = token, offset
        return moved

    def _store_index(self, index: dict[str, At]) -> None:
        assert self.folder is not None
        if self._pack is not None:
            self._pack.flush()
        store_file(self.folder / PARSED_INDEX, pickle.dumps((self._token, index), protocol=pickle.HIGHEST_PROTOCOL))
        self._index, self._added = dict(index), False

    def problem(self) -> str | None:
        """What was wrong with the cache as this run found it, for the run's report; None when nothing was."""
        if self.trouble:
            return f"the parse cache was not used: {self.trouble}; every capture was parsed again, and the cache rebuilt"
        if self.damaged:
            return f"{self.damaged} entries of the parse cache were damaged (their checksums do not match); parsed again from their captures"
        return None

    def reads(self) -> dict[str, ReadSummary]:
        """The summaries of the captures read by the last run, by the SHA-256 of their bytes; none when the reader changed."""
        if self._reads is None:
            self._reads = {}
            try:
                fingerprint, reads = pickle.loads((self.folder / READS).read_bytes()) if self.folder is not None else (None, {})
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
                fingerprint, reads = None, {}
            if fingerprint == parser_fingerprint() and isinstance(reads, dict):
                self._reads = reads
        return self._reads

    def keep_reads(self, reads: dict[str, ReadSummary]) -> None:
        """Store the summaries of this run's captures, in place of the last run's."""
        if self.folder is not None and reads != self.reads():
            store_file(self.folder / READS, pickle.dumps((parser_fingerprint(), reads), protocol=pickle.HIGHEST_PROTOCOL))
