"""Find and interpret dates in text.

A pattern finds where a date is written; dateparser says what it means and how
precise it is. A date without a year is never completed from today's date.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Literal

from dateparser.date import DateDataParser
from dateparser.timezone_parser import pop_tz_offset_from_string

from ..common.models import Precision, PubDate

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_ORD = r"(?:st|nd|rd|th)?"
TIME = r"\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?-i:[A-Z]{2,4}\b)|\s*\((?-i:[A-Z]{2,4})\)|\s*[+-]\d{2}:?\d{2})?|\d{1,2}\s*[ap]\.?m\.?"
#: A year of two digits is no hour: "Fri Feb 11, 10:42 am" gives no year.
_SHORT_YEAR = r"'?\d{2}\b(?![:.]\d)"
_DAY_FIRST = rf"\d{{1,2}}(?:{_ORD}|\.)\s+(?:of\s+)?{MONTH},?\s+(?:\d{{4}}|{_SHORT_YEAR})|\d{{1,2}}-{MONTH}-\d{{4}}|\d{{1,2}}/{MONTH}/\d{{4}}"  # "11-Feb-2011", "11/Feb/2011"
#: ... and as Unix's date command writes it, the time between the day and the year: "Fri Feb 11 10:42:00 UTC 2011"
_UNIX = rf"(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})\s+(?P<time>\d{{1,2}}:\d{{2}}(?::\d{{2}})?)\s+(?:(?P<zone>(?-i:[A-Z]{{2,5}}))\s+)?(?P<year>\d{{4}})"
_MONTH_FIRST = rf"{_UNIX}|{MONTH}\s+\d{{1,2}}{_ORD},?\s+(?:\d{{4}}|{_SHORT_YEAR})|{MONTH}-\d{{1,2}}-\d{{4}}"  # "Feb-11-2011"
_MONTH_YEAR = rf"{MONTH},?\s+\d{{4}}"
#: ... its time of day only when it is a 24-hour one: "2011-02-09 10:12 pm" is read with its "pm", as a date and a time
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?![:\d]|\s*[ap]\.?\s?m\b))?"
_NUMERIC = r"\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\d{4}[/.]\d{1,2}[/.]\d{1,2}\b|\d{1,2}-\d{1,2}-\d{4}\b"
_DATE = rf"(?:{WEEKDAY},?\s+)?(?:{_ISO}|{_NUMERIC}|{_DAY_FIRST}|{_MONTH_FIRST}|{_MONTH_YEAR})"
_SEP = r"\s*(?:,|at|@|--?|–|—|\||·)?\s*"
#: The word other languages write between a date and its time: "11.2.2011 klo 10.42", "11.02.2011 um 10:42".
_AT_ABROAD = r"klo|kl\.|um|om|à|alle|às"
_AT = rf"\s+(?:at|@|{_AT_ABROAD})\s+"

#: A written date with an optional time before or after it.
DATE_SPAN = re.compile(rf"(?:(?:{TIME}){_SEP})?\b{_DATE}(?:(?:{_SEP}|\s+(?:{_AT_ABROAD})\s+)(?:{TIME}))?(?![\w])", re.IGNORECASE)

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


_MONTHS = {name: n for n, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH_NAME = rf"(?P<month>{MONTH})"
#: The common spellings read without dateparser (about 2 ms a call): "[Friday,] 11 February 2011", "February 11, 2011",
#: "February 2011", "2011-02-11", "11th Feb '11", each with an optional "10:26", "10:26 am" or "at 10:26" after it and no time zone.
_PLAIN = re.compile(
    rf"(?P<weekday>{WEEKDAY},?\s+)?(?:(?P<day1>\d{{1,2}})(?:{_ORD}|\.)\s+(?:of\s+)?{_MONTH_NAME},?\s+(?P<year1>\d{{4}}|'?\d{{2}})"
    rf"|(?P<month2>{MONTH})\s+(?P<day2>\d{{1,2}}){_ORD},?\s+(?P<year2>\d{{4}}|'?\d{{2}})"
    rf"|(?P<month3>{MONTH}),?\s+(?P<year3>\d{{4}})"
    r"|(?P<year4>\d{4})-(?P<month4>\d{2})-(?P<day4>\d{2}))"
    r"(?:(?:\s*,\s*|\s+(?:at|@)\s+|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<half>[ap])\.?\s?m\.?)?)?",
    re.IGNORECASE,
)


def _plain(text: str) -> PubDate | None:
    """A date in one of the common spellings, exactly as dateparser reads it; None for anything else."""
    match = _PLAIN.fullmatch(text)
    if match is None:
        return None
    g = match.groupdict()
    if g["month3"] and (g["weekday"] or g["hour"]):
        # "Friday, January 1990", "January 1990 0:00" (the day cut off before it, "25. November 2021 16:11"):
        # a month's date, whose day dateparser would take from today's
        return PubDate(value=datetime(int(g["year3"]), _MONTHS[g["month3"][:3].lower()], 1), precision=Precision.MONTH, text=text)
    month_name = g["month"] or g["month2"] or g["month3"]
    month = _MONTHS[month_name[:3].lower()] if month_name else int(g["month4"])
    written = (g["year1"] or g["year2"] or g["year3"] or g["year4"]).lstrip("'")
    year = int(written)
    if year < 100 and len(written) <= 2:  # "12th Jun 11": as dateparser reads two digits, 00-68 in this century, 69-99 in the last
        year += 2000 if year < 69 else 1900
    day = int(g["day1"] or g["day2"] or g["day4"] or 1)
    hour = minute = 0
    if g["hour"] is not None:
        hour, minute = int(g["hour"]), int(g["minute"])
        if g["half"]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if g["half"].lower() == "p" else 0)
    try:
        value = datetime(year, month, day, hour, minute)
    except ValueError:
        return None  # dateparser decides what an impossible date means
    precision = Precision.MINUTE if g["hour"] is not None else Precision.MONTH if g["month3"] else Precision.DAY
    return PubDate(value=value, precision=precision, text=text)


_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,4})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})\b(?![./]\d)|\b(?P<da>\d{1,2})-(?P<db>\d{1,2})-(?P<dc>\d{4})\b(?!-\d)")


def _numeric_parts(match: re.Match[str]) -> tuple[str, int, str, str]:
    """The first number (as written), the second, the third (as written) and the separator of a ``_NUMERIC_DATE``."""
    if match.group("da"):  # "02-11-2011", as forums write it: read as "02/11/2011"
        return match.group("da"), int(match.group("db")), match.group("dc"), "-"
    return match.group("a"), int(match.group("b")), match.group("c"), match.group("sep")


def _numeric_iso(text: str, day_first: bool = False) -> str:
    """``text`` with its first all-numeric date written as ISO 8601, which no parser reads in another order.

    "2011/02/11" and "2011.02.11" are year first; "11.02.2011" is day first, as every locale that writes
    dates with dots reads it; "11/02/2011" and "11-02-2011" are month first (as in the US, and as dateparser
    reads them) unless the first number cannot be a month ("25/02/2011"), or the page's language writes the
    day first (``day_first``: every locale but the US's) and the second number can be a month. A two-digit
    year is read as dateparser reads one. A date that is impossible in that order is left as it is.
    """
    match = _NUMERIC_DATE.search(text)
    if match is None:
        return text
    a, b, c, sep = _numeric_parts(match)
    if len(a) == 4:
        if len(c) == 4:
            return text
        year, month, day = int(a), b, int(c)
    elif len(a) > 2:
        return text
    else:
        year = int(c) if len(c) == 4 else int(c) + (2000 if int(c) < 69 else 1900)
        month, day = (b, int(a)) if sep == "." or int(a) > 12 or (day_first and b <= 12) else (int(a), b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return text
    return f"{text[: match.start()]}{year:04d}-{month:02d}-{day:02d}{text[match.end():]}"


def swapped(date: PubDate) -> PubDate | None:
    """The other reading of an all-numeric date that reads both ways ("11/02/11": 2 November or 11 February
    2011), day and month swapped; None for any other date."""
    match = _NUMERIC_DATE.search(date.text)
    if match is None or date.value is None:
        return None
    first, b, _, sep = _numeric_parts(match)
    a = int(first)
    if sep == "." or len(first) > 2 or a == b or a > 12 or b > 12:
        return None
    try:
        return replace(date, value=date.value.replace(month=date.value.day, day=date.value.month))
    except ValueError:
        return None


#: How a place writes an all-numeric date: the day first ("25/02/2011") or the month first ("02/25/2011").
Order = Literal["day", "month"]


def numeric_order(date: PubDate) -> Order | None:
    """How an all-numeric date written with slashes or dashes orders its day and month, when its numbers
    leave one reading only: "day" for "25/02/2011", "month" for "02/25/2011"; None for any other date."""
    match = _NUMERIC_DATE.search(date.text)
    if match is None:
        return None
    first, b, _, sep = _numeric_parts(match)
    if sep == "." or len(first) > 2:
        return None
    a = int(first)
    return "day" if a > 12 >= b else "month" if b > 12 >= a else None


#: Time zones of the places that write the day first (Britain and Ireland, Europe, Australia, New Zealand,
#: India, South Africa) and of those that write the month first (the United States and Canada)
_DAY_FIRST_ZONES = re.compile(r"\b(?:GMT|BST|IST|WET|WEST|CET|CEST|EET|EEST|MSK|SAST|AEST|AEDT|ACST|ACDT|AWST|NZST|NZDT)\b")
_MONTH_FIRST_ZONES = re.compile(r"\b(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|ET|CT|MT|PT)\b")


def zone_order(date: PubDate) -> Order | None:
    """How the places of the time zone a date names write dates: "day" first ("11/02/2011 10:42 GMT") or
    "month" first ("02/11/2011 10:42 EST"); None when it names none of them."""
    if _DAY_FIRST_ZONES.search(date.text):
        return "day"
    return "month" if _MONTH_FIRST_ZONES.search(date.text) else None


_UNIX_ORDER = re.compile(_UNIX, re.I)
_SLASHED_MONTH = re.compile(rf"(?P<day>\d{{1,2}})/(?P<month>{MONTH})/(?P<year>\d{{4}})|(?P<month2>{MONTH})-(?P<day2>\d{{1,2}})-(?P<year2>\d{{4}})", re.I)


def _plain_order(text: str) -> str:
    """``text`` with a date of Unix's order ("Feb 11 10:42:00 UTC 2011") or with its month between slashes or
    first before dashes ("11/Feb/2011", "Feb-11-2011") written in the usual order, which the readers know."""
    if ":" in text and (unix := _UNIX_ORDER.search(text)):
        zone = f" {unix.group('zone')}" if unix.group("zone") else ""
        text = f"{text[: unix.start()]}{unix.group('month')} {unix.group('day')} {unix.group('year')} {unix.group('time')}{zone}{text[unix.end():]}"
    if ("/" in text or "-" in text) and (slashed := _SLASHED_MONTH.search(text)):
        day, month, year = (slashed.group("day"), slashed.group("month"), slashed.group("year")) if slashed.group("day") else (slashed.group("day2"), slashed.group("month2"), slashed.group("year2"))
        text = f"{text[: slashed.start()]}{day} {month} {year}{text[slashed.end():]}"
    return text


@functools.lru_cache(maxsize=4096)
def interpret(text: str, *, day_first: bool = False) -> PubDate | None:
    """What a written date means, with its precision; None when it is no complete date. ``day_first`` reads
    "04/05/2022" as 4 May, as a page in any language but the US's English means it."""
    stripped = text.strip()
    ordered = _plain_order(stripped)
    if ordered != stripped:
        found = interpret(ordered, day_first=day_first)
        return replace(found, text=stripped) if found is not None else None
    plain = _plain(_numeric_iso(stripped, day_first)) or _zoned(stripped, day_first)
    return replace(plain, text=stripped) if plain is not None else parsed(text, day_first=day_first)


def _zoned(text: str, day_first: bool) -> PubDate | None:
    """A common spelling of a day and a time (``_plain``) with a time zone's name or offset after it ("Aug 9, 2012
    10:40 AM EDT", a comment's date on many American sites), read as dateparser reads it: the zone taken out as
    dateparser takes it out, the time in that zone. (dateparser itself takes 1.5 ms a date.)"""
    rest, zone = pop_tz_offset_from_string(text)
    if zone is None or (plain := _plain(_numeric_iso(rest.strip(), day_first))) is None or plain.precision is not Precision.MINUTE:
        return None
    return replace(plain, value=zone.localize(plain.value), text=text)


def parsed(text: str, *, day_first: bool = False) -> PubDate | None:
    """What dateparser reads in ``text`` (``interpret`` without its fast path)."""
    cleaned = re.sub(_AT, " ", _numeric_iso(text.strip(), day_first))
    cleaned = re.sub(r"(\d)\.(\d{2})(?!\.\d)(?=\s*(?:[ap]\.?m|[A-Z]{2,4}\b|$))", r"\1:\2", cleaned)
    data = _parser().get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    precision = _PERIODS.get(data.period or "day", Precision.DAY)
    return PubDate(value=data.date_obj, precision=precision, text=text.strip())


#: The month names of the languages other than English whose captures are most common (French, German,
#: Spanish, Italian, Dutch, Portuguese, Swedish, Norwegian, Finnish, Polish, Czech, Romanian, Turkish, Indonesian,
#: Russian, Ukrainian, Greek, Arabic, Hebrew, Thai), by the English name they are read as.
_FOREIGN_MONTHS = {
    foreign: english
    for english, names in {
        "January": "janvier januar jänner enero gennaio januari janeiro января январь stycznia ledna tammikuuta ιανουαρίου ιανουαριου يناير ינואר มกราคม ocak ianuarie січня",
        "February": "février fevrier februar febrero febbraio februari fevereiro февраля февраль lutego února helmikuuta φεβρουαρίου φεβρουαριου فبراير شباط פברואר กุมภาพันธ์ şubat subat februarie лютого",
        "March": "mars märz maerz marzo maart março марта март marca března maaliskuuta μαρτίου μαρτιου مارس آذار מרץ มีนาคม mart maret martie березня",
        "April": "avril abril aprile апреля апрель kwietnia dubna huhtikuuta απριλίου απριλιου أبريل ابريل نيسان אפריל เมษายน nisan aprilie квітня",
        "May": "mai mayo maggio mei maio мая май maja května toukokuuta maj μαΐου μαιου مايو أيار מאי พฤษภาคม mayıs mayis травня",
        "June": "juin juni junio giugno junho июня июнь czerwca června kesäkuuta ιουνίου ιουνιου يونيو حزيران יוני มิถุนายน haziran iunie червня",
        "July": "juillet juli julio luglio julho июля июль lipca července heinäkuuta ιουλίου ιουλιου يوليو تموز יולי กรกฎาคม temmuz iulie липня",
        "August": "août aout agosto augustus августа август sierpnia srpna elokuuta augusti αυγούστου αυγουστου أغسطس اغسطس آب אוגוסט สิงหาคม ağustos agustus серпня",
        "September": "septembre septiembre setiembre settembre setembro сентября сентябрь września září syyskuuta σεπτεμβρίου σεπτεμβριου سبتمبر أيلول ספטמבר กันยายน eylül septembrie вересня",
        "October": "octobre oktober octubre ottobre outubro октября октябрь października října lokakuuta οκτωβρίου οκτωβριου أكتوبر اكتوبر אוקטובר ตุลาคม ekim octombrie жовтня",
        "November": "novembre noviembre novembro ноября ноябрь listopada listopadu marraskuuta νοεμβρίου νοεμβριου نوفمبر נובמבר พฤศจิกายน kasım kasim noiembrie",
        "December": "décembre decembre dezember diciembre dicembre dezembro декабря декабрь grudnia prosince joulukuuta δεκεμβρίου δεκεμβριου ديسمبر דצמבר ธันวาคม aralık desember decembrie грудня",
    }.items()
    for foreign in names.split()
}
FOREIGN_WEEKDAY = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
    r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|(?:segunda|terça|quarta|quinta|sexta)-feira)"
)
#: "11 février 2011 à 10h30", "Freitag, 11. Februar 2011, 10:30 Uhr", "11 de febrero de 2011": a day, a month, a year
#: and perhaps a time, as those languages write them.
_FOREIGN_DATE = re.compile(
    rf"(?:(?:le|am|el|em|il|op|vom|du)\s+)?(?:{FOREIGN_WEEKDAY},?\s+)?(?:le\s+)?(?P<day>\d{{1,2}})(?:\.|er|º)?\s+(?:de\s+|ב-?)?(?P<month>{'|'.join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))})\.?"
    r"\s+(?:de\s+|del\s+)?(?P<year>\d{4})\b(?:\s*(?:г\.|года))?"
    r"(?:\s*(?:,|à|a las|alle|um|às|om|klo|kl\.|в|–|-)?\s*(?P<hour>\d{1,2})(?::|h|\.)(?P<minute>\d{2})(?:\s*Uhr)?)?",
    re.IGNORECASE,
)


