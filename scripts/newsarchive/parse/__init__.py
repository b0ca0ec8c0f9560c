"""Parse a capture's text into an Article. Pure: text in, record out, no I/O.

The capture is read top to bottom in zones: the page header (furniture before
the title), the title and byline, the body, the comment section, and the tail
(sidebars, footers). A whole page's text dump is zoned first by a fitted model
(``zoning.py``), which sets the page's furniture aside and finds the title and
byline; the grammars then read what it keeps. Every non-blank line lands in
exactly one of the record's metadata, body, comments, references or removed
lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from ..common.language import likeliest_language
from ..common.models import Article, Block, BlockKind, Comment, Precision, PubDate, Reference, Removed
from .body import agency_of, base_indent, credited, dateline_of, to_blocks
from .byline import READING_TIME, Byline, cased, comment_claim, is_contact, is_name, is_outlet, names_line, parse_byline, role_line, split_names, writer_name, written_by
from .comments import NO_READER_COMMENTS, Header, Judge, comment_header, confirmed, date_only, forum_post_header, heading_claim, is_comment_heading, is_comment_title, is_handle, parse_comments
from .dates import dated_title, dropped_warning, find_date, implausible, interpret, numeric_order, swapped, zone_order
from .fields import field_header, front_matter
from .furniture import common_among, common_lines, furniture_candidates, furniture_reason, normalise
from .lines import WRAP_SLACK, Line, blocks_of, ends_sentence, is_headline_like, is_sentence_like, join_lines, looks_like_markdown, plain_markdown, split_lines, strip_link_markers, wrap_width
from .references import inline_reference, is_reference_heading, is_title_line, references_from, strip_heading_line
from .zoning import BODY, BYLINE, COMMENT, FURNITURE, TITLE, TITLE_REACH, Zoner, Zoning, runs, zoner

__all__ = ["parse_capture", "common_among", "common_lines", "furniture_candidates", "infer_title"]

#: Why a sidebar's heading over the article's text is set aside.
WIDGET_OVER_TEXT = "a sidebar's heading over the article's text"
_WIDGET = re.compile(
    r"(?:recent (?:comments|posts|articles|entries|stories)|archives?|categories|tags|tag cloud|blogroll|meta|links|"
    r"popular (?:posts|articles|stories)|most (?:read|popular|viewed|commented|shared|recent)|trending(?: now)?|"
    r"follow us|connect with us|about (?:us|the author|this site|this blog)|subscribe(?: to .{1,40})?|newsletter|sponsored|"
    r"latest (?:news|posts|articles|stories|headlines)|more(?: \w+){0,2} (?:news|stories|headlines)|top stories|editor'?s picks|share this:?|like this:?)\s*:?",
    re.I,
)


#: A web address alone on a line: "http://www.example.com/news/2011/02/11/nokia-microsoft.html".
_ADDRESS = re.compile(r"(?:https?://|www\.)\S{3,2000}")


@dataclass
class _Parts:
    """What the zones collect while the capture is read."""

    removed: list[Removed] = field(default_factory=list)
    metadata: list[int] = field(default_factory=list)
    body: list[list[Line]] = field(default_factory=list)
    comment_lines: list[Line] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    claimed: int | None = None

    def remove(self, lines: list[Line], reason: str) -> None:
        self.removed.extend(Removed(line.no, line.text, reason) for line in lines)


def _is_content(block: list[Line]) -> bool:
    return any(is_sentence_like(line.content) for line in block)


def _find_byline(blocks: list[list[Line]]) -> tuple[int, Byline, list[int]] | None:
    """The first block near the top that reads as a byline, with the lines it used."""
    content_seen = 0
    for i, block in enumerate(blocks):
        if content_seen >= 3:
            return None
        if content_seen and _signature(block) is not None:
            continue  # "Posted by: Tomi | date" under the text: the post signed at its foot, not a byline over it
        if (post := forum_post_header(block)) is not None and post[2] == len(block):
            return i, Byline((post[0],), post[1], None), [line.no for line in block]  # a forum thread's first post, by its poster
        if len(block) <= 3:
            parsed = _byline_lines(block, after_title=i > 0 and is_headline_like(blocks[i - 1]))
            if parsed is not None:
                if content_seen and _text_after(blocks, i) < content_seen:
                    return None  # under most of the text: the article signed at its foot ("Posted: <date>" / "Author: X")
                return i, _merge_bylines(parsed), [line.no for line in block]
        if _is_content(block):
            content_seen += 1
    return None


def _text_after(blocks: list[list[Line]], at: int) -> int:
    """How many blocks of text (prose, lists, paragraphs of several lines) follow block ``at`` before the comments."""
    count = 0
    for block in blocks[at + 1 :]:
        if is_comment_heading(block[0].text):
            break
        count += _is_content(block) or len(block) > 1 or any(line.mark for line in block)
    return count


def _byline_lines(lines: list[Line], after_title: bool) -> list[Byline] | None:
    """What each of ``lines`` gives of a byline, if every one is part of it and they give a writer or a date; else None.

    The writers' names may stand on a line of their own over a line with the date: "Charles Arthur" / "Fri 11 Feb 2011".
    """
    parsed = [parse_byline(line.text, after_title=after_title) for line in lines]
    if len(lines) > 1:
        parsed = [Byline((), None, None) if p is None and is_contact(line.text) else p for p, line in zip(parsed, lines)]  # "@janedoe"
    if len(lines) > 1 and any(p is not None and p.date and not p.authors for p in parsed):
        parsed = [p if p is not None else _names_byline(line.text) for p, line in zip(parsed, lines)]
    if len(lines) > 1 and any(p is not None and (p.authors or p.unnamed) for p in parsed):
        # under the names, what they are or whom they write for: "Technology correspondent, BBC News", "Associated Press"
        parsed = [p if p is not None else role_line(line.text) or _organisation_line(line.text) for p, line in zip(parsed, lines)]
    if all(parsed) and any(p.date or p.authors or p.unnamed for p in parsed):  # type: ignore[union-attr]
        return parsed  # type: ignore[return-value]
    return None


def _names_after_date(blocks: list[list[Line]], found: tuple[int, Byline, list[int]]) -> tuple[list[list[Line]], tuple[int, Byline, list[int]]]:
    """A date line as a block of its own, with the writers' names in the next block ("Friday, February 11, 2011" /
    "By Peter Smith" / "Washington Post Staff Writer"), or in the block after the title that the date heads:
    the blocks with both parts of the byline as one, under the title, and the byline they make."""
    at, dated, _ = found
    for names_at in (at + 1, at + 2):
        if names_at >= len(blocks) or len(blocks[names_at]) > 3:
            break
        if names_at == at + 2 and not (is_headline_like(blocks[at + 1]) and not is_comment_heading(blocks[at + 1][0].text)):
            break  # only a title may stand between the date and the names
        names = _byline_lines(blocks[names_at], after_title=names_at == at + 2)
        if names is not None and any(p.authors or p.unnamed for p in names) and not any(p.date for p in names):
            joined = blocks[at] + blocks[names_at]
            byline = _merge_bylines([dated, *names])
            if names_at == at + 1:
                return [*blocks[:at], joined, *blocks[at + 2 :]], (at, byline, [line.no for line in joined])
            return [*blocks[:at], blocks[at + 1], joined, *blocks[at + 3 :]], (at + 1, byline, [line.no for line in joined])
    return blocks, found


def _names_over_date(
    blocks: list[list[Line]], found: tuple[int, Byline, list[int]], removed: set[int]
) -> tuple[list[list[Line]], tuple[int, Byline, list[int]]]:
    """The writer's name as a block of its own between the title and a date line (Medium: "Jane Doe" / "Follow" /
    "Feb 11, 2011 · 4 min read", the button line set aside): both as one byline block under the title.

    Only with the signs of that layout, a button line set aside under the name or a reading time by the date:
    a title-case title over a date ("Section" / "Nokia Bets Big" / "February 11, 2011") is no name."""
    at, dated, _ = found
    if at < 2 or len(blocks[at - 1]) != 1 or not is_headline_like(blocks[at - 2]):
        return blocks, found
    if blocks[at - 1][0].no + 1 not in removed and not any(READING_TIME.search(line.text) for line in blocks[at]):
        return blocks, found
    names = names_line(blocks[at - 1][0].text)
    if not names:
        return blocks, found
    joined = blocks[at - 1] + blocks[at]
    byline = _merge_bylines([Byline(names, None, None), dated])
    return [*blocks[: at - 1], joined, *blocks[at + 1 :]], (at - 1, byline, [line.no for line in joined])


def _organisation_line(text: str) -> Byline | None:
    """An outlet's name under the writers' names: "Associated Press", "Of DOW JONES NEWSWIRES", "For The Guardian"."""
    text = re.sub(r"^(?:of|for)\s+(?=[A-Z])", "", text.strip(), flags=re.I)
    return Byline((), None, None, cased(text)) if len(text.split()) <= 4 and is_name(text) else None


_NAMES_IN_PLACE = re.compile(r"(?P<names>.{3,60}?)\s+in\s+[A-Z][\w.'’ -]{1,30}")


def _names_byline(text: str) -> Byline | None:
    """The writers' names on a line of their own, perhaps with what they are: "Charles Arthur, technology editor"."""
    names = names_line(text)
    if names is None and "," in text:
        head, _, role = text.rpartition(",")
        names = names_line(head) if role_line(role) is not None else None
    if names is None and (placed := _NAMES_IN_PLACE.fullmatch(text.strip())):
        names = names_line(placed.group("names"))  # "Jane Doe in London"
    return Byline(names, None, None) if names else None


