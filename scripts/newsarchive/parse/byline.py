"""Bylines: who wrote an article, when, and how many comments the page claims."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..common.models import PubDate
from .dates import FOREIGN_WEEKDAY, MONTH, TIME, WEEKDAY, find_date

_NUMBER_WORDS = {w: n for n, w in enumerate("no one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_COUNT = r"(?P<count>\d{1,6}|" + "|".join(_NUMBER_WORDS) + r")"
#: "Comments" in French, German, Spanish, Italian, Dutch, Portuguese, Japanese, Chinese and Korean, as headings and claims write it.
COMMENTS_ABROAD = "commentaires?|kommentare?|comentarios?|commenti|reacties|comentários|コメント|评论|評論|留言|댓글"
_COMMENT_CLAIM = re.compile(rf"(?:\bwith\s+|[|·•,–—-]\s*)?\b{_COUNT}\s+(?:comments?|responses?|repl(?:y|ies)|thoughts|reactions|réflexions?|{COMMENTS_ABROAD})\b\s*[»›]?", re.I)
_BY = re.compile(
    r"\b(?:(?:posted|written|words|story|text|reported|published|filed|compiled|edited|photos?|reporting)\s+by|by|author|authors|byline|from)\b\s*:?\s*"
    # "Veröffentlicht von …", "Publié par …", "Publicado por …", "Pubblicato da …", "Geplaatst door …"
    r"|(?<!\w)(?:veröffentlicht|geschrieben|gespeichert|erstellt|verfasst|eingestellt|publié|écrit|rédigé|publicado|escrito|pubblicato|scritto|geplaatst|geschreven)"
    r"\s+(?:von|par|por|da|door)\b\s*:?\s*"
    # "Words: Jane Doe", "Reporter: Jane Doe", "Kirjoittaja: Matti Virtanen": a label and a colon, at the start only
    r"|^(?:words|text|story|reporter|reporting|writer|written|kirjoittaja|toimittaja|yazar)\s*:\s*"
    r"|^(?:記者|记者|作者|撰文|文|編集|编辑|기자|글)\s*[:：/／]\s*"  # Japanese, Chinese, Korean: "記者：山田太郎"
    # "Par Jean Dupont", "Von Hans Müller": at the start only, before a first name and a surname ("Di Stefano" is a name)
    # Greek "Του"/"Της", Arabic "بقلم", Hebrew "מאת", Thai "โดย", Indonesian "Oleh", Turkish "Yazan"
    r"|^(?:par|von|por|di|door|av|af|auteur|autor|autore|автор|από|του|της|بقلم|كتب|מאת|โดย|oleh|yazan)\s*:?\s+(?=[^\W\d_]\S*\s+[^\W\d_])",
    re.I,
)
#: The word for "on" that stands before a date, in lower case (a capitalised "Le" may end a name).
_DATE_PREPOSITION = re.compile(r"\s+(?:am|le|el|em|il|op)\s*$")
_FILLER = re.compile(
    r"\b(?:posted|published|updated|last (?:updated|modified)|modified|filed|written|created|date|dated|on|at|in|uhr)\b\s*:?"
    r"|(?<!\w)(?:publié|mis à jour|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)"
    r"(?:\s+(?:le|am|el|em|il|op))?(?!\w)\s*:?",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:\||·|•|/|–|—|»|\s-\s)\s*")
#: Latin (with Latin Extended-A: "Żółtowski", "Šimek"), Cyrillic and Greek capitals, and the letters of scripts
#: without capitals (Hebrew, Arabic, Thai), with which a name may start as well
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-žА-ЯЁΑ-Ω\u05d0-\u05ea\u0620-\u064a\u0e01-\u0e2e"
_NAME_TOKEN = rf"(?:[{_CAPITAL}][\w'’.\u064b-\u065f\u0e31-\u0e3a\u0e47-\u0e4e-]*|[{_CAPITAL}]\.|(?:de|da|di|del|della|van|von|der|den|la|le|du|bin|ibn|al|el|y|dos|das|st\.?)|Mc\w+|O’\w+|O'\w+)"
_NAME = re.compile(rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}")
#: A time of day alone, as bylines give it beside a date on another line ("Posted by X @ 4:02 am").
_BARE_TIME = re.compile(rf"(?:(?<!\w)(?:at|@)\s*|(?<!\w))(?P<time>{TIME})(?!\w)", re.I)
#: What a writer is, written after the name: "By Jane Doe, Staff Writer".
_ROLE = re.compile(
    r"(?:(?:senior|chief|deputy|associate|assistant|contributing|staff|special|foreign|political|technology|tech|business|science|"
    r"health|mobile|news|managing|executive|digital|online|guest|regular)\s+)*"
    r"(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|analyst|producer|blogger|intern|staff|agency|agencies|wires?)s?",
    re.I,
)
#: Words of a title-case headline that no person's name has ("Nokia Partners With Microsoft").
_HEADLINE_WORDS = frozenset("with for to of the on in at as is are was will says said after over new from into about against up".split())
_NOT_NAMES = re.compile(rf"^(?:{MONTH}|{WEEKDAY}|today|yesterday|now|the|a|an|this|that|it|comments?|home|news|share|updated?)$", re.I)


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...]
    date: PubDate | None
    comments_claimed: int | None
    organisation: str | None = None
    time: str | None = None  # a time of day given without a date, for a date on another line of the byline
    #: a byline that names no person, only a role or an outlet: "By Staff Reporter", "By Reuters"
    unnamed: bool = False


#: How to reach a writer, which a byline may give after the name: an e-mail address or a social handle.
_CONTACT = re.compile(r"\(?\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w.])@(?![\d:])\w{1,30})\s*\)?")  # "@07:30AM" is a time

def is_contact(text: str) -> bool:
    """A line that only says how to reach the writer: "@janedoe", "jane.doe@example.org"."""
    return "@" in text and not _CONTACT.sub("", text).strip(" |·•,")


#: Who took a byline's pictures, beside who wrote it: "Text: Jane Doe · Photos: John Roe · 11.02.2011".
_PICTURES_BY = re.compile(r"(?<![^\s|·•,])(?:photos?|pictures?|images?|illustrations?|graphics|video)\s*:\s*[^|·•]+", re.I)

#: How long ago a comment or a post was made, as sites print it instead of a date: "2 hours ago".
AGE_TEXT = r"(?:about |over |almost )?(?:\d{1,3}|an?|one)\s*(?:(?:second|minute|hour|day|week|month|year)s?|(?:sec|min|hr|wk|mo|yr)s?\.?)\s+ago"  # "12 yr. ago"
#: ... in a byline, with the story's score before it: "213 points by jdoe 12 years ago" (Hacker News), "Posted by X 3 hours ago".
_AGE_OR_SCORE = re.compile(rf"\b{AGE_TEXT}\b|^\s*\d{{1,6}}\s+points?\b", re.I)

#: The reading time a byline may end with: "Feb 11, 2011 · 4 min read".
READING_TIME = re.compile(r"\b\d{1,3}[\s-]*(?:min(?:ute)?s?|mins?)\.?\s+read\b", re.I)

#: "Comments (3)", "Reader comments (12)".
_COUNTED = re.compile(
    rf"\b(?:comments?|responses?|replies|reactions|discussion|talkback|have your say|{COMMENTS_ABROAD}|комментари(?:и|ев|й|я))"
    r"(?:\s*\((?P<count>\d{1,6})\)|:?\s+(?P<after>\d{1,6})$)",  # "Comments (3)", "Reader comments 42", "Comments: 12"
    re.I,
)


def comment_claim(text: str) -> int | None:
    """The comment count a line claims ("13 Comments", "One response", "Comments (3)"), or None."""
    match = _COMMENT_CLAIM.search(text) or _COUNTED.search(text)
    if not match:
        return None
    word = (match.group("count") or match.groupdict().get("after") or "").lower()
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def without_comment_count(text: str) -> str:
    """A line without the comment count it claims, in either order: "Jane Doe · 8 Comments", "Jane Doe
    Kommentare 8", "Jane Doe Comments (3)"."""
    if comment_claim(text) is None:
        return text
    return " ".join(_COUNTED.sub(" ", _COMMENT_CLAIM.sub(" ", text)).split())


