"""What a capture says of itself in fields at its top: a message's header ("From:", "Subject:", "Date:"), a block of
"Title:" / "Author:" / "Date:" lines as scripts that dump pages write, or a YAML front matter ("---" … "---") as web
clippers and static site generators write: the title, the writers and the date they give, and the lines they take.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import yaml

from ..common.models import Precision, PubDate
from .byline import Byline, names_line, split_names
from .comments import is_handle
from .dates import find_date, interpret
from .lines import Line


@dataclass(frozen=True)
class Fields:
    title: str | None
    byline: Byline
    lines: tuple[int, ...]  # the numbers of the lines they take
    message: bool = False  # a message's header (e-mail, a mailing list, a newsgroup), whose text may end with a signature


_TITLE_KEYS = frozenset({"title", "headline", "subject"})
_AUTHOR_KEYS = frozenset({"author", "authors", "by", "byline", "writer", "writers", "creator", "from"})
#: When the article appeared: never "created" or "clipped", which web clippers set to the day of the capture.
_DATE_KEYS = frozenset({"date", "published", "posted", "pubdate", "publication date", "date published", "published at", "sent"})
#: Fields a header holds besides those, read and kept as lines of the header but not used.
_OTHER_KEYS = frozenset(
    """url source link permalink canonical site publisher section category categories tags keywords description summary
    language lang id to cc newsgroups organisation organization message-id reply-to lines references in-reply-to
    updated modified created clipped captured retrieved""".split()
) | {"original url", "site name", "last modified"}
_FIELD = re.compile(r"(?P<key>[A-Za-z][\w -]{0,24}?)\s*:\s*(?P<value>.*)")


def field_header(block: list[Line]) -> Fields | None:
    """The fields of a block that holds nothing else, when they give a title and a writer or a date: a message's
    header ("Subject:" with "From:" or "Date:"), or "Title:" / "Author:" / "Date:" lines; else None."""
    fields: dict[str, str] = {}
    for line in block:
        match = _FIELD.fullmatch(line.text.strip())
        key = match.group("key").strip().lower() if match else ""
        if match is None or not (key in _TITLE_KEYS or key in _AUTHOR_KEYS or key in _DATE_KEYS or key in _OTHER_KEYS or key.startswith("x-")):
            return None
        fields.setdefault(key, match.group("value").strip())
    title_key = next((key for key in ("subject", "title", "headline") if fields.get(key)), None)
    if title_key is None or not (fields.keys() & (_AUTHOR_KEYS | _DATE_KEYS)):
        return None
    title = fields[title_key]
    if title_key == "subject":
        title = re.sub(r"^((?:(?:re|fwd?|aw|sv):\s*)*)\[[^\]]{1,40}\]\s*", r"\1", title, flags=re.I) or title  # a mailing list's "[mobile-list] Nokia to …", "Re: [mobile] …"
    written = next((fields[key] for key in ("date", "published", "posted", "pubdate", "publication date", "date published", "published at", "sent") if fields.get(key)), "")
    sender = next((fields[key] for key in ("author", "authors", "by", "byline", "writer", "writers", "creator", "from") if fields.get(key)), "")
    return Fields(title, Byline(_authors(sender), _date(written), None), tuple(line.no for line in block), title_key == "subject")


def _date(written: str) -> PubDate | None:
    """A header's date: as e-mail writes it ("Fri, 11 Feb 2011 10:42:00 +0200"), or as a byline would."""
    if not written:
        return None
    try:
        value = email.utils.parsedate_to_datetime(written)
        return PubDate(value=value, precision=Precision.MINUTE, text=written)
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(written)
    return found[0] if found else interpret(written)


_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?(?P<name>[^\]]*)\]\]")  # Obsidian's "[[Jane Doe]]"


def _authors(sender: str | Iterable[str]) -> tuple[str, ...]:
    """The writers a header's field names: "Jane Doe <jane@example.org>", "Jane Doe and John Roe", ["[[Jane Doe]]"]."""
    values = [sender] if isinstance(sender, str) else [s for s in sender if isinstance(s, str)]
    authors: list[str] = []
    for value in values:
        value = _WIKI_LINK.sub(lambda m: m.group("name"), value).strip()
        name, address = email.utils.parseaddr(value) if "@" in value else (value, "")
        name = (name or address.split("@")[0]).strip("\"' ")
        found = names_line(name) or tuple(n for n in split_names(name) if is_handle(n))
        authors.extend(n for n in found if n not in authors)
    return tuple(authors)


_FENCE = "---"


def front_matter(text: str) -> tuple[Fields, list[str]] | None:
    """The fields of a YAML front matter that opens ``text``, and what was wrong with it (it is then left out
    whole, its lines set aside); None when ``text`` opens with none."""
    if not text.lstrip()[:3] == _FENCE:
        return None
    rows = text.split("\n")
    start = next((n for n, row in enumerate(rows) if row.strip()), None)
    if start is None or rows[start].rstrip() != _FENCE:
        return None
    end = next((n for n in range(start + 1, min(len(rows), start + 200)) if rows[n].rstrip() in (_FENCE, "...")), None)
    if end is None:
        return None
    numbers = tuple(n + 1 for n in range(start, end + 1) if rows[n].strip())
    try:
        data = yaml.safe_load("\n".join(rows[start + 1 : end]))
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" (line {start + 2 + where.line})" if where is not None else ""
        return Fields(None, Byline((), None, None), numbers), [f"front matter is not valid YAML{line}: {getattr(error, 'problem', None) or error}; its fields are not used"]
    if not isinstance(data, dict):
        return None  # a rule of dashes over the text, not a front matter
    # scalars only: YAML's aliases can make a small text a huge structure, which is never printed
    data = {str(key).strip().lower(): value for key, value in data.items() if isinstance(key, (str, int))}
    if not data.keys() & (_TITLE_KEYS | _AUTHOR_KEYS | _DATE_KEYS):
        return None  # "Note: a draft" between two rules: text, not a front matter
    title = next((str(data[key]).strip() for key in ("title", "headline") if isinstance(data.get(key), (str, int, float)) and data[key] != ""), None)
    sender = next((data[key] for key in ("author", "authors", "by", "byline", "writer", "writers", "creator") if data.get(key)), "")
    written = next((data[key] for key in ("date", "published", "posted", "pubdate", "publication date", "date published", "published at") if data.get(key)), None)
    authors = _authors(sender) if isinstance(sender, (str, list, tuple)) else ()
    return Fields(title, Byline(authors, _yaml_date(written), None), numbers), []


def _yaml_date(value: object) -> PubDate | None:
    """A front matter's date: YAML reads "2011-02-11" as a date and "2011-02-11 10:42" as a datetime itself."""
    if isinstance(value, datetime):
        return PubDate(value=value, precision=Precision.MINUTE, text=value.isoformat(sep=" ", timespec="minutes"))
    if isinstance(value, date):
        return PubDate(value=datetime(value.year, value.month, value.day), precision=Precision.DAY, text=value.isoformat())
    return _date(str(value).strip()) if value not in (None, "") else None