_SIGNED = re.compile(r"(?:posted|written|published|filed)\s+by\b", re.I)


def _signature(block: list[Line]) -> Byline | None:
    """The byline a post signs at its foot ("Posted by Timo at 9:15 AM"), when ``block`` is one."""
    if len(block) != 1 or not _SIGNED.match(block[0].text):
        return None
    signed = parse_byline(block[0].text)
    return signed if signed is not None and signed.authors else None


_DASHES = frozenset("—–-")


def _foot_byline(block: list[Line]) -> Byline | None:
    """The byline of a post signed under its text, when ``block`` is one: "Posted by Timo at 9:15 AM", a few lines
    of byline ("Posted: <date>" / "Author: X"), or the writer's name after a dash ("— Jane Doe")."""
    signed = _signature(block)
    if signed is not None:
        return signed
    if len(block) == 1 and block[0].mark in _DASHES and (names := names_line(block[0].content)):
        return Byline(names, None, None)
    parsed = _byline_lines(block, after_title=False) if len(block) <= 3 else None
    return _merge_bylines(parsed) if parsed is not None else None


def _at_time(date: PubDate | None, time: str | None) -> PubDate | None:
    """A day's date at the time of day a byline gives apart from it."""
    if date is None or time is None or date.precision is not Precision.DAY:
        return date
    return interpret(f"{date.text} {time}") or date


def _merge_bylines(parsed: list[Byline]) -> Byline:
    """A byline spread over lines ("By X" then "February 11, 2011") as one; a time of day on one line
    ("Posted by X @ 4:02 am") completes a day's date on another."""
    time = next((p.time for p in parsed if p.time), None)
    return Byline(
        authors=tuple(a for p in parsed for a in p.authors),
        date=_at_time(next((p.date for p in parsed if p.date), None), time),
        time=time,
        comments_claimed=next((p.comments_claimed for p in parsed if p.comments_claimed is not None), None),
        organisation=next((p.organisation for p in parsed if p.organisation), None),
        unnamed=any(p.unnamed for p in parsed),
    )


def _title_index(blocks: list[list[Line]], byline_at: int | None) -> int | None:
    if byline_at is not None:
        near = [j for j in range(byline_at - 1, max(-1, byline_at - 3), -1) if is_headline_like(blocks[j])]
        if len(near) == 2 and near == [byline_at - 1, byline_at - 2] and _standfirst_after(blocks[near[1]], blocks[near[0]]):
            return near[1]  # a title, then a standfirst, then the byline
        if len(near) == 2 and len(blocks[near[0]][0].text.split()) == 1 and len(blocks[near[1]][0].text.split()) >= 3:
            return near[1]  # a title, then its section's label ("News"), then the byline
        if near:
            return near[0]
        if byline_at > 0 and _title_with_stop(blocks[byline_at - 1]):
            return byline_at - 1  # "Nokia and Microsoft announce partnership." over the byline
        # a date over the title, as blogs head their posts: "Monday, February 14, 2011" / "Why I am not buying"
        after = byline_at + 1
        if after + 1 < len(blocks) and is_headline_like(blocks[after]) and not is_comment_heading(blocks[after][0].text) and _is_content(blocks[after + 1]):
            return after
        return None
    first_content = next((i for i, block in enumerate(blocks) if _is_content(block)), None)
    if first_content is None:
        return None
    run = []
    for j in range(first_content - 1, -1, -1):
        if not is_headline_like(blocks[j]) or is_comment_heading(blocks[j][0].text):
            break
        run.insert(0, j)
    if not run:
        # a few short lines that read as nothing known between the title and the text (a byline of a layout
        # not read): the nearest title over them, so that it is not set aside with them as page header
        for j in range(first_content - 2, max(-1, first_content - 5), -1):
            if any(len(b) > 3 for b in blocks[j + 1 : first_content]):
                break
            if is_headline_like(blocks[j]) and not is_comment_heading(blocks[j][0].text):
                return j
    return run[-2] if len(run) >= 2 else (run[0] if run else None)


def _title_over_standfirst(blocks: list[list[Line]], byline_at: int) -> tuple[list[list[Line]], int]:
    """The blocks, with a title and its standfirst on the two lines of one block right over the byline split in
    two ("Nokia and Microsoft announce alliance" / "Elop says the deal creates a 'third ecosystem'"), and where
    the byline is then. Only in a capture that is not hard-wrapped, and only when the second line is the longer."""
    above = byline_at - 1
    if above < 0 or len(blocks[above]) != 2:
        return blocks, byline_at
    title, standfirst = blocks[above]
    if not (is_headline_like([title]) and is_headline_like([standfirst]) and _standfirst_after([title], [standfirst])):
        return blocks, byline_at
    return [*blocks[:above], [title], [standfirst], *blocks[above + 1 :]], byline_at + 1


def _title_off_caption(blocks: list[list[Line]], byline_at: int) -> list[list[Line]]:
    """The blocks, with a title that a date heads split from the lines it runs into ("11 February 2011" /
    "Nokia and Microsoft form partnership" / "Stephen Elop and Steve Ballmer" / a caption), when no title stands
    over the date. Only in a capture that is not hard-wrapped, where a short line over others is no wrapped prose."""
    after = byline_at + 1
    if after >= len(blocks) or len(blocks[after]) < 2 or any(is_headline_like(blocks[j]) for j in range(max(0, byline_at - 2), byline_at)):
        return blocks
    block = blocks[after]
    if not is_headline_like(block[:1]) or is_comment_heading(block[0].text) or is_sentence_like(block[0].text) or not _is_content(block[1:]):
        return blocks
    return [*blocks[:after], block[:1], block[1:], *blocks[after + 1 :]]


#: The site a link aggregator names after a story's title: "Nokia and Microsoft form a partnership (nokia.com)".
_SOURCE_DOMAIN = re.compile(r"\s+\((?:[\w-]+\.)+[a-z]{2,}\)$")


#: What parts a page's title from its site's name and section: "|", "«", "»", "::", "·", "›".
_SITE_BAR = re.compile(r"\s+(?:\||«|»|::|·|›)\s+")


def _without_site_name(title: str) -> str:
    """A title without the site's name that a page's title bar adds after a bar ("Elop explains the choice | Tech
    Daily", "… | Technology | The Guardian", "… « Tech Blog", "… :: Tech Daily") or before it when it names an
    outlet ("Tech Daily | Elop explains the choice"), or after a dash when it names an outlet ("Nokia picks Windows
    Phone - The Verge", "… – BBC News"), or that a link aggregator adds in brackets ("… (nokia.com)")."""
    title = _SOURCE_DOMAIN.sub("", title)
    parts = _SITE_BAR.split(title)
    if len(parts) >= 2 and len(parts[0].split()) >= 3 and all(len(part.split()) <= 5 for part in parts[1:]):
        return parts[0].strip()
    if len(parts) == 2 and len(parts[1].split()) >= 3 and len(parts[0].split()) <= 4 and is_outlet(parts[0], after_writer=True):
        return parts[1].strip()
    dashed = re.fullmatch(r"(?P<head>.+?)\s+[-–—]\s+(?P<site>[^-–—]+)", title)
    if dashed and len(dashed.group("head").split()) >= 3 and is_outlet(dashed.group("site").strip(), after_writer=True):
        return dashed.group("head").strip()
    return title


def _standfirst_after(title: list[Line], below: list[Line]) -> bool:
    """Whether ``below`` reads as the standfirst of ``title``: a longer line under a title of a few words
    (not a section label such as "Technology", which stands above a title)."""
    return len(title[0].text.split()) >= 4 and len(below[0].text.split()) > len(title[0].text.split())


def _lines_as_paragraphs(blocks: list[list[Line]], width: int | None) -> list[list[Line]]:
    """The blocks of a capture that parts its paragraphs with single line breaks, not blank lines (text copied so
    from some pages and editors), with each paragraph a block of its own, and the short lines between them (a
    title and its byline, a comment's header) in blocks of their own. A block with fewer than three lines of
    prose is left as it is; so is a capture hard-wrapped at ``width``, whose lines are no paragraphs."""
    if width is not None:
        return blocks
    out: list[list[Line]] = []
    for block in blocks:
        if len(block) < 3:
            out.append(block)
            continue
        prose = [not line.mark and len(line.text) >= 60 and ends_sentence(line.text) and is_sentence_like(line.text) for line in block]
        if sum(prose) < 3:
            out.append(block)
            continue
        run: list[Line] = []
        for line, paragraph in zip(block, prose):
            if paragraph or (run and line.mark and not run[-1].mark):
                out.extend([run] if run else [])
                run = []
            if paragraph:
                out.append([line])
            else:
                run.append(line)
        out.extend([run] if run else [])
    return out


def _without_signature(blocks: list[list[Line]], parts: _Parts) -> list[list[Line]]:
    """A message's blocks without the signature under its "-- " line (set aside, as the line is): a few short lines."""
    dashes = {r.line for r in parts.removed if r.text.strip() == "--"}
    lines = [line for block in blocks for line in block]
    start = next((line.no for line in reversed(lines) if line.no - 1 in dashes), None)
    if start is None:
        return blocks
    signed = [line for line in lines if line.no >= start]
    if len(signed) > 6 or any(len(line.text) > 80 for line in signed):
        return blocks
    parts.remove(signed, "signature of the message")
    return [kept for block in blocks if (kept := [line for line in block if line.no < start])]