#: A date set with a space after each dot, as German typesetting writes it: "17. 3. 2021", "17. 03. 2021".
_SPACED_DOTS = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.\s(?P<month>\d{1,2})\.\s?(?P<year>\d{4})\b")
#: "Oktober 14, 2018", "octubre 14, 2018": a month, a day and a year in English order, as blog software writes
#: its dates in other languages with the English format.
_FOREIGN_MONTH_FIRST = re.compile(
    rf"(?P<month>{'|'.join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))})\.?\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})\b"
    r"(?:\s*(?:,|um|às|a las|alle|om|-|–)?\s*(?P<hour>\d{1,2})(?::|h|\.)(?P<minute>\d{2})(?:\s*Uhr)?)?",
    re.IGNORECASE,
)
#: Where a text dump runs a date on into the words around it, as it writes inline elements with no space between:
#: a year into the next date, as a page shows its date twice (published, updated) ("4. Mai 20184. Mai
#: 2018", "Juni 21, 2019Juni 21, 2019"), a name into a numeric date ("Ana Ruiz7.4.2021"), a numeric date
#: into the next word ("05.09.2021Hafenverband"). Each match ends where a space belongs.
_GLUED = re.compile(
    r"(?<!\d)(?:19|20)\d{2}(?=\d{1,2}(?:\.|st|nd|rd|th)?\s+[^\W\d_]{3,}\.?,?\s+\d{4}|[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s+\d{4})"
    r"|[^\W\d_](?=\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}(?!\d))"
    r"|(?<![\d.])\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}(?=[^\W\d_])"
)


