"""Reader comments of a saved page found by structure, whatever its markup calls them, and by trafilatura's
search for a comment section when no structure reads as comments; none invented where a page has none."""

from __future__ import annotations

import lxml.html
import pytest
from newsarchive.parse.html import html_article
from newsarchive.parse.structure import named_comments, signed_comments

PROSE = (
    "<p>The company said on Friday that it would build its phones on the new system, in a deal that analysts had "
    "expected for weeks. Its chief executive told reporters that the change would take two years.</p>"
)
ARTICLE = f"<article><h1>Phones on a new system</h1>{PROSE * 4}</article>"


def page(after: str) -> bytes:
    return f"<html><head><title>Phones on a new system</title></head><body>{ARTICLE}{after}</body></html>".encode()


def comment(tag: str, css: str, name: str, when: str, text: str, replies: str = "") -> str:
    return f'<{tag} class="{css}"><div class="who"><b>{name}</b></div><div class="when">{when}</div><p>{text}</p>{replies}</{tag}>'


ONE = "I doubt the two years: every such change took longer than promised, and the old phones will not wait."
TWO = "Two years is what they said last time as well, and it took three. Still, the new system is good."
THREE = "Nobody asked the people who build the apps, and they are the ones who decide whether a phone sells."


def test_a_run_of_same_shaped_elements_with_names_and_dates_are_comments_with_their_replies() -> None:
    reply = comment("div", "note note-reply", "Max Mustermann", "12 February 2011 at 11:02", TWO)
    section = (
        '<div class="talk">'
        + comment("div", "note note-odd", "Jane Roe", "12 February 2011 at 10:15", ONE, reply)
        + comment("div", "note note-even", "Ann Lee", "13 February 2011 at 09:30", THREE)
        + "</div>"
    )
    article = html_article(page(section))
    assert [(c.author, c.date.iso(), c.paragraphs) for c in article.comments] == [  # type: ignore[union-attr]
        ("Jane Roe", "2011-02-12T10:15", (ONE,)),
        ("Ann Lee", "2011-02-13T09:30", (THREE,)),
    ]
    assert [(r.author, r.paragraphs) for r in article.comments[0].replies] == [("Max Mustermann", (TWO,))]
    body = " ".join(b.text for b in article.body)
    assert ONE not in body and THREE not in body  # the comments are no part of the article


def test_list_items_with_alternating_classes_are_one_run() -> None:
    items = "".join(
        comment("li", css, name, when, text)
        for css, name, when, text in (
            ("alt-entry", "Jane Roe", "12 February 2011 at 10:15", ONE),
            ("entry", "Max Mustermann", "12 February 2011 at 11:02", TWO),
            ("alt-entry", "Ann Lee", "13 February 2011 at 09:30", THREE),
        )
    )
    article = html_article(page(f"<ol>{items}</ol>"))
    assert [c.author for c in article.comments] == ["Jane Roe", "Max Mustermann", "Ann Lee"]


def test_a_listing_of_related_posts_with_dates_is_no_comment_section() -> None:
    teasers = "".join(
        f'<div class="teaser"><h3>Another story about phones number {n}</h3><div class="when">1{n} February 2011</div>'
        f"<p>The text of another story begins here and goes on for a while, as teasers do.</p></div>"
        for n in range(4)
    )
    assert html_article(page(f'<aside class="more">{teasers}</aside>')).comments == ()


@pytest.mark.parametrize(
    "section, count",
    [
        # no headers that read as comments: the section as trafilatura finds it, heading left out
        (f'<div id="comments"><h3>2 Comments</h3><p>{ONE}</p><p>{TWO}</p></div>', 1),
        # a comment form's heading and prompt alone: no comments
        ('<div id="comments"><h3>Leave a Reply</h3><p>You must be logged in to post a comment.</p></div>', 0),
    ],
    ids=["section-text", "form-only"],
)
def test_a_comment_section_found_by_trafilatura_gives_comments_only_with_evidence(section: str, count: int) -> None:
    article = html_article(page(section))
    assert len(article.comments) == count
    if count:
        assert ONE in " ".join(article.comment_paragraphs()) and "2 Comments" not in " ".join(article.comment_paragraphs())


@pytest.mark.parametrize("marked, authors", [("Ann Lee", ("Ann Lee",)), ("Culture", None), ("By Max", ("Max",))])
def test_a_name_alone_marked_as_the_author_must_be_a_full_name(marked: str, authors: tuple[str, ...] | None) -> None:
    """A single word in an element classed "author" is as often a section's or a menu's label."""
    import lxml.html
    from newsarchive.parse.html import _page_byline

    byline = _page_byline(lxml.html.fromstring(f'<html><body><div class="author-box"><span>{marked}</span></div>{ARTICLE}</body></html>'))
    assert (byline.authors if byline else None) == authors


