"""HTML pages and WARC archives become articles beside the text captures, in the same run."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

import lxml.html
import pytest
from newsarchive.build import pipeline
from newsarchive.parse.html import NotAnArticle, _marks_comments, clean_title, html_article
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import SEED

HTML = Path(__file__).parent / "fixtures" / "html"


def tree(comments, depth=0) -> list[tuple[int, str | None, str]]:
    """(depth, author, first paragraph) of every comment, in reading order."""
    out = []
    for comment in comments:
        out.append((depth, comment.author, comment.paragraphs[0] if comment.paragraphs else ""))
        out += tree(comment.replies, depth + 1)
    return out


def test_wordpress_page_keeps_every_comment_with_author_date_and_nesting() -> None:
    article = html_article((HTML / "wordpress_nested_comments.html").read_bytes())
    assert article.title == "City council approves the harbour tram line"  # no " | Harbour Times"
    assert article.authors == ("Ann Lee",) and article.organisation == "Harbour Times"
    assert article.published.iso() == "2011-03-03T09:15+00:00"
    assert [b.kind.value for b in article.body] == ["paragraph", "paragraph", "list", "quote", "heading", "paragraph"]
    assert tree(article.comments) == [
        (0, "Pat Green", "About time. The buses on that route are always full."),
        (1, "Ann Lee", "Thanks Pat, the council expects the buses to run less often once the tram opens."),
        (0, "Sam Okafor", "Twelve stops is too few for a line that long."),
    ]
    assert article.comments[0].replies[0].by_article_author and article.comments[0].date.iso() == "2011-03-03T10:02+00:00"
    assert article.comments[1].paragraphs == ("Twelve stops is too few for a line that long.", "We need a stop at the market.")
    assert article.comments_claimed == 3
    body = " ".join(b.text for b in article.body)
    assert "About time" not in body and "Leave a Reply" not in body and "Skip to content" not in body and "All rights reserved" not in body


def test_json_ld_gives_title_authors_date_and_comment_threads() -> None:
    article = html_article((HTML / "json_ld_metadata.html").read_bytes())
    assert article.title == "Storm closes schools across the region"
    assert article.authors == ("Lee Chang", "Maria Lopez")
    assert article.published.iso() == "2011-02-03T19:45-05:00"
    assert tree(article.comments) == [(0, "Dana", "Stay safe everyone."), (1, "Lee Chang", "Thank you, Dana.")]
    assert any(b.kind.value == "list" and b.ordered for b in article.body)


def test_a_page_that_is_no_article_is_refused_with_the_reason() -> None:
    with pytest.raises(NotAnArticle, match="words of text"):
        html_article((HTML / "not_an_article.html").read_bytes())


def test_a_short_note_of_sixty_words_is_an_article() -> None:
    # no markup says the page holds one post: its sixty words of prose under its headline are still its article
    text = (
        "The harbour office will close early on Friday for the staff outing. Ferries keep to the usual timetable, "
        "and tickets can be bought on board or from the machines at the quay. Parking at the terminal is free for "
        "the afternoon. Questions about lost property go to the town hall until Monday morning, when the office opens "
        "again at eight."
    )
    page = f"<html><head><title>Harbour office closes early</title></head><body><h1>Harbour office closes early</h1><p>{text}</p></body></html>"
    article = html_article(page.encode())
    assert article.title == "Harbour office closes early" and article.body[0].text == text



def test_trafilatura_s_and_htmldate_s_findings_stand_where_the_page_s_own_sources_are_silent() -> None:
    # no metadata, byline or <time>: htmldate reads the day in the canonical address, trafilatura the writer in an
    # element named "author" under the text, and the address names the site
    text = (
        "The harbour office will close early on Friday for the staff outing. Ferries keep to the usual timetable, "
        "and tickets can be bought on board or from the machines at the quay. Parking at the terminal is free."
    )
    page = (
        '<html><head><title>Harbour office closes early</title><link rel="canonical" href="https://www.quimbly-news.example/2011/02/11/office/">'
        f'</head><body><h1>Harbour office closes early</h1><p>{text}</p><p>{text}</p><div id="author">Ana Ruiz</div></body></html>'
    )
    article = html_article(page.encode())
    assert article.authors == ("Ana Ruiz",)
    assert (article.published.text, article.date_source) == ("2011-02-11", "htmldate")
    assert article.organisation == "quimbly-news.example"

_NOTE = "The harbour office closes early on Friday for the staff outing; the ferries keep to the usual timetable and run late."


@pytest.mark.parametrize(
    ("mark", "kept"),
    [
        ('<div class="post hentry">', True),
        ('<div itemscope itemtype="https://schema.org/BlogPosting">', True),
        ('<div class="hentry-list">', False),  # a class that only holds the mark's letters
        ("<div>", False),
    ],
)
def test_a_short_post_stands_where_the_markup_says_the_page_holds_one(mark: str, kept: bool) -> None:
    # forty words: too few for a page of unknown kind, enough for the one post a blog's markup announces
    page = f"<html><head><title>Office closes early</title></head><body>{mark}<h1>Office closes early</h1><p>{_NOTE} {_NOTE}</p></div></body></html>"
    if kept:
        assert html_article(page.encode()).body[0].text == f"{_NOTE} {_NOTE}"
    else:
        with pytest.raises(NotAnArticle, match="words of text"):
            html_article(page.encode())


def test_control_characters_in_a_page_s_text_are_dropped_and_its_article_kept() -> None:
    spaced = "\x07".join(_PROSE.split(" "))  # a page that spaced its words with a bell character (as some editors leave)
    page = f"<html><head><title>Dredging the channel</title></head><body><h1>Dredging the channel</h1><p>{spaced}</p><p>{_PROSE}</p><!-- an editor's note --></body></html>"
    article = html_article(page.encode())
    assert [b.text for b in article.body] == ["".join(_PROSE.split(" ")), _PROSE]
    assert "editor" not in repr(article)  # the markup's own comments are not the page's text


def test_one_comment_in_a_section_of_unknown_markup_keeps_its_date_and_not_the_section_s_heading() -> None:
    # no markup this project knows: trafilatura finds the section; the comment's date stands in a <time>, and
    # the heading over the section asks for comments in words no grammar knows
    section = (
        '<div class="ce_comments block"><h3>What do you think?</h3><div class="comment_default first" id="c7">'
        '<p class="info"><span>lou_q</span> wrote:<br><time datetime="2014-11-05T14:25:40+00:00">05.11.2014 at 14:25</time></p>'
        '<div class="comment"><p>Great topic, thanks for the long read!</p></div></div></div>'
    )
    page = f"<html><head><title>Dredging the channel</title></head><body><div id='main'><h1>Dredging the channel</h1><p>{_PROSE}</p><p>{_PROSE}</p>{section}</div></body></html>"
    comments = html_article(page.encode()).comments
    assert [(c.author, c.date.iso(), c.paragraphs) for c in comments] == [("lou_q", "2014-11-05T14:25", ("Great topic, thanks for the long read!",))]


@pytest.mark.parametrize(
    ("markup", "searched"),
    [
        ('<div id="comments"><p>x</p></div>', True),
        ('<section class="Comments-area"><p>x</p></section>', True),
        ('<div id="disqus_thread"></div>', True),
        ('<div id="social-box"></div>', True),  # trafilatura's search looks there too
        ('<div class="sidebar"><p>x</p></div>', False),
    ],
)
def test_trafilatura_s_comment_search_runs_only_where_its_marks_are(markup: str, searched: bool) -> None:
    assert _marks_comments(lxml.html.fromstring(f"<html><body><p>Text.</p>{markup}</body></html>")) is searched


@pytest.mark.parametrize(
    ("title", "site", "clean"),
    [
        ("Big news - The Daily Site", "The Daily Site", "Big news"),
        ("The Daily Site | Big news today", "The Daily Site", "Big news today"),
        ("Storm closes schools across the region — Valley Courier", None, "Storm closes schools across the region"),
        ("Q&A: what the tram means", None, "Q&A: what the tram means"),
        # a clause that goes on from the headline is no site's name, however short
        ("Ferry timetable for 2011 – what changes for islanders?", None, "Ferry timetable for 2011 – what changes for islanders?"),
        ("Council keeps the ferry running - and why it matters", None, "Council keeps the ferry running – and why it matters"),
        ("Council keeps the ferry running - Harbour News", None, "Council keeps the ferry running"),
    ],
)
def test_titles_lose_the_site_name(title: str, site: str | None, clean: str) -> None:
    assert clean_title(title, site) == clean


def _response(writer: WARCWriter, url: str, html: bytes, date: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers, warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def make_warc(path: Path, truncate: bool = False) -> None:
    """Two articles, a repeated capture, a revisit, a home page; optionally a truncated last record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    tram = (HTML / "wordpress_nested_comments.html").read_bytes()
    storm = (HTML / "json_ld_metadata.html").read_bytes()
    _response(writer, "https://harbour.example/2011/03/03/tram-line/", tram, "2011-03-04T08:00:00Z")
    _response(writer, "https://valley.example/news/storm-closes-schools", storm, "2011-02-04T08:00:00Z")
    _response(writer, "https://harbour.example/2011/03/03/tram-line/", tram, "2011-03-05T08:00:00Z")
    revisit = writer.create_revisit_record(
        "https://valley.example/news/storm-closes-schools", "sha1:AAAA", "https://valley.example/news/storm-closes-schools", "2011-02-04T08:00:00Z",
        warc_headers_dict={"WARC-Date": "2011-02-05T08:00:00Z"},
    )
    writer.write_record(revisit)
    _response(writer, "https://harbour.example/", (HTML / "not_an_article.html").read_bytes(), "2011-03-04T08:00:00Z")
    data = buffer.getvalue()
    if truncate:
        _response(writer, "https://harbour.example/2011/03/04/ferry/", tram.replace(b"tram", b"ferry"), "2011-03-06T08:00:00Z")
        data = buffer.getvalue()[:-200]
    path.write_bytes(data)


