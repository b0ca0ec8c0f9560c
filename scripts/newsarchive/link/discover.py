"""Entity discovery from the corpus itself: capitalised phrases that recur, with their aliases merged.

No model: a phrase is a run of capitalised words (with a trailing version
number, and "and"/"of" joins where the parts never stand alone). Sentence-initial
words count only when the corpus also capitalises them mid-sentence, so
"Speculation began…" names nothing, or when a full name only ever starts
sentences ("Maria Lopez said…", more than once). Aliases are merged by rules that an editor
would use: a surname alone after the full name, a plural, an acronym of the
initials, a name without its version number when only one version is named.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..common.memo import StepCache
from ..common.packed import PackedCounts
from . import lexicon

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_][\w&]*(?:[-’'.][^\W_][\w&]*)*")
_NUMBER = re.compile(r"\d{1,4}(?:\.\d{1,2})?")
_OPENERS = "“‘\"'([{«‹—–-*•"
_ENDERS = ".!?:;…"
_CLOSERS = "”’\"')]}»›"


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str  # without a possessive "’s": the text's own characters from start to end
    possessive: bool

    @property
    def lower(self) -> str:
        return self.text.lower()


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(word) <= 8


def _is_capitalised(word: str) -> bool:
    if not word or not word[0].isalpha():
        return False
    if word[0].isupper():
        return True
    # camel case names: iPhone, eBay, adCenter
    return len(word) >= 4 and any(c.isupper() for c in word[1:]) and word.isalnum()


@functools.lru_cache(maxsize=65536)
def _is_name_word(word: str) -> bool:
    lower = word.lower()
    if not _is_capitalised(word) or lower in lexicon.STOP or lower in lexicon.ROLES:
        return False
    return not (is_acronym(word) and lower in lexicon.COMMON_ACRONYMS)


def sentence_initial(text: str, start: int) -> bool:
    """Whether what starts at ``start`` of ``text`` opens a sentence (after quotes or brackets that open it)."""
    before = text[:start].rstrip()
    stripped = before.rstrip(_OPENERS + " ")
    if not stripped:
        return True
    if stripped[-1] in _ENDERS:
        return True
    return stripped[-1] in _CLOSERS and len(stripped) > 1 and stripped[-2] in _ENDERS


class _computed_once:
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first look, which was a
    fifth of discovery's time): the value is kept in the instance on first use, which reads it from there after."""

    def __init__(self, function: Callable[[Any], str]) -> None:
        self.function, self.name = function, function.__name__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass
class _Phrase:
    """A run of name words in one text: the parts it joins, and how it starts."""

    tokens: list[_Token]
    initial: bool
    joined_by: str | None = None  # connector to the previous phrase ("and", "of", "van"…)
    joined: bool = False  # a later phrase is linked to this one by a connector

    @_computed_once
    def key(self) -> str:  # asked for several times by each pass over a phrase; its tokens are all in by then
        return " ".join([t.text for t in self.tokens])

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


