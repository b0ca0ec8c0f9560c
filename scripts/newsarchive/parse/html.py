"""HTML pages to articles: trafilatura for the body, the page's own markup for metadata and comments.

trafilatura finds the article's text and its structure (paragraphs, lists,
quotes, headings). It flattens reader comments into one block, so comments are
read from the markup first (WordPress comment lists, ``article.comment``,
schema.org Comment microdata or JSON-LD, Disqus and Livefyre static markup),
each with its author, date and replies, and removed before extraction.
"""

from __future__ import annotations

import codecs
import gzip
import html as html_text
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass, replace
from datetime import datetime

import htmldate
import lxml.etree as etree
import lxml.html
import trafilatura
from trafilatura.core import determine_returnstring
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.main_extractor import extract_comments as trafilatura_comments
from trafilatura.metadata import META_URL, examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
from trafilatura.settings import Document, Extractor, set_date_params

from ..capture.read import BYTE_ORDER_MARKS, without_invisible
from ..common.models import Article, Block, BlockKind, Comment, ListItem, Precision, PubDate, Reference
from .byline import Byline, comment_claim, is_name, led_by_writer, parse_byline, without_comment_count, writer_name
from .comments import is_comment_heading, is_handle, opens_form, parse_comments, without_name_note, without_verb
from .dates import captured_time, dated_title, dropped_warning, find_date, implausible, interpret
from .lines import make_line
from .marked_writer import marked_writer
from .references import is_reference_heading
from .structure import named_comments, profile_name, sibling_groups, signed_comments, structural_comments
from .zoning import zoner

MIN_WORDS = 60  # an article has at least this many words of body text (fit split: the one page of fewer than 80 was an article)
SHORT_POST_WORDS = 30  # ... or this many, on a page whose markup says it holds one post (a short blog post)


class NotAnArticle(Exception):
    """A page that is no article (a home page, a listing, a search page); the message says why."""


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    site: str | None = None
    #: the writers as the article's JSON-LD names them, and as its ``author`` meta tags do
    authors: tuple[str, ...] = ()
    published: str | None = None
    tagged: tuple[str, ...] = ()


def decode_html(data: bytes, name: str) -> bytes:
    return gzip.decompress(data) if name.endswith(".gz") else data


# --- metadata -----------------------------------------------------------------------------------


def _json_ld(tree: lxml.html.HtmlElement) -> list[dict]:
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return found


def _types(item: dict) -> set[str]:
    kind = item.get("@type", [])
    return {kind} if isinstance(kind, str) else set(kind) if isinstance(kind, list) else set()