def test_warc_records_become_articles_with_provenance(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(SEED, raw)
    make_warc(raw / "crawl.warc.gz", truncate=True)
    shutil.copy(HTML / "json_ld_metadata.html", raw / "saved-page.html")
    (raw / "gzipped.html.gz").write_bytes(gzip.compress((HTML / "wordpress_nested_comments.html").read_bytes()))
    archive, raw_files = pipeline.collect(raw)
    by_source = {r.source: r for r in archive.records}
    tram = by_source["crawl.warc.gz#https://harbour.example/2011/03/03/tram-line/"]
    assert tram.url == "https://harbour.example/2011/03/03/tram-line/" and tram.captured_at == "2011-03-04T08:00:00Z"
    assert tram.page == "articles/2011/03/tram-line.md" and tram.raw_copy == "captures/tram-line.html.txt"
    assert raw_files[tram.raw_copy].startswith(b"<!DOCTYPE html>")
    assert "crawl.warc.gz#https://valley.example/news/storm-closes-schools" in by_source
    assert "saved-page.html" in by_source and by_source["saved-page.html"].raw_copy.endswith(".html.txt")
    assert "gzipped.html.gz" in by_source and by_source["gzipped.html.gz"].raw_copy.endswith(".html.gz")
    assert len([s for s in by_source if s.endswith(".txt")]) == 3  # the text captures in the same run
    messages = [p.message for p in archive.problems if p.source == "crawl.warc.gz"]
    assert any("tram-line/: skipped: captured again at 2011-03-05T08:00:00Z" in m for m in messages)
    assert any("skipped: a revisit record" in m for m in messages)
    assert any("https://harbour.example/: skipped: not an article (a home page)" in m for m in messages)
    assert any("truncated record for https://harbour.example/2011/03/04/ferry/" in m for m in messages)
    assert not any("ferry" in s for s in by_source)


def test_html_pages_build_into_the_site(tmp_path: Path) -> None:
    from .sitebuild import build_site

    raw = tmp_path / "raw"
    raw.mkdir()
    make_warc(raw / "crawl.warc.gz")
    site = build_site(raw, tmp_path)
    page = (site / "articles/2011/03/tram-line.html").read_text("utf-8")
    assert "Pat Green" in page and "na-comment--author" in page
    assert "https://harbour.example/2011/03/03/tram-line/" in page
    raw_copy = site / "captures/tram-line.html.txt"
    assert raw_copy.read_bytes().startswith(b"<!DOCTYPE html>")


def test_microdata_comments_keep_their_nesting() -> None:
    article = html_article((HTML / "microdata_comments.html").read_bytes())
    assert tree(article.comments) == [(0, "Jo", "Great to have it back."), (1, "Ravi Shah", "Agreed, Jo.")]
    assert article.comments[0].date.iso() == "2011-03-02T12:00+00:00"
    assert "Great to have it back" not in " ".join(b.text for b in article.body)


def test_comments_marked_only_by_class_and_a_byline_in_the_markup() -> None:
    """No metadata names the writer, no known comment system holds the comments, no charset is declared."""
    article = html_article((HTML / "class_comments_no_charset_cp1252.html").read_bytes())
    assert article.title == "Old ferry terminal to close"
    assert article.authors == ("Marta Kowalczyk",) and article.published.iso() == "2011-03-08"
    assert tree(article.comments) == [
        (0, "Tomasz", "Finally, the old one leaks."),
        (1, "Marta Kowalczyk", "It does, Tomasz, and the roof is worse."),
        (0, "Ines", "What about the café?"),
    ]
    assert article.comments[0].paragraphs == ("Finally, the old one leaks.", "Good riddance.")
    assert article.comments[0].replies[0].by_article_author
    assert [c.date.iso() for c in article.comments] == ["2011-03-08T11:00", "2011-03-09T09:00"]
    body = [b.text for b in article.body]
    # Windows-1252 quotation marks read as such; an editor's note classed "comment" stays in the body
    assert "The authority’s director said" in body[3] and body[-1].startswith("Editor’s note")
    assert article.warnings == ("not valid UTF-8 (byte 47); decoded as Windows-1252 (the page declares no charset)",)


def test_the_declared_charset_and_a_utf16_mark_decode_a_page() -> None:
    from newsarchive.parse.html import decode_page

    text = "<html><head><meta charset='iso-8859-15'></head><body>€ café</body></html>"
    assert decode_page(text.encode("iso-8859-15"))[0] == text  # the declared charset, not Windows-1252
    assert decode_page(text.encode("utf-8"))[0] == text  # a page may declare one charset and hold UTF-8
    assert decode_page(b"\xff\xfe" + text.encode("utf-16-le"))[0] == text


def test_a_page_that_claims_more_comments_than_it_holds_says_so(tmp_path: Path) -> None:
    page = (HTML / "class_comments_no_charset_cp1252.html").read_bytes().replace(b"3 Comments</h2>", b"5 Comments</h2>")
    article = html_article(page)
    assert article.comments_claimed == 5 and "the page claims 5 comments but 3 were captured" in article.warnings


def test_a_short_blogger_post_with_its_comments_title_and_signature() -> None:
    article = html_article((HTML / "blogger_short_post_dl_comments_hatom.html").read_bytes())
    assert article.title == "Why I'm keeping my N8"  # the post's title, not the blog's, which <title> puts first
    assert article.authors == ("Mikko",) and article.published.iso() == "2011-02-15T21:15+02:00"
    assert [(c.author, c.date.iso()) for c in article.comments] == [("Anonymous", "2011-02-15T22:02"), ("Jussi", "2011-02-16T08:45")]
    assert article.comments_claimed == 5 and any("claims 5 comments" in w for w in article.warnings)


def test_a_short_article_in_one_article_element_is_an_article() -> None:
    article = html_article((HTML / "single_article_short_byline_class.html").read_bytes())
    assert article.title == "Nokia and Microsoft form partnership" and article.authors == ("Rory Cellan-Jones",)
    assert [b.kind.value for b in article.body] == ["paragraph", "quote", "heading", "paragraph"]
    assert [(r.group, r.title) for r in article.references] == [
        ("Related Stories", "Nokia shares fall on Microsoft news"),  # from the sidebar, which the body leaves out
        ("Related Stories", "Elop memo: burning platform"),
    ]


def test_a_further_reading_list_inside_the_article_is_its_references_not_its_body() -> None:
    words = " ".join(["Nokia and Microsoft agreed a partnership on Friday, and the shares fell."] * 10)
    page = (
        f"<html><head><title>Nokia deal</title></head><body><article><h1>Nokia deal</h1><p>{words}</p>"
        "<h3>Read more:</h3><ul><li><a href='/a'>Elop memo leaks</a></li><li><a href='/b'>Symbian's last phone</a></li></ul>"
        f"<p>{words}</p></article></body></html>"
    )
    article = html_article(page.encode())
    assert [(r.group, r.title) for r in article.references] == [("Read more", "Elop memo leaks"), ("Read more", "Symbian's last phone")]
    assert [b.kind.value for b in article.body] == ["paragraph", "paragraph"]  # neither the list nor its heading


def test_a_drupal_node_with_its_submitted_lines_and_nested_comments() -> None:
    article = html_article((HTML / "drupal_node_submitted_comments.html").read_bytes())
    assert (article.title, article.authors) == ("Nokia and Microsoft", ("mobilefan",))  # as the byline writes it
    assert article.published.iso() == "2011-02-11T10:42"  # "Fri, 02/11/2011 - 10:42" of the byline
    assert [(d, a) for d, a, _ in tree(article.comments)] == [(0, "Anonymous"), (1, "mobilefan"), (0, "jussi")]
    assert article.comments[0].date.iso() == "2011-02-11T11:02" and article.comments[0].replies[0].by_article_author


def test_soft_hyphens_in_a_page_are_no_part_of_its_words() -> None:
    paragraph = "Nokia and Micro&shy;soft announced a broad partnership on Friday, the companies said in London, where Stephen Elop spoke to reporters."
    page = (
        "<html><head><title>Nokia and Micro&shy;soft sign deal</title><meta name='author' content='Jane Doe'></head><body><article>"
        f"<h1>Nokia and Micro&shy;soft sign deal</h1><p>{paragraph}</p><p>{paragraph.replace('Nokia and', 'Analysts said')}</p></article></body></html>"
    ).encode()
    article = html_article(page)
    assert article.title == "Nokia and Microsoft sign deal" and "\u00ad" not in "".join(b.text for b in article.body)
    assert "Microsoft announced" in article.body[0].text


_PROSE = " ".join(
    ["The harbour board met on Tuesday to weigh the cost of dredging the old channel before the autumn storms."] * 12
)


def _page(under_headline: str = "", head: str = "", json_ld: str | None = None, site: str = "Harbour Times") -> bytes:
    """A saved page of one article: its metadata in ``head`` and ``json_ld``, ``under_headline`` under its <h1>."""
    ld = f'<script type="application/ld+json">{json_ld}</script>' if json_ld else ""
    return (
        f'<html><head><title>Dredging the channel | {site}</title><meta property="og:site_name" content="{site}">{head}{ld}</head>'
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Dredging the channel</h1>{under_headline}"
        f"<p>{_PROSE}</p><p>{_PROSE}</p></article><footer>All rights reserved</footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("under_headline", "authors"),
    [
        ("<p>By Jane Doe, 3 March 2011</p>", ("Jane Doe",)),
        ("<p>Veröffentlicht von <a href='/u/jdoe'>jdoe</a></p>", ("jdoe",)),  # the "by" and a link with the name
        ("<p>Texte : Jean Dupont</p>", ("Jean Dupont",)),
        ("<figure><figcaption>Photo by Sam Okafor</figcaption></figure>", ()),  # a picture's credit
        ("<p>Boats came by Harbour Point all week.</p>", ()),  # a sentence's "by"
    ],
)
def test_the_writers_a_by_line_under_the_headline_names(under_headline: str, authors: tuple[str, ...]) -> None:
    assert html_article(_page(under_headline)).authors == authors


def test_a_site_named_as_the_writer_gives_way_to_a_person_any_other_source_names() -> None:
    ld = '{"@type": "NewsArticle", "headline": "Dredging the channel", "author": {"@type": "Organization", "name": "Harbour Times"}}'
    assert html_article(_page("<p>By Jane Doe</p>", json_ld=ld)).authors == ("Jane Doe",)
    assert html_article(_page("", json_ld=ld)).authors == ("Harbour Times",)  # no person named: the publication stands
    assert html_article(_page("<p>By Jane Doe</p>", head='<meta name="author" content="HT">')).authors == ("Jane Doe",)  # its initials


def test_a_writer_s_first_name_alone_gives_way_to_the_name_another_source_writes_out() -> None:
    ld = '{"@type": "NewsArticle", "headline": "Dredging the channel", "author": {"@type": "Person", "name": "Jane"}}'
    assert html_article(_page("<p>By Jane Doe</p>", json_ld=ld)).authors == ("Jane Doe",)
    tagged = '<meta name="author" content="Jane">'  # two sources agree on "Jane"; "Janet Doe" is not her name written out
    assert html_article(_page("<p>By Janet Doe</p>", head=tagged, json_ld=ld)).authors == ("Jane",)


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="byline">Ana Ruiz March</div>',  # the month of a date the markup splits off
        '<div class="byline">Ana Ruiz Kategorien</div>',  # the label of the post's categories after it
        '<div class="author-box">Ana Ruiz Email Author</div>',  # a link's label
    ],
)
def test_the_words_more_sources_give_stand_over_a_byline_s_longer_reading(byline: str) -> None:
    # the byline's reading and the author meta tag's agree on the writer; the tag's words are the ones
    # trafilatura gives too, the byline's trailing word no other source has
    assert html_article(_page(byline, head='<meta name="author" content="Ana Ruiz">')).authors == ("Ana Ruiz",)


