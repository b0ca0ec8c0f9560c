"""Entities of an archive: discovered names, curated, found in every article, typed, with roles and quotations."""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import ahocorasick

from ..common.memo import StepCache
from ..common.models import Article, BlockKind
from ..common.slugs import unique_slug
from ..parse.dates import MONTH, WEEKDAY
from . import lexicon
from .curation import Curation
from .discover import Candidate, Reading, Sums, canonical, discover, is_acronym, sentence_initial, shouted, summed, vocabulary, without_stops
from .models import Entity, Kind, Mention, Quotation, Spot, Text
from .ner import Recognised


def body_texts(article: Article) -> list[Text]:
    """The prose of an article that names things: paragraphs, quotes and list items, not headings."""
    texts = []
    for index, block in enumerate(article.body):
        if block.kind is BlockKind.LIST:
            texts.extend(Text(Spot(index, n), item.text) for n, item in enumerate(block.items))
        elif block.kind is not BlockKind.HEADING:
            texts.append(Text(Spot(index), block.text))
    return texts


@dataclass
class _Draft:
    """An entity being built: discovered or curated, before it is found in the texts."""

    name: str
    surfaces: set[str]
    kind: Kind | None = None
    roles: list[str] = field(default_factory=list)
    curated: bool = False


def _curate(candidates: list[Candidate], curation: Curation) -> list[_Draft]:
    drafts = [_Draft(canonical(c), set(c.surfaces)) for c in candidates]

    def find(name: str) -> _Draft | None:
        return next((d for d in drafts if name == d.name or name in d.surfaces), None)

    for addition in curation.add:
        found = find(addition.name)  # a name discovery found too is the curated one, with the curated kind
        if found is None:
            drafts.append(_Draft(addition.name, {addition.name, *addition.aliases}, addition.kind, list(addition.roles), True))
        else:
            found.name, found.kind, found.curated = addition.name, addition.kind, True
            found.surfaces |= {addition.name, *addition.aliases}
            found.roles += [role for role in addition.roles if role not in found.roles]

    for alias, target_name in curation.merge.items():
        source, target = find(alias), find(target_name)
        if target is None:
            target = _Draft(target_name, {target_name}, curated=True)
            drafts.append(target)
        if source is not None and source is not target:
            drafts.remove(source)
            target.surfaces |= source.surfaces
            target.roles += source.roles
        target.surfaces.add(alias)
        target.curated = True
    for old, new in curation.rename.items():
        draft = find(old)
        if draft is not None:
            draft.surfaces |= {draft.name, new}
            draft.name, draft.curated = new, True
    for name, kind in curation.kind.items():
        draft = find(name)
        if draft is not None:
            draft.kind, draft.curated = kind, True
    ignored = curation.ignore
    return [d for d in drafts if d.name not in ignored and not (d.surfaces & ignored and not d.curated) and (d.curated or not never_a_name(d.name))]


#: "I" and its contractions ("I’m", "I’ve"), alone or heading a capitalised run ("I Think"): a pronoun.
_PRONOUN = re.compile(r"I(?:[’'](?:m|ve|ll|d|s))?(?:\s|$)")
_CALENDAR = re.compile(rf"{MONTH}|{WEEKDAY}", re.IGNORECASE)


#: A document's own part with its number ("Table 2", "Fig. 3", "Chapter 9", "Tab 3", "Appendix B"): where the
#: text points the reader, not a name.
_DOCUMENT_PART = re.compile(
    r"(?:Figure|Figures|Fig\.?|Table|Tables|Tab\.?|Chapter|Section|Sect\.?|Page|Pages|Appendix|Annex|Exhibit|Paragraph|Para\.?|Footnote|Note|Step|Equation|Eq\.?)"
    r"\s+(?:[A-Z]?\d+[a-z]?|[A-Z]|[IVX]+)(?:(?:\.|\s*(?:to|-|–|and)\s*)\d+)?"
)
#: An academic degree ("PhD", "M.Sc."), or several ("PhDs"); a letter's postscript ("P.S."): no page's name.
_DEGREE = re.compile(r"(?:Ph\.?\s?D\.?|D\.?Phil\.?|M\.?Phil\.?|[BM]\.?Sc\.?|[BM]\.?Eng\.?|M\.B\.A\.|MBA|LL\.?[BM]\.?)s?|P\.S\.")
#: A cardinal point alone ("the South", "out West"): a direction, where it names a place (a person may bear it,
#: "North"; the points between are airlines' names too, "Southwest").
_DIRECTION = re.compile(r"North|South|East|West")
#: A year's era, alone or with the year ("BC", "312 BCE", "AD 1066"): a date.
_ERA = re.compile(r"(?:\d{1,4}\s*)?(?:BCE?|AD|CE|B\.C\.|A\.D\.)(?:\s*\d{1,4})?")
#: What stands beside a name and is none alone: an honorific ("Mlle"), a particle (``lexicon.PARTICLES`` but "Al",
#: alone a given name, and "bin"), a suffix ("Jr"), a saint's or a street's abbreviation ("St"); unless written in
#: capitals, as an abbreviation is ("LA", "DE").
_BESIDE_NAMES = lexicon.HONORIFICS | (lexicon.PARTICLES - {"al", "bin"}) | frozenset("mlle mme mmes messrs jr jr. sr sr. st st.".split())


