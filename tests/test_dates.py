"""The fast reading of common date spellings agrees with dateparser's, and leaves everything else to it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsarchive.parse.dates import _plain, _zoned, dated_title, find_date, interpret, parsed
from newsarchive.common.models import Precision

MONTHS = ["January", "Feb", "feb.", "MARCH", "Sept", "September", "may", "June", "Jul", "dec"]
WEEKDAYS = ["", "Friday, ", "fri ", "Sunday "]


@st.composite
def plain_dates(draw):
    weekday = draw(st.sampled_from(WEEKDAYS))
    day, month, year = draw(st.integers(1, 31)), draw(st.sampled_from(MONTHS)), draw(st.integers(1990, 2030))
    ordinal = draw(st.sampled_from(["", "st", "th"]))
    short = draw(st.sampled_from(["", "'"])) + f"{draw(st.integers(0, 99)):02d}"  # two-digit years: 00-68 and 69-99
    date = draw(st.sampled_from([
        f"{day}{ordinal} {month} {year}", f"{day} of {month}, {year}", f"{month} {day}{ordinal}, {year}",
        f"{day}{ordinal} {month} {short}", f"{month} {day}{ordinal}, {short}",
        f"{month} {year}", f"{year}-{draw(st.integers(1, 12)):02d}-{day:02d}",
    ]))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    time = draw(st.sampled_from(["", f" {hour}:{minute:02d}", f", {hour}:{minute:02d}", f" at {hour}:{minute:02d}",
                                 f" {hour % 12 + 1}:{minute:02d} pm", f" {hour % 12 + 1}:{minute:02d}a.m."]))
    return weekday + date + time


@settings(max_examples=300, deadline=None)
@given(plain_dates())
def test_fast_reading_agrees_with_dateparser(text):
    fast = _plain(text)
    slow = parsed(text)
    if fast is None:  # an impossible day: dateparser has the last word
        assert interpret(text) == slow
        return
    assert slow is not None, text
    if fast.precision is Precision.MONTH and slow.value.day != 1:
        # a month and year with a weekday or time: dateparser takes the day from today's date; the fast reading
        # keeps the month's date, the same on any day
        assert (fast.value.year, fast.value.month, fast.value.day) == (slow.value.year, slow.value.month, 1)
        return
    assert (fast.value, fast.precision, fast.text) == (slow.value, slow.precision, slow.text)


ZONES = ["EDT", "EST", "PST", "ET", "GMT", "UTC", "CET", "CEST", "AEST", "BST", "IST", "+0100", "-05:00", "UTC+2", "Z", "XYZ"]


@settings(max_examples=300, deadline=None)
@given(plain_dates(), st.sampled_from(ZONES), st.booleans())
def test_a_zone_after_a_time_is_read_as_dateparser_reads_it(text, zone, day_first):
    zoned = f"{text} {zone}"
    fast = _zoned(zoned, day_first)
    if fast is None:  # no time before the zone, or no zone dateparser knows: dateparser reads it
        return
    slow = parsed(zoned, day_first=day_first)
    assert slow is not None, zoned
    assert (fast.value, fast.value.utcoffset(), fast.precision, fast.text) == (slow.value, slow.value.utcoffset(), slow.precision, slow.text)
    assert interpret(zoned, day_first=day_first) == fast


def test_a_zone_is_read_only_after_a_time():
    assert _zoned("Aug 9, 2012 10:40 AM EDT", False).value.utcoffset().total_seconds() == -4 * 3600
    assert _zoned("Aug 9, 2012 EDT", False) is None
    assert _zoned("Aug 9, 2012 10:40 AM", False) is None


def test_a_month_with_a_time_is_read_the_same_on_any_day():
    for text in ("January 1990 10:30", "Friday, January 1990", "25. November 2021 16:11"):
        date = interpret(text)
        assert date is not None and date.value.day in (1, 25), text
    assert interpret("25. November 2021 16:11").value.isoformat() == "2021-11-25T16:11:00"
    assert interpret("21. April 2020").precision is Precision.DAY


def test_other_spellings_go_to_dateparser():
    for text in ("11/02/2011", "12 June 11:30", "June 11", "10:26 GMT 11 February 2011", "11 February 2011 10:26 GMT", "Feb 11 2011 10:26:30 +0100"):
        assert _plain(text) is None
        assert interpret(text) == parsed(text)


def test_precisions():
    assert interpret("February 2011").precision is Precision.MONTH
    assert interpret("11 February 2011").precision is Precision.DAY
    assert interpret("11 February 2011 at 7:34 pm").value.hour == 19


@pytest.mark.parametrize(
    ("text", "day_first", "iso"),
    [
        ("04/05/2022", False, "2022-04-05"),  # as the US writes it, and dateparser reads it
        ("04/05/2022", True, "2022-05-04"),  # as a page in another language means it
        ("11/25/2022", True, "2022-11-25"),  # 25 cannot be a month: the day comes second after all
        ("04.05.2022", False, "2022-05-04"),  # dots: day first everywhere
    ],
)
def test_a_numeric_date_is_read_in_the_order_of_the_page_s_language(text: str, day_first: bool, iso: str) -> None:
    date = interpret(text, day_first=day_first)
    assert date is not None and date.iso()[:10] == iso


@pytest.mark.parametrize(
    ("title", "rest", "day"),
    [
        ("23.01.2022 - Ferry saved after council vote", "Ferry saved after council vote", "2022-01-23"),
        ("Feb 11, 2011 — Harbour reopens", "Harbour reopens", "2011-02-11"),
        ("March 2011 – a look back", None, None),  # a month is no day: the title keeps it
        ("Ferry saved - Harbour Times", None, None),
    ],
)
def test_a_headline_loses_the_day_it_opens_with(title: str, rest: str | None, day: str | None) -> None:
    found = dated_title(title)
    if rest is None:
        assert found is None
    else:
        assert found is not None and found[0] == rest and found[1].value is not None and found[1].value.date().isoformat() == day


@pytest.mark.parametrize(
    ("text", "iso", "written"),
    [
        ("17. 3. 2021", "2021-03-17", "17. 3. 2021"),  # German typesetting: a space after each dot
        ("• 17.\u20093.\u20092021", "2021-03-17", "17.\u20093.\u20092021"),  # thin spaces
        ("Kommentar vom 17. 03. 2021, 23:55", "2021-03-17", "17. 03. 2021"),
        ("Oktober 14, 2018 · von Ana Ruiz", "2018-10-14", "Oktober 14, 2018"),  # a foreign month in English order
        ("Publicado octubre 14, 2018 a las 10:42", "2018-10-14T10:42", "octubre 14, 2018 a las 10:42"),
        # the date shown twice (published, updated) with no space between: the first one, where it stands
        ("4. Mai 20184. Mai 2018 Ana Ruiz", "2018-05-04", "4. Mai 2018"),
        ("Veröffentlicht am Juni 21, 2019Juni 21, 2019", "2019-06-21", "Juni 21, 2019"),
        ("February 11, 2011February 11, 2011", "2011-02-11", "February 11, 2011"),
        ("2. 3. 2020, updated March 1, 2020", "2020-03-02", "2. 3. 2020"),  # the first of the line, whichever form
        ("Ana Ruiz7.4.2021", "2021-04-07", "7.4.2021"),  # a name run on into the date, as a dump writes inline elements
        ("05.09.2021Hafenverband Velmora", "2021-09-05", "05.09.2021"),  # the date run on into the next word
    ],
)
def test_a_loose_reading_finds_dates_with_spaced_dots_a_foreign_month_first_or_written_twice(text: str, iso: str, written: str) -> None:
    found = find_date(text, loose=True)
    assert found is not None
    date, (start, end) = found
    assert date.iso() == iso and text[start:end] == written == date.text


@pytest.mark.parametrize("text", ["17. 3. 2021", "Oktober 14, 2018", "4. Mai 20184. Mai 2018"])
def test_the_grammars_evidence_of_a_byline_stays_the_usual_forms(text: str) -> None:
    """What a line's shape shows of a byline or a comment's header (and the zoning model counts) is not widened."""
    found = find_date(text)
    assert found is None or text[found[1][0] : found[1][1]] != text.strip()


@pytest.mark.parametrize("text", ["in the 1990s and 2000s", "Copyright 2011Quimbly", "Heute 3, 2020", "Mars 3 2020", "Chapter 1. 2. 2020s"])
def test_a_year_run_on_into_a_word_and_a_month_s_likeness_are_no_loose_dates(text: str) -> None:
    assert find_date(text, loose=True) is None
