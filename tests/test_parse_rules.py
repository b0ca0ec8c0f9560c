"""Tables of cases for the parser's rules: bylines, dates, furniture, comment headers, titles."""

from __future__ import annotations

import pytest
from newsarchive.parse.dates import find_date
from newsarchive.common.models import BlockKind, Precision
from newsarchive.parse import infer_title, parse_capture
from newsarchive.parse.byline import comment_claim, names_line, parse_byline, writer_name
from newsarchive.parse.comments import comment_header, is_comment_heading, opens_form
from newsarchive.parse.furniture import comment_control_reason, common_lines, furniture_reason
from newsarchive.parse.body import dateline_of
from newsarchive.parse.lines import make_line


@pytest.mark.parametrize(
    ("line", "authors", "iso", "claimed"),
    [
        ("By Tom Warren, on 11th Feb 11 7:34 am with 13 Comments", ("Tom Warren",), "2011-02-11T07:34", 13),
        ("By Jane Doe | February 11, 2011", ("Jane Doe",), "2011-02-11", None),
        ("Posted by admin on 2011-02-11", ("admin",), "2011-02-11", None),
        ("Written by Ann Lee and Bo Chen", ("Ann Lee", "Bo Chen"), None, None),
        ("Written by Ann Lee, Bo Chen and Cy Diaz", ("Ann Lee", "Bo Chen", "Cy Diaz"), None, None),
        ("Posted on February 11, 2011 at 7:34 pm by Jane Doe", ("Jane Doe",), "2011-02-11T19:34", None),
        ("Jane Doe | 11 Feb 2011 | 4 comments", ("Jane Doe",), "2011-02-11", 4),
        ("February 11, 2011", (), "2011-02-11", None),
        ("Published: December 2010", (), "2010-12", None),
        ("By Kwame Mensah", ("Kwame Mensah",), None, None),
        ("Fri 11 Feb 2011 07.34 GMT", (), "2011-02-11T07:34+00:00", None),
        ("By Jane Doe, Staff Writer", ("Jane Doe",), None, None),
        ("By Ann Lee, Senior Technology Editor | Feb 11, 2011", ("Ann Lee",), "2011-02-11", None),
        ("Last Modified: Feb 11, 2011 3:35PM", (), "2011-02-11T15:35", None),
        ("Published: 11.02.2011 10:34", (), "2011-02-11T10:34", None),
        ("Posted by Mary Jo Foley @ 4:02 am", ("Mary Jo Foley",), None, None),
        ("Fri, 11 Feb 2011 09:55:00 +0000", (), "2011-02-11T09:55+00:00", None),
        ("11-Feb-2011", (), "2011-02-11", None),
        ("By MATTI HUUHTANEN and JESSICA MINTZ", ("Matti Huuhtanen", "Jessica Mintz"), None, None),  # agency capitals
        ("February 11, 2011 -- 10:45 a.m.", (), "2011-02-11T10:45", None),
        ("Feb 11, 2011 · 4 min read", (), "2011-02-11", None),
        ("by Peter Bright - Feb 11, 2011 3:42pm UTC", ("Peter Bright",), "2011-02-11T15:42+00:00", None),
        ("Posted by jdoe 3 hours ago", ("jdoe",), None, None),  # how long ago is no part of the name, and no date
        ("213 points by jdoe 12 years ago | 145 comments", ("jdoe",), None, 145),  # Hacker News: the score, not the writer
        ("Matti Virtanen 11.2.2011 klo 10.42", ("Matti Virtanen",), "2011-02-11T10:42", None),  # Finnish: "klo" before the time
        ("Published: 11.02.2011 um 10:34", (), "2011-02-11T10:34", None),
        ("By MATTI HUUHTANEN, AP Business Writer", ("Matti Huuhtanen",), None, None),  # the agency and the writer's role, no second writer
        ("By Jane Doe in Helsinki | February 11, 2011", ("Jane Doe",), "2011-02-11", None),  # where she writes from
        ("By Jane Doe, Helsinki | February 11, 2011", ("Jane Doe",), "2011-02-11", None),
        ("Feb 11 2011 - Jane Doe", ("Jane Doe",), "2011-02-11", None),
        ("By Jane Doe, John Roe", ("Jane Doe", "John Roe"), None, None),
        ("By Jane Doe. Updated Feb 11, 2011", ("Jane Doe",), "2011-02-11", None),
        ("Posted Fri Feb 11 10:42:00 EST 2011 by jdoe", ("jdoe",), "2011-02-11T10:42-05:00", None),
        ("r/technology • Posted by u/jdoe 12 years ago", ("jdoe",), None, None),  # Reddit
        ("Posted by Timo (Helsinki) on Feb 11, 2011", ("Timo",), "2011-02-11", None),  # where he writes from
        ("2011-02-09 09:05 pm (UTC)", (), "2011-02-09T21:05+00:00", None),  # a zone in brackets is no outlet
        ("Von Ana Ruiz (7. Mai 2019)", ("Ana Ruiz",), "2019-05-07", None),  # the date in brackets: none left on the name
        ("By Ana Ruiz [March 3, 2021]", ("Ana Ruiz",), "2021-03-03", None),
    ],
)
def test_byline(line: str, authors: tuple[str, ...], iso: str | None, claimed: int | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert (byline.date.iso() if byline.date else None) == iso
    assert byline.comments_claimed == claimed


@pytest.mark.parametrize(
    ("head", "authors", "iso"),
    [
        # the time on the byline's line, the day on the next
        ("Posted by Mary Jo Foley @ 4:02 am\nFebruary 11, 2011", ("Mary Jo Foley",), "2011-02-11T04:02"),
        # the writers' names on a line of their own, then the date
        ("Charles Arthur and Josh Halliday\nFri 11 Feb 2011 09.55 GMT", ("Charles Arthur", "Josh Halliday"), "2011-02-11T09:55+00:00"),
        ("Ann Lee\n2011/02/11", ("Ann Lee",), "2011-02-11"),
    ],
)
def test_byline_over_two_lines(head: str, authors: tuple[str, ...], iso: str) -> None:
    body = "Nokia said on Friday that it would use Microsoft's software on its phones from next year."
    for layout in (f"A partnership for the phones\n\n{head}\n\n{body}\n", f"A partnership for the phones\n{head}\n\n{body}\n"):
        article = parse_capture(layout)  # with a blank line under the title, and without one
        assert (article.title, article.authors, article.published.iso()) == ("A partnership for the phones", authors, iso)
        assert article.body[0].text == body


@pytest.mark.parametrize(
    ("line", "authors", "organisation"),
    [
        ("By Jane Doe, CNET News", ("Jane Doe",), "CNET News"),
        ("By John Smith, Reuters", ("John Smith",), "Reuters"),
        ("By Jane Doe, Washington Post", ("Jane Doe",), "Washington Post"),  # after a writer, "Post" names an outlet
        ("By Emily Post", ("Emily Post",), None),  # alone, a person
        ("By BBC NEWS", (), "BBC News"),
        ("By Daily Mail Reporter", (), "Daily Mail"),
        ("By Staff Reporter", (), None),
        ("By JOHN DOE and JANE ROE", ("John Doe", "Jane Roe"), None),  # capitals: short surnames are not acronyms
        ("By Ann Lee and Bo Chen", ("Ann Lee", "Bo Chen"), None),
        ("By Lisa Chan, Special to The Times", ("Lisa Chan",), "The Times"),
        ("By Doug Gross, for CNN", ("Doug Gross",), "CNN"),
        ("By Jane Doe and the Associated Press", ("Jane Doe",), "Associated Press"),
        ("By John Smith (john.smith@example.com)", ("John Smith",), None),  # how to reach the writer is no part of the name
        ("By John Smith, john@example.com", ("John Smith",), None),
        ("By John Smith | @jsmith", ("John Smith",), None),
        ("By Jane Doe Jr.", ("Jane Doe Jr.",), None),
    ],
)
def test_outlets_and_roles_are_not_writers(line: str, authors: tuple[str, ...], organisation: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None and (byline.authors, byline.organisation) == (authors, organisation)


@pytest.mark.parametrize(
    ("head", "authors", "organisation"),
    [
        # the date as a block of its own, the names and the outlet's role line in the next
        ("Sony cuts PlayStation 3 price\n\nFriday, February 11, 2011; 10:42 AM\n\nBy Peter Smith\nWashington Post Staff Writer", ("Peter Smith",), "Washington Post"),
        # the date over the title, the names under it
        ("Feb. 11, 2011\n\nSony cuts PlayStation 3 price\n\nBy MARK SCOTT\nOf DOW JONES NEWSWIRES", ("Mark Scott",), "Dow Jones Newswires"),
    ],
)
def test_a_date_block_apart_from_the_names(head: str, authors: tuple[str, ...], organisation: str) -> None:
    body = "Sony said on Friday that it would cut the price of its console in Europe by a fifth this spring."
    article = parse_capture(f"{head}\n\n{body}\n")
    assert (article.title, article.authors, article.organisation, article.published.iso()[:10]) == ("Sony cuts PlayStation 3 price", authors, organisation, "2011-02-11")
    assert [b.text for b in article.body] == [body]


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [("(CNN) -- Nokia and Microsoft announced a partnership.", "(CNN)"), ("SAN FRANCISCO--Apple on Wednesday unveiled the iPad 2.", "SAN FRANCISCO"), ("HELSINKI (AP) — Shares fell.", "HELSINKI (AP)"), ("E-MAIL-based scams rose.", None)],
)
def test_datelines(paragraph: str, dateline: str | None) -> None:
    assert dateline_of(paragraph) == dateline


def test_text_browser_o_bullets() -> None:
    assert make_line(1, "o Windows Phone on Nokia devices").mark == "o"
    assert make_line(1, "o the rest of the line").mark == ""
    article = parse_capture("A list\n\nBy Ann Lee\n\nThe deal covers three services, the companies said on Friday:\no Bing search\no Nokia Maps\no Xbox Live\n")
    assert [b.kind for b in article.body] == [BlockKind.PARAGRAPH, BlockKind.LIST]


def test_a_quoted_sentence_under_the_byline_is_no_standfirst() -> None:
    article = parse_capture('Nokia picks Windows Phone\nPosted by timothy on Friday February 11, 2011 @09:12AM\n\nAn anonymous reader writes "Nokia has picked Windows Phone."\n\nSymbian will be phased out over the next two years, the company said.\n')
    assert article.subtitle is None and article.authors == ("timothy",) and len(article.body) == 2


def test_a_title_case_title_between_a_section_and_a_date_stays_the_title() -> None:
    article = parse_capture("Mobile\n\nNokia Bets Big\n\nFebruary 11, 2011\n\nNokia said on Friday that it would use Microsoft's software on its phones.\n")
    assert (article.title, article.authors) == ("Nokia Bets Big", ())


def test_a_title_case_headline_over_a_date_is_no_byline() -> None:
    article = parse_capture("Technology\n\nNokia Partners With Microsoft\nFebruary 11, 2011\n\nNokia said on Friday that it would use Microsoft's software.\n")
    assert article.authors == ()
    assert names_line("Nokia Partners With Microsoft") is None
    assert names_line("Charles Arthur and Josh Halliday") == ("Charles Arthur", "Josh Halliday")


def test_a_standfirst_between_title_and_byline() -> None:
    text = (
        "Technology\n\nNokia and Microsoft form a partnership\n\nThe chief executive announces an alliance that puts Windows Phone on its smartphones\n\n"
        "By Ann Lee | 11 February 2011\n\nNokia said on Friday that it would use Microsoft's software.\n"
    )
    article = parse_capture(text)
    assert article.title == "Nokia and Microsoft form a partnership"
    assert article.subtitle == "The chief executive announces an alliance that puts Windows Phone on its smartphones"
    short = parse_capture("Technology\n\nNokia joins Microsoft\n\nBy Ann Lee | 11 February 2011\n\nNokia said on Friday that it would use Microsoft's software.\n")
    assert short.title == "Nokia joins Microsoft"  # a section label above the title is not the title


def test_a_role_line_under_the_name_gives_the_organisation() -> None:
    article = parse_capture(
        "Nokia and Microsoft form an alliance\n\nBy Rory Cellan-Jones\nTechnology correspondent, BBC News\n\n"
        "11 February 2011 Last updated at 10:45 GMT\n\nNokia has announced a major partnership with Microsoft.\n"
    )
    assert (article.authors, article.organisation) == (("Rory Cellan-Jones",), "BBC News")
    assert article.published.iso() == "2011-02-11"  # the time of the last update is not the time it was published
    assert article.subtitle is None


def test_a_date_over_the_title_and_a_post_signed_at_its_foot() -> None:
    article = parse_capture(
        "Monday, February 14, 2011\n\nWhy I am not buying one\n\nI have used Nokia phones for ten years, and the news changes nothing.\n\n"
        "Posted by Timo at 9:15 AM\n\n2 comments:\n\nAnonymous said...\nSame here.\nFebruary 14, 2011 10:02 AM\n\n"
        "Mikko said...\nYou will switch.\nFebruary 14, 2011 11:30 AM\n"
    )
    assert (article.title, article.authors, article.published.iso()) == ("Why I am not buying one", ("Timo",), "2011-02-14T09:15")
    assert [b.text for b in article.body] == ["I have used Nokia phones for ten years, and the news changes nothing."]
    assert [(c.author, c.paragraphs, c.date.iso() if c.date else None) for c in article.comments] == [
        ("Anonymous", ("Same here.",), "2011-02-14T10:02"),
        ("Mikko", ("You will switch.",), "2011-02-14T11:30"),
    ]


def test_name_and_agency_only_under_a_title() -> None:
    assert parse_byline("Jane Doe, Reuters", after_title=True).organisation == "Reuters"  # type: ignore[union-attr]
    assert parse_byline("Jane Doe, Reuters") is None


@pytest.mark.parametrize(
    "line",
    [
        "Nokia said on Friday that it plans to partner with Microsoft.",
        "Nokia and Microsoft historic partnership",
        "By 2015 the company expects to sell a hundred million phones a year.",
        "The architects said the building was designed to let in daylight.",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("11th Feb 11 7:34 am", Precision.MINUTE),
        ("February 11th, 2011 at 7:34pm", Precision.MINUTE),
        ("11 February 2011", Precision.DAY),
        ("2011-02-11", Precision.DAY),
        ("September, 2010", Precision.MONTH),
    ],
)
def test_date_precision(text: str, precision: Precision) -> None:
    found = find_date(text)
    assert found is not None and found[0].precision is precision


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("11.02.2011", "2011-02-11"),  # dots: day first, as every locale that writes them reads them
        ("1.2.2011", "2011-02-01"),
        ("11.02.11", "2011-02-11"),  # a two-digit year: never today's day and month
        ("2011/02/11", "2011-02-11"),
        ("11/Feb/2011", "2011-02-11"),
        ("Feb-11-2011", "2011-02-11"),
        ("Fri Feb 11 10:42:00 UTC 2011", "2011-02-11T10:42+00:00"),  # as Unix's date command writes it
        ("2011.02.11 10:02", "2011-02-11T10:02"),
        ("25/02/2011", "2011-02-25"),  # slashes: month first, unless the first number cannot be a month
        ("11/02/2011", "2011-11-02"),
        ("2/11/2011 10:34:00 AM", "2011-02-11T10:34"),
        ("2011-02-09 10:12 pm", "2011-02-09T22:12"),  # an ISO day with a 12-hour time: its "pm" counts
        ("2011-02-09 10:12 am (UTC)", "2011-02-09T10:12+00:00"),  # the zone in brackets (LiveJournal)
    ],
)
def test_numeric_dates(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found[0].iso() == iso and found[0].text == text


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Publié le vendredi 11 février 2011 à 10h30", "2011-02-11T10:30"),
        ("Freitag, 11. Februar 2011, 10:30 Uhr", "2011-02-11T10:30"),
        ("11 de febrero de 2011", "2011-02-11"),
        ("venerdì 11 febbraio 2011 alle 10.30", "2011-02-11T10:30"),
        ("11 februari 2011 om 10:30", "2011-02-11T10:30"),
        ("le 1er mars 2011", "2011-03-01"),
        ("11. helmikuuta 2011 klo 10.30", "2011-02-11T10:30"),
        ("11 lutego 2011", "2011-02-11"),
        ("11 февраля 2011 г., 10:30", "2011-02-11T10:30"),
    ],
)
def test_dates_in_other_languages(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found[0].iso() == iso


@pytest.mark.parametrize(
    ("line", "authors", "iso"),
    [
        ("Par Jean Dupont | Publié le 11 février 2011 à 10h30", ("Jean Dupont",), "2011-02-11T10:30"),
        ("Von Hans Müller am Freitag, 11. Februar 2011", ("Hans Müller",), "2011-02-11"),
        ("Door Jan de Vries op 11 februari 2011", ("Jan de Vries",), "2011-02-11"),
        ("Por Juan Pérez | 11 de febrero de 2011", ("Juan Pérez",), "2011-02-11"),
        ("Élodie Martin, 11 février 2011", ("Élodie Martin",), "2011-02-11"),
        ("Autor: Paweł Żółtowski | 11 lutego 2011", ("Paweł Żółtowski",), "2011-02-11"),
        ("Автор: Иван Петров", ("Иван Петров",), None),
        ("Του Γιώργου Παπαδόπουλου | 11 Φεβρουαρίου 2011", ("Γιώργου Παπαδόπουλου",), "2011-02-11"),
        ("بقلم أحمد علي | 11 فبراير 2011", ("أحمد علي",), "2011-02-11"),
        ("מאת דני כהן | 11 בפברואר 2011", ("דני כהן",), "2011-02-11"),
        ("โดย สมชาย ใจดี | 11 กุมภาพันธ์ 2554", ("สมชาย ใจดี",), "2011-02-11"),  # the Thai era: 2554 is 2011
        ("Oleh Budi Santoso | 11 Februari 2011", ("Budi Santoso",), "2011-02-11"),
        ("Yazan: Ayşe Yılmaz | 11 Şubat 2011 10:42", ("Ayşe Yılmaz",), "2011-02-11T10:42"),
        ("김철수 기자 = 서울 | 2011년 2월 11일", ("김철수",), "2011-02-11"),  # Korean: the name, then "reporter"
        ("Von Anna Berg am 21. April 2011", ("Anna Berg",), "2011-04-21"),  # "am" (on) before the date is no name's
        ("Gespeichert von Hans Müller am 11. Februar 2011 - 10:42", ("Hans Müller",), "2011-02-11T10:42"),
        ("Publié par Jean Dupont le 11 février 2011", ("Jean Dupont",), "2011-02-11"),
        ("Pubblicato da Mario Rossi il 11 febbraio 2011", ("Mario Rossi",), "2011-02-11"),
        ("Anna Le 11 February 2011", ("Anna Le",), "2011-02-11"),  # a capitalised "Le" ends a name
        ("Par Yann Le Bras le 11 février 2011", ("Yann Le Bras",), "2011-02-11"),  # "Le" in a name, "le" before the date
        # a weekday over a date in a month English shares ("November"): the day, not a writer
        ("Dienstag, 8. November 2011", (), "2011-11-08"),
        ("Von Ana Ruiz, Mittwoch, 9. November 2011", ("Ana Ruiz",), "2011-11-09"),
        ("Martes, 8 November 2011", (), "2011-11-08"),
    ],
)
def test_bylines_in_other_languages(line: str, authors: tuple[str, ...], iso: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and (byline.authors, byline.date.iso() if byline.date else None) == (authors, iso)


def test_a_writer_s_name_printed_twice_in_a_row_is_named_once() -> None:
    text = (
        "Island ferry saved after council vote\n\nBy Ana Ruiz Ana Ruiz | 11 February 2011\n\n"
        "The council voted on Tuesday to keep the island ferry running through the winter, after a long debate.\n\n"
        "Residents filled the town hall for the second evening in a row.\n"
    )
    assert parse_capture(text).authors == ("Ana Ruiz",)


def test_a_dateline_with_a_sentence_is_no_byline_and_dates_a_press_release() -> None:
    opening = "ESPOO, Finland – February 11, 2011 – Nokia and Microsoft today announced plans to form a broad strategic partnership."
    assert parse_byline(opening) is None
    article = parse_capture(f"FOR IMMEDIATE RELEASE\n\nNokia and Microsoft announce a partnership\n\n{opening}\n\nThe partnership would bring together their assets.\n\n###\n")
    assert (article.title, article.dateline, article.published.iso()) == ("Nokia and Microsoft announce a partnership", "ESPOO, Finland", "2011-02-11")
    assert article.body[0].text == opening


@pytest.mark.parametrize(
    "text",
    [
        "Компании Nokia и Microsoft объявили о партнёрстве, акции упали на 14 процентов.",
        "Компании объявили о партнёрстве, и акции компании упали на четырнадцать процентов.",  # no Latin letter at all
        "נוקיה הודיעה ביום שישי כי תאמץ את מערכת ההפעלה של מיקרוסופט.",
        "أعلنت نوكيا يوم الجمعة أنها ستعتمد نظام ويندوز فون من مايكروسوفت، كما قال المحللون.",
        "โนเกียประกาศเมื่อวันศุกร์ว่าจะใช้ระบบปฏิบัติการวินโดวส์โฟนของไมโครซอฟท์",  # Thai: no spaces between words, no full stop
    ],
)
def test_prose_in_other_scripts_is_prose(text: str) -> None:
    from newsarchive.parse.lines import is_sentence_like

    assert is_sentence_like(text)


@pytest.mark.parametrize("text", ["HOME NEWS SPORT BUSINESS TECHNOLOGY SCIENCE HEALTH, ENTERTAINMENT", "โนเกียจับมือไมโครซอฟท์"])
def test_a_line_in_capitals_or_a_short_thai_title_is_no_prose(text: str) -> None:
    from newsarchive.parse.lines import is_sentence_like

    assert not is_sentence_like(text)


@pytest.mark.parametrize("line", ["Di Stefano", "Mars 2011 mission", "Von Trier"])
def test_foreign_words_that_are_no_byline(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize("text", ["Feb 11", "on Friday", "last year", "Tom Warren", "31.02.2011", "version 1.2.3"])
def test_no_date_is_invented(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Skip to main content", "skip link"),
        ("Jump to navigation", "skip link"),
        ("We use cookies to give you the best experience. Accept", "cookie notice"),
        ("Share this article", "share button"),
        ("Facebook | Twitter | LinkedIn", "share buttons"),
        ("[logo]", "image placeholder"),
        ("[IMG] [IMG]", "image placeholder"),
        ("Advertisement", "advertisement"),
        ("Home | World | Business | Tech", "navigation bar"),
        ("© 2011 Example Media. All rights reserved.", "footer"),
        ("Back to top", "site control"),
        ("12. http://example.org/page", "link list of a text browser"),
        ("Tags: Nokia, Microsoft, Windows Phone", "labels (tags, topics)"),
        ("Filed under: Mobile", "labels (tags, topics)"),
        ("Like Loading...", "site control"),
        ("The Daily Ledger - Back to home", "site control"),
        ("Photo: Reuters/Kacper Pempel", "picture credit or caption"),
        ("Image caption Stephen Elop on stage in London", "picture credit or caption"),
        ("(Getty Images)", "picture credit or caption"),
        ("5 min read", "reading time"),
        ("Reading time: 3 minutes", "reading time"),
        ("Continue reading the main story", "site control"),
        ("Share this: Facebook Twitter Email", "share buttons"),
        ("Posted in Mobile, Nokia | 3 Comments", "labels (tags, topics)"),
        ("Filed under Uncategorized", "labels (tags, topics)"),
        ("from the burning-platform dept.", "story department line"),
        ("Follow", "site control"),
        ("FOR IMMEDIATE RELEASE", "site control"),
        ("###", "site control"),
        ("-30-", "site control"),
        ("Aller au contenu principal", "skip link"),
        ("Zum Inhalt springen", "skip link"),
        ("You have 3 free articles left this month. Subscribe now for unlimited access.", "subscription notice"),
        ("Sign up for our technology newsletter", "subscription notice"),
        ("Page 1 of 2 | Next page »", "page links"),
        ("« Previous | 1 | 2 | 3 | Next »", "page links"),
        ("Related Topics: Nokia, Microsoft", "labels (tags, topics)"),
        ("Newer Post Older Post Home", "site control"),
        ("Load more comments", "site control"),
        ("Sort by Best", "site control"),
        ("Article history", "site control"),
        ("This article is more than 13 years old", "site control"),
        ("Listen to this article", "site control"),
        ("Save", "site control"),
        ("Reuse this content", "site control"),
        ("Text size A A A", "site control"),
        ("Edition: UK", "site control"),
        ("Already a subscriber? Log in", "site control"),
        ("Show 12 more comments", "site control"),
        ("Hide replies", "site control"),
        ("Skip advertisement", "advertisement"),
        ("Story continues after advertisement", "advertisement"),
        ("Supported by", "advertisement"),
        ("Photo by Jane Doe/Getty Images", "picture credit or caption"),
        ("(Image credit: Nokia)", "picture credit or caption"),
        ("AFP via Getty Images", "picture credit or caption"),
        ("Follow @maggie_reardon", "site control"),
        ("Sort by: best", "site control"),
        ("·", "site control"),
        ("3–4 minutes", "reading time"),  # a reader view's
        ("+ Follow", "site control"),
        ("This is Google's cache of http://www.example.com/n. It is a snapshot of the page as it appeared on 12 Feb 2011.", "site control"),
        ("* * *", "section break"),
        ("~~~", "section break"),
        ("12", "count beside a button (likes, claps, votes)"),
        ("Get the best of TechRadar delivered to your inbox", "subscription notice"),
        ("Contact me with news and offers from other Future brands", "subscription notice"),
        ("Join Date: Jan 2009", "forum member details"),
        ("Posts: 1,234", "forum member details"),
        ("More About: microsoft, Nokia, windows phone 7", "labels (tags, topics)"),
    ],
)
def test_furniture(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Nokia shares on Facebook rose after the news.",
        "Share prices fell sharply, analysts said.",
        "[1] is the first footnote",
        "Windows Phone 7 | Symbian",
        "Topics: the minister said three would be on the agenda.",
        "It takes 5 minutes to read the report.",
        "Posted in News by Ann Lee on February 11, 2011",  # a byline: it names the writer and the day
        "posted in the forum yesterday that he would go",
        "Next, Nokia will ship its first Windows Phone.",
        "Page 3 of the report lists the phones.",
        "Readers who sign up for the newsletter get the memo, the company said.",
        "11 Feb 2011 | 10:42 | Jane Doe",  # a byline in bars, not a menu
        "Jane Roe > John Doe • 12 years ago",  # a Disqus reply's header
        "Save the date: Nokia will hold its briefing in London.",
        "Save money",
        "Photo by Jane Doe shows the phone.",
        "Supported by Microsoft, Nokia will ship phones.",
    ],
)
def test_article_text_is_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None


@pytest.mark.parametrize(
    "heading", ["13 Comments", "One Response to “Bakery wins”", "Comments", "Comments (4)", "Leave a Reply", "Discussion", "Reader comments", "Reader Comments (Page 1 of 2)", "3 commentaires", "Kommentare", "(5 comments | Leave a comment)", "Have your say (3)", "Discussion (12)", "Reader comments 42", "Add a Comment (Log in or register) 58 comments",
     "What readers are saying", "Responses to “Nokia picks Windows Phone”", "Showing 3 of 45 comments", "All comments (45)", "Comments: 12",
     "Discuss this article", "One Reply to “Nokia picks Windows Phone”", "2 réflexions au sujet de « Nokia »"]
)
def test_comment_headings(heading: str) -> None:
    assert is_comment_heading(heading)


@pytest.mark.parametrize("heading", ["Conversation", "Responses to the deal", "Comments from the minister", "Readers of the memo"])
def test_headings_in_an_article_open_no_comments(heading: str) -> None:
    assert not is_comment_heading(heading)


@pytest.mark.parametrize(("text", "count"), [("13 Comments", 13), ("with one comment", 1), ("No comments", 0), ("7 responses", 7), ("Comments (3)", 3), ("Have your say (3)", 3), ("Reader comments 42", 42), ("Showing 3 of 45 comments", 45), ("Comments: 12", 12), ("One Reply to “x”", 1), ("2 réflexions au sujet de « Nokia »", 2)])
def test_comment_claim(text: str, count: int) -> None:
    assert comment_claim(text) == count


@pytest.mark.parametrize(
    ("line", "author", "dated"),
    [
        ("  • oolong2", "oolong2", False),
        ("Carlos says:", "Carlos", False),
        ("Hannah | April 5, 2011 at 3:02 pm", "Hannah", True),
        ("Mark on 5 April 2011 at 15:02", "Mark", True),
        ("Dave K • 12 years ago", "Dave K", False),  # how long ago, not a date
        ("Anna Lee  Dave K • 3 days ago", "Anna Lee", False),  # the reply's author, then whom it answers
        ("mobilefan replying to jsmith 11 February 2011 10:15am", "mobilefan", True),
        ("Comment by Jan — February 11, 2011 @ 3:12 pm", "Jan", True),
        ("#2 Alice - Jan 28, 2011", "Alice", True),  # the comment's number is not part of the name
        ("dave_k 12 points 3 hours ago", "dave_k", False),  # the score between the name and the age
        ("Submitted by Anonymous (not verified) on Fri, 02/11/2011 - 11:02", "Anonymous", True),  # Drupal
        ("Julie B., le 11 février 2011 à 12h15", "Julie B.", True),  # a name may end with an initial
        ("Jürgen K. schreibt:", "Jürgen K.", False),
        ("Posted by: Jussi | February 11, 2011 at 11:02 AM", "Jussi", True),  # TypePad, under the comment's text
        ("Steve on February 11, 2011 at 10:42 am said:", "Steve", True),  # WordPress: the verb after the date
        ("pg 12 years ago | parent | next [–]", "pg", False),  # Hacker News: the thread's links after the age
        ("tptacek 12 years ago [–]", "tptacek", False),
        ("1.1. admin – 11 February 2011 at 11:00", "admin", True),  # a reply's number
        ("Karen wrote on 11 Feb 2011, 11:15:", "Karen", True),
        ("by fanboy99 February 11, 2011 4:42 AM PST", "fanboy99", True),  # CNET: "by" and the date, no "on"
        ("Post by symbianfan » Fri Feb 11, 2011 8:02 am", "symbianfan", True),  # phpBB
        ("@techguy 12 years ago", "techguy", False),  # YouTube
        ("Jane Doe (Author) | February 11, 2011 at 11:00 am", "Jane Doe", True),  # a badge after the name
        ("Karen Moderator - February 11, 2011", "Karen", True),
        ("Mike ✓ Verified | February 11, 2011", "Mike", True),
        ("John Doe → Jane Roe • 12 years ago", "John Doe", False),  # Disqus: the reply's author, then whom it answers
        ("Ines Moreau On Saturday, March 5 at 9:14 am", "Ines Moreau", False),  # a day and a time, no year: no date, but a header
        ("kvothe - Mar 5, 21:40", "kvothe", False),
        ("Greta said,", "Greta", False),
    ],
)
def test_comment_header(line: str, author: str, dated: bool) -> None:
    header = comment_header(make_line(1, line), None)
    assert header is not None and header.author == author and (header.date is not None) == dated


@pytest.mark.parametrize("line", ["Posted by kvothe on Friday March 4, @09:41PM", "We met on March 5 at 9:14 am", "I posted this 3 hours ago", "Nokia said 2 days ago | parent", "Steve on February 11, 2011 at 10:42 am said he would go", "  • Nokia will adopt Windows Phone as its primary smartphone strategy.", "    “The outgoing CEO ”", "The architects said the building was designed to let in daylight."])
def test_not_a_comment_header(line: str) -> None:
    assert comment_header(make_line(1, line), None) is None


def test_a_run_of_blocks_that_each_open_with_name_said_is_a_comment_section() -> None:
    """"Greta said," over a paragraph, again and again: commenters; once, over a quotation: the article's prose."""
    head = "Sourdough at home\n\nBy Sam Oak | 11 February 2011\n\nMy first loaf came out flat, so this week I fed the starter twice a day.\n\n"
    comments = "Greta said,\n\nWarm water helps the starter wake up.\n\nOmar said,\n\nTry a longer proof in the fridge overnight.\n\nLena said,\n\nMine took a month to rise well.\n"
    article = parse_capture(head + comments)
    assert [(c.author, c.paragraphs) for c in article.comments] == [
        ("Greta", ("Warm water helps the starter wake up.",)), ("Omar", ("Try a longer proof in the fridge overnight.",)), ("Lena", ("Mine took a month to rise well.",))]
    quoted = parse_capture(head + "My neighbour said,\n\nBe patient with the dough and keep it warm.\n\nSo I waited, and it rose.\n")
    assert not quoted.comments and "Be patient with the dough and keep it warm." in [b.text for b in quoted.body]


def test_prose_before_a_quotation_or_a_list_opens_no_comments() -> None:
    text = (
        "Five things Nokia announced\n\nBy Ann Lee | February 11, 2011\n\nNokia made five announcements on Friday.\n\n"
        "The company also said:\n\n1) Bing powers search\n2) Nokia Maps joins Bing Maps\n\nElop said:\n\n"
        "    We are standing on a burning platform, and we must decide how we will change our behaviour.\n"
    )
    article = parse_capture(text)
    assert article.comments == ()
    assert [b.kind for b in article.body] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.LIST, BlockKind.PARAGRAPH, BlockKind.QUOTE]
    assert comment_header(make_line(1, "The company also said:"), None) is None


