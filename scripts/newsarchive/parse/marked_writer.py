"""The writer that a page's markup marks, as trafilatura's ``extract_author`` finds it, in one walk over the page.

trafilatura copies the whole page, takes out the parts where no writer stands, then tries three XPath searches in
turn; on the real pages of ``../shared/realpages`` that costs 7 ms of a page's 45, most of it in libxml2's XPath.
:func:`marked_writer` reads the same marks (``trafilatura.xpaths.AUTHOR_XPATHS`` and ``AUTHOR_DISCARD_XPATHS`` of
the pinned trafilatura, written here as tests on each element's tag and attributes) in one walk, in 3 ms, and
finds the same writer on every one of the 635 pages; ``tests/test_marked_writer.py`` holds it to trafilatura's
own on pages of each mark.
"""

from __future__ import annotations

import re
from copy import copy

import lxml.etree as etree
import lxml.html
from trafilatura.metadata import normalize_authors
from trafilatura.utils import trim
from trafilatura.xml import delete_element

#: The first search: the tags that may hold the writer's name, and the class that names it...
_FIRST_TAGS = frozenset("a address div link p span strong".split())
_FIRST_CLASS = re.compile("author-?name|AuthorName|authorName")
#: ... the second: a byline's or an author's element by its class or id...
_SECOND_TAGS = frozenset("a div h3 h4 p span".split())
_SECOND_ID = re.compile("author|zuozhe|bianji|xiaobian")
_SECOND_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
#: ... the last: any element marked as an author's, a writer's or a byline.
_LAST_ID = re.compile("[Aa]uthor")
_LAST_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
#: The parts where no writer is looked for: the comments, the sidebar, titles, dates, quotations, figures.
_SET_ASIDE_TAGS = frozenset("a div section span".split())
_SET_ASIDE_ID = re.compile("^comments|comment-?list|ProductReviews")
_SET_ASIDE_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
#: How long the text of a writer's element may be.
_LENGTH = 120


def _marked(tree: lxml.html.HtmlElement) -> tuple[tuple[list[lxml.html.HtmlElement], ...], set[lxml.html.HtmlElement]]:
    """The elements each of the three searches finds, in the page's order, and the elements set aside."""
    # a child <rel> whose text is "me" ("rel='me'" in trafilatura's first search: an element, not an attribute)
    with_rel_me = {rel.getparent() for rel in tree.iter("rel") if "".join(rel.itertext()) == "me"}
    found: tuple[list[lxml.html.HtmlElement], ...] = ([], [], [])
    aside: set[lxml.html.HtmlElement] = set()
    for element in tree.iter(etree.Element):
        tag, attributes = element.tag, element.attrib
        marks, ident, prop = attributes.get("class", ""), attributes.get("id", ""), attributes.get("itemprop", "")
        if tag == "author" or (tag in _FIRST_TAGS and (
            "author" in (attributes.get("rel"), ident, marks) or prop == "author name" or element in with_rel_me
            or attributes.get("data-testid") in ("AuthorCard", "AuthorURL") or _FIRST_CLASS.search(marks)
        )):
            found[0].append(element)
        if tag in _SECOND_TAGS and (marks in ("byline", "username", "byl", "BBL") or "author" in prop or _SECOND_ID.search(ident) or _SECOND_CLASS.search(marks)):
            found[1].append(element)
        if "Byline" in attributes.get("data-component", "") or "author" in prop or _LAST_ID.search(ident) or _LAST_CLASS.search(marks):
            found[2].append(element)
        if tag in ("time", "figure") or (element is not tree and tag in _SET_ASIDE_TAGS and (
            ident == "comments" or marks in ("comments", "title", "date") or _SET_ASIDE_ID.search(ident) or _SET_ASIDE_CLASS.search(marks)
            or "Figure" in attributes.get("data-component", "")
        )):
            aside.add(element)
    return found, aside


def marked_writer(tree: lxml.html.HtmlElement) -> str | None:
    """The writer of the page ``tree`` as trafilatura's ``extract_author`` reads it: the first element of its
    searches, in their order, outside the parts set aside, whose text without those parts is of a name's length
    (only such an element is copied, to take them out as trafilatura does: their tails stay)."""
    found, aside = _marked(tree)
    for elements in found:
        for element in elements:
            if element in aside or any(a in aside for a in element.iterancestors()):
                continue
            inside = [i for i, e in enumerate(element.iterdescendants()) if e in aside]
            if inside:
                element = copy(element)
                below = list(element.iterdescendants())
                for i in inside:  # in the page's order, as trafilatura takes them out
                    delete_element(below[i])
            text = trim(" ".join(element.itertext()))
            if text and 2 < len(text) < _LENGTH:
                return normalize_authors(None, text)
    return None