# Long: one pass over the words of a text, the innermost loop of cross-linking, kept in one frame so that no
# word pays for a call.
def _phrases(text: str) -> list[_Phrase]:
    """The runs of name words in ``text``, with the connectors between runs noted.

    Tokens are made only for the words a phrase keeps: most words of a text are neither names nor
    connectors, and an object for each was most of the cross-linking time.
    """
    phrases: list[_Phrase] = []
    current: list[_Token] = []
    current_link: str | None = None  # connector between the previous phrase and the current one
    pending: str | None = None  # connector seen right after the last phrase

    def close() -> None:
        nonlocal current, current_link
        if current:
            phrases.append(_Phrase(current, sentence_initial(text, current[0].start), current_link))
            if current_link and len(phrases) > 1:
                phrases[-2].joined = True
        current, current_link = [], None

    previous_end = -1
    previous_possessive = True  # nothing before the first word is adjacent to it
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word.islower() and word not in _CONNECTORS:
            # Neither a name word, a number nor a connector (most words): it would close the phrase and clear
            # the connector, which is what the next word kept does, for it is not adjacent to the last one kept.
            continue
        start, end = match.span()
        possessive = len(word) > 2 and word[-2] in "’'" and word[-1] in "sS"
        if possessive:
            word, end = word[:-2], end - 2
        adjacent = not previous_possessive and start == previous_end + 1 and text[previous_end] == " "
        previous_end, previous_possessive = end, possessive
        if _is_name_word(word) or (word == "New" and _heads_name(text, start, end)):
            token = _Token(start, end, word, possessive)
            if current and adjacent:
                current.append(token)
            else:
                close()
                current, current_link = [token], (pending if adjacent else None)
            pending = None
        elif current and adjacent and _NUMBER.fullmatch(word) and _ends_number(text, end):
            current.append(_Token(start, end, word, possessive))
            close()
            pending = None
        elif current and adjacent and not possessive and word.lower() in _CONNECTORS:
            close()
            pending = word.lower()
        else:
            if current:
                close()
            pending = None
    close()
    return phrases


_CONNECTORS = lexicon.PARTICLES | lexicon.JOINERS


def _heads_name(text: str, start: int, end: int) -> bool:
    """"New" as the first word of a place's name ("in New York", "New Zealand's"), not of a sentence ("New phones …")."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].isupper() and not sentence_initial(text, start)


def _ends_number(text: str, end: int) -> bool:
    """A version number ends here: not "1,300" nor "3.5 million"."""
    rest = text[end: end + 2]
    return not (len(rest) == 2 and rest[0] in ",." and rest[1].isdigit())


_CONNECTOR_CODES = sorted(_CONNECTORS)
_POSSESSIVE, _INITIAL, _JOINED = 1, 2, 4  # flag bits; the connector's code sits above them


def phrase_table(texts: Sequence[str]) -> np.ndarray:
    """The name phrases of ``texts`` packed as rows of int32, one per word: text, phrase, start, end, flags.

    A few bytes a word where phrase objects take hundreds: what the parsing workers hand back and the
    cache keeps, for ``phrases_from_table`` to unpack one article at a time.
    """
    return _table([_phrases(text) for text in texts])


def _table(found: Sequence[list[_Phrase]]) -> np.ndarray:
    """``phrase_table`` of texts whose phrases are ``found``."""
    rows: list[tuple[int, int, int, int, int]] = []
    for number, phrases in enumerate(found):
        for index, phrase in enumerate(phrases):
            flags = (_INITIAL if phrase.initial else 0) | (_JOINED if phrase.joined else 0)
            flags |= (_CONNECTOR_CODES.index(phrase.joined_by) + 1) << 3 if phrase.joined_by else 0
            rows.extend((number, index, t.start, t.end, flags | (_POSSESSIVE if t.possessive else 0)) for t in phrase.tokens)
    return np.array(rows, dtype=np.int32).reshape(-1, 5)


def phrases_from_table(table: np.ndarray, texts: Sequence[str]) -> list[list[_Phrase]]:
    """The phrases of each of ``texts``, as ``_phrases`` finds them, from their ``phrase_table``."""
    found: list[list[_Phrase]] = [[] for _ in texts]
    last_number = last_index = -1
    tokens: list[_Token] = []
    for number, index, start, end, flags in table.tolist():
        token = _Token(start, end, texts[number][start:end], bool(flags & _POSSESSIVE))
        if index == last_index and number == last_number:
            tokens.append(token)
            continue
        last_number, last_index, tokens = number, index, [token]
        code = flags >> 3
        found[number].append(_Phrase(tokens, bool(flags & _INITIAL), _CONNECTOR_CODES[code - 1] if code else None, bool(flags & _JOINED)))
    return found


@dataclass(slots=True)
class _Occurrence:
    """A name phrase as an article uses it, ``times`` times: the same phrase of one article is weighed once."""

    article: str
    key: str
    words: tuple[str, ...]
    joined: bool = False  # made by joining two runs with "and", "of"…
    times: int = 1


@dataclass
class Candidate:
    """A discovered name with its surface forms, before kinds and mentions are worked out."""

    name: str
    surfaces: set[str] = field(default_factory=set)
    count: int = 0
    articles: set[str] = field(default_factory=set)


_LOWER_WORD = re.compile(r"(?<![\w’'.-])[a-z][\w&]*(?:[-’'.][a-z][\w&]*)*")
_CAPITAL_WORD = re.compile(r"(?<![\w’'.-])[A-Z][\w&]*(?:[-’'.][\w&]+)*")


def vocabulary(texts: Iterable[str], support: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Lowercase words of the texts and the supporting text (comments), and the name words the supporting text capitalises."""
    lower: Counter[str] = Counter()
    support_caps: Counter[str] = Counter()
    # Texts are read some hundreds at a time, joined by line breaks, which no word pattern reads across.
    for joined in _joined(texts):
        lower.update(_LOWER_WORD.findall(joined))
    for joined in _joined(support):
        lower.update(_LOWER_WORD.findall(joined))
        support_caps.update(w for w in _CAPITAL_WORD.findall(joined) if _is_name_word(w))
    return lower, support_caps


