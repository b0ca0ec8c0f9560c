"""Which language a text reads in, by its share of each language's function words (spaCy's stop word lists,
read from their files as data: nothing of spaCy is imported)."""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

#: The languages told apart (and whose function words the zoning model counts): those of most pages in the
#: archive's development set.
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
#: How much of a text is read to tell its language.
READ_CHARS = 20_000
#: The least share of its language's function words that a text must hold to be told in it: a text's own
#: language's make a third to a half of its words, another's seldom a sixth.
LEAST_SHARE = 0.2
_LETTERS = re.compile(r"[^\W\d_]+'?")  # with an elision's apostrophe: "l'", "d'", "qu'"


@cache
def stop_words_file(language: str) -> frozenset[str]:
    """The words of spaCy's ``lang/<language>/stop_words.py``, a string split into a set, read as data (none
    without spaCy)."""
    spec = importlib.util.find_spec("spacy")  # a top-level package's spec: nothing of it is imported
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / language / "stop_words.py"
    try:
        tree = ast.parse(path.read_text("utf-8"))
    except (OSError, SyntaxError):
        return frozenset()
    texts = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    return frozenset(word for text in texts for word in text.split())


def likeliest_language(texts: Sequence[str]) -> str | None:
    """The language (of ``LANGUAGES``) whose function words make the largest share of the texts' words, if that
    share is ``LEAST_SHARE`` or more; else None (a text too short to tell, or in another language)."""
    words = _LETTERS.findall(" ".join(texts)[:READ_CHARS].lower().replace("’", "'"))
    if not words:
        return None
    shares = {language: sum(word in stop_words_file(language) for word in words) / len(words) for language in LANGUAGES}
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] >= LEAST_SHARE else None