def find_date(text: str, *, day_first: bool = False, loose: bool = False) -> tuple[PubDate, tuple[int, int]] | None:
    """The first complete date written in ``text`` and where it stands; in English, or else in one of the
    languages of ``_FOREIGN_MONTHS``. ``day_first`` as for ``interpret``. ``loose`` reads the forms that a
    line's shape alone does not make a date's too (``_loose_date``)."""
    if not _DIGIT.search(text):
        return None  # a complete date has a year
    if loose:
        return _loose_date(text, day_first)
    for match in DATE_SPAN.finditer(text):
        date = interpret(match.group(0), day_first=day_first)
        if date is not None:
            return date, match.span()
    return next(foreign_dates(text), None)


def _loose_date(text: str, day_first: bool) -> tuple[PubDate, tuple[int, int]] | None:
    """The first date of ``text`` in the usual forms (``find_date``) or in three more that pages write: with a space
    after each dot ("17. 3. 2021"), a month of another language first ("Oktober 14, 2018"), or run on into the words
    around it (``_GLUED``: "4. Mai 20184. Mai 2018", read as the first; "Ana Ruiz7.4.2021"). Not in
    ``find_date`` itself: its forms are the grammars' evidence of a byline or a comment's header (the zoning
    model's features), where "1. 2. 2020" may as well number a list; these read the date of a line that
    something else says is dated."""
    spaced, spaces = _unglued(text)
    found = _loose_forms(spaced, day_first)
    if found is None or not spaces:
        return found
    date, (start, end) = found
    return date, (start - bisect_left(spaces, start), end - bisect_left(spaces, end))  # where it stands in ``text``