def _joined(texts: Iterable[str], size: int = 512) -> Iterator[str]:
    iterator = iter(texts)
    while group := list(itertools.islice(iterator, size)):
        yield "\n".join(group)


@dataclass
class _Usage:
    """How texts use their name phrases, which decides which phrases join and which sentence-initial words are names."""

    standalone: Counter[str] = field(default_factory=Counter)  # keys of phrases joined to no other
    initial_runs: Counter[str] = field(default_factory=Counter)  # keys of sentence-initial phrases of two words or more
    mid_keys: Counter[str] = field(default_factory=Counter)  # keys of phrases within a sentence
    mid_words: Counter[str] = field(default_factory=Counter)  # words of phrases, but a sentence's first

    def add(self, phrases: Iterable[_Phrase]) -> None:
        for phrase in phrases:
            if phrase.initial and len(phrase.tokens) > 1:
                self.initial_runs[phrase.key] += 1
            if not phrase.joined_by and not phrase.joined:
                self.standalone[phrase.key] += 1
            if not phrase.initial:
                self.mid_keys[phrase.key] += 1
            self.mid_words.update([t.text for t in phrase.tokens[0 if not phrase.initial else 1:]])

    def packed(self) -> tuple[PackedCounts, ...]:
        return tuple(PackedCounts.of(counts) for counts in (self.standalone, self.initial_runs, self.mid_keys, self.mid_words))

    def counters(self) -> tuple[Counter[str], ...]:
        return self.standalone, self.initial_runs, self.mid_keys, self.mid_words

    def add_packed(self, packed: Sequence[PackedCounts]) -> None:
        for counts, total in zip(packed, self.counters()):
            counts.add_to(total)


@dataclass(frozen=True)
class Reading:
    """What discovery reads in one article, worked out from that article alone (``read``).

    Summed over the archive, the counts are those ``discover`` would count in all the texts at once.
    """

    phrases: np.ndarray  # the ``phrase_table`` of its body texts
    usage: tuple[PackedCounts, ...]  # how they use their phrases (``_Usage.packed``)
    lower: PackedCounts  # the lowercase words of its body texts and its comments
    support_caps: PackedCounts  # the name words its comments capitalise
    acronyms: tuple[str, ...]  # the acronyms its comments use (``_support_acronyms``)


def read(texts: Sequence[str], support: Sequence[str]) -> Reading:
    """What discovery reads in an article whose body texts are ``texts`` and whose comments' paragraphs are ``support``."""
    found = [_phrases(text) for text in texts]
    usage = _Usage()
    for phrases in found:
        usage.add(phrases)
    lower, support_caps = vocabulary(texts, support)
    return Reading(_table(found), usage.packed(), PackedCounts.of(lower), PackedCounts.of(support_caps), tuple(sorted(_support_acronyms(support))))


