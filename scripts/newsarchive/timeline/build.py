"""The timeline: every article at its publication, and the dated events that the articles tell.

The same event told by several articles (or twice in one) is one event with
every source: sentences that share an event's name, or two names and a word of
substance, on the same date; a year or month that a finer date of the same
story refines is folded into it.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..common.models import Article, Precision, PubDate
from ..link import Kind, Links, Spot
from ..link.entities import body_texts
from ..link.models import Text, entities_by_page
from .expressions import Found, Span, When, find_expressions, quoted_spans, sentences


@dataclass(frozen=True)
class Evidence:
    """A sentence of an article that dates an event."""

    article: str
    spot: Spot
    sentence: str
    expression: str
    when: When


@dataclass(frozen=True)
class Event:
    when: When
    evidence: tuple[Evidence, ...]
    entities: tuple[str, ...]  # entity ids, in order of first mention

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article for e in self.evidence))


@dataclass(frozen=True)
class Undated:
    """An article whose capture gives no date, with where an inference would place it and why."""

    article: str
    inferred: When | None = None
    reason: str = ""
    because_of: tuple[str, ...] = ()  # pages of the dated articles the inference rests on


@dataclass(frozen=True)
class Timeline:
    articles: tuple[str, ...]  # dated pages, in order of publication
    events: tuple[Event, ...]  # in order of date
    undated: tuple[Undated, ...]


_WORD = re.compile(r"[a-z]{6,}")
_DULL = frozenset(
    """about after again against along already although among another around because before being between
    company companies could during every first further having their there these thing think those though
    three through today under until where which while would years other since still things really going
    further already almost always around behind beside beyond either enough except itself likely little
    making mostly nearly neither nothing perhaps rather should something sometimes somewhat unless whether
    within without yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday morning
    afternoon evening announced announcement statement reported according""".split()
)


def _keywords(sentence: str, names: set[str]) -> set[str]:
    named = {w for name in names for w in name.lower().split()}
    return {w[:6] for w in _WORD.findall(sentence.lower()) if w not in _DULL and w not in named}


@dataclass
class _Draft:
    when: When
    evidence: list[Evidence]
    entities: list[str]
    keywords: set[str]
    members: list[_Draft] | None = None  # the sentences a cluster was made of
    setting: list[str] = field(default_factory=list)  # events named just before: shown, never used to merge


def _likeness(a: _Draft, b: _Draft, events: set[str]) -> float:
    """How surely two dated sentences tell one event; 0 when they may not."""
    if a.evidence[0].sentence == b.evidence[0].sentence:
        return 100.0
    shared = set(a.entities) & set(b.entities)
    if shared & events:
        return 10.0
    common = len(a.keywords & b.keywords)
    if len(shared) >= 3 or (len(shared) >= 2 and common):
        return len(shared) + common
    return 0.0


def _cluster_likeness(cluster: _Draft, draft: _Draft, events: set[str]) -> float:
    return max(_likeness(member, draft, events) for member in cluster.members or [cluster])


def _contains(coarse: When, fine: When) -> bool:
    if coarse.span is Span.YEAR:
        return fine.value.year == coarse.value.year and fine.span is not Span.YEAR
    if coarse.span is Span.MONTH:
        return (fine.value.year, fine.value.month) == (coarse.value.year, coarse.value.month) and fine.span in (Span.DAY, Span.MINUTE)
    return False


def _best(clusters: list[_Draft], draft: _Draft, events: set[str]) -> int | None:
    """The position in ``clusters`` of the one most like ``draft``, if any is like it at all."""
    scored = [(_cluster_likeness(c, draft, events), n) for n, c in enumerate(clusters)]
    scored = [(score, n) for score, n in scored if score > 0]
    return max(scored)[1] if scored else None


def _merge(drafts: list[_Draft], events: set[str]) -> list[_Draft]:
    by_date: defaultdict[tuple[str, str], list[_Draft]] = defaultdict(list)
    for draft in drafts:
        by_date[(draft.when.iso(), draft.when.span.value)].append(draft)
    merged: list[_Draft] = []
    for group in by_date.values():
        clusters: list[_Draft] = []
        # a sentence is like a cluster only if one of its members is the same sentence or names what it names,
        # so only those clusters are weighed: found by sentence and by entity, in the order they were made
        by_sentence: defaultdict[str, set[int]] = defaultdict(set)
        by_entity: defaultdict[str, set[int]] = defaultdict(set)
        for draft in group:
            near = sorted(by_sentence[draft.evidence[0].sentence].union(*(by_entity[e] for e in draft.entities)))
            best = _best([clusters[n] for n in near], draft, events)
            if best is None:
                number = len(clusters)
                clusters.append(_Draft(draft.when, list(draft.evidence), list(draft.entities), set(draft.keywords), [draft], list(draft.setting)))
            else:
                number = near[best]
                _absorb(clusters[number], draft)
            by_sentence[draft.evidence[0].sentence].add(number)
            for entity in draft.entities:
                by_entity[entity].add(number)
        merged.extend(clusters)
    # a year or month folds into a finer date of the same story
    kept: list[_Draft] = []
    # finer clusters indexed by the periods that hold them and the names they share, so that a coarse
    # date is compared only with the finer dates of its period that name something it names
    finer: defaultdict[tuple, list[_Draft]] = defaultdict(list)
    for cluster in sorted(merged, key=lambda d: _RANK[d.when.span]):
        when = cluster.when
        period = (when.value.year,) if when.span is Span.YEAR else (when.value.year, when.value.month) if when.span is Span.MONTH else None
        home = None
        if period is not None:
            candidates = {id(k): k for entity in cluster.entities for k in finer[(period, entity)] if _contains(when, k.when)}
            finer_ones = list(candidates.values())
            best = _best(finer_ones, cluster, events)
            home = finer_ones[best] if best is not None else None
        if home is not None:
            _absorb(home, cluster)
            continue
        kept.append(cluster)
        for entity in cluster.entities:
            if when.span is not Span.YEAR:
                finer[((when.value.year,), entity)].append(cluster)
            if when.span in (Span.DAY, Span.MINUTE):
                finer[((when.value.year, when.value.month), entity)].append(cluster)
    return kept


_RANK = {Span.MINUTE: 0, Span.DAY: 1, Span.APPROXIMATE: 2, Span.MONTH: 3, Span.YEAR: 4}


def _absorb(home: _Draft, other: _Draft) -> None:
    assert home.members is not None
    home.members.extend(other.members or [other])
    home.evidence.extend(other.evidence)
    home.entities.extend(e for e in other.entities if e not in home.entities)
    home.setting.extend(e for e in other.setting if e not in home.setting)
    home.keywords |= other.keywords


def sort_key(when: When) -> tuple[int, int, int]:
    if when.span is Span.YEAR:
        return (when.value.year, 0, 0)
    if when.span is Span.MONTH:
        return (when.value.year, when.value.month, 0)
    return (when.value.year, when.value.month, when.value.day)


def published_key(published: PubDate) -> tuple[int, int, int, int, int]:
    value = published.value
    assert value is not None
    if published.precision is Precision.YEAR:
        return (value.year, 0, 0, 0, 0)
    if published.precision is Precision.MONTH:
        return (value.year, value.month, 0, 0, 0)
    minutes = value.hour * 60 + value.minute if published.precision is Precision.MINUTE else 0
    return (value.year, value.month, value.day, 1, minutes)


@dataclass(frozen=True)
class Sentences:
    """The sentences of one body text, by where they start and end, and the dates of those that give any."""

    spot: Spot
    #: start and end of each sentence in turn ([start 0, end 0, start 1, …]) as unsigned ints (``array("I")``'s
    #: bytes): compact, as an archive holds many, and read back from the parse cache as plain bytes
    bounds: bytes
    dated: tuple[tuple[int, str, tuple[Found, ...]], ...]  # (sentence number, sentence, its date expressions)


def dated_sentences(texts: Sequence[Text], published: PubDate) -> tuple[Sentences, ...]:
    """What the timeline reads in each of an article's ``body_texts``, worked out from them and its date alone."""
    found = []
    for text in texts:
        quoted = quoted_spans(text.text)
        bounds, dated = array("I"), []
        for number, (offset, sentence) in enumerate(sentences(text.text)):
            bounds += array("I", (offset, offset + len(sentence)))
            local = [(s - offset, e - offset) for s, e in quoted if e > offset and s < offset + len(sentence)]
            expressions = find_expressions(sentence, published, local)
            if expressions:
                dated.append((number, sentence, tuple(expressions)))
        found.append(Sentences(text.spot, bounds.tobytes(), tuple(dated)))
    return tuple(found)