def never_a_name(name: str) -> bool:
    """Whether a discovered phrase can be no one's or nothing's name, whatever the text: a number ("1", "2011"),
    a letter alone ("C"), the pronoun "I" and its contractions, a month or a weekday, a year's era ("312 BCE"), what
    stands beside a name and is none alone ("Jr", "Mlle", "De"), a document's part with its number ("Table 2"), a
    degree or several ("PhD", "PhDs"), a postscript ("P.S."), a role without a name ("Chief Justice"), an
    abbreviation of a role or a technology that discovery reads as no name either ("CEO", "USB", "RSS")."""
    name = name.strip()
    return (
        not any(c.isalpha() for c in name) or len(name) == 1 or bool(_PRONOUN.match(name)) or bool(_CALENDAR.fullmatch(name))
        or bool(_ERA.fullmatch(name)) or (name.lower() in _BESIDE_NAMES and not name.isupper())
        or bool(_DOCUMENT_PART.fullmatch(name)) or bool(_DEGREE.fullmatch(name)) or _role_alone(name)
        or (is_acronym(name) and without_stops(name).lower() in lexicon.COMMON_ACRONYMS)
    )


#: The role nouns that end a role named alone: ``lexicon.ROLES`` and a high court's judge ("Chief Justice"), who is
#: no role in reading names around roles ("Quimbly Ministry of Justice" would lose its last word).
_ROLE_HEADS = lexicon.ROLES | {"justice"}


def _role_alone(name: str) -> bool:
    """Whether a name of two words or more is a role's words only: a role noun after its modifiers or other roles."""
    words = [word.lower().rstrip(".,") for word in name.split()]
    return len(words) > 1 and words[-1] in _ROLE_HEADS and all(w in lexicon.ROLES or w in lexicon.ROLE_MODIFIERS for w in words[:-1])


def name_key(name: str) -> str:
    """How two writings of one name compare: case, spacing and an acronym's stops aside ("U.S." is "US")."""
    return " ".join(without_stops(name).casefold().split())


def _read_by_model(recognised: Mapping[str, Recognised | None], drafts: list[_Draft], ignored: frozenset[str] | set[str]) -> list[_Draft]:
    """Drafts of the names the model read that no draft stands for, one per name however it is cased; its most
    common writing is its name. Ignored names, what can be no name (``never_a_name``), spans that are not one
    name (``_name_shaped``) and names of no page (a people, a language) stay out."""
    known = {name_key(s): d for d in drafts for s in d.surfaces | {d.name}}
    written: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for found in recognised.values():
        for name, kind in found or ():
            if not kind or name in ignored or not _name_shaped(name) or not any(c.isupper() for c in name) or never_a_name(name) or shouted(name):
                continue
            key = name_key(name)
            if key not in known:
                written[key][name] += 1
            elif name not in (draft := known[key]).surfaces and any(without_stops(name) == without_stops(s) for s in draft.surfaces | {draft.name}):
                draft.surfaces.add(name)  # "US" of a name discovery found written "U.S.", or the other way round
    return [_Draft(forms.most_common(1)[0][0], set(forms)) for _, forms in sorted(written.items())]


#: What a single name is not written with: a list, a slash, brackets or quotes, an address, a dash between
#: words, a possessive inside ("Microsoft’s Bing"); nor does it start with a lower-case word ("a Boxer …") or
#: prefix ("ex-Microsoft"), end on a joining word ("… of", "… in"), or run on into a number ("… in 1958").
_NOT_ONE_NAME = re.compile(r"[,;/()\[\]\"“”@|]|\s[-–—]\s|['’]s\s|^[a-z]\S*\s|^[a-z]+-|\s(?:of|and|the|for|de|&|in|at|as|on|to|by|with)$|\s(?:in|at|as|on)\s+\d")


def _name_shaped(name: str) -> bool:
    """Whether a span the model read is written as one name (``_NOT_ONE_NAME``)."""
    return not _NOT_ONE_NAME.search(name)


def _model_votes(recognised: Mapping[str, Recognised | None], drafts: list[_Draft]) -> list[Counter[Kind | None]]:
    """For each draft, the kinds the model gave the writings of its name, counted over the archive."""
    by_key = {}
    for index, draft in enumerate(drafts):
        for surface in sorted(draft.surfaces | {draft.name}):
            by_key.setdefault(name_key(surface), index)
    votes: list[Counter[Kind | None]] = [Counter() for _ in drafts]
    for found in recognised.values():
        for name, kind in found or ():
            index = by_key.get(name_key(name))
            if index is not None:
                votes[index][Kind(kind) if kind else None] += 1
    return votes


def _automaton(drafts: list[_Draft]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for index, draft in enumerate(drafts):
        for surface in draft.surfaces | {draft.name}:
            if surface and surface not in automaton:
                automaton.add_word(surface, (index, surface))
    automaton.make_automaton()
    return automaton


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _find(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, int, str]]:
    """(draft index, start, end, surface) of every whole-word match, longest first, left to right."""
    if not len(automaton):
        return []
    found = []
    for last, (index, surface) in automaton.iter_long(text):
        start = last - len(surface) + 1
        if _bounded(text, start, last + 1):
            found.append((index, start, last + 1, surface))
    return found


# --- roles --------------------------------------------------------------------------------------

_WORDS_BEFORE = re.compile(r"((?:[\w’'&.\-]+ ){0,6}?[\w’'&.\-]+)(, | )$")
_ROLE_AFTER = re.compile(r"^, (?:the |a |an )?(?P<role>[^,.;:“”\"()\n]{2,60}?)(?=[,.;])")
_OF_ORG = re.compile(r"^ (?:of|at|from) ")