def test_the_writers_two_sources_agree_on_win_and_their_names_are_decoded() -> None:
    ld = '{"@type": "NewsArticle", "author": [{"name": "Redacci&oacute;n Sur"}]}'
    assert html_article(_page(json_ld=ld)).authors == ("Redacción Sur",)
    tagged = '<meta name="author" content="jane@harbour.example">'  # an address is no name
    assert html_article(_page("<p>By Jane Doe</p>", head=tagged)).authors == ("Jane Doe",)
    agreed = '<meta name="author" content="Pat Green">'
    ld = '{"@type": "NewsArticle", "author": "Sam Okafor"}'
    assert html_article(_page("<p>By Pat Green</p>", head=agreed, json_ld=ld)).authors == ("Pat Green",)  # two against one


def test_links_to_the_writers_own_pages_name_them_when_nothing_else_does() -> None:
    # the byline is the writers' names alone, each a link to their page: no "by", no metadata
    two = "<div class='credits'><a href='/autoren/jane-doe/'>Jane Doe</a> <a href='/autoren/sam-okafor-12'>Sam Okafor</a>, 3 March 2011</div>"
    assert html_article(_page(two)).authors == ("Jane Doe", "Sam Okafor")
    login = "<div class='credits'><a href='https://harbour.example/author/jdoe/'>jdoe</a></div>"
    assert html_article(_page(login)).authors == ("jdoe",)
    # a link whose text is not the name its address holds, and a commenter's page, name no writer
    assert html_article(_page("<div class='credits'><a href='/author/jane-doe/'>All posts</a></div>")).authors == ()
    commenter = "<div class='comment-list'><a href='/user/pat-green'>Pat Green</a></div>"
    assert html_article(_page(commenter)).authors == ()
    # a source that names the chosen writer and more names the byline's others too
    ld = '{"@type": "NewsArticle", "headline": "Dredging the channel", "author": "Jane Doe"}'
    assert html_article(_page(two, json_ld=ld)).authors == ("Jane Doe", "Sam Okafor")
    # a byline any other source gives outweighs a link
    assert html_article(_page("<p>By Jane Doe</p><aside><a href='/author/sam-okafor'>Sam Okafor</a></aside>")).authors == ("Jane Doe",)