@pytest.mark.parametrize(
    ("head", "title", "iso"),
    [
        ("Nokia and Microsoft announce partnership.\n\nBy Jane Doe | February 11, 2011", "Nokia and Microsoft announce partnership.", "2011-02-11"),  # a full stop
        ("Feb 11, 2011 — Nokia and Microsoft announce partnership\n\nBy Jane Doe", "Nokia and Microsoft announce partnership", "2011-02-11"),  # dated
        ("Nokia - Microsoft deal announced\n\nBy Jane Doe | February 11, 2011", "Nokia - Microsoft deal announced", "2011-02-11"),
        ("March 2011 – The month Nokia changed\n\nBy Jane Doe | February 11, 2011", "March 2011 – The month Nokia changed", "2011-02-11"),  # no day: the title's
    ],
)
def test_titles_with_a_full_stop_or_their_date(head: str, title: str, iso: str) -> None:
    article = parse_capture(f"{head}\n\nNokia and Microsoft announced a broad partnership on Friday, the companies said in London.\n")
    assert (article.title, article.authors, article.published.iso(), article.title_inferred) == (title, ("Jane Doe",), iso, False)


def test_a_title_and_standfirst_running_into_the_byline_are_split_from_it() -> None:
    article = parse_capture(
        "Nokia bets the farm on Windows Phone 7\nMicrosoft and Nokia form an alliance to take on Apple and Google.\nby Peter Bright - Feb 11, 2011 3:42pm UTC\n\n"
        "Nokia CEO Stephen Elop announced today that Nokia will use Windows Phone 7.\n"
    )
    assert (article.title, article.subtitle, article.authors) == ("Nokia bets the farm on Windows Phone 7", "Microsoft and Nokia form an alliance to take on Apple and Google.", ("Peter Bright",))
    assert article.published.iso() == "2011-02-11T15:42+00:00"


