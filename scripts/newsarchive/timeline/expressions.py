"""Date expressions in article text, and what they mean against the article's publication date.

Finding the expressions and choosing between past and future are rules of our
own; the arithmetic is dateparser's (absolute dates) and dateutil's (weekdays,
"last year", "next week").
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from ..common.models import Precision, PubDate
from ..parse.dates import DATE_SPAN, MONTH, foreign_dates, interpret


class Span(str, enum.Enum):
    """How precisely an event's date is known."""

    MINUTE = "minute"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"  # within a few days or weeks of the date given


@dataclass(frozen=True)
class When:
    """A resolved date: its value, its precision and the words it came from."""

    value: date
    span: Span
    expression: str
    relative: bool = False  # resolved against the publication date

    def iso(self) -> str:
        if self.span is Span.YEAR:
            return f"{self.value.year:04d}"
        if self.span is Span.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def label(self) -> str:
        return _label(self.value, self.span)


@functools.lru_cache(maxsize=4096)
def _label(value: date, span: Span) -> str:
    """A date as a reader reads it: an archive's events fall on far fewer days than it has events."""
    if span is Span.YEAR:
        return str(value.year)
    if span is Span.MONTH:
        return value.strftime("%B %Y")
    text = f"{value.strftime('%A')} {value.day} {value.strftime('%B %Y')}"
    return f"about {text}" if span is Span.APPROXIMATE else text


@dataclass(frozen=True)
class Found:
    """A date expression in a sentence, with where it stands."""

    when: When
    start: int
    end: int


