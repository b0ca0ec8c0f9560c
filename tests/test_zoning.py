"""The fitted zoning of whole pages' text dumps: what it keeps, what it sets aside, and its guarantees."""

from __future__ import annotations

import json
import tempfile
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsarchive.common.models import Block, BlockKind, ListItem
from newsarchive.parse import _without_trailing_labels, accounted_lines, parse_capture
from newsarchive.parse.byline import written_by
from newsarchive.parse.lines import split_lines, wrap_width
from newsarchive.parse.zoning import BASE, BODY, BYLINE_FEATURES, FURNITURE, ROLES, TITLE, TITLE_FEATURES, TITLE_REACH, base_features, byline_candidates, title_candidates, zoner

REALPAGES = Path(__file__).resolve().parents[1].parent / "shared" / "realpages"

MENU = ["Home", "World", "Business", "Technology", "Science", "Health", "Sport", "Culture", "Travel", "Opinion"]
SIDEBAR = ["Most read", "Ferry timetable changes for the winter", "Council votes on the new library", "Storm closes the harbour road",
           "Market traders protest parking fees", "Newsletter", "Sign up for our daily briefing", "Follow us", "Facebook", "Twitter"]
FOOTER = ["About us", "Contact", "Advertise", "Privacy policy", "Cookie settings", "Terms of use", "© 2011 The Harbour Gazette"]
PROSE = [
    "The council voted on Tuesday to keep the old ferry running through the winter, after residents of the island\n"
    "filled the town hall for a second evening and asked the members to think again about the cuts.",
    "The service had been due to stop at the end of October. Officials said the savings would pay for two new\n"
    "buses, but the islanders argued that a bus could not cross the water and that the school run depended on it.",
    "After three hours of debate the proposal to end the service was withdrawn, and a working group will now look\n"
    "at how the crossing can be paid for in the years ahead, with a report due before the budget in the spring.",
    "The harbour master told the meeting that the boat was old but sound, and that its engine had been rebuilt\n"
    "only last year, so that the cost of keeping it at sea was smaller than the figures in the report suggested.",
]


def page_dump(title: str = "Island ferry saved after council vote", byline: str = "By Ana Ruiz | 11 February 2011") -> str:
    """A whole page as a text browser dumps it, made up here: menus, the article, a sidebar and a footer."""
    parts = ["[logo]", "Skip to content", "", *MENU, "", "Search [          ] [Go]", "", title, "", byline, ""]
    for paragraph in PROSE:
        parts += [paragraph, ""]
    parts += ["Share this", "Email", "Print", "", *SIDEBAR, "", *FOOTER]
    return "\n".join(parts)


def test_the_model_is_the_one_its_code_reads() -> None:
    model = zoner()
    assert model is not None, "parse/zoning.json is missing: run make fit"
    data = json.loads((Path(__file__).resolve().parents[1] / "scripts" / "newsarchive" / "parse" / "zoning.json").read_text("utf-8"))
    assert tuple(data["base"]) == BASE and tuple(data["roles"]) == ROLES and tuple(data["title"]["features"]) == TITLE_FEATURES
    assert tuple(data["byline"]["features"]) == BYLINE_FEATURES
    assert model.weights.shape[0] == len(ROLES)


def test_a_page_dump_keeps_the_article_and_sets_the_page_aside() -> None:
    article = parse_capture(page_dump())
    body = "\n".join(block.text for block in article.body)
    assert article.title == "Island ferry saved after council vote"
    assert article.authors == ("Ana Ruiz",)
    assert article.published.value is not None and article.published.value.date().isoformat() == "2011-02-11"
    assert all(" ".join(paragraph.split()[:6]) in " ".join(body.split()) for paragraph in PROSE)
    for furniture in (*MENU[1:], *SIDEBAR[1:], "Privacy policy"):
        assert furniture not in body, furniture
    assert not article.comments  # a sidebar of headlines is no comment section
    assert any(r.reason == "page furniture (zoning model)" for r in article.removed)


def test_a_page_dump_with_comments_keeps_the_grammars_comment_section() -> None:
    """Where the grammars read a comment section under the article, it is theirs, from a little over it to the
    end; the page's menus over the article are set aside all the same."""
    comments = COMMENTS
    text = page_dump().replace("Share this\n", "\n".join(comments) + "\nShare this\n")
    article = parse_capture(text)
    assert [c.author for c in article.comments] == ["Dara Byrne", "Eli Katz"]
    assert article.title == "Island ferry saved after council vote" and article.authors == ("Ana Ruiz",)
    set_aside = {r.text for r in article.removed if r.reason == "page furniture (zoning model)"}
    assert set(MENU[1:]) <= set_aside  # the menu over the article
    assert not set_aside & {line.strip() for line in comments}  # not a line of the comments
    body = " ".join(block.text for block in article.body)
    assert all(" ".join(paragraph.split()[:6]) in " ".join(body.split()) for paragraph in PROSE)