def _unglued(text: str) -> tuple[str, list[int]]:
    """``text`` with a space where a date runs on into the words around it (``_GLUED``), and where in the new
    text each space was put (in one pass: a long line of dates run on into each other is read as fast)."""
    pieces: list[str] = []
    spaces: list[int] = []
    last = 0
    for match in _GLUED.finditer(text):
        pieces += [text[last : match.end()], " "]
        spaces.append(match.end() + len(spaces))
        last = match.end()
    return "".join(pieces) + text[last:], spaces


def _loose_forms(text: str, day_first: bool) -> tuple[PubDate, tuple[int, int]] | None:
    """The first date of ``text`` in the usual forms, with spaced dots or with a foreign month first."""
    found = [hit] if (hit := find_date(text, day_first=day_first)) is not None else []
    for match in _SPACED_DOTS.finditer(text):
        date = interpret(f"{match.group('day')}.{match.group('month')}.{match.group('year')}", day_first=True)
        if date is not None:
            found.append((replace(date, text=match.group(0)), match.span()))
            break
    for match in _FOREIGN_MONTH_FIRST.finditer(text):
        if (date := _in_english(match, int(match.group("year")))) is not None:
            found.append((date, match.span()))
            break
    return min(found, key=lambda hit: hit[1][0], default=None)