#: What a byline's reading leaves after a writer's name: the verb of "jdoe writes:", "Jane Doe schreibt", the
#: categories of "Posted by Jane Doe under Technology", a feed's button ("Jane Doe RSS feed").
_WRITER_TAIL = re.compile(
    r"\s+(?:writes|wrote|says|said|schreibt|schrieb|publiziert|écrit|escribe|scrive|schrijft)\s*:?$|\s+(?:under|unter)\s+\S.*$|\s+RSS(?:\s+feed)?$"
)  # in lower case only, as a byline prints them: "Ana Said" is a name
#: ... and before it: "Ein Artikel von Jane Doe", "Zum Profil von jdoe".
_WRITER_HEAD = re.compile(r"^(?:eine?\s+(?:artikel|beitrag|text|kommentar|gastbeitrag)\s+von|zum\s+profil\s+von)\s+", re.I)


def writer_name(name: str) -> str:
    """A writer's name as a byline's reading gives it, without the words around it that are no part of it (the
    verb, the categories, a button, a label) and said once (``said_once``)."""
    bare = _WRITER_HEAD.sub("", _WRITER_TAIL.sub("", name.strip())).strip()
    return said_once(bare or name)


def said_once(name: str) -> str:
    """A name that a page prints twice in a row ("Jane Doe Jane Doe": a picture's label and its link), once."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half and len(words) % 2 == 0 and words[:half] == words[half:] else name


def is_name(text: str) -> bool:
    """A person's name or a short organisation name: capitalised words, no sentence in it."""
    text = text.strip()
    if not text or len(text) > 60 or not _NAME.fullmatch(text):
        return False
    return not any(_NOT_NAMES.match(token) for token in text.split()[:1])


