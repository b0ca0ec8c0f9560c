"""References: the "Read more" and "Related" lists that name other articles."""

from __future__ import annotations

import re

from ..common.models import Reference
from .lines import Line, is_sentence_like

_HEADING = re.compile(
    r"(?:read (?:more|next|also)|related(?: (?:articles?|posts?|stories|links|coverage|content|reading|news))?|see also|further reading|"
    r"more (?:on|about) (?:this|the) (?:story|topic|subject)|more (?:from|in) (?:the )?[A-Z][\w&' -]{1,30}|also read|you (?:may|might) also (?:like|enjoy|be interested in)|"
    r"recommended(?: for you| reading| articles)?|in this series|more in this series|previously|background reading|elsewhere)\s*[:»›]?",
    re.I,
)
_INLINE = re.compile(r"^(?P<group>read more|related|see also|also read|read next|more)\s*:\s+(?P<title>\S.{2,200})$", re.I)


def is_reference_heading(text: str) -> bool:
    return bool(_HEADING.fullmatch(text.strip()))


def inline_reference(text: str) -> tuple[str, str] | None:
    """ "Read more: A title" on one line: (group, title)."""
    match = _INLINE.match(text.strip())
    return (match.group("group").strip().capitalize(), match.group("title").strip()) if match else None


def is_title_line(line: Line) -> bool:
    text = line.content.strip()
    return 1 <= len(text.split()) <= 30 and (not is_sentence_like(text) or not text.endswith("."))


def references_from(heading: str, lines: list[Line]) -> tuple[Reference, ...]:
    """One reference per line under a heading; the heading line goes with the first one. Headings stacked over
    the list ("More on This Story" / "Related Stories") name it by the last of them, and go with its first line."""
    stacked = 0
    while stacked < len(lines) - 1 and is_reference_heading(lines[stacked].content):
        stacked += 1
    group = (lines[stacked - 1].content if stacked else heading).strip().rstrip(":»› ")
    found = [Reference(line.content.strip(), group, (line.no,)) for line in lines[stacked:]]
    if stacked:
        found[0] = Reference(found[0].title, group, (*(line.no for line in lines[:stacked]), *found[0].lines))
    return tuple(found)


def strip_heading_line(references: tuple[Reference, ...], heading_no: int) -> tuple[Reference, ...]:
    first, *rest = references
    return (Reference(first.title, first.group, (heading_no, *first.lines)), *rest)
