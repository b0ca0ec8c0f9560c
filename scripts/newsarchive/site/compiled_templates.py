"""Compiled Jinja templates kept between runs, so that a run compiles only the templates whose source changed.

Every run made its templates' Python code again: the converter's 13 (0.1 s) and, in each ``mkdocs build``,
Material's 42 (0.3-0.4 s, a tenth of a rebuild after one change at 1,000 articles). Jinja keeps compiled
code with the checksum of its source and compiles again when the source differs (``FileSystemBytecodeCache``).
What it does not check is how the environment compiles: its delimiters, whitespace options, extensions and the
way each filter and test is called are fixed in the code it makes. So the code is kept in a sub-folder named by
a digest of those settings: another setting, another folder, never code compiled for other settings.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2


def _passes(function: object) -> str:
    """What Jinja passes a filter or a test first (context, environment…), which the compiled call spells out."""
    return str(getattr(function, "jinja_pass_arg", None))


def _named(value: object) -> str:
    """A setting as text: a callable by its module and name (its address changes from run to run), the rest as it prints."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}:{_passes(value)}"
    return repr(value)


def settings_digest(environment: jinja2.Environment) -> str:
    """A digest of what shapes the code ``environment`` compiles a template into (not of any template)."""
    settings = [
        jinja2.__version__,
        *(
            _named(getattr(environment, name))
            for name in (
                "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                "autoescape", "finalize", "undefined", "is_async", "code_generator_class", "context_class",
            )
        ),
        *sorted(environment.extensions),
        *(f"filter {name} {_passes(f)}" for name, f in sorted(environment.filters.items())),
        *(f"test {name} {_passes(t)}" for name, t in sorted(environment.tests.items())),
    ]
    return hashlib.sha256("\n".join(settings).encode()).hexdigest()[:16]


def keep_compiled(environment: jinja2.Environment, folder: Path | None) -> Path | None:
    """Have ``environment`` keep the code of the templates it compiles under ``folder``, and load it from there;
    with no folder, keep none (an environment outlives a run, and the last run's folder may be gone).

    Call it once the environment has its extensions, filters and tests, before it loads a template (one it
    loaded already stays as it is). Returns the sub-folder for these settings.
    """
    if folder is None:
        environment.bytecode_cache = None
        return None
    kept = folder / settings_digest(environment)
    kept.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(kept))
    return kept
