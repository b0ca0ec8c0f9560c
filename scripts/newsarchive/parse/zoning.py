"""Zone a whole page's text by a fitted model: each line's role (page furniture, title, byline, body, comment).

A text browser's dump of a page ("w3m -dump") holds the site's menus, sidebars and footers around the
article. Each line gets features that hold on any site (its length, its share of function words in the
languages the model knows, sentence punctuation, capitals, digits, the prose around it, where it stands
against the page's densest run of prose, whether the page repeats it, whether it reads as a byline, a date
or a comment's header); a multinomial logistic regression, fitted on annotated real pages by
``newsarchive fit-zoning``, gives each role's probability, and a Viterbi pass over the fitted transitions
between roles smooths them, as the body runs on and comments follow it. Two fitted rankers then choose the
title among the lines near the body's start and those the model reads as a title anywhere (by their roles,
where they stand, and how many of their words the text repeats), and the writers among the lines that the
byline grammars read a name in (by their roles, where they stand against the title and the body, and how much
the names look like people's). A third regression judges the comment section that the grammars read in the zoned page: for each
comment, the probability that it is a reader's (from its header, its text, where it stands, and the zoning of
its lines); a section in which no comment reaches the threshold is a sidebar's, not reader comments. The weights
are data in the package (``zoning.json``); numpy runs them, nothing is fitted or downloaded at run time.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np

from ..common.models import Precision
from .byline import is_name, parse_byline, without_comment_count, written_by
from .comments import Shown, comment_header, is_comment_heading
from .dates import find_date
from .lines import Line, ends_sentence, is_headline_like, is_sentence_like

__all__ = ["BYLINE_FEATURES", "COMMENT_FEATURES", "ROLES", "TITLE_FEATURES", "Zoning", "Zoner", "base_features", "byline_candidates", "comment_rows", "features",
           "main_start", "runs", "title_candidates", "zoner"]

#: The roles a line can have, in the model's order.
ROLES = ("furniture", "title", "byline", "body", "comment")
FURNITURE, TITLE, BYLINE, BODY, COMMENT = range(len(ROLES))

_WORD = re.compile(r"\w+")
_DATE_SHAPE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_ADDRESS = re.compile(r"https?://|www\.|\.(?:com|org|net|de|html?)\b", re.I)
_SEPARATOR = re.compile(r"\s[|•·/»›]\s|\s[|•·]|[|•·]\s")
_BY_WORD = re.compile(r"(?:by|von|par|por|door|di|av|af|przez)\s+\S", re.I)
_COUNT = re.compile(r"^\(?\d{1,6}\)?$|^\d{1,6}\s+\w+$")

#: The names of the base features, in order (the model's file lists them too, and must agree).
BASE = (
    "words", "chars", "stop_share", "ends_sentence", "capital_share", "digit_share", "all_caps", "list_mark",
    "bracketed", "separators", "fill", "sentence_like", "date_shape", "byline", "by_word", "comment_heading",
    "comment_header", "repeated", "indented", "address", "ends_colon", "headline_like", "short", "count",
    "blank_before", "blank_after", "block_lines", "block_words", "first_in_block", "last_in_block", "told_comment",
)


def _block_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """For each line, the first and last index of the run of lines with no blank line between them."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i].no != lines[i - 1].no + 1:
            spans.extend([(start, i - 1)] * (i - start))
            start = i
    return spans