def _role_before(prefix: str, names: set[str]) -> str | None:
    """"Nokia CEO, " or "Investment analyst, " right before a name."""
    tail = prefix[-90:]
    last = tail[:-2] if tail.endswith(", ") else tail[:-1] if tail.endswith(" ") else ""
    if last.rsplit(" ", 1)[-1].lower() not in lexicon.ROLES:
        return None  # the word before the name is no role: spare the search below, most names have none
    match = _WORDS_BEFORE.search(tail)
    if not match:
        return None
    words = match.group(1).split(" ")
    if words[-1].lower() not in lexicon.ROLES:
        return None
    start = len(words) - 1
    while start > 0 and (words[start - 1].lower() in lexicon.ROLES or words[start - 1].lower().rstrip("-") in lexicon.ROLE_MODIFIERS):
        start -= 1
    for org_start in range(max(0, start - 4), start):
        if " ".join(words[org_start:start]) in names:
            start = org_start
            break
    return " ".join(words[start:])


def _role_after(rest: str) -> str | None:
    """", ex-Microsoft employee," right after a name."""
    match = _ROLE_AFTER.match(rest)
    if not match:
        return None
    role = match.group("role").strip()
    words = role.split()
    if words[0].lower() in lexicon.SPEECH_VERBS:
        return None  # who is told, not what the name is: "…, tells The Daily Reporter."
    last = words[-1].lower().rstrip("’'s")
    return role if last in lexicon.ROLES and len(words) <= 6 else None


def _org_after(rest: str, matches: list[tuple[int, int, int, str]], end: int) -> str | None:
    """" of Berenberg Bank": the organisation a role belongs to."""
    of = _OF_ORG.match(rest)
    if not of:
        return None
    return next((surface for _, start, _, surface in matches if start == end + of.end()), None)


# --- kinds --------------------------------------------------------------------------------------


@dataclass
class _Evidence:
    roles: Counter[str] = field(default_factory=Counter)
    honorific: int = 0
    product: int = 0
    organisation: int = 0
    opening: int = 0  # mentions of a one-word name that open a sentence
    after_on: int = 0  # mentions right after "on": "on Quimbler" (a platform, a place), seldom a person


def _told(draft: _Draft, evidence: _Evidence) -> Kind | None:
    """The kind the text itself tells of a name: a role or an honorific ("Nokia CEO Stephen Elop", "Mr Elop"),
    a last word such as "Bank", "Congress" or "Bridge", a first word such as "Mount" or "Hurricane", a ship's
    prefix ("USS"), the word before "of" ("Bank of Quimbury"), a known place, a version number ("Windows Phone
    7"); None when it tells none of these."""
    words = draft.name.split()
    last = words[-1].lower().rstrip(".")
    if evidence.roles or evidence.honorific:
        return Kind.PERSON
    if len(words) > 1 and (told := _told_by_head(last)) is not None:
        return told
    if len(words) > 1 and words[0].lower() in lexicon.EVENT_FIRST_WORDS:
        return Kind.EVENT
    if len(words) > 1 and words[0] in lexicon.SHIP_PREFIXES:
        return Kind.PRODUCT
    if len(words) > 1 and words[0].lower() in lexicon.PLACE_FIRST_WORDS:
        return Kind.PLACE
    if "of" in words[1:-1] and (told := _told_by_head(words[words.index("of") - 1].lower().rstrip("."))) is not None:
        return told  # "Museum of Quimbury Flight", "Festival of Velmora Lights": the word before "of" is the head
    if draft.name.lower() in lexicon.PLACES or any(s.lower() in lexicon.PLACES for s in draft.surfaces):
        return Kind.PLACE
    if len(words) > 1 and words[-1][:1].isdigit():
        return Kind.PRODUCT
    return None


#: How many of the model's readings, none of them a person's, outweigh a role the text gives a name.
ROLE_OUTWEIGHED = 3


def _role_against_model(evidence: _Evidence, votes: Counter[Kind | None]) -> bool:
    """Whether the roles the text gives a name ("Quimbly, its largest investor") tell less than the model's readings
    of it: ``ROLE_OUTWEIGHED`` or more, none a person's, most an organisation's; no honorific before it."""
    return bool(evidence.roles) and not evidence.honorific and sum(votes.values()) >= ROLE_OUTWEIGHED \
        and not votes[Kind.PERSON] and votes.most_common(1)[0][0] is Kind.ORGANISATION


def _told_by_head(word: str) -> Kind | None:
    """The kind a name's head word tells ("Congress", "Bank", "Bridge"), if it tells one."""
    if word in lexicon.EVENT_WORDS:
        return Kind.EVENT
    if word in lexicon.ORG_WORDS:
        return Kind.ORGANISATION
    if word in lexicon.PLACE_WORDS:
        return Kind.PLACE
    return None


#: A word written with a capital inside after a small letter ("MeeGo", "iPhone", "PlayStation"): a brand's
#: spelling, not a person's name, unless it is a surname's prefix ("McCarthy", "DeVito", "MacLeod").
_CAMEL = re.compile(r"(?!(?:Mc|Mac|De|Di|Du|La|Le|Van|Von|O)[A-Z])\w*[a-z][A-Z]")


#: The model's readings of a name as a people or a language that one word around it telling another kind
#: ("its Symbian phones") outweighs.
CUES_AGAINST_NO_PAGE = 3
#: How many of the model's readings one word around a name telling its kind counts as ("Quimbly's Harbour",
#: "Harbour search", "its Harbour"): the model often reads a brand as its maker, the words seldom do. On
#: ``../shared/entities-dev`` one, two and three give the same figures with the medium English pipeline, ten
#: fewer kinds right (0.754 -> 0.750); with one, a search engine that the shipped corpus and the test fixtures
#: name with "its" and "search" twice, and the model five times as an organisation, was an organisation.
CUE_WEIGHT = 3