_SUFFIX_END = re.compile(r"(?<=\s)(?:jr|sr|jnr|snr|[A-Z])\.$", re.I)


def _is_handle(text: str) -> bool:
    """A name as people sign with it: "Tom Warren", "oolong2", "J. Ian Irby"."""
    signed = _SUFFIX_END.sub("", text)  # "Jane Doe Jr.", "Julie B."
    return len(text.split()) <= 5 and len(text) <= 60 and bool(re.match(r"[^\W\d_]", text)) and not re.search(r"[!?;:,]|\.$", signed.replace(". ", " "))


#: Short words in capitals that are acronyms though they have a vowel: "AP", "ABC News".
_ACRONYMS = frozenset("AP AFP ABC AOL IBM UPI USA UK US EU UN AI IT IDG".split())


def cased(name: str) -> str:
    """A name set in capitals, as agencies set bylines ("By MATTI HUUHTANEN", "JOHN DOE"), in the case of its other
    mentions; acronyms stay: words of up to three letters with no vowel, or known ones ("BBC NEWS" -> "BBC News")."""
    if not name.isupper():
        return name

    def acronym(word: str) -> bool:
        return word.isalpha() and len(word) <= 3 and (not set(word) & set("AEIOU") or word in _ACRONYMS)

    return " ".join(word if acronym(word) else word.title() for word in name.split())


_DECORATION = re.compile(r"^([-–—=*~_]{1,5})\s*(?P<text>\S.*?)\s*[-–—=*~_]{1,5}$")


def undecorated(text: str) -> str:
    """A line without the rules that frame it: "-- Jane Smith --" -> "Jane Smith"."""
    text = text.strip()
    framed = _DECORATION.match(text) if text[:1] in "-–—=*~_" else None
    return framed.group("text") if framed else text


#: What parts the names of a list: a comma, "and", "&" ("By ANTON TROIANOVSKI And NICK WINGFIELD") ...
_NAMES_APART = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+", re.I)
#: ... and a semicolon, or the "and" of the other languages of most captures ("Ana Ruiz y Lou Quimby").
_NAMES_APART_ANYWHERE = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+(?:and|&)\s+|\s+(?-i:et|y|e|en)\s+", re.I)


def split_names(text: str, *, every_language: bool = False) -> list[str]:
    """The names a list of them holds: "Jane Doe, Sam Okafor and Lou Quimby"; ``every_language``: parted by the
    "and" of the other languages of most captures too, and by semicolons."""
    parts = (_NAMES_APART_ANYWHERE if every_language else _NAMES_APART).split(text.strip(" ,;:"))
    return [p.strip() for p in parts if p.strip()]


#: A full stop between the names and the date's word: "By Jane Doe. Updated Feb 11, 2011".
_STOP_BEFORE_DATE_WORD = re.compile(r"\.\s+(?=(?:updated|published|posted|last updated|last modified)\b)", re.I)
#: Something in brackets after the names, an outlet perhaps: "Jane Doe (Reuters)".
_IN_BRACKETS = re.compile(r"\s*\((?P<inside>[^()]{2,40})\)")


