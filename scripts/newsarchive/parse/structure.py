"""Reader comments found by the page's structure, whatever its markup calls them.

A comment section is a run of sibling elements of one shape (the same tag and classes), each of which reads
as a comment. Where the markup names them comments (a class or id with "comment" in it: "comment_item",
"comment-wrapper"), each one's parts are found by what their classes say: the commenter in an element named
for an author, a name or a user, the date in a ``<time>`` or a short line that holds one, the text in an
element named for the body, the text or the message (else its one block of prose; the commenter else in a
link to their own page: ``profile_name``) (``named_comments``). Where it does not, each element
must read as a comment by the text path's grammar: a header with a name or a date over text
(``structural_comments``); the section's text, one line a block element, indented by how deep each comment is
nested, goes through the text path's comment parser. Replies are elements of the same shape inside one of them,
or in the element that follows it (a "children" list after the comment). Where each comment's text stands
over its signature ("Posted by: jdoe at <date>", as Movable Type and TypePad print them), each signature
closes the comment over it (``signed_comments``).
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import defaultdict
from copy import copy

import lxml.html

from ..common.models import Comment, PubDate
from .byline import parse_byline
from .comments import comment_header, is_handle, parse_comments, without_name_note
from .dates import find_date
from .lines import Line, make_line

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


Groups = list[tuple[lxml.html.HtmlElement, list[lxml.html.HtmlElement]]]


def sibling_groups(tree: lxml.html.HtmlElement) -> Groups:
    """Each group of sibling elements of one shape (two or more), with their parent, outermost first: where a
    page's comment section may be (``structural_comments`` and ``named_comments`` both look at them)."""
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


def structural_comments(tree: lxml.html.HtmlElement, groups: Groups | None = None) -> tuple[list[Comment], list[lxml.html.HtmlElement]]:
    """The page's reader comments found by their structure, and the elements they came from; none when no
    run of elements reads as comments. ``groups``: the page's ``sibling_groups``, if worked out already."""
    best: tuple[int, list[lxml.html.HtmlElement]] | None = None
    looked_at = 0
    for _, members in sibling_groups(tree) if groups is None else groups:
        if looked_at >= MAX_LOOKED_AT:
            break
        if any(next(m.iterdescendants("h1"), None) is not None for m in members):
            continue  # the article's own parts, or posts of a listing
        shape = _shape(members[0])
        if any(_shape(a) == shape for a in members[0].iterancestors()):
            continue  # replies of a section already looked at from its outermost elements
        worded = [m for m in members if len(m.text_content().split()) >= MIN_WORDS]
        looked_at += len(worded)
        # as many as the group needs to stand, and to beat the best so far: once too few are left, it cannot
        needed = max(MIN_COMMENTS, math.ceil(MIN_SHARE * len(members)), best[0] + 1 if best is not None else 0)
        comments = 0
        for i, member in enumerate(worded):
            if comments + len(worded) - i < needed:
                break
            comments += _reads_as_comment(member, shape)
        if comments >= needed:
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


#: The path of a person's page in a link to it: "/author/jdoe/", "/autoren/jan-doe", "/user/Jane.html".
_PROFILE_PATH = re.compile(
    r"/(?:authors?|autor|autoren|autorin|auteurs?|autore|autori|writers?|journalists?|journalisten|redakteur|columnists?|contributors?"
    r"|profiles?|profil|people|staff|team|mitarbeiter|bloggers?|users?|members?)/([^/?#]+)",
    re.I,
)


def profile_name(link: lxml.html.HtmlElement) -> str | None:
    """The name a link to a person's own page shows, where its address holds that name too ("Jane Doe" to
    "/author/jane-doe/", "jdoe" to "/user/jdoe.html"); None for any other link."""
    path = _PROFILE_PATH.search(link.get("href") or "")
    if path is None:
        return None
    text = " ".join(" ".join(link.itertext()).split())
    key = _slug(text)
    if not key or len(text) > 60 or len(text.split()) > 4:
        return None
    return text if key == _slug(re.sub(r"[-.]\d+$|\.html?$", "", path.group(1))) else None