@pytest.mark.parametrize("count", ["Kommentare 8", "Comments (8)", "8 Comments"])
def test_a_byline_that_ends_with_its_comments_count_names_the_writer_alone(count: str) -> None:
    # a profile link and the "by" under the headline name "ana", the post's details "ana Kommentare 8": the writer is
    # "ana", written out by no source (a count is no surname)
    details = f"<div class='entry-meta'>3. März 2011 veröffentlicht von <a href='/author/ana/'>ana</a> {count}</div>"
    assert html_article(_page(details)).authors == ("ana",)


def _commented_page(meta_author: str = "", by: str = "Lou Quimby", when: str = "") -> bytes:
    """A WordPress post with two comments, the second by the post's own author (``bypostauthor``) named ``by``."""
    head = f'<meta name="author" content="{meta_author}">' if meta_author else ""
    comment = (
        "<li class='comment {cls}' id='comment-{k}'><article class='comment-body'><footer class='comment-meta'>"
        "<div class='comment-author vcard'><b class='fn'>{name}</b>{when}</div></footer>"
        "<div class='comment-content'><p>{text}</p></div></article></li>"
    )
    items = comment.format(cls="", k=1, name="Chen Wei", when="", text="Will the dredging close the quay for long this autumn?") + comment.format(
        cls="byuser comment-author-lquimby bypostauthor", k=2, name=by, when=when, text="Only for two weeks in October, the board said."
    )
    return (
        f"<html><head><title>Dredging the channel</title>{head}</head><body><article><h1>Dredging the channel</h1>"
        f"<p>{_PROSE}</p><p>{_PROSE}</p></article><ol class='comment-list'>{items}</ol></body></html>"
    ).encode()