def test_two_sentences_under_a_title_are_no_standfirst() -> None:
    article = parse_capture(
        "Nokia bets the farm\nNokia has picked Windows Phone. Elop said so today in London.\nby Peter Bright - Feb 11, 2011 3:42pm UTC\n\n"
        "Nokia CEO Stephen Elop announced today that Nokia will use Windows Phone 7.\n"
    )
    assert article.subtitle is None


def test_a_commenters_rank_between_name_and_date_is_set_aside() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe | February 11, 2011\n\nNokia has picked Windows Phone as its platform, the company said.\n\n"
        "Reader comments 42\n\nScotty\nArs Scholae Palatinae\nFeb 11, 2011 3:58pm\nWell, that was unexpected.\n\n"
        "techguy\nSenior Member\nFeb 11, 2011 4:10pm\nNot really.\n"
    )
    assert [(c.author, c.date.iso(), c.paragraphs) for c in article.comments] == [
        ("Scotty", "2011-02-11T15:58", ("Well, that was unexpected.",)),
        ("techguy", "2011-02-11T16:10", ("Not really.",)),
    ]
    assert [(r.text, r.reason) for r in article.removed] == [("Ars Scholae Palatinae", "commenter's rank"), ("Senior Member", "commenter's rank")]
    assert article.comments_claimed == 42


