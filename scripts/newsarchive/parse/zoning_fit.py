"""Fit the zoning model (``zoning.json``) on annotated real pages: ``newsarchive fit-zoning PAGES``.

``PAGES`` is a folder laid out as ``../shared/realpages`` is: ``manifest.json`` (each page's ``name`` and
``split``), ``text/NAME.txt`` (the page as a text browser dumps it) and ``truth/NAME.json`` (what people
annotated: the body's full text or segments it must and must not hold, the reader comments, the title, the
authors, the date). Each line of a page's text gets the role the annotation gives it, or none where the
annotation does not say; a multinomial logistic regression (scikit-learn) is fitted on the ``fit`` pages'
lines, and the transitions between roles are counted on them. Two rankers are fitted over the zoned pages:
one puts the annotated title first among the lines near the body's start, the other the line that names the
annotated writers among those the byline grammars read a name in. Last, a comment model is fitted on the
comments that the parser reads in the zoned pages whose reader comments are annotated: a section is reader
comments only where it finds one. Fitting is deterministic: the same pages give the same file, byte for byte. The lines of the ``check`` pages are scored and the figures kept in the file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from ..capture.read import clean_text, decode
from ..common.language import LANGUAGES  # the languages whose function words the model counts
from .comments import Shown
from .dates import find_date
from .lines import Line, looks_like_markdown, plain_markdown, split_lines, strip_link_markers, wrap_width
from .zoning import BASE, BODY, BYLINE, BYLINE_FEATURES, COMMENT, COMMENT_FEATURES, FURNITURE, ROLES, TITLE, TITLE_FEATURES, Zoner, base_features, byline_candidates, comment_rows, features, title_candidates

__all__ = ["fit", "fit_pages", "labels", "load", "names_match", "page_lines", "stop_words"]

_WORD = re.compile(r"\w+")


def _tokens(text: str | None) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(text.casefold())


def _grams(tokens: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(tokens[k : k + n]) for k in range(len(tokens) - n + 1)}


def page_lines(text: str) -> tuple[list[Line], int | None]:
    """The lines the parser zones, as ``parse_capture`` reads them."""
    if looks_like_markdown(text):
        text = plain_markdown(text)
    lines = split_lines(strip_link_markers(text))
    return lines, wrap_width(lines)


class _Text:
    """An annotated text, for asking whether a line is part of it."""

    def __init__(self, texts: list[str]) -> None:
        self.tokens = [_tokens(t) for t in texts if t]
        self.grams = set().union(*(_grams(t) for t in self.tokens)) if self.tokens else set()
        self.joined = " | ".join(" ".join(t) for t in self.tokens)

    def holds(self, tokens: list[str]) -> bool | None:
        """True when the line's words are part of the text, None when the line is too short to tell by itself."""
        if not tokens or not self.tokens:
            return False
        if len(tokens) < 3:
            return None if f" {' '.join(tokens)} " in f" {self.joined} " else False
        grams = _grams(tokens)
        return sum(g in self.grams for g in grams) >= 0.6 * len(grams)


