"""Lines and blocks: the parser's view of a capture before it means anything."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

#: Bullet glyphs seen in captures: typographic bullets, ASCII stand-ins, dashes, arrows, boxes.
BULLETS = "•*-·–—▪◦‣●○■□➢►▸▹→✓✔✗✘☐☑☒❖◆◇♦∙⁃+"
#: ... and the "o" of text browsers' second level (lynx), before an item that starts as items do, not as a word would.
_BULLET = re.compile(rf"^(?P<mark>[{re.escape(BULLETS)}]|o(?=\s+[A-Z0-9“\"]))\s+(?=\S)")
_NUMBER = re.compile(r"^(?P<mark>\(?\d{1,3}[.)]|\([a-z]\)|[a-z]\))\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]]*$")


@dataclass(frozen=True)
class Line:
    """One non-blank line: its number (1-based), indentation, and text with any list mark split off."""

    no: int
    indent: int
    text: str  # stripped, list mark included
    mark: str = ""  # "•", "1." … or "" for no list mark
    content: str = ""  # text without the list mark

    @property
    def ordered(self) -> bool:
        return bool(self.mark) and self.mark[-1] in ".)" and self.mark not in BULLETS

    @property
    def words(self) -> int:
        return len(self.content.split())


def make_line(no: int, raw: str) -> Line:
    expanded = raw.expandtabs(4).rstrip()
    text = expanded.lstrip()
    indent = len(expanded) - len(text)
    match = _BULLET.match(text) or _NUMBER.match(text)
    if match:
        return Line(no, indent, text, match.group("mark"), text[match.end():])
    return Line(no, indent, text, "", text)


_LINK_MARKER = re.compile(r"\[\d{1,4}\](?=\S)")


def strip_link_markers(text: str) -> str:
    """Drop the "[12]" link numbers that text browsers (lynx, links) put before each link.

    Only in captures that are full of them, so a bracketed number in prose stays.
    """
    if len(_LINK_MARKER.findall(text)) < 3:
        return text
    return _LINK_MARKER.sub("", text)


_MD_HEADING_LINE = re.compile(r"^(?P<indent>[ \t]{0,3})#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]{1,300})\]\((?P<url>[^)\s]{1,2000})(?:\s+\"[^\"\n]*\")?\)")
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]{0,300})\]\([^)\n]{1,2000}\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>[^\n]+?)(?<=\S)\1")
#: A line in bold alone, as Markdown writes a subheading that is not marked as one: "**What it means**".
_MD_STRONG_LINE = re.compile(r"^[ \t]*(\*\*|__)(?=\S)[^\n]{1,150}?(?<=\S)\1[ \t]*$", re.M)
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<text>[^*\n]+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])(?P<text2>[^_\n]+?)(?<=[^\s_])_(?![\w_])")


def looks_like_markdown(text: str) -> bool:
    """Whether a capture was saved as Markdown (web clippers do): it has "#" headings, or links or images in
    Markdown's syntax."""
    return bool(_MD_HEADING_LINE.search(text) or _MD_IMAGE.search(text) or len(_MD_LINK.findall(text)) >= 2 or _MD_STRONG_LINE.search(text))


def plain_markdown(text: str) -> str:
    """A Markdown capture read as the text a browser shows, line for line (so every line keeps its number):
    heading marks, emphasis and link targets dropped, an image as "[its alt text]", which is then an image
    placeholder. The raw capture, links and all, is kept beside the page."""
    text = _MD_HEADING_LINE.sub(lambda m: m.group("indent") + m.group("text"), text)
    text = _MD_IMAGE.sub(lambda m: f"[{m.group('alt').strip() or 'image'}]", text)
    text = _MD_LINK.sub(lambda m: m.group("text"), text)
    text = _MD_STRONG.sub(lambda m: m.group("text"), text)
    return _MD_EMPHASIS.sub(lambda m: m.group("text") or m.group("text2"), text)


def split_lines(text: str) -> list[Line]:
    """Every non-blank line of ``text``, numbered from 1 as an editor numbers them."""
    return [make_line(no, raw) for no, raw in enumerate(text.split("\n"), start=1) if raw.strip()]


def blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Group lines into blocks: runs of lines with no blank line between them."""
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks and line.no == blocks[-1][-1].no + 1:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_sentence_like(text: str) -> bool:
    """Running prose: enough words and sentence punctuation; in Chinese, Japanese or Korean, which may not
    part their words with spaces, enough of their characters and their punctuation."""
    words = len(text.split())
    if words >= 8 and bool(_SMALL.search(text)) and bool(_STOP.search(text)):
        return True
    if len(text) >= 30 and _THAI.search(text) and len(_THAI.findall(text)) >= 30:
        return True  # Thai parts neither its words nor, mostly, its sentences with signs
    return len(text) >= 20 and bool(_CJK.search(text)) and len(_CJK.findall(text)) >= 15 and bool(_CJK_STOP.search(text))


#: A small letter, or a letter of a script without capitals (Hebrew, Arabic, Devanagari): no line in capitals alone.
_SMALL = re.compile(r"[a-zß-öø-ÿā-žа-яёά-ώ\u05d0-\u05ea\u0620-\u064a\u0904-\u0939]")
_STOP = re.compile(r"[.!?…,;:\"”،؛؟।]")  # Arabic's comma, semicolon and question mark; Devanagari's full stop
_THAI = re.compile(r"[\u0e01-\u0e4e]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, CJK ideographs, Hangul
_CJK_STOP = re.compile(r"[。、，！？．,.!?]")


_LETTER = re.compile(r"[^\W\d_]")
#: How a sentence ends, a closing quotation mark or bracket after its stop included: 'He said "no."'.
_CLOSED = re.compile(r"[.,;:。，；：][\"”’')\]」』]*$")


def is_headline_like(block: list[Line]) -> bool:
    """A single short line without a final full stop: a title, heading or caption."""
    if len(block) != 1 or block[0].mark in BULLETS and block[0].mark:
        return False
    text = block[0].text
    words = len(text.split())
    if words <= 25 and len(text) >= 60 and _THAI.search(text) and len(_THAI.findall(text)) >= 60:
        return False  # Thai prose, which parts neither its words nor its sentences with signs
    return 1 <= words <= 25 and len(text) <= 200 and not _CLOSED.search(text) and bool(_LETTER.search(text))


#: How far short of the wrap width a wrapped line may end: the next word did not fit in what was left.
WRAP_SLACK = 12


def wrap_width(lines: list[Line], *, dump: bool = False) -> int | None:
    """The column at which a capture was hard-wrapped (text browsers, e-mail), or None.

    A wrapped capture has many lines whose ends crowd just below one width: a fifth of them, or for a whole
    page's ``dump`` (mostly menus' short lines) a quarter of those long enough to have been wrapped.
    """
    lengths = sorted(line.indent + len(line.text) for line in lines)
    if len(lengths) < 6:
        return None
    width = _dump_width(lines, lengths) if dump else lengths[int(len(lengths) * 0.95) - 1]
    if width is None or not 40 <= width <= 120 or (not dump and lengths[-1] > width + 40):
        return None
    near = sum(1 for n in lengths if width - WRAP_SLACK <= n <= width)
    least = sum(1 for n in lengths if n > width // 2) // 4 if dump else len(lengths) // 5
    return width if near >= max(3, least) else None


#: How many lines of words (a space in them) may run past a page dump's wrap width, as a share of them: a table's
#: rows, which a text browser lays out wider than it wraps text.
PAST_WIDTH = 0.01


def _dump_width(lines: list[Line], lengths: list[int]) -> int | None:
    """The wrap width of a page's dump: of the widths that no line of prose and no more than a few lines of words
    run past (``PAST_WIDTH``), the one that the most lines end just short of (``WRAP_SLACK``). A share of the
    lengths, as other captures are read, lands among the prose's line ends, short of the width, where a dump's
    teasers and labels outnumber the prose's lines."""
    spaced = sorted(line.indent + len(line.text) for line in lines if " " in line.text.strip())
    allowed = max(2, int(len(spaced) * PAST_WIDTH))
    prose = max((line.indent + len(line.text) for line in lines if is_sentence_like(line.text)), default=0)
    best: tuple[int, int] | None = None
    for width in range(max(40, prose), 121):  # no line of prose runs past the width it was wrapped at
        past = len(spaced) - bisect.bisect_right(spaced, width)
        if past > allowed:
            continue
        near = bisect.bisect_right(lengths, width) - bisect.bisect_left(lengths, width - WRAP_SLACK)
        if best is None or near > best[1]:
            best = (width, near)
    return best[0] if best is not None else None


def join_lines(texts: list[str], width: int | None) -> str:
    """Join the lines of one paragraph: wrapped lines with a space, meant line breaks with ``\\n``."""
    if not texts:
        return ""
    out = texts[0]
    for previous, current in zip(texts, texts[1:]):
        next_word = next(iter(current.split()), "")  # a quotation's mark alone (">") leaves an empty line
        wrapped = width is not None and len(previous) + 1 + len(next_word) > width - WRAP_SLACK
        if wrapped and previous.endswith("-") and not previous.endswith(" -") and current[:1].islower():
            out += current  # a word broken at a hyphen: keep the hyphen, drop the break
        else:
            out += (" " if wrapped else "\n") + current
    return out