def _outlet_after_comma(match: re.Match[str]) -> str:
    """An outlet in brackets written after a comma, as bylines name one ("Jane Doe, Reuters"); a place left out
    ("Timo (Helsinki)"); anything else as it is."""
    inside = match.group("inside").strip()
    return f", {inside}" if is_outlet(inside) else "" if _is_place(inside) else match.group(0)


#: Reddit's names of a community and a user: "r/technology", "u/jdoe" (the user is the name).
_REDDIT = re.compile(r"(?<![\w/])(?:u/(?P<user>[\w-]{3,20})|r/[\w]{2,21})\b")
#: A Korean byline: the name, then "reporter" ("김철수 기자", "김철수 기자 = 서울").
_KOREAN_REPORTER = re.compile(r"^(?P<name>[\uac00-\ud7a3]{2,4})\s*기자(?:\s*=\s*\S+)?")
#: Where a writer files from, after the name: "Jane Doe in Helsinki", "Ann Lee in San Francisco".
_IN_PLACE = re.compile(rf"(?<=\w)\s+in\s+[{_CAPITAL}][\w.'’-]*(?:,?\s+[{_CAPITAL}][\w.'’-]*){{0,2}}$")


def _is_place(word: str) -> bool:
    """A single title-case word after a writer's full name that names no outlet: the place she writes from."""
    return " " not in word and word[:1].isupper() and not word.isupper() and not _ROLE.fullmatch(word) and not is_outlet(word, after_writer=True)


def _authors_from(rest: str, had_by: bool) -> list[str] | None:
    """Names in what is left of a byline once the date and the count are gone; None when it is not names."""
    # where the writer writes from is no part of the name ("Jane Doe in Helsinki"); a dash the bar's split left (" | - Jane Doe")
    chunks = [_FILLER.sub(" ", _IN_PLACE.sub("", c)).strip(" ,;:-–—") for c in _SEPARATORS.split(rest)]
    chunks = [c for c in chunks if c]
    if not chunks:
        return []
    if any(len(c.split()) > 6 for c in chunks[1:]):
        return None  # a sentence after the names: "ESPOO, Finland – February 11, 2011 – Nokia and Microsoft today announced …"
    names = [cased(n) for n in split_names(chunks[0])]
    if len(names) == 2 and "," in chunks[0] and len(names[0].split()) >= 2 and _is_place(names[1]):
        names = names[:1]  # "Jane Doe, Helsinki"
    if len(names) > 1:
        names = [n for n in names if not _ROLE.fullmatch(n)] or names  # "Jane Doe, Staff Writer"
    if had_by:
        # after an explicit "by", accept handles such as "admin" or "tomw" too
        if all(_is_handle(n) for n in names) and len(chunks) <= 2:
            return _unbracketed(names)
        return None
    if all(is_name(n) for n in names) and len(chunks) <= 2:
        return _unbracketed(names)
    return None


def _unbracketed(names: list[str]) -> list[str]:
    """The names without the bracket that a date stood in after them ("Jane Doe (3 March 2011)" read as "Jane Doe (")."""
    return [name.rstrip(" ([") or name for name in names]


#: The day of the week a date's reading left over it ("Dienstag, 7. November 2023"): no writer's name.
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{WEEKDAY}|{FOREIGN_WEEKDAY})\s*,?\s*$", re.I)