def labels(lines: list[Line], truth: dict) -> list[int | None]:
    """Each line's role by the annotation, or None where it does not tell."""
    tokens = [_tokens(line.text) for line in lines]
    n = len(lines)
    out: list[int | None] = [None] * n
    body, comments = truth.get("body") or {}, truth.get("comments") or {}
    full_body = body.get("kind") == "full_text"
    body_text = _Text([body.get("text", "")] if full_body else list(body.get("must_contain", ())))
    not_body = _Text(list(body.get("must_not_contain", ())))
    if comments.get("kind") == "full_text":
        comment_text = _Text([comments.get("text", "")] if comments.get("present") else [])
    else:
        comment_text = _Text(list(comments.get("must_contain", ())))
    full_comments = comments.get("kind") == "full_text"
    weak: dict[int, int] = {}
    for i, words in enumerate(tokens):
        in_body, in_comments = body_text.holds(words), comment_text.holds(words)
        if in_body:
            out[i] = BODY
        elif in_comments:
            out[i] = COMMENT
        elif in_body is None or in_comments is None:
            weak[i] = BODY if in_body is None else COMMENT
        elif not_body.holds(words):
            out[i] = FURNITURE
        elif full_body and (full_comments or not comments):
            out[i] = FURNITURE  # the whole article (and its comments) annotated: the rest is the page's furniture
    for i, role in weak.items():  # a short line of the text: part of it when a line next to it is
        near = [out[k] for k in (i - 2, i - 1, i + 1, i + 2) if 0 <= k < n]
        out[i] = role if role in near else (FURNITURE if full_body and (full_comments or not comments) else None)
    if full_body:
        # the title and byline stand in the annotated text as its first short lines: neither body nor known
        first_prose = next((i for i, words in enumerate(tokens) if out[i] == BODY and len(words) >= 8), n)
        for i in range(first_prose):
            if out[i] == BODY:
                out[i] = None
    said = [i for i, role in enumerate(out) if role == COMMENT]
    for a, b in zip(said, said[1:]):
        # the comment section runs from one comment's text to the next's: the headers, dates and reply buttons
        # between them are part of it, not the page's furniture (a sidebar quoting a comment far below is not)
        if b - a <= COMMENT_GAP:
            for i in range(a + 1, b):
                if out[i] in (None, FURNITURE):
                    out[i] = COMMENT
    _mark_head(lines, tokens, truth, out)
    return out


#: How many lines of headers and buttons may stand between two comments' texts.
COMMENT_GAP = 12
#: How many lines into the text a byline may stand (under a standfirst, a picture and its caption).
HEAD_LINES = 10


def _mark_head(lines: list[Line], tokens: list[list[str]], truth: dict, out: list[int | None]) -> None:
    """The title's line(s), the byline's, and the furniture over the title, where the annotation gives them."""
    title = _tokens(truth.get("title"))
    matches: list[tuple[int, int]] = []  # the first and last line of each place the title stands
    for i in range(len(lines) if title else 0):
        if not tokens[i] or lines[i].mark:
            continue  # a menu's item, or an image's or a bullet's line alone, is no title's start
        joined: list[str] = []
        for k in range(i, min(i + 3, len(lines))):
            joined += tokens[k]
            if joined == title:
                matches.append((i, k))
                break
            if len(joined) >= len(title) or title[: len(joined)] != joined:
                break
    title_at = None
    if matches:
        # where the title stands more than once (a sidebar's teaser, a breadcrumb), the place nearest over the text
        body_at = next((i for i, role in enumerate(out) if role == BODY), len(lines))
        over = [m for m in matches if m[0] < body_at]
        first, last = max(over) if over else min(matches)
        title_at = first
        for j in range(first, last + 1):
            out[j] = TITLE
    authors = truth.get("author") or []
    authors = [authors] if isinstance(authors, str) else authors
    names = [set(_tokens(a)) for a in authors if _tokens(a)]
    day = (truth.get("date") or "")[:10]
    body_at = next((i for i, role in enumerate(out) if role == BODY), len(lines))
    head_end = max(body_at, title_at or 0) + HEAD_LINES  # a byline stands over the text, or just into it
    for i, line in enumerate(lines[:head_end]):
        if out[i] in (TITLE, COMMENT) or len(tokens[i]) > 20 or not tokens[i]:
            continue
        named = any(name <= set(tokens[i]) for name in names)
        dated = bool(day) and any(ch.isdigit() for ch in line.text) and _dates(line.text, day)
        if (named or dated) and out[i] != BODY:
            out[i] = BYLINE
    if title_at is not None:
        for i in range(title_at):
            if out[i] is None:
                out[i] = FURNITURE


def _dates(text: str, day: str) -> bool:
    rest = text
    while rest and (found := find_date(rest)) is not None:
        date, (_, end) = found
        if date.value is not None and date.value.date().isoformat() == day:
            return True
        rest = rest[end:] if end > 0 else ""
    return False


def stop_words() -> list[str]:
    import importlib

    words: set[str] = set()
    for language in LANGUAGES:
        words |= {w.casefold() for w in importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS}
    return sorted(w for w in words if _WORD.fullmatch(w))