@dataclass
class Sums:
    """The archive's word counts that each name is weighed against: every article's ``Reading`` summed."""

    lower: Counter[str] = field(default_factory=Counter)
    support_caps: Counter[str] = field(default_factory=Counter)
    usage: _Usage = field(default_factory=_Usage)

    def add(self, reading: Reading) -> None:
        reading.lower.add_to(self.lower)
        reading.support_caps.add_to(self.support_caps)
        self.usage.add_packed(reading.usage)

    def take(self, reading: Reading) -> None:
        """Take out a reading added before; raises ``ValueError`` if it was not."""
        for counts, total in zip((reading.lower, reading.support_caps, *reading.usage), (self.lower, self.support_caps, *self.usage.counters())):
            counts.take_from(total)


def summed(readings: Iterable[Reading]) -> Sums:
    sums = Sums()
    for reading in readings:
        sums.add(reading)
    return sums


#: The step that keeps the sums from run to run (``kept_sums``).
SUMS_STEP = "discovery-sums"


def kept_sums(readings: Mapping[str, Reading], sources: Mapping[str, str], steps: StepCache, earlier: Callable[[str], Reading | None]) -> Sums:
    """``summed(readings.values())``, worked out from the last run's sums when few articles changed.

    ``sources`` names what each page's reading was read from (its parse key); ``earlier`` gives back the reading
    read from such a key in an earlier run, if it still can. The readings of articles gone or changed are taken
    out of the kept sums, those of new or changed ones put in. When a reading cannot be given back, or the sums
    do not hold it, or more than one article in ten changed, the readings are summed anew.
    """
    if not all(sources.values()):  # a reading named by nothing cannot be taken out later
        return summed(readings.values())
    kept = steps.last(SUMS_STEP)
    changes = _changes(kept, sources)
    sums = None
    if changes is not None:
        sums, gone, came = changes
        if not gone and not came:
            return sums
        sums = _updated(sums, [earlier(key) for key in gone], [readings[page] for page in came])
    if sums is None:
        sums = summed(readings.values())
    steps.keep(SUMS_STEP, (dict(sources), sums))
    return sums


def _changes(kept: object, sources: Mapping[str, str]) -> tuple[Sums, list[str], list[str]] | None:
    """The kept sums, the sources of the readings to take out of them and the pages whose readings to put in;
    None when nothing usable was kept or too much changed."""
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict) and isinstance(kept[1], Sums)):
        return None
    sources_then, sums = kept
    gone = [key for page, key in sources_then.items() if sources.get(page) != key]
    came = [page for page, key in sources.items() if sources_then.get(page) != key]
    return (sums, gone, came) if len(gone) + len(came) <= len(sources) // 10 else None


def _updated(sums: Sums, gone: list[Reading | None], came: list[Reading]) -> Sums | None:
    """``sums`` without the readings ``gone`` and with those that ``came``; None if one that is gone is unknown
    or not in them."""
    try:
        for reading in gone:
            if reading is None:
                return None
            sums.take(reading)
    except ValueError:
        return None
    for reading in came:
        sums.add(reading)
    return sums


#: An article's texts with their phrases, made afresh at each call: the phrases of a whole archive are too
#: many to hold at once, so they are unpacked one article at a time, once for each pass that reads them.
PhraseSource = Callable[[str], Iterable[tuple[str, list[_Phrase]]]]

#: The questions that decide an article's occurrences, each asked of the whole archive's usage of words:
_NEVER_ALONE, _MID_KEY, _MID_WORD, _RARE_START, _ORDINARY = range(5)
#: An article's occurrences, and the questions asked on the way with their answers, packed in two strings:
#: a few objects where a tuple for each would be millions over an archive, in memory and in the kept steps.
#: Occurrences are "key␂word␁word␂1" (1: made by a join), questions "<question><about><answer: 0 or 1>",
#: each joined by "␀"; no key or word holds these characters, for they are made of word characters and spaces.
_Decided = tuple[str, str]