#: What every date of ``_FOREIGN_DATE`` looks like, English ones too: a day, a word and a year. Cheap to look for.
_DAY_WORD_YEAR = re.compile(r"\d{1,2}(?:\.|er|º)?\s+(?:de\s+)?[^\W\d_][^\s\d]{2,}\s+(?:de\s+|del\s+)?\d{4}")  # Thai's vowel signs are no \w


#: A date as Japanese, Chinese and Korean write it, year first: "2011年2月11日 10:42", "2011년 2월 11일".
_YEAR_FIRST_DATE = re.compile(r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]?(?:\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?")


def foreign_dates(text: str) -> Iterator[tuple[PubDate, tuple[int, int]]]:
    """The complete dates written in ``text`` in one of the languages of ``_FOREIGN_MONTHS``, or in Japanese,
    Chinese or Korean, and where each stands."""
    if "年" in text or "년" in text:
        for match in _YEAR_FIRST_DATE.finditer(text):
            if not (1 <= int(match.group("month")) <= 12 and 1 <= int(match.group("day")) <= 31):
                continue
            iso = f"{match.group('year')}-{int(match.group('month')):02d}-{int(match.group('day')):02d}"
            date = interpret(iso + (f" {int(match.group('hour')):02d}:{match.group('minute')}" if match.group("hour") else ""))
            if date is not None:
                yield replace(date, text=match.group(0).strip()), match.span()
    if not _DAY_WORD_YEAR.search(text):
        return
    for match in _FOREIGN_DATE.finditer(text):
        year = int(match.group("year"))
        year = year - 543 if year > 2400 else year  # the Thai (Buddhist) era: 2554 is 2011
        if (date := _in_english(match, year)) is not None:
            yield date, match.span()


def _in_english(match: re.Match[str], year: int) -> PubDate | None:
    """The date a foreign date's ``match`` (its day, month and perhaps time) writes, in ``year``, read as English,
    with the text as written."""
    english = f"{match.group('day')} {_FOREIGN_MONTHS[match.group('month').lower()]} {year}"
    if match.group("hour") is not None:
        english += f" {match.group('hour')}:{match.group('minute')}"
    date = interpret(english)
    return replace(date, text=match.group(0).strip()) if date is not None else None


#: The first year a capture's publication date may fall in: news was not on the web before; an earlier year
#: ("0001-01-01", the Unix epoch) is a placeholder that a page's software wrote.
EARLIEST_PUBLICATION = 1990


def implausible(date: PubDate, captured: datetime | None = None) -> str | None:
    """Why ``date`` cannot be a capture's publication date, or None when it can: before 1990, or after the
    time the page was captured (``captured``; for captures that do not say, after today). A day's grace for
    time zones."""
    if date.value is None:
        return None
    day = date.value.date()
    if day.year < EARLIEST_PUBLICATION:
        return f"before {EARLIEST_PUBLICATION}, a placeholder"
    limit = (captured or datetime.now()).date()
    if day.toordinal() > limit.toordinal() + 1:
        return "after the page was captured" if captured is not None else "in the future"
    return None


def dropped_warning(date: PubDate, why: str) -> str:
    """The warning for a publication date set aside as ``implausible``, quoting it."""
    return f"the publication date {date.text or date.iso()!r} is no publication date ({why}): set aside"


def captured_time(text: str | None) -> datetime | None:
    """A capture time as a WARC record writes it ("2011-02-11T10:42:00Z"), or None."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


#: A headline that opens with its day and a dash: "Feb 11, 2011 — Nokia and Microsoft announce partnership".
_DATED_TITLE = re.compile(r"(?P<date>[^—–]{6,40}?)\s+[—–-]\s+(?P<title>\S.{2,})")


def dated_title(title: str) -> tuple[str, PubDate] | None:
    """A headline without the day it opens with, and that day ("23.01.2022 - Ferry saved" -> "Ferry saved");
    None where it opens with no whole day ("March 2011 – a look back" keeps its month)."""
    dated = _DATED_TITLE.fullmatch(title)
    if dated is None or (found := find_date(dated.group("date"))) is None:
        return None
    if found[1] != (0, len(dated.group("date"))) or found[0].precision not in (Precision.DAY, Precision.MINUTE):
        return None
    return dated.group("title"), found[0]
