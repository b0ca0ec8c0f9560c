"""The writer a page's markup marks: the one walk finds what trafilatura's ``extract_author`` finds, on pages of
each mark and on random pages made of them."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.metadata import extract_author

from newsarchive.parse.marked_writer import marked_writer


def _page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><head><title>Quimbly news</title></head><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("body", "writer"),
    [
        ('<p>Text.</p><a rel="author" href="/ana">Ana Ruiz</a>', "Ana Ruiz"),
        ('<span class="author-name">Ana Ruiz</span>', "Ana Ruiz"),
        ('<p itemprop="author">Bo Okafor</p>', "Bo Okafor"),
        ("<author>Ana Ruiz</author>", "Ana Ruiz"),
        ('<div data-component="Byline"><b>Bo Okafor</b></div>', "Bo Okafor"),
        ('<h4 class="byline">Bo Okafor</h4>', "Bo Okafor"),
        # the comments and the sidebar are set aside: the writer is the one outside them
        ('<div id="comments"><span class="author">Reader Lee</span></div><span class="writer">Ana Ruiz</span>', "Ana Ruiz"),
        ('<div class="sidebar"><span class="author">Other Writer</span></div><div class="post-author">Bo Okafor</div>', "Bo Okafor"),
        # a date inside the byline is taken out, the words after it stay
        ('<div class="byline">Ana <time>3 May 2011</time>Ruiz</div>', "Ana Ruiz"),
        ('<span class="author"><figure>A picture</figure>Ana Ruiz</span>', "Ana Ruiz"),
        # too long for a name: the next mark's element
        (f'<span class="author">{"word " * 40}</span><p class="journalist-name">Ana Ruiz</p>', "Ana Ruiz"),
        ("<div><rel>me</rel>Ana Ruiz</div>", "Me Ana Ruiz"),
        ("<p>No writer is marked.</p>", None),
    ],
)
def test_the_walk_finds_the_writer_trafilatura_finds(body: str, writer: str | None) -> None:
    page = _page(body)
    assert marked_writer(page) == extract_author(_page(body)) == writer


_TAGS = st.sampled_from(["div", "span", "a", "p", "section", "h3", "h4", "strong", "address", "time", "figure", "author", "li"])
_ATTRIBUTES = st.sampled_from([
    {}, {"class": "author"}, {"class": "byline"}, {"class": "post-author vcard"}, {"class": "comments"}, {"class": "sidebar"},
    {"class": "meta-date"}, {"class": "title"}, {"class": "Writer"}, {"class": "screenname"}, {"class": "posted-by"},
    {"id": "author"}, {"id": "comments-area"}, {"id": "commentlist"}, {"id": "xiaobian"}, {"rel": "author"},
    {"itemprop": "author"}, {"itemprop": "author name"}, {"data-component": "Byline"}, {"data-component": "Figure"},
    {"data-testid": "AuthorURL"}, {"class": "quote author"},
])
_TEXTS = st.sampled_from(["", "Ana Ruiz", "Bo", "by Bo Okafor", "3 May 2011", "Quimbly " * 30, " and "])


def _element() -> st.SearchStrategy[str]:
    def tag(inner: str, name: str, attributes: dict[str, str], text: str, tail: str) -> str:
        marks = "".join(f' {k}="{v}"' for k, v in attributes.items())
        return f"<{name}{marks}>{text}{inner}</{name}>{tail}"

    leaf = st.builds(tag, st.just(""), _TAGS, _ATTRIBUTES, _TEXTS, _TEXTS)
    return st.recursive(leaf, lambda inner: st.builds(tag, st.lists(inner, max_size=4).map("".join), _TAGS, _ATTRIBUTES, _TEXTS, _TEXTS), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(_element(), min_size=1, max_size=4))
def test_on_any_page_of_these_marks_the_walk_agrees_with_trafilatura(parts: list[str]) -> None:
    body = "".join(parts)
    assert marked_writer(_page(body)) == extract_author(_page(body))
