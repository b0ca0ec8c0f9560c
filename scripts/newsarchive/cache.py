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
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .features import Features
from .guard import FailedPage
from .link.ner import version as ner_version
from .memo import PACKAGE, files_digest, inputs_digest, store_file
from .models import Article
from .processes import fork_map

_PARSER_FILES = (
    "parse", "ingest", "models.py", "dates.py", "read.py",
    "features.py", "link/models.py", "link/discover.py", "link/lexicon.py", "link/passages.py", "link/entities.py", "link/ner.py", "timeline",
    "search_index.py", "packed.py",
)

Parsed = tuple[Article, Features]

#: Where an entry stands in a pack, and its checksum: (offset, length, ``checksum`` of its bytes).
At = tuple[int, int, bytes]


def checksum(data: bytes) -> bytes:
    """The checksum an index keeps of each entry of a pack: an entry whose bytes were damaged is not trusted."""
    return hashlib.blake2b(data, digest_size=8).digest()


def _whole(index: object, size: int) -> bool:
    """Whether ``index`` is an index of a pack of ``size`` bytes: each entry an ``At`` that ends inside it."""
    return isinstance(index, dict) and all(
        isinstance(at, tuple) and len(at) == 3 and isinstance(at[2], bytes) and at[0] + at[1] <= size for at in index.values()
    )

#: The folder of rendered pages inside a cache folder; parsed captures sit beside it.
PAGES_DIR = "pages"

#: The folder of compiled templates inside a cache folder (``compiled_templates``).
TEMPLATES_DIR = "templates"

#: The folder of whole-archive steps' results inside a cache folder (``memo.StepCache``).
STEPS_DIR = "steps"

#: The file inside a cache folder of what the last run left of the files it copied into the output (``write.CopyStamps``).
COPIES_FILE = "copies.json"

#: The file inside a cache folder of the text captures' sizes, times and hashes, as the last run saw them (``memo.Stamps``).
CAPTURES_FILE = "captures.json"

#: The files inside a cache folder of the lines the last run made (``corpus.jsonl``'s), and of their keys (``LinePack``).
LINES_PACK = "lines.pack"
LINES_INDEX = "lines.index"

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
        if not (isinstance(token, bytes) and _whole(index, size) and pack.read(len(token) + 1) == token + b"\n"):
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


class PageCache:
    """Rendered pages, each keyed by a digest of everything that went into it, so an unchanged page is not rendered again.

    The inputs are pickled for the digest: what a page shows of the rest of the archive must be among them,
    reduced to what it uses (an entity's id and name, not all of its mentions). Pickling the same values
    in another run may give other bytes (shared objects are pickled once); that costs a render, never a stale page.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self._names: set[str] | None = None  # the folder's files, listed once: a look for each page was slower

    def key(self, kind: str, *inputs: object) -> str:
        if self.folder is None:
            return kind  # no cache: spare the digest
        return f"{kind}-{inputs_digest(kind, inputs)[:40]}"

    def stored(self, key: str) -> Path | None:
        """The file of the page stored under ``key``, if there is one."""
        if self.folder is None:
            return None
        self.used.add(key)
        if self._names is None:
            try:
                self._names = set(os.listdir(self.folder))
            except OSError:  # not made yet
                self._names = set()
        name = f"{key}.txt"
        return self.folder / name if name in self._names else None

    def pages(
        self,
        kind: str,
        count: int,
        inputs: Callable[[int], tuple],
        render: Callable[[int], str],
        jobs: int | None = None,
        prepare: Callable[[list[int]], None] | None = None,
    ) -> Iterator[str | Path]:
        """``render(0)``, …, ``render(count - 1)``, in order, each as the file it is stored in (a ``write.Content``):
        a page stored for the same ``kind`` and ``inputs(i)`` is not rendered again, and the others are rendered
        by ``jobs`` processes (``fork_map``) and stored. A page just rendered comes as its file too, so that the
        writer copies it and stamps the copy (``write.CopyStamps``): the next run then trusts the copy by its
        stamps instead of reading it and its source whole. ``prepare`` is given the numbers of the pages to render,
        in this process, before any is. The pages must be drawn to the end before anything else is shared out.
        Without a folder, the pages come as text."""
        if self.folder is None:
            if prepare is not None:
                prepare(list(range(count)))
            yield from fork_map(render, count, jobs, renew=True)
            return
        keys = [self.key(kind, *inputs(i)) for i in range(count)]  # here: digesting the inputs is cheap, reading a page is not
        files = [self.stored(key) for key in keys]
        missing = [i for i, file in enumerate(files) if file is None]
        if prepare is not None:
            prepare(missing)
        # renewed workers: a page reads all of its article
        made = fork_map(lambda j: render(missing[j]), len(missing), jobs, renew=True)
        for i, file in enumerate(files):
            if file is None:
                page = next(made)
                if isinstance(page, FailedPage):
                    yield page  # not kept: the next run tries again, and says why it failed again
                    continue
                file = self.folder / f"{keys[i]}.txt"
                store_file(file, page.encode("utf-8"))
                if self._names is not None:
                    self._names.add(file.name)
                yield file
            else:
                yield file
        next(made, None)  # drawn to the end, so the workers stop

    def prune(self) -> None:
        """Drop the pages this run did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".tmp" or (path.suffix == ".txt" and path.stem not in self.used):
                path.unlink(missing_ok=True)


