"""What each article gives cross-linking and the timeline, worked out alone, gives what the whole-archive stages find."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st
from newsarchive import pipeline
from newsarchive.features import features
from newsarchive.link.discover import _phrases, phrase_table, phrases_from_table
from newsarchive.link.passages import NUM_PERM, _signatures

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


def test_features_come_from_the_article_alone() -> None:
    archive, _ = pipeline.collect(goldens.RAW)
    for record, found in zip(archive.records, archive.features):
        again = features(record.article)
        assert np.array_equal(found.phrases, again.phrases)
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