def _split_heads(blocks: list[list[Line]]) -> list[list[Line]]:
    """The blocks, with a title that runs straight into its byline lines (no blank line between) split from them,
    and from a standfirst between them ("Nokia bets the farm" / "Microsoft and Nokia form an alliance." / "by X - date")."""
    for i, block in enumerate(blocks[:8]):
        if i == 0 and field_header(block) is not None:
            break  # a message's header, or "Title:" / "Author:" fields: its lines are read as one
        if (head := _head_lines(block)) is not None:
            return [*blocks[:i], *head, *blocks[i + 1 :]]
        if len(block) >= 3 and _dates_title(block):
            return [*blocks[:i], block[:1], block[1:], *blocks[i + 1 :]]  # the title is split from its text later (_title_off_caption)
        if 2 <= len(block) <= 5 and is_headline_like(block[:1]) and parse_byline(block[0].text) is None:
            if i > 0 and is_headline_like(blocks[i - 1]) and _byline_lines(block, after_title=True) is not None:
                break  # a byline whose names stand over its date, under the title
            if names_line(block[0].text) is None and _names_byline(block[0].text) is not None:
                break  # the names with what or where the writer is over the date: "Jane Doe in London", no title
            if len(block) <= 4 and _byline_lines(block[1:], after_title=True) is not None:
                return [*blocks[:i], block[:1], block[1:], *blocks[i + 1 :]]
            if len(block) >= 3 and _standfirst_line(block[0], block[1]) and _byline_lines(block[2:], after_title=True) is not None:
                return [*blocks[:i], block[:1], block[1:2], block[2:], *blocks[i + 1 :]]
            if len(block) == 2 and names_line(block[1].text) and i + 1 < len(blocks) and _dated_alone(blocks[i + 1]):
                return [*blocks[:i], block[:1], block[1:], *blocks[i + 1 :]]  # the title over the name, the date under both (Medium)
        if _is_content(block):
            break
    return blocks


#: Where a sentence stops: its mark, then the next one's capital or the line's end.
_SENTENCE_STOP = re.compile(r"[.!?][\"”’')\]]*(?:\s+(?=[A-Z\"“‘])|$)")


def _head_lines(block: list[Line]) -> list[list[Line]] | None:
    """A page's head copied with no blank line between its parts (a section label, the title, the byline, the
    date, a "Follow" button), split into one block for each part and one for the byline's lines together;
    None for any other block. Each line is short and no prose, and a line under the first reads as a byline."""
    if not 3 <= len(block) <= 8 or any(len(line.text.split()) > 20 for line in block) or forum_post_header(block) is not None:
        return None  # a forum post's header is read whole
    parsed = [parse_byline(line.text) for line in block]
    bylines = [p is not None or _is_byline_part(line.text) for p, line in zip(parsed, block)]
    if any(is_sentence_like(line.text) and not byline for line, byline in zip(block, bylines)):
        return None  # prose ("11 February 2011 Last updated at 10:45 GMT" is a date, and no prose)
    if not any(parsed[1:]) or all(bylines) or _byline_lines(block, after_title=True) is not None:
        return None  # no byline, or date, in it (names alone may be a menu's items), or a byline whose every line is one
    parts: list[list[Line]] = []
    for n, (line, byline) in enumerate(zip(block, bylines)):
        if byline and n and bylines[n - 1]:
            parts[-1].append(line)  # the names over the date: one byline
        else:
            parts.append([line])
    return parts


def _is_byline_part(text: str) -> bool:
    """A line of a byline that is no byline by itself: the names alone, a handle, or what the writer is ("Staff Writer")."""
    return is_contact(text) or names_line(text) is not None or role_line(text) is not None


def _title_with_stop(block: list[Line]) -> bool:
    """A title that ends with a full stop: one line of one sentence of a few words, capitalised."""
    text = block[0].text if len(block) == 1 else ""
    return 2 <= len(text.split()) <= 15 and text.endswith(".") and text[:1].isupper() and len(_SENTENCE_STOP.findall(text)) == 1 and not block[0].mark


def _dated_alone(block: list[Line]) -> bool:
    """A block of one line that gives a date and no writer."""
    byline = parse_byline(block[0].text) if len(block) == 1 else None
    return byline is not None and byline.date is not None and not byline.authors


def _dates_title(block: list[Line]) -> bool:
    """A block that a date line heads, then a title, then the text (Blogger, with no blank lines): "Friday,
    February 11, 2011" / "Nokia goes Microsoft" / "I never thought I'd see the day. …"."""
    return _dated_alone(block[:1]) and is_headline_like(block[1:2]) and not is_sentence_like(block[1].text)


def _standfirst_line(title: Line, line: Line) -> bool:
    """A standfirst under a title in one block: a single sentence of no more than 40 words, longer than the title."""
    words = len(line.text.split())
    return words <= 40 and _standfirst_after([title], [line]) and parse_byline(line.text) is None and len(_SENTENCE_STOP.findall(line.text)) <= 1


def infer_title(body: tuple[Block, ...], limit: int = 90) -> str | None:
    """A title from the first sentence of the first paragraph, cut at a word boundary."""
    paragraph = next((b.text for b in body if b.kind is BlockKind.PARAGRAPH), None)
    if not paragraph:
        return None
    dateline = dateline_of(paragraph)
    if dateline:
        paragraph = re.sub(r"^.*?[–—-]{1,2}\s+", "", paragraph, count=1)
    sentence = re.split(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"])", paragraph.replace("\n", " "), maxsplit=1)[0].strip()
    sentence = sentence.rstrip(".")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:–—- ")
    return cut + "…"


# Long: one walk over the blocks under the head, a small state machine (body, references, comments, tail)
# whose states share the walk's position.
def _walk_body(blocks: list[list[Line]], start: int, parts: _Parts, common: frozenset[str]) -> None:
    """Body, references, comments and tail, from block ``start`` to the end."""
    zone = "body"
    i = start
    while i < len(blocks):
        block = blocks[i]
        first = block[0]
        following = block[1] if len(block) > 1 else (blocks[i + 1][0] if i + 1 < len(blocks) else None)
        if is_comment_heading(first.text) and zone != "comments":
            zone = "comments"
            claim = heading_claim(first.text)
            parts.claimed = claim if claim is not None else parts.claimed
            parts.metadata.append(first.no)
            rest = block[1:]
            while rest and is_comment_heading(rest[0].text):  # "Comments" / "Reader Comments (Page 1 of 3)": one heading
                claim = heading_claim(rest[0].text)
                parts.claimed = claim if claim is not None else parts.claimed
                parts.metadata.append(rest.pop(0).no)
            parts.comment_lines.extend(rest)
        elif zone == "comments":
            if _WIDGET.fullmatch(first.text) or furniture_reason(first.text) == "footer":
                zone = "tail"
                continue
            if len(block) == 1 and (claim := heading_claim(first.text)) is not None:
                parts.claimed = claim  # "Reader Comments (Page 1 of 2)" / "103 Comments": a second heading, with the count
                parts.metadata.append(first.no)
            else:
                parts.comment_lines.extend(block)
        elif is_reference_heading(first.text) and (
            len(block) > 1 or (i + 1 < len(blocks) and all(is_title_line(l) and not is_comment_heading(l.text) for l in blocks[i + 1]))
        ):
            items = block[1:] or blocks[i + 1]
            if not block[1:]:
                i += 1
            parts.references.extend(strip_heading_line(references_from(first.text, items), first.no))
        elif len(block) == 1 and is_reference_heading(first.text) and (i + 1 == len(blocks) or is_comment_heading(blocks[i + 1][0].text)):
            parts.remove(block, "heading of a list of links the capture lost")
        elif len(block) == 1 and (inline := inline_reference(first.text)):
            parts.references.append(Reference(inline[1], inline[0], (first.no,)))
        elif (header := comment_header(first, following)) and _opens_comments(blocks, i, header) and not _signs_post(blocks, i, zone):
            zone = "comments"
            parts.comment_lines.extend(block)
        elif zone == "body" and (_titled_comment(block) or forum_post_header(block) is not None):
            zone = "comments"  # "Re:Symbian is dead (Score:5)" / "by jdoe (123456) on Friday February 11, 2011 @08:01AM (#35180100)"
            parts.comment_lines.extend(block)
        elif zone == "body" and _WIDGET.fullmatch(first.text) and not any(_is_content(b) for b in parts.body):
            # a sidebar's heading over the article's text ("Tags", "About the author" under the picture's caption): the
            # article cannot end before any of its prose
            parts.remove(block, WIDGET_OVER_TEXT)
        elif zone == "tail" or _WIDGET.fullmatch(first.text) or (zone == "body" and furniture_reason(first.text) == "footer"):
            zone = "tail"
            parts.remove(block, "after the article (sidebar or footer)")
        elif all(normalise(line.text) in common for line in block):
            parts.remove(block, "repeated across captures of this site")
        else:
            parts.body.append(block)
        i += 1


_TITLED_HEADER = re.compile(r"^(?:post(?:ed)? )?by\s|\s[|»]\s", re.I)