def _kind(draft: _Draft, evidence: _Evidence, told: Kind | None, votes: Counter[Kind | None], mentions: int) -> Kind | None:
    """The draft's kind: curated, else what the text tells (``told``, its ``_told``), else the most votes among
    the kinds the trained model gave its mentions (``votes``) and what the words around it say ("its Lumia",
    "shares of Nokia"), the words winning a tie; where the words tell a kind, the model's reading of it as a
    people or a language does not count. A "person" or a "place" written as a brand ("MeeGo") or as a
    technology ("8K") is a product. The words that tell a product do not outweigh the model's "person" where the
    name is shaped as a person's: an owner's possessive comes before its people as before its products
    ("Velmora's Ana Ruiz", "Velmora's QuimPad"). A role after a name that the model reads most as a place or as
    no page's tells no organisation ("Quimbury governor", "Velmoran president"). None when nothing votes, or
    when the most votes say it is no page (a people, a language)."""
    if draft.kind:
        return draft.kind
    if told is not None:
        return told
    words = draft.name.split()
    product = evidence.product
    if product and not evidence.organisation and votes and votes.most_common(1)[0][0] is Kind.PERSON \
            and _person_shaped(words) and not any(_CAMEL.match(word) for word in words):
        product = 0  # "Velmora's Ana Ruiz": a party's or a firm's person, as the model reads her, not its product
    organisation = evidence.organisation
    if organisation and votes and votes.most_common(1)[0][0] in (Kind.PLACE, None):
        organisation = 0  # "Quimbury governor", "Velmoran president": a place's or a people's, as the model reads the name
    cues: Counter[Kind | None] = Counter({Kind.ORGANISATION: CUE_WEIGHT * organisation, Kind.PRODUCT: CUE_WEIGHT * product})
    tally = votes + cues
    if (evidence.organisation + evidence.product) * CUES_AGAINST_NO_PAGE >= votes[None] > 0:
        tally.pop(None)
    if not tally:
        return None
    kind = max(tally, key=lambda kind: (tally[kind], cues[kind]))
    if kind in (Kind.PERSON, Kind.PLACE) and len(words) == 1 and (_CAMEL.match(words[0]) or words[0][:1].isdigit()):
        return Kind.PRODUCT  # a brand's spelling ("MeeGo") or a technology's ("8K", "5G") names no person and no place
    if kind is Kind.PERSON and evidence.after_on >= AFTER_ON and AFTER_ON_SHARE * evidence.after_on >= mentions:
        # people are seldom "on" anything: a "person" met often after "on" is where one posts ("on Quimbler")
        others = [k for k in tally if k not in (Kind.PERSON, None)]
        return max(others, key=lambda kind: (tally[kind], cues[kind])) if others else Kind.ORGANISATION
    return kind


def _person_shaped(words: list[str]) -> bool:
    """Whether a name's words are as a person's: two or three, capitalised, of letters (and hyphens, initials'
    dots)."""
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words)


def _given_named(words: list[str]) -> bool:
    """Whether a name's words are as a person's (``_person_shaped``) and open with a given name (the 1990 United
    States census's first names, ``lexicon.given_names``): "Jean Quimbly", "Anne-Marie Velmora"."""
    return _person_shaped(words) and words[0].split("-")[0].upper() in lexicon.given_names()


#: The first words of places named after a saint ("San Quimbo", "Santa Velmora"), some of which are given names too.
_SAINTS = frozenset(("san", "santa", "santo", "saint", "st", "st.", "sankt", "são", "sainte"))


def _named_person(draft: _Draft, kind: Kind | None, told: Kind | None, evidence: _Evidence, lower: Counter[str], places: set[str]) -> Kind | None:
    """An "organisation" or a "place" by the model's votes alone (no word of the name, no word around it told it)
    whose name is two or three capitalised words that open with a given name is a person's ("Jean Quimbly",
    "Anne-Marie Velmora"): the small model reads many a person's name as an organisation's, and a sportsman's
    as his country's. Not where the given name or the last word is a word the archive writes in lower case
    ("Summer Quimbly", "Quimbly Entertainment"), nor where the given name is a place's ("Houston Quimblers");
    for a "place", nor where its last word is a place's ("Roman Velmora") or its first a saint's ("Santa Ana")."""
    words = draft.name.split()
    if kind not in (Kind.ORGANISATION, Kind.PLACE) or draft.kind or told is not None or evidence.organisation or not _given_named(words):
        return kind
    first = words[0].split("-")[0]
    if kind is Kind.PLACE and (words[-1] in places or words[-1].lower() in lexicon.PLACES or first.lower() in _SAINTS):
        return kind
    return kind if lower[first.lower()] or lower[words[-1].lower()] or first in places else Kind.PERSON


def _made_by(draft: _Draft, kind: Kind | None, told: Kind | None, makers: set[str]) -> Kind | None:
    """A "person" by the votes whose first word is an organisation's or a product's name (``makers``: "Nokia
    Maps") is that maker's product."""
    words = draft.name.split()
    if kind is Kind.PERSON and not draft.kind and told is None and len(words) > 1 and words[0] in makers:
        return Kind.PRODUCT
    return kind


def _told_by_words(draft: _Draft, told: Kind | None) -> bool:
    """Whether the text tells the kind (``told``, its ``_told``) by a role, an honorific, a word of the name or a
    known place: enough to keep a name the model never read (a version number is not: "Wave 4", "Died 31")."""
    return told is not None and not (told is Kind.PRODUCT and draft.name.split()[-1][:1].isdigit())