COMMENTS = ["3 Comments", "", "Dara Byrne says:", "11 February 2011 at 10:42 am", "", "    Good news for the island school run.", "",
            "Eli Katz says:", "11 February 2011 at 11:05 am", "", "    The council should have decided this months ago.", ""]


@pytest.mark.parametrize("comments", [[], COMMENTS], ids=["no comments", "comments under it"])
def test_an_article_whose_byline_reads_as_a_comment_header_keeps_its_text(comments: list[str]) -> None:
    """A byline in a commenter's layout ("Ana Ruiz says:" over its date) opens the grammars' comment section over
    the article's text; the text the zoning model reads goes back to the body, the header is the byline, and the
    comments under the article stay comments."""
    text = page_dump(byline="Ana Ruiz says:\n11 February 2011 at 10:42 am").replace("Share this\n", "\n".join(comments) + "\nShare this\n")
    article = parse_capture(text)
    body = " ".join(" ".join(block.text.split()) for block in article.body)
    assert all(" ".join(paragraph.split()) in body for paragraph in PROSE)
    assert "says" not in body
    assert article.authors == ("Ana Ruiz",) and article.published.value is not None and article.published.value.date().isoformat() == "2011-02-11"
    assert [c.author for c in article.comments] == (["Dara Byrne", "Eli Katz"] if comments else [])
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]


@pytest.mark.parametrize("caption", ["Photo: the old ferry leaves the harbour at dawn.", "The old ferry leaves the harbour at dawn."])
def test_a_caption_over_an_article_read_as_a_comment_does_not_keep_its_text_from_it(caption: str) -> None:
    """A sentence over the section (a picture's caption, a standfirst, read as the body's only sentence or not) is
    not the article's text: the text the section took goes back to the body all the same."""
    text = page_dump(title=f"Island ferry saved after council vote\n\n{caption}", byline="Ana Ruiz says:\n11 February 2011 at 10:42 am")
    article = parse_capture(text)
    body = " ".join(" ".join(block.text.split()) for block in article.body)
    assert all(" ".join(paragraph.split()) in body for paragraph in PROSE)
    assert article.authors == ("Ana Ruiz",) and not article.comments
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]


TRACKBACKS = "TrackBack\n\nTrackBack URL for this entry:\nhttps://blog.example/trackback/4711\n\nListed below are links to weblogs that reference this post.\n\n"


def test_a_post_s_foot_signed_by_its_writer_is_no_reader_comment() -> None:
    """"Posted by Jane Doe on <date> | Permalink" over the trackbacks reads as a comment's header: a lone comment
    signed by the article's writer is the post's foot, set aside, and no line is lost."""
    text = page_dump(byline="By Ana Ruiz").replace("Share this\n", "Posted by Ana Ruiz on February 11, 2011 | Permalink\n\n" + TRACKBACKS + "Share this\n")
    article = parse_capture(text)
    assert article.authors == ("Ana Ruiz",) and not article.comments
    assert "TrackBack URL" not in "\n".join(block.text for block in article.body)
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]


def test_an_article_read_whole_as_its_writer_s_comment_is_the_body() -> None:
    """"By Jane Doe, 31 July 2010" right over the text reads as a comment's header: the text under it is the
    article's body, not a comment."""
    article = parse_capture("Island ferry saved\n\nBy Ana Ruiz, 11 February 2011\n" + "\n\n".join(PROSE) + "\n")
    assert article.authors == ("Ana Ruiz",) and not article.comments
    assert " ".join(PROSE[-1].split()[:8]) in " ".join(" ".join(block.text for block in article.body).split())
    assert article.published.value is not None and article.published.value.date().isoformat() == "2011-02-11"


def test_a_writer_answering_readers_keeps_the_comment_section() -> None:
    comments = ("3 Comments\n\nLou Quimby said:\nFebruary 12, 2011 at 9:15 am\nGood news for the island at last, and about time too.\n\n"
                "Ana Ruiz said:\nFebruary 12, 2011 at 10:02 am\nThank you, Lou: the working group meets next week.\n\n")
    article = parse_capture(page_dump(byline="By Ana Ruiz").replace("Share this\n", comments + "Share this\n"))
    authors = [comment.author for comment in article.comments]
    assert "Lou Quimby" in authors and authors.count("Ana Ruiz") >= 1


INGREDIENTS = ["200 g flour", "2 eggs", "100 ml milk", "1 pinch of salt", "50 g butter", "1 lemon", "2 tbsp sugar", "1 tsp baking powder",
               "3 apples", "1 handful of raisins", "100 g walnuts", "1 vanilla pod", "2 tbsp honey", "1 tsp cinnamon", "200 ml cream",
               "1 orange", "50 g almonds", "1 tbsp rum", "100 g oats", "2 pears", "1 banana", "50 g dates", "1 tsp nutmeg", "2 plums"]


def recipe_dump(byline: str) -> str:
    """A page's dump made up here with many short lines that are the article's own (a list of ingredients) and
    little furniture around it."""
    title = "Island apple cake for the ferry crossing"
    return "\n".join(["Harbour Gazette", "", "Recipes", "", title, "", byline, "", PROSE[0], "", "You need:", "", *INGREDIENTS, "", *PROSE[1:]])