@dataclass
class _Page:
    lines: list[Line]
    base: np.ndarray
    rows: np.ndarray
    roles: list[int | None]
    titled: bool  # the annotation gives the title
    told: frozenset[int]  # the lines the comment grammars read as comments'
    authors: list[str]  # the writers the annotation names
    text: str  # the page's cleaned text
    comments: _Text | None  # the reader comments as annotated (none for a page without), or None where not annotated
    comments_whole: bool  # ``comments`` is their whole text, not segments of it
    site: str  # the page's host: the folds of the cross-fitting keep a site's pages together


def _page(pages: Path, name: str, stop: frozenset[str]) -> _Page:
    text, _, _ = decode((pages / "text" / f"{name}.txt").read_bytes())
    text, _ = clean_text(text)
    lines, width = page_lines(text)
    truth = json.loads((pages / "truth" / f"{name}.json").read_text(encoding="utf-8"))
    from . import grammar_reading

    told = grammar_reading(text).comments
    base = base_features(lines, width, stop, told)
    authors = truth.get("author") or []
    authors = [authors] if isinstance(authors, str) else list(authors)
    annotated = truth.get("comments") or {}
    whole = annotated.get("kind") == "full_text"
    comments = None
    if whole:
        comments = _Text([annotated.get("text") or ""] if annotated.get("present") else [])
    elif annotated.get("present") and annotated.get("must_contain"):
        comments = _Text(list(annotated["must_contain"]))
    site = (urlsplit(truth.get("url") or "").hostname or name).removeprefix("www.")
    return _Page(lines, base, features(base), labels(lines, truth), bool(truth.get("title")), told, authors, text, comments, whole, site)


def _fit_title(seen: list[tuple[Zoner, _Page]], c: float) -> dict:
    """The title ranker: a logistic regression over each titled page's candidates (as ``seen`` by a zoning model
    not fitted on it), the annotated title's first line the one to put first."""
    rows, wanted = [], []
    for zoner, page in seen:
        if not page.titled:
            continue
        probabilities = zoner.probabilities(page.rows)
        chosen, candidates = title_candidates(page.lines, page.base, probabilities, zoner.path(probabilities))
        first = next((i for i, role in enumerate(page.roles) if role == TITLE), None)
        for i, row in zip(chosen, candidates):
            rows.append(row)
            wanted.append(i == first)
    return _ranker(rows, wanted, TITLE_FEATURES, c, max_iter=3000, threshold=-1e9)  # the best candidate is the title, however it scores


def names_match(found: tuple[str, ...] | list[str], annotated: list[str]) -> bool:
    """Whether ``found`` names the annotated writers: every word of theirs, and not many more."""
    wanted = set(_tokens(" ; ".join(annotated)))
    got = set(_tokens(" ; ".join(found)))
    return bool(wanted) and wanted <= got and len(got) <= 3 * len(wanted) + 2


#: The byline ranker's inverse regularisation, and the probability over which its first candidate's names stand
#: over the grammars' writers (chosen by five-fold cross-validation on the ``fit`` pages: writers right 0.47 → 0.60,
#: the first candidate standing wherever there is one).
BYLINE_C = 0.3
BYLINE_THRESHOLD = 0.0


def _fit_byline(zoner: Zoner, pages: list[_Page]) -> dict:
    """The byline ranker: a logistic regression over each page's byline candidates, those naming the annotated
    writers the ones to put first."""
    rows, wanted = [], []
    for page in pages:
        if not page.authors:
            continue
        probabilities = zoner.probabilities(page.rows)
        roles = zoner.path(probabilities)
        title = zoner.best_title(zoner.title_scores(page.lines, page.base, probabilities, roles))
        found, candidates = byline_candidates(page.lines, probabilities, roles, title, zoner.stop, page.told)
        for (_, names), row in zip(found, candidates):
            rows.append(row)
            wanted.append(names_match(names, page.authors))
    return _ranker(rows, wanted, BYLINE_FEATURES, BYLINE_C, max_iter=5000, threshold=BYLINE_THRESHOLD)