def _titled_comment(block: list[Line]) -> bool:
    """A comment with no section heading over it, that opens with its title over a dated header that names the
    commenter with "by" or a bar (Slashdot, ZDNet, phpBB's replies): "Burning platform (Score:4)" / "by msmith (98765)
    on <date>", "Re: Nokia goes Windows Phone" / "Post by symbianfan » <date>"."""
    if len(block) < 2 or not is_comment_title(block[0].text) or not _TITLED_HEADER.search(block[1].text):
        return False
    header = comment_header(block[1], block[2] if len(block) > 2 else None)
    return header is not None and header.date is not None and comment_header(block[0], block[1]) is None


def _signs_post(blocks: list[list[Line]], at: int, zone: str) -> bool:
    """Whether block ``at`` of the body signs the post above it ("Posted by: Tomi | date"), as the last block
    before the comment heading or the end; not a comment of its own."""
    following = blocks[at + 1][0].text if at + 1 < len(blocks) else None
    return zone == "body" and _signature(blocks[at]) is not None and (following is None or is_comment_heading(following))


#: How many of the blocks after one that opens with "Name said," must open so too, among how many, for it to be a
#: comment section (a run of them is commenters, one is a quotation in the article).
PROSE_HEADERS_RUN = 2
PROSE_HEADERS_AHEAD = 6


def _opens_comments(blocks: list[list[Line]], at: int, header) -> bool:
    """A comment header with no section heading: it, or one of the next few, carries indented text."""
    if header.prose:
        # "Elop said:" over an indented quotation; but blocks that each open with "Greta said," are comments
        opened = [b for b in blocks[at + 1 : at + 1 + PROSE_HEADERS_AHEAD] if (h := comment_header(b[0], b[1] if len(b) > 1 else None)) is not None and h.prose]
        return len(opened) >= PROSE_HEADERS_RUN
    if header.strong:
        return True
    lines = [line for block in blocks[at : at + 6] for line in block]
    for k, line in enumerate(lines):
        following = lines[k + 1] if k + 1 < len(lines) else None
        found = comment_header(line, following)
        if found and not found.prose and confirmed(found, line, following):
            return True
    return False


def parse_capture(text: str, *, common: frozenset[str] = frozenset(), model: Zoner | None = None) -> Article:
    """Parse one capture's cleaned text. ``common`` holds lines repeated across the batch; ``model`` is the zoning
    model for a page's dump, the package's unless another is given (while one is fitted)."""
    article, _ = _parse(text, common, zoning=True, model=model)
    assert article is not None  # read to its end, zoning on
    return article


