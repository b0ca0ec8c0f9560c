"""The shipped corpus parses into what a reader of those pages sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsarchive.common.models import BlockKind, Comment
from newsarchive.parse import parse_capture
from newsarchive.capture.read import read_capture

from .conftest import SEED


def parse(name: str):
    path = next(SEED.glob(f"{name}_*.txt"))
    return parse_capture(read_capture(path, SEED).text)


def walk(comments: tuple[Comment, ...]):
    for comment in comments:
        yield comment
        yield from walk(comment.replies)


def test_partnership_article_fields() -> None:
    article = parse("000")
    assert article.title == "Official: Nokia partners with Microsoft for Windows Phone 7"
    assert article.authors == ("Tom Warren",)
    assert article.published.iso() == "2011-02-11T07:34"
    assert article.subtitle == "Nokia and Microsoft historic partnership"
    assert article.comments_claimed == 13
    assert article.comments_captured() == 12
    lists = [b for b in article.body if b.kind is BlockKind.LIST]
    assert len(lists) == 1 and len(lists[0].items) == 9
    assert [c.author for c in article.comments][:3] == ["Anonymous", "Ss", "Rom"]
    assert article.comments[0].paragraphs == ()  # an author with no text
    assert len(article.comments[4].paragraphs) == 3  # oolong2 wrote three paragraphs


def test_ballmer_article_threads() -> None:
    article = parse("001")
    assert article.published.iso() == "2011-02-11T10:26"
    first = article.comments[0]
    assert first.author == "Jamie Thomson"
    assert [r.author for r in first.replies] == ["Tom W", "Jamie Thomson"]
    assert first.replies[0].by_article_author
    assert article.comments[1].author is None  # text back at top level after the replies: author line lost
    assert article.comments[1].paragraphs == ("its going to be an awesome ride !",)
    assert article.comments_captured() == article.comments_claimed == 12
    assert not any(c.by_article_author for c in walk(article.comments) if c.author != "Tom W")


def test_third_article_is_undated_with_inferred_title() -> None:
    article = parse("002")
    assert article.title_inferred and article.title.startswith("A long term strategic alliance between Nokia and Microsoft")
    assert not article.published.known and article.authors == ()
    assert article.dateline == "GLOBAL"
    assert [r.reason for r in article.removed] == ["skip link"]
    assert len(article.references) == 8 and {r.group for r in article.references} == {"Read more"}
    assert article.body[-1].text == "Are you ready for the third ecosystem?"


@pytest.mark.parametrize("path", sorted(SEED.glob("*.txt")), ids=lambda p: p.name)
def test_seed_parses_deterministically(path: Path) -> None:
    text = read_capture(path, SEED).text
    assert parse_capture(text) == parse_capture(text)