def named(css: str, name: str, when: str, text: str) -> str:
    """A comment whose markup names its parts; its text without <p>, a copy of it hidden for a share box."""
    return (
        f'<div class="{css}"><div class="comment_top"><div class="author_name"><span class="badge">TOP FAN</span>'
        f'<a href="/u">{name}</a> <span class="fans">63 Fans</span></div></div>'
        f'<div class="comment_body"><span class="comment_time">{when}</span><br>{text}</div>'
        f'<div class="hidden share_copy">{name}: {text}</div></div>'
    )


def test_comments_whose_markup_names_their_parts_keep_commenter_date_text_and_replies_listed_after_them() -> None:
    section = (
        '<div class="comments">'
        + named("comment_item published", "jane_roe", "12 February 2011 10:15", ONE)
        + '<div class="comment_children">'
        + named("comment_item", "maxm", "3 hours ago (12:39 PM)", TWO)  # a reply, in a list after its comment
        + "</div>"
        + named("comment_item published", "annlee", "13 February 2011 09:30", THREE)
        + "</div>"
    )
    article = html_article(page(section))

    def tree(comments, depth=0):
        return [x for c in comments for x in [(depth, c.author, c.date.iso() if c.date else None, c.paragraphs), *tree(c.replies, depth + 1)]]

    assert tree(article.comments) == [
        (0, "jane_roe", "2011-02-12T10:15", (ONE,)),
        (1, "maxm", None, (TWO,)),  # an age is no date
        (0, "annlee", "2011-02-13T09:30", (THREE,)),
    ]
    assert not any(ONE[:20] in b.text for b in article.body)


def test_comments_read_from_the_page_are_no_part_of_its_body() -> None:
    section = "".join(comment("div", "note", name, when, text) for name, when, text in [
        ("Jane Roe", "12 February 2011 at 10:15", ONE), ("Ann Lee", "13 February 2011 at 09:30", THREE)])
    html = page("").replace(b"</article>", f"<div class='thread'>{section}</div></article>".encode())  # inside the article
    article = html_article(html)
    assert [c.author for c in article.comments] == ["Jane Roe", "Ann Lee"]
    body = " ".join(b.text for b in article.body)
    assert ONE[:30] not in body and THREE[:30] not in body


def test_comments_a_known_markup_holds_without_its_text_classes_are_read_by_structure() -> None:
    # <article class="comment"> is a markup the converter knows, but this theme keeps each comment's text under a
    # class of its own and its commenter in a "name | date" line: the known reading finds no text, the structure does
    def drupal(name: str, when: str, text: str) -> str:
        return (
            f'<article class="js-comment comment"><footer><h6>{name} | {when}</h6></footer>'
            f'<div class="field--name-comment-body"><p>{text}</p></div></article>'
        )

    section = '<section class="talk">' + drupal("Jane Roe", "12 February 2011 - 10:15", ONE) + drupal("Ann Lee", "13 February 2011 - 09:30", THREE) + "</section>"
    article = html_article(page(section))
    assert [(c.author, c.paragraphs) for c in article.comments] == [("Jane Roe", (ONE,)), ("Ann Lee", (THREE,))]


def test_a_comment_s_parts_named_with_underscores_and_its_verb_after_the_name() -> None:
    single = (
        '<div class="comment"><div class="comment_header"><div class="comment_name"><span><a href="#">Jane Roe</a> writes</span></div>'
        '<div class="comment_date">02/12/11 at 10:15 am</div></div><p>Yay, at last!</p></div>'
    )
    article = html_article(page(single))
    assert [(c.author, c.paragraphs) for c in article.comments] == [("Jane Roe", ("Yay, at last!",))]