# Long: the capture's zones are read in order (furniture, the head's fields, title and byline, what stands
# under them, the body, the comments, then the fallbacks and warnings), each deciding on what the ones before
# found; its steps share a dozen findings that a split would hand back and forth.
def _parse(text: str, common: frozenset[str], *, zoning: bool, model: Zoner | None = None,
           screened: dict[int, str | None] | None = None) -> tuple[Article | None, _Parts]:
    """The capture's article, and what its zones collected (the lines its grammars read as the comment section among
    them). A whole page's dump is zoned by the fitted model first (``zoning``), unless it is off: the package's, or
    ``model`` (while one is fitted). Zoning off, the grammars' reading stops once it has found the comment section
    and the lists of links (``grammar_reading``), and gives no article. ``screened``: each line's furniture reason
    (``_screened``), if worked out already."""
    front = front_matter(text)  # read before Markdown is, whose marks its YAML may hold
    if looks_like_markdown(text):
        text = plain_markdown(text)
    all_lines = split_lines(strip_link_markers(text))
    width = wrap_width(all_lines)
    parts = _Parts()
    warnings: list[str] = []
    if front is not None:
        parts.metadata.extend(front[0].lines)
        warnings.extend(front[1])
        all_lines = [line for line in all_lines if line.no > front[0].lines[-1]]
    kept = []
    prose = False
    screened = _screened(all_lines) if screened is None else screened
    for line in all_lines:
        reason = screened[line.no]
        prose = prose or is_sentence_like(line.text)
        if reason is None and not prose and _ADDRESS.fullmatch(line.text):
            reason = "web address of the page"  # over the article: where it was captured from (in the text, a link)
        if reason is None and kept and kept[-1].no == line.no - 1 and kept[-1].text == line.text and len(line.text) <= 60 and not prose:
            reason = "the line above again"  # the head's "Jane Doe" / "Jane Doe": a picture's name, then the name
        if reason:
            parts.removed.append(Removed(line.no, line.text, reason))
        else:
            kept.append(line)
    model = (model or zoner()) if front is None and zoning else None
    zoned = _zoned(all_lines, width, lambda: grammar_reading(text, common, screened), model) if model is not None else None
    if zoned is not None:
        parts.remove([line for line in kept if line.no in zoned.furniture], "page furniture (zoning model)")
        kept = [line for line in kept if line.no in zoned.article]
    blocks = _split_heads(_lines_as_paragraphs(_apart_at_comment_headings(blocks_of(kept)), width))

    # the capture's own fields: a front matter, a message's header or "Title:" / "Author:" / "Date:" lines
    head = front[0] if front is not None and front[0].title else None
    if head is None and blocks and (head := field_header(blocks[0])) is not None:
        parts.metadata.extend(head.lines)
        blocks = blocks[1:]
        if head.message:
            blocks = _without_signature(blocks, parts)
    found = _find_byline(blocks) if head is None else None
    if found is not None and found[1].date is not None and not found[1].authors:
        # a date line with the names apart from it: in a block under it (or under the title it heads), or over it
        blocks, found = _names_after_date(blocks, found)
        if not found[1].authors:
            blocks, found = _names_over_date(blocks, found, {r.line for r in parts.removed})
    byline_at = found[0] if found else None
    if found is not None:
        byline = found[1]
    elif head is not None:
        byline = head.byline
    else:  # a front matter without a title may still name the writer and the date
        byline = front[0].byline if front is not None else Byline((), None, None)
    if byline_at is not None and width is None:
        blocks = _title_off_caption(blocks, byline_at)
        blocks, byline_at = _title_over_standfirst(blocks, byline_at)
    title_at = _title_index(blocks, byline_at) if head is None else None
    head_end = max(i for i in (title_at, byline_at, -1) if i is not None)
    if title_at is None and byline_at is None and head is None:
        head_end = next((i for i, b in enumerate(blocks) if _is_content(b)), len(blocks)) - 1
    title = _without_site_name(blocks[title_at][0].text) if title_at is not None else (head.title if head else None)
    if zoned is not None and zoned.title is not None and (title_at is None or not _heads_agree(blocks[title_at][0], zoned)):
        title = _unwrapped(zoned.title, all_lines, width or wrap_width(all_lines, dump=True))  # the ranker's title over the grammars' guess in a page's dump
    elif zoned is not None and title_at is not None:
        title = _without_site_name(_unwrapped(blocks[title_at][0], all_lines, width or wrap_width(all_lines, dump=True)))
    subtitle = None
    date = byline.date
    if date is None and found is not None:
        # the byline's lines, read for a day in a form its grammars do not take ("Ana Ruiz · 17. 3. 2021")
        said = {line.no: line.text for block in blocks for line in block}
        date = next((d for no in found[2] if (d := _loose_day(said.get(no, ""))) is not None), None)
    if title is not None and (dated := dated_title(title)) is not None:
        title, date = dated[0], date or dated[1]  # "Feb 11, 2011 — Nokia and Microsoft announce partnership"
    for i in range(head_end + 1):
        if i == title_at:
            parts.metadata.append(blocks[i][0].no)
        elif i == byline_at:
            parts.metadata.extend(found[2])  # type: ignore[index]
        elif title_at is not None and i > title_at and subtitle is None and len(blocks[i]) == 1 and " " in blocks[i][0].text.strip():  # not a label ("News")
            subtitle = blocks[i][0].text
            parts.metadata.append(blocks[i][0].no)
        else:
            parts.remove(blocks[i], "page header (before the article)")

    start = head_end + 1
    # a caption or standfirst, or a date line, right under the title and byline
    while start < len(blocks) and len(blocks[start]) == 1:
        line = blocks[start][0]
        dated = parse_byline(line.text) if date is None else None
        if dated and dated.date and not dated.authors:
            date = _at_time(dated.date, byline.time)
        elif subtitle is None and (title_at is not None or byline_at is not None) and is_headline_like(blocks[start]) \
                and start + 1 < len(blocks) and _is_content(blocks[start + 1]) and not is_comment_heading(line.text) \
                and len(_SENTENCE_STOP.findall(line.text)) <= 1:  # "So Nokia went with it. What do you think?" is text
            subtitle = line.text
        else:
            break
        parts.metadata.append(line.no)
        start += 1

    _walk_body(blocks, start, parts, common)
    if not zoning:
        return None, parts  # the comment section and the lists of links stand: all the grammars' reading is asked for
    # the byline under the text, or under all but its last paragraph (a note, an update)
    foot, signed = next(((k, found) for k in (-1, -2) if len(parts.body) >= -k and (found := _foot_byline(parts.body[k]))), (-1, None))
    if signed is not None and (
        (signed.authors and not byline.authors) or (signed.date and date is None) or (signed.authors and signed.authors == byline.authors)
    ):
        # the post signed at its foot, with no byline at the top or to say what it did not: "Posted by Timo at 9:15 AM"
        # (Blogger), "Posted: February 11, 2011" / "Author: Jane Doe", "— Jane Doe"
        byline = replace(byline, authors=byline.authors or signed.authors)
        date = _at_time(date, signed.time) if signed.date is None else (date or signed.date)
        parts.metadata.extend(line.no for line in parts.body.pop(foot))
    base = base_indent(parts.body)
    body: list[Block] = []
    for k, block in enumerate(parts.body):
        between = 0 < k < len(parts.body) - 1
        body.extend(to_blocks(block, base, width, between_prose=between))
    # in a page's dump, a comment section is one only where the comment model finds a reader comment in it
    judge = Judge(partial(model.comment_probabilities, roles=zoned.roles), model.comment_threshold) if zoned is not None and model is not None and not zoned.light else None
    comments, comment_removed = parse_comments(parts.comment_lines, width, byline.authors, judge)
    swallowed = _text_in_comments(parts.comment_lines, zoned, all_lines) \
        if zoned is not None and comments and sum(len(b.text.split()) for b in body) < TEXT_LEAST_WORDS else []
    head, header = _header_lines(swallowed)
    rest = swallowed[len(head) :]
    if zoned is not None and swallowed and (not any(is_sentence_like(b.text) for b in body) or _mostly_text(rest, zoned)):
        # reader comments, and no text of the article's over them (no sentence, or a few words where the model
        # reads the section mostly as text): the grammars opened the comment section over the article's text (its
        # byline read as a commenter's header). The section starts under the text the model reads, which goes back
        # to the body, and the header is the byline.
        if header is not None:
            byline = replace(byline, authors=byline.authors or (header.author,))
            date = date or header.date
            parts.metadata.extend(line.no for line in head)
        body.extend(_text_back(rest, zoned, base, width, "over the article's text (zoning model)", parts.removed))
        parts.comment_lines = parts.comment_lines[len(swallowed) :]
        comments, comment_removed = parse_comments(parts.comment_lines, width, byline.authors, judge)
    elif zoned is not None and comments and (inside := _text_run_from(parts.comment_lines, zoned, all_lines)) and _mostly_text(inside, zoned):
        # the section opens inside the article's text, at a line the model reads as text (a quoted post's signature,
        # "— Jane Doe (@janedoe) November 1, 2019", read as a commenter's header): the text runs on into it, and
        # goes back to the body; the section starts under it
        body.extend(_text_back(inside, zoned, base, width, "inside the article's text (zoning model)", parts.removed))
        parts.comment_lines = parts.comment_lines[len(inside) :]
        comments, comment_removed = parse_comments(parts.comment_lines, width, byline.authors, judge)
    if zoned is not None and (unsaid := {r.line for r in comment_removed if r.reason == NO_READER_COMMENTS}):
        # no reader comments after all: what the model reads as the article's text goes back to it (a section the
        # grammars opened over the text), the rest stays set aside
        moved = [line for line in parts.comment_lines if line.no in unsaid and line.no in zoned.body]
        comment_removed = [r for r in comment_removed if r.line not in {line.no for line in moved}]
        for block in blocks_of(moved):
            body.extend(to_blocks(block, base, width, between_prose=False))
    if zoned is not None and comments and (leading := _text_threads(comments, zoned, _words_of(body))):
        # the section's first threads, which the model reads as the article's text and which hold more of it than
        # the body over them: the section opened inside the text, at a line the grammars took for a commenter's
        # header (a quoted post's signature, a picture's credit, a byline with its comments' count); the text
        # goes back to the body
        back = {no for comment in comments[:leading] for reply in comment.thread() for no in reply.lines}
        body.extend(_text_back([line for line in all_lines if line.no in back], zoned, base, width, TEXT_AS_COMMENT, parts.removed))
        comments = comments[leading:]
    if date is not None and date.value is not None:
        date = _read_as_comments(date, comments, [block.text for block in body])
        comments = tuple(_read_after(c, date) for c in comments)
    parts.removed.extend(comment_removed)

    if zoned is not None and not zoned.light:
        body, trailing = _without_trailing_labels(body)
        labels = {no for block in trailing for no in block.lines}
        parts.removed.extend(Removed(line.no, line.text, TRAILING_LABEL) for line in all_lines if line.no in labels)
    if zoned is not None and (told := _zoned_byline(zoned)) is not None:
        byline = replace(byline, authors=told.authors or byline.authors)
        date = date or _in_page_order(told.date, body)
    if not byline.authors and (credit := _credit(body)):
        byline = replace(byline, authors=credit)  # no byline over the story; its credit line at the foot
    title_inferred = title is None
    if title is None:
        title = infer_title(tuple(body)) or "Untitled capture"
        warnings.append(f"no title line: title inferred from the text ({title!r})")
    ranked = zoned.writers if zoned is not None and model is not None else None
    ranked = ranked if ranked is not None and ranked[1] >= model.byline_threshold else None  # type: ignore[union-attr]
    if ranked is not None and (not zoned.light or ranked[1] >= LIGHT_RANKER_LEAST):  # type: ignore[union-attr]
        byline = replace(byline, authors=ranked[0])  # in a page's dump, the byline the ranker finds likeliest
    elif not byline.authors and (shown := _first_shown_byline(all_lines, title)) is not None:
        byline = replace(byline, authors=shown[0])
        warnings.append(f"no byline over the article: its writers taken from the first byline the capture shows ({shown[1]!r})")
    elif not byline.authors and ranked is not None:
        byline = replace(byline, authors=ranked[0])  # a page with little furniture: the ranker's, where nothing else names one
    if (own := _writers_own(comments, byline.authors)) is not None:
        # the one "comment", signed by the article's own writer: the post's own text or foot, which the comment
        # grammars read under its signature; the text goes back to the body where the body holds less
        comments = ()
        own_lines = set(own.lines)
        signed = [line for line in all_lines if line.no in own_lines]
        parts.metadata.extend(line.no for line in signed[:1])
        date = date or _in_page_order(own.date, body)
        if sum(len(b.text.split()) for b in body) < sum(len(p.split()) for p in own.paragraphs):
            for block in blocks_of(signed[1:]):
                body.extend(to_blocks(block, base, width, between_prose=False))
        else:
            parts.removed.extend(Removed(line.no, line.text, WRITERS_FOOT) for line in signed[1:])
    if not byline.authors:
        warnings.append(f"the byline names no writer{', only ' + byline.organisation if byline.organisation else ''}: author unknown" if byline.unnamed else "no byline: author unknown")
    if date is not None and (why := implausible(date)):
        warnings.append(dropped_warning(date, why))
        date = None
    dateline = next((dateline_of(b.text) for b in body[:1] if b.kind is BlockKind.PARAGRAPH), None)
    if date is None and dateline:
        # a press release dates its dateline: "ESPOO, Finland – February 11, 2011 – Nokia and Microsoft today …"
        told = find_date(body[0].text[len(dateline) :].lstrip(" –—-")[:60])
        date = _in_page_order(told[0], body) if told is not None and told[1][0] == 0 and not implausible(told[0]) else None
    date_source = "capture text" if date is not None else None
    if date is None and (date := _in_page_order(_first_shown_date(all_lines), body)) is not None:
        date_source = "first date in the capture"
        warnings.append(f"no dated byline: dated by the first date the capture shows ({date.text!r})")
    if date is None:
        warnings.append("no publication date in the capture: left undated")
    organisation = byline.organisation or (agency_of(dateline) if dateline else None)
    captured = sum(c.count() for c in comments)
    claimed = byline.comments_claimed if byline.comments_claimed is not None else parts.claimed
    if claimed is not None and claimed != captured:
        warnings.append(f"the page claims {claimed} comments but {captured} were captured")
    article = Article(
        title=title,
        title_inferred=title_inferred,
        subtitle=subtitle,
        authors=tuple(dict.fromkeys(writer_name(name) for name in byline.authors)),
        organisation=organisation,
        published=date or PubDate.unknown(),
        date_source=date_source,
        comments_claimed=claimed,
        dateline=dateline,
        body=tuple(body),
        comments=comments,
        references=tuple(parts.references),
        removed=tuple(sorted(parts.removed, key=lambda r: r.line)),
        warnings=tuple(warnings),
        metadata_lines=tuple(sorted(parts.metadata)),
    )
    return article, parts


def _screened(lines: list[Line]) -> dict[int, str | None]:
    """Why each line (by number) is page furniture by the furniture rules, or None: a comments' or references'
    heading never is."""
    return {line.no: None if (is_comment_heading(line.text) or is_reference_heading(line.text)) else furniture_reason(line.text) for line in lines}


#: A byline's opening word in the languages of most captures: "By", "Von", "Par", "Por", "Door", "Di", "Av", "Af",
#: "Przez".
_BY_WORD = re.compile(r"(?:by|von|par|por|door|di|av|af|przez)\s+\S", re.IGNORECASE)


def _first_shown_byline(lines: list[Line], title: str | None) -> tuple[tuple[str, ...], str] | None:
    """The writers of the first line of the capture that opens with a byline's word and reads as a byline
    ("By Jane Doe", "Von Max Muster"), with the line; for a whole page's dump whose byline is not by its title
    (on the ``fit`` split of the real pages' text dumps, the writer found 0.19 → 0.27 of the time)."""
    for line in lines:
        if len(line.text) < 120 and _BY_WORD.match(line.text) and line.text != title:
            found = parse_byline(line.text)
            if found is not None and found.authors:
                return found.authors, line.text
    return None