_WEEKDAYS = {"monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR, "saturday": SA, "sunday": SU}
_MONTHS = {name: n for n, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a few": 3, "few": 3, "several": 4, "some": 3}

_YEAR = re.compile(r"\b(?:in|since|during|by|until|from|of|early|late|mid-?)\s+((?:1[89]|20)\d\d)\b(?![-–/]\d)", re.I)
_RELATIVE_PERIOD = re.compile(r"\b(last|this|next|previous|coming)\s+(year|month|week)\b(?![’']s)", re.I)  # not "last year's model"
_TODAY = re.compile(
    r"\b(?:(?:later|earlier)\s+(?:today|this\s+(?:morning|afternoon|evening))|today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|tomorrow)\b",
    re.I,
)
_WEEKDAY = re.compile(
    r"\b(?:(on|last|next|this|coming|until|by|since)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?\b",
    re.I,
)
_AGO = re.compile(
    r"\b(a few|few|several|some|a|one|two|three|four|five|six|seven|\d{1,2})?\s*(day|week)s?\s+(after|before|ago|later|earlier)\b",
    re.I,
)
_MONTH_ONLY = re.compile(rf"\b(?:in|since|by|until|during|early|late|mid-?|last|next|this)\s+({MONTH})(?!\w)(?!,?\s+\d)", re.I)
_DAY_MONTH = re.compile(
    rf"\b(?:on\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})|({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?!\w)(?!,?\s*'?\d{{2,4}})",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|’ll|is due|are due|is to|are to|plans? to|planning|planned|expects?|expected|scheduled|is set to|are set to|"
    r"going to|upcoming|ahead of|intends?|would)\b",
    re.I,
)


_PAST = re.compile(r"\b(?:was|were|had|did|ago|since|earlier|previously|[a-z]{3,}ed)\b", re.I)


def is_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def tense(sentence: str) -> str:
    """"future", "past", or "either" when the sentence does not say."""
    if is_future(sentence):
        return "future"
    return "past" if _PAST.search(sentence) else "either"


_SPANS = {Precision.MINUTE: Span.DAY, Precision.DAY: Span.DAY, Precision.MONTH: Span.MONTH, Precision.YEAR: Span.YEAR}


def _absolute(match: re.Match[str]) -> When | None:
    date_ = interpret(match.group(0))
    if date_ is None or date_.value is None:
        return None
    return When(date_.value.date(), _SPANS[date_.precision], match.group(0))


def _nearest_month(month: int, base: date, when: str) -> date:
    """The month of that name before or after ``base``, as the tense says; the nearer one when it does not."""
    after = date(base.year + (month < base.month), month, 1)
    before = date(base.year - (month > base.month), month, 1)
    if when == "future":
        return after
    if when == "past":
        return before
    start_of_base = date(base.year, base.month, 1)
    return after if (after - start_of_base) < (start_of_base - before) else before


def _weekday(match: re.Match[str], base: date, future: bool) -> When:
    qualifier = (match.group(1) or "").lower()
    weekday = _WEEKDAYS[match.group(2).lower()]
    if qualifier == "last" or (qualifier == "since"):
        value = base + relativedelta(days=-1, weekday=weekday(-1))
    elif qualifier in ("next", "coming"):
        value = base + relativedelta(days=+1, weekday=weekday(+1))
    elif base.weekday() == weekday.weekday:
        value = base  # "on Friday" in an article of a Friday: that day
    elif future or qualifier in ("until", "by"):
        value = base + relativedelta(weekday=weekday(+1))
    else:
        value = base + relativedelta(weekday=weekday(-1))
    return When(value, Span.DAY, match.group(0), relative=True)


def _today(match: re.Match[str], base: date) -> When:
    word = match.group(0).lower()
    shift = -1 if "yesterday" in word else 1 if "tomorrow" in word else 0
    return When(base + relativedelta(days=shift), Span.DAY, match.group(0), relative=True)


def _period(match: re.Match[str], base: date) -> When:
    which, unit = match.group(1).lower(), match.group(2).lower()
    step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit == "year":
        return When(date(base.year + step, 1, 1), Span.YEAR, match.group(0), relative=True)
    if unit == "month":
        value = base + relativedelta(months=step)
        return When(date(value.year, value.month, 1), Span.MONTH, match.group(0), relative=True)
    return When(base + relativedelta(weeks=step), Span.APPROXIMATE, match.group(0), relative=True)


def _ago(match: re.Match[str], base: date) -> When:
    count_word = (match.group(1) or "a few").lower()
    count = int(count_word) if count_word.isdigit() else _NUMBER_WORDS.get(count_word, 3)
    days = count * (7 if match.group(2).lower() == "week" else 1)
    direction = match.group(3).lower()
    # "X comes days after Y": Y was days before the article; "Y is days later": after it.
    sign = -1 if direction in ("after", "ago", "earlier") else 1
    return When(base + relativedelta(days=sign * days), Span.APPROXIMATE, match.group(0).strip(), relative=True)


#: A date in the text is meant from this year on: a document of 1863 may be cited; "the year 0001" is a placeholder.
EARLIEST_MEANT_YEAR = 1000
#: … and up to this many years after the article (or today, for an undated one): "31/12/9999" is a placeholder.
MEANT_YEARS_AHEAD = 100


def _safely(resolve: Callable[[], When]) -> When | None:
    """A relative expression resolved, or None where it leaves the calendar (a weekday after 31 December 9999)."""
    try:
        return resolve()
    except (OverflowError, ValueError):
        return None


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:3]]


#: A cheap first look: a sentence with none of these holds no date expression.
_ANY = re.compile(
    rf"\d|\b{MONTH}(?!\w)|day\b|days\b|tonight|tomorrow|week|month|year",
    re.I,
)
#: ``_ANY`` for a lowered sentence: matched case by case, three times as fast, each word tried only where a
#: letter it starts with stands (most sentences name no date, and this test is all they cost)
_ANY_LOWERED = re.compile(rf"\d|(?=[jfmasondtwy])(?:\b{MONTH}(?!\w)|day\b|days\b|tonight|tomorrow|week|month|year)")
_DIGIT = re.compile(r"\d")
#: The only non-ASCII letters that case-insensitive patterns match to ASCII ones (İ, ı, ſ and the Kelvin sign):
#: without them, a sentence's ``lower()`` holds a word exactly when such a pattern can find it.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_TODAY_WORDS = ("today", "tonight", "morning", "afternoon", "evening", "yesterday", "tomorrow")
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes someone: dates inside quotations are the speaker's words, not events."""
    return [m.span() for m in _QUOTED.finditer(text)]


