"""The parsing workers: captures parsed, with their features, by every core (``processes.fork_map``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .features import Features, features
from .models import Article
from .parse import parse_capture
from .processes import POOL_FROM, fork_map


def parse_all(
    texts: Sequence[str], common: frozenset[str], jobs: int | None = None, pool_from: int = POOL_FROM
) -> Iterator[tuple[Article, Features]]:
    """The parsed ``texts`` with their features, in order, with ``common`` lines treated as the batch's site furniture."""
    return fork_map(lambda i: _parsed(texts[i], common), len(texts), jobs, pool_from)


def _parsed(text: str, common: frozenset[str]) -> tuple[Article, Features]:
    article = parse_capture(text, common=common)
    return article, features(article)
