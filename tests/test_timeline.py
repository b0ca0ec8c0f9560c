"""The timeline: date expressions resolved against the publication date, events merged, the undated kept apart."""

from __future__ import annotations

import dataclasses
import json
import posixpath
from datetime import date, datetime

import pytest
from newsarchive.build import pipeline
from newsarchive.common.models import Precision, PubDate
from newsarchive.timeline import Span, build_timeline, find_expressions
from newsarchive.site.timeline_pages import timeline_json

from .conftest import SEED

FRIDAY = PubDate(datetime(2011, 2, 11, 7, 34), Precision.MINUTE, "11th Feb 11 7:34 am")


@pytest.mark.parametrize(
    ("sentence", "iso", "span", "expression"),
    [
        ("Nokia said on Friday that it plans to partner.", "2011-02-11", Span.DAY, "on Friday"),
        ("Nokia is planning to hold a press event on Sunday.", "2011-02-13", Span.DAY, "on Sunday"),
        ("The shares fell on Sunday.", "2011-02-06", Span.DAY, "on Sunday"),
        ("Elop is due to speak at a briefing later today.", "2011-02-11", Span.DAY, "later today"),
        ("The company confirmed it yesterday.", "2011-02-10", Span.DAY, "yesterday"),
        ("He will answer questions tomorrow.", "2011-02-12", Span.DAY, "tomorrow"),
        ("Elop joined Nokia last year as its CEO.", "2010", Span.YEAR, "last year"),
        ("He left Microsoft in September, 2010.", "2010-09", Span.MONTH, "September, 2010"),
        ("The deal was signed on 11 February 2011.", "2011-02-11", Span.DAY, "11 February 2011"),
        ("The deal was signed on February 9, 2011.", "2011-02-09", Span.DAY, "February 9, 2011"),
        ("Devices will ship next week.", "2011-02-18", Span.APPROXIMATE, "next week"),
        ("The news comes days after the memo leaked.", "2011-02-08", Span.APPROXIMATE, "days after"),
        ("Sales fell two weeks ago.", "2011-01-28", Span.APPROXIMATE, "two weeks ago"),
        ("Prices rose last Friday.", "2011-02-04", Span.DAY, "last Friday"),
        ("The phones will ship in March.", "2011-03", Span.MONTH, "in March"),
        ("The talks started in December.", "2010-12", Span.MONTH, "in December"),
        ("The firm was founded in 1865.", "1865", Span.YEAR, "1865"),
        ("The phone goes on sale on 24 March.", "2011-03-24", Span.DAY, "on 24 March"),
    ],
)
def test_expression_is_resolved_against_the_publication_date(sentence: str, iso: str, span: Span, expression: str) -> None:
    (found,) = find_expressions(sentence, FRIDAY)
    assert (found.when.iso(), found.when.span) == (iso, span)
    assert sentence[found.start: found.end] == expression


def test_dates_inside_quotations_are_the_speakers_words() -> None:
    assert find_expressions("“Today, the battle is moving to ecosystems,” he said.", FRIDAY) == []


def test_relative_dates_need_a_publication_day() -> None:
    month_only = PubDate(datetime(2011, 2, 1), Precision.MONTH, "February 2011")
    assert find_expressions("Nokia said on Friday that it agreed.", month_only) == []
    assert find_expressions("Nokia said on Friday that it agreed.", PubDate.unknown()) == []
    (found,) = find_expressions("It was founded on 12 May 1865.", PubDate.unknown())
    assert found.when.iso() == "1865-05-12"


def test_a_month_without_a_year_needs_a_publication_year() -> None:
    assert find_expressions("The phones will ship in March.", PubDate.unknown()) == []


@pytest.fixture(scope="module")
def seed():
    archive, raw_files = pipeline.collect(SEED)
    archive, links = pipeline.link_archive(archive)
    timeline = build_timeline([(r.page, r.article) for r in archive.records], links)
    return archive, links, timeline


def events_on(timeline, iso: str):
    return [e for e in timeline.events if e.when.iso() == iso]


def test_seed_articles_in_order_of_publication(seed) -> None:
    _, _, timeline = seed
    assert [p.rsplit("/", 1)[1][:3] for p in timeline.articles] == ["000", "001"]


def test_seed_elop_joins_nokia_in_september_2010(seed) -> None:
    (event,) = events_on(seed[2], "2010-09")
    sentences = {e.sentence for e in event.evidence}
    assert any("departure from Microsoft to Nokia in September, 2010" in s for s in sentences)
    assert any("joined Nokia last year" in s for s in sentences)  # "last year" folded into the finer date
    assert len(event.sources) == 2 and "stephen-elop" in event.entities
    assert not events_on(seed[2], "2010")


def test_seed_partnership_and_briefing_are_two_events_told_by_both_articles(seed) -> None:
    events = events_on(seed[2], "2011-02-11")
    partnership = next(e for e in events if any("plans to partner with Microsoft" in x.sentence for x in e.evidence))
    briefing = next(e for e in events if "strategy-and-financial-briefing" in e.entities)
    assert partnership is not briefing
    assert len(partnership.sources) == 2 and len(briefing.sources) == 2
    assert any("strategic partnership on Friday" in x.sentence for x in partnership.evidence)
    assert any("took to the stage" in x.sentence for x in briefing.evidence)


