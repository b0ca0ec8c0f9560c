"""The parser's guarantees, for captures assembled at random from parts."""

from __future__ import annotations

import json
import posixpath
import re

import frontmatter
from ftfy.badness import is_bad
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsarchive.common.jsontext import compact
from newsarchive.link.discover import _CAPITAL_WORD, _LOWER_WORD
from newsarchive.site.markdown import _escaped, md_escape, page_text
from newsarchive.parse import accounted_lines, parse_capture
from newsarchive.parse.lines import split_lines
from newsarchive.common.paths import _relpath, relpath
from newsarchive.capture.read import _near_non_ascii
from newsarchive.site.search_index import terms

WORDS = ["harbour", "council", "river", "market", "station", "museum", "budget", "school", "ferry", "garden", "storm", "library"]
NAMES = ["Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Byrne", "Eli Katz", "Femi Ade"]
HANDLES = ["pat", "Ravi K", "Sam2011", "Lou", "Anonymous", "Kim Lee"]


def sentence(draw, n: int) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n + 8))
    return " ".join(words).capitalize() + ", the residents said on the day."


@st.composite
def captures(draw):
    """A capture and the parts it was built from."""
    parts: dict[str, list[str]] = {"title": [], "byline": [], "body": [], "comments": [], "references": [], "removed": []}
    lines: list[str] = []
    if draw(st.booleans()):
        junk = draw(st.sampled_from(["Skip to main content", "[logo]", "Home | News | Sport | Contact"]))
        lines += [junk, ""]
        parts["removed"].append(junk)
    title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=8))).capitalize()
    lines += [title, ""]
    parts["title"].append(title)
    author = draw(st.sampled_from(NAMES))
    byline = f"By {author} | {draw(st.integers(1, 28))} March 2011"
    lines += [byline, ""]
    parts["byline"].append(byline)
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 3)) == 0:
            items = [f"• {sentence(draw, 3)}" for _ in range(draw(st.integers(2, 4)))]
            lines += items + [""]
            parts["body"] += items
        else:
            paragraph = sentence(draw, 8)
            lines += [paragraph, ""]
            parts["body"].append(paragraph)
    if draw(st.booleans()):
        references = [" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))).title() for _ in range(draw(st.integers(1, 3)))]
        lines += ["Read more", ""] + references + [""]
        parts["references"] += ["Read more", *references]
    for _ in range(draw(st.integers(0, 3))):
        handle = draw(st.sampled_from(HANDLES))
        text = sentence(draw, 4)
        lines += [f"  • {handle}", "", f"    {text}", ""]
        parts["comments"] += [f"• {handle}", text]
        if draw(st.booleans()):
            reply = sentence(draw, 4)
            lines += [f"    • {draw(st.sampled_from(HANDLES))}", "", f"      {reply}", ""]
            parts["comments"] += [reply]
    return "\n".join(lines), parts


def where_lines_went(text: str) -> dict[str, set[str]]:
    article = parse_capture(text)
    numbered = {line.no: line.text for line in split_lines(text)}
    return {zone: {numbered[n] for n in numbers} for zone, numbers in accounted_lines(article).items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(captures())
def test_every_part_lands_where_it_belongs(capture) -> None:
    text, parts = capture
    went = where_lines_went(text)
    assert set(parts["title"]) | set(parts["byline"]) <= went["metadata"]
    assert set(parts["body"]) <= went["body"]
    assert {p for p in parts["comments"]} <= went["comments"]
    assert set(parts["references"]) <= went["references"]
    assert set(parts["removed"]) <= went["removed"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_no_line_is_lost_or_counted_twice(text: str) -> None:
    text = text.replace("\r", "\n")
    article = parse_capture(text)
    numbers = [n for zone in accounted_lines(article).values() for n in zone]
    assert sorted(numbers) == [line.no for line in split_lines(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_front_matter_round_trips_any_title(title: str) -> None:
    loaded = frontmatter.loads(page_text("body", {"title": title, "date": "2011-02-11"}))
    assert loaded["title"] == title and loaded["date"] == "2011-02-11"


@settings(max_examples=50, deadline=None)
@given(captures())
def test_parsing_is_deterministic(capture) -> None:
    text, _ = capture
    assert parse_capture(text) == parse_capture(text)


_SEGMENTS = st.lists(st.sampled_from(["articles", "2011", "02", "a", "b-c", "index.md", "x.md"]), min_size=0, max_size=4)


@given(_SEGMENTS.filter(bool), _SEGMENTS)
def test_relpath_matches_posixpath(target, start):
    """Our string-only relative path equals the standard library's for plain docs-folder paths."""
    path, folder = "/".join(target), "/".join(start)
    assert relpath(path, folder) == posixpath.relpath(path, folder or ".")


@given(st.lists(st.sampled_from(["a", "b", "c.md", ".", "", ".."]), max_size=4).map("/".join), st.lists(st.sampled_from(["a", "b", ".", ""]), max_size=3).map("/".join))
def test_relpath_by_folder_is_the_long_way_for_any_path(path, start):
    """Odd paths too ("a//b", "./a", "a/."): the way through the folder's cached path gives what the long way does."""
    assert relpath(path, start) == _relpath(path, start)


#: Characters that make up mojibake, with plain text around them.
_MOJIBAKE_PARTS = st.lists(
    st.sampled_from(["Ã©", "â€™", "â€œ", "Â ", "Ã ", "Ã\xa0", "ГўВЂВ", "вЂ", "×²", " ", "a", "e.", "Z", "\n", "’", "é", "°", "œ1", "1"])
    | st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=12)
    | st.text(max_size=3),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_MOJIBAKE_PARTS)
def test_the_quick_mojibake_test_sees_what_ftfy_sees_in_the_whole_text(text: str) -> None:
    """ftfy's badness test runs only near non-ASCII characters: it must neither miss nor add a sequence."""
    assert is_bad(_near_non_ascii(text)) == is_bad(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab 1.)#>+=!-&<>\\`*_{}[]|\n\t\u00a0é"), max_size=30) | st.text(max_size=30))
def test_text_left_as_it_is_needed_no_escaping(text: str) -> None:
    assert md_escape(text) == _escaped(text)


@given(st.lists(st.text(alphabet=st.sampled_from("aZb-’'.&_ 1\n\té"), max_size=12), max_size=6))
def test_words_are_counted_alike_in_texts_read_one_by_one_or_joined(texts: list[str]) -> None:
    """Discovery's vocabulary reads texts joined by line breaks: no word may run across one."""
    for pattern in (_LOWER_WORD, _CAPITAL_WORD):
        assert pattern.findall("\n".join(texts)) == [w for t in texts for w in pattern.findall(t)]



@given(st.lists(st.text(alphabet=st.sampled_from("aZΣσς é_1-’'\n\u0301"), max_size=10), max_size=6))
def test_search_terms_are_alike_in_texts_read_one_by_one_or_joined(texts: list[str]) -> None:
    """The search index reads an article's texts joined by line breaks (lower case included: a final sigma)."""
    assert terms("\n".join(texts)) == [term for text in texts for term in terms(text)]



@given(st.text(alphabet=st.sampled_from("ab_1 é-\u0301"), max_size=80))
def test_search_terms_are_the_whole_words_of_two_to_thirty_characters(text: str) -> None:
    assert terms(text) == [t for t in re.findall(r"\w+", text.lower()) if 2 <= len(t) <= 30]


def json_values(numbers):
    return st.recursive(
        st.none() | st.booleans() | numbers | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    )


@given(json_values(st.integers(min_value=-(2**63), max_value=2**64 - 1)))
def test_compact_json_is_what_the_json_module_writes(value) -> None:
    """The data files' JSON (text, whole numbers, lists, objects) is the json module's compact form, whether
    orjson writes it or, for what it refuses, json does."""
    assert compact(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@given(json_values(st.floats(allow_nan=False, allow_infinity=False)))
def test_compact_json_reads_back_as_written(value) -> None:
    """Fractions may be spelled otherwise ("5e-8" for "5e-08"): the same numbers."""
    assert json.loads(compact(value)) == value


def test_compact_json_writes_what_orjson_refuses() -> None:
    assert compact({"text": "a\ud800b", 1: [2]}) == '{"text":"a\ud800b","1":[2]}'


def _asdict_data(article) -> dict:
    """An article as ``dataclasses.asdict`` gives it, made JSON-ready: what ``corpus.jsonl`` held before
    ``render.article_data`` walked the fields itself."""
    import dataclasses
    import enum
    from datetime import datetime

    def plain(value):
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    data = plain(dataclasses.asdict(article))
    data["published"]["iso"] = article.published.iso()
    return data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(captures())
def test_an_articles_corpus_data_is_what_asdict_gives(capture) -> None:
    from newsarchive.site.render import article_data

    article = parse_capture(capture[0])
    assert json.dumps(article_data(article)) == json.dumps(_asdict_data(article))


def _phrases_token_by_token(text: str) -> list:
    """The name phrases of ``text`` found by weighing every token, as ``discover._phrases`` did before it
    passed over lowercase words: the oracle it is held to."""
    from newsarchive.link import discover as d

    phrases: list = []
    current: list = []
    current_link = pending = None

    def close() -> None:
        nonlocal current, current_link
        if current:
            phrases.append(d._Phrase(current, d.sentence_initial(text, current[0].start), current_link))
            if current_link and len(phrases) > 1:
                phrases[-2].joined = True
        current, current_link = [], None

    previous_end, previous_possessive = -1, True
    for match in d._TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        possessive = len(word) > 2 and word[-2] in "’'" and word[-1] in "sS"
        if possessive:
            word, end = word[:-2], end - 2
        adjacent = not previous_possessive and start == previous_end + 1 and text[previous_end] == " "
        previous_end, previous_possessive = end, possessive
        if d._is_name_word(word):
            token = d._Token(start, end, word, possessive)
            if current and adjacent:
                current.append(token)
            else:
                close()
                current, current_link = [token], (pending if adjacent else None)
            pending = None
        elif current and adjacent and d._NUMBER.fullmatch(word) and d._ends_number(text, end):
            current.append(d._Token(start, end, word, possessive))
            close()
            pending = None
        elif current and adjacent and not possessive and word.lower() in d._CONNECTORS:
            close()
            pending = word.lower()
        else:
            if current:
                close()
            pending = None
    close()
    return phrases


_NAME_TEXT = st.lists(
    st.tuples(
        st.sampled_from(
            ["Nokia", "Stephen", "Elop", "Microsoft’s", "iPhone", "U.S.", "WP7", "Windows", "Phone", "7", "2011", "3.5", "1,300",
             "and", "of", "van", "de", "the", "said", "company's", "élan", "e-Mail", "Mobile", "World", "Congress", "x", "Ärger"]
        ),
        st.sampled_from([" ", " ", " ", "", "  ", ", ", ". ", "-", " (", "” ", "\n"]),
    ),
    max_size=30,
).map(lambda parts: "".join(word + gap for word, gap in parts))


@settings(max_examples=400, deadline=None)
@given(_NAME_TEXT)
def test_name_phrases_are_those_found_token_by_token(text: str) -> None:
    from newsarchive.link.discover import _phrases

    def shown(phrases: list) -> list:
        return [([(t.start, t.end, t.text, t.possessive) for t in p.tokens], p.initial, p.joined_by, p.joined) for p in phrases]

    assert shown(_phrases(text)) == shown(_phrases_token_by_token(text))
