"""The article body: paragraphs, lists, quotes and headings from blocks of lines."""

from __future__ import annotations

import re
from collections import Counter

from ..common.models import Block, BlockKind, ListItem
from .lines import Line, is_headline_like, is_sentence_like, join_lines

_DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][A-Z.'’-]+)(?:[ ,/][A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][a-z]{2,9}\.?(?:\s+\d{1,2})?)?(?:\s*\([A-Za-z .&]+\))?)(?:\s*[–—-]{1,2}\s+(?=\S)|\s*(?:--|[–—])(?=[A-Z“\"]))"
)
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*$")
_SETEXT = re.compile(r"^(?:=+|-+)$")


#: An agency alone, as CNN opens its stories: "(CNN) -- Nokia and Microsoft announced".
_AGENCY_DATELINE = re.compile(r"^(?P<dateline>\([A-Z][A-Za-z .&]{1,30}\))\s*[–—-]{1,2}\s*(?=\S)")


def dateline_of(text: str) -> str | None:
    """The place (and agency) that opens a news paragraph: "LONDON (Reuters) –", "GLOBAL –", "(CNN) --"."""
    match = _DATELINE.match(text)
    if match and sum(ch.isupper() for ch in match.group("dateline")) >= 2:
        return match.group("dateline").strip()
    agency = _AGENCY_DATELINE.match(text)  # "(Reuters) -" has one capital
    return agency.group("dateline") if agency else None


_AGENCY = re.compile(r"\((?P<agency>[A-Z][A-Za-z .&]{1,30})\)$")


def agency_of(dateline: str) -> str | None:
    """The news agency a dateline names: "Reuters" of "LONDON (Reuters)", "CNN" of "(CNN)"."""
    match = _AGENCY.search(dateline)
    return match.group("agency").strip() if match else None


#: The credit line that agencies end a story with: "(Reporting by Tarmo Virki; Editing by Will Waterman)".
_CREDIT = re.compile(r"\(?\s*(?:additional\s+)?(?:reporting|writing|written|reported)\s+by\s+(?P<names>[^;()]+?)(?:\s+in\s+[A-Z][\w ]{1,30})?\s*(?:;[^()]*)?\)?\.?", re.I)


def credited(text: str) -> str | None:
    """The writers an agency's credit line names, as written ("Tarmo Virki"); None for any other paragraph."""
    match = _CREDIT.fullmatch(text.strip())
    return match.group("names") if match else None


def base_indent(blocks: list[list[Line]]) -> int:
    """The indentation of ordinary paragraphs: the most common one among unmarked prose lines."""
    counts = Counter(line.indent for block in blocks for line in block if not line.mark)
    return min(counts, key=lambda indent: (-counts[indent], indent)) if counts else 0


def _list_items(lines: list[Line], width: int | None) -> tuple[ListItem, ...]:
    levels = sorted({line.indent for line in lines if line.mark})
    items: list[tuple[int, list[Line]]] = []
    for line in lines:
        if line.mark or not items:
            depth = max((i for i, level in enumerate(levels) if level <= line.indent), default=0)
            items.append((depth, [line]))
        else:
            items[-1][1].append(line)  # a wrapped continuation of the item above
    return tuple(
        ListItem(join_lines([l.content.strip() for l in group], width), depth, tuple(l.no for l in group))
        for depth, group in items
    )


def _split_lead(block: list[Line]) -> tuple[list[Line], list[Line]]:
    """Prose lines before the first list mark, and the list from there on."""
    first_mark = next((i for i, line in enumerate(block) if line.mark), None)
    if first_mark is None:
        return block, []
    return block[:first_mark], block[first_mark:]


#: What ends a post embedded in an article (Twitter's): "— Jane Roe (@janeroe) February 11, 2011".
_EMBEDDED_BY = re.compile(r"[—–-]\s*\S.{0,60}?\s*\(@\w{1,30}\)(?:\s+.{0,40})?")


def to_blocks(block: list[Line], base: int, width: int | None, *, between_prose: bool) -> list[Block]:
    """One block of lines as body blocks (a lead paragraph and a list can share a block)."""
    if len(block) >= 2 and "(@" in block[-1].text and _EMBEDDED_BY.fullmatch(block[-1].text) and not any(line.mark for line in block[:-1]):
        # a post embedded in the article, with who posted it and when: a quotation, not a list of one
        text = join_lines([line.text for line in block[:-1]], width) + "\n" + block[-1].text
        return [Block(BlockKind.QUOTE, text=text, lines=tuple(line.no for line in block))]
    if block[-1].text.startswith(">") and not block[0].text.startswith(">") and (at := _quote_start(block)) is not None:
        # "On Fri, Feb 11, 2011, John Roe wrote:" over the lines it quotes: the attribution, then the quotation
        return [*to_blocks(block[:at], base, width, between_prose=between_prose), *to_blocks(block[at:], base, width, between_prose=between_prose)]
    lead, listed = _split_lead(block)
    out: list[Block] = []
    if lead:
        out.append(_prose(lead, base, width, between_prose=between_prose and not listed))
    if listed:
        items = _list_items(listed, width)
        out.append(Block(BlockKind.LIST, items=items, ordered=listed[0].ordered, lines=tuple(l.no for l in listed)))
    return out


def _quote_start(block: list[Line]) -> int | None:
    """Where the quoted lines ("> …") that end ``block`` start, when every line from there is one."""
    at = len(block)
    while at > 0 and block[at - 1].text.startswith(">"):
        at -= 1
    return at if 0 < at < len(block) else None


def _prose(lines: list[Line], base: int, width: int | None, *, between_prose: bool) -> Block:
    numbers = tuple(line.no for line in lines)
    texts = [line.text for line in lines]
    if len(lines) == 1 and (match := _MD_HEADING.match(texts[0])):
        return Block(BlockKind.HEADING, text=match.group("text"), level=min(len(match.group("hashes")) + 1, 6), lines=numbers)
    if len(lines) == 2 and _SETEXT.match(texts[1]) and len(texts[1]) >= 3:
        return Block(BlockKind.HEADING, text=texts[0], level=2 if texts[1][0] == "=" else 3, lines=numbers)
    if all(text.startswith(">") for text in texts):
        return Block(BlockKind.QUOTE, text=join_lines([t.lstrip("> ").strip() or "" for t in texts if t.lstrip("> ").strip()], width), lines=numbers)
    if min(line.indent for line in lines) >= base + 2:
        return Block(BlockKind.QUOTE, text=join_lines(texts, width), lines=numbers)
    if between_prose and is_headline_like(lines) and len(texts[0].split()) <= 12 and not is_sentence_like(texts[0]):
        return Block(BlockKind.HEADING, text=texts[0], level=2, lines=numbers)
    return Block(BlockKind.PARAGRAPH, text=join_lines(texts, width), lines=numbers)