#: A name spelt as a brand ("QuimPad") that discovery finds in this many articles or more stays though the model
#: never reads it as a name: the model does not know a new brand's spelling.
SEVERAL_ARTICLES = 3


def _settled(
    draft: _Draft, kind: Kind | None, told: Kind | None, votes: Counter[Kind | None], mentions: list[Mention], recognised: Mapping[str, Recognised | None]
) -> Kind | None:
    """``kind`` once the model's silence is weighed: a discovered name the model never read as a name in the
    articles it read that name it (or read only as no page's, where a number after it was all that told a kind) is
    no entity unless its text tells its kind, or it is spelt as a brand and named in ``SEVERAL_ARTICLES``. (Any name
    in three articles stayed before: in the English pages of ``../shared/realpages``, the twelve that did so were
    buttons, a copyright line, a form's label, abbreviations and words a headline capitalises.) A name only
    discovery read, or a brand's kept so, without a kind gets one from its shape."""
    if draft.curated or not mentions:
        return kind
    read_by_model = all(recognised.get(m.article) is not None for m in mentions)
    several = len({m.article for m in mentions}) >= SEVERAL_ARTICLES and bool(_CAMEL.match(draft.name)) and " " not in draft.name
    if read_by_model and not several and not _told_by_words(draft, told) and (not votes or (told is not None and None in votes and len(votes) == 1)):
        return None  # never read as a name, or a "version number" read only as a date: "Brown 2014", "Tab 3"
    if kind is None and (several or not read_by_model) and None not in votes:
        return _guess(draft.name)
    return kind


def _lower_words(texts: Mapping[str, list[Text]], articles: Sequence[tuple[str, Article]], sums: Sums | None) -> Counter[str]:
    """How often the archive writes each word in lower case (its texts and comments): discovery's ``sums``, when
    it read the articles before, else counted now."""
    if sums is not None:
        return sums.lower
    return vocabulary([t.text for ts in texts.values() for t in ts], [p for _, article in articles for p in article.comment_paragraphs()])[0]


#: How many times a one-word "name" that opens sentences in half of its mentions or more must be written in lower
#: case in the archive, for each of its mentions, to be a common word ("Time to act", "Delivery Time: 3 days").
COMMON = 3
#: How many times a one-word "name" must be written in lower case in the archive, for each of its mentions, to be a
#: common word wherever it stands ("the Government said" where "government" is met ten times as often).
MOSTLY_COMMON = 10


_TITLES = lexicon.HONORIFICS | lexicon.LEGAL_FORMS


def _title_alone(draft: _Draft) -> bool:
    """A "name" that is an honorific or a company's legal form alone ("Sen", "Inc"): the word before or after a
    name that the text parted from it (a full stop after "Sen."), no name itself; unless curated."""
    word = draft.name.lower().rstrip(".")
    return not draft.curated and (word in _TITLES or word.endswith("s") and word[:-1] in _TITLES)  # "Sens", "Drs"


def _common_word(draft: _Draft, kind: Kind | None, told: Kind | None, evidence: _Evidence, mentions: int, lower: Counter[str]) -> bool:
    """A one-word "name" that is a common word: capitalised only where it opens a sentence ("Download the app",
    "Time will tell") and written in lower case at least as often elsewhere in the archive, or opening sentences in
    half of its mentions or more (the others a label's or a heading's: "Delivery Time: 3 days") and written in
    lower case ``COMMON`` times as often, or written in lower case ``MOSTLY_COMMON`` times as often wherever it
    stands; unless curated, or its text tells its kind."""
    if kind is None or draft.curated or " " in draft.name or not mentions or _told_by_words(draft, told):
        return False
    written = lower[draft.name.lower()]  # in lower case, over the archive
    return (
        mentions == evidence.opening and written >= mentions
        or 2 * evidence.opening >= mentions and written >= COMMON * mentions
        or written >= MOSTLY_COMMON * mentions
    )


def _guess(name: str) -> Kind:
    """A kind from a name's shape alone, for a name in articles the model did not read."""
    words = name.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words):
        return Kind.PERSON  # two or three capitalised words and nothing else to tell: most often a person's name
    if len(words) == 1 and _CAMEL.match(name):
        return Kind.PRODUCT  # a brand's spelling ("MeeGo")
    return Kind.ORGANISATION


#: The marks that open and close a quotation, as a work's title stands between them ("“Quimbly Nights”").
_OPENING_MARKS = frozenset("\"“‘'«„")
_CLOSING_MARKS = frozenset("\"”’'»“")
#: One in how many of a name's mentions must stand between quotation marks for it to be a work's title.
QUOTED_SHARE = 2


def _between_marks(text: str, start: int, end: int) -> bool:
    """Whether a mention stands whole between quotation marks (a punctuation mark may come before the closing one:
    "“Quimbly Nights,” she said"; an apostrophe and an "s" after it are a possessive's: "“Quimbly’s")."""
    if start == 0 or text[start - 1] not in _OPENING_MARKS:
        return False
    close = end + 1 if text[end: end + 1] in (",", ".", "!", "?") else end
    return text[close: close + 1] in _CLOSING_MARKS and not (text[close] in "'’" and text[close + 1: close + 2] == "s")