def _drafts(
    page: str,
    mentions: dict[tuple[str, Spot], list[tuple[int, int, str]]],
    names: dict[str, str],
    events: set[str],
    texts: tuple[Sentences, ...],
) -> list[_Draft]:
    drafts = []
    for read in texts:
        if not read.dated:
            continue
        found = mentions.get((page, read.spot), [])
        bounds = memoryview(read.bounds).cast("I")

        def named_in(number: int) -> list[str]:
            offset, end = bounds[2 * number], bounds[2 * number + 1]
            # ``found`` is sorted: the mentions that start in the sentence stand together
            inside = found[bisect.bisect_left(found, (offset,)): bisect.bisect_left(found, (end,))]
            return list(dict.fromkeys(entity for _, _, entity in inside))

        for number, sentence, expressions in read.dated:
            named = named_in(number)
            # an event named in the sentence before: "All eyes are on Mobile World Congress."
            setting = [e for e in named_in(number - 1) if e in events and e not in named] if number else []
            for expression in expressions:
                evidence = Evidence(page, read.spot, sentence, expression.when.expression, expression.when)
                drafts.append(_Draft(expression.when, [evidence], named, _keywords(sentence, {names[e] for e in named}), setting=setting))
    return drafts


def _undated(
    page: str, links: Links, published: dict[str, PubDate], days_events: dict[date, list[Event]], own: set[str], names: dict[str, str]
) -> Undated:
    """Place an undated article where its closest dated relatives agree, if they do, and say why.

    ``days_events`` are the day-precise events by day; ``own`` the ids of the entities the article names.
    """
    related = [r for r in links.related.get(page, ()) if r.article in published]
    days = {published[r.article].value.date() for r in related if published[r.article].precision in (Precision.MINUTE, Precision.DAY)}  # type: ignore[union-attr]
    strong = [r for r in related if r.shared_passages or len(r.shared_entities) >= 3]
    if len(days) != 1 or not strong:
        return Undated(page)
    (day,) = days
    told = [event for event in days_events.get(day, ()) if len(own & set(event.entities)) >= 2]
    told.sort(key=lambda event: (-len(own & set(event.entities)), -len(event.sources)))
    if not told:
        return Undated(page)
    shared = [names[e] for e in told[0].entities if e in own][:4]
    reason = (
        f"its capture gives no date; it tells the same story as {len(related)} article{'s' if len(related) > 1 else ''} "
        f"published that day (they share {', '.join(shared)}), and an event of that day: “{told[0].evidence[0].sentence}”"
    )
    return Undated(page, When(day, Span.APPROXIMATE, "inferred"), reason, tuple(r.article for r in related))


