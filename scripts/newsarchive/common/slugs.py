"""File names for pages: lowercase ASCII slugs, numbered when two would clash."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str, fallback: str) -> str:
    """A lowercase ASCII slug of letters, digits and hyphens; ``fallback`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return slug or fallback


def unique_slug(text: str, fallback: str, taken: set[str]) -> str:
    """``slugify(text)``, numbered "-2", "-3"… past the slugs in ``taken``, which it joins."""
    base = slugify(text, fallback)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