def test_the_name_a_post_s_author_comments_under_names_the_writer() -> None:
    article = html_article(_commented_page())
    assert article.authors == ("Lou Quimby",)
    assert [c.by_article_author for c in article.comments] == [False, True]
    assert html_article(_commented_page(when=" 10.29.2012 at 9:40")).authors == ("Lou Quimby",)  # the comment's date beside it
    assert html_article(_commented_page(meta_author="harbour-desk")).authors == ("Lou Quimby",)  # over one source alone
    # the account a blog's software makes names no writer, in the comments or elsewhere
    assert html_article(_commented_page(by="admin")).authors == ()
    assert html_article(_page(json_ld='{"@type": "BlogPosting", "author": {"@type": "Person", "name": "admin"}}')).authors == ()


def test_the_page_s_own_spelling_of_a_writer_stands_over_trafilatura_s() -> None:
    # a link to the writer's page names "lou_quimby"; trafilatura reads the same words as "Lou Quimby"
    assert html_article(_page("<div class='author-box'><a href='/author/lou_quimby/'>lou_quimby</a></div>")).authors == ("lou_quimby",)


def test_an_address_in_an_author_tag_read_as_a_name_is_no_writer() -> None:
    from newsarchive.parse.html import _from_address

    assert _from_address("Lquimbyharbour Example", ("lquimby[at]harbour.example",))
    assert _from_address("lquimby harbour example", ("lquimby@harbour.example",))
    assert not _from_address("Lou Quimby", ("lquimby@harbour.example",))
    assert not _from_address("Lou Quimby", ("Lou Quimby",))  # a name in the tag is a name