def _occurrences(
    articles: Sequence[str],
    phrases_of: PhraseSource,
    ordinary: Callable[[str], bool] = lambda word: True,
    usage: _Usage | None = None,
    steps: StepCache | None = None,
    keys: Mapping[str, str] | None = None,
) -> list[_Occurrence]:
    """Every name phrase of the articles' texts, with joins decided and sentence-initial words dropped: each
    article's same phrase once, with the number of times it uses it.

    A word that starts a sentence and is never capitalised elsewhere is dropped, unless the corpus starts
    sentences with the same run of words more than once and the word is not ``ordinary``: "Maria Lopez
    met…" twice keeps "Maria", where "Speculation grew", "Despite Acme's…" or one "Rarely Acme…" do not.
    ``usage`` is the texts' ``_Usage`` when it is known already; else the texts are read twice, once for it.

    With ``steps`` and ``keys`` (each article's ``entities.texts_key``, by article), an article's occurrences and the answers that
    decided them are kept: in a later run, an article whose texts and answers are the same is not read again.
    """
    if usage is None:
        usage = _Usage()
        for article in articles:
            for _, phrases in phrases_of(article):
                usage.add(phrases)
    standalone, initial_keys, mid_keys, mid_tokens = usage.standalone, usage.initial_runs, usage.mid_keys, usage.mid_words
    answers: tuple[Callable[[str], bool], ...] = (
        lambda key: standalone[key] == 0,  # _NEVER_ALONE
        lambda key: key in mid_keys,  # _MID_KEY
        lambda word: word in mid_tokens,  # _MID_WORD
        lambda key: initial_keys[key] < 2,  # _RARE_START
        ordinary,  # _ORDINARY
    )
    if steps is None or keys is None:
        decided = [_decide(phrases_of(article), answers) for article in articles]
    else:
        alike: dict[str, bool] = {}  # each question asked with its answer then, and whether it gets it now: articles ask the same ones
        decided = steps.each(
            "name-occurrences", None, [keys[article] for article in articles], lambda number: _decide(phrases_of(articles[number]), answers),
            valid=lambda kept: _answered_alike(kept[1], answers, alike),
        )
    return [_Occurrence(article, *occurrence) for article, (found, _) in zip(articles, decided) for occurrence in _unpack(found)]


def _unpack(found: str) -> Iterator[tuple[str, tuple[str, ...], bool, int]]:
    """(key, words, joined, times) of each distinct occurrence packed in ``found`` (``_Decided``), in the order
    each first comes: an article names the same things again and again, and each is unpacked and weighed once."""
    if found:
        for occurrence, times in Counter(found.split("\x00")).items():
            key, words, joined = occurrence.split("\x02")
            yield key, tuple(words.split("\x01")), joined == "1", times


def _answered_alike(asked: str, answers: Sequence[Callable[[str], bool]], alike: dict[str, bool] | None = None) -> bool:
    """Whether every question of ``asked`` (``_Decided``) has the same answer now; ``alike`` keeps what each
    question (with the answer it had) was found to be, for the next articles that ask it."""
    if not asked:
        return True
    alike = {} if alike is None else alike
    for question in asked.split("\x00"):
        same = alike.get(question)
        if same is None:
            same = alike[question] = answers[int(question[0])](question[1:-1]) == (question[-1] == "1")
        if not same:
            return False
    return True