def build_timeline(articles: Sequence[tuple[str, Article]], links: Links, read: Sequence[tuple[Sentences, ...]] | None = None) -> Timeline:
    """Place every article and every dated event of the archive in order.

    ``read`` are the ``dated_sentences`` of each article, in order, when they are known already.
    """
    names = {e.id: e.name for e in links.entities}
    events_kind = {e.id for e in links.entities if e.kind is Kind.EVENT}
    mentions: defaultdict[tuple[str, Spot], list[tuple[int, int, str]]] = defaultdict(list)
    for entity in links.entities:
        for mention in entity.mentions:
            mentions[(mention.article, mention.spot)].append((mention.start, mention.end, entity.id))
    for found in mentions.values():
        found.sort()
    drafts = [
        draft
        for number, (page, article) in enumerate(articles)
        for draft in _drafts(
            page, mentions, names, events_kind, read[number] if read is not None else dated_sentences(body_texts(article), article.published)
        )
    ]
    order = {page: n for n, (page, _) in enumerate(articles)}
    published = {page: a.published for page, a in articles if a.published.known}
    events = [
        Event(
            d.when,
            tuple(sorted(d.evidence, key=lambda e: (published_key(published[e.article]) if e.article in published else (9999,), order[e.article]))),
            tuple(d.entities + [e for e in d.setting if e not in d.entities]),
        )
        for d in _merge(drafts, events_kind)
    ]
    events.sort(key=lambda e: (sort_key(e.when), _RANK[e.when.span] * -1, e.evidence[0].sentence))
    dated = sorted(published, key=lambda p: (published_key(published[p]), p))
    days_events: defaultdict[date, list[Event]] = defaultdict(list)
    for event in events:
        if event.when.span is Span.DAY:
            days_events[event.when.value].append(event)
    own = entities_by_page(links.entities)
    undated = tuple(_undated(page, links, published, days_events, own.get(page, set()), names) for page, a in articles if not a.published.known)
    return Timeline(tuple(dated), tuple(events), undated)