# Long: one column a feature, in the order of ``BASE``, which the fitted model's weights follow.
def base_features(lines: list[Line], width: int | None, stop: frozenset[str], told: frozenset[int] = frozenset()) -> np.ndarray:
    """One row of ``BASE`` features a line; ``told`` holds the lines the comment grammars read as comments'."""
    n = len(lines)
    seen: dict[str, int] = {}
    keys = [" ".join(line.text.casefold().split()) for line in lines]
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
    spans = _block_spans(lines)
    words_of = [_WORD.findall(line.text.casefold()) for line in lines]
    words_before = [0, *itertools.accumulate(len(words) for words in words_of)]  # a block's words, without summing it for each of its lines
    out = np.zeros((n, len(BASE)), dtype=np.float64)
    wide = float(width or 80)
    for i, line in enumerate(lines):
        text = line.text
        tokens = words_of[i]
        count = len(tokens)
        split = text.split()
        short = count <= 15
        following = lines[i + 1] if i + 1 < n and lines[i + 1].no == line.no + 1 else None
        start, end = spans[i]
        block_words = words_before[end + 1] - words_before[start]
        out[i] = (
            math.log1p(count),
            min(len(text), 240) / 80,
            sum(t in stop for t in tokens) / count if count else 0.0,
            ends_sentence(text),
            sum(w[:1].isupper() for w in split) / len(split) if split else 0.0,
            sum(map(str.isdigit, text)) / len(text),
            text.isupper() and sum(c.isalpha() for c in text) >= 2,
            bool(line.mark),
            text.startswith("[") or text.endswith("]"),
            min(len(_SEPARATOR.findall(text)), 4) / 2,
            min((line.indent + len(text)) / wide, 1.3),
            is_sentence_like(text),
            bool(_DATE_SHAPE.search(text)),
            short and parse_byline(text) is not None,
            short and bool(_BY_WORD.match(text)),
            short and is_comment_heading(text),
            short and comment_header(line, following) is not None,
            seen[keys[i]] > 1,
            line.indent > 0,
            bool(_ADDRESS.search(text)),
            text.endswith(":"),
            is_headline_like([line]),
            count <= 3,
            bool(_COUNT.match(text)),
            i == 0 or lines[i - 1].no != line.no - 1,
            following is None,
            math.log1p(end - start + 1),
            math.log1p(block_words),
            i == start,
            i == end,
            line.no in told,
        )
    return out


#: The base features whose meaning depends on whether the line stands over or under the page's main run of prose.
_PLACED = ("date_shape", "byline", "by_word", "comment_header", "comment_heading", "headline_like", "short", "sentence_like", "list_mark", "words", "told_comment")
#: The windows (in lines either side) over which the prose around a line is measured.
_WINDOWS = (2, 5, 15)
#: The neighbours whose base features a line's row carries.
_NEIGHBOURS = (-2, -1, 1, 2)


def _smoothed(values: np.ndarray, half: int) -> np.ndarray:
    kernel = np.ones(2 * half + 1) / (2 * half + 1)
    return np.convolve(np.pad(values, half, mode="edge"), kernel, mode="valid")


# Long: the columns of the model's rows in the order its fitted weights follow.
def features(base: np.ndarray) -> np.ndarray:
    """Each line's row: its base features, its neighbours', the prose around it and where it stands against the
    page's main run of prose."""
    n = len(base)
    prose = base[:, BASE.index("sentence_like")] * np.minimum(base[:, BASE.index("words")] / math.log1p(12), 1.0)
    columns = [base]
    for offset in _NEIGHBOURS:
        shifted = np.zeros_like(base)
        if offset < 0 and n > -offset:
            shifted[-offset:] = base[:offset]
        elif offset > 0 and n > offset:
            shifted[:-offset] = base[offset:]
        columns.append(shifted)
    around = [_smoothed(prose, half) for half in _WINDOWS]
    columns.append(np.stack(around, axis=1))
    dense = around[-1]
    centre = int(np.argmax(dense)) if n else 0
    inside = dense >= 0.5 * dense[centre] if n else dense
    first = centre
    while first > 0 and inside[first - 1]:
        first -= 1
    last = centre
    while last + 1 < n and inside[last + 1]:
        last += 1
    index = np.arange(n, dtype=np.float64)
    position = np.stack(
        [
            index / max(n - 1, 1),
            np.clip((first - index) / 20, 0, 3),
            np.clip((index - last) / 20, 0, 3),
            (index >= first) & (index <= last),
            np.full(n, math.log1p(n) / 5),
            np.full(n, float(dense[centre]) if n else 0.0),
        ],
        axis=1,
    )
    columns.append(position)
    # what a byline's, a heading's or a comment's marks mean depends on where they stand: over the text, in it, under it
    before = position[:, 1] > 0
    after = position[:, 2] > 0
    marks = base[:, [BASE.index(name) for name in _PLACED]]
    columns.append(np.concatenate([marks * before[:, None], marks * after[:, None]], axis=1))
    headers = base[:, BASE.index("comment_header")]
    headings = base[:, BASE.index("comment_heading")]
    marks = [headers, base[:, BASE.index("date_shape")], base[:, BASE.index("byline")]]
    comments = [np.log1p(_smoothed(mark, 10) * 21) for mark in marks]
    seen_headers = np.cumsum(headers) - headers
    seen_headings = np.cumsum(headings) - headings
    total = max(float(headers.sum()), 1.0)
    comments += [np.log1p(seen_headers), seen_headers / total, np.minimum(seen_headings, 1.0), np.full(n, math.log1p(total))]
    columns.append(np.stack(comments, axis=1))
    return np.concatenate(columns, axis=1)


