"""Compact JSON text for the large data files (the search index, the timeline), made by orjson.

Of text, whole numbers, lists and objects, orjson writes what ``json.dumps(value, ensure_ascii=False,
separators=(",", ":"))`` writes, ten times faster (fractions it may spell otherwise: "5e-8" for "5e-08"): the
search index and the timeline of 10,000 articles are 60 MB of JSON, made again on every run. What orjson
refuses (a lone surrogate, a key that is not a string) is written by the json module instead.
"""

from __future__ import annotations

import json

import orjson


def compact(value: object) -> str:
    """``value`` as compact JSON text, non-ASCII characters as they are."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