#: The comment model's inverse regularisation, and the probability that one comment of a section must reach for
#: the section to be reader comments at all (five-fold cross-validation on the ``fit`` pages, by page: of the 30
#: pages annotated as having no reader comments whose grammars read a section, 14 rather than none read none, and
#: no section that held annotated comments was lost; ending a section after its last comment over the threshold
#: lost annotated comments on every setting tried, and is not done).
COMMENT_C = 0.01
COMMENT_THRESHOLD = 0.5
#: The share of a comment's runs of three words that the annotated comments must hold for it to be a reader's comment.
COMMENT_WORDS_ANNOTATED = 0.6


class _Recorder(Zoner):
    """The zoning model being fitted, keeping every comment section that the parser asks it to judge (and
    judging every comment said)."""

    def __init__(self, data: dict) -> None:
        super().__init__(data)
        self.sections: list[tuple[list[Shown], dict[int, tuple[float, float]]]] = []

    def comment_probabilities(self, section: list[Shown], roles: dict[int, tuple[float, float]] | None = None) -> np.ndarray:
        self.sections.append((section, roles or {}))
        return np.ones(len(section))


def comment_section(zoner_data: dict, page: _Page) -> tuple[list[Shown], dict[int, tuple[float, float]]]:
    """The comment section that the parser first reads in ``page``'s dump under the zoning model ``zoner_data``
    (the grammars' own, before any of the article's text is taken back out of it), and how likely that model finds
    each line a comment's and furniture."""
    from . import parse_capture

    recorder = _Recorder(zoner_data)
    parse_capture(page.text, model=recorder)
    return recorder.sections[0] if recorder.sections else ([], {})


def _said(comment: Shown, annotated: _Text) -> bool:
    """Whether ``comment`` is one of the annotated reader comments: most of its runs of three words are theirs (a
    comment of fewer words than that, or of none, is no evidence either way, and is not one)."""
    grams = _grams(_tokens(" ".join(comment.text)))
    return bool(grams) and len(grams & annotated.grams) >= COMMENT_WORDS_ANNOTATED * len(grams)


def _holds(comment: Shown, segments: _Text) -> bool:
    """Whether ``comment`` holds one of the annotated segments."""
    text = " ".join(_tokens(" ".join(comment.text)))
    return any(" ".join(tokens) in text for tokens in segments.tokens if tokens)


def _readers(comment: Shown, page: _Page) -> bool:
    """Whether ``comment`` is one of ``page``'s annotated reader comments (``_said``), or holds one of its annotated
    segments (``_holds``) where only those are annotated."""
    return _said(comment, page.comments) if page.comments_whole else _holds(comment, page.comments)  # type: ignore[arg-type]


def _fit_comments(data: dict, pages: list[_Page]) -> dict:
    """The comment model: a logistic regression over the comments that the parser reads in each page whose reader
    comments are annotated, those the annotation holds the ones to keep."""
    rows, wanted = [], []
    zoner = Zoner(data)
    for page in pages:
        if page.comments is None:
            continue
        section, roles = comment_section(data, page)
        if not section:
            continue
        if not page.comments_whole:
            # only some segments annotated: the comments that hold one are readers', the rest are not known
            held = [k for k, comment in enumerate(section) if _readers(comment, page)]
            rows.extend(comment_rows(section, zoner.stop, roles)[held])
            wanted.extend(True for _ in held)
        else:
            rows.extend(comment_rows(section, zoner.stop, roles))
            wanted.extend(_readers(comment, page) for comment in section)
    return _ranker(rows, wanted, COMMENT_FEATURES, COMMENT_C, max_iter=5000, threshold=COMMENT_THRESHOLD, balanced=True)