#: How far (in lines) the title is looked for over the body's start, and into its main run...
TITLE_REACH = 30
TITLE_INTO = 3
#: ... and how many of the lines the model finds likeliest to be the title are candidates wherever they stand
#: (with those the smoothed path reads as a title): a headline over a long menu, or under a page's banner of
#: teasers that the model reads as the text's start (the annotated title among the candidates on the ``fit``
#: pages 196 → 223 of 238).
TITLE_ANYWHERE = 3
#: The names of a title candidate's features, in order.
TITLE_FEATURES = (
    "title", "byline", "body", "furniture", "byline_next", "body_next", "furniture_before", "title_rank",
    "over_first", "over_main", "just_over", "over_two", "over_three", "in_body", "dated_next", "byline_next_rule",
    "quoted_elsewhere", "position", "words", "headline_like", "list_mark", "bracketed", "repeated", "ends_sentence",
    "capital_share", "date_shape", "chars", "separators", "blank_before", "blank_after", "stop_share", "digit_share",
    "in_text",
)


def runs(indices: list[int], gap: int) -> list[list[int]]:
    """``indices`` (in order) parted into runs wherever more than ``gap`` lines stand between two of them."""
    parted: list[list[int]] = []
    for i in indices:
        if not parted or i - parted[-1][-1] > gap:
            parted.append([])
        parted[-1].append(i)
    return parted


def main_start(roles: tuple[int, ...], gap: int = 5) -> int | None:
    """Where the page's main run of body lines starts: the run (parted by ``gap`` lines of something else) with
    the most body lines, the first of those with as many."""
    found = runs([i for i, role in enumerate(roles) if role == BODY], gap)
    return max(found, key=len)[0] if found else None


def title_candidates(lines: list[Line], base: np.ndarray, probabilities: np.ndarray, roles: tuple[int, ...]) -> tuple[list[int], np.ndarray]:
    """The lines that may be the title (short lines near the body's start, and the likeliest titles anywhere) and
    their features; ``in_text`` is the share of a line's words of four letters or more that the body's other
    lines hold (a headline's words recur in its text, a teaser's or a section label's seldom)."""
    n = len(roles)
    first = next((i for i, r in enumerate(roles) if r == BODY), n)
    main = main_start(roles) or first
    column = {name: BASE.index(name) for name in BASE}
    words = base[:, column["words"]]
    short = [i for i in range(n) if 0 < words[i] <= math.log1p(40)]
    near = {i for i in short if first - TITLE_REACH <= i < main + TITLE_INTO}
    likeliest = sorted(short, key=lambda i: -probabilities[i, TITLE])[:TITLE_ANYWHERE]
    chosen = sorted(near | {i for i in short if roles[i] == TITLE} | set(likeliest))
    if not chosen:
        return [], np.zeros((0, len(TITLE_FEATURES)))
    logit = np.log(probabilities + 1e-9)
    order = {i: rank for rank, i in enumerate(sorted(chosen, key=lambda i: -probabilities[i, TITLE]))}
    folded = [" ".join(line.text.casefold().split()) for line in lines]
    said = [[word for word in _WORD.findall(text) if len(word) >= 4] for text in folded]
    text_words = Counter(word for i, r in enumerate(roles) if r == BODY for word in said[i])
    rows = []
    for i in chosen:
        own = Counter(said[i]) if roles[i] == BODY else Counter()
        in_text = sum(text_words[w] - own[w] > 0 for w in said[i]) / len(said[i]) if said[i] else 0.0
        after = probabilities[i + 1 : i + 4]
        before = probabilities[max(0, i - 3) : i]
        b = base[i]
        over = first - i
        over_main = main - i
        shown = folded[i]
        quoted = len(shown) >= 12 and any(shown in other and other != shown for other in folded)
        rows.append((
            logit[i, TITLE], logit[i, BYLINE], logit[i, BODY], logit[i, FURNITURE],
            float(after[:, BYLINE].max()) if len(after) else 0.0,
            float(after[:, BODY].mean()) if len(after) else 0.0,
            float(before[:, FURNITURE].mean()) if len(before) else 1.0,
            math.log1p(order[i]), np.clip(over, -TITLE_REACH, TITLE_REACH) / TITLE_REACH,
            np.clip(over_main, -TITLE_REACH, TITLE_REACH) / TITLE_REACH,
            over == 1 or over_main == 1, over == 2 or over_main == 2, over == 3 or over_main == 3, roles[i] == BODY,
            float(base[i + 1 : i + 4, column["date_shape"]].max()) if i + 1 < n else 0.0,
            float(base[i + 1 : i + 4, column["byline"]].max()) if i + 1 < n else 0.0,
            quoted, i / max(n - 1, 1),
            b[column["words"]], b[column["headline_like"]], b[column["list_mark"]], b[column["bracketed"]], b[column["repeated"]],
            b[column["ends_sentence"]], b[column["capital_share"]], b[column["date_shape"]], b[column["chars"]],
            b[column["separators"]], b[column["blank_before"]], b[column["blank_after"]], b[column["stop_share"]],
            b[column["digit_share"]], in_text,
        ))
    return chosen, np.asarray(rows, dtype=np.float64)


