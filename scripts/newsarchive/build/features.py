"""What cross-linking, the timeline and the search index read in one article, worked out from that article alone.

Those stages weigh the whole archive at once, but most of their time went to reading each article's own
text: its name phrases, its paragraphs' shingles and MinHash signatures, its dated sentences, its search
terms. That part depends on nothing but the article, so it is done where the article is parsed (in the
parsing workers) and kept with it in the parse cache: a run after one capture changes reads it back for
every other one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..common.models import Article
from ..common.packed import PackedCounts
from ..link.discover import Reading, read
from ..link.entities import body_texts
from ..link.ner import Recognised, read_names
from ..link.passages import Paragraphs, paragraphs
from ..site.search_index import document_terms
from ..timeline.build import Sentences, dated_sentences


@dataclass(frozen=True)
class Features:
    names: Reading  # what discovery reads in it: name phrases and words
    paragraphs: Paragraphs
    sentences: tuple[Sentences, ...]  # one per body text
    terms: PackedCounts  # what the split search index keeps of it
    recognised: Recognised | None = None  # the names the trained model reads in its body (None: not read)
    language: str | None = None  # the language of the pipeline that read them ("en", "fr"), if one did


def features(article: Article) -> Features:
    texts = body_texts(article)
    plain = [t.text for t in texts]
    language, recognised = read_names(plain)
    return Features(
        read(plain, article.comment_paragraphs()),
        paragraphs(texts),
        dated_sentences(texts, article.published),
        document_terms(article),
        recognised,
        language,
    )


__all__ = ["Features", "features"]