def test_seed_press_event_on_sunday_at_mobile_world_congress(seed) -> None:
    (event,) = events_on(seed[2], "2011-02-13")
    assert event.when.span is Span.DAY and "press event on Sunday" in event.evidence[0].sentence
    assert "mobile-world-congress" in event.entities


def test_seed_undated_article_is_not_given_a_date_silently(seed) -> None:
    archive, _, timeline = seed
    (undated,) = timeline.undated
    assert undated.article.endswith("002-8430df1c30ceea1c.md") and undated.article not in timeline.articles
    assert undated.inferred is not None and undated.inferred.value == date(2011, 2, 11)
    assert undated.reason.startswith("its capture gives no date") and len(undated.because_of) == 2


def test_an_undated_article_without_dated_relatives_stays_uninferred() -> None:
    from newsarchive.link import link
    from newsarchive.parse import parse_capture

    articles = [("articles/undated/a.md", parse_capture("A title\n\nAcme said on Friday that Acme grew.\n"))]
    timeline = build_timeline(articles, link(articles))
    assert timeline.undated[0].inferred is None and timeline.events == ()


def test_timeline_json_is_timelinejs_and_escaped(seed) -> None:
    archive, links, timeline = seed
    data = json.loads("".join(timeline_json(timeline, {r.page: r for r in archive.records})))
    assert data["title"]["text"]["headline"] == "Timeline"
    for event in data["events"]:
        assert event["start_date"]["year"].isdigit() and event["text"]["headline"] and event["group"] in ("Articles", "Events")
    sunday = next(e for e in data["events"] if e["start_date"].get("day") == "13")
    assert sunday["start_date"]["month"] == "2" and "press event" in sunday["text"]["text"]


def test_timeline_json_escapes_capture_text() -> None:
    from newsarchive.link import link
    from newsarchive.parse import parse_capture
    from newsarchive.site.render import Record

    article = parse_capture("<script>alert(1)</script> news\n\nBy Eve, 11 February 2011\n\nAcme said on Friday that <b>Acme</b> grew.\n")
    records = {"articles/a.md": Record("a.txt", "0" * 64, 1, "utf-8", "articles/a.md", "captures/a.txt", article)}
    articles = [("articles/a.md", article)]
    text = "".join(timeline_json(build_timeline(articles, link(articles)), records))
    assert "<script>" not in text and "&lt;script&gt;" in text and "<b>" not in text


def test_a_large_timeline_is_split_into_a_page_per_month(seed, monkeypatch) -> None:
    from newsarchive.site import timeline_pages

    archive, links, timeline = seed
    monkeypatch.setattr(timeline_pages, "PAGE_LIMIT", 3)
    files = timeline_pages.render_timeline(timeline, archive.records, links)
    assert {"timeline/2010-09.md", "timeline/2011-02.md"} <= set(files)
    assert "[February 2011](timeline/2011-02.md)" in files["timeline.md"] and "## Undated" in files["timeline.md"]
    february = [files[p] for p in sorted(files) if p.startswith("timeline/2011-02")]  # 2011-02.md, 2011-02-2.md, …
    assert len(february) > 1 and all(page.count('class="na-tl-item') <= 3 for page in february)  # a long month is split too
    assert all("[2](2011-02-2.md)" in page or "**2**" in page for page in february)  # each page leads to the others
    whole = "".join(february)
    assert "press event on Sunday" in whole and "(in [Official: Nokia partners" in whole
    assert "](../articles/2011/02/000-e8bd22a597f5bb90.md)" in whole


def test_many_undated_articles_get_pages_of_their_own(seed, monkeypatch) -> None:
    from newsarchive.site import timeline_pages

    archive, links, timeline = seed
    assert timeline.undated
    monkeypatch.setattr(timeline_pages, "UNDATED_LIMIT", 2)
    files = timeline_pages.render_timeline(dataclasses.replace(timeline, undated=timeline.undated * 3), archive.records, links)
    assert "## Undated" in files["timeline.md"] and "](timeline/undated.md)" in files["timeline.md"]
    assert "timeline/undated-2.md" in files and "timeline/undated-3.md" not in files
    undated = files["timeline/undated.md"]
    assert undated.count("- [") == 2 and "[2](undated-2.md)" in undated
    assert undated.startswith("# Timeline: undated articles") and "dated articles at the time" not in undated
    record = next(r for r in archive.records if r.page == timeline.undated[0].article)
    assert f"({posixpath.relpath(record.page, 'timeline')})" in undated


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        ("Nokia a annoncé le 11 février 2011 un partenariat avec Microsoft.", "le 11 février 2011"),
        ("Nokia hat am 11. Februar 2011 eine Partnerschaft angekündigt.", "am 11. Februar 2011"),
        ("Nokia anunció el 11 de febrero de 2011 una alianza con Microsoft.", "el 11 de febrero de 2011"),
    ],
)
def test_written_dates_of_other_languages_date_events(sentence: str, expression: str) -> None:
    from newsarchive.parse.dates import interpret
    from newsarchive.timeline.expressions import find_expressions

    (found,) = find_expressions(sentence, interpret("March 1, 2011"))
    assert (found.when.iso(), found.when.expression) == ("2011-02-11", expression)