def _decide(texts: Iterable[tuple[str, list[_Phrase]]], answers: Sequence[Callable[[str], bool]]) -> _Decided:
    """One article's occurrences, from its texts and their phrases, and the questions of ``answers`` asked."""
    asked: list[str] = []

    def ask(question: int, about: str) -> bool:
        answer = answers[question](about)
        asked.append(f"{question}{about}{1 if answer else 0}")
        return answer

    found: list[str] = []
    for text, phrases in texts:
        merged: list[tuple[list[_Token], bool, bool, str]] = []  # tokens, initial, joined, key
        for phrase in phrases:
            if merged and phrase.joined_by and _joins(merged[-1][0], phrase, ask):
                tokens, initial, _, _ = merged[-1]
                tokens = tokens + phrase.tokens
                merged[-1] = (tokens, initial, True, text[tokens[0].start: tokens[-1].end])
            else:
                merged.append((phrase.tokens, phrase.initial, False, phrase.key))
        for tokens, initial, joined, key in merged:
            first = tokens[0].text
            if (
                initial and not ask(_MID_KEY, key) and not ask(_MID_WORD, first) and not _unmistakable(first)
                and (ask(_RARE_START, key) or ask(_ORDINARY, first))
            ):
                tokens = tokens[1:]
                if not tokens or (joined and tokens[0].lower in _CONNECTORS):
                    continue
                key = text[tokens[0].start: tokens[-1].end] if joined else " ".join(t.text for t in tokens)
            found.append(key + "\x02" + "\x01".join([t.text for t in tokens]) + ("\x021" if joined else "\x020"))
    return "\x00".join(found), "\x00".join(asked)


@functools.lru_cache(maxsize=65536)
def _unmistakable(word: str) -> bool:
    """Acronyms and camel-case words are names wherever they stand."""
    return (is_acronym(word) and word.lower() not in lexicon.COMMON_ACRONYMS) or (word[:1].islower() and _is_capitalised(word))


def _joins(left: list[_Token], right: _Phrase, ask: Callable[[int, str], bool]) -> bool:
    """"Strategy and Financial Briefing" is one name; "Microsoft and Nokia" are two."""
    connector = right.joined_by or ""
    left_key = " ".join(t.text for t in left)
    if connector in lexicon.PARTICLES:
        return True
    if connector in ("of", "for"):
        return len(left) == 1 and ask(_NEVER_ALONE, left_key)
    return ask(_NEVER_ALONE, left_key) and ask(_NEVER_ALONE, right.key)


def _split_prefixes(occurrences: list[_Occurrence]) -> list[_Occurrence]:
    """"Nokia Windows Phone 7" names two things when both parts stand alone elsewhere."""
    counts = _key_counts(occurrences)
    split: list[_Occurrence] = []
    for occurrence in occurrences:
        words = occurrence.words
        if len(words) >= 2 and not occurrence.joined:
            head, rest = words[0], " ".join(words[1:])
            rest_key = rest if counts[rest] else _singular(rest, counts)
            if counts[head] >= 2 and rest_key and counts[rest_key] >= 2:
                split.append(_Occurrence(occurrence.article, head, (head,), times=occurrence.times))
                split.append(_Occurrence(occurrence.article, rest, words[1:], times=occurrence.times))
                continue
        split.append(occurrence)
    return split


def _key_counts(occurrences: Iterable[_Occurrence]) -> Counter[str]:
    """How many times the articles use each key."""
    counts: Counter[str] = Counter()
    for occurrence in occurrences:
        counts[occurrence.key] += occurrence.times
    return counts


def _singular(key: str, counts: Counter[str]) -> str | None:
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss") and counts[key[:-1]]:
        return key[:-1]
    return None