def test_a_dump_with_little_furniture_is_left_whole_to_the_grammars_with_the_model_s_heads() -> None:
    from newsarchive.parse import _zoned, grammar_reading

    text = recipe_dump("By Jane Ruiz | 11 February 2011")
    lines = split_lines(text)
    zoned = _zoned(lines, wrap_width(lines), lambda: grammar_reading(text), zoner())
    assert zoned is not None and zoned.light
    assert zoned.article == {line.no for line in lines} and not zoned.furniture
    assert zoned.title is not None and zoned.title.text == "Island apple cake for the ferry crossing"
    article = parse_capture(text)
    assert article.authors == ("Jane Ruiz",) and all(item in "\n".join(b.text for b in article.body) for item in INGREDIENTS)


def test_where_nothing_else_names_the_writer_of_a_dump_with_little_furniture_the_ranker_does() -> None:
    article = parse_capture(recipe_dump("Text von Jane Ruiz     Illustration von Lou Quimby"))
    assert article.title == "Island apple cake for the ferry crossing" and article.authors == ("Jane Ruiz",)


def test_a_cookie_notice_over_the_title_does_not_count_as_text_over_a_comment_section() -> None:
    """The model may read a cookie notice at the top of the page as text; it stands over the title, so it is not
    the article's text over the section that the grammars open at the byline, and the text is taken back."""
    cookie = ("We use cookies and other tracking technologies to improve your browsing experience on our site, show\n"
              "personalized content and targeted ads, and understand where our audience is coming from.\n\n"
              "By choosing I Accept, you consent to our use of cookies and other tracking technologies.\n\n")
    article = parse_capture(cookie + page_dump(byline="Ana Ruiz says:\n11 February 2011 at 10:42 am"))
    body = " ".join(" ".join(block.text.split()) for block in article.body)
    assert all(" ".join(paragraph.split()) in body for paragraph in PROSE)
    assert article.authors == ("Ana Ruiz",) and article.comments == ()


@pytest.mark.parametrize("comments", [[], COMMENTS], ids=["no comments", "comments under it"])
def test_the_article_s_text_under_its_buttons_is_taken_back_from_a_comment_section(comments: list[str]) -> None:
    """A standfirst over a byline in a commenter's layout, then a row of buttons the model does not know (in
    German) over the text: the section the grammars opened is still read from the first line of the text down,
    the buttons above it left out of the count, and the text goes back to the body."""
    buttons = "\n".join(["Teilen", "Twittern", "E-Mail", "Drucken", "Merken"])
    head = f"The council voted on Friday to keep the ferry running.\n\nAna Ruiz says:\n11 February 2011 at 10:42 am\n\n{buttons}\n"
    text = page_dump(byline=head).replace("Share this\n", "\n".join(comments) + "\nShare this\n")
    article = parse_capture(text)
    body = " ".join(" ".join(block.text.split()) for block in article.body)
    assert all(" ".join(paragraph.split()) in body for paragraph in PROSE)
    assert article.authors == ("Ana Ruiz",)
    assert [c.author for c in article.comments] == (["Dara Byrne", "Eli Katz"] if comments else [])
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]


@pytest.mark.parametrize("comments", [[], COMMENTS], ids=["no comments", "comments under it"])
def test_a_quoted_post_s_signature_inside_the_text_opens_no_comment_section(comments: list[str]) -> None:
    """An embedded post's signature in the middle of the article ("— Lou Quimby (@lquimby) November 1, 2019") reads
    as a commenter's header to the grammars; the model reads the text on under it as the article's, which stays
    the body's, and the reader comments under the article stay comments."""
    quoted = "Boats are older than the pier.\n\n    — Lou Quimby (@lquimby) November 1, 2019\n\n"
    text = page_dump().replace(PROSE[1], quoted + PROSE[1], 1).replace("Share this\n", "\n".join(comments) + "\nShare this\n")
    article = parse_capture(text)
    body = " ".join(" ".join(block.text.split()) for block in article.body)
    assert all(" ".join(paragraph.split()) in body for paragraph in PROSE)
    assert [c.author for c in article.comments] == (["Dara Byrne", "Eli Katz"] if comments else [])
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]


@pytest.mark.parametrize("comments", [[], COMMENTS], ids=["no comments", "comments under it"])
def test_the_text_under_a_quoted_post_s_signature_goes_back_to_the_body_past_a_second_one(comments: list[str]) -> None:
    """Two embedded posts in the article: the grammars open a comment section at the first one's signature and
    read the second one's as another commenter's header; the model reads the threads as the article's text, and
    they hold more of it than the body over them, so they go back to the body, and the reader comments under the
    article stay comments."""
    first = "Boats are older than the pier.\n\n    — Lou Quimby (@lquimby) November 1, 2019"
    second = "The pier will outlast us all.\n\n    — Dara Velmora (@dvelmora) November 2, 2019\n\n"
    text = page_dump().replace(PROSE[0], PROSE[0] + "\n\n" + first, 1).replace(PROSE[2], second + PROSE[2], 1)
    text = text.replace("Share this\n", "\n".join(comments) + "\nShare this\n")
    article = parse_capture(text)
    body = " ".join(" ".join(block.text.split()) for block in article.body)
    assert all(" ".join(paragraph.split()) in body for paragraph in PROSE)
    assert [c.author for c in article.comments] == (["Dara Byrne", "Eli Katz"] if comments else [])
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]