def test_a_second_heading_in_the_heading_block_is_no_comment() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe | February 11, 2011\n\nNokia has picked Windows Phone as its platform, the company said.\n\n"
        "Comments\nReader Comments (Page 1 of 3)\n\njdoe @ Feb 11th 2011 7:12AM\nThis is the end of Symbian.\n"
    )
    assert [(c.author, c.paragraphs) for c in article.comments] == [("jdoe", ("This is the end of Symbian.",))]


@pytest.mark.parametrize(
    ("line", "organisation"),
    [
        ("By Jane Doe, AP Technology Writer", "AP"),
        ("By Jane Doe, Associated Press Writer", "Associated Press"),
        ("By Jane Doe, Reuters", "Reuters"),
        ("Jane Doe (Reuters) - Feb 11, 2011", "Reuters"),  # the outlet in brackets
        ("By Jane Doe (AP)", "AP"),
        ("Jane Doe, Technology Reporter, BBC News", "BBC News"),  # under a title: the name, the role, the outlet
    ],
)
def test_the_outlet_a_writer_writes_for(line: str, organisation: str) -> None:
    byline = parse_byline(line, after_title=True)
    assert byline is not None and byline.authors == ("Jane Doe",) and byline.organisation == organisation


@pytest.mark.parametrize(
    ("head", "title", "authors", "iso"),
    [
        # a page's head copied with no blank lines: section label, title, byline, date, follow button
        ("CNET News\nMobile\nNokia, Microsoft ink smartphone deal\nBy Marguerite Reardon\nFebruary 11, 2011 4:35 AM PST\nFollow @maggie_reardon",
         "Nokia, Microsoft ink smartphone deal", ("Marguerite Reardon",), "2011-02-11T04:35-08:00"),
        ("Technology\nNokia Chooses Microsoft for Smartphones\nBy KEVIN J. O'BRIEN\nPublished: February 11, 2011",
         "Nokia Chooses Microsoft for Smartphones", ("Kevin J. O'Brien",), "2011-02-11"),
        # a title-case title with a comma is no "Name, Outlet" byline
        ("TECHNOLOGY\nFEBRUARY 11, 2011, 9:03 A.M. ET\nNokia, Microsoft Team Up\nBy ANTON TROIANOVSKI And NICK WINGFIELD",
         "Nokia, Microsoft Team Up", ("Anton Troianovski", "Nick Wingfield"), "2011-02-11T09:03-05:00"),
    ],
)
def test_a_head_with_no_blank_lines_is_read_part_by_part(head: str, title: str, authors: tuple[str, ...], iso: str) -> None:
    article = parse_capture(f"{head}\n\nNokia and Microsoft have officially teamed up to develop smartphones, the companies said.\n")
    assert (article.title, article.authors, article.published.iso()) == (title, authors, iso)


@pytest.mark.parametrize(
    ("head", "title", "subtitle", "authors", "iso"),
    [
        # menus of one word a line, then the section, the title and a date with its update time
        ("Accessibility Help\nBBC Account\nHome\nNews\nSport\n\nTechnology\nNokia and Microsoft form partnership\n11 February 2011 Last updated at 10:45 GMT",
         "Nokia and Microsoft form partnership", None, (), "2011-02-11"),
        # Medium: the name twice (a picture's, then the name), separators, a clap count, "Listen"
        ("Why Nokia had to choose Windows Phone\nJane Doe\nJane Doe\n·\nFollow\n5 min read\n·\nFeb 11, 2011\n--\n12\nListen\nShare",
         "Why Nokia had to choose Windows Phone", None, ("Jane Doe",), "2011-02-11"),
        # the section's label between the title and the byline, the standfirst under it
        ("Nokia and Microsoft sign smartphone deal\nNews\nBy Jane Doe\npublished 11 February 2011\n\nWindows Phone comes to Nokia",
         "Nokia and Microsoft sign smartphone deal", "Windows Phone comes to Nokia", ("Jane Doe",), "2011-02-11"),
    ],
)
def test_the_heads_of_todays_pages(head: str, title: str, subtitle: str | None, authors: tuple[str, ...], iso: str) -> None:
    article = parse_capture(f"{head}\n\nNokia and Microsoft have signed a deal that will see Windows Phone on Nokia's smartphones.\n")
    assert (article.title, article.subtitle, article.authors, article.published.iso()) == (title, subtitle, authors, iso)


def test_paragraphs_parted_by_single_line_breaks_are_paragraphs() -> None:
    article = parse_capture(
        "Nokia and Microsoft form partnership\nBy Jane Doe | February 11, 2011\n"
        "Nokia and Microsoft announced a broad partnership on Friday that makes Windows Phone Nokia's platform.\n"
        "The companies said they would combine their mapping and search services, with Bing powering search.\n"
        "Analysts were divided on whether the deal would help Nokia win back the market in the years ahead.\n"
        "3 Comments\nSteve\nFebruary 11, 2011 at 10:42 am\nGreat news for Microsoft.\n"
    )
    assert (article.title, article.authors, article.published.iso()) == ("Nokia and Microsoft form partnership", ("Jane Doe",), "2011-02-11")
    assert [b.text[:20] for b in article.body] == ["Nokia and Microsoft ", "The companies said t", "Analysts were divide"]
    assert [(c.author, c.paragraphs) for c in article.comments] == [("Steve", ("Great news for Microsoft.",))]


def test_a_paragraph_with_line_breaks_in_a_capture_with_blank_lines_stays_whole() -> None:
    lines = "Nokia and Microsoft announced a broad partnership on Friday, the companies said.\nThe companies said they would combine their mapping and search services.\n"
    article = parse_capture("A title\n\nBy Jane Doe | February 11, 2011\n\n" + lines + "\nElop spoke in London on Friday, to a room of analysts and reporters.\n")
    assert article.body[0].text == lines.strip()  # two lines of prose: a paragraph with a line break, as before


def test_a_line_in_bold_is_a_subheading_and_a_markdown_underline_stays_one() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe | February 11, 2011\n\nNokia and Microsoft announced a broad partnership on Friday.\n\n"
        "**What it means**\n\nAnalysts said the deal was bold, and that Nokia had little choice.\n\n"
        "What comes next\n---\n\nElop said more on Friday, at the briefing in London, to reporters there.\n"
    )
    assert [(b.kind, b.text) for b in article.body if b.kind is BlockKind.HEADING] == [(BlockKind.HEADING, "What it means"), (BlockKind.HEADING, "What comes next")]


def test_invisible_characters_are_removed_and_said() -> None:
    from newsarchive.capture.read import clean_text

    text, warnings = clean_text("Micro\u00adsoft and No\u200bkia\ufeff said so.")
    assert text == "Microsoft and Nokia said so." and warnings == ["removed 3 invisible characters (soft hyphens, zero-width spaces, byte-order marks inside the text)"]


def test_a_forum_thread_is_its_first_post_and_the_replies() -> None:
    article = parse_capture(
        "Nokia and Microsoft - thoughts?\n\n02-11-2011, 07:34 AM #1\ntechguy\nSenior Member\nJoin Date: Jan 2009\nPosts: 1,234\n\n"
        "So Nokia went with Windows Phone. I did not see that coming at all. What do you all think?\n\n"
        "02-11-2011, 08:02 AM #2\nsymbianfan\nJunior Member\nJoin Date: Mar 2010\nPosts: 56\n\nSad day for Symbian users.\n"
    )
    assert (article.title, article.authors, article.published.iso(), article.subtitle) == ("Nokia and Microsoft - thoughts?", ("techguy",), "2011-02-11T07:34", None)
    assert [(c.author, c.date.iso(), c.paragraphs) for c in article.comments] == [("symbianfan", "2011-02-11T08:02", ("Sad day for Symbian users.",))]
    assert {(r.text, r.reason) for r in article.removed} >= {("Junior Member", "commenter's rank"), ("Join Date: Mar 2010", "forum member details")}


def test_a_short_first_line_of_a_forum_post_is_no_rank() -> None:
    article = parse_capture(
        "Nokia and Microsoft - thoughts?\n\n02-11-2011, 07:34 AM #1\ntechguy\nSenior Member\n\nSo Nokia went with Windows Phone. What do you think?\n\n"
        "02-11-2011, 08:02 AM #2\nsymbianfan\nAgreed\nSymbian was dying anyway.\n"
    )
    assert [(c.author, c.paragraphs) for c in article.comments] == [("symbianfan", ("Agreed\nSymbian was dying anyway.",))]


