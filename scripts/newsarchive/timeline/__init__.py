"""The timeline stage: articles at their publication, and the dated events their text tells."""

from .build import Event, Evidence, Timeline, Undated, build_timeline, published_key, sort_key
from .expressions import Span, When, find_expressions, sentences

__all__ = ["Event", "Evidence", "Span", "Timeline", "Undated", "When", "build_timeline", "find_expressions", "published_key", "sentences", "sort_key"]