def _loose_day(text: str) -> PubDate | None:
    """The first date of a day in ``text`` by the loose reading (``find_date``'s), if it can be a publication date."""
    found = find_date(text, loose=True) if any(c.isdigit() for c in text) else None
    return found[0] if found is not None and found[0].precision in (Precision.DAY, Precision.MINUTE) and not implausible(found[0]) else None


def _first_shown_date(lines: list[Line]) -> PubDate | None:
    """The first date of a day that the capture shows and that can be a publication date: in a whole page's dump
    with no byline the parser knows, the page's dateline is most often the first date it shows (on the ``fit``
    split of the real pages' text dumps, right for 0.65 of the pages, where the parser found the right date for
    0.28). Its comments count too: in a dump, what reads as comments is as often the page's sidebar."""
    for line in lines:
        rest = line.text if any(c.isdigit() for c in line.text) else ""
        while rest and (found := find_date(rest, loose=True)) is not None:
            date, (_, end) = found
            if date.precision in (Precision.DAY, Precision.MINUTE) and not implausible(date):
                return date
            rest = rest[end:] if end > 0 else ""  # "1 January 0001 · 14 March 2011": the next date of the line
    return None


def _credit(body: list[Block]) -> tuple[str, ...]:
    """The writers that one of the body's last paragraphs credits ("(Reporting by Tarmo Virki; Editing by …)")."""
    for block in body[-3:]:
        names = credited(block.text) if block.kind is BlockKind.PARAGRAPH and block.text else None
        if names:
            found = [cased(n) for n in split_names(names)]
            if found and all(is_name(n) for n in found):
                return tuple(found)
    return ()


def _after(date: PubDate, published: PubDate) -> int:
    """How far ``date`` comes after ``published``, in days; a date before it, as a comment's cannot, counts far more."""
    days = (date.value.date() - published.value.date()).days  # type: ignore[union-attr]
    return days if days >= 0 else 100_000 - days


def _readings(date: PubDate) -> tuple[PubDate, ...]:
    other = swapped(date)
    return (date,) if other is None else (date, other)


def _read_as_comments(published: PubDate, comments: tuple[Comment, ...], texts: Sequence[str] = ()) -> PubDate:
    """The article's all-numeric date that reads both ways ("11/02/2011": 2 November or 11 February) read as
    its page writes dates. Day first when its time zone is one of the places' that write them so ("GMT"), or the
    article's ``texts`` are in another language than English (as every other language writes them), or a
    comment's date reads only so ("25/02/2011"), as British and most other sites write them, or that reading
    puts the comments sooner after the article; else month first, as in the US (and as dateparser reads it)."""
    other = swapped(published)
    if other is None:
        return published
    zone = zone_order(published)
    if zone is not None:
        return other if zone == "day" else published
    if likeliest_language(texts) not in (None, "en"):
        return other
    dates: list[PubDate] = []
    stack = list(comments)
    while stack:
        comment = stack.pop()
        stack.extend(comment.replies)
        if comment.date is not None and comment.date.value is not None:
            dates.append(comment.date)
    orders = {numeric_order(d) for d in dates} - {None}
    if orders:
        return other if orders == {"day"} else published

    def spread(reading: PubDate) -> int:
        return sum(min(_after(r, reading) for r in _readings(d)) for d in dates)

    return other if dates and spread(other) < spread(published) else published


def _in_page_order(date: PubDate | None, body: list[Block]) -> PubDate | None:
    """A date read from the capture's text (month first, as ``find_date`` reads "04/05/2022"), read as the article
    writes dates where its time zone or its language tells (``_read_as_comments`` with no comments), unless that
    reading cannot be a publication date (after the capture, where the other can)."""
    if date is None or date.value is None:
        return date
    ordered = _read_as_comments(date, (), [block.text for block in body])
    return date if ordered is not date and implausible(ordered) and not implausible(date) else ordered


def _read_after(comment: Comment, published: PubDate) -> Comment:
    """``comment`` and its replies, each all-numeric date that reads both ways ("11/02/11") read the way that
    puts it soonest after the article's publication, as comments follow it: before it, a reading is wrong."""
    date = comment.date
    if date is not None and date.value is not None:
        date = min(_readings(date), key=lambda d: _after(d, published))
    replies = tuple(_read_after(r, published) for r in comment.replies)
    same = date is comment.date and all(a is b for a, b in zip(replies, comment.replies))
    return comment if same else replace(comment, date=date, replies=replies)


def accounted_lines(article: Article) -> dict[str, list[int]]:
    """Where each line went: metadata, body, comments, references, removed. For checks and tests."""

    def comment_lines(comments: tuple[Comment, ...]) -> list[int]:
        return [n for c in comments for n in (*c.lines, *comment_lines(c.replies))]

    def block_lines(block: Block) -> list[int]:
        return list(block.lines)

    return {
        "metadata": list(article.metadata_lines),
        "body": [n for b in article.body for n in block_lines(b)],
        "comments": comment_lines(article.comments),
        "references": [n for r in article.references for n in r.lines],
        "removed": [r.line for r in article.removed],
    }


@dataclass(frozen=True)
class _Zoned:
    """What the zoning model makes of a whole page's dump: the lines the grammars read (the article, and any
    comment section with the text around it), the page's furniture set aside, and the head's likeliest lines."""

    article: frozenset[int]
    furniture: frozenset[int]
    title: Line | None
    bylines: tuple[Line, ...]  # the lines near the title that may be its byline, the likeliest first
    title_scores: dict[int, float]  # the title ranker's score of each candidate, by line number
    writers: tuple[tuple[str, ...], float] | None  # the byline ranker's first candidate's names, and how likely they are the writers
    #: how likely the model finds each line (by number) a comment's and the page's furniture
    roles: dict[int, tuple[float, float]] = field(default_factory=dict)
    body: frozenset[int] = frozenset()  # the lines (by number) that the model reads as the article's text
    #: a page with too little furniture to set aside, or no text the model finds (``_heads_only``): the byline
    #: ranker's writers stand only where nothing else names one or where it is sure of them (``LIGHT_RANKER_LEAST``),
    #: no comment section is judged, no label under the text is set aside
    light: bool = False


#: A page's dump whose furniture the model sets aside: at least this many lines of it furniture, and this share of
#: it; a dump with less keeps every line for the grammars, and only the model's title (``_heads_only``).
DUMP_FURNITURE_LINES = 20
DUMP_FURNITURE_SHARE = 0.25
#: A line of at most this many words that is no sentence: what a page's furniture is mostly made of.
SHORT_WORDS = 4
#: How likely the byline ranker must find its writers in a dump with little furniture for them to stand over the
#: grammars' byline (on the ``fit`` pages, writers right 0.714 -> 0.727 at 0.8 and 0.9 alike: a category's label
#: over the byline, "Accueil | Par …", read as the writer by the grammars; no writer lost).
LIGHT_RANKER_LEAST = 0.9
#: How far under the ranker's best score the grammars' title may be and still stand (fitted on the ``fit`` pages:
#: title right 0.641 at 0, 0.648 at 0.5, 0.652 at 1, 0.629 at 2).
TITLE_MARGIN = 1.0
#: How far over the body's start the head (title, byline) is looked for.
HEAD_REACH = 20
#: How many lines of something else part the article's text from lines the model reads as text further down (a
#: teaser, a sidebar's blurb), which are set aside as furniture (on the ``fit`` pages: boilerplate kept out 0.746 ->
#: 0.753, body F1 0.855 -> 0.858; at 5 lines 0.758 and 0.860, but titles under the text lost, 0.699 -> 0.691; at 20,
#: 0.748 and 0.856). Only the run's end is taken: an article's text is seldom preceded by a longer run of text.
TEXT_GAP = 10
#: How many lines over a comment section that the grammars read are theirs too (its heading, its count, a form).
COMMENT_HEAD_LINES = 5
#: How far from the title (or the body's start) the byline is looked for, and how likely a line must be one.
BYLINE_REACH = 8
BYLINE_LEAST = 0.2


@dataclass(frozen=True)
class GrammarReading:
    """What a capture's grammars alone (no zoning) read in it: the comment section's lines, and the lines of its
    lists of links (which the grammars read again in the zoned article)."""

    comments: frozenset[int]
    links: frozenset[int]


def grammar_reading(text: str, common: frozenset[str] = frozenset(), screened: dict[int, str | None] | None = None) -> GrammarReading:
    """How the grammars alone read ``text``'s comment section and lists of links (``screened``: its lines'
    furniture reasons, if worked out already)."""
    _, parts = _parse(text, common, zoning=False, screened=screened)
    linked = frozenset(n for reference in parts.references for n in reference.lines)
    return GrammarReading(frozenset(line.no for line in parts.comment_lines), linked)