def test_a_sidebar_that_the_grammars_read_as_comments_is_no_comment_section() -> None:
    """Lists of posts, categories and months under an empty comment form read as commenters with nothing to say:
    the comment model finds no reader comment among them, and the section is set aside, each line with why."""
    sidebar = ["Leave a Reply", "", "Recent Posts", "    Ferry timetable changes for the winter", "    Council votes on the new library",
               "    Storm closes the harbour road", "", "Categories", "    Island news", "    Council", "    Weather", "",
               "Archives", "    February 2011", "    January 2011", "    December 2010", "", "Blogroll", "    Harbour Watch", "    Island Diary", ""]
    text = page_dump().replace("Share this\n", "\n".join(sidebar) + "\nShare this\n")
    article = parse_capture(text)
    assert article.comments == ()
    assert {"Archives", "February 2011"} <= {r.text for r in article.removed if "comment model" in r.reason}
    assert article.title == "Island ferry saved after council vote" and article.authors == ("Ana Ruiz",) and len(article.body) == len(PROSE)
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]



def test_a_sidebar_under_reader_comments_is_set_aside_and_the_comments_kept() -> None:
    """The same lists under two reader comments: the section stands on its comments, and a list the grammars read
    as a thread of its own (the archive's heading, its months as replies) is set aside, each line with why."""
    sidebar = ["Recent Posts", "    Ferry timetable changes for the winter", "    Council votes on the new library",
               "    Storm closes the harbour road", "", "Categories", "    Island news", "    Council", "    Weather", "",
               "Archives", "    February 2011", "    January 2011", "    December 2010", "", "Blogroll", "    Harbour Watch", "    Island Diary", ""]
    text = page_dump().replace("Share this\n", "\n".join(COMMENTS + sidebar) + "\nShare this\n")
    article = parse_capture(text)
    assert [c.author for c in article.comments] == ["Dara Byrne", "Eli Katz"]
    assert [c.paragraphs for c in article.comments] == [("Good news for the island school run.",), ("The council should have decided this months ago.",)]
    set_aside = {r.text.strip() for r in article.removed if "comment model" in r.reason}
    assert {"Archives", "February 2011", "January 2011"} <= set_aside
    assert not any(c.replies for c in article.comments)
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]

def test_a_long_headline_that_the_text_browser_wrapped_is_read_whole() -> None:
    title = "Island ferry saved after council vote as residents fill the town hall for a second evening of debate"
    prose = [line for paragraph in PROSE for line in [*textwrap.wrap(" ".join(paragraph.split()), 79), ""]]
    text = page_dump(title="\n".join(textwrap.wrap(title, 79))).replace("\n\n".join(PROSE), "\n".join(prose))
    assert "\n".join(prose) in text and len(textwrap.wrap(title, 79)) == 2
    article = parse_capture(text)
    assert article.title == title
    numbers = [n for zone in accounted_lines(article).values() for n in zone]
    assert sorted(numbers) == [line.no for line in split_lines(text)]  # the headline's second line goes somewhere too


SECTIONS = ["Topics", "Ferries", "Council", "Schools", "Harbour", "Weather", "Letters", "Obituaries", "Puzzles", "Events", "Jobs", "Property"]


@pytest.mark.parametrize(
    "byline",
    [
        "Eine Kolumne von Ana Ruiz",
        "Veröffentlicht von Ana Ruiz",
        "durch Ana Ruiz",
        "Text von Ana Ruiz     Illustration von Chen Wei",
        "• Post author By Ana Ruiz\n• Post date February 11, 2011",
    ],
)
def test_the_byline_ranker_finds_the_writer_under_the_title_in_a_layout_of_its_own(byline: str) -> None:
    """Under the headline of a page's dump, a byline that the grammars over the title do not read as one is found
    by the fitted byline ranker among every line that names someone."""
    text = page_dump(byline=byline).replace("Skip to content", "Skip to content\n\n" + "\n".join(SECTIONS) + "\n")
    article = parse_capture(text + "\n\n" + "\n".join(SECTIONS))
    assert article.title == "Island ferry saved after council vote"
    assert article.authors == ("Ana Ruiz",)


@pytest.mark.parametrize("line", ["Datum: 11. Februar 2011Autor: Ana Ruiz 2 Kommentare", "Posted on 11. Februar 2011AuthorAna Ruiz", "By Ana Ruiz"])
def test_a_label_glued_to_the_date_before_it_still_stands_before_the_writer(line: str) -> None:
    """The byline ranker's evidence of a "by" or a label right before the names holds where the dump glued them."""
    found, rows = _byline_line(line)
    assert found[0][1] == ("Ana Ruiz",)
    assert rows[0][BYLINE_FEATURES.index("by_before")] == 1.0