#: A byline's line is short: longer ones are prose, whose names are not its writers'.
BYLINE_CHARS = 200
#: How many lines past the body's last a byline may stand ("Posted by … at 9:15"): further down are the sidebar's
#: teasers and the comments, whose names are seldom the writers' (five-fold cross-validation on the ``fit`` pages:
#: writers right 0.60, as with every line a candidate, with fewer names far under the article to go wrong on);
#: further down, only the names under a byline's label of their own ("Von:", ``_under_label``).
BYLINE_PAST_BODY = 5
#: The names of a byline candidate's features, in order.
BYLINE_FEATURES = (
    *(f"p_{role}" for role in ROLES), *(f"is_{role}" for role in ROLES), "byline_grammar", "told_comment",
    "no_title", "from_title", "far_from_title", "under_title", "far_from_body", "under_body", "position", "dated",
    "by_word", "names", "all_names", "digits", "named_again", "first", "rank", "chars", "name_stop_share",
    "name_share", "sentence_like", "by_before", "name_words", "name_capitals", "name_alone", "line_words",
    "past_body", "far_past_body", "in_body", "label_over",
)
#: A line that is a byline's label alone, its names on the line under it: "Von:", "By", "Kommentar von", "Ein Beitrag von".
_BY_LABEL = re.compile(r"^\W*(?:[^\W\d_]+\s+){0,2}(?:by|von|par|por|door|di|av|af|przez|durch|autor|author|auteur|autore|autorin)\s*:?\s*$", re.I)
_BY_BEFORE = re.compile(r"(?<![^\W\d_])(?:by|von|par|por|door|di|av|af|przez|durch|autor|author)\b\s*:?\s*$", re.I)  # "2017Autor: " too


def _under_label(lines: list[Line], i: int) -> bool:
    """Whether one of the two lines over line ``i`` is a byline's label alone (``_BY_LABEL``)."""
    return any(_BY_LABEL.match(lines[j].text) for j in range(max(0, i - 2), i))


def _once(text: str) -> str:
    """A text that is the same words twice, glued as a text browser glues a link to its picture's label ("Jane
    DoeJane Doe"), once."""
    half = len(text) // 2
    return text[:half] if len(text) >= 8 and len(text) % 2 == 0 and text[:half] == text[half:] else text


#: A count at the end of a byline (its comments', with no word: "Jane Doe 6"), and the bars around it.
_COUNT_AT_END = re.compile(r"[\s|·•]+\d{1,4}$")


def _without_counts(text: str) -> str:
    """A byline's line without the comments' count it ends with ("Jane Doe | Kommentare 34 |", "Jane Doe 6")."""
    text = without_comment_count(text.strip(" |·•"))
    return _COUNT_AT_END.sub("", text).strip(" |·•")