def _zoned(lines: list[Line], width: int | None, grammars: Callable[[], GrammarReading], model: Zoner) -> _Zoned | None:
    """The zones of ``lines`` by the fitted ``model``, when they are a whole page's dump (its heads alone where it
    has little furniture, or where the model reads no line as text: on the ``fit`` pages, the model's title is
    right on 21 of the 33 dumps with little furniture, the grammars' on 11); None for an article's own text,
    which the parser's grammars read as they are."""
    if sum(len(line.text.split()) <= SHORT_WORDS and not is_sentence_like(line.text) for line in lines) < DUMP_FURNITURE_LINES:
        return None  # too few short lines (menus, labels, buttons) for a page's furniture: no model, no second reading
    reading = grammars()
    told = reading.comments
    zoning = model.zone(lines, width, told)
    roles = zoning.roles
    furniture = sum(role == FURNITURE for role in roles)
    body = [i for i, role in enumerate(roles) if role == BODY]
    if not body or furniture < DUMP_FURNITURE_LINES or furniture < DUMP_FURNITURE_SHARE * len(roles):
        return _heads_only(lines, zoning)
    first, last = body[0], _text_end(lines, body)
    title = zoning.title
    if title is not None and title > last:
        title = None
    # the lines between a title near the text and the text are the article's head; a title far over it is read
    # where it stands (the page's title bar, a banner), and what stands between is furniture as the model says
    start = first if title is None or title < first - TITLE_REACH else min(first, title)
    head = [i for i in range(max(0, first - HEAD_REACH), first) if roles[i] in (TITLE, BYLINE)]  # a title or dateline over the text
    start = min(head, default=start)
    # the page's furniture is set aside; its lists of links stay for the grammars to read
    article = {lines[i].no for i in range(start, last + 1) if roles[i] != FURNITURE or i == title or i < first}
    article |= {n for n in reading.links if n > lines[first].no}
    article = _whole_blocks(lines, article)
    opens = _comments_start(told, lines[first].no)
    if opens is not None:
        # a comment section the grammars read under the article's start: where it stands and what it holds is
        # theirs to say, and so is the page from a little over it (its heading, its count) to the end; what they
        # read as comments far over it is a menu's or a sidebar's, set aside as the model says
        article |= {line.no for line in lines if line.no >= opens - COMMENT_HEAD_LINES}
    furniture_lines = {line.no for line in lines} - article
    anchor = first if title is None else title
    near = [i for i in range(max(0, anchor - BYLINE_REACH), min(len(lines), max(anchor, first) + BYLINE_REACH))
            if roles[i] == BYLINE or zoning.probabilities[i, BYLINE] >= BYLINE_LEAST]
    near.sort(key=lambda i: -zoning.probabilities[i, BYLINE])
    return _as_zoned(lines, zoning, title, article, furniture_lines, tuple(lines[i] for i in near))


def _text_end(lines: list[Line], body: list[int]) -> int:
    """The index of the last line of the article's text: the end of the run of text lines (parted by more than
    ``TEXT_GAP`` lines of something else) that holds the most words. What the model reads as text far under it,
    past the page's furniture, is a teaser's or a sidebar's, not the article's."""
    return max(runs(body, TEXT_GAP), key=lambda run: sum(len(lines[i].text.split()) for i in run))[-1]


def _heads_only(lines: list[Line], zoning: Zoning) -> _Zoned:
    """A page's dump with too little furniture for the model to set aside, or no text it can find (a narrow column
    of three or four words a line reads as furniture to it): every line is left to the grammars; the
    model's title and its reading of the text stand, its writers only where nothing else names one (``light``),
    and its comment model judges no section."""
    return _as_zoned(lines, zoning, zoning.title, {line.no for line in lines}, set(), (), light=True)


def _as_zoned(lines: list[Line], zoning: Zoning, title: int | None, article: set[int], furniture: set[int], bylines: tuple[Line, ...],
              *, light: bool = False) -> _Zoned:
    """``zoning`` of ``lines`` as the parser takes it, by line number: the article's lines and the furniture's, the
    title (an index) and the likeliest byline lines, the rankers' scores, each line's comment and furniture
    probabilities, the text's lines."""
    return _Zoned(frozenset(article), frozenset(furniture), None if title is None else lines[title], bylines,
                  {lines[i].no: score for i, score in zoning.title_scores.items()}, zoning.writers,
                  {line.no: (float(zoning.probabilities[i, COMMENT]), float(zoning.probabilities[i, FURNITURE])) for i, line in enumerate(lines)},
                  frozenset(lines[i].no for i, role in enumerate(zoning.roles) if role == BODY), light)


#: Why a label or a button under the article's text is set aside.
TRAILING_LABEL = "a label or a button under the article's text"


def _without_trailing_labels(body: list[Block]) -> tuple[list[Block], list[Block]]:
    """The body without the few-word lines that end it after its last sentence ("Share this post", "More on
    this", "Back to the list"), and those lines."""
    end = len(body)
    while end > 0 and _label(body[end - 1]):
        end -= 1
    if end == len(body) or not any(is_sentence_like(b.text) for b in body[:end]):
        return body, []
    return body[:end], body[end:]


def _text_back(lines: list[Line], zoned: _Zoned, base: int, width: int | None, reason: str, removed: list[Removed]) -> list[Block]:
    """The blocks of the lines that the model reads as the article's text, taken back from a comment section; the
    other lines go to ``removed``, with ``reason``."""
    removed.extend(Removed(line.no, line.text, reason) for line in lines if line.no not in zoned.body)
    return [b for block in blocks_of([line for line in lines if line.no in zoned.body]) for b in to_blocks(block, base, width, between_prose=False)]


def _label(block: Block) -> bool:
    """A paragraph or a heading of a few words and no sentence, and no credit line: a label or a button."""
    return block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and len(block.text.split()) <= SHORT_WORDS \
        and not is_sentence_like(block.text) and credited(block.text) is None


def _text_in_comments(comment_lines: list[Line], zoned: _Zoned, lines: list[Line]) -> list[Line]:
    """The lines of the grammars' comment section down to the end of the first run of lines the model reads as
    the article's text, or to a comments heading before it among the page's ``lines``, where the section opens
    over that text; none where more of the text than a caption's or a standfirst's lines stands over the section."""
    if not comment_lines:
        return []
    body = sorted(n for n in zoned.body if n >= comment_lines[0].no)
    title = zoned.title.no if zoned.title is not None else -1  # text over the title (a cookie notice) is not the article's
    if not body or sum(title < n < comment_lines[0].no for n in zoned.body) > TEXT_LINES_OVER:
        return []
    last = _text_run_end(body, comment_lines[0].no, lines)
    return [line for line in comment_lines if line.no <= last]


def _text_run_end(body: list[int], start: int, lines: list[Line]) -> int:
    """The last line of the first run of lines the model reads as text (``body``, the numbers of those from
    ``start`` on, in order), parted by no more than ``TEXT_RUN_GAP`` lines; or the line over a comments heading in it."""
    last = next((a for a, b in zip(body, body[1:]) if b - a > TEXT_RUN_GAP), body[-1])
    return next((line.no - 1 for line in lines if start < line.no <= last and is_comment_heading(line.text)), last)


#: How likely the model may find the first line of a comment section that opens inside the text a comment's.
OPENING_COMMENT = 0.2
#: How many lines over the text's last line before the section a comments heading or count may stand.
CLAIM_OVER = 5


def _text_run_from(comment_lines: list[Line], zoned: _Zoned, lines: list[Line]) -> list[Line]:
    """The lines of the grammars' comment section that opens inside the article's text, down to the end of the run
    of lines the model reads as text that its first line stands in (or to a comments heading in it); none unless the
    model reads that first line as no comment's (as text, or a button between two paragraphs) with text close over
    and under it, no comments heading or count stands over it, the run holds a paragraph's worth of sentences, and
    no other commenter's header under its first line of text."""
    if not comment_lines or zoned.roles.get(comment_lines[0].no, (0.0, 0.0))[0] >= OPENING_COMMENT:
        return []
    start = comment_lines[0].no
    over = max((n for n in zoned.body if n < start), default=None)
    under = min((n for n in zoned.body if n >= start), default=None)
    if over is None or under is None or start - over > TEXT_RUN_GAP or under - start > TEXT_RUN_GAP:
        return []
    if any(over - CLAIM_OVER <= line.no < start and (is_comment_heading(line.text) or comment_claim(line.text) is not None) for line in lines):
        return []  # a comments heading or count over it: the section is one
    last = _text_run_end(sorted(n for n in zoned.body if n >= start), start, lines)
    run = [line for line in comment_lines if line.no <= last]
    prose = sum(len(line.text.split()) for line in run if line.no in zoned.body and is_sentence_like(line.text))
    if prose < TEXT_LEAST_WORDS:
        return []  # a post's foot ("Posted by … | Permalink") is no text
    following = dict(zip((line.no for line in run), run[1:]))
    headers = sum(comment_header(line, following.get(line.no)) is not None for line in run[1:] if line.no > under)
    return run if headers == 0 else []  # a second commenter's header: the comments the model took for text


def _header_lines(lines: list[Line]) -> tuple[list[Line], Header | None]:
    """The comment header that ``lines`` open with (its line, and the date on the line under it), or none."""
    following = lines[1] if len(lines) > 1 else None
    header = comment_header(lines[0], following) if lines else None
    if header is None:
        return [], None
    if header.date is None and following is not None and following.no == lines[0].no + 1 and (date := date_only(following.content)) is not None:
        return lines[:2], replace(header, date=date)
    return lines[:1], header