def _comment_scores(data: dict, pages: list[_Page]) -> dict:
    """On the pages whose reader comments are annotated: how often the comment model keeps a section that holds
    them, and how often it reads none where the page has none (or its grammars read no section at all)."""
    zoner = Zoner(data)
    kept, had, none, nothing = 0, 0, 0, 0
    for page in pages:
        if page.comments is None:
            continue
        section, roles = comment_section(data, page)
        said = bool(section) and any(zoner.comments_said(section, roles))
        if page.comments.tokens:
            if any(_readers(c, page) for c in section):
                had += 1
                kept += said
        else:
            nothing += 1
            none += not said
    return {"comment_sections_kept": round(kept / had, 3) if had else None, "no_comments_read": round(none / nothing, 3) if nothing else None}


def _unfitted(names: tuple[str, ...], threshold: float) -> dict:
    """A ranker's data before it is fitted: every weight nought, every candidate scored alike."""
    return {"features": list(names), "mean": [0.0] * len(names), "scale": [1.0] * len(names), "weights": [0.0] * len(names), "bias": 0.0, "threshold": threshold}


def _ranker(rows: list, wanted: list[bool], names: tuple[str, ...], c: float, *, max_iter: int, threshold: float, balanced: bool = False) -> dict:
    """A ranker's data: a logistic regression over its candidates' standardised ``rows``, the ``wanted`` ones true
    (the two classes weighed alike where ``balanced``)."""
    from sklearn.linear_model import LogisticRegression

    x, y = np.asarray(rows), np.asarray(wanted)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=max_iter, class_weight="balanced" if balanced else None)
    model.fit((x - mean) / scale, y)
    return {
        "features": list(names),
        "mean": _rounded(mean),
        "scale": _rounded(scale),
        "weights": _rounded(model.coef_[0]),
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
    }


def load(pages: Path) -> dict[str, list[_Page]]:
    """The annotated pages of ``pages``, by split, in the order of their names."""
    manifest = json.loads((pages / "manifest.json").read_text(encoding="utf-8"))
    stop = frozenset(stop_words())
    split: dict[str, list[_Page]] = {"fit": [], "check": []}
    for row in sorted(manifest, key=lambda r: r["name"]):
        split[row["split"]].append(_page(pages, row["name"], stop))
    return split


def fit(pages: Path, *, c: float = 0.5) -> dict:
    """The model's data, fitted on the ``fit`` pages of ``pages`` and scored on its ``check`` pages."""
    return fit_pages(load(pages), c=c)


#: How many folds the ``fit`` pages are parted in for the title ranker's cross-fitting.
FOLDS = 5


def _stage_one(pages: list[_Page], c: float, stop: list[str]) -> dict:
    """The first stage's data fitted on ``pages``: the lines' roles (``c`` the regression's inverse
    regularisation) and the transitions between them; the rankers not yet fitted (no title ranked, no byline
    standing, every comment kept)."""
    from sklearn.linear_model import LogisticRegression

    rows = [page.rows[[i for i, y in enumerate(page.roles) if y is not None]] for page in pages]
    x, y = np.concatenate(rows), np.asarray([v for page in pages for v in page.roles if v is not None])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit((x - mean) / scale, y)
    transitions = np.ones((len(ROLES), len(ROLES)))
    start = np.ones(len(ROLES))
    for page in pages:
        ys = page.roles
        known = [v for v in ys if v is not None]
        if known:
            start[known[0]] += 1
        for a, b in zip(ys, ys[1:]):
            if a is not None and b is not None:
                transitions[a, b] += 1
    transitions /= transitions.sum(axis=1, keepdims=True)
    return {
        "about": "newsarchive's text zoning model: made by `newsarchive fit-zoning`, see parse/zoning.py",
        "roles": list(ROLES),
        "base": list(BASE),
        "stop": stop,
        "mean": _rounded(mean),
        "scale": _rounded(scale),
        "weights": _rounded(model.coef_),
        "bias": _rounded(model.intercept_),
        "prior": _rounded(np.full(len(ROLES), 1 / len(ROLES))),  # balanced classes: the posterior over a flat prior
        "start": _rounded(start / start.sum()),
        "transitions": _rounded(transitions),
        "lines": {"fit": int(len(y)), "by_role": {r: int(k) for r, k in zip(ROLES, np.bincount(y, minlength=len(ROLES)))}},
        "title": _unfitted(TITLE_FEATURES, 0.0),
        "byline": _unfitted(BYLINE_FEATURES, 1.0),
        "comment": _unfitted(COMMENT_FEATURES, 0.0),
    }