def test_phpbb_replies_are_comments_under_their_titles() -> None:
    article = parse_capture(
        "Nokia goes Windows Phone\nPost by techguy » Fri Feb 11, 2011 7:34 am\n\nSo Nokia went with Windows Phone. What do you all think about it?\n\n"
        "Re: Nokia goes Windows Phone\nPost by symbianfan » Fri Feb 11, 2011 8:02 am\n\nSad day for Symbian users.\n"
    )
    assert (article.authors, article.published.iso()) == (("techguy",), "2011-02-11T07:34")
    assert [(c.author, c.paragraphs) for c in article.comments] == [("symbianfan", ("Re: Nokia goes Windows Phone", "Sad day for Symbian users."))]


_TEXT = "Nokia and Microsoft announced a broad partnership on Friday, the companies said.\n"


@pytest.mark.parametrize(
    ("head", "title", "authors", "iso"),
    [
        ('---\ntitle: "Nokia and Microsoft"\nauthor:\n  - "[[Jane Doe]]"\npublished: 2011-02-11\ncreated: 2024-05-01\n---\n', "Nokia and Microsoft", ("Jane Doe",), "2011-02-11"),
        ("---\ntitle: Nokia and Microsoft\nauthors: [Jane Doe, John Roe]\ndate: 2011-02-11 10:42\n---\n\n", "Nokia and Microsoft", ("Jane Doe", "John Roe"), "2011-02-11T10:42"),
        ("Title: Nokia and Microsoft\nURL: http://www.example.com/nokia\nDate: 2011-02-11 10:42\nAuthor: Jane Doe\n\n", "Nokia and Microsoft", ("Jane Doe",), "2011-02-11T10:42"),
        ("Headline: Nokia and Microsoft\nBy: Jane Doe <jane@example.org>\n\n", "Nokia and Microsoft", ("Jane Doe",), None),
    ],
)
def test_the_captures_own_fields_give_title_writers_and_date(head: str, title: str, authors: tuple[str, ...], iso: str | None) -> None:
    article = parse_capture(head + _TEXT)
    assert (article.title, article.authors, article.published.iso()) == (title, authors, iso)
    assert [b.text for b in article.body] == [_TEXT.strip()] and not article.warnings[1:]


def test_a_front_matter_that_is_no_yaml_is_set_aside_with_a_warning() -> None:
    article = parse_capture("---\ntitle: [Nokia\nauthor: x\n---\n" + _TEXT)
    assert article.metadata_lines[:4] == (1, 2, 3, 4) and article.warnings[0].startswith("front matter is not valid YAML (line 3): ")
    assert [b.text for b in article.body] == [_TEXT.strip()]


def test_a_front_matter_of_aliases_is_read_in_no_time() -> None:
    bomb = "".join(f"{k}: &{k} [{', '.join(['*' + p] * 9) if p else '1, 2, 3, 4, 5, 6, 7, 8, 9'}]\n" for p, k in zip(" abcdefg", "abcdefgh"))
    article = parse_capture(f"---\n{bomb}title: *h\nauthor: *h\n---\n" + _TEXT)  # 9**8 items, were they ever expanded
    assert article.authors == () and article.title == infer_title(article.body)


def test_a_web_address_over_the_article_is_set_aside() -> None:
    article = parse_capture("The Wayback Machine - http://web.archive.org/web/2011/http://example.com/n\nNokia and Microsoft\nhttp://example.com/n\n\nBy Jane Doe\n\n" + _TEXT + "\nhttp://example.com/source\n")
    assert (article.title, article.authors) == ("Nokia and Microsoft", ("Jane Doe",))
    assert [(r.line, r.reason) for r in article.removed] == [(1, "site control"), (3, "web address of the page")]
    assert article.body[-1].text == "http://example.com/source"  # in the text, a link: kept


def test_reddit_levels_nest_the_comments() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe | February 11, 2011\n\nNokia has picked Windows Phone as its platform, the company said.\n\n45 comments\nSort by: best\n\n"
        "level 1\ntechguy\n· 12 yr. ago\nThis is the end of Symbian.\nReply\n\nlevel 2\nsymbianfan\n· 12 yr. ago\nIt was over long ago.\n\n"
        "level 1\nmobilefan\n· 12 yr. ago\nGood move.\n"
    )
    assert [(c.author, [r.author for r in c.replies]) for c in article.comments] == [("techguy", ["symbianfan"]), ("mobilefan", [])]
    assert [r.text for r in article.removed if r.reason == "comment's depth in its thread"] == ["level 1", "level 2", "level 1"]


def test_staff_and_agencies_name_no_writer() -> None:
    byline = parse_byline("By Staff and agencies")
    assert byline is not None and byline.authors == () and byline.unnamed


def test_an_embedded_post_is_a_quotation_with_who_posted_it() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe | February 11, 2011\n\nThe reaction on Twitter was swift, the company said.\n\n"
        "Nokia just handed its future to Microsoft. Bold move.\n— Jane Roe (@janeroe) February 11, 2011\n\nOthers were less sure, analysts said.\n"
    )
    assert [(b.kind, b.text) for b in article.body][1] == (BlockKind.QUOTE, "Nokia just handed its future to Microsoft. Bold move.\n— Jane Roe (@janeroe) February 11, 2011")


def test_a_caption_that_ends_with_its_credit_is_set_aside() -> None:
    line = "Stephen Elop, Nokia's chief executive, at the briefing in London on Friday. Photograph: Kieran Doherty/Reuters"
    assert furniture_reason(line) == "picture credit or caption"
    assert furniture_reason("Nokia said on Friday it would adopt Windows Phone. Photograph prices were not affected.") is None


def test_a_date_over_the_title_and_text_in_one_block() -> None:
    article = parse_capture("Friday, February 11, 2011\nNokia goes Microsoft\nI never thought I'd see the day. Nokia is going to use Windows Phone.\n\nPosted by Timo at 9:15 AM\n")
    assert (article.title, article.authors, article.published.iso()) == ("Nokia goes Microsoft", ("Timo",), "2011-02-11T09:15")
    assert [b.text for b in article.body] == ["I never thought I'd see the day. Nokia is going to use Windows Phone."]


@pytest.mark.parametrize("glyph", ["✘", "✗", "☐", "☑", "❖", "◆", "♦", "∙", "⁃"])
def test_other_bullet_glyphs_make_list_items(glyph: str) -> None:
    article = parse_capture(f"A title\n\nBy Ann Lee | February 11, 2011\n\nNokia said three things today, in a statement.\n\n{glyph} Windows Phone\n{glyph} Bing search\n{glyph} Nokia Maps\n")
    assert [[i.text for i in b.items] for b in article.body if b.kind is BlockKind.LIST] == [["Windows Phone", "Bing search", "Nokia Maps"]]


def test_a_link_aggregators_source_domain_is_not_part_of_the_title() -> None:
    article = parse_capture("Nokia and Microsoft form a partnership (nokia.com)\n213 points by jdoe 12 years ago | 145 comments\n\nNokia and Microsoft today announced plans.\n")
    assert (article.title, article.authors, article.comments_claimed) == ("Nokia and Microsoft form a partnership", ("jdoe",), 145)


def test_a_short_title_with_its_section_and_site_after_bars_is_no_menu() -> None:
    article = parse_capture("Nokia picks Windows Phone | Technology | The Guardian\n\nBy Ann Lee | February 11, 2011\n\nElop said he chose Windows Phone for Nokia on Friday.\n")
    assert article.title == "Nokia picks Windows Phone"
    assert furniture_reason("Home | World News | Business | Technology") == "navigation bar"


@pytest.mark.parametrize(
    "bar",
    ["Nokia picks Windows Phone as its platform « Tech Blog", "Nokia picks Windows Phone as its platform :: Tech Daily",
     "Nokia picks Windows Phone as its platform | Technology | The Guardian", "Tech Daily | Nokia picks Windows Phone as its platform",
     "Nokia picks Windows Phone as its platform › Tech Blog", "Nokia picks Windows Phone as its platform · Tech Blog"],
)
def test_a_title_bars_site_and_section_are_cut(bar: str) -> None:
    article = parse_capture(f"{bar}\n\nBy Ann Lee | February 11, 2011\n\nElop said he chose Windows Phone for Nokia on Friday.\n")
    assert article.title == "Nokia picks Windows Phone as its platform"


def test_the_site_name_after_a_bar_is_not_part_of_the_title() -> None:
    text = "Nokia CEO Elop explains the choice | Tech Daily\n\nBy Ann Lee | February 11, 2011\n\nElop said he chose Windows Phone.\n"
    assert parse_capture(text).title == "Nokia CEO Elop explains the choice"
    assert parse_capture(text.replace("Nokia CEO Elop explains the choice", "Windows")).title == "Windows | Tech Daily"


def test_an_agency_line_under_the_names() -> None:
    article = parse_capture("Nokia and Microsoft join forces\n\nBy Ann Lee and Bo Chen\nAssociated Press\n\nHELSINKI — Nokia and Microsoft announced an alliance on Friday.\n")
    assert (article.authors, article.organisation, article.dateline) == (("Ann Lee", "Bo Chen"), "Associated Press", "HELSINKI")


def test_a_name_then_how_long_ago_opens_a_comment() -> None:
    article = parse_capture("A title for it\n\nBy Ann Lee | 12 February 2011\n\nNokia has chosen Windows Phone.\n\nComments\n\nDave K\n2 hours ago\nIt will work.\n\nSam\n1 hour ago\nNot this year.\n")
    assert [(c.author, c.paragraphs, c.date) for c in article.comments] == [("Dave K", ("It will work.",), None), ("Sam", ("Not this year.",), None)]


def test_a_capture_saved_as_markdown_is_read_as_its_text() -> None:
    text = (
        "# Nokia and Microsoft: what the deal means\n\n*By Ann Lee — February 11, 2011*\n\n"
        "Nokia said on **Friday** that it would adopt [Windows Phone](https://example.org/wp) as its main platform.\n\n"
        "![Stephen Elop](elop.jpg)\n\n### Comments\n\n**jane_doe** — February 11, 2011 at 10:12 am\n\nGood move.\n"
    )
    article = parse_capture(text)
    assert (article.title, article.authors, article.published.iso()) == ("Nokia and Microsoft: what the deal means", ("Ann Lee",), "2011-02-11")
    assert [b.text for b in article.body] == ["Nokia said on Friday that it would adopt Windows Phone as its main platform."]
    assert [(c.author, c.paragraphs) for c in article.comments] == [("jane_doe", ("Good move.",))]
    assert [r.reason for r in article.removed] == ["image placeholder"]
    plain = "Snake_case names such as my_var and 2 * 3 * 4 stay as they are.\n"
    assert parse_capture(plain).body[0].text == plain.strip()


def test_a_name_then_a_date_on_the_next_line_opens_a_comment() -> None:
    header = comment_header(make_line(1, "Ken Wright"), make_line(2, "February 9, 2011 at 3:12 pm"))
    assert header is not None and header.author == "Ken Wright" and header.strong
    assert comment_header(make_line(1, "Ken Wright"), make_line(3, "February 9, 2011 at 3:12 pm")) is None  # a blank line between


def test_a_commenter_is_named_without_the_avatar_s_placeholder_and_the_comment_s_number() -> None:
    text = ("Ferry saved\n\nBy Ana Ruiz, February 9, 2011\n\nThe council voted to keep the ferry running through the winter.\n\n"
            "2 Comments\n\n[a3f9c2] 1 Dana Quimby\nFebruary 9, 2011 at 3:12 pm\n\nGood news for the school run.\n\n"
            "[avatar] 2 Eli Katz\nFebruary 10, 2011 at 9:02 am\n\nAbout time too.\n")
    article = parse_capture(text)
    assert [(c.author, c.paragraphs) for c in article.comments] == [("Dana Quimby", ("Good news for the school run.",)), ("Eli Katz", ("About time too.",))]