def _mostly_text(lines: list[Line], zoned: _Zoned) -> bool:
    """Whether the model reads most of ``lines`` as the article's text and few as a comment's: from the first line
    it reads as the text, where the lines over it are no comment's or mostly furniture (share buttons, a menu under
    the byline)."""
    first = next((k for k, line in enumerate(lines) if line.no in zoned.body), 0)
    over = lines[:first]
    if over and (not any(_comment_like(line, zoned) for line in over) or sum(_furniture_like(line, zoned) for line in over) >= FURNITURE_OVER_TEXT * len(over)):
        lines = lines[first:]
    comment = sum(_comment_like(line, zoned) for line in lines)
    text = sum(line.no in zoned.body for line in lines)
    return comment < TEXT_COMMENT_SHARE * len(lines) and text >= TEXT_SHARE * len(lines)


#: A comment's thread reads as the article's text where it holds this many words or more, the model reads at
#: least this share of its lines as the text, and finds them less likely a comment's than not on average (on the
#: ``fit`` text dumps of ``../shared/realpages``, the threads that hold the article's text: 0.63 of their lines
#: or more read as the text, 0.05 likely a comment's at the median and 0.39 at most; of the annotated reader
#: comments' threads, nine in ten have no line read as the text, at 0.99 likely a comment's at the median; 0.3
#: instead of 0.5 keeps one more page's text in its comments).
TEXT_THREAD_WORDS = 30
TEXT_THREAD_SHARE = 0.7
TEXT_THREAD_COMMENT = 0.5
#: Why a line of such a thread that the model does not read as the text is set aside.
TEXT_AS_COMMENT = "in the article's text read as a comment (zoning model)"
_WORD = re.compile(r"\w+")


def _words_of(body: list[Block]) -> Counter[str]:
    """The words of the body's blocks (a list's in its items), in lower case, counted."""
    return Counter(w for b in body for text in (b.text, *(item.text for item in b.items)) for w in _WORD.findall(text.casefold()))


def _text_threads(comments: tuple[Comment, ...], zoned: _Zoned, held: Counter[str]) -> int:
    """How many of the section's first threads are the article's text read as comments: each reads as the text
    (``_reads_as_text``), holds more words than the body over the section (``held``, its words: a reader's comment
    is seldom longer than the article it follows) and not mostly the body's own (the article's teaser, repeated);
    a thread of a few words between them (a header alone) is passed over, and the first thread of more words that
    does not read so ends them."""
    count, over = 0, sum(held.values())
    for k, comment in enumerate(comments):
        words = Counter(w for p in comment.all_paragraphs() for w in _WORD.findall(p.casefold()))
        total = sum(words.values())
        if _reads_as_text(comment, zoned) and total > over and sum((words & held).values()) < total / 2:
            count = k + 1
        elif total >= TEXT_THREAD_WORDS:
            break
    return count


def _reads_as_text(comment: Comment, zoned: _Zoned) -> bool:
    """Whether the model reads a comment's thread as the article's text: enough words, most of its lines read as
    the text and few as a comment's, and a header that names no one or is a line it reads as the text."""
    lines = [no for reply in comment.thread() for no in reply.lines]
    if not lines or sum(len(p.split()) for p in comment.all_paragraphs()) < TEXT_THREAD_WORDS:
        return False
    if comment.author is not None and min(comment.lines, default=-1) not in zoned.body:
        return False
    return sum(no in zoned.body for no in lines) >= TEXT_THREAD_SHARE * len(lines) \
        and sum(zoned.roles.get(no, (0.0, 0.0))[0] for no in lines) < TEXT_THREAD_COMMENT * len(lines)


def _comment_like(line: Line, zoned: _Zoned) -> bool:
    """Whether the model reads a line as a comment's more likely than not."""
    return zoned.roles.get(line.no, (0.0, 0.0))[0] >= 0.5


def _furniture_like(line: Line, zoned: _Zoned) -> bool:
    """Whether the model reads a line as furniture, or it is a few words and no sentence (a button, a label)."""
    return zoned.roles.get(line.no, (0.0, 0.0))[1] >= 0.5 or (len(line.text.split()) <= SHORT_WORDS and not is_sentence_like(line.text))


#: Fewer words than this over the grammars' comment section: too few for an article's text...
TEXT_LEAST_WORDS = 50
#: ... where the model reads fewer than this share of the section's lines down to the end of its text as a
#: comment's, and at least this share as the text.
TEXT_COMMENT_SHARE = 0.1
TEXT_SHARE = 0.8
#: ... counted from the first line the model reads as the text where none of the lines over it is a comment's, or at
#: least this share of them are furniture.
FURNITURE_OVER_TEXT = 0.8
#: How many lines over the comment section the model may read as text (a caption, a standfirst) and the section
#: still open over the article's text.
TEXT_LINES_OVER = 2

#: How many lines apart two lines the model reads as the article's text may stand and be one run of it.
TEXT_RUN_GAP = 10


#: How many lines apart two of the grammars' comment lines may stand and be one comment section.
COMMENT_RUN_GAP = 12


def _comments_start(told: frozenset[int], body: int) -> int | None:
    """The first line of the run of comment lines (parted by no more than ``COMMENT_RUN_GAP`` lines) that the
    grammars read under the article's first line ``body``, or None when they read none there."""
    after = [n for n in told if n > body]
    if not after:
        return None
    start = min(after)
    for n in sorted((n for n in told if n < start), reverse=True):
        if start - n > COMMENT_RUN_GAP:
            break
        start = n
    return start


def _whole_blocks(lines: list[Line], chosen: set[int]) -> set[int]:
    """``chosen`` with the rest of each block (lines with no blank line between them) that it has most lines of:
    a paragraph, or a comment with its header and signature, is kept or set aside whole."""
    out = set(chosen)
    for block in blocks_of(lines):
        if 2 * sum(line.no in chosen for line in block) >= len(block):
            out.update(line.no for line in block)
    return out


def _zoned_byline(zoned: _Zoned) -> Byline | None:
    """The writers and the date that the likeliest byline lines near a page's title give, by the byline grammars."""
    authors: tuple[str, ...] = ()
    date = None
    for line in zoned.bylines:
        parsed = parse_byline(line.text)
        if not authors:
            authors = (parsed.authors if parsed is not None else ()) or written_by(line.text) or ()
        if date is None and parsed is not None and parsed.date is not None:
            date = parsed.date
        if date is None and (found := find_date(line.text, loose=True)) is not None and found[0].precision in (Precision.DAY, Precision.MINUTE):
            date = found[0]
    return Byline(authors, date, None) if authors or date else None


#: How many lines a headline that a text browser wrapped may run over.
TITLE_LINES = 3


def _unwrapped(title: Line, lines: list[Line], width: int | None) -> str:
    """The headline that starts at ``title``, with the lines that a wrap at ``width`` carried it on to (as
    ``join_lines`` reads a paragraph): a long headline of a page's dump runs over two or three lines."""
    at = next((i for i, line in enumerate(lines) if line.no == title.no), None)
    if at is None or width is None:
        return title.text
    texts = [title.text]
    while len(texts) < TITLE_LINES and at + 1 < len(lines) and lines[at + 1].no == lines[at].no + 1:
        previous, current = lines[at], lines[at + 1]
        if previous.indent + len(previous.text) + 1 + len(next(iter(current.text.split()), "")) <= width - WRAP_SLACK:
            break  # the line ended before the width: the headline ends with it
        texts.append(current.text)
        at += 1
    return join_lines(texts, width)


#: Why the lines under a lone comment that the article's writer signs are set aside.
WRITERS_FOOT = "the post's foot, under its writer's own signature: no reader comment"


def _writers_own(comments: tuple[Comment, ...], authors: tuple[str, ...]) -> Comment | None:
    """The one comment read, with no reply, when the article's own writer signs it: no reader's comment but the
    post's own foot or text, read by the comment grammars under its signature ("Posted by Jane Doe on July 20,
    2012 | Permalink" over the trackbacks, "By Jane Doe, 31 July 2010" over the whole text). A writer who answers
    readers does so among their comments."""
    if len(comments) != 1 or comments[0].replies or comments[0].author is None:
        return None
    signed = comments[0].author.casefold()
    return comments[0] if any(signed == author.casefold() for author in authors) else None


def _heads_agree(told: Line, zoned: _Zoned) -> bool:
    """Whether the grammars' title ``told`` is one the ranker nearly agrees with: its own, or one of two words or
    more that it scores no more than ``TITLE_MARGIN`` under its own (a one-word line is a section's label or a
    button more often than a headline: on the ``fit`` pages, title right 0.691 -> 0.695)."""
    if told.no == zoned.title.no:  # type: ignore[union-attr]
        return True
    best = zoned.title_scores[zoned.title.no]  # type: ignore[union-attr]
    return len(told.text.split()) >= 2 and told.no in zoned.title_scores and zoned.title_scores[told.no] >= best - TITLE_MARGIN


def _apart_at_comment_headings(blocks: list[list[Line]]) -> list[list[Line]]:
    """The blocks, with a comment section's heading that a run of short lines (a post's navigation, "« Previous
    Post") runs into, with no blank line between, split from them: the heading opens a block, as it opens the
    section."""
    out: list[list[Line]] = []
    for block in blocks:
        at = next((i for i, line in enumerate(block) if is_comment_heading(line.text)), None)
        at = at or None  # a block that a heading opens already is the section's
        if at is not None and all(len(line.text.split()) <= SHORT_WORDS and not is_sentence_like(line.text) for line in block[:at]):
            out.extend([block[:at], block[at:]])
        else:
            out.append(block)
    return out