def test_the_byline_under_the_headline_stands_over_the_teasers_writers_over_it() -> None:
    teasers = "".join(f"<div class='teaser'><a href='/o/{k}'>Opinion {k}</a><span class='teaser__author'>{name}</span></div>"
                      for k, name in enumerate(["Chen Wei", "Sam Okafor"] * 30))
    page = (
        f"<html><head><title>Dredging the channel</title></head><body><aside>{teasers}</aside><article><h1>Dredging the channel</h1>"
        f"<div class='article-authors'>von Ana Ruiz</div><p>{_PROSE}</p><p>{_PROSE}</p></article></body></html>"
    ).encode()
    assert html_article(page).authors == ("Ana Ruiz",)


def test_a_writer_s_name_printed_twice_in_a_row_is_named_once() -> None:
    assert html_article(_page("<p class='byline'>By Ana Ruiz Ana Ruiz</p>")).authors == ("Ana Ruiz",)


def _long_page(foot: str, head: str = "") -> bytes:
    """A saved page of a long article (more paragraphs than the pieces read under its headline) with ``foot``
    under its last paragraph and ``head`` in its metadata."""
    paragraphs = "".join(f"<p>Paragraph {k}: the harbour board weighed the cost of dredging the old channel again.</p>" for k in range(30))
    return (
        f"<html><head><title>Dredging the channel</title>{head}</head><body><article><h1>Dredging the channel</h1>"
        f"{paragraphs}{foot}</article><footer>All rights reserved</footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("foot", "authors"),
    [
        ("<p>Von Ana Ruiz</p>", ("Ana Ruiz",)),  # signed under the text
        ("<p>Posted by lquimby</p>", ("lquimby",)),  # a login
        ("<p>Sign up by writing to the harbour office.</p>", ()),  # a sentence's "by"
        ("<p>Zeichnungen von Ana Ruiz</p>", ()),  # a credit: the "by" reading names her, the byline grammar does not
    ],
)
def test_a_byline_the_extracted_text_keeps_names_the_writer_and_leaves_the_text(foot: str, authors: tuple[str, ...]) -> None:
    article = html_article(_long_page(foot))
    assert article.authors == authors
    assert any(foot[4:-5] in b.text for b in article.body) is not authors  # the byline goes to the metadata, the rest stays


