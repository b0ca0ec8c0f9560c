"""A search index split by term, for archives too large for Material's single index.

Material's search fetches one index of every page before its first result
(7 MB, 2.8 MB gzipped, per 1,000 articles); from ``file://`` a large one
freezes every page load. This index is split into shards by the first letters
of each term, and into chunks of document summaries. A query loads the small
manifest, the shard of each of its terms and the chunks of its best results,
all as ``<script>`` files, which browsers load from ``file://`` too.
``docs/javascripts/na-search.js`` answers queries typed in Material's own
search box with it.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from itertools import repeat

from .jsontext import compact
from .models import Article
from .packed import PackedCounts
from .records import Record, built_address

SEARCH_DIR = "search/na"
SHARD_BYTES = 120_000  # a shard above this (before gzip) is split by one more letter
DOCS_PER_CHUNK = 10  # a result fetches its chunk: the 20 shown may each sit in another one
SNIPPET = 220
TITLE_WEIGHT = 5

#: A whole run of word characters, 2 to 30 long: what the index keeps of the runs na-search.js splits queries into.
_TERM = re.compile(r"(?<!\w)\w{2,30}(?!\w)")


def terms(text: str) -> list[str]:
    """The words of ``text`` as the index keeps them; na-search.js splits queries the same way."""
    return _TERM.findall(text.lower())


def document_terms(article: Article) -> PackedCounts:
    """The terms the index keeps of ``article`` (title, body and comments) with their weights, the title's
    weighing ``TITLE_WEIGHT`` each; packed, for they are worked out where the article is parsed (``features``)
    and cached with it, and a run after one capture changed reads them back instead of splitting every article again."""
    counts: Counter[str] = Counter()
    for term in terms(article.title):
        counts[term] += TITLE_WEIGHT
    texts = [text for block in article.body for text in (block.text, *(item.text for item in block.items))]
    counts.update(terms("\n".join(texts + article.comment_paragraphs())))  # no word runs across a line break
    return PackedCounts.of(counts)


def _script(call: str, key: object, data: object) -> str:
    payload = compact(data)
    # JSON inside a script file: "</" and line separators are the only sequences that could end or break it
    payload = payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"naSearch.{call}({json.dumps(key)},{payload});\n"


def _shards(postings: dict[str, list[int]]) -> dict[str, dict[str, list[int]]]:
    """Terms grouped by their first letters, two at least, more where a group would be too large."""
    shards: dict[str, dict[str, list[int]]] = {}
    pending: list[tuple[int, dict[str, list[int]]]] = [(2, postings)]
    while pending:
        length, group = pending.pop()
        by_key: defaultdict[str, dict[str, list[int]]] = defaultdict(dict)
        for term, posting in group.items():
            by_key[term[:length]][term] = posting
        for key, members in by_key.items():
            size = sum(len(t) + 6 * len(p) for t, p in members.items())
            longer = [t for t in members if len(t) > length]
            if size > SHARD_BYTES and longer and length < 6:
                pending.append((length + 1, {t: members[t] for t in longer}))
                short = {t: p for t, p in members.items() if len(t) <= length}
                if short:
                    shards[key] = short
            else:
                shards[key] = members
    return shards


#: The manifest of an archive small enough for Material's own search: na-search.js then stays out of the way.
SMALL_ARCHIVE_MANIFEST = 'naSearch.manifest("index",{"split":false});\n'


def build_search_index(records: Sequence[Record], known: Sequence[PackedCounts] = ()) -> dict[str, str]:
    """Every file of the split index, by path in the docs folder.

    ``known`` holds the ``document_terms`` of each record, in the order of ``records``, when they were worked
    out beforehand; without them they are worked out here.
    """
    found = known or [document_terms(record.article) for record in records]
    if len(found) != len(records):
        raise ValueError(f"{len(found)} documents' terms for {len(records)} records")
    order = sorted(range(len(records)), key=lambda i: records[i].page)
    postings: defaultdict[str, list[int]] = defaultdict(list)
    posting = postings.__getitem__  # a new term's list made by the defaultdict, in C
    summaries = []
    for number, index in enumerate(order):
        record = records[index]
        counts = found[index]
        if counts.words:  # each term's posting extended by (number, weight), in C loops: 10,000 articles hold millions
            deque(map(list.extend, map(posting, counts.words.split("\n")), zip(repeat(number), counts.counts)), maxlen=0)
        first = next((b.text for b in record.article.body if b.text), "")
        meta = " · ".join(p for p in (record.author_text, record.article.published.iso() or "undated") if p)
        summaries.append([built_address(record.page), record.article.title, meta, first[:SNIPPET]])
    shards = _shards(postings)
    files = {f"{SEARCH_DIR}/t/{key}.js": _script("shard", key, members) for key, members in shards.items()}
    chunks = [summaries[i: i + DOCS_PER_CHUNK] for i in range(0, len(summaries), DOCS_PER_CHUNK)]
    files.update({f"{SEARCH_DIR}/d/{n}.js": _script("docs", n, chunk) for n, chunk in enumerate(chunks)})
    manifest = {"split": True, "documents": len(summaries), "perChunk": DOCS_PER_CHUNK, "shards": sorted(shards)}
    files[f"{SEARCH_DIR}/manifest.js"] = _script("manifest", "index", manifest)
    return files