@pytest.mark.parametrize("line", ["Reply • Share ›", "Reply · Report", "Share ›", "Upvote · Downvote · Reply", "Trackback"])
def test_rows_of_comment_buttons(line: str) -> None:
    assert comment_control_reason(line) == "comment button"


@pytest.mark.parametrize("line", ["Sign in or create your Ledger account to join the discussion.", "Log in to comment", "Leave a Reply Cancel reply"])
def test_comment_form_lines(line: str) -> None:
    assert comment_control_reason(line) == "comment form" or opens_form(line)


def test_common_lines_are_short_lines_repeated_across_captures() -> None:
    texts = [f"Example Gazette\n\nStory {i}\n\nShared sentence that is long enough to be prose, said the council.\n" for i in range(4)]
    common = common_lines(texts)
    assert "example gazette" in common
    assert not any("shared sentence" in line for line in common)


def test_common_lines_are_removed_with_their_reason() -> None:
    text = "Example Gazette tagline\n\nA title here\n\nBy Jo Bloggs | 1 March 2011\n\nSome body text that is long enough to be a paragraph of prose.\n\nExample Gazette tagline\n"
    article = parse_capture(text, common=frozenset({"example gazette tagline"}))
    assert article.title == "A title here"
    assert [r.reason for r in article.removed] == ["page header (before the article)", "repeated across captures of this site"]


def test_hard_wrapped_paragraphs_are_rejoined_and_real_breaks_kept() -> None:
    wrapped = "\n".join(
        [
            "A title",
            "",
            "By Jo Bloggs | 1 March 2011",
            "",
            "This paragraph was wrapped by a text browser at about seventy-two",
            "columns, so every line but the last ends close to that width and the",
            "words run on from one line into the next without any break meant by",
            "the author of the article at all.",
            "",
            "A second paragraph, wrapped the same way, keeps going past the width",
            "of one line so that it needs a second line to finish its sentence.",
        ]
    )
    article = parse_capture(wrapped)
    assert [b.kind for b in article.body] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert "\n" not in article.body[0].text
    assert article.body[0].text.startswith("This paragraph was wrapped") and article.body[0].text.endswith("at all.")