def test_a_byline_in_the_text_outweighs_one_other_source_but_not_two() -> None:
    linked = "<p>Profile: <a href='/author/sam-okafor/'>Sam Okafor</a></p>"  # a link to a writer's page, before the text
    assert html_article(_long_page(f"<p>By Lou Quimby</p>{linked}")).authors == ("Lou Quimby",)
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": "Sam Okafor"}</script>'
    article = html_article(_long_page(f"<p>By Lou Quimby</p>{linked}", ld))
    assert article.authors == ("Sam Okafor",) and any("Lou Quimby" in b.text for b in article.body)


def test_a_script_under_the_headline_is_no_byline() -> None:
    script = "<div class='share'><script>// By Pat Green, 2011\nvar shares = 0;</script><span>Share</span></div>"
    assert html_article(_page(script)).authors == ()


def test_the_date_a_reader_sees_under_the_headline_in_the_page_s_own_order() -> None:
    modified = '<meta property="article:published_time" content="2022-01-10T08:00:00Z">'  # the page's last change
    page = _page("<p>By Jane Doe</p><p>04/05/2022 10:15</p>", head=modified)
    assert html_article(page.replace(b"<html>", b'<html lang="de">')).published.iso()[:10] == "2022-05-04"
    assert html_article(page.replace(b"<html>", b'<html lang="en-US">')).published.iso()[:10] == "2022-04-05"
    assert html_article(_page("<p>By Jane Doe</p>", head=modified)).published.iso()[:10] == "2022-01-10"  # none shown


def _headed(h1s: str, head: str = "", body_extra: str = "") -> bytes:
    return (
        f"<html><head>{head}</head><body><nav>{h1s}</nav><article>{body_extra}<p>{_PROSE}</p><p>{_PROSE}</p></article></body></html>"
    ).encode()


_OG = '<meta property="og:title" content="Dredging the channel">'
_TEASER = "<div class='entry-title'>Ferry fares rise in May</div>"  # a sidebar's teaser marked as a post title
_LD = '<script type="application/ld+json">{"@type": "Article", "headline": "Record of the week: &#8216;Lift Off&#8217;"}</script>'
_MENUS = "<h1>Quick links</h1><h1>Navigation</h1><h1>Press releases</h1>"  # headings of the page's menus


@pytest.mark.parametrize(
    ("h1s", "head", "extra", "title"),
    [
        ("<h1>Dredging the channel</h1>", _OG, _TEASER, "Dredging the channel"),
        ("<h1>23.01.2022 – Dredging the channel</h1>", _OG, "", "Dredging the channel"),
        ("<h1>23.01.2022 - Dredging the channel</h1>", "", "", "Dredging the channel"),  # no metadata's title to agree with
        ("<h1>March 2022 - Dredging the channel</h1>", "", "", "March 2022 - Dredging the channel"),  # a month is no day
        # the heading shows the day and the section after the headline, which the metadata's title leaves out
        ("<h1>Dredging the channel <small>02.02.2022 • Harbour</small></h1>", _OG, "", "Dredging the channel"),
        ("", _LD, "", "Record of the week: \u2018Lift Off\u2019"),
        (_MENUS, "<title>Dredging the channel - Harbour Times</title>", "", "Dredging the channel"),
        # the headline shown twice (the mobile and the desktop layout) is the page's one <h1>
        ("<h1>Dredging the channel</h1><h1>Dredging the channel</h1>", '<meta property="og:title" content="Harbour works to start in May">', "",
         "Dredging the channel"),
        # no <h1> is the headline: the part of the page's title that a heading shows is, not the title bar's others
        ("<h1></h1><h2>Dredging the channel</h2>", "<title>Dredging the channel | Harbour | News | Harbour Times</title>", "", "Dredging the channel"),
        (_MENUS + "<h2>Dredging the channel</h2>", "<title>Harbour Times e.V. - News » Dredging the channel</title>", "", "Dredging the channel"),
        # a one-word headline shown as the <h1>, the site's name as a lesser heading
        ("<h3>Harbour Times.</h3><h1>Dredging</h1>", "<title>Dredging - Harbour Times</title>", "", "Dredging"),
        # a kicker over the headline: in a part of its own, parted by a separator the reader does not see ...
        (
            "<h1><span class='topic'>Harbour</span><span class='visually-hidden'>: </span><span>Dredging the channel</span></h1>",
            '<meta property="og:title" content="Harbour: Dredging the channel">', "", "Dredging the channel",
        ),
        # ... or one the metadata's title leaves out
        ("<h1>Board vote / Dredging the channel</h1>", _OG, "", "Dredging the channel"),
        # ... or a first part that the metadata's title leaves out and the rest it holds, with or without elements
        (
            "<h1>\n<span class='overline'>After the storm</span>\n<span class='headline'>Dredging the channel</span>\n</h1>",
            '<meta property="og:title" content="Storm: Dredging the channel | Harbour Times">', "", "Dredging the channel",
        ),
        ("<h1> <span>After the storm</span> Dredging the channel </h1>", _OG, "", "Dredging the channel"),
        # the metadata's title holds all of it: the first part is the headline's
        ("<h1><span>After the storm</span> dredging the channel</h1>", '<meta property="og:title" content="After the storm dredging the channel">', "",
         "After the storm dredging the channel"),
        # a part hidden on small screens only ("hidden-xs") is no separator
        ("<h1><span>Harbour news</span><span class='hidden-xs'>today:</span><span>dredging the channel</span></h1>", "", "", "Harbour news today: dredging the channel"),
        # a colon in a first part's own text parts nothing: the title is all of it
        ("<h1><b>Editor's letter:</b><i> dredging the channel</i></h1>", "", "", "Editor's letter: dredging the channel"),
    ],
)
def test_the_headline_is_the_one_the_page_shows_not_a_teaser_s_a_date_or_an_entity(h1s: str, head: str, extra: str, title: str) -> None:
    assert html_article(_headed(h1s, head, extra)).title == title