# Long: the line is taken apart in one order (a claimed count, contacts, a reading time, the date, a time, the
# "by"), and what is left is judged a name, an outlet, a place or a role; each step reads what the ones before
# left of the line.
@lru_cache(maxsize=1 << 14)  # a page's dump asks of its short lines more than once: its zoning, its bylines' ranking, its grammars
def parse_byline(text: str, *, after_title: bool = False) -> Byline | None:
    """Read a byline, or return None when the line is not one.

    Understands "By X, on 11th Feb 11 7:34 am with 13 Comments", "By X | February 11, 2011",
    "Posted by X on 2011-02-11", "Written by X and Y", "February 11, 2011", and, right
    under a title, "X, Reuters".
    """
    line = undecorated(text)
    if len(line) > 200 or not line:
        return None
    if "기자" in line:
        line = _KOREAN_REPORTER.sub(r"By \g<name> |", line)  # "김철수 기자": the name, then "reporter"
    claim = comment_claim(line)
    rest = _COMMENT_CLAIM.sub(" ", line) if claim is not None else line
    rest = _CONTACT.sub(" | ", rest) if "@" in rest else rest  # "By John Smith (john.smith@example.com)", "| @jsmith"
    rest = _REDDIT.sub(lambda m: m.group("user") or " | ", rest) if "/" in rest else rest  # "r/technology • Posted by u/jdoe"
    rest = _PICTURES_BY.sub(" | ", rest) if ":" in rest else rest  # "Text: Jane Doe · Photos: John Roe"
    rest = READING_TIME.sub(" | ", rest) if "read" in rest else rest  # "Feb 11, 2011 · 4 min read"
    rest = _STOP_BEFORE_DATE_WORD.sub(" | ", rest) if ". " in rest else rest  # "By Jane Doe. Updated Feb 11, 2011"
    rest = _AGE_OR_SCORE.sub(" | ", rest) if "ago" in rest or "point" in rest else rest  # no date: the capture does not say when it was taken
    found = find_date(rest)
    date = None
    if found:
        date, (start, end) = found
        rest = _DATE_PREPOSITION.sub("", _WEEKDAY_BEFORE.sub("", rest[:start])) + " | " + rest[end:]  # "Von Jane Doe am 21. April 2020"
        if (again := find_date(rest)) is not None:  # when it was updated: "Published <date> Updated <date>"
            rest = rest[: again[1][0]] + " | " + rest[again[1][1] :]
    rest = _IN_BRACKETS.sub(_outlet_after_comma, rest) if "(" in rest else rest  # "Jane Doe (Reuters) - Feb 11, 2011"
    time = None
    if bare := _BARE_TIME.search(rest):
        # with a date, a time apart from it is another moment's ("11 February 2011 Last updated at 10:45 GMT")
        time = None if date else bare.group("time")
        rest = rest[: bare.start()] + " | " + rest[bare.end() :]
    by = _BY.search(rest)
    before = rest[: by.start()].strip(" |,•·") if by else ""
    had_by = bool(by) and (not before or bool(found))  # "By X", or "Posted on <date> by X"
    if by and had_by:
        rest = rest[by.end() :] + (" | " + before if before else "")
    authors = _authors_from(rest, had_by)
    # what is left with no "by" before it, where it may be an outlet or a place
    left = _FILLER.sub(" ", rest).strip(" |,;:") if not had_by and ((authors is None and date) or (authors and len(authors) == 1)) else ""
    if authors is None and date and is_outlet(left) and not left.isupper():
        return Byline((), date, claim, left, time)  # "guardian.co.uk, Friday 11 February 2011 10.42 GMT"
    if authors is None:
        return None
    if len(authors) == 1 and " " not in authors[0] and left.isupper():
        authors = []  # a place in capitals, not a writer: "LONDON | Fri Feb 11, 2011 10:42am EST"
    if time is not None and not rest.strip(" |,"):
        return Byline((), None, claim, time=time)  # a line of its own: "4:02 am"
    if not (date or had_by or claim is not None):
        # no date, no "by": only "Name, Organisation" right under a title
        names = [n.strip() for n in line.split(",")]
        if after_title and len(names) == 2 and all(is_name(n) for n in names) and " " in names[0] and len(line) <= 60:  # a full name
            return Byline((names[0],), None, None, None if _ROLE.fullmatch(names[1]) else names[1])  # "Jane Doe, Contributor"
        if after_title and len(names) == 3 and is_name(names[0]) and _ROLE.fullmatch(names[1]) and is_name(names[2]) and len(line) <= 80:
            return Byline((names[0],), None, None, names[2])  # "Jane Doe, Technology Reporter, BBC News"
        return None
    if not authors and not date:
        return None
    organisation = None
    if authors and had_by and all(_ROLE.fullmatch(n) or is_outlet(n) for n in authors):
        # no person: "By Staff Reporter", "By Reuters", "By Daily Mail Reporter"
        outlets = [_outlet_of(n) for n in authors if not _ROLE.fullmatch(n)]
        return Byline((), date, claim, outlets[0] if outlets else None, time, unnamed=True)
    if authors and authors[-1].startswith("the "):
        authors[-1] = authors[-1][4:]  # "By Jane Doe and the Associated Press"
    if len(authors) > 1 and (outlet := _FOR_OUTLET.match(authors[-1])):
        organisation = authors.pop()[outlet.end() :]  # "By Lisa Chan, Special to The Times"
    elif len(authors) > 1 and (for_outlet := _OUTLET_ROLE.fullmatch(authors[-1])) and is_outlet(for_outlet.group("outlet"), after_writer=True):
        authors.pop()  # "By Jane Doe, AP Technology Writer", "By Jane Doe, Associated Press Writer": what she is, and for whom
        organisation = for_outlet.group("outlet")
    elif len(authors) > 1 and is_outlet(authors[-1], after_writer=True):
        *authors, organisation = authors  # "By Jane Doe, CNET News"
    return Byline(tuple(authors), date, claim, organisation, time)