@pytest.mark.parametrize("line", ["1. Februar 2011 Ana Ruiz 6", "11 Februar 2011 | Ana Ruiz | Kommentare 34 |", "February 11, 2011 · Ana Ruiz · 3 Comments"])
def test_a_dated_byline_that_ends_with_its_comments_count_names_its_writer_to_the_ranker(line: str) -> None:
    """The byline ranker reads a byline's writers without the comment count it ends with, with or without a word."""
    found, _ = _byline_line(line)
    assert found[0][1] == ("Ana Ruiz",)


def _byline_line(line: str) -> tuple[list, np.ndarray]:
    """The byline ranker's candidates in a page of one line, read as a byline."""
    probabilities = np.full((1, len(ROLES)), 1 / len(ROLES))
    return byline_candidates(split_lines(line), probabilities, (ROLES.index("byline"),), None, frozenset())


def test_a_wrapped_headline_is_read_whole_in_a_dump_of_mostly_short_lines() -> None:
    """A dump whose menus outnumber its prose many times over still shows where the text browser wrapped: among
    the lines long enough to have been wrapped."""
    title = "Island ferry saved after council vote as residents fill the town hall for a second evening of debate"
    prose = [line for paragraph in PROSE for line in [*textwrap.wrap(" ".join(paragraph.split()), 79), ""]]
    text = page_dump(title="\n".join(textwrap.wrap(title, 79))).replace("\n\n".join(PROSE), "\n".join(prose))
    text = text.replace("Skip to content", "Skip to content\n\n" + "\n\n".join("\n".join(SECTIONS) for _ in range(4)) + "\n")
    assert wrap_width(split_lines(text)) is None  # too few of all its lines crowd under the width
    assert parse_capture(text).title == title


def test_a_wrapped_headline_is_read_whole_where_a_dump_s_long_lines_are_mostly_short_of_the_width() -> None:
    """A dump whose teasers' lines outnumber its prose's: a share of the line lengths lands among the prose's ends
    rather than at the width they crowd under; the width is the one most lines end just short of."""
    title = "Island ferry saved after council vote as residents fill the town hall for a second evening of debate"
    prose = [line for paragraph in PROSE for line in [*textwrap.wrap(" ".join(paragraph.split()), 79), ""]]
    teasers = [f"{section} {k}: letters and notices from the {section.lower()} desk" for k in range(2) for section in SECTIONS]
    text = page_dump(title="\n".join(textwrap.wrap(title, 79))).replace("\n\n".join(PROSE), "\n".join(prose))
    text = text.replace("Share this", "Share this\n\n" + "\n".join(teasers) + "\n")
    assert wrap_width(split_lines(text), dump=True) == 78
    assert parse_capture(text).title == title


def _read_as(text: str, role_of) -> tuple[list, np.ndarray, np.ndarray, tuple[int, ...]]:
    """``text``'s lines, their base features, and the roles ``role_of(line)`` gives them (each line's role nine
    times as likely as each other), as the first stage of the model might read them."""
    lines = split_lines(text)
    roles = tuple(role_of(line) for line in lines)
    probabilities = np.full((len(lines), len(ROLES)), 0.1 / (len(ROLES) - 1))
    probabilities[np.arange(len(lines)), roles] = 0.9
    return lines, base_features(lines, None, frozenset(), frozenset()), probabilities, roles


def test_a_title_far_over_the_text_is_still_a_candidate_and_its_words_are_the_text_s() -> None:
    """A headline over a long menu (more lines of it than the title is looked for over the text) is a candidate
    where the model reads it as a title; its words recur in the text, a sidebar's teaser's do not."""
    title, teaser = "Island ferry saved after council vote", "Market traders protest parking fees"
    menu = [f"{section} {k}" for k in range(4) for section in SECTIONS]
    assert len(menu) > TITLE_REACH
    text = "\n".join([title, "", *menu, "", teaser, "", *PROSE])
    role_of = lambda line: TITLE if line.text == title else BODY if line.text in "\n".join(PROSE) else FURNITURE  # noqa: E731
    lines, base, probabilities, roles = _read_as(text, role_of)
    chosen, rows = title_candidates(lines, base, probabilities, roles)
    found = {lines[i].text: row[TITLE_FEATURES.index("in_text")] for i, row in zip(chosen, rows)}
    assert title in found and teaser in found
    assert found[title] >= 0.5 and found[teaser] == 0.0