# Long: the steps of discovery in order over the whole archive, with what is kept from the last run beside
# each; each step reads what the one before found.
def discover(
    texts: Sequence[tuple[str, str]],
    support: Iterable[str] = (),
    readings: Mapping[str, Reading] | None = None,
    steps: StepCache | None = None,
    keys: Mapping[str, str] | None = None,
    sums: Sums | None = None,
) -> list[Candidate]:
    """Names that the texts (article, text) use, merged with their aliases.

    ``support`` is further text (reader comments) that can confirm a name the
    articles use once, but never adds a name of its own. ``readings`` are what
    each article gives (``read``), by article, when they are known already:
    then ``support`` is not read, for they hold all discovery needs of it.
    ``steps`` and ``keys`` (each article's ``entities.texts_key``, by article) keep what each article gave, for a
    later run (``_occurrences``). ``sums`` are the ``readings`` summed, when they are known already (``kept_sums``).
    """
    usage = None
    if readings is None:
        support = list(support)
        lower, support_caps = vocabulary((text for _, text in texts), support)
        acronyms = _support_acronyms(support)
    else:
        sums = sums or summed(readings.values())
        lower, support_caps, usage = sums.lower, sums.support_caps, sums.usage
        acronyms = {acronym for reading in readings.values() for acronym in reading.acronyms}

    def ordinary(word: str) -> bool:  # a common word, written in lower case in the corpus or known to open sentences
        folded = word.lower()
        return folded in lower or folded in lexicon.OPENERS
    grouped: dict[str, list[str]] = {}
    for article, text in texts:
        grouped.setdefault(article, []).append(text)
    if readings is None:
        occurrences = _occurrences(list(grouped), lambda article: [(text, _phrases(text)) for text in grouped[article]], ordinary)
    else:
        occurrences = _occurrences(
            list(grouped), lambda article: zip(grouped[article], phrases_from_table(readings[article].phrases, grouped[article])), ordinary, usage, steps, keys
        )
    occurrences = _split_prefixes(occurrences)
    groups: dict[str, Candidate] = {}
    counts = _key_counts(occurrences)
    singular = {key: _singular(key, counts) or key for key in counts}
    for occurrence in occurrences:
        key = singular[occurrence.key]
        candidate = groups.get(key)
        if candidate is None:
            candidate = groups[key] = Candidate(key)
        candidate.surfaces.add(occurrence.key)
        candidate.count += occurrence.times
        candidate.articles.add(occurrence.article)
    multi = {k: c for k, c in groups.items() if " " in k}
    singles = {k: c for k, c in groups.items() if " " not in k}
    _merge_versions(multi)
    _merge_surnames(singles, multi)
    kept = dict(multi)
    for key, candidate in singles.items():
        if _accept_single(candidate, lower, support_caps):
            kept[key] = candidate
    _merge_acronyms(kept, acronyms)
    _merge_case(kept)
    return sorted((c for c in kept.values() if not all(shouted(s) for s in c.surfaces | {c.name})), key=lambda c: c.name)


def shouted(phrase: str) -> bool:
    """Whether a phrase of two words or more is written in capitals only: a heading or a button ("INSTANT
    DOWNLOAD", "READ MORE"), not a name in prose (an acronym is one word; "HTML 5" is a version)."""
    words = phrase.split()
    return len(words) > 1 and all(any(c.isalpha() for c in word) and not any(c.islower() for c in word) for word in words)


def _accept_single(candidate: Candidate, lower: Counter[str], support_caps: Counter[str]) -> bool:
    word = candidate.name
    if lower[word.lower()] >= candidate.count and not _unmistakable(word):
        return False  # a common word: "Location", "Maps" in "…services and maps"
    if word.lower() in lexicon.PLACES:
        return True
    return candidate.count >= 2 or support_caps[word] >= 1


def _absorb(target: Candidate, other: Candidate) -> None:
    target.surfaces |= other.surfaces
    target.count += other.count
    target.articles |= other.articles


def _merge_versions(multi: dict[str, Candidate]) -> None:
    """"Windows Phone" joins "Windows Phone 7" when that is the only version the corpus names."""
    versions: defaultdict[str, list[str]] = defaultdict(list)
    for key in multi:
        base, _, last = key.rpartition(" ")
        if base and _NUMBER.fullmatch(last):
            versions[base].append(key)
    for base, keys in versions.items():
        if len(keys) == 1 and base in multi:
            _absorb(multi[keys[0]], multi.pop(base))


def _merge_surnames(singles: dict[str, Candidate], multi: dict[str, Candidate]) -> None:
    """"Elop" after "Stephen Elop": a last word used alone where the full name is used."""
    by_last: defaultdict[str, list[Candidate]] = defaultdict(list)
    for candidate in multi.values():
        last = candidate.name.rsplit(" ", 1)[-1]
        if not _NUMBER.fullmatch(last):
            by_last[last].append(candidate)
    for word in list(singles):
        single = singles[word]
        owners = [c for c in by_last.get(word, ()) if single.articles <= c.articles]
        if len(owners) == 1:
            _absorb(owners[0], singles.pop(word))