def _into(
    out: BinaryIO, offset: int, keys: list[str], kept: dict[str, At], pack: BinaryIO | None, made: Iterator[str],
    index: dict[str, At], copy: bool,
) -> Iterator[str]:
    """The line of each key, kept in ``pack`` or ``made``; the made ones (with ``copy``, the kept ones too) are
    written to ``out``, whose next byte is ``offset``, and ``index`` gets where each line stands."""
    for key in keys:
        if key in kept and pack is not None:
            start, length, _ = kept[key]
            pack.seek(start)
            data = pack.read(length)
            line = data.decode("utf-8")
            if not copy:
                index[key] = kept[key]
                yield line
                continue
        else:
            line = next(made)
            data = line.encode("utf-8")
            if b"\n" in data:
                raise ValueError(f"a line to keep holds a line break: {line[:80]!r}")
        out.write(data + b"\n")
        index[key] = (offset, len(data), checksum(data))
        offset += len(data) + 1
        yield line


class LinePack:
    """Lines of text kept under their keys in one file, as the last run made them (``corpus.jsonl``'s, a line
    per article), so that a run after a small change reads the unchanged ones back in one pass over one file
    rather than from a file each.

    The pack opens with a random token that its index repeats: a pack and an index stored by different runs
    (one stopped between storing the two) are never read together. Without a folder, every line is made.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        #: lines whose bytes did not match their checksum: made again
        self.damaged = 0

    def lines(self, keys: list[str], make: Callable[[list[int]], Iterator[str]]) -> Iterator[str]:
        """The line under each of ``keys`` in turn (without its line break): read back when the last run kept
        it, else made by ``make``, which is given the numbers of the lines to make and yields them in order.
        Once all are drawn, this run's lines replace the last run's; a line may hold no line break.

        The lines made are added at the end of the pack, as long as it holds no more lines out of use than in
        use; else the pack is written anew with this run's lines alone. Either way the new index is stored
        last: a run stopped before leaves the last run's pack and index as they were, for bytes added at the
        end are bytes no index names."""
        if self.folder is None:
            yield from make(list(range(len(keys))))
            return
        kept, pack, size = self._kept()
        missing = [i for i, key in enumerate(keys) if key not in kept]
        made = make(missing)
        used = sum(kept[key][1] + 1 for key in dict.fromkeys(keys) if key in kept)
        try:
            if pack is not None and 2 * used >= size:
                yield from self._added(keys, kept, pack, size, made)
            else:
                yield from self._written(keys, kept, pack, made)
        finally:
            if pack is not None:
                pack.close()

    def _added(self, keys: list[str], kept: dict[str, At], pack: BinaryIO, size: int, made: Iterator[str]) -> Iterator[str]:
        """``lines`` with the lines made added at the end of ``pack`` (of ``size`` bytes), under its token."""
        assert self.folder is not None
        pack.seek(0)
        token = pack.readline()[:-1]
        index: dict[str, At] = {}
        with (self.folder / LINES_PACK).open("ab") as out:
            yield from _into(out, size, keys, kept, pack, made, index, copy=False)
        next(made, None)  # drawn to the end, so the workers stop
        store_file(self.folder / LINES_INDEX, pickle.dumps((token, index), protocol=pickle.HIGHEST_PROTOCOL))

    def _written(self, keys: list[str], kept: dict[str, At], pack: BinaryIO | None, made: Iterator[str]) -> Iterator[str]:
        """``lines`` with a new pack of this run's lines alone, under a new token."""
        assert self.folder is not None
        token = secrets.token_hex(16).encode()
        index: dict[str, At] = {}
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{LINES_PACK}.{os.getpid()}.tmp"
        try:
            with temporary.open("wb") as out:
                out.write(token + b"\n")
                yield from _into(out, len(token) + 1, keys, kept, pack, made, index, copy=True)
            next(made, None)  # drawn to the end, so the workers stop
            temporary.replace(self.folder / LINES_PACK)
            store_file(self.folder / LINES_INDEX, pickle.dumps((token, index), protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            temporary.unlink(missing_ok=True)

    def _kept(self) -> tuple[dict[str, At], BinaryIO | None, int]:
        """The last run's index, its pack opened for reading and the pack's size; an empty index and None when
        they do not match."""
        assert self.folder is not None
        try:
            token, index = pickle.loads((self.folder / LINES_INDEX).read_bytes())
            pack = (self.folder / LINES_PACK).open("rb")
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return {}, None, 0
        size = os.fstat(pack.fileno()).st_size
        if not (isinstance(token, bytes) and _whole(index, size - 1) and pack.read(len(token) + 1) == token + b"\n"):
            pack.close()  # another run's pack, or one cut short: every line is made again
            return {}, None, 0
        return self._sound(index, pack), pack, size

    def _sound(self, index: dict[str, At], pack: BinaryIO) -> dict[str, At]:
        """The entries of ``index`` whose lines in ``pack`` match their checksums, read in one pass in order;
        the others are counted in ``damaged``, and made again."""
        sound = {}
        for key, at in sorted(index.items(), key=lambda item: item[1][0]):
            pack.seek(at[0])
            data = pack.read(at[1])
            if checksum(data) == at[2] and _is_utf8(data):
                sound[key] = at
            else:
                self.damaged += 1
        return sound


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
