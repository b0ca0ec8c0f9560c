"""What each article gives cross-linking and the timeline, worked out alone, gives what the whole-archive stages find."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st
from newsarchive.build import pipeline
from newsarchive.build.features import features
from newsarchive.link.discover import _phrases, _support_acronyms, _Usage, vocabulary, phrase_table, phrases_from_table, read
from newsarchive.link.passages import BANDS, LSH_THRESHOLD, NUM_PERM, ROWS, _signatures
from newsarchive.common.packed import PackedCounts

from tests import goldens

PIECES = [
    "Nokia", "Stephen Elop", "Windows Phone 7", "WP7", "Microsoft’s", "Elop's", "iPhone", "Bank of America", "and", "of",
    "van", "the", "said", "on", "Friday", "3.5", "million", "1,300", "“", "”", ".", ",", "—", "Mr", "CEO", "Strategy",
]


def _plain(phrases) -> list[tuple]:
    return [(tuple((t.start, t.end, t.text, t.possessive) for t in p.tokens), p.initial, p.joined_by, p.joined) for p in phrases]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join), max_size=4))
def test_packed_phrases_unpack_to_the_phrases_of_each_text(texts: list[str]) -> None:
    unpacked = phrases_from_table(phrase_table(texts), texts)
    assert [_plain(p) for p in unpacked] == [_plain(_phrases(t)) for t in texts]


def test_the_stages_find_the_same_with_features_as_without() -> None:
    """Cross-links and timeline from features made in the parsing step equal those worked out from the articles."""
    archive, _ = pipeline.collect(goldens.RAW)
    assert len(archive.features) == len(archive.records) > 3
    bare = archive.without_features()
    _, with_features = pipeline.link_archive(archive)
    _, without = pipeline.link_archive(bare)
    assert with_features == without
    assert with_features.passages  # the fixtures share passages, so the paragraphs' signatures were used
    assert pipeline.place(archive, with_features) == pipeline.place(bare, without)
    linked = archive.linked()  # what the stages after cross-linking keep of the features
    assert not linked.features and len(linked.sentences) == len(linked.terms) == len(archive.records)
    assert pipeline.place(linked, with_features) == pipeline.place(bare, without)
    assert linked.without_features().terms == linked.terms and not linked.without_features().sentences


def test_features_come_from_the_article_alone() -> None:
    archive, _ = pipeline.collect(goldens.RAW)
    for record, found in zip(archive.records, archive.features):
        again = features(record.article)
        assert np.array_equal(found.names.phrases, again.names.phrases)
        assert (found.names.lower, found.names.support_caps, found.names.acronyms) == (again.names.lower, again.names.support_caps, again.names.acronyms)
        assert found.terms == again.terms
        assert found.paragraphs.spots == again.paragraphs.spots
        assert np.array_equal(found.paragraphs.signatures, again.paragraphs.signatures)
        assert found.sentences == again.sentences


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=60, unique=True).map(sorted), max_size=8))
def test_signatures_are_datasketch_minhashes(units: list[list[int]]) -> None:
    """All of an article's paragraphs are signed at once, to the very values of datasketch's own MinHash."""
    arrays = [np.array(unit, dtype=np.uint32) for unit in units]
    expected = [m.hashvalues for m in MinHash.bulk(units, num_perm=NUM_PERM, hashfunc=int)]
    assert _signatures(arrays).tolist() == [row.tolist() for row in expected]


def test_the_bands_are_datasketchs() -> None:
    """Paragraphs are bucketed in the bands and rows datasketch's LSH chooses for the threshold."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    assert (BANDS, ROWS) == (lsh.b, lsh.r)


ARTICLE_TEXTS = st.lists(st.lists(st.sampled_from(PIECES + ["nokia", "phone", "MWC", "NASA’s", "U.S.", "x"]), max_size=20).map(" ".join), max_size=3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ARTICLE_TEXTS, ARTICLE_TEXTS), max_size=5))
def test_each_articles_words_sum_to_the_archives(articles: list[tuple[list[str], list[str]]]) -> None:
    """Discovery's word counts, read one article at a time in the parsing workers, add up to those of all texts at once."""
    readings = [read(texts, comments) for texts, comments in articles]
    lower, caps = Counter(), Counter()
    for reading in readings:
        reading.lower.add_to(lower)
        reading.support_caps.add_to(caps)
    every_text = [t for texts, _ in articles for t in texts]
    every_comment = [c for _, comments in articles for c in comments]
    assert (lower, caps) == vocabulary(every_text, every_comment)
    assert {a for r in readings for a in r.acronyms} == _support_acronyms(every_comment)
    summed, whole = _Usage(), _Usage()
    for reading in readings:
        summed.add_packed(reading.usage)
    for text in every_text:
        whole.add(_phrases(text))
    assert summed == whole


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1).filter(lambda w: "\n" not in w), st.one_of(st.integers(0, 300), st.integers(0, 2**64 - 1))))
def test_packed_counts_unpack_to_the_same_counts_in_order(counts: dict[str, int]) -> None:
    assert list(PackedCounts.of(counts).items()) == list(counts.items())
    total = Counter({word: 1 for word in list(counts)[::2]} | {"elsewhere": 3})
    expected = total + Counter(counts)  # (a Counter's sum drops what adds up to none)
    PackedCounts.of(counts).add_to(total)
    assert +total == expected


def test_a_word_that_would_not_unpack_is_refused() -> None:
    for counts in ({"two\nlines": 1}, {"": 2}, {"a": 1, "": 1}):
        with pytest.raises(ValueError):
            PackedCounts.of(counts)
    with pytest.raises(OverflowError):
        PackedCounts.of({"a": -1})


def test_counts_take_the_smallest_type_that_holds_them() -> None:
    assert [PackedCounts.of({"a": 1, "b": n}).counts.itemsize for n in (255, 256, 65536, 2**32)] == [1, 2, 4, 8]