def byline_candidates(lines: list[Line], probabilities: np.ndarray, roles: tuple[int, ...], title: int | None,
                      stop: frozenset[str], told: frozenset[int] = frozenset()) -> tuple[list[tuple[int, tuple[str, ...]]], np.ndarray]:
    """The lines that the byline grammars read writers in (index and names), and their features: what the zoning
    model makes of the line, where it stands against the title and the body, and how much the names look like
    people's."""
    n = len(lines)
    body = next((i for i, role in enumerate(roles) if role == BODY), n)
    last = max((i for i, role in enumerate(roles) if role == BODY), default=n)
    found: list[tuple[int, tuple[str, ...]]] = []
    by_grammar: list[bool] = []  # the byline grammar names them, not the looser reading of "by" lines and names alone
    for i, line in enumerate(lines):
        if len(line.text) > BYLINE_CHARS or (i > last + BYLINE_PAST_BODY and not _under_label(lines, i)):
            continue  # far under the text only the names under a byline's label of their own ("Von:")
        parsed = parse_byline(line.text)
        if (parsed is None or not parsed.authors) and (bare := _without_counts(line.text)) != line.text:
            parsed = parse_byline(bare) or parsed  # "1. Februar 2022 Jane Doe 6", "3 March 2011 | jdoe | Comments 12 |"
        names = (parsed.authors if parsed is not None else ()) or written_by(line.text) or ()
        names = tuple(_once(name) for name in names)
        if names:
            found.append((i, names))
            by_grammar.append(parsed is not None and bool(parsed.authors))
    if not found:
        return [], np.zeros((0, len(BYLINE_FEATURES)))
    named = Counter(" ".join(names).casefold() for _, names in found)
    rows = []
    for k, (i, names) in enumerate(found):
        text = lines[i].text
        joined = " ".join(names)
        tokens = _WORD.findall(joined.casefold())
        words = joined.split()
        at = text.find(names[0])
        d = i - title if title is not None else 0
        below = i - body
        rows.append((
            *probabilities[i], *(roles[i] == role for role in range(len(ROLES))),
            by_grammar[k], lines[i].no in told,
            title is None, max(-1.0, min(1.0, d / 10)), math.log1p(abs(d)), d > 0, math.log1p(abs(below)), below > 0, i / n,
            find_date(text) is not None, bool(_BY_WORD.match(text)), len(names), all(is_name(name) for name in names),
            any(c.isdigit() for c in joined), math.log1p(named[joined.casefold()]), k == 0, math.log1p(k), len(text) / 80,
            sum(t in stop for t in tokens) / max(len(tokens), 1), len(joined) / max(len(text), 1), is_sentence_like(text),
            bool(at > 0 and _BY_BEFORE.search(text[:at])), len(words), sum(w[:1].isupper() for w in words) / max(len(words), 1),
            text.strip() == joined.strip(), math.log1p(len(text.split())),
            i > last, math.log1p(max(0, i - last)), body <= i <= last,
            _under_label(lines, i),
        ))
    return found, np.asarray(rows, dtype=np.float64)


#: The names of the features of a comment that the grammars read, in order: what its header shows, how its text
#: reads (its words, their share of function words, how many of its lines are prose or end a sentence), where it
#: stands in its section, and what the section's other comments show.
COMMENT_FEATURES = (
    "strong", "dated", "dated_coarse", "anonymous", "name_digits", "name_words", "name_capitals", "name_long",
    "words", "lines", "words_per_line", "prose_lines", "stop_share", "sentence_ends", "short_lines", "empty",
    "depth", "replies", "position", "comments", "dated_later", "strong_later", "dated_share", "strong_share",
    "digit_share", "capital_share", "p_comment", "p_comment_most", "p_furniture", "section_p_comment", "named_again",
    "exclaims",
)
_FINE = frozenset({Precision.DAY, Precision.MINUTE})
_SENTENCE_END = re.compile(r"[.!?…:)\"”]$")