def _slug(text: str) -> str:
    """A name or an address's part as letters and digits only, accents off: "José Núñez" and "jose-nunez" alike."""
    folded = unicodedata.normalize("NFKD", html.unescape(text).casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


#: What a comment's parts are named in the markup, by a part of a class, an id or an itemprop.
_AUTHOR_NAMED = ("author", "name", "user", "nick", "poster")
_TEXT_NAMED = ("body", "text", "content", "message", "entry")
#: How long a line with the commenter's name or the comment's date is at most.
SHORT_LINE = 100


def _names(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.get(attribute) or "" for attribute in ("class", "id", "itemprop")).casefold()


def _owner(element: lxml.html.HtmlElement, shape: tuple[str, str], top: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The comment that ``element`` (a comment) replies to: the nearest element of ``shape`` around it, or the one
    just before an element around it (a list of replies after its comment); None under ``top`` alone."""
    node = element.getparent()
    while node is not None and node is not top:
        if _shape(node) == shape:
            return node
        before = node.getprevious()
        while before is not None and not isinstance(before.tag, str):
            before = before.getprevious()
        if before is not None and _shape(before) == shape:
            return before
        node = node.getparent()
    return None


def _hidden(element: lxml.html.HtmlElement) -> bool:
    """Whether the page hides the element from its reader (a share box's copy of the text, a full text behind
    "Read more")."""
    return "hidden" in (element.get("class") or "").split() or "display:none" in (element.get("style") or "").replace(" ", "")


def _own_parts(element: lxml.html.HtmlElement, shape: tuple[str, str]) -> list[lxml.html.HtmlElement]:
    """The shown elements inside ``element`` that are its own, not a reply's (another element of ``shape``)."""
    out = []

    def walk(node: lxml.html.HtmlElement) -> None:
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIPPED and _shape(child) != shape and not _hidden(child):
                out.append(child)
                walk(child)

    walk(element)
    return out


def _short_text(element: lxml.html.HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _named_comment(element: lxml.html.HtmlElement, shape: tuple[str, str]) -> tuple[str | None, PubDate | None, tuple[str, ...]] | None:
    """The commenter, the date and the paragraphs of a comment whose markup names its parts; None when it has
    too little text, or neither a commenter nor a date."""
    parts = _own_parts(element, shape)
    shown = [_short_text(part) for part in parts]  # each part's text, worked out once
    author = date = None
    body = next((part for part, text in zip(parts, shown) if text and any(word in _names(part) for word in _TEXT_NAMED)), None)
    for part, text in zip(parts, shown):
        if body is not None and (part is body or part in body.iterancestors()):
            continue  # the text, and what holds it; a short line inside it (its date) may still be a detail
        if not text or len(text) > SHORT_LINE:
            continue
        if author is None and any(word in _names(part) for word in _AUTHOR_NAMED):
            author = _commenter(part)
        if date is None and (stamp := part.get("datetime")):
            date = _stamped(stamp)
        if date is None and (found := find_date(text)) is not None:
            date = found[0]
            if author is None:  # a signature: "October 22, 2012 | Jane Doe"
                author = _signed_name(text[: found[1][0]] + " " + text[found[1][1] :])
        if author is None and (header := comment_header(make_line(1, text), None)) is not None:
            author = header.author
        if author is None and (byline := parse_byline(text)) is not None and byline.authors and text.lower().startswith("by "):
            author = byline.authors[0]
    if author is None:  # a link to the commenter's own page ("/user/jdoe.html")
        author = next((name for part in parts if part.tag == "a" and (name := profile_name(part)) is not None), None)
    if body is not None:
        paragraphs = _paragraphs_of(body, shape, {text for part, text in zip(parts, shown) if _is_detail(part, text)})
    else:
        paragraphs = tuple(text for part, text in zip(parts, shown) if part.tag == "p" and text)
    if not paragraphs and (author is not None or date is not None):  # no part named for the text, no <p>: its one block of prose
        paragraphs = _unnamed_text(parts, shown)
    # a short comment ("Love it!") where the markup names its text, both its commenter and date are found, and no
    # other part of it holds more words than its text (a rating's form named "secondary_body" is not its text)
    words = sum(len(p.split()) for p in paragraphs)
    least = MIN_WORDS
    if body is not None and author is not None and date is not None:
        others = (len(text.split()) for part, text in zip(parts, shown) if part is not body and body not in part.iterancestors()
                  and part not in body.iterancestors() and not _is_detail(part, text))
        least = 1 if max(others, default=0) <= words else MIN_WORDS
    if words < least or (author is None and date is None):
        return None
    return author, date, paragraphs


def _signed_name(rest: str) -> str | None:
    """The commenter's name that a dated line holds beside its date ("| Jane Doe", "Jane Doe at"), if the rest
    is a name alone."""
    rest = re.sub(r"^[\s|,·•–—-]+|[\s|,·•–—-]+$", "", " ".join(rest.split()))
    rest = re.sub(r"^(?:by|von|par|por)\s+|\s+(?:at|um|à|a las)$", "", rest, flags=re.I)
    return rest if rest and not rest[0].isdigit() and is_handle(rest) else None


def _unnamed_text(parts: list[lxml.html.HtmlElement], shown: list[str]) -> tuple[str, ...]:
    """A comment's text where no part is named for it and none is a ``<p>``: the innermost block of
    ``MIN_WORDS`` words or more that gives no detail (a name, a date), if there is just one such."""
    long = [(part, text) for part, text in zip(parts, shown) if part.tag in _BLOCKS and len(text.split()) >= MIN_WORDS and not _is_detail(part, text)]
    inner = [(part, text) for part, text in long if not any(other is not part and part in other.iterancestors() for other, _ in long)]
    return (inner[0][1],) if len(inner) == 1 else ()


def _paragraphs_of(body: lxml.html.HtmlElement, shape: tuple[str, str], details: set[str]) -> tuple[str, ...]:
    """A comment's text as paragraphs: its ``<p>`` elements, else its lines (a ``<br>`` ends one), without the
    lines of its ``details`` (its commenter's name, its date) and what the page hides."""
    own = [p for p in [body, *_own_parts(body, shape)] if p.tag == "p"]
    if own:
        return tuple(t for t in (_short_text(p) for p in own) if t and t not in details)
    shown = copy(body)
    for hidden in [e for e in shown.iter() if isinstance(e.tag, str) and _hidden(e)]:
        if hidden.getparent() is not None:
            hidden.drop_tree()
    return tuple(text for depth, text in _lines(shown, shape) if depth == 0 and text not in details)


def _commenter(part: lxml.html.HtmlElement) -> str | None:
    """The commenter's name in an element named for it: its text, else its first link's ("Jane Doe" of
    "Jane Doe 2 hours ago 63 Fans"); no count ("63 Fans")."""
    for text in (_short_text(part), *(_short_text(a) for a in part.iter("a"))):
        name = without_name_note(text.removesuffix(":")).strip()
        if name and not name[0].isdigit() and is_handle(name):
            return name
    return None


def _is_detail(part: lxml.html.HtmlElement, text: str) -> bool:
    """Whether a short element of a comment (whose text is ``text``) gives its commenter or its date, not its text."""
    if not text or len(text) > SHORT_LINE:
        return False
    named = _names(part)
    return any(word in named for word in (*_AUTHOR_NAMED, "date", "time", "meta")) or (find_date(text) is not None and len(text.split()) <= 8) \
        or " ago" in text.casefold()


def _stamped(value: str) -> PubDate | None:
    found = find_date(value.replace("T", " ")) if value else None
    return found[0] if found is not None else None


def named_comments(tree: lxml.html.HtmlElement, groups: Groups | None = None) -> tuple[list[Comment], list[lxml.html.HtmlElement]]:
    """The reader comments of a run of sibling elements that the markup names comments (a class or id with
    "comment" in it), each with its commenter, date, text and replies, and the elements they came from; none when
    no such run has two or more that read as comments, or fewer than ``MIN_SHARE`` of its elements do.
    ``groups``: the page's ``sibling_groups``, if worked out already."""
    best: tuple[int, tuple[str, str], lxml.html.HtmlElement, list[lxml.html.HtmlElement]] | None = None
    looked_at = 0
    readings: dict[int, tuple[str | None, PubDate | None, tuple[str, ...]] | None] = {}

    def reading(element: lxml.html.HtmlElement, shape: tuple[str, str]) -> tuple[str | None, PubDate | None, tuple[str, ...]] | None:
        if id(element) not in readings:
            readings[id(element)] = _named_comment(element, shape)
        return readings[id(element)]

    for parent, members in sibling_groups(tree) if groups is None else groups:
        if looked_at >= MAX_LOOKED_AT:
            break
        if not all("comment" in _DIGITS.sub("", _names(m)) for m in members):
            continue
        shape = _shape(members[0])
        if any(_shape(a) == shape for a in members[0].iterancestors()):
            continue
        looked_at += len(members)
        read = sum(reading(m, shape) is not None for m in members)
        if read >= MIN_COMMENTS and read >= MIN_SHARE * len(members) and (best is None or read > best[0]):
            best = read, shape, parent, members
    if best is None:
        return [], []
    _, shape, parent, members = best
    every = [e for e in parent.iter() if isinstance(e.tag, str) and _shape(e) == shape]
    replies: defaultdict[int, list[lxml.html.HtmlElement]] = defaultdict(list)
    top = []
    for element in every:
        owner = _owner(element, shape, parent)
        if owner is None:
            top.append(element)
        else:
            replies[id(owner)].append(element)

    def thread(element: lxml.html.HtmlElement) -> list[Comment]:
        """The comment of ``element`` with its replies; its replies alone, a level up, if it reads as none."""
        read = reading(element, shape)
        below = tuple(c for reply in replies[id(element)] for c in thread(reply))
        return [Comment(read[0], read[2], below, read[1])] if read is not None else list(below)

    return [c for element in top for c in thread(element)], every  # replies listed after their comment go too


#: A comment's signature under its text: "Posted by: jdoe at February 11, 2011 10:42 AM" (Movable Type, TypePad).
_SIGNATURE = re.compile(r"^(?:posted|written|submitted|comment(?:ed)?|geschrieben|verfasst|publié|écrit|escrito|publicado)\s+(?:by|von|par|por)\b", re.I)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: The shape of no element: a signed comment's text read line by line, with no replies nested in it.
_NO_SHAPE = ("", "")


def _signature(element: lxml.html.HtmlElement) -> tuple[str, PubDate] | None:
    """The commenter and the date of a signature line, or None for any other element."""
    if not isinstance(element.tag, str) or element.tag in _SKIPPED:
        return None
    text = _short_text(element)
    if not text or len(text) > SHORT_LINE or not _SIGNATURE.match(text):
        return None
    header = comment_header(make_line(1, text), None)
    return (header.author, header.date) if header is not None and header.author and header.date is not None else None


def signed_comments(tree: lxml.html.HtmlElement) -> tuple[list[Comment], list[lxml.html.HtmlElement]]:
    """The reader comments of a run of sibling elements in which each comment's text comes first and its
    signature after it ("Posted by: jdoe at <date>"), with the elements they came from; none where no element
    has two signatures among its children, each under text of its own, and no text after the last one (that is
    a layout with the commenter over the text, which the other readings read). The first comment's text
    starts after the heading over the section, or is the one element over its signature where none stands."""
    parents: dict[int, lxml.html.HtmlElement] = {}
    for element in tree.iter():  # where a text opens with a signature's words: the signature, or a part of it
        if isinstance(element.tag, str) and element.text and _SIGNATURE.match(element.text.lstrip()):
            for node in (element, *list(element.iterancestors())[:2]):
                if (parent := node.getparent()) is not None:
                    parents.setdefault(id(parent), parent)
    for parent in parents.values():
        if parent.tag in _SKIPPED or len(parent) < 2 * MIN_COMMENTS:
            continue
        children = [c for c in parent if isinstance(c.tag, str) and c.tag not in _SKIPPED]
        signed = [(i, found) for i, c in enumerate(children) if (found := _signature(c)) is not None]
        if len(signed) < MIN_COMMENTS:
            continue
        # the runs of signatures that no heading parts ("Comments" under the post's own signed text)
        runs: list[list[tuple[int, tuple[str, PubDate]]]] = [[signed[0]]]
        for before, now in zip(signed, signed[1:]):
            if any(c.tag in _HEADINGS for c in children[before[0] + 1 : now[0]]):
                runs.append([])
            runs[-1].append(now)
        for run in sorted(runs, key=len, reverse=True):
            found = _signed_run(children, run)
            if found is not None:
                return found
    return [], []


def _signed_run(children: list[lxml.html.HtmlElement], run: list[tuple[int, tuple[str, PubDate]]]) -> tuple[list[Comment], list[lxml.html.HtmlElement]] | None:
    """The comments of one run of signatures among ``children``, each with the text over it; None unless
    there are two or more, each signs text of its own, and no text follows the last (but a form)."""
    if len(run) < MIN_COMMENTS:
        return None
    first = run[0][0]
    heading = next((i for i in range(first - 1, -1, -1) if children[i].tag in _HEADINGS), None)
    starts = [heading + 1 if heading is not None else first - 1] + [i + 1 for i, _ in run[:-1]]
    texts = [[c for c in children[start:i] if _short_text(c)] for start, (i, _) in zip(starts, run)]
    following = next((c for c in children[run[-1][0] + 1 :] if _short_text(c)), None)
    if not all(texts) or (following is not None and following.tag not in _HEADINGS and not following.xpath("self::form|.//form|.//input|.//textarea")):
        return None
    comments = [Comment(author, tuple(t for part in parts for _, t in _lines(part, _NO_SHAPE) if t), (), date) for parts, (_, (author, date)) in zip(texts, run)]
    return comments, [c for parts in texts for c in parts] + [children[i] for i, _ in run]


__all__ = ["named_comments", "sibling_groups", "signed_comments", "structural_comments"]