#: What stands before the outlet a writer writes for: "Special to The Times", "for CNN".
_FOR_OUTLET = re.compile(r"(?:special to|for)\s+", re.I)

#: "Associated Press Writer", "Washington Post Staff Writer": the outlet, then what the writer is for it.
_OUTLET_ROLE = re.compile(rf"(?P<outlet>.+?)\s+(?P<role>{_ROLE.pattern})", re.I)


def role_line(text: str) -> Byline | None:
    """A line that says what the writer named above it is, and for whom: "Technology correspondent, BBC News",
    "Associated Press Writer"."""
    text = text.strip()
    if len(text) > 80:
        return None
    role, _, organisation = text.partition(",")
    if _ROLE.fullmatch(role.strip()):
        organisation = organisation.strip()
        return Byline((), None, None, organisation if organisation and is_name(organisation) else None)
    outlet = _OUTLET_ROLE.fullmatch(text)
    if outlet and is_name(outlet.group("outlet")) and len(outlet.group("outlet").split()) <= 4:
        return Byline((), None, None, outlet.group("outlet"))
    return None


#: Words that name an outlet rather than a person: "CNET News", "Reuters"; and words that people's names have
#: too ("Emily Post"), which name an outlet only after a writer's name ("By Jane Doe, Washington Post").
_OUTLET_WORDS = frozenset(
    """news newswire newswires times press journal daily magazine tribune herald telegraph reuters bloomberg afp wire
    online network media weekly gazette chronicle agency broadcasting radio tv television blog insider economist
    engadget gizmodo techcrunch zdnet cnet pcworld computerworld""".split()
)
_SURNAME_OUTLET_WORDS = frozenset("post mail globe standard express review observer today guardian independent register verge wired".split())


def _outlet_of(text: str) -> str:
    """The outlet of "Daily Mail Reporter": what stands before the role, if a role ends it."""
    with_role = _OUTLET_ROLE.fullmatch(text)
    return with_role.group("outlet") if with_role and is_name(with_role.group("outlet")) else text


def is_outlet(text: str, *, after_writer: bool = False) -> bool:
    """Whether ``text`` names an outlet, not a person; ``after_writer`` when it stands after a writer's name
    ("By Jane Doe, CNET News"), where the words people's names share with outlets' count too."""
    words = text.split()
    if not words or len(words) > 5:
        return False
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5:
        return True  # "AP", "AFP", "CNN"
    found = {w.lower().strip(".") for w in words}
    return text.lower().endswith((".com", ".net", ".org", ".co.uk")) or bool(found & _OUTLET_WORDS) or (after_writer and bool(found & _SURNAME_OUTLET_WORDS))


def names_line(text: str) -> tuple[str, ...] | None:
    """The writers a line names and nothing else ("Charles Arthur and Josh Halliday"), as bylines that give the
    date on the next line do; None for anything else, a title-case headline included."""
    text = undecorated(text)
    if len(text) > 80:
        return None
    names = [cased(n) for n in split_names(text, every_language=True)]
    if not 1 <= len(names) <= 4 or not all(is_name(n) and 2 <= len(n.split()) <= 4 and not _ROLE.fullmatch(n) for n in names):
        return None  # "STAFF WRITER" under "BY JANE DOE" is what she is
    if any(word.lower() in _HEADLINE_WORDS for n in names for word in n.split()):
        return None
    return tuple(names)