def comment_rows(section: list[Shown], stop: frozenset[str], roles: dict[int, tuple[float, float]] | None = None) -> np.ndarray:
    """The features of each comment of a section (in reading order); ``roles`` holds how likely the zoning model
    finds each line (by number) a comment's and the page's furniture."""
    roles = roles or {}
    n = len(section)
    named = Counter(c.author for c in section if c.author)
    every = [roles.get(no, (0.0, 0.0))[0] for c in section for no in c.lines]
    whole = sum(every) / len(every) if every else 0.0
    dated = [k for k, c in enumerate(section) if c.date in _FINE]
    strong = [k for k, c in enumerate(section) if c.strong]
    rows = []
    for k, comment in enumerate(section):
        lines = comment.text
        words = [w for line in lines for w in line.split()]
        count, name = len(words), (comment.author or "").split()
        rows.append((
            comment.strong, comment.date in _FINE, comment.date is not None and comment.date not in _FINE, comment.author is None,
            any(c.isdigit() for c in comment.author or ""), len(name), sum(w[:1].isupper() for w in name) / max(len(name), 1),
            len(comment.author or "") > 25,
            math.log1p(count), math.log1p(len(lines)), count / len(lines) if lines else 0.0,
            sum(is_sentence_like(line) for line in lines) / len(lines) if lines else 0.0,
            sum(w.strip(".,;:!?\"'()").casefold() in stop for w in words) / count if count else 0.0,
            sum(bool(_SENTENCE_END.search(line)) for line in lines) / len(lines) if lines else 0.0,
            sum(len(line.split()) <= 4 for line in lines) / len(lines) if lines else 0.0,
            count == 0, comment.depth, min(comment.replies, 5), k / max(n - 1, 1), math.log1p(n),
            bool(dated) and dated[-1] > k, bool(strong) and strong[-1] > k, len(dated) / n, len(strong) / n,
            sum(any(c.isdigit() for c in w) for w in words) / count if count else 0.0,
            sum(w[:1].isupper() for w in words) / count if count else 0.0,
            *_line_roles(comment, roles), whole, named[comment.author] > 1 if comment.author else False,
            sum(("?" in line or "!" in line) for line in lines) / len(lines) if lines else 0.0,
        ))
    return np.asarray(rows, dtype=np.float64).reshape(n, len(COMMENT_FEATURES))


def _line_roles(comment: Shown, roles: dict[int, tuple[float, float]]) -> tuple[float, float, float]:
    """How likely the zoning model finds a comment's lines a comment's, on average and at most, and furniture."""
    found = [roles[no] for no in comment.lines if no in roles]
    if not found:
        return 0.0, 0.0, 0.0
    return sum(c for c, _ in found) / len(found), max(c for c, _ in found), sum(f for _, f in found) / len(found)


@dataclass(frozen=True)
class Zoning:
    """Each line's role (an index into ``ROLES``), the probability of each role, line by line, the line the
    title ranker puts first (or None), and the writers the byline ranker puts first (or None)."""

    roles: tuple[int, ...]
    probabilities: np.ndarray
    title: int | None = None
    #: the title ranker's score of each candidate line, by index
    title_scores: dict[int, float] = field(default_factory=dict)
    #: the names of the line the byline ranker puts first, and how likely it finds them the page's writers
    writers: tuple[tuple[str, ...], float] | None = None