# Long: the kinds of date expression are tried in order, the written dates first and the vaguest last, each
# claiming its words before the next looks; the closures share what is claimed.
def find_expressions(sentence: str, base: PubDate | None, quoted: list[tuple[int, int]] | None = None) -> list[Found]:
    """Every date expression of ``sentence`` outside quotation marks, resolved against ``base``.

    Relative expressions need a base with at least the day; a month without a
    year needs at least the year. ``quoted`` are spans of the sentence inside
    quotation marks (found over the whole paragraph); by default, the sentence's own.
    """
    # Patterns whose every match holds one of a few words are tried only when one of them is there.
    lower = None if _FOLDS_TO_ASCII.search(sentence) else sentence.lower()
    if not (_ANY.search(sentence) if lower is None else _ANY_LOWERED.search(lower)):
        return []
    quoted = quoted_spans(sentence) if quoted is None else quoted
    taken: list[tuple[int, int]] = []
    found: list[Found] = []

    def free(start: int, end: int) -> bool:
        return not any(s <= start < e or s < end <= e for s, e in quoted + taken)

    latest = (base.value.year if base and base.value else date.today().year) + MEANT_YEARS_AHEAD

    def add(when: When | None, start: int, end: int) -> None:
        if when is None or not EARLIEST_MEANT_YEAR <= when.value.year <= latest:
            return  # "the year 0001", "31/12/9999": a placeholder, not a date meant
        while start < end and sentence[start].isspace():
            start += 1
        while end > start and sentence[end - 1] in ".,":  # "in March." ends the sentence, not the month
            end -= 1
        if when is not None and free(start, end):
            taken.append((start, end))
            found.append(Found(replace(when, expression=sentence[start:end]), start, end))

    def has(*words: str) -> bool:
        return lower is None or any(word in lower for word in words)

    digits = _DIGIT.search(sentence) is not None  # written dates, years and "11 February" all have digits
    if digits:
        for match in DATE_SPAN.finditer(sentence):
            add(_absolute(match), *match.span())
        for written, span in foreign_dates(sentence):  # "le 11 février 2011", "am 11. Februar 2011"
            add(When(written.value.date(), _SPANS[written.precision], written.text), *span)  # type: ignore[union-attr]
        for match in _YEAR.finditer(sentence):
            add(When(date(int(match.group(1)), 1, 1), Span.YEAR, match.group(0)), *match.span(1))
    base_day = base.value.date() if base and base.value and base.precision in (Precision.MINUTE, Precision.DAY) else None
    base_year = base.value.date() if base and base.value else None
    when_ = functools.cache(lambda: tense(sentence))  # worked out only for a sentence that names a month or a weekday
    if base_year is not None:
        for match in _DAY_MONTH.finditer(sentence) if digits else ():
            day, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
            try:
                anchor = _nearest_month(_month(month), base_day or base_year, when_())
                add(When(anchor.replace(day=int(day)), Span.DAY, match.group(0), relative=True), *match.span())
            except (ValueError, OverflowError):
                continue  # "31 February", or a month past the calendar's ends
        for match in _MONTH_ONLY.finditer(sentence):
            if base_day is not None or base.precision is not Precision.YEAR:  # type: ignore[union-attr]
                add(_safely(lambda: When(_nearest_month(_month(match.group(1)), base_day or base_year, when_()), Span.MONTH, match.group(0), relative=True)), *match.span())
        for match in _RELATIVE_PERIOD.finditer(sentence) if has("year", "month", "week") else ():
            if match.group(2).lower() == "year" or base_day is not None:
                add(_safely(lambda: _period(match, base_day or base_year)), *match.span())
    if base_day is not None:
        for match in _TODAY.finditer(sentence) if has(*_TODAY_WORDS) else ():
            add(_safely(lambda: _today(match, base_day)), *match.span())
        for match in _WEEKDAY.finditer(sentence) if has("day") else ():
            add(_safely(lambda: _weekday(match, base_day, when_() == "future")), *match.span())
        for match in _AGO.finditer(sentence) if has("day", "week") else ():
            add(_safely(lambda: _ago(match, base_day)), *match.span())
    return sorted(found, key=lambda f: f.start)


_SENTENCE = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+(?=[“‘\"(\[]?[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a paragraph with where each starts."""
    out, start = [], 0
    for match in _SENTENCE.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        out.append((start, text[start:end].strip()))
        start = match.end()
    if text[start:].strip():
        out.append((start, text[start:].strip()))
    return out


__all__ = ["Found", "Span", "When", "find_expressions", "is_future", "sentences"]