#: What a byline says before its writer's name, anywhere in its line, in the languages of most captures: a verb of
#: posting and a "by" ("Veröffentlicht am 12. Juni von jdoe", "Publicado por Ana Ruiz", "Posted on Monday by JD"),
#: a "by" alone, or a label and a colon ("Autor: jdoe", "Von: Jan Kupitz").
_WRITER_WORD = re.compile(
    r"(?:^|(?<=[\s|·•/,(\]—–-]))(?:"  # after an image's placeholder too: "[portrait]von Jane Doe"
    r"(?:by|von|vom|par|por|door|di|av|af|przez|durch)\s+(?=\S)"
    r"|(?:author|autor|auteur|autore|autorin|by|von|text|texte|interview|redaktion|reporter)\s*:\s*)"
    # a label that the dump glued to the date before it, or to the name after it ("2017Autor: jdoe", "AuthorJane Doe")
    r"|(?<=\d)(?:author|autor|auteur|autore|autorin|by|von|text|texte)\s*:?\s*(?=\S)"
    r"|(?:^|(?<=[\s\d|·•/,]))(?-i:Author|Autor|Auteur|Autore|Autorin)(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])",
    re.I,
)
#: Where a writer's name ends in a byline: a separator, a date's or time's digits, or the word that opens them.
_NAME_END = re.compile(
    # the words for "on", "at", "the" before a date or a place; those that may also be a name's part ("Loïc Le Clerc",
    # "Kees van Der Berg", "Im Soo-jin") end it only in lower case; "under" before the categories, or closing the line
    r"\s{2,}|(?<=[^\W\d_])(?=\d{1,2}\.\d{1,2}\.\d{2,4})|\s*(?:[|·•/,;:(\[]|\s[-–—]\s|@)|\s+(?:\d|(?:am|on|at|um|in|the|(?-i:le|el|il|op|em|im|den|dem|der|de la))\s)|\s+(?-i:under|unter)(?:\s|$)", re.I
)
#: A name as people sign with it online: one word of letters, digits, dots, dashes or underscores.
_HANDLE = re.compile(r"[^\W\d_][\w.\-]{1,29}")


_GLUED_COUNT = re.compile(r"(?<=[^\W\d_])(?=\d{1,5}\s+\w)")


def _without_glued_count(rest: str) -> str:
    """A byline's rest without the comment count that a text browser glued to the name ("Jane Doe4 Comments")."""
    for match in _GLUED_COUNT.finditer(rest):
        if comment_claim(rest[match.start() :].strip()) is not None:
            return rest[: match.start()]
    return rest


def written_by(text: str) -> tuple[str, ...] | None:
    """The writers a byline of any layout names after its "by" or its label, or the names alone on a line (perhaps
    with the date after them): "Veröffentlicht am 12. Juni 2017 von jdoe", "Von: Jan Kupitz | 31.10.23",
    "Jane Doe 19.10.2019, 05:00 Uhr". None when the line names no writer so."""
    text = undecorated(text.strip())
    if len(text) > 160:
        return None
    matches = list(_WRITER_WORD.finditer(text))
    for match in matches:
        rest = text[match.end() :]
        name = _NAME_END.split(_without_glued_count(rest), maxsplit=1)[0].strip(" .")
        names = [cased(n) for n in split_names(name, every_language=True)] if name else []
        if names and all(_NAME.fullmatch(n) and len(n.split()) <= 4 and not _ROLE.fullmatch(n) and not _NOT_NAMES.match(n) for n in names):
            return tuple(names)  # after its "by", a month's short name may start a name: "von Jan Kupitz"
        if _HANDLE.fullmatch(name) and not _NOT_NAMES.match(name):
            return (name,)
    if matches:
        return None
    head = _NAME_END.split(text, maxsplit=1)[0].strip(" .")
    if (whole := names_line(text)) is not None and len(whole) >= 2:
        return whole  # "Jane Doe, Sam Okafor & Lou Quimby": the names a comma parts, not a name and what follows it
    return names_line(head) if head else None


#: What a "by" credits when a picture's word stands before it: "Photo by Jane Doe", "Foto: …", "Video von …".
_CREDIT = re.compile(r"\b(?:photo|foto|bild|image|picture|video|illustration|grafik|credit)s?\b", re.I)


def led_by_writer(text: str) -> tuple[str, ...] | None:
    """The writers a short line names after a "by" at or near its start, as a byline shows them under a headline:
    "By Jane Doe", "Veröffentlicht von jdoe", "Texte : Jean Dupont". None for a longer line (a sentence's "von"),
    a word of a picture's credit before the "by" ("Photo by …"), or no "by" within its first words."""
    match = _WRITER_WORD.search(text)
    if match is None or len(text) > 80 or len(text[: match.start()].split()) > 3 or _CREDIT.search(text[: match.start()]):
        return None
    return written_by(text)