def test_title_is_inferred_and_said() -> None:
    article = parse_capture("The museum reopened on Saturday after a long renovation. Visitors queued from early morning.\n")
    assert article.title_inferred
    assert article.title == "The museum reopened on Saturday after a long renovation"
    assert any("title inferred" in w for w in article.warnings)
    assert not article.published.known


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        ("Компании Nokia и Microsoft объявили о партнёрстве. Акции упали на 14 процентов.", "cp1251", "cp1251"),
        ("Компании Nokia и Microsoft объявили о партнёрстве. Акции упали на 14 процентов.", "koi8_r", "koi8_r"),
        ("Η Nokia και η Microsoft ανακοίνωσαν στρατηγική συνεργασία. Οι μετοχές έπεσαν.", "cp1253", "cp1253"),
        ("Nokia i Microsoft ogłosiły partnerstwo. Akcje spółki spadły o 14 procent. Zażółć gęślą jaźń.", "iso8859_2", "iso8859_2"),
        ("Nokia i Microsoft ogłosiły partnerstwo. Akcje spółki spadły o 14 procent. Zażółć gęślą jaźń.", "cp1250", "cp1250"),
        ("Ať je chuť jakákoli, společnost Nokia oznámila partnerství s Microsoftem.", "cp1250", "cp1250"),  # "ť" is no Windows-1252 byte
        # Western European text stays Windows-1252, though charset-normalizer alone would read Spanish as Windows-1250
        ("El consejero delegado de Nokia anunció el acuerdo en Londres. La compañía española mostró su interés.", "cp1252", "cp1252"),
        ("Die Aktie fiel am Freitag um 14 Prozent. Für Nokia ist das ein schwerer Schlag, sagte ein Händler in Düsseldorf.", "cp1252", "cp1252"),
        ("Le système Windows Phone deviendra la principale plateforme de Nokia, a déclaré Stephen Elop à Londres.", "latin-1", "cp1252"),
        ("La col·lecció d'il·lustracions de Nokia és a la sala, on també hi ha els telèfons més antics.", "cp1252", "cp1252"),  # Catalan
        ("ノキアとマイクロソフトは金曜日、スマートフォン事業で提携すると発表した。ノキアはウィンドウズフォンを採用する。", "shift_jis", "cp932"),
        ("Nokia ve Microsoft cuma günü geniş kapsamlı bir stratejik ortaklık duyurdu. Şirket, Windows Phone kullanacak.", "cp1254", "cp1254"),
        ("Le système Windows Phone deviendra la principale plateforme de Nokia, a déclaré Stephen Elop à Londres.", "mac_roman", "mac_roman"),
        ("Für Nokia ist das ein schwerer Schlag, sagte ein Händler in Düsseldorf am Freitag.", "mac_roman", "mac_roman"),
        # Icelandic keeps its own letters ("þ", "ð", "ý"), which Turkish ones become in Windows-1252
        ("Nokia og Microsoft tilkynntu um samstarf á föstudaginn. Það er þýðingarmikið fyrir Nokia.", "cp1252", "cp1252"),
        # short Hebrew is read with less chaos, and as no language, as Thai: the reading that is a language's letters wins
        ("נוקיה הודיעה ביום שישי כי תאמץ את מערכת ההפעלה של מיקרוסופט. אנליסטים רואים בכך הימור גדול.", "cp1255", "cp1255"),
        ("أعلنت نوكيا يوم الجمعة أنها ستعتمد نظام ويندوز فون من مايكروسوفت. يرى المحللون أن هذه مقامرة كبيرة.", "cp1256", "cp1256"),
        ("L'accord est évalué à plus d'un milliard d'euros (1 000 000 000 €), selon Nokia.", "iso8859_15", "iso8859_15"),  # "€" is "¤" in Windows-1252
        ("Price: 100 € a phone.", "iso8859_15", "iso8859_15"),
    ],
)
def test_captures_in_other_encodings_are_decoded_by_their_script(text: str, codec: str, encoding: str) -> None:
    from newsarchive.capture.read import decode

    decoded, name, warnings = decode(text.encode(codec))
    assert (decoded, name) == (text, encoding) and warnings[0].startswith("not valid UTF-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(codec: str) -> None:
    from newsarchive.capture.read import decode

    text = "Nokia and Microsoft\nBy Jane Doe | February 11, 2011\n\nNokia and Microsoft announced a deal — on Friday.\n"
    decoded, name, warnings = decode(text.encode(codec))
    assert (decoded, name) == (text, codec) and warnings == [f"no byte-order mark; decoded as {codec.upper()} (every other byte is NUL)"]


def test_a_few_windows_1252_lines_in_a_utf8_capture_are_decoded_line_by_line() -> None:
    from newsarchive.capture.read import decode

    utf8 = "Nokia’s big bet\nBy Jane Doe | February 11, 2011\n\nNokia’s chief said the company was “on a burning platform”.\n\n"
    decoded, name, warnings = decode(utf8.encode() + "Analysts called it “a bold move” – and a risky one.\n".encode("cp1252"))
    assert decoded == utf8 + "Analysts called it “a bold move” – and a risky one.\n" and name == "utf-8+cp1252"
    assert warnings == ["mixed encodings: 1 line not valid UTF-8 (the first is line 6) decoded as Windows-1252, the rest as UTF-8"]


def test_a_two_digit_year_is_never_an_hour() -> None:
    from newsarchive.parse.dates import find_date

    assert find_date("Fri Feb 11, 10:42 am ET") is None  # no year: undated, not 2010
    found = find_date("11th Feb 11 7:34 am")
    assert found is not None and found[0].iso() == "2011-02-11T07:34"


def test_a_comment_date_that_reads_both_ways_is_read_soonest_after_the_article() -> None:
    article = parse_capture(
        "Title of the story\n\nBy Jane Doe | February 11, 2011\n\nNokia and Microsoft announced a partnership today in London.\n\n"
        "Talkback\n\nGreat deal\njdoe | 11/02/11\nI think this is great for both of them.\n\nLater\nmsmith | 03/04/11\nNot so fast.\n"
    )
    assert [(c.author, c.date.iso(), c.paragraphs[0]) for c in article.comments] == [
        ("jdoe", "2011-02-11", "Great deal"),  # the title over the name is the comment's first paragraph
        ("msmith", "2011-03-04", "Later"),  # 4 March comes sooner after the article than 3 April
    ]


_NUMERIC_STORY = "Nokia staff walk out\n\nBy Emma Clarke\n{date}\n\nHundreds of Nokia employees left their desks on Friday, the union said.\n\n"


@pytest.mark.parametrize(
    ("date", "comments", "iso"),
    [
        ("11/02/2011 16:20", "", "2011-11-02T16:20"),  # nothing tells: month first, as in the US
        ("11/02/2011 16:20", "Have your say (1)\n\nDave\n14/02/2011 22:05\nGive it a year.\n", "2011-02-11T16:20"),  # 14/02 reads day first only
        ("02/11/2011 16:20", "Comments\n\nDave\n02/14/2011 22:05\nGive it a year.\n", "2011-02-11T16:20"),  # 02/14 reads month first only
        ("11/02/2011 16:20 GMT", "", "2011-02-11T16:20+00:00"),  # a British time zone
        ("02/11/2011 4:20 PM EST", "", "2011-02-11T16:20-05:00"),
        # both comments read both ways: the reading that puts them soonest after the article
        ("11/02/2011 16:20", "Comments\n\nDave\n12/02/2011 08:00\nGive it a year.\n\nAnn\n12/02/2011 09:00\nNo.\n", "2011-02-11T16:20"),
        ("25/02/2011", "", "2011-02-25"),  # one reading only
    ],
)
def test_a_numeric_byline_date_that_reads_both_ways_is_read_as_its_page_writes_dates(date: str, comments: str, iso: str) -> None:
    article = parse_capture(_NUMERIC_STORY.format(date=date) + comments)
    assert article.published.iso() == iso


_SPANISH_STORY = (
    "Nuevo puente para Velmora\n\n{byline}\n\n"
    "El ayuntamiento de Velmora aprobó el martes la construcción de un nuevo puente sobre el río, después de que los "
    "vecinos llenaran la sala durante dos noches para pedir que no se cerrara el paso.\n\n"
    "Las obras empezarán en otoño y durarán dos años, según dijo la alcaldesa, que recordó que el viejo puente tiene "
    "más de un siglo y que su reparación costaría casi lo mismo.\n\n{foot}"
)


@pytest.mark.parametrize(
    ("byline", "foot", "iso"),
    [
        ("Por Ana Ruiz | 03/05/2022", "", "2022-05-03"),  # the byline's date
        ("Por Ana Ruiz", "Publicado el 03/05/2022\n", "2022-05-03"),  # the first date the capture shows
        ("Por Ana Ruiz | 03/05/2022 4:20 PM EST", "", "2022-03-05T16:20-05:00"),  # a time zone of the US tells first
        ("Por Ana Ruiz | 25/05/2022", "", "2022-05-25"),  # one reading only
    ],
)
def test_a_numeric_date_that_reads_both_ways_in_an_article_in_another_language_than_english_is_read_day_first(
    byline: str, foot: str, iso: str
) -> None:
    article = parse_capture(_SPANISH_STORY.format(byline=byline, foot=foot))
    assert article.published.iso() == iso


def test_a_date_read_day_first_that_cannot_be_a_publication_date_is_read_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the day-first reading is after the capture and the other is not, the other stands."""
    import newsarchive.parse as parse

    later = parse.implausible
    monkeypatch.setattr(parse, "implausible", lambda date, captured=None: "after the capture" if date.value.month == 5 else later(date, captured))
    article = parse_capture(_SPANISH_STORY.format(byline="Por Ana Ruiz", foot="Publicado el 03/05/2022\n"))
    assert article.published.iso() == "2022-03-05"


def test_the_comments_of_a_day_first_page_are_read_day_first_too() -> None:
    article = parse_capture(_NUMERIC_STORY.format(date="11/02/2011 16:20") + "Have your say (2)\n\nPekka\n12/02/2011 08:14\nNobody saw this.\n\nDave\n14/02/2011 22:05\nGive it a year.\n")
    assert [(c.author, c.date.iso()) for c in article.comments] == [("Pekka", "2011-02-12T08:14"), ("Dave", "2011-02-14T22:05")]
    assert article.comments_claimed == 2


def test_an_agency_story_is_credited_by_its_dateline_and_credit_line() -> None:
    article = parse_capture(
        "Nokia shares slump\n\nLONDON | Fri Feb 11, 2011 10:42am EST\n\n(Reuters) - Shares in Nokia fell 14 percent on Friday, traders said.\n\n"
        "(Reporting by Tarmo Virki and Jane Roe in Helsinki; Editing by Will Waterman)\n"
    )
    assert article.authors == ("Tarmo Virki", "Jane Roe") and article.organisation == "Reuters"
    assert article.published.iso() == "2011-02-11T10:42-05:00"
    assert not any("byline" in w for w in article.warnings)


def test_a_disqus_reply_header_names_the_reply_not_a_menu() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe | February 11, 2011\n\nNokia and Microsoft announced a partnership today in London.\n\n"
        "Disqus\n42 Comments\nSort by Best\n\nJohn Doe • 12 years ago\nThis is huge.\nReply • Share ›\n\n"
        "  Jane Roe > John Doe • 12 years ago\n  Maybe not.\n  12 △ 3 ▽\n"
    )
    (comment,) = article.comments
    assert (comment.author, comment.paragraphs) == ("John Doe", ("This is huge.",))
    assert [(r.author, r.paragraphs) for r in comment.replies] == [("Jane Roe", ("Maybe not.",))]
    assert article.comments_claimed == 42


def test_a_name_with_its_role_over_an_outlet_and_date() -> None:
    article = parse_capture(
        "Nokia and Microsoft: the deal\n\nCharles Arthur, technology editor\nguardian.co.uk, Friday 11 February 2011 10.42 GMT\n\n"
        "Nokia has announced that it will use Microsoft's Windows Phone software on its smartphones.\n"
    )
    assert (article.title, article.authors, article.organisation) == ("Nokia and Microsoft: the deal", ("Charles Arthur",), "guardian.co.uk")
    assert article.published.iso() == "2011-02-11T10:42+00:00"


def test_slashdot_comments_are_read_with_their_titles_threads_and_times() -> None:
    article = parse_capture(
        "Nokia Picks Windows Phone 7\n\nPosted by timothy on Friday February 11, 2011 @07:30AM\n\n"
        "An anonymous reader writes that Nokia will use Windows Phone as its principal platform.\n\n"
        "Re:Symbian is dead (Score:5, Insightful)\nby Anonymous Coward on Friday February 11, 2011 @07:45AM (#35180012)\nSymbian was dead years ago.\n\n"
        "    Re:Symbian is dead (Score:2)\n    by jdoe (123456) on Friday February 11, 2011 @08:01AM (#35180100)\n    Tell that to the users.\n"
    )
    assert article.published.iso() == "2011-02-11T07:30"  # "@07:30AM" is a time, not a handle
    (comment,) = article.comments
    assert (comment.author, comment.date.iso(), comment.paragraphs) == (
        "Anonymous Coward", "2011-02-11T07:45", ("Re:Symbian is dead (Score:5, Insightful)", "Symbian was dead years ago.")
    )
    assert [(r.author, r.date.iso()) for r in comment.replies] == [("jdoe", "2011-02-11T08:01")]


def test_a_row_of_comment_buttons_that_ends_with_a_date_dates_the_comment() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe\nFebruary 11, 2011\n\nNokia will use Windows Phone on its smartphones, the company said.\n\n"
        "12 comments\n\nAdd a comment...\n\nMark Jones · Works at Acme Corp\nThis will not end well.\nLike · Reply · 3 · Feb 11, 2011 10:42am\n"
    )
    (comment,) = article.comments
    assert (comment.author, comment.date.iso(), comment.paragraphs) == ("Mark Jones", "2011-02-11T10:42", ("This will not end well.",))
    assert [r.text for r in article.removed] == ["Add a comment..."]


def test_a_forum_date_with_dashes_is_read_month_first() -> None:
    from newsarchive.parse.dates import find_date

    found = find_date("02-11-2011, 07:34 AM")
    assert found is not None and found[0].iso() == "2011-02-11T07:34"


def test_a_message_header_gives_the_title_sender_and_date() -> None:
    article = parse_capture(
        'From: "Jane Doe" <jane@example.org>\nSubject: [mobile-list] Nokia to adopt Windows Phone\nDate: Fri, 11 Feb 2011 10:42:00 +0200\n\n'
        "Nokia will adopt Windows Phone as its principal smartphone platform, the company said on Friday.\n"
    )
    assert (article.title, article.authors, article.published.iso()) == ("Nokia to adopt Windows Phone", ("Jane Doe",), "2011-02-11T10:42+02:00")
    assert article.metadata_lines == (1, 2, 3) and not article.removed


def test_a_reply_quotes_under_its_attribution_and_its_signature_is_set_aside() -> None:
    article = parse_capture(
        "From: Jane Doe <jane@example.org>\nSubject: Re: [mobile] Nokia picks Windows Phone\nDate: Fri, 11 Feb 2011 10:42:00 +0200\n\n"
        "On Fri, Feb 11, 2011 at 9:15 AM, John Roe wrote:\n> Nokia will use Windows Phone.\n> Many were surprised.\n\n"
        "I am not surprised at all. Elop came from Microsoft.\n\n-- \nJane Doe\nMobile analyst\n"
    )
    assert article.title == "Re: Nokia picks Windows Phone"
    assert [b.kind for b in article.body] == [BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.PARAGRAPH]
    assert [r.reason for r in article.removed][-2:] == ["signature of the message", "signature of the message"]


def test_a_header_line_that_names_a_field_is_no_message_header() -> None:
    article = parse_capture("Subject: Nokia\n\nBy Jane Doe | February 11, 2011\n\nNokia will adopt Windows Phone as its platform, the company said.\n")
    assert article.authors == ("Jane Doe",)  # no "From:" or "Date:" with the subject: an ordinary capture


@pytest.mark.parametrize(
    ("line", "authors", "iso"),
    [
        ("-- Jane Smith --\n11 Feb 2011", ("Jane Smith",), "2011-02-11"),
        ("11 Feb 2011 | 10:42 | Jane Doe", ("Jane Doe",), "2011-02-11T10:42"),  # not a menu: it holds a date
        ("By ANTON TROIANOVSKI And NICK WINGFIELD | February 11, 2011", ("Anton Troianovski", "Nick Wingfield"), "2011-02-11"),
        ("Reporter: Jane Doe\nFebruary 11, 2011", ("Jane Doe",), "2011-02-11"),
        ("Text: Jane Doe · Photos: John Roe · 11.02.2011", ("Jane Doe",), "2011-02-11"),  # who took the pictures is no writer
        ("Jane Doe\n@janedoe\nFeb 11, 2011", ("Jane Doe",), "2011-02-11"),
        ("BY JANE DOE\nSTAFF WRITER\nFebruary 11, 2011", ("Jane Doe",), "2011-02-11"),
        ("Av Anna Svensson, 11 februari 2011", ("Anna Svensson",), "2011-02-11"),
        ("Kirjoittaja: Matti Virtanen 11.2.2011", ("Matti Virtanen",), "2011-02-11"),
        ("Jane Doe is here\nSenior Fellow", (), None),  # not read as a byline; the title over it stays the title
    ],
)
def test_more_byline_layouts(line: str, authors: tuple[str, ...], iso: str | None) -> None:
    article = parse_capture(f"Nokia and Microsoft team up\n\n{line}\n\nNokia and Microsoft announced their partnership on Friday in London.\n")
    assert (article.title, article.authors, article.published.iso()) == ("Nokia and Microsoft team up", authors, iso)


def test_a_byline_under_the_whole_text_signs_it_and_leaves_the_text_in_the_body() -> None:
    article = parse_capture(
        "Nokia picks Windows Phone\n\nNokia has picked Windows Phone as its main smartphone platform, the company said on Friday.\n\n"
        "The first phones will ship later this year, executives said.\n\nPosted: February 11, 2011 at 10:42 am\nAuthor: Jane Doe\n"
    )
    assert (article.title, article.authors, article.published.iso()) == ("Nokia picks Windows Phone", ("Jane Doe",), "2011-02-11T10:42")
    assert len(article.body) == 2 and not article.removed  # the text was taken for page header over a byline


def test_a_date_at_the_foot_is_no_comment_by_published() -> None:
    article = parse_capture(
        "Why Nokia chose Microsoft\n\nNokia has picked Windows Phone as its main smartphone platform, the company said on Friday.\n\n"
        "Published on February 11, 2011\n"
    )
    assert article.comments == () and article.published.iso() == "2011-02-11"


def test_comments_with_avatars_vote_counts_handles_and_places() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe | February 11, 2011\n\nNokia has picked Windows Phone as its platform, the company said.\n\n"
        "Comments (3)\n\nAvatar of Steve\nSteve\n3 hours ago\nYes! It will dominate.\nReply\n12\n3\n\n"
        "Nick (@nick_k)\n2 hours ago\nIs Ballmer leaving?\n\nAnna, Espoo, Finland: Sad day for Nokia.\n"
    )
    assert [(c.author, c.paragraphs) for c in article.comments] == [
        ("Steve", ("Yes! It will dominate.",)),
        ("Nick", ("Is Ballmer leaving?",)),
        ("Anna, Espoo, Finland", ("Sad day for Nokia.",)),
    ]
    assert {r.text for r in article.removed} == {"Avatar of Steve", "Reply", "12", "3"}


def test_a_line_of_numbers_is_still_a_menu() -> None:
    assert furniture_reason("1 | 2 | 3 | 4") == "navigation bar"


def test_dates_and_bylines_of_chinese_japanese_and_korean() -> None:
    from newsarchive.parse.dates import find_date

    assert find_date("2011年2月11日 10:42")[0].iso() == "2011-02-11T10:42"  # type: ignore[index]
    assert find_date("2011년 2월 11일")[0].iso() == "2011-02-11"  # type: ignore[index]
    assert find_date("2011年13月1日") is None  # no thirteenth month
    article = parse_capture("诺基亚与微软结盟\n\n作者：王小明 | 2011年02月11日\n\n诺基亚和微软周五宣布建立广泛的战略合作伙伴关系，诺基亚将采用视窗手机作为其主要的智能手机平台。\n")
    assert (article.title, article.authors, article.published.iso()) == ("诺基亚与微软结盟", ("王小明",), "2011-02-11")


def test_a_title_and_standfirst_in_one_block_over_a_name_in_a_place() -> None:
    article = parse_capture(
        "Technology\n\nMobile phones\n\nNokia and Microsoft announce alliance\nElop says the deal creates a 'third ecosystem'\n\n"
        "Jane Doe in London\nguardian.co.uk, Friday 11 February 2011 10.42 GMT\n\n"
        "Nokia has announced an alliance with Microsoft, under which it will use the Windows Phone software on its smartphones "
        "from next year, and Microsoft's Bing will power its search.\n\nThe deal was announced in London.\n"
    )
    assert (article.title, article.subtitle) == ("Nokia and Microsoft announce alliance", "Elop says the deal creates a 'third ecosystem'")
    assert (article.authors, article.organisation) == (("Jane Doe",), "guardian.co.uk")


def test_a_flat_comment_that_names_the_one_it_answers_is_its_reply() -> None:
    article = parse_capture(
        "A title\n\nBy Jane Doe | February 11, 2011\n\nNokia has picked Windows Phone as its platform, the company said.\n\n"
        "Comments\n\nSomeUser\n11 February 2011 10:58AM\n\nFirst!\n\nAnotherUser\n11 February 2011 11:04AM\n\n"
        "Response to SomeUser, 11 February 2011 10:58AM\nReally? Grow up.\n\nThird\n11 February 2011 11:30AM\n\nResponse to Nobody, then.\n"
    )
    assert [(c.author, [r.author for r in c.replies]) for c in article.comments] == [("SomeUser", ["AnotherUser"]), ("Third", [])]


@pytest.mark.parametrize(
    "section",
    [
        "February 11, 2011 at 10:42 am\nSteve\nYes it will work.\n\nFebruary 11, 2011 at 11:00 am\nNick\nNo it will not.\n",  # date over name
        "Steve wrote on February 11, 2011 at 10:42 am:\nYes it will work.\n\nNick wrote on February 11, 2011 at 11:00 am:\nNo it will not.\n",
        "Posted by Steve on February 11, 2011 at 10:42 am | Permalink\nYes it will work.\n\n"
        "Posted by Nick on February 11, 2011 at 11:00 am | Permalink\nNo it will not.\n",
        "Comment from Steve\nTime: February 11, 2011, 10:42 am\nYes it will work.\n\nComment from Nick\nTime: February 11, 2011, 11:00 am\nNo it will not.\n",
        "Steve\nFebruary 11, 2011 at 10:42 am · Reply\nYes it will work.\n\nNick\nFebruary 11, 2011 at 11:00 am · Reply\nNo it will not.\n",
        "Steve - 11/02/2011 10:42\nYes it will work.\n\nNick - 11/02/2011 11:00\nNo it will not.\n",
    ],
)
def test_more_comment_layouts(section: str) -> None:
    article = parse_capture(
        "A title for this\n\nBy Jane Doe | February 11, 2011\n\nNokia has picked Windows Phone as its main smartphone platform, "
        "the company said on Friday in London.\n\nComments\n\n" + section
    )
    assert [(c.author, c.date.iso(), c.paragraphs) for c in article.comments] == [
        ("Steve", "2011-02-11T10:42", ("Yes it will work.",)),
        ("Nick", "2011-02-11T11:00", ("No it will not.",)),
    ]


def test_a_commenters_place_and_reddits_collapse_marks() -> None:
    article = parse_capture(
        "A title for this\n\nBy Jane Doe | February 11, 2011\n\nNokia has picked Windows Phone as its main smartphone platform.\n\nComments\n\n"
        "Steve (Helsinki) - February 11, 2011\nYes it will work.\n\n[–] Nick 5 points 12 years ago\nNo it will not.\n\n"
        "  [–] Anna 2 points 12 years ago\n  Maybe.\n"
    )
    assert [(c.author, [r.author for r in c.replies]) for c in article.comments] == [("Steve (Helsinki)", []), ("Nick", ["Anna"])]


def test_html_character_references_in_a_text_capture_are_decoded_and_said() -> None:
    from newsarchive.capture.read import clean_text

    text, warnings = clean_text("Nokia&#8217;s deal was &quot;a turning point&quot;&nbsp;&mdash; AT&amp;T agreed.\n")
    assert text == "Nokia’s deal was \"a turning point\" — AT&T agreed.\n"
    assert warnings and warnings[0].startswith("decoded HTML character references")
    assert clean_text("Fish & chips; R&D & more\n") == ("Fish & chips; R&D & more\n", [])


@pytest.mark.parametrize("line", ["Reply · " * 60 + "x", "▲ 5 " * 60 + "x", "3 like " * 60 + "x", "Reply ↓ " * 60 + "x"])
def test_a_long_row_that_is_almost_comment_buttons_is_read_in_linear_time(line: str) -> None:
    import time

    start = time.perf_counter()
    assert comment_control_reason(line) is None
    # a bound far above the linear time (well under a millisecond), far below the exponential one (hours at 60)
    assert time.perf_counter() - start < 1.0


def test_a_byline_under_the_text_with_a_note_or_comments_after_it_still_signs_it() -> None:
    text = (
        "Nokia picks Windows Phone\n\nNokia has picked Windows Phone as its main smartphone platform, the company said on Friday.\n\n"
        "The first phones will ship later this year, executives said.\n\nPosted: February 11, 2011 at 10:42 am\nAuthor: Jane Doe\n\n"
    )
    noted = parse_capture(text + "Another paragraph the editors added later on.\n")
    commented = parse_capture(text + "Comments\n\nSteve\nFebruary 11, 2011\nGreat news for the company and its fans everywhere.\n")
    for article in (noted, commented):
        assert (article.title, article.authors, article.published.iso()) == ("Nokia picks Windows Phone", ("Jane Doe",), "2011-02-11T10:42")
        assert not article.removed  # the text over the byline was set aside as page header
    assert len(noted.body) == 3 and len(commented.body) == 2 and len(commented.comments) == 1


def test_a_dump_with_no_byline_is_dated_by_the_first_date_of_a_day_it_shows() -> None:
    """A whole page's dump: menus, a date line the byline grammar does not read, the article."""
    prose = "The council approved the new harbour plan after a long debate, and work will start in the spring."
    capture = (
        "Home | News | Sport | Weather\n\nHarbour plan approved\n\n"
        "Filed under Local · 1 January 0001 · 14 March 2011, 09:12\n\n" + f"{prose}\n\n{prose} The mayor said so on 2 April 2011.\n"
    )
    article = parse_capture(capture)
    assert article.published.iso() == "2011-03-14T09:12" and article.date_source == "first date in the capture"
    assert any("dated by the first date the capture shows" in w for w in article.warnings)


@pytest.mark.parametrize(
    "line, writers",
    [("By Jane Roe, Staff Writer", ("Jane Roe",)), ("Von Max Mustermann", ("Max Mustermann",)), ("Par Jeanne Dupont", ("Jeanne Dupont",)),
     ("Par exemple, le conseil a voté.", None), ("Bypass road closed", None), ("Die Firma teilte mit", None)],
)
def test_the_first_byline_a_dump_shows_is_its_writers_when_none_stands_by_its_title(line: str, writers: tuple[str, ...] | None) -> None:
    from newsarchive.parse import _first_shown_byline
    from newsarchive.parse.lines import split_lines

    found = _first_shown_byline(split_lines(f"Home | News\n\nHarbour plan approved\n\n{line}\n\nThe council met.\n"), "Harbour plan approved")
    assert (found[0] if found else None) == writers


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("Ana Ruiz writes", "Ana Ruiz"),
        ("jdoe wrote:", "jdoe"),
        ("Ana Ruiz under Harbour News, Ferries", "Ana Ruiz"),
        ("Eli Katz RSS feed", "Eli Katz"),
        ("Ein Beitrag von Dara Byrne", "Dara Byrne"),
        ("Zum Profil von jdoe jdoe", "jdoe"),
        ("Omar Said", "Omar Said"),  # a name, in capitals: no verb
        ("Rob Underhill", "Rob Underhill"),
    ],
)
def test_a_writer_s_name_keeps_none_of_the_byline_s_words_around_it(read: str, name: str) -> None:
    """The verb after the name, the categories after "under", a feed's button, a label before it: no part of it."""
    assert writer_name(read) == name


