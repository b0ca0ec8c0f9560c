"""Typed records that pass between the stages of the pipeline.

Every record is frozen. Where a record came from in the capture (its line
numbers) is kept out of equality and repr, so two parses of the same text
compare equal whatever the line numbering.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

Lines = tuple[int, ...]


def _lines() -> Lines:
    return field(default=(), compare=False, repr=False)


class Precision(str, enum.Enum):
    """How much of a date the capture actually states."""

    MINUTE = "minute"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


_ISO_FORMATS = {
    Precision.DAY: "%Y-%m-%d",
    Precision.MONTH: "%Y-%m",
    Precision.YEAR: "%Y",
}


@dataclass(frozen=True)
class PubDate:
    """A date as stated by a capture: the value, its precision and the text it came from."""

    value: datetime | None
    precision: Precision
    text: str = ""

    @classmethod
    def unknown(cls) -> PubDate:
        return cls(None, Precision.UNKNOWN, "")

    @property
    def known(self) -> bool:
        return self.value is not None

    def iso(self) -> str | None:
        """ISO 8601 with exactly the precision the capture gives (``2011-02-11T07:34``, ``2011-02``…)."""
        if self.value is None:
            return None
        if self.precision is Precision.MINUTE:
            return self.value.isoformat(timespec="minutes")  # keeps a stated time zone: "+00:00"
        return self.value.strftime(_ISO_FORMATS[self.precision])


class BlockKind(str, enum.Enum):
    PARAGRAPH = "paragraph"
    LIST = "list"
    QUOTE = "quote"
    HEADING = "heading"


@dataclass(frozen=True)
class ListItem:
    text: str
    depth: int = 0
    lines: Lines = _lines()


@dataclass(frozen=True)
class Block:
    """One block of the article body.

    Paragraphs, quotes and headings carry ``text`` (line breaks that the
    capture meant are kept as ``\\n``); lists carry ``items``.
    """

    kind: BlockKind
    text: str = ""
    items: tuple[ListItem, ...] = ()
    ordered: bool = False
    level: int = 2
    lines: Lines = _lines()


@dataclass(frozen=True)
class Comment:
    """A reader comment with its replies. ``author`` is None when the capture lost it."""

    author: str | None
    paragraphs: tuple[str, ...] = ()
    replies: tuple[Comment, ...] = ()
    date: PubDate | None = None
    by_article_author: bool = False
    lines: Lines = _lines()

    def count(self) -> int:
        """This comment and every reply below it."""
        return 1 + sum(reply.count() for reply in self.replies)

    def thread(self) -> Iterator[Comment]:
        """This comment and every reply below it, in reading order."""
        yield self
        for reply in self.replies:
            yield from reply.thread()

    def all_paragraphs(self) -> list[str]:
        """The paragraphs of this comment and of every reply below it, in reading order."""
        return [*self.paragraphs, *(p for reply in self.replies for p in reply.all_paragraphs())]


@dataclass(frozen=True)
class Reference:
    """A title that the capture lists as further reading ("Read more", "Related")."""

    title: str
    group: str
    lines: Lines = _lines()


@dataclass(frozen=True)
class Removed:
    """A line left out of the article, and why. Kept so that nothing is lost silently."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """A capture parsed into its parts."""

    title: str
    title_inferred: bool = False
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    organisation: str | None = None
    published: PubDate = field(default_factory=PubDate.unknown)
    #: where the publication date was found: "capture text", or for a page "metadata", "htmldate",
    #: "byline" or "time element"; None for an undated article
    date_source: str | None = None
    comments_claimed: int | None = None
    dateline: str | None = None
    body: tuple[Block, ...] = ()
    comments: tuple[Comment, ...] = ()
    references: tuple[Reference, ...] = ()
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()
    metadata_lines: Lines = _lines()

    def comments_captured(self) -> int:
        return sum(comment.count() for comment in self.comments)

    def comment_paragraphs(self) -> list[str]:
        """Every paragraph of every comment and reply, in reading order."""
        return [p for comment in self.comments for p in comment.all_paragraphs()]


class Severity(str, enum.Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file: which file, where, what, and what to do."""

    source: str
    severity: Severity
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{self.severity.value}: {where}: {self.message}"