def initials(name: str) -> str:
    words = name.split()
    number = words[-1] if words and _NUMBER.fullmatch(words[-1]) else ""
    letters = "".join(w[0].upper() for w in words if w[0].isalpha() and w.lower() not in _CONNECTORS)
    return letters + number


def _support_acronyms(support: Iterable[str]) -> set[str]:
    found = set()
    for text in support:
        for word in _TOKEN.findall(text):
            if len(word) > 2 and word[-2] in "’'" and word[-1] in "sS":
                word = word[:-2]  # possessive
            if word.isupper() and is_acronym(word) and _unmistakable(word):
                found.add(word)
    return found


#: Where several names share an acronym's initials, in how many articles it and one of them must stand together
#: for the acronym to be that name's, and how many times as many as it and any other name.
ACRONYM_SPELT_IN = 2
ACRONYM_MARGIN = 2


def _merge_acronyms(kept: dict[str, Candidate], more: set[str] = frozenset()) -> None:
    """"WP7" is "Windows Phone 7", "MWC" is "Mobile World Congress", when exactly one name fits.

    Acronyms of ``more`` (from reader comments) become aliases too, without counting as mentions.
    """
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for key, candidate in kept.items():
        for surface in candidate.surfaces | {key}:
            if " " in surface and len(surface.split()) >= 2 and not shouted(surface):
                owners[initials(surface)].add(key)
                owners[initials(surface)[: -len(surface.split()[-1])] if _NUMBER.fullmatch(surface.split()[-1]) else ""].add(key)
    for key in [k for k in kept if is_acronym(k) and " " not in k]:
        # the one name it can stand for, spelt out in an article that uses it: not a name that only shares its
        # initials; where several names share them, the one that the articles using it spell out most, in more than
        # one and in twice as many as any other ("US" is "United States", not "University of Surrey")
        bare = key.replace(".", "").upper()
        shared = sorted(((len(kept[t].articles & kept[key].articles), t) for t in owners.get(bare, set()) - {key}
                         if bare not in without_stops(t).upper().split()), reverse=True)  # "US Senate" is not what "US" stands for
        spelt = [t for n, t in shared if n]
        if spelt and (len(shared) == 1 or (shared[0][0] >= ACRONYM_SPELT_IN and shared[0][0] >= ACRONYM_MARGIN * shared[1][0])):
            _absorb(kept[spelt[0]], kept.pop(key))
    for acronym in sorted(more - set(kept)):
        targets = owners.get(acronym.replace(".", "").upper(), set()) & set(kept)
        if len(targets) == 1:
            kept[next(iter(targets))].surfaces.add(acronym)


#: The stops of an acronym written with them: "U.S.", "U.K.", "D.C.".
_ACRONYM_STOPS = re.compile(r"(?<![^\W\d_])([A-Z])\.(?=[A-Z]\.|\s|$)")


def without_stops(name: str) -> str:
    """The name with its acronyms written without stops: "U.S." as "US", "Washington D.C." as "Washington DC"."""
    return _ACRONYM_STOPS.sub(r"\1", name) if "." in name else name


def _merge_case(kept: dict[str, Candidate]) -> None:
    """Merge the writings of one name that differ in case or in an acronym's stops ("US", "U.S.")."""
    by_fold: defaultdict[str, list[str]] = defaultdict(list)
    for key in kept:
        by_fold[without_stops(key).casefold()].append(key)
    for keys in by_fold.values():
        if len(keys) > 1:
            keys.sort(key=lambda k: -kept[k].count)
            for other in keys[1:]:
                _absorb(kept[keys[0]], kept.pop(other))


def canonical(candidate: Candidate) -> str:
    """The fullest form: most words, then the longest."""
    return max(candidate.surfaces | {candidate.name}, key=lambda s: (len(s.split()), len(s), s))