def test_a_writer_named_under_a_label_of_its_own_and_a_name_glued_twice_are_byline_candidates() -> None:
    """The names under a line that is a byline's label alone ("Von:") are marked so for the byline ranker, and a
    name that a text browser glued to itself (a picture's label and its link) is read once."""
    title = "Island ferry saved after council vote"
    text = "\n".join([title, "", "Ana RuizAna Ruiz", "", *PROSE, "", "Von:", "", "Lou Quimby", "", *SIDEBAR])
    role_of = lambda line: TITLE if line.text == title else BODY if line.text in "\n".join(PROSE) else FURNITURE  # noqa: E731
    lines, base, probabilities, roles = _read_as(text, role_of)
    found, rows = byline_candidates(lines, probabilities, roles, 0, frozenset())
    by_names = {names: row[BYLINE_FEATURES.index("label_over")] for (_, names), row in zip(found, rows)}
    assert by_names[("Ana Ruiz",)] == 0.0 and by_names[("Lou Quimby",)] == 1.0
    # far under the text (past a sidebar and a footer), a name stays a candidate only under such a label
    text = "\n".join([title, "", *PROSE, "", *SIDEBAR, "", *FOOTER, "", "Chen Wei", "", "Print", "Share", "", "Von:", "", "Lou Quimby"])
    lines, base, probabilities, roles = _read_as(text, role_of)
    found, rows = byline_candidates(lines, probabilities, roles, 0, frozenset())
    assert ("Lou Quimby",) in [names for _, names in found] and ("Chen Wei",) not in [names for _, names in found]


def test_an_article_s_own_text_is_read_by_the_grammars_alone() -> None:
    text = "\n".join(["Island ferry saved after council vote", "", "By Ana Ruiz | 11 February 2011", "", *(p + "\n" for p in PROSE)])
    article = parse_capture(text)
    assert not any("zoning model" in r.reason for r in article.removed)
    assert article.title == "Island ferry saved after council vote" and article.authors == ("Ana Ruiz",)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Veröffentlicht am 12. Juni 2017 von jdoe", ("jdoe",)),
        ("Von: Jan Kupitz | 31.10.23", ("Jan Kupitz",)),
        ("Publicado por Ana Ruiz", ("Ana Ruiz",)),
        ("Author: Sam2011 am 29.12.2010, 13:36 Uhr", ("Sam2011",)),
        ("8. Januar 2020 · by Lou · in Notes", ("Lou",)),
        ("Ana Ruiz 19.10.2019, 05:00 Uhr", ("Ana Ruiz",)),
        ("BEN OKAFOR", ("Ben Okafor",)),
        ("Text von Chen Wei     Illustration von Dara Byrne", ("Chen Wei",)),
        ("Texte : Yann Le Bras", ("Yann Le Bras",)),
        ("Von Kees van Der Berg am 3. März 2019", ("Kees van Der Berg",)),
        ("Posted by jdoe under Harbour, Ferries", ("jdoe",)),  # the categories after "under"
        ("Posted by Greta Lind under", ("Greta Lind",)),  # ... in the line after it
        ("By Mary Under", ("Mary Under",)),
        # a text browser glues inline pieces: a label to the date before it or to the name after it, a date to the name
        ("Datum: 3. Mai 2017Autor: Lou Quimby 2 Kommentare", ("Lou Quimby",)),
        ("Posted on 4. Mai 2019AuthorLou Quimby", ("Lou Quimby",)),
        ("Lou Quimby3.11.2023", ("Lou Quimby",)),
        ("[Portrait Lou Quimby]von Lou Quimby13.12.2022 - 08:13 Uhr", ("Lou Quimby",)),
        ("Posted on 4. Mai 2019AuthorLou Quimby4 Kommentare", ("Lou Quimby",)),  # the count glued to the name
        # several writers on a line of their own, parted by commas and the "and" of the capture's language
        ("Ana Ruiz, Chen Wei & Dara Byrne", ("Ana Ruiz", "Chen Wei", "Dara Byrne")),
        ("Ana Ruiz, Lou Quimby y Yann Le Bras", ("Ana Ruiz", "Lou Quimby", "Yann Le Bras")),
        ("Por Ana Ruiz e Lou Quimby", ("Ana Ruiz", "Lou Quimby")),
        ("Authority figures spoke", None),
        ("Die Zukunft von Berlin ist offen", None),
        ("by the way, this is prose", None),
    ],
)
def test_bylines_of_any_layout_name_their_writers(line: str, names: tuple[str, ...] | None) -> None:
    assert written_by(line) == names


_FURNITURE_PARTS = st.sampled_from([*MENU, *SIDEBAR, *FOOTER, "[image]", "•", "Share", "Reply", "12 comments", "Load more"])


@st.composite
def dumps(draw) -> str:
    """A page's dump assembled at random from furniture, prose and comment-like lines."""
    lines: list[str] = []
    for _ in range(draw(st.integers(6, 14))):
        kind = draw(st.integers(0, 4))
        if kind in (0, 4):
            lines += [draw(_FURNITURE_PARTS) for _ in range(draw(st.integers(5, 12)))] + [""]
        elif kind == 1:
            lines += [draw(st.sampled_from(PROSE)), ""]
        elif kind == 2:
            lines += [f"{draw(st.sampled_from(['Ana Ruiz', 'pat', 'Lou']))} says:", "11 February 2011 at 10:42 am", draw(st.sampled_from(PROSE)).split("\n")[0], ""]
        else:
            lines += [draw(st.sampled_from(["Comments", "Island ferry saved", "By Ana Ruiz", "11 February 2011", "Read more"])), ""]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps())