def _titled_work(draft: _Draft, kind: Kind | None, told: Kind | None, evidence: _Evidence, mentions: list[Mention], said: dict[tuple[str, Spot], str]) -> bool:
    """Whether a name that the model's votes make a person or an organisation is a work's title: as style guides
    have a film's, a book's, a song's or a show's, it stands whole between quotation marks in one of its mentions
    in ``QUOTED_SHARE`` or more, where a person's or an organisation's name seldom does. Not where the text tells
    its kind (a role, an honorific, a word of the name), nor where it is shaped as a person's and opens with a
    given name (a pen name, a birth name: "born “Ana Maria Ruiz”")."""
    if kind not in (Kind.PERSON, Kind.ORGANISATION) or told is not None or evidence.roles or evidence.honorific:
        return False
    if _given_named(draft.name.split()):
        return False
    quoted = sum(_between_marks(said[(m.article, m.spot)], m.start, m.end) for m in mentions)
    return quoted > 0 and quoted * QUOTED_SHARE >= len(mentions)


_NEXT_WORD = re.compile(r"(?:’s|'s)?\s+([\w-]+)")
_PREVIOUS_WORD = re.compile(r"([\w’'.]+)\s$")
#: How many mentions right after "on", and which share of a name's (one in ``AFTER_ON_SHARE`` or more), make a
#: "person" where one posts (a person's name follows "on" once in 200 times in the entities-dev texts, a place's
#: once in 120, a work's once in 50). One in six rather than one in three: on the English real pages, a photo
#: platform after "on" in 5 of its 26 mentions was a person in 8 articles; entities-dev's kinds are the same.
AFTER_ON = 3
AFTER_ON_SHARE = 6


def _evidence_at(text: str, start: int, end: int, names: set[str]) -> tuple[int, int, int, int, int]:
    """What the words around a mention say of what it names, as (product, organisation, honorific) votes ("its
    Lumia", "Nokia CEO", "Mr Elop"), whether a one-word name opens a sentence, and whether "on" comes right
    before it."""
    product = organisation = honorific = after_on = 0
    before = text[max(0, start - 40): start]
    after = text[end: end + 40]
    next_word = _NEXT_WORD.match(after)
    if next_word:
        word = next_word.group(1)
        if word.lower() in lexicon.PRODUCT_NOUNS:
            product += 1
        elif word.lower() in lexicon.ROLES and word.lower() not in ("partner", "employee"):
            organisation += 2  # "Nokia CEO"
    previous = _PREVIOUS_WORD.search(before)
    if previous:
        word = previous.group(1)
        if word.lower() in ("its", "their"):
            product += 1
        elif word.lower().rstrip(".") in lexicon.HONORIFICS:
            honorific += 1
        elif word[-2:] in ("’s", "'s") and word[:-2] in names:
            product += 1  # "Microsoft’s Bing"
        after_on = int(word.lower() == "on")
    opening = int(" " not in text[start:end] and sentence_initial(text, start))
    return product, organisation, honorific, opening, after_on


#: The names found in an article's texts, packed: for each, nine numbers (text, draft index, start, end, and
#: what the words around it say of it: product, organisation and honorific votes, whether it opens a sentence,
#: whether "on" comes before it) and two strings (the surface
#: matched, and the role it is given or ""). A few objects an article, where a tuple for each name found would be
#: a million over an archive, in memory and in the kept steps.
_Read = tuple[array, tuple[str, ...]]
_NUMBERS = 9


def _read_texts(automaton: ahocorasick.Automaton, texts: list[Text], names: set[str]) -> _Read:
    """Every name found in an article's texts, text by text, with what the words around each say of it."""
    numbers, strings = array("i"), []
    for number, text in enumerate(texts):
        matches = _find(automaton, text.text)
        for index, start, end, surface in matches:
            role = _role_before(text.text[:start], names) or _role_after(text.text[end:])
            if role:
                org = _org_after(text.text[end:], matches, end)
                role = f"{role}, {org}" if org and org not in role else role
            numbers.extend((number, index, start, end, *_evidence_at(text.text, start, end, names)))
            strings += (surface, role or "")
    return numbers, tuple(strings)


def _unpack(read: _Read) -> Iterator[tuple[int, int, int, int, int, int, int, int, int, str, str]]:
    """(text, draft index, start, end, product, organisation, honorific, opening, after "on", surface, role) of each
    name in ``read``."""
    numbers, strings = read
    for values, surface, role in zip(zip(*[iter(numbers)] * _NUMBERS), strings[0::2], strings[1::2]):
        yield *values, surface, role