def test_comments_signed_under_their_text_each_keep_their_own_text_and_signer() -> None:
    # the post's own signature, a "Comments" heading, then each comment's text over its signature (Movable Type)
    signed = (
        '<div class="entry">' + PROSE * 3 + '<p class="posted">Posted by Max Mustermann at February 11, 2011 09:00 AM</p>'
        "<h2>Comments</h2>"
        f"<div><p>{ONE}</p><p>{TWO}</p></div><p class='posted'>Posted by: <a href='mailto:x'>Jane Roe</a> at February 12, 2011 10:15 AM</p>"
        f"<div><p>{THREE}</p></div><p class='posted'>Posted by: Ann Lee at February 13, 2011 09:30 AM</p>"
        "<h2>Post a comment</h2><form><textarea></textarea></form></div>"
    )
    article = html_article(page(signed))
    assert [(c.author, c.date.iso(), c.paragraphs) for c in article.comments] == [  # type: ignore[union-attr]
        ("Jane Roe", "2011-02-12T10:15", (ONE, TWO)),
        ("Ann Lee", "2011-02-13T09:30", (THREE,)),
    ]
    body = " ".join(b.text for b in article.body)
    assert ONE not in body and THREE not in body and "company said on Friday" in body


def test_signatures_over_their_text_are_no_signed_comments() -> None:
    # "Posted by" over each text, text after the last one: the commenter heads the comment; no text is moved up
    headed = (
        "<h2>Comments</h2>"
        f"<p class='posted'>Posted by: Jane Roe at February 12, 2011 10:15 AM</p><div><p>{ONE}</p></div>"
        f"<p class='posted'>Posted by: Ann Lee at February 13, 2011 09:30 AM</p><div><p>{THREE}</p></div>"
    )
    assert signed_comments(lxml.html.fromstring(page(f"<div>{headed}</div>"))) == ([], [])
    footed = headed.replace("<h2>Comments</h2>", f"<h2>Comments</h2><div><p>{TWO}</p></div>")[: -len(f"<div><p>{THREE}</p></div>")]
    assert [c.author for c in signed_comments(lxml.html.fromstring(page(f"<div>{footed}</div>")))[0]] == ["Jane Roe", "Ann Lee"]


def test_comments_whose_markup_names_neither_text_nor_commenter_keep_both() -> None:
    # the items are named comments, but their text stands in an unnamed block and the commenter in a link to
    # their page; a badge ("Fan") links elsewhere
    def item(login: str, when: str, text: str) -> str:
        return (
            f'<div class="site-comment"><div class="box-left"><a href="/user/{login}.html"><img src="a.png"></a></div>'
            f'<div class="box-middle"><time datetime="{when}">yesterday</time> <a href="/user/{login}.html">{login}</a>'
            f'<a href="/badges/fan">Fan</a><div class="left small">{text}</div></div></div>'
        )

    section = '<div id="talk">' + item("JaneRoe", "2011-02-12T10:15", ONE) + item("ann_lee", "2011-02-13T09:30", THREE) + "</div>"
    article = html_article(page(section))
    assert [(c.author, c.paragraphs) for c in article.comments] == [("JaneRoe", (ONE,)), ("ann_lee", (THREE,))]


def test_short_comments_whose_markup_names_their_text_signed_under_it_with_a_date_and_a_name() -> None:
    # each comment's text in a part named for it, then its signature: the day and the commenter's name
    def item(text: str, when: str, name: str) -> str:
        return (
            f'<div class="comment-wrap"><div class="comment"><div class="body">{text}</div>'
            f'<div class="signature">{when} | <a href="/contributor/1"><img src="u.png"></a>{name}</div></div></div>'
        )

    section = '<div id="talk">' + item("Love it!", "March 3, 2011", "Lou Quimby") + item("So good, thanks.", "March 4, 2011", "Ana Ruiz") + "</div>"
    article = html_article(page(section))
    assert [(c.author, c.date.iso()[:10], c.paragraphs) for c in article.comments] == [  # type: ignore[union-attr]
        ("Lou Quimby", "2011-03-03", ("Love it!",)),
        ("Ana Ruiz", "2011-03-04", ("So good, thanks.",)),
    ]


def test_a_rating_form_named_like_a_comment_s_text_is_not_taken_for_its_text() -> None:
    # a short part whose class names it a body ("secondary_body": a rating's form) before the comment's own text
    def item(name: str, when: str, text: str) -> str:
        return (
            f'<li class="comment-item"><form class="rate secondary_body"><span>rate this</span> <span>+8</span></form>'
            f'<cite><span class="username">{name}</span> <span class="time">{when}</span></cite><div class="talk-words"><p>{text}</p></div></li>'
        )

    section = '<ul class="comment-list">' + item("Jane Roe", "12 February 2011 - 10:15", ONE) + item("Ann Lee", "13 February 2011 - 09:30", THREE) + "</ul>"
    named, _ = named_comments(lxml.html.fromstring(page(section)))
    assert all(c.paragraphs != ("rate this +8",) for c in named)