def test_a_zoned_dump_loses_no_line_and_reads_the_same_twice(text: str) -> None:
    article = parse_capture(text)
    numbers = [n for zone in accounted_lines(article).values() for n in zone]
    assert sorted(numbers) == [line.no for line in split_lines(text)]
    assert parse_capture(text) == article


def test_the_title_ranker_s_folds_keep_a_site_s_pages_together() -> None:
    """The cross-fitting's folds: every page of a site in one fold (the ranker learns from how the first stage
    reads sites it has not seen), the sites dealt round all the folds."""
    from newsarchive.parse.zoning_fit import FOLDS, _folds, _Page

    sites = [f"news{k}.example" for k in range(2 * FOLDS)]
    pages = [_Page([], np.zeros(0), np.zeros(0), [], False, frozenset(), [], "", None, False, site) for site in sites for _ in range(3)]
    folds = _folds(pages)
    by_site = {site: {fold for page, fold in zip(pages, folds) if page.site == site} for site in sites}
    assert all(len(held) == 1 for held in by_site.values())
    assert sorted(set(folds)) == list(range(FOLDS))


@pytest.mark.accuracy
@pytest.mark.skipif(not (REALPAGES / "manifest.json").is_file(), reason=f"no real pages at {REALPAGES}: the model's fitting is not checked")
def test_fitting_makes_the_shipped_model_again() -> None:
    """``newsarchive fit-zoning`` on the annotated pages makes parse/zoning.json byte for byte: the model in the
    package is what the script in the repository fits, and fitting is reproducible."""
    from newsarchive.parse.zoning_fit import main

    shipped = Path(__file__).resolve().parents[1] / "scripts" / "newsarchive" / "parse" / "zoning.json"
    with tempfile.TemporaryDirectory(prefix="newsarchive-zoning-") as work:
        out = Path(work) / "zoning.json"
        assert main(REALPAGES, out) == 0
        assert out.read_bytes() == shipped.read_bytes(), "parse/zoning.json is not what fitting makes now: run make fit"


def _para(text: str, no: int) -> Block:
    return Block(BlockKind.PARAGRAPH, text, lines=(no,))


def test_the_labels_and_buttons_that_end_a_dump_s_text_are_set_aside() -> None:
    """Few-word lines after the text's last sentence ("Back to the list", a "More on this" heading) are no part of
    the article; a credit line, a list and a body of nothing else stay."""
    text = [_para(" ".join(paragraph.split()), n) for n, paragraph in enumerate(PROSE)]
    labels = [_para("Back to the list", 10), Block(BlockKind.HEADING, "More on this", lines=(11,)), _para("Nach oben", 12)]
    assert _without_trailing_labels(text + labels) == (text, labels)
    credit = _para("(Reporting by Ana Ruiz)", 13)
    assert _without_trailing_labels(text + [credit]) == (text + [credit], [])
    listed = Block(BlockKind.LIST, items=(ListItem("Ferry"), ListItem("Buses")), lines=(14,))
    assert _without_trailing_labels(text + [listed]) == (text + [listed], [])
    assert _without_trailing_labels(labels) == (labels, [])  # no sentence over them: nothing to tell them from


def test_the_text_share_of_a_section_is_counted_from_its_text_where_no_comment_stands_over_it() -> None:
    """Four long lines of a menu the model reads as neither furniture nor comments, over six lines of text: the
    section is mostly text, counted from its text; with a comment's line among the four, it is not."""
    from newsarchive.parse import _mostly_text, _Zoned

    menu = ["Ferry timetable for the winter months ahead", "Harbour works and road closures this week",
            "Council meetings and their next agenda items", "Island schools and the new term dates"]
    lines = split_lines("\n".join(menu + [" ".join(p.split()) for p in PROSE] + ["The boat sails at nine.", "It returns at five."]))
    text = frozenset(line.no for line in lines[4:])
    roles = {line.no: (0.0, 0.2) for line in lines}
    zoned = _Zoned(frozenset(line.no for line in lines), frozenset(), None, (), {}, None, roles, text)
    assert _mostly_text(lines, zoned)
    roles[lines[1].no] = (0.6, 0.1)  # a commenter's line among them
    assert not _mostly_text(lines, zoned)


