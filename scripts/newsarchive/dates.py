"""Find and interpret dates in text.

A pattern finds where a date is written; dateparser says what it means and how
precise it is. A date without a year is never completed from today's date.
"""

from __future__ import annotations

import functools
import re

from dateparser.date import DateDataParser

from .models import Precision, PubDate

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_ORD = r"(?:st|nd|rd|th)?"
_TIME = r"\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?-i:[A-Z]{2,4}\b)|[+-]\d{2}:?\d{2})?|\d{1,2}\s*[ap]\.?m\.?"
_DAY_FIRST = rf"\d{{1,2}}{_ORD}\s+(?:of\s+)?{MONTH},?\s+(?:\d{{4}}|'?\d{{2}}\b)"
_MONTH_FIRST = rf"{MONTH}\s+\d{{1,2}}{_ORD},?\s+(?:\d{{4}}|'?\d{{2}}\b)"
_MONTH_YEAR = rf"{MONTH},?\s+\d{{4}}"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_NUMERIC = r"\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b"
_DATE = rf"(?:{WEEKDAY},?\s+)?(?:{_ISO}|{_NUMERIC}|{_DAY_FIRST}|{_MONTH_FIRST}|{_MONTH_YEAR})"
_SEP = r"\s*(?:,|at|@|-|–|—|\||·)?\s*"

#: A written date with an optional time before or after it.
DATE_SPAN = re.compile(rf"(?:(?:{_TIME}){_SEP})?\b{_DATE}(?:{_SEP}(?:{_TIME}))?(?![\w])", re.IGNORECASE)

_DIGIT = re.compile(r"\d")
_PERIODS = {"time": Precision.MINUTE, "day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}


@functools.lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "REQUIRE_PARTS": ["year"],
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
            "PARSERS": ["custom-formats", "absolute-time"],
        },
    )


@functools.lru_cache(maxsize=4096)
def interpret(text: str) -> PubDate | None:
    """What a written date means, with its precision; None when it is no complete date."""
    cleaned = re.sub(r"\s+(?:at|@)\s+", " ", text.strip())
    cleaned = re.sub(r"(\d)\.(\d{2})(?!\.\d)(?=\s*(?:[ap]\.?m|[A-Z]{2,4}\b|$))", r"\1:\2", cleaned)
    data = _parser().get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    precision = _PERIODS.get(data.period or "day", Precision.DAY)
    return PubDate(value=data.date_obj, precision=precision, text=text.strip())


def find_date(text: str) -> tuple[PubDate, tuple[int, int]] | None:
    """The first complete date written in ``text`` and where it stands."""
    if not _DIGIT.search(text):
        return None  # a complete date has a year
    for match in DATE_SPAN.finditer(text):
        date = interpret(match.group(0))
        if date is not None:
            return date, match.span()
    return None
