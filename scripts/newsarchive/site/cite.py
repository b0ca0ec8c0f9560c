"""Citations of an archived article: APA (7th edition), MLA (9th edition) and BibTeX."""

from __future__ import annotations

import re
import unicodedata

from ..common.models import Precision, PubDate
from .records import UNKNOWN_SOURCE, Record

_MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_BIB_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _split(name: str) -> tuple[str, str]:
    """(family, given) of a personal name; a one-word name (an agency, a pseudonym) is all family."""
    parts = name.split()
    return (parts[-1], " ".join(parts[:-1])) if len(parts) > 1 else (name, "")


def _apa_name(name: str) -> str:
    family, given = _split(name)
    initials = " ".join(f"{part[0]}." for part in re.split(r"[\s-]+", given) if part)
    return f"{family}, {initials}" if initials else family


def _mla_name(name: str) -> str:
    family, given = _split(name)
    return f"{family}, {given}" if given else family


def _publication(record: Record) -> str | None:
    return None if record.publication == UNKNOWN_SOURCE else record.publication


def _apa_date(date: PubDate) -> str:
    if date.value is None:
        return "n.d."
    if date.precision is Precision.YEAR:
        return str(date.value.year)
    if date.precision is Precision.MONTH:
        return f"{date.value.year}, {date.value.strftime('%B')}"
    return f"{date.value.year}, {date.value.strftime('%B')} {date.value.day}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def apa(record: Record) -> str:
    article = record.article
    names = [_apa_name(n) for n in article.authors]
    if len(names) > 1:
        authors = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        authors = names[0] if names else ""
    title = _sentence(article.title)
    publication = _publication(record)
    date = f"({_apa_date(article.published)})."
    parts = [f"{_sentence(authors)} {date}" if authors else f"{title} {date}"]
    if authors:
        parts.append(title)
    if publication:
        parts.append(_sentence(publication))
    parts.append(f"Archived capture {record.source}, SHA-256 {record.sha256[:16]}….")
    return " ".join(parts)


def mla(record: Record) -> str:
    article = record.article
    authors = article.authors
    if len(authors) == 1:
        who = _sentence(_mla_name(authors[0]))
    elif len(authors) == 2:
        who = f"{_mla_name(authors[0])}, and {authors[1]}."
    elif authors:
        who = f"{_mla_name(authors[0])}, et al."
    else:
        who = ""
    title = article.title.strip()
    quoted = f"“{title}{'' if title.endswith(('.', '?', '!', '…')) else '.'}”"
    date = article.published
    if date.value is None:
        when = "n.d."
    elif date.precision is Precision.YEAR:
        when = str(date.value.year)
    elif date.precision is Precision.MONTH:
        when = f"{_MLA_MONTHS[date.value.month - 1]} {date.value.year}"
    else:
        when = f"{date.value.day} {_MLA_MONTHS[date.value.month - 1]} {date.value.year}"
    publication = _publication(record)
    tail = _sentence(f"{publication}, {when}" if publication else when)
    return " ".join(part for part in (who, quoted, tail) if part)


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}~^\\])", lambda m: "\\" + m.group(1) if m.group(1) not in "~^\\" else {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}[m.group(1)], text)


def bibtex_key(record: Record) -> str:
    article = record.article
    family = _split(article.authors[0])[0] if article.authors else "anon"
    year = str(article.published.value.year) if article.published.value else "nd"
    word = next((w for w in re.findall(r"[A-Za-z]{4,}", article.title)), "article")
    key = f"{family}{year}{word}".lower()
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()) or "article"


def bibtex(record: Record) -> str:
    article = record.article
    fields = []
    if article.authors:
        fields.append(("author", " and ".join(_mla_name(n) for n in article.authors)))
    fields.append(("title", article.title))
    publication = _publication(record)
    if publication:
        fields.append(("journal", publication))
    date = article.published
    if date.value is not None:
        fields.append(("year", str(date.value.year)))
        if date.precision is not Precision.YEAR:
            fields.append(("month", _BIB_MONTHS[date.value.month - 1]))
        if date.precision in (Precision.DAY, Precision.MINUTE):
            fields.append(("day", str(date.value.day)))
    fields.append(("note", f"Archived capture {record.source}, SHA-256 {record.sha256}"))
    body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + _bib_escape(value) + '}'}" for name, value in fields)
    return f"@article{{{bibtex_key(record)},\n{body}\n}}"


def fence(text: str) -> str:
    """A code fence longer than any run of backticks in ``text``, so capture text cannot close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)