def _ranker(data: dict, name: str, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """A fitted ranker's scaling (mean, scale), weights, bias and threshold."""
    ranker = data[name]
    if tuple(ranker["features"]) != names:
        raise ValueError(f"zoning.json was fitted for other {name} features: run newsarchive fit-zoning")
    return np.asarray(ranker["mean"]), np.asarray(ranker["scale"]), np.asarray(ranker["weights"]), float(ranker["bias"]), float(ranker["threshold"])


class Zoner:
    """The fitted model: feature scaling, weights, and the transitions between roles."""

    def __init__(self, data: dict) -> None:
        if tuple(data["base"]) != BASE or tuple(data["roles"]) != ROLES:
            raise ValueError("zoning.json was fitted for other features or roles: run newsarchive fit-zoning")
        self.stop = frozenset(data["stop"])
        self.mean = np.asarray(data["mean"])
        self.scale = np.asarray(data["scale"])
        self.weights = np.asarray(data["weights"])
        self.bias = np.asarray(data["bias"])
        self.log_prior = np.log(np.asarray(data["prior"]))
        self.log_start = np.log(np.asarray(data["start"]))
        self.log_transitions = np.log(np.asarray(data["transitions"]))
        self.title_mean, self.title_scale, self.title_weights, self.title_bias, self.title_threshold = _ranker(data, "title", TITLE_FEATURES)
        self.byline_mean, self.byline_scale, self.byline_weights, self.byline_bias, self.byline_threshold = _ranker(data, "byline", BYLINE_FEATURES)
        self.comment_mean, self.comment_scale, self.comment_weights, self.comment_bias, self.comment_threshold = _ranker(data, "comment", COMMENT_FEATURES)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        scores = ((rows - self.mean) / self.scale) @ self.weights.T + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def zone(self, lines: list[Line], width: int | None, told: frozenset[int] = frozenset()) -> Zoning:
        """The zones of ``lines``; ``told`` holds the lines that the comment grammars read as comments'."""
        if not lines:
            return Zoning((), np.zeros((0, len(ROLES))))
        base = base_features(lines, width, self.stop, told)
        probabilities = self.probabilities(features(base))
        roles = self.path(probabilities)
        scores = self.title_scores(lines, base, probabilities, roles)
        title = self.best_title(scores)
        return Zoning(roles, probabilities, title, scores, self.writers(lines, probabilities, roles, title, told))

    def writers(self, lines: list[Line], probabilities: np.ndarray, roles: tuple[int, ...], title: int | None,
                told: frozenset[int] = frozenset()) -> tuple[tuple[str, ...], float] | None:
        """The names of the byline candidate that the byline ranker puts first, with its probability."""
        found, rows = byline_candidates(lines, probabilities, roles, title, self.stop, told)
        if not found:
            return None
        scores = 1 / (1 + np.exp(-(((rows - self.byline_mean) / self.byline_scale) @ self.byline_weights + self.byline_bias)))
        best = int(np.argmax(scores))
        return found[best][1], float(scores[best])

    def comment_probabilities(self, section: list[Shown], roles: dict[int, tuple[float, float]] | None = None) -> np.ndarray:
        """How likely each comment of a section (in reading order) is a reader's comment, by what it shows and how
        the zoning model reads its lines (``roles``: each line's probabilities of a comment's and of furniture)."""
        if not section:
            return np.zeros(0)
        rows = comment_rows(section, self.stop, roles)
        return 1 / (1 + np.exp(-(((rows - self.comment_mean) / self.comment_scale) @ self.comment_weights + self.comment_bias)))

    def comments_said(self, section: list[Shown], roles: dict[int, tuple[float, float]] | None = None) -> list[bool]:
        """Which comments of a section the comment model finds readers' (from its fitted threshold)."""
        return (self.comment_probabilities(section, roles) >= self.comment_threshold).tolist()

    def path(self, probabilities: np.ndarray) -> tuple[int, ...]:
        """The most likely roles, line by line, under the fitted transitions."""
        return self._viterbi(np.log(probabilities + 1e-12) - self.log_prior)

    def title_scores(self, lines: list[Line], base: np.ndarray, probabilities: np.ndarray, roles: tuple[int, ...]) -> dict[int, float]:
        """The title ranker's score of each candidate line (by index): the higher, the likelier the title."""
        chosen, rows = title_candidates(lines, base, probabilities, roles)
        if not chosen:
            return {}
        scores = ((rows - self.title_mean) / self.title_scale) @ self.title_weights + self.title_bias
        return dict(zip(chosen, scores.tolist()))

    def best_title(self, scores: dict[int, float]) -> int | None:
        """The candidate the title ranker scores highest, if it scores it as a title at all."""
        best = max(scores, key=scores.__getitem__, default=None)
        return best if best is not None and scores[best] > self.title_threshold else None

    def _viterbi(self, emissions: np.ndarray) -> tuple[int, ...]:
        n, k = emissions.shape
        score = self.log_start + emissions[0]
        back = np.zeros((n, k), dtype=np.int64)
        for i in range(1, n):
            candidates = score[:, None] + self.log_transitions
            back[i] = np.argmax(candidates, axis=0)
            score = candidates[back[i], np.arange(k)] + emissions[i]
        path = [int(np.argmax(score))]
        for i in range(n - 1, 0, -1):
            path.append(int(back[i][path[-1]]))
        return tuple(reversed(path))


MODEL_FILE = "zoning.json"


@cache
def zoner() -> Zoner | None:
    """The model shipped in the package, or None when it has not been fitted."""
    try:
        data = json.loads(resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Zoner(data)