@pytest.mark.parametrize(("date", "day"), [("03.14.2013", "2013-03-14"), ("14. 3. 2013", "2013-03-14"), ("März 14, 2013", "2013-03-14")])
def test_a_wordpress_theme_that_puts_date_and_reply_link_beside_the_commenter_s_name(date: str, day: str) -> None:
    item = (
        '<li class="comment even depth-1" id="li-comment-{n}"><div class="comment-body"><div class="comment-author">'
        '<p class="comment-url">{name}</p><p class="comment-date"><a href="#c">{date}</a></p>'
        '<p class="comment-reply"><a href="/login">Log in to Reply</a></p></div>'
        '<div class="comment-text"><p>{text}</p></div></div></li>'
    )
    comments = "".join(item.format(n=n, name=name, date=date, text=text) for n, (name, date, text) in enumerate([
        ("harbour_ana", date, "Over here the loans are run by one public body, at low rates."),
        ("Lou Q", "03.15.2013", "Both of mine went to the local college for their first two years."),
    ]))
    page = _page().replace(b"</article>", f'</article><ol class="commentlist">{comments}</ol>'.encode())
    article = html_article(page)
    assert [(c.author, c.date.iso()[:10] if c.date else None) for c in article.comments] == [("harbour_ana", day), ("Lou Q", "2013-03-15")]


def test_a_byline_that_says_by_names_the_writer_after_it_not_the_section_before() -> None:
    meta_line = '<div class="entry-meta">Actualités | Par Ann Lee | 30 septembre 2018</div>'
    page = _page().replace(b"</article>", f"{meta_line}</article>".encode())  # under the text: no line under the headline says it
    assert html_article(page).authors == ("Ann Lee",)


@pytest.mark.parametrize(
    ("meta_line", "authors"),
    [
        # a post's details: its date and its categories' links (WordPress marks them rel="category tag")
        ('<p class="post-meta">3 March 2011 | <a href="/c/harbour" rel="category tag">Harbour Life</a>, '
         '<a href="/c/news" rel="tag">Local News</a></p>', ()),
        ('<p class="entry-meta">By <a href="/u/ann" rel="author">Ann Lee</a> in <a href="/c/news" rel="category tag">Local News</a></p>', ("Ann Lee",)),
        # the link to the post before, whose label the theme marks as "meta"; a share button
        ('<nav><a href="/p/810" rel="prev"><span class="meta-nav">Older Post</span></a></nav>', ()),
        ('<div class="post-meta"><button>Share Post</button></div>', ()),
    ],
)
def test_a_byline_s_categories_links_to_other_posts_and_buttons_name_no_writer(meta_line: str, authors: tuple[str, ...]) -> None:
    page = _page().replace(b"</article>", f"{meta_line}</article>".encode())
    assert html_article(page).authors == authors


def test_a_function_word_after_a_by_is_no_writer() -> None:
    """ "… signée par un" under the headline (a letter "signed by a" reader) names nobody."""
    assert html_article(_page("<p>Lettre signée par un</p><p>Lecteur fidèle</p>")).authors == ()
    assert html_article(_page("<p>Par Yann Le Bras</p>")).authors == ("Yann Le Bras",)


@pytest.mark.parametrize(("shown", "day"), [("13. 1. 2022", "2022-01-13"), ("Januar 13, 2022", "2022-01-13"), ("13. Januar 20221. Februar 2022", "2022-01-13")])
def test_a_date_under_the_headline_in_a_form_no_byline_grammar_reads_is_the_page_s(shown: str, day: str) -> None:
    """Spaced dots, a German month in English order, the date run on into the page's "updated" date: the day a
    reader sees under the headline, over a metadata date that is the page's last change."""
    modified = '<meta property="article:published_time" content="2022-03-10T08:00:00Z">'
    page = _page(f"<p>By Jane Doe</p><p>{shown}</p>", head=modified).replace(b"<html>", b'<html lang="de">')
    assert html_article(page).published.iso()[:10] == day