def test_a_byline_that_says_what_its_writer_does_names_the_writer_alone() -> None:
    text = "Ferry saved\n\nby jdoe writes:\n\nThe council voted to keep the ferry running through the winter months, and the harbour master agreed.\n"
    assert parse_capture(text).authors == ("jdoe",)


@pytest.mark.parametrize("heading", ["About the author", "Most read", "Categories", "Recent posts", "Tags"])
def test_a_sidebar_s_heading_over_the_text_does_not_end_the_article_before_its_prose(heading: str) -> None:
    """A box under the picture and its caption, before any of the article's prose: the article goes on under it."""
    text = (
        "Quimbly opens a harbour museum in Velmora\n\nBy Ana Ruiz\nMarch 3, 2021\n\n[harbour-museum.jpg]\n"
        f"The harbour museum on its opening day\n\n{heading}\n\n"
        "The town of Velmora opened its harbour museum on Saturday, after four years of\n"
        "work by volunteers who collected boats, nets and photographs from families.\n\n"
        "Ana Okafor, who led the volunteers, said the museum would stay free to enter and\n"
        "that the first exhibition tells the story of the fishing fleet since 1900.\n"
    )
    article = parse_capture(text)
    said = " ".join(block.text for block in article.body)
    assert "opened its harbour museum on Saturday" in said and "the story of the fishing fleet" in said
    assert heading not in said


@pytest.mark.parametrize(
    ("shown", "day"),
    [("17. 3. 2021", "2021-03-17"), ("Oktober 14, 2018", "2018-10-14"), ("4. Mai 20184. Mai 2018", "2018-05-04"), ("05.09.2021Hafenverband", "2021-09-05")],
)
def test_a_capture_with_no_dated_byline_is_dated_by_the_first_day_it_shows_in_any_form(shown: str, day: str) -> None:
    text = (
        f"Velmora baut den Hafen aus\n\nAna Ruiz\n\n{shown}\n\n"
        "Der Rat von Velmora hat am Montag beschlossen, den alten Hafen bis zum Sommer auszubauen, damit die Fähren\n"
        "auch bei Niedrigwasser anlegen können. Die Arbeiten sollen im Frühjahr beginnen und drei Monate dauern.\n"
    )
    article = parse_capture(text)
    assert article.published is not None and article.published.iso()[:10] == day


def test_a_byline_s_date_in_a_form_its_grammars_do_not_take_is_read_before_the_first_day_the_page_shows() -> None:
    """A banner over the title shows another day; the byline's own day, set with spaced dots, is the article's."""
    text = (
        "Heft 5 vom 3.2.2020 jetzt im Handel – hier bestellen\n\nVelmora baut den Hafen aus\n\nVon Ana Ruiz · 17. 3. 2021\n\n"
        "Der Rat von Velmora hat am Montag beschlossen, den alten Hafen bis zum Sommer auszubauen, damit die Fähren\n"
        "auch bei Niedrigwasser anlegen können. Die Arbeiten sollen im Frühjahr beginnen und drei Monate dauern.\n"
    )
    article = parse_capture(text)
    assert article.authors == ("Ana Ruiz",) and article.published is not None and article.published.iso()[:10] == "2021-03-17"