_ARTICLE_TYPES = {"NewsArticle", "Article", "BlogPosting", "Report", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting"}


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _meta(tree: lxml.html.HtmlElement, *names: str) -> str | None:
    for name in names:
        for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
            if value.strip():
                return value.strip()
    return None


def page_meta(tree: lxml.html.HtmlElement) -> PageMeta:
    article = next((item for item in _json_ld(tree) if _types(item) & _ARTICLE_TYPES), {})
    publisher = _names(article.get("publisher"))
    title = article.get("headline") if isinstance(article.get("headline"), str) else None
    authors = [n.strip() for n in _names(article.get("author")) if n.strip()]
    title = title or _meta(tree, "og:title", "twitter:title")
    return PageMeta(
        html_text.unescape(title) if title else None,  # JSON-LD as some sites write it: "&#8216;Lift Off&#8217;"
        (publisher[0] if publisher else None) or _meta(tree, "og:site_name", "application-name"),
        tuple(authors),
        article.get("datePublished") if isinstance(article.get("datePublished"), str) else _meta(tree, "article:published_time", "datePublished", "date"),
        tuple(a.strip() for a in re.split(r"\s*(?:,|;| and )\s*", _meta(tree, "author", "article:author") or "") if a.strip()),
    )


_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")


def clean_title(title: str, site: str | None) -> str:
    """The title without the site's name: "Big news - The Daily Site" → "Big news"."""
    parts = _SUFFIX.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    site_key = re.sub(r"\W+", "", (site or "").lower())
    kept = [p for p in parts if re.sub(r"\W+", "", p.lower()) != site_key] if site_key else parts
    if len(kept) == len(parts) and _label_like(parts[-1]) and len(parts[0].split()) >= 3:
        kept = parts[:-1]  # no part is the site's name: drop a short last part, a section's or a site's ("… | Tech")
    return " – ".join(kept).strip() or title.strip()


def _label_like(part: str) -> bool:
    """Whether a part of a title bar reads as a site's or a section's name: a few words, not a clause that goes
    on from the headline (lower case at its start, a question's or an exclamation's mark at its end)."""
    return len(part.split()) <= 4 and not part[:1].islower() and not part.rstrip().endswith(("?", "!"))


#: How much each source of a page's publication date counts when they disagree, fitted on the ``fit`` split
#: of the real pages: htmldate (as trafilatura runs it, searching the whole page) and the visible byline are
#: right most often; the page's metadata is right as often when it is there, but is the time in UTC, a day
#: off the page's own; a ``<time>`` element alone is often another article's or the page's last change. The
#: date a reader sees close under the headline outweighs any two others (the metadata's and htmldate's often
#: are the page's last change, the one copied from the other).
#: Ties go to the more precise date (a time of day over a day), then to the source named first.
DATE_SOURCES = {"metadata": 1.0, "htmldate": 1.5, "byline": 1.5, "time element": 0.5, "under the headline": 3.0}
_PRECISE_FIRST = {Precision.MINUTE: 0, Precision.DAY: 1, Precision.MONTH: 2, Precision.YEAR: 3, Precision.UNKNOWN: 4}


def _published(candidates: list[tuple[str, str | PubDate | None]], captured: datetime | None, warnings: list[str]) -> tuple[PubDate, str | None]:
    """The publication date the page's sources agree on most, by day (``DATE_SOURCES``), among those that can
    be one (``dates.implausible``), and its source; each set aside is said in ``warnings``."""
    votes: dict[object, float] = {}
    found: list[tuple[PubDate, str]] = []
    for source, written in candidates:
        date = _page_date(written)
        if date is None:
            continue
        why = implausible(date, captured)
        if why is not None:
            warnings.append(dropped_warning(date, why))
            continue
        found.append((date, source))
        day = date.value.date()  # type: ignore[union-attr]
        votes[day] = votes.get(day, 0.0) + DATE_SOURCES[source]
    if not found:
        return PubDate.unknown(), None
    best = max(votes.values())
    winners = [(date, source) for date, source in found if votes[date.value.date()] == best]  # type: ignore[union-attr]
    return min(winners, key=lambda found: _PRECISE_FIRST[found[0].precision])  # stable: the first named of the most precise


def _page_date(written: str | PubDate | None, day_first: bool = False) -> PubDate | None:
    """A date as a page's metadata or markup writes it (ISO 8601, else any form ``interpret`` reads, ``day_first``
    as it says), or as the page's text was read already."""
    if isinstance(written, PubDate):
        return written
    if not written or not written.strip():
        return None
    text = written.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return interpret(text, day_first=day_first)
    return PubDate(value, Precision.MINUTE if "T" in text or " " in text else Precision.DAY, text)


# --- comments -----------------------------------------------------------------------------------


def _text(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _paragraphs(element) -> tuple[str, ...]:
    paragraphs = [_text(p) for p in element.xpath(".//p")]
    return tuple(p for p in paragraphs if p) or ((_text(element),) if _text(element) else ())


def _date(value: str | None) -> PubDate | None:
    if not value:
        return None
    try:
        return PubDate(datetime.fromisoformat(value.strip().replace("Z", "+00:00")), Precision.MINUTE, value.strip())
    except ValueError:
        return interpret(value)


def _first(element, xpath: str):
    found = element.xpath(xpath)
    return found[0] if found else None


def _first_of(element, *xpaths: str):
    """What the first of ``xpaths`` that finds anything finds first: in the order given, where a union ("a | b")
    gives the one that comes first in the page (a commenter's whole line before the name inside it)."""
    return next((found for xpath in xpaths if (found := _first(element, xpath)) is not None), None)


def _class(name: str) -> str:
    # the plain ``contains`` first: it passes most elements over at a fraction of the cost of the token test
    return f"(contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} '))"


#: Where a WordPress comment names its commenter: the name in its author's part, a ``cite``, the part itself.
_WORDPRESS_AUTHOR = (f".//*[{_class('comment-author')}]//*[{_class('fn')}]", f".//cite[{_class('fn')}]", f".//*[{_class('comment-author')}]")


def _wordpress(root) -> list[Comment]:
    """``li.comment`` items with ``.comment-author``, ``time`` and ``.comment-content``, replies in ``.children``."""
    comments = []
    for item in root.xpath(f"./li[{_class('comment')} or {_class('pingback')} or starts-with(@id, 'comment-')]"):
        body = _first(item, f"./article | ./div[{_class('comment-body')}]")
        body = item if body is None else body
        author = _first_of(body, *_WORDPRESS_AUTHOR)
        when = _first(body, ".//time/@datetime")
        content = _first(body, f".//*[{_class('comment-content')}] | .//*[{_class('comment-text')}]")
        if content is None:
            content = body
        replies_root = _first(item, f"./ul[{_class('children')}] | ./ol[{_class('children')}]")
        replies = _wordpress(replies_root) if replies_root is not None else []
        name = _commenter_in(author) if author is not None else None
        dated = _first(body, f".//*[{_class('comment-date')}] | .//*[{_class('comment-meta')}]") if when is None else None
        date = _date(when) if when is not None else (_written_date(_text(dated)) if dated is not None else None)
        comments.append(Comment(name or None, _paragraphs(content), tuple(replies), date))
    return comments


def _post_author_commenting(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """The writer as the page's own comments name them: WordPress marks the comments of the post's author
    (``bypostauthor``), whose commenter's name is the name the site shows for the writer."""
    item = _first(tree, f"//*[{_class('bypostauthor')}]")
    if item is None:
        return ()
    author = _first_of(item, *_WORDPRESS_AUTHOR)
    name = _commenter_in(author) if author is not None else None
    if name and (dated := find_date(name)) is not None:
        name = name[: dated[1][0]].strip(" ,|/·•–—-")  # the name, without the comment's date beside it ("Jane Doe 10.29.2012")
    return (name,) if name else ()


def _commenter_in(author) -> str | None:
    """The commenter's name in the element that holds it: its text ("Jane says:" → "Jane"), else the first
    piece of it that reads as a name, where the element holds the comment's date and reply link too."""
    pieces = [_text(author), *(_text(e) for e in author.iterdescendants() if isinstance(e.tag, str))]
    for piece in pieces:
        name = without_verb(piece)
        if name and is_handle(name):
            return name
    return without_verb(_text(author)) or None


_COMMENT_TYPE = "contains(@itemtype, 'schema.org/Comment')"


def _microdata_comment(item) -> Comment:
    """A schema.org/Comment element; its replies are the Comments nested directly inside it."""
    author = _first_of(item, ".//*[@itemprop='author']//*[@itemprop='name']", ".//*[@itemprop='author']")
    text = _first(item, ".//*[@itemprop='text'] | .//*[@itemprop='commentText']")
    when = _first(item, ".//*[@itemprop='dateCreated']/@datetime | .//*[@itemprop='datePublished']/@datetime | .//*[@itemprop='dateCreated']/@content")
    nested = [c for c in item.xpath(f".//*[{_COMMENT_TYPE}]") if c.xpath(f"ancestor::*[{_COMMENT_TYPE}][1]")[0] is item]
    return Comment(
        _text(author) if author is not None else None,
        _paragraphs(text) if text is not None else (),
        tuple(_microdata_comment(child) for child in nested),
        _date(when),
    )


def _json_ld_comments(items: list[dict]) -> list[Comment]:
    def convert(entry: dict) -> Comment:
        replies = entry.get("comment") or []
        replies = replies if isinstance(replies, list) else [replies]
        names = _names(entry.get("author"))
        text = entry.get("text") if isinstance(entry.get("text"), str) else ""
        return Comment(names[0] if names else None, tuple(p.strip() for p in text.split("\n\n") if p.strip()), tuple(convert(r) for r in replies if isinstance(r, dict)), _date(entry.get("dateCreated") or entry.get("datePublished")))

    for item in items:
        if _types(item) & _ARTICLE_TYPES and item.get("comment"):
            entries = item["comment"] if isinstance(item["comment"], list) else [item["comment"]]
            return [convert(e) for e in entries if isinstance(e, dict)]
    return []


def _blogger(block) -> list[Comment]:
    """Blogger's comments: each a <dt class="comment-author"> ("Jussi said..."), then its text and its time in <dd>s."""
    comments = []
    for author in block.xpath(f"./dt[{_class('comment-author')}]"):
        parts, sibling = [], author.getnext()
        while sibling is not None and sibling.tag == "dd":
            parts.append(sibling)
            sibling = sibling.getnext()
        body = next((p for p in parts if _class_of(p, "comment-body")), parts[0] if parts else None)
        stamp = next((p for p in parts if _class_of(p, "comment-footer")), None)
        name = re.sub(r"\s+(?:said|wrote)\s*(?:\.{3}|…|:)?$", "", _text(author)).strip()
        comments.append(Comment(name or None, _paragraphs(body) if body is not None else (), (), _date(_text(stamp)) if stamp is not None else None))
    return comments


def _class_of(element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _generic(root, item_xpath: str, author_xpath: str, text_xpath: str, children_xpath: str) -> list[Comment]:
    comments = []
    for item in root.xpath(item_xpath):
        author = _first(item, author_xpath)
        text = _first(item, text_xpath)
        children = _first(item, children_xpath)
        replies = _generic(children, item_xpath, author_xpath, text_xpath, children_xpath) if children is not None else []
        when = _first(item, ".//time/@datetime")
        comments.append(Comment(_text(author) if author is not None else None, _paragraphs(text) if text is not None else (), tuple(replies), _date(when)))
    return comments


_COMMENT_ITEM = _class("comment")
#: The classes of a comment's parts, each also with an underscore for its dash ("comment_date").
_AUTHOR_CLASSES = " or ".join(_class(n) for n in ("comment-author", "comment-name", "author", "username", "user", "fn", "commenter", "name", "comment_author", "comment_name"))
_TEXT_CLASSES = " or ".join(_class(n) for n in ("comment-body", "comment-content", "comment-text", "text", "message", "content", "comment_body", "comment_content", "comment_text"))
_DATE_CLASSES = " or ".join(_class(n) for n in ("comment-date", "date", "timestamp", "published", "comment-time", "submitted", "comment-meta", "comment_date", "comment_time", "comment_meta"))


_COMMENT_TAGS = frozenset({"div", "li", "article", "section", "aside", "dl", "dd", "blockquote"})


def _own(item, xpath: str) -> list:
    """What ``xpath`` finds inside the comment ``item`` that belongs to it, not to a reply nested in it."""
    return [e for e in item.xpath(xpath) if (e.xpath(f"ancestor::*[{_COMMENT_ITEM}][1]") or [None])[0] is item]


def _written_date(text: str) -> PubDate | None:
    """The date a comment's line of details gives: "Submitted by jussi on Fri, 02/11/2011 - 12:00"."""
    found = find_date(text, loose=True) if len(text) <= 200 else None  # the markup says it is a date
    return found[0] if found is not None else None


def _class_comment(item) -> Comment | None:
    """A comment marked only by its class ("comment"), with its author, text and date by theirs; None if it has no text."""
    author = next(iter(_own(item, f".//*[{_AUTHOR_CLASSES}]")), None)
    texts = _own(item, f".//*[{_TEXT_CLASSES}]")
    paragraphs = _paragraphs(texts[0]) if texts else tuple(t for t in (_text(p) for p in _own(item, ".//p")) if t)
    stamp = next((t.get("datetime") for t in _own(item, ".//time[@datetime]")), None)
    dated = next(iter(_own(item, f".//*[{_DATE_CLASSES}]")), None)
    date = _date(stamp) if stamp else (_written_date(_text(dated)) if dated is not None else None)
    replies = tuple(c for c in (_class_comment(child) for child in _own(item, f".//*[{_COMMENT_ITEM}]")) if c is not None)
    if item.tag not in _COMMENT_TAGS or (not paragraphs and not replies) or (author is None and date is None):
        return None  # a link "3 comments", an editor's note: a comment shows who wrote it or when
    name = without_name_note(without_verb(_text(author))).strip() if author is not None else None
    return Comment(name or None, paragraphs, replies, date)


def extract_comments(tree: lxml.html.HtmlElement) -> tuple[list[Comment], list]:
    """The page's reader comments as threads, and the elements they came from (to keep them out of the body)."""
    lists = tree.xpath(f"//ol[{_class('commentlist')} or {_class('comment-list')}] | //ul[{_class('commentlist')} or {_class('comment-list')}]")
    if lists:
        return [c for found in lists for c in _wordpress(found)], lists
    articles = tree.xpath(f"//article[{_class('comment')}][not(ancestor::article[{_class('comment')}])]")
    if articles:
        holder = articles[0].getparent()
        return _generic(holder, f"./article[{_class('comment')}]", f".//*[{_class('comment-author')} or {_class('author')}]", f".//*[{_class('comment-content')} or {_class('comment-body')}]", f"./*[{_class('children')} or {_class('replies')}]"), articles
    micro = tree.xpath(f"//*[{_COMMENT_TYPE}][not(ancestor::*[{_COMMENT_TYPE}])]")
    if micro:
        return [_microdata_comment(item) for item in micro], micro
    blogger = tree.xpath("//dl[@id='comments-block']")
    if blogger:
        return _blogger(blogger[0]), blogger
    from_json = _json_ld_comments(_json_ld(tree))
    if from_json:
        return from_json, []
    disqus = tree.xpath(f"//*[@id='disqus_thread']//ul[{_class('post-list')}] | //*[@id='disqus_thread']")
    if disqus:
        holder = _first(disqus[0], f".//ul[{_class('post-list')}]") if disqus[0].get("id") == "disqus_thread" else disqus[0]
        if holder is not None:
            found = _generic(holder, f"./li[{_class('post')}]", f".//*[{_class('author')}]", f".//*[{_class('post-message')}]", f"./ul[{_class('children')}]")
            if found:
                return found, disqus
    livefyre = tree.xpath(f"//*[{_class('fyre-comment-stream')}]")
    if livefyre:
        found = _generic(livefyre[0], f"./*[{_class('fyre-comment-article')}]", f".//*[{_class('fyre-comment-username')}]", f".//*[{_class('fyre-comment')}]", f"./*[{_class('fyre-comment-replies')}]")
        if found:
            return found, livefyre
    # last, any markup that calls its comments "comment": <div class="comment"> with an author, a text, replies inside
    items = tree.xpath(f"//*[{_COMMENT_ITEM}][not(ancestor::*[{_COMMENT_ITEM}])]")
    kept = [(item, comment) for item, comment in ((item, _class_comment(item)) for item in items) if comment is not None]
    return [comment for _, comment in kept], [item for item, _ in kept]


def _mostly_textless(comments: list[Comment]) -> bool:
    """Whether most of the comments (replies counted) that a known markup gave have no text: the markup is
    another site's use of its names (a theme's comment body under classes of its own), not what it knows."""
    every = [c for comment in comments for c in comment.thread()]
    return bool(every) and sum(not c.paragraphs for c in every) * 2 > len(every)


def _claimed(tree: lxml.html.HtmlElement) -> int | None:
    for heading in tree.xpath(f"//*[@id='comments']//h2 | //*[@id='comments']//h3 | //*[@id='comments']//h4 | //*[{_class('comments-title')}]"):
        claim = comment_claim(_text(heading))
        if claim is not None:
            return claim
    return None


# --- body ---------------------------------------------------------------------------------------


def _blocks(main) -> Iterator[Block]:
    for element in main:
        text = " ".join("".join(element.itertext()).split())
        if element.tag == "p" and text:
            yield Block(BlockKind.PARAGRAPH, text)
        elif element.tag == "quote" and text:
            yield Block(BlockKind.QUOTE, text)
        elif element.tag == "head" and text:
            level = int((element.get("rend") or "h2")[1:] or 2) if (element.get("rend") or "h2")[1:].isdigit() else 2
            yield Block(BlockKind.HEADING, text, level=min(max(level, 2), 6))
        elif element.tag == "list":
            items = tuple(ListItem(" ".join("".join(i.itertext()).split())) for i in element.iter("item") if "".join(i.itertext()).strip())
            if items:
                yield Block(BlockKind.LIST, items=items, ordered=element.get("rend") == "ol")
        elif text and element.tag in ("table", "div", "code", "lb"):
            yield Block(BlockKind.PARAGRAPH, text)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Control characters that XML cannot hold: a page's text keeps none (trafilatura, given the page's tree, could not
#: write its findings out with one left in).
_UNSERIALISABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The page as trafilatura's own parser reads it: its HTML comments and processing instructions left out.
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup (a form's parts as classes of their own) is a
# Python call for each element met, 5 million over 635 real pages, and neither trafilatura nor this module asks
# for a form's parts.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)
)


def decode_page(data: bytes) -> tuple[str, list[str]]:
    """An HTML page's text and what its decoding had to guess: a byte-order mark decides; else strict UTF-8
    (pages often declare Latin-1 and hold UTF-8); else the charset the page declares; else Windows-1252."""
    for bom, name in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            return data.decode(name, "replace"), []
    if b"\x00" in data[:1000]:
        return "", []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        first_bad = error.start
    declared = _CHARSET.search(data[:4096])
    name = declared.group(1).decode("ascii", "replace").lower() if declared else "cp1252"
    try:
        codecs.lookup(name)
    except LookupError:
        name = "cp1252"
    name = "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name  # as browsers read them
    how = f"as the page declares ({name})" if declared else "as Windows-1252 (the page declares no charset)"
    return data.decode(name, "replace"), [f"not valid UTF-8 (byte {first_bad}); decoded {how}"]


#: Where a page's markup gives the article's time: its first <time datetime>, or schema.org's datePublished.
_STAMP = (
    "//article//time/@datetime | //time[@pubdate]/@datetime | //*[@itemprop='datePublished']/@datetime | //*[@itemprop='datePublished']/@content"
    f" | //abbr[{_class('published')}]/@title"  # hAtom, as Blogger and older WordPress themes mark the time
)

#: The marks of an element that holds a byline, an author or the post's details: any class that holds one of these
#: (``_byline_elements``).
_BYLINE_CLASSES = ("byline", "author", "posted", "meta", "dateline", "post-footer", "submitted")
_BYLINE_MARK = re.compile("|".join(_BYLINE_CLASSES))


def _byline_elements(tree: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The elements that hold a byline by their markup, in page order: a link to the author (``rel="author"``), and
    an element of ``_BYLINE_CLASSES`` (not the page's <html>, <body> or a <meta>) outside the comments. (One walk
    over the elements, which stops where the byline is found: as XPath, the search cost 2 ms a page.)"""
    for element in tree.iter(etree.Element):
        if element.get("rel") == "author":
            yield element
        elif (marks := element.get("class")) and _BYLINE_MARK.search(marks) and element.tag not in ("meta", "html", "body"):
            if not any("comment" in (node.get("class") or "") or "comment" in (node.get("id") or "") or "disqus" in (node.get("id") or "")
                       for node in itertools.chain((element,), element.iterancestors())):
                yield element


#: The post's own title in the markup, for a page whose metadata gives none (Blogger's <title> is "Blog: Post").
_HEADLINE_MARKUP = f"//*[{_class('entry-title')}] | //*[{_class('post-title')}] | //*[@itemprop='headline']"
#: Marks of a page that holds one post (``_one_post``): the hAtom entry, the article body, and Drupal's article node
#: by their classes, WordPress's single post by its body's, schema.org's Article microdata by its type.
_ONE_POST_CLASSES = frozenset(("hentry", "post-body", "entry-content", "node-article", "node--type-article"))
_ONE_POST_TYPES = ("schema.org/Article", "schema.org/NewsArticle", "schema.org/BlogPosting")


def _one_post(tree: lxml.html.HtmlElement) -> bool:
    """Whether the page's markup says it holds one post: a mark of ``_ONE_POST_CLASSES`` or ``_ONE_POST_TYPES``, an
    article body, og:type "article", or a single <article>. (One walk over the elements: as XPath, the test cost a
    tenth of the page's conversion.)"""
    for element in tree.iter(etree.Element):
        classes = (element.get("class") or "").split()
        if not _ONE_POST_CLASSES.isdisjoint(classes) or (element.tag == "body" and "single-post" in classes):
            return True
        if element.get("itemprop") == "articleBody" or any(kind in (element.get("itemtype") or "") for kind in _ONE_POST_TYPES):
            return True
        if element.tag == "meta" and element.get("property") == "og:type" and element.get("content") == "article":
            return True
    return len(tree.xpath("//article")) == 1


def _page_byline(tree: lxml.html.HtmlElement, heading: lxml.html.HtmlElement | None = None) -> Byline | None:
    """The byline the page's markup shows when its metadata names no writer: of the short elements marked as a
    byline, an author or the post's details that read as one ("Posted by Ann Lee on February 11, 2011"), the
    first under the article's ``heading`` (a teaser's author over it is another post's), else the nearest over
    it; the first of all where the heading is not known.
    A name alone, with no byline's words, must be a full one: a single word marked as an author is as often a
    section's or a menu's ("Culture", "Previous"). Where the line says "by", the writers are the names after
    it ("Home | By Ann Lee | 30 September 2018"), not a section's label before it."""
    order: dict[lxml.html.HtmlElement, int] = {}  # each element's place in the page, once a byline is found
    over: Byline | None = None  # the nearest over the headline so far
    for element in itertools.islice(_byline_elements(tree), 40 if heading is None else BYLINE_ELEMENTS):
        text = without_comment_count(_byline_text(element))  # the post's details may end with its comments' count
        if 0 < len(text) <= 200:
            byline = parse_byline(text) or (parse_byline(f"By {text}") if is_name(text) and len(text.split()) >= 2 else None)
            if byline is not None and byline.authors:
                named = led_by_writer(text)
                byline = replace(byline, authors=named) if named and not set(named) & set(byline.authors) else byline
                if heading is None:
                    return byline
                order = order or {e: k for k, e in enumerate(tree.iter())}
                if order.get(element, 0) > order.get(heading, -1):
                    return byline  # the first under the headline
                over = byline
    return over


#: How many elements marked as bylines are looked at for the one under the headline: a page may list many
#: teasers with their writers over it.
BYLINE_ELEMENTS = 400


#: What a byline's element holds, or is held in, that names no writer: its tags' and categories' links, the links to the posts
#: before and after it (HTML's and WordPress's ``rel`` values), and its buttons ("Share").
_NOT_WRITER_LINK = "a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ') or contains(@rel, 'category') or @rel='prev' or @rel='next']"
_NOT_WRITERS = f".//{_NOT_WRITER_LINK} | .//button"
_IN_NOT_WRITER = f"ancestor-or-self::{_NOT_WRITER_LINK} | ancestor-or-self::button"


def _byline_text(element: lxml.html.HtmlElement) -> str:
    """The text of a byline's element, without what names no writer (``_NOT_WRITERS``); none for an element
    inside one ("Previous post" in the link to it)."""
    if element.xpath(_IN_NOT_WRITER):
        return ""
    if not element.xpath(_NOT_WRITERS):
        return _text(element)
    element = copy(element)
    for part in element.xpath(_NOT_WRITERS):
        part.drop_tree()  # its tail, the text after it, stays
    return _text(element)


#: How much each source of a page's writers counts when they disagree: the log-odds that its names are the
#: annotated writers where it names any, on the ``fit`` split of the real pages (add-one smoothed), over the
#: best source's. Right where present: the article's JSON-LD 38 of 45, the byline its markup marks 82 of 98, a
#: "by" line under the headline 68 of 81, trafilatura's guess 103 of 124 (but recased: "Mobilefan"), links to
#: the writers' own pages 43 of 53, an ``author`` meta tag 32 of 43 (a site's name, a profile's address), a byline
#: that the extractor kept in the text 4 of 4 (``_text_byline``: it outweighs one other source alone), the name the
#: post's author comments under (``_post_author_commenting``) 12 of 13. Names
#: that two sources agree on win; ties go to the source named first, whose casing is the page's own.
AUTHOR_SOURCES = {"own comments": 1.17, "in the text": 1.01, "metadata": 0.99, "byline": 0.99, "under the headline": 1.0, "meta tag": 0.63, "trafilatura": 0.97, "profile link": 0.87}
#: A source whose every name is the site's own ("Daily Site" on dailysite.com) counts this share of its weight: a
#: publication is named as the writer when no person is, but a person named by any other source is the writer.
SITE_NAME_SHARE = 0.05
#: How many pieces of text under the headline are looked at for its byline, and for its date; how long a piece
#: with the date may be (a byline's, not a sentence's).
HEADLINE_REACH = 25
HEADLINE_DATE_REACH = 12
HEADLINE_DATE_LENGTH = 80


def _writers(candidates: list[tuple[str, tuple[str, ...]]], site: str | None) -> tuple[str, ...]:
    """The writers that the page's sources (``AUTHOR_SOURCES``) agree on most: each source's names count for the
    sources whose names share at least half of their words; of readings that agree as much, the one the most
    sources give in the same words stands."""
    found = [(source, names) for source, names in ((s, tuple(filter(None, map(_plain_name, n)))) for s, n in candidates) if names]
    if not found:
        return ()
    keys = [frozenset(re.findall(r"[^\W_]+", " ".join(names).casefold())) for _, names in found]  # "Jane_Doe" as "Jane Doe"
    weights = [AUTHOR_SOURCES[source] * (SITE_NAME_SHARE if all(_is_site_name(n, site) for n in names) else 1.0) for source, names in found]
    scores = [sum(w for key, w in zip(keys, weights) if len(key & own) >= max(len(key), len(own)) / 2) for own in keys]
    # among readings that agree as much, the one more sources give word for word ("Ana Ruiz" over a byline's
    # "Ana Ruiz March"), spelt as the first source to give it spells it
    exact = [keys.count(own) for own in keys]
    best = keys[max(range(len(found)), key=lambda i: (scores[i], exact[i], -i))]
    chosen = next(names for key, (_, names) in zip(keys, found) if key == best)
    # a source that names every writer the chosen one names, and more, names the byline's others too ("Jane Doe"
    # where another source has "Jane Doe", "Sam Okafor")
    named = {name.casefold() for name in chosen}
    chosen = next((names for _, names in found if named < {name.casefold() for name in names}), chosen)
    return tuple(_written_out(name, [other for _, names in found for other in names]) for name in chosen)


def _from_address(name: str, tagged: tuple[str, ...]) -> bool:
    """Whether ``name`` is an e-mail address of an author meta tag read as a name ("jdoe[at]example.org" as "Jdoeexample
    Org"), as trafilatura reads one."""
    letters = re.sub(r"[\W_]+", "", name.casefold())
    return bool(letters) and any(
        ("@" in tag or "[at]" in tag) and re.sub(r"\[at\]|[\W_]+", "", tag.casefold()) == letters for tag in tagged
    )


def _written_out(name: str, others: list[str]) -> str:
    """A first name alone as another source writes it out ("Jane" as "Jane Doe", not as "Jane 3"), else as it is."""
    if len(name.split()) > 1:
        return name
    return next((other for other in others if other.casefold().startswith(name.casefold() + " ") and not any(c.isdigit() for c in other)), name)


#: The accounts a blog's software makes itself, which the sites that keep them name no writer by.
_ACCOUNTS = frozenset({"admin", "administrator", "webmaster"})


def _plain_name(name: str) -> str | None:
    """A writer's name as a source gives it, entities decoded and quotes off ("Redacci&oacute;n" → "Redacción"),
    or None for what is no name: an e-mail or web address, a sentence, a title, a function word."""
    name = html_text.unescape(name).strip().strip("'\"“”‘’").strip()
    if not name or "@" in name or "[at]" in name or re.match(r"https?:", name) or len(name.split()) > 5 or len(name) > 60:
        return None
    if name.casefold() in _ACCOUNTS:
        return None  # the site's default account, not a writer's name
    name = writer_name(name)
    if (model := zoner()) is not None and name.casefold() in model.stop:
        return None  # a function word ("Lettre signée par un …"), not a name
    return name


def _is_site_name(name: str, site: str | None) -> bool:
    """Whether ``name`` is the site's: its name or address, a part of it ("Daily Site" of "The Daily Site |
    News"), or its initials ("DS")."""
    if not site:
        return False
    key = _site_key(name)
    if not key:
        return False
    parts = {_site_key(part) for part in re.split(r"\s+[|•·–—:-]\s+", site)} | {_site_key(site)}
    if any(part and (key == part or (len(key) >= 4 and (key in part or part in key))) for part in parts):
        return True
    initials = "".join(word[0] for word in re.findall(r"\w+", site.casefold()))
    return 2 <= len(key) <= 4 and key == initials


def _site_key(text: str) -> str:
    """A site's name or address as letters and digits only, without its scheme, "www." and top-level domain."""
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.strip().casefold())
    text = re.sub(r"\.[a-z]{2,6}/?$", "", text)
    return re.sub(r"\W+", "", text)


def _under_headline(tree: lxml.html.HtmlElement, title: str | None) -> list[str]:
    """The pieces of text after the ``<h1>`` that is the title (or the page's one ``<h1>``), where a byline
    and a date stand; none when the page has no such heading."""
    key = _title_key(title)
    headings = tree.xpath("//h1")[:20]
    heading = next((h for h in headings if (own := _title_key(_text(h))) and key and (own in key or key in own)), None)
    if heading is None and len(headings) == 1:
        heading = headings[0]
    return _text_after(heading) if heading is not None else []


def _profile_writers(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """The writers that links to their own pages name, outside the comments: a link to "/author/jane-doe/"
    whose text is that name ("Jane Doe"), or the login the address holds ("jdoe" to "/author/jdoe/"). The
    first such link's name, with those of the links right after it in the same element or in elements beside
    it (several writers of one byline); the first link elsewhere ends them."""
    found: list[tuple[str, lxml.html.HtmlElement]] = []
    for link in tree.iter("a"):
        if (text := profile_name(link)) is not None and not link.xpath("ancestor::*[contains(@class, 'comment') or contains(@id, 'comment')]"):
            if not found:
                found.append((text, link.getparent()))
            elif link.getparent() is found[0][1] or link.getparent().getparent() is found[0][1].getparent():
                found.append((text, link.getparent()))
            else:
                break
    return tuple(dict.fromkeys(name for name, _ in found))


def _headline_writers(pieces: list[str]) -> tuple[str, ...]:
    """The writers a short "by" line under the headline names (``parse.byline.led_by_writer``), its ``pieces``
    read each alone and with the next (a "By" and a link with the name)."""
    for i, piece in enumerate(pieces):
        for text in (piece, f"{piece} {pieces[i + 1]}" if i + 1 < len(pieces) else ""):
            if text and (names := led_by_writer(text)):
                return names
    return ()


#: How many of the text's first paragraphs and headings, and of its last, are looked at for a byline the
#: extractor kept in the text ("By Jane Doe" over the first paragraph, "Von Jane Doe" under the last).
TEXT_BYLINE_HEAD = 3
TEXT_BYLINE_FOOT = 2


def _text_byline(blocks: tuple[Block, ...]) -> tuple[tuple[str, ...], Block] | None:
    """The writers a byline that stands in the extracted text as a paragraph or heading of its own names (near the
    text's start or end), and that block: a line that both the "by" reading (``led_by_writer``) and the byline
    grammar (``parse_byline``) read as the same writers, so that a sentence's "by" ("Boats came by the quay")
    or a credit ("Zeichnungen von …") names no one."""
    shown = [b for b in blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)]
    for block in shown[:TEXT_BYLINE_HEAD] + shown[-TEXT_BYLINE_FOOT:]:
        if (names := led_by_writer(block.text)) and (parsed := parse_byline(block.text)) is not None and parsed.authors == names:
            return names, block
    return None


def _headline_date(pieces: list[str], day_first: bool) -> PubDate | None:
    """The first day's date in a short piece of text close under the headline ("21.01.2022 11:46", "Monday,
    February 7, 2022"), as the page's language orders a numeric date."""
    for piece in pieces[:HEADLINE_DATE_REACH]:
        if len(piece) <= HEADLINE_DATE_LENGTH and (found := find_date(piece, day_first=day_first, loose=True)) is not None \
                and found[0].precision in (Precision.DAY, Precision.MINUTE):
            return found[0]
    return None


def _day_first(tree: lxml.html.HtmlElement) -> bool:
    """Whether the page's language writes a numeric date day first: any language the page declares but
    English with no country or the US's."""
    language = (tree.get("lang") or _meta(tree, "og:locale", "content-language") or "").strip().casefold().replace("_", "-")
    return bool(language) and language not in ("en", "en-us")


_UNSHOWN = frozenset({"script", "style", "noscript", "template"})


def _shown_texts(element) -> Iterator[str]:
    """The pieces of text inside ``element`` that a reader sees: none of its scripts' or styles'."""
    if element.text and element.tag not in _UNSHOWN:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            if child.tag not in _UNSHOWN:
                yield from _shown_texts(child)
        if child.tail:
            yield child.tail


def _text_after(element) -> list[str]:
    """The first ``HEADLINE_REACH`` pieces of text that follow ``element`` in the page, spaces collapsed."""
    pieces: list[str] = []

    def add(text: str | None) -> bool:
        if text and (text := " ".join(text.split())):
            pieces.append(text)
        return len(pieces) >= HEADLINE_REACH

    node = element
    while node is not None:
        if add(node.tail):
            return pieces
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag not in _UNSHOWN:
                if any(add(text) for text in _shown_texts(sibling)):
                    return pieces
            if add(sibling.tail):
                return pieces
        node = node.getparent()
    return pieces


def _metadata(tree: lxml.html.HtmlElement, url: str | None) -> Document:
    """trafilatura's metadata of a page: what its ``extract_metadata`` finds of the title, the writers, the address,
    the date (by htmldate's extensive search) and the site's name, without the categories, tags and licence that
    this project does not read (they cost about 3 ms of a page's 44 on the real pages)."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # as trafilatura: a single word in a meta tag is seldom a writer's name
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # noqa: BLE001 - as trafilatura: its JSON-LD reader's errors leave the meta tags' findings
        pass
    metadata.title = metadata.title or extract_title(tree)
    metadata.author = metadata.author or marked_writer(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    metadata.date = htmldate.find_date(tree, **{**set_date_params(True), "url": metadata.url})
    metadata.sitename = metadata.sitename or extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (site := META_URL.match(metadata.url)):
        metadata.sitename = site[1]
    metadata.clean_and_trim()
    return metadata


def _extracted(tree: lxml.html.HtmlElement, url: str | None, favor_recall: bool = False) -> tuple[tuple[Block, ...], int]:
    """The article's blocks as trafilatura reads them in a page, and their number of words; raises
    :class:`NotAnArticle` when it finds no text. trafilatura reads a copy of the page's tree (as its own parser
    leaves a page: no HTML comments, no processing instructions) rather than the page written out and parsed
    again, and skips the fingerprint ``extract`` would add; ``url`` is the page's address, the metadata's
    (``_metadata``) where the page gives one."""
    options = Extractor(output_format="xml", comments=False, tables=True, recall=favor_recall, url=url)
    document = trafilatura.bare_extraction(tree, options=options)  # which reads a copy
    result = determine_returnstring(document, options) if document else None
    if not result:
        raise NotAnArticle("no article text found (a home page, a listing or a search page?)")
    main = etree.fromstring(result.encode("utf-8")).find("main")
    blocks = tuple(_blocks(main)) if main is not None else ()
    return blocks, sum(len(b.text.split()) + sum(len(i.text.split()) for i in b.items) for b in blocks)


# Long: the page's sources are read in order, each one's finding weighed against the others' (comments out of
# the markup before trafilatura reads the body; the title, writers and date by the sources' agreement); split
# up, the findings would pass back and forth.
def html_article(data: bytes, url: str | None = None, captured_at: str | None = None) -> Article:
    """The article of an HTML page, captured at ``captured_at`` (as a WARC record says) if known; raises
    :class:`NotAnArticle` for pages that hold none."""
    html, decoding = decode_page(data)
    if not html.strip():
        raise NotAnArticle("empty or not HTML")
    try:
        tree = lxml.html.fromstring(_UNSERIALISABLE.sub("", _XML_DECLARATION.sub("", html)), parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise NotAnArticle(f"not HTML: {error}") from None
    meta = page_meta(tree)
    commenting = _post_author_commenting(tree)  # before the comments leave the tree
    comments, sources = extract_comments(tree)
    if _mostly_textless(comments):
        comments, sources = [], []  # a known markup misread (its text under other classes): read by structure below
    claimed = _claimed(tree)
    for element in sources:
        if element.getparent() is not None:
            element.getparent().remove(element)
    # the time the page shows, if its metadata gives none: the article's first <time datetime>, comments gone
    stamped = _first(tree, _STAMP)
    headlines = tree.xpath(_HEADLINE_MARKUP)
    headline = headlines[0] if len(headlines) == 1 else None  # several: a sidebar's list of posts, not the post's own
    references = _page_references(tree)
    if not comments:  # no comments in a markup known: a run of elements that the markup names comments, or that read as comments
        # the reading that finds more comments: by the parts their markup names, or by the text path's grammar
        groups = sibling_groups(tree)
        comments, sources = max(
            structural_comments(tree, groups), named_comments(tree, groups), signed_comments(tree), key=lambda found: sum(c.count() for c in found[0])
        )
        for element in sources:
            if element.getparent() is not None:
                element.getparent().remove(element)
    one_post = _one_post(tree)  # its comments' <article>s gone
    section = _comment_section(tree, url) if not comments and _marks_comments(tree) else None  # else trafilatura's search for a section
    least = SHORT_POST_WORDS if one_post else MIN_WORDS
    metadata = _metadata(tree, url)  # in the page without the comments read so far, as trafilatura's text
    blocks, words = _extracted(tree, url or metadata.url)
    if words < least:  # too little for an article: trafilatura again, keeping what it doubts (a short post's text)
        blocks, words = max((blocks, words), _extracted(tree, url or metadata.url, favor_recall=True), key=lambda read: read[1])
    guessed = {key: unicodedata.normalize("NFC", value) for key in ("title", "author", "date", "sitename") if (value := getattr(metadata, key))}
    headline_text = _text(headline) if headline is not None else ""
    element_title = _title_element(tree)
    title = _shown_title(tree, meta.title or guessed.get("title"), headline_text, meta.title or element_title) or clean_title(
        meta.title or (headline_text if 0 < len(headline_text) <= 300 else "") or element_title or guessed.get("title") or "", meta.site or guessed.get("sitename")
    )
    shown_as = next((h for h in ([headline] if headline is not None else []) + tree.xpath("//h1")[:20] if without_invisible(_text(h)) == title), None)
    title = _without_kicker(title, shown_as, meta.title)
    title = dated[0] if (dated := dated_title(title)) is not None else title  # "23.01.2022 - Ferry saved": the day is the byline's
    if blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].text.strip() == title:
        blocks = blocks[1:]
    if words < least:
        raise NotAnArticle(f"only {words} words of text (a home page, a listing or a search page?)")
    if section is not None:
        comments = list(_section_comments(section, claimed))
    warnings = list(decoding)
    # the writers the page's sources agree on (``_writers``): its metadata, its byline, a "by" line under its
    # headline, its author meta tags, trafilatura's guess (which recases them: "mobilefan" as "Mobilefan")
    shown = _page_byline(tree, shown_as if shown_as is not None else headline)
    under = _under_headline(tree, title)
    day_first = _day_first(tree)
    authors = _writers(
        [
            ("metadata", meta.authors),
            ("byline", shown.authors if shown is not None else ()),
            ("under the headline", headlined := _headline_writers(under)),
            ("meta tag", meta.tagged),
            ("profile link", _profile_writers(tree)),
            ("own comments", commenting),
            # the text's byline, unless it is the one read under the headline: one line, one source
            ("in the text", signed[0] if (signed := _text_byline(blocks)) is not None and signed[0] != headlined else ()),
            # last, so that a tie goes to a source that writes the names as the page does
            ("trafilatura", tuple(n for n in (guessed.get("author") or "").split(";") if not _from_address(n, meta.tagged))),
        ],
        meta.site or guessed.get("sitename"),
    )
    if signed is not None and signed[0] == authors:
        blocks = tuple(b for b in blocks if b is not signed[1])  # the byline is the article's metadata, not its text
    if not authors:
        warnings.append("no author in the page's metadata or byline: author unknown")
    candidates = [
        ("metadata", meta.published),
        ("htmldate", guessed.get("date")),
        ("byline", _page_date(shown.date.text, day_first) if shown is not None and shown.date is not None else None),
        ("time element", str(stamped) if stamped else None),
        ("under the headline", _headline_date(under, day_first)),
    ]
    published, date_source = _published(candidates, captured_time(captured_at), warnings)
    if not published.known:
        warnings.append("no publication date in the page: left undated")
    captured = sum(c.count() for c in comments)
    if claimed is not None and claimed != captured:
        warnings.append(f"the page claims {claimed} comments but {captured} were captured")
    if not title:
        title, warnings = (blocks[0].text[:90] if blocks else "Untitled"), [*warnings, "no title in the page: title taken from the text"]
    return Article(
        title=title,
        title_inferred=not (meta.title or guessed.get("title")),
        authors=authors,
        organisation=meta.site or guessed.get("sitename"),
        published=published,
        date_source=date_source,
        comments_claimed=claimed,
        body=_without_listed(blocks, references),
        comments=tuple(_mark_author(c, set(authors)) for c in comments),
        references=references,
        warnings=tuple(warnings),
    )


#: The starts of the ids that trafilatura's comment search looks for besides those with "comment" in them.
_COMMENT_IDS = ("comol", "disqus_thread", "social")


def _marks_comments(tree: lxml.html.HtmlElement) -> bool:
    """Whether an element's class or id holds what trafilatura's comment search looks for (``COMMENTS_XPATH``:
    "comment", "Comments", a Disqus thread's id, an id that starts with "social"); where none does, the search
    finds nothing, and is not run (a tenth of a page's conversion)."""
    for element in tree.iter(etree.Element):
        marks = element.get("id") or ""
        if "omment" in marks or "omment" in (element.get("class") or "") or marks.startswith(_COMMENT_IDS):
            return True
    return False


def _comment_section(tree: lxml.html.HtmlElement, url: str | None) -> etree._Element | None:
    """The text of the page's comment section as trafilatura finds it (its elements: paragraphs, headings,
    lists), or None. trafilatura's own comment search, run apart from its extraction of the article: with
    comments asked for, that extraction keeps sidebars it otherwise prunes (fit split: body F1 0.940 → 0.931)."""
    options = Extractor(output_format="xml", comments=True, tables=True, url=url)
    page = copy(tree)
    for stamp in page.iter("time"):
        stamp.tag = "span"  # trafilatura drops a <time> with its text: a comment's date, which its header needs
    converted = convert_tags(tree_cleaning(page, options), options, url)
    section, text, _ = trafilatura_comments(converted, options)
    return section if text else None


#: The words a comment section without headers that read as comments must hold to be taken for one, fitted on
#: the ``fit`` split: what trafilatura finds on pages without comments is a heading and a form's prompt
#: ("Leave a Reply", "You must be logged in to post a comment"), up to 15 words.
SECTION_WORDS = 25


def _section_comments(section: etree._Element, claimed: int | None) -> tuple[Comment, ...]:
    """The comments of the comment section trafilatura found, as its text reads: split into comments by the
    text path's grammar of comment headers (a name, a date or an age, "says:"), nested as the text path nests
    them; its heading and form prompts left out. Only a section with comment evidence gives comments: a count
    the page claims, a header with a name and a date, or text enough for comments (``SECTION_WORDS``, in two
    paragraphs or more); else it is a sidebar's or a form's. A heading over the section, however it words its
    call ("What do you think?"), is left out where the comments under it show that evidence on their own."""
    elements = list(section)
    if elements and elements[0].tag == "head" and (under := _read_section(elements[1:], claimed)):
        return under
    return _read_section(elements, claimed)


def _read_section(elements: list[etree._Element], claimed: int | None) -> tuple[Comment, ...]:
    texts = [" ".join(" ".join(element.itertext()).split()) for element in elements]
    texts = [t for t in texts if t]
    while texts and (is_comment_heading(texts[0]) or opens_form(texts[0])):
        texts = texts[1:]
    if not texts:
        return ()
    found, _ = parse_comments([make_line(2 * n + 1, text) for n, text in enumerate(texts)], None, ())  # each its own block
    words = sum(len(t.split()) for t in texts)
    evidence = claimed or any(c.author and c.date is not None for c in found) or (words >= SECTION_WORDS and len(texts) >= 2)
    return found if evidence else ()


_HEADING_TAGS = "//h2 | //h3 | //h4 | //h5 | //h6 | //p[strong] | //div[count(*) = 0] | //span[count(*) = 0]"


def _title_key(text: str | None) -> str:
    return re.sub(r"\W+", "", (text or "").casefold())


def _shown_title(tree: lxml.html.HtmlElement, named: str | None, marked: str = "", declared: str | None = None) -> str | None:
    """The headline the page shows its reader, where the metadata's title is written for search engines and
    feeds ("Topic: Headline | Site"): the post's title as its markup marks it (``marked``), else the page's one
    ``<h1>`` of two words or more, else the ``<h1>`` that the metadata's title holds or is held by; None when no
    heading of the page is its title. (On the ``fit`` split of the real pages, the shown headline is the
    annotated title more often: 0.75 → 0.84.) A post's title marked in a teaser elsewhere gives way to the
    page's one ``<h1>`` that the title the page declares (its metadata's, else its ``<title>``) holds and the
    teaser's not, and a date over the headline ("23.01.2022 –
    Headline") or after it ("Headline 02.02.2022 • Section") is no part of it when the metadata's title has none."""
    # a heading shown twice (the page's mobile and desktop layouts) is one
    headings = list(dict.fromkeys(without_invisible(t) for t in (_text(h) for h in tree.xpath("//h1")[:20]) if t and len(t) <= 300))
    one = headings[0] if len(headings) == 1 and len(headings[0].split()) >= 2 else None
    key = _title_key(named)
    if 0 < len(marked) <= 300:
        marked = without_invisible(marked)
        own = _title_key(declared)
        if one is None or not own or _title_key(one) not in own or _title_key(marked) in own:
            return marked  # unless the metadata's title holds the page's headline and not the marked title
    if one is not None:
        return _undated(one, named)
    return _part_shown(tree, declared) or next((h for h in headings if key and _title_key(h) and (_title_key(h) in key or key in _title_key(h))), None)


def _part_shown(tree: lxml.html.HtmlElement, declared: str | None) -> str | None:
    """The one part of the title the page declares ("Site » News » Headline") that the page's first headings show
    as it is: a part of two words or more shown as an ``<h1>``, else as an ``<h2>``, else a one-word part shown as
    an ``<h1>`` (a section's or a site's name is often one word, and an ``<h2>``); None where several are shown."""
    split = _SUFFIX.split((declared or "").strip())
    parts = {_title_key(part): part for part in split if _title_key(part)} if len(split) >= 2 else {}
    headings = [(h.tag, _title_key(_text(h))) for h in tree.xpath("//h1 | //h2")[:SHOWN_HEADINGS]] if parts else []
    for level, least in (("h1", 2), ("h2", 2), ("h1", 1)):
        shown = {key for tag, key in headings if tag == level and key in parts and len(parts[key].split()) >= least}
        if shown:
            return parts[shown.pop()].strip() if len(shown) == 1 else None
    return None


#: How many of a page's headings are looked at for a part of its declared title.
SHOWN_HEADINGS = 30


def _title_element(tree: lxml.html.HtmlElement) -> str:
    """The text of the page's ``<title>`` (with the site's name still in it)."""
    found = tree.find(".//title")
    return without_invisible(_text(found)) if found is not None else ""


#: The classes of a headline's part that the reader does not see, kept for screen readers and search engines (the
#: ": " between a kicker and the headline); "hidden-xs" and the like hide a part on small screens only.
_HIDDEN_CLASSES = frozenset({"hidden", "invisible", "element-invisible", "visuallyhidden", "offscreen"})
_HIDDEN_CLASS_PARTS = ("visually-hidden", "sr-only", "screen-reader")
#: What separates a kicker from the headline it stands over: a colon, a dash, a bar, a slash; and a text that
#: is such a separator or nothing.
_SEPARATOR = re.compile(r"^\s*[:|/–—-]+\s*$")
_BLANK_OR_SEPARATOR = re.compile(r"^[\s:|/–—-]*$")
#: How many words a kicker has at most.
KICKER_WORDS = 6


def _without_kicker(title: str, heading: lxml.html.HtmlElement | None, named: str | None) -> str:
    """The headline without the kicker over it ("Climate: Drilling until it gets hot"): where the heading is
    made of parts alone, a short first one, a separator part of its own (often one the reader does not see)
    and the headline; or where the title the metadata names is the heading's end after a short opening. A
    colon in the first part's own text parts nothing ("Editor's letter: Goodbye"): it is the title's."""
    named = (named or "").strip()
    if heading is not None and not (heading.text or "").strip():
        parts = [child for child in heading if isinstance(child.tag, str)]
        if len(parts) >= 2 and all(_BLANK_OR_SEPARATOR.match(child.tail or "") for child in parts):
            shown = [p for p in parts if not _hidden_part(p)]
            texts = [" ".join(_text(p).split()) for p in shown]
            rest = " ".join(t for t in texts[1:] if not _BLANK_OR_SEPARATOR.match(t)).strip()
            # parted by a separator of its own (which the reader may not see), not by a colon in the kicker's text
            separated = len(shown) < len(parts) or any(_SEPARATOR.match(t) for t in texts[1:])
            if texts and 0 < len(texts[0].split()) <= KICKER_WORDS and len(rest.split()) >= 2 and separated:
                return rest
        if parts and not _hidden_part(parts[0]):
            kicker = " ".join(_text(parts[0]).split())
            rest = " ".join(" ".join([parts[0].tail or "", *(" ".join([_text(p), p.tail or ""]) for p in parts[1:] if not _hidden_part(p))]).split())
            if 0 < len(kicker.split()) <= KICKER_WORDS and len(rest.split()) >= 2 and _named_apart(kicker, rest, named):
                return rest
    if len(named.split()) >= 2 and title.endswith(named) and _title_key(named) != _title_key(title):
        if len(title[: -len(named)].split()) <= KICKER_WORDS:
            return named
    return title


def _named_apart(kicker: str, rest: str, named: str) -> bool:
    """Whether the title the metadata names tells a heading's first part (a kicker) from the rest: it holds the
    rest and not the kicker with it."""
    held = _title_key(named)
    return bool(held) and _title_key(rest) in held and _title_key(kicker + rest) not in held


def _hidden_part(element: lxml.html.HtmlElement) -> bool:
    """Whether the page hides a part of its headline from the reader's eyes (``_HIDDEN_CLASSES``, an inline style)."""
    classes = (element.get("class") or "").casefold().split()
    return any(c in _HIDDEN_CLASSES or any(part in c for part in _HIDDEN_CLASS_PARTS) for c in classes) \
        or "display:none" in (element.get("style") or "").replace(" ", "")


def _undated(headline: str, named: str | None) -> str:
    """``headline`` without a date that opens it ("1. Februar 2022 Headline", "23.01.2022 - Headline") or that
    follows it with what else the heading shows ("Headline 02.02.2022 • Section"), when the metadata's title
    ``named`` holds the rest and no date."""
    found = find_date(headline)
    if found is None or named is None or find_date(named) is not None:
        return headline
    if found[1][0] > 0:
        head = headline[: found[1][0]].rstrip(" -–—|:•/,")
        return head if len(head.split()) >= 2 and _title_key(head) == _title_key(named) else headline
    rest = headline[found[1][1] :].lstrip(" -–—|:•/,")
    return rest if len(rest.split()) >= 2 and _title_key(rest) in _title_key(named) else headline


def _page_references(tree: lxml.html.HtmlElement) -> tuple[Reference, ...]:
    """The articles the page lists as further reading: the links of a list under a heading such as "Related
    Stories" or "Read more", wherever it stands (in the article or in a sidebar)."""
    found: dict[str, Reference] = {}
    for heading in tree.xpath(_HEADING_TAGS)[:2000]:
        text = _text(heading)
        if not text or len(text) > 60 or not is_reference_heading(text):
            continue
        listing = heading.getnext()
        if listing is None or listing.tag not in ("ul", "ol"):
            continue
        group = text.strip().rstrip(":»› ")
        for link in listing.xpath("./li//a[1]"):
            title = _text(link)
            if title and len(title.split()) >= 2 and title not in found:
                found[title] = Reference(title, group)
    return tuple(found.values())


def _without_listed(blocks: tuple[Block, ...], references: tuple[Reference, ...]) -> tuple[Block, ...]:
    """The body without the lists of further reading that are the page's references, nor their headings."""
    titles = {r.title for r in references}
    listed = {i for i, b in enumerate(blocks) if b.kind is BlockKind.LIST and b.items and all(item.text in titles for item in b.items)}
    groups = {r.group for r in references}
    headings = {i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING and b.text.strip().rstrip(":»› ") in groups and is_reference_heading(b.text)}
    return tuple(b for i, b in enumerate(blocks) if i not in listed and i not in headings)


def _mark_author(comment: Comment, authors: set[str]) -> Comment:
    """A comment by the article's own author is marked, as the text parser marks it."""
    return Comment(
        comment.author,
        comment.paragraphs,
        tuple(_mark_author(r, authors) for r in comment.replies),
        comment.date,
        comment.author in authors,
    )
