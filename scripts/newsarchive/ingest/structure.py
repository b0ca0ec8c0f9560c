"""Reader comments found by the page's structure, whatever its markup calls them.

A comment section is a run of sibling elements of one shape (the same tag and classes), each of which reads
as a comment: a header with a name or a date (as the text path's grammar of comment headers reads one) over
text. Replies are elements of the same shape inside one of them. The section's text, one line a block
element, indented by how deep each comment is nested, goes through the text path's comment parser, which
reads the headers, the dates and the nesting as it does in a text capture.
"""

from __future__ import annotations

import re
from collections import defaultdict

import lxml.html

from ..models import Comment
from ..parse.comments import parse_comments
from ..parse.lines import Line, make_line

#: Elements that start a line of their own; the others (links, emphasis, spans, times) run on in it.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header li main "
    "nav ol p pre section table tbody td tfoot th thead tr ul br hr".split()
)
_SKIPPED = frozenset("script style noscript template svg button select option textarea input iframe".split())
_DIGITS = re.compile(r"\d+")

#: How many elements of one shape the section must hold that read as comments, and what share of them must.
MIN_COMMENTS = 2
MIN_SHARE = 0.6
#: The words a comment's element must hold at least before it is read at all (a menu's items hold fewer).
MIN_WORDS = 6
#: The elements looked at as possible comments, at most: a page of ten thousand list items is no comment section.
MAX_LOOKED_AT = 400


def _shape(element: lxml.html.HtmlElement) -> tuple[str, str]:
    """An element's tag and first class, numbers aside: "comment comment-odd" and "comment comment-even" are one
    shape, as are "comment-12" and "comment-13" (the classes after the first mark a state: odd or even, a depth,
    the author's own); a list's items are one shape."""
    if element.tag == "li":
        return "li", ""  # a list's items are one shape whatever their classes ("alt-comment", "comment")
    classes = (element.get("class") or "").split()
    return element.tag, _DIGITS.sub("", classes[0]) if classes else ""


def _lines(element: lxml.html.HtmlElement, shape: tuple[str, str], depth: int = 0, out: list[tuple[int, str]] | None = None) -> list[tuple[int, str]]:
    """The element's text, a line a block element, each with its depth in elements of ``shape`` (its nesting)."""
    out = [] if out is None else out
    current: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(current).split())
        if text:
            out.append((depth, text))
        current.clear()

    def walk(node: lxml.html.HtmlElement, level: int) -> None:
        nonlocal depth
        if not isinstance(node.tag, str) or node.tag in _SKIPPED:
            if node.tail:
                current.append(node.tail)
            return
        block = node.tag in _BLOCKS
        nested = node is not element and _shape(node) == shape
        if block:
            flush()
        saved = depth
        if nested:
            depth = level + 1
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child, depth)
        if block:
            flush()
        depth = saved
        if node.tail:
            current.append(node.tail)

    walk(element, depth)
    flush()
    return out


def _as_lines(texts: list[tuple[int, str]], start: int = 1) -> list[Line]:
    return [make_line(start + n, " " * (2 * depth) + text) for n, (depth, text) in enumerate(texts)]


def _reads_as_comment(element: lxml.html.HtmlElement, shape: tuple[str, str]) -> bool:
    """Whether the element, its replies aside, is one comment with a header: a name or a date over text."""
    own = [(d, t) for d, t in _lines(element, shape) if d == 0]
    if sum(len(t.split()) for _, t in own) < MIN_WORDS or len(own) < 2:
        return False
    found, _ = parse_comments(_as_lines(own), None, ())
    return len(found) == 1 and found[0].author is not None and bool(found[0].paragraphs)


def _candidates(tree: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, list[lxml.html.HtmlElement]]]:
    """Each group of sibling elements of one shape (two or more), with their parent, outermost first."""
    groups = []
    for parent in tree.iter():
        if not isinstance(parent.tag, str) or parent.tag in _SKIPPED:
            continue
        by_shape: defaultdict[tuple[str, str], list[lxml.html.HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _BLOCKS and child.tag not in ("br", "hr", "p"):
                by_shape[_shape(child)].append(child)
        groups += [(parent, members) for members in by_shape.values() if len(members) >= MIN_COMMENTS]
    return groups


def structural_comments(tree: lxml.html.HtmlElement) -> tuple[list[Comment], list[lxml.html.HtmlElement]]:
    """The page's reader comments found by their structure, and the elements they came from; none when no
    run of elements reads as comments."""
    best: tuple[int, list[lxml.html.HtmlElement]] | None = None
    looked_at = 0
    for _, members in _candidates(tree):
        if looked_at >= MAX_LOOKED_AT:
            break
        if any(m.xpath(".//h1") for m in members):
            continue  # the article's own parts, or posts of a listing
        shape = _shape(members[0])
        if any(_shape(a) == shape for a in members[0].iterancestors()):
            continue  # replies of a section already looked at from its outermost elements
        worded = [m for m in members if len(" ".join(m.text_content().split()).split()) >= MIN_WORDS]
        looked_at += len(worded)
        comments = sum(1 for m in worded if _reads_as_comment(m, shape))
        if comments >= MIN_COMMENTS and comments >= MIN_SHARE * len(members) and (best is None or comments > best[0]):
            best = comments, members
    if best is None:
        return [], []
    members = best[1]
    shape = _shape(members[0])
    lines: list[Line] = []
    for member in members:
        lines += _as_lines(_lines(member, shape), start=_gap(lines))
    found, _ = parse_comments(lines, None, ())
    return list(found), members


def _gap(lines: list[Line]) -> int:
    """The line number after ``lines`` and a blank one: each comment's element is a block of its own."""
    return (lines[-1].no + 2) if lines else 1


__all__ = ["structural_comments"]