def test_a_section_opening_at_a_button_inside_the_text_is_the_text_s() -> None:
    """The grammars open a comment section at a line the model reads as furniture (a button between two
    paragraphs) with text close over and under it: down to the end of that text, the section is the text's;
    with a commenter's header under the text's first line, it is not."""
    from newsarchive.parse import _text_run_from, _Zoned

    prose = [" ".join(p.split()) for p in PROSE]
    lines = split_lines("\n".join([prose[0], prose[1], "Save", prose[2], prose[3], "", "Follow us"]))
    text = frozenset(line.no for line in lines if line.text in prose)
    zoned = _Zoned(frozenset(line.no for line in lines), frozenset(), None, (), {}, None, {line.no: (0.0, 0.9 if line.no not in text else 0.0) for line in lines}, text)
    section = lines[2:]
    assert [line.text for line in _text_run_from(section, zoned, lines)] == ["Save", prose[2], prose[3]]
    answered = split_lines("\n".join([prose[0], prose[1], "Save", prose[2], "Dara Byrne says:", "11 February 2011 at 10:42 am", prose[3]]))
    text = frozenset(line.no for line in answered if line.text in prose)
    zoned = _Zoned(frozenset(line.no for line in answered), frozenset(), None, (), {}, None, {line.no: (0.0, 0.0) for line in answered}, text)
    assert _text_run_from(answered[2:], zoned, answered) == []


def test_a_dump_whose_text_the_model_cannot_find_keeps_the_model_s_heads() -> None:
    """The article's text in a narrow column (three or four words a line) reads to the model as furniture, and it
    finds no text on the page: the dump is still a page's, left whole to the grammars with the model's title, as
    one with little furniture is."""
    from newsarchive.parse import _zoned, grammar_reading

    title = "Island ferry saved after council vote"
    parts = ["[logo]", "Skip to content", "", "Storm closes the harbour road", "", *MENU, "", title, "", "By Ana Ruiz | 11 February 2011", ""]
    for paragraph in PROSE:
        parts += [textwrap.fill(" ".join(paragraph.split()), 22), ""]
    text = "\n".join([*parts, "Share this", "Email", "Print", "", *SIDEBAR, "", *FOOTER])
    lines = split_lines(text)
    zoned = _zoned(lines, wrap_width(lines), lambda: grammar_reading(text), zoner())
    assert zoned is not None and zoned.light and not zoned.body
    assert zoned.title is not None and zoned.title.text == title
    assert zoned.article == {line.no for line in lines}
    assert parse_capture(text).title == title


def test_the_grammars_one_word_title_gives_way_to_the_ranker_s_headline() -> None:
    """The grammars' title stands where the ranker scores it close to its own, unless it is one word (a label)."""
    from newsarchive.parse import _heads_agree, _Zoned
    from newsarchive.parse.lines import make_line

    headline, label, teaser = make_line(9, "Island ferry saved after council vote"), make_line(5, "Opinion"), make_line(7, "Market traders protest")
    zoned = _Zoned(frozenset(), frozenset(), headline, (), {9: 1.0, 5: 0.6, 7: 0.5}, None)
    assert _heads_agree(headline, zoned) and _heads_agree(teaser, zoned)
    assert not _heads_agree(label, zoned)
    assert not _heads_agree(make_line(3, "Ferry timetable for the winter"), zoned)  # not a candidate of the ranker


def test_in_a_dump_with_little_furniture_the_ranker_s_sure_writer_stands_over_the_grammars_label() -> None:
    """A page with little furniture (its ingredients read as text) whose byline line opens with a section's label
    ("Harbour | Par Ana Ruiz | …"), which the grammars read as the writer; the byline ranker, sure of the name
    under the author box's label, has it."""
    items = [f"  • {n} g {w}" for n, w in zip(range(100, 2300, 100), "flour sugar butter salt milk eggs yeast honey oats rye nuts figs "
                                                              "dates plums pears apples lemon lime mint sage thyme dill".split())]
    text = "\n".join(["Island ferry cake", "", "Harbour | Par Ana Ruiz | 30 septembre 2018", "", PROSE[0], "", *items, "", *PROSE[1:], "",
                      "Par :", "", "Ana Ruiz"])
    assert parse_capture(text).authors == ("Ana Ruiz",)


TEASER = ("Readers who followed the ferry story may also like our guide to the island's walks, with maps of the\n"
          "coastal paths, the best places to watch the seals and where to stop for lunch on the way back to the pier.\n\n"
          "The guide was written by the walking club, whose members have kept the paths open for forty years and who\n"
          "lead a walk round the headland on the first Sunday of every month, whatever the weather may be doing.")


def test_a_teaser_the_model_reads_as_text_far_under_the_article_is_set_aside() -> None:
    """A paragraph of prose under the page's sidebar, more than ``TEXT_GAP`` lines of furniture under the article's
    last line: a teaser, not the article's text, whatever the model makes of it; the article keeps every paragraph
    and no line is lost."""
    text = page_dump() + "\n\n" + TEASER + "\n\nBack to top"
    article = parse_capture(text)
    body = " ".join(" ".join(block.text.split()) for block in article.body)
    assert all(" ".join(paragraph.split()) in body for paragraph in PROSE)
    assert "the best places to watch the seals" not in body
    assert any("the best places to watch the seals" in r.text for r in article.removed)
    assert sorted(n for zone in accounted_lines(article).values() for n in zone) == [line.no for line in split_lines(text)]