def _folds(pages: list[_Page]) -> list[int]:
    """Each page's fold: a site's pages share one, the sites dealt round the folds in their sorted order."""
    sites = sorted({page.site for page in pages})
    fold = {site: k % FOLDS for k, site in enumerate(sites)}
    return [fold[page.site] for page in pages]


def fit_pages(split: dict[str, list[_Page]], *, c: float = 0.5) -> dict:
    """The model's data fitted on ``split["fit"]``: the lines' roles (with ``c`` the regressions' inverse
    regularisation), the transitions between roles, then the title ranker, the byline ranker and the comment
    model; scored on ``split["check"]``.

    The title ranker learns from what the first stage makes of pages it was not fitted on (cross-fitting: each
    page seen by the first stage fitted on the other folds, a site's pages in one fold), as it will be on a new
    page: fitted on what the first stage says of its own pages, it trusted the title's probability more than it
    deserves (the annotated title put first on the ``check`` pages 0.55 → 0.61). The byline ranker and the
    comment model, fitted so, did no better (writers right on the ``check`` pages 0.628 → 0.615, comments alike),
    and learn from the first stage fitted on all pages."""
    stop = stop_words()
    pages = split["fit"]
    data = _stage_one(pages, c, stop)
    fold_of = _folds(pages)
    crossed = [_stage_one([p for p, f in zip(pages, fold_of) if f != k], c, stop) for k in range(FOLDS)]
    data["title"] = _fit_title([(Zoner(crossed[f]), page) for page, f in zip(pages, fold_of)], c)
    data["byline"] = _fit_byline(Zoner(data), pages)
    data["comment"] = _fit_comments(data, pages)
    data["figures"] = _scores(data, split["check"]) | _comment_scores(data, split["check"])
    return data


def _rounded(values: np.ndarray) -> list:
    return np.round(np.asarray(values, dtype=np.float64), 6).tolist()


def _scores(data: dict, pages: list[_Page]) -> dict:
    """Line accuracy and each role's recall on ``pages`` (by the smoothed path), and how often the title ranker
    puts the annotated title first and the byline ranker the annotated writers."""
    zoner = Zoner(data)
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for page in pages:
        probabilities = zoner.probabilities(page.rows)
        path = zoner.path(probabilities)
        for i, y in enumerate(page.roles):
            if y is None:
                continue
            totals[ROLES[y]] += 1
            hits[ROLES[y]] += path[i] == y
            hits["all"] += path[i] == y
            totals["all"] += 1
        title = zoner.best_title(zoner.title_scores(page.lines, page.base, probabilities, path))
        if page.titled and TITLE in page.roles:
            totals["title_first"] += 1
            hits["title_first"] += title == page.roles.index(TITLE)
        if page.authors:
            totals["writers_first"] += 1
            writers = zoner.writers(page.lines, probabilities, path, title, page.told)
            hits["writers_first"] += writers is not None and names_match(writers[0], page.authors)
    return {k: round(hits[k] / totals[k], 3) for k in totals} | {"lines": totals["all"]}


def main(pages: Path, out: Path | None = None) -> int:
    """Fit on ``pages``, write the model to ``out`` (the package's own by default) and print its figures."""
    from .zoning import MODEL_FILE

    if not (pages / "manifest.json").is_file():
        print(f"fit-zoning: no manifest.json in {pages}: give the folder of annotated pages (../shared/realpages)")
        return 2
    out = out or Path(__file__).with_name(MODEL_FILE)
    data = fit(pages)
    out.write_text(dumps(data), encoding="utf-8")
    figures = ", ".join(f"{name} {value}" for name, value in data["figures"].items())
    print(f"fit-zoning: {data['lines']['fit']} annotated lines of the fit pages; on the check pages' lines: {figures}")
    print(f"fit-zoning: wrote {out}")
    return 0


def dumps(data: dict) -> str:
    """The model's file: one line of JSON, the same bytes for the same fit."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
