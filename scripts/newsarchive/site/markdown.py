"""Escaping capture text for Markdown: whatever a capture holds shows as text, never as markup."""

from __future__ import annotations

import re

import frontmatter
import yaml
from markupsafe import Markup

_INLINE = re.compile(r"([\\`*_{}\[\]|])")
_LINE_START = re.compile(r"^(\s*)([#>+=!-]|\d+[.)])", re.M)


#: A text with none of these (and no line break) is left as it is by ``md_escape``: most names, dates and titles.
_SPECIAL = re.compile(r"[&<>\\`*_{}\[\]|\n]")


def md_escape(text: str) -> str:
    """Escape text so Python-Markdown renders it literally (HTML, emphasis, links, attribute lists)."""
    if not _SPECIAL.search(text) and not _LINE_START.match(text):
        return text  # without a line break, a line start can only be the text's own
    return _escaped(text)


def _escaped(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + _escape_lead(m.group(2)), text)
    return text.replace("\n", "<br>\n")


def _escape_lead(lead: str) -> str:
    if lead[0].isdigit():
        return lead[:-1] + "\\" + lead[-1]
    return "\\" + lead if lead != "=" else "&#61;"


def finalize(value: object) -> object:
    """Jinja2 ``finalize``: every value is escaped unless the template marked it ``Markup``."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    return md_escape(str(value))


class _FrontMatterDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """PyYAML's safe dumper (libyaml's emitter where PyYAML has it: five times faster), quoting the strings a plain scalar would lose (edge whitespace such as a lone NBSP)."""


def _represent_str(dumper: yaml.BaseDumper, value: str) -> yaml.ScalarNode:
    risky = value != value.strip() or any(c.isspace() and c not in " \n" for c in value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if risky else None)


_FrontMatterDumper.add_representer(str, _represent_str)


def page_text(body: str, meta: dict) -> str:
    """A Markdown page: YAML front matter written by python-frontmatter, then the body."""
    return frontmatter.dumps(frontmatter.Post(body, **meta), Dumper=_FrontMatterDumper, sort_keys=False) + "\n"
