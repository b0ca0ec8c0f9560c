"""A cache of parsed captures keyed by content: a capture that did not change is not parsed again.

The key is the capture's SHA-256, the lines the batch treats as site furniture,
and a fingerprint of the parser's own code, so a new parser version or a new
batch-wide furniture line parses everything afresh. Entries not used by a run
are removed at its end.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

from .models import Article

_PARSER_FILES = ("parse", "models.py", "dates.py", "read.py")


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A hash of the parser's source: a changed rule invalidates every cached parse."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _PARSER_FILES:
        path = root / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def furniture_fingerprint(common: frozenset[str]) -> str:
    return hashlib.sha256("\n".join(sorted(common)).encode()).hexdigest()[:16]


class ParseCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def key(self, sha256: str, furniture: str) -> str:
        return f"{sha256}-{furniture}-{parser_fingerprint()}"

    def get(self, key: str) -> Article | None:
        if self.folder is None:
            return None
        self.used.add(key)
        path = self.folder / f"{key}.pickle"
        try:
            article = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            self.misses += 1
            return None
        if not isinstance(article, Article):
            self.misses += 1
            return None
        self.hits += 1
        return article

    def put(self, key: str, article: Article) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.used.add(key)
        temporary = self.folder / f"{key}.tmp"
        temporary.write_bytes(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(self.folder / f"{key}.pickle")

    def prune(self) -> None:
        """Drop the entries this run did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