def texts_key(texts: list[Text]) -> str:
    """A digest of an article's ``body_texts``: what is kept of an article between runs is kept under it."""
    digest = hashlib.blake2b(digest_size=20)
    for text in texts:
        digest.update(f"{text.spot.block},{text.spot.item}\x00".encode())
        digest.update(text.text.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()


# --- quotations ---------------------------------------------------------------------------------

_QUOTE = re.compile(r"“(?P<curly>[^”]{12,})”|\"(?P<straight>[^\"\n]{12,})\"")
_SPEECH = "|".join(sorted(lexicon.SPEECH_VERBS, key=len, reverse=True))
_VERB_THEN_NAME = re.compile(rf"^[,.]?\s*(?:{_SPEECH})\s+", re.I)
_PRONOUN_VERB = re.compile(rf"^[,.]?\s*(?:he|she)\s+(?:{_SPEECH})\b", re.I)
_NAME_THEN_VERB = re.compile(rf"^\s+(?:{_SPEECH})\b", re.I)
_VERB_BEFORE = re.compile(rf"\s(?:{_SPEECH})(?:\s+[^“\"]{{0,40}}?)?[:,]\s*$", re.I)


def _speaker(text: str, quote: re.Match[str], matches: list[tuple[int, int, int, str]], kinds: list[Kind], last_person: int | None) -> int | None:
    """Who a quotation is attributed to, as a draft index, or None."""
    after = text[quote.end(): quote.end() + 120]
    verb = _VERB_THEN_NAME.match(after)
    if verb:
        window = quote.end() + verb.end()
        near = [m for m in matches if window <= m[1] <= window + 40]
        people = [m for m in near if kinds[m[0]] is Kind.PERSON]
        if people or near:
            return (people or near)[0][0]
    if _PRONOUN_VERB.match(after):
        return last_person
    gap = re.match(r"^[,.]?\s*", after)
    start = quote.end() + (gap.end() if gap else 0)
    for index, m_start, m_end, _ in matches:
        if m_start == start and _NAME_THEN_VERB.match(text[m_end: m_end + 30]):
            return index
    before = text[max(0, quote.start() - 80): quote.start()]
    verb_before = _VERB_BEFORE.search(before)
    if verb_before:
        cut = quote.start() - len(before) + verb_before.start()
        speakers = [m for m in matches if m[2] <= cut and cut - m[2] <= 2]
        if speakers:
            return speakers[-1][0]
    return None


# --- the whole stage ----------------------------------------------------------------------------


# Long: the steps in their order (names discovered, curated, matched in every article; then typed by their
# mentions' evidence and the model's votes, common words dropped, quotations found, each entity shown), each
# on what the one before settled.
def find_entities(
    articles: Sequence[tuple[str, Article]],
    curation: Curation | None = None,
    readings: Mapping[str, Reading] | None = None,
    steps: StepCache | None = None,
    sums: Sums | None = None,
    recognised: Mapping[str, Recognised | None] | None = None,
) -> tuple[Entity, ...]:
    """Every entity of the archive with its mentions, roles and quotations; ``articles`` are (page, article).

    ``readings`` are what discovery reads in each page's article (``discover.read``), when they are known already.
    ``steps`` keeps what the names found in each article's texts were, from the last run: an article whose
    texts are the same is not read again while the names looked for are the same. ``sums`` are the readings
    summed, when they are known already (``discover.kept_sums``). ``recognised`` is what the trained model read
    in each page's article (``ner.recognise``): the names it reads that discovery did not find are looked for
    too, and the kinds it gives decide where the text itself does not tell.
    """
    curation = curation or Curation()
    recognised = recognised or {}
    texts = {page: body_texts(article) for page, article in articles}
    keys = {page: texts_key(page_texts) for page, page_texts in texts.items()}
    if sums is None and readings is not None:
        sums = summed(readings.values())  # once, for discovery and for ``_lower_words``
    candidates = discover(
        [(page, t.text) for page, ts in texts.items() for t in ts],
        (text for _, article in articles for text in article.comment_paragraphs()),
        readings,
        steps,
        keys,
        sums,
    )
    drafts = _curate(candidates, curation)
    drafts += _read_by_model(recognised, drafts, curation.ignore)
    automaton = _automaton(drafts)
    names = {s for d in drafts for s in d.surfaces | {d.name}}

    looked_for = [(d.name, sorted(d.surfaces)) for d in drafts]  # matches name the drafts by number
    pages = list(texts)
    read = (steps or StepCache(None)).each(
        "entity-matches", looked_for, [keys[page] for page in pages], lambda i: _read_texts(automaton, texts[pages[i]], names)
    )
    found: dict[tuple[str, Spot], list[tuple[int, int, int, str]]] = {}
    evidence = [_Evidence() for _ in drafts]
    mentions: defaultdict[int, list[Mention]] = defaultdict(list)
    for page, page_read in zip(pages, read):
        page_texts = texts[page]
        matched: list[list[tuple[int, int, int, str]]] = [[] for _ in page_texts]
        for number, index, start, end, product, organisation, honorific, opening, after_on, surface, role in _unpack(page_read):
            matched[number].append((index, start, end, surface))
            mentions[index].append(Mention(page, page_texts[number].spot, start, end, surface))
            votes = evidence[index]
            votes.product += product
            votes.organisation += organisation
            votes.honorific += honorific
            votes.opening += opening
            votes.after_on += after_on
            if role:
                votes.roles[role] += 1
        found.update(((page, text.spot), matches) for text, matches in zip(page_texts, matched))
    model = _model_votes(recognised, drafts)
    told = [None if _role_against_model(e, v) else _told(d, e) for d, e, v in zip(drafts, evidence, model)]
    lower = _lower_words(texts, articles, sums)
    places = lexicon.PLACES | {d.name for d, v in zip(drafts, model) if " " not in d.name and v and max(v, key=lambda k: v[k]) is Kind.PLACE}
    voted = [_kind(d, e, t, v, len(mentions[i])) for i, (d, e, t, v) in enumerate(zip(drafts, evidence, told, model))]
    voted = [_named_person(d, kind, t, e, lower, places) for d, kind, t, e in zip(drafts, voted, told, evidence)]
    makers = {d.name for d, kind in zip(drafts, voted) if kind in (Kind.ORGANISATION, Kind.PRODUCT)}
    kinds = [
        _settled(d, _made_by(d, kind, t, makers), t, v, mentions[i], recognised)
        for i, (d, kind, t, v) in enumerate(zip(drafts, voted, told, model))
    ]
    kinds = [None if _title_alone(d) else kind for d, kind in zip(drafts, kinds)]
    said = {(page, text.spot): text.text for page, page_texts in texts.items() for text in page_texts}
    kinds = [Kind.PRODUCT if _titled_work(d, kind, t, e, mentions[i], said) else kind for i, (d, kind, t, e) in enumerate(zip(drafts, kinds, told, evidence))]
    kinds = [None if kind is Kind.PLACE and _DIRECTION.fullmatch(d.name) else kind for d, kind in zip(drafts, kinds)]  # "the South"
    kinds = [None if _common_word(d, kind, t, e, len(mentions[i]), lower) else kind for i, (d, kind, t, e) in enumerate(zip(drafts, kinds, told, evidence))]
    _join_surnames(drafts, kinds, mentions, evidence, found, pages)
    quotations = _quotations(texts, found, kinds)

    taken: set[str] = {"index"}  # the entity index's page
    entities = []
    shown = [_shown_name(d, kinds[i], mentions[i]) for i, d in enumerate(drafts)]
    order = sorted(range(len(drafts)), key=lambda i: (shown[i].casefold(), shown[i]))
    for index in order:
        draft, name = drafts[index], shown[index]
        if not mentions[index]:
            continue
        kind = kinds[index]
        if kind is None:
            continue
        roles = list(dict.fromkeys([*draft.roles, *(r for r, _ in evidence[index].roles.most_common())]))
        entities.append(
            Entity(
                unique_slug(name, "entity", taken),
                name,
                kind,
                tuple(sorted((draft.surfaces | {draft.name}) - {name})),
                tuple(roles) if kind is Kind.PERSON else tuple(draft.roles),
                tuple(mentions[index]),
                tuple(quotations[index]),
                draft.curated,
            )
        )
    return tuple(entities)


_TRAILING_NUMBER = re.compile(r"\s+\d+$")


def _shown_name(draft: _Draft, kind: Kind | None, mentions: list[Mention]) -> str:
    """The name an entity's page shows: its draft's, but without the plural's "s", or a number after it (but a
    product's version: "Windows Phone 7"), where the articles write it so at least as often ("Biden" of "the
    Bidens", "iPhone" of "iPhones", "New York" of "New York 125"); a curated name as it is."""
    name = draft.name
    if draft.curated:
        return name
    shorter = name[:-1] if name.endswith("s") else name if kind is Kind.PRODUCT else _TRAILING_NUMBER.sub("", name)
    if shorter == name or shorter not in draft.surfaces:
        return name
    used = Counter(m.surface for m in mentions)
    return shorter if used[shorter] >= used[name] else name


def _join_surnames(drafts: list[_Draft], kinds: list[Kind | None], mentions: defaultdict[int, list[Mention]], evidence: list[_Evidence],
                   found: dict[tuple[str, Spot], list[tuple[int, int, int, str]]], pages: list[str]) -> None:
    """Each person named by a surname alone joins the one person of the archive whose full name ends with it
    (``_surname_owners``): its writings, mentions (in the articles' order), roles and quotations are that person's."""
    joined = _surname_owners(drafts, kinds, mentions)
    if not joined:
        return
    order = {page: n for n, page in enumerate(pages)}
    for alone, full in joined.items():
        drafts[full].surfaces |= drafts[alone].surfaces | {drafts[alone].name}
        mentions[full] = sorted(mentions[full] + mentions.pop(alone), key=lambda m: (order[m.article], m.spot, m.start))
        evidence[full].roles.update(evidence[alone].roles)
    for matches in found.values():
        matches[:] = [(joined.get(index, index), start, end, surface) for index, start, end, surface in matches]


def _surname_owners(drafts: list[_Draft], kinds: list[Kind | None], mentions: Mapping[int, list[Mention]]) -> dict[int, int]:
    """Each person named by a surname alone (by index) that joins the one person of the archive whose full name ends
    with it, and whom an article names both ways: discovery joins a surname to its full name only where every article
    that writes it writes the full name too, so "Okafor" in the articles that never write "Ana Okafor" was a page of
    its own. Not where two people of the archive share the surname, nor where no article names both, nor for a
    given name alone."""
    owners: defaultdict[str, list[int]] = defaultdict(list)
    for index, (draft, kind) in enumerate(zip(drafts, kinds)):
        words = draft.name.split()
        if kind is Kind.PERSON and len(words) > 1 and mentions.get(index):
            owners[words[-1]].append(index)
    joined = {}
    for index, (draft, kind) in enumerate(zip(drafts, kinds)):
        full = owners.get(draft.name, [])
        if kind is not Kind.PERSON or draft.curated or " " in draft.name or len(full) != 1 or not mentions.get(index):
            continue
        if draft.name.upper() in lexicon.given_names():
            continue  # "Andrew" alone is as often another Andrew as "Prince Andrew"
        if {m.article for m in mentions[index]} & {m.article for m in mentions[full[0]]}:
            joined[index] = full[0]
    return joined


def _quotations(
    texts: dict[str, list[Text]], found: dict[tuple[str, Spot], list[tuple[int, int, int, str]]], kinds: list[Kind | None]
) -> defaultdict[int, list[Quotation]]:
    quotations: defaultdict[int, list[Quotation]] = defaultdict(list)
    for page, page_texts in texts.items():
        last_person: int | None = None
        for text in page_texts:
            matches = found[(page, text.spot)]
            previous_speaker: int | None = None
            for quote in _QUOTE.finditer(text.text):
                people_before = [m[0] for m in matches if m[2] <= quote.start() and kinds[m[0]] is Kind.PERSON]
                if people_before:
                    last_person = people_before[-1]
                speaker = _speaker(text.text, quote, matches, kinds, last_person)
                if speaker is None and text.spot.item < 0:
                    speaker = previous_speaker  # a second quotation in a paragraph goes on the same voice
                words = (quote.group("curly") or quote.group("straight")).strip().rstrip(",").rstrip()
                if speaker is not None and len(words.split()) >= 4:
                    quotations[speaker].append(Quotation(page, text.spot, words))
                    previous_speaker = speaker
            people = [m[0] for m in matches if kinds[m[0]] is Kind.PERSON]
            if people:
                last_person = people[-1]
    return quotations
